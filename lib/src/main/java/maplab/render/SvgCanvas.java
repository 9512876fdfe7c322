package maplab.render;

import java.util.Locale;

/**
 * Accumulates the elements of a static SVG picture and tracks its width: no script, no external
 * style sheet, every colour inline, so nbviewer and GitHub show what Jupyter showed. Both
 * engines' diagrams draw on it.
 */
final class SvgCanvas {

    static final int SLOT_W = 72;
    static final int SLOT_H = 40;
    static final int MARGIN = 10;
    /** Longer keys or elems are cut, with the whole value in the slot's tooltip. */
    static final int MAX_CHARS = 10;

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

    static String cut(String v) {
        return v.length() <= MAX_CHARS ? v : v.substring(0, MAX_CHARS - 1) + "\u2026";
    }

    /** A row of coloured squares with their meaning. */
    int legend(int y, String[][] items) {
        int x = MARGIN;
        for (String[] item : items) {
            rect(x, y - 11, 14, 14, item[0], "#333", 1);
            text(x + 20, y, item[1], "");
            x += 40 + item[1].length() * 7;
        }
        return y + 6;
    }
}
