package maplab.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ratios over interleaved rounds, the ratios file, and --compare. */
class RatiosTest {

    private static Map<String, Map<String, Figure>> round(double engine, double go) {
        return Map.of("engine", Map.of("mix_1e5", Figure.of(new double[] {engine}, 0)),
                "Go 1.19", Map.of("mix_1e5", Figure.of(new double[] {go}, 0)));
    }

    @Test
    void aRatioIsTheMedianOfThePerRoundRatios() {
        // Round 2 ran on a busy machine: both sides slower, the ratio alike.
        List<Map<String, Map<String, Figure>>> rounds = List.of(round(100, 50), round(300, 140), round(110, 50));
        Figure r = Report.ratio(rounds, Report.CLASSIC.ratios().get(0), "mix_1e5");
        assertEquals(300.0 / 140, r.median(), 1e-9);
        assertEquals(2.0, r.min(), 1e-9);
        assertEquals(2.2, r.max(), 1e-9);
        // The ns/op column merges the rounds' medians.
        assertEquals(110, Report.merge(rounds).get("engine").get("mix_1e5").median());
        assertEquals(List.of("mix_1e5,engine/Go 1.19,2.1429,2.0000,2.2000,3"),
                Report.CLASSIC.ratioLines(rounds));
    }

    @Test
    void compareReportsOnlyRatiosWhoseSpreadsDoNotOverlap(@TempDir Path dir) throws Exception {
        Path a = dir.resolve("a.csv");
        Path b = dir.resolve("b.csv");
        Ratios.write(a, List.of("mix_1e5,engine/Go 1.19,2.0,1.9,2.1,3", "delete_1e5,engine/Go 1.19,1.5,1.2,1.8,3",
                "iterate_1e5,engine/HashMap,0.6,0.5,0.7,3"));
        Ratios.write(b, List.of("mix_1e5,engine/Go 1.19,1.4,1.3,1.5,3", "delete_1e5,engine/Go 1.19,1.7,1.6,1.9,3"));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int moved = Ratios.compare(Ratios.read(a), Ratios.read(b), new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertEquals(1, moved, text);
        assertTrue(text.contains("mix_1e5") && text.contains("down 30%"), text);
        assertTrue(!text.contains("  delete_1e5"), text);
        assertTrue(text.contains("iterate_1e5 engine/HashMap (first only)"), text);
    }

    @Test
    void badFilesAreNamedWithTheirProblem(@TempDir Path dir) throws Exception {
        Path missing = dir.resolve("none.csv");
        assertTrue(assertThrows(Ratios.BadFile.class, () -> Ratios.read(missing)).getMessage()
                .endsWith("none.csv: no such file"));
        Path other = dir.resolve("bench.csv");
        Files.writeString(other, "workload,impl,median_ns_per_op\n");
        assertTrue(assertThrows(Ratios.BadFile.class, () -> Ratios.read(other)).getMessage()
                .contains("not a ratios file"));
        Path broken = dir.resolve("broken.csv");
        Files.writeString(broken, Ratios.HEADER + "\nmix_1e5,engine/Go 1.19,two,1,3,3\n");
        assertTrue(assertThrows(Ratios.BadFile.class, () -> Ratios.read(broken)).getMessage()
                .contains("broken.csv:2: bad line"));
        assertEquals(2, BenchMain.compare(new String[] {"--compare", missing.toString()}, 0));
        assertEquals(2, BenchMain.compare(new String[] {"--compare", missing.toString(), other.toString()}, 0));
    }

    @Test
    void theLoadLineWarnsAboveTheCores() {
        assertTrue(!Load.line(new Load(0.5, 0.4, 0.3), new Load(1.9, 1, 1), 2).contains("WARNING"));
        assertTrue(Load.line(new Load(0.5, 0.4, 0.3), new Load(2.5, 1, 1), 2).contains("WARNING: the load (2.50)"));
        assertTrue(Load.line(null, null, 2).contains("before -, after -"));
    }
}
