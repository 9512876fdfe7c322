package maplab.engine;

/**
 * What an engine did, step by step: the root of both engines' events (the classic
 * {@code maplab.engine.classic.MapEvent}, the Swiss {@code maplab.engine.swiss.SwissEvent}) and
 * of the neutral allocation events {@link Allocated} and {@link ReferencesDropped}, which are all
 * the heap model needs. Every event carries {@code op}, the index of the map operation (0 is
 * make) during which it happened.
 */
public interface EngineEvent {

    long op();
}
