package maplab.kernel.server;

/**
 * Cursor positions: Jupyter counts Unicode code points (protocol 5.2+), Java strings count UTF-16
 * units. They differ as soon as a cell holds an emoji or another character outside the BMP.
 */
final class Offsets {

    private Offsets() {
    }

    static int toJava(String s, int codePoints) {
        int cps = s.codePointCount(0, s.length());
        if (codePoints < 0 || codePoints > cps) {
            throw new IllegalArgumentException("cursor_pos " + codePoints + " is outside the code (length " + cps + ")");
        }
        return s.offsetByCodePoints(0, codePoints);
    }

    static int toJupyter(String s, int index) {
        return s.codePointCount(0, Math.max(0, Math.min(index, s.length())));
    }
}
