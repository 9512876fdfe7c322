package maplab.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The default hash's unboxed path for word keys agrees with the boxed one, bit for bit. */
class StandardHasherTest {

    @Test
    void hashWordEqualsHashOfTheBoxedKey() {
        SplittableRandom r = new SplittableRandom(7);
        long[] edges = {0, 1, -1, Long.MIN_VALUE, Long.MAX_VALUE, 0x9E3779B97F4A7C15L};
        for (int i = 0; i < 10_000; i++) {
            long key = i < edges.length ? edges[i] : r.nextLong();
            long seed = r.nextLong() & 0xffffffffL;
            assertEquals(StandardHasher.INSTANCE.hash(key, seed), StandardHasher.INSTANCE.hashWord(key, seed),
                    "key " + key + " seed " + seed);
        }
    }

    @Test
    void aHasherWithoutHashWordFallsBackToItsBoxedHash() {
        Hasher h = (key, seed) -> ((Long) key) * 31 + seed;
        assertEquals(h.hash(5L, 2), h.hashWord(5, 2));
    }
}
