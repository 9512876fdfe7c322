package maplab.race;

import java.util.Arrays;
import maplab.table.Progress;

/**
 * Explores the schedules of a scenario and classifies each one's outcome: exhaustively up to a
 * preemption bound ({@link #explore()}), or by random sampling: PCT for larger scenarios
 * ({@link #sample}), random walks for the near-lockstep schedules of parallel goroutines
 * ({@link #walk}). Each schedule is run from the initial state with the engine in step mode;
 * long runs print progress every two seconds.
 *
 * <p>Defaults: at most 2 preemptions (CHESS found most concurrency bugs within 2), hash seed 1,
 * the race detector on, a stop after 10,000,000 schedules, 100,000 steps per schedule before
 * an execution counts as a hang, and one worker per core.
 */
public final class Explorer {

    private final Scenario scenario;
    private int preemptions = 2;
    private long[] seeds = {1};
    private boolean detectRaces = true;
    private long limit = 10_000_000;
    private int stepLimit = 100_000;
    private boolean progress = true;
    private int parallelism = Runtime.getRuntime().availableProcessors();

    Explorer(Scenario scenario) {
        this.scenario = scenario;
    }

    /** The preemption bound of {@link #explore()}. */
    public Explorer preemptions(int bound) {
        if (bound < 0 || bound > 20) {
            throw new IllegalArgumentException("preemption bound " + bound + " is out of range 0..20");
        }
        this.preemptions = bound;
        return this;
    }

    /**
     * The map's hash seeds: each gives its own placement of keys (and growth splits); the search
     * runs once per seed. The real runtime draws a new seed every run.
     */
    public Explorer seeds(long... seeds) {
        if (seeds.length == 0) {
            throw new IllegalArgumentException("give at least one seed");
        }
        this.seeds = seeds.clone();
        return this;
    }

    /** Whether to run the race detector's happens-before analysis (on by default). */
    public Explorer raceDetector(boolean on) {
        this.detectRaces = on;
        return this;
    }

    /** Stops after this many schedules (the exploration then says it was cut short). */
    public Explorer limit(long schedules) {
        if (schedules < 1) {
            throw new IllegalArgumentException("limit " + schedules + " must be at least 1");
        }
        this.limit = schedules;
        return this;
    }

    /** Steps after which a schedule is called a hang. */
    public Explorer stepLimit(int steps) {
        if (steps < 10) {
            throw new IllegalArgumentException("step limit " + steps + " is too small to run a map operation");
        }
        this.stepLimit = steps;
        return this;
    }

    /**
     * How many workers run schedules at once (default: one per core), each with its own
     * goroutine threads and maps. The result does not depend on it: the counts, the examples and
     * their order are those of one worker (see {@link SearchWorkers}).
     */
    public Explorer parallelism(int workers) {
        if (workers < 1 || workers > 256) {
            throw new IllegalArgumentException("parallelism " + workers + " is out of range 1..256");
        }
        this.parallelism = workers;
        return this;
    }

    /** Whether to print progress lines during long runs. */
    public Explorer progress(boolean on) {
        this.progress = on;
        return this;
    }

    /**
     * How this JVM runs the simulated goroutines: as continuations on each worker's own thread
     * (Java 21 and later, with {@code --add-exports java.base/jdk.internal.vm=ALL-UNNAMED}), or
     * else a platform thread each, with the reason. The tables are the same either way;
     * continuations were 1.8 to 3.6 times as fast (docs/benchmarks.md), and each worker
     * keeps to one core.
     */
    public static String goroutineThreads() {
        return Handoff.kind();
    }

    /** Every schedule with at most the preemption bound, for each seed. */
    public Exploration explore() {
        String method = "every schedule with at most " + preemptions + " preemption" + (preemptions == 1 ? "" : "s")
                + ", seed" + (seeds.length == 1 ? " " + seeds[0] : "s " + Arrays.toString(seeds));
        return run(method, seed -> new BoundedSearch(preemptions), Long.MAX_VALUE);
    }

    /** {@code schedules} random schedules by PCT of depth 3 (three ordering constraints), from {@code seed}. */
    public Exploration sample(long schedules, long seed) {
        return sample(schedules, seed, 3);
    }

    /** {@code schedules} random schedules by PCT of the given depth, spread over the hash seeds. */
    public Exploration sample(long schedules, long seed, int depth) {
        long per = Math.max(1, schedules / seeds.length);
        String method = String.format("%,d random schedules (PCT depth %d, seed %d)", per * seeds.length, depth, seed);
        int n = scenario.goroutines().size();
        return run(method, hashSeed -> new PctSearch(n, depth, per, seed * 31 + hashSeed), per);
    }

    /**
     * {@code schedules} random schedules in which each point picks an enabled goroutine uniformly
     * (a random walk, {@link RandomWalk}), spread over the hash seeds: the near-lockstep
     * interleavings of goroutines running in parallel, which bounded search and PCT rarely reach.
     */
    public Exploration walk(long schedules, long seed) {
        long per = Math.max(1, schedules / seeds.length);
        String method = String.format("%,d random-walk schedules (seed %d)", per * seeds.length, seed);
        return run(method, hashSeed -> new RandomWalk(per, seed * 31 + hashSeed), per);
    }

    private Exploration run(String method, SearchWorkers.Strategies strategies, long perSeed) {
        SequentialOutcomes sequential = SequentialOutcomes.of(scenario);
        Exploration result = new Exploration(scenario, method);
        Progress p = progress ? new Progress(scenario.name(), perSeed == Long.MAX_VALUE ? -1 : perSeed * seeds.length,
                "schedules") : null;
        long start = System.nanoTime();
        boolean complete = new SearchWorkers(scenario, sequential, seeds, strategies, detectRaces, stepLimit, limit)
                .run(parallelism, result, done -> {
                    if (p != null) {
                        p.at(done);
                    }
                });
        if (p != null) {
            p.done(result.schedules());
        }
        String note = sequential.complete() ? ""
                : "the statements have more than " + SequentialOutcomes.MAX_ORDERS
                        + " sequential orders: lost updates were not checked";
        result.finish(System.nanoTime() - start, complete, note);
        return result;
    }
}
