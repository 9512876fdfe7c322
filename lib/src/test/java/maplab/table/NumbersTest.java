package maplab.table;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class NumbersTest {

    @Test
    void wholeNumbersAreGroupedNeverScientific() {
        assertEquals("0", Numbers.format(0));
        assertEquals("8", Numbers.format(8.0));
        assertEquals("16,384", Numbers.format(16_384));
        assertEquals("2,500,000", Numbers.format(2.5e6));
        assertEquals("-1,076", Numbers.format(-1076));
        assertEquals("12,346", Numbers.format(12_345.678), "1,000 and more: rounded to the unit");
    }

    @Test
    void fractionsHaveFourSignificantDigits() {
        assertEquals("2.062", Numbers.format(2.0624999999999996));
        assertEquals("6.5", Numbers.format(6.5));
        assertEquals("0.3333", Numbers.format(1.0 / 3));
        assertEquals("0.00048", Numbers.format(0.00048));
        assertEquals("-0.5", Numbers.format(-0.5));
    }

    @Test
    void extremesAndMissingValues() {
        assertEquals("", Numbers.format(Double.NaN));
        assertEquals("\u221e", Numbers.format(Double.POSITIVE_INFINITY));
        assertEquals("1E-7", Numbers.format(1e-7));
        assertEquals("1.5E15", Numbers.format(1.5e15));
        assertEquals("0", Numbers.format(-0.0));
    }
}
