package maplab.kernel.server;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import maplab.kernel.agent.KernelInput;
import maplab.kernel.agent.ParentWatch;
import maplab.kernel.eval.CompilerWarmup;
import maplab.kernel.eval.Evaluator;
import maplab.kernel.eval.EvaluatorConfig;
import maplab.kernel.wire.ConnectionInfo;
import maplab.kernel.wire.Signer;
import maplab.kernel.wire.WireCodec;

/**
 * {@code java maplab.kernel.server.KernelMain CONNECTION_FILE}: what the kernelspec runs. The
 * sockets are bound first and JShell starts in the background, so kernel_info is answered at
 * once and the first cell waits only for what remains of JShell's start.
 */
public final class KernelMain {

    private KernelMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: KernelMain CONNECTION_FILE");
            System.exit(2);
        }
        Path connectionFile = Path.of(args[0]);
        ConnectionInfo conn;
        try {
            if (ConnectionInfo.restrictToOwner(connectionFile)) {
                KernelServer.log("the connection file " + connectionFile + " was readable by others; now by its owner only");
            }
            conn = ConnectionInfo.read(connectionFile);
        } catch (IOException | RuntimeException e) {
            KernelServer.log("cannot read the connection file " + connectionFile + ": " + e);
            System.exit(2);
            return;
        }
        WireCodec codec = new WireCodec(new Signer(conn.key(), conn.signatureScheme()));
        long limit = Long.parseLong(System.getenv().getOrDefault("MAPLAB_OUTPUT_LIMIT", "1000000"));
        AtomicReference<OutputRouter> router = new AtomicReference<>();
        CompletableFuture<OutputRouter> routerReady = new CompletableFuture<>();
        EvaluatorConfig defaults = EvaluatorConfig.defaults();
        AtomicReference<KernelServer> started = new AtomicReference<>();
        CompilerWarmup.startInBackground();
        CompletableFuture<Evaluator> evaluator = routerReady.thenApplyAsync(r -> {
            List<String> vm = new ArrayList<>(defaults.remoteVmOptions());
            vm.add("-D" + KernelInput.PORT_PROPERTY + "=" + started.get().inputPort());
            return Evaluator.start(defaults.withVmOptions(vm), r);
        });
        KernelServer server;
        try {
            server = new KernelServer(conn, codec, evaluator, replies -> {
                OutputRouter r = new OutputRouter(replies, limit);
                router.set(r);
                return r;
            }, defaults.token());
        } catch (IOException e) {
            KernelServer.log(e.getMessage());
            System.exit(1);
            return;
        }
        started.set(server);
        routerReady.complete(router.get());
        evaluator.exceptionally(t -> {
            KernelServer.log("JShell failed to start: " + t);
            return null;
        });
        ParentWatch.startForJupyter(() -> {
            KernelServer.log("the process that started the kernel is gone; exiting");
            // Its owner is gone, so nobody else will remove the file that holds the HMAC key. On a
            // shutdown_request the file stays: a restarting KernelManager starts the next kernel on it.
            ConnectionInfo.deleteQuietly(connectionFile);
            server.exit(0);
        });
        Signals.onInterrupt(server::interrupt);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (evaluator.isDone() && !evaluator.isCompletedExceptionally()) {
                evaluator.join().close();
            }
        }, "maplab-shutdown"));
        server.run();
    }
}
