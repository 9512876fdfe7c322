package maplab.kernel.server;

import com.google.gson.JsonObject;
import java.util.List;
import maplab.kernel.wire.Message;
import maplab.kernel.wire.WireCodec;

/**
 * Sends replies to requests and broadcasts on iopub, with the request as parent. Every reply
 * carries a status, as the protocol requires (the base library's kernel_info and history replies
 * did not).
 */
final class Replies {

    private final WireCodec codec;
    private final Channel iopub;

    Replies(WireCodec codec, Channel iopub) {
        this.codec = codec;
        this.iopub = iopub;
    }

    void reply(Channel channel, Message request, String type, JsonObject content) {
        if (!content.has("status")) {
            content.addProperty("status", "ok");
        }
        channel.send(codec.encode(request.identities(), type, request.header(), content, null));
    }

    void publish(JsonObject parent, String type, JsonObject content) {
        byte[] topic = ("kernel.maplab." + type).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        iopub.send(codec.encode(List.of(topic), type, parent, content, null));
    }

    void status(JsonObject parent, String state) {
        JsonObject c = new JsonObject();
        c.addProperty("execution_state", state);
        publish(parent, "status", c);
    }
}
