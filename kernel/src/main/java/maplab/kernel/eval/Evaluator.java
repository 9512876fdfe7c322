package maplab.kernel.eval;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import jdk.jshell.DeclarationSnippet;
import jdk.jshell.Diag;
import jdk.jshell.ExpressionSnippet;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.VarSnippet;
import maplab.kernel.agent.CellValue;

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
    /** How often a stop is raised again while the stopped cell has not ended. */
    private static final long RESTOP_MS = 250;
    /** How long a cell may go on after its second interrupt before its JVM is ended. */
    static final long ESCALATION_GRACE_MS = 2_000;
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
    /** Snippet id to its place in the cells, to name snippets in stack traces. */
    private final Map<String, Errors.Place> snippetPlaces = new HashMap<>();
    private volatile int cellNumber;
    /** The last snippet event of the running cell that may carry its value. */
    private SnippetEvent lastEvent;
    /** Whether lastEvent is a LastExpression declaration, whose value comes from CellValue. */
    private boolean lastWrapped;
    /** LastExpression declarations so far: each has a variable of its own (see runLast). */
    private long wrappedCount;
    /** The last LastExpression declaration of this session (null after a restart). */
    private Snippet declared;
    /** Interrupts of the running cell so far; from the second on, escalate() is scheduled. */
    private final AtomicInteger stops = new AtomicInteger();
    /** The repeated stop of the running cell, once stopped. */
    private volatile ScheduledFuture<?> restops;
    /** Set when the running cell ignored interrupts and its JVM was ended for it. */
    private volatile boolean escalated;

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
        CompilerWarmup.stop();
        CellResult restarted = reviveIfDead();
        if (restarted != null) {
            sink.stderr("[maplab] " + restarted.error().evalue() + "\n");
        }
        cellNumber++;
        stopReason.set(null);
        stops.set(0);
        escalated = false;
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
            ScheduledFuture<?> again = restops;
            if (again != null) {
                again.cancel(false);
                restops = null;
            }
        }
    }

    private CellResult run(String cell) {
        Session s = session;
        List<CellSplitter.Piece> pieces = CellSplitter.split(s.shell.sourceCodeAnalysis(), cell,
                () -> stopReason.get() != null);
        if (stopReason.get() != null) {
            return CellResult.failure(Errors.interrupted(stopReason.get()));
        }
        CellSplitter.Lines lines = new CellSplitter.Lines(cell);
        lastEvent = null;
        lastWrapped = false;
        List<StatementBatches.Unit> units = StatementBatches.group(pieces, cell);
        for (int k = 0; k < units.size(); k++) {
            StatementBatches.Unit unit = units.get(k);
            CellResult failed = k == units.size() - 1 && !unit.block()
                    ? runLast(s, unit, cell, lines) : runUnit(s, unit, cell, lines);
            if (failed != null) {
                return failed;
            }
        }
        SnippetEvent last = lastEvent;
        lastEvent = null;
        return CellResult.success(last == null ? null : value(s, last, lastWrapped));
    }

    /**
     * The cell's last snippet, as its LastExpression declaration when it parses as one expression
     * and the declaration compiles; otherwise (a declaration, a statement, a compile error) as
     * JShell takes it, so that what JShell says about it is unchanged. Each declaration names a
     * new variable and drops the one before: redeclaring the same one made JShell redefine its
     * loaded class in the cells' JVM (through JDI, at a safepoint) in every cell, where a new
     * variable's class is only loaded. One stays active, for later snippets to import.
     */
    private CellResult runLast(Session s, StatementBatches.Unit unit, String cell, CellSplitter.Lines lines) {
        String declaration = LastExpression.declaration(unit.source(), LastExpression.VARIABLE + (++wrappedCount));
        if (declaration == null || LongStrings.find(unit.source().stripLeading()).isPresent()) {
            return runUnit(s, unit, cell, lines);
        }
        List<SnippetEvent> events = eval(s, declaration);
        CellResult ended = stoppedOrDead(s);
        if (ended != null) {
            return ended;
        }
        SnippetEvent e = events.stream().filter(x -> x.causeSnippet() == null).findFirst().orElse(null);
        if (e == null || e.status() != Snippet.Status.VALID) {
            if (e != null && e.status().isActive()) {
                s.shell.drop(e.snippet());
            }
            return runUnit(s, unit, cell, lines);
        }
        snippetPlaces.put(e.snippet().id(), new Errors.Place(cellNumber, lines.of(unit.offset())));
        if (declared != null && s.shell.status(declared).isActive()) {
            s.shell.drop(declared);
        }
        declared = e.snippet();
        if (e.exception() != null) {
            return CellResult.failure(Errors.runtime(s.shell, e.exception(), snippetPlaces));
        }
        lastEvent = e;
        lastWrapped = true;
        return null;
    }

    /**
     * Evaluates one snippet or block; returns the cell's failure, or null to go on. A block that
     * JShell does not take whole is dropped and its statements run one by one (see
     * StatementBatches), so that the error, if any, is the one its own statement gives.
     */
    private CellResult runUnit(Session s, StatementBatches.Unit unit, String cell, CellSplitter.Lines lines) {
        if (!unit.block()) {
            String source = unit.source().stripLeading();
            OptionalInt at = LongStrings.find(source);
            if (at.isPresent()) {
                return CellResult.failure(Errors.compile(cell, unit.offset() + at.getAsInt(), LongStrings.MESSAGE));
            }
        }
        List<SnippetEvent> events = eval(s, unit.source());
        CellResult ended = stoppedOrDead(s);
        if (ended != null) {
            return ended;
        }
        if (unit.block() && !events.stream().allMatch(e -> e.causeSnippet() != null || e.status() == Snippet.Status.VALID)) {
            for (SnippetEvent e : events) {
                if (e.causeSnippet() == null && e.status().isActive()) {
                    s.shell.drop(e.snippet());
                }
            }
            for (CellSplitter.Piece p : unit.members()) {
                CellResult failed = runUnit(s, new StatementBatches.Unit(p.source(), p.offset(), List.of(p)), cell, lines);
                if (failed != null) {
                    return failed;
                }
            }
            return null;
        }
        int firstLine = lines.of(unit.block() ? unit.offset() + 1 : unit.offset());
        for (SnippetEvent e : events) {
            if (e.causeSnippet() != null) {
                continue;
            }
            Snippet snippet = e.snippet();
            snippetPlaces.put(snippet.id(), new Errors.Place(cellNumber, firstLine));
            if (e.status() == Snippet.Status.REJECTED) {
                return CellResult.failure(Errors.compile(s.shell, snippet, cell, unit.offset()));
            }
            if (unloadable(s.shell, e)) {
                // Left in the session, a snippet javac cannot write a class for (a string constant
                // over 64 KB, a method over 64 KB of bytecode) breaks every later snippet.
                s.shell.drop(snippet);
                ErrorReport error = Errors.compile(s.shell, snippet, cell, unit.offset());
                boolean poisoned = s.shell.diagnostics(snippet).anyMatch(d -> d.getCode().startsWith("compiler.err.limit.string"));
                return CellResult.failure(poisoned ? restart(Errors.compilerRestarted(error)) : error);
            }
            if (e.exception() != null) {
                return CellResult.failure(Errors.runtime(s.shell, e.exception(), snippetPlaces));
            }
            if (REDECLARED.contains(snippet.kind())) {
                declarations.add(snippet.source());
            }
            lastEvent = e;
            lastWrapped = false;
        }
        return null;
    }

    /**
     * JShell's events for source; none when the JShell closed under the cell because its JVM is
     * gone, which the caller's stoppedOrDead then reports.
     */
    private static List<SnippetEvent> eval(Session s, String source) {
        try {
            return s.shell.eval(source);
        } catch (IllegalStateException closed) {
            return List.of();
        }
    }

    /**
     * A snippet JShell kept as "recoverable" though nothing it depends on is missing: javac
     * failed on it for another reason, a class-file limit (constant string too long, code too
     * large). JShell reports no error for it and keeps it, and it never runs.
     */
    private static boolean unloadable(JShell shell, SnippetEvent e) {
        Snippet.Status st = e.status();
        if (st != Snippet.Status.RECOVERABLE_DEFINED && st != Snippet.Status.RECOVERABLE_NOT_DEFINED) {
            return false;
        }
        if (e.snippet() instanceof DeclarationSnippet d && shell.unresolvedDependencies(d).findAny().isPresent()) {
            return false;
        }
        return shell.diagnostics(e.snippet()).anyMatch(Diag::isError);
    }

    /** The cell's end when it was stopped or its JVM died during the last snippet, else null. */
    private CellResult stoppedOrDead(Session s) {
        if (escalated) {
            // Its process was destroyed; restart() closes what is left of the session either way.
            return CellResult.failure(restart(Errors.stopIgnored()));
        }
        if (stopReason.get() != null) {
            return CellResult.failure(Errors.interrupted(stopReason.get()));
        }
        if (s.dead()) {
            return CellResult.failure(restart(Errors.jvmExited()));
        }
        return null;
    }

    /**
     * The last expression's bundle: rendered in the cells' JVM unless its text says it all. A
     * LastExpression declaration's value is its kind (CellValue) followed by JShell's text.
     */
    private DisplayOutput value(Session s, SnippetEvent e, boolean wrapped) {
        String text = e.value();
        boolean plain;
        if (wrapped) {
            if (text == null || text.isEmpty() || text.charAt(0) == CellValue.NONE) {
                return null;
            }
            plain = text.charAt(0) == CellValue.PLAIN;
            text = text.substring(1);
        } else {
            String type;
            if (e.snippet() instanceof VarSnippet v && v.subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND) {
                type = v.typeName();
            } else if (e.snippet() instanceof ExpressionSnippet x) {
                type = x.typeName();
            } else {
                return null;
            }
            if (text == null) {
                return null;
            }
            plain = PLAIN_TYPES.contains(type);
        }
        if (!plain) {
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
        data.addProperty("text/plain", text);
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
        int cell = cellNumber;
        int n = stops.incrementAndGet();
        if (n == 1) {
            // A stop finds no thread to stop while the cell's snippet is still being compiled (a
            // time limit under load): it is raised again until the cell ends.
            restops = timer.scheduleWithFixedDelay(() -> restop(cell), RESTOP_MS, RESTOP_MS, TimeUnit.MILLISECONDS);
        } else if (n == 2) {
            timer.schedule(() -> escalate(cell), ESCALATION_GRACE_MS, TimeUnit.MILLISECONDS);
        }
    }

    private void restop(int cell) {
        if (!running || cellNumber != cell) {
            throw new CancellationException("the stopped cell has ended"); // ends the repetition
        }
        try {
            session.shell.stop();
        } catch (RuntimeException e) {
            // The JVM is going (escalation, System.exit): the eval returns on its own.
        }
    }

    /**
     * Ends the cells' JVM when the cell that was interrupted twice still runs: it catches the
     * interrupt's Error (catch Throwable in a loop). The running eval then sees its JVM gone and
     * restarts it as after System.exit, saying why.
     */
    private void escalate(int cell) {
        if (!running || cellNumber != cell) {
            return;
        }
        escalated = true;
        sink.stderr("[maplab] the cell ignored two interrupts: ending the cells' JVM\n");
        session.control.kill();
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
        return s.dead() ? CellResult.failure(restart(Errors.jvmExited())) : null;
    }

    /** Starts a new cells' JVM and JShell, declares the kept definitions again; returns why. */
    private ErrorReport restart(ErrorReport why) {
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
        declared = null; // a snippet of the JShell just closed
        session = fresh;
        return why;
    }

    @Override
    public void close() {
        timer.shutdownNow();
        session.close();
    }
}
