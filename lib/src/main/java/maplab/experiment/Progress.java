package maplab.experiment;

/**
 * Progress lines on System.out for long runs, e.g. {@code slot reuse: 4000/10000 trials}. Nothing
 * is printed during the first two seconds, then at most one line every two seconds, and a final
 * line if anything was printed; a short run stays silent.
 */
final class Progress {

    private static final long INTERVAL_NANOS = 2_000_000_000L;

    private final String label;
    private final long total;
    private final String unit;
    private long last = System.nanoTime();
    private boolean printed;

    Progress(String label, long total, String unit) {
        this.label = label;
        this.total = total;
        this.unit = unit;
    }

    /** Reports that {@code done} of the total units are finished. */
    void at(long done) {
        long now = System.nanoTime();
        if (now - last >= INTERVAL_NANOS) {
            last = now;
            printed = true;
            System.out.println(label + ": " + done + "/" + total + " " + unit);
            System.out.flush();
        }
    }

    /** The end of the run. */
    void done() {
        if (printed) {
            System.out.println(label + ": " + total + "/" + total + " " + unit + ", done");
            System.out.flush();
        }
    }
}
