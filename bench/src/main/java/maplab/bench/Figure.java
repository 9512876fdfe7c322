package maplab.bench;

import java.util.Arrays;
import java.util.Locale;

/** One measured figure: ns per operation from repeated runs, with its spread. */
record Figure(double median, double min, double max, double bytesPerOp) {

    static Figure of(double[] samples, double bytesPerOp) {
        double[] s = samples.clone();
        Arrays.sort(s);
        int n = s.length;
        double median = n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
        return new Figure(median, s[0], s[n - 1], bytesPerOp);
    }

    /** "123.4 [120.1..130.2]". */
    String show() {
        return String.format(Locale.ROOT, "%.1f [%.1f..%.1f]", median, min, max);
    }
}
