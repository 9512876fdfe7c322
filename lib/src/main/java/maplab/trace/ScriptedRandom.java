package maplab.trace;

import java.util.ArrayDeque;
import maplab.engine.Draw;
import maplab.engine.RandomSource;

/**
 * A random source that hands the model exactly the values a real runtime drew: each new seed as
 * it appears in the trace's summary, each iterator start. A draw the runtime did not make (or
 * one of a kind the trace cannot give) is a divergence, not a silent guess.
 */
final class ScriptedRandom implements RandomSource {

    private final ArrayDeque<Long> seeds = new ArrayDeque<>();
    private final ArrayDeque<Long> starts = new ArrayDeque<>();

    void seed(long hash0) {
        seeds.add(hash0);
    }

    void start(long r) {
        starts.add(r);
    }

    /** Forgets values the model did not ask for; the state comparison reports the consequence. */
    void reset() {
        seeds.clear();
        starts.clear();
    }

    @Override
    public long next(Draw purpose) {
        switch (purpose) {
            case HASH_SEED:
                if (seeds.isEmpty()) {
                    throw new ReplayDivergence("summary.hash0", "the seed kept (the runtime drew none)",
                            "the model drew a new hash seed");
                }
                return seeds.poll();
            case ITER_START:
                if (starts.isEmpty()) {
                    throw new ReplayDivergence("start", "no iterator start drawn", "the model drew one");
                }
                return starts.poll();
            default:
                throw new ReplayDivergence("random", "no " + purpose + " draw (trace format 1 keeps B < 16)",
                        "the model drew for " + purpose);
        }
    }
}
