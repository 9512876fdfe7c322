package maplab.kernel.magic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import maplab.kernel.eval.CellResult;
import maplab.kernel.eval.CellRunner;
import maplab.kernel.eval.DisplayOutput;
import maplab.kernel.eval.OutputSink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MagicsTest {

    final List<String> ran = new ArrayList<>();
    final List<Duration> limits = new ArrayList<>();
    final List<String> classpath = new ArrayList<>();
    final StringBuilder out = new StringBuilder();

    final CellRunner runner = new CellRunner() {
        @Override
        public CellResult execute(String code, Duration limit) {
            ran.add(code);
            limits.add(limit);
            return CellResult.success(null);
        }

        @Override
        public void addToClasspath(String path) {
            classpath.add(path);
        }
    };

    final OutputSink sink = new OutputSink() {
        @Override
        public void stdout(String text) {
            out.append(text);
        }

        @Override
        public void stderr(String text) {
            out.append(text);
        }

        @Override
        public void display(DisplayOutput output) {
        }
    };

    final Magics magics = new Magics(runner, sink);

    @Test
    void plainCodeGoesStraightThrough() {
        assertTrue(magics.run("int x = 1;").ok());
        assertEquals(List.of("int x = 1;"), ran);
        assertNull(limits.get(0));
    }

    @Test
    void lsmagicListsTheMagics() {
        assertTrue(magics.run("%lsmagic").ok());
        assertTrue(out.toString().contains("%classpath") && out.toString().contains("%%time"), out.toString());
        assertTrue(ran.isEmpty());
    }

    @Test
    void classpathExpandsGlobsAndKeepsLineNumbersOfTheCode(@TempDir Path dir) throws Exception {
        Files.createFile(dir.resolve("a.jar"));
        Files.createFile(dir.resolve("b.jar"));
        Files.createFile(dir.resolve("notes.txt"));
        assertTrue(magics.run("%jars " + dir + "/*.jar\nint y = 2;").ok());
        assertEquals(List.of(dir.resolve("a.jar").toString(), dir.resolve("b.jar").toString()), classpath);
        assertEquals(List.of("\nint y = 2;"), ran, "the code keeps its line 2");
    }

    @Test
    void aMissingJarIsAClearError() {
        CellResult r = magics.run("%classpath /no/such.jar");
        assertFalse(r.ok());
        assertTrue(r.error().evalue().contains("no such file"), r.error().evalue());
    }

    @Test
    void timePrintsTheWallTime() {
        assertTrue(magics.run("%%time\nint z = 3;").ok());
        assertEquals(List.of("int z = 3;"), ran);
        assertTrue(out.toString().matches("Wall time: \\d+ ms\\n"), out.toString());
    }

    @Test
    void timeoutPassesTheLimitAndRejectsNonsense() {
        assertTrue(magics.run("%%timeout 1.5\nwhile (true) {}").ok());
        assertEquals(Duration.ofMillis(1500), limits.get(0));
        assertEquals("MagicError", magics.run("%%timeout soon\nx").error().ename());
        assertEquals("MagicError", magics.run("%%timeout -1\nx").error().ename());
    }

    @Test
    void unknownMagicsSaySo() {
        assertEquals("UnknownMagic", magics.run("%nope").error().ename());
        assertEquals("UnknownMagic", magics.run("%%nope\nx").error().ename());
        assertTrue(ran.isEmpty());
    }
}
