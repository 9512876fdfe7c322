package maplab.engine.swiss;

import maplab.engine.GoFatalError;

/**
 * The entry points the compiler calls for 4- and 8-byte memory keys and for strings
 * (runtime_fast32.go, runtime_fast64.go and runtime_faststr.go; *_swiss.go in Go 1.24 and 1.25).
 * The fast32 and fast64 files are the same code for keys of two widths, and their assign is also
 * faststr's; they differ from the generic functions where a model can see it:
 * <ul>
 *   <li>a small-map lookup (fast32/fast64) does not hash: it compares the key of every slot up
 *       to the last full one, and keeps a match only if the slot is full;</li>
 *   <li>the assign looks at a group's lowest empty-or-deleted slot: a tombstone there is
 *       remembered and the probe goes on; an empty one ends the search;</li>
 *   <li>Go 1.25+ prune tombstones before growing a table with no growthLeft, except in
 *       mapassign_fast64ptr (pointer keys);</li>
 *   <li>mapdelete_fast* test {@code used} before calling the generic Delete.</li>
 * </ul>
 */
final class RuntimeFast {

    private RuntimeFast() {
    }

    /** runtime_mapaccess2_fast32 / _fast64: the elem, or null when absent. */
    static Object mapaccess(Map m, Object key) {
        if (m.used() == 0) {
            return null;
        }
        if (m.writing() != 0) {
            throw new GoFatalError("concurrent map read and map write");
        }
        if (m.dirLen() == 0) {
            Groups gs = (Groups) m.dirPtr();
            long full = Group.matchFull(gs.ctrls(0));
            // The key is compared before the slot is known to be full, as the runtime does.
            for (int i = 0; full != 0; i++, full = Group.shiftOutLowest(full)) {
                if (m.keyEquals(gs, 0, i, key) && Group.lowestSet(full)) {
                    return m.elemOf(gs, 0, i);
                }
            }
            return null;
        }
        long hash = m.hash(key);
        return Runtime.probe(m, m.directoryAt(m.directoryIndex(hash)), hash, key, true);
    }

    /**
     * runtime_mapaccess1_fast64 for a map that keeps 8-byte keys and elems as words: the elem, or
     * 0 (the zero value) when absent. The accesses of {@link #mapaccess}, in the same order, with
     * neither the key nor the elem boxed.
     */
    static long mapaccessWord(Map m, long key) {
        return mapaccessWord(m, key, true);
    }

    /**
     * {@link #mapaccessWord}, or with {@code wantElem} false mapaccess2_fast64's ok: 1 or 0, the
     * elem not read ({@code _, ok := m[key]}).
     */
    static long mapaccessWord(Map m, long key, boolean wantElem) {
        if (m.used() == 0) {
            return 0;
        }
        if (m.writing() != 0) {
            throw new GoFatalError("concurrent map read and map write");
        }
        if (m.dirLen() == 0) {
            Groups gs = (Groups) m.dirPtr();
            long full = Group.matchFull(gs.ctrls(0));
            for (int i = 0; full != 0; i++, full = Group.shiftOutLowest(full)) {
                if (gs.keyWord(0, i) == key && Group.lowestSet(full)) {
                    return wantElem ? gs.elemWord(0, i) : 1;
                }
            }
            return 0;
        }
        long hash = m.hashWord(key);
        Groups gs = m.directoryAt(m.directoryIndex(hash)).groups();
        int h2 = Group.h2(hash);
        long mask = gs.lengthMask();
        for (long offset = Group.h1(hash) & mask, index = 0;; index++, offset = (offset + index) & mask) {
            int g = (int) offset;
            long ctrls = gs.ctrls(g); // one load serves the H2 match and the empty test (runtime_fast64.go:62, 75)
            for (long match = Group.matchH2(ctrls, h2); match != 0; match = Group.removeFirst(match)) {
                int i = Group.first(match);
                if (gs.keyWord(g, i) == key) {
                    return wantElem ? gs.elemWord(g, i) : 1;
                }
            }
            if (Group.matchEmpty(ctrls) != 0) {
                return 0;
            }
        }
    }

    /**
     * runtime_mapassign_fast32 / _fast64 / _fast64ptr / _faststr, then the compiled code's
     * {@code *slot = elem}. {@code keyUpdate}: faststr stores the key again on an update;
     * {@code prune}: Go 1.25+ except fast64ptr.
     */
    static void mapassign(Map m, Object key, Object elem, boolean keyUpdate, boolean prune) {
        mapassign(m, key, 0, elem, 0, keyUpdate, prune);
    }

    /**
     * runtime_mapassign_fast64 with an 8-byte integer key and elem kept as words, neither boxed
     * (a map whose keys and elems are words): the accesses of {@link #mapassign}.
     */
    static void mapassignWord(Map m, long key, long elem, boolean prune) {
        mapassign(m, null, key, null, elem, false, prune);
    }

