package maplab.race;

import java.lang.management.ManagementFactory;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/**
 * A {@link Handoff} on platform threads: goroutine g has a thread of its own, except G1, which
 * runs on the controller's thread (the one that calls {@link #run}), so two goroutines need two
 * threads. Every handoff is then a switch between operating-system threads: cheap while the
 * waiting thread spins on a core of its own, tens of microseconds once it has parked. Used where
 * continuations cannot be ({@link ContinuationHandoff#available}).
 */
final class ThreadHandoff implements Handoff {

    /** Unwinds a waiting goroutine thread when the handoff is closed. */
    private static final class Shutdown extends Error {
        private static final long serialVersionUID = 1L;

        Shutdown() {
            super("handoff closed", null, false, false);
        }
    }

    private static final Shutdown SHUTDOWN = new Shutdown();
    /** Busy-wait this many rounds before parking, where a waiting thread has a core of its own. */
    private static final int SPINS = 1_000;
    /**
     * Where it has no core of its own, yield this many times before parking. A parked thread's
     * core goes idle, and waking it takes an interrupt to that core: tens of microseconds on a
     * virtual machine, against the fraction of a microsecond a goroutine usually holds the turn.
     * A yielding thread keeps its core awake and gives it to a thread that can run, the turn's
     * holder among them; if the turn is slow to come, it parks after all. {@code ./maplab
     * bench-races 5} on 2 quiet cores, one worker, three goroutines (three-inserts-growth, k=2):
     * 7,789 schedules/s parking at once, 30,727 yielding first (docs/benchmarks.md).
     */
    private static final int YIELDS = 100;

    private final int n;
    private final IntConsumer body;
    /**
     * Whether a waiting thread may spin: only if every thread of every worker has a core, and the
     * machine is not busy with others (load average at most the cores). A spinning thread without
     * a core of its own takes the time slices of the one it waits for: on a loaded machine the
     * explorer was then 10 times slower than with parking at once.
     */
    private final boolean pureSpin;
    /**
     * Whether a waiting thread that may not spin yields before it parks: only while the load
     * average is at most twice the cores (the explorer's own threads count in it). Where many
     * other threads want the cores, a yield hands the core to them for a whole time slice, and a
     * woken (unparked) thread gets a core back sooner than a yielding one: an older rule that
     * yielded up to 20,000 times ran two-inserts at 1,600-5,000 schedules/s at load 12-20,
     * against 52,000 with parking.
     */
    private final boolean yields;
    private final Thread[] threads;
    /** 1 while that thread is (about to be) parked: a handoff then unparks it. */
    private final AtomicIntegerArray parked;
    private volatile int turn = -1;
    private volatile boolean shutdown;

    /**
     * @param n goroutines
     * @param body runs goroutine g to its end on the thread that holds the turn
     * @param threadsBeside how many other threads of the same kind run at the same time (the
     *     other workers' goroutines), which decides whether spinning can pay
     */
    ThreadHandoff(int n, IntConsumer body, int threadsBeside) {
        this.n = n;
        this.body = body;
        int cores = Runtime.getRuntime().availableProcessors();
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        this.pureSpin = load <= cores && n + threadsBeside <= cores;
        this.yields = !pureSpin && load <= 2 * cores;
        this.threads = new Thread[n + 1];
        this.parked = new AtomicIntegerArray(n + 1);
    }

    /** {@inheritDoc} G1's body runs on this thread whenever it holds the turn. */
    @Override
    public void run(int first) {
        startThreads();
        handOff(first);
        while (true) {
            await(0, n);
            if (turn == n) {
                return;
            }
            body.accept(0);
        }
    }

    @Override
    public int controller() {
        return n;
    }

    @Override
    public void transfer(int from, int to) {
        handOff(to);
        await(from, from);
    }

    @Override
    public void handOff(int to) {
        turn = to;
        if (parked.get(to) != 0) {
            LockSupport.unpark(threads[to]);
        }
    }

    /**
     * Waits until the turn is {@code me} or {@code alt} (the controller's thread also runs G1).
     * Spins first, if it may, or yields, as a handoff is usually answered within microseconds;
     * then parks.
     */
    private void await(int me, int alt) {
        int spins = 0;
        int t;
        while ((t = turn) != me && t != alt) {
            if (shutdown) {
                throw SHUTDOWN;
            }
            if (pureSpin && spins++ < SPINS) {
                Thread.onSpinWait();
            } else if (yields && spins++ < YIELDS) {
                Thread.yield();
            } else {
                // Write parked, then read turn; handOff writes turn, then reads parked: one of the
                // two sees the other's write, so no wake-up is lost.
                parked.set(me, 1);
                parked.set(alt, 1);
                t = turn;
                if (t != me && t != alt && !shutdown) {
                    LockSupport.park(this);
                }
                parked.set(me, 0);
                parked.set(alt, 0);
            }
        }
    }

    private void startThreads() {
        threads[n] = Thread.currentThread();
        threads[0] = threads[n];
        if (n == 1 || threads[1] != null) {
            return;
        }
        for (int g = 1; g < n; g++) {
            int id = g;
            Thread t = new Thread(() -> threadLoop(id), "maplab-race-G" + (g + 1));
            t.setDaemon(true);
            threads[g] = t;
            t.start();
        }
    }

    private void threadLoop(int g) {
        try {
            while (true) {
                await(g, g);
                body.accept(g);
            }
        } catch (Shutdown s) {
            // closed
        }
    }

    @Override
    public void close() {
        shutdown = true;
        for (int g = 1; g < n; g++) {
            if (threads[g] != null) {
                LockSupport.unpark(threads[g]);
            }
        }
    }
}
