package maplab.experiment;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import maplab.table.Progress;

/**
 * Runs independent trials (one per release, say) on a pool of {@link #parallelism()} threads and
 * returns their results in input order, so a table stacked from them is the serial run's table.
 * A trial must own everything it mutates: its maps and its own {@code new Random(seed)}; trials
 * that share a random stream stay in a serial loop. The engine keeps no static mutable state
 * ({@code NoSharedStateTest}): each map checks its own race hook.
 *
 * <p>Failure is the serial run's: the exception of the first failing trial in input order is
 * thrown, after the trials before it finished. Progress stays on the calling thread (the kernel's
 * sink expects the thread that runs the cell): workers only count their steps, and the caller
 * reports the count while it waits.
 */
public final class Trials {

    /** Threads for a run of trials; 1 runs them one after another on the calling thread. */
    private static volatile int parallelism = Math.min(256, Runtime.getRuntime().availableProcessors());

    private static final long POLL_MILLIS = 100;
    private static final AtomicInteger POOLS = new AtomicInteger();

    private Trials() {
    }

    /** One trial: computes its result from {@code input}, calling {@code step} after each unit of progress. */
    @FunctionalInterface
    public interface Trial<T, R> {
        R run(T input, Runnable step);
    }

    static int parallelism() {
        return parallelism;
    }

    static void parallelism(int n) {
        if (n < 1 || n > 256) {
            throw new IllegalArgumentException("parallelism must be between 1 and 256 threads, got " + n);
        }
        parallelism = n;
    }

    /**
     * The results of {@code trial} over {@code inputs}, in input order; steps are reported to
     * {@code progress}, or nowhere when it is null.
     */
    public static <T, R> List<R> map(List<T> inputs, Progress progress, Trial<T, R> trial) {
        int threads = Math.min(parallelism, inputs.size());
        List<R> out = new ArrayList<>(inputs.size());
        if (threads <= 1) {
            long[] done = {0};
            Runnable step = progress == null ? () -> { } : () -> progress.at(++done[0]);
            for (T input : inputs) {
                out.add(trial.run(input, step));
            }
            return out;
        }
        AtomicLong done = new AtomicLong();
        AtomicBoolean abandoned = new AtomicBoolean();
        // A trial still running when the caller gives up (a failure, an interrupted cell) stops
        // at its next step instead of burning a core for nothing.
        Runnable step = () -> {
            done.incrementAndGet();
            if (abandoned.get()) {
                throw new CancellationException("trial abandoned");
            }
        };
        int pool = POOLS.incrementAndGet();
        AtomicInteger worker = new AtomicInteger();
        ExecutorService executor = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "maplab-trials-" + pool + "-" + worker.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<R>> futures = new ArrayList<>(inputs.size());
            for (T input : inputs) {
                futures.add(executor.submit(() -> trial.run(input, step)));
            }
            for (Future<R> f : futures) {
                out.add(await(f, done, progress));
            }
            return out;
        } finally {
            abandoned.set(true);
            executor.shutdownNow();
        }
    }

    private static void report(Progress progress, AtomicLong done) {
        if (progress != null) {
            progress.at(done.get());
        }
    }

    private static <R> R await(Future<R> f, AtomicLong done, Progress progress) {
        while (true) {
            try {
                R r = f.get(POLL_MILLIS, TimeUnit.MILLISECONDS);
                report(progress, done);
                return r;
            } catch (TimeoutException e) {
                report(progress, done);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CancellationException("interrupted while waiting for the trials");
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof RuntimeException r) {
                    throw r;
                }
                if (cause instanceof Error err) {
                    throw err;
                }
                throw new IllegalStateException(cause);
            }
        }
    }
}
