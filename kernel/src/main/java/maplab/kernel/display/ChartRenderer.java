package maplab.kernel.display;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.internal.chartpart.Chart;

/** XChart charts as PNG (what notebooks show) and SVG (what scales in exported reports). */
final class ChartRenderer {

    private ChartRenderer() {
    }

    static MimeBundle render(Chart<?, ?> chart) throws Exception {
        byte[] png = BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        ByteArrayOutputStream svg = new ByteArrayOutputStream();
        VectorGraphicsEncoder.saveVectorGraphic(chart, svg, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
        String title = chart.getTitle() == null || chart.getTitle().isEmpty() ? "chart" : chart.getTitle();
        return new MimeBundle()
                .put("image/png", Base64.getEncoder().encodeToString(png))
                .put("image/svg+xml", svg.toString(StandardCharsets.UTF_8))
                .put("text/plain", chart.getClass().getSimpleName() + " \"" + title + "\" "
                        + chart.getWidth() + "x" + chart.getHeight())
                .meta("image/png", "width", chart.getWidth())
                .meta("image/png", "height", chart.getHeight());
    }
}
