package maplab.engine;

/** The two maps Go has had: which one a release uses is {@link GoVersion#engine()}. */
public enum Engine {
    /** The bucket map of runtime/map.go (Go 1.0-1.23; MapLab models 1.19-1.23). */
    CLASSIC("classic bucket map"),
    /** The Swiss-table map of internal/runtime/maps (Go 1.24 and later). */
    SWISS("Swiss-table map");

    private final String displayName;

    Engine(String displayName) {
        this.displayName = displayName;
    }

    /** "classic bucket map" or "Swiss-table map", for messages and tables. */
    public String displayName() {
        return displayName;
    }
}
