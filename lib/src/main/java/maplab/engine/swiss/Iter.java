package maplab.engine.swiss;

import static maplab.engine.swiss.GroupType.SLOTS;

import maplab.engine.Draw;
import maplab.engine.GoFatalError;

/**
 * The iterator ({@code Iter} of table.go) with Init, Next, nextDirIdx and grownKeyElem. Field names
 * are the runtime's; {@link SwissIterator} is the public face.
 *
 * <p>Order: tables in directory order from a random directory offset, each table's slots
 * linearly from a random slot offset with wrap-around (never along probe sequences). The
 * iterator keeps walking the table it resolved even if that table is replaced by a growth or a
 * split; then every key it selects is looked up in the current map, so deleted keys are skipped
 * and updated elems seen, and keys new to the replacement tables are not visited.
 */
final class Iter {

    /** The entry the loop copies out ({@code *it.key}, {@code *it.elem}); words stay unboxed. */
    boolean hasEntry;
    Object key;
    Object elem;
    long keyWord;
    long elemWord;
    /**
     * What it.key and it.elem point into, for the GC: the groups array of the slot they were read
     * from (the current map's table after a lookup in a grown map), and the objects of indirect
     * keys and elems. Null once the loop has ended.
     */
    Groups keyIn;
    Indirect keyObject;
    Indirect elemObject;

    Map m;
    long entryOffset;
    long dirOffset;
    /** The offsets as Init drew them: Next may lower dirOffset to its first table's index. */
    long drawnEntryOffset;
    long drawnDirOffset;
    long clearSeq;
    int globalDepth;
    int dirIdx;
    Table tab;
    /** it.group: group g of the groups array {@code group}, or none (null). */
    Groups group;
    int groupG;
    long entryIdx;

    /**
     * it.Init(typ, m): an empty map (or nil) makes an iterator that yields nothing, even if keys
     * are added later, and draws nothing. Otherwise two random draws (entryOffset, then
     * dirOffset), and snapshots of globalDepth and clearSeq; a small map's iterator remembers
     * its group (dirIdx -1).
     */
    void init(Map map) {
        if (map.used() == 0) {
            return;
        }
        int dir = 0;
        Groups groupSmall = null;
        if (map.dirLen() <= 0) {
            dir = -1;
            groupSmall = (Groups) map.dirPtr();
        }
        m = map;
        entryOffset = map.rand.next(Draw.ITER_START);
        dirOffset = map.rand.next(Draw.ITER_START);
        drawnEntryOffset = entryOffset;
        drawnDirOffset = dirOffset;
        globalDepth = map.globalDepth();
        dirIdx = dir;
        group = groupSmall;
        groupG = 0;
        clearSeq = map.clearSeq();
    }

    /** Whether Init found entries (an empty map's iterator drew nothing). */
    boolean started() {
        return m != null;
    }

    /** it.Next(): the next entry, or the end (key nil). Every call checks for a concurrent writer. */
    void next() {
        if (m == null) {
            end();
            return;
        }
        if (m.writing() != 0) {
            throw new GoFatalError("concurrent map iteration and map write");
        }
        if (dirIdx < 0) {
            nextSmall();
            return;
        }
        int depth = m.globalDepth();
        if (globalDepth != depth) {
            // The directory grew since the last call: the same table now starts 2^orders times
            // further along, and so does the random offset.
            int orders = depth - globalDepth;
            dirIdx <<= orders;
            dirOffset <<= orders;
            // Loaded again: the stores to the iterator just made may alias m (table.go:913).
            globalDepth = m.globalDepth();
        }
        for (;; nextDirIdx()) {
            // One load of dirLen for the loop test and the directory mask (table.go:917, 920).
            int dirLen = m.dirLen();
            if (dirIdx >= dirLen) {
                break;
            }
            if (tab == null) {
                int di = (int) ((dirIdx + dirOffset) & (dirLen - 1));
                Table newTab = m.directoryAt(di);
                int index = newTab.index();
                if (index != di) {
                    // The first, random position may fall inside a run of one table's entries:
                    // move the offset back once so the walk starts at the table's first entry.
                    dirOffset -= di - index;
                }
                tab = newTab;
            }
            long entryMask = tab.capacity() - 1;
            if (entryIdx > entryMask) {
                continue;
            }
            // Fast path: the slot at entryIdx itself.
            long entry = (entryIdx + entryOffset) & entryMask;
            int slotIdx = (int) (entry & (SLOTS - 1));
            if (slotIdx == 0 || group == null) {
                group = tab.groups();
                groupG = (int) (entry >>> 3);
            }
            if ((group.ctrl(groupG, slotIdx) & Group.CTRL_EMPTY) == 0 && take(slotIdx)) {
                entryIdx++;
                return;
            }
            entryIdx++;
            // Slow path: the group's full slots from here, one control word match.
            long groupMatch = 0;
            while (entryIdx <= entryMask) {
                entry = (entryIdx + entryOffset) & entryMask;
                slotIdx = (int) (entry & (SLOTS - 1));
                if (slotIdx == 0 || group == null) {
                    group = tab.groups();
                    groupG = (int) (entry >>> 3);
                }
                if (groupMatch == 0) {
                    groupMatch = Group.matchFull(group.ctrls(groupG));
                    if (slotIdx != 0) {
                        groupMatch = Group.removeBelow(groupMatch, slotIdx);
                    }
                    if (groupMatch == 0) {
                        entryIdx += SLOTS - slotIdx;
                        continue;
                    }
                    int i = Group.first(groupMatch);
                    entryIdx += i - slotIdx;
                    if (entryIdx > entryMask) {
                        continue;
                    }
                    slotIdx = i;
                }
                boolean found = take(slotIdx);
                groupMatch = Group.removeFirst(groupMatch);
                // Look ahead to the next slot that is full now; slots between that fill later are skipped.
                if (groupMatch == 0) {
                    entryIdx += SLOTS - slotIdx;
                } else {
                    entryIdx += Group.first(groupMatch) - slotIdx;
                }
                if (found) {
                    return;
                }
            }
        }
        end();
    }

