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

    /** "1.23 [1.10..1.41]": a ratio's median over the rounds with its spread. */
    String showRatio() {
        return String.format(Locale.ROOT, "%.2f [%.2f..%.2f]", median, min, max);
    }
}
