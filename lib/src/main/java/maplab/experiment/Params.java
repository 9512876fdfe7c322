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

    /** Parses a Go release ("1.19", "1.21", "1.22", "1.23"), naming the parameter on failure. */
    static GoVersion go(String release) {
        if (release == null) {
            throw new IllegalArgumentException("go release must be one of 1.19, 1.21, 1.22, 1.23, got null");
        }
        try {
            return GoVersion.parse(release);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("go release: " + e.getMessage(), e);
        }
    }
}
