package maplab.race;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.function.IntConsumer;

/**
 * A {@link Handoff} with no thread per goroutine: each goroutine is a continuation (the JDK's
 * {@code jdk.internal.vm.Continuation}, what virtual threads are made of) that the controller's
 * thread runs while it holds the turn; passing the turn yields back to the controller, which
 * resumes the next one. A handoff is then a switch of stacks on one thread (about 0.1 µs in a
 * loop of bare switches), where platform threads ({@link ThreadHandoff}) wake another
 * operating-system thread; and a worker keeps to one core. {@code ./maplab bench-races}, JDK 25,
 * 2 quiet cores, three runs: one worker 1.8-3.6 times as fast as on platform threads in the same
 * JVM; two workers 1.80-1.86 times one on the growth search, but only 1.17-1.39 on the
 * random-walk sweep (docs/benchmarks.md).
 *
 * <p>Why not virtual threads: a scheduler of one's own is not public for them, and with one
 * every handoff goes through the virtual thread's state machine, which did not scale: on JDK 25
 * two independent pairs of virtual threads handing a turn back and forth on two carriers took
 * twice as long as one pair, where two pairs of bare continuations took as long as one.
 *
 * <p>The continuation API is internal to the JDK (21 and later): it needs {@code --add-exports
 * java.base/jdk.internal.vm=ALL-UNNAMED} ({@code scripts/race-java.sh} gives it). Where it is
 * missing or not exported, {@link #available} is false and the scheduler uses platform threads:
 * the outcome tables are the same either way, only slower. {@code -Dmaplab.race.threads=platform}
 * asks for platform threads.
 *
 * <p>Invariant: every continuation runs on the thread that calls {@link #run}, one at a time,
 * so the turn is only ever read and written by that thread.
 */
final class ContinuationHandoff implements Handoff {

    /** {@code new Continuation(scope, Runnable)}, {@code run()}, {@code yield(scope)}. */
    private static final MethodHandle NEW;
    private static final MethodHandle RUN;
    private static final MethodHandle YIELD;
    /** The scope that the goroutines' continuations yield to; null where unavailable. */
    private static final Object SCOPE;

    /** Why continuations are not used here, or null when they are. */
    private static final String UNAVAILABLE;

    static {
        MethodHandle make = null;
        MethodHandle run = null;
        MethodHandle isDone = null;
        MethodHandle yield = null;
        Object scope = null;
        String why = null;
        if ("platform".equals(System.getProperty("maplab.race.threads"))) {
            why = "-Dmaplab.race.threads=platform";
        } else if (Runtime.version().feature() < 21) {
            why = "Java " + Runtime.version().feature() + " has no continuations (21 and later have)";
        } else {
            try {
                MethodHandles.Lookup l = MethodHandles.lookup();
                Class<?> c = Class.forName("jdk.internal.vm.Continuation");
                Class<?> s = Class.forName("jdk.internal.vm.ContinuationScope");
                scope = l.findConstructor(s, MethodType.methodType(void.class, String.class))
                        .invoke("maplab-goroutines");
                make = l.findConstructor(c, MethodType.methodType(void.class, s, Runnable.class))
                        .asType(MethodType.methodType(Object.class, Object.class, Runnable.class));
                run = l.findVirtual(c, "run", MethodType.methodType(void.class))
                        .asType(MethodType.methodType(void.class, Object.class));
                isDone = l.findVirtual(c, "isDone", MethodType.methodType(boolean.class))
                        .asType(MethodType.methodType(boolean.class, Object.class));
                yield = l.findStatic(c, "yield", MethodType.methodType(boolean.class, s))
                        .asType(MethodType.methodType(boolean.class, Object.class));
                probe(make, run, isDone, yield, scope);
            } catch (IllegalAccessException e) {
                make = null;
                why = "jdk.internal.vm is not exported to MapLab (java --add-exports "
                        + "java.base/jdk.internal.vm=ALL-UNNAMED)";
            } catch (Throwable e) {
                make = null;
                why = "this JVM's continuations do not work as expected (" + e + ")";
            }
        }
        NEW = make;
        RUN = run;
        YIELD = yield;
        SCOPE = make == null ? null : scope;
        UNAVAILABLE = why;
    }

    /** One continuation that yields once: throws unless this JVM runs them as documented. */
    private static void probe(MethodHandle make, MethodHandle run, MethodHandle isDone, MethodHandle yield,
            Object scope) throws Throwable {
        int[] steps = {0};
        Object c = make.invoke(scope, (Runnable) () -> {
            steps[0]++;
            try {
                if (!(boolean) yield.invoke(scope)) {
                    throw new IllegalStateException("did not yield");
                }
            } catch (Throwable t) {
                throw new IllegalStateException(t);
            }
            steps[0]++;
        });
        run.invoke(c);
        boolean paused = steps[0] == 1 && !(boolean) isDone.invoke(c);
        run.invoke(c);
        if (!paused || steps[0] != 2 || !(boolean) isDone.invoke(c)) {
            throw new IllegalStateException("continuations do not pause and resume here");
        }
    }

    /** Whether this JVM lets the explorer run goroutines as continuations. */
    static boolean available() {
        return NEW != null;
    }

    /** Why it does not, or null where it does. */
    static String unavailable() {
        return UNAVAILABLE;
    }

    private final int n;
    private final IntConsumer body;
    private int turn = -1;

    ContinuationHandoff(int n, IntConsumer body) {
        if (!available()) {
            throw new IllegalStateException("continuations are not available in this JVM: " + UNAVAILABLE);
        }
        this.n = n;
        this.body = body;
    }

    /**
     * {@inheritDoc} Each goroutine is a new continuation, resumed on this thread exactly when it
     * holds the turn, and done when its body returns: the scheduler gives the controller the turn
     * only once every body has, so no continuation outlives the execution.
     */
    @Override
    public void run(int first) {
        Object[] goroutines = new Object[n];
        try {
            for (int g = 0; g < n; g++) {
                int id = g;
                goroutines[g] = NEW.invokeExact(SCOPE, (Runnable) () -> body.accept(id));
            }
        } catch (Throwable e) {
            throw new IllegalStateException("cannot make the goroutines' continuations", e);
        }
        turn = first;
        int t;
        while ((t = turn) != n) {
            resume(goroutines[t]);
        }
    }

    @Override
    public int controller() {
        return n;
    }

    /** Yields to {@link #run}, which resumes {@code to}; this goroutine goes on when it is resumed, with the turn. */
    @Override
    public void transfer(int from, int to) {
        turn = to;
        boolean yielded;
        try {
            yielded = (boolean) YIELD.invokeExact(SCOPE);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
        if (!yielded || turn != from) {
            throw new IllegalStateException("G" + (from + 1) + "'s continuation " + (yielded
                    ? "resumed without the turn (G" + (turn + 1) + " holds it)" : "could not yield"));
        }
    }

    /** Sets the turn; the giver's body then returns, and {@link #run} resumes the taker. */
    @Override
    public void handOff(int to) {
        turn = to;
    }

    private static void resume(Object continuation) {
        try {
            RUN.invokeExact(continuation);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    /** Nothing to end: no thread waits, and a continuation left unfinished is only garbage. */
    @Override
    public void close() {
    }
}
