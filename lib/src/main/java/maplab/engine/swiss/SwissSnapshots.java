package maplab.engine.swiss;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import maplab.engine.ReadOnlyList;

/** Copies a Map's state into a {@link SwissSnapshot}, without steps: this is the model looking, not the runtime. */
final class SwissSnapshots {

    private SwissSnapshots() {
    }

    static SwissSnapshot of(Map m, long op) {
        Object dir = m.peekDirPtr();
        GroupSnapshot small = null;
        int smallId = -1;
        int dirId = -1;
        List<Integer> directory = new ArrayList<>();
        List<TableSnapshot> tables = new ArrayList<>();
        if (dir instanceof Groups g) {
            small = group(m, g, 0);
            smallId = g.id;
        } else if (dir instanceof Directory d) {
            dirId = d.id;
            IdentityHashMap<Table, Boolean> seen = new IdentityHashMap<>();
            for (int i = 0; i < d.length(); i++) {
                Table t = d.peek(i);
                directory.add(t.id);
                if (seen.put(t, Boolean.TRUE) == null) {
                    tables.add(table(m, t));
                }
            }
        }
        return new SwissSnapshot(m.t.mapType(), m.version, op, (int) m.peekUsed(), m.peekSeed(), m.peekDirLen(),
                m.peekGlobalDepth(), m.peekTombstonePossible(), m.peekClearSeq(), small, smallId, dirId,
                ReadOnlyList.copyOf(directory, "directory"), ReadOnlyList.copyOf(tables, "tables"));
    }

    static TableSnapshot table(Map m, Table t) {
        Groups gs = t.peekGroups();
        List<GroupSnapshot> groups = new ArrayList<>(gs.length());
        for (int g = 0; g < gs.length(); g++) {
            groups.add(group(m, gs, g));
        }
        return new TableSnapshot(t.id, t.peekLocalDepth(), t.peekIndex(), t.peekCapacity(), t.peekUsed(),
                t.peekGrowthLeft(), gs.id, ReadOnlyList.copyOf(groups, "groups of table#" + t.id));
    }

    static GroupSnapshot group(Map m, Groups gs, int g) {
        int[] ctrl = new int[GroupType.SLOTS];
        Object[] keys = new Object[GroupType.SLOTS];
        Object[] elems = new Object[GroupType.SLOTS];
        long word = gs.peekCtrls(g);
        for (int i = 0; i < GroupType.SLOTS; i++) {
            ctrl[i] = Group.get(word, i);
            if ((ctrl[i] & Group.CTRL_EMPTY) == 0) {
                keys[i] = m.t.key().own(unwrap(gs.peekKey(g, i)));
                elems[i] = m.t.elem().own(unwrap(gs.peekElem(g, i)));
            }
        }
        return new GroupSnapshot("groups#" + gs.id + "[" + g + "]", ctrl, keys, elems);
    }

    private static Object unwrap(Object o) {
        return o instanceof Indirect ind ? ind.value : o;
    }
}
