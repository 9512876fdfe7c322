package maplab.kernel.eval;

import com.sun.source.util.JavacTask;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;

/**
 * javac tasks that only parse a cell's text (StatementBatches, LastExpression), outside JShell.
 *
 * <p>They get a file manager without paths, shared: a parse reads no class, and with javac's
 * default one every task looked for plugins (ServiceLoader, Plugin.autoStart) in a class loader
 * over the processor path, which is the class path unless set, i.e. every jar of the kernel:
 * about a third of a trivial cell's time.
 */
final class ParseTasks {

    private static final JavaCompiler JAVAC = ToolProvider.getSystemJavaCompiler();
    private static final StandardJavaFileManager NO_PATHS = noPaths();

    private ParseTasks() {
    }

    private static StandardJavaFileManager noPaths() {
        StandardJavaFileManager fm = JAVAC.getStandardFileManager(null, null, StandardCharsets.UTF_8);
        try {
            fm.setLocation(StandardLocation.CLASS_PATH, List.of());
            fm.setLocation(StandardLocation.ANNOTATION_PROCESSOR_PATH, List.of());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return fm;
    }

    /** A task over one source file named name.java; call parse() on it. */
    static JavacTask of(String name, CharSequence source, DiagnosticCollector<JavaFileObject> diagnostics) {
        JavaFileObject file = new SimpleJavaFileObject(URI.create("string:///" + name + ".java"), JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return source;
            }
        };
        return (JavacTask) JAVAC.getTask(null, NO_PATHS, diagnostics, List.of("-proc:none"), null, List.of(file));
    }
}
