package maplab.engine.swiss;

import static maplab.engine.swiss.GroupType.SLOTS;

import java.util.BitSet;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import maplab.engine.Allocated;
import maplab.engine.Draw;
import maplab.engine.GoFatalError;
import maplab.engine.GoVersion;
import maplab.engine.Hasher;
import maplab.engine.Listeners;
import maplab.engine.ObjectKind;
import maplab.engine.RandomSource;
import maplab.engine.ReferencesDropped;
import maplab.engine.StepHook;

/**
 * The map header ({@code Map} of internal/runtime/maps/map.go) with the functions of map.go, and
 * the context the runtime passes beside it: the map type, the modelled Go release, the hash
 * function and the random source. It is package-private so that its runtime name does not clash
 * with java.util.Map under a notebook's wildcard imports; {@link SwissMap} is the public face.
 *
 * <p>A map is small ({@code dirLen == 0}: {@code dirPtr} is one group of up to 8 entries, with no
 * probing and no tombstones) or has a directory of {@code 2^globalDepth} tables chosen by the top
 * {@code globalDepth} bits of the hash. Every header field access is a step of the hook.
 */
final class Map {

    /** The header's size on amd64: used, seed, dirPtr, dirLen, the depths, writing, tombstonePossible, clearSeq. */
    static final long SIZE = 48;
    /** maxAlloc on amd64 (1 << 48): NewMap gives an empty map for a hint whose tables would exceed it. */
    static final long MAX_ALLOC = 1L << 48;

    final GroupType t;
    final GoVersion version;
    final Hasher hasher;
    final RandomSource rand;
    /** Receives the engine's events; null when nobody listens, so events cost one null test. */
    Listeners events;
    /** The race scheduler's scheduling points, or null: sequential runs. */
    StepHook hook;
    /** The index of the operation being applied, carried by every event. */
    long op;
    /** Allocation counters: the next k of groups#k, table#k, directory#k and of an indirect object. */
    int nextGroupsId;
    int nextTableId;
    int nextDirectoryId;
    int nextIndirectId;
    /** The allocations a gc has already reported unreachable. */
    final BitSet freedGroups = new BitSet();
    final BitSet freedTables = new BitSet();
    final BitSet freedDirectories = new BitSet();
    /** Iterators not yet closed: each keeps what it points to reachable. */
    final Set<Iter> openIterators = Collections.newSetFromMap(new IdentityHashMap<>());

    private long used;
    private long seed;
    /** A small map's group (Groups), a Directory, or null before the first insert. */
    private Object dirPtr;
    private int dirLen;
    private int globalDepth;
    private int globalShift;
    private int writing;
    private boolean tombstonePossible;
    private long clearSeq;

    Map(GroupType t, GoVersion version, Hasher hasher, RandomSource rand) {
        this.t = t;
        this.version = version;
        this.hasher = hasher;
        this.rand = rand;
    }

    long used() { step(SwissShared.USED, false); return used; }
    void setUsed(long v) { step(SwissShared.USED, true); used = v; }
    long seed() { step(SwissShared.SEED, false); return seed; }
    void setSeed(long v) { step(SwissShared.SEED, true); seed = v; }
    Object dirPtr() { step(SwissShared.DIR_PTR, false); return dirPtr; }
    void setDirPtr(Object v) { step(SwissShared.DIR_PTR, true); dirPtr = v; }
    int dirLen() { step(SwissShared.DIR_LEN, false); return dirLen; }
    void setDirLen(int v) { step(SwissShared.DIR_LEN, true); dirLen = v; }
    int globalDepth() { step(SwissShared.GLOBAL_DEPTH, false); return globalDepth; }
    void setGlobalDepth(int v) { step(SwissShared.GLOBAL_DEPTH, true); globalDepth = v; }
    int globalShift() { step(SwissShared.GLOBAL_SHIFT, false); return globalShift; }
    void setGlobalShift(int v) { step(SwissShared.GLOBAL_SHIFT, true); globalShift = v & 0xFF; }
    int writing() { step(SwissShared.WRITING, false); return writing; }
    void setWriting(int v) { step(SwissShared.WRITING, true); writing = v & 0xFF; }
    boolean tombstonePossible() { step(SwissShared.TOMBSTONE_POSSIBLE, false); return tombstonePossible; }
    void setTombstonePossible(boolean v) { step(SwissShared.TOMBSTONE_POSSIBLE, true); tombstonePossible = v; }
    long clearSeq() { step(SwissShared.CLEAR_SEQ, false); return clearSeq; }
    void setClearSeq(long v) { step(SwissShared.CLEAR_SEQ, true); clearSeq = v; }

