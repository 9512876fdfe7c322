package maplab.experiment.claims;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import maplab.engine.ControlledHash;
import maplab.engine.GoMap;
import maplab.engine.ObjectKind;
import maplab.engine.classic.BucketSnapshot;
import maplab.engine.classic.ClassicMap;
import maplab.engine.classic.MapEvent;
import maplab.engine.classic.MapSnapshot;
import maplab.experiment.Experiments;
import maplab.memory.GcSettings;
import maplab.memory.GoHeap;
import maplab.memory.HeapObject;
import maplab.memory.MemoryExperiments;
import tech.tablesaw.api.Table;

/**
 * The classic engine's checks, by claim id: each experiment runs on the model of one Go release
 * (a function of "1.19", "1.21", "1.22" or "1.23") and returns its figures; each rule compares
 * figures. The model agrees with the real runtimes of those releases slot by slot (golden and
 * fresh traces), so a figure here is the runtime's; the heap model's GC timing follows Go 1.19's
 * pacer and was checked against Go 1.19 only, and the race model's step order against Go 1.19's
 * compiled code, so the GC-timing and race checks run on 1.19 alone.
 */
final class ClassicChecks {

    private static final List<String> ALL = MapEngine.CLASSIC.releases();
    /** The heap model's pacer is Go 1.19's, checked against the real Go 1.19 (reports/memory). */
    private static final List<String> PACER = List.of("1.19");
    /**
     * The race model's order of memory accesses was checked against Go 1.19's compiled
     * mapassign_fast64, and the real-runtime race comparison runs Go 1.19: the race checks run there.
     */
    private static final List<String> RACES = List.of("1.19");

    private ClassicChecks() {
    }

