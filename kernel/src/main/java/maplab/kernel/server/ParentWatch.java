package maplab.kernel.server;

import java.util.Optional;

/**
 * Ends the kernel when the process that started it dies (the base library's kernel outlived its
 * Jupyter). The parent is JPY_PARENT_PID when Jupyter sets it, else the OS parent. A daemon
 * thread checks twice a second: ProcessHandle.onExit cannot wait on a process that is not our
 * child without polling either, and a poll this slow costs nothing while keeping the exit well
 * within 5 s.
 */
final class ParentWatch {

    private static final long PERIOD_MS = 500;

    private ParentWatch() {
    }

    static void start(Runnable onDeath) {
        Optional<ProcessHandle> parent = parent();
        if (parent.isEmpty()) {
            return;
        }
        ProcessHandle p = parent.get();
        long pid = p.pid();
        Thread t = new Thread(() -> {
            while (true) {
                try {
                    Thread.sleep(PERIOD_MS);
                } catch (InterruptedException e) {
                    return;
                }
                long now = ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(1L);
                boolean reparented = p.pid() == originalOsParent && now != pid;
                if (!p.isAlive() || reparented) {
                    System.err.println("maplab: the parent process " + pid + " is gone; exiting");
                    onDeath.run();
                    return;
                }
            }
        }, "maplab-parent-watch");
        t.setDaemon(true);
        t.start();
    }

    private static long originalOsParent = -1;

    private static Optional<ProcessHandle> parent() {
        originalOsParent = ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(-1L);
        String env = System.getenv("JPY_PARENT_PID");
        if (env != null && !env.isBlank()) {
            try {
                return ProcessHandle.of(Long.parseLong(env.trim()));
            } catch (NumberFormatException e) {
                System.err.println("maplab: ignoring JPY_PARENT_PID=" + env + " (not a pid)");
            }
        }
        return ProcessHandle.current().parent();
    }
}
