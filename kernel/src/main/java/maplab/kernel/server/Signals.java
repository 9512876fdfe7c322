package maplab.kernel.server;

/**
 * SIGINT interrupts the running cell instead of ending the JVM. Jupyter uses interrupt_request
 * (the kernelspec says interrupt_mode "message"), but a terminal's Ctrl-C or a front-end that
 * signals the process group must not kill the kernel either.
 */
final class Signals {

    private Signals() {
    }

    @SuppressWarnings("sunapi")
    static void onInterrupt(Runnable action) {
        try {
            sun.misc.Signal.handle(new sun.misc.Signal("INT"), s -> action.run());
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            KernelServer.log("cannot handle SIGINT here: " + e.getMessage());
        }
    }
}