    static Map<String, Check> all() {
        Map<String, Check> m = new LinkedHashMap<>();
        m.put("free-list", new Check("one bucket holding keys 1..5: delete the keys in slots 1 and 3, in both orders, "
                + "then insert a new key", ALL, ClassicChecks::freeList,
                r -> Verdict.of(r.figure("slotAfter1Then3") != r.figure("slotAfter3Then1"))));
        m.put("skip-emptyrest", new Check("one bucket holding keys 1..5: delete the last two (their slots become "
                + "emptyRest), insert a new key", ALL, ClassicChecks::skipEmptyRest,
                r -> Verdict.of(r.figure("previousTophash") != 0)));
        m.put("slot-reuse", new Check("150 random maps of up to 26 keys: delete some keys, insert new ones "
                + "(Experiments.slotReuse)", ALL, ClassicChecks::slotReuse,
                r -> Verdict.of(r.figure("tookDeletedSlot") > 0)));
        m.put("only-growth-cleans", new Check("48 keys, 2,000 churn operations (delete one, insert one), then clear: "
                + "who turns emptyOne slots into something else", ALL, ClassicChecks::onlyGrowthCleans,
                r -> Verdict.of(r.figure("reusedByInserts") == 0 && r.figure("turnedEmptyRest") == 0
                        && r.figure("emptyOneAfterClear") > 0)));
        m.put("tophash-markers", new Check("the tophash the model stores for a key whose hash starts with 0xff and "
                + "0x00, a deleted slot, a deleted last slot, and old buckets during a growth", ALL,
                ClassicChecks::tophashMarkers,
                r -> r.figure("tophashOfTop0xff") == 0xff && r.figure("evacuationMarksSeen") == 3
                        ? Verdict.FALSE : Verdict.TRUE));
        m.put("delete-zeroes-key", new Check("delete from map[uint64]uint64 and from map[string]uint64; read the "
                + "slot's key bytes", ALL, ClassicChecks::deleteZeroesKey,
                r -> r.figure("uint64KeyCleared") == 0 && r.figure("stringKeyCleared") == 1
                        ? Verdict.partly("only keys that hold pointers (strings, pointers) are cleared; pointer-free "
                                + "inline keys keep their bytes")
                        : Verdict.of(r.figure("uint64KeyCleared") == 1 && r.figure("stringKeyCleared") == 1)));
        m.put("delete-frees-nothing", new Check("heap model: 500 keys, delete them all, force a GC; "
                + "map[uint64]uint64 and map[uint64][200]byte (elem over 128 bytes, stored indirectly)", ALL,
                ClassicChecks::deleteFreesNothing,
                r -> {
                    boolean inlineKept = r.figure("inlineAfter") == r.figure("inlineFull");
                    boolean indirectFreed = r.figure("indirectAfter") < r.figure("indirectFull");
                    if (inlineKept && indirectFreed) {
                        return Verdict.partly("true of the buckets and of keys and elems stored inline without "
                                + "pointers; the objects of indirect keys and elems (over 128 bytes), and what "
                                + "pointer keys and elems point to, become garbage");
                    }
                    return Verdict.of(inlineKept && !indirectFreed);
                }));
        m.put("shrink", new Check("1,000 keys, delete them all, compare B", ALL, ClassicChecks::shrink,
                r -> Verdict.of(r.figure("emptyB") < r.figure("fullB"))));
        m.put("clear-frees", new Check("1,000 keys, clear (mapclear: the clear builtin of Go 1.21+, and the "
                + "for-range-delete loop the compiler turns into it in every release), then gc()", ALL,
                ClassicChecks::clearFrees,
                r -> Verdict.of(r.figure("sameArray") == 0 || r.figure("arrayFreedByGc") == 1)));
        m.put("full-hash", new Check("two keys in one bucket with the same tophash but different hashes; count the "
                + "keys a lookup of the second compares (step hook)", ALL, ClassicChecks::fullHash,
                r -> Verdict.of(r.figure("genericKeyReads") == 1)));
        m.put("tophash-first", new Check("a lookup of an absent key in a bucket of 4 keys: count the tophash bytes "
                + "and keys it reads (step hook), for the generic mapaccess1 and the _fast32/_fast64 ones", ALL,
                ClassicChecks::tophashFirst,
                r -> {
                    boolean generic = r.figure("genericKeyReads") == 0 && r.figure("genericTophashReads") > 0;
                    boolean fast = r.figure("fast64KeyReads") == 0 && r.figure("fast32KeyReads") == 0;
                    if (generic && fast) {
                        return Verdict.TRUE;
                    }
                    return generic ? Verdict.partly("for the generic mapaccess1; mapaccess1_fast32 and _fast64 "
                            + "(4- and 8-byte keys, elems up to 128 bytes) compare the key first and read tophash "
                            + "only to skip empty slots")
                            : Verdict.FALSE;
                }));
        m.put("read-evacuates", new Check("a map in the middle of a growth: look up every key, count evacuations",
                ALL, ClassicChecks::readEvacuates, r -> Verdict.of(r.figure("evacuatedByLookups") > 0)));
        m.put("delete-postpones", new Check("a map in the middle of a growth: delete one key, count evacuations",
                ALL, ClassicChecks::deletePostpones, r -> Verdict.of(r.figure("evacuatedByDelete") == 0)));
        m.put("grows-at-6.5", new Check("2,000 inserts into an empty map: entries per bucket when each doubling "
                + "starts (Experiments.growthTriggers)", ALL, ClassicChecks::growsAt,
                r -> {
                    if (r.figure("perBucketAtB0") == 6.5 && r.figure("perBucketMin") == 6.5) {
                        return Verdict.TRUE;
                    }
                    if (r.figure("perBucketMin") == 6.5 && r.figure("perBucketMax") == 6.5) {
                        return Verdict.partly("from 2 buckets on; a one-bucket map grows at its 9th key");
                    }
                    return Verdict.FALSE;
                }));
        m.put("grows-at-65-percent", new Check("2,000 inserts into an empty map: share of the 8·2^B slots in use "
                + "when each doubling starts", ALL, ClassicChecks::growsAtPercent,
                r -> Verdict.of(r.figure("slotsUsedMin") <= 0.65 && r.figure("slotsUsedMax") >= 0.65)));
        m.put("grows-when-bucket-full", new Check("make(map, 9) (2 buckets): 12 keys that all hash to bucket 0",
                ALL, ClassicChecks::bucketFull, r -> Verdict.of(r.figure("BAfter") > r.figure("BBefore"))));
        m.put("growth-check-after-insert", new Check("insert keys 1, 2, 3, … and note the key whose insert starts "
                + "the doubling from 2 buckets; then update a key of a map at its limit", ALL,
                ClassicChecks::growthCheck,
                r -> Verdict.of(r.figure("startedAtKey") == r.figure("claimPredicts")
                        && r.figure("updateStartedGrowth") == 1)));
        m.put("rehash-at-once", new Check("600 inserts into an empty map: old buckets evacuated by each insert "
                + "(Experiments.evacuation)", ALL, ClassicChecks::rehashAtOnce,
                r -> Verdict.of(r.figure("insertsWhileGrowing") == 0)));
        m.put("same-size-growth", new Check("48 keys (B = 3), 2,000 churn operations: growths by kind "
                + "(Experiments.tombstones)", ALL, ClassicChecks::sameSize,
                r -> Verdict.of(r.figure("sameSizeGrowths") > 0)));
        m.put("xy-split", new Check("100 maps of 200 inserts: entries each doubling's evacuation sends to the "
                + "upper half (Experiments.xySplit)", ALL, ClassicChecks::xySplit,
                r -> Verdict.of(Math.abs(r.figure("shareToY") - 0.5) <= 0.05)));
        m.put("make-exact", new Check("make(map[uint64]uint64, 1000): buckets allocated", ALL, ClassicChecks::makeExact,
                r -> Verdict.of(r.figure("preallocatedOverflow") == 0)));
        m.put("iteration-random", new Check("200 whole range loops over one unchanged map of 20 keys: distinct orders",
                ALL, ClassicChecks::iterationRandom,
                r -> r.figure("distinctOrders") == r.figure("loops") ? Verdict.TRUE
                        : r.figure("distinctOrders") == 1 ? Verdict.FALSE
                        : Verdict.partly("the start bucket and the slot offset are random, so there are at most "
                                + "8·2^B orders (here " + (long) r.figure("startChoices") + "), and loops repeat them")));
        m.put("iteration-rotations", new Check("12 range loops over one map of 20 keys, each compared with the first "
                + "(Experiments.iterationOrders)", ALL, ClassicChecks::iterationRotations,
                r -> Verdict.of(r.figure("rotations") == r.figure("others"))));
        LoopChecks.put(m, ALL);
        m.put("old-buckets-freed-at-end", new Check("heap model at GOGC=100: 10,000 inserts while the program "
                + "allocates 4 KB per operation; when each old bucket array became garbage and when a GC cycle "
                + "freed it; and an iterator open across a growth (MemoryExperiments.iteratorPinning)", PACER,
                ClassicChecks::oldBucketsFreed,
                r -> r.figure("minOpsUntilFreed") > 0 || r.figure("pinnedByIterator") > 0
                        ? Verdict.partly("the old array becomes garbage when the growth ends, unless an iterator "
                                + "still points into it; the next GC cycle frees it, back to the Go heap (not "
                                + "to the OS)")
                        : Verdict.TRUE));
        m.put("gogc-decides", new Check(GcChecks.GOGC_EXPERIMENT, PACER, GcChecks::gogc,
                r -> Verdict.of(r.figure("increasing") == 1)));
        m.put("gc-moves-buckets", new Check("1,000 keys, then 5 rounds of 500 inserts and a gc(): what each "
                + "collection frees, and whether the current bucket array changes", ALL, ClassicChecks::gcMoves,
                r -> Verdict.of(r.figure("currentArrayFreedOrReplacedByGc") > 0)));
        RaceLab.put(m, RACES);
        return m;
    }

