package maplab.engine;

/**
 * The engine dropped a reference to memory it had allocated (a growth finished, a table was
 * replaced, a clear or a delete released objects, an iterator let go): some allocation may have
 * become unreachable. A heap model re-checks {@link GoMap#reachable()} after such an operation
 * rather than after every one.
 */
public record ReferencesDropped(long op) implements EngineEvent {
}
