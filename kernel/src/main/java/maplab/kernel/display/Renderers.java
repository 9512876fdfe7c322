package maplab.kernel.display;

import java.util.ArrayList;
import java.util.List;

/**
 * The display registry: which renderer draws which type. The latest registration for a matching
 * type wins, so a notebook can override a default. Rendering never throws: a failing renderer, or
 * a failing toString(), yields text/plain with a note saying what failed.
 */
public final class Renderers {

    private record Entry(Class<?> type, Renderer<Object> renderer) {
    }

    private static final List<Entry> ENTRIES = new ArrayList<>();

    static {
        DefaultRenderers.registerAll();
    }

    private Renderers() {
    }

    @SuppressWarnings("unchecked")
    public static synchronized <T> void register(Class<T> type, Renderer<? super T> renderer) {
        ENTRIES.add(new Entry(type, (Renderer<Object>) renderer));
    }

    private static synchronized Renderer<Object> find(Object value) {
        for (int i = ENTRIES.size() - 1; i >= 0; i--) {
            if (ENTRIES.get(i).type().isInstance(value)) {
                return ENTRIES.get(i).renderer();
            }
        }
        return null;
    }

    /** The bundle for a value; always has text/plain. */
    public static MimeBundle render(Object value) {
        if (value instanceof MimeBundle bundle) {
            return withText(bundle, value);
        }
        Renderer<Object> renderer = value == null ? null : find(value);
        if (renderer == null) {
            return MimeBundle.text(Text.of(value));
        }
        MimeBundle bundle;
        try {
            bundle = renderer.render(value);
        } catch (Throwable t) {
            if (t instanceof VirtualMachineError vme && !(t instanceof StackOverflowError)) {
                throw vme;
            }
            return MimeBundle.text(Text.of(value) + "\n[maplab: the renderer for " + value.getClass().getName()
                    + " failed: " + Text.describe(t) + "; shown as text]");
        }
        if (bundle == null) {
            return MimeBundle.text(Text.of(value));
        }
        return withText(bundle, value);
    }

    private static MimeBundle withText(MimeBundle bundle, Object value) {
        if (bundle.get("text/plain") == null) {
            bundle.put("text/plain", Text.of(value));
        }
        return bundle;
    }
}
