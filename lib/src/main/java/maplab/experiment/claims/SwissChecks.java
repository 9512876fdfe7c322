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
import maplab.engine.Allocated;
import maplab.engine.ControlledHash;
import maplab.engine.EngineEvent;
import maplab.engine.GoMap;
import maplab.engine.MapIterator;
import maplab.engine.ObjectKind;
import maplab.engine.swiss.GroupSnapshot;
import maplab.engine.swiss.SwissEvent;
import maplab.engine.swiss.SwissMap;
import maplab.engine.swiss.SwissSnapshot;
import maplab.engine.swiss.TableSnapshot;
import maplab.memory.GcSettings;
import maplab.memory.GoHeap;
import maplab.memory.HeapObject;
import maplab.memory.MemoryExperiments;

/**
 * The Swiss engine's checks, by claim id: each experiment runs on the model of Go 1.24, 1.25 or
 * 1.26 ({@code internal/runtime/maps}), which agrees with those runtimes slot by slot (golden and
 * fresh traces). A claim that names what Swiss tables do not have (emptyRest, tophash, evacuation,
 * old buckets) is asked of what they do instead: where a new key goes after deletes, what the
 * control bytes hold, whether lookups and deletes move or write anything. The GC-timing checks run
 * on 1.26 alone: the heap model's pacer is Go 1.19's, the only one compared with a real runtime, so
 * one Swiss release is asked rather than three with the same pacer. The race checks also run on
 * 1.26 alone: the Swiss engine's order of memory accesses follows that release's source, while the
 * real-runtime race comparison covers Go 1.19 only.
 */
final class SwissChecks {

    private static final List<String> ALL = MapEngine.SWISS.releases();
    private static final List<String> PACER = List.of("1.26");
    private static final List<String> RACES = List.of("1.26");

    private SwissChecks() {
    }

