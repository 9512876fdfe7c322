package maplab.kernel.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.JShell;
import jdk.jshell.JShellException;
import jdk.jshell.Snippet;
import jdk.jshell.UnresolvedReferenceException;

/**
 * Error reports for the notebook. A compile error names the cell line and shows the code with a
 * caret; a runtime exception shows the frames of the user's snippets and of the libraries they
 * called, and none of the kernel's (JShell's agent, reflection) below them.
 */
final class Errors {

    private Errors() {
    }

    static ErrorReport compile(JShell shell, Snippet snippet, String cell, int offset) {
        List<String> lines = new ArrayList<>();
        String first = null;
        for (Diag d : shell.diagnostics(snippet).collect(Collectors.toList())) {
            if (!d.isError()) {
                continue;
            }
            String message = d.getMessage(Locale.ROOT).replaceAll("\n\\s*location: class\\s*$", "");
            if (first == null) {
                first = message.lines().findFirst().orElse(message);
            }
            int at = offset + (int) Math.max(0, d.getPosition());
            int line = CellSplitter.lineOf(cell, at);
            lines.add("Compile error at line " + line + ": " + message);
            String[] cellLines = cell.split("\n", -1);
            if (line - 1 < cellLines.length) {
                at = Math.min(at, cell.length());
                int lineStart = cell.lastIndexOf('\n', at - 1) + 1;
                lines.add("    " + cellLines[line - 1]);
                lines.add("    " + " ".repeat(Math.max(0, at - lineStart)) + "^");
            }
        }
        if (first == null) {
            first = "the snippet was rejected: " + snippet.source().strip();
            lines.add(first);
        }
        return new ErrorReport("CompilationError", first, lines);
    }

    /** A runtime exception; snippetPlaces maps a snippet id to where its cell and line, for its frames. */
    static ErrorReport runtime(JShell shell, JShellException ex, Map<String, Place> snippetPlaces) {
        if (ex instanceof UnresolvedReferenceException u) {
            Snippet s = u.getSnippet();
            String missing = shell.unresolvedDependencies((jdk.jshell.DeclarationSnippet) s)
                    .collect(Collectors.joining(", "));
            String value = s.source().strip().lines().findFirst().orElse("") + " cannot run until "
                    + missing + " is declared";
            return new ErrorReport("UnresolvedReference", value, List.of("UnresolvedReference: " + value));
        }
        EvalException e = (EvalException) ex;
        List<String> tb = new ArrayList<>();
        String ename = e.getExceptionClassName();
        String evalue = e.getMessage() == null ? "" : e.getMessage();
        for (EvalException cur = e; cur != null; cur = cur.getCause() instanceof EvalException c ? c : null) {
            String head = cur.getExceptionClassName() + (cur.getMessage() == null ? "" : ": " + cur.getMessage());
            tb.add(cur == e ? head : "Caused by: " + head);
            tb.addAll(userFrames(cur.getStackTrace(), snippetPlaces));
        }
        return new ErrorReport(ename, evalue, tb);
    }

    /** The frames down to the last one in a snippet; deeper frames are the kernel's machinery. */
    static List<String> userFrames(StackTraceElement[] frames, Map<String, Place> snippetPlaces) {
        int last = -1;
        for (int i = 0; i < frames.length; i++) {
            if (isSnippet(frames[i])) {
                last = i;
            }
        }
        List<String> out = new ArrayList<>();
        int end = last >= 0 ? last : Math.min(frames.length - 1, 20);
        String previous = null;
        int repeats = 0;
        for (int i = 0; i <= end; i++) {
            String line = "\tat " + frame(frames[i], snippetPlaces);
            if (line.equals(previous)) {
                repeats++;
                continue;
            }
            if (repeats > 0) {
                out.add("\t... the frame above " + repeats + " more times");
            }
            repeats = 0;
            out.add(line);
            previous = line;
        }
        if (repeats > 0) {
            out.add("\t... the frame above " + repeats + " more times");
        }
        return out;
    }

    private static boolean isSnippet(StackTraceElement f) {
        return f.getFileName() != null && f.getFileName().startsWith("#");
    }

    /** Where a snippet came from: its cell's execution number and the cell line it starts on. */
    record Place(int cell, int line) {
    }

    /**
     * A snippet frame as the user wrote it: "cell 7, line 3" for the cell's own statements,
     * "thrower (cell 7, line 3)" inside a method the cells declared. The line is the cell's: the
     * snippet's first line plus the frame's line within the snippet.
     */
    static String frame(StackTraceElement f, Map<String, Place> snippetPlaces) {
        if (!isSnippet(f)) {
            return f.toString();
        }
        String cls = f.getClassName().replaceFirst("^REPL\\.\\$JShell\\$\\d+[A-Z]?\\$?", "");
        String method = f.getMethodName();
        // JShell wraps a cell's statements in do_it$ (and a variable's initializer in a static
        // initializer); neither is a name the user wrote.
        boolean topLevel = method.isEmpty() || method.startsWith("do_it$") || method.equals("<clinit>");
        String name = method.startsWith("lambda$") ? "a lambda"
                : method.equals("<init>") ? "new " + cls
                : method.equals("<clinit>") ? cls + " static initializer"
                : cls.isEmpty() ? method : cls + "." + method;
        Place place = snippetPlaces.get(f.getFileName().substring(1));
        String where;
        if (place == null) {
            where = "snippet " + f.getFileName() + (f.getLineNumber() > 0 ? ", line " + f.getLineNumber() : "");
        } else {
            where = "cell " + place.cell() + ", line " + (place.line() + Math.max(1, f.getLineNumber()) - 1);
        }
        return topLevel && cls.isEmpty() ? where : name + " (" + where + ")";
    }

    static ErrorReport interrupted(String why) {
        return new ErrorReport("Interrupted", why, List.of("Interrupted: " + why));
    }

    static ErrorReport jvmExited() {
        String value = "the cells' JVM exited (System.exit or a crash); MapLab started a new one. Variables are gone; imports,"
                + " methods and classes were declared again.";
        return new ErrorReport("KernelRestarted", value, List.of("KernelRestarted: " + value));
    }
}
