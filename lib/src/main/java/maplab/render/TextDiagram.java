package maplab.render;

import maplab.engine.GoType;
import maplab.engine.MapState;
import maplab.engine.classic.MapSnapshot;
import maplab.engine.swiss.SwissSnapshot;

/**
 * A plain-text picture of either engine's map state: the classic header and bucket chains
 * ({@link ClassicText}), or the Swiss header, directory, tables and groups ({@link SwissText}).
 */
public final class TextDiagram {

    private TextDiagram() {
    }

    public static String render(MapState s) {
        if (s instanceof MapSnapshot c) {
            return ClassicText.render(c);
        }
        if (s instanceof SwissSnapshot w) {
            return SwissText.render(w);
        }
        throw new IllegalArgumentException("no text diagram for " + (s == null ? "null" : s.getClass().getName()));
    }

    /** A value as Go prints it: uint64 unsigned. */
    public static String value(GoType t, Object v) {
        if (v instanceof Long && t == GoType.UINT64) {
            return Long.toUnsignedString((Long) v);
        }
        return GoType.show(v);
    }
}