    static Map<String, Check> all() {
        Map<String, Check> m = new LinkedHashMap<>();
        m.put("free-list", new Check("a 16-slot table whose first group holds keys 1..8: delete the keys in slots 1 "
                + "and 3, in both orders, then insert a new key of that group", ALL, SwissChecks::freeList,
                r -> Verdict.of(r.figure("slotAfter1Then3") != r.figure("slotAfter3Then1"))));
        m.put("skip-emptyrest", new Check("a 16-slot table whose first group holds keys 1..5: delete the last two, "
                + "insert a new key of that group", ALL, SwissChecks::skipEmptyRest,
                r -> Verdict.of(r.figure("newSlot") > r.figure("lastKeptSlot") + 2)));
        m.put("slot-reuse", new Check("150 random maps of 9 to 60 keys: delete some keys, insert new ones; the slots "
                + "the new keys take", ALL, SwissChecks::slotReuse,
                r -> Verdict.of(r.figure("tookFreedSlot") > 0)));
        m.put("only-growth-cleans", new Check("48 keys, 3,000 churn operations (delete one, insert one), then clear: "
                + "who turns tombstones into something else", ALL, SwissChecks::onlyGrowthCleans,
                r -> Verdict.of(r.figure("reusedByInserts") == 0 && r.figure("pruned") == 0
                        && r.figure("tombstonesAfterClear") > 0)));
        m.put("tophash-markers", new Check("the control bytes of keys whose hash has low 7 bits 0 and top byte 0xff, "
                + "of a slot deleted from a full group and from one with room, and every control byte after 3,000 "
                + "churn operations", ALL, SwissChecks::ctrlMarkers,
                r -> Verdict.of(r.figure("fullSlotWithCtrl0") == 0 && r.figure("ctrl0xffSeen") > 0)));
        m.put("delete-zeroes-key", new Check("delete from map[uint64]uint64 and from map[string]uint64; count the "
                + "writes to the slot's key (step hook)", ALL, SwissChecks::deleteZeroesKey,
                r -> r.figure("uint64KeyWrites") == 0 && r.figure("stringKeyWrites") > 0
                        ? Verdict.partly("only keys that hold pointers (strings, pointers) are cleared; pointer-free "
                                + "inline keys keep their bytes")
                        : Verdict.of(r.figure("uint64KeyWrites") > 0 && r.figure("stringKeyWrites") > 0)));
        m.put("full-hash", new Check("two keys in one group of a table with the same H2 but different hashes; count "
                + "the keys a lookup of the second compares (step hook)", ALL, SwissChecks::fullHash,
                r -> Verdict.of(r.figure("keyReads") == 1)));
        m.put("tophash-first", new Check("a lookup of an absent key among 4 keys (one slot emptied by a delete): "
                + "count the control words and keys it reads (step hook), in a table and in small maps of "
                + "float64, uint64 and uint32 keys", ALL, SwissChecks::ctrlFirst,
                r -> {
                    boolean compared = r.figure("tableKeyReads") == 0 && r.figure("smallGenericKeyReads") == 0;
                    boolean fast = r.figure("fast64KeyReads") == 0 && r.figure("fast32KeyReads") == 0;
                    if (compared && fast) {
                        return Verdict.TRUE;
                    }
                    return compared ? Verdict.partly("for tables, where the H2 control bytes of a group are compared "
                            + "first, and small maps of other keys; a small map of 4- or 8-byte keys (the _fast32 "
                            + "and _fast64 lookups) compares the key of every slot up to the last full one, emptied "
                            + "slots included, and no H2")
                            : Verdict.FALSE;
                }));
        m.put("read-evacuates", new Check("a map of 1,000 keys just after a table grew: look up every key, count the "
                + "writes to the map's memory (step hook) and the entries moved", ALL, SwissChecks::readEvacuates,
                r -> Verdict.of(r.figure("writesByLookups") > 0 || r.figure("movedByLookups") > 0)));
        m.put("delete-postpones", new Check("1,000 inserts, then 1,000 deletes: entries moved by each kind of "
                + "operation", ALL, SwissChecks::deletePostpones,
                r -> r.figure("movedByDeletes") == 0 && r.figure("movedByInserts") > 0
                        ? Verdict.partly("no delete moves an entry and only inserts rebuild tables, but nothing is "
                                + "postponed: a table is rebuilt whole within the insert that needs the room")
                        : Verdict.of(r.figure("movedByDeletes") == 0)));
        m.put("grows-at-6.5", new Check("3 maps of 10,000 inserts: entries per group of the table (or small group) "
                + "when each growth starts", ALL, SwissChecks::growsAt,
                r -> Verdict.of(r.figure("perGroupMin") == 6.5 && r.figure("perGroupMax") == 6.5)));
        m.put("grows-at-65-percent", new Check("3 maps of 10,000 inserts: share of the growing table's slots in use "
                + "when each growth starts", ALL, SwissChecks::growsAtPercent,
                r -> Verdict.of(r.figure("slotsUsedMin") <= 0.65 && r.figure("slotsUsedMax") >= 0.65)));
        m.put("grows-when-bucket-full", new Check("make(map, 14) (one table of 2 groups): 12 keys whose probe "
                + "sequences all start at group 0", ALL, SwissChecks::groupFull,
                r -> Verdict.of(r.figure("slotsAfter") > r.figure("slotsBefore"))));
        m.put("growth-check-after-insert", new Check("insert keys 1, 2, 3, … and note the key whose insert grows the "
                + "16-slot table; then update a key of a table at its limit", ALL, SwissChecks::growthCheck,
                r -> Verdict.of(r.figure("grewAtKey") == r.figure("claimPredicts")
                        && r.figure("updateGrew") == 1)));
        m.put("rehash-at-once", new Check("3 maps of 10,000 inserts: the entries each growth moved, against its "
                + "table's and the map's", ALL, SwissChecks::rehashAtOnce,
                r -> {
                    boolean whole = r.figure("wholeTableGrowths") == r.figure("growths");
                    if (whole && r.figure("growthsOfPart") == 0) {
                        return Verdict.TRUE;
                    }
                    return whole ? Verdict.partly("each table is rebuilt whole within one insert, but a map of "
                            + "several tables (over 1024 slots) grows one table at a time, a table at most 1024 slots")
                            : Verdict.FALSE;
                }));
        m.put("same-size-growth", new Check("48 keys, 3,000 churn operations: rebuilds by kind", ALL,
                SwissChecks::sameSize, r -> Verdict.of(r.figure("sameSizeRebuilds") > 0)));
        m.put("xy-split", new Check("3 maps of 10,000 inserts: entries each 1024-slot table's split sends to the "
                + "right-hand table, and what smaller tables do", ALL, SwissChecks::xySplit,
                r -> {
                    boolean half = r.figure("splits") > 0 && Math.abs(r.figure("shareToRight") - 0.5) <= 0.05;
                    if (half && r.figure("doublings") == 0) {
                        return Verdict.TRUE;
                    }
                    return half ? Verdict.partly("a 1024-slot table splits in two by one more hash bit, about half "
                            + "each; a smaller table doubles into one new table") : Verdict.FALSE;
                }));
        m.put("make-exact", new Check("make(map[uint64]uint64, 1000) and make(map[uint64]uint64, 100): tables and "
                + "groups allocated", ALL, SwissChecks::makeExact,
                r -> {
                    if (r.figure("spareGroups") > 0) {
                        return Verdict.FALSE;
                    }
                    return r.figure("tables") > 1 ? Verdict.partly("exactly the tables' groups, nothing spare, but a "
                            + "hint over 896 is spread over tables of at most 1024 slots, each rounded up to a power "
                            + "of two") : Verdict.TRUE;
                }));
        m.put("iteration-random", new Check("200 whole range loops over one unchanged map of 20 keys: distinct orders",
                ALL, SwissChecks::iterationRandom,
                r -> r.figure("distinctOrders") == r.figure("loops") ? Verdict.TRUE
                        : r.figure("distinctOrders") == 1 ? Verdict.FALSE
                        : Verdict.partly("each loop draws a random slot offset (and directory offset) and walks the "
                                + "slots linearly from it, so there are at most as many orders as slots (here "
                                + (long) r.figure("startChoices") + "), and loops repeat them")));
        m.put("iteration-rotations", new Check("12 range loops over one map of 20 keys (one table) and over one of "
                + "2,000 keys (several tables), each compared with the first", ALL, SwissChecks::iterationRotations,
                r -> {
                    boolean one = r.figure("rotationsOneTable") == r.figure("others");
                    boolean many = r.figure("rotationsTables") == r.figure("others");
                    if (one && many) {
                        return Verdict.TRUE;
                    }
                    return one ? Verdict.partly("for a map of one table (up to 1024 slots); a map of several tables "
                            + "is walked table by table, each from the same slot offset, which is no rotation of "
                            + "the whole") : Verdict.FALSE;
                }));
        LoopChecks.put(m, ALL);
        m.put("delete-frees-nothing", new Check("heap model: 500 keys, delete them all, force a GC; "
                + "map[uint64]uint64 and map[uint64][200]byte (elem over 128 bytes, stored indirectly)", ALL,
                SwissChecks::deleteFreesNothing,
                r -> {
                    boolean inlineKept = r.figure("inlineAfter") == r.figure("inlineFull");
                    boolean indirectFreed = r.figure("indirectAfter") < r.figure("indirectFull");
                    if (inlineKept && indirectFreed) {
                        return Verdict.partly("true of the groups and tables and of keys and elems stored inline; "
                                + "the objects of indirect keys and elems (over 128 bytes), and what pointer keys "
                                + "and elems point to, become garbage");
                    }
                    return Verdict.of(inlineKept && !indirectFreed);
                }));
        m.put("shrink", new Check("1,000 keys, delete them all, compare the slots and the directory", ALL,
                SwissChecks::shrink, r -> Verdict.of(r.figure("emptySlots") < r.figure("fullSlots")
                        || r.figure("emptyDirLen") < r.figure("fullDirLen"))));
        m.put("clear-frees", new Check("1,000 keys, clear, then gc(): the groups arrays and tables", ALL,
                SwissChecks::clearFrees,
                r -> Verdict.of(r.figure("sameGroups") == 0 || r.figure("freedByGc") > 0)));
        m.put("old-buckets-freed-at-end", new Check("heap model at GOGC=100: 10,000 inserts while the program "
                + "allocates 4 KB per operation; when each replaced groups array became garbage and when a GC "
                + "cycle freed it; and an iterator open across a growth", PACER, SwissChecks::oldGroupsFreed,
                r -> r.figure("minOpsUntilFreed") > 0 || r.figure("pinnedByIterator") > 0
                        ? Verdict.partly("there are no old buckets: a replaced table's groups become garbage in the "
                                + "insert that rebuilt it, unless an iterator still points into them; the next GC "
                                + "cycle frees them, back to the Go heap (not to the OS)")
                        : Verdict.TRUE));
        m.put("gogc-decides", new Check(GcChecks.GOGC_EXPERIMENT, PACER, GcChecks::gogc,
                r -> Verdict.of(r.figure("increasing") == 1)));
        m.put("gc-moves-buckets", new Check("1,000 keys, then 5 rounds of 500 inserts and a gc(): what each "
                + "collection frees, and whether the current groups arrays change", ALL, SwissChecks::gcMoves,
                r -> Verdict.of(r.figure("currentGroupsFreedOrReplacedByGc") > 0)));
        RaceLab.put(m, RACES);
        m.putAll(SwissMythChecks.all());
        return m;
    }

