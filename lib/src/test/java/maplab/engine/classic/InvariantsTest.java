package maplab.engine.classic;

import static maplab.engine.classic.Lab.U64;
import static maplab.engine.classic.Lab.put;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import maplab.engine.ControlledHash;
import maplab.engine.GoType;
import maplab.engine.MapType;
import org.junit.jupiter.api.Test;

/**
 * Invariants.check: silent on every state the operations produce, and loud on each kind of
 * corruption. Corrupt states are made through the package-private Hmap, reached by reflection
 * on ClassicMap.h (no accessor exists).
 */
class InvariantsTest {

    private final ControlledHash hash = new ControlledHash(null);

    private ClassicMap map(long hint) {
        return ClassicMap.builder(U64).hint(hint).hasher(hash).build();
    }

    /** A map with a controlled hash of its own, so layouts of different maps do not mix. */
    private static ClassicMap own(long hint, ControlledHash h) {
        return ClassicMap.builder(U64).hint(hint).hasher(h).build();
    }

    /** Many states reached through operations, each named. */
    private Map<String, ClassicMap> validStates() {
        Map<String, ClassicMap> out = new LinkedHashMap<>();
        ControlledHash hash = null; // each state below places its keys in a hash of its own
        out.put("fresh make(map)", ClassicMap.builder(U64).build());
        hash = new ControlledHash(null);
        ClassicMap small = own(0, hash);
        for (long k = 1; k <= 8; k++) {
            put(small, hash, k, 0);
        }
        small.delete(3L);
        small.delete(8L);
        out.put("B=0 with emptyOne and emptyRest", small);

        hash = new ControlledHash(null);
        ClassicMap full = own(14, hash);
        Lab.fillB2(full, hash);
        out.put("B=2 full", full);

        hash = new ControlledHash(null);
        ClassicMap growing = own(14, hash);
        Lab.fillB2(growing, hash);
        put(growing, hash, 27, 2);
        out.put("doubling in progress", growing);

        hash = new ControlledHash(null);
        ClassicMap iterating = own(14, hash);
        Lab.fillB2(iterating, hash);
        iterating.iterate();
        put(iterating, hash, 27, 2);
        iterating.iterate().next();
        out.put("doubling in progress with iterators before and during it", iterating);

        hash = new ControlledHash(null);
        ClassicMap sameSize = own(14, hash);
        Lab.fillSameSizeReady(sameSize, hash);
        put(sameSize, hash, 100, 2);
        out.put("same-size growth in progress", sameSize);

        hash = new ControlledHash(null);
        ClassicMap grown = own(14, hash);
        Lab.fillB2(grown, hash);
        put(grown, hash, 27, 2);
        put(grown, hash, 37, 3);
        out.put("growth finished", grown);

        hash = new ControlledHash(null);
        ClassicMap cleared = own(14, hash);
        Lab.fillSameSizeReady(cleared, hash);
        put(cleared, hash, 100, 2);
        cleared.clear();
        out.put("cleared during growth", cleared);

        hash = new ControlledHash(null);
        ClassicMap chain = own(20, hash);
        for (long k = 1; k <= 17; k++) {
            put(chain, hash, k, 0);
        }
        chain.delete(16L);
        chain.delete(17L);
        out.put("emptyRest run across an overflow chain", chain);

        hash = new ControlledHash(null);
        ClassicMap pool = own(96, hash);
        for (long k = 1; k <= 40; k++) {
            put(pool, hash, k, k % 2); // 20 keys per bucket: two pooled, then two separate overflow buckets
        }
        out.put("B=4 with pooled and separate overflow buckets", pool);

        ClassicMap strings = ClassicMap.builder(Lab.STR_U64).build();
        for (int k = 0; k < 200; k++) {
            strings.set("k" + k, (long) k);
            if (k % 3 == 0) {
                strings.delete("k" + (k / 2));
            }
        }
        out.put("map[string]uint64 after growths and deletes", strings);

        ClassicMap nan = ClassicMap.builder(Lab.F64_U64).build();
        for (int k = 0; k < 12; k++) {
            nan.set(Double.NaN, (long) k);
            nan.set((double) k, (long) k);
        }
        out.put("float64 keys with NaNs", nan);

        ClassicMap indirect = ClassicMap.builder(MapType.of(GoType.bytes(130), GoType.bytes(200))).build();
        for (int k = 0; k < 40; k++) {
            byte[] key = new byte[130];
            key[0] = (byte) k;
            indirect.set(key, new byte[200]);
        }
        out.put("indirect keys and elems", indirect);
        return out;
    }

    @Test
    void checkIsEmptyOnValidStates() {
        for (Map.Entry<String, ClassicMap> e : validStates().entrySet()) {
            assertEquals(List.of(), e.getValue().check(), e.getKey());
            e.getValue().checkInvariants();
        }
    }

