package maplab.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

class RuntimeResultsTest {

    @TempDir
    Path root;

    private Path write(String dir, String file, String... lines) throws IOException {
        Path p = root.resolve(dir).resolve(file);
        Files.createDirectories(p.getParent());
        Files.write(p, List.of(lines));
        return p;
    }

    private void committed() throws IOException {
        write(RuntimeResults.COMMITTED, "memory/live-bytes.csv", "# go: go1.19.8 amd64", "# date: 2026-01-02",
                "# machine: 2 cores, amd64, Linux 6.1", "# model: abc1234", "# by: test",
                "workload,modelBytes,withinBound", "u64-u64-10,336,true");
    }

    @Test
    void theCommittedDataIsShownWhenThereIsNoFreshRun() throws IOException {
        committed();
        RuntimeResults.Results r = RuntimeResults.load(RuntimeResults.Kind.LIVE_BYTES, root);
        assertFalse(r.provenance().fresh());
        assertEquals("go1.19.8 amd64", r.provenance().go());
        assertEquals("2026-01-02", r.provenance().date());
        assertEquals("committed data of 2026-01-02 (data/runtime/go1.19/memory/live-bytes.csv): go1.19.8 amd64, "
                + "2 cores, amd64, Linux 6.1, model at abc1234", r.provenance().describe());
        Table t = r.table();
        assertEquals(List.of("workload", "modelBytes", "withinBound"), t.columnNames());
        assertEquals(1, t.rowCount());
        assertTrue(t.name().startsWith("live map bytes"), t.name());
        assertTrue(t.name().contains("committed data of 2026-01-02"), t.name());
    }

    @Test
    void aFreshRunWinsAndSaysSo() throws IOException {
        committed();
        write(RuntimeResults.FRESH, "memory/live-bytes.csv", "# go: go1.19.8 amd64", "# date: 2026-02-03",
                "workload,modelBytes,withinBound", "u64-u64-10,336,true", "u64-u64-1000000,40149088,true");
        RuntimeResults.Results r = RuntimeResults.load(RuntimeResults.Kind.LIVE_BYTES, root);
        assertTrue(r.provenance().fresh());
        assertEquals(2, r.table().rowCount());
        assertTrue(r.provenance().describe().startsWith("the fresh run of 2026-02-03 (./maplab test, "
                + "reports/memory/live-bytes.csv): go1.19.8 amd64"), r.provenance().describe());
    }

    @Test
    void aFreshFileWithoutCommentsIsShownWithItsFileDate() throws IOException {
        committed();
        write(RuntimeResults.FRESH, "memory/live-bytes.csv", "workload,modelBytes,withinBound", "a,1,true");
        RuntimeResults.Results r = RuntimeResults.load(RuntimeResults.Kind.LIVE_BYTES, root);
        assertTrue(r.provenance().date().endsWith("(file date; the run recorded none)"), r.provenance().date());
        assertTrue(r.provenance().describe().contains("Go version not recorded"));
    }

    @Test
    void stampingReplacesTheCommentsAndKeepsTheRows() throws IOException {
        Path csv = write("x", "t.csv", "# go: old", "a,b", "1,2");
        Path json = write("x", "memory.json", "{\"go\": \"go1.19.8\", \"goarch\": \"amd64\", \"gc\": []}");
        RuntimeResults.stamp(csv, RuntimeResults.stampLines(RuntimeResults.goOf(json), "abc", "a test"));
        List<String> lines = Files.readAllLines(csv);
        assertEquals("# go: go1.19.8 amd64", lines.get(0));
        assertTrue(lines.get(1).matches("# date: \\d{4}-\\d\\d-\\d\\d"), lines.get(1));
        assertTrue(lines.get(2).matches("# machine: \\d+ cores, .*"), lines.get(2));
        assertEquals(List.of("# model: abc", "# by: a test", "a,b", "1,2"), lines.subList(3, 7));
        Path jsonLines = write("x", "races.json", "{\"scenario\": \"s\", \"go\": \"go1.19.8\"}", "{\"scenario\": \"t\"}");
        assertEquals("go1.19.8", RuntimeResults.goOf(jsonLines));
        Path noGo = write("x", "bad.json", "{\"scenario\": \"s\"}");
        assertThrows(IOException.class, () -> RuntimeResults.goOf(noGo));
    }

    @Test
    void badInputNamesTheProblem() throws IOException {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RuntimeResults.load(null, root));
        assertTrue(e.getMessage().contains("kind"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> RuntimeResults.load(RuntimeResults.Kind.RACES, root.resolve("nowhere")));
        assertThrows(IllegalArgumentException.class, () -> RuntimeResults.findRoot(null));
        IllegalStateException missing = assertThrows(IllegalStateException.class,
                () -> RuntimeResults.load(RuntimeResults.Kind.RACES, root));
        assertTrue(missing.getMessage().contains("races/races.csv"), missing.getMessage());
        assertTrue(RuntimeResults.findRoot(root).isEmpty());
    }

    /** The measurements committed with the repository: real Go 1.19, every figure within its bound. */
    @Test
    void theRepositoryCarriesMeasurementsOfGo119WithinTheirBounds() {
        Path repo = RuntimeResults.findRoot(Path.of("")).orElseThrow();
        Path data = repo.resolve(RuntimeResults.COMMITTED);
        for (RuntimeResults.Kind k : RuntimeResults.Kind.values()) {
            assertTrue(Files.isRegularFile(data.resolve(k.file())), k + " is committed");
        }
        // Read the committed files themselves, whatever a local ./maplab test left in reports/.
        Path copy = root;
        for (RuntimeResults.Kind k : RuntimeResults.Kind.values()) {
            try {
                Path to = copy.resolve(RuntimeResults.COMMITTED).resolve(k.file());
                Files.createDirectories(to.getParent());
                Files.copy(data.resolve(k.file()), to);
            } catch (IOException e) {
                throw new AssertionError(e);
            }
            RuntimeResults.Results r = RuntimeResults.load(k, copy);
            assertTrue(r.provenance().go().startsWith("go1.19."), k + ": " + r.provenance().go());
            assertTrue(r.provenance().date().matches("\\d{4}-\\d\\d-\\d\\d"), r.provenance().date());
            assertTrue(r.provenance().machine().matches("\\d+ cores, .*"), r.provenance().machine());
            assertTrue(r.table().rowCount() > 0);
            String ok = k == RuntimeResults.Kind.RACES ? "in_model" : "withinBound";
            assertEquals(r.table().rowCount(), r.table().booleanColumn(ok).countTrue(), k + ": every figure within bound");
        }
    }
}
