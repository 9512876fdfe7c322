package maplab.engine.classic;

/** Receives the engine's events as they happen, on the thread that applies the operation. */
@FunctionalInterface
public interface MapListener {
    void onEvent(MapEvent event);
}
