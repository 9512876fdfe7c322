package maplab.kernel.display;

import maplab.engine.EngineEvent;
import maplab.engine.MapState;
import maplab.engine.classic.MapEvent;
import maplab.render.SvgDiagram;
import maplab.render.TextDiagram;

/**
 * Either engine's map states as SVG diagrams (with the text diagram as text/plain), events as a
 * line coloured like the slots they touch. The drawing is lib's (maplab.render); this only wires it.
 */
final class ModelRenderer {

    private ModelRenderer() {
    }

    static MimeBundle snapshot(MapState s) {
        return new MimeBundle()
                .put("image/svg+xml", SvgDiagram.render(s))
                .put("text/plain", TextDiagram.render(s));
    }

    static MimeBundle event(EngineEvent e) {
        String text = e.toString();
        String kind = e.getClass().getSimpleName();
        String html = "<div style=\"font-family:monospace\"><span style=\"background:" + colour(e)
                + ";padding:1px 4px;border-radius:3px\">" + Html.escape(kind) + "</span> "
                + Html.escape(fields(text, kind)) + "</div>";
        return new MimeBundle().put("text/html", html).put("text/plain", text);
    }

    /** An event's text without its type, which the badge already shows: "op=9, id=1, ..." of "Kind[op=9, id=1, ...]". */
    static String fields(String text, String kind) {
        if (text.startsWith(kind + "[") && text.endsWith("]")) {
            return text.substring(kind.length() + 1, text.length() - 1);
        }
        return text.startsWith(kind) ? text.substring(kind.length()).strip() : text;
    }

    private static String colour(EngineEvent e) {
        if (e instanceof MapEvent.SlotWritten || e instanceof MapEvent.ElemUpdated) {
            return SvgDiagram.LIVE;
        }
        if (e instanceof MapEvent.SlotTombstoned) {
            return SvgDiagram.EMPTY_ONE;
        }
        if (e instanceof MapEvent.EmptyRestPropagated) {
            return SvgDiagram.EMPTY_REST;
        }
        if (e instanceof MapEvent.BucketEvacuated || e instanceof MapEvent.GrowthStarted
                || e instanceof MapEvent.GrowthFinished) {
            return SvgDiagram.EVACUATED;
        }
        return "#e0e0e0";
    }
}