    /** The header without steps, for snapshots, invariants and reachability. */
    long peekUsed() { return used; }
    long peekSeed() { return seed; }
    Object peekDirPtr() { return dirPtr; }
    int peekDirLen() { return dirLen; }
    int peekGlobalDepth() { return globalDepth; }
    int peekWriting() { return writing; }
    boolean peekTombstonePossible() { return tombstonePossible; }
    long peekClearSeq() { return clearSeq; }

    /** A scheduling point before an access to a header field, when a race scheduler is attached. */
    void step(SwissShared field, boolean write) {
        StepHook s = hook;
        if (s != null) {
            s.step(this, field, -1, write);
        }
    }

    /** Called by Directory and Groups before an access of theirs. */
    void step(Object memory, SwissShared field, int slot, boolean write) {
        StepHook s = hook;
        if (s != null) {
            s.step(memory, field, slot, write);
        }
    }

    /**
     * Attaches or detaches the race scheduler's hook. Each step tests this map's own field (a
     * JVM-wide counter of hooked maps was a plain static shared by every thread); the scheduler
     * attaches it before it hands a goroutine its first turn (an atomic hand-off), which orders
     * the plain field for the goroutine's thread.
     */
    void hook(StepHook s) {
        hook = s;
    }

    @Override
    public String toString() {
        return "m";
    }

    // ------------------------------------------------------------------ hashing and slots

    /**
     * typ.Hasher(key, m.seed). A key unequal to itself (NaN) hashes differently each time: the
     * runtime mixes a fresh random number in, and so does the model.
     */
    long hash(Object key) {
        long s = seed();
        if (!t.key().reflexive() && !t.key().equal(key, key)) {
            s ^= rand.next(Draw.NAN_HASH);
        }
        return hasher.hash(key, s);
    }

    /** typ.Hasher(key, m.seed) of an 8-byte key kept as a word (always reflexive): hash(key), unboxed. */
    long hashWord(long key) {
        return hasher.hashWord(key, seed());
    }

    /**
     * The hash of the key in a slot, for grow, split and growToTable: word keys stay unboxed.
     * {@code typ.Hasher(key, m.seed)} loads m.seed as an argument, then the hasher loads the key
     * through its pointer (Go 1.26 map.go:631, table.go:1208, 1249).
     */
    long hashSlot(Groups gs, int g, int i) {
        if (t.wordKeys()) {
            long s = seed();
            return hasher.hashWord(gs.keyWord(g, i), s);
        }
        return hash(keyOf(gs, g, i));
    }

    /** typ.Key.Equal(key, slotKey), through the pointer when keys are indirect. */
    boolean keyEquals(Groups gs, int g, int i, Object key) {
        if (t.wordKeys()) {
            return gs.keyWord(g, i) == (Long) key;
        }
        Object k = gs.key(g, i);
        return t.key().equal(key, t.indirectKey() ? ((Indirect) k).value : k);
    }

    /**
     * Whether a call passes its key as the word kw: a null key in a map of word keys. In any other
     * map null is a key of its own, the nil pointer.
     */
    boolean wordCall(Object key) {
        return key == null && t.wordKeys();
    }

