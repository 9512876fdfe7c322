package maplab.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 19's model-API findings, on both engines: a huge hint is refused with an error that
 * names the model's limit (not an OutOfMemoryError or a NegativeArraySizeException), and a
 * pointer key or elem may be nil, as in Go.
 */
class ModelLimitsTest {

    private static final MapType U64 = MapType.of(GoType.UINT64, GoType.UINT64);
    private static final MapType U64_PTR = MapType.of(GoType.UINT64, GoType.POINTER);
    private static final MapType PTR_U64 = MapType.of(GoType.POINTER, GoType.UINT64);

    @ParameterizedTest
    @ValueSource(strings = {"1.19", "1.23", "1.24", "1.26"})
    void hugeHintsAreRefusedByName(String go) {
        // (A hint whose arrays would pass Go's maxAlloc is not refused: Go treats it as 0.)
        for (long hint : new long[] {300_000_000L, 500_000_000L, 1L << 40}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> GoMaps.builder(U64).go(go).hint(hint).build(), "hint " + hint);
            assertTrue(e.getMessage().contains("hint " + hint), e.getMessage());
            assertTrue(e.getMessage().matches(".*(more than this model|MiB of Java heap).*"), e.getMessage());
        }
        // The builder is still usable, and a large but possible hint works.
        GoMap m = GoMaps.builder(U64).go(go).hint(100_000).build();
        m.set(1L, 2L);
        assertEquals(2L, m.get(1L));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.19", "1.23", "1.24", "1.26"})
    void nilPointerElemsAreValuesAndPresent(String go) {
        GoMap m = GoMaps.builder(U64_PTR).go(go).build();
        Object p = new Object();
        for (long k = 0; k < 40; k++) {
            m.set(k, k % 2 == 0 ? null : p);
        }
        assertEquals(40, m.len());
        assertNull(m.get(2L));
        assertTrue(m.contains(2L), "a nil elem is present");
        assertFalse(m.contains(99L), "an absent key is absent");
        assertEquals(p, m.get(3L));
        assertTrue(m.delete(2L));
        assertFalse(m.contains(2L));
        m.checkInvariants();
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.19", "1.23", "1.24", "1.26"})
    void aNilPointerIsOneKey(String go) {
        GoMap m = GoMaps.builder(PTR_U64).go(go).build();
        List<Object> ptrs = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            Object p = new Object();
            ptrs.add(p);
            m.set(p, (long) i);
        }
        m.set(null, 7L);
        m.set(null, 8L);
        assertEquals(21, m.len(), "nil is one key, however often it is set");
        assertEquals(8L, m.get(null));
        assertTrue(m.keys().contains(null));
        assertEquals(5L, m.get(ptrs.get(5)));
        assertTrue(m.delete(null));
        assertFalse(m.contains(null));
        assertEquals(20, m.len());
        m.checkInvariants();
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.19", "1.26"})
    void otherTypesStillHaveNoNil(String go) {
        GoMap m = GoMaps.builder(U64).go(go).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> m.set(1L, null));
        assertTrue(e.getMessage().contains("no null uint64"), e.getMessage());
        assertEquals(0, m.len());
    }
}
