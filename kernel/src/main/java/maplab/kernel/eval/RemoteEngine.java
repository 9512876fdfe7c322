package maplab.kernel.eval;

import com.sun.jdi.VirtualMachine;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import jdk.jshell.execution.JdiInitiator;
import jdk.jshell.execution.Util;
import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;
import maplab.kernel.agent.RemoteAgent;

/**
 * JShell's remote execution, launched the way JShell's own "jdi" engine does it (a JVM started
 * under JDI, a loopback socket for commands and output), with MapLab's agent on the far side and
 * TCP_NODELAY on both ends of the socket. Remote execution keeps the kernel alive through
 * OutOfMemoryError, System.exit and runaway threads in the cells; JDI lets it stop a tight loop.
 */
final class RemoteEngine implements ExecutionControlProvider {

    /** Milliseconds JDI may take to launch the cells' JVM before the start counts as failed. */
    private static final int LAUNCH_TIMEOUT_MS = 30_000;

    private final AtomicReference<JdiControl> created = new AtomicReference<>();

    @Override
    public String name() {
        return "maplab";
    }

    /** The control of the last JShell this engine started (the evaluator's side door to the agent). */
    JdiControl control() {
        return created.get();
    }

    @Override
    public ExecutionControl generate(ExecutionEnv env, Map<String, String> parameters) throws Throwable {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            JdiInitiator jdi = new JdiInitiator(listener.getLocalPort(), env.extraRemoteVMOptions(),
                    RemoteAgent.class.getName(), true, null, LAUNCH_TIMEOUT_MS, Map.of());
            VirtualMachine vm = jdi.vm();
            Util.detectJdiExitEvent(vm, reason -> env.closeDown());
            listener.setSoTimeout(LAUNCH_TIMEOUT_MS);
            Socket socket = listener.accept();
            socket.setTcpNoDelay(true);
            Map<String, OutputStream> outputs = new HashMap<>();
            outputs.put("out", env.userOut());
            outputs.put("err", env.userErr());
            Map<String, InputStream> inputs = new HashMap<>();
            inputs.put("in", env.userIn());
            JdiControl[] control = new JdiControl[1];
            // Buffered streams: see RemoteAgent (JShell's 127-byte packets, each header read byte by
            // byte); every write of JShell's multiplexer ends with a flush.
            ExecutionControl ec = Util.remoteInputOutput(new BufferedInputStream(socket.getInputStream()),
                    new BufferedOutputStream(socket.getOutputStream()),
                    outputs, inputs, (in, out) -> control[0] = new JdiControl(out, in, vm, jdi.process()));
            created.set(control[0]);
            return ec;
        }
    }
}
