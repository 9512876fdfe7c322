package maplab.engine.swiss;

import maplab.engine.GoFatalError;

/**
 * The generic entry points the compiler calls for map types without a fast variant
 * (runtime.go; runtime_swiss.go in Go 1.24 and 1.25): runtime_mapaccess1/2 and
 * runtime_mapassign. The generic assign never prunes tombstones, in any release.
 */
final class Runtime {

    private Runtime() {
    }

    /**
     * runtime_mapaccess2(typ, m, key): the elem, or null when absent. An empty map answers at
     * once; a writer in progress is fatal; a small map compares its H2 matches; a table probes
     * from H1 until its key or a group with an empty slot.
     */
    static Object mapaccess(Map m, Object key) {
        if (m.used() == 0) {
            return null;
        }
        if (m.writing() != 0) {
            throw new GoFatalError("concurrent map read and map write");
        }
        long hash = m.hash(key);
        int dirLen = m.dirLen();
        if (dirLen <= 0) {
            int i = m.getWithKeySmall(hash, key);
            return i < 0 ? null : m.elemOf((Groups) m.dirPtr(), 0, i);
        }
        Table t = m.directoryAt(m.directoryIndex(hash, dirLen));
        return probe(m, t, hash, key, false);
    }

    /**
     * The table part of every mapaccess: H2 matches compared by key, a group with an empty slot
     * ends it. {@code wordKeys}: the keys compare as machine words (fast32, fast64), with no call
     * between the control word's load and the empty test, so the compiled code tests the word
     * it loaded (Go 1.26 runtime_fast64.go:62 and 75); a key compare that calls (Equal,
     * memequal) makes it load the word again.
     */
    static Object probe(Map m, Table t, long hash, Object key, boolean wordKeys) {
        Groups gs = t.groups();
        int h2 = Group.h2(hash);
        for (ProbeSeq seq = new ProbeSeq(Group.h1(hash), gs.lengthMask());; seq.next()) {
            int g = seq.offset();
            long ctrls = gs.ctrls(g);
            for (long match = Group.matchH2(ctrls, h2); match != 0; match = Group.removeFirst(match)) {
                int i = Group.first(match);
                if (m.keyEquals(gs, g, i, key)) {
                    return m.elemOf(gs, g, i);
                }
            }
            if (Group.matchEmpty(wordKeys ? ctrls : gs.ctrls(g)) != 0) {
                return null;
            }
        }
    }

    /**
     * runtime_mapassign(typ, m, key), then the compiled code's {@code *slot = elem}. The key
     * search runs along the probe sequence past full groups and tombstones; a group with an empty
     * slot ends it, and the key goes to the first tombstone remembered on the way (which costs no
     * growthLeft) or else to that group's lowest empty slot. With growthLeft 0 the table rehashes
     * and the search starts again from the directory. Growth is decided only for a new key that
     * needs an empty slot.
     */
    static void mapassign(Map m, Object key, Object elem) {
        if (m.writing() != 0) {
            throw new GoFatalError("concurrent map writes");
        }
        long hash = m.hash(key);
        // Set writing after hashing: a hash that panics has not written.
        m.setWriting(m.writing() ^ 1);
        if (m.dirPtr() == null) {
            m.growToSmall();
        }
        Groups rg;
        int rgi;
        int ri;
        boolean small = m.dirLen() == 0;
        if (small && m.used() < GroupType.SLOTS) {
            rg = (Groups) m.dirPtr();
            rgi = 0;
            ri = m.putSlotSmall(rg, hash, key, 0, m.t.key().needKeyUpdate(), false);
        } else {
            if (small) {
                m.growToTable();
            }
            outer:
            while (true) {
                Table t = m.directoryAt(m.directoryIndex(hash));
                Groups gs = t.groups();
                Groups firstDeletedGroups = null;
                int firstDeletedGroup = 0;
                int firstDeletedSlot = 0;
                int h2 = Group.h2(hash);
                // probeSeq in two locals (offset, index), as in ProbeSeq: the JIT did not
                // scalar-replace a ProbeSeq object in this loop, and it was 29% of an insert's bytes.
                long mask = gs.lengthMask();
                for (long offset = Group.h1(hash) & mask, index = 0;; index++, offset = (offset + index) & mask) {
                    int g = (int) offset;
                    for (long match = Group.matchH2(gs.ctrls(g), h2); match != 0; match = Group.removeFirst(match)) {
                        int i = Group.first(match);
                        if (m.keyEquals(gs, g, i, key)) {
                            if (m.t.key().needKeyUpdate()) {
                                m.storeKey(gs, g, i, key);
                            }
                            m.elemUpdated(gs, g, i, key, 0);
                            rg = gs;
                            rgi = g;
                            ri = i;
                            break outer;
                        }
                    }
                    long match = Group.matchEmpty(gs.ctrls(g));
                    if (match != 0) {
                        int ig = g;
                        int i;
                        Groups target = gs;
                        if (firstDeletedGroups != null) {
                            target = firstDeletedGroups;
                            ig = firstDeletedGroup;
                            i = firstDeletedSlot;
                            t.setGrowthLeft(t.growthLeft() + 1); // decremented below: reusing a tombstone is free
                        } else {
                            i = Group.first(match);
                        }
                        if (t.growthLeft() > 0) {
                            insert(m, t, target, ig, i, h2, key, 0);
                            rg = target;
                            rgi = ig;
                            ri = i;
                            break outer;
                        }
                        t.rehash();
                        continue outer;
                    }
                    if (firstDeletedGroups == null) {
                        long deleted = Group.matchEmptyOrDeleted(gs.ctrls(g));
                        if (deleted != 0) {
                            firstDeletedGroups = gs;
                            firstDeletedGroup = g;
                            firstDeletedSlot = Group.first(deleted);
                        }
                    }
                }
            }
        }
        if (m.writing() == 0) {
            throw new GoFatalError("concurrent map writes");
        }
        m.setWriting(m.writing() ^ 1);
        // The compiled code stores the elem through the pointer the assign returned, after the
        // writing flag is toggled back, so a concurrent writer does not see this store as a write.
        m.storeElem(rg, rgi, ri, elem);
    }

    /**
     * A new key in slot i of group g: key (and the objects of an indirect key or elem), control
     * byte H2, growthLeft--, used++ in the table and the map. Shared by every assign variant,
     * whose insert code is the same.
     */
    static void insert(Map m, Table t, Groups gs, int g, int i, int h2, Object key, long kw) {
        int previous = m.events != null ? Group.get(gs.peekCtrls(g), i) : 0;
        m.newSlot(gs, g, i, key, kw);
        gs.setCtrl(g, i, h2);
        t.setGrowthLeft(t.growthLeft() - 1);
        t.setUsed(t.used() + 1);
        m.setUsed(m.used() + 1);
        m.slotWritten(gs, g, i, h2, key, kw, previous);
    }
}