    // ------------------------------------------------------------------ slots, tombstones, delete

    private static SwissEvent.SlotWritten insert(SwissMap m, Object key) {
        List<SwissEvent.SlotWritten> w = Lab.events(m, SwissEvent.SlotWritten.class, () -> m.set(key, 0L));
        if (w.size() != 1) {
            throw new IllegalStateException("inserting " + key + " wrote " + w.size() + " slots");
        }
        return w.get(0);
    }

    /** A 16-slot table (make(map, 14)) whose group 0 holds keys 1..n in slots 0..n-1. */
    private static SwissMap group0(String release, int n, ControlledHash h) {
        Object[] keys = new Object[n];
        for (int i = 0; i < n; i++) {
            keys[i] = (long) (i + 1);
        }
        SwissLab.inGroup(h, 0, keys);
        SwissMap m = SwissLab.map("uint64", "uint64", release, h, 14);
        for (Object k : keys) {
            m.set(k, k);
        }
        if (m.snapshot().capacity() != 16) {
            throw new IllegalStateException("make(map, 14) of Go " + release + " has " + m.snapshot().capacity()
                    + " slots, expected one 16-slot table");
        }
        return m;
    }

    private static Measured freeList(String release) {
        int[] took = new int[2];
        int[] ctrl = new int[2];
        long[][] orders = {{2, 4}, {4, 2}};
        for (int o = 0; o < 2; o++) {
            ControlledHash h = new ControlledHash();
            SwissLab.inGroup(h, 0, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L);
            SwissMap m = group0(release, 8, h);
            m.delete(orders[o][0]);
            m.delete(orders[o][1]);
            SwissEvent.SlotWritten w = insert(m, 9L);
            took[o] = w.slot().slot();
            ctrl[o] = w.previousCtrl();
        }
        return Measured.of("deleting slot 1 then slot 3 of the full group (both left tombstones), the new key took "
                        + "slot %d; deleting slot 3 then slot 1, slot %d (control byte 0x%02X before): the first "
                        + "tombstone on its probe sequence, whatever the order of the deletes", took[0], took[1],
                        ctrl[1])
                .with("slotAfter1Then3", took[0]).with("slotAfter3Then1", took[1]);
    }

    private static Measured skipEmptyRest(String release) {
        SwissMap m = group0(release, 5, SwissLab.inGroup(new ControlledHash(), 0, 1L, 2L, 3L, 4L, 5L, 6L));
        m.delete(4L);
        m.delete(5L);
        GroupSnapshot g = SwissLab.group(m, 0);
        int c3 = g.ctrl(3);
        int c4 = g.ctrl(4);
        SwissEvent.SlotWritten w = insert(m, 6L);
        return Measured.of("the freed slots 3 and 4 hold control byte 0x%02X and 0x%02X (empty, as never-used "
                        + "slots: the group had room, so no tombstone); the new key took slot %d", c3, c4,
                        w.slot().slot())
                .with("lastKeptSlot", 2).with("newSlot", w.slot().slot()).with("freedCtrl", c3);
    }

    private static Measured slotReuse(String release) {
        Random r = new Random(11);
        int inserts = 0;
        int tookFreed = 0;
        int tookTombstone = 0;
        for (int trial = 0; trial < 150; trial++) {
            SwissMap m = SwissLab.map("uint64", "uint64", release, r.nextLong());
            int n = 9 + r.nextInt(52);
            List<Long> keys = new ArrayList<>();
            while (keys.size() < n) {
                long k = r.nextLong() & Long.MAX_VALUE;
                if (!m.contains(k)) {
                    m.set(k, k);
                    keys.add(k);
                }
            }
            Set<String> freed = new HashSet<>();
            m.listen(e -> {
                if (e instanceof SwissEvent.SlotDeleted d) {
                    freed.add(d.slot().toString());
                }
            });
            int d = 1 + r.nextInt(n);
            java.util.Collections.shuffle(keys, r);
            for (int i = 0; i < d; i++) {
                m.delete(keys.get(i));
            }
            int add = 1 + r.nextInt(d);
            for (int i = 0; i < add; i++) {
                long k = r.nextLong() & Long.MAX_VALUE;
                List<EngineEvent> ev = Lab.events(m, EngineEvent.class, () -> m.set(k, k));
                List<SwissEvent.SlotWritten> w = ev.stream().filter(e -> e instanceof SwissEvent.SlotWritten)
                        .map(e -> (SwissEvent.SlotWritten) e).toList();
                // A new key placed by a growth goes into a new table, where no slot was freed.
                if (w.size() == 1 && moved(ev) == 0) {
                    inserts++;
                    tookFreed += freed.contains(w.get(0).slot().toString()) ? 1 : 0;
                    tookTombstone += w.get(0).reusedTombstone() ? 1 : 0;
                }
            }
        }
        return Measured.of("%d of %d new keys took a slot a delete of their trial had freed (%d of them a "
                + "tombstone)", tookFreed, inserts, tookTombstone)
                .with("inserts", inserts).with("tookFreedSlot", tookFreed).with("tookTombstone", tookTombstone);
    }

