package maplab.engine.classic;

import static maplab.engine.classic.Lab.U64;
import static maplab.engine.classic.Lab.put;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import maplab.engine.ControlledHash;
import maplab.engine.Draw;
import maplab.engine.GoType;
import maplab.engine.MapType;
import maplab.engine.classic.MapEvent.BucketArrayAllocated;
import maplab.engine.classic.MapEvent.OverflowTaken;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** makemap, makemap_small, makeBucketArray, newoverflow's pool, and the bucket layout (runtime/map.go, reflect.go). */
class MakeRulesTest {

    private final ControlledHash hash = new ControlledHash(null);
    private final Lab.Recorder rec = new Lab.Recorder();

    @ParameterizedTest(name = "hint {0}: B {1} in 1.19/1.22/1.23, B {2} in 1.21")
    @CsvSource({
        "0, 0, 0", "1, 0, 0", "8, 0, 0", "9, 1, 1", "12, 1, 1", "13, 1, 2", "14, 2, 2", "24, 2, 2",
        "25, 2, 3", "26, 2, 3", "27, 3, 3", "48, 3, 3", "49, 3, 4", "52, 3, 4", "53, 4, 4", "96, 4, 4",
        "97, 4, 5", "104, 4, 5", "105, 5, 5", "6144, 10, 10", "6145, 10, 11", "6656, 10, 11", "6657, 11, 11"
    })
    void makeHintChoosesB(long hint, int b13, int b12) {
        // makemap: B = smallest with !overLoadFactor(hint, B); loadFactorNum 13, but 12 in Go 1.21
        for (String go : Lab.VERSIONS) {
            MapSnapshot s = ClassicMap.builder(U64).go(go).hint(hint).build().snapshot();
            int expected = go.equals("1.21") ? b12 : b13;
            assertEquals(expected, s.B(), "Go " + go + ", hint " + hint);
            assertEquals(expected > 0, s.bucketsAllocated(), "B = 0 allocates lazily; B >= 1 at make");
        }
    }

    @Test
    void hintWhoseBytesExceedMaxAllocActsAsZero() {
        // makemap: mem, overflow := math.MulUintptr(hint, t.bucket.size); if overflow || mem > maxAlloc { hint = 0 }
        long overMaxAlloc = (1L << 48) / BucketType.of(U64).bucketSize() + 1; // hint * 144 > maxAlloc (1<<48 on amd64)
        MapSnapshot s = ClassicMap.builder(U64).hint(overMaxAlloc).build().snapshot();
        assertEquals(0, s.B());
        assertFalse(s.bucketsAllocated());
        assertEquals(0, ClassicMap.builder(U64).hint(Long.MAX_VALUE).build().snapshot().B(), "the product overflows");
    }

    @Test
    void makeSmallAllocatesLazily() {
        // makemap_small / makemap with B = 0: no buckets; mapassign: if h.buckets == nil { newobject(t.bucket) }
        ClassicMap m = ClassicMap.builder(U64).hasher(hash).listener(rec).build();
        ClassicMap hinted = ClassicMap.builder(U64).hint(8).build();
        assertFalse(m.snapshot().bucketsAllocated());
        assertFalse(hinted.snapshot().bucketsAllocated());
        hash.place(1L, 0, 0x40);
        assertNull(m.get(1L));
        assertFalse(m.delete(1L));
        assertTrue(rec.events.isEmpty(), "reads and deletes on an empty map allocate nothing");

        m.set(1L, 10L);

        assertEquals(new BucketArrayAllocated(m.opIndex(), 0, 0, 1, 144), rec.events.get(0));
        assertEquals(List.of("buckets#0[0]"), Lab.chainNames(m.snapshot().buckets().get(0)));
    }

    @ParameterizedTest(name = "{0} Go {1} B={2}: {3} buckets")
    @CsvSource({
        "uint64/uint64, 1.19, 4, 18", "uint64/uint64, 1.19, 5, 37", "uint64/uint64, 1.19, 6, 71",
        "uint64/uint64, 1.19, 7, 142", "uint64/uint64, 1.19, 8, 284",
        "uint64/uint64, 1.21, 4, 18", "uint64/uint64, 1.21, 8, 284",
        "uint64/uint64, 1.22, 4, 18", "uint64/uint64, 1.22, 5, 37", "uint64/uint64, 1.22, 6, 71",
        "uint64/uint64, 1.22, 7, 142", "uint64/uint64, 1.22, 8, 284",
        "uint64/uint64, 1.23, 7, 142",
        "*T/struct{}, 1.19, 7, 136", "*T/struct{}, 1.21, 7, 136",
        "*T/struct{}, 1.22, 7, 153", "*T/struct{}, 1.23, 7, 153",
        "uint64/uint64, 1.23, 3, 8"
    })
    void preallocatedOverflowCountsMatchSizeClasses(String types, String go, int b, int total) {
        // makeBucketArray: b >= 4 adds 2^(b-4), then nbuckets = roundupsize(sz[, noscan]) / bucketsize
        String[] kv = types.split("/");
        MapType t = MapType.of(kv[0], kv[1]);
        ClassicMap m = ClassicMap.builder(t).go(go).hint(6L << b).listener(rec).build();
        MapSnapshot s = m.snapshot();
        assertEquals(b, s.B());
        assertEquals(total, (1 << b) + s.nextOverflowFree());
        BucketArrayAllocated a = rec.of(BucketArrayAllocated.class).get(0);
        assertEquals(total, a.nbuckets());
        assertTrue(a.bytes() >= total * BucketType.of(t).bucketSize() && a.bytes() < (total + 1) * BucketType.of(t).bucketSize(),
                "the size class leaves less than one bucket unused: " + a.bytes());
    }

