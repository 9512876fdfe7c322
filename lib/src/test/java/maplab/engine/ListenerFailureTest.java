package maplab.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 19 (a): a listener that throws once used to leave the writing flag set (hashWriting,
 * m.writing), so every later write failed with "concurrent map writes". Its exception now waits
 * until the operation has run to its end.
 */
class ListenerFailureTest {

    @ParameterizedTest
    @ValueSource(strings = {"1.19", "1.26"})
    void aListenerThatThrowsLeavesTheMapWhole(String go) {
        GoMap m = GoMaps.make(MapType.of("uint64", "uint64"), go);
        RuntimeException boom = new IllegalStateException("listener failed");
        int[] calls = {0};
        MapListener failOnce = e -> {
            if (calls[0]++ == 0) {
                throw boom;
            }
        };
        m.listen(failOnce);
        assertSame(boom, assertThrows(IllegalStateException.class, () -> m.set(1L, 10L)));
        assertEquals(10L, m.get(1L), "the write the listener interrupted was completed");
        for (long k = 2; k <= 100; k++) {
            m.set(k, k * 10);
        }
        assertEquals(100, m.len());
        m.checkInvariants();

        // Throwing on every event: each write still completes; deletes and iteration too.
        m.unlisten(failOnce);
        m.listen(e -> {
            throw new IllegalArgumentException("always");
        });
        assertThrows(IllegalArgumentException.class, () -> m.set(101L, 1010L));
        assertThrows(IllegalArgumentException.class, () -> m.delete(1L));
        assertTrue(m.check().isEmpty(), () -> String.join("\n", m.check()));
        assertEquals(100, m.len());
        assertEquals(1010L, m.get(101L));
        assertEquals(null, m.get(1L));
    }
}
