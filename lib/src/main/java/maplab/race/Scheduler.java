package maplab.race;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.locks.LockSupport;
import maplab.engine.Engine;
import maplab.engine.GoFatalError;
import maplab.engine.GoMap;
import maplab.engine.MapIterator;
import maplab.engine.SharedField;
import maplab.engine.StepHook;

/**
 * Runs executions of one scenario under a {@link Strategy}. Each simulated goroutine runs the
 * engine's own code on a thread of its own, and exactly one of them runs at a time: the engine
 * calls {@link #step} before every access to the map's shared memory, and there the strategy
 * chooses who makes the next access. A goroutine that is not chosen waits, in the middle of its
 * runtime function, until it is. Synchronisation statements are scheduling points too, and the
 * scheduler carries them out itself ({@link SyncState}), so a blocked goroutine is simply not
 * enabled.
 *
 * <p>Invariant: the thread whose number is in {@link #turn} is the only one that touches the map
 * or this object's execution state; handing the turn over is a volatile write, which orders
 * everything the previous holder did before everything the next one does.
 */
final class Scheduler implements StepHook, AutoCloseable {

    /** The outcome of one execution: what happened, where, and the schedule that made it happen. */
    record Run(String outcome, String detail, int[] choices, List<Race> races) { }

    /** Sees every step as it executes (for step-by-step replays). */
    interface Observer {
        void step(int goroutine, int statement, SharedField field, String access, boolean write);
    }

    /** Unwinds a goroutine's stack when the execution is over (a fatal error elsewhere, or a shutdown). */
    private static final class Abort extends Error {
        private static final long serialVersionUID = 1L;

        Abort() {
            super("execution aborted", null, false, false);
        }
    }

    private static final Abort ABORT = new Abort();
    private static final Object START = "start";
    private static final Object FINISHED = "finished";
    /** Busy-wait this many rounds before parking: a handoff is usually answered within microseconds. */
    private static final int SPINS = 20_000;
    private static final int PURE_SPINS = 1_000;
    private static final int CORES = Runtime.getRuntime().availableProcessors();

    private final Scenario scenario;
    /** Whether the map is the Swiss-table one (its model-only crashes are named differently). */
    private final boolean swiss;
    private final int n;
    private final Thread[] threads;
    /** 1 while that thread is (about to be) parked: a handoff then unparks it. */
    private final AtomicIntegerArray parked;
    private volatile int turn = -1;
    private volatile boolean shutdown;

    private Strategy strategy;
    private GoMap map;
    private SyncState sync;
    private RaceDetector detector;
    private Observer observer;
    private final Object[] pending;
    private final boolean[] first;
    private final int[] statement;
    private final boolean[] opStart;
    private int running;
    private int point;
    private int[] choices = new int[256];
    private int stepLimit = 100_000;
    private String outcome;
    private String detail;
    private boolean aborting;
    private boolean inHook;
    private RuntimeException failure;

    Scheduler(Scenario scenario) {
        this.scenario = scenario;
        this.swiss = scenario.version().engine() == Engine.SWISS;
        this.n = scenario.goroutines().size();
        this.threads = new Thread[n + 1];
        this.parked = new AtomicIntegerArray(n + 1);
        this.pending = new Object[n];
        this.first = new boolean[n];
        this.statement = new int[n];
        this.opStart = new boolean[n];
    }

    /** Executions that take more scheduling points than this end as a hang (a corrupted chain can loop). */
    void stepLimit(int limit) {
        this.stepLimit = limit;
    }

    /**
     * Runs one execution from the scenario's initial state (built with hash seed {@code seed})
     * under {@code s}; with a detector, races are analysed; with an observer, steps are reported.
     * Afterwards the map is left detached, in its final state, for {@link #map()}.
     */
    Run execute(Strategy s, long seed, boolean detectRaces, Observer obs) {
        startThreads();
        strategy = s;
        map = scenario.newMap(seed);
        sync = new SyncState(scenario);
        detector = detectRaces ? new RaceDetector(n) : null;
        observer = obs;
        Arrays.fill(pending, START);
        Arrays.fill(first, true);
        Arrays.fill(statement, 0);
        point = 0;
        outcome = null;
        detail = null;
        aborting = false;
        inHook = false;
        failure = null;
        map.stepHook(this);
        try {
            // The calling thread is the controller (number n) and also runs G1, so two goroutines
            // need two threads: one per core on a small machine, and no thread left spinning idle.
            handOff(choose(-1, (1L << n) - 1));
            while (true) {
                await(0, n);
                if (turn == n) {
                    break;
                }
                runGoroutine(0);
            }
        } finally {
            map.stepHook(null);
        }
        if (failure != null) {
            throw failure;
        }
        return new Run(outcome, detail, Arrays.copyOf(choices, point),
                detector == null ? List.of() : detector.races());
    }