    /** keyEquals for the key {@code key}, or the word {@code kw} when key is null (word keys only). */
    boolean keyEquals(Groups gs, int g, int i, Object key, long kw) {
        return !wordCall(key) ? keyEquals(gs, g, i, key) : gs.keyWord(g, i) == kw;
    }

    /** The key a slot holds, through its pointer when keys are indirect. */
    Object keyOf(Groups gs, int g, int i) {
        Object k = gs.key(g, i);
        return t.indirectKey() ? ((Indirect) k).value : k;
    }

    /** The elem a slot holds, through its pointer when elems are indirect. */
    Object elemOf(Groups gs, int g, int i) {
        Object e = gs.elem(g, i);
        return t.indirectElem() ? ((Indirect) e).value : e;
    }

    /** typedmemmove of the key into a new or updated slot: into the slot, or into the object it points to. */
    void storeKey(Groups gs, int g, int i, Object key) {
        if (t.indirectKey()) {
            ((Indirect) gs.key(g, i)).value = key;
        } else {
            gs.setKey(g, i, key);
        }
    }

    /** storeElem of {@code elem}, or of the word {@code ew} when elem is null (word elems only). */
    void storeElem(Groups gs, int g, int i, Object elem, long ew) {
        if (elem == null && t.wordElems()) {
            gs.setElemWord(g, i, ew);
        } else {
            storeElem(gs, g, i, elem);
        }
    }

    /** The compiled code's store of the elem into the slot an assign returned. */
    void storeElem(Groups gs, int g, int i, Object elem) {
        if (t.indirectElem()) {
            ((Indirect) gs.elem(g, i)).value = elem;
        } else {
            gs.setElem(g, i, elem);
        }
    }

    /**
     * A new key's slot: for an indirect key or elem, newobject and the pointer into the slot,
     * then the key (typedmemmove); the elem is stored by the caller once the write is over.
     */
    void newSlot(Groups gs, int g, int i, Object key, long kw) {
        if (t.indirectKey()) {
            gs.setKey(g, i, new Indirect(null, nextIndirectId++));
            indirectAllocated(true);
        }
        if (wordCall(key)) {
            gs.setKeyWord(g, i, kw);
        } else {
            storeKey(gs, g, i, key);
        }
        if (t.indirectElem()) {
            gs.setElem(g, i, new Indirect(null, nextIndirectId++));
            indirectAllocated(false);
        }
    }

    /** uncheckedPutSlot's copy of a key: an indirect key moves by pointer, and a word stays unboxed. */
    void copyKey(Groups from, int fg, int fi, Groups to, int tg, int ti) {
        if (t.wordKeys()) {
            to.setKeyWord(tg, ti, from.keyWord(fg, fi));
        } else {
            to.setKey(tg, ti, from.key(fg, fi));
        }
    }

    void copyElem(Groups from, int fg, int fi, Groups to, int tg, int ti) {
        if (t.wordElems()) {
            to.setElemWord(tg, ti, from.elemWord(fg, fi));
        } else {
            to.setElem(tg, ti, from.elem(fg, fi));
        }
    }

    /**
     * A deleted slot's key and elem: an indirect pointer is nilled; an inline key is cleared only
     * if it holds pointers (a pointer-free key stays as stale bytes); an inline elem is always
     * cleared, since compound assignments rely on it (go.dev/issue/25936).
     */
    void clearDeleted(Groups gs, int g, int i) {
        if (t.indirectKey() || t.key().hasPointers()) {
            gs.clearKey(g, i);
        }
        gs.clearElem(g, i);
    }

    // ------------------------------------------------------------------ map.go

