package maplab.kernel.display;

/** The output a {@code display(...)} call made, to redraw with {@code updateDisplay(handle, value)}. */
public record DisplayHandle(String id) {
}
