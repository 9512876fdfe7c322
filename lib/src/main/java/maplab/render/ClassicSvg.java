package maplab.render;

import java.util.List;
import java.util.Locale;
import maplab.engine.GoType;
import maplab.engine.classic.BucketSnapshot;
import maplab.engine.classic.MapSnapshot;

/**
 * The SVG picture of a classic map snapshot ({@link SvgDiagram}). One row per bucket index: the head bucket, then its overflow buckets to the right, joined
 * by arrows. Each bucket is 8 slots; a slot shows its tophash (hex) above its key:elem, and its
 * fill tells its state: live, emptyOne (a tombstone), emptyRest, or evacuated (X, Y, empty).
 * While the map grows, the old array is drawn below the new one, with the evacuation mark.
 */
final class ClassicSvg {

    private static final int ARROW_W = 28;
    private static final int ROW_GAP = 14;

    private ClassicSvg() {
    }

    static String render(MapSnapshot s) {
        SvgCanvas c = new SvgCanvas();
        int y = SvgCanvas.MARGIN + 14;
        c.text(SvgCanvas.MARGIN, y, header(s), "font-weight:bold");
        y += 10;
        y = section(c, y, "buckets#" + s.arrayId(), s.buckets(), s);
        if (s.growing()) {
            String title = "oldbuckets = buckets#" + s.oldArrayId() + " (evacuated below nevacuate=" + s.nevacuate() + ")";
            y = section(c, y + 6, title, s.oldbuckets(), s);
        }
        if (s.nextOverflowFree() > 0) {
            y += 16;
            c.text(SvgCanvas.MARGIN, y, "free preallocated overflow buckets: " + s.nextOverflowFree(), "");
        }
        y = legend(c, y + 24);
        return c.finish(y + SvgCanvas.MARGIN);
    }

    private static String header(MapSnapshot s) {
        StringBuilder h = new StringBuilder();
        h.append(s.type()).append(' ').append(s.version()).append("  count=").append(s.count())
                .append(" B=").append(s.B()).append(" noverflow=").append(s.noverflow())
                .append(" hash0=").append(s.hash0Hex());
        if (s.growing()) {
            h.append(s.sameSizeGrow() ? "  same-size growing" : "  growing");
        }
        return h.toString();
    }

    private static int section(SvgCanvas c, int y, String title, List<BucketSnapshot> heads, MapSnapshot s) {
        y += 18;
        if (heads.isEmpty()) {
            c.text(SvgCanvas.MARGIN, y, "buckets: nil (allocated by the first insert)", "font-style:italic");
            return y + 6;
        }
        c.text(SvgCanvas.MARGIN, y, title + " (" + heads.size() + (heads.size() == 1 ? " bucket)" : " buckets)"), "");
        y += 8;
        boolean old = s.growing() && heads == s.oldbuckets();
        // The label column is as wide as its widest label, "[15] done" in an old array of 16.
        String widest = "[" + (heads.size() - 1) + "]" + (old && s.nevacuate() > 0 ? " done" : "");
        int labelW = Math.max(48, (int) Math.ceil(SvgCanvas.width(widest, SvgCanvas.FONT)) + 8);
        for (int i = 0; i < heads.size(); i++) {
            int x = SvgCanvas.MARGIN;
            boolean oldEvacuated = old && i < s.nevacuate();
            c.text(x, y + SvgCanvas.SLOT_H / 2 + 5, "[" + i + "]" + (oldEvacuated ? " done" : ""), "");
            x += labelW;
            List<BucketSnapshot> chain = heads.get(i).chain();
            for (int k = 0; k < chain.size(); k++) {
                if (k > 0) {
                    c.arrow(x - ARROW_W + 2, y + SvgCanvas.SLOT_H / 2, x - 2);
                }
                x = bucket(c, x, y, chain.get(k), s.type().key(), s.type().elem());
                x += ARROW_W;
            }
            y += SvgCanvas.SLOT_H + 14 + ROW_GAP;
        }
        return y;
    }

    /** Draws one bucket with its name under it; returns the x after it. */
    private static int bucket(SvgCanvas c, int x, int y, BucketSnapshot b, GoType kt, GoType et) {
        for (int j = 0; j < 8; j++) {
            int th = b.tophash(j);
            int sx = x + j * SvgCanvas.SLOT_W;
            String value = slotValue(b, j, th, kt, et);
            c.slot(sx, y, fill(th), String.format(Locale.ROOT, "%02x", th), th == 4 ? value : SvgCanvas.cut(value),
                    b.name() + " slot " + j + ": " + value.replace("\n", ""));
        }
        c.rect(x, y, 8 * SvgCanvas.SLOT_W, SvgCanvas.SLOT_H, "none", "#333", 1.5);
        c.text(x, y + SvgCanvas.SLOT_H + 12, b.name(), "font-size:10px;fill:#555");
        return x + 8 * SvgCanvas.SLOT_W;
    }

    static String fill(int tophash) {
        switch (tophash) {
            case 0: return SvgDiagram.EMPTY_REST;
            case 1: return SvgDiagram.EMPTY_ONE;
            case 2: case 3: case 4: return SvgDiagram.EVACUATED;
            default: return SvgDiagram.LIVE;
        }
    }

    private static String slotValue(BucketSnapshot b, int j, int th, GoType kt, GoType et) {
        switch (th) {
            case 0: return "emptyRest";
            case 1: return "emptyOne";
            case 2: return "evacuatedX";
            case 3: return "evacuatedY";
            case 4: return "evacuated\nEmpty";   // two lines: evacuatedEmpty is too wide for a slot
            default: return TextDiagram.value(kt, b.key(j)) + ":" + TextDiagram.value(et, b.elem(j));
        }
    }

    private static int legend(SvgCanvas c, int y) {
        return c.legend(y, new String[][] {{SvgDiagram.LIVE, "live"}, {SvgDiagram.EMPTY_ONE, "emptyOne (tombstone)"},
                {SvgDiagram.EMPTY_REST, "emptyRest"}, {SvgDiagram.EVACUATED, "evacuated (X / Y / empty)"}});
    }
}
