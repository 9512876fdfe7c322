package maplab.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The choices of {@code make(map[K]V[, hint])} that every engine takes: the Go release, the hint,
 * the hash function, the random source of seeds and iterator starts, and listeners. The engines'
 * builders ({@code ClassicMap.builder}, {@code SwissMap.builder}) and {@link GoMaps#builder}
 * extend it.
 *
 * @param <B> the builder's own type, so that each option returns it
 * @param <M> the map it builds
 */
public abstract class MapBuilder<B extends MapBuilder<B, M>, M extends GoMap> {

    private final MapType type;
    private final Engine only;
    private final String mapClass;
    private GoVersion version;
    private long hint = -1;
    private Hasher hasher = StandardHasher.INSTANCE;
    private RandomSource random;
    private long seed = 1;
    private final List<MapListener> listeners = new ArrayList<>();

    /**
     * @param only the engine this builder's map models, or null for any; a release of the other
     *     engine is refused at once, naming the class to use
     */
    protected MapBuilder(MapType type, GoVersion defaultVersion, Engine only, String mapClass) {
        this.type = Objects.requireNonNull(type, "map type");
        this.version = defaultVersion;
        this.only = only;
        this.mapClass = mapClass;
    }

    /** The Go release to model, e.g. "1.19" or "1.26". */
    public B go(String release) {
        return go(GoVersion.parse(release));
    }

    public B go(GoVersion version) {
        Objects.requireNonNull(version, "Go version");
        if (only != null && version.engine() != only) {
            throw new IllegalArgumentException("Go " + version.release() + " has the " + version.engine().displayName()
                    + ", not the " + only.displayName() + " that " + mapClass + " models; use GoMaps.make(type, \""
                    + version.release() + "\") for any release");
        }
        this.version = version;
        return self();
    }

    /** make(map[K]V, hint). Without it, make(map[K]V). */
    public B hint(long hint) {
        if (hint < 0) {
            throw new IllegalArgumentException("hint must be >= 0, got " + hint + ": Go refuses a negative "
                    + "constant hint at compile time and treats a negative variable as 0; pass 0, or leave "
                    + "the hint out for make(map[K]V) (hint -1 in a trace)");
        }
        this.hint = hint;
        return self();
    }

    public B hasher(Hasher hasher) {
        this.hasher = Objects.requireNonNull(hasher, "hasher");
        return self();
    }

    /** The random source of seeds and iterator starts; overrides {@link #seed}. */
    public B random(RandomSource random) {
        this.random = Objects.requireNonNull(random, "random source");
        return self();
    }

    /** Seeds the default random source (default 1), for a reproducible run. */
    public B seed(long seed) {
        this.seed = seed;
        this.random = null;
        return self();
    }

    public B listener(MapListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
        return self();
    }

    /** make: draws the seed and allocates what the runtime allocates for the hint. */
    public abstract M build();

    /** The choices made, with the random source resolved. */
    protected MapSpec spec() {
        return new MapSpec(type, version, hint, hasher, random != null ? random : RandomSource.seeded(seed),
                List.copyOf(listeners));
    }

    @SuppressWarnings("unchecked")
    private B self() {
        return (B) this;
    }

    /**
     * What {@code make} was asked for.
     *
     * @param hint the hint, or -1 for make(map[K]V)
     */
    public record MapSpec(MapType type, GoVersion version, long hint, Hasher hasher, RandomSource random,
                          List<MapListener> listeners) {
    }
}
