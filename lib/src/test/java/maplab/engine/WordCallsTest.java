package maplab.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The unboxed calls (setWord, getWord, containsWord, deleteWord) on both engines: the same map
 * operations as set, get, contains and delete, access for access; no allocation per operation;
 * a clear error on a map whose keys or elems are not 8-byte integers.
 */
class WordCallsTest {

    private static final MapType U64 = MapType.of("uint64", "uint64");

    private static GoMap make(String go) {
        return GoMaps.builder(U64).go(go).seed(7).build();
    }

    /** Every step the map takes: what, which field, which slot, read or write. */
    private static List<String> record(GoMap m) {
        List<String> steps = new ArrayList<>();
        m.stepHook((memory, field, slot, write) -> steps.add(memory + " " + field + " " + slot + " " + write));
        return steps;
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.19", "1.22", "1.24", "1.26"})
    void wordCallsAreTheObjectCallsStepForStep(String go) {
        GoMap boxed = make(go);
        GoMap words = make(go);
        List<String> boxedSteps = record(boxed);
        List<String> wordSteps = record(words);
        Random r = new Random(1);
        for (int n = 0; n < 3000; n++) {
            long k = r.nextInt(400) * 0x9E3779B97F4A7C15L;
            switch (r.nextInt(4)) {
                case 0 -> {
                    boxed.set(k, k + 1);
                    words.setWord(k, k + 1);
                }
                case 1 -> {
                    Object e = boxed.get(k);
                    assertEquals(e == null ? 0L : (Long) e, words.getWord(k));
                }
                case 2 -> {
                    boolean has = boxed.get(k) != null;
                    boxedSteps.clear(); // contains reads no elem: compare only the answer here
                    wordSteps.clear();
                    assertEquals(has, words.containsWord(k));
                    wordSteps.clear();
                }
                default -> assertEquals(boxed.delete(k), words.deleteWord(k));
            }
            assertEquals(boxedSteps, wordSteps, "operation " + n);
            boxedSteps.clear();
            wordSteps.clear();
        }
        assertEquals(boxed.entries(), words.entries());
        words.checkInvariants();
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.19", "1.26"})
    void containsWordReadsWhatGetReadsButTheElem(String go) {
        GoMap m = make(go);
        for (long k = 0; k < 100; k++) {
            m.setWord(k, -k);
        }
        List<String> steps = record(m);
        m.get(42L);
        List<String> get = new ArrayList<>(steps);
        steps.clear();
        assertTrue(m.containsWord(42));
        assertEquals(get.subList(0, get.size() - 1), steps);
        assertTrue(get.get(get.size() - 1).contains("ELEM"), get.get(get.size() - 1));
        assertTrue(!m.containsWord(1000));
        assertEquals(-42L, m.getWord(42));
        assertEquals(0L, m.getWord(1000));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.19", "1.26"})
    void otherMapTypesAreRefusedByName(String go) {
        GoMap strings = GoMaps.builder(MapType.of("string", "int")).go(go).build();
        strings.set("a", 1L);
        for (Executable call : List.<Executable>of(() -> strings.setWord(1, 2), () -> strings.getWord(1),
                () -> strings.containsWord(1), () -> strings.deleteWord(1))) {
            IllegalStateException e = assertThrows(IllegalStateException.class, call);
            assertTrue(e.getMessage().contains("map[string]int") && e.getMessage().contains("8-byte integers"),
                    e.getMessage());
        }
        GoMap narrow = GoMaps.builder(MapType.of("uint64", "int32")).go(go).build();
        assertTrue(assertThrows(IllegalStateException.class, () -> narrow.setWord(1, 2)).getMessage()
                .startsWith("setWord needs"));
        assertEquals(1, strings.len());
        assertEquals(0, narrow.len());
        strings.checkInvariants();
    }

    /**
     * Allocation, counted by the JVM for this thread: a loop of unboxed calls on a filled map
     * (updates, hits, misses, deletes and re-inserts, so no growth) allocates a bounded constant
     * (first-use identities, JIT), not bytes per operation; the Object calls box 24-48 B each.
     */
    @ParameterizedTest
    @ValueSource(strings = {"1.19", "1.26"})
    void wordCallsAllocateNothingPerOperation(String go) {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long self = Thread.currentThread().getId();
        GoMap m = make(go);
        int n = 4096;
        for (long k = 0; k < n; k++) {
            m.setWord(k * 0x9E3779B97F4A7C15L, k);
        }
        loop(m, n, 20_000); // warm up: the JIT compiles the loop
        int ops = 400_000;
        long before = mx.getThreadAllocatedBytes(self);
        long sum = loop(m, n, ops / 5);
        long bytes = mx.getThreadAllocatedBytes(self) - before;
        assertEquals(n, m.len(), "sum " + sum);
        assertTrue(bytes < 16 * 1024, bytes + " bytes for " + ops + " operations (" + (double) bytes / ops + " B/op)");

        // The same measure sees the Object calls' boxes.
        long beforeBoxed = mx.getThreadAllocatedBytes(self);
        for (long i = 0; i < 10_000; i++) {
            m.get(i * 0x9E3779B97F4A7C15L);
        }
        assertTrue(mx.getThreadAllocatedBytes(self) - beforeBoxed > 10_000 * 16, "the measure sees allocation");
        m.checkInvariants();
    }

    /** rounds × 5 unboxed operations on a map holding keys 0..n-1 (times the golden ratio). */
    private static long loop(GoMap m, int n, int rounds) {
        long sum = 0;
        for (int i = 0; i < rounds; i++) {
            long k = (i % n) * 0x9E3779B97F4A7C15L;
            m.setWord(k, i);
            sum += m.getWord(k);
            sum += m.containsWord(k + 1) ? 1 : 0;
            m.deleteWord(k);
            m.setWord(k, i % n);
        }
        return sum;
    }
}
