package maplab.experiment.claims;

import java.util.ArrayList;
import java.util.List;
import maplab.engine.ControlledHash;
import maplab.engine.EngineEvent;
import maplab.engine.GoMap;
import maplab.engine.Hasher;
import maplab.engine.classic.ClassicMap;
import maplab.engine.GoVersion;
import maplab.engine.MapListener;
import maplab.engine.MapType;
import maplab.engine.classic.Shared;
import maplab.engine.StepHook;

/**
 * The few ways the classic checks make and watch maps, in one place: every map is made through
 * the engine's public builder, and watched through its events and its step hook only.
 */
final class Lab {

    private Lab() {
    }

    static MapType type(String key, String elem) {
        return MapType.of(key, elem);
    }

    static GoVersion version(String release) {
        return GoVersion.parse(release);
    }

    /** make(map[key]elem) of that release, with the default hash. */
    static ClassicMap map(String key, String elem, String release, long seed) {
        return ClassicMap.builder(type(key, elem)).go(release).seed(seed).build();
    }

    /** make(map[key]elem) with a controlled hash. */
    static ClassicMap map(String key, String elem, String release, Hasher hash) {
        return ClassicMap.builder(type(key, elem)).go(release).seed(1).hasher(hash).build();
    }

    /** make(map[key]elem, hint). */
    static ClassicMap map(String key, String elem, String release, long seed, long hint) {
        return ClassicMap.builder(type(key, elem)).go(release).seed(seed).hint(hint).build();
    }

    /** Every key placed in bucket 0, the i-th (from 0) with tophash 0x41 + i. */
    static ControlledHash bucket0(Object... keys) {
        ControlledHash h = new ControlledHash();
        for (int i = 0; i < keys.length; i++) {
            h.place(keys[i], 0, 0x41 + i);
        }
        return h;
    }

    /** The events of one type that {@code op} causes, on either engine's map. */
    static <E extends EngineEvent> List<E> events(GoMap m, Class<E> type, Runnable op) {
        List<E> out = new ArrayList<>();
        MapListener l = e -> {
            if (type.isInstance(e)) {
                out.add(type.cast(e));
            }
        };
        m.listen(l);
        try {
            op.run();
        } finally {
            m.unlisten(l);
        }
        return out;
    }

    /** The bucket memory an operation reads, counted by field: the step hook sees every access. */
    record Reads(int tophash, int keys) { }

    static Reads reads(ClassicMap m, Runnable op) {
        int[] n = new int[2];
        StepHook count = (memory, field, slot, write) -> {
            if (!write && field == Shared.TOPHASH) {
                n[0]++;
            } else if (!write && field == Shared.KEY) {
                n[1]++;
            }
        };
        m.stepHook(count);
        try {
            op.run();
        } finally {
            m.stepHook(null);
        }
        return new Reads(n[0], n[1]);
    }

    /** "8, 13, 26, 52, …" for at most {@code shown} values. */
    static String list(List<?> values, int shown) {
        List<String> s = new ArrayList<>();
        for (int i = 0; i < Math.min(shown, values.size()); i++) {
            s.add(String.valueOf(values.get(i)));
        }
        return String.join(", ", s) + (values.size() > shown ? ", …" : "");
    }
}
