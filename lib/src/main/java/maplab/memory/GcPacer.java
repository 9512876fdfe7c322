package maplab.memory;

import maplab.engine.GoVersion;

/**
 * The parts of gcControllerState (runtime/mgcpacer.go) that decide when a cycle starts: the heap
 * goal and the trigger, the same formulas from Go 1.19 to 1.26 (Green Tea, the 1.26 default
 * collector, changes how marking is scheduled, not the goal or the trigger). Inputs that the
 * runtime measures while running (the cons/mark ratio behind the runway, the stack and globals
 * scan work) are parameters ({@link GcSettings}); what changed between releases is a
 * {@link GcSettings#version() version} rule here: the memory limit's headroom.
 *
 * <p>Invariant: trigger <= goal, and both are at least heapMarked (the live heap after the last
 * cycle), as trigger() and heapGoalInternal() guarantee in the runtime.
 */
public final class GcPacer {

    /** defaultHeapMinimum: the heap goal never falls below 4 MiB * GOGC/100. */
    public static final long DEFAULT_HEAP_MINIMUM = 4L << 20;
    /** sweepMinHeapDistance (mgc.go): the sweeper's runway after a cycle. */
    static final long SWEEP_MIN_HEAP_DISTANCE = 1L << 20;
    /** memoryLimitHeapGoalHeadroom (1.19); memoryLimitMinHeapGoalHeadroom (1.21+). */
    static final long MEMORY_LIMIT_HEADROOM = 1L << 20;
    /** memoryLimitHeapGoalHeadroomPercent (1.21+). */
    static final long MEMORY_LIMIT_HEADROOM_PERCENT = 3;
    /** triggerRatioDen, minTriggerRatioNum (~0.7), maxTriggerRatioNum (~0.95). */
    private static final long TRIGGER_RATIO_DEN = 64;
    private static final long MIN_TRIGGER_RATIO_NUM = 45;
    private static final long MAX_TRIGGER_RATIO_NUM = 61;

    private final GcSettings s;
    private long heapMarked;
    private long sweepDistMinTrigger;

    /** A pacer as after runtime.GC() and a setGCPercent: heapMarked = the rest of the program's live heap. */
    GcPacer(GcSettings s) {
        this.s = s;
        this.heapMarked = s.otherLiveBytes();
    }

    /** heapMinimum = defaultHeapMinimum * GOGC/100 (setGCPercent). */
    long heapMinimum() {
        return s.gcOff() ? 0 : DEFAULT_HEAP_MINIMUM * s.gogc() / 100;
    }

    /** The live heap the last cycle marked. */
    public long heapMarked() {
        return heapMarked;
    }

    /** The goal and the lowest trigger it allows: heapGoalInternal(). */
    private long[] heapGoalInternal(long heapInUse) {
        long goal = gcPercentHeapGoal();
        long minTrigger = 0;
        long limitGoal = memoryLimitHeapGoal(heapInUse);
        if (limitGoal < goal) {
            goal = limitGoal;
        } else if (sweepDistMinTrigger > goal) {
            // The sweeper's minimum distance may push the goal up, never in the memory-limit regime.
            goal = sweepDistMinTrigger;
            minTrigger = sweepDistMinTrigger;
        } else {
            minTrigger = sweepDistMinTrigger;
        }
        return new long[] {goal, minTrigger};
    }

    /** commit()'s gcPercentHeapGoal: heapMarked + (heapMarked + stacks + globals) * GOGC/100, at least heapMinimum. */
    long gcPercentHeapGoal() {
        long goal = Long.MAX_VALUE;
        if (!s.gcOff()) {
            goal = heapMarked + (heapMarked + s.rootScanBytes()) * s.gogc() / 100;
        }
        return Math.max(goal, heapMinimum());
    }