    /** The key is {@code key}, or the word {@code kw} when key is null; the elem likewise. */
    private static void mapassign(Map m, Object key, long kw, Object elem, long ew, boolean keyUpdate,
            boolean prune) {
        if (m.writing() != 0) {
            throw new GoFatalError("concurrent map writes");
        }
        long hash = !m.wordCall(key) ? m.hash(key) : m.hashWord(kw);
        m.setWriting(m.writing() ^ 1);
        if (m.dirPtr() == null) {
            m.growToSmall();
        }
        Groups rg;
        int rgi;
        int ri;
        boolean small = m.dirLen() == 0;
        // Only faststr updates the key; its compares call memequal. The others compare words.
        boolean wordKeys = !keyUpdate;
        if (small && m.used() < GroupType.SLOTS) {
            // putSlotSmallFast*'s one load of dirPtr (runtime_fast64.go:157).
            rg = (Groups) m.dirPtr();
            rgi = 0;
            ri = m.putSlotSmall(rg, hash, key, kw, keyUpdate, wordKeys);
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
                    long ctrls = gs.ctrls(g);
                    for (long match = Group.matchH2(ctrls, h2); match != 0; match = Group.removeFirst(match)) {
                        int i = Group.first(match);
                        if (m.keyEquals(gs, g, i, key, kw)) {
                            if (keyUpdate) {
                                m.storeKey(gs, g, i, key);
                            }
                            m.elemUpdated(gs, g, i, key, kw);
                            rg = gs;
                            rgi = g;
                            ri = i;
                            break outer;
                        }
                    }
                    // Word keys: the word loaded for the H2 match (Go 1.26 runtime_fast64.go:254
                    // serves 272); faststr loads it again after its memequal calls.
                    long match = Group.matchEmptyOrDeleted(wordKeys ? ctrls : gs.ctrls(g));
                    if (match == 0) {
                        continue; // nothing but full slots: keep probing
                    }
                    int i = Group.first(match);
                    if (gs.ctrl(g, i) == Group.CTRL_DELETED) {
                        if (firstDeletedGroups == null) {
                            firstDeletedGroups = gs;
                            firstDeletedGroup = g;
                            firstDeletedSlot = i;
                        }
                        continue;
                    }
                    // An empty slot: the end of the probe sequence.
                    Groups target = gs;
                    int tg = g;
                    if (firstDeletedGroups != null) {
                        target = firstDeletedGroups;
                        tg = firstDeletedGroup;
                        i = firstDeletedSlot;
                        t.setGrowthLeft(t.growthLeft() + 1); // decremented below: reusing a tombstone is free
                    }
                    if (prune && t.growthLeft() == 0) {
                        t.pruneTombstones();
                    }
                    if (t.growthLeft() > 0) {
                        Runtime.insert(m, t, target, tg, i, h2, key, kw);
                        rg = target;
                        rgi = tg;
                        ri = i;
                        break outer;
                    }
                    t.rehash();
                    continue outer;
                }
            }
        }
        if (m.writing() == 0) {
            throw new GoFatalError("concurrent map writes");
        }
        m.setWriting(m.writing() ^ 1);
        m.storeElem(rg, rgi, ri, elem, ew);
    }

    /** runtime_mapdelete_fast32 / _fast64 / _faststr: nothing on an empty map, else Map.Delete. */
    static void mapdelete(Map m, Object key) {
        mapdelete(m, key, 0);
    }

    /** The key is {@code key}, or the word {@code kw} when key is null (a map whose keys are words). */
    static void mapdelete(Map m, Object key, long kw) {
        if (m.used() == 0) {
            return;
        }
        m.delete(key, kw);
    }

    /**
     * runtime_mapaccess2_faststr: a small map looks for a string over 64 bytes without hashing
     * when at most one full slot passes a quick test (same length, same first and last 8 bytes),
     * comparing that one; otherwise, and for shorter strings, it hashes and compares the slots
     * whose control byte is the key's H2. A table probes as the generic lookup does.
     */
    static Object mapaccessStr(Map m, String key) {
        if (m.used() == 0) {
            return null;
        }
        if (m.writing() != 0) {
            throw new GoFatalError("concurrent map read and map write");
        }
        if (m.dirLen() <= 0) {
            return getWithoutKeySmallFastStr(m, key);
        }
        long hash = m.hash(key);
        return Runtime.probe(m, m.directoryAt(m.directoryIndex(hash)), hash, key, false);
    }

    /** m.getWithoutKeySmallFastStr(typ, key). */
    private static Object getWithoutKeySmallFastStr(Map m, String key) {
        Groups gs = (Groups) m.dirPtr();
        byte[] kb = key.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        if (kb.length > 64) {
            long ctrls = gs.ctrls(0);
            int j = GroupType.SLOTS;
            boolean twoCandidates = false;
            for (int i = 0; i < GroupType.SLOTS; i++, ctrls >>>= 8) {
                if ((ctrls & 0x80) == 0 && quickEqual(kb, (String) m.keyOf(gs, 0, i))) {
                    if (j < GroupType.SLOTS) {
                        twoCandidates = true;
                        break;
                    }
                    j = i;
                }
            }
            if (!twoCandidates) {
                if (j == GroupType.SLOTS) {
                    return null;
                }
                return key.equals(m.keyOf(gs, 0, j)) ? m.elemOf(gs, 0, j) : null;
            }
        }
        int h2 = Group.h2(m.hash(key));
        long ctrls = gs.ctrls(0);
        for (int i = 0; i < GroupType.SLOTS; i++, ctrls >>>= 8) {
            if ((int) (ctrls & 0xFF) == h2 && key.equals(m.keyOf(gs, 0, i))) {
                return m.elemOf(gs, 0, i);
            }
        }
        return null;
    }

    /** longStringQuickEqualityTest(a, b): same length, same first 8 and last 8 bytes. */
    private static boolean quickEqual(byte[] a, String bs) {
        byte[] b = bs == null ? new byte[0] : bs.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        if (a.length != b.length) {
            return false;
        }
        for (int k = 0; k < 8; k++) {
            if (a[k] != b[k] || a[a.length - 8 + k] != b[b.length - 8 + k]) {
                return false;
            }
        }
        return true;
    }
}
