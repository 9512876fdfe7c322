package maplab.kernel.display;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import java.io.PrintStream;

/**
 * How display output travels from the cells' JVM to the kernel: as a record inside the cell's
 * stdout, framed by NUL characters and a per-session token. Riding on stdout keeps displays in
 * order with the prints around them, and needs no second connection. The kernel strips records
 * out of the stream before it publishes the text ({@code maplab.kernel.eval.StreamDemux}).
 *
 * <p>Invariant: a record is one JSON object, written by a single print call, so a concurrent
 * print from another thread cannot land inside it (PrintStream serialises its writes). JSON
 * escapes control characters, so a record contains no NUL before its end.
 */
public final class DisplayRecords {

    public static final String DISPLAY = "display";
    public static final String UPDATE = "update";
    public static final String RESULT = "result";

    /** The system property of the cells' JVM that carries the session token. */
    public static final String TOKEN_PROPERTY = "maplab.display.token";

    private static final Gson GSON = new Gson();

    private DisplayRecords() {
    }

    /** The characters that open a record; the kernel's decoder looks for exactly these. */
    public static String start(String token) {
        return "\u0000maplab-display:" + token + "\u0001";
    }

    public static final char END = '\u0000';

    static void emit(String kind, String id, MimeBundle bundle) {
        String token = System.getProperty(TOKEN_PROPERTY, "");
        String record = start(token) + toJson(kind, id, bundle) + END;
        PrintStream out = System.out;
        out.print(record);
        out.flush();
    }

    static String toJson(String kind, String id, MimeBundle bundle) {
        JsonObject o = new JsonObject();
        o.addProperty("kind", kind);
        if (id != null) {
            o.addProperty("id", id);
        }
        o.add("data", GSON.toJsonTree(bundle.data()));
        o.add("metadata", GSON.toJsonTree(bundle.metadata()));
        return GSON.toJson(o);
    }
}
