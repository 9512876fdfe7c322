package maplab.engine.swiss;

/**
 * A directory: the array of {@code *table} that {@code Map.dirPtr} points to once the map has
 * tables, {@code dirLen = 2^globalDepth} entries, several consecutive ones sharing a table whose
 * localDepth is below globalDepth. Every entry read or written is a step of the map's hook.
 */
final class Directory {

    /** The 8-byte pointer an entry is. */
    static final long ENTRY_SIZE = 8;

    final Map m;
    /** Its allocation number: directory#id. */
    final int id;
    private final Table[] entries;

    Directory(Map m, int id, int length) {
        this.m = m;
        this.id = id;
        this.entries = new Table[length];
    }

    int length() {
        return entries.length;
    }

    /** m.directoryAt(i). */
    Table at(int i) {
        m.step(this, SwissShared.DIRECTORY, i, false);
        return entries[i];
    }

    /** m.directorySet(i, t). */
    void set(int i, Table t) {
        m.step(this, SwissShared.DIRECTORY, i, true);
        entries[i] = t;
    }

    /** The entry without a step: for snapshots, invariants and reachability, which are not the runtime's. */
    Table peek(int i) {
        return entries[i];
    }

    @Override
    public String toString() {
        return "directory#" + id;
    }
}
