package maplab.repo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import maplab.experiment.RuntimeResults;
import org.junit.jupiter.api.Test;

/**
 * The Java examples of the user's guide and of the docs compile against the library as it is, so
 * that an API change cannot leave them behind. Each file's ```java blocks are one method body, in
 * order (a later block may use a variable of an earlier one), with the file's own imports plus the
 * packages a notebook cell imports by default.
 */
class DocSnippetsTest {

    static final List<String> FILES = List.of("README.md", "docs/memory.md", "docs/races.md");

    private static final Pattern JAVA_BLOCK = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL);
    private static final List<String> DEFAULT_IMPORTS = List.of("java.util.*", "maplab.engine.*",
            "maplab.render.*", "maplab.experiment.*", "maplab.memory.*", "maplab.race.*");

    /** The compilable class made of {@code markdown}'s java blocks, or null when it has none. */
    static String source(String className, String markdown) {
        TreeSet<String> imports = new TreeSet<>();
        for (String i : DEFAULT_IMPORTS) {
            imports.add("import " + i + ";");
        }
        StringBuilder body = new StringBuilder();
        Matcher m = JAVA_BLOCK.matcher(markdown);
        int blocks = 0;
        while (m.find()) {
            blocks++;
            for (String line : m.group(1).split("\n", -1)) {
                if (line.startsWith("import ")) {
                    imports.add(line.trim());
                } else {
                    body.append(line).append('\n');
                }
            }
        }
        if (blocks == 0) {
            return null;
        }
        return String.join("\n", imports) + "\nclass " + className + " {\n    static void run() throws Exception {\n"
                + body + "    }\n}\n";
    }

    /** javac's errors for those classes (name -> source), each as "Class line: message"; empty when they compile. */
    static List<String> compile(Map<String, String> classes) throws IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertTrue(javac != null, "no Java compiler in this JVM: the tests need a JDK, not a JRE");
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        List<JavaFileObject> units = new ArrayList<>();
        classes.forEach((name, source) -> units.add(new SimpleJavaFileObject(URI.create("string:///" + name + ".java"),
                JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return source;
            }
        }));
        Path out = Files.createTempDirectory("maplab-doc-snippets");
        try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
            List<String> options = List.of("-classpath", System.getProperty("java.class.path"), "-d", out.toString(),
                    "-proc:none", "-Xlint:none");
            javac.getTask(null, files, diagnostics, options, null, units).call();
        } finally {
            try (var walk = Files.walk(out)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        List<String> errors = new ArrayList<>();
        for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
            if (d.getKind() == Diagnostic.Kind.ERROR) {
                String unit = d.getSource() == null ? "?" : d.getSource().getName().replace("/", "").replace(".java", "");
                errors.add(unit + " " + d.getLineNumber() + ": " + d.getMessage(Locale.ROOT));
            }
        }
        return errors;
    }

    @Test
    void aSnippetThatNoLongerMatchesTheApiFails() throws IOException {
        Map<String, String> classes = new TreeMap<>();
        classes.put("Good", source("Good", "text\n```java\nGoMap m = GoMaps.make(MapType.of(\"uint64\", \"uint64\"), \"1.19\");\n```\n"
                + "more\n```java\nm.set(1L, 2L);\n```\n"));
        classes.put("Bad", source("Bad", "```java\nGoMap m = GoMaps.make(MapType.of(\"uint64\", \"uint64\"), \"1.19\");\nm.put(1L, 2L);\n```\n"));
        List<String> errors = compile(classes);
        assertEquals(1, errors.size(), "one error, in Bad (m.put does not exist): " + errors);
        assertTrue(errors.get(0).startsWith("Bad "), errors.get(0));
        assertEquals(null, source("None", "```sh\n./maplab lab\n```\n"));
    }

    @Test
    void everyJavaExampleOfTheDocsCompiles() throws IOException {
        Path root = RuntimeResults.findRoot(Path.of("")).orElseThrow();
        Map<String, String> classes = new TreeMap<>();
        for (String file : FILES) {
            String className = "Snippets" + file.replaceAll("[^A-Za-z]", "");
            String source = source(className, Files.readString(root.resolve(file)));
            assertTrue(source != null, file + " has no ```java block any more; update DocSnippetsTest.FILES");
            classes.put(className, source);
        }
        assertEquals(List.of(), compile(classes), "examples of " + FILES + " that no longer compile (SnippetsREADMEmd "
                + "is README.md, and so on; lines count in the generated class: the imports, then the file's java "
                + "blocks one after the other)");
    }
}
