package maplab.engine;

import java.util.Locale;

/**
 * The Go releases MapLab models, the map engine each one has, and the rules in which releases of
 * one engine differ. Every difference is data here, checked against the Debian source packages of
 * each release (docs/go-map-classic.md, docs/go-map-swiss.md): the engines read these flags and
 * never test a release by name.
 *
 * <p>Go 1.20 is missing on purpose: its source was not available to check (it is bracketed by
 * 1.19 and 1.21), and a model must not guess.
 */
public enum GoVersion {
    //       release engine     loadFactorNum clearMarksEmptyRest mallocHeaders rand64 tombstonePossible prune
    GO1_19("1.19", Engine.CLASSIC, 13, false, false, false, false, false),
    GO1_21("1.21", Engine.CLASSIC, 12, true, false, false, false, false),
    GO1_22("1.22", Engine.CLASSIC, 13, true, true, true, false, false),
    GO1_23("1.23", Engine.CLASSIC, 13, true, true, true, false, false),
    GO1_24("1.24", Engine.SWISS, 0, false, true, true, false, false),
    GO1_25("1.25", Engine.SWISS, 0, false, true, true, true, true),
    GO1_26("1.26", Engine.SWISS, 0, false, true, true, true, true);

    private final String release;
    private final Engine engine;
    private final int loadFactorNum;
    private final boolean clearMarksEmptyRest;
    private final boolean mallocHeaders;
    private final boolean rand64;
    private final boolean tombstonePossible;
    private final boolean pruneTombstones;

    GoVersion(String release, Engine engine, int loadFactorNum, boolean clearMarksEmptyRest,
              boolean mallocHeaders, boolean rand64, boolean tombstonePossible, boolean pruneTombstones) {
        this.release = release;
        this.engine = engine;
        this.loadFactorNum = loadFactorNum;
        this.clearMarksEmptyRest = clearMarksEmptyRest;
        this.mallocHeaders = mallocHeaders;
        this.rand64 = rand64;
        this.tombstonePossible = tombstonePossible;
        this.pruneTombstones = pruneTombstones;
    }

    /** The releases with the classic bucket map: 1.19, 1.21, 1.22, 1.23. */
    public static final java.util.List<GoVersion> CLASSIC = java.util.List.of(GO1_19, GO1_21, GO1_22, GO1_23);
    /** The releases with the Swiss-table map: 1.24, 1.25, 1.26. */
    public static final java.util.List<GoVersion> SWISS = java.util.List.of(GO1_24, GO1_25, GO1_26);

    /**
     * Parses "1.19", "go1.26", "go1.22.12" or "GO1_23". Go 1.20 is refused with the reason, and so
     * is any release MapLab does not model.
     */
    public static GoVersion parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("Go version is null; use one of " + releases());
        }
        String t = text.strip().toLowerCase(Locale.ROOT).replace('_', '.');
        if (t.startsWith("go")) {
            t = t.substring(2);
        }
        String[] parts = t.split("\\.");
        if (parts.length >= 2 && parts[0].equals("1")) {
            String release = "1." + parts[1];
            for (GoVersion v : values()) {
                if (v.release.equals(release)) {
                    return v;
                }
            }
            if (release.equals("1.20")) {
                throw new IllegalArgumentException("Go 1.20 is not modelled: its source was not available to "
                        + "check (it is bracketed by 1.19 and 1.21); use 1.19 or 1.21");
            }
        }
        throw new IllegalArgumentException("unsupported Go version '" + text + "'; use one of " + releases()
                + " (1.19-1.23 have the classic bucket map, 1.24+ Swiss tables)");
    }

    private static String releases() {
        StringBuilder s = new StringBuilder();
        for (GoVersion v : values()) {
            s.append(s.length() == 0 ? "" : ", ").append(v.release);
        }
        return s.toString();
    }

    /** "1.19", ... */
    public String release() { return release; }

    /** Which map this release has: the classic bucket map (1.19-1.23) or Swiss tables (1.24+). */
    public Engine engine() { return engine; }

    /**
     * Classic: loadFactorNum over loadFactorDen = 2: 13 (6.5) except in Go 1.21, where it
     * truncated to 12 (6). Swiss releases have no such constant (0): see maxAvgGroupLoad.
     */
    public int loadFactorNum() { return loadFactorNum; }

    /** Classic: whether mapclear first sets every tophash of every chain to emptyRest (Go 1.21-1.23, issue 59411). */
    public boolean clearMarksEmptyRest() { return clearMarksEmptyRest; }

    /** Whether roundupsize adds malloc headers for pointerful objects over 512 bytes (Go 1.22+). */
    public boolean mallocHeaders() { return mallocHeaders; }

    /** Whether every draw is a 64-bit rand() (Go 1.22+) rather than a 32-bit fastrand. */
    public boolean rand64() { return rand64; }

    /**
     * Swiss: whether Map has the tombstonePossible flag (1.25+), set by a delete that leaves a
     * tombstone, so that clear also runs on a map whose used count is 0.
     */
    public boolean tombstonePossible() { return tombstonePossible; }

    /**
     * Swiss: whether the fast32/fast64/faststr assign paths prune tombstones before a rehash
     * (pruneTombstones, 1.25+; the answer to golang/go issue 70886).
     */
    public boolean pruneTombstones() { return pruneTombstones; }

    @Override
    public String toString() {
        return "go" + release;
    }
}
