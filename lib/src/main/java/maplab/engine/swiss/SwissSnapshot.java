package maplab.engine.swiss;

import java.util.ArrayList;
import java.util.List;
import maplab.engine.GoVersion;
import maplab.engine.MapState;
import maplab.engine.MapType;

/**
 * A read-only copy of a Swiss map's whole state after an operation: the {@code Map} header, the
 * small map's group, or the directory (the table of each entry) and every distinct table once,
 * in order of first appearance in the directory.
 *
 * @param used len(m)
 * @param small the small map's group, or null (no group yet, or a directory)
 * @param smallGroupsId the allocation number of the small group, or -1
 * @param directoryId the allocation number of the directory, or -1
 * @param directory the table id of each directory entry
 */
public record SwissSnapshot(
        MapType type,
        GoVersion version,
        long op,
        int used,
        long seed,
        int dirLen,
        int globalDepth,
        boolean tombstonePossible,
        long clearSeq,
        GroupSnapshot small,
        int smallGroupsId,
        int directoryId,
        List<Integer> directory,
        List<TableSnapshot> tables) implements MapState {

    @Override
    public int count() {
        return used;
    }

    /** A Swiss table is rebuilt within one operation: never growing between operations. */
    @Override
    public boolean growing() {
        return false;
    }

    @Override
    public String seedHex() {
        return String.format("0x%016x", seed);
    }

    /** Whether the map is small: no directory (possibly no group yet). */
    public boolean isSmall() {
        return dirLen == 0;
    }

    /** The slots of all tables (or 8 for a small map with its group, 0 before it). */
    public int capacity() {
        if (isSmall()) {
            return small == null ? 0 : GroupType.SLOTS;
        }
        int n = 0;
        for (TableSnapshot t : tables) {
            n += t.capacity();
        }
        return n;
    }

    /** Tombstones in all tables (a small map has none). */
    public int tombstones() {
        int n = 0;
        for (TableSnapshot t : tables) {
            n += t.tombstones();
        }
        return n;
    }

    /** The keys of full slots: the small group, or every table once. */
    @Override
    public List<Object> liveSlotKeys() {
        List<Object> keys = new ArrayList<>();
        List<GroupSnapshot> groups = new ArrayList<>();
        if (small != null) {
            groups.add(small);
        }
        for (TableSnapshot t : tables) {
            groups.addAll(t.groups());
        }
        for (GroupSnapshot g : groups) {
            for (int i = 0; i < GroupType.SLOTS; i++) {
                if (g.full(i)) {
                    keys.add(g.key(i));
                }
            }
        }
        return keys;
    }
}
