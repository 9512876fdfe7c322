package maplab.render;

import java.util.List;
import java.util.Locale;
import maplab.engine.GoType;
import maplab.engine.MapState;
import maplab.engine.classic.BucketSnapshot;
import maplab.engine.classic.MapSnapshot;

/**
 * A static SVG picture of a classic map snapshot, for notebooks and exported reports: no script,
 * no external style sheet, every colour inline, so nbviewer and GitHub show what Jupyter showed.
 *
 * <p>One row per bucket index: the head bucket, then its overflow buckets to the right, joined
 * by arrows. Each bucket is 8 slots; a slot shows its tophash (hex) above its key:elem, and its
 * fill tells its state: live, emptyOne (a tombstone), emptyRest, or evacuated (X, Y, empty).
 * While the map grows, the old array is drawn below the new one, with the evacuation mark.
 */
public final class SvgDiagram {

    /** Slot fills by state. Public so that a legend elsewhere can match them. */
    public static final String LIVE = "#b7e1b0";
    public static final String EMPTY_ONE = "#f7c58b";
    public static final String EMPTY_REST = "#eeeeee";
    public static final String EVACUATED = "#b9cdf0";

    private static final int SLOT_W = 72;
    private static final int SLOT_H = 40;
    private static final int ARROW_W = 28;
    private static final int ROW_GAP = 14;
    private static final int MARGIN = 10;
    /** Longer keys or elems are cut, with the whole value in the slot's tooltip. */
    private static final int MAX_CHARS = 10;

    private SvgDiagram() {
    }

    /** The picture of either engine's state. */
    public static String render(MapState s) {
        if (s instanceof MapSnapshot c) {
            return render(c);
        }
        throw new IllegalArgumentException("no SVG diagram for " + s.getClass().getName());
    }

