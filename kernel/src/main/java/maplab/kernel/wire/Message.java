package maplab.kernel.wire;

import com.google.gson.JsonObject;
import java.util.List;

/**
 * One Jupyter message: the routing identities it came with (replies go back to them), and its
 * four JSON parts. Buffers are not used by this kernel and are dropped.
 */
public record Message(List<byte[]> identities, JsonObject header, JsonObject parentHeader,
                      JsonObject metadata, JsonObject content) {

    public String type() {
        return header.has("msg_type") ? header.get("msg_type").getAsString() : "";
    }

    public String session() {
        return header.has("session") ? header.get("session").getAsString() : "";
    }
}
