package maplab.trace;

import com.google.gson.JsonObject;
import java.util.regex.Pattern;
import maplab.engine.Engine;
import maplab.engine.GoMap;
import maplab.engine.MapIterator;
import maplab.engine.MapState;
import maplab.engine.MapType;

/**
 * What the trace format says differently for each engine (docs/trace-format.md): the header's
 * layout sizes, the summary and full state, the iterator's random start, the seed and the
 * allocation ids of {@code gc}. The reader, the recorder and the replayer are one code path for
 * both engines and ask their codec for these.
 */
interface TraceCodec {

    /** The codec of the header's {@code engine} field; null if there is none. */
    static TraceCodec of(String engine) {
        return switch (engine) {
            case "classic" -> ClassicCodec.INSTANCE;
            case "swiss" -> SwissCodec.INSTANCE;
            default -> null;
        };
    }

    static TraceCodec of(Engine engine) {
        return of(engine.name().toLowerCase(java.util.Locale.ROOT));
    }

    /** The header's {@code engine}. */
    String engine();

    /** Checks the header's layout sizes against the model's for this type; throws IllegalArgumentException. */
    void checkLayout(JsonObject header, MapType type);

    /** Writes the layout sizes into a header. */
    void writeLayout(JsonObject header, MapType type);

    /** Checks the summary's fields and their types; throws IllegalArgumentException. */
    void checkSummary(JsonObject summary);

    /** Checks a full state's shape ({@code after}) for this type; throws IllegalArgumentException. */
    void checkAfter(JsonObject after, MapType type);

    /** Checks an iterator start's fields; throws IllegalArgumentException. */
    void checkStart(JsonObject start);

    /** The allocation ids a {@code gc} may list. */
    Pattern freedIds();

    /** The summary field that holds the seed, written 0x and hex digits. */
    String seedField();

    JsonObject summary(MapState s);

    /** The full state, or null where this engine's state is too large to write (never, today). */
    JsonObject after(MapState s);

    /** An iterator's start as the runtime drew it. */
    JsonObject start(MapIterator it);

    /**
     * Queues the random draws that produced {@code start} for the iterator the map is about to
     * start; a map with no entries draws nothing.
     */
    void queueStart(ScriptedRandom random, JsonObject start, GoMap map);
}
