package maplab.kernel.display;

/** Turns a value of type T into a MIME bundle. May throw: the registry then falls back to text. */
@FunctionalInterface
public interface Renderer<T> {
    MimeBundle render(T value) throws Exception;
}
