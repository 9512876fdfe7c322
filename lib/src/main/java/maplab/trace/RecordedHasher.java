package maplab.trace;

import java.util.HashMap;
import java.util.Map;
import maplab.engine.GoType;
import maplab.engine.Hasher;

/**
 * The hashes a real runtime computed, as a trace recorded them: each line with a key gives that
 * key's hash under the seed in force. A live key's hash never changes (the seed changes only
 * when the map is empty), so the latest hash of a key is its hash for as long as it is live.
 */
final class RecordedHasher implements Hasher {

    private final Map<Object, Long> hashes = new HashMap<>();

    void record(Object key, long hash) {
        hashes.put(key, hash);
    }

    @Override
    public long hash(Object key, long seed) {
        Long h = hashes.get(key);
        if (h == null) {
            throw new ReplayDivergence("hash", "a recorded hash", "the model hashed " + GoType.show(key)
                    + ", a key no trace line gave a hash for");
        }
        return h;
    }
}
