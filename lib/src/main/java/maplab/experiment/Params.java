package maplab.experiment;

import maplab.engine.GoVersion;

/** Argument checks: each failure is an IllegalArgumentException naming the parameter and the value. */
final class Params {

    private Params() {
    }

    static int atLeast(String name, int value, int min) {
        if (value < min) {
            throw new IllegalArgumentException(name + " must be >= " + min + ", got " + value);
        }
        return value;
    }

    static int between(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " must be in " + min + ".." + max + ", got " + value);
        }
        return value;
    }

    static long between(String name, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " must be in " + min + ".." + max + ", got " + value);
        }
        return value;
    }

    /** Parses a Go release ("1.19" ... "1.26"), naming the parameter on failure. */
    static GoVersion go(String release) {
        if (release == null) {
            throw new IllegalArgumentException("go release must be one of 1.19, 1.21, 1.22, 1.23, 1.24, 1.25, 1.26, got null");
        }
        try {
            return GoVersion.parse(release);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("go release: " + e.getMessage(), e);
        }
    }

    /** Parses the releases an experiment runs on, side by side: at least one, none twice. */
    static java.util.List<GoVersion> releases(String... releases) {
        if (releases == null || releases.length == 0) {
            throw new IllegalArgumentException("name at least one Go release, e.g. \"1.19\" or \"1.19\", \"1.26\"");
        }
        java.util.List<GoVersion> out = new java.util.ArrayList<>();
        for (String r : releases) {
            GoVersion v = go(r);
            if (out.contains(v)) {
                throw new IllegalArgumentException("go release " + v.release() + " is named twice");
            }
            out.add(v);
        }
        return out;
    }

    /** A classic release for an experiment of what only the classic map has, saying what to use instead. */
    static GoVersion classic(String release, String what, String swissInstead) {
        GoVersion v = go(release);
        if (v.engine() != maplab.engine.Engine.CLASSIC) {
            throw new IllegalArgumentException(what + " is the classic map's (Go 1.19-1.23); Go " + v.release()
                    + " has Swiss tables: " + swissInstead);
        }
        return v;
    }
}
