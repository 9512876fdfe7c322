package maplab.experiment;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import maplab.table.Numbers;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Static XChart charts (rendered as images, no JavaScript) of the {@link Experiments} tables,
 * each with a title and axis labels. The generic {@link #line}, {@link #bars} and
 * {@link #histogram} work on any table; the others take the table of the experiment they are
 * named after and check its columns.
 */
public final class Charts {

    /** The size of every chart, in pixels. */
    public static final int WIDTH = 800;
    public static final int HEIGHT = 450;

    private Charts() {
    }

    /** Axis numbers for people on both axes ("16,384", not "1.6E4"), ticks at least 100 px apart. */
    private static XYChart xy(XYChart chart) {
        readable(chart.getStyler());
        chart.getStyler().setxAxisTickLabelsFormattingFunction(Numbers::format);
        return chart;
    }

    /** Axis numbers for people on the value axis; the category axis keeps its labels. */
    private static CategoryChart category(CategoryChart chart) {
        readable(chart.getStyler());
        return chart;
    }

    /**
     * A logarithmic value axis. XChart's tick formatting function would space log ticks
     * linearly, so a log axis formats its decade ticks with a grouping pattern instead.
     */
    private static void logY(AxesChartStyler styler) {
        styler.setYAxisLogarithmic(true);
        styler.setyAxisTickLabelsFormattingFunction(null);
        styler.setYAxisDecimalPattern("#,##0.###");
    }

    private static void logX(AxesChartStyler styler) {
        styler.setXAxisLogarithmic(true);
        styler.setxAxisTickLabelsFormattingFunction(null);
        styler.setXAxisDecimalPattern("#,##0.###");
    }

    private static void readable(AxesChartStyler styler) {
        styler.setyAxisTickLabelsFormattingFunction(Numbers::format);
        styler.setXAxisTickMarkSpacingHint(100);
    }

    private static void require(Table t, String what, String... columns) {
        if (t == null) {
            throw new IllegalArgumentException(what + ": table is null");
        }
        for (String c : columns) {
            if (!t.columnNames().contains(c)) {
                throw new IllegalArgumentException(what + ": the table has no column '" + c + "' (columns: "
                        + t.columnNames() + ")");
            }
        }
    }

    private static double[] numbers(Table t, String column) {
        Column<?> c = t.column(column);
        if (!(c instanceof NumericColumn<?> n)) {
            throw new IllegalArgumentException("column '" + column + "' is not numeric (" + c.type() + ")");
        }
        return n.asDoubleArray();
    }

    // ---------------------------------------------------------------- generic

    /** A line chart of numeric columns {@code ys} against numeric column {@code x}, one series each. */
    public static XYChart line(Table t, String x, String title, String yAxis, String... ys) {
        require(t, "line chart", x);
        require(t, "line chart", ys);
        if (ys.length == 0) {
            throw new IllegalArgumentException("line chart: name at least one y column");
        }
        XYChart chart = xy(new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(x)
                .yAxisTitle(yAxis).build());
        double[] xs = numbers(t, x);
        for (String y : ys) {
            XYSeries s = chart.addSeries(y, xs, numbers(t, y));
            s.setMarker(SeriesMarkers.NONE);
        }
        return chart;
    }

    /** A bar chart: one bar per row, labelled by column {@code category} (any type), height from numeric column {@code value}. */
    public static CategoryChart bars(Table t, String category, String value, String title, String yAxis) {
        require(t, "bar chart", category, value);
        CategoryChart chart = category(new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle(category).yAxisTitle(yAxis).build());
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < t.rowCount(); i++) {
            labels.add(t.column(category).getString(i));
        }
        List<Double> values = new ArrayList<>();
        for (double v : numbers(t, value)) {
            values.add(v);
        }
        chart.addSeries(value, labels, values);
        chart.getStyler().setLegendVisible(false);
        return chart;
    }

    /** How many rows have each value of an integer-valued numeric column, in ascending value order. */
    public static CategoryChart histogram(Table t, String column, String title) {
        require(t, "histogram", column);
        Map<Long, Integer> counts = new TreeMap<>();
        for (double v : numbers(t, column)) {
            if (!Double.isNaN(v)) {
                counts.merge(Math.round(v), 1, Integer::sum);
            }
        }
        CategoryChart chart = category(new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle(column).yAxisTitle("rows").build());
        List<String> labels = new ArrayList<>();
        List<Integer> values = new ArrayList<>();
        counts.forEach((k, n) -> {
            labels.add(String.valueOf(k));
            values.add(n);
        });
        if (labels.isEmpty()) {
            throw new IllegalArgumentException("histogram: column '" + column + "' has no values");
        }
        chart.addSeries(column, labels, values);
        chart.getStyler().setLegendVisible(false);
        return chart;
    }

    // ---------------------------------------------------------------- per experiment

    /** The releases a table's {@code go} column holds, in order of appearance (none: an older table without it). */
    private static List<String> releases(Table t) {
        return t.columnNames().contains("go") ? t.stringColumn("go").unique().asList() : List.of();
    }

    /**
     * Bars of {@link Experiments#slotReuseSummary}: which kind of empty slot new keys took. With
     * several releases, one series per release of the shares, the kinds lined up across engines
     * (a tombstone; a slot a delete emptied; a slot no delete emptied).
     */
    public static CategoryChart slotReuse(Table summary) {
        require(summary, "slot reuse chart", "reuse", "writes");
        List<String> gos = releases(summary);
        if (gos.size() <= 1) {
            return bars(summary, "reuse", "writes", "Slots taken by new keys after deletes", "inserts");
        }
        CategoryChart chart = category(new CategoryChartBuilder().width(WIDTH).height(HEIGHT)
                .title("Slots taken by new keys after deletes").xAxisTitle("slot taken").yAxisTitle("share of inserts")
                .build());
        List<String> kinds = List.of("a tombstone", "a slot a delete emptied", "a slot no delete emptied");
        for (String go : gos) {
            Table rows = summary.where(summary.stringColumn("go").isEqualTo(go));
            List<Double> shares = new ArrayList<>();
            for (double v : numbers(rows, "share")) {
                shares.add(v);
            }
            chart.addSeries("Go " + go, kinds, shares);
        }
        return chart;
    }

    /** The map's slots (and tombstones) under churn, one series per release, from {@link Experiments#churn}. */
    public static XYChart churn(Table t) {
        require(t, "churn chart", "op", "slots", "tombstones", "go");
        XYChart chart = xy(new XYChartBuilder().width(WIDTH).height(HEIGHT).title("Slots of a map of constant size under churn")
                .xAxisTitle("churn operations").yAxisTitle("slots").build());
        for (String go : releases(t)) {
            Table rows = t.where(t.stringColumn("go").isEqualTo(go));
            chart.addSeries("slots, Go " + go, numbers(rows, "op"), numbers(rows, "slots")).setMarker(SeriesMarkers.NONE);
            chart.addSeries("tombstones, Go " + go, numbers(rows, "op"), numbers(rows, "tombstones"))
                    .setMarker(SeriesMarkers.NONE);
        }
        return chart;
    }

    /** Entries moved by each insert that grew the map, one series per release (log scale), from {@link Experiments#growthCost}. */
    public static XYChart growthCost(Table t) {
        require(t, "growth cost chart", "step", "moved", "go");
        XYChart chart = xy(new XYChartBuilder().width(WIDTH).height(HEIGHT).title("Entries moved by one insert")
                .xAxisTitle("insert").yAxisTitle("entries moved").build());
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        logY(chart.getStyler());
        for (String go : releases(t)) {
            Table rows = t.where(t.stringColumn("go").isEqualTo(go).and(t.intColumn("moved").isGreaterThan(0)));
            if (rows.rowCount() > 0) {
                chart.addSeries("Go " + go, numbers(rows, "step"), numbers(rows, "moved"));
            }
        }
        if (chart.getSeriesMap().isEmpty()) {
            throw new IllegalArgumentException("growth cost chart: no insert moved an entry");
        }
        return chart;
    }

    /** Mean probe lengths (hits, misses) and tombstones over churn, from {@link Experiments#probeLengths}. */
    public static XYChart probeLengths(Table t) {
        require(t, "probe length chart", "op", "meanHitSlots", "meanMissSlots", "emptyOne");
        return line(t, "op", "Lookup probe length under churn", "tophash bytes read per lookup / slots",
                "meanHitSlots", "meanMissSlots");
    }

    /** Tombstones and overflow buckets over churn, from {@link Experiments#tombstones}. */
    public static XYChart tombstones(Table t) {
        require(t, "tombstone chart", "op", "emptyOne", "overflowBuckets", "sameSizeGrowths");
        return line(t, "op", "Tombstones and overflow buckets under churn", "count",
                "emptyOne", "overflowBuckets", "sameSizeGrowths");
    }

    /** Load factor at each growth against the operation step, from {@link Experiments#growthTriggers}. */
    public static XYChart growthTriggers(Table t) {
        require(t, "growth trigger chart", "step", "loadFactor", "kind");
        XYChart chart = xy(new XYChartBuilder().width(WIDTH).height(HEIGHT).title("Load factor when growth starts")
                .xAxisTitle("step (operation of its phase)").yAxisTitle("count / 2^oldB").build());
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        for (String kind : List.of("doubling", "same-size")) {
            Table rows = t.where(t.stringColumn("kind").isEqualTo(kind));
            if (rows.rowCount() > 0) {
                chart.addSeries(kind, numbers(rows, "step"), numbers(rows, "loadFactor"));
            }
        }
        if (chart.getSeriesMap().isEmpty()) {
            throw new IllegalArgumentException("growth trigger chart: the table has no growth");
        }
        return chart;
    }

    /**
     * Evacuation progress and work per insert, from {@link Experiments#evacuation}: {@code
     * nevacuate} (old buckets done so far) on the left axis, and on its own right axis the old
     * buckets each insert evacuated (at most 2), so the small numbers are not flattened under the
     * large. Only the inserts of a growth and the one that finishes it are drawn: between growths
     * both are 0, and a few hundred points keep the chart small in an exported report.
     */
    public static XYChart evacuation(Table t) {
        require(t, "evacuation chart", "step", "nevacuate", "evacuated", "growing", "growthFinished");
        Table rows = t.where(t.booleanColumn("growing").isTrue().or(t.booleanColumn("growthFinished").isTrue()));
        if (rows.rowCount() == 0) {
            throw new IllegalArgumentException("evacuation chart: no insert of the table was during a growth");
        }
        XYChart chart = xy(new XYChartBuilder().width(WIDTH).height(HEIGHT)
                .title("Incremental evacuation: progress and work per insert").xAxisTitle("insert (step)")
                .yAxisTitle("nevacuate (old buckets done)").build());
        chart.addSeries("nevacuate", numbers(rows, "step"), numbers(rows, "nevacuate")).setMarker(SeriesMarkers.NONE);
        XYSeries work = chart.addSeries("old buckets evacuated by this insert", numbers(rows, "step"),
                numbers(rows, "evacuated"));
        work.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        work.setYAxisGroup(1);
        chart.setYAxisGroupTitle(1, "evacuated by the insert");
        chart.getStyler().setYAxisGroupPosition(1, Styler.YAxisPosition.Right);
        chart.getStyler().setYAxisMin(1, 0.0);
        chart.getStyler().setYAxisMax(1, 3.0);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        return chart;
    }

    /** Distribution of the share of each doubled bucket's entries that went to Y, in tenths, from {@link Experiments#xySplit}. */
    public static CategoryChart xySplit(Table t) {
        require(t, "X/Y split chart", "fractionY");
        int[] bins = new int[11];
        for (double f : numbers(t, "fractionY")) {
            if (!Double.isNaN(f)) {
                bins[(int) Math.round(f * 10)]++;
            }
        }
        List<String> labels = new ArrayList<>();
        List<Integer> values = new ArrayList<>();
        for (int i = 0; i <= 10; i++) {
            labels.add(String.format("%.1f", i / 10.0));
            values.add(bins[i]);
        }
        CategoryChart chart = category(new CategoryChartBuilder().width(WIDTH).height(HEIGHT)
                .title("X/Y split: share of an old bucket's entries moved to Y").xAxisTitle("toY / moved (rounded)")
                .yAxisTitle("evacuated buckets").build());
        chart.addSeries("buckets", labels, values);
        chart.getStyler().setLegendVisible(false);
        return chart;
    }

    /** How often each start offset (0..7) was drawn, from {@link Experiments#iterationStarts}. */
    public static CategoryChart iterationOffsets(Table t) {
        require(t, "iteration offset chart", "offset");
        return histogram(t, "offset", "Iteration start offset (slot)");
    }

    /** How often each start bucket was drawn, from {@link Experiments#iterationStarts}. */
    public static CategoryChart iterationStartBuckets(Table t) {
        require(t, "iteration start bucket chart", "startBucket");
        return histogram(t, "startBucket", "Iteration start bucket");
    }

    /** Bytes per entry against map size, one series per type (log-scale size axis), from {@link Experiments#bytesPerEntry}. */
    public static XYChart bytesPerEntry(Table t) {
        require(t, "bytes per entry chart", "type", "n", "bytesPerEntry");
        XYChart chart = xy(new XYChartBuilder().width(WIDTH).height(HEIGHT).title("Map bytes per entry")
                .xAxisTitle("entries (n)").yAxisTitle("bytes per entry").build());
        logX(chart.getStyler());
        List<String> gos = releases(t);
        for (String type : t.stringColumn("type").unique().asList()) {
            for (String go : gos.isEmpty() ? List.of("") : gos) {
                Table rows = t.where(t.stringColumn("type").isEqualTo(type));
                if (!go.isEmpty()) {
                    rows = rows.where(rows.stringColumn("go").isEqualTo(go));
                }
                chart.addSeries(gos.size() > 1 ? type + ", Go " + go : type, numbers(rows, "n"),
                        numbers(rows, "bytesPerEntry"));
            }
        }
        return chart;
    }

    /**
     * Bytes after emptying a map three ways, grouped by size, from {@link Experiments#neverShrinks},
     * on a log scale: the sizes differ a hundredfold, and a new map's few bytes must stay visible
     * beside a full map's megabytes.
     */
    public static CategoryChart neverShrinks(Table t) {
        require(t, "never shrinks chart", "n", "full", "afterDeleteAll", "afterClear", "afterNewMap");
        CategoryChart chart = category(new CategoryChartBuilder().width(WIDTH).height(HEIGHT)
                .title("Live map bytes after emptying").xAxisTitle("entries (n)").yAxisTitle("bytes (log scale)").build());
        logY(chart.getStyler());
        chart.getStyler().setYAxisMin(1.0);
        boolean several = releases(t).size() > 1;
        double[] ns = numbers(t, "n");
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < t.rowCount(); i++) {
            labels.add(Numbers.format(ns[i])
                    + (several ? " (Go " + t.stringColumn("go").get(i) + ")" : ""));
        }
        for (String c : List.of("full", "afterDeleteAll", "afterClear", "afterNewMap")) {
            List<Double> values = new ArrayList<>();
            for (double v : numbers(t, c)) {
                // A log axis has no 0; 1 byte stands for none (the axis starts at 1).
                values.add(Math.max(1, v));
            }
            chart.addSeries(c, labels, values);
        }
        return chart;
    }
}
