package maplab.kernel.agent;

import java.util.ArrayList;
import java.util.List;

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
     * Watches the OS parent and JPY_PARENT_PID, when Jupyter sets it to another process (a
     * launcher between them): the kernel ends when either is gone. onDeath runs on the watch's
     * thread and must end the process.
     */
    public static void startForJupyter(Runnable onDeath) {
        List<ProcessHandle> watched = new ArrayList<>();
        ProcessHandle.current().parent().ifPresent(watched::add);
        String env = System.getenv("JPY_PARENT_PID");
        if (env != null && !env.isBlank()) {
            try {
                long pid = Long.parseLong(env.trim());
                if (watched.stream().noneMatch(p -> p.pid() == pid)) {
                    ProcessHandle.of(pid).ifPresentOrElse(watched::add,
                            () -> System.err.println("maplab: no process " + env + " (JPY_PARENT_PID); watching the OS parent"));
                }
            } catch (NumberFormatException e) {
                System.err.println("maplab: ignoring JPY_PARENT_PID=" + env + " (not a pid)");
            }
        }
        start(watched, onDeath);
    }

    /** Watches the process that started this one. */
    public static void startForOsParent(Runnable onDeath) {
        List<ProcessHandle> watched = new ArrayList<>();
        ProcessHandle.current().parent().ifPresent(watched::add);
        start(watched, onDeath);
    }

    private static void start(List<ProcessHandle> parents, Runnable onDeath) {
        if (parents.isEmpty()) {
            onDeath.run();
            return;
        }
        long osParent = osParent();
        Thread t = new Thread(() -> {
            while (true) {
                try {
                    Thread.sleep(PERIOD_MS);
                } catch (InterruptedException e) {
                    return;
                }
                for (ProcessHandle parent : parents) {
                    boolean reparented = parent.pid() == osParent && osParent() != osParent;
                    if (reparented || !parent.isAlive()) {
                        onDeath.run();
                        return;
                    }
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