    /**
     * memoryLimitHeapGoal(): the limit minus memory that holds no heap objects and minus any overage,
     * less the headroom (never leaving less than the headroom itself), never below heapMarked. The
     * headroom is 1 MiB in Go 1.19 (mgcpacer.go:1118), 3% of that goal but at least 1 MiB from 1.21
     * (1.24 mgcpacer.go:1062, 1.26:1144). Mapped memory is modelled as heap in use plus the non-heap
     * bytes: no fragmentation, no free memory kept mapped.
     */
    long memoryLimitHeapGoal(long heapInUse) {
        long limit = s.memoryLimit();
        if (limit == GcSettings.NO_MEMORY_LIMIT) {
            return Long.MAX_VALUE;
        }
        long nonHeap = s.nonHeapBytes();
        long mappedReady = heapInUse + nonHeap;
        long overage = Math.max(mappedReady - limit, 0);
        if (nonHeap + overage >= limit) {
            return heapMarked;
        }
        long goal = limit - (nonHeap + overage);
        long headroom = headroom(goal);
        if (goal < headroom || goal - headroom < headroom) {
            goal = headroom;
        } else {
            goal -= headroom;
        }
        return Math.max(goal, heapMarked);
    }

    /** The memory limit's headroom below {@code goal} in this release. */
    long headroom(long goal) {
        if (s.version() == GoVersion.GO1_19) {
            return MEMORY_LIMIT_HEADROOM;
        }
        return Math.max(goal / 100 * MEMORY_LIMIT_HEADROOM_PERCENT, MEMORY_LIMIT_HEADROOM);
    }

    /** heapGoal(): the heap size the pacer aims to finish the next cycle by. */
    public long goal(long heapInUse) {
        return heapGoalInternal(heapInUse)[0];
    }

    /**
     * trigger(): a cycle starts when heapLive reaches this. It lies between 0.7 and 0.95 of the way
     * from heapMarked to the goal (or goal - 4 MiB for large goals), at goal - runway within those
     * bounds; with no runway, at the upper bound.
     */
    public long trigger(long heapInUse) {
        long[] gm = heapGoalInternal(heapInUse);
        long goal = gm[0];
        long minTrigger = gm[1];
        if (heapMarked >= goal) {
            return goal;
        }
        if (minTrigger < heapMarked) {
            minTrigger = heapMarked;
        }
        long lowerBound = (goal - heapMarked) / TRIGGER_RATIO_DEN * MIN_TRIGGER_RATIO_NUM + heapMarked;
        if (minTrigger < lowerBound) {
            minTrigger = lowerBound;
        }
        long maxTrigger = (goal - heapMarked) / TRIGGER_RATIO_DEN * MAX_TRIGGER_RATIO_NUM + heapMarked;
        if (goal > DEFAULT_HEAP_MINIMUM && goal - DEFAULT_HEAP_MINIMUM > maxTrigger) {
            maxTrigger = goal - DEFAULT_HEAP_MINIMUM;
        }
        if (maxTrigger < minTrigger) {
            maxTrigger = minTrigger;
        }
        long trigger = s.runway() > goal ? minTrigger : goal - s.runway();
        return Math.min(Math.max(trigger, minTrigger), maxTrigger);
    }

    /** gcTrigger{kind: gcTriggerHeap}.test(): heapLive >= trigger (never with GOGC=off and no limit). */
    boolean shouldStart(long heapLive) {
        return shouldStart(heapLive, heapLive);
    }

    /** The same test with heapLive and the heap in use (HeapAlloc, which the memory limit sees) apart. */
    boolean shouldStart(long heapLive, long heapInUse) {
        return goal(heapInUse) != Long.MAX_VALUE && heapLive >= trigger(heapInUse);
    }

    /**
     * The end of a cycle: resetLive(bytesMarked), then gcControllerCommit with the sweep just begun,
     * which keeps the next goal at least 1 MiB (sweepMinHeapDistance) above the marked heap.
     */
    void endCycle(long bytesMarked) {
        heapMarked = bytesMarked;
        sweepDistMinTrigger = bytesMarked + SWEEP_MIN_HEAP_DISTANCE;
    }
}
