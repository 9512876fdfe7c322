package maplab.experiment.claims;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import maplab.engine.Allocated;
import maplab.engine.MapIterator;
import maplab.engine.swiss.GroupSnapshot;
import maplab.engine.swiss.SwissMap;
import maplab.engine.swiss.SwissSnapshot;
import maplab.engine.swiss.TableSnapshot;
import maplab.experiment.SwissExperiments;
import tech.tablesaw.api.Table;

/**
 * Checks of the claims made about Swiss tables themselves (Go 1.24+ posts and answers), each an
 * experiment on the Swiss engine; several read the churn and growth experiments of
 * {@link SwissChecks}, run once per release.
 */
final class SwissMythChecks {

    private static final List<String> ALL = MapEngine.SWISS.releases();

    private SwissMythChecks() {
    }

    static Map<String, Check> all() {
        Map<String, Check> m = new LinkedHashMap<>();
        m.put("delete-always-tombstone", new Check("20 maps of 100 random keys lose every key in random order "
                + "(SwissExperiments.deletes): what each delete left", ALL, SwissMythChecks::deletes,
                r -> Verdict.of(r.figure("emptied") == 0)));
        m.put("tombstones-only-by-rehash", new Check("48 keys, 3,000 churn operations (delete one, insert one): "
                + "tombstones reused by inserts and pruned in place", ALL, SwissMythChecks::churnReuse,
                r -> Verdict.of(r.figure("reusedByInserts") == 0 && r.figure("pruned") == 0)));
        m.put("tombstones-rehash-in-place", new Check("48 keys, 3,000 churn operations: the capacity of each table "
                + "rebuild", ALL, SwissMythChecks::churnRebuilds,
                r -> Verdict.of(r.figure("sameSizeRebuilds") > 0)));
        m.put("h2-top-bits", new Check("1,000 random keys: each full slot's control byte against the low and the "
                + "top 7 bits of its key's hash", ALL, SwissMythChecks::h2Bits,
                r -> Verdict.of(r.figure("topBitsMatch") == r.figure("slots"))));
        m.put("full-hash-picks-table", new Check("5,000 random keys: the directory entry of each key's table "
                + "against the top globalDepth bits of its hash", ALL, SwissMythChecks::tablePick,
                r -> Verdict.of(r.figure("placedByTopBits") < r.figure("keys"))));
        m.put("table-1024-groups", new Check("3 maps of 10,000 inserts: the largest table", ALL,
                SwissMythChecks::largestTable, r -> Verdict.of(r.figure("maxGroupsPerTable") >= 1024)));
        m.put("grows-past-seven-eighths", new Check("48 keys, 3,000 churn operations: the load (entries / slots) "
                + "of each table when it grew", ALL, SwissMythChecks::churnLoad,
                r -> Verdict.of(r.figure("minLoadAtGrowth") >= 0.875)));
        m.put("update-never-allocates", new Check("a full small map of 8 keys: update one of them, count the "
                + "allocations", ALL, SwissMythChecks::update, r -> Verdict.of(r.figure("allocations") == 0)));
        m.put("swiss-grows-incrementally", new Check("3 maps of 10,000 inserts: whether each growth moved its "
                + "whole table within one insert", ALL, SwissMythChecks::incremental,
                r -> Verdict.of(r.figure("wholeTableGrowths") < r.figure("growths"))));
        m.put("iteration-probe-order", new Check("50 range loops over one map of 20 keys: each order against the "
                + "slots in index order, started elsewhere", ALL, SwissMythChecks::probeOrder,
                r -> Verdict.of(r.figure("linearLoops") < r.figure("loops"))));
        return m;
    }

    private static Measured deletes(String release) {
        Table t = SwissExperiments.deletes(20, 100, 1, release);
        int tomb = t.booleanColumn("tombstone").countTrue();
        int emptied = t.rowCount() - tomb;
        return Measured.of("of %,d deletes, %,d left a tombstone (their group was full) and %,d emptied their slot",
                        t.rowCount(), tomb, emptied)
                .with("deletes", t.rowCount()).with("tombstones", tomb).with("emptied", emptied);
    }

    private static Measured churnReuse(String release) {
        SwissChecks.Churn c = SwissChecks.churn(release);
        return c.figures(String.format("%,d deletes left a tombstone; inserts reused %,d of them and "
                + "pruneTombstones removed %,d, besides %d rebuild(s)", c.tombstoned(), c.reused(), c.pruned(),
                c.rebuilds()));
    }

    private static Measured churnRebuilds(String release) {
        SwissChecks.Churn c = SwissChecks.churn(release);
        return c.figures(String.format("%d of %d rebuilds kept the table's size; the map went from %d to %d slots "
                + "for 48 keys", c.sameSize(), c.rebuilds(), c.slotsBefore(), c.slotsAfter()));
    }

