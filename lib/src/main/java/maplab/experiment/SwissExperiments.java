package maplab.experiment;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import maplab.engine.EngineEvent;
import maplab.engine.GoType;
import maplab.engine.GoVersion;
import maplab.engine.MapType;
import maplab.engine.classic.BucketType;
import maplab.engine.swiss.GroupSnapshot;
import maplab.engine.swiss.GroupType;
import maplab.engine.swiss.ProbeSeq;
import maplab.engine.swiss.SwissEvent;
import maplab.engine.swiss.SwissMap;
import maplab.engine.swiss.SwissSnapshot;
import maplab.engine.swiss.TableSnapshot;
import maplab.table.Progress;
import maplab.table.TableBuilder;
import tech.tablesaw.api.Table;

/**
 * Experiments on what only the Swiss-table map has (Go 1.24+): where each key lives and how far
 * its probe went, what a delete leaves behind, and each growth step. Every one runs from its
 * seed (the same arguments give an equal table), takes a Go release "1.24", "1.25" or "1.26",
 * and refuses bad arguments with a message naming the parameter. Maps are map[uint64]uint64
 * with random distinct keys unless said otherwise.
 */
public final class SwissExperiments {

    private static final MapType U64 = MapType.of("uint64", "uint64");

    private SwissExperiments() {
    }

    /** A Swiss release, naming the parameter on failure. */
    static GoVersion swiss(String release) {
        GoVersion v = Params.go(release);
        if (v.engine() != maplab.engine.Engine.SWISS) {
            throw new IllegalArgumentException("go release " + release + " has the classic map; these experiments "
                    + "need a Swiss-table release: 1.24, 1.25 or 1.26");
        }
        return v;
    }

    /** A map[uint64]uint64 of the release with {@code n} random keys. */
    public static SwissMap filled(int n, long seed, String release) {
        Params.between("n", n, 0, 2_000_000);
        Random r = new Random(seed);
        SwissMap m = SwissMap.builder(U64).go(swiss(release)).seed(r.nextLong()).build();
        while (m.len() < n) {
            long k = r.nextLong() & Long.MAX_VALUE;
            m.setWord(k, k);
        }
        return m;
    }

    /**
     * Where each key of {@code m} lives and why: its hash split into H1 (the probe's start) and
     * H2 (the control byte), the directory entry its top bits pick, its table, the group its probe
     * starts at, the group and slot it is in, and how many groups the probe passed first.
     *
     * <p>Columns: key string, hash string (hex), h2 int, h1 string (hex), directoryIndex int,
     * table string, homeGroup int, group int, slot int, probeDistance int.
     */
    public static Table whereKeysLive(SwissMap m) {
        SwissSnapshot s = m.snapshot();
        TableBuilder t = new TableBuilder("where keys live").strings("key", "hash").ints("h2").strings("h1")
                .ints("directoryIndex").strings("table").ints("homeGroup", "group", "slot", "probeDistance");
        if (s.isSmall()) {
            if (s.small() != null) {
                for (int i = 0; i < GroupType.SLOTS; i++) {
                    if (s.small().full(i)) {
                        long h = m.hash(s.small().key(i));
                        t.row(show(s.small().key(i)), hex(h), ProbeSeq.h2(h), hex(ProbeSeq.h1(h)), 0, "small group", 0,
                                0, i, 0);
                    }
                }
            }
            return t.build();
        }
        for (TableSnapshot ts : s.tables()) {
            int groups = ts.groups().size();
            for (int g = 0; g < groups; g++) {
                GroupSnapshot gs = ts.groups().get(g);
                for (int i = 0; i < GroupType.SLOTS; i++) {
                    if (!gs.full(i)) {
                        continue;
                    }
                    long h = m.hash(gs.key(i));
                    int dir = s.dirLen() == 1 ? 0 : (int) (h >>> (64 - s.globalDepth()));
                    int home = (int) (ProbeSeq.h1(h) & (groups - 1));
                    t.row(show(gs.key(i)), hex(h), ProbeSeq.h2(h), hex(ProbeSeq.h1(h)), dir, ts.toString(), home, g, i,
                            ProbeSeq.distance(h, groups, g));
                }
            }
        }
        return t.build();
    }

