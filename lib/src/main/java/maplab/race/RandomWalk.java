package maplab.race;

import java.util.SplittableRandom;

/**
 * Random schedules in which every scheduling point picks one of the enabled goroutines
 * uniformly: goroutines advance step by step at about the same pace, as they do when they run
 * truly in parallel on several cores after starting together. Such near-lockstep schedules have
 * many preemptions, beyond any small bound and rare under PCT, and they are the ones in which
 * two writers both pass the hashWriting checks (see {@link Explorer#walk}).
 */
final class RandomWalk implements Strategy {

    private final long runs;
    private final SplittableRandom random;
    private long done;

    RandomWalk(long runs, long seed) {
        if (runs < 1) {
            throw new IllegalArgumentException("schedules " + runs + " must be at least 1");
        }
        this.runs = runs;
        this.random = new SplittableRandom(seed);
    }

    @Override
    public int choose(int point, int current, long enabled) {
        int k = random.nextInt(Long.bitCount(enabled));
        long m = enabled;
        for (int i = 0; i < k; i++) {
            m &= m - 1;
        }
        return Long.numberOfTrailingZeros(m);
    }

    @Override
    public boolean advance() {
        return ++done < runs;
    }
}
