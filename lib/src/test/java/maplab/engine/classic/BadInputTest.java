package maplab.engine.classic;

import static maplab.engine.classic.Lab.U64;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import maplab.engine.ControlledHash;
import maplab.engine.GoType;
import maplab.engine.GoVersion;
import maplab.engine.MapType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Input the model refuses: each case throws an exception that names the problem, and the map is
 * exactly as before (snapshot, len and operation index).
 */
class BadInputTest {

    private final ControlledHash hash = new ControlledHash();
    private ClassicMap m;
    private String before;
    private long opBefore;

    /** map[uint64]uint64 (Go 1.23) with 27 entries: the 27th started a doubling, still in progress. */
    @BeforeEach
    void setUp() {
        m = ClassicMap.builder(U64).hint(14).hasher(hash).build();
        for (long k = 1; k <= 27; k++) {
            m.set(k, k * 10);
        }
        remember();
    }

    private void remember() {
        before = Lab.describe(m.snapshot());
        opBefore = m.opIndex();
    }

    private void assertUnchanged() {
        assertEquals(before, Lab.describe(m.snapshot()));
        assertEquals(opBefore, m.opIndex());
    }

    private static <T extends Throwable> String refused(Class<T> kind, Executable call, String... words) {
        T e = assertThrows(kind, call);
        String msg = e.getMessage();
        for (String w : words) {
            assertTrue(msg != null && msg.contains(w), "message should name '" + w + "': " + msg);
        }
        return msg;
    }

    @Test
    void negativeHintIsRefusedAndTheBuilderStillWorks() {
        ClassicMap.Builder b = ClassicMap.builder(U64);
        refused(IllegalArgumentException.class, () -> b.hint(-1), "hint", "-1");
        MapSnapshot s = b.build().snapshot();
        assertEquals(0, s.B());
        assertFalse(s.bucketsAllocated(), "make(map[K]V): the refused hint was not kept");
    }

    @Test
    void hintBeyondTheModelsLargestArrayIsRefused() {
        refused(IllegalArgumentException.class, () -> ClassicMap.builder(U64).hint(1L << 40).build(), "hint", "2^");
    }

    @Test
    void keyOfWrongTypeIsRefused() {
        refused(IllegalArgumentException.class, () -> m.set("x", 1L), "key", "uint64", "String");
        refused(IllegalArgumentException.class, () -> m.set(-1, 1L), "key", "-1", "uint64", "Integer", "does not fit");
        refused(IllegalArgumentException.class, () -> m.get(1.5), "key", "uint64");
        refused(IllegalArgumentException.class, () -> m.delete("x"), "key", "uint64");
        refused(IllegalArgumentException.class, () -> m.contains("x"), "key", "uint64");
        assertUnchanged();
    }

    @Test
    void elemOfWrongTypeIsRefused() {
        refused(IllegalArgumentException.class, () -> m.set(1L, "ten"), "elem", "uint64", "String");
        refused(IllegalArgumentException.class, () -> m.set(99L, -1), "elem", "uint64", "Integer", "does not fit");
        assertUnchanged();
        assertEquals(10L, m.get(1L));
        assertFalse(m.contains(99L), "the key was not inserted before the elem was refused");
    }

    @Test
    void nullKeyOrElemIsRefused() {
        refused(IllegalArgumentException.class, () -> m.set(null, 1L), "key", "null");
        refused(IllegalArgumentException.class, () -> m.set(1L, null), "elem", "null");
        refused(IllegalArgumentException.class, () -> m.get(null), "key", "null");
        refused(IllegalArgumentException.class, () -> m.delete(null), "key", "null");
        assertUnchanged();
    }

    @Test
    void byteArrayOfWrongLengthIsRefused() {
        ClassicMap bytes = ClassicMap.builder(MapType.of(GoType.bytes(4), GoType.bytes(200))).build();
        bytes.set(new byte[4], new byte[200]);
        String was = Lab.describe(bytes.snapshot());
        long op = bytes.opIndex();

        refused(IllegalArgumentException.class, () -> bytes.set(new byte[3], new byte[200]), "key", "3 bytes", "[4]byte");
        refused(IllegalArgumentException.class, () -> bytes.set(new byte[4], new byte[199]), "elem", "199 bytes",
                "[200]byte");
        refused(IllegalArgumentException.class, () -> bytes.get(new byte[5]), "key", "5 bytes");

        assertEquals(was, Lab.describe(bytes.snapshot()));
        assertEquals(op, bytes.opIndex());
    }

    @Test
    void arraySizeOutOfRangeIsRefused() {
        refused(IllegalArgumentException.class, () -> GoType.bytes(-1), "out of range", "[-1]byte");
        refused(IllegalArgumentException.class, () -> GoType.bytes(GoType.MAX_ARRAY_LENGTH + 1), "out of range");
        refused(IllegalArgumentException.class, () -> GoType.named("[2000000000]byte"), "out of range");
        refused(IllegalArgumentException.class, () -> MapType.of("uint64", "float32"), "unknown Go type", "float32");
    }

