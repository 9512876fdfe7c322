package maplab.kernel.agent;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * System.in of the cells' JVM: each line comes from the kernel, which asks the notebook for it
 * (Jupyter's input_request) when a cell has read the line before. It has its own loopback socket
 * to the kernel, not JShell's input forwarding: that one asks for one byte at a time and, racing
 * with its own pipe, asks for bytes nobody reads, which here would be a question to the user
 * that nothing answers.
 *
 * <p>Protocol: the agent first sends the session token (the kernel drops a connection without
 * it), then per line wanted an int id; the kernel answers with that id, a boolean (a line, or an
 * error), and UTF-8 bytes (int length first). An answer to an older id (a read that an interrupt
 * ended) is skipped.
 */
public final class KernelInput extends InputStream {

    /** The system property with the kernel's port for input. */
    public static final String PORT_PROPERTY = "maplab.stdin.port";

    private final int port;
    private final String token;
    private Socket socket;
    private DataInputStream in;
    private DataOutputStream out;
    private int asked;
    private byte[] line = new byte[0];
    private int next;

    private KernelInput(int port, String token) {
        this.port = port;
        this.token = token;
    }

    /** This stream if the kernel gave a port and a token, else JShell's own. */
    public static InputStream orElse(InputStream jshell, String token) {
        String port = System.getProperty(PORT_PROPERTY);
        if (port == null || token == null) {
            return jshell;
        }
        return new KernelInput(Integer.parseInt(port), token);
    }

    @Override
    public synchronized int read() throws IOException {
        if (next >= line.length) {
            fetch();
        }
        return line[next++] & 0xff;
    }

    /** What is left of the line, at most len bytes: a reader gets a whole line in one call. */
    @Override
    public synchronized int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (next >= line.length) {
            fetch();
        }
        int n = Math.min(len, line.length - next);
        System.arraycopy(line, next, b, off, n);
        next += n;
        return n;
    }

    @Override
    public synchronized int available() {
        return line.length - next;
    }

    private void fetch() throws IOException {
        boolean whole = false;
        String failure;
        try {
            failure = exchange();
            whole = true;
        } finally {
            // An interrupt (an error JDI raises in this thread) can stop it in the middle of an
            // answer: the rest would be read as the next answer. A new connection starts clean.
            if (!whole && socket != null) {
                socket.close();
                socket = null;
            }
        }
        if (failure != null) {
            throw new IOException(failure);
        }
    }

    /** Fills the line, or returns the kernel's reason why it cannot. */
    private String exchange() throws IOException {
        if (socket == null) {
            socket = new Socket(InetAddress.getLoopbackAddress(), port);
            socket.setTcpNoDelay(true);
            in = new DataInputStream(socket.getInputStream());
            out = new DataOutputStream(socket.getOutputStream());
            out.writeUTF(token);
        }
        int id = ++asked;
        out.writeInt(id);
        out.flush();
        while (true) {
            int answered = in.readInt();
            boolean ok = in.readBoolean();
            byte[] text = new byte[in.readInt()];
            in.readFully(text);
            if (answered != id) {
                continue;
            }
            if (!ok) {
                return new String(text, StandardCharsets.UTF_8);
            }
            line = text;
            next = 0;
            return null;
        }
    }
}
