package maplab.kernel.eval;

import java.time.Duration;

/** What the magics need from an evaluator: run code (with an optional time limit), extend the class path. */
public interface CellRunner {

    CellResult execute(String code, Duration limit);

    void addToClasspath(String path);
}
