package maplab.kernel.display;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import maplab.engine.classic.ClassicMap;
import maplab.engine.swiss.SwissMap;
import maplab.engine.MapType;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.CategoryChartBuilder;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

class RenderersTest {

    @Test
    void mapsAreSvgDiagramsWithTextFallback() {
        ClassicMap m = ClassicMap.builder(MapType.of("uint64", "uint64")).seed(3).build();
        for (long i = 0; i < 9; i++) {
            m.set(i, i * i);
        }
        MimeBundle b = Renderers.render(m);
        assertTrue(b.get("image/svg+xml").startsWith("<svg"));
        assertFalse(b.get("image/svg+xml").contains("<script"));
        assertTrue(b.get("text/plain").contains("count=9"), b.get("text/plain"));
    }

    @Test
    void swissMapsAreSvgDiagramsOfDirectoryTablesAndGroups() {
        SwissMap m = SwissMap.builder(MapType.of("uint64", "uint64")).go("1.26").seed(3).build();
        for (long i = 0; i < 20; i++) {
            m.set(i, i * i);
        }
        m.delete(4L);
        MimeBundle b = Renderers.render(m);
        String svg = b.get("image/svg+xml");
        assertTrue(svg.startsWith("<svg") && !svg.contains("<script"));
        assertTrue(svg.contains("directory#0") && svg.contains("table#"), svg);
        assertTrue(b.get("text/plain").contains("used=19"), b.get("text/plain"));
        MimeBundle s = Renderers.render(m.snapshot());
        assertEquals(b.get("image/svg+xml"), s.get("image/svg+xml"), "a map renders as its snapshot");
        MimeBundle e = Renderers.render(new maplab.engine.swiss.SwissEvent.TombstonesPruned(3, "table#1", 5));
        assertTrue(e.get("text/html").contains("TombstonesPruned"), e.get("text/html"));
    }

    @Test
    void tablesAreStaticHtmlAndLongOnesAreCut() {
        int[] values = new int[100];
        for (int i = 0; i < values.length; i++) {
            values[i] = i;
        }
        Table t = Table.create("nums", IntColumn.create("n", values), StringColumn.create("s", new String[100]).setMissing(0));
        MimeBundle b = Renderers.render(t);
        String html = b.get("text/html");
        assertTrue(html.contains("<table") && html.contains("style="), html);
        assertFalse(html.contains("<script"));
        assertTrue(html.contains("75 more rows"), html);
        assertTrue(b.get("text/plain").contains("nums"));
    }

    @Test
    void fractionsAreShownForPeopleAndTheTableKeepsItsOwnFormat() {
        Table t = Table.create("means", tech.tablesaw.api.DoubleColumn.create("mean", 2.0624999999999996, 16384.0, Double.NaN),
                IntColumn.create("n", 1, 2, 3));
        String before = t.getString(0, 0);
        MimeBundle b = Renderers.render(t);
        String html = b.get("text/html");
        assertTrue(html.contains(">2.062<") && html.contains(">16,384<"), html);
        assertFalse(html.contains("2.06249") || html.contains("E4"), html);
        assertTrue(b.get("text/plain").contains("2.062") && !b.get("text/plain").contains("2.06249"), b.get("text/plain"));
        assertEquals(before, t.getString(0, 0), "the user's table is not reformatted");
    }

    @Test
    void anEventLineNamesItsTypeOnce() {
        MimeBundle b = Renderers.render(new maplab.engine.classic.MapEvent.BucketArrayAllocated(9, 1, 1, 2, 288));
        String html = b.get("text/html");
        assertEquals(1, html.split("BucketArrayAllocated", -1).length - 1, html);
        assertTrue(html.contains("</span> op=9, id=1, B=1, nbuckets=2, bytes=288</div>"), html);
        assertTrue(b.get("text/plain").startsWith("BucketArrayAllocated[op=9"), "text/plain stays the record's toString");
    }

    @Test
    void aChartOfManyPointsIsSentAsPngOnlyAndItsAxesReadForPeople() throws Exception {
        var big = new org.knowm.xchart.XYChartBuilder().width(400).height(300).title("many").build();
        double[] xs = new double[20_000];
        double[] ys = new double[xs.length];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = i;
            ys[i] = i * 3.0;
        }
        big.addSeries("s", xs, ys);
        MimeBundle b = Renderers.render(big);
        assertTrue(b.get("image/png").length() > 100);
        assertEquals(null, b.get("image/svg+xml"), "a multi-megabyte SVG is not embedded in reports");
        assertEquals("16,384", big.getStyler().getyAxisTickLabelsFormattingFunction().apply(16384.0));
        assertEquals("16,384", big.getStyler().getxAxisTickLabelsFormattingFunction().apply(16384.0));
        var log = new org.knowm.xchart.XYChartBuilder().width(300).height(200).title("log").build();
        log.getStyler().setYAxisLogarithmic(true);
        log.addSeries("s", new double[] {1, 2, 3}, new double[] {10, 1_000, 100_000});
        Renderers.render(log);
        assertEquals(null, log.getStyler().getyAxisTickLabelsFormattingFunction(), "a log axis keeps its decade ticks");
        assertEquals("#,##0.###", log.getStyler().getYAxisDecimalPattern());
    }

    @Test
    void tableCellsAreEscaped() {
        Table t = Table.create("x", StringColumn.create("s", "<b>&"));
        assertTrue(Renderers.render(t).get("text/html").contains("&lt;b&gt;&amp;"));
    }

    @Test
    void chartsArePngAndSvg() {
        var chart = new CategoryChartBuilder().width(200).height(120).title("c").build();
        chart.addSeries("s", new double[] {1, 2}, new double[] {3, 4});
        MimeBundle b = Renderers.render(chart);
        byte[] png = Base64.getDecoder().decode(b.get("image/png"));
        assertEquals((byte) 0x89, png[0]);
        assertEquals('P', png[1]);
        assertTrue(b.get("image/svg+xml").contains("<svg"));
    }

    @Test
    void aFailingRendererFallsBackToTextWithANote() {
        record Thing(int v) { }
        Renderers.register(Thing.class, t -> {
            throw new IllegalStateException("nope");
        });
        MimeBundle b = Renderers.render(new Thing(1));
        assertEquals(1, b.data().size());
        assertTrue(b.get("text/plain").startsWith("Thing[v=1]"), b.get("text/plain"));
        assertTrue(b.get("text/plain").contains("nope"));
    }

    @Test
    void aThrowingToStringIsNamedNotThrown() {
        Object bad = new Object() {
            @Override
            public String toString() {
                throw new UnsupportedOperationException("hidden");
            }
        };
        assertTrue(Text.of(bad).contains("toString() threw java.lang.UnsupportedOperationException: hidden"));
    }
}
