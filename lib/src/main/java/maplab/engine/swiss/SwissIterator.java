package maplab.engine.swiss;

import maplab.engine.MapIterator;

/**
 * A {@code for k, v := range m} loop over a Swiss map that the caller drives (see
 * {@link MapIterator}): starting it runs Iter.Init and the first Iter.Next; each {@link #next()}
 * is one more Iter.Next, after whatever the loop's body did to the map. Until {@link #close()},
 * the iterator keeps what it points to reachable, as a live Iter does.
 */
public final class SwissIterator implements MapIterator {

    private final SwissMap map;
    private final Iter it;
    private boolean done;
    private boolean closed;

    SwissIterator(SwissMap map, Iter it) {
        this.map = map;
        this.it = it;
        this.done = !it.hasEntry;
    }

    @Override
    public boolean hasEntry() {
        return !done;
    }

    @Override
    public Object key() {
        requireEntry();
        return map.groupType().wordKeys() ? (Object) it.keyWord : map.type().key().own(it.key);
    }

    @Override
    public Object elem() {
        requireEntry();
        return map.groupType().wordElems() ? (Object) it.elemWord : map.type().elem().own(it.elem);
    }

    @Override
    public boolean next() {
        if (closed) {
            throw new IllegalStateException("the iterator was closed");
        }
        if (done) {
            return false;
        }
        map.begin();
        it.next();
        done = !it.hasEntry;
        map.end();
        return !done;
    }

    @Override
    public void close() {
        done = true;
        closed = true;
        map.closed(it);
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    /** it.entryOffset as Init drew it (a 64-bit draw); 0 for an empty map, which draws nothing. */
    public long entryOffset() {
        return it.drawnEntryOffset;
    }

    /** it.dirOffset as Init drew it, before the first Next moved it to a table's first entry. */
    public long dirOffset() {
        return it.drawnDirOffset;
    }

    /** Whether the start was drawn: false when the map was empty at the start. */
    public boolean drewStart() {
        return it.started();
    }

    /** The iterator's position in the runtime's terms (Iter fields). */
    @Override
    public String toString() {
        if (!it.started()) {
            return "iterator over an empty map (ended)";
        }
        String where = it.dirIdx < 0 ? "small group" : "dirIdx=" + it.dirIdx + (it.tab == null ? "" : " " + it.tab);
        return "iterator entryOffset=" + Long.toUnsignedString(it.entryOffset) + " dirOffset="
                + Long.toUnsignedString(it.dirOffset) + " " + where + " entryIdx=" + it.entryIdx
                + (closed ? " (closed)" : done ? " (ended)" : "");
    }

    private void requireEntry() {
        if (done) {
            throw new IllegalStateException("the iteration has ended: there is no current entry");
        }
    }
}
