package maplab.table;

/**
 * Progress lines for long runs, e.g. {@code slot reuse: 4000/10000 trials}. Nothing is reported
 * during the first two seconds, then at most one line every two seconds, and a final line if
 * anything was reported; a short run stays silent. A total below 0 means "not known in advance"
 * (an exhaustive search): the lines then give the count and the rate. The lines go to the
 * {@link #sink}: System.out unless a front end (the notebook kernel) shows them its own way.
 */
public final class Progress {

    /** Where progress lines go. */
    public interface Sink {
        /**
         * One line of {@code run}'s progress; {@code finished} on its last one. Called on the
         * thread that runs the work, at most every two seconds per run.
         */
        void report(Progress run, String line, boolean finished);
    }

    /** Prints each line on System.out. */
    public static final Sink PRINT = (run, line, finished) -> {
        System.out.println(line);
        System.out.flush();
    };

    /** Set once by a front end at start-up; volatile, as runs on any thread read it. */
    private static volatile Sink sink = PRINT;

    /** Sends every run's progress lines to {@code s} (the notebook kernel shows one line per run, updated in place). */
    public static void sink(Sink s) {
        if (s == null) {
            throw new IllegalArgumentException("a progress sink is needed; Progress.PRINT prints the lines");
        }
        sink = s;
    }

    private static final long INTERVAL_NANOS = 2_000_000_000L;

    private final long interval;
    private final String label;
    private final long total;
    private final String unit;
    private long last = System.nanoTime();
    private boolean printed;

    private final long start = System.nanoTime();

    public Progress(String label, long total, String unit) {
        this(label, total, unit, INTERVAL_NANOS);
    }

    /** A run that reports at most every {@code intervalNanos} (tests use 0: at every step). */
    Progress(String label, long total, String unit, long intervalNanos) {
        this.interval = intervalNanos;
        this.label = label;
        this.total = total;
        this.unit = unit;
    }

    /** Reports that {@code done} of the total units are finished. */
    public void at(long done) {
        long now = System.nanoTime();
        if (now - last >= interval) {
            last = now;
            printed = true;
            sink.report(this, label + ": " + count(done) + " " + unit, false);
        }
    }

    private String count(long done) {
        if (total >= 0) {
            return done + "/" + total;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return String.format("%,d (%,.0f/s)", done, done / Math.max(seconds, 1e-9));
    }

    /** The end of the run. */
    public void done() {
        done(total);
    }

    /** The end of a run whose total was not known in advance. */
    public void done(long done) {
        if (printed) {
            sink.report(this, label + ": " + count(done) + " " + unit + ", done", true);
        }
    }
}
