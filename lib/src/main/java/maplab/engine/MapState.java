package maplab.engine;

import java.util.List;

/**
 * A read-only copy of a map's whole state after an operation, whichever engine made it: the
 * classic {@code MapSnapshot} (hmap, buckets, overflow chains) or the Swiss {@code SwissSnapshot}
 * (Map, directory, tables, groups). Renderers and tools that need the layout switch on the type;
 * what every engine has is here.
 */
public interface MapState {

    MapType type();

    GoVersion version();

    /** The index of the operation after which it was taken (0 is make). */
    long op();

    /** len(m): hmap.count or Map.used. */
    int count();

    /**
     * Whether a growth is in progress between operations: the classic map's incremental
     * evacuation (h.oldbuckets != nil). A Swiss table is rebuilt within one operation, so a Swiss
     * state never is.
     */
    boolean growing();

    /** The hash seed as the trace format writes it (0x + hex). */
    String seedHex();

    /**
     * The key of every slot that holds a live entry, as the memory holds them: duplicates and
     * keys a lookup would not find are kept (that is what a race can leave behind). Classic: the
     * current array with its chains and the old buckets not yet evacuated; Swiss: the small
     * group or every table once.
     */
    List<Object> liveSlotKeys();
}
