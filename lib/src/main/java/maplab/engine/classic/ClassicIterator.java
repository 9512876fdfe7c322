package maplab.engine.classic;

import maplab.engine.MapIterator;

/**
 * A {@code for k, v := range m} loop that the caller advances step by step, so writes can happen
 * between steps. Starting it ({@link ClassicMap#iterate()}) already moves to the first entry, as
 * the runtime's mapiterinit does. Like a live {@code hiter}, an iterator keeps the buckets it
 * points to reachable until {@link #close()} (the loop is left and nothing refers to it); the
 * iterator flags it set on the map stay set either way, as in Go.
 */
public final class ClassicIterator implements MapIterator {

    private final ClassicMap map;
    private final Hiter it;
    private boolean done;
    private boolean closed;

    ClassicIterator(ClassicMap map, Hiter it) {
        this.map = map;
        this.it = it;
        this.done = !it.hasEntry;
    }

    /** Whether the iterator stands on an entry (false once the loop has ended). */
    public boolean hasEntry() {
        return !done;
    }

    /** The current key; throws if the loop has ended. */
    public Object key() {
        requireEntry();
        return map.hmap().t.wordKeys() ? (Object) it.keyWord : map.type().key().own(it.key);
    }

    /** The current elem; throws if the loop has ended. */
    public Object elem() {
        requireEntry();
        return map.hmap().t.wordElems() ? (Object) it.elemWord : map.type().elem().own(it.elem);
    }

    /**
     * mapiternext: moves to the next entry. Returns false when the loop has ended; calling it
     * again after that does nothing (the compiled loop never calls the runtime again).
     */
    public boolean next() {
        if (closed) {
            throw new IllegalStateException("the iterator was closed");
        }
        if (done) {
            return false;
        }
        map.begin();
        it.mapiternext();
        done = !it.hasEntry;
        map.end();
        return !done;
    }

    /**
     * Abandons the loop: nothing refers to the iterator any more, so it stops keeping buckets
     * reachable. The map's iterator flags stay set, as in Go. Further steps are refused.
     */
    public void close() {
        done = true;
        closed = true;
        map.closed(it);
    }

    /** Whether {@link #close()} was called. */
    public boolean isClosed() {
        return closed;
    }

    /** The start bucket the runtime drew (it.startBucket); 0 for an empty map, which draws nothing. */
    public long startBucket() {
        return it.startBucket;
    }

    /** The start slot offset the runtime drew (it.offset), 0..7. */
    public int offset() {
        return it.offset;
    }

    /** Whether the start was drawn: false when the map was empty at the start (no draw, no flags). */
    public boolean drewStart() {
        return it.started;
    }

    /** The iterator's position in the runtime's terms (hiter fields). */
    @Override
    public String toString() {
        if (!it.started) {
            return "iterator over an empty map (ended)";
        }
        return "iterator start=" + it.startBucket + "/" + it.offset + " B=" + it.B + " buckets#" + it.buckets.id
                + " bptr=" + it.bptr() + " i=" + it.i + " bucket=" + it.bucket
                + (it.checkBucket == Hiter.NO_CHECK ? "" : " checkBucket=" + it.checkBucket)
                + (closed ? " (closed)" : done ? " (ended)" : "");
    }

    private void requireEntry() {
        if (done) {
            throw new IllegalStateException("the iteration has ended: there is no current entry");
        }
    }
}
