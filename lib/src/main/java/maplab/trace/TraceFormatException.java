package maplab.trace;

/** A trace that cannot be read: the message names the file and line and what is wrong. */
public final class TraceFormatException extends Exception {

    private static final long serialVersionUID = 1L;

    public TraceFormatException(String source, int line, String problem) {
        super(source + (line > 0 ? ":" + line : "") + ": " + problem);
    }
}