    public static String render(MapSnapshot s) {
        Canvas c = new Canvas();
        int y = MARGIN + 14;
        c.text(MARGIN, y, header(s), "font-weight:bold");
        y += 10;
        y = section(c, y, "buckets#" + s.arrayId(), s.buckets(), s);
        if (s.growing()) {
            String title = "oldbuckets = buckets#" + s.oldArrayId() + " (evacuated below nevacuate=" + s.nevacuate() + ")";
            y = section(c, y + 6, title, s.oldbuckets(), s);
        }
        if (s.nextOverflowFree() > 0) {
            y += 16;
            c.text(MARGIN, y, "free preallocated overflow buckets: " + s.nextOverflowFree(), "");
        }
        y = legend(c, y + 24);
        return c.finish(y + MARGIN);
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

    private static int section(Canvas c, int y, String title, List<BucketSnapshot> heads, MapSnapshot s) {
        y += 18;
        if (heads.isEmpty()) {
            c.text(MARGIN, y, "buckets: nil (allocated by the first insert)", "font-style:italic");
            return y + 6;
        }
        c.text(MARGIN, y, title + " (" + heads.size() + (heads.size() == 1 ? " bucket)" : " buckets)"), "");
        y += 8;
        for (int i = 0; i < heads.size(); i++) {
            int x = MARGIN;
            boolean oldEvacuated = s.growing() && heads == s.oldbuckets() && i < s.nevacuate();
            c.text(x, y + SLOT_H / 2 + 5, "[" + i + "]" + (oldEvacuated ? " done" : ""), "");
            x += 48;
            List<BucketSnapshot> chain = heads.get(i).chain();
            for (int k = 0; k < chain.size(); k++) {
                if (k > 0) {
                    c.arrow(x - ARROW_W + 2, y + SLOT_H / 2, x - 2);
                }
                x = bucket(c, x, y, chain.get(k), s.type().key(), s.type().elem());
                x += ARROW_W;
            }
            y += SLOT_H + 14 + ROW_GAP;
        }
        return y;
    }

    /** Draws one bucket with its name under it; returns the x after it. */
    private static int bucket(Canvas c, int x, int y, BucketSnapshot b, GoType kt, GoType et) {
        for (int j = 0; j < 8; j++) {
            int th = b.tophash(j);
            int sx = x + j * SLOT_W;
            String value = slotValue(b, j, th, kt, et);
            c.slot(sx, y, fill(th), String.format(Locale.ROOT, "%02x", th), cut(value), b.name() + " slot " + j + ": " + value);
        }
        c.rect(x, y, 8 * SLOT_W, SLOT_H, "none", "#333", 1.5);
        c.text(x, y + SLOT_H + 12, b.name(), "font-size:10px;fill:#555");
        return x + 8 * SLOT_W;
    }

    static String fill(int tophash) {
        switch (tophash) {
            case 0: return EMPTY_REST;
            case 1: return EMPTY_ONE;
            case 2: case 3: case 4: return EVACUATED;
            default: return LIVE;
        }
    }

    private static String slotValue(BucketSnapshot b, int j, int th, GoType kt, GoType et) {
        switch (th) {
            case 0: return "emptyRest";
            case 1: return "emptyOne";
            case 2: return "evacuatedX";
            case 3: return "evacuatedY";
            case 4: return "evacuatedEmpty";
            default: return TextDiagram.value(kt, b.key(j)) + ":" + TextDiagram.value(et, b.elem(j));
        }
    }

    private static String cut(String v) {
        return v.length() <= MAX_CHARS ? v : v.substring(0, MAX_CHARS - 1) + "\u2026";
    }

    private static int legend(Canvas c, int y) {
        String[][] items = {{LIVE, "live"}, {EMPTY_ONE, "emptyOne (tombstone)"}, {EMPTY_REST, "emptyRest"},
                {EVACUATED, "evacuated (X / Y / empty)"}};
        int x = MARGIN;
        for (String[] item : items) {
            c.rect(x, y - 11, 14, 14, item[0], "#333", 1);
            c.text(x + 20, y, item[1], "");
            x += 40 + item[1].length() * 7;
        }
        return y + 6;
    }

    /** Accumulates SVG elements and tracks the drawing's width. */
    private static final class Canvas {
        private final StringBuilder body = new StringBuilder();
        private int width = 400;

        void text(int x, int y, String s, String style) {
            body.append("<text x=\"").append(x).append("\" y=\"").append(y).append('"');
            if (!style.isEmpty()) {
                body.append(" style=\"").append(style).append('"');
            }
            body.append('>').append(escape(s)).append("</text>\n");
            grow(x + s.length() * 7);
        }

        void rect(int x, int y, int w, int h, String fill, String stroke, double strokeWidth) {
            body.append(String.format(Locale.ROOT,
                    "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\" stroke=\"%s\" stroke-width=\"%.1f\"/>%n",
                    x, y, w, h, fill, stroke, strokeWidth));
            grow(x + w);
        }

        void slot(int x, int y, String fill, String tophash, String value, String tooltip) {
            body.append("<g><title>").append(escape(tooltip)).append("</title>\n");
            rect(x, y, SLOT_W, SLOT_H, fill, "#777", 0.5);
            body.append("<text x=\"").append(x + SLOT_W / 2).append("\" y=\"").append(y + 15)
                    .append("\" text-anchor=\"middle\" style=\"font-size:10px;fill:#444\">").append(tophash).append("</text>\n");
            body.append("<text x=\"").append(x + SLOT_W / 2).append("\" y=\"").append(y + 32)
                    .append("\" text-anchor=\"middle\" style=\"font-size:11px\">").append(escape(value)).append("</text>\n");
            body.append("</g>\n");
        }

        void arrow(int x1, int y, int x2) {
            body.append(String.format(Locale.ROOT,
                    "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#333\" stroke-width=\"1.5\"/>%n"
                            + "<polygon points=\"%d,%d %d,%d %d,%d\" fill=\"#333\"/>%n",
                    x1, y, x2 - 6, y, x2, y, x2 - 7, y - 4, x2 - 7, y + 4));
        }

        private void grow(int x) {
            width = Math.max(width, x + MARGIN);
        }

        String finish(int height) {
            return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + width + "\" height=\"" + height
                    + "\" viewBox=\"0 0 " + width + " " + height + "\" style=\"font-family:monospace;font-size:12px\">\n"
                    + "<rect x=\"0\" y=\"0\" width=\"" + width + "\" height=\"" + height + "\" fill=\"#ffffff\"/>\n"
                    + body + "</svg>\n";
        }
    }

    /** XML text escaping; also drops control characters that XML 1.0 forbids. */
    static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '<': out.append("&lt;"); break;
                case '>': out.append("&gt;"); break;
                case '&': out.append("&amp;"); break;
                case '"': out.append("&quot;"); break;
                default:
                    if (ch >= 0x20 || ch == '\t' || ch == '\n') {
                        out.append(ch);
                    } else {
                        out.append('\uFFFD');
                    }
            }
        }
        return out.toString();
    }
}
