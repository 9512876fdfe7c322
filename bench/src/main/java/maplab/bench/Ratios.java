package maplab.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The ratios file ({@code ratios.csv}) of a bench run, and {@code ./maplab bench --compare A B}:
 * which workload's ratio moved beyond its spread between two runs. Ratios, not ns/op, because a
 * ratio's two sides ran in the same minutes of the same round, so it survives a busier machine.
 */
final class Ratios {

    static final String HEADER = "workload,ratio,median,min,max,rounds";

    /** One ratio of one workload over the rounds. */
    record Row(String workload, String ratio, double median, double min, double max, int rounds) {
        String key() {
            return workload + " " + ratio;
        }
    }

    /** A file that is not a ratios.csv: the message names the file and the problem. */
    static final class BadFile extends Exception {
        BadFile(String message) {
            super(message);
        }
    }

    private Ratios() {
    }

    static void write(Path file, List<String> lines) throws IOException {
        List<String> all = new ArrayList<>();
        all.add(HEADER);
        all.addAll(lines);
        Files.write(file, all);
    }

    /** The rows of a ratios.csv, keyed by "workload ratio". */
    static Map<String, Row> read(Path file) throws BadFile {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (NoSuchFileException e) {
            throw new BadFile(file + ": no such file");
        } catch (IOException e) {
            throw new BadFile(file + ": cannot read it (" + e.getMessage() + ")");
        }
        if (lines.isEmpty() || !lines.get(0).trim().equals(HEADER)) {
            throw new BadFile(file + ": not a ratios file of ./maplab bench (its first line should be \"" + HEADER
                    + "\")");
        }
        Map<String, Row> out = new LinkedHashMap<>();
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i).trim();
            if (line.isEmpty()) {
                continue;
            }
            String[] f = line.split(",", -1);
            try {
                if (f.length != 6) {
                    throw new NumberFormatException("6 fields expected, found " + f.length);
                }
                Row r = new Row(f[0], f[1], Double.parseDouble(f[2]), Double.parseDouble(f[3]),
                        Double.parseDouble(f[4]), Integer.parseInt(f[5]));
                if (!(r.min() <= r.median() && r.median() <= r.max())) {
                    throw new NumberFormatException("median outside [min, max]");
                }
                out.put(r.key(), r);
            } catch (NumberFormatException e) {
                throw new BadFile(file + ":" + (i + 1) + ": bad line \"" + line + "\" (" + e.getMessage() + ")");
            }
        }
        return out;
    }

    /**
     * A ratio moved when the two runs' spreads [min, max] do not overlap: then every round of one
     * run saw it above every round of the other. Returns how many moved.
     */
    static int compare(Map<String, Row> a, Map<String, Row> b, PrintStream out) {
        int moved = 0;
        int common = 0;
        for (Row x : a.values()) {
            Row y = b.get(x.key());
            if (y == null) {
                continue;
            }
            common++;
            if (y.min() > x.max() || y.max() < x.min()) {
                moved++;
                out.printf(Locale.ROOT, "  %-22s %-26s %6.2f [%.2f..%.2f] -> %6.2f [%.2f..%.2f]  %s %.0f%%%n",
                        x.workload(), x.ratio(), x.median(), x.min(), x.max(), y.median(), y.min(), y.max(),
                        y.median() > x.median() ? "up" : "down",
                        Math.abs(y.median() / x.median() - 1) * 100);
            }
        }
        List<String> onlyOne = new ArrayList<>();
        a.keySet().stream().filter(k -> !b.containsKey(k)).forEach(k -> onlyOne.add(k + " (first only)"));
        b.keySet().stream().filter(k -> !a.containsKey(k)).forEach(k -> onlyOne.add(k + " (second only)"));
        out.printf("%d of %d ratios moved beyond their spread%s%n", moved, common,
                onlyOne.isEmpty() ? "" : "; not in both runs: " + String.join(", ", onlyOne));
        return moved;
    }
}
