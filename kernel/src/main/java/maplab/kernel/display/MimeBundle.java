package maplab.kernel.display;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What Jupyter shows for a value: one representation per MIME type (text as is, images as base64),
 * plus per-type metadata such as image sizes. A bundle always ends up with text/plain: the
 * display registry adds it when a renderer did not.
 */
public final class MimeBundle {

    private final Map<String, String> data = new LinkedHashMap<>();
    private final Map<String, Map<String, Object>> metadata = new LinkedHashMap<>();

    public static MimeBundle text(String text) {
        return new MimeBundle().put("text/plain", text);
    }

    public MimeBundle put(String mime, String value) {
        data.put(mime, value);
        return this;
    }

    public MimeBundle meta(String mime, String key, Object value) {
        metadata.computeIfAbsent(mime, k -> new LinkedHashMap<>()).put(key, value);
        return this;
    }

    public String get(String mime) {
        return data.get(mime);
    }

    public Map<String, String> data() {
        return Collections.unmodifiableMap(data);
    }

    public Map<String, Map<String, Object>> metadata() {
        return Collections.unmodifiableMap(metadata);
    }

    @Override
    public String toString() {
        String text = data.get("text/plain");
        return text != null ? text : "MimeBundle" + data.keySet();
    }
}
