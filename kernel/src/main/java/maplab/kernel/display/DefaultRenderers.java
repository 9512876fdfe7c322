package maplab.kernel.display;

import maplab.engine.EngineEvent;
import maplab.engine.GoMap;
import maplab.engine.MapState;

/**
 * The renderers every session starts with. Each library's renderer lives in its own class so
 * that its classes load only when a value of that library is shown.
 */
final class DefaultRenderers {

    private DefaultRenderers() {
    }

    static void registerAll() {
        Renderers.register(MapState.class, ModelRenderer::snapshot);
        Renderers.register(GoMap.class, m -> ModelRenderer.snapshot(m.snapshot()));
        Renderers.register(EngineEvent.class, ModelRenderer::event);
        Renderers.register(tech.tablesaw.table.Relation.class, TableRenderer::render);
        Renderers.register(org.knowm.xchart.internal.chartpart.Chart.class, ChartRenderer::render);
    }
}
