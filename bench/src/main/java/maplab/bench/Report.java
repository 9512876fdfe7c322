package maplab.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;

/** The benchmark table: printed, written as CSV, and drawn as a bar chart (PNG). */
final class Report {

    static final List<String> WORKLOADS = List.of("insert_1e3", "insert_1e5", "insert_1e7", "insertHint_1e5",
            "lookupHit_1e5", "lookupMiss_1e5", "delete_1e5", "mix_1e5", "iterate_1e5", "lookupString_1e5");
    static final List<String> IMPLS = List.of("engine", "engine+events", "HashMap", "Go 1.19", "Go 1.26");

    private final Map<String, Map<String, Figure>> figures;

    Report(Map<String, Map<String, Figure>> figures) {
        this.figures = figures;
    }

    private Figure get(String impl, String workload) {
        Map<String, Figure> m = figures.get(impl);
        return m == null ? null : m.get(workload);
    }

    private double ratio(String a, String b, String workload) {
        Figure x = get(a, workload);
        Figure y = get(b, workload);
        return x == null || y == null ? Double.NaN : x.median() / y.median();
    }

    void print(PrintStream out) {
        out.printf(Locale.ROOT, "%-17s %-24s %-24s %-24s %-24s %-24s %9s %9s %7s %12s%n", "ns/op (median [min..max])",
                "engine", "engine+events", "HashMap", "Go 1.19", "Go 1.26", "eng/Go1.19", "eng/HashMap", "on/off", "engine B/op");
        for (String w : WORKLOADS) {
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-17s", w));
            for (String impl : IMPLS) {
                Figure f = get(impl, w);
                line.append(String.format(Locale.ROOT, " %-24s", f == null ? "-" : f.show()));
            }
            Figure e = get("engine", w);
            line.append(String.format(Locale.ROOT, " %9.2f %9.2f %7.2f %12.1f", ratio("engine", "Go 1.19", w),
                    ratio("engine", "HashMap", w), ratio("engine+events", "engine", w),
                    e == null ? Double.NaN : e.bytesPerOp()));
            out.println(line);
        }
    }

    void writeCsv(Path file) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add("workload,impl,median_ns_per_op,min_ns_per_op,max_ns_per_op,bytes_per_op");
        for (String w : WORKLOADS) {
            for (String impl : IMPLS) {
                Figure f = get(impl, w);
                if (f != null) {
                    lines.add(String.format(Locale.ROOT, "%s,%s,%.3f,%.3f,%.3f,%.1f", w, impl, f.median(), f.min(),
                            f.max(), f.bytesPerOp()));
                }
            }
        }
        Files.write(file, lines);
    }

    void writeChart(Path file) throws IOException {
        CategoryChart chart = new CategoryChartBuilder().width(1400).height(600)
                .title("Map operations: the MapLab engine, java.util.HashMap and the real Go map")
                .xAxisTitle("workload").yAxisTitle("ns per operation (median)").build();
        // Linear: XChart cannot draw bars on a logarithmic axis (bars start at 0).
        chart.getStyler().setXAxisLabelRotation(30);
        // A category chart needs every series on the same categories: the workloads all measured.
        List<String> impls = IMPLS.stream().filter(figures::containsKey).toList();
        List<String> xs = WORKLOADS.stream().filter(w -> impls.stream().allMatch(i -> get(i, w) != null)).toList();
        if (xs.isEmpty()) {
            return;
        }
        for (String impl : impls) {
            chart.addSeries(impl, xs, xs.stream().map(w -> get(impl, w).median()).toList());
        }
        BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
    }
}
