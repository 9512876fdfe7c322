package maplab.memory;

/**
 * One GC cycle of the model, run at the end of operation {@code op}: the heap when it started
 * (HeapAlloc, and the pacer's heapLive that reached the trigger), what it freed, the live heap it
 * marked, and the goal and trigger it set for the next cycle.
 */
public record GcCycle(int n, long op, boolean forced, long heapAtStart, long heapLiveAtStart, long freedBytes,
                      long marked,
                      long nextGoal, long nextTrigger) {
}
