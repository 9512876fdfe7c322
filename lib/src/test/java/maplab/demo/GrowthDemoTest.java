package maplab.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** ./maplab demo: every modelled release runs; bad arguments get a message and the usage line, exit 2, no stack trace. */
class GrowthDemoTest {

    private record Run(int status, String out, String err) {
    }

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = GrowthDemo.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @CsvSource({"1.19, GrowthStarted", "1.21, GrowthStarted", "1.23, GrowthStarted", "1.24, GrewToTable",
            "1.25, GrewToTable", "1.26, GrewToTable"})
    void everyModelledReleaseShowsItsFirstGrowth(String go, String event) {
        Run r = run(go);
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("go" + go) && r.out().contains(event) && r.out().contains("Invariants hold."), r.out());
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.25 abc", "1.19 abc", "1.20", "x", "1.19 0", "1.19 -1", "1.26 100001", "1.19 9 9"})
    void badArgumentsGetTheUsageLineAndStatus2(String line) {
        Run r = run(line.split(" "));
        assertEquals(2, r.status());
        assertTrue(r.err().startsWith("demo: ") && r.err().contains("usage: ./maplab demo"), r.err());
        assertTrue(!r.err().contains("\tat ") && !r.err().contains("Exception"), "no stack trace: " + r.err());
        assertEquals("", r.out(), "nothing drawn");
    }
}