    // ------------------------------------------------------------------ slots, tombstones, delete

    private static MapEvent.SlotWritten insert(ClassicMap m, long key) {
        List<MapEvent.SlotWritten> w = Lab.events(m, MapEvent.SlotWritten.class, () -> m.set(key, key));
        if (w.size() != 1) {
            throw new IllegalStateException("inserting " + key + " wrote " + w.size() + " slots");
        }
        return w.get(0);
    }

    private static Measured freeList(String release) {
        int[] took = new int[2];
        long[][] orders = {{2, 4}, {4, 2}};
        for (int o = 0; o < 2; o++) {
            ClassicMap m = Lab.map("uint64", "uint64", release, Lab.bucket0(1L, 2L, 3L, 4L, 5L, 6L));
            for (long k = 1; k <= 5; k++) {
                m.set(k, k);
            }
            m.delete(orders[o][0]);
            m.delete(orders[o][1]);
            took[o] = insert(m, 6).slot().slot();
        }
        return Measured.of("deleting slot 1 then slot 3, the new key took slot %d; deleting slot 3 then slot 1, "
                        + "slot %d: the first empty slot of the chain, whatever the order of the deletes",
                took[0], took[1])
                .with("slotAfter1Then3", took[0]).with("slotAfter3Then1", took[1]);
    }

    private static Measured skipEmptyRest(String release) {
        ClassicMap m = Lab.map("uint64", "uint64", release, Lab.bucket0(1L, 2L, 3L, 4L, 5L, 6L));
        for (long k = 1; k <= 5; k++) {
            m.set(k, k);
        }
        m.delete(5L);
        m.delete(4L);
        MapEvent.SlotWritten w = insert(m, 6);
        return Measured.of("the new key took slot %d, whose tophash was %d (%s)", w.slot().slot(),
                        w.previousTophash(), w.previousTophash() == 0 ? "emptyRest" : "emptyOne")
                .with("slot", w.slot().slot()).with("previousTophash", w.previousTophash());
    }

    private static Measured slotReuse(String release) {
        Table s = Experiments.slotReuseSummary(Experiments.slotReuse(150, 26, 3, release));
        int one = s.intColumn("writes").getInt(0);
        int restDeleted = s.intColumn("writes").getInt(1);
        int total = (int) s.intColumn("writes").sum();
        return Measured.of("%,d of %,d new keys took a slot a delete had freed (%,d emptyOne, %,d a deleted slot "
                        + "turned emptyRest)", one + restDeleted, total, one, restDeleted)
                .with("tookDeletedSlot", one + restDeleted).with("inserts", total);
    }

    /** Slots of the current array's chains whose tophash is emptyOne. */
    private static int emptyOnes(MapSnapshot s) {
        int n = 0;
        for (BucketSnapshot head : s.buckets()) {
            for (BucketSnapshot b : head.chain()) {
                for (int i = 0; i < 8; i++) {
                    n += b.tophash(i) == 1 ? 1 : 0;
                }
            }
        }
        return n;
    }

