package maplab.engine.swiss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import maplab.engine.MapType;
import maplab.engine.SharedField;
import maplab.engine.StepHook;
import org.junit.jupiter.api.Test;

/** SwissMap.getWord: the answers of get, unboxed, with the same accesses in the same order. */
class SwissGetWordTest {

    private static final MapType U64 = MapType.of("uint64", "uint64");

    private static SwissMap filled(int n) {
        SwissMap m = SwissMap.builder(U64).go("1.26").seed(7).build();
        for (long i = 0; i < n; i++) {
            m.set(i * 0x9E3779B97F4A7C15L, i + 1);
        }
        // Tombstones on some probe sequences, so that lookups walk past deleted slots too.
        for (long i = 0; i < n; i += 5) {
            m.delete(i * 0x9E3779B97F4A7C15L);
        }
        return m;
    }

    @Test
    void answersAsGetDoesWithZeroForAbsentKeys() {
        for (int n : new int[] {0, 3, 8, 9, 100, 5_000}) {
            SwissMap m = filled(n);
            for (long i = 0; i < 2L * n + 2; i++) {
                long k = i * 0x9E3779B97F4A7C15L;
                Object boxed = m.get(k);
                long expect = boxed == null ? 0 : (Long) boxed;
                assertEquals(expect, m.getWord(k), "n=" + n + " key #" + i);
                assertEquals(i < n && i % 5 != 0 ? i + 1 : 0, m.getWord(k), "n=" + n + " key #" + i);
            }
        }
    }

    /** Records every step a lookup makes: the race scheduler sees getWord exactly as get. */
    private static final class Steps implements StepHook {
        final List<String> seen = new ArrayList<>();

        @Override
        public void step(Object memory, SharedField field, int slot, boolean write) {
            seen.add(field.describe(memory, slot) + (write ? " write" : " read"));
        }
    }

    @Test
    void touchesTheMapAsGetDoes() {
        for (int n : new int[] {0, 6, 2_000}) {
            SwissMap m = filled(n);
            Steps steps = new Steps();
            m.stepHook(steps);
            try {
                for (long i = 0; i < 2L * n + 2; i++) {
                    long k = i * 0x9E3779B97F4A7C15L;
                    steps.seen.clear();
                    m.get(k);
                    List<String> viaGet = new ArrayList<>(steps.seen);
                    steps.seen.clear();
                    m.getWord(k);
                    assertEquals(viaGet, steps.seen, "n=" + n + " key #" + i);
                    assertTrue(n == 0 || !viaGet.isEmpty());
                }
            } finally {
                m.stepHook(null);
            }
        }
    }

    @Test
    void otherMapTypesAreTurnedAwayByName() {
        SwissMap strings = SwissMap.builder(MapType.of("string", "int")).build();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> strings.getWord(1));
        assertTrue(e.getMessage().contains("map[string]int"), e.getMessage());
        SwissMap narrow = SwissMap.builder(MapType.of("uint32", "uint64")).build();
        assertThrows(IllegalStateException.class, () -> narrow.getWord(1));
        assertEquals(0, strings.len());
    }
}
