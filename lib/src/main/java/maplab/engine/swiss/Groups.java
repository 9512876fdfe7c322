package maplab.engine.swiss;

import static maplab.engine.swiss.GroupType.SLOTS;

import java.util.Arrays;
import maplab.engine.StepHook;

/**
 * One groups array ({@code groupsReference}: the allocation {@code newGroups} makes, and
 * {@code lengthMask + 1} groups in it), or a small map's single group. Its bytes live in flat
 * primitive arrays: one control word per group, and for slot s = 8g + i its key and elem, kept
 * unboxed as 64-bit words when they are 8-byte integers and as objects otherwise. A slot of an
 * indirect key or elem holds an {@link Indirect}.
 *
 * <p>Every access is a step of the map's hook, as the runtime touches the memory; the model's
 * own reads (snapshots, invariants, reachability) use the {@code peek} methods, which are not.
 */
final class Groups {

    final Map m;
    /** Its allocation number: groups#id. */
    final int id;
    private final int length;
    private final long[] ctrl;
    private final long[] keyWords;
    private final Object[] keys;
    private final long[] elemWords;
    private final Object[] elems;

    /** newGroups(typ, length): every byte zero; the caller sets the control words empty. */
    Groups(Map m, int id, int length) {
        this.m = m;
        this.id = id;
        this.length = length;
        this.ctrl = new long[length];
        int slots = length * SLOTS;
        this.keyWords = m.t.wordKeys() ? new long[slots] : null;
        this.keys = m.t.wordKeys() ? null : new Object[slots];
        this.elemWords = m.t.wordElems() ? new long[slots] : null;
        this.elems = m.t.wordElems() ? null : new Object[slots];
    }

    /** The number of groups: lengthMask + 1. */
    int length() {
        return length;
    }

    /** groups.lengthMask. */
    long lengthMask() {
        return length - 1;
    }

    /** *g.ctrls(): the whole control word, one load. */
    long ctrls(int g) {
        step(g, SwissShared.CTRL, -1, false);
        return ctrl[g];
    }

    /** g.ctrls().get(i): one control byte. */
    int ctrl(int g, int i) {
        step(g, SwissShared.CTRL, i, false);
        return Group.get(ctrl[g], i);
    }

    /** g.ctrls().set(i, c): one control byte. */
    void setCtrl(int g, int i, int c) {
        step(g, SwissShared.CTRL, i, true);
        ctrl[g] = Group.set(ctrl[g], i, c);
    }

    /** g.ctrls().setEmpty(). */
    void setEmpty(int g) {
        step(g, SwissShared.CTRL, -1, true);
        ctrl[g] = Group.BITSET_EMPTY;
    }

    /** The key in slot i (an Indirect when keys are indirect; boxed when kept as a word). */
    Object key(int g, int i) {
        step(g, SwissShared.KEY, i, false);
        int s = g * SLOTS + i;
        return keys != null ? keys[s] : (Object) keyWords[s];
    }

    /** An 8-byte integer key, unboxed (only for maps that keep keys as words). */
    long keyWord(int g, int i) {
        step(g, SwissShared.KEY, i, false);
        return keyWords[g * SLOTS + i];
    }

    void setKey(int g, int i, Object k) {
        step(g, SwissShared.KEY, i, true);
        int s = g * SLOTS + i;
        if (keys != null) {
            keys[s] = k;
        } else {
            keyWords[s] = (Long) k;
        }
    }

    void setKeyWord(int g, int i, long k) {
        step(g, SwissShared.KEY, i, true);
        keyWords[g * SLOTS + i] = k;
    }

    Object elem(int g, int i) {
        step(g, SwissShared.ELEM, i, false);
        int s = g * SLOTS + i;
        return elems != null ? elems[s] : (Object) elemWords[s];
    }

    long elemWord(int g, int i) {
        step(g, SwissShared.ELEM, i, false);
        return elemWords[g * SLOTS + i];
    }

    void setElem(int g, int i, Object e) {
        step(g, SwissShared.ELEM, i, true);
        int s = g * SLOTS + i;
        if (elems != null) {
            elems[s] = e;
        } else {
            elemWords[s] = (Long) e;
        }
    }

    void setElemWord(int g, int i, long e) {
        step(g, SwissShared.ELEM, i, true);
        elemWords[g * SLOTS + i] = e;
    }

    /** typedmemclr of a key slot: zero bytes (a nil pointer, an empty string...). */
    void clearKey(int g, int i) {
        step(g, SwissShared.KEY, i, true);
        int s = g * SLOTS + i;
        if (keys != null) {
            keys[s] = null;
        } else {
            keyWords[s] = 0;
        }
    }

    /** typedmemclr of an elem slot. */
    void clearElem(int g, int i) {
        step(g, SwissShared.ELEM, i, true);
        int s = g * SLOTS + i;
        if (elems != null) {
            elems[s] = null;
        } else {
            elemWords[s] = 0;
        }
    }

    /** typedmemclr(typ.Group, g.data): the control word and every slot to zero bytes. */
    void clear(int g) {
        step(g, SwissShared.DATA, -1, true);
        ctrl[g] = 0;
        int from = g * SLOTS;
        if (keys != null) {
            Arrays.fill(keys, from, from + SLOTS, null);
        } else {
            Arrays.fill(keyWords, from, from + SLOTS, 0);
        }
        if (elems != null) {
            Arrays.fill(elems, from, from + SLOTS, null);
        } else {
            Arrays.fill(elemWords, from, from + SLOTS, 0);
        }
    }

    /** The control word without a step (the model's own reads). */
    long peekCtrls(int g) {
        return ctrl[g];
    }

    /** The key slot without a step: an Indirect, a boxed word, or the key. */
    Object peekKey(int g, int i) {
        int s = g * SLOTS + i;
        return keys != null ? keys[s] : (Object) keyWords[s];
    }

    Object peekElem(int g, int i) {
        int s = g * SLOTS + i;
        return elems != null ? elems[s] : (Object) elemWords[s];
    }

    private void step(int g, SwissShared field, int slot, boolean write) {
        StepHook s = m.hook;
        if (s != null) {
            s.step(new GroupRef(this, g), field, slot, write);
        }
    }

    /** The memory a step names: group g of this array. */
    record GroupRef(Groups groups, int g) {
        @Override
        public String toString() {
            return "groups#" + groups.id + "[" + g + "]";
        }
    }

    @Override
    public String toString() {
        return "groups#" + id;
    }
}
