package maplab.kernel.display;

import java.util.UUID;

/**
 * The display functions of a cell, statically imported into every session:
 * {@code display(obj)} shows obj now and returns its display id, {@code updateDisplay(id, obj)}
 * redraws that output in place (a growth shown step by step), {@code render(obj)} returns the
 * MIME bundle without showing it. They run in the cells' JVM and reach the kernel through
 * {@link DisplayRecords}.
 */
public final class Display {

    private Display() {
    }

    /**
     * Shows the value below the cell; returns the handle that {@link #updateDisplay} takes. A cell
     * ending in display(x) shows x once: the handle itself is never shown as the cell's value.
     */
    public static DisplayHandle display(Object value) {
        DisplayHandle handle = new DisplayHandle(UUID.randomUUID().toString());
        DisplayRecords.emit(DisplayRecords.DISPLAY, handle.id(), Renderers.render(value));
        return handle;
    }

    /** Replaces what {@code display} showed under this handle. */
    public static void updateDisplay(DisplayHandle handle, Object value) {
        if (handle == null) {
            throw new IllegalArgumentException("updateDisplay needs the handle that display(...) returned, not null");
        }
        DisplayRecords.emit(DisplayRecords.UPDATE, handle.id(), Renderers.render(value));
    }

    /** The MIME bundle the registry makes for this value. */
    public static MimeBundle render(Object value) {
        return Renderers.render(value);
    }

    /** The text JShell shows for a value; never throws (used by the agent for every snippet). */
    public static String plainValue(Object value) {
        return Text.jshell(value);
    }

    /** A cell's result as a JSON MIME bundle, or null for nothing to show (used by the agent, once per cell with a value). */
    public static String resultJson(Object value) {
        if (value instanceof DisplayHandle) {
            return null;
        }
        MimeBundle bundle = Renderers.render(value);
        if (value instanceof String || value instanceof Character) {
            bundle.put("text/plain", Text.jshell(value));
        }
        return DisplayRecords.toJson(DisplayRecords.RESULT, null, bundle);
    }
}
