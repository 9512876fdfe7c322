package maplab.engine.swiss;

import static maplab.engine.swiss.GroupType.SLOTS;

import maplab.engine.StepHook;

/**
 * One Swiss table with the functions of table.go that act on it: an open-addressing hash table of
 * 2^k groups, probed quadratically, holding at most 7/8 of its slots. Field names are the
 * runtime's; every field access is a step of the map's hook.
 *
 * <p>Invariants (checked by {@link SwissInvariants}): {@code used} counts the full slots;
 * {@code growthLeft = capacity*7/8 - used - tombstones} (capacity - 1 for an 8-slot table), so
 * tombstones consume growth until a rehash or a prune; every full key is found by probing from its
 * H1, because a probe stops only at a group with an empty slot and a delete writes a tombstone
 * whenever its group has none; a group never holds both an empty slot and a tombstone.
 */
final class Table {

    /** maxTableCapacity: a table never grows past 1024 slots; it splits instead. */
    static final int MAX_TABLE_CAPACITY = 1024;
    /** maxAvgGroupLoad: at most 7 of 8 slots used on average. */
    static final int MAX_AVG_GROUP_LOAD = 7;
    /** The table header's size on amd64 (used, capacity, growthLeft, localDepth, index, groups). */
    static final long SIZE = 32;

    final Map m;
    /** Its allocation number: table#id. */
    final int id;

    private int used;
    private int capacity;
    private int growthLeft;
    private int localDepth;
    private int index;
    private Groups groups;

    private Table(Map m, int id, int index, int localDepth) {
        this.m = m;
        this.id = id;
        this.index = index;
        this.localDepth = localDepth;
    }

    int used() { step(SwissShared.TABLE_USED, false); return used; }
    void setUsed(int v) { step(SwissShared.TABLE_USED, true); used = v & 0xFFFF; }
    int capacity() { step(SwissShared.TABLE_CAPACITY, false); return capacity; }
    int growthLeft() { step(SwissShared.TABLE_GROWTH_LEFT, false); return growthLeft; }
    /** uint16: a racing decrement below zero wraps, as in Go. */
    void setGrowthLeft(int v) { step(SwissShared.TABLE_GROWTH_LEFT, true); growthLeft = v & 0xFFFF; }
    int localDepth() { step(SwissShared.TABLE_LOCAL_DEPTH, false); return localDepth; }
    int index() { step(SwissShared.TABLE_INDEX, false); return index; }
    void setIndex(int v) { step(SwissShared.TABLE_INDEX, true); index = v; }
    Groups groups() { step(SwissShared.TABLE_GROUPS, false); return groups; }

    /** The fields without a step, for the model's own reads. */
    int peekUsed() { return used; }
    int peekCapacity() { return capacity; }
    int peekGrowthLeft() { return growthLeft; }
    int peekLocalDepth() { return localDepth; }
    int peekIndex() { return index; }
    Groups peekGroups() { return groups; }

    private void step(SwissShared field, boolean write) {
        StepHook s = m.hook;
        if (s != null) {
            s.step(this, field, -1, write);
        }
    }

    @Override
    public String toString() {
        return "table#" + id;
    }

    /**
     * newTable(typ, capacity, index, localDepth): at least one group, a power of two, at most
     * 1024 slots; the table header is allocated before its groups.
     */
    static Table newTable(Map m, long capacity, int index, int localDepth) {
        if (capacity < SLOTS) {
            capacity = SLOTS;
        }
        if (capacity > MAX_TABLE_CAPACITY) {
            throw new IllegalStateException("initial table capacity too large");
        }
        Table t = new Table(m, m.nextTableId++, index, localDepth);
        m.allocatedTable(t);
        t.reset((int) Long.highestOneBit((capacity - 1) << 1));
        return t;
    }

    /** t.reset(typ, capacity): new empty groups; growthLeft back to its maximum. */
    private void reset(int newCapacity) {
        Groups g = m.newGroups(newCapacity / SLOTS);
        step(SwissShared.TABLE_GROUPS, true);
        groups = g;
        step(SwissShared.TABLE_CAPACITY, true);
        capacity = newCapacity;
        setGrowthLeft(maxGrowthLeft());
        for (int i = 0; i < g.length(); i++) {
            g.setEmpty(i);
        }
    }

    /**
     * t.maxGrowthLeft() (resetGrowthLeft in 1.24): a one-group table keeps one slot empty, since a
     * probe ends only at an empty slot; a larger one fills 7/8.
     */
    int maxGrowthLeft() {
        int cap = capacity();
        return cap <= SLOTS ? cap - 1 : cap * MAX_AVG_GROUP_LOAD / SLOTS;
    }