    /**
     * NewMap(mt, hint, m, maxAlloc): draws the seed; a hint up to 8 allocates nothing (the first
     * insert makes the small group). Otherwise targetCapacity = hint*8/7 slots, split over a
     * directory of ceil(target/1024) tables rounded to a power of two, each of target/dirSize
     * slots (newTable rounds up). A hint whose tables would exceed maxAlloc gives an empty map.
     */
    static void newMap(Map m, long hint) {
        m.setSeed(m.rand.next(Draw.HASH_SEED));
        if (hint <= SLOTS) {
            return;
        }
        long targetCapacity = hint * SLOTS / Table.MAX_AVG_GROUP_LOAD;
        if (targetCapacity < hint) {
            return; // overflow: an empty map
        }
        long dirSize = alignUpPow2((targetCapacity + Table.MAX_TABLE_CAPACITY - 1) / Table.MAX_TABLE_CAPACITY);
        if (dirSize <= 0 || dirSize > MAX_ALLOC / Table.MAX_TABLE_CAPACITY / m.t.groupSize()) {
            return; // rejected as too large: an empty map
        }
        int depth = Long.numberOfTrailingZeros(dirSize);
        m.setGlobalDepth(depth);
        m.setGlobalShift(64 - depth);
        Directory d = m.newDirectory((int) dirSize);
        for (int i = 0; i < dirSize; i++) {
            d.set(i, Table.newTable(m, targetCapacity / dirSize, i, depth));
        }
        m.setDirPtr(d);
        m.setDirLen((int) dirSize);
    }

    /** NewEmptyMap(): make(map[K]V) or a constant hint up to 8 (makemap_small): only the seed. */
    static void newEmptyMap(Map m) {
        m.setSeed(m.rand.next(Draw.HASH_SEED));
    }

    /** alignUpPow2(n): the next power of two, 0 on overflow. */
    static long alignUpPow2(long n) {
        if (n <= 1) {
            return n;
        }
        long v = Long.highestOneBit(n - 1) << 1;
        return v < 0 ? 0 : v;
    }

    /** m.directoryIndex(hash): the top globalDepth bits; 0 for a one-entry directory. */
    int directoryIndex(long hash) {
        return directoryIndex(hash, dirLen());
    }

    /**
     * m.directoryIndex(hash) inlined where the caller has just tested m.dirLen with no store or
     * call since: the compiled code tests the value it loaded instead of loading it again
     * (Go 1.26 Delete, map.go:665 then 339; getWithKey, 418 then 339; runtime_mapaccess2, the
     * same).
     */
    int directoryIndex(long hash, int dirLen) {
        if (dirLen == 1) {
            return 0;
        }
        return (int) (hash >>> (globalShift() & 63));
    }

    /** m.directoryAt(i). */
    Table directoryAt(int i) {
        return ((Directory) dirPtr()).at(i);
    }

    /**
     * m.replaceTable(nt): every directory entry the table covers, 2^(globalDepth - localDepth)
     * of them from nt.index, points to it.
     */
    void replaceTable(Table nt) {
        int entries = 1 << (globalDepth() - nt.localDepth());
        for (int i = 0; i < entries; i++) {
            ((Directory) dirPtr()).set(nt.index() + i, nt);
        }
    }

    /**
     * m.installTableSplit(old, left, right): if the old table used every directory bit, the
     * directory doubles first (entry i to 2i and 2i+1, and each table's first index doubles).
     * Left takes the old table's index; right follows it after the entries left covers.
     */
    void installTableSplit(Table old, Table left, Table right) {
        if (old.localDepth() == globalDepth()) {
            int len = dirLen();
            Directory newDir = newDirectory(len * 2);
            for (int i = 0; i < len; i++) {
                Table tt = directoryAt(i);
                newDir.set(2 * i, tt);
                newDir.set(2 * i + 1, tt);
                // A table may occupy several entries: only its first one matches its index.
                if (tt.index() == i) {
                    tt.setIndex(2 * i);
                }
            }
            int oldDepth = globalDepth();
            setGlobalDepth(oldDepth + 1);
            setGlobalShift(globalShift() - 1);
            setDirPtr(newDir);
            setDirLen(newDir.length());
            if (events != null) {
                events.emit(new SwissEvent.DirectoryGrown(op, oldDepth, oldDepth + 1));
                events.emit(new ReferencesDropped(op));
            }
        }
        left.setIndex(old.index());
        replaceTable(left);
        int entries = 1 << (globalDepth() - left.localDepth());
        right.setIndex(left.index() + entries);
        replaceTable(right);
    }