    /** Churn at constant size, once per release for the claims that read it. */
    record Churn(int reused, int pruned, int emptied, int tombstoned, int rebuilds, int sameSize, double minLoad,
                 double maxLoad, int slotsBefore, int slotsAfter, int tombstonesBeforeClear, int tombstonesAfterClear,
                 Set<Integer> ctrls) {
        Measured figures(String answer) {
            return Measured.of(answer).with("reusedByInserts", reused).with("pruned", pruned)
                    .with("deletesEmptied", emptied).with("deletesTombstoned", tombstoned).with("rebuilds", rebuilds)
                    .with("sameSizeRebuilds", sameSize).with("minLoadAtGrowth", minLoad)
                    .with("maxLoadAtGrowth", maxLoad).with("slotsBefore", slotsBefore).with("slotsAfter", slotsAfter)
                    .with("tombstonesBeforeClear", tombstonesBeforeClear)
                    .with("tombstonesAfterClear", tombstonesAfterClear);
        }
    }

    private static final Map<String, Churn> CHURN = new ConcurrentHashMap<>();

    static Churn churn(String release) {
        return CHURN.computeIfAbsent(release, rel -> {
            Random r = new Random(7);
            SwissMap m = SwissLab.map("uint64", "uint64", rel, 7);
            List<Long> keys = new ArrayList<>();
            while (keys.size() < 48) {
                long k = r.nextLong() & Long.MAX_VALUE;
                if (!m.contains(k)) {
                    m.set(k, k);
                    keys.add(k);
                }
            }
            int slotsBefore = m.snapshot().capacity();
            int[] n = new int[6];
            double[] load = {Double.MAX_VALUE, 0};
            m.listen(e -> {
                if (e instanceof SwissEvent.SlotWritten w && w.reusedTombstone()) {
                    n[0]++;
                } else if (e instanceof SwissEvent.TombstonesPruned p) {
                    n[1] += p.count();
                } else if (e instanceof SwissEvent.SlotDeleted d) {
                    n[d.tombstone() ? 3 : 2]++;
                } else if (e instanceof SwissEvent.TableGrown g) {
                    n[4]++;
                    n[5] += g.newCapacity() == g.oldCapacity() ? 1 : 0;
                    double l = (double) g.moved() / g.oldCapacity();
                    load[0] = Math.min(load[0], l);
                    load[1] = Math.max(load[1], l);
                }
            });
            Set<Integer> ctrls = new TreeSet<>();
            for (int op = 0; op < 3000; op++) {
                int i = r.nextInt(keys.size());
                m.delete(keys.get(i));
                long k;
                do {
                    k = r.nextLong() & Long.MAX_VALUE;
                } while (m.contains(k));
                m.set(k, k);
                keys.set(i, k);
                if (op % 100 == 0) {
                    SwissLab.groups(m).forEach(g -> {
                        for (int s = 0; s < 8; s++) {
                            ctrls.add(g.ctrl(s));
                        }
                    });
                }
            }
            int slotsAfter = m.snapshot().capacity();
            int before = m.snapshot().tombstones();
            m.clear();
            int after = m.snapshot().tombstones();
            return new Churn(n[0], n[1], n[2], n[3], n[4], n[5], n[4] == 0 ? 0 : load[0], load[1], slotsBefore,
                    slotsAfter, before, after, ctrls);
        });
    }

    private static Measured onlyGrowthCleans(String release) {
        Churn c = churn(release);
        return c.figures(String.format("in 3,000 churn operations, %,d deletes emptied their slot and %,d left a "
                + "tombstone; inserts reused %,d tombstones, pruneTombstones removed %,d, and %d growth(s) rebuilt "
                + "a table; clear took the last %d tombstones to %d", c.emptied(), c.tombstoned(), c.reused(),
                c.pruned(), c.rebuilds(), c.tombstonesBeforeClear(), c.tombstonesAfterClear()));
    }

