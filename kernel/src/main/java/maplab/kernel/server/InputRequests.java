package maplab.kernel.server;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import maplab.kernel.wire.BadMessage;
import maplab.kernel.wire.Message;
import maplab.kernel.wire.WireCodec;

/**
 * The kernel's side of the cells' System.in (see maplab.kernel.agent.KernelInput, which connects
 * to {@link #port()}): when a cell wants a line, an input_request goes on Jupyter's stdin channel
 * (parent: the cell's execute_request, to the identities that request came from) and the
 * input_reply's value goes back. Only a front end that said allow_stdin is asked: for any other,
 * and outside a cell, the read fails at once with a message saying why (also on the cell's
 * stderr, since Scanner swallows the IOException), instead of a cell waiting for input nobody
 * can give.
 *
 * <p>A wait ends with the reply, or with an error when its cell ends or is interrupted (a thread
 * blocked in a socket read would not see the interrupt before). A reply still queued when the next
 * request is sent (it came too late), or one that names another request as its parent, is dropped.
 */
final class InputRequests {

    static final String NOT_ALLOWED = "this front end does not accept input (its execute_request has"
            + " allow_stdin false), so System.in has nothing to read: give the cell its data another way";
    static final String NO_CELL = "System.in was read outside a running cell, with nobody to ask";
    static final String CANCELLED = "the cell was interrupted while it waited for input";

    private static final int POLL_MS = 50;

    private final WireCodec codec;
    private final Channel stdin;
    private final Replies replies;
    private final String token;
    private final ServerSocket server;
    private final Object asking = new Object();
    private Message cell;
    private boolean allowed;
    private boolean told;
    /** Changes when a cell starts or ends or is interrupted: a wait of an older generation gives up. */
    private long generation;

    InputRequests(WireCodec codec, Channel stdin, Replies replies, String token) throws IOException {
        this.codec = codec;
        this.stdin = stdin;
        this.replies = replies;
        this.token = token;
        this.server = new ServerSocket(0, 4, InetAddress.getLoopbackAddress());
        Thread t = new Thread(this::accept, "maplab-stdin-accept");
        t.setDaemon(true);
        t.start();
    }

    int port() {
        return server.getLocalPort();
    }

    synchronized void startCell(Message request, boolean allowStdin) {
        cell = request;
        allowed = allowStdin;
        told = false;
        generation++;
    }

    synchronized void endCell() {
        cell = null;
        generation++;
    }

    /** Ends a wait for input: the notebook interrupted the cell. */
    synchronized void interrupt() {
        generation++;
    }

    private void accept() {
        while (true) {
            try {
                Socket s = server.accept();
                Thread t = new Thread(() -> serve(s), "maplab-stdin");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                KernelServer.log("the input socket failed: " + e);
                return;
            }
        }
    }

    /** One cells' JVM: answers its requests for lines, one at a time, until it goes. */
    private void serve(Socket s) {
        try (s) {
            s.setTcpNoDelay(true);
            DataInputStream in = new DataInputStream(s.getInputStream());
            DataOutputStream out = new DataOutputStream(s.getOutputStream());
            if (!token.equals(in.readUTF())) {
                KernelServer.log("dropped a connection to the input socket without the session token");
                return;
            }
            while (true) {
                int id = in.readInt();
                byte[] answer;
                boolean ok;
                try {
                    answer = (line() + "\n").getBytes(StandardCharsets.UTF_8);
                    ok = true;
                } catch (IOException e) {
                    answer = e.getMessage().getBytes(StandardCharsets.UTF_8);
                    ok = false;
                }
                out.writeInt(id);
                out.writeBoolean(ok);
                out.writeInt(answer.length);
                out.write(answer);
                out.flush();
            }
        } catch (EOFException e) {
            // The cells' JVM ended.
        } catch (IOException e) {
            KernelServer.log("the input connection failed: " + e);
        }
    }

    /** A line typed in the front end, without its newline. */
    private String line() throws IOException {
        Message request;
        long number;
        synchronized (this) {
            request = cell;
            if (request == null) {
                throw new IOException(NO_CELL);
            }
            if (!allowed) {
                if (!told) {
                    told = true;
                    JsonObject c = new JsonObject();
                    c.addProperty("name", "stderr");
                    c.addProperty("text", "[maplab] " + NOT_ALLOWED + "\n");
                    replies.publish(request.header(), "stream", c);
                }
                throw new IOException(NOT_ALLOWED);
            }
            number = generation;
        }
        return ask(request, number);
    }

    /** Only this method receives on the stdin socket; one question at a time. */
    private String ask(Message request, long number) throws IOException {
        synchronized (asking) {
            return askAlone(request, number);
        }
    }

    private String askAlone(Message request, long number) throws IOException {
        JsonObject content = new JsonObject();
        content.addProperty("prompt", "");
        content.addProperty("password", false);
        List<byte[]> frames = codec.encode(request.identities(), "input_request", request.header(), content, null);
        String asked = WireCodec.msgId(frames);
        while (stdin.receive(0) != null) {
            KernelServer.log("dropped a late message on stdin");
        }
        stdin.send(frames);
        while (true) {
            synchronized (this) {
                if (generation != number) {
                    throw new IOException(CANCELLED);
                }
            }
            List<byte[]> reply = stdin.receive(POLL_MS);
            if (reply == null) {
                continue;
            }
            Message m;
            try {
                m = codec.decode(reply);
            } catch (BadMessage | RuntimeException e) {
                KernelServer.log("rejected a message on stdin: " + e.getMessage());
                continue;
            }
            // jupyter_client sends its input_reply without a parent; one that names a parent must
            // name this request.
            JsonElement parent = m.parentHeader().get("msg_id");
            boolean other = parent != null && !(parent.isJsonPrimitive() && asked.equals(parent.getAsString()));
            if (!"input_reply".equals(m.type()) || other) {
                KernelServer.log("dropped a " + m.type() + " on stdin that answers no pending input_request");
                continue;
            }
            JsonElement value = m.content().get("value");
            if (value == null || !value.isJsonPrimitive()) {
                throw new IOException("the front end's input_reply has no string 'value'");
            }
            return value.getAsString();
        }
    }
}
