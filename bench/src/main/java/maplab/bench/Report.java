package maplab.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;

/**
 * One benchmark table: printed, written as CSV, and drawn as a bar chart (PNG). {@link #CLASSIC}
 * is the classic engine's table, {@link #SWISS} the Swiss engine's beside Go 1.26.
 */
record Report(String title, List<String> workloads, List<String> impls, List<Ratio> ratios, String bytesOf) {

    /** A column of medians divided: {@code a / b}. */
    record Ratio(String label, String a, String b) {
    }

    static final Report CLASSIC = new Report("Map operations: the classic engine, java.util.HashMap and the real Go map",
            List.of("insert_1e3", "insert_1e5", "insert_1e7", "insertHint_1e5", "lookupHit_1e5", "lookupMiss_1e5",
                    "delete_1e5", "mix_1e5", "iterate_1e5", "lookupString_1e5"),
            List.of("engine", "engine+events", "HashMap", "Go 1.19", "Go 1.26"),
            List.of(new Ratio("eng/Go1.19", "engine", "Go 1.19"), new Ratio("eng/Go1.26", "engine", "Go 1.26"),
                    new Ratio("eng/HashMap", "engine", "HashMap"), new Ratio("on/off", "engine+events", "engine")),
            "engine");

    static final Report SWISS = new Report("Map operations: the Swiss engine (Go 1.26 rules) and Go 1.26's map",
            swissWorkloads(), List.of("Swiss", "Swiss+events", "Go 1.26"),
            List.of(new Ratio("Swiss/Go1.26", "Swiss", "Go 1.26"), new Ratio("on/off", "Swiss+events", "Swiss")),
            "Swiss");

    private static List<String> swissWorkloads() {
        List<String> out = new ArrayList<>();
        for (String op : List.of("insert", "lookupHit", "lookupHitObject", "lookupMiss", "delete", "iterate")) {
            for (String size : List.of("1e3", "1e4", "1e5", "1e6")) {
                out.add(op + "_" + size);
            }
        }
        out.addAll(List.of("insertHint_1e5", "mix_1e5", "lookupString_1e5"));
        return out;
    }

    /**
     * The workload a Go benchmark measures for a JMH workload: Go's {@code sink += m[k]} is both
     * {@code getWord} and {@code get} (lookupHitObject_1e5 → lookupHit_1e5).
     */
    static String peer(String workload) {
        return workload.replace("lookupHitObject_", "lookupHit_");
    }

    private static Figure get(Map<String, Map<String, Figure>> figures, String impl, String workload) {
        Map<String, Figure> m = figures.get(impl);
        return m == null ? null : m.get(workload);
    }

    /** The ratio's value on a workload in one round; NaN if either side was not measured. */
    static double ratio(Map<String, Map<String, Figure>> figures, Ratio r, String workload) {
        Figure x = cell(figures, r.a(), workload);
        Figure y = cell(figures, r.b(), workload);
        return x == null || y == null ? Double.NaN : x.median() / y.median();
    }

    /**
     * The ratio over the rounds: the median of the per-round ratios, with their min and max (each
     * round measures both sides within the same minutes, so the load they saw is alike); null if
     * no round measured both sides.
     */
    static Figure ratio(List<Map<String, Map<String, Figure>>> rounds, Ratio r, String workload) {
        double[] v = rounds.stream().mapToDouble(f -> ratio(f, r, workload)).filter(x -> !Double.isNaN(x)).toArray();
        return v.length == 0 ? null : Figure.of(v, Double.NaN);
    }

    /**
     * The rounds' figures merged: per implementation and workload, the median of the per-round
     * medians with their min and max, and the first round's bytes per operation.
     */
    static Map<String, Map<String, Figure>> merge(List<Map<String, Map<String, Figure>>> rounds) {
        Map<String, Map<String, List<Figure>>> all = new LinkedHashMap<>();
        for (Map<String, Map<String, Figure>> round : rounds) {
            round.forEach((impl, m) -> m.forEach((w, f) -> all.computeIfAbsent(impl, k -> new LinkedHashMap<>())
                    .computeIfAbsent(w, k -> new ArrayList<>()).add(f)));
        }
        Map<String, Map<String, Figure>> out = new LinkedHashMap<>();
        all.forEach((impl, m) -> m.forEach((w, fs) -> out.computeIfAbsent(impl, k -> new LinkedHashMap<>())
                .put(w, Figure.of(fs.stream().mapToDouble(Figure::median).toArray(), fs.get(0).bytesPerOp()))));
        return out;
    }

