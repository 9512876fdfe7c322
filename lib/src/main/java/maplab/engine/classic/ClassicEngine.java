package maplab.engine.classic;

import maplab.engine.Engine;
import maplab.engine.EngineProvider;
import maplab.engine.GoMap;
import maplab.engine.MapBuilder;

/** The classic engine as {@link maplab.engine.GoMaps} finds it (a java.util.ServiceLoader provider). */
public final class ClassicEngine implements EngineProvider {

    @Override
    public Engine engine() {
        return Engine.CLASSIC;
    }

    @Override
    public GoMap make(MapBuilder.MapSpec spec) {
        return ClassicMap.make(spec);
    }
}