    /** t.tombstones(): the slots growthLeft lost to deletes, capacity*7/8 - used - growthLeft. */
    int tombstones() {
        return (capacity() * MAX_AVG_GROUP_LOAD / SLOTS - used() - growthLeft()) & 0xFFFF;
    }

    /**
     * t.getWithKey(typ, hash, key): probes groups from H1; a group's H2 matches are compared by
     * key, and a group with an empty slot ends the search. Tombstones neither match nor stop it.
     */
    Slot getWithKey(long hash, Object key) {
        Groups gs = groups();
        ProbeSeq seq = new ProbeSeq(Group.h1(hash), gs.lengthMask());
        int h2 = Group.h2(hash);
        for (;; seq.next()) {
            int g = seq.offset();
            long ctrls = gs.ctrls(g);
            for (long match = Group.matchH2(ctrls, h2); match != 0; match = Group.removeFirst(match)) {
                int i = Group.first(match);
                if (m.keyEquals(gs, g, i, key)) {
                    return new Slot(gs, g, i);
                }
            }
            if (Group.matchEmpty(gs.ctrls(g)) != 0) {
                return null;
            }
        }
    }

    /**
     * t.uncheckedPutSlot(typ, hash, key, elem) for grow and split: the first empty-or-deleted
     * slot on the probe sequence (a new table has no tombstones), taking the slot's key and elem
     * as they are (an indirect key or elem moves by pointer).
     */
    void uncheckedPutSlot(long hash, Groups from, int fg, int fi) {
        if (growthLeft() == 0) {
            throw new IllegalStateException("invariant failed: growthLeft is unexpectedly 0");
        }
        Groups gs = groups();
        for (ProbeSeq seq = new ProbeSeq(Group.h1(hash), gs.lengthMask());; seq.next()) {
            int g = seq.offset();
            long match = Group.matchEmptyOrDeleted(gs.ctrls(g));
            if (match != 0) {
                int i = Group.first(match);
                m.copyKey(from, fg, fi, gs, g, i);
                m.copyElem(from, fg, fi, gs, g, i);
                setGrowthLeft(growthLeft() - 1);
                setUsed(used() + 1);
                gs.setCtrl(g, i, Group.h2(hash));
                return;
            }
        }
    }

    /**
     * t.Delete(typ, m, hash, key): probes as a lookup. On a match: used-- in the table and the
     * map, the key cleared if it holds pointers (a pointer-free key stays as stale bytes), the
     * elem always cleared; then the slot becomes empty if its group has an empty slot (and
     * growthLeft gets it back), else a tombstone, because a full group may lie in the middle of
     * some key's probe sequence. Returns whether it wrote a tombstone.
     */
    boolean delete(long hash, Object key, long kw) {
        Groups gs = groups();
        int h2 = Group.h2(hash);
        // probeSeq in two locals (offset, index), as in ProbeSeq: the JIT did not scalar-replace a
        // ProbeSeq object here (40 bytes per delete).
        long mask = gs.lengthMask();
        for (long offset = Group.h1(hash) & mask, index = 0;; index++, offset = (offset + index) & mask) {
            int g = (int) offset;
            for (long match = Group.matchH2(gs.ctrls(g), h2); match != 0; match = Group.removeFirst(match)) {
                int i = Group.first(match);
                if (!m.keyEquals(gs, g, i, key, kw)) {
                    continue;
                }
                setUsed(used() - 1);
                m.setUsed(m.used() - 1);
                m.clearDeleted(gs, g, i);
                boolean tombstone;
                if (Group.matchEmpty(gs.ctrls(g)) != 0) {
                    gs.setCtrl(g, i, Group.CTRL_EMPTY);
                    setGrowthLeft(growthLeft() + 1);
                    tombstone = false;
                } else {
                    gs.setCtrl(g, i, Group.CTRL_DELETED);
                    tombstone = true;
                }
                m.deleted(gs, g, i, key, kw, tombstone);
                return tombstone;
            }
            if (Group.matchEmpty(gs.ctrls(g)) != 0) {
                return false;
            }
        }
    }

