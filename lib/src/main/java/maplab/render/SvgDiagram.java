package maplab.render;

import maplab.engine.MapState;
import maplab.engine.classic.MapSnapshot;
import maplab.engine.swiss.SwissSnapshot;

/**
 * A static SVG picture of either engine's map state, for notebooks and exported reports: classic
 * buckets and overflow chains ({@link ClassicSvg}), or the Swiss directory, tables and groups with
 * their control bytes ({@link SwissSvg}). Slot fills share one palette.
 */
public final class SvgDiagram {

    /** A live slot (classic) or a full one (Swiss). Public so that a legend elsewhere can match. */
    public static final String LIVE = "#b7e1b0";
    /** A tombstone: classic emptyOne, Swiss deleted (0xFE). */
    public static final String EMPTY_ONE = "#f7c58b";
    /** Classic emptyRest, Swiss empty (0x80). */
    public static final String EMPTY_REST = "#eeeeee";
    public static final String EVACUATED = "#b9cdf0";

    private SvgDiagram() {
    }

    public static String render(MapState s) {
        if (s instanceof MapSnapshot c) {
            return ClassicSvg.render(c);
        }
        if (s instanceof SwissSnapshot w) {
            return SwissSvg.render(w);
        }
        throw new IllegalArgumentException("no SVG diagram for " + (s == null ? "null" : s.getClass().getName()));
    }
}
