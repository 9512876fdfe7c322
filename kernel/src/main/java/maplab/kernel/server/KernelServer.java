package maplab.kernel.server;

import com.google.gson.JsonObject;
import java.nio.channels.ClosedSelectorException;
import java.util.List;
import java.util.concurrent.Future;
import java.util.function.BiConsumer;
import maplab.kernel.eval.Evaluator;
import maplab.kernel.wire.BadMessage;
import maplab.kernel.wire.ConnectionInfo;
import maplab.kernel.wire.Message;
import maplab.kernel.wire.WireCodec;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;
import org.zeromq.ZMQException;

/**
 * The kernel's sockets and their loops: shell and control (requests), iopub (broadcasts), stdin
 * (input requests of a cell reading System.in, see InputRequests) and heartbeat (echo). Each loop blocks in
 * receive, so a request is handled the moment it arrives: there is no sleep in any loop.
 *
 * <p>Invariant: a loop survives every message. One that fails its signature check or cannot be
 * read is logged and dropped; one whose handler throws gets an error reply.
 */
public final class KernelServer {

    private final ZContext context = new ZContext();
    private final Replies replies;
    private final WireCodec codec;
    private final Channel shell;
    private final Channel control;
    private final OutputRouter output;
    private final Future<Evaluator> evaluator;
    private final ShellHandlers handlers;
    private final InputRequests inputs;

    public KernelServer(ConnectionInfo conn, WireCodec codec, Future<Evaluator> evaluator, OutputRouterFactory outputs,
                        String token) throws java.io.IOException {
        this.codec = codec;
        this.shell = new Channel(bind(SocketType.ROUTER, conn, conn.shellPort()));
        this.control = new Channel(bind(SocketType.ROUTER, conn, conn.controlPort()));
        Channel stdin = new Channel(bind(SocketType.ROUTER, conn, conn.stdinPort()));
        Channel iopub = new Channel(bind(SocketType.PUB, conn, conn.iopubPort()));
        this.replies = new Replies(codec, iopub);
        this.inputs = new InputRequests(codec, stdin, replies, token);
        this.output = outputs.create(replies);
        this.evaluator = evaluator;
        this.handlers = new ShellHandlers(replies, output, inputs, evaluator, new KernelInfo());
        ZMQ.Socket hb = bind(SocketType.REP, conn, conn.hbPort());
        daemon("maplab-heartbeat", () -> heartbeat(hb));
    }

    /** Builds the output router once iopub exists (the evaluator's sink must be created first). */
    public interface OutputRouterFactory {
        OutputRouter create(Replies replies);
    }

    /**
     * Binds a socket to a port of the connection file. The launcher picked the ports free and
     * then let them go, so another process can take one before the kernel binds it (ten reports
     * started at once did): that is an IOException naming the address, not a ZMQ stack trace.
     */
    private ZMQ.Socket bind(SocketType type, ConnectionInfo conn, int port) throws java.io.IOException {
        ZMQ.Socket s = context.createSocket(type);
        s.setLinger(1000);
        try {
            s.bind(conn.address(port));
        } catch (ZMQException e) {
            context.close();
            throw new java.io.IOException("cannot listen on " + conn.address(port) + " (" + e.getMessage()
                    + "); the connection file's ports must be free when the kernel starts");
        }
        return s;
    }

    /** Runs the control loop on its own thread and the shell loop on this one, until shutdown. */
    public void run() {
        daemon("maplab-control", () -> loop(control, this::controlRequest));
        loop(shell, this::shellRequest);
    }

