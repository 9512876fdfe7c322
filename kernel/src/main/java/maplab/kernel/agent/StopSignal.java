package maplab.kernel.agent;

/**
 * Thrown into the user's thread when the notebook interrupts a cell. An Error, so that user code
 * catching Exception does not swallow it; without a stack trace, since it is preallocated once.
 */
final class StopSignal extends Error {
    private static final long serialVersionUID = 1L;

    StopSignal() {
        super("interrupted by the notebook", null, false, false);
    }
}
