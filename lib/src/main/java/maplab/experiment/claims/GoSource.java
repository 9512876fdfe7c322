package maplab.experiment.claims;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The functions Go's own source trees declare, as listed by {@code scripts/go-functions.py} into
 * two resource files of this package: every top-level function and method of the packages
 * {@code runtime}, {@code unsafe} and {@code internal/runtime/maps} (non-test files, any
 * GOOS/GOARCH), and the declaration line of every function in the map files. The claims about
 * runtime functions are checked against this list, which is only as current as the trees it was
 * made from: {@link #version(String)} names each.
 */
public final class GoSource {

    private static final String FUNCTIONS = "go-functions.tsv";
    private static final String SIGNATURES = "go-map-signatures.tsv";

    /** A declaration line of a map file, e.g. {@code func mapdelete(t *maptype, h *hmap, key unsafe.Pointer)}. */
    public record Declaration(String release, String file, String line) { }

    private static volatile GoSource loaded;

    private final Map<String, String> versions;
    private final Map<String, Set<String>> declared;
    private final List<Declaration> declarations;

    private GoSource(Map<String, String> versions, Map<String, Set<String>> declared, List<Declaration> declarations) {
        this.versions = versions;
        this.declared = declared;
        this.declarations = declarations;
    }

    /** The lists shipped with the library. */
    public static GoSource get() {
        GoSource s = loaded;
        if (s == null) {
            synchronized (GoSource.class) {
                s = loaded;
                if (s == null) {
                    loaded = s = read();
                }
            }
        }
        return s;
    }

    /** The releases whose source trees were listed: "1.19", ..., "1.26". */
    public List<String> releases() {
        return List.copyOf(versions.keySet());
    }

    /** The exact version of the tree listed for a release, e.g. "go1.19.8". */
    public String version(String release) {
        checkRelease(release);
        return versions.get(release);
    }

    /**
     * Whether {@code pkg} declares a function or method {@code name} (methods as {@code Type.name})
     * in that release's tree.
     */
    public boolean declares(String release, String pkg, String name) {
        checkRelease(release);
        if (pkg == null || name == null || name.isBlank()) {
            throw new IllegalArgumentException("package and function name are required, got " + pkg + " and " + name);
        }
        return declared.getOrDefault(release + "\t" + pkg, Set.of()).contains(name);
    }

    /** How many functions and methods {@code pkg} declares in that release (0 for a package it does not have). */
    public int count(String release, String pkg) {
        checkRelease(release);
        if (pkg == null) {
            throw new IllegalArgumentException("a package is required, e.g. runtime, got null");
        }
        return declared.getOrDefault(release + "\t" + pkg, Set.of()).size();
    }

    /** The names {@code pkg} declares in that release that start with {@code prefix}, sorted. */
    public List<String> startingWith(String release, String pkg, String prefix) {
        checkRelease(release);
        if (pkg == null || prefix == null) {
            throw new IllegalArgumentException("package and prefix are required (\"\" for every name), got " + pkg
                    + " and " + prefix);
        }
        List<String> out = new ArrayList<>();
        for (String n : declared.getOrDefault(release + "\t" + pkg, Set.of())) {
            if (n.startsWith(prefix)) {
                out.add(n);
            }
        }
        Collections.sort(out);
        return out;
    }

    /** The declaration lines of the map files of that release whose function is {@code name} (methods excluded). */
    public List<Declaration> declarations(String release, String name) {
        checkRelease(release);
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a function name is required, got " + name);
        }
        List<Declaration> out = new ArrayList<>();
        for (Declaration d : declarations) {
            if (d.release().equals(release) && d.line().startsWith("func " + name + "(")) {
                out.add(d);
            }
        }
        return out;
    }

    private void checkRelease(String release) {
        if (release == null || !versions.containsKey(release)) {
            throw new IllegalArgumentException("no Go source tree was listed for release '" + release + "'; listed: "
                    + versions.keySet() + " (scripts/go-functions.py makes the list)");
        }
    }

    private static GoSource read() {
        Map<String, String> versions = new LinkedHashMap<>();
        Map<String, Set<String>> declared = new HashMap<>();
        List<String> releases = new ArrayList<>();
        for (String line : lines(FUNCTIONS)) {
            if (line.startsWith("#")) {
                header(line, versions, releases);
                continue;
            }
            String[] f = line.split("\t");
            if (f.length != 3) {
                throw new IllegalStateException(FUNCTIONS + ": not package, name, releases: " + line);
            }
            for (String r : f[2].equals("all") ? releases : List.of(f[2].split(" "))) {
                declared.computeIfAbsent(r + "\t" + f[0], k -> new HashSet<>()).add(f[1]);
            }
        }
        if (versions.isEmpty() || !versions.keySet().equals(new java.util.LinkedHashSet<>(releases))) {
            throw new IllegalStateException(FUNCTIONS + ": the header must name every release and its version");
        }
        List<Declaration> declarations = new ArrayList<>();
        for (String line : lines(SIGNATURES)) {
            if (line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t");
            if (f.length != 3) {
                throw new IllegalStateException(SIGNATURES + ": not release, file, line: " + line);
            }
            declarations.add(new Declaration(f[0], f[1], f[2]));
        }
        return new GoSource(Collections.unmodifiableMap(versions), declared, List.copyOf(declarations));
    }

    /** "#   1.19 = go1.19.8" and "# releases: 1.19 1.21 ...". */
    private static void header(String line, Map<String, String> versions, List<String> releases) {
        String t = line.substring(1).strip();
        if (t.startsWith("releases:")) {
            releases.addAll(List.of(t.substring("releases:".length()).strip().split(" ")));
        } else if (t.matches("1\\.\\d+ = go\\S+")) {
            String[] p = t.split(" = ");
            versions.put(p[0], p[1]);
        }
    }

    private static List<String> lines(String resource) {
        try (InputStream in = GoSource.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("resource " + resource + " is missing from maplab.experiment.claims");
            }
            List<String> out = new ArrayList<>();
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String l; (l = r.readLine()) != null; ) {
                    if (!l.isBlank()) {
                        out.add(l);
                    }
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