    @Test
    void overflowTakenFromPoolBeforeAllocating() {
        // newoverflow: take h.extra.nextOverflow; its overflow == nil -> bump; sentinel (last) -> reset, nextOverflow = nil
        ClassicMap m = ClassicMap.builder(U64).hint(96).hasher(hash).listener(rec).build(); // B = 4: 16 + 2
        Hmap h = Lab.hmap(m);
        assertSame(h.buckets().get(0), h.buckets().get(17).overflow(), "the last pooled bucket holds the sentinel");
        assertEquals(2, m.snapshot().nextOverflowFree());

        for (long j = 1; j <= 9; j++) {
            put(m, hash, j, 0);
        }
        assertEquals(1, m.snapshot().nextOverflowFree());
        for (long j = 1; j <= 9; j++) {
            put(m, hash, 10 + j, 1);
        }
        assertEquals(0, m.snapshot().nextOverflowFree(), "the sentinel bucket was the last");
        for (long j = 1; j <= 9; j++) {
            put(m, hash, 20 + j, 2);
        }

        List<OverflowTaken> taken = rec.of(OverflowTaken.class);
        assertEquals(List.of("buckets#0[16]", "buckets#0[17]", "overflow#0"),
                taken.stream().map(OverflowTaken::overflow).toList());
        assertEquals(List.of(true, true, false), taken.stream().map(OverflowTaken::preallocated).toList());
        MapSnapshot s = m.snapshot();
        assertEquals(List.of("buckets#0[1]", "buckets#0[17]"), Lab.chainNames(s.buckets().get(1)),
                "the sentinel was reset to nil: the chain ends there");
        assertEquals(3, s.noverflow(), "pooled buckets count too");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.19", "1.21", "1.22", "1.23"})
    void hashSeedIsLow32BitsOfDraw(String go) {
        // makemap: h.hash0 = fastrand() (1.19/1.21) or uint32(rand()) (1.22+): 32 bits
        Lab.ScriptedRandom r = new Lab.ScriptedRandom().queue(Draw.HASH_SEED, 0x1234_5678_9abc_def0L);
        ClassicMap m = ClassicMap.builder(U64).go(go).random(r).build();
        assertEquals(0x9abc_def0, m.snapshot().hash0());
        assertEquals(List.of(Draw.HASH_SEED), r.draws);
    }

    @ParameterizedTest(name = "{0}/{1}: {2} bytes, indirect key {3}, indirect elem {4}")
    @CsvSource({
        "uint64, uint64, 144, false, false",
        "string, int, 208, false, false",
        "int64, struct{}, 80, false, false",
        "string, [200]byte, 208, false, true",
        "uint64, [128]byte, 1104, false, false",
        "[129]byte, uint64, 144, true, false",
        "*T, struct{}, 80, false, false"
    })
    void bucketSizeIs16Plus8TimesSlotSizes(String k, String e, long size, boolean indirectKey, boolean indirectElem) {
        // reflectdata.MapBucketType: key/elem > 128 bytes stored as a pointer; size 8 + 8*(k+e) + 8
        MapType t = MapType.of(k, e);
        assertEquals(size, BucketType.of(t).bucketSize());
        assertEquals(indirectKey, t.indirectKey());
        assertEquals(indirectElem, t.indirectElem());
    }

    @Test
    void indirectElemOver128BytesLivesOutsideTheBucketAndMovesByPointer() {
        // mapassign: t.indirectelem() -> newobject(t.elem), slot holds the pointer; evacuate copies the pointer
        MapType t = MapType.of(GoType.UINT64, GoType.bytes(200));
        assertTrue(BucketType.of(t).bucketHasPointers(), "the elem slot is a pointer, so the bucket is scanned");
        ClassicMap m = ClassicMap.builder(t).hasher(hash).build();
        byte[] v = new byte[200];
        v[0] = 7;
        for (long k = 1; k <= 8; k++) {
            hash.place(k, k % 2, 0x40 + (int) k);
            m.set(k, v);
        }
        v[0] = 9; // the caller's array is not the map's
        Object slot = Lab.hmap(m).buckets().get(0).elem(2); // key 3
        assertTrue(slot instanceof Indirect);

        hash.place(9L, 1, 0x49);
        m.set(9L, new byte[200]); // doubling: key 3 moves to the new bucket 1, slot 1

        assertSame(slot, Lab.hmap(m).buckets().get(1).elem(1), "the same object, moved by pointer");
        byte[] got = (byte[]) m.get(3L);
        assertEquals(7, got[0]);
        assertTrue(Arrays.equals(new byte[200], (byte[]) m.get(9L)));
    }
}
