package maplab.race;

import java.util.Arrays;

/**
 * Exhaustive enumeration of schedules with at most a given number of preemptions, by stateless
 * depth-first search, as in CHESS (Musuvathi and Qadeer, PLDI 2007): every execution replays the
 * choices of the previous one up to the deepest point that still has an untried alternative
 * within the bound, takes that alternative, and continues with the default choice (the running
 * goroutine, else the lowest enabled one). Switching when the running goroutine blocks or ends
 * is free. Executions are deterministic, so a replayed prefix reaches the same points.
 */
final class BoundedSearch implements Strategy {

    private final int bound;
    private int[] chosen = new int[64];
    private long[] enabled = new long[64];
    private int[] current = new int[64];
    private int[] preemptions = new int[65];
    /** Points of the current execution; points below {@link #replay} repeat the previous choices. */
    private int depth;
    private int replay;

    BoundedSearch(int bound) {
        if (bound < 0) {
            throw new IllegalArgumentException("preemption bound " + bound + " is negative");
        }
        this.bound = bound;
    }

    @Override
    public int choose(int point, int cur, long en) {
        if (point >= chosen.length) {
            grow();
        }
        depth = point + 1;
        if (point < replay) {
            if (enabled[point] != en || current[point] != cur) {
                throw new IllegalStateException("schedule replay diverged at point " + point
                        + ": the scenario does not behave deterministically");
            }
            return chosen[point];
        }
        enabled[point] = en;
        current[point] = cur;
        int c = cur >= 0 ? cur : Long.numberOfTrailingZeros(en);
        chosen[point] = c;
        preemptions[point + 1] = preemptions[point];
        return c;
    }

    @Override
    public boolean advance() {
        for (int d = depth - 1; d >= 0; d--) {
            int alt = nextAlternative(d);
            if (alt >= 0) {
                chosen[d] = alt;
                boolean preempts = current[d] >= 0 && alt != current[d];
                preemptions[d + 1] = preemptions[d] + (preempts ? 1 : 0);
                replay = d + 1;
                return true;
            }
        }
        return false;
    }

    /**
     * The alternative after chosen[d] in the order: the running goroutine first, then the others
     * by number; -1 if none is left within the bound.
     */
    private int nextAlternative(int d) {
        int cur = current[d];
        long others = enabled[d] & ~(cur >= 0 ? 1L << cur : 0);
        if (cur >= 0 && preemptions[d] + 1 > bound) {
            return -1; // every alternative to the running goroutine is a preemption too many
        }
        long later = chosen[d] == cur ? others : others & (-1L << (chosen[d] + 1));
        return later == 0 ? -1 : Long.numberOfTrailingZeros(later);
    }

    private void grow() {
        int n = chosen.length * 2;
        chosen = Arrays.copyOf(chosen, n);
        enabled = Arrays.copyOf(enabled, n);
        current = Arrays.copyOf(current, n);
        preemptions = Arrays.copyOf(preemptions, n + 1);
    }
}