    /** The map of the last execution, detached from the scheduler. */
    GoMap map() {
        return map;
    }

    @Override
    public void step(Object memory, SharedField field, int slot, boolean write) {
        if (inHook) {
            return; // the model reading its own state (a snapshot), not the runtime
        }
        int g = running;
        if (opStart[g]) {
            // racereadpc / racewritepc come first in every map function.
            opStart[g] = false;
            if (detector != null) {
                Op op = scenario.goroutines().get(g).get(statement[g]);
                detector.mapAccess(g, op.function(scenario.type()), op.writesMap());
            }
        }
        arrive(g, null);
        if (observer != null) {
            inHook = true;
            try {
                observer.step(g, statement[g], field, field.describe(memory, slot), write);
            } finally {
                inHook = false;
            }
        }
    }

    /**
     * Goroutine g stands before its next action (a memory access when {@code action} is null, else
     * a synchronisation statement) and the strategy chooses who acts next; returns when g may act.
     */
    private void arrive(int g, Object action) {
        if (aborting) {
            throw ABORT;
        }
        pending[g] = action;
        if (point >= stepLimit) {
            die(g, "hang", "no end after " + stepLimit + " steps");
        }
        long en = enabled();
        boolean goesOn = (en & (1L << g)) != 0;
        if (first[g]) {
            // Running up to the first action was part of the choice that started g.
            first[g] = false;
            if (goesOn) {
                return;
            }
        }
        if (en == 0) {
            die(g, "fatal: all goroutines are asleep - deadlock!", "every goroutine is blocked");
        }
        int next = choose(goesOn ? g : -1, en);
        if (next != g) {
            transfer(g, next);
            running = g;
            if (aborting) {
                throw ABORT;
            }
        }
    }

    private int choose(int current, long en) {
        int next;
        try {
            next = strategy.choose(point, current, en);
        } catch (RuntimeException e) {
            if (point == 0) {
                throw e; // no goroutine has started: nothing to unwind
            }
            // Not the scenario's outcome: the controller rethrows it after unwinding.
            failure = e;
            fail("error", e.getMessage());
            throw ABORT;
        }
        if (point == choices.length) {
            choices = Arrays.copyOf(choices, point * 2);
        }
        choices[point++] = next;
        return next;
    }

    /** The goroutines whose next action can proceed now. */
    private long enabled() {
        long en = 0;
        for (int g = 0; g < n; g++) {
            Object p = pending[g];
            if (p == null || p == START || (p instanceof Op op && sync.canProceed(op, pending))) {
                en |= 1L << g;
            }
        }
        return en;
    }

    /** The body of goroutine g, chosen to start (or to unwind, if the execution is aborting). */
    private void runGoroutine(int g) {
        running = g;
        try {
            if (!aborting) {
                List<Op> ops = scenario.goroutines().get(g);
                for (int i = 0; i < ops.size(); i++) {
                    statement[g] = i;
                    perform(g, ops.get(i));
                }
            }
        } catch (Abort a) {
            // unwound
        } catch (GoFatalError e) {
            fail(g, "fatal: " + e.runtimeMessage());
        } catch (NullPointerException e) {
            // A nil bucket pointer that Go dereferences: the fault becomes this panic in the runtime.
            fail(g, "crash: panic: runtime error: invalid memory address or nil pointer dereference");
        } catch (IndexOutOfBoundsException e) {
            fail(g, swiss
                    // A table rehashed by two writers at once: the second replaces directory entries
                    // from an index the first already set to -1.
                    ? "crash: directory or group index out of range (Go writes outside the array: undefined)"
                    : "crash: bucket index out of range (Go reads past the bucket array: undefined)");
        } catch (ClassCastException e) {
            // Swiss: m.dirPtr read as a small map's group after another writer made it a directory
            // (or the other way round). Go reads that memory as the other kind: undefined.
            fail(g, "crash: dirPtr read as the wrong kind of memory (a group as a directory or the other way "
                    + "round: undefined in Go)");
        } catch (RuntimeException | StackOverflowError e) {
            // The model failed where Go would read garbage or fault: say so rather than hide it.
            fail(g, "crash: " + e);
        }
        finish(g);
    }

