package maplab.kernel.eval;

import java.util.List;

/** A failed cell as Jupyter shows it: error name, value, and the traceback lines. */
public record ErrorReport(String ename, String evalue, List<String> traceback) {

    public ErrorReport {
        traceback = List.copyOf(traceback);
    }
}
