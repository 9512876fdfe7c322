package maplab.kernel.display;

import maplab.engine.classic.MapEvent;
import maplab.engine.classic.MapSnapshot;
import maplab.render.SvgDiagram;
import maplab.render.TextDiagram;

/** The map model's states as SVG bucket diagrams (with the text diagram as text/plain), events as a line. */
final class ModelRenderer {

    private ModelRenderer() {
    }

    static MimeBundle snapshot(MapSnapshot s) {
        return new MimeBundle()
                .put("image/svg+xml", SvgDiagram.render(s))
                .put("text/plain", TextDiagram.render(s));
    }

    static MimeBundle event(MapEvent e) {
        String text = e.toString();
        String kind = e.getClass().getSimpleName();
        String html = "<div style=\"font-family:monospace\"><span style=\"background:" + colour(e)
                + ";padding:1px 4px;border-radius:3px\">" + Html.escape(kind) + "</span> "
                + Html.escape(text) + "</div>";
        return new MimeBundle().put("text/html", html).put("text/plain", text);
    }

    private static String colour(MapEvent e) {
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
