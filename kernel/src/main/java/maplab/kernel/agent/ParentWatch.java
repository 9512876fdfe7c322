package maplab.kernel.agent;

import java.util.Optional;

/**
 * Ends a process when the process that started it dies: the kernel when its Jupyter goes, the
 * cells' JVM when its kernel goes (killed with SIGKILL, no shutdown hook runs). A daemon thread
 * checks twice a second, whatever the other threads do: a cell in a tight loop, asleep, blocked
 * reading System.in or printing a flood never reads the kernel's socket, so the end of that socket
 * alone would not be noticed. ProcessHandle.onExit cannot wait on a process that is not our child
 * without polling either, and a poll this slow costs nothing while keeping the exit within 5 s.
 *
 * <p>A parent is gone when it is no longer alive, or, for the OS parent, when this process was
 * handed to another parent (a pid can be reused by an unrelated process; our own parent pid
 * cannot change back).
 */
public final class ParentWatch {

    private static final long PERIOD_MS = 500;

    private ParentWatch() {
    }

    /**
     * Watches JPY_PARENT_PID when Jupyter sets it, else the OS parent. onDeath runs on the watch's
     * thread once the parent is gone, and must end the process.
     */
    public static void startForJupyter(Runnable onDeath) {
        String env = System.getenv("JPY_PARENT_PID");
        if (env != null && !env.isBlank()) {
            try {
                Optional<ProcessHandle> parent = ProcessHandle.of(Long.parseLong(env.trim()));
                if (parent.isPresent()) {
                    start(parent.get(), onDeath);
                    return;
                }
                System.err.println("maplab: no process " + env + " (JPY_PARENT_PID); watching the OS parent");
            } catch (NumberFormatException e) {
                System.err.println("maplab: ignoring JPY_PARENT_PID=" + env + " (not a pid)");
            }
        }
        startForOsParent(onDeath);
    }

    /** Watches the process that started this one. */
    public static void startForOsParent(Runnable onDeath) {
        Optional<ProcessHandle> parent = ProcessHandle.current().parent();
        parent.ifPresentOrElse(p -> start(p, onDeath), onDeath);
    }

    private static void start(ProcessHandle parent, Runnable onDeath) {
        long osParent = osParent();
        long pid = parent.pid();
        Thread t = new Thread(() -> {
            while (true) {
                try {
                    Thread.sleep(PERIOD_MS);
                } catch (InterruptedException e) {
                    return;
                }
                boolean reparented = pid == osParent && osParent() != pid;
                if (reparented || !parent.isAlive()) {
                    onDeath.run();
                    return;
                }
            }
        }, "maplab-parent-watch");
        t.setDaemon(true);
        t.start();
    }

    private static long osParent() {
        return ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(1L);
    }
}
