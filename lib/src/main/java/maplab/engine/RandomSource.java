package maplab.engine;

import java.util.SplittableRandom;

/**
 * The one source of every random number a map model uses, so that a run is reproducible from a
 * seed and a replay can feed the values a real runtime drew. Each call returns 64 random bits;
 * the engine keeps as many as the modelled runtime uses (fastrand is 32 bits, rand() 64).
 */
@FunctionalInterface
public interface RandomSource {

    /** The next 64 random bits, drawn for {@code purpose}. */
    long next(Draw purpose);

    /** A reproducible source: the same seed gives the same draws in the same order. */
    static RandomSource seeded(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        return purpose -> random.nextLong();
    }
}