    private static Measured onlyGrowthCleans(String release) {
        ClassicMap m = Lab.map("uint64", "uint64", release, 11);
        Random random = new Random(11);
        List<Long> live = new ArrayList<>();
        Set<Long> used = new HashSet<>();
        while (live.size() < 48) {
            long k = random.nextLong() & Long.MAX_VALUE;
            if (used.add(k)) {
                live.add(k);
                m.set(k, k);
            }
        }
        int[] n = new int[3];
        Runnable churn = () -> {
            for (int op = 0; op < 2000; op++) {
                long gone = live.remove(random.nextInt(live.size()));
                m.delete(gone);
                long k;
                do {
                    k = random.nextLong() & Long.MAX_VALUE;
                } while (!used.add(k));
                live.add(k);
                m.set(k, k);
            }
        };
        m.listen(e -> {
            if (e instanceof MapEvent.SlotWritten w && w.reusedEmptyOne()) {
                n[0]++;
            } else if (e instanceof MapEvent.EmptyRestPropagated p) {
                n[1] += p.slots().size() - 1;   // the first is the slot just deleted
            } else if (e instanceof MapEvent.GrowthStarted) {
                n[2]++;
            }
        });
        churn.run();
        int before = emptyOnes(m.snapshot());
        m.clear();
        int after = emptyOnes(m.snapshot());
        return Measured.of("in 2,000 churn operations, inserts reused %,d emptyOne slots and deletes turned %,d into "
                        + "emptyRest (%d growths); clear took the last %d emptyOne slots to %d", n[0], n[1], n[2],
                        before, after)
                .with("reusedByInserts", n[0]).with("turnedEmptyRest", n[1]).with("growths", n[2])
                .with("emptyOneBeforeClear", before).with("emptyOneAfterClear", after);
    }

    private static Measured tophashMarkers(String release) {
        ControlledHash h = new ControlledHash().place(1L, 0, 0xff).place(2L, 0, 0x00).place(3L, 0, 0x80)
                .place(4L, 0, 0x81);
        ClassicMap m = Lab.map("uint64", "uint64", release, h);
        for (long k = 1; k <= 4; k++) {
            m.set(k, k);
        }
        BucketSnapshot b = m.snapshot().buckets().get(0);
        int top0xff = b.tophash(0);
        int top0 = b.tophash(1);
        m.delete(2L);
        m.delete(4L);
        BucketSnapshot d = m.snapshot().buckets().get(0);
        int deleted = d.tophash(1);
        int deletedLast = d.tophash(3);
        Set<Integer> marks = evacuationMarks(release);
        return Measured.of("a key whose hash starts with 0xff is stored live with tophash %d, one starting with "
                        + "0x00 with %d; a deleted slot holds %d (emptyOne), a deleted last slot %d (emptyRest); "
                        + "evacuated old slots hold %s (evacuatedX, evacuatedY, evacuatedEmpty)",
                top0xff, top0, deleted, deletedLast, marks)
                .with("tophashOfTop0xff", top0xff).with("tophashOfTop0x00", top0).with("deletedSlot", deleted)
                .with("deletedLastSlot", deletedLast)
                .with("evacuationMarksSeen", marks.stream().filter(x -> x >= 2 && x <= 4).count());
    }

    /** The tophash values of evacuated old slots, over a few growths caught midway. */
    private static Set<Integer> evacuationMarks(String release) {
        Set<Integer> marks = new TreeSet<>();
        for (long seed = 1; seed <= 8 && marks.size() < 3; seed++) {
            ClassicMap m = growing(release, seed);
            for (BucketSnapshot head : m.snapshot().oldbuckets()) {
                for (BucketSnapshot b : head.chain()) {
                    for (int i = 0; i < 8; i++) {
                        if (b.tophash(i) >= 2 && b.tophash(i) <= 4) {
                            marks.add(b.tophash(i));
                        }
                    }
                }
            }
        }
        return marks;
    }

    /** A map of keys 1, 2, 3, … stopped in the middle of a doubling to 8 buckets or more. */
    private static ClassicMap growing(String release, long seed) {
        ClassicMap m = Lab.map("uint64", "uint64", release, seed);
        for (long k = 1; k < 10_000; k++) {
            m.set(k, k);
            if (m.B() >= 3 && m.snapshot().growing()) {
                return m;
            }
        }
        throw new IllegalStateException("no growth to 8 buckets caught midway in Go " + release);
    }