    @Test
    void unknownGoVersionIsRefused() {
        ClassicMap.Builder b = ClassicMap.builder(U64).go("1.19");
        refused(IllegalArgumentException.class, () -> b.go("1.20"), "1.20");
        refused(IllegalArgumentException.class, () -> b.go("1.18"), "1.18", "1.19");
        refused(IllegalArgumentException.class, () -> b.go("1.24"), "1.24", "Swiss");
        refused(IllegalArgumentException.class, () -> b.go("banana"), "banana");
        refused(IllegalArgumentException.class, () -> b.go(""), "version");
        refused(IllegalArgumentException.class, () -> b.go((String) null), "null");
        assertEquals(GoVersion.GO1_19, b.build().version(), "the builder kept the last good version");
        assertEquals(GoVersion.GO1_22, GoVersion.parse("go1.22.12"));
        assertEquals(GoVersion.GO1_23, GoVersion.parse("GO1_23"));
    }

    @Test
    void snapshotListsRefuseMutation() {
        MapSnapshot s = m.snapshot();
        assertTrue(s.growing(), "the fixture is mid-growth, so oldbuckets is not empty");
        BucketSnapshot b = s.buckets().get(0);
        List<List<?>> lists = List.of(s.buckets(), s.oldbuckets(), b.chain(), b.tophashes());
        for (List<?> list : lists) {
            @SuppressWarnings("unchecked")
            List<Object> l = (List<Object>) list;
            Object first = l.get(0);
            refused(UnsupportedOperationException.class, () -> l.add(first), "read-only");
            refused(UnsupportedOperationException.class, () -> l.set(0, first), "read-only");
            refused(UnsupportedOperationException.class, () -> l.remove(0), "read-only");
            refused(UnsupportedOperationException.class, l::clear, "read-only");
            refused(UnsupportedOperationException.class, () -> {
                java.util.Iterator<Object> i = l.iterator();
                i.next();
                i.remove();
            }, "read-only");
        }
        assertUnchanged();
    }

    @Test
    void changingAnArrayFromASnapshotDoesNotChangeTheMap() {
        ClassicMap bytes = ClassicMap.builder(MapType.of(GoType.bytes(4), GoType.bytes(4))).build();
        bytes.set(new byte[] {1, 2, 3, 4}, new byte[] {5, 6, 7, 8});
        BucketSnapshot b = bytes.snapshot().buckets().get(0);
        ((byte[]) b.key(0))[0] = 99;
        ((byte[]) b.elem(0))[0] = 99;
        ((byte[]) b.rawKey(0))[1] = 99;
        assertArrayEquals(new byte[] {5, 6, 7, 8}, (byte[]) bytes.get(new byte[] {1, 2, 3, 4}));
        assertArrayEquals(new byte[] {1, 2, 3, 4}, (byte[]) bytes.snapshot().buckets().get(0).rawKey(0));
    }

    /** map[[4]byte][4]byte holding {1,2,3,4}: {5,6,7,8}, the caller's key array changed after set. */
    private static ClassicMap arrays() {
        ClassicMap bytes = ClassicMap.builder(MapType.of(GoType.bytes(4), GoType.bytes(4))).build();
        byte[] key = {1, 2, 3, 4};
        bytes.set(key, new byte[] {5, 6, 7, 8});
        key[0] = 42; // set copied the key in
        return bytes;
    }

    private static void assertArraysIntact(ClassicMap bytes) {
        assertArrayEquals(new byte[] {5, 6, 7, 8}, (byte[]) bytes.get(new byte[] {1, 2, 3, 4}));
        assertArrayEquals(new byte[] {1, 2, 3, 4}, (byte[]) bytes.snapshot().buckets().get(0).key(0));
        assertTrue(bytes.check().isEmpty(), bytes.check().toString());
    }

    @Test
    void changingAnArrayReturnedByGetDoesNotChangeTheMap() {
        // Go: v := m[k] is a copy of the elem
        ClassicMap bytes = arrays();
        ((byte[]) bytes.get(new byte[] {1, 2, 3, 4}))[0] = 99;
        assertArraysIntact(bytes);
    }

    @Test
    void changingAKeyArrayFromAnIteratorDoesNotChangeTheMap() {
        // Go: for k := range m yields a copy of the key
        ClassicMap bytes = arrays();
        ((byte[]) bytes.iterate().key())[0] = 77;
        assertArraysIntact(bytes);
    }

    @Test
    void changingAnElemArrayFromAnIteratorDoesNotChangeTheMap() {
        // Go: for _, v := range m yields a copy of the elem
        ClassicMap bytes = arrays();
        ((byte[]) bytes.iterate().elem())[1] = 77;
        ((byte[]) bytes.entries().get(0).getValue())[2] = 77;
        assertArraysIntact(bytes);
    }

    @Test
    void readingPastTheEndOfAnIterationIsRefused() {
        ClassicIterator it = m.iterate();
        while (it.next()) {
            // run to the end
        }
        remember();
        refused(IllegalStateException.class, it::key, "ended");
        refused(IllegalStateException.class, it::elem, "ended");
        refused(IllegalStateException.class, it::entry, "ended");
        assertFalse(it.next());
        assertUnchanged();
    }
}
