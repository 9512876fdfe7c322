package maplab.experiment;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import maplab.table.Csv;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvReadOptions;

/**
 * The model against the real Go runtime, as notebooks 06 and 07 show it: live map bytes, GC
 * cycles and race outcome classes measured with a real Go runtime and compared with the model.
 * Two places hold them, both CSV files that start with comment lines naming the Go version
 * ({@code runtime.Version()} as measured), the date, the machine and the model's commit:
 * <ul>
 *   <li>{@code reports/memory/}, {@code reports/races/}: the fresh run, written by
 *       {@code ./maplab test} (scripts/conformance.sh) on this machine; reports/ is not in git;</li>
 *   <li>{@code data/runtime/go1.19/memory/}, {@code data/runtime/go1.19/races/}: the last
 *       measurement committed with the repository, so that a report made without running the
 *       tests still shows real-runtime figures.</li>
 * </ul>
 * {@link #load} prefers the fresh run when there is one.
 *
 * <pre>
 *   var live = RuntimeResults.load(RuntimeResults.Kind.LIVE_BYTES);
 *   System.out.println(live.provenance().describe());
 *   live.table()
 * </pre>
 *
 * The command {@code stamp} writes the comment lines: {@code java maplab.experiment.RuntimeResults
 * stamp --measured MEASURED.json [--model REV] FILE.csv...}, where MEASURED.json is what the oracle
 * wrote (its "go" field is runtime.Version()); the date is today's (UTC) and the machine is this
 * one (cores, OS), never its name or any path.
 */
public final class RuntimeResults {

    /** Where the committed measurements live, under the repository root. */
    public static final String COMMITTED = "data/runtime/go1.19";
    /** The release that {@link #load(Kind)} and {@link #load(Kind, Path)} read: the classic map's measurements. */
    public static final String DEFAULT_RELEASE = "1.19";
    /** Where ./maplab test writes fresh ones, under the repository root. */
    public static final String FRESH = "reports";

    /** The three tables. */
    public enum Kind {
        LIVE_BYTES("memory/live-bytes.csv", "live map bytes: real HeapAlloc delta vs the model (bound: exact)"),
        GC_CYCLES("memory/gc-cycles.csv", "GC cycles for 10^6 inserts: real NumGC vs the model (bound: within one)"),
        RACES("races/races.csv", "race outcomes: the model's schedules vs real runs");

        private final String file;
        private final String title;

        Kind(String file, String title) {
            this.file = file;
            this.title = title;
        }

        /** The file's path below reports/ or data/runtime/go1.19/, e.g. "memory/live-bytes.csv". */
        public String file() { return file; }

        public String title() { return title; }
    }

    /**
     * Where a table comes from.
     *
     * @param fresh whether it is the fresh run in reports/ (else the committed data)
     * @param go the Go version measured, e.g. "go1.19.8 amd64"; "" when the file does not say
     * @param date the day of the measurement, e.g. "2026-12-02"
     * @param machine e.g. "2 cores, amd64, Linux 6.18 (Debian GNU/Linux 12 (bookworm))"; "" when unknown
     * @param model the model's commit the comparison was made with; "" when unknown
     * @param file the file read, relative to the repository root
     */
    public record Provenance(boolean fresh, String go, String date, String machine, String model, String file) {

        /** One line for a notebook: which data this is, of when, measured how. */
        public String describe() {
            StringBuilder sb = new StringBuilder(fresh ? "the fresh run of " + date + " (./maplab test, " + file + ")"
                    : "committed data of " + date + " (" + file + ")");
            sb.append(go.isEmpty() ? ": Go version not recorded" : ": " + go);
            if (!machine.isEmpty()) {
                sb.append(", ").append(machine);
            }
            if (!model.isEmpty()) {
                sb.append(", model at ").append(model);
            }
            return sb.toString();
        }
    }

    /** A table and where it comes from. */
    public record Results(Table table, Provenance provenance) {
    }

    private RuntimeResults() {
    }

    /** The table of that kind, found from the working directory up to the repository root. */
    public static Results load(Kind kind) {
        Path start = Path.of("").toAbsolutePath();
        Path root = findRoot(start).orElseThrow(() -> new IllegalStateException("no MapLab repository (a folder "
                + "with " + COMMITTED + ") at or above " + start + "; pass the repository root to load(kind, root)"));
        return load(kind, root);
    }

    /** The table of that kind in the repository at {@code root}: the fresh run if there is one, else the committed data. */
    public static Results load(Kind kind, Path root) {
        return load(kind, DEFAULT_RELEASE, root);
    }