    private static Measured deleteZeroesKey(String release) {
        ClassicMap u = Lab.map("uint64", "uint64", release, Lab.bucket0(1L, 2L));
        u.set(1L, 1L);
        u.set(2L, 2L);
        u.delete(1L);
        Object uKey = u.snapshot().buckets().get(0).rawKey(0);
        ClassicMap s = Lab.map("string", "uint64", release, Lab.bucket0("a", "b"));
        s.set("a", 1L);
        s.set("b", 2L);
        s.delete("a");
        Object sKey = s.snapshot().buckets().get(0).rawKey(0);
        return Measured.of("after delete, the uint64 slot still holds %s; the string slot holds %s",
                        uKey, sKey == null ? "nothing (cleared)" : "\"" + sKey + "\"")
                .with("uint64KeyCleared", uKey == null ? 1 : 0).with("stringKeyCleared", sKey == null ? 1 : 0);
    }

    private static Measured deleteFreesNothing(String release) {
        MemoryExperiments.Emptying inline = MemoryExperiments.deleteAllVsClearVsNewMap(Lab.type("uint64", "uint64"),
                500, Lab.version(release));
        MemoryExperiments.Emptying indirect = MemoryExperiments.deleteAllVsClearVsNewMap(
                Lab.type("uint64", "[200]byte"), 500, Lab.version(release));
        ClassicMap s = Lab.map("string", "uint64", release, Lab.bucket0("a", "b"));
        s.set("a", 1L);
        s.set("b", 2L);
        s.delete("a");
        boolean cleared = s.snapshot().buckets().get(0).rawKey(0) == null;
        return Measured.of("map[uint64]uint64: %,d live bytes before, %,d after; map[uint64][200]byte: %,d before, "
                        + "%,d after (its indirect elems were freed); a deleted string key's pointer is %s",
                        inline.full(), inline.afterDeleteAll(), indirect.full(), indirect.afterDeleteAll(),
                        cleared ? "cleared" : "kept")
                .with("inlineFull", inline.full()).with("inlineAfter", inline.afterDeleteAll())
                .with("indirectFull", indirect.full()).with("indirectAfter", indirect.afterDeleteAll())
                .with("stringKeyPointerCleared", cleared ? 1 : 0);
    }

    private static Measured shrink(String release) {
        ClassicMap m = Lab.map("uint64", "uint64", release, 2);
        for (long k = 0; k < 1000; k++) {
            m.set(k, k);
        }
        int full = m.B();
        for (long k = 0; k < 1000; k++) {
            m.delete(k);
        }
        return Measured.of("B = %d with 1,000 keys, B = %d with none", full, m.B())
                .with("fullB", full).with("emptyB", m.B());
    }

    private static Measured clearFrees(String release) {
        ClassicMap m = Lab.map("uint64", "uint64", release, 2);
        for (long k = 0; k < 1000; k++) {
            m.set(k, k);
        }
        MapSnapshot before = m.snapshot();
        m.clear();
        MapSnapshot after = m.snapshot();
        boolean freed = m.gc().contains("buckets#" + after.arrayId());
        boolean same = before.arrayId() == after.arrayId() && before.B() == after.B();
        return Measured.of("buckets#%d (B = %d) before, buckets#%d (B = %d) after, %s by the next gc",
                        before.arrayId(), before.B(), after.arrayId(), after.B(), freed ? "freed" : "not freed")
                .with("sameArray", same ? 1 : 0).with("arrayFreedByGc", freed ? 1 : 0);
    }

    // ------------------------------------------------------------------ lookups

    private static Measured fullHash(String release) {
        ControlledHash h = new ControlledHash().fullHash(1.0, 0x4200000000000000L).fullHash(2.0, 0x4200000000000100L)
                .fullHash(1L, 0x4200000000000000L).fullHash(2L, 0x4200000000000100L);
        ClassicMap g = Lab.map("float64", "uint64", release, h);
        g.set(1.0, 10L);
        g.set(2.0, 20L);
        Lab.Reads generic = Lab.reads(g, () -> g.get(2.0));
        ClassicMap f = Lab.map("uint64", "uint64", release, h);
        f.set(1L, 10L);
        f.set(2L, 20L);
        Lab.Reads fast = Lab.reads(f, () -> f.get(2L));
        int t0 = g.snapshot().buckets().get(0).tophash(0);
        int t1 = g.snapshot().buckets().get(0).tophash(1);
        return Measured.of("the slots store one byte of each hash (tophash %d and %d); looking up the second key "
                        + "compares %d keys in map[float64]uint64 (mapaccess1) and %d in map[uint64]uint64 "
                        + "(mapaccess1_fast64, which hashes nothing in a one-bucket map)",
                        t0, t1, generic.keys(), fast.keys())
                .with("genericKeyReads", generic.keys()).with("fast64KeyReads", fast.keys());
    }