    /**
     * t.pruneTombstones(typ, m) (Go 1.25+, from the fast assigns): when tombstones are at least a
     * tenth of the capacity, marks every group some full key must probe past (it holds a
     * tombstone on that key's way to its own group) and every group with an empty slot; if the
     * unmarked groups hold tombstones worth a tenth of the capacity, turns them all empty. Entries
     * never move, so iterators are unaffected.
     */
    void pruneTombstones() {
        int cap = capacity();
        if (tombstones() * 10 < cap) {
            return;
        }
        Groups gs = groups();
        int n = gs.length();
        boolean[] needed = new boolean[n];
        for (int i = 0; i < n; i++) {
            for (long match = Group.matchFull(gs.ctrls(i)); match != 0; match = Group.removeFirst(match)) {
                int j = Group.first(match);
                Object key = m.keyOf(gs, i, j);
                if (!m.t.key().reflexive() && !m.t.key().equal(key, key)) {
                    continue; // never looked up, only iterated: its probe sequence may break
                }
                long hash = m.hash(key);
                for (ProbeSeq seq = new ProbeSeq(Group.h1(hash), gs.lengthMask()); seq.offset() != i; seq.next()) {
                    if (Group.matchEmptyOrDeleted(gs.ctrls(seq.offset())) != 0) {
                        needed[seq.offset()] = true; // a tombstone this key's lookup walks past
                    }
                }
            }
            if (Group.matchEmpty(gs.ctrls(i)) != 0) {
                needed[i] = true;
            }
        }
        int cnt = 0;
        for (int i = 0; i < n; i++) {
            if (!needed[i]) {
                cnt += Group.count(Group.matchEmptyOrDeleted(gs.ctrls(i)));
            }
        }
        if (cnt * 10 < cap) {
            return; // not worth it: the caller grows instead
        }
        for (int i = 0; i < n; i++) {
            if (needed[i]) {
                continue;
            }
            for (long match = Group.matchEmptyOrDeleted(gs.ctrls(i)); match != 0; match = Group.removeFirst(match)) {
                gs.setCtrl(i, Group.first(match), Group.CTRL_EMPTY);
                setGrowthLeft(growthLeft() + 1);
            }
        }
        m.pruned(this, cnt);
    }

    /**
     * t.Clear(typ): every group zeroed and all control bytes empty, used 0, growthLeft back to its
     * maximum. Go 1.25+ skip a table with no entries and no tombstones and (1.26) zero only groups
     * with a full slot when that is cheaper; the resulting state is the same in every release.
     */
    void clear() {
        int mgl = maxGrowthLeft();
        if (m.version.tombstonePossible() && used() == 0 && growthLeft() == mgl) {
            return;
        }
        Groups gs = groups();
        for (int i = 0; i < gs.length(); i++) {
            if (!m.version.tombstonePossible() || Group.anyFull(gs.ctrls(i))) {
                gs.clear(i);
            }
            gs.setEmpty(i);
        }
        setUsed(0);
        setGrowthLeft(mgl);
    }

    /**
     * t.rehash(typ, m): a table never rebuilds at its own size (so tombstones are only shed by
     * doubling): it doubles up to 1024 slots, and past that splits in two.
     */
    void rehash() {
        int newCapacity = 2 * capacity();
        if (newCapacity <= MAX_TABLE_CAPACITY) {
            grow(newCapacity);
            return;
        }
        split();
    }

    /**
     * t.split(typ, m): two 1024-slot tables one level deeper; each live entry, in slot order, goes
     * right when its hash has the new top bit (bit 64 - localDepth) set. Then installTableSplit,
     * and this table is stale (index -1).
     */
    private void split() {
        int depth = localDepth() + 1;
        Table left = newTable(m, MAX_TABLE_CAPACITY, -1, depth);
        Table right = newTable(m, MAX_TABLE_CAPACITY, -1, depth);
        long mask = 1L << (64 - depth);
        Groups gs = groups();
        for (int i = 0; i < gs.length(); i++) {
            for (int j = 0; j < SLOTS; j++) {
                if ((gs.ctrl(i, j) & Group.CTRL_EMPTY) == Group.CTRL_EMPTY) {
                    continue; // empty or deleted
                }
                long hash = m.hashSlot(gs, i, j); // the same accesses as m.hash(key), without boxing a word key
                ((hash & mask) == 0 ? left : right).uncheckedPutSlot(hash, gs, i, j);
            }
        }
        m.split(this, left, right);
        m.installTableSplit(this, left, right);
        setIndex(-1);
    }

    /**
     * t.grow(typ, m, newCapacity): a new table at the same index and depth, every live entry
     * reinserted in slot order (dense along its probe sequence, tombstones gone), installed in
     * place of this one, which becomes stale.
     */
    private void grow(int newCapacity) {
        Table nt = newTable(m, newCapacity, index(), localDepth());
        if (capacity() > 0) {
            Groups gs = groups();
            for (int i = 0; i < gs.length(); i++) {
                for (int j = 0; j < SLOTS; j++) {
                    if ((gs.ctrl(i, j) & Group.CTRL_EMPTY) == Group.CTRL_EMPTY) {
                        continue;
                    }
                    nt.uncheckedPutSlot(m.hashSlot(gs, i, j), gs, i, j); // hashSlot: a word key stays unboxed
                }
            }
        }
        m.replaceTable(nt);
        setIndex(-1);
        m.grew(this, nt);
    }

    /** A slot found by a lookup: slot i of group g of a groups array. */
    record Slot(Groups groups, int g, int i) {
    }
}
