package maplab.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** The machine's load average (/proc/loadavg), read before and after a run. */
record Load(double one, double five, double fifteen) {

    /** Now, or null where there is no /proc/loadavg. */
    static Load now() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return new Load(Double.parseDouble(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2]));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    static String show(Load l) {
        return l == null ? "-" : String.format(Locale.ROOT, "%.2f %.2f %.2f", l.one, l.five, l.fifteen);
    }

    /**
     * "load average (1, 5, 15 min): before 0.50 0.40 0.30, after 2.10 1.20 0.80", and a warning
     * line when either 1-minute figure exceeds the cores: other work then shared the CPUs.
     */
    static String line(Load before, Load after, int cores) {
        String s = "load average (1, 5, 15 min): before " + show(before) + ", after " + show(after) + "; " + cores
                + " cores";
        double max = Math.max(before == null ? 0 : before.one, after == null ? 0 : after.one);
        if (max > cores) {
            s += String.format(Locale.ROOT, "%nWARNING: the load (%.2f) exceeded the %d cores: other work shared the"
                    + " CPUs, so ns/op are inflated and ratios noisier than on an idle machine", max, cores);
        }
        return s;
    }
}
