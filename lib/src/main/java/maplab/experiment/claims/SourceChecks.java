package maplab.experiment.claims;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks of claims that cite runtime functions by name: the experiment searches the functions
 * the Go source trees declare ({@link GoSource}, made by scripts/go-functions.py), so it is the
 * same for both engines, each on its own releases' trees.
 */
final class SourceChecks {

    private SourceChecks() {
    }

    static Map<String, Check> forEngine(MapEngine engine) {
        List<String> releases = engine.releases().stream().filter(GoSource.get().releases()::contains).toList();
        Map<String, Check> m = new LinkedHashMap<>();
        if (releases.isEmpty()) {
            return m;
        }
        m.put("symbol-mgcleanup", new Check("search the functions and methods package runtime declares for mgcleanup",
                releases, r -> absent(r, "runtime", "mgcleanup", null), SourceChecks::declared));
        m.put("symbol-mapaccess-fast3", new Check("search package runtime for mapaccess_fast3", releases,
                r -> absent(r, "runtime", "mapaccess_fast3", "mapaccess"), SourceChecks::declared));
        m.put("symbol-unsafe-mapiterate", new Check("search package unsafe for MapIterate", releases,
                r -> absent(r, "unsafe", "MapIterate", ""), SourceChecks::declared));
        if (releases.contains("1.22")) {
            m.put("symbol-mapdelete-flags", new Check("read the declaration of mapdelete in runtime/map.go",
                    List.of("1.22"), SourceChecks::mapdelete,
                    r -> Verdict.of(r.figure("flagsParameter") == 1)));
        }
        return m;
    }

    private static Verdict declared(Measured m) {
        return Verdict.of(m.figure("declared") == 1);
    }

    /**
     * Whether pkg declares name; the answer lists the names it does declare that start with
     * {@code near} (all of them for "", none for null).
     */
    private static Measured absent(String release, String pkg, String name, String near) {
        GoSource src = GoSource.get();
        boolean declared = src.declares(release, pkg, name);
        String answer = "package " + pkg + (declared ? " declares " : " declares no function or method named ") + name;
        if (!declared && near != null) {
            List<String> similar = src.startingWith(release, pkg, near).stream()
                    .filter(n -> !n.contains(".")).toList();
            answer += near.isEmpty() ? "; it declares " + Lab.list(similar, 10)
                    : "; its functions starting with " + near + ": " + Lab.list(similar, 12);
        }
        return Measured.of(answer).with("declared", declared ? 1 : 0).with("declaredInPackage", src.count(release, pkg));
    }

    private static Measured mapdelete(String release) {
        List<GoSource.Declaration> d = GoSource.get().declarations(release, "mapdelete").stream()
                .filter(x -> x.file().equals("runtime/map.go")).toList();
        if (d.size() != 1) {
            throw new IllegalStateException("expected one mapdelete in runtime/map.go of " + release + ", found " + d);
        }
        String line = d.get(0).line();
        boolean flags = line.substring(line.indexOf('(')).contains("flags");
        return Measured.of("%s, runtime/map.go: %s", GoSource.get().version(release), line)
                .with("flagsParameter", flags ? 1 : 0);
    }
}
