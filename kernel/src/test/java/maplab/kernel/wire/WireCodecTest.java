package maplab.kernel.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.gson.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WireCodecTest {

    final WireCodec codec = new WireCodec(new Signer("secret", "hmac-sha256"));

    List<byte[]> request() {
        JsonObject content = new JsonObject();
        content.addProperty("code", "1+1");
        return codec.encode(List.of("client".getBytes(StandardCharsets.UTF_8)), "execute_request", null, content, null);
    }

    @Test
    void aSignedMessageRoundTrips() throws BadMessage {
        Message m = codec.decode(request());
        assertEquals("execute_request", m.type());
        assertEquals("1+1", m.content().get("code").getAsString());
        assertEquals("client", new String(m.identities().get(0), StandardCharsets.UTF_8));
    }

    @Test
    void theKnownHmacOfJupyter() {
        // hmac.new(b"key", b"abcd", hashlib.sha256).hexdigest() in Python, as jupyter_client signs.
        assertEquals("2a31ec0ee8d878c9eece9fb0df79b3b90b2256240163aa5ee50d176d3d1121f8",
                new Signer("key", "hmac-sha256").sign("ab".getBytes(StandardCharsets.US_ASCII),
                        "cd".getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void aWrongSignatureIsRejected() {
        List<byte[]> frames = new ArrayList<>(request());
        frames.set(2, "0000".getBytes(StandardCharsets.US_ASCII));
        assertThrows(BadMessage.class, () -> codec.decode(frames));
    }

    @Test
    void aTamperedContentIsRejected() {
        List<byte[]> frames = new ArrayList<>(request());
        frames.set(frames.size() - 1, "{\"code\":\"System.exit(0)\"}".getBytes(StandardCharsets.UTF_8));
        assertThrows(BadMessage.class, () -> codec.decode(frames));
    }

    @Test
    void missingFramesAreRejected() {
        assertThrows(BadMessage.class, () -> codec.decode(List.of("<IDS|MSG>".getBytes(StandardCharsets.US_ASCII))));
    }

    @Test
    void anEmptyKeyTurnsSigningOff() throws BadMessage {
        WireCodec open = new WireCodec(new Signer("", "hmac-sha256"));
        JsonObject content = new JsonObject();
        List<byte[]> frames = open.encode(List.of(), "kernel_info_request", null, content, null);
        assertEquals("", new String(frames.get(1), StandardCharsets.US_ASCII));
        assertEquals("kernel_info_request", open.decode(frames).type());
    }
}
