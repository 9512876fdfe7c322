package maplab.kernel.eval;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.OutputStream;
import java.util.function.Consumer;
import maplab.kernel.display.DisplayRecords;

/**
 * Turns the bytes of the cells' stdout into text and display records. Decoding is
 * {@link TextStream}'s (incremental: a UTF-8 character may be split across writes); record framing
 * is incremental too (a record may arrive in pieces). Text outside records is passed on as soon as it arrives; a NUL that does not open a
 * record is ordinary text. A record that does not parse is reported as text, never dropped.
 */
final class StreamDemux extends OutputStream {

    private final Consumer<String> text;
    private final Consumer<DisplayOutput> displays;
    private final String start;
    /** UTF-8 decoding, incremental: a character may be split across writes. */
    private final TextStream decoder = new TextStream(this::accept);
    /** Characters that may be the beginning of a record (a prefix of start), or a record in progress. */
    private final StringBuilder held = new StringBuilder();
    private boolean inRecord;

    StreamDemux(String token, Consumer<String> text, Consumer<DisplayOutput> displays) {
        this.start = DisplayRecords.start(token);
        this.text = text;
        this.displays = displays;
    }

    @Override
    public synchronized void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
        decoder.write(b, off, len);
    }

    private void accept(CharSequence chars) {
        StringBuilder plain = new StringBuilder(chars.length());
        for (int i = 0; i < chars.length(); i++) {
            char c = chars.charAt(i);
            if (inRecord) {
                if (c == DisplayRecords.END) {
                    finishRecord();
                } else {
                    held.append(c);
                }
                continue;
            }
            if (held.length() > 0 || c == start.charAt(0)) {
                held.append(c);
                if (!start.startsWith(held.toString())) {
                    plain.append(held);
                    held.setLength(0);
                } else if (held.length() == start.length()) {
                    flushPlain(plain);
                    held.setLength(0);
                    inRecord = true;
                }
                continue;
            }
            plain.append(c);
        }
        flushPlain(plain);
    }

    private void flushPlain(StringBuilder plain) {
        if (plain.length() > 0) {
            text.accept(plain.toString());
            plain.setLength(0);
        }
    }

    private void finishRecord() {
        String json = held.toString();
        held.setLength(0);
        inRecord = false;
        try {
            JsonObject o = JsonParser.parseString(json).getAsJsonObject();
            String id = o.has("id") ? o.get("id").getAsString() : null;
            displays.accept(new DisplayOutput(o.get("kind").getAsString(), id,
                    o.getAsJsonObject("data"), o.getAsJsonObject("metadata")));
        } catch (RuntimeException e) {
            text.accept("[maplab: unreadable display record: " + e.getMessage() + "]\n");
        }
    }
}