    private static Measured tophashFirst(String release) {
        Object[][] keys = {{1.0, 2.0, 3.0, 4.0, 9.0}, {1L, 2L, 3L, 4L, 9L}, {1, 2, 3, 4, 9}};
        String[] types = {"float64", "uint64", "uint32"};
        Lab.Reads[] reads = new Lab.Reads[3];
        for (int t = 0; t < 3; t++) {
            ControlledHash h = Lab.bucket0(keys[t]);
            ClassicMap m = Lab.map(types[t], "uint64", release, h);
            for (int i = 0; i < 4; i++) {
                m.set(keys[t][i], 1L);
            }
            Object absent = keys[t][4];
            reads[t] = Lab.reads(m, () -> m.get(absent));
        }
        return Measured.of("tophash bytes / keys read: map[float64]uint64 (mapaccess1) %d / %d, map[uint64]uint64 "
                        + "(mapaccess1_fast64) %d / %d, map[uint32]uint64 (mapaccess1_fast32) %d / %d",
                        reads[0].tophash(), reads[0].keys(), reads[1].tophash(), reads[1].keys(),
                        reads[2].tophash(), reads[2].keys())
                .with("genericTophashReads", reads[0].tophash()).with("genericKeyReads", reads[0].keys())
                .with("fast64TophashReads", reads[1].tophash()).with("fast64KeyReads", reads[1].keys())
                .with("fast32TophashReads", reads[2].tophash()).with("fast32KeyReads", reads[2].keys());
    }

    private static Measured readEvacuates(String release) {
        ClassicMap m = growing(release, 4);
        long before = m.snapshot().nevacuate();
        int n = m.len();
        List<MapEvent.BucketEvacuated> ev = Lab.events(m, MapEvent.BucketEvacuated.class, () -> {
            for (long k = 1; k <= n; k++) {
                m.get(k);
            }
        });
        return Measured.of("%d lookups during a growth (nevacuate %d of %d old buckets): %d buckets evacuated, "
                        + "nevacuate %d after", n, before, m.snapshot().oldbuckets().size(), ev.size(),
                        m.snapshot().nevacuate())
                .with("lookups", n).with("evacuatedByLookups", ev.size());
    }

    private static Measured deletePostpones(String release) {
        ClassicMap m = growing(release, 4);
        long before = m.snapshot().nevacuate();
        List<MapEvent.BucketEvacuated> ev = Lab.events(m, MapEvent.BucketEvacuated.class, () -> m.delete(1L));
        return Measured.of("one delete during a growth evacuated %d old bucket(s) (growWork); nevacuate %d -> %d",
                        ev.size(), before, m.snapshot().nevacuate())
                .with("evacuatedByDelete", ev.size());
    }

    // ------------------------------------------------------------------ growth

    /** The doublings of 2,000 inserts, once per release for the two claims that read them. */
    private record Doublings(List<Integer> counts, double perBucketAtB0, double min, double max, double usedMin,
                             double usedMax) {
        Measured figures(String answer) {
            return Measured.of(answer).with("perBucketAtB0", perBucketAtB0).with("perBucketMin", min)
                    .with("perBucketMax", max).with("slotsUsedMin", usedMin).with("slotsUsedMax", usedMax)
                    .with("doublings", counts.size());
        }
    }

    private static final Map<String, Doublings> DOUBLINGS = new ConcurrentHashMap<>();

    private static Doublings doublings(String release) {
        return DOUBLINGS.computeIfAbsent(release, r -> {
            Table t = Experiments.growthTriggers(2000, 0, 1, r);
            List<Integer> counts = new ArrayList<>();
            double min = Double.MAX_VALUE;
            double max = 0;
            double b0 = Double.NaN;
            double usedMin = Double.MAX_VALUE;
            double usedMax = 0;
            for (int i = 0; i < t.rowCount(); i++) {
                if (!t.stringColumn("kind").get(i).equals("doubling")) {
                    continue;
                }
                int count = t.intColumn("count").getInt(i);
                int oldB = t.intColumn("oldB").getInt(i);
                double perBucket = (double) count / (1 << oldB);
                counts.add(count);
                usedMin = Math.min(usedMin, perBucket / 8);
                usedMax = Math.max(usedMax, perBucket / 8);
                if (oldB == 0) {
                    b0 = perBucket;
                } else {
                    min = Math.min(min, perBucket);
                    max = Math.max(max, perBucket);
                }
            }
            return new Doublings(counts, b0, min, max, usedMin, usedMax);
        });
    }

    private static Measured growsAt(String release) {
        Doublings d = doublings(release);
        return d.figures(String.format("doublings started when the map held %s keys: %s per bucket at B = 0, "
                + "then %s", Lab.list(d.counts(), 6), fmt(d.perBucketAtB0()),
                d.min() == d.max() ? fmt(d.min()) : fmt(d.min()) + " to " + fmt(d.max())));
    }

    private static Measured growsAtPercent(String release) {
        Doublings d = doublings(release);
        return d.figures(String.format("a doubling started with %s of the slots in use (%s at B = 0)",
                d.min() == d.max() ? pct(d.min() / 8) : pct(d.min() / 8) + " to " + pct(d.max() / 8),
                pct(d.perBucketAtB0() / 8)));
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }

    private static String pct(double share) {
        return String.format(java.util.Locale.ROOT, "%.2f %%", 100 * share).replace(".00 %", " %");
    }

    private static Measured bucketFull(String release) {
        ControlledHash h = new ControlledHash();
        for (long k = 1; k <= 12; k++) {
            h.place(k, 0, 0x40 + (int) k);
        }
        ClassicMap m = ClassicMap.builder(Lab.type("uint64", "uint64")).go(release).seed(1).hint(9).hasher(h).build();
        int before = m.B();
        for (long k = 1; k <= 12; k++) {
            m.set(k, k);
        }
        return Measured.of("12 keys in bucket 0 of a 2-bucket map: bucket 0 full plus an overflow bucket with 4, "
                        + "B = %d before and %d after, %d overflow bucket(s)", before, m.B(),
                        m.snapshot().overflowBuckets())
                .with("BBefore", before).with("BAfter", m.B()).with("overflowBuckets", m.snapshot().overflowBuckets());
    }

    private static Measured growthCheck(String release) {
        ClassicMap m = Lab.map("uint64", "uint64", release, 1);
        long startedAt = -1;
        int countBefore = -1;
        for (long k = 1; k <= 100 && startedAt < 0; k++) {
            int count = m.len();
            long key = k;
            List<MapEvent.GrowthStarted> g = Lab.events(m, MapEvent.GrowthStarted.class, () -> m.set(key, key));
            if (!g.isEmpty() && g.get(0).oldB() == 1) {
                startedAt = k;
                countBefore = count;
            }
        }
        // The claim's rule, count >= B*6.5 after the insert, with B = 1: after the 7th key.
        long predicted = (long) Math.ceil(1 * 6.5);
        // An update at the limit: the map of the limit's size, then one existing key set again.
        ClassicMap at = Lab.map("uint64", "uint64", release, 1);
        for (long k = 1; k < startedAt; k++) {
            at.set(k, k);
        }
        int b = at.B();
        List<MapEvent.GrowthStarted> upd = Lab.events(at, MapEvent.GrowthStarted.class, () -> at.set(1L, 2L));
        List<MapEvent.GrowthStarted> ins = Lab.events(at, MapEvent.GrowthStarted.class, () -> at.set(1000L, 1L));
        return Measured.of("the doubling from 2 buckets started while inserting key %d (count %d before it); the "
                        + "claim's rule predicts key %d. With %d keys (B = %d), updating a key started %s, inserting "
                        + "a new one %s", startedAt, countBefore, predicted, at.len() - 1, b,
                        upd.isEmpty() ? "no growth" : "a growth", ins.isEmpty() ? "none" : "the doubling")
                .with("startedAtKey", startedAt).with("countBefore", countBefore).with("claimPredicts", predicted)
                .with("updateStartedGrowth", upd.isEmpty() ? 0 : 1).with("newKeyStartedGrowth", ins.isEmpty() ? 0 : 1);
    }

    private static Measured rehashAtOnce(String release) {
        Table t = Experiments.evacuation(600, 2, release);
        int max = (int) t.intColumn("evacuated").max();
        int growths = t.booleanColumn("growthStarted").countTrue();
        int whileGrowing = 0;
        for (int i = 0; i < t.rowCount(); i++) {
            if (t.booleanColumn("growing").get(i) && !t.booleanColumn("growthStarted").get(i)) {
                whileGrowing++;
            }
        }
        return Measured.of("%d growths; an insert evacuated at most %d old buckets, and %d later inserts found a "
                        + "growth still in progress", growths, max, whileGrowing)
                .with("growths", growths).with("maxEvacuatedPerInsert", max).with("insertsWhileGrowing", whileGrowing);
    }

    private static Measured sameSize(String release) {
        Table t = Experiments.tombstones(48, 2000, 100, 7, release);
        int last = t.rowCount() - 1;
        int same = t.intColumn("sameSizeGrowths").getInt(last);
        int doublings = t.intColumn("doublings").getInt(last);
        return Measured.of("%d same-size growths and %d doublings while the map stayed at 48 keys, B = %d",
                        same, doublings, t.intColumn("B").getInt(last))
                .with("sameSizeGrowths", same).with("doublings", doublings);
    }

    private static Measured xySplit(String release) {
        Table t = Experiments.xySplit(100, 200, 3, release);
        long y = (long) t.intColumn("toY").sum();
        long moved = (long) t.intColumn("moved").sum();
        double share = moved == 0 ? 0 : (double) y / moved;
        return Measured.of("%,d evacuated entries, %s of them to the upper half", moved, pct(share))
                .with("moved", moved).with("shareToY", share);
    }

