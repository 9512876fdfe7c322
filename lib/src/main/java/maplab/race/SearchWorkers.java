package maplab.race;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;

/**
 * Runs the schedules of one exploration on several workers, each with its own {@link Scheduler}
 * (so its own goroutine threads and its own maps) and its own {@link Classifier}; nothing mutable
 * is shared but the queue of jobs and the count of schedules. A job is the search of one hash
 * seed, or a subtree of one ({@link BoundedSearch#split}), handed out when a worker is idle.
 *
 * <p>The result is the serial one: each job records its schedules in its own
 * {@link Exploration}, and these are put together in the order of the serial search (by hash
 * seed, then by subtree key), so counts, first examples and the order of first appearance are
 * those of one worker running the jobs one after the other. A limit is the exception: which
 * schedules come first is known only once every earlier job is done, so a search that the
 * limit cuts short on several workers is run again on one.
 */
final class SearchWorkers {

    /** Makes the strategy of one hash seed. */
    interface Strategies {
        Strategy of(long seed);
    }

    /** One job: a hash seed's search, or a subtree of it, with its place in the serial order. */
    private record Job(int seedIndex, long seed, int[] key, Strategy strategy) { }

    /** What a job found. */
    private record Part(Job job, Exploration found) { }

    private static final Comparator<Job> ORDER = (a, b) -> a.seedIndex != b.seedIndex
            ? Integer.compare(a.seedIndex, b.seedIndex) : compareKeys(a.key, b.key);

    /** The order of two subtrees of one search ({@link BoundedSearch.Subtree#key}). */
    static int compareKeys(int[] a, int[] b) {
        for (int i = 0; i < Math.max(a.length, b.length); i++) {
            // A missing rank is the subtree's first schedule, which goes on with the default choices.
            int x = i < a.length ? a[i] : Integer.MIN_VALUE;
            int y = i < b.length ? b[i] : Integer.MIN_VALUE;
            if (x != y) {
                return Integer.compare(x, y);
            }
        }
        return 0;
    }

    private final Scenario scenario;
    private final SequentialOutcomes sequential;
    private final long[] seeds;
    private final Strategies strategies;
    private final boolean detectRaces;
    private final int stepLimit;
    private final long limit;

    /** Jobs not started: the biggest (shortest prefix) first, to keep workers busy longest. */
    private final PriorityQueue<Job> queue = new PriorityQueue<>(
            Comparator.<Job>comparingInt(j -> j.key.length).thenComparing(ORDER));
    private final List<Part> parts = new ArrayList<>();
    private final AtomicLong executed = new AtomicLong();
    /** Workers running a job. */
    private int busy;
    /** Workers waiting for a job: a busy one then gives some of its subtree away. */
    private volatile int hungry;
    private volatile boolean cut;
    /** A worker failed (or the caller was interrupted): the others stop after their schedule. */
    private volatile boolean stopped;
    private Throwable failure;

    SearchWorkers(Scenario scenario, SequentialOutcomes sequential, long[] seeds, Strategies strategies,
            boolean detectRaces, int stepLimit, long limit) {
        this.scenario = scenario;
        this.sequential = sequential;
        this.seeds = seeds;
        this.strategies = strategies;
        this.detectRaces = detectRaces;
        this.stepLimit = stepLimit;
        this.limit = limit;
    }

    /**
     * Runs every job on {@code workers} threads and adds what they found, in the serial order,
     * to {@code into}; {@code progress} gets the count of schedules now and then from this
     * thread. Returns whether the search ran to its end (no limit cut it short).
     */
    boolean run(int workers, Exploration into, LongConsumer progress) {
        for (int i = 0; i < seeds.length; i++) {
            queue.add(new Job(i, seeds[i], new int[0], strategies.of(seeds[i])));
        }
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            int threadsBeside = (workers - 1) * scenario.goroutines().size();
            Thread t = new Thread(() -> work(threadsBeside), "maplab-race-worker-" + (w + 1));
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
        try {
            for (Thread t : threads) {
                while (t.isAlive()) {
                    t.join(200);
                    progress.accept(executed.get());
                }
            }
        } catch (InterruptedException e) {
            stopAll(e);
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            if (failure instanceof RuntimeException r) {
                throw r;
            }
            if (failure instanceof Error e) {
                throw e;
            }
            if (failure != null) {
                throw new IllegalStateException("exploration interrupted", failure);
            }
        }
        if (cut && workers > 1) {
            // Which schedules are the first `limit` is the serial order's to say.
            return new SearchWorkers(scenario, sequential, seeds, strategies, detectRaces, stepLimit, limit)
                    .run(1, into, progress);
        }
        parts.sort(Comparator.comparing(Part::job, ORDER));
        for (Part p : parts) {
            into.absorb(p.found);
        }
        return !cut;
    }

    /** How many jobs ran: the hash seeds plus the subtrees given away. */
    synchronized int jobs() {
        return parts.size();
    }

    private void work(int threadsBeside) {
        Classifier classifier = new Classifier(scenario, sequential);
        try (Scheduler scheduler = new Scheduler(scenario, threadsBeside)) {
            scheduler.stepLimit(stepLimit);
            Job job;
            while ((job = take()) != null) {
                Exploration found = new Exploration(scenario, "");
                run(job, scheduler, classifier, found);
                synchronized (this) {
                    parts.add(new Part(job, found));
                    busy--;
                    notifyAll(); // a waiting worker may now be the last: then all is done
                }
            }
        } catch (Throwable t) {
            stopAll(t);
        }
    }

    private void run(Job job, Scheduler scheduler, Classifier classifier, Exploration found) {
        Strategy s = job.strategy;
        do {
            if (stopped) {
                return;
            }
            if (cut || executed.getAndIncrement() >= limit) {
                cut = true;
                return;
            }
            Scheduler.Run r = scheduler.execute(s, job.seed, detectRaces, null);
            String outcome = r.outcome();
            String detail = r.detail();
            if (outcome == null) {
                String[] c = classifier.classify(scheduler.map());
                outcome = c[0];
                detail = c[1];
            }
            found.add(outcome, detail, job.seed, r.choices(), r.races());
            if (!s.advance()) {
                return;
            }
            if (hungry > 0 && s instanceof BoundedSearch b) {
                give(job, b.split());
            }
        } while (true);
    }

    /** Queues subtrees given away by a search; their keys follow the giving job's. */
    private synchronized void give(Job from, List<BoundedSearch.Subtree> subtrees) {
        for (BoundedSearch.Subtree t : subtrees) {
            queue.add(new Job(from.seedIndex, from.seed, t.key(), t.search()));
        }
        if (!subtrees.isEmpty()) {
            notifyAll();
        }
    }

    /** The next job, waiting while a busy worker may still give some; null when all is done. */
    private synchronized Job take() throws InterruptedException {
        while (failure == null && !cut) {
            Job j = queue.poll();
            if (j != null) {
                busy++;
                return j;
            }
            if (busy == 0) {
                return null; // nobody left to give any
            }
            hungry++;
            wait();
            hungry--;
        }
        return null;
    }

    private synchronized void stopAll(Throwable t) {
        if (failure == null) {
            failure = t;
        }
        stopped = true;
        notifyAll();
    }
}
