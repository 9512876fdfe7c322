package maplab.engine.swiss;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import maplab.engine.GoMap;
import maplab.engine.GoMaps;
import maplab.engine.MapType;
import org.junit.jupiter.api.Test;

/**
 * The order of shared-memory steps of the fast64 functions, as Go 1.26's compiled code makes
 * them (go tool objdump of runtime.mapassign_fast64, (*Map).putSlotSmallFast64 and
 * runtime.mapaccess1_fast64): the race scheduler interleaves goroutines at exactly these points.
 */
class SwissStepOrderTest {

    private static GoMap map(long... keys) {
        GoMap m = GoMaps.builder(MapType.of("uint64", "uint64")).go("1.26").seed(1).build();
        for (long k : keys) {
            m.set(k, k);
        }
        return m;
    }

    private static List<String> steps(GoMap m, Runnable op) {
        List<String> out = new ArrayList<>();
        m.stepHook((memory, field, slot, write) -> out.add((write ? "W " : "R ") + field.describe(memory, slot)));
        try {
            op.run();
        } finally {
            m.stepHook(null);
        }
        return out;
    }

    @Test
    void aNewKeyInATableLoadsEachControlWordOnce() {
        GoMap m = map(100, 101, 102, 103, 104, 105, 106, 107, 108, 109);
        List<String> s = steps(m, () -> m.set(1L, 1L));
        String text = String.join("\n", s);
        // The head: writing tested, seed for the hash, writing toggled, dirPtr and dirLen tested,
        // then the table from the directory (dirLen again inside directoryIndex).
        assertEquals(List.of("R m.writing", "R m.seed", "R m.writing", "W m.writing", "R m.dirPtr", "R m.dirLen",
                "R m.dirLen", "R m.dirPtr"), s.subList(0, 8), text);
        // The tail: key, control byte, growthLeft--, used++ (table, then map), writing toggled
        // back, then the compiled code's elem store.
        List<String> tail = s.subList(s.size() - 12, s.size());
        assertEquals(List.of("W", "W", "R", "W", "R", "W", "R", "W", "R", "R", "W", "W"),
                tail.stream().map(x -> x.substring(0, 1)).toList(), text);
        assertEquals(List.of("growthLeft", "growthLeft", "used", "used"),
                tail.subList(2, 6).stream().map(x -> x.substring(x.lastIndexOf('.') + 1)).toList(), text);
        // Each group visited: one load of its control word (no second load for the empty test),
        // one load of the control byte of its first empty-or-deleted slot.
        long words = s.stream().filter(x -> x.startsWith("R ") && x.endsWith(".ctrl")).count();
        long bytes = s.stream().filter(x -> x.startsWith("R ") && x.matches(".*\\.ctrl\\[\\d]")).count();
        assertEquals(1, bytes, text);
        assertEquals(1, words, "the key lands in the first group with an empty slot here: " + text);
    }

    @Test
    void aNewKeyInASmallMapLoadsDirPtrAndTheControlWordOnce() {
        GoMap m = map(100, 101, 102);
        List<String> s = steps(m, () -> m.set(1L, 1L));
        assertEquals(List.of("R m.writing", "R m.seed", "R m.writing", "W m.writing", "R m.dirPtr", "R m.dirLen",
                "R m.used", "R m.dirPtr"), s.subList(0, 8), String.join("\n", s));
        assertEquals(1, s.stream().filter(x -> x.equals("R m.dirPtr")).count() - 1, String.join("\n", s));
        assertEquals(1, s.stream().filter(x -> x.startsWith("R ") && x.endsWith(".ctrl")).count(),
                String.join("\n", s));
    }

    @Test
    void aTableLookupOfAMissingKeyTestsTheWordItLoaded() {
        GoMap m = map(100, 101, 102, 103, 104, 105, 106, 107, 108, 109);
        List<String> s = steps(m, () -> m.get(1L));
        long words = s.stream().filter(x -> x.startsWith("R ") && x.endsWith(".ctrl")).count();
        long groups = s.stream().filter(x -> x.equals("R table#1.groups") || x.matches("R table#\\d+\\.groups"))
                .count();
        assertEquals(1, groups, String.join("\n", s));
        // One word per group visited; a 16-slot table with 10 keys has an empty slot in each group.
        assertEquals(1, words, String.join("\n", s));
    }
}
