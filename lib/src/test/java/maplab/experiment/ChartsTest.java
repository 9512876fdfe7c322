package maplab.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.internal.chartpart.Chart;
import tech.tablesaw.api.Table;

class ChartsTest {

    @BeforeAll
    static void headless() {
        System.setProperty("java.awt.headless", "true");
    }

    private static void renders(Chart<?, ?> chart) throws Exception {
        assertTrue(chart.getTitle() != null && !chart.getTitle().isEmpty());
        assertTrue(!chart.getXAxisTitle().isEmpty() && !chart.getYAxisTitle().isEmpty());
        byte[] png = BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        assertTrue(png.length > 1000);
    }

    @Test
    void everyExperimentHasAChart() throws Exception {
        CategoryChart reuse = Charts.slotReuse(Experiments.slotReuseSummary(Experiments.slotReuse(50, 1)));
        assertEquals(1, reuse.getSeriesMap().size());
        XYChart tomb = Charts.tombstones(Experiments.tombstones(100, 1));
        assertEquals(List.of("emptyOne", "overflowBuckets", "sameSizeGrowths"), List.copyOf(tomb.getSeriesMap().keySet()));
        CategoryChart offsets = Charts.iterationOffsets(Experiments.iterationStarts(200, 1));
        assertEquals(8, offsets.getSeriesMap().get("offset").getXData().size());
        List<Chart<?, ?>> charts = List.of(reuse, tomb, offsets,
                Charts.probeLengths(Experiments.probeLengths(100, 1)),
                Charts.growthTriggers(Experiments.growthTriggers(60, 0, 1)),
                Charts.evacuation(Experiments.evacuation(60, 1)),
                Charts.xySplit(Experiments.xySplit(3, 1)),
                Charts.iterationStartBuckets(Experiments.iterationStarts(200, 1)),
                Charts.bytesPerEntry(Experiments.bytesPerEntry(8, 100)),
                Charts.neverShrinks(Experiments.neverShrinks(8, 100)));
        for (Chart<?, ?> c : charts) {
            renders(c);
        }
    }

    @Test
    void theEvacuationWorkHasItsOwnAxisAndOnlyTheGrowthsArePlotted() throws Exception {
        Table evac = Experiments.evacuation(3000, 2);
        XYChart chart = Charts.evacuation(evac);
        renders(chart);
        var progress = chart.getSeriesMap().get("nevacuate");
        var work = chart.getSeriesMap().get("old buckets evacuated by this insert");
        assertEquals(0, progress.getYAxisGroup());
        assertEquals(1, work.getYAxisGroup(), "the per-insert work (0..2) is not flattened under nevacuate (..256)");
        double most = 0;
        for (double y : work.getYData()) {
            most = Math.max(most, y);
        }
        assertEquals(2.0, most, "an insert evacuates at most two old buckets");
        assertTrue(progress.getXData().length < evac.rowCount() / 4,
                progress.getXData().length + " points of " + evac.rowCount() + " rows: only the growths are drawn");
    }

    @Test
    void axisNumbersAreForPeopleAndTheEmptiedMapsUseALogScale() throws Exception {
        XYChart cost = Charts.growthCost(Experiments.growthCost(2000, 1, "1.19", "1.26"));
        assertEquals("16,384", cost.getStyler().getxAxisTickLabelsFormattingFunction().apply(16384.0));
        assertTrue(cost.getStyler().isYAxisLogarithmic());
        CategoryChart emptied = Charts.neverShrinks(Experiments.neverShrinks(100, 10_000));
        renders(emptied);
        assertTrue(emptied.getStyler().isYAxisLogarithmic(), "48 bytes beside megabytes need a log scale");
        assertEquals("2,500,000", emptied.getStyler().getYAxisDecimalPattern() == null ? ""
                : new java.text.DecimalFormat(emptied.getStyler().getYAxisDecimalPattern(),
                        java.text.DecimalFormatSymbols.getInstance(java.util.Locale.US)).format(2.5e6));
        assertEquals(List.of("100", "10,000"), emptied.getSeriesMap().get("full").getXData());
        for (var series : emptied.getSeriesMap().values()) {
            for (Number y : series.getYData()) {
                assertTrue(y.doubleValue() >= 1, "a log axis has no 0");
            }
        }
    }

    @Test
    void aTableOfTheWrongExperimentIsRefused() {
        Table evacuation = Experiments.evacuation(10, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Charts.tombstones(evacuation));
        assertTrue(e.getMessage().contains("tombstone chart") && e.getMessage().contains("no column"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Charts.line(evacuation, "step", "t", "y", "nope"));
        assertThrows(IllegalArgumentException.class, () -> Charts.histogram(evacuation, "growing", "t"));
    }
}
