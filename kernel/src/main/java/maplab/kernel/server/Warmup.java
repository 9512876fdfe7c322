package maplab.kernel.server;

import maplab.kernel.eval.CompilerWarmup;
import maplab.kernel.eval.DisplayOutput;
import maplab.kernel.eval.Evaluator;
import maplab.kernel.eval.EvaluatorConfig;
import maplab.kernel.eval.OutputSink;

/**
 * The training run for the class-data-sharing archive that the installer makes for the kernel's
 * JVM: starts an evaluator, runs cells that load what a first notebook cell loads (the compiler,
 * JDI, the display records), and exits; run with -XX:ArchiveClassesAtExit. An archive only
 * speeds up the start; a missing or stale one is ignored by the JVM (-Xshare:auto). The cells'
 * JVM gets none: it runs under a JDWP agent, and a JVM cannot dump an archive with one loaded.
 */
public final class Warmup {

    private Warmup() {
    }

    public static void main(String[] args) {
        OutputSink quiet = new OutputSink() {
            @Override
            public void stdout(String text) {
            }

            @Override
            public void stderr(String text) {
                System.err.print(text);
            }

            @Override
            public void display(DisplayOutput output) {
            }
        };
        try (Evaluator ev = Evaluator.start(EvaluatorConfig.defaults(), quiet)) {
            ev.execute("1 + 1");
            ev.execute("int x = 2;\nSystem.out.println(x);\nx * 3");
            ev.execute("var m = ClassicMap.builder(MapType.of(\"uint64\", \"uint64\")).seed(1).build();\n"
                    + "for (long k = 0; k < 9; k++) m.set(k, k);\ndisplay(m.snapshot());\nm.snapshot()");
            ev.execute("Table.create(\"t\", IntColumn.create(\"a\", 1, 2))");
            ev.execute("int bad = nope;");
        }
        CompilerWarmup.run(1); // its JShell runs cells in this JVM: those classes go into the archive too
        System.exit(0);
    }
}
