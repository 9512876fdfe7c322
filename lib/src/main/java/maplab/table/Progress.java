package maplab.table;

/**
 * Progress lines on System.out for long runs, e.g. {@code slot reuse: 4000/10000 trials}. Nothing
 * is printed during the first two seconds, then at most one line every two seconds, and a final
 * line if anything was printed; a short run stays silent. A total below 0 means "not known in
 * advance" (an exhaustive search): the lines then give the count and the rate.
 */
public final class Progress {

    private static final long INTERVAL_NANOS = 2_000_000_000L;

    private final String label;
    private final long total;
    private final String unit;
    private long last = System.nanoTime();
    private boolean printed;

    private final long start = System.nanoTime();

    public Progress(String label, long total, String unit) {
        this.label = label;
        this.total = total;
        this.unit = unit;
    }

    /** Reports that {@code done} of the total units are finished. */
    public void at(long done) {
        long now = System.nanoTime();
        if (now - last >= INTERVAL_NANOS) {
            last = now;
            printed = true;
            System.out.println(label + ": " + count(done) + " " + unit);
            System.out.flush();
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
            System.out.println(label + ": " + count(done) + " " + unit + ", done");
            System.out.flush();
        }
    }
}