    /** A B = 2 map with keys 1..3 in bucket 0 and 11 in bucket 1, corrupted by {@code corrupt}. */
    private List<String> corrupted(Consumer<Hmap> corrupt) {
        ClassicMap m = map(14);
        put(m, hash, 1, 0);
        put(m, hash, 2, 0);
        put(m, hash, 3, 0);
        put(m, hash, 11, 1);
        assertEquals(List.of(), m.check());
        corrupt.accept(Lab.hmap(m));
        IllegalStateException e = assertThrows(IllegalStateException.class, m::checkInvariants);
        List<String> broken = m.check();
        for (String b : broken) {
            assertTrue(e.getMessage().contains(b), "checkInvariants lists every problem");
        }
        return broken;
    }

    private static void assertMentions(List<String> broken, String... words) {
        assertTrue(broken.stream().anyMatch(b -> List.of(words).stream().allMatch(b::contains)),
                "expected a problem naming " + List.of(words) + " in " + broken);
    }

    @Test
    void detectsWrongTophash() {
        assertMentions(corrupted(h -> h.buckets().get(0).setTophash(1, 0x99)), "key 2", "has tophash 153");
    }

    @Test
    void detectsKeyInWrongChain() {
        assertMentions(corrupted(h -> {
            Bucket b0 = h.buckets().get(0);
            Bucket b2 = h.buckets().get(2);
            b2.setTophash(0, b0.tophash(2));
            b2.setKey(0, b0.key(2));
            b2.setElem(0, b0.elem(2));
            b0.setTophash(2, Tophash.EMPTY_REST);
        }), "key 3", "hashes to chain 0");
    }

    @Test
    void detectsCountMismatch() {
        assertMentions(corrupted(h -> h.setCount(5)), "count=5", "4 live");
    }

    @Test
    void detectsKeyLiveTwice() {
        assertMentions(corrupted(h -> {
            Bucket b0 = h.buckets().get(0);
            b0.setTophash(3, b0.tophash(0));
            b0.setKey(3, b0.key(0));
            h.setCount(5);
        }), "key 1", "live twice");
    }

    @Test
    void detectsLiveSlotAfterEmptyRest() {
        assertMentions(corrupted(h -> {
            h.buckets().get(0).setTophash(1, Tophash.EMPTY_REST);
            h.setCount(3);
        }), "slot 2", "after an emptyRest");
    }

    @Test
    void detectsEvacuatedMarkInCurrentArray() {
        assertMentions(corrupted(h -> h.buckets().get(3).setTophash(0, Tophash.EVACUATED_X)), "evacuated mark 2",
                "current array");
    }

    @Test
    void detectsNoverflowMismatch() {
        assertMentions(corrupted(h -> h.setNoverflow(2)), "noverflow=2", "0 overflow");
    }

    @Test
    void detectsHashWritingBetweenOperations() {
        assertMentions(corrupted(h -> h.setFlags(h.flags() | Hmap.HASH_WRITING)), "hashWriting");
    }

    @Test
    void detectsSameSizeGrowWithoutGrowth() {
        assertMentions(corrupted(h -> h.setFlags(h.flags() | Hmap.SAME_SIZE_GROW)), "sameSizeGrow", "not growing");
    }

    @Test
    void detectsWrongArraySizeForB() {
        assertMentions(corrupted(h -> h.setB(1)), "bucket array has 4 buckets for B=1");
    }

    @Test
    void reportsRatherThanCrashesWhenBExceedsTheArray() {
        // a checker must name the corruption, not fail with an index error while walking 2^B heads
        assertMentions(corrupted(h -> h.setB(3)), "bucket array has 4 buckets for B=3");
    }

    /** The "doubling in progress" state (old 0 and 2 evacuated, nevacuate 1), corrupted. */
    private List<String> corruptedGrowth(Consumer<Hmap> corrupt) {
        ClassicMap m = map(14);
        Lab.fillB2(m, hash);
        put(m, hash, 27, 2);
        assertEquals(List.of(), m.check());
        corrupt.accept(Lab.hmap(m));
        return m.check();
    }

    @Test
    void detectsUnevacuatedOldBucketBelowNevacuate() {
        assertMentions(corruptedGrowth(h -> h.setNevacuate(2)), "old bucket 1", "below nevacuate=2");
    }

    @Test
    void detectsNevacuateBeyondOldBuckets() {
        assertMentions(corruptedGrowth(h -> h.setNevacuate(5)), "nevacuate 5 beyond the 4 old buckets");
    }

    @Test
    void detectsLiveSlotInEvacuatedChain() {
        assertMentions(corruptedGrowth(h -> h.oldbuckets().get(2).setTophash(7, 0x70)), "tophash 112",
                "evacuated chain");
    }

    @Test
    void detectsEvacuatedMarkInUnevacuatedOldChain() {
        assertMentions(corruptedGrowth(h -> h.oldbuckets().get(1).setTophash(7, Tophash.EVACUATED_EMPTY)),
                "evacuated mark 4", "not evacuated");
    }
}
