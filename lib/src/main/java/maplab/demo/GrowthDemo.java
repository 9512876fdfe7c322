package maplab.demo;

import maplab.engine.classic.ClassicMap;
import maplab.engine.classic.MapEvent;
import maplab.engine.MapType;
import maplab.render.TextDiagram;

/**
 * The command-line demo until the lab lands: a map[uint64]uint64 after n-1 inserts, then the
 * n-th insert with the engine's events (with the defaults, Go 1.19 and n = 9, the first growth).
 * Arguments: [go version] [n].
 */
public final class GrowthDemo {

    private GrowthDemo() {
    }

    public static void main(String[] args) {
        String go = args.length > 0 ? args[0] : "1.19";
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 9;
        ClassicMap m = ClassicMap.builder(MapType.of("uint64", "uint64")).go(go).seed(2026).build();
        for (long k = 1; k < n; k++) {
            m.set(k, k * k);
        }
        System.out.println("After " + (n - 1) + " inserts:");
        System.out.println(TextDiagram.render(m.snapshot()));
        m.listen(e -> {
            if (!(e instanceof MapEvent.SlotWritten)) {
                System.out.println("  event: " + e);
            }
        });
        System.out.println("Inserting key " + n + "; what the engine does:");
        m.set((long) n, (long) n * n);
        System.out.println(TextDiagram.render(m.snapshot()));
        m.checkInvariants();
        System.out.println("Invariants hold.");
    }
}
