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
    void aTableOfTheWrongExperimentIsRefused() {
        Table evacuation = Experiments.evacuation(10, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Charts.tombstones(evacuation));
        assertTrue(e.getMessage().contains("tombstone chart") && e.getMessage().contains("no column"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Charts.line(evacuation, "step", "t", "y", "nope"));
        assertThrows(IllegalArgumentException.class, () -> Charts.histogram(evacuation, "growing", "t"));
    }
}
