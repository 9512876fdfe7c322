package maplab.table;

import java.math.BigDecimal;
import java.math.MathContext;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;

/**
 * Numbers as people read them, for tables and chart axes: no scientific notation for the sizes
 * a map lab meets, thousands grouped ("16,384", not "1.6E4"), and a fraction to four significant
 * digits ("2.062", not "2.0624999999999996").
 */
public final class Numbers {

    private static final DecimalFormatSymbols US = DecimalFormatSymbols.getInstance(Locale.US);

    private Numbers() {
    }

    /**
     * {@code x} for people: a whole number (or one of 1,000 or more, rounded) grouped by thousands;
     * other numbers to four significant digits without trailing zeros; scientific notation only
     * beyond 10^15 or below 10^-4; NaN as the empty string (Tablesaw's missing value).
     */
    public static String format(double x) {
        if (Double.isNaN(x)) {
            return "";
        }
        if (Double.isInfinite(x)) {
            return x > 0 ? "\u221e" : "-\u221e";
        }
        double abs = Math.abs(x);
        if (abs >= 1e15 || (abs < 1e-4 && abs > 0)) {
            return new DecimalFormat("0.###E0", US).format(x);
        }
        if (abs >= 1000 || x == Math.rint(x)) {
            return new DecimalFormat("#,##0", US).format(Math.rint(x) == 0 ? 0.0 : Math.rint(x));
        }
        return new BigDecimal(x).round(new MathContext(4)).stripTrailingZeros().toPlainString();
    }
}