    /** Go's figures are filed under Go's workloads: a Go column shows the peer's figure. */
    private static Figure cell(Map<String, Map<String, Figure>> figures, String impl, String workload) {
        return impl.startsWith("Go ") ? get(figures, impl, peer(workload)) : get(figures, impl, workload);
    }

    /** The table: ns/op per implementation (over the rounds), then each ratio's median [min..max] over the rounds. */
    void print(List<Map<String, Map<String, Figure>>> rounds, PrintStream out) {
        Map<String, Map<String, Figure>> figures = merge(rounds);
        StringBuilder head = new StringBuilder(String.format(Locale.ROOT, "%-20s", "workload"));
        impls.forEach(i -> head.append(String.format(Locale.ROOT, " %-22s", i + " ns/op")));
        ratios.forEach(r -> head.append(String.format(Locale.ROOT, " %-18s", r.label())));
        head.append(String.format(Locale.ROOT, " %10s", bytesOf + " B/op"));
        out.println(head);
        for (String w : workloads) {
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-20s", w));
            for (String impl : impls) {
                Figure f = cell(figures, impl, w);
                line.append(String.format(Locale.ROOT, " %-22s", f == null ? "-" : f.show()));
            }
            for (Ratio r : ratios) {
                Figure f = ratio(rounds, r, w);
                line.append(String.format(Locale.ROOT, " %-18s", f == null ? "-" : f.showRatio()));
            }
            Figure e = get(figures, bytesOf, w);
            line.append(String.format(Locale.ROOT, " %10.1f", e == null ? Double.NaN : e.bytesPerOp()));
            out.println(line);
        }
    }

    /** ns/op over the rounds, one line per workload and implementation. */
    void writeCsv(List<Map<String, Map<String, Figure>>> rounds, Path file) throws IOException {
        Map<String, Map<String, Figure>> figures = merge(rounds);
        List<String> lines = new ArrayList<>();
        lines.add("workload,impl,median_ns_per_op,min_ns_per_op,max_ns_per_op,bytes_per_op");
        for (String w : workloads) {
            for (String impl : impls) {
                Figure f = cell(figures, impl, w);
                if (f != null) {
                    lines.add(String.format(Locale.ROOT, "%s,%s,%.3f,%.3f,%.3f,%.1f", w, impl, f.median(), f.min(),
                            f.max(), f.bytesPerOp()));
                }
            }
        }
        Files.write(file, lines);
    }

    /** The ratio lines of {@link Ratios#HEADER}'s CSV: workload, ratio, median, min, max, rounds. */
    List<String> ratioLines(List<Map<String, Map<String, Figure>>> rounds) {
        List<String> lines = new ArrayList<>();
        for (String w : workloads) {
            for (Ratio r : ratios) {
                Figure f = ratio(rounds, r, w);
                long n = rounds.stream().filter(x -> !Double.isNaN(ratio(x, r, w))).count();
                if (f != null) {
                    lines.add(String.format(Locale.ROOT, "%s,%s,%.4f,%.4f,%.4f,%d", w, r.a() + "/" + r.b(), f.median(),
                            f.min(), f.max(), n));
                }
            }
        }
        return lines;
    }

    void writeChart(List<Map<String, Map<String, Figure>>> rounds, Path file) throws IOException {
        Map<String, Map<String, Figure>> figures = merge(rounds);
        CategoryChart chart = new CategoryChartBuilder().width(1400).height(600).title(title)
                .xAxisTitle("workload").yAxisTitle("ns per operation (median)").build();
        // Linear: XChart cannot draw bars on a logarithmic axis (bars start at 0).
        chart.getStyler().setXAxisLabelRotation(30);
        // A category chart needs every series on the same categories: the workloads all measured.
        // An implementation measured on fewer workloads than the first (events on, in the short
        // configuration) is left out of the chart rather than narrowing it.
        List<String> measured = workloads.stream().filter(w -> cell(figures, impls.get(0), w) != null).toList();
        List<String> drawn = impls.stream().filter(figures::containsKey)
                .filter(i -> measured.stream().allMatch(w -> cell(figures, i, w) != null)).toList();
        List<String> xs = workloads.stream().filter(w -> drawn.stream().allMatch(i -> cell(figures, i, w) != null))
                .toList();
        if (xs.isEmpty()) {
            return;
        }
        for (String impl : drawn) {
            chart.addSeries(impl, xs, xs.stream().map(w -> cell(figures, impl, w).median()).toList());
        }
        BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
    }
}
