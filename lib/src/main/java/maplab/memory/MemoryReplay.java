package maplab.memory;

import java.io.IOException;
import maplab.engine.GoType;
import maplab.engine.Hasher;
import maplab.engine.GoMap;
import maplab.engine.GoVersion;
import maplab.engine.MapIterator;
import maplab.engine.MapState;
import maplab.engine.MapType;

/**
 * Replays a measured workload on the heap model, with the hashes the runtime computed. Keys are
 * numbered as in oracle/internal/memkit: key i is i (uint64) or "key-i" (string); elem i is 3i (uint64),
 * "i" (string), a [200]byte starting with byte i, or struct{}.
 */
final class MemoryReplay {

    /** The map's hash function as the runtime computed it: the hash of key number i, per phase. */
    private static final class Recorded implements Hasher {
        long[] byKey;

        @Override
        public long hash(Object key, long seed) {
            return byKey[index(key)];
        }
    }

    private MemoryReplay() {
    }

    static int index(Object key) {
        if (key instanceof Long l) {
            return Math.toIntExact(l);
        }
        if (key instanceof String s && s.startsWith("key-")) {
            return Integer.parseInt(s.substring(4));
        }
        throw new IllegalArgumentException("not a key of the memory workloads: " + key);
    }

    static Object key(GoType t, int i) {
        return switch (t.name()) {
            case "uint64" -> (long) i;
            case "string" -> "key-" + i;
            default -> throw new IllegalArgumentException("unsupported key type " + t.name());
        };
    }

    static Object elem(GoType t, int i) {
        if (t.name().equals("uint64")) {
            return 3L * i;
        }
        if (t.name().equals("string")) {
            return Integer.toString(i);
        }
        if (t.name().equals("struct{}")) {
            return GoType.Empty.VALUE;
        }
        if (t.name().equals("[200]byte")) {
            byte[] b = new byte[200];
            b[0] = (byte) i;
            return b;
        }
        throw new IllegalArgumentException("unsupported elem type " + t.name());
    }

    /** The bytes the model says the map keeps alive: its objects left after a forced collection. */
    record Live(long bytes, MapState map, boolean hasObjectsOf96Bytes) {
    }

    static Live live(RuntimeMeasurements r, RuntimeMeasurements.LiveBytes w) throws IOException {
        MapType type = MapType.of(w.keyType(), w.elemType());
        int n = w.phases().stream().mapToInt(RuntimeMeasurements.Phase::to).max().orElse(0);
        Recorded hasher = new Recorded();
        hasher.byKey = new long[n];
        GoHeap heap = new GoHeap(GcSettings.defaults().runtimeVersion(r.go()).gogcOff());
        GoMap m = heap.newMap(type, b -> (w.hint() < 0 ? b : b.hint(w.hint())).hasher(hasher));
        // The workload's range loop: started by "iter", run to its end by "iterdone", never
        // closed, so that it stays referenced as the oracle's iterator does until the reading.
        MapIterator[] loop = new MapIterator[1];
        for (RuntimeMeasurements.Phase p : w.phases()) {
            switch (p.op()) {
                case "set", "delete" -> {
                    long[] h = r.hashes(p.hashes(), p.to() - p.from());
                    System.arraycopy(h, 0, hasher.byKey, p.from(), h.length);
                    for (int i = p.from(); i < p.to(); i++) {
                        Object k = key(type.key(), i);
                        if (p.op().equals("set")) {
                            Object e = elem(type.elem(), i);
                            heap.op(() -> m.set(k, e));
                        } else {
                            heap.op(() -> m.delete(k));
                        }
                    }
                }
                case "clear" -> heap.op(m::clear);
                case "iter" -> loop[0] = heap.op(m::iterate);
                case "iterdone" -> {
                    if (loop[0] == null) {
                        throw new IOException(w.name() + ": phase iterdone before any iter");
                    }
                    MapIterator it = loop[0];
                    while (it.hasEntry()) {
                        heap.op(it::next);
                    }
                }
                default -> throw new IOException(w.name() + ": unknown phase " + p.op());
            }
        }
        heap.gc();
        boolean has96 = heap.timeline().objects().stream()
                .anyMatch(o -> o.freed() < 0 && o.bytes() == RuntimeMeasurements.RUNTIME_NOISE_CLASS);
        return new Live(heap.mapBytes(), m.snapshot(), has96);
    }

    /** The model's cycles while the workload's N keys go into a new map[uint64]uint64. */
    static GoHeap gcCount(RuntimeMeasurements r, RuntimeMeasurements.GcCount w, long rootScanBytes)
            throws IOException {
        Recorded hasher = new Recorded();
        hasher.byKey = r.hashes(w.hashes(), w.n());
        // heapLive as the runtime counts it: the trigger test compares it, not HeapAlloc, with the trigger.
        GoHeap heap = new GoHeap(GcSettings.defaults().runtimeVersion(r.go()).spanCache(true).gogc(w.gogc())
                .otherLiveBytes(w.baseHeapAlloc())
                .rootScanBytes(rootScanBytes));
        GoMap m = heap.newMap(MapType.of("uint64", "uint64"), b -> b.hasher(hasher));
        for (int i = 0; i < w.n(); i++) {
            long k = i;
            heap.op(() -> m.set(k, k));
        }
        return heap;
    }
}
