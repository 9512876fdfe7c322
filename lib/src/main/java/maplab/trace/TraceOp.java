package maplab.trace;

import com.google.gson.JsonObject;

/**
 * One operation line of a trace: its index, its op name, and the whole line as JSON (fields such
 * as key, hash, elem, found, start, order, keys, freed, summary and after), already checked by
 * the reader to have the fields its op needs in the right form.
 *
 * @param line the line number in the file, for messages
 */
public record TraceOp(int line, long i, String op, JsonObject json) {

    public JsonObject summary() {
        return json.getAsJsonObject("summary");
    }

    /** The full state after the operation, or null when the line leaves it out. */
    public JsonObject after() {
        return json.has("after") && !json.get("after").isJsonNull() ? json.getAsJsonObject("after") : null;
    }
}
