package maplab.race;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Random schedules by probabilistic concurrency testing (PCT; Burckhardt et al., ASPLOS 2010), for
 * scenarios too large to enumerate: each execution gives the goroutines random distinct
 * priorities and picks depth-1 random change points among the steps; the enabled goroutine of
 * highest priority runs, and at the i-th change point the running goroutine drops below all
 * others. A bug that needs d ordering constraints is found with probability at least
 * 1/(n k^(d-1)) per execution, for n goroutines and k steps.
 */
final class PctSearch implements Strategy {

    private final int goroutines;
    private final int depth;
    private final long runs;
    private final SplittableRandom random;
    private final int[] priority;
    private int[] changePoints;
    /** The longest execution seen, in points: the range change points are drawn from. */
    private int steps = 64;
    private int longest;
    private long done;

    PctSearch(int goroutines, int depth, long runs, long seed) {
        if (depth < 1) {
            throw new IllegalArgumentException("PCT depth " + depth + " must be at least 1");
        }
        if (runs < 1) {
            throw new IllegalArgumentException("schedules " + runs + " must be at least 1");
        }
        this.goroutines = goroutines;
        this.depth = depth;
        this.runs = runs;
        this.random = new SplittableRandom(seed);
        this.priority = new int[goroutines];
        prepare();
    }

    private void prepare() {
        // Distinct initial priorities depth..depth+n-1 in random order; change points take 1..depth-1.
        for (int g = 0; g < goroutines; g++) {
            priority[g] = depth + g;
        }
        for (int g = goroutines - 1; g > 0; g--) {
            int j = random.nextInt(g + 1);
            int t = priority[g];
            priority[g] = priority[j];
            priority[j] = t;
        }
        changePoints = new int[depth - 1];
        for (int i = 0; i < changePoints.length; i++) {
            changePoints[i] = random.nextInt(steps);
        }
        longest = 0;
    }

    @Override
    public int choose(int point, int cur, long en) {
        longest = Math.max(longest, point + 1);
        if (cur >= 0) {
            for (int i = 0; i < changePoints.length; i++) {
                if (changePoints[i] == point) {
                    priority[cur] = depth - 1 - i;
                }
            }
        }
        int best = -1;
        for (long m = en; m != 0; m &= m - 1) {
            int g = Long.numberOfTrailingZeros(m);
            if (best < 0 || priority[g] > priority[best]) {
                best = g;
            }
        }
        return best;
    }

    @Override
    public boolean advance() {
        steps = Math.max(steps, longest);
        if (++done >= runs) {
            return false;
        }
        prepare();
        return true;
    }

    @Override
    public String toString() {
        return "PCT depth " + depth + ", priorities " + Arrays.toString(priority);
    }
}
