package maplab.engine.classic;

import java.util.Locale;

/**
 * The Go releases whose classic map this engine models, and the rules in which they differ
 * (../shared/go-map-classic.md section 14, checked against the Debian source packages).
 */
public enum GoVersion {
    GO1_19("1.19", 13, false, false, false),
    GO1_21("1.21", 12, true, false, false),
    GO1_22("1.22", 13, true, true, true),
    GO1_23("1.23", 13, true, true, true);

    private final String release;
    private final int loadFactorNum;
    private final boolean clearMarksEmptyRest;
    private final boolean mallocHeaders;
    private final boolean rand64;

    GoVersion(String release, int loadFactorNum, boolean clearMarksEmptyRest, boolean mallocHeaders,
              boolean rand64) {
        this.release = release;
        this.loadFactorNum = loadFactorNum;
        this.clearMarksEmptyRest = clearMarksEmptyRest;
        this.mallocHeaders = mallocHeaders;
        this.rand64 = rand64;
    }

    /**
     * Parses "1.19", "go1.21", "go1.22.12" or "GO1_23". Go 1.20 is refused: no 1.20 source was
     * available to check, and a model must not guess.
     */
    public static GoVersion parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("Go version is null; use one of 1.19, 1.21, 1.22, 1.23");
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
        throw new IllegalArgumentException("unsupported Go version '" + text + "' for the classic map; use "
                + "one of 1.19, 1.21, 1.22, 1.23 (Go 1.24+ uses Swiss tables)");
    }

    /** "1.19", ... */
    public String release() { return release; }

    /** loadFactorNum over loadFactorDen = 2: 13 (6.5) except in Go 1.21, where it truncated to 12 (6). */
    public int loadFactorNum() { return loadFactorNum; }

    /** Whether mapclear first sets every tophash of every chain to emptyRest (Go 1.21-1.23, issue 59411). */
    public boolean clearMarksEmptyRest() { return clearMarksEmptyRest; }

    /** Whether roundupsize adds malloc headers for pointerful objects over 512 bytes (Go 1.22+). */
    public boolean mallocHeaders() { return mallocHeaders; }

    /** Whether every draw is a 64-bit rand() (Go 1.22+) rather than a 32-bit fastrand. */
    public boolean rand64() { return rand64; }

    @Override
    public String toString() {
        return "go" + release;
    }
}