    /**
     * m.getWithKey(typ, key): a lookup that also returns the key as stored (the iterator's view
     * of a grown map); null when absent.
     */
    Table.Slot getWithKey(Object key) {
        if (used() == 0) {
            return null;
        }
        if (writing() != 0) {
            throw new GoFatalError("concurrent map read and map write");
        }
        long hash = hash(key);
        int dirLen = dirLen();
        if (dirLen == 0) {
            int i = getWithKeySmall(hash, key);
            return i < 0 ? null : new Table.Slot((Groups) dirPtr(), 0, i);
        }
        return directoryAt(directoryIndex(hash, dirLen)).getWithKey(hash, key);
    }

    /**
     * m.getWithKeySmall(typ, hash, key): the H2 matches of the one group compared by key, in slot
     * order; no probing and no empty check. Returns the slot or -1.
     */
    int getWithKeySmall(long hash, Object key) {
        Groups gs = (Groups) dirPtr();
        // Go 1.24 walks the loaded control word byte by byte; the slots compared are the same.
        for (long match = Group.matchH2(gs.ctrls(0), Group.h2(hash)); match != 0; match = Group.removeFirst(match)) {
            int i = Group.first(match);
            if (keyEquals(gs, 0, i, key)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * m.putSlotSmall(typ, hash, key) and its fast variants, on the group gs the caller loaded from
     * dirPtr (the runtime loads it once): an existing key is updated in place
     * (its key stored again when the type needs key update); otherwise the lowest empty slot takes
     * it. A small map never has tombstones, so a group with no empty-or-deleted slot means a
     * concurrent writer. {@code wordKeys}: keys compared as machine words (fast32, fast64), so the
     * control word loaded for the H2 match also serves the empty-slot test. Returns the slot.
     */
    int putSlotSmall(Groups gs, long hash, Object key, long kw, boolean keyUpdate, boolean wordKeys) {
        int h2 = Group.h2(hash);
        long ctrls = gs.ctrls(0);
        for (long match = Group.matchH2(ctrls, h2); match != 0; match = Group.removeFirst(match)) {
            int i = Group.first(match);
            if (keyEquals(gs, 0, i, key, kw)) {
                if (keyUpdate) {
                    storeKey(gs, 0, i, key);
                }
                elemUpdated(gs, 0, i, key, kw);
                return i;
            }
        }
        // Word keys: the word loaded for the H2 match serves (Go 1.26 runtime_fast64.go:160 and
        // 177); Equal or memequal calls in between make the others load it again.
        long match = Group.matchEmptyOrDeleted(wordKeys ? ctrls : gs.ctrls(0));
        if (match == 0) {
            throw new GoFatalError("small map with no empty slot (concurrent map writes?)");
        }
        int i = Group.first(match);
        int previous = events != null ? Group.get(gs.peekCtrls(0), i) : 0;
        newSlot(gs, 0, i, key, kw);
        gs.setCtrl(0, i, h2);
        setUsed(used() + 1);
        slotWritten(gs, 0, i, h2, key, kw, previous);
        return i;
    }

    /** m.growToSmall(typ): the first insert allocates the one group of a small map, all empty. */
    void growToSmall() {
        Groups gs = newGroups(1);
        setDirPtr(gs);
        gs.setEmpty(0);
    }

    /**
     * m.growToTable(typ): a full small map becomes a 16-slot table (index 0, localDepth 0): the
     * entries are rehashed with the current seed and put in slot order 0..7, then a one-entry
     * directory is made. It runs before the key is searched, so even an update of an existing key
     * grows a full small map.
     */
    void growToTable() {
        Table tab = Table.newTable(this, 2 * SLOTS, 0, 0);
        Groups gs = (Groups) dirPtr();
        for (int i = 0; i < SLOTS; i++) {
            if ((gs.ctrl(0, i) & Group.CTRL_EMPTY) == Group.CTRL_EMPTY) {
                continue;
            }
            tab.uncheckedPutSlot(hashSlot(gs, 0, i), gs, 0, i);
        }
        Directory d = newDirectory(1);
        d.set(0, tab);
        setDirPtr(d);
        setDirLen(1);
        setGlobalDepth(0);
        setGlobalShift(64);
        if (events != null) {
            events.emit(new SwissEvent.GrewToTable(op, tab.toString(), tab.peekUsed()));
            events.emit(new ReferencesDropped(op));
        }
    }

    /**
     * m.Delete(typ, key): nothing on an empty map; otherwise a write (the writing toggle around
     * it). A table delete that leaves a tombstone sets tombstonePossible (Go 1.25+). When the map
     * is empty afterwards the seed is redrawn, which is safe since no live key's hash changes.
     */
    void delete(Object key) {
        delete(key, 0);
    }

    /** The key is {@code key}, or the word {@code kw} when key is null (a map whose keys are words). */
    void delete(Object key, long kw) {
        if (used() == 0) {
            return;
        }
        if (writing() != 0) {
            throw new GoFatalError("concurrent map writes");
        }
        long hash = !wordCall(key) ? hash(key) : hashWord(kw);
        // Set writing after hashing: a hash that panics has not written.
        setWriting(writing() ^ 1);
        int dirLen = dirLen();
        if (dirLen == 0) {
            deleteSmall(hash, key, kw);
        } else if (directoryAt(directoryIndex(hash, dirLen)).delete(hash, key, kw) && version.tombstonePossible()) {
            setTombstonePossible(true);
        }
        if (used() == 0) {
            long old = events != null ? seed : 0;
            setSeed(rand.next(Draw.HASH_SEED));
            if (events != null) {
                events.emit(new SwissEvent.Reseeded(op, old, seed, "delete emptied the map"));
            }
        }
        if (writing() == 0) {
            throw new GoFatalError("concurrent map writes");
        }
        setWriting(writing() ^ 1);
    }

    /** m.deleteSmall(typ, hash, key): the slot becomes empty at once, never a tombstone. */
    private void deleteSmall(long hash, Object key, long kw) {
        Groups gs = (Groups) dirPtr();
        for (long match = Group.matchH2(gs.ctrls(0), Group.h2(hash)); match != 0; match = Group.removeFirst(match)) {
            int i = Group.first(match);
            if (keyEquals(gs, 0, i, key, kw)) {
                setUsed(used() - 1);
                clearDeleted(gs, 0, i);
                gs.setCtrl(0, i, Group.CTRL_EMPTY);
                deleted(gs, 0, i, key, kw, false);
                return;
            }
        }
    }

    /**
     * m.Clear(typ): nothing on an empty map (Go 1.24), or on an empty map that cannot hold
     * tombstones (1.25+, so 1.25 also clears the tombstones an emptied map kept). Otherwise every
     * table (each once) or the small group is cleared; the directory, the tables and their
     * capacities stay; clearSeq++ tells open iterators; the seed is redrawn.
     */
    void clear() {
        if (used() == 0 && !(version.tombstonePossible() && tombstonePossible())) {
            return;
        }
        if (writing() != 0) {
            throw new GoFatalError("concurrent map writes");
        }
        setWriting(writing() ^ 1);
        long removed = events != null ? used : 0;
        // One load of dirLen serves the test and the loop bound (map.go:745, 749).
        int dirLen = dirLen();
        if (dirLen == 0) {
            clearSmall();
        } else {
            Table lastTab = null;
            for (int i = 0; i < dirLen; i++) {
                Table tt = directoryAt(i);
                if (tt == lastTab) {
                    continue;
                }
                tt.clear();
                lastTab = tt;
            }
            setUsed(0);
            if (version.tombstonePossible()) {
                setTombstonePossible(false);
            }
        }
        setClearSeq(clearSeq() + 1);
        long old = events != null ? seed : 0;
        setSeed(rand.next(Draw.HASH_SEED));
        if (writing() == 0) {
            throw new GoFatalError("concurrent map writes");
        }
        setWriting(writing() ^ 1);
        if (events != null) {
            events.emit(new SwissEvent.Reseeded(op, old, seed, "clear"));
            events.emit(new SwissEvent.Cleared(op, removed));
            events.emit(new ReferencesDropped(op));
        }
    }

    /** m.clearSmall(typ): the group zeroed, all control bytes empty. */
    private void clearSmall() {
        Groups gs = (Groups) dirPtr();
        gs.clear(0);
        gs.setEmpty(0);
        setUsed(0);
    }

    // ------------------------------------------------------------------ allocations and events

    /** newGroups(typ, length), numbered groups#k in allocation order. */
    Groups newGroups(int length) {
        Groups gs = new Groups(this, nextGroupsId++, length);
        if (events != null) {
            events.emit(new Allocated(op, ObjectKind.GROUPS, gs.id, length * t.groupSize(), !t.groupHasPointers()));
        }
        return gs;
    }

    /** make([]*table, length), numbered directory#k. */
    Directory newDirectory(int length) {
        Directory d = new Directory(this, nextDirectoryId++, length);
        if (events != null) {
            events.emit(new Allocated(op, ObjectKind.DIRECTORY, d.id, length * Directory.ENTRY_SIZE, false));
        }
        return d;
    }

    /** new(table), numbered table#k. */
    void allocatedTable(Table tab) {
        if (events != null) {
            events.emit(new Allocated(op, ObjectKind.TABLE, tab.id, Table.SIZE, false));
        }
    }

    private void indirectAllocated(boolean key) {
        if (events != null) {
            maplab.engine.GoType type = key ? t.key() : t.elem();
            events.emit(new Allocated(op, key ? ObjectKind.INDIRECT_KEY : ObjectKind.INDIRECT_ELEM, nextIndirectId - 1,
                    type.size(), !type.hasPointers()));
        }
    }

    /** A slot as events name it. */
    static SwissEvent.SlotRef slot(Groups gs, int g, int i) {
        return new SwissEvent.SlotRef(gs, g, i);
    }

    // The event helpers take the key, or the word kw when key is null: boxed only for a listener.

    void slotWritten(Groups gs, int g, int i, int h2, Object key, long kw, int previousCtrl) {
        if (events != null) {
            events.emit(new SwissEvent.SlotWritten(op, slot(gs, g, i), h2, !wordCall(key) ? key : (Object) kw,
                    previousCtrl));
        }
    }

    void elemUpdated(Groups gs, int g, int i, Object key, long kw) {
        if (events != null) {
            events.emit(new SwissEvent.ElemUpdated(op, slot(gs, g, i), !wordCall(key) ? key : (Object) kw));
        }
    }

    void deleted(Groups gs, int g, int i, Object key, long kw, boolean tombstone) {
        if (events != null) {
            events.emit(new SwissEvent.SlotDeleted(op, slot(gs, g, i), !wordCall(key) ? key : (Object) kw, tombstone));
            if (t.indirectKey() || t.indirectElem()) {
                events.emit(new ReferencesDropped(op));
            }
        }
    }

    void pruned(Table tab, int count) {
        if (events != null) {
            events.emit(new SwissEvent.TombstonesPruned(op, tab.toString(), count));
        }
    }

    void grew(Table old, Table nt) {
        if (events != null) {
            events.emit(new SwissEvent.TableGrown(op, old.toString(), nt.toString(), old.peekCapacity(),
                    nt.peekCapacity(), nt.peekUsed()));
            events.emit(new ReferencesDropped(op));
        }
    }

    void split(Table old, Table left, Table right) {
        if (events != null) {
            events.emit(new SwissEvent.TableSplit(op, old.toString(), left.toString(), right.toString(),
                    left.peekLocalDepth(), left.peekUsed(), right.peekUsed()));
            events.emit(new ReferencesDropped(op));
        }
    }
}
