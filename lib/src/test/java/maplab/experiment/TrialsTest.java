package maplab.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import maplab.engine.MapType;
import maplab.table.Progress;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

class TrialsTest {

    private final int saved = Experiments.parallelism();

    @AfterEach
    void restore() {
        Experiments.parallelism(saved);
    }

    private static String csv(Table t) {
        StringWriter w = new StringWriter();
        t.write().csv(w);
        return t.name() + "\n" + w;
    }

    /** The CSV text of {@code run}'s table, serial and on 4 threads: they must be the same. */
    private static void sameAsSerial(Supplier<Table> run) {
        Experiments.parallelism(1);
        String serial = csv(run.get());
        Experiments.parallelism(4);
        String parallel = csv(run.get());
        assertTrue(serial.lines().count() > 4, "the table has rows");
        assertEquals(serial, parallel);
    }

    @Test
    void churnOverReleasesIsTheSerialTable() {
        sameAsSerial(() -> Experiments.churn(60, 300, 50, 5, "1.19", "1.23", "1.24", "1.26"));
    }

    @Test
    void slotReuseOverReleasesIsTheSerialTable() {
        sameAsSerial(() -> Experiments.slotReuse(40, 20, 9, "1.21", "1.24", "1.25"));
    }

    @Test
    void iterationDuringGrowthAndMemoryAreTheSerialTables() {
        sameAsSerial(() -> Experiments.iterationDuringGrowth(10, 12, 12, 3, "1.22", "1.26"));
        sameAsSerial(() -> Experiments.bytesPerEntry(List.of(MapType.of("uint64", "uint64")), new long[] {1, 9, 100},
                "1.19", "1.24"));
    }

    @Test
    void theFirstFailureInInputOrderSurfacesAsInSerial() {
        for (int threads : new int[] {1, 4}) {
            Experiments.parallelism(threads);
            List<Integer> ran = Collections.synchronizedList(new ArrayList<>());
            CountDownLatch laterFailed = new CountDownLatch(1);
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> Trials.map(List.of(0, 1, 2, 3, 4, 5), new Progress("test", 6, "trials"), (i, step) -> {
                        ran.add(i);
                        if (i == 4) {
                            laterFailed.countDown();
                        }
                        if (i == 2 && threads > 1) {
                            // In parallel, trial 4 fails first in time; trial 2's failure still wins.
                            await(laterFailed);
                        }
                        if (i == 2 || i == 4) {
                            throw new IllegalStateException("trial " + i + " failed");
                        }
                        step.run();
                        return i;
                    }));
            assertEquals("trial 2 failed", e.getMessage(), "on " + threads + " threads");
            assertTrue(ran.containsAll(List.of(0, 1, 2)), "the trials before the failure ran: " + ran);
            if (threads == 1) {
                assertEquals(List.of(0, 1, 2), ran, "serial stops at the failure");
            }
        }
    }

    @Test
    void aTrialStillRunningAfterAFailureStopsAtItsNextStep() throws InterruptedException {
        Experiments.parallelism(2);
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch stopped = new CountDownLatch(1);
        assertThrows(IllegalStateException.class,
                () -> Trials.map(List.of(0, 1), null, (i, step) -> {
                    if (i == 0) {
                        try {
                            started.await(30, TimeUnit.SECONDS);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        throw new IllegalStateException("trial 0 failed");
                    }
                    started.countDown();
                    try {
                        for (long n = 0; n < Long.MAX_VALUE; n++) {
                            step.run();
                        }
                    } catch (CancellationException e) {
                        stopped.countDown();
                    }
                    return i;
                }));
        assertTrue(stopped.await(30, TimeUnit.SECONDS), "the endless trial stopped once the run failed");
    }

    private static void await(CountDownLatch latch) {
        try {
            assertTrue(latch.await(30, TimeUnit.SECONDS), "the other trial ran");
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void resultsComeInInputOrderWhenLaterTrialsFinishFirst() {
        Experiments.parallelism(4);
        CountDownLatch lastDone = new CountDownLatch(1);
        List<String> out = Trials.map(List.of("a", "b", "c"), new Progress("test", 3, "trials"), (s, step) -> {
            if (s.equals("a")) {
                // Finishes only after "c" has: proves the trials overlap and the order is the input's.
                await(lastDone);
            }
            if (s.equals("c")) {
                lastDone.countDown();
            }
            return s.toUpperCase();
        });
        assertEquals(List.of("A", "B", "C"), out);
    }

    @Test
    void parallelismOutsideOneTo256IsRefused() {
        for (int bad : new int[] {0, -3, 257}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Experiments.parallelism(bad));
            assertEquals("parallelism must be between 1 and 256 threads, got " + bad, e.getMessage());
        }
        Experiments.parallelism(256);
        assertEquals(256, Experiments.parallelism());
    }
}
