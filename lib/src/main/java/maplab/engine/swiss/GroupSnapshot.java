package maplab.engine.swiss;

/**
 * A read-only copy of one group: its 8 control bytes, and the key and elem of every full slot
 * (null elsewhere, as in a trace).
 */
public final class GroupSnapshot {

    private final String name;
    private final int[] ctrl;
    private final Object[] keys;
    private final Object[] elems;

    GroupSnapshot(String name, int[] ctrl, Object[] keys, Object[] elems) {
        this.name = name;
        this.ctrl = ctrl;
        this.keys = keys;
        this.elems = elems;
    }

    /** The memory this group lives in: {@code groups#k[g]}. */
    public String name() { return name; }

    /** Control byte i: 0x80 (128) empty, 0xFE (254) deleted, 0..127 a full slot's H2. */
    public int ctrl(int i) { return ctrl[i]; }

    public boolean full(int i) { return (ctrl[i] & Group.CTRL_EMPTY) == 0; }

    public boolean empty(int i) { return ctrl[i] == Group.CTRL_EMPTY; }

    /** Whether slot i is a tombstone. */
    public boolean deleted(int i) { return ctrl[i] == Group.CTRL_DELETED; }

    /** The key in slot i, or null unless the slot is full. */
    public Object key(int i) { return keys[i]; }

    /** The elem in slot i, or null unless the slot is full. */
    public Object elem(int i) { return elems[i]; }

    /** Full slots in this group. */
    public int fullCount() {
        int n = 0;
        for (int i = 0; i < GroupType.SLOTS; i++) {
            n += full(i) ? 1 : 0;
        }
        return n;
    }

    /** Tombstones in this group. */
    public int deletedCount() {
        int n = 0;
        for (int i = 0; i < GroupType.SLOTS; i++) {
            n += deleted(i) ? 1 : 0;
        }
        return n;
    }
}