    private static Measured ctrlMarkers(String release) {
        ControlledHash h = new ControlledHash();
        SwissLab.inGroup(h, 0, 1L, 2L, 3L, 4L, 5L, 6L, 7L);
        h.fullHash(8L, SwissLab.hash(0, 8, 0x00));                       // low 7 bits 0: H2 = 0
        h.fullHash(9L, 0xFF00000000000000L | SwissLab.hash(1, 9, 0x7F)); // top byte 0xff, H2 = 0x7f
        h.fullHash(10L, SwissLab.hash(1, 10, 0x21));
        SwissMap m = SwissLab.map("uint64", "uint64", release, h, 14);
        for (long k = 1; k <= 10; k++) {
            m.set(k, k);
        }
        int ctrlH2Zero = SwissLab.group(m, 0).ctrl(7);
        int ctrlTop = SwissLab.group(m, 1).ctrl(0);
        boolean fullZero = SwissLab.group(m, 0).full(7) && ctrlH2Zero == 0;
        m.delete(3L);
        m.delete(10L);
        int tomb = SwissLab.group(m, 0).ctrl(2);
        int emptied = SwissLab.group(m, 1).ctrl(1);
        Set<Integer> seen = churn(release).ctrls();
        long ff = seen.contains(0xFF) ? 1 : 0;
        return Measured.of("a full slot whose key's hash has low 7 bits 0 holds control byte 0x%02X, one whose "
                        + "hash starts with 0xff holds 0x%02X (its low 7 bits); a slot deleted from a full group "
                        + "holds 0x%02X (tombstone), one deleted from a group with room 0x%02X (empty); the "
                        + "control bytes seen during churn: full 0x00-0x7F, %s",
                        ctrlH2Zero, ctrlTop, tomb, emptied,
                        String.join(", ", seen.stream().filter(x -> x >= 0x80).map(x -> String.format("0x%02X", x))
                                .toList()))
                .with("fullSlotWithCtrl0", fullZero ? 1 : 0).with("ctrlOfTop0xff", ctrlTop)
                .with("tombstoneCtrl", tomb).with("emptiedCtrl", emptied).with("ctrl0xffSeen", ff);
    }

    private static Measured deleteZeroesKey(String release) {
        SwissMap u = SwissLab.map("uint64", "uint64", release, 1);
        u.set(1L, 1L);
        u.set(2L, 2L);
        int uw = SwissLab.access(u, () -> u.delete(1L)).keyWrites();
        SwissMap s = SwissLab.map("string", "uint64", release, 1);
        s.set("a", 1L);
        s.set("b", 2L);
        int sw = SwissLab.access(s, () -> s.delete("a")).keyWrites();
        return Measured.of("delete wrote the key slot %d times in map[uint64]uint64 and %d in map[string]uint64 "
                + "(typedmemclr of the string header)", uw, sw)
                .with("uint64KeyWrites", uw).with("stringKeyWrites", sw);
    }

    // ------------------------------------------------------------------ lookups

    private static Measured fullHash(String release) {
        ControlledHash h = new ControlledHash().fullHash(1.0, SwissLab.hash(0, 1, 0x42))
                .fullHash(2.0, SwissLab.hash(0, 2, 0x42));
        SwissMap g = SwissLab.map("float64", "uint64", release, h, 14);
        g.set(1.0, 10L);
        g.set(2.0, 20L);
        SwissLab.Access a = SwissLab.access(g, () -> g.get(2.0));
        GroupSnapshot grp = SwissLab.group(g, 0);
        return Measured.of("the slots store 7 bits of each hash (control bytes 0x%02X and 0x%02X for hashes 0x%X and "
                        + "0x%X); looking up the second key compares %d keys", grp.ctrl(0), grp.ctrl(1),
                        SwissLab.hash(0, 1, 0x42), SwissLab.hash(0, 2, 0x42), a.keyReads())
                .with("keyReads", a.keyReads());
    }

    private static Measured ctrlFirst(String release) {
        ControlledHash h = new ControlledHash();
        SwissLab.inGroup(h, 0, 1.0, 2.0, 3.0, 4.0, 5.0, 9.0);
        SwissMap table = SwissLab.map("float64", "uint64", release, h, 14);
        for (double k = 1; k <= 5; k++) {
            table.set(k, 1L);
        }
        table.delete(2.0);
        SwissLab.Access t = SwissLab.access(table, () -> table.get(9.0));
        Object[][] keys = {{1.0, 2.0, 3.0, 4.0, 5.0, 9.0}, {1L, 2L, 3L, 4L, 5L, 9L}, {1, 2, 3, 4, 5, 9}};
        String[] types = {"float64", "uint64", "uint32"};
        SwissLab.Access[] small = new SwissLab.Access[3];
        for (int i = 0; i < 3; i++) {
            SwissMap m = SwissLab.map(types[i], "uint64", release, 3);
            for (int k = 0; k < 5; k++) {
                m.set(keys[i][k], 1L);
            }
            m.delete(keys[i][1]);
            Object absent = keys[i][5];
            small[i] = SwissLab.access(m, () -> m.get(absent));
        }
        return Measured.of("control words / keys read: a table of float64 keys %d / %d; small maps: "
                        + "map[float64]uint64 %d / %d, map[uint64]uint64 (_fast64) %d / %d, map[uint32]uint64 "
                        + "(_fast32) %d / %d", t.ctrlReads(), t.keyReads(), small[0].ctrlReads(), small[0].keyReads(),
                        small[1].ctrlReads(), small[1].keyReads(), small[2].ctrlReads(), small[2].keyReads())
                .with("tableCtrlReads", t.ctrlReads()).with("tableKeyReads", t.keyReads())
                .with("smallGenericKeyReads", small[0].keyReads()).with("fast64KeyReads", small[1].keyReads())
                .with("fast32KeyReads", small[2].keyReads());
    }

    private static Measured readEvacuates(String release) {
        SwissMap m = SwissLab.map("uint64", "uint64", release, 4);
        // Past 1,000 keys, on to the insert that rebuilds a table: a map just after its growth.
        boolean grew = false;
        for (long k = 0; m.len() < 1000 || !grew; k++) {
            long key = k;
            grew = m.len() >= 1000 && moved(Lab.events(m, EngineEvent.class, () -> m.set(key, key))) > 0;
            if (m.len() < 1000) {
                m.set(key, key);
            }
        }
        int n = m.len();
        String before = SwissLab.contents(m);
        List<EngineEvent> moved = new ArrayList<>();
        SwissLab.Access a = SwissLab.access(m, () -> Lab.events(m, EngineEvent.class, () -> {
            for (long key = 0; key < n; key++) {
                m.get(key);
            }
        }).forEach(moved::add));
        boolean same = before.equals(SwissLab.contents(m));
        return Measured.of("%,d lookups: %d writes to the map's memory, %d engine events, state %s", n, a.writes(),
                        moved.size(), same ? "unchanged" : "changed")
                .with("lookups", n).with("writesByLookups", a.writes()).with("movedByLookups", moved.size())
                .with("stateUnchanged", same ? 1 : 0);
    }