    private void loop(Channel channel, BiConsumer<Channel, Message> handler) {
        while (!Thread.currentThread().isInterrupted()) {
            List<byte[]> frames;
            try {
                frames = channel.receive();
            } catch (ZMQException e) {
                if (e.getErrorCode() == ZMQ.Error.ETERM.getCode()) {
                    return;
                }
                log("receive failed: " + e);
                continue;
            }
            Message m;
            try {
                m = codec.decode(frames);
            } catch (BadMessage e) {
                log("rejected a message: " + e.getMessage());
                continue;
            } catch (RuntimeException e) {
                log("rejected an unreadable message: " + e);
                continue;
            }
            replies.status(m.header(), "busy");
            try {
                handler.accept(channel, m);
            } catch (Throwable t) {
                Throwable cause = t.getCause() != null && t instanceof RuntimeException ? t.getCause() : t;
                log(cause instanceof IllegalArgumentException
                        ? "bad " + m.type() + ": " + cause.getMessage()
                        : "request " + m.type() + " failed: " + cause);
                replyError(channel, m, cause);
            } finally {
                replies.status(m.header(), "idle");
            }
        }
    }

    private void shellRequest(Channel channel, Message m) {
        try {
            if ("shutdown_request".equals(m.type())) {
                shutdown(channel, m);
            } else if (!handlers.handle(channel, m)) {
                log("ignored a message of unknown type '" + m.type() + "'");
            }
        } catch (Exception e) {
            throw new RuntimeException(e.getMessage(), e);
        }
    }

    private void controlRequest(Channel channel, Message m) {
        switch (m.type()) {
            case "interrupt_request" -> {
                if (evaluator.isDone() && !evaluator.isCancelled()) {
                    interrupt();
                }
                replies.reply(channel, m, "interrupt_reply", new JsonObject());
            }
            case "shutdown_request" -> shutdown(channel, m);
            case "kernel_info_request" -> replies.reply(channel, m, "kernel_info_reply", new KernelInfo().content());
            default -> log("ignored a control message of type '" + m.type() + "'");
        }
    }

    /** The loopback port where the cells' JVM asks for lines of System.in (see InputRequests). */
    public int inputPort() {
        return inputs.port();
    }

    /** Stops the running cell; safe to call from any thread, and when no cell runs. */
    public void interrupt() {
        inputs.interrupt();
        try {
            if (evaluator.isDone()) {
                evaluator.get().interrupt();
            }
        } catch (Exception e) {
            log("interrupt failed: " + e);
        }
    }

    private void replyError(Channel channel, Message m, Throwable cause) {
        String type = m.type();
        if (!type.endsWith("_request")) {
            return;
        }
        String why = cause instanceof IllegalArgumentException
                ? "bad request: " + cause.getMessage() : String.valueOf(cause);
        JsonObject c = ShellHandlers.errorContent(cause instanceof IllegalArgumentException ? "BadRequest" : "KernelError",
                why, List.of(why));
        c.addProperty("status", "error");
        try {
            replies.reply(channel, m, type.substring(0, type.length() - "_request".length()) + "_reply", c);
        } catch (RuntimeException e) {
            log("could not send the error reply: " + e);
        }
    }

    private void shutdown(Channel channel, Message m) {
        boolean restart = m.content().has("restart") && m.content().get("restart").getAsBoolean();
        JsonObject c = new JsonObject();
        c.addProperty("restart", restart);
        replies.reply(channel, m, "shutdown_reply", c);
        replies.status(m.header(), "idle");
        exit(0);
    }

    /** Ends the kernel and the cells' JVM, giving queued replies a moment to leave. */
    public void exit(int status) {
        Thread closer = new Thread(() -> {
            try {
                if (evaluator.isDone()) {
                    evaluator.get().close();
                }
            } catch (Exception e) {
                log("closing the evaluator: " + e);
            }
            context.close();
        }, "maplab-exit");
        closer.setDaemon(true);
        closer.start();
        try {
            closer.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Runtime.getRuntime().halt(status);
    }

    private void heartbeat(ZMQ.Socket hb) {
        while (true) {
            try {
                byte[] ping = hb.recv(0);
                if (ping != null) {
                    hb.send(ping, 0);
                }
            } catch (ZMQException | ClosedSelectorException e) {
                // The context is closing: at shutdown jeromq closes the socket's selector under a
                // blocked recv, which is the end of the heartbeat, not an error to print.
                return;
            }
        }
    }

    private static void daemon(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        t.start();
    }

    static void log(String message) {
        System.err.println("maplab: " + message);
    }
}