    /** The table of that kind measured with Go {@code release} ("1.19", "1.24", "1.26"), found from the working directory up. */
    public static Results load(Kind kind, String release) {
        Path start = Path.of("").toAbsolutePath();
        Path root = findRoot(start).orElseThrow(() -> new IllegalStateException("no MapLab repository (a folder "
                + "with " + COMMITTED + ") at or above " + start + "; pass the repository root to load(kind, release, root)"));
        return load(kind, release, root);
    }

    /**
     * The table of that kind measured with Go {@code release}: the fresh run if there is one
     * (reports/memory/ and reports/races/ for Go 1.19, reports/memory/go1.26/ and so on for the
     * others), else the committed data/runtime/go&lt;release&gt;/.
     */
    public static Results load(Kind kind, String release, Path root) {
        if (kind == null) {
            throw new IllegalArgumentException("kind must be LIVE_BYTES, GC_CYCLES or RACES, got null");
        }
        if (root == null || !Files.isDirectory(root)) {
            throw new IllegalArgumentException("root must be the repository's folder, got " + root);
        }
        if (release == null || !release.matches("1\\.\\d+")) {
            throw new IllegalArgumentException("release must be a Go release such as \"1.19\" or \"1.26\", got "
                    + (release == null ? "null" : "\"" + release + "\""));
        }
        Path committedDir = root.resolve(COMMITTED).resolveSibling("go" + release);
        Path fresh = freshFile(kind, release, root);
        Path committed = committedDir.resolve(kind.file());
        Path file = Files.isRegularFile(fresh) ? fresh : committed;
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("no " + kind.file() + " of Go " + release + ": neither a fresh run ("
                    + root.relativize(fresh) + ") nor committed data (" + root.relativize(committed)
                    + "); releases with committed measurements: " + releases(root));
        }
        return read(kind, file, file == fresh, root.relativize(file).toString().replace('\\', '/'));
    }

    /** The Go releases with committed measurements in the repository at {@code root}, e.g. [1.19, 1.24, 1.26]. */
    public static List<String> releases(Path root) {
        Path dir = root.resolve(COMMITTED).getParent();
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (var s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.matches("go1\\.\\d+"))
                    .map(n -> n.substring(2)).sorted(java.util.Comparator.comparingInt(r -> Integer.parseInt(r.substring(2))))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    /** Where ./maplab test writes a fresh table: reports/memory/live-bytes.csv for Go 1.19, reports/memory/go1.26/live-bytes.csv for 1.26. */
    static Path freshFile(Kind kind, String release, Path root) {
        Path f = root.resolve(FRESH).resolve(kind.file());
        return release.equals(DEFAULT_RELEASE) ? f : f.resolveSibling("go" + release).resolve(f.getFileName());
    }

    /** The nearest folder at or above {@code start} that holds the committed measurements. */
    public static Optional<Path> findRoot(Path start) {
        if (start == null) {
            throw new IllegalArgumentException("start must be a folder, got null");
        }
        for (Path p = start.toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve(COMMITTED))) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    private static Results read(Kind kind, Path file, boolean fresh, String shown) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        Map<String, String> meta = new LinkedHashMap<>();
        List<String> body = new ArrayList<>();
        for (String l : lines) {
            if (l.startsWith("#")) {
                int colon = l.indexOf(':');
                if (colon > 0) {
                    meta.put(l.substring(1, colon).strip(), l.substring(colon + 1).strip());
                }
            } else if (!l.isBlank()) {
                body.add(l);
            }
        }
        if (body.isEmpty()) {
            throw new IllegalStateException(file + ": no CSV header, so no table");
        }
        String date = meta.getOrDefault("date", "");
        if (date.isEmpty()) {
            try {
                date = LocalDate.ofInstant(Files.getLastModifiedTime(file).toInstant(), ZoneOffset.UTC)
                        + " (file date; the run recorded none)";
            } catch (IOException e) {
                date = "unknown date";
            }
        }
        Provenance p = new Provenance(fresh, meta.getOrDefault("go", ""), date, meta.getOrDefault("machine", ""),
                meta.getOrDefault("model", ""), shown);
        Table t = Table.read().csv(CsvReadOptions.builder(new StringReader(String.join("\n", body)))
                .tableName(kind.title() + "; " + p.describe()));
        return new Results(t, p);
    }

    // ---------------------------------------------------------------- stamping (scripts/conformance.sh)

    /** The comment lines of a measurement made now on this machine. */
    static List<String> stampLines(String go, String model, String by) {
        List<String> out = new ArrayList<>();
        out.add("# go: " + go);
        out.add("# date: " + LocalDate.now(ZoneOffset.UTC));
        out.add("# machine: " + machine());
        if (!model.isEmpty()) {
            out.add("# model: " + model);
        }
        out.add("# by: " + by);
        return out;
    }

    /** Cores, architecture and OS, e.g. "2 cores, amd64, Linux 6.18 (Debian GNU/Linux 12 (bookworm))": no host name, no path. */
    static String machine() {
        String version = System.getProperty("os.version", "");
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("^\\d+(\\.\\d+)?").matcher(version);
        String os = System.getProperty("os.name", "unknown OS") + (m.find() ? " " + m.group() : "");
        String distro = "";
        Path release = Path.of("/etc/os-release");
        if (Files.isReadable(release)) {
            try {
                for (String l : Files.readAllLines(release)) {
                    if (l.startsWith("PRETTY_NAME=")) {
                        distro = " (" + l.substring("PRETTY_NAME=".length()).replace("\"", "") + ")";
                    }
                }
            } catch (IOException ignored) {
                // the distribution is a courtesy; cores and OS are enough
            }
        }
        return Runtime.getRuntime().availableProcessors() + " cores, " + System.getProperty("os.arch", "") + ", " + os
                + distro;
    }

    /** runtime.Version() and GOARCH from the oracle's JSON: one object (memory.json) or one per line (races.json). */
    static String goOf(Path measured) throws IOException {
        String text = Files.readString(measured).strip();
        JsonObject o;
        try {
            o = JsonParser.parseString(text).getAsJsonObject();
        } catch (RuntimeException e) {
            String first = text.lines().filter(l -> !l.isBlank()).findFirst().orElse("");
            try {
                o = JsonParser.parseString(first).getAsJsonObject();
            } catch (RuntimeException e2) {
                throw new IOException(measured + ": neither a JSON object nor JSON lines: " + e2.getMessage(), e2);
            }
        }
        JsonElement go = o.get("go");
        if (go == null || !go.isJsonPrimitive() || !go.getAsString().startsWith("go")) {
            throw new IOException(measured + ": no \"go\" field with runtime.Version()");
        }
        JsonElement arch = o.get("goarch");
        return go.getAsString() + (arch != null && arch.isJsonPrimitive() ? " " + arch.getAsString() : "");
    }

    /** Rewrites {@code csv} with the comment lines first (earlier comment lines are replaced). */
    static void stamp(Path csv, List<String> comments) throws IOException {
        List<String> body = new ArrayList<>();
        for (String l : Files.readAllLines(csv)) {
            if (!l.startsWith("#")) {
                body.add(l);
            }
        }
        if (body.isEmpty()) {
            throw new IOException(csv + ": empty, nothing to stamp");
        }
        Csv.write(csv, String.join("\n", comments) + "\n" + body.get(0), body.subList(1, body.size()));
    }

    /** {@code stamp --measured JSON [--model REV] [--by TEXT] CSV...}; exit 2 on bad arguments or unreadable files. */
    public static void main(String[] args) {
        String usage = "usage: RuntimeResults stamp --measured MEASURED.json [--model REV] [--by TEXT] FILE.csv...";
        if (args.length < 4 || !args[0].equals("stamp")) {
            System.err.println(usage);
            System.exit(2);
        }
        Path measured = null;
        String model = "";
        String by = "./maplab test (scripts/conformance.sh)";
        List<Path> files = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            switch (args[i]) {
                case "--measured", "--model", "--by" -> {
                    if (i + 1 >= args.length) {
                        System.err.println(args[i] + " needs a value; " + usage);
                        System.exit(2);
                    }
                    String v = args[++i];
                    if (args[i - 1].equals("--measured")) {
                        measured = Path.of(v);
                    } else if (args[i - 1].equals("--model")) {
                        model = v;
                    } else {
                        by = v;
                    }
                }
                default -> files.add(Path.of(args[i]));
            }
        }
        if (measured == null || files.isEmpty()) {
            System.err.println(usage);
            System.exit(2);
        }
        try {
            List<String> lines = stampLines(goOf(measured), model, by);
            for (Path f : files) {
                stamp(f, lines);
            }
            System.out.println(String.join("; ", lines).replace("# ", "") + String.format(Locale.ROOT,
                    " -> %d file(s)", files.size()));
        } catch (java.nio.file.NoSuchFileException e) {
            System.err.println("stamp: no such file: " + e.getFile());
            System.exit(2);
        } catch (IOException | RuntimeException e) {
            System.err.println("stamp: " + e.getMessage());
            System.exit(2);
        }
    }
}
