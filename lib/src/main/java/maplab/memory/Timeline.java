package maplab.memory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A run of the heap model, one point per operation: the heap in use (HeapAlloc: every allocated
 * object not yet freed, map or not), the part of it that is map objects, the heap goal and the
 * trigger in force after the operation; plus the GC cycles and every map object's life.
 */
public final class Timeline {

    private long[] heapInUse = new long[64];
    private long[] mapBytes = new long[64];
    private long[] goal = new long[64];
    private long[] trigger = new long[64];
    private int n;
    private final List<GcCycle> cycles = new ArrayList<>();
    private final List<HeapObject> objects = new ArrayList<>();

    void point(long op, long inUse, long map, long g, long t) {
        if (op != n) {
            throw new IllegalStateException("timeline point " + op + " after " + n + " points");
        }
        if (n == heapInUse.length) {
            int cap = n * 2;
            heapInUse = Arrays.copyOf(heapInUse, cap);
            mapBytes = Arrays.copyOf(mapBytes, cap);
            goal = Arrays.copyOf(goal, cap);
            trigger = Arrays.copyOf(trigger, cap);
        }
        heapInUse[n] = inUse;
        mapBytes[n] = map;
        goal[n] = g;
        trigger[n] = t;
        n++;
    }

    void cycle(GcCycle c) {
        cycles.add(c);
    }

    void object(HeapObject o) {
        objects.add(o);
    }

    /** The number of points: operations 0..size()-1 (operation 0 is the state before any). */
    public int size() { return n; }

    public long heapInUse(int op) { return heapInUse[check(op)]; }

    public long mapBytes(int op) { return mapBytes[check(op)]; }

    /** The heap goal after the operation (Long.MAX_VALUE when GOGC=off and no memory limit). */
    public long goal(int op) { return goal[check(op)]; }

    public long trigger(int op) { return trigger[check(op)]; }

    public long[] heapInUse() { return Arrays.copyOf(heapInUse, n); }

    public long[] mapBytes() { return Arrays.copyOf(mapBytes, n); }

    public long[] goal() { return Arrays.copyOf(goal, n); }

    public long[] trigger() { return Arrays.copyOf(trigger, n); }

    /** The largest heap in use over the run. */
    public long peakHeapInUse() {
        return Arrays.stream(heapInUse, 0, n).max().orElse(0);
    }

    public long peakMapBytes() {
        return Arrays.stream(mapBytes, 0, n).max().orElse(0);
    }

    public List<GcCycle> cycles() { return List.copyOf(cycles); }

    /** Every map object allocated, in allocation order (live, unreachable or freed). */
    public List<HeapObject> objects() { return List.copyOf(objects); }

    private int check(int op) {
        if (op < 0 || op >= n) {
            throw new IndexOutOfBoundsException("operation " + op + " outside the timeline 0.." + (n - 1));
        }
        return op;
    }
}
