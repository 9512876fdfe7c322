package maplab.engine;

/**
 * Receives an engine's events as they happen, on the thread that applies the operation. Filter
 * with {@code instanceof}: {@code e -> { if (e instanceof MapEvent.SlotWritten w) ... }}.
 */
@FunctionalInterface
public interface MapListener {
    void onEvent(EngineEvent event);
}
