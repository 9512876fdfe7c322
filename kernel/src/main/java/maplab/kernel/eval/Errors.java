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
import maplab.kernel.agent.CellValue;

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
            lines.addAll(compileLines(cell, offset + (int) Math.max(0, d.getPosition()), message));
        }
        if (first == null) {
            first = "the snippet was rejected: " + snippet.source().strip();
            lines.add(first);
        }
        return new ErrorReport("CompilationError", first, lines);
    }

    /** A compile error found before JShell saw the code, at offset at of the cell. */
    static ErrorReport compile(String cell, int at, String message) {
        return new ErrorReport("CompilationError", message, compileLines(cell, at, message));
    }

    /** "Compile error at line n: message", the cell's line and a caret under offset at. */
    private static List<String> compileLines(String cell, int at, String message) {
        List<String> lines = new ArrayList<>();
        int line = CellSplitter.lineOf(cell, at);
        lines.add("Compile error at line " + line + ": " + message);
        at = Math.min(at, cell.length());
        int lineStart = cell.lastIndexOf('\n', at - 1) + 1;
        int lineEnd = cell.indexOf('\n', lineStart);
        String text = cell.substring(lineStart, lineEnd < 0 ? cell.length() : lineEnd);
        // A line of 60,000 chars (a long literal) is shown cut, with the caret still under the code.
        int from = Math.max(0, at - lineStart - 60);
        int to = Math.min(text.length(), from + 160);
        lines.add("    " + (from > 0 ? "..." : "") + text.substring(from, to) + (to < text.length() ? "..." : ""));
        lines.add("    " + " ".repeat(Math.max(0, at - lineStart - from + (from > 0 ? 3 : 0))) + "^");
        return lines;
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
            if (wrapperFrame(frames, i)) {
                continue;
            }
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

    /**
     * A frame of the kernel's form of a last expression (see LastExpression): CellValue's own, and
     * the lambda right above one, which holds the expression but is not a lambda the user wrote.
     * Its frames are the user's as they would be without the form.
     */
    private static boolean wrapperFrame(StackTraceElement[] frames, int i) {
        if (isCellValue(frames[i])) {
            return true;
        }
        return i + 1 < frames.length && isCellValue(frames[i + 1]) && isSnippet(frames[i])
                && frames[i].getMethodName().startsWith("lambda$");
    }

    private static boolean isCellValue(StackTraceElement f) {
        return f.getClassName().equals(CellValue.class.getName());
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

    static ErrorReport stopIgnored() {
        String value = "the cell went on after two interrupts (it catches the interrupt's Error); MapLab ended the cells'"
                + " JVM and started a new one. Variables are gone; imports, methods and classes were declared again.";
        return new ErrorReport("KernelRestarted", value, List.of("KernelRestarted: " + value));
    }

    /** A compile error that broke JShell's javac for good: the session was started again. */
    static ErrorReport compilerRestarted(ErrorReport compile) {
        List<String> lines = new ArrayList<>(compile.traceback());
        lines.add("KernelRestarted: javac keeps such a constant in its constant pool and fails on every later"
                + " snippet, so MapLab started a new cells' JVM. Variables are gone; imports, methods and classes were"
                + " declared again.");
        return new ErrorReport(compile.ename(), compile.evalue(), lines);
    }

    static ErrorReport jvmExited() {
        String value = "the cells' JVM exited (System.exit or a crash); MapLab started a new one. Variables are gone; imports,"
                + " methods and classes were declared again.";
        return new ErrorReport("KernelRestarted", value, List.of("KernelRestarted: " + value));
    }
}
