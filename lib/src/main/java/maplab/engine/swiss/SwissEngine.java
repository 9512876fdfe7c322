package maplab.engine.swiss;

import maplab.engine.Engine;
import maplab.engine.EngineProvider;
import maplab.engine.GoMap;
import maplab.engine.MapBuilder;

/** The Swiss engine as {@link maplab.engine.GoMaps} finds it (a java.util.ServiceLoader provider). */
public final class SwissEngine implements EngineProvider {

    @Override
    public Engine engine() {
        return Engine.SWISS;
    }

    @Override
    public GoMap make(MapBuilder.MapSpec spec) {
        return SwissMap.make(spec);
    }
}
