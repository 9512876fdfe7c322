package maplab.kernel.server;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
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
        ConnectionInfo conn = ConnectionInfo.read(Path.of(args[0]));
        WireCodec codec = new WireCodec(new Signer(conn.key(), conn.signatureScheme()));
        long limit = Long.parseLong(System.getenv().getOrDefault("MAPLAB_OUTPUT_LIMIT", "1000000"));
        AtomicReference<OutputRouter> router = new AtomicReference<>();
        CompletableFuture<OutputRouter> routerReady = new CompletableFuture<>();
        CompletableFuture<Evaluator> evaluator = routerReady.thenApplyAsync(
                r -> Evaluator.start(EvaluatorConfig.defaults(), r));
        KernelServer server = new KernelServer(conn, codec, evaluator, replies -> {
            OutputRouter r = new OutputRouter(replies, limit);
            router.set(r);
            return r;
        });
        routerReady.complete(router.get());
        evaluator.exceptionally(t -> {
            KernelServer.log("JShell failed to start: " + t);
            return null;
        });
        ParentWatch.start(() -> server.exit(0));
        Signals.onInterrupt(server::interrupt);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (evaluator.isDone() && !evaluator.isCompletedExceptionally()) {
                evaluator.join().close();
            }
        }, "maplab-shutdown"));
        server.run();
    }
}
