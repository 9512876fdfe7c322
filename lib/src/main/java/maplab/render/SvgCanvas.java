package maplab.render;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
    /** The picture's font size, for texts whose style sets none. */
    static final double FONT = 12;
    private static final Pattern FONT_SIZE = Pattern.compile("font-size:(\\d+)px");

    private final StringBuilder body = new StringBuilder();
    private int width = 400;

    void text(int x, int y, String s, String style) {
        body.append("<text x=\"").append(x).append("\" y=\"").append(y).append('"');
        if (!style.isEmpty()) {
            body.append(" style=\"").append(style).append('"');
        }
        body.append('>').append(escape(s)).append("</text>\n");
        grow((int) Math.ceil(x + width(s, fontSize(style))));
    }

    /**
     * The width a monospace font gives {@code s} at {@code fontSize} px: 0.6 em a character
     * (DejaVu Sans Mono and its kin advance 0.602 em). Layouts size their boxes by it.
     */
    static double width(String s, double fontSize) {
        return s.length() * 0.6 * fontSize;
    }

    private static double fontSize(String style) {
        Matcher m = FONT_SIZE.matcher(style);
        return m.find() ? Integer.parseInt(m.group(1)) : FONT;
    }

    void rect(int x, int y, int w, int h, String fill, String stroke, double strokeWidth) {
        body.append(String.format(Locale.ROOT,
                "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\" stroke=\"%s\" stroke-width=\"%.1f\"/>%n",
                x, y, w, h, fill, stroke, strokeWidth));
        grow(x + w);
    }

    /**
     * One slot: its control byte or tophash above its value. A value is one line of at most
     * {@link #MAX_CHARS} characters ({@link #cut}), or two shorter lines (a state name such as
     * evacuated / Empty) in a smaller font, so that every text stays inside the slot.
     */
    void slot(int x, int y, String fill, String tophash, String value, String tooltip) {
        body.append("<g><title>").append(escape(tooltip)).append("</title>\n");
        rect(x, y, SLOT_W, SLOT_H, fill, "#777", 0.5);
        String[] lines = value.split("\n", 2);
        slotText(x, lines.length == 1 ? y + 15 : y + 12, tophash, "font-size:10px;fill:#444");
        if (lines.length == 1) {
            slotText(x, y + 32, value, "font-size:11px");
        } else {
            slotText(x, y + 24, lines[0], "font-size:10px");
            slotText(x, y + 36, lines[1], "font-size:10px");
        }
        body.append("</g>\n");
    }

    private void slotText(int x, int y, String s, String style) {
        body.append("<text x=\"").append(x + SLOT_W / 2).append("\" y=\"").append(y)
                .append("\" text-anchor=\"middle\" style=\"").append(style).append("\">").append(escape(s)).append("</text>\n");
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
            x += 40 + (int) Math.ceil(width(item[1], FONT));
        }
        return y + 6;
    }
}
