package maplab.engine;

/**
 * One engine, as {@link GoMaps} finds it (java.util.ServiceLoader,
 * META-INF/services/maplab.engine.EngineProvider): the engine packages sit above this one, so
 * the factory reaches them without importing them.
 */
public interface EngineProvider {

    /** The map this provider models. */
    Engine engine();

    /** make(map[K]V[, hint]) for a release of {@link #engine()}. */
    GoMap make(MapBuilder.MapSpec spec);
}
