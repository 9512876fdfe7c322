package maplab.engine.swiss;

import static maplab.engine.ObjectKind.DIRECTORY;
import static maplab.engine.ObjectKind.GROUPS;
import static maplab.engine.ObjectKind.TABLE;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import maplab.engine.LiveAllocations;
import maplab.engine.ObjectKind;

/**
 * Which of a Swiss map's allocations the Go garbage collector would still reach: the small group
 * or the directory, every table in it and their groups arrays; the objects of indirect keys and
 * elems that reachable slots point to; and what open iterators hold: it.tab (with its groups, even
 * once replaced), it.group (a small map's iterator keeps its group after the loop ends) and the
 * groups array or objects its current key and elem point into. A finished table iterator holds
 * nothing. The Map header lives as long as the program holds the map.
 */
final class SwissReachability {

    private SwissReachability() {
    }

    static LiveAllocations reachable(Map m, Collection<Iter> iterators) {
        LiveAllocations live = new LiveAllocations();
        live.add(ObjectKind.MAP, 0);
        Object dir = m.peekDirPtr();
        if (dir instanceof Groups g) {
            groups(live, g);
        } else if (dir instanceof Directory d) {
            live.add(DIRECTORY, d.id);
            for (int i = 0; i < d.length(); i++) {
                table(live, d.peek(i));
            }
        }
        for (Iter it : iterators) {
            if (it.tab != null) {
                table(live, it.tab);
            }
            if (it.group != null) {
                groups(live, it.group);
            }
            if (it.keyIn != null) {
                groups(live, it.keyIn);
            }
            if (it.keyObject != null) {
                live.add(ObjectKind.INDIRECT_KEY, it.keyObject.id);
            }
            if (it.elemObject != null) {
                live.add(ObjectKind.INDIRECT_ELEM, it.elemObject.id);
            }
        }
        return live;
    }

    private static void table(LiveAllocations live, Table t) {
        if (!live.contains(TABLE, t.id)) {
            live.add(TABLE, t.id);
            groups(live, t.peekGroups());
        }
    }

    /** A groups array, and the indirect objects its slots point to: the GC scans every pointer slot, whatever the control bytes say. */
    private static void groups(LiveAllocations live, Groups gs) {
        if (live.contains(GROUPS, gs.id)) {
            return;
        }
        live.add(GROUPS, gs.id);
        if (!gs.m.t.indirectKey() && !gs.m.t.indirectElem()) {
            return;
        }
        for (int g = 0; g < gs.length(); g++) {
            for (int i = 0; i < GroupType.SLOTS; i++) {
                if (gs.peekKey(g, i) instanceof Indirect k) {
                    live.add(ObjectKind.INDIRECT_KEY, k.id);
                }
                if (gs.peekElem(g, i) instanceof Indirect e) {
                    live.add(ObjectKind.INDIRECT_ELEM, e.id);
                }
            }
        }
    }

    /**
     * The allocations unreachable now and not reported before, in the trace format's order:
     * directory#k, then table#k, then groups#k, each ascending. Marks them reported.
     */
    static List<String> collect(Map m, Collection<Iter> iterators) {
        LiveAllocations live = reachable(m, iterators);
        List<String> freed = new ArrayList<>();
        collect(live, DIRECTORY, m.nextDirectoryId, m.freedDirectories, freed);
        collect(live, TABLE, m.nextTableId, m.freedTables, freed);
        collect(live, GROUPS, m.nextGroupsId, m.freedGroups, freed);
        return freed;
    }

    private static void collect(LiveAllocations live, ObjectKind kind, int made, java.util.BitSet reported,
                                List<String> freed) {
        for (int k = 0; k < made; k++) {
            if (!live.contains(kind, k) && !reported.get(k)) {
                reported.set(k);
                freed.add(kind.id(k));
            }
        }
    }
}