    private static int moved(List<EngineEvent> events) {
        int n = 0;
        for (EngineEvent e : events) {
            if (e instanceof SwissEvent.GrewToTable g) {
                n += g.moved();
            } else if (e instanceof SwissEvent.TableGrown g) {
                n += g.moved();
            } else if (e instanceof SwissEvent.TableSplit s) {
                n += s.toLeft() + s.toRight();
            }
        }
        return n;
    }

    private static Measured deletePostpones(String release) {
        SwissMap m = SwissLab.map("uint64", "uint64", release, 5);
        int byInserts = moved(Lab.events(m, EngineEvent.class, () -> {
            for (long k = 0; k < 1000; k++) {
                m.set(k, k);
            }
        }));
        int byDeletes = moved(Lab.events(m, EngineEvent.class, () -> {
            for (long k = 0; k < 1000; k++) {
                m.delete(k);
            }
        }));
        return Measured.of("1,000 inserts moved %,d entries in table rebuilds; 1,000 deletes moved %d", byInserts,
                        byDeletes)
                .with("movedByInserts", byInserts).with("movedByDeletes", byDeletes);
    }

    // ------------------------------------------------------------------ growth

    /** The growths of 3 maps of 10,000 inserts, once per release for the claims that read them. */
    record Growths(int growths, int wholeTable, int ofPart, double perGroupMin, double perGroupMax, int maxMoved,
                   int splits, long toRight, long splitMoved, int doublings, int maxTableSlots, List<String> perGroup) {
    }

    private static final Map<String, Growths> GROWTHS = new ConcurrentHashMap<>();

    static Growths growths(String release) {
        return GROWTHS.computeIfAbsent(release, rel -> {
            int[] n = new int[7];
            long[] right = new long[2];
            double[] per = {Double.MAX_VALUE, 0};
            Map<Integer, String> perGroup = new java.util.TreeMap<>();
            for (long seed = 1; seed <= 3; seed++) {
                SwissMap m = SwissLab.map("uint64", "uint64", rel, seed);
                Random r = new Random(seed);
                int[] len = new int[1];
                m.listen(e -> {
                    int moved;
                    int oldSlots;
                    if (e instanceof SwissEvent.GrewToTable g) {
                        moved = g.moved();
                        oldSlots = 8;
                    } else if (e instanceof SwissEvent.TableGrown g) {
                        moved = g.moved();
                        oldSlots = g.oldCapacity();
                        n[5]++;
                    } else if (e instanceof SwissEvent.TableSplit s) {
                        moved = s.toLeft() + s.toRight();
                        oldSlots = 1024;
                        n[4]++;
                        right[0] += s.toRight();
                        right[1] += moved;
                    } else {
                        return;
                    }
                    n[0]++;
                    // A rebuild moves every entry of its table: with no tombstones, that is all the
                    // slots its growthLeft allowed (7/8 of a table, the 8 of a small group).
                    n[1] += moved == (oldSlots == 8 ? 8 : oldSlots * 7 / 8) ? 1 : 0;
                    n[2] += moved < len[0] ? 1 : 0;
                    n[3] = Math.max(n[3], moved);
                    double pg = moved / (oldSlots / 8.0);
                    per[0] = Math.min(per[0], pg);
                    per[1] = Math.max(per[1], pg);
                    perGroup.put(oldSlots, oldSlots + " slots: " + fmt(pg));
                });
                while (m.len() < 10_000) {
                    long k = r.nextLong() & Long.MAX_VALUE;
                    len[0] = m.len();
                    m.set(k, k);
                }
                for (TableSnapshot t : m.snapshot().tables()) {
                    n[6] = Math.max(n[6], t.capacity());
                }
            }
            return new Growths(n[0], n[1], n[2], per[0], per[1], n[3], n[4], right[0], right[1], n[5], n[6],
                    List.copyOf(perGroup.values()));
        });
    }

    static String fmt(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }

    static String pct(double share) {
        return String.format(java.util.Locale.ROOT, "%.2f %%", 100 * share).replace(".00 %", " %");
    }

    private static Measured growsAt(String release) {
        Growths g = growths(release);
        return Measured.of("%d growths; entries per group of the growing table or small group: %s",
                        g.growths(), String.join(", ", g.perGroup()))
                .with("growths", g.growths()).with("perGroupMin", g.perGroupMin()).with("perGroupMax", g.perGroupMax());
    }

    private static Measured growsAtPercent(String release) {
        Growths g = growths(release);
        return Measured.of("a growth started with %s of the growing table's slots in use, %s of the small group's",
                        pct(g.perGroupMin() / 8), pct(g.perGroupMax() / 8))
                .with("slotsUsedMin", g.perGroupMin() / 8).with("slotsUsedMax", g.perGroupMax() / 8);
    }

    private static Measured groupFull(String release) {
        ControlledHash h = new ControlledHash();
        Object[] keys = new Object[12];
        for (int i = 0; i < 12; i++) {
            keys[i] = (long) (i + 1);
        }
        SwissLab.inGroup(h, 0, keys);
        SwissMap m = SwissLab.map("uint64", "uint64", release, h, 14);
        int before = m.snapshot().capacity();
        for (Object k : keys) {
            m.set(k, k);
        }
        return Measured.of("12 keys whose probe sequences start at group 0: group 0 full, %d in group 1; %d slots "
                        + "before and %d after", SwissLab.group(m, 1).fullCount(), before, m.snapshot().capacity())
                .with("slotsBefore", before).with("slotsAfter", m.snapshot().capacity());
    }

