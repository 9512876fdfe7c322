package maplab.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import javax.xml.parsers.DocumentBuilderFactory;
import maplab.engine.classic.ClassicMap;
import maplab.engine.classic.MapSnapshot;
import maplab.engine.MapType;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

class SvgDiagramTest {

    static ClassicMap map() {
        return ClassicMap.builder(MapType.of("uint64", "uint64")).go("1.19").seed(42).build();
    }

    static Document parse(String svg) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }

    static long count(String s, String what) {
        return s.split(java.util.regex.Pattern.quote(what), -1).length - 1;
    }

    @Test
    void slotsAreColouredByState() throws Exception {
        ClassicMap m = map();
        for (long i = 1; i <= 8; i++) {
            m.set(i, i);
        }
        m.delete(8L); // the last slot: emptyRest again
        m.delete(3L); // a hole: emptyOne
        String svg = SvgDiagram.render(m.snapshot());
        parse(svg);
        assertFalse(svg.contains("<script"));
        assertEquals(6 + 1, count(svg, "fill=\"" + SvgDiagram.LIVE + "\""), "6 live slots + the legend");
        assertEquals(1 + 1, count(svg, "fill=\"" + SvgDiagram.EMPTY_ONE + "\""));
        assertTrue(svg.contains(">1:1<"), "key:elem shown");
    }

    @Test
    void growthShowsOldBucketsAndEvacuation() throws Exception {
        ClassicMap m = map();
        for (long i = 1; i <= 9; i++) {
            m.set(i, i);
        }
        MapSnapshot s = m.snapshot();
        String svg = SvgDiagram.render(s);
        parse(svg);
        if (s.growing()) {
            assertTrue(svg.contains("oldbuckets = buckets#" + s.oldArrayId()), svg);
        }
        assertTrue(svg.contains("buckets#" + s.arrayId()));
    }

    @Test
    void overflowChainsAreJoinedByArrows() throws Exception {
        maplab.engine.ControlledHash hash = new maplab.engine.ControlledHash();
        ClassicMap m = ClassicMap.builder(MapType.of("uint64", "uint64")).go("1.19")
                .hasher(hash).hint(13).seed(1).build();
        String empty = SvgDiagram.render(m.snapshot());
        assertEquals(0, count(empty, "<polygon"));
        for (long k = 1; k <= 9; k++) {
            hash.place(k, 0, (int) (10 + k));
            m.set(k, k);
        }
        MapSnapshot s = m.snapshot();
        assertEquals(2, s.buckets().get(0).chain().size(), "bucket 0 overflowed");
        String svg = SvgDiagram.render(s);
        parse(svg);
        assertEquals(1, count(svg, "<polygon"), "one arrow from bucket 0 to its overflow");
        assertTrue(svg.contains(">13<"), "tophash 0x13 of key 9 shown in hex");
    }

    @Test
    void textIsEscaped() throws Exception {
        ClassicMap m = ClassicMap.builder(MapType.of("string", "int")).seed(1).build();
        m.set("<&\">", 1L);
        String svg = SvgDiagram.render(m.snapshot());
        parse(svg);
        assertTrue(svg.contains("&lt;&amp;&quot;&gt;"), svg);
    }
}
