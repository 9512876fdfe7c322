package maplab.engine.swiss;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;

/**
 * The invariants every Swiss map keeps between operations (table.go's checkInvariants, and
 * what the directory's extendible hashing requires), checked without steps:
 * <ul>
 *   <li>a small map: used = full slots of its group, and no tombstone;</li>
 *   <li>dirLen = 2^globalDepth; a table of localDepth d occupies the 2^(globalDepth - d)
 *       entries from its index, which is a multiple of that count, and no other;</li>
 *   <li>per table: used = full slots; growthLeft = capacity*7/8 - used - tombstones
 *       (capacity - 1 for one group); at least one empty slot; no group with both an empty slot
 *       and a tombstone; every full slot's control byte is its key's H2, the key's hash picks this
 *       table in the directory, and probing from its H1 finds it before any group with an empty
 *       slot;</li>
 *   <li>m.used = the sum of the tables' used; writing is 0.</li>
 * </ul>
 */
final class SwissInvariants {

    private SwissInvariants() {
    }

    static List<String> check(Map m) {
        List<String> broken = new ArrayList<>();
        if (m.peekWriting() != 0) {
            broken.add("writing is " + m.peekWriting() + " outside an operation");
        }
        Object dir = m.peekDirPtr();
        int dirLen = m.peekDirLen();
        if (dir == null || dir instanceof Groups) {
            if (dirLen != 0) {
                broken.add("dirLen " + dirLen + " without a directory");
            }
            int full = 0;
            if (dir instanceof Groups g) {
                long ctrls = g.peekCtrls(0);
                for (int i = 0; i < GroupType.SLOTS; i++) {
                    int c = Group.get(ctrls, i);
                    if (c == Group.CTRL_DELETED) {
                        broken.add("small map: tombstone in slot " + i);
                    } else if ((c & Group.CTRL_EMPTY) == 0) {
                        full++;
                        checkH2(m, g, 0, i, c, broken);
                    }
                }
            }
            if (full != m.peekUsed()) {
                broken.add("small map: used " + m.peekUsed() + " but " + full + " full slots");
            }
            return broken;
        }
        Directory d = (Directory) dir;
        int depth = m.peekGlobalDepth();
        if (dirLen != d.length() || dirLen != 1 << depth) {
            broken.add("dirLen " + dirLen + ", directory of " + d.length() + " entries, globalDepth " + depth);
            return broken;
        }
        long used = 0;
        IdentityHashMap<Table, Boolean> seen = new IdentityHashMap<>();
        for (int e = 0; e < dirLen; e++) {
            Table t = d.peek(e);
            if (seen.put(t, Boolean.TRUE) != null) {
                continue;
            }
            int entries = 1 << (depth - t.peekLocalDepth());
            if (t.peekLocalDepth() > depth || t.peekIndex() != e || e % entries != 0) {
                broken.add(t + ": localDepth " + t.peekLocalDepth() + ", index " + t.peekIndex()
                        + ", first found at entry " + e + " of a depth-" + depth + " directory");
                continue;
            }
            for (int k = e; k < e + entries; k++) {
                if (k >= dirLen || d.peek(k) != t) {
                    broken.add(t + " should occupy directory entries " + e + ".." + (e + entries - 1));
                    break;
                }
            }
            used += t.peekUsed();
            checkTable(m, d, t, broken);
        }
        if (used != m.peekUsed()) {
            broken.add("m.used " + m.peekUsed() + " but the tables hold " + used);
        }
        return broken;
    }

    private static void checkTable(Map m, Directory d, Table t, List<String> broken) {
        Groups gs = t.peekGroups();
        int full = 0;
        int deleted = 0;
        int empty = 0;
        for (int g = 0; g < gs.length(); g++) {
            long ctrls = gs.peekCtrls(g);
            if (Group.matchEmpty(ctrls) != 0 && Group.matchEmptyOrDeleted(ctrls) != Group.matchEmpty(ctrls)) {
                broken.add(t + " group " + g + " holds both an empty slot and a tombstone");
            }
            for (int i = 0; i < GroupType.SLOTS; i++) {
                int c = Group.get(ctrls, i);
                if (c == Group.CTRL_DELETED) {
                    deleted++;
                } else if (c == Group.CTRL_EMPTY) {
                    empty++;
                } else if ((c & Group.CTRL_EMPTY) != 0) {
                    broken.add(t + " group " + g + " slot " + i + ": control byte " + c + " is neither empty, deleted nor full");
                } else {
                    full++;
                    Long hash = checkH2(m, gs, g, i, c, broken);
                    if (hash != null) {
                        checkFindable(m, d, t, g, i, hash, broken);
                    }
                }
            }
        }
        int cap = t.peekCapacity();
        if (cap != gs.length() * GroupType.SLOTS) {
            broken.add(t + ": capacity " + cap + " but " + gs.length() + " groups");
        }
        if (full != t.peekUsed()) {
            broken.add(t + ": used " + t.peekUsed() + " but " + full + " full slots");
        }
        int want = cap * Table.MAX_AVG_GROUP_LOAD / GroupType.SLOTS - t.peekUsed() - deleted;
        if (t.peekGrowthLeft() != want) {
            broken.add(t + ": growthLeft " + t.peekGrowthLeft() + " but capacity*7/8 - used - tombstones = " + want);
        }
        if (empty == 0) {
            broken.add(t + ": no empty slot (a probe would never end)");
        }
    }

    /** The key's hash under the current seed, if its control byte is its H2; null for NaN keys. */
    private static Long checkH2(Map m, Groups gs, int g, int i, int c, List<String> broken) {
        Object k = gs.peekKey(g, i);
        Object key = k instanceof Indirect ind ? ind.value : k;
        if (!m.t.key().reflexive() && !m.t.key().equal(key, key)) {
            return null;
        }
        long hash = m.hasher.hash(key, m.peekSeed());
        if (Group.h2(hash) != c) {
            broken.add(gs + "[" + g + "] slot " + i + ": control byte " + c + " but the key's H2 is " + Group.h2(hash));
        }
        return hash;
    }

    /** The directory picks this table for the key, and its probe sequence reaches group g first. */
    private static void checkFindable(Map m, Directory d, Table t, int g, int i, long hash, List<String> broken) {
        int e = d.length() == 1 ? 0 : (int) (hash >>> (64 - m.peekGlobalDepth()));
        if (d.peek(e) != t) {
            broken.add(t + " group " + g + " slot " + i + ": the key's hash selects directory entry " + e
                    + ", which is " + d.peek(e));
            return;
        }
        Groups gs = t.peekGroups();
        for (ProbeSeq seq = new ProbeSeq(Group.h1(hash), gs.lengthMask());; seq.next()) {
            if (seq.offset() == g) {
                return;
            }
            if (Group.matchEmpty(gs.peekCtrls(seq.offset())) != 0) {
                broken.add(t + " group " + g + " slot " + i + ": its probe sequence ends at group " + seq.offset()
                        + " (an empty slot) before reaching it");
                return;
            }
        }
    }
}
