package maplab.demo;

import maplab.engine.GoMap;
import maplab.engine.GoMaps;
import maplab.engine.GoVersion;
import maplab.engine.MapType;
import maplab.engine.classic.MapEvent;
import maplab.engine.swiss.SwissEvent;
import maplab.render.TextDiagram;
import java.io.PrintStream;

/**
 * {@code ./maplab demo [go-version] [keys]}: a map[uint64]uint64 after keys-1 inserts, then the
 * last insert with the engine's events. With the defaults (Go 1.19, 9 keys) that is the classic
 * map's first doubling; on Go 1.24+ the 9th key turns the small map into a table.
 */
public final class GrowthDemo {

    private GrowthDemo() {
    }

    public static void main(String[] args) {
        int status = run(args, System.out, System.err);
        if (status != 0) {
            System.exit(status);
        }
    }

    /** The demo on {@code out}; bad arguments get a message and the usage line on {@code err}, and exit status 2. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        try {
            demo(args, out);
            return 0;
        } catch (IllegalArgumentException e) {
            err.println("demo: " + e.getMessage());
            err.println("usage: ./maplab demo [go-version] [keys]   e.g. ./maplab demo 1.26 9");
            return 2;
        }
    }

    private static void demo(String[] args, PrintStream out) {
        if (args.length > 2) {
            throw new IllegalArgumentException("too many arguments");
        }
        GoVersion go = GoVersion.parse(args.length > 0 ? args[0] : "1.19");
        int n = args.length > 1 ? keys(args[1]) : 9;
        GoMap m = GoMaps.builder(MapType.of("uint64", "uint64")).go(go).seed(2026).build();
        for (long k = 1; k < n; k++) {
            m.set(k, k * k);
        }
        out.println("After " + (n - 1) + " inserts:");
        out.println(TextDiagram.render(m.snapshot()));
        m.listen(e -> {
            if (!(e instanceof MapEvent.SlotWritten) && !(e instanceof SwissEvent.SlotWritten)) {
                out.println("  event: " + e);
            }
        });
        out.println("Inserting key " + n + "; what the engine does:");
        m.set((long) n, (long) n * n);
        out.println(TextDiagram.render(m.snapshot()));
        m.checkInvariants();
        out.println("Invariants hold.");
    }

    private static int keys(String text) {
        try {
            int n = Integer.parseInt(text.strip());
            if (n >= 1 && n <= 100_000) {
                return n;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new IllegalArgumentException("keys must be a whole number from 1 to 100000, got '" + text + "'");
    }
}
