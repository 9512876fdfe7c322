package maplab.kernel.eval;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import jdk.jshell.ExpressionSnippet;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.VarSnippet;

/**
 * Runs notebook cells in JShell, knowing nothing of Jupyter's messages. One thread calls
 * {@link #execute} at a time; {@link #interrupt} may come from any thread while a cell runs.
 *
 * <p>Invariants: an error in a cell never loses the session's state; if the cells' JVM dies
 * (System.exit), the next call starts a new one, declares the cell definitions again, and says so.
 */
public final class Evaluator implements CellRunner, AutoCloseable {

    private static final Set<String> PLAIN_TYPES = Set.of("int", "long", "short", "byte", "char", "boolean",
            "float", "double", "String", "java.lang.String", "Integer", "Long", "Double", "Boolean");
    private static final Set<Snippet.Kind> REDECLARED = Set.of(Snippet.Kind.IMPORT, Snippet.Kind.METHOD,
            Snippet.Kind.TYPE_DECL);

    private final EvaluatorConfig config;
    private final OutputSink sink;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "maplab-cell-timer");
        t.setDaemon(true);
        return t;
    });
    private volatile Session session;
    /** Why the running cell was stopped (interrupt, time limit), or null. */
    private final AtomicReference<String> stopReason = new AtomicReference<>();
    private volatile boolean running;
    /** Imports, methods and types that compiled, in order: declared again in a new session. */
    private final List<String> declarations = new ArrayList<>();
    private final List<String> classpath = new ArrayList<>();
    /** Snippet id to its cell and first line, to name snippets in stack traces. */
    private final Map<String, Errors.Place> snippetPlaces = new HashMap<>();
    private int cellNumber;

    private Evaluator(EvaluatorConfig config, OutputSink sink) {
        this.config = config;
        this.sink = sink;
        this.session = Session.start(config, sink);
    }

    public static Evaluator start(EvaluatorConfig config, OutputSink sink) {
        return new Evaluator(config, sink);
    }

    public CellResult execute(String cell) {
        return execute(cell, null);
    }

    /** Runs a cell; a non-null limit stops it after that long, as an interrupt would. */
    @Override
    public CellResult execute(String cell, Duration limit) {
        CellResult restarted = reviveIfDead();
        if (restarted != null) {
            sink.stderr("[maplab] " + restarted.error().evalue() + "\n");
        }
        cellNumber++;
        stopReason.set(null);
        ScheduledFuture<?> deadline = limit == null ? null : timer.schedule(
                () -> stop("the cell ran past its time limit of " + limit.toMillis() + " ms"),
                limit.toMillis(), TimeUnit.MILLISECONDS);
        running = true;
        try {
            return run(cell);
        } finally {
            running = false;
            if (deadline != null) {
                deadline.cancel(false);
            }
        }
    }

    private CellResult run(String cell) {
        Session s = session;
        SnippetEvent last = null;
        for (CellSplitter.Piece piece : CellSplitter.split(s.shell.sourceCodeAnalysis(), cell)) {
            List<SnippetEvent> events = s.shell.eval(piece.source());
            if (stopReason.get() != null) {
                return CellResult.failure(Errors.interrupted(stopReason.get()));
            }
            if (s.dead()) {
                return CellResult.failure(restart());
            }
            for (SnippetEvent e : events) {
                if (e.causeSnippet() != null) {
                    continue;
                }
                Snippet snippet = e.snippet();
                snippetPlaces.put(snippet.id(), new Errors.Place(cellNumber, CellSplitter.lineOf(cell, piece.offset())));
                if (e.status() == Snippet.Status.REJECTED) {
                    return CellResult.failure(Errors.compile(s.shell, snippet, cell, piece.offset()));
                }
                if (e.exception() != null) {
                    return CellResult.failure(Errors.runtime(s.shell, e.exception(), snippetPlaces));
                }
                if (REDECLARED.contains(snippet.kind())) {
                    declarations.add(snippet.source());
                }
                last = e;
            }
        }
        return CellResult.success(last == null ? null : value(s, last));
    }

    /** The last expression's bundle: rendered in the cells' JVM unless its text says it all. */
    private DisplayOutput value(Session s, SnippetEvent e) {
        String type;
        if (e.snippet() instanceof VarSnippet v && v.subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND) {
            type = v.typeName();
        } else if (e.snippet() instanceof ExpressionSnippet x) {
            type = x.typeName();
        } else {
            return null;
        }
        if (e.value() == null) {
            return null;
        }
        if (!PLAIN_TYPES.contains(type)) {
            try {
                String json = s.control.renderLastValue();
                if (json == null) {
                    return null; // a value that asks not to be shown (a display handle)
                }
                JsonObject o = JsonParser.parseString(json).getAsJsonObject();
                return new DisplayOutput("result", null, o.getAsJsonObject("data"), o.getAsJsonObject("metadata"));
            } catch (Exception | StackOverflowError ex) {
                sink.stderr("[maplab] could not render the value (" + ex + "); shown as text\n");
            }
        }
        JsonObject data = new JsonObject();
        data.addProperty("text/plain", e.value());
        return new DisplayOutput("result", null, data, new JsonObject());
    }

    /** Stops the running cell, if any: from the notebook's interrupt or from a signal. */
    public void interrupt() {
        stop("interrupted by the notebook");
    }

    private void stop(String why) {
        if (!running) {
            return;
        }
        stopReason.compareAndSet(null, why);
        try {
            session.shell.stop();
        } catch (RuntimeException e) {
            sink.stderr("[maplab] could not stop the cell: " + e + "\n");
        }
    }

    /** Adds jars or class folders to the cells' class path (and the compiler's). */
    @Override
    public void addToClasspath(String path) {
        reviveIfDead();
        session.shell.addToClasspath(path);
        classpath.add(path);
    }

    public CodeIntel.Completion complete(String cell, int cursor) {
        return CodeIntel.complete(session.shell.sourceCodeAnalysis(), cell, cursor);
    }

    public List<String> inspect(String cell, int cursor) {
        return CodeIntel.documentation(session.shell.sourceCodeAnalysis(), cell, cursor);
    }

    public CodeIntel.Status isComplete(String cell) {
        return CodeIntel.isComplete(session.shell.sourceCodeAnalysis(), cell);
    }

    /** The JShell in use (for tests and history); replaced when the cells' JVM restarts. */
    JShell shell() {
        return session.shell;
    }

    private CellResult reviveIfDead() {
        Session s = session;
        return s.dead() ? CellResult.failure(restart()) : null;
    }

    private ErrorReport restart() {
        session.close();
        Session fresh = Session.start(config, sink);
        for (String path : classpath) {
            fresh.shell.addToClasspath(path);
        }
        List<String> kept = new ArrayList<>();
        for (String source : declarations) {
            List<SnippetEvent> events = fresh.shell.eval(source);
            if (!events.isEmpty() && events.get(0).status() != Snippet.Status.REJECTED) {
                kept.add(source);
            }
        }
        declarations.clear();
        declarations.addAll(kept);
        session = fresh;
        return Errors.jvmExited();
    }

    @Override
    public void close() {
        timer.shutdownNow();
        session.close();
    }
}
