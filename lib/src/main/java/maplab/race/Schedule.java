package maplab.race;

import java.util.Arrays;

/**
 * One schedule: the hash seed of the map and, for each scheduling point in order, the goroutine
 * chosen to make the next step (0 is G1). Printed run by run: {@code G1×5 G2×21 G1×13} means G1
 * was chosen at 5 points in a row, then G2 at 21, then G1 at the last 13. A goroutine's first
 * step needs no point of its own: it belongs to the choice that started it.
 */
public final class Schedule {

    private final long seed;
    private final int[] choices;

    Schedule(long seed, int[] choices) {
        this.seed = seed;
        this.choices = choices.clone();
    }

    /** Parses the printed form back, e.g. {@code Schedule.parse(1, "G1×5 G2×21 G1×13")}. */
    public static Schedule parse(long seed, String runs) {
        String[] parts = runs.trim().split("\\s+");
        int[] out = new int[0];
        for (String p : parts) {
            String[] gx = p.split("[×x]");
            if (gx.length != 2 || !gx[0].startsWith("G")) {
                throw new IllegalArgumentException("\"" + p + "\" is not a run like G1×5");
            }
            int g;
            int count;
            try {
                g = Integer.parseInt(gx[0].substring(1)) - 1;
                count = Integer.parseInt(gx[1]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("\"" + p + "\" is not a run like G1×5");
            }
            if (g < 0 || count < 1) {
                throw new IllegalArgumentException("\"" + p + "\": goroutines count from G1, runs from 1 step");
            }
            int at = out.length;
            out = Arrays.copyOf(out, at + count);
            Arrays.fill(out, at, at + count, g);
        }
        return new Schedule(seed, out);
    }

    public long seed() {
        return seed;
    }

    /** The goroutine (0-based) chosen at each point. */
    public int[] choices() {
        return choices.clone();
    }

    /** Scheduling points. */
    public int length() {
        return choices.length;
    }

    /** How often the schedule switches to another goroutine. */
    public int switches() {
        int s = 0;
        for (int i = 1; i < choices.length; i++) {
            if (choices[i] != choices[i - 1]) {
                s++;
            }
        }
        return s;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        int i = 0;
        while (i < choices.length) {
            int j = i;
            while (j < choices.length && choices[j] == choices[i]) {
                j++;
            }
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append('G').append(choices[i] + 1).append('×').append(j - i);
            i = j;
        }
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Schedule s && s.seed == seed && Arrays.equals(s.choices, choices);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(seed) * 31 + Arrays.hashCode(choices);
    }
}
