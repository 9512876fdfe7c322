package maplab.kernel.eval;

import com.google.gson.JsonObject;

/**
 * A display coming from a cell: kind is "display" (new output with this id), "update" (redraw the
 * output with this id) or "result" (the cell's value); data and metadata are Jupyter MIME bundles.
 */
public record DisplayOutput(String kind, String id, JsonObject data, JsonObject metadata) {
}
