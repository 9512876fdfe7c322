package maplab.engine;

import java.util.EnumMap;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * Makes a map of any modelled Go release, with the engine that release has:
 *
 * <pre>
 *   GoMap old = GoMaps.make(MapType.of("uint64", "uint64"), "1.19");   // classic buckets
 *   GoMap now = GoMaps.builder(MapType.of("uint64", "uint64")).go("1.26").hint(100).seed(7).build();
 * </pre>
 */
public final class GoMaps {

    /** The release {@link #builder} models unless told otherwise: the newest one. */
    public static final GoVersion DEFAULT = GoVersion.GO1_26;

    private static final Map<Engine, EngineProvider> PROVIDERS = load();

    private GoMaps() {
    }

    private static Map<Engine, EngineProvider> load() {
        Map<Engine, EngineProvider> m = new EnumMap<>(Engine.class);
        for (EngineProvider p : ServiceLoader.load(EngineProvider.class, GoMaps.class.getClassLoader())) {
            m.put(p.engine(), p);
        }
        return m;
    }

    /** make(map[K]V) in Go {@code release} ("1.19" ... "1.26"), seed 1. */
    public static GoMap make(MapType type, String release) {
        return builder(type).go(release).build();
    }

    /** Starts describing make(map[K]V) of this type; Go 1.26 unless {@code .go(...)} says otherwise. */
    public static Builder builder(MapType type) {
        return new Builder(type);
    }

    /** The builder of {@link GoMaps}: every option of {@link MapBuilder}, for any engine. */
    public static final class Builder extends MapBuilder<Builder, GoMap> {

        private Builder(MapType type) {
            super(type, DEFAULT, null, "GoMaps");
        }

        @Override
        public GoMap build() {
            MapSpec spec = spec();
            EngineProvider p = PROVIDERS.get(spec.version().engine());
            if (p == null) {
                throw new IllegalStateException("no " + spec.version().engine() + " engine on the class path "
                        + "(META-INF/services/maplab.engine.EngineProvider)");
            }
            return p.make(spec);
        }
    }
}