    /** The small-map walk: slots (entryIdx + entryOffset) mod 8 of the group Init saw. */
    private void nextSmall() {
        for (; entryIdx < SLOTS; entryIdx++) {
            int k = (int) ((entryIdx + entryOffset) & (SLOTS - 1));
            if ((group.ctrl(0, k) & Group.CTRL_EMPTY) == Group.CTRL_EMPTY) {
                continue; // empty or deleted
            }
            // Grown to a table since Init: the old group decides which keys, the map gives them.
            if (take(k)) {
                entryIdx++;
                return;
            }
        }
        end();
    }

    /**
     * The entry of full slot {@code slotIdx} of it.group: its key, then, if the map has moved on
     * (the table is stale, or a small map grew to a table), the key looked up in the current map
     * (grownKeyElem), else the slot's elem. Returns false when the key is gone.
     */
    private boolean take(int slotIdx) {
        boolean words = m.t.wordKeys();
        boolean indirect = m.t.indirectKey();
        // Next only addresses a key stored in the slot; the pointer of an indirect key it loads
        // before testing whether the map moved on (table.go:834, 978), a direct key is loaded
        // after that test (table.go:842, 981, 1085), by the compiled loop or the lookup.
        Object raw = indirect ? group.key(groupG, slotIdx) : null;
        boolean grown = dirIdx < 0 ? m.dirLen() > 0 : tab.index() == -1;
        long kw = words ? group.keyWord(groupG, slotIdx) : 0;
        if (!indirect && !words) {
            raw = group.key(groupG, slotIdx);
        }
        Indirect ko = indirect ? (Indirect) raw : null;
        Object k = ko != null ? ko.value : raw;
        if (!grown) {
            setEntry(kw, k, ko, group, groupG, slotIdx);
            return true;
        }
        Object lookup = words ? (Object) kw : k;
        Table.Slot s = m.getWithKey(lookup);
        if (s != null) {
            // The key as the map stores it now (a key update may have replaced it), and its elem.
            long nkw = words ? s.groups().keyWord(s.g(), s.i()) : 0;
            Object nraw = words ? null : s.groups().key(s.g(), s.i());
            Indirect nko = m.t.indirectKey() ? (Indirect) nraw : null;
            setEntry(nkw, nko != null ? nko.value : nraw, nko, s.groups(), s.g(), s.i());
            return true;
        }
        // A key unequal to itself (NaN) cannot be looked up, nor deleted or updated except by
        // clear: if no clear happened, it is still as the old group holds it.
        if (clearSeq == m.clearSeq() && !m.t.key().reflexive() && !m.t.key().equal(lookup, lookup)) {
            setEntry(kw, k, ko, group, groupG, slotIdx);
            return true;
        }
        return false;
    }

    /** it.key, it.elem: the key read, and the elem of slot i of group g, copied out as the compiled loop does. */
    private void setEntry(long kw, Object k, Indirect ko, Groups gs, int g, int i) {
        keyWord = kw;
        key = k;
        keyObject = ko;
        if (m.t.wordElems()) {
            elemWord = gs.elemWord(g, i);
        } else {
            Object e = gs.elem(g, i);
            elemObject = m.t.indirectElem() ? (Indirect) e : null;
            elem = elemObject != null ? elemObject.value : e;
        }
        keyIn = gs;
        hasEntry = true;
    }

    /** it.key = nil, it.elem = nil: the loop ends. */
    private void end() {
        hasEntry = false;
        key = null;
        elem = null;
        keyIn = null;
        keyObject = null;
        elemObject = null;
    }

    /**
     * it.nextDirIdx(): past every directory entry of the table just walked,
     * 2^(globalDepth - localDepth) of them, which also skips the other half of a table that split
     * after the walk began (the old table had all its keys).
     */
    private void nextDirIdx() {
        int entries = 1 << (m.globalDepth() - tab.localDepth());
        dirIdx += entries;
        tab = null;
        group = null;
        entryIdx = 0;
    }
}