    private static Measured churnLoad(String release) {
        SwissChecks.Churn c = SwissChecks.churn(release);
        return c.figures(String.format("%d growth(s), at a load of %s to %s (tombstones use up growthLeft too)",
                c.rebuilds(), SwissChecks.pct(c.minLoad()), SwissChecks.pct(c.maxLoad())));
    }

    private static Measured h2Bits(String release) {
        SwissMap m = SwissLab.map("uint64", "uint64", release, 8);
        Random r = new Random(8);
        while (m.len() < 1000) {
            long k = r.nextLong() & Long.MAX_VALUE;
            m.set(k, k);
        }
        int slots = 0;
        int low = 0;
        int top = 0;
        for (GroupSnapshot g : SwissLab.groups(m)) {
            for (int i = 0; i < 8; i++) {
                if (g.full(i)) {
                    long h = m.hash(g.key(i));
                    slots++;
                    low += g.ctrl(i) == (int) (h & 0x7f) ? 1 : 0;
                    top += g.ctrl(i) == (int) (h >>> 57) ? 1 : 0;
                }
            }
        }
        return Measured.of("of %,d full slots, %,d hold the low 7 bits of the key's hash and %,d the top 7 bits",
                        slots, low, top)
                .with("slots", slots).with("lowBitsMatch", low).with("topBitsMatch", top);
    }

    private static Measured tablePick(String release) {
        SwissMap m = SwissLab.map("uint64", "uint64", release, 9);
        Random r = new Random(9);
        while (m.len() < 5000) {
            long k = r.nextLong() & Long.MAX_VALUE;
            m.set(k, k);
        }
        SwissSnapshot s = m.snapshot();
        int keys = 0;
        int byTop = 0;
        for (TableSnapshot t : s.tables()) {
            for (GroupSnapshot g : t.groups()) {
                for (int i = 0; i < 8; i++) {
                    if (!g.full(i)) {
                        continue;
                    }
                    long h = m.hash(g.key(i));
                    keys++;
                    int top = s.globalDepth() == 0 ? 0 : (int) (h >>> (64 - s.globalDepth()));
                    byTop += s.directory().get(top) == t.id() ? 1 : 0;
                }
            }
        }
        return Measured.of("%,d keys in %d tables (globalDepth %d): %,d are in the table the top %d bits of their "
                        + "hash select: the other bits play no part", keys, s.tables().size(), s.globalDepth(), byTop, s.globalDepth())
                .with("keys", keys).with("placedByTopBits", byTop);
    }

    private static Measured largestTable(String release) {
        SwissChecks.Growths g = SwissChecks.growths(release);
        return Measured.of("the largest table has %,d slots: %d groups of 8", g.maxTableSlots(),
                        g.maxTableSlots() / 8)
                .with("maxTableSlots", g.maxTableSlots()).with("maxGroupsPerTable", g.maxTableSlots() / 8);
    }

    private static Measured update(String release) {
        SwissMap m = SwissLab.map("uint64", "uint64", release, 1);
        for (long k = 1; k <= 8; k++) {
            m.set(k, k);
        }
        List<Allocated> a = Lab.events(m, Allocated.class, () -> m.set(1L, 100L));
        List<String> what = new ArrayList<>();
        a.forEach(x -> what.add(x.id()));
        return Measured.of("updating key 1 of a full small map allocated %d objects (%s): growToTable runs before "
                        + "the key is looked for", a.size(), String.join(", ", what))
                .with("allocations", a.size());
    }

    private static Measured incremental(String release) {
        SwissChecks.Growths g = SwissChecks.growths(release);
        return Measured.of("%d of %d growths moved every entry of their table within the one insert, at most %d",
                        g.wholeTable(), g.growths(), g.maxMoved())
                .with("growths", g.growths()).with("wholeTableGrowths", g.wholeTable());
    }

    private static Measured probeOrder(String release) {
        SwissMap m = SwissLab.map("uint64", "uint64", release, 6);
        Random r = new Random(6);
        while (m.len() < 20) {
            long k = r.nextLong() & Long.MAX_VALUE;
            m.set(k, k);
        }
        List<Object> slotOrder = m.snapshot().liveSlotKeys();
        int linear = 0;
        for (int i = 0; i < 50; i++) {
            List<Object> order = new ArrayList<>();
            MapIterator it = m.iterate();
            for (; it.hasEntry(); it.next()) {
                order.add(it.key());
            }
            it.close();
            linear += SwissLab.rotation(order, slotOrder) ? 1 : 0;
        }
        return Measured.of("%d of 50 loops produced the keys in slot-index order (groups 0, 1, … of the table), "
                        + "from a random start", linear)
                .with("loops", 50).with("linearLoops", linear);
    }
}
