package maplab.trace;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One run of {@code ./maplab replay} in-process ({@link ReplayMain#run(String[], PrintStream,
 * PrintStream)}) on a thread of its own with a time limit, so that a hang fails the test
 * instead of stopping it; and the rule every run must keep: no stack trace, on either stream.
 */
record ReplayRun(int exit, String out, String err) {

    /** Far above the milliseconds a mutated golden-trace prefix takes, even on a loaded machine. */
    static final long LIMIT_SECONDS = 30;

    static ReplayRun of(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        FutureTask<Integer> task = new FutureTask<>(() -> ReplayMain.run(args,
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8)));
        Thread t = new Thread(task, "replay " + String.join(" ", args));
        t.setDaemon(true); // a hung run cannot be stopped; it must not keep the JVM alive either
        t.start();
        try {
            int exit = task.get(LIMIT_SECONDS, TimeUnit.SECONDS);
            ReplayRun r = new ReplayRun(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
            r.assertNoStackTrace();
            return r;
        } catch (TimeoutException e) {
            t.interrupt();
            return fail("replay hung: no exit within " + LIMIT_SECONDS + " s for " + String.join(" ", args));
        } catch (ExecutionException e) {
            return fail("replay threw instead of returning an exit code: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail("interrupted");
        }
    }

    void assertNoStackTrace() {
        for (String s : new String[] {out, err}) {
            assertFalse(s.contains("\tat ") || s.contains("Exception in thread") || s.contains("cannot replay:")
                    || s.contains("Error:") || s.contains("OutOfMemory") || s.contains("StackOverflow"),
                    "a stack trace or an internal error:\n" + s);
        }
    }
}
