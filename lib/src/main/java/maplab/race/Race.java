package maplab.race;

/**
 * A data race as {@code go run -race} reports it: two accesses to the map by different
 * goroutines, at least one a write, with no happens-before order between them. The runtime's map
 * functions tell the detector that they read (racereadpc) or write (racewritepc) the whole map
 * at their start, so the report names the two functions.
 */
public record Race(int goroutine, String function, boolean write,
                   int previousGoroutine, String previousFunction, boolean previousWrite) {

    /** The report's two headlines, e.g. "Write by G2 (mapassign_fast64); previous read by G1 (mapaccess1_fast64)". */
    public String describe() {
        return (write ? "Write" : "Read") + " by G" + (goroutine + 1) + " (" + function + "); previous "
                + (previousWrite ? "write" : "read") + " by G" + (previousGoroutine + 1) + " (" + previousFunction + ")";
    }

    /**
     * The racing pair whichever access came first, lower goroutine first, e.g.
     * "G1 mapassign_fast64 (write) / G2 mapaccess1_fast64 (read)": which of the two the detector
     * sees second depends on the schedule, the pair does not.
     */
    public String pair() {
        String a = "G" + (goroutine + 1) + " " + function + (write ? " (write)" : " (read)");
        String b = "G" + (previousGoroutine + 1) + " " + previousFunction + (previousWrite ? " (write)" : " (read)");
        return goroutine < previousGoroutine ? a + " / " + b : b + " / " + a;
    }

    @Override
    public String toString() {
        return describe();
    }
}
