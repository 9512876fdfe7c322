package maplab.kernel.wire;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * Jupyter's wire format: [identities..., "&lt;IDS|MSG&gt;", signature, header, parent, metadata,
 * content, buffers...]. Decoding checks the signature before parsing anything, so an unsigned
 * message never reaches a handler.
 */
public final class WireCodec {

    static final byte[] DELIMITER = "<IDS|MSG>".getBytes(StandardCharsets.US_ASCII);
    public static final String PROTOCOL_VERSION = "5.3";

    private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().serializeNulls().create();

    private final Signer signer;
    private final String session = UUID.randomUUID().toString();

    public WireCodec(Signer signer) {
        this.signer = signer;
    }

    public Message decode(List<byte[]> frames) throws BadMessage {
        int d = -1;
        for (int i = 0; i < frames.size(); i++) {
            if (Arrays.equals(frames.get(i), DELIMITER)) {
                d = i;
                break;
            }
        }
        if (d < 0 || frames.size() < d + 6) {
            throw new BadMessage("not a Jupyter message (" + frames.size() + " frames, delimiter "
                    + (d < 0 ? "missing" : "at " + d) + ")");
        }
        String signature = new String(frames.get(d + 1), StandardCharsets.US_ASCII);
        byte[] header = frames.get(d + 2);
        byte[] parent = frames.get(d + 3);
        byte[] metadata = frames.get(d + 4);
        byte[] content = frames.get(d + 5);
        if (!signer.verify(signature, header, parent, metadata, content)) {
            throw new BadMessage("bad signature");
        }
        try {
            return new Message(new ArrayList<>(frames.subList(0, d)), object(header), object(parent),
                    object(metadata), object(content));
        } catch (JsonParseException | IllegalStateException e) {
            throw new BadMessage("unreadable JSON: " + e.getMessage());
        }
    }

    private static JsonObject object(byte[] json) {
        return JsonParser.parseString(new String(json, StandardCharsets.UTF_8)).getAsJsonObject();
    }

    /** The frames of a new message of this type, in reply to (or caused by) parent. */
    public List<byte[]> encode(List<byte[]> identities, String type, JsonObject parent, JsonObject content,
                               JsonObject metadata) {
        JsonObject header = new JsonObject();
        header.addProperty("msg_id", UUID.randomUUID().toString());
        header.addProperty("session", session);
        header.addProperty("username", "maplab");
        header.addProperty("date", OffsetDateTime.now(ZoneOffset.UTC).toString());
        header.addProperty("msg_type", type);
        header.addProperty("version", PROTOCOL_VERSION);
        byte[] h = bytes(header);
        byte[] p = bytes(parent == null ? new JsonObject() : parent);
        byte[] m = bytes(metadata == null ? new JsonObject() : metadata);
        byte[] c = bytes(content);
        List<byte[]> frames = new ArrayList<>(identities);
        frames.add(DELIMITER);
        frames.add(signer.sign(h, p, m, c).getBytes(StandardCharsets.US_ASCII));
        frames.add(h);
        frames.add(p);
        frames.add(m);
        frames.add(c);
        return frames;
    }

    /** The msg_id in the header of frames made by {@link #encode}. */
    public static String msgId(List<byte[]> frames) {
        for (int i = 0; i < frames.size(); i++) {
            if (Arrays.equals(frames.get(i), DELIMITER)) {
                return object(frames.get(i + 2)).get("msg_id").getAsString();
            }
        }
        throw new IllegalArgumentException("not a Jupyter message");
    }

    private static byte[] bytes(JsonObject o) {
        return GSON.toJson(o).getBytes(StandardCharsets.UTF_8);
    }
}
