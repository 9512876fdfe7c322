package maplab.experiment.claims;

import java.util.List;

/**
 * The two designs of Go's map that a claim can be checked on. A verdict is always about one of
 * them: a claim true of the classic bucket map can be false of Swiss tables, and the other way
 * round.
 */
public enum MapEngine {
    /** runtime/map.go: buckets of 8 slots, tophash, overflow chains, incremental growth. */
    CLASSIC("classic buckets", "Go 1.19–1.23", List.of("1.19", "1.21", "1.22", "1.23")),
    /** internal/runtime/maps: Swiss tables (groups with control bytes, open addressing). */
    SWISS("Swiss tables", "Go 1.24+", List.of("1.24", "1.25", "1.26"));

    private final String design;
    private final String span;
    private final List<String> releases;

    MapEngine(String design, String span, List<String> releases) {
        this.design = design;
        this.span = span;
        this.releases = releases;
    }

    /** "classic buckets", "Swiss tables". */
    public String design() { return design; }

    /** The Go releases with this design, as text: "Go 1.19–1.23", "Go 1.24+". */
    public String span() { return span; }

    /**
     * The releases an experiment may run on: those whose source was checked (Go 1.20 was not
     * available, so the classic engine refuses it).
     */
    public List<String> releases() { return releases; }

    @Override
    public String toString() {
        return design + " (" + span + ")";
    }
}
