package maplab.kernel.eval;

import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Bytes decoded as UTF-8 incrementally (a character split across writes is held until its last
 * byte), passed on as text when they arrive: the cells' stderr, and the text layer of {@link StreamDemux}.
 */
final class TextStream extends OutputStream {

    private final Consumer<String> text;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPLACE)
            .onUnmappableCharacter(CodingErrorAction.REPLACE);
    private final ByteBuffer pending = ByteBuffer.allocate(16);

    TextStream(Consumer<String> text) {
        this.text = text;
    }

    @Override
    public synchronized void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
        ByteBuffer in;
        if (pending.position() > 0) {
            pending.flip();
            in = ByteBuffer.allocate(pending.remaining() + len);
            in.put(pending).put(b, off, len).flip();
            pending.clear();
        } else {
            in = ByteBuffer.wrap(b, off, len);
        }
        CharBuffer chars = CharBuffer.allocate(len + 16);
        decoder.decode(in, chars, false);
        pending.put(in);
        chars.flip();
        if (chars.hasRemaining()) {
            text.accept(chars.toString());
        }
    }
}