    private static Measured growthCheck(String release) {
        SwissMap m = SwissLab.map("uint64", "uint64", release, 1);
        long grewAt = -1;
        int countBefore = -1;
        for (long k = 1; k <= 100 && grewAt < 0; k++) {
            int count = m.len();
            long key = k;
            List<SwissEvent.TableGrown> g = Lab.events(m, SwissEvent.TableGrown.class, () -> m.set(key, key));
            if (!g.isEmpty() && g.get(0).oldCapacity() == 16) {
                grewAt = k;
                countBefore = count;
            }
        }
        // The claim's rule, growth once the count reaches the limit after an insert: the limit of
        // a 16-slot table is 7/8 of it, so after the 14th key.
        long predicted = 16 * 7 / 8;
        SwissMap at = SwissLab.map("uint64", "uint64", release, 1);
        for (long k = 1; k < grewAt; k++) {
            at.set(k, k);
        }
        List<EngineEvent> upd = Lab.events(at, EngineEvent.class, () -> at.set(1L, 2L));
        List<SwissEvent.TableGrown> ins = Lab.events(at, SwissEvent.TableGrown.class, () -> at.set(1000L, 1L));
        boolean updGrew = upd.stream().anyMatch(e -> e instanceof SwissEvent.TableGrown);
        return Measured.of("the 16-slot table grew while inserting key %d (count %d before it, growthLeft 0), "
                        + "before placing it; the claim's rule predicts after key %d. At that limit, updating a key "
                        + "started %s, inserting a new one %s", grewAt, countBefore, predicted,
                        updGrew ? "a growth" : "no growth", ins.isEmpty() ? "none" : "the growth")
                .with("grewAtKey", grewAt).with("countBefore", countBefore).with("claimPredicts", predicted)
                .with("updateGrew", updGrew ? 1 : 0);
    }

    private static Measured rehashAtOnce(String release) {
        Growths g = growths(release);
        return Measured.of("%d growths; each moved every entry of its table within one insert (%d of them), at "
                        + "most %d entries; %d of them moved only part of the map", g.growths(), g.wholeTable(),
                        g.maxMoved(), g.ofPart())
                .with("growths", g.growths()).with("wholeTableGrowths", g.wholeTable())
                .with("growthsOfPart", g.ofPart()).with("maxMoved", g.maxMoved());
    }

    private static Measured sameSize(String release) {
        Churn c = churn(release);
        return c.figures(String.format("%d of %d table rebuilds kept their size while the map stayed at 48 keys; "
                + "its slots went from %d to %d", c.sameSize(), c.rebuilds(), c.slotsBefore(), c.slotsAfter()));
    }

    private static Measured xySplit(String release) {
        Growths g = growths(release);
        double share = g.splitMoved() == 0 ? 0 : (double) g.toRight() / g.splitMoved();
        return Measured.of("%d splits of 1024-slot tables sent %s of their %,d entries to the right-hand table; "
                        + "%d smaller tables doubled into one new table", g.splits(), pct(share), g.splitMoved(),
                        g.doublings())
                .with("splits", g.splits()).with("shareToRight", share).with("doublings", g.doublings());
    }

    private static Measured makeExact(String release) {
        int[] tables = new int[2];
        long[] spare = new long[2];
        int[] slots = new int[2];
        long[] hints = {1000, 100};
        for (int i = 0; i < 2; i++) {
            List<Allocated> a = new ArrayList<>();
            SwissMap m = SwissMap.builder(Lab.type("uint64", "uint64")).go(release).seed(1).hint(hints[i])
                    .listener(e -> {
                        if (e instanceof Allocated x) {
                            a.add(x);
                        }
                    }).build();
            SwissSnapshot s = m.snapshot();
            tables[i] = s.tables().size();
            slots[i] = s.capacity();
            long groupBytes = a.stream().filter(x -> x.kind() == ObjectKind.GROUPS).mapToLong(Allocated::size).sum();
            spare[i] = groupBytes / m.groupType().groupSize() - s.capacity() / 8;
        }
        return Measured.of("hint 1,000: %d tables, %,d slots; hint 100: %d table, %d slots; groups allocated "
                        + "beyond the tables' own: %d and %d", tables[0], slots[0], tables[1], slots[1], spare[0],
                        spare[1])
                .with("tables", tables[0]).with("slots", slots[0]).with("spareGroups", spare[0] + spare[1]);
    }

    // ------------------------------------------------------------------ iteration

    private static List<Object> keysOf(MapIterator it) {
        List<Object> out = new ArrayList<>();
        for (; it.hasEntry(); it.next()) {
            out.add(it.key());
        }
        it.close();
        return out;
    }

    private static SwissMap random(String release, int n, long seed) {
        SwissMap m = SwissLab.map("uint64", "uint64", release, seed);
        Random random = new Random(seed);
        while (m.len() < n) {
            long k = random.nextLong() & Long.MAX_VALUE;
            m.set(k, k);
        }
        return m;
    }

    private static Measured iterationRandom(String release) {
        SwissMap m = random(release, 20, 5);
        List<Object> first = null;
        Set<List<Object>> orders = new HashSet<>();
        int sameAsFirst = 0;
        for (int i = 0; i < 200; i++) {
            List<Object> order = keysOf(m.iterate());
            if (first == null) {
                first = order;
            } else if (order.equals(first)) {
                sameAsFirst++;
            }
            orders.add(order);
        }
        long choices = (long) m.snapshot().capacity() * Math.max(1, m.dirLen());
        return Measured.of("200 loops gave %d distinct orders; a loop starts at one of %d slot offsets (one table "
                        + "of %d slots); %d loops repeated the first one's order", orders.size(), choices,
                        m.snapshot().capacity(), sameAsFirst)
                .with("loops", 200).with("distinctOrders", orders.size()).with("startChoices", choices)
                .with("sameAsFirst", sameAsFirst);
    }

