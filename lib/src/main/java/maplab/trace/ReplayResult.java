package maplab.trace;

/**
 * The outcome of replaying one trace: how many operations matched and, if one did not, the first
 * difference.
 */
public record ReplayResult(String name, int opsCompared, int totalOps, Failure failure) {

    /** The first difference: operation index and line, JSON path, expected (trace) and actual (model). */
    public record Failure(long op, int line, String path, String expected, String actual) {
    }

    public boolean passed() {
        return failure == null;
    }

    /** {@code PASS name ops=N} or the first difference. */
    public String line() {
        if (passed()) {
            return "PASS " + name + " ops=" + opsCompared;
        }
        return "FAIL " + name + " op " + failure.op() + " (line " + failure.line() + ") " + failure.path()
                + ": expected " + failure.expected() + ", actual " + failure.actual();
    }
}
