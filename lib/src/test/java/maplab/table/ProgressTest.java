package maplab.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProgressTest {

    @Test
    void linesGoToTheSinkAndTheLastSaysDone() {
        List<String> lines = new ArrayList<>();
        List<Progress> runs = new ArrayList<>();
        Progress.sink((run, line, finished) -> {
            lines.add(line + (finished ? " [finished]" : ""));
            runs.add(run);
        });
        try {
            Progress p = new Progress("trials", 10, "trials", 0);
            p.at(4);
            p.at(10);
            p.done();
            assertEquals(List.of("trials: 4/10 trials", "trials: 10/10 trials", "trials: 10/10 trials, done [finished]"),
                    lines);
            assertTrue(runs.stream().allMatch(r -> r == p));
            // A short run (under the interval) reports nothing, not even its end.
            lines.clear();
            Progress quiet = new Progress("quiet", 10, "trials");
            quiet.at(10);
            quiet.done();
            assertEquals(List.of(), lines);
        } finally {
            Progress.sink(Progress.PRINT);
        }
        assertThrows(IllegalArgumentException.class, () -> Progress.sink(null));
    }
}
