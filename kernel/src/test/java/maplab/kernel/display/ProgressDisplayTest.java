package maplab.kernel.display;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import maplab.table.Progress;
import org.junit.jupiter.api.Test;

class ProgressDisplayTest {

    @Test
    void eachRunIsOneDisplayUpdatedInPlace() {
        ProgressDisplay d = new ProgressDisplay();
        Progress a = new Progress("a", 10, "trials");
        Progress b = new Progress("b", 10, "trials");
        PrintStream out = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            d.report(a, "a: 3/10 trials", false);
            d.report(b, "b: 1/10 trials", false);
            d.report(a, "a: 6/10 trials", false);
            d.report(a, "a: 10/10 trials, done", true);
            d.report(a, "a: again", false); // a finished run that reports again gets a new line
        } finally {
            System.setOut(out);
        }
        List<String> kinds = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        Matcher m = Pattern.compile("\"kind\":\"(\\w+)\",\"id\":\"([-0-9a-f]+)\"").matcher(bytes.toString(StandardCharsets.UTF_8));
        while (m.find()) {
            kinds.add(m.group(1));
            ids.add(m.group(2));
        }
        assertEquals(List.of("display", "display", "update", "update", "display"), kinds);
        assertEquals(ids.get(0), ids.get(2));
        assertEquals(ids.get(0), ids.get(3));
        assertTrue(!ids.get(1).equals(ids.get(0)) && !ids.get(4).equals(ids.get(0)), ids.toString());
    }
}
