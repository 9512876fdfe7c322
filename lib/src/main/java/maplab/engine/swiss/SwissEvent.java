package maplab.engine.swiss;

/**
 * What the Swiss engine did, step by step. Every event carries {@code op}, the index of the map
 * operation (0 is make) during which it happened. Memory is named as traces name it: a slot is
 * {@code groups#k[g]/i} (slot i of group g of the k-th groups array; a small map's group is
 * {@code groups#k[0]}), a table {@code table#k}. Beside these the engine emits the neutral
 * {@link maplab.engine.Allocated} and {@link maplab.engine.ReferencesDropped} that the heap model
 * reads for either engine.
 */
public sealed interface SwissEvent extends maplab.engine.EngineEvent {

    /**
     * A slot: its group ({@code groups#k[g]}) and index 0..7. The engine makes one per event and
     * keeps the group's array and index, not its name: the name is built when first read, so
     * events cost little to emit and their text only when read.
     */
    final class SlotRef {
        private final Groups groups;
        private final int g;
        private final int slot;
        private String group;

        public SlotRef(String group, int slot) {
            this.groups = null;
            this.g = -1;
            this.group = java.util.Objects.requireNonNull(group, "group");
            this.slot = slot;
        }

        SlotRef(Groups groups, int g, int slot) {
            this.groups = groups;
            this.g = g;
            this.slot = slot;
        }

        /** The group's name, {@code groups#k[g]}. */
        public String group() {
            String s = group;
            if (s == null) {
                s = "groups#" + groups.id + "[" + g + "]";
                group = s;
            }
            return s;
        }

        public int slot() {
            return slot;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof SlotRef r && r.slot == slot && r.group().equals(group());
        }

        @Override
        public int hashCode() {
            return group().hashCode() * 31 + slot;
        }

        @Override
        public String toString() {
            return group() + "/" + slot;
        }
    }

    /**
     * An insert stored a new key in a slot whose control byte was empty (0x80) or a tombstone
     * (0xFE); the slot now holds the key's H2.
     */
    record SlotWritten(long op, SlotRef slot, int h2, Object key, int previousCtrl) implements SwissEvent {
        /** Whether the insert reused a tombstone, which costs no growthLeft. */
        public boolean reusedTombstone() {
            return previousCtrl == Group.CTRL_DELETED;
        }
    }

    /** An assignment found the key and overwrote its elem. */
    record ElemUpdated(long op, SlotRef slot, Object key) implements SwissEvent { }

    /** A delete emptied the slot (its group had an empty slot, or the map is small) or left a tombstone. */
    record SlotDeleted(long op, SlotRef slot, Object key, boolean tombstone) implements SwissEvent { }

    /** pruneTombstones (Go 1.25+) turned {@code count} tombstones of {@code table} back into empty slots. */
    record TombstonesPruned(long op, String table, int count) implements SwissEvent { }

    /** growToTable: the full small map became a 16-slot table in a one-entry directory; {@code moved} entries went into it. */
    record GrewToTable(long op, String table, int moved) implements SwissEvent { }

    /** grow: {@code oldTable} was rebuilt as {@code newTable} at double capacity. */
    record TableGrown(long op, String oldTable, String newTable, int oldCapacity, int newCapacity, int moved)
            implements SwissEvent { }

    /** split: the 1024-slot {@code oldTable} became {@code left} and {@code right}, one level deeper. */
    record TableSplit(long op, String oldTable, String left, String right, int localDepth, int toLeft, int toRight)
            implements SwissEvent { }

    /** installTableSplit doubled the directory. */
    record DirectoryGrown(long op, int oldGlobalDepth, int newGlobalDepth) implements SwissEvent { }

    /** The seed was redrawn: by a delete that emptied the map, or by clear. */
    record Reseeded(long op, long oldSeed, long newSeed, String cause) implements SwissEvent { }

    /** Clear removed {@code removed} entries; tables, capacities and the directory stay. */
    record Cleared(long op, long removed) implements SwissEvent { }
}
