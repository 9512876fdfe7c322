package maplab.kernel.agent;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.net.InetAddress;
import java.net.Socket;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import jdk.jshell.execution.RemoteExecutionControl;
import jdk.jshell.execution.Util;
import maplab.kernel.display.Display;
import maplab.kernel.display.ProgressDisplay;
import maplab.table.Progress;

/**
 * The JShell agent of the cells' JVM: JShell's own {@link RemoteExecutionControl} with five
 * changes.
 * <ul>
 *   <li>Its socket has TCP_NODELAY. JShell's stock agent leaves Nagle's algorithm on, and every
 *   command then waits for a delayed ACK: about 200 ms per cell on loopback. Its streams are
 *   buffered (see {@link #main}).</li>
 *   <li>It records the thread running user code and holds a preallocated {@link #STOP} error, so
 *   that the kernel's JDI side can stop a tight loop (see {@code maplab.kernel.eval.JdiControl#stop}).
 *   JDI's ThreadReference.stop works on JDK 17 and 21+, where Thread.stop does not.</li>
 *   <li>It keeps the last value a snippet produced, so the kernel can ask for its rich rendering
 *   through an extension command instead of compiling another snippet; and it never lets a
 *   throwing toString() turn a good result into an error.</li>
 *   <li>A snippet that ran the kernel's form of a last expression ({@link CellValue}) returns
 *   that expression's value, prefixed with its kind, instead of its own.</li>
 *   <li>Progress lines of the model's long runs become one display per run, updated in place
 *   ({@link ProgressDisplay}).</li>
 * </ul>
 */
public final class RemoteAgent extends RemoteExecutionControl {

    /** The error JDI throws into the user's thread to interrupt it; read by the kernel through JDI. */
    public static final Error STOP = new StopSignal();

    /** The thread in user code, or null; read by the kernel through JDI while the VM is suspended. */
    public static volatile Thread clientThread;

    /** The value of the last snippet that ran (read once by {@link #extensionCommand}). */
    private Object lastValue;

    public static void main(String[] args) throws Exception {
        // A cell that never returns would keep this JVM alive after a SIGKILL of the kernel.
        ParentWatch.startForOsParent(() -> Runtime.getRuntime().halt(0));
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), Integer.parseInt(args[0]));
        socket.setTcpNoDelay(true);
        // Buffered both ways: JShell's multiplexing cuts every message into 127-byte packets and
        // reads each packet's header byte by byte, one system call (and one TCP segment) each;
        // its writer flushes at the end of every write, so nothing waits in the buffer.
        InputStream in = new BufferedInputStream(socket.getInputStream());
        OutputStream out = new BufferedOutputStream(socket.getOutputStream());
        Map<String, Consumer<OutputStream>> outputs = new HashMap<>();
        outputs.put("out", st -> System.setOut(new PrintStream(st, true)));
        outputs.put("err", st -> System.setErr(new PrintStream(st, true)));
        Map<String, Consumer<InputStream>> inputs = new HashMap<>();
        String token = System.getProperty(maplab.kernel.display.DisplayRecords.TOKEN_PROPERTY);
        inputs.put("in", jshell -> System.setIn(KernelInput.orElse(jshell, token)));
        Progress.sink(new ProgressDisplay());
        try {
            Util.forwardExecutionControlAndIO(new RemoteAgent(), in, out, outputs, inputs);
        } finally {
            // The kernel closed the connection or died: threads a cell left running must not keep
            // this JVM alive as an orphan.
            Runtime.getRuntime().halt(0);
        }
    }

    @Override
    protected void clientCodeEnter() {
        clientThread = Thread.currentThread();
        super.clientCodeEnter();
    }

    @Override
    protected void clientCodeLeave() throws InternalException {
        clientThread = null;
        super.clientCodeLeave();
    }

    @Override
    protected String invoke(Method doitMethod) throws Exception {
        CellValue.take(); // nothing an earlier, failed snippet left may pass for this one's value
        Object value = doitMethod.invoke(null);
        Object[] last = CellValue.take();
        if (last != null) {
            // The kernel's form of a last expression (see CellValue): its kind, then its text.
            char kind = (Character) last[0];
            lastValue = last[1];
            return kind == CellValue.NONE ? String.valueOf(kind) : kind + Display.plainValue(last[1]);
        }
        lastValue = value;
        return Display.plainValue(value);
    }

    @Override
    protected String throwConvertedInvocationException(Throwable cause) throws RunException, InternalException {
        if (cause == STOP) {
            throw new StoppedException();
        }
        return super.throwConvertedInvocationException(cause);
    }

    @Override
    protected String throwConvertedOtherException(Throwable ex) throws RunException, InternalException {
        if (ex == STOP) {
            throw new StoppedException();
        }
        return super.throwConvertedOtherException(ex);
    }

    /**
     * {@code maplab.render}: the MIME bundle of the last snippet's value as JSON, then forgets the
     * value so that a big result is not kept alive by the agent.
     */
    @Override
    public Object extensionCommand(String command, Object arg)
            throws RunException, EngineTerminationException, InternalException {
        if ("maplab.render".equals(command)) {
            Object value = lastValue;
            lastValue = null;
            return Display.resultJson(value);
        }
        return super.extensionCommand(command, arg);
    }
}