    /**
     * What deletes leave behind: in each trial a map of {@code size} random keys loses random keys
     * one by one, and each delete is classified from the engine's event as emptying its slot
     * (its group had an empty slot, or the map is small) or leaving a tombstone (a full group).
     *
     * <p>Columns: trial int, size int, deleted int (keys deleted so far, after this one),
     * tableSlots int (capacity), small boolean, tombstone boolean, tombstones int (in the map now).
     */
    public static Table deletes(int trials, int size, long seed, String release) {
        Params.between("trials", trials, 1, 10_000);
        Params.between("size", size, 1, 100_000);
        GoVersion v = swiss(release);
        Random r = new Random(seed);
        TableBuilder t = new TableBuilder("what a delete leaves").ints("trial", "size", "deleted", "tableSlots")
                .booleans("small", "tombstone").ints("tombstones");
        Progress progress = new Progress("deletes", trials, "trials");
        for (int trial = 0; trial < trials; trial++) {
            SwissMap m = filled(size, r.nextLong(), v.release());
            List<Object> keys = new ArrayList<>(m.keys());
            java.util.Collections.shuffle(keys, r);
            boolean[] tomb = new boolean[1];
            m.listen(e -> {
                if (e instanceof SwissEvent.SlotDeleted d) {
                    tomb[0] = d.tombstone();
                }
            });
            int deleted = 0;
            for (Object k : keys) {
                boolean small = m.dirLen() == 0;
                int slots = m.snapshot().capacity();
                m.deleteWord((Long) k);
                deleted++;
                t.row(trial, size, deleted, slots, small, tomb[0], m.snapshot().tombstones());
            }
            progress.at(trial + 1);
        }
        progress.done();
        return t.build();
    }

    /**
     * Every growth step while {@code n} random keys go into a new map: the small map becoming a
     * table, a table doubling (rebuilt into a new groups array), a 1024-slot table splitting in
     * two, the directory doubling; with the count of keys at that moment and how many entries
     * the step moved. All of it happens inside one insert.
     *
     * <p>Columns: key int (the 1-based insert that did it), step string, from string, to string,
     * moved int, slots int (of all tables after the step), dirLen int.
     */
    public static Table growthSteps(int n, long seed, String release) {
        Params.between("n", n, 1, 1_000_000);
        GoVersion v = swiss(release);
        Random r = new Random(seed);
        SwissMap m = SwissMap.builder(U64).go(v).seed(r.nextLong()).build();
        List<EngineEvent> events = new ArrayList<>();
        m.listen(events::add);
        TableBuilder t = new TableBuilder("growth steps").ints("key").strings("step", "from", "to")
                .ints("moved", "slots", "dirLen");
        int inserted = 0;
        while (inserted < n) {
            long k = r.nextLong() & Long.MAX_VALUE;
            if (m.containsWord(k)) {
                continue;
            }
            events.clear();
            m.setWord(k, k);
            inserted++;
            for (EngineEvent e : events) {
                if (e instanceof SwissEvent.GrewToTable g) {
                    t.row(inserted, "small map -> table", "small group (8 slots)", g.table() + " (16 slots)", g.moved(),
                            m.snapshot().capacity(), m.dirLen());
                } else if (e instanceof SwissEvent.TableGrown g) {
                    t.row(inserted, "table doubled", g.oldTable() + " (" + g.oldCapacity() + " slots)",
                            g.newTable() + " (" + g.newCapacity() + " slots)", g.moved(), m.snapshot().capacity(),
                            m.dirLen());
                } else if (e instanceof SwissEvent.TableSplit g) {
                    t.row(inserted, "table split", g.oldTable() + " (1024 slots)", g.left() + " + " + g.right(),
                            g.toLeft() + g.toRight(), m.snapshot().capacity(), m.dirLen());
                } else if (e instanceof SwissEvent.DirectoryGrown g) {
                    t.row(inserted, "directory doubled", "globalDepth " + g.oldGlobalDepth(),
                            "globalDepth " + g.newGlobalDepth(), 0, m.snapshot().capacity(), m.dirLen());
                }
            }
        }
        return t.build();
    }

    /**
     * Bytes per slot and per entry of the two maps' layouts, for a few map types: the classic
     * bucket (8 slots and an overflow pointer, filled to 6.5 per bucket on average before it
     * doubles) and the Swiss group (8 slots and a control word, filled to 7/8 before a table
     * grows). These are layout facts; {@code MemoryExperiments} measures whole maps.
     *
     * <p>Columns: map string, bucketSize long, bytesPerSlotClassic double, groupSize long,
     * slotSize long, bytesPerSlotSwiss double.
     */
    public static Table layouts(String... types) {
        if (types.length == 0) {
            types = new String[] {"uint64:uint64", "uint64:struct{}", "int32:struct{}", "string:int", "string:string",
                "uint8:uint8", "uint64:[200]byte"};
        }
        TableBuilder t = new TableBuilder("bucket and group layouts").strings("map").longs("bucketSize")
                .doubles("bytesPerSlotClassic").longs("groupSize", "slotSize").doubles("bytesPerSlotSwiss");
        for (String kv : types) {
            String[] p = kv.split(":", 2);
            if (p.length != 2) {
                throw new IllegalArgumentException("map type '" + kv + "' must be written key:elem, e.g. uint64:string");
            }
            MapType mt = MapType.of(GoType.named(p[0]), GoType.named(p[1]));
            long bucket = BucketType.of(mt).bucketSize();
            GroupType g = GroupType.of(mt);
            t.row(mt.toString(), bucket, bucket / 8.0, g.groupSize(), g.slotSize(), g.groupSize() / 8.0);
        }
        return t.build();
    }

    private static String hex(long v) {
        return String.format("0x%016x", v);
    }

    private static String show(Object key) {
        return key instanceof Long l ? Long.toUnsignedString(l) : GoType.show(key);
    }
}
