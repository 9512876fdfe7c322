package maplab.kernel.display;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import maplab.table.Numbers;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.AxesChartStyler;

/**
 * XChart charts as PNG (what notebooks show) and, when small, SVG (what scales in exported
 * reports). A chart of thousands of points makes an SVG of megabytes, which an exported report
 * would embed whole: past {@link #SVG_BUDGET} bytes the PNG alone is sent.
 */
final class ChartRenderer {

    /** The largest SVG sent beside the PNG, in bytes (a chart's PNG is some 30-60 KB). */
    static final int SVG_BUDGET = 150_000;
    private static final String LOG_PATTERN = "#,##0.###";

    private ChartRenderer() {
    }

    static MimeBundle render(Chart<?, ?> chart) throws Exception {
        readableAxes(chart);
        byte[] png = BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        ByteArrayOutputStream svg = new ByteArrayOutputStream();
        VectorGraphicsEncoder.saveVectorGraphic(chart, svg, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
        String title = chart.getTitle() == null || chart.getTitle().isEmpty() ? "chart" : chart.getTitle();
        MimeBundle b = new MimeBundle()
                .put("image/png", Base64.getEncoder().encodeToString(png))
                .put("text/plain", chart.getClass().getSimpleName() + " \"" + title + "\" "
                        + chart.getWidth() + "x" + chart.getHeight())
                .meta("image/png", "width", chart.getWidth())
                .meta("image/png", "height", chart.getHeight());
        if (svg.size() <= SVG_BUDGET) {
            b.put("image/svg+xml", svg.toString(StandardCharsets.UTF_8));
        }
        return b;
    }

    /**
     * Axis numbers for people ("16,384", not "1.6E4") on the value axis of a chart made in a cell,
     * and on the x axis of an XY chart, unless the chart chose its own format. A log axis gets a
     * grouping pattern instead of the formatting function, which XChart would space linearly.
     */
    private static void readableAxes(Chart<?, ?> chart) {
        if (!(chart.getStyler() instanceof AxesChartStyler s)) {
            return;
        }
        if (s.getyAxisTickLabelsFormattingFunction() == null && s.getYAxisDecimalPattern() == null) {
            if (s.isYAxisLogarithmic()) {
                s.setYAxisDecimalPattern(LOG_PATTERN);
            } else {
                s.setyAxisTickLabelsFormattingFunction(Numbers::format);
            }
        }
        if (chart instanceof XYChart && s.getxAxisTickLabelsFormattingFunction() == null
                && s.getXAxisDecimalPattern() == null) {
            if (s.isXAxisLogarithmic()) {
                s.setXAxisDecimalPattern(LOG_PATTERN);
            } else {
                s.setxAxisTickLabelsFormattingFunction(Numbers::format);
            }
        }
    }
}