    private static int rotations(SwissMap m, int loops) {
        List<Object> first = keysOf(m.iterate());
        int n = 0;
        for (int i = 1; i < loops; i++) {
            n += SwissLab.rotation(keysOf(m.iterate()), first) ? 1 : 0;
        }
        return n;
    }

    private static Measured iterationRotations(String release) {
        SwissMap one = random(release, 20, 5);
        SwissMap many = random(release, 2000, 5);
        int r1 = rotations(one, 12);
        int r2 = rotations(many, 12);
        return Measured.of("of the 11 other loops, %d are rotations of the first one's order over 20 keys (%d "
                        + "table), %d over 2,000 keys (%d tables)", r1, one.snapshot().tables().size(), r2,
                        many.snapshot().tables().size())
                .with("others", 11).with("rotationsOneTable", r1).with("rotationsTables", r2);
    }

    // ------------------------------------------------------------------ memory

    private static Measured deleteFreesNothing(String release) {
        MemoryExperiments.Emptying inline = MemoryExperiments.deleteAllVsClearVsNewMap(Lab.type("uint64", "uint64"),
                500, Lab.version(release));
        MemoryExperiments.Emptying indirect = MemoryExperiments.deleteAllVsClearVsNewMap(
                Lab.type("uint64", "[200]byte"), 500, Lab.version(release));
        return Measured.of("map[uint64]uint64: %,d live bytes before, %,d after; map[uint64][200]byte: %,d before, "
                        + "%,d after (its indirect elems were freed)", inline.full(), inline.afterDeleteAll(),
                        indirect.full(), indirect.afterDeleteAll())
                .with("inlineFull", inline.full()).with("inlineAfter", inline.afterDeleteAll())
                .with("indirectFull", indirect.full()).with("indirectAfter", indirect.afterDeleteAll());
    }

    private static Measured shrink(String release) {
        SwissMap m = random(release, 1000, 2);
        int slots = m.snapshot().capacity();
        int dir = m.dirLen();
        for (Object k : m.keys()) {
            m.delete(k);
        }
        return Measured.of("%,d slots in %d directory entries with 1,000 keys; %,d slots in %d with none", slots, dir,
                        m.snapshot().capacity(), m.dirLen())
                .with("fullSlots", slots).with("emptySlots", m.snapshot().capacity()).with("fullDirLen", dir)
                .with("emptyDirLen", m.dirLen());
    }

    private static List<Integer> groupsIds(SwissMap m) {
        return m.snapshot().tables().stream().map(TableSnapshot::groupsId).toList();
    }

    private static Measured clearFrees(String release) {
        SwissMap m = random(release, 1000, 2);
        m.gc();   // the garbage of the growths that built the map, collected first
        List<Integer> before = groupsIds(m);
        m.clear();
        List<Integer> after = groupsIds(m);
        List<String> freed = m.gc();
        return Measured.of("groups arrays %s before, %s after clear; the next gc freed %s", before, after,
                        freed.isEmpty() ? "nothing" : String.join(", ", freed))
                .with("sameGroups", before.equals(after) ? 1 : 0).with("freedByGc", freed.size());
    }

    private static Measured oldGroupsFreed(String release) {
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
            if (o.kind() == ObjectKind.GROUPS && o.freed() >= 0) {
                long gap = o.freed() - o.unreachable();
                minGap = Math.min(minGap, gap);
                maxGap = Math.max(maxGap, gap);
                freed++;
            }
        }
        long pinned = pinned(release);
        return Measured.of("%d replaced groups arrays freed, each %,d to %,d operations after the insert that "
                        + "replaced it; an iterator open across a growth kept %,d bytes of old groups alive",
                        freed, minGap == Long.MAX_VALUE ? 0 : minGap, maxGap, pinned)
                .with("groupsFreed", freed).with("minOpsUntilFreed", minGap == Long.MAX_VALUE ? 0 : minGap)
                .with("maxOpsUntilFreed", maxGap).with("pinnedByIterator", pinned);
    }

    /** Map bytes an open iterator keeps alive across a growth: with it open, then after closing it. */
    private static long pinned(String release) {
        GoHeap heap = new GoHeap(GcSettings.defaults().go(Lab.version(release)).gogcOff());
        GoMap m = heap.newMap(Lab.type("uint64", "uint64"));
        long k = 0;
        for (; k < 52; k++) {
            long key = k;
            heap.op(() -> m.set(key, key));
        }
        MapIterator it = heap.op(m::iterate);
        int before = groupsAllocated(heap);
        while (groupsAllocated(heap) == before) {
            long key = k++;
            heap.op(() -> m.set(key, key));
        }
        heap.gc();
        long open = heap.mapBytes();
        heap.op(it::close);
        heap.gc();
        return open - heap.mapBytes();
    }

    private static int groupsAllocated(GoHeap heap) {
        return (int) heap.timeline().objects().stream().filter(o -> o.kind() == ObjectKind.GROUPS).count();
    }

    private static Measured gcMoves(String release) {
        SwissMap m = random(release, 1000, 3);
        m.gc();
        int byGc = 0;
        int oldFreed = 0;
        Random r = new Random(3);
        for (int round = 0; round < 5; round++) {
            for (int i = 0; i < 500; i++) {
                long k = r.nextLong() & Long.MAX_VALUE;
                m.set(k, k);
            }
            List<Integer> current = groupsIds(m);
            List<String> freed = m.gc();
            boolean hit = !groupsIds(m).equals(current)
                    || current.stream().anyMatch(id -> freed.contains(ObjectKind.GROUPS.id(id)));
            byGc += hit ? 1 : 0;
            oldFreed += (int) freed.stream().filter(s -> s.startsWith("groups#")).count();
        }
        return Measured.of("5 collections: the current groups arrays were freed or replaced by %d of them; they "
                        + "freed %d replaced groups arrays", byGc, oldFreed)
                .with("currentGroupsFreedOrReplacedByGc", byGc).with("oldGroupsFreed", oldFreed);
    }
}
