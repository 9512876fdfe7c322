package maplab.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import maplab.engine.GoMap;
import maplab.engine.GoMaps;
import maplab.engine.MapType;
import maplab.engine.classic.ClassicMap;
import maplab.engine.classic.MapSnapshot;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * No text of a diagram overflows its shape. Each text's box is estimated as a monospace font
 * draws it (0.6 em a character, 0.8 em above the baseline, 0.2 em below), and must lie either
 * wholly inside or wholly outside every rectangle, and inside the picture.
 */
class TextFitTest {

    record Box(double x0, double y0, double x1, double y1, String what) {
        boolean inside(Box o) {
            return x0 >= o.x0 && x1 <= o.x1 && y0 >= o.y0 && y1 <= o.y1;
        }

        boolean disjoint(Box o) {
            return x1 <= o.x0 || x0 >= o.x1 || y1 <= o.y0 || y0 >= o.y1;
        }
    }

    private static final Pattern FONT = Pattern.compile("font-size:(\\d+(?:\\.\\d+)?)px");

    private static double fontSize(Element e, double inherited) {
        Matcher m = FONT.matcher(e.getAttribute("style"));
        return m.find() ? Double.parseDouble(m.group(1)) : inherited;
    }

    /** Every text that crosses the edge of a rectangle or of the picture, described. */
    static List<String> overflows(String svg) throws Exception {
        Document d = SvgDiagramTest.parse(svg);
        Element root = d.getDocumentElement();
        double base = fontSize(root, 16);
        Box picture = new Box(0, 0, Double.parseDouble(root.getAttribute("width")),
                Double.parseDouble(root.getAttribute("height")), "the picture");
        List<Box> rects = new ArrayList<>();
        NodeList rs = d.getElementsByTagName("rect");
        for (int i = 0; i < rs.getLength(); i++) {
            Element r = (Element) rs.item(i);
            double x = Double.parseDouble(r.getAttribute("x"));
            double y = Double.parseDouble(r.getAttribute("y"));
            double w = Double.parseDouble(r.getAttribute("width"));
            double h = Double.parseDouble(r.getAttribute("height"));
            if (x == 0 && y == 0 && w == picture.x1() && h == picture.y1()) {
                continue;   // the background
            }
            rects.add(new Box(x, y, x + w, y + h, "rect at " + x + "," + y + " " + w + "x" + h));
        }
        List<String> problems = new ArrayList<>();
        NodeList ts = d.getElementsByTagName("text");
        for (int i = 0; i < ts.getLength(); i++) {
            Element t = (Element) ts.item(i);
            String s = t.getTextContent();
            double size = fontSize(t, base);
            double w = s.length() * 0.6 * size;
            double x = Double.parseDouble(t.getAttribute("x"));
            double y = Double.parseDouble(t.getAttribute("y"));
            double x0 = "middle".equals(t.getAttribute("text-anchor")) ? x - w / 2 : x;
            Box box = new Box(x0, y - 0.8 * size, x0 + w, y + 0.2 * size, "'" + s + "'");
            if (!box.inside(picture)) {
                problems.add(box.what() + " leaves the picture");
            }
            for (Box r : rects) {
                if (!box.inside(r) && !box.disjoint(r)) {
                    problems.add(box.what() + " crosses the " + r.what());
                }
            }
        }
        return problems;
    }

    private static void fits(String svg) throws Exception {
        List<String> problems = overflows(svg);
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    @Test
    void aGrowingClassicMapWithEvacuatedOldBucketsFits() throws Exception {
        // Notebook 03's map: the 27th key starts a doubling of 4 buckets and evacuates old bucket 0.
        ClassicMap m = ClassicMap.builder(MapType.of("uint64", "uint64")).go("1.19").seed(4).build();
        for (long k = 1; k <= 27; k++) {
            m.set(k, k);
        }
        MapSnapshot s = m.snapshot();
        assertTrue(s.growing() && s.nevacuate() >= 1);
        String svg = SvgDiagram.render(s);
        assertTrue(svg.contains(">evacuated<") && svg.contains(">Empty<"), "evacuatedEmpty is named, not cut");
        assertTrue(svg.contains(">[0] done<"));
        fits(svg);
        // Ten old buckets and more: the widest labels, "[15] done".
        for (long k = 28; k <= 120; k++) {
            m.set(k, k);
        }
        for (long k = 1000; !m.snapshot().growing() || m.snapshot().nevacuate() < 12; k++) {
            m.set(k, k);
        }
        fits(SvgDiagram.render(m.snapshot()));
    }

    @Test
    void longKeysAndTombstonesFitOnBothEngines() throws Exception {
        for (String go : List.of("1.19", "1.23", "1.24", "1.26")) {
            GoMap m = GoMaps.builder(MapType.of("string", "string")).go(go).seed(7).build();
            for (int i = 0; i < 7; i++) {
                m.set("a rather long key number " + i, "and an elem far longer than a slot " + i);
            }
            m.delete("a rather long key number 3");
            fits(SvgDiagram.render(m.snapshot()));
            for (int i = 7; i < 60; i++) {
                m.set("k" + i, "e" + i);
            }
            m.delete("k30");
            fits(SvgDiagram.render(m.snapshot()));
        }
    }

    @Test
    void aSwissDirectoryOfManyTablesFits() throws Exception {
        GoMap m = GoMaps.builder(MapType.of("uint64", "uint64")).go("1.26").seed(3).build();
        for (long k = 0; k < 30_000; k++) {
            m.set(k, k);
        }
        fits(SvgDiagram.render(m.snapshot()));
    }

    @Test
    void theCheckFindsATextCrossingItsBox() throws Exception {
        String svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"200\" height=\"100\" style=\"font-size:12px\">"
                + "<rect x=\"10\" y=\"10\" width=\"40\" height=\"20\" fill=\"none\" stroke=\"#000\" stroke-width=\"1\"/>"
                + "<text x=\"12\" y=\"25\">too long for it</text></svg>";
        assertEquals(1, overflows(svg).size(), overflows(svg).toString());
    }
}
