package maplab.experiment.claims;

import java.util.ArrayList;
import java.util.List;
import maplab.engine.ControlledHash;
import maplab.engine.Hasher;
import maplab.engine.StepHook;
import maplab.engine.swiss.GroupSnapshot;
import maplab.engine.swiss.SwissMap;
import maplab.engine.swiss.SwissShared;
import maplab.engine.swiss.TableSnapshot;

/**
 * The few ways the Swiss checks make and watch maps, in one place: every map is made through the
 * engine's public builder and watched through its events, snapshots and step hook only.
 */
final class SwissLab {

    /** A new control byte: empty (ctrlEmpty in internal/runtime/maps). */
    static final int CTRL_EMPTY = 0x80;
    /** A deleted slot's control byte, a tombstone (ctrlDeleted). */
    static final int CTRL_DELETED = 0xFE;

    private SwissLab() {
    }

    /** make(map[key]elem) of that release. */
    static SwissMap map(String key, String elem, String release, long seed) {
        return SwissMap.builder(Lab.type(key, elem)).go(release).seed(seed).build();
    }

    /** make(map[key]elem, hint) with a controlled hash; hint 14 gives one 16-slot table of two groups. */
    static SwissMap map(String key, String elem, String release, Hasher hash, long hint) {
        return SwissMap.builder(Lab.type(key, elem)).go(release).seed(1).hint(hint).hasher(hash).build();
    }

    /** make(map[key]elem, hint). */
    static SwissMap map(String key, String elem, String release, long seed, long hint) {
        return SwissMap.builder(Lab.type(key, elem)).go(release).seed(seed).hint(hint).build();
    }

    /**
     * A hash that sends a key to {@code group} of a two-group table (H1's low bit) with control
     * byte {@code h2}; {@code n} tells keys of one group apart in H1's other bits. H1 = hash >> 7,
     * H2 = hash & 0x7f (h1, h2 in map.go); a map with one table reads no top bits.
     */
    static long hash(int group, int n, int h2) {
        return ((long) (2 * n + group) << 7) | h2;
    }

    /** Keys placed by {@link #hash}: the i-th in {@code group}, with H2 0x10 + i. */
    static ControlledHash inGroup(ControlledHash h, int group, Object... keys) {
        for (int i = 0; i < keys.length; i++) {
            h.fullHash(keys[i], hash(group, i + (group == 0 ? 0 : 64), 0x10 + i + (group == 0 ? 0 : 0x30)));
        }
        return h;
    }

    /** Accesses of one operation, counted: the step hook sees every read and write of the map's memory. */
    record Access(int ctrlReads, int keyReads, int keyWrites, int writes) { }

    static Access access(SwissMap m, Runnable op) {
        int[] n = new int[4];
        StepHook count = (memory, field, slot, write) -> {
            if (write) {
                n[3]++;
                if (field == SwissShared.KEY) {
                    n[2]++;
                }
            } else if (field == SwissShared.CTRL) {
                n[0]++;
            } else if (field == SwissShared.KEY) {
                n[1]++;
            }
        };
        m.stepHook(count);
        try {
            op.run();
        } finally {
            m.stepHook(null);
        }
        return new Access(n[0], n[1], n[2], n[3]);
    }

    /** Every group of the map now: the small group, or each table's groups. */
    static List<GroupSnapshot> groups(SwissMap m) {
        List<GroupSnapshot> out = new ArrayList<>();
        var s = m.snapshot();
        if (s.small() != null) {
            out.add(s.small());
        }
        for (TableSnapshot t : s.tables()) {
            out.addAll(t.groups());
        }
        return out;
    }

    /** Every control byte and key of the map, as text: equal texts, equal contents. */
    static String contents(SwissMap m) {
        StringBuilder sb = new StringBuilder();
        for (GroupSnapshot g : groups(m)) {
            for (int i = 0; i < 8; i++) {
                sb.append(g.ctrl(i)).append(':').append(g.full(i) ? g.key(i) : "-").append(' ');
            }
            sb.append('|');
        }
        return sb.toString();
    }

    /** The group of the only table. */
    static GroupSnapshot group(SwissMap m, int g) {
        return m.snapshot().tables().get(0).groups().get(g);
    }

    /** Whether {@code order} is {@code first} started at another index. */
    static boolean rotation(List<Object> order, List<Object> first) {
        if (order.size() != first.size()) {
            return false;
        }
        if (order.isEmpty()) {
            return true;
        }
        int at = first.indexOf(order.get(0));
        for (int i = 0; at >= 0 && i < order.size(); i++) {
            if (!order.get(i).equals(first.get((at + i) % first.size()))) {
                return false;
            }
        }
        return at >= 0;
    }
}
