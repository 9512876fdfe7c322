package maplab.engine;

import java.util.AbstractList;
import java.util.List;
import java.util.RandomAccess;

/**
 * A list view that refuses every change with a message saying why: snapshots are copies of a
 * map's state, and changing one would not change the map.
 */
public final class ReadOnlyList<E> extends AbstractList<E> implements RandomAccess {

    private final Object[] items;
    private final String what;

    private ReadOnlyList(Object[] items, String what) {
        this.items = items;
        this.what = what;
    }

    /** A read-only copy of {@code items}; {@code what} names it in error messages. */
    public static <E> List<E> copyOf(List<? extends E> items, String what) {
        return new ReadOnlyList<>(items.toArray(), what);
    }

    @Override
    @SuppressWarnings("unchecked")
    public E get(int index) {
        return (E) items[index];
    }

    @Override
    public int size() {
        return items.length;
    }

    @Override
    public E set(int index, E element) {
        throw refused();
    }

    @Override
    public void add(int index, E element) {
        throw refused();
    }

    @Override
    public E remove(int index) {
        throw refused();
    }

    @Override
    protected void removeRange(int fromIndex, int toIndex) {
        throw refused();
    }

    private UnsupportedOperationException refused() {
        return new UnsupportedOperationException(what + " is part of a snapshot and read-only: change the map "
                + "through its operations (set, delete, clear), then take a new snapshot");
    }
}