    private static Measured makeExact(String release) {
        MapSnapshot s = Lab.map("uint64", "uint64", release, 1, 1000).snapshot();
        return Measured.of("B = %d: %d buckets plus %d preallocated overflow buckets in the same allocation",
                        s.B(), s.buckets().size(), s.nextOverflowFree())
                .with("B", s.B()).with("buckets", s.buckets().size())
                .with("preallocatedOverflow", s.nextOverflowFree());
    }

    // ------------------------------------------------------------------ iteration

    private static Measured iterationRandom(String release) {
        ClassicMap m = Lab.map("uint64", "uint64", release, 5);
        Random random = new Random(5);
        while (m.len() < 20) {
            long k = random.nextLong() & Long.MAX_VALUE;
            m.set(k, k);
        }
        List<Object> first = null;
        Set<List<Object>> orders = new HashSet<>();
        int sameAsFirst = 0;
        for (int i = 0; i < 200; i++) {
            List<Object> order = m.keys();
            if (first == null) {
                first = order;
            } else if (order.equals(first)) {
                sameAsFirst++;
            }
            orders.add(order);
        }
        long choices = 8L << m.B();
        return Measured.of("200 loops gave %d distinct orders; a loop starts at one of %d (bucket, offset) pairs "
                        + "(B = %d); %d loops repeated the first one's order", orders.size(), choices, m.B(), sameAsFirst)
                .with("loops", 200).with("distinctOrders", orders.size()).with("startChoices", choices)
                .with("sameAsFirst", sameAsFirst);
    }

    private static Measured iterationRotations(String release) {
        Table t = Experiments.iterationOrders(12, 20, 5, release);
        int rotations = 0;
        int sameOffset = 0;
        // A classic start reads "bucket b, offset o": the slot offset is what reorders buckets.
        String offset0 = slotOffset(t.stringColumn("start").get(0));
        for (int i = 1; i < t.rowCount(); i++) {
            rotations += t.booleanColumn("rotationOfRun0").get(i) ? 1 : 0;
            sameOffset += slotOffset(t.stringColumn("start").get(i)).equals(offset0) ? 1 : 0;
        }
        return Measured.of("%d of the 11 other loops are rotations of the first one's order; %d of them started "
                        + "at the same slot offset", rotations, sameOffset)
                .with("others", 11).with("rotations", rotations).with("sameOffset", sameOffset);
    }

    private static String slotOffset(String classicStart) {
        return classicStart.substring(classicStart.indexOf("offset ") + "offset ".length());
    }

    // ------------------------------------------------------------------ memory

    private static Measured oldBucketsFreed(String release) {
        GoHeap heap = new GoHeap(GcSettings.defaults().go(Lab.version(release)).gogc(100).otherLiveBytes(2_000_000)
                .otherAllocPerOp(4096));
        GoMap m = heap.newMap(Lab.type("uint64", "uint64"));
        for (long k = 0; k < 10_000; k++) {
            long key = k;
            heap.op(() -> m.set(key, key));
        }
        long minGap = Long.MAX_VALUE;
        long maxGap = 0;
        int freed = 0;
        for (HeapObject o : heap.timeline().objects()) {
            if (o.kind() == ObjectKind.BUCKET_ARRAY && o.freed() >= 0) {
                long gap = o.freed() - o.unreachable();
                minGap = Math.min(minGap, gap);
                maxGap = Math.max(maxGap, gap);
                freed++;
            }
        }
        long pinned = MemoryExperiments.iteratorPinning(52, Lab.version(release)).oldArrayBytes();
        return Measured.of("%d old bucket arrays freed, each %,d to %,d operations after its growth ended; an "
                        + "iterator open across a growth kept %,d bytes of old buckets alive after it ended",
                        freed, minGap == Long.MAX_VALUE ? 0 : minGap, maxGap, pinned)
                .with("oldArraysFreed", freed).with("minOpsUntilFreed", minGap == Long.MAX_VALUE ? 0 : minGap)
                .with("maxOpsUntilFreed", maxGap).with("pinnedByIterator", pinned);
    }

    private static Measured gcMoves(String release) {
        ClassicMap m = Lab.map("uint64", "uint64", release, 3);
        long k = 0;
        for (; k < 1000; k++) {
            m.set(k, k);
        }
        m.gc();
        int byGc = 0;
        int oldFreed = 0;
        for (int round = 0; round < 5; round++) {
            for (int i = 0; i < 500; i++, k++) {
                m.set(k, k);
            }
            int current = m.snapshot().arrayId();
            List<String> freed = m.gc();
            if (freed.contains("buckets#" + current) || m.snapshot().arrayId() != current) {
                byGc++;
            }
            oldFreed += (int) freed.stream().filter(s -> s.startsWith("buckets#")).count();
        }
        return Measured.of("5 collections: the current bucket array was freed or replaced by %d of them; they "
                        + "freed %d old arrays, each after its growth had ended", byGc, oldFreed)
                .with("currentArrayFreedOrReplacedByGc", byGc).with("oldArraysFreed", oldFreed);
    }
}
