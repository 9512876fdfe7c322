package maplab.race;

/**
 * Who runs next at a scheduling point: the policy of one exploration. At each point the
 * scheduler passes the goroutines able to run (a bit mask, bit g for goroutine g) and the one
 * that ran the last step if it can go on (-1 if it finished or blocked); choosing another one
 * then is a preemption.
 */
interface Strategy {

    int choose(int point, int current, long enabled);

    /** Prepares the next execution; false when there is none left. */
    boolean advance();
}
