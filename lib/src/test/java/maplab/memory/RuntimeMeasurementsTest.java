package maplab.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading oracle -memory reports: which GC counts the check bounds. */
class RuntimeMeasurementsTest {

    @TempDir
    Path dir;

    private RuntimeMeasurements report(String go, String... marks) throws IOException {
        StringBuilder gc = new StringBuilder();
        for (String mark : marks) {
            gc.append(gc.length() == 0 ? "" : ",").append("{\"name\":\"gc\",\"gogc\":50,\"n\":1,\"numGC\":3")
                    .append(mark == null ? "" : ",\"mark\":\"" + mark + "\"").append("}");
        }
        Files.writeString(dir.resolve("memory.json"), "{\"go\":\"" + go + "\",\"goarch\":\"amd64\",\"gc\":[" + gc
                + "],\"live\":[]}");
        return RuntimeMeasurements.read(dir);
    }

    @Test
    void aReportWithStopTheWorldCountsBoundsOnlyThose() throws IOException {
        RuntimeMeasurements r = report("go1.26.10", "concurrent", "stw");
        assertFalse(r.checked(r.gc().get(0)));
        assertTrue(r.checked(r.gc().get(1)));
    }

    @Test
    void aGo119ReportWithoutMarksIsConcurrentAndBounded() throws IOException {
        RuntimeMeasurements r = report("go1.19.8", (String) null);
        assertEquals(RuntimeMeasurements.CONCURRENT, r.gc().get(0).mark());
        assertTrue(r.checked(r.gc().get(0)));
    }

    @Test
    void anUnknownMarkIsRefusedByName() {
        IOException e = assertThrows(IOException.class, () -> report("go1.26.10", "parallel"));
        assertTrue(e.getMessage().contains("parallel"), e.getMessage());
    }
}