    private void perform(int g, Op op) {
        if (op.onMap()) {
            opStart[g] = true;
            if (op instanceof Op.Set s) {
                map.set(s.key(), s.elem());
            } else if (op instanceof Op.Get gt) {
                map.get(gt.key());
            } else if (op instanceof Op.Delete d) {
                map.delete(d.key());
            } else if (op instanceof Op.Range) {
                // for range m {}: the body is empty, so each key is followed at once by the advance.
                MapIterator it = map.iterate();
                while (it.next()) {
                    // the loop body does nothing with the entries
                }
                it.close();
            } else {
                map.clear();
            }
            opStart[g] = false;
            return;
        }
        arrive(g, op);
        pending[g] = null;
        String fatal = sync.perform(g, op);
        if (detector != null) {
            detector.sync(g, op);
        }
        if (observer != null) {
            observer.step(g, statement[g], null, op.go(), true);
        }
        if (fatal != null) {
            die(g, fatal);
        }
    }

    /** Records that the program dies of {@code what} in goroutine g, and unwinds g. */
    private void die(int g, String what) {
        fail(g, what);
        throw ABORT;
    }

    private void die(int g, String what, String where) {
        fail(what, where);
        throw ABORT;
    }

    /** Records the first fatal outcome of the execution; every goroutine then unwinds. */
    private void fail(int g, String what) {
        Op op = scenario.goroutines().get(g).get(statement[g]);
        fail(what, "G" + (g + 1) + " at step " + point + ", in " + (op.onMap()
                ? op.function(scenario.type()) + " (" + op.go() + ")" : op.go()));
    }

    private void fail(String what, String where) {
        if (outcome == null) {
            outcome = what;
            detail = where;
        }
        aborting = true;
    }

    /** Goroutine g is done: pass the turn on, to the controller once every goroutine is. */
    private void finish(int g) {
        pending[g] = FINISHED;
        int next = n;
        if (aborting) {
            for (int h = 0; h < n; h++) {
                if (pending[h] != FINISHED) {
                    next = h;
                    break;
                }
            }
        } else {
            long en = enabled();
            if (en != 0) {
                try {
                    next = choose(-1, en);
                } catch (Abort a) {
                    finish(g); // the strategy failed: unwind the others
                    return;
                }
            } else if (!allFinished()) {
                fail("fatal: all goroutines are asleep - deadlock!", "every goroutine left is blocked");
                finish(g);
                return;
            }
        }
        handOff(next);
    }

    private boolean allFinished() {
        for (Object p : pending) {
            if (p != FINISHED) {
                return false;
            }
        }
        return true;
    }

    private void transfer(int from, int to) {
        handOff(to);
        await(from, from);
    }

    private void handOff(int to) {
        turn = to;
        if (parked.get(to) != 0) {
            LockSupport.unpark(threads[to]);
        }
    }

    /**
     * Waits until the turn is {@code me} or {@code alt} (the controller's thread also runs G1).
     * Spins first, as a handoff is usually answered within microseconds; then yields the core,
     * which matters when there are more goroutines than cores; then parks.
     */
    private void await(int me, int alt) {
        int spins = 0;
        int t;
        while ((t = turn) != me && t != alt) {
            if (shutdown) {
                throw ABORT;
            }
            if (spins < SPINS) {
                // Pure spinning only briefly and only with a core per goroutine; then yield, so a
                // descheduled goroutine (more goroutines than cores, or a loaded machine) gets
                // the core instead of waiting for the end of this thread's time slice.
                if (spins++ < PURE_SPINS && n <= CORES) {
                    Thread.onSpinWait();
                } else {
                    Thread.yield();
                }
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
            Thread t = new Thread(() -> workerLoop(id), "maplab-race-G" + (g + 1));
            t.setDaemon(true);
            threads[g] = t;
            t.start();
        }
    }

    private void workerLoop(int g) {
        try {
            while (true) {
                await(g, g);
                runGoroutine(g);
            }
        } catch (Abort a) {
            // shut down
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
