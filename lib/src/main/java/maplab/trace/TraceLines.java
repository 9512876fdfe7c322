package maplab.trace;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The lines of a trace, read with the limits of {@link TraceLimits}: a line longer than
 * {@link TraceLimits#MAX_LINE_BYTES} (a binary file, /dev/zero) or a trace longer than
 * {@link TraceLimits#MAX_TRACE_BYTES} is refused once the limit is reached, without reading the
 * rest. A file is read as bytes and each line decoded on its own, so that bytes that are not
 * UTF-8 are reported at their line. A line may end in "\r\n" (JSON Lines allows it). The first
 * line is also checked for a byte order mark and for gzip's magic number.
 */
final class TraceLines {

    private final String source;
    private final InputStream bytes;
    private final Reader chars;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private int lineNo;
    private long total;
    private boolean ended;

    private TraceLines(String source, InputStream bytes, Reader chars) {
        this.source = source;
        this.bytes = bytes;
        this.chars = chars;
    }

    static TraceLines of(String source, InputStream in) {
        return new TraceLines(source, in, null);
    }

    static TraceLines of(String source, Reader in) {
        return new TraceLines(source, null, in);
    }

    /** The number of the line {@link #next} returned last. */
    int lineNo() {
        return lineNo;
    }

    /** The next line without its line ending, or null at the end. */
    String next() throws IOException, TraceFormatException {
        if (ended) {
            return null;
        }
        lineNo++;
        String text = bytes != null ? nextFromBytes() : nextFromChars();
        if (text == null) {
            return null;
        }
        if (lineNo == 1) {
            first(text);
        }
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }

    private String nextFromBytes() throws IOException, TraceFormatException {
        line.reset();
        int b;
        while ((b = bytes.read()) != -1 && b != '\n') {
            count(line.size());
            line.write(b);
        }
        if (b == -1) {
            ended = true;
            if (line.size() == 0) {
                return null;
            }
        } else {
            count(0);
        }
        byte[] raw = line.toByteArray();
        if (lineNo == 1 && raw.length >= 2 && (raw[0] & 0xff) == 0x1f && (raw[1] & 0xff) == 0x8b) {
            throw error("the file is gzip-compressed: decompress it first (gzip -d)");
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(raw)).toString();
        } catch (CharacterCodingException e) {
            throw error("not UTF-8 text (a trace is UTF-8 JSON Lines)");
        }
    }

    private String nextFromChars() throws IOException, TraceFormatException {
        StringBuilder sb = new StringBuilder();
        int c;
        while ((c = chars.read()) != -1 && c != '\n') {
            count(sb.length());
            sb.append((char) c);
        }
        if (c == -1) {
            ended = true;
            if (sb.length() == 0) {
                return null;
            }
        } else {
            count(0);
        }
        return sb.toString();
    }

    /** Counts one byte (or char) read, the line having {@code length} so far; refuses a line or trace past its limit. */
    private void count(int length) throws TraceFormatException {
        total++;
        if (length >= TraceLimits.MAX_LINE_BYTES || total > TraceLimits.MAX_TRACE_BYTES) {
            throw error(total > TraceLimits.MAX_TRACE_BYTES
                    ? "the trace is longer than the limit of " + TraceLimits.mib(TraceLimits.MAX_TRACE_BYTES)
                    : "the line is longer than the limit of " + TraceLimits.mib(TraceLimits.MAX_LINE_BYTES)
                            + " (a binary file?)");
        }
    }

    private void first(String text) throws TraceFormatException {
        if (text.startsWith("\uFEFF")) {
            throw error("the file starts with a byte order mark (U+FEFF); a trace is UTF-8 without one");
        }
        if (text.startsWith("\u001f\u008b")) {
            throw error("the file is gzip-compressed: decompress it first (gzip -d)");
        }
    }

    private TraceFormatException error(String problem) {
        return new TraceFormatException(source, lineNo, problem);
    }
}
