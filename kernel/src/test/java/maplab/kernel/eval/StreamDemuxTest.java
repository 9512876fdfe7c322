package maplab.kernel.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import maplab.kernel.display.DisplayRecords;
import org.junit.jupiter.api.Test;

class StreamDemuxTest {

    final StringBuilder text = new StringBuilder();
    final List<DisplayOutput> displays = new ArrayList<>();
    final StreamDemux demux = new StreamDemux("tok", text::append, displays::add);

    void feedBytewise(String s) {
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            demux.write(b);
        }
    }

    @Test
    void recordsAreCutOutOfTextEvenWhenSplitByteByByte() {
        String record = DisplayRecords.start("tok") + "{\"kind\":\"display\",\"id\":\"x\",\"data\":{\"text/plain\":\"é\"},\"metadata\":{}}"
                + DisplayRecords.END;
        feedBytewise("before ü " + record + " after");
        assertEquals("before ü  after", text.toString());
        assertEquals(1, displays.size());
        assertEquals("é", displays.get(0).data().get("text/plain").getAsString());
        assertEquals("x", displays.get(0).id());
    }

    @Test
    void aNulThatOpensNoRecordIsText() {
        feedBytewise("a\u0000b" + "\u0000maplab-display:other\u0001c");
        assertEquals("a\u0000b\u0000maplab-display:other\u0001c", text.toString());
        assertEquals(0, displays.size());
    }

    @Test
    void anUnreadableRecordIsReportedNotDropped() {
        feedBytewise(DisplayRecords.start("tok") + "{not json" + DisplayRecords.END);
        assertEquals(0, displays.size());
        assertEquals(true, text.toString().contains("unreadable display record"));
    }
}
