package maplab.kernel.eval;

import com.sun.jdi.Field;
import com.sun.jdi.ObjectReference;
import com.sun.jdi.ReferenceType;
import com.sun.jdi.ThreadReference;
import com.sun.jdi.Value;
import com.sun.jdi.VirtualMachine;
import java.io.ObjectInput;
import java.io.ObjectOutput;
import java.util.List;
import jdk.jshell.execution.JdiExecutionControl;
import maplab.kernel.agent.RemoteAgent;

/**
 * The kernel's end of the cells' JVM. Commands go over the socket (JShell's streaming protocol);
 * {@link #stop()} goes through JDI, because the thread to stop may be in a loop that never looks
 * at anything: JDI's StopThread raises an error in it at its next safepoint, on every JDK.
 */
final class JdiControl extends JdiExecutionControl {

    private final VirtualMachine vm;
    private final Process process;

    JdiControl(ObjectOutput out, ObjectInput in, VirtualMachine vm, Process process) {
        super(out, in);
        this.vm = vm;
        this.process = process;
    }

    @Override
    protected VirtualMachine vm() {
        return vm;
    }

    /**
     * Raises {@link RemoteAgent#STOP} in the thread running user code, if any. The VM is suspended
     * while the thread is looked up and the error posted, so the thread cannot leave user code in
     * between; it also gets a Thread.interrupt, which wakes a sleep or a wait.
     */
    @Override
    public void stop() throws EngineTerminationException, InternalException {
        try {
            vm.suspend();
            try {
                List<ReferenceType> agents = vm.classesByName(RemoteAgent.class.getName());
                if (agents.isEmpty()) {
                    return;
                }
                ReferenceType agent = agents.get(0);
                Value thread = agent.getValue(field(agent, "clientThread"));
                if (thread instanceof ThreadReference t) {
                    t.stop((ObjectReference) agent.getValue(field(agent, "STOP")));
                    t.interrupt();
                }
            } finally {
                vm.resume();
            }
        } catch (com.sun.jdi.VMDisconnectedException e) {
            throw new EngineTerminationException("the cells' JVM is gone");
        } catch (com.sun.jdi.InvalidTypeException e) {
            throw new InternalException("cannot stop the cell: " + e);
        }
    }

    private static Field field(ReferenceType type, String name) throws InternalException {
        Field f = type.fieldByName(name);
        if (f == null) {
            throw new InternalException("the agent has no field " + name);
        }
        return f;
    }

    /** Ends the cells' JVM at once; JShell then sees its engine gone, as after System.exit. */
    void kill() {
        process.destroyForcibly();
    }

    /** The last snippet value's MIME bundle as JSON, rendered in the cells' JVM. */
    String renderLastValue() throws RunException, EngineTerminationException, InternalException {
        return (String) extensionCommand("maplab.render", null);
    }

    @Override
    public void close() {
        try {
            super.close();
        } catch (RuntimeException ignored) {
            // The agent may be dead already (System.exit in a cell); the process goes below anyway.
        }
        try {
            vm.dispose();
        } catch (RuntimeException ignored) {
            // Already disconnected: the process is gone or going.
        }
        process.destroyForcibly();
    }
}
