package maplab.engine;

/**
 * The runtime's {@code fatal(...)}: an unrecoverable error that ends a Go program (recover()
 * cannot catch it), such as "concurrent map writes". The model raises it where the runtime
 * would, so a race scenario can report which check fired.
 */
public final class GoFatalError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public GoFatalError(String message) {
        super("fatal error: " + message);
    }

    /** The runtime's message without the "fatal error: " prefix. */
    public String runtimeMessage() {
        return getMessage().substring("fatal error: ".length());
    }
}
