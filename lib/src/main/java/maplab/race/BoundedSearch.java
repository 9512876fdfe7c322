package maplab.race;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Exhaustive enumeration of schedules with at most a given number of preemptions, by stateless
 * depth-first search, as in CHESS (Musuvathi and Qadeer, PLDI 2007): every execution replays the
 * choices of the previous one up to the deepest point that still has an untried alternative
 * within the bound, takes that alternative, and continues with the default choice (the running
 * goroutine, else the lowest enabled one). Switching when the running goroutine blocks or ends
 * is free. Executions are deterministic, so a replayed prefix reaches the same points.
 *
 * <p>The search can be cut into subtrees for parallel workers ({@link #split}): a subtree is a
 * fixed prefix of choices, below which a search of its own backtracks. In the order of the whole
 * search, a subtree's schedules come together and in the order of its {@link Subtree#key}.
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
    /** Points below this belong to the fixed prefix of this search's subtree: it never backtracks there. */
    private int floor;
    /** Points below this were handed over with the prefix and are not executed yet: learnt, not checked. */
    private int unseen;

    /**
     * A subtree: the search of it, and its place in the order of the whole search, one rank per
     * point of its prefix (-1 for going on with the running goroutine, else the goroutine
     * chosen), compared lexicographically; a missing rank counts as below every rank.
     */
    record Subtree(int[] key, BoundedSearch search) { }

    BoundedSearch(int bound) {
        if (bound < 0) {
            throw new IllegalArgumentException("preemption bound " + bound + " is negative");
        }
        this.bound = bound;
    }

    /** The search of one subtree: every schedule that starts with {@code prefix}, within the bound. */
    BoundedSearch(int bound, int[] prefix) {
        this(bound);
        while (chosen.length <= prefix.length) {
            grow();
        }
        System.arraycopy(prefix, 0, chosen, 0, prefix.length);
        replay = floor = unseen = prefix.length;
    }

    @Override
    public int choose(int point, int cur, long en) {
        if (point >= chosen.length) {
            grow();
        }
        depth = point + 1;
        if (point < unseen) {
            int c = chosen[point];
            if ((en & (1L << c)) == 0) {
                throw new IllegalStateException("schedule replay diverged at point " + point
                        + ": the scenario does not behave deterministically");
            }
            enabled[point] = en;
            current[point] = cur;
            preemptions[point + 1] = preemptions[point] + (cur >= 0 && c != cur ? 1 : 0);
            return c;
        }
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
        unseen = 0;
        for (int d = depth - 1; d >= floor; d--) {
            int alt = nextAlternative(d, chosen[d]);
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
     * Gives away the shallowest untried alternatives of this search, after {@link #advance}
     * returned true: the subtrees of every alternative left at the shallowest point that has
     * some, in the search's order; this search then keeps only what is below its next execution
     * at that point. Empty if nothing is left to give.
     */
    List<Subtree> split() {
        List<Subtree> out = new ArrayList<>();
        for (int d = floor; d < replay; d++) {
            for (int alt = nextAlternative(d, chosen[d]); alt >= 0; alt = nextAlternative(d, alt)) {
                int[] prefix = Arrays.copyOf(chosen, d + 1);
                prefix[d] = alt;
                int[] key = new int[d + 1];
                for (int p = 0; p < d; p++) {
                    key[p] = chosen[p] == current[p] ? -1 : chosen[p];
                }
                key[d] = alt; // never the running goroutine: that one comes first
                out.add(new Subtree(key, new BoundedSearch(bound, prefix)));
            }
            if (!out.isEmpty()) {
                floor = d + 1;
                return out;
            }
        }
        return out;
    }

    /**
     * The alternative after {@code after} at point d in the order: the running goroutine first,
     * then the others by number; -1 if none is left within the bound.
     */
    private int nextAlternative(int d, int after) {
        int cur = current[d];
        long others = enabled[d] & ~(cur >= 0 ? 1L << cur : 0);
        if (cur >= 0 && preemptions[d] + 1 > bound) {
            return -1; // every alternative to the running goroutine is a preemption too many
        }
        long later = after == cur ? others : others & (-1L << (after + 1));
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
