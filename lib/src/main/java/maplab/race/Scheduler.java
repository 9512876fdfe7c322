package maplab.race;

import java.util.Arrays;
import java.util.List;
import maplab.engine.Engine;
import maplab.engine.GoFatalError;
import maplab.engine.GoMap;
import maplab.engine.MapIterator;
import maplab.engine.SharedField;
import maplab.engine.StepHook;

/**
 * Runs executions of one scenario under a {@link Strategy}: the semantics of a schedule. Each
 * simulated goroutine runs the engine's own code on a stack of its own ({@link Handoff}), and
 * exactly one of them runs at a time: the engine calls {@link #step} before every access to the
 * map's shared memory, and there the strategy chooses who makes the next access. A goroutine
 * that is not chosen waits, in the middle of its runtime function, until it is. Synchronisation
 * statements are scheduling points too, carried out by {@link SyncState}, so a blocked goroutine
 * is simply not enabled. The execution state below is touched only by the thread that holds the
 * handoff's turn.
 */
final class Scheduler implements StepHook, AutoCloseable {

    /** The outcome of one execution: what happened, where, and the schedule that made it happen. */
    record Run(String outcome, String detail, int[] choices, List<Race> races) { }

    /** Sees every step as it executes (for step-by-step replays). */
    interface Observer {
        void step(int goroutine, int statement, SharedField field, String access, boolean write);
    }

    /** Unwinds a goroutine's stack when the execution is over (a fatal error elsewhere). */
    private static final class Abort extends Error {
        private static final long serialVersionUID = 1L;

        Abort() {
            super("execution aborted", null, false, false);
        }
    }

    private static final Abort ABORT = new Abort();
    private static final Object START = "start";
    private static final Object FINISHED = "finished";

    private final Scenario scenario;
    /** Whether the map is the Swiss-table one (its model-only crashes are named differently). */
    private final boolean swiss;
    private final int n;
    private final Handoff handoff;

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
        this(scenario, 0);
    }

    /** A scheduler beside {@code threadsBeside} other goroutine threads (other workers' schedulers). */
    Scheduler(Scenario scenario, int threadsBeside) {
        this(scenario, threadsBeside, false);
    }

    /** A scheduler on a platform thread per goroutine, whatever this JVM offers (to compare the two). */
    static Scheduler onPlatformThreads(Scenario scenario) {
        return new Scheduler(scenario, 0, true);
    }

    private Scheduler(Scenario scenario, int threadsBeside, boolean platformThreads) {
        this.scenario = scenario;
        this.swiss = scenario.version().engine() == Engine.SWISS;
        this.n = scenario.goroutines().size();
        this.pending = new Object[n];
        this.first = new boolean[n];
        this.statement = new int[n];
        this.opStart = new boolean[n];
        this.handoff = platformThreads ? new ThreadHandoff(n, this::runGoroutine, threadsBeside)
                : Handoff.of(n, this::runGoroutine, threadsBeside);
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
            handoff.run(choose(-1, (1L << n) - 1));
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
            handoff.transfer(g, next);
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
        int next = handoff.controller();
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
        handoff.handOff(next);
    }

    private boolean allFinished() {
        for (Object p : pending) {
            if (p != FINISHED) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() {
        handoff.close();
    }
}
