package maplab.race;

import java.util.function.IntConsumer;

/**
 * The goroutines of one scheduler, each running its body on a stack of its own, and the turn
 * that lets exactly one of them run: goroutine g runs {@code body.accept(g)} whenever it holds
 * the turn, and the body passes the turn on with {@link #handOff} or {@link #transfer}. Number
 * {@link #controller()} is the thread that calls {@link #run}; handing it the turn ends the
 * execution.
 *
 * <p>Invariant: only the goroutine that holds the turn runs, so only it touches what the bodies
 * share: {@link ContinuationHandoff} runs every goroutine on the controller's one thread;
 * {@link ThreadHandoff} hands the turn over with a volatile write, which orders everything the
 * previous holder did before everything the next one does. Nothing here knows what a goroutine
 * does.
 */
interface Handoff extends AutoCloseable {

    /**
     * Continuations on the caller's own thread where this JVM allows them
     * ({@link ContinuationHandoff#available}), else platform threads.
     *
     * @param n goroutines
     * @param body runs goroutine g to its end on the thread that holds the turn
     * @param threadsBeside how many other goroutine threads run at the same time (the other
     *     workers'), which decides whether a platform thread may spin while it waits
     */
    static Handoff of(int n, IntConsumer body, int threadsBeside) {
        return ContinuationHandoff.available() ? new ContinuationHandoff(n, body)
                : new ThreadHandoff(n, body, threadsBeside);
    }

    /** What {@link #of} gives in this JVM, and why, for reports. */
    static String kind() {
        return ContinuationHandoff.available() ? "goroutines as continuations on each worker's thread"
                : "a platform thread per goroutine: " + ContinuationHandoff.unavailable();
    }

    /**
     * One execution: hands the turn to goroutine {@code first} and returns when the turn comes
     * back to the controller.
     */
    void run(int first);

    /** The controller's number: handing it the turn ends the execution. */
    int controller();

    /** Goroutine {@code from} hands the turn to {@code to} and waits until it comes back. */
    void transfer(int from, int to);

    /** Passes the turn to {@code to} (a goroutine, or the controller). */
    void handOff(int to);

    /** Ends the goroutine threads. */
    @Override
    void close();
}
