package maplab.kernel.server;

import java.util.ArrayList;
import java.util.List;
import org.zeromq.ZMQ;

/**
 * A ZeroMQ socket with its frames as byte arrays. ZeroMQ sockets are not thread-safe: sends are
 * serialised by this object's lock (iopub is written by the shell thread, the control thread and
 * the output flusher), and only the socket's own loop thread receives.
 */
final class Channel {

    private final ZMQ.Socket socket;

    Channel(ZMQ.Socket socket) {
        this.socket = socket;
    }

    /** Blocks until a whole multipart message arrives. */
    List<byte[]> receive() {
        List<byte[]> frames = new ArrayList<>();
        do {
            byte[] frame = socket.recv(0);
            if (frame == null) {
                throw new org.zeromq.ZMQException("receive failed", socket.errno());
            }
            frames.add(frame);
        } while (socket.hasReceiveMore());
        return frames;
    }

    /**
     * Waits up to timeoutMs for a message; null if none came. Frames of one message arrive
     * together (ZeroMQ delivers multipart messages atomically), so only the first read waits.
     */
    List<byte[]> receive(int timeoutMs) {
        socket.setReceiveTimeOut(timeoutMs);
        byte[] first = socket.recv(0);
        if (first == null) {
            return null;
        }
        List<byte[]> frames = new ArrayList<>();
        frames.add(first);
        while (socket.hasReceiveMore()) {
            frames.add(socket.recv(0));
        }
        return frames;
    }

    synchronized void send(List<byte[]> frames) {
        for (int i = 0; i < frames.size(); i++) {
            socket.send(frames.get(i), i < frames.size() - 1 ? ZMQ.SNDMORE : 0);
        }
    }
}
