package maplab.kernel.eval;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.tools.StandardJavaFileManager;
import jdk.jshell.JShell;
import maplab.kernel.display.DisplayRecords;

/**
 * One JShell and the cells' JVM behind it. A session dies when that JVM exits (System.exit in a
 * cell, a crash); the evaluator then starts a new one.
 */
final class Session implements AutoCloseable {

    final JShell shell;
    final JdiControl control;
    private volatile boolean dead;

    private Session(JShell shell, JdiControl control) {
        this.shell = shell;
        this.control = control;
    }

    static Session start(EvaluatorConfig config, OutputSink sink) {
        RemoteEngine engine = new RemoteEngine();
        List<String> vm = new ArrayList<>();
        vm.add("--class-path");
        vm.add(config.classpath());
        vm.add("-Djava.awt.headless=true");
        vm.add("-D" + DisplayRecords.TOKEN_PROPERTY + "=" + config.token());
        vm.addAll(config.remoteVmOptions());
        JShell shell = JShell.builder()
                .executionEngine(engine, Map.of())
                .out(new PrintStream(new StreamDemux(config.token(), sink::stdout, sink::display), false, StandardCharsets.UTF_8))
                .err(new PrintStream(new TextStream(sink::stderr), false, StandardCharsets.UTF_8))
                .in(InputStream.nullInputStream())
                // The class path goes to the file manager once, not into compilerOptions: JShell
                // passes those to every javac task (four per expression), and javac re-indexed
                // every directory of every jar per task. See SteadyFileManager.
                .fileManager(fm -> withClasspath(new SteadyFileManager(fm), config.classpath()))
                .compilerOptions("-proc:none")
                .remoteVMOptions(vm.toArray(new String[0]))
                .build();
        Session session = new Session(shell, engine.control());
        shell.onShutdown(s -> session.dead = true);
        String imports = DefaultImports.source();
        while (!imports.isBlank()) {
            var info = shell.sourceCodeAnalysis().analyzeCompletion(imports);
            shell.eval(info.source());
            imports = info.remaining();
        }
        return session;
    }

    /** Sets the compiler's class path as the --class-path option would, once for the session. */
    private static StandardJavaFileManager withClasspath(StandardJavaFileManager fm, String classpath) {
        if (!fm.handleOption("--class-path", List.of(classpath).iterator())) {
            throw new IllegalStateException("the compiler's file manager refused the class path");
        }
        return fm;
    }

    boolean dead() {
        return dead;
    }

    @Override
    public void close() {
        try {
            shell.close();
        } catch (RuntimeException ignored) {
            // Closing a JShell whose JVM died may fail; the process is destroyed below.
        }
        control.close();
    }
}
