package maplab.race;

/** Replays one recorded schedule: the goroutine chosen at each point. */
final class FixedSchedule implements Strategy {

    private final int[] choices;

    FixedSchedule(int[] choices) {
        this.choices = choices.clone();
    }

    @Override
    public int choose(int point, int current, long enabled) {
        if (point >= choices.length) {
            throw new IllegalArgumentException("the schedule has " + choices.length
                    + " choices, but the execution reached point " + point + ": it belongs to another scenario");
        }
        int g = choices[point];
        if ((enabled & (1L << g)) == 0) {
            throw new IllegalArgumentException("the schedule runs G" + (g + 1) + " at point " + point
                    + ", where it cannot run: it belongs to another scenario");
        }
        return g;
    }

    @Override
    public boolean advance() {
        return false;
    }
}
