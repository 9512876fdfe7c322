package maplab.engine.swiss;

import maplab.engine.SharedField;

/**
 * The shared memory of a Swiss map, field by field: what a {@link maplab.engine.StepHook} sees.
 * Header fields are those of {@code Map}; a directory entry is one {@code *table} of the array
 * {@code dirPtr} points to; table fields are those of {@code table}; group fields those of a
 * group: its control word (a read loads all eight bytes, a write stores one) and each slot's key
 * and elem.
 */
public enum SwissShared implements SharedField {
    USED("used"), SEED("seed"), DIR_PTR("dirPtr"), DIR_LEN("dirLen"), GLOBAL_DEPTH("globalDepth"),
    GLOBAL_SHIFT("globalShift"), WRITING("writing"), TOMBSTONE_POSSIBLE("tombstonePossible"),
    CLEAR_SEQ("clearSeq"),
    /** directory[i], a *table. */
    DIRECTORY("directory"),
    TABLE_USED("used"), TABLE_CAPACITY("capacity"), TABLE_GROWTH_LEFT("growthLeft"),
    TABLE_LOCAL_DEPTH("localDepth"), TABLE_INDEX("index"), TABLE_GROUPS("groups"),
    CTRL("ctrl"), KEY("key"), ELEM("elem"),
    /** A whole group at once: a typedmemclr. */
    DATA("data");

    private final String goName;

    SwissShared(String goName) {
        this.goName = goName;
    }

    @Override
    public String goName() {
        return goName;
    }

    @Override
    public boolean inHeader() {
        return ordinal() <= CLEAR_SEQ.ordinal();
    }

    /** Whether the field lies in a table header. */
    boolean inTable() {
        return ordinal() >= TABLE_USED.ordinal() && ordinal() <= TABLE_GROUPS.ordinal();
    }

    /** {@code m.writing}, {@code directory#1[3]}, {@code table#2.growthLeft}, {@code groups#4[7].ctrl[3]}. */
    @Override
    public String describe(Object memory, int slot) {
        if (inHeader()) {
            return "m." + goName;
        }
        if (this == DIRECTORY) {
            return memory + "[" + slot + "]";
        }
        if (inTable()) {
            return memory + "." + goName;
        }
        return slot < 0 ? memory + "." + goName : memory + "." + goName + "[" + slot + "]";
    }
}
