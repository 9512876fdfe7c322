package maplab.trace;

/** Raised inside a replay when the model asks for something the trace says the runtime did not do. */
final class ReplayDivergence extends RuntimeException {

    private static final long serialVersionUID = 1L;

    final String path;
    final String expected;
    final String actual;

    ReplayDivergence(String path, String expected, String actual) {
        super(path + ": expected " + expected + ", actual " + actual);
        this.path = path;
        this.expected = expected;
        this.actual = actual;
    }
}
