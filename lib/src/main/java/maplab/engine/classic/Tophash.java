package maplab.engine.classic;

/** The tophash byte: the reserved states and the runtime's tophash(hash). */
final class Tophash {

    /** This slot and every later slot of the bucket and its overflow chain are empty. */
    static final int EMPTY_REST = 0;
    /** This slot is empty. */
    static final int EMPTY_ONE = 1;
    /** Live key moved to the low half (X) of the new array. */
    static final int EVACUATED_X = 2;
    /** Live key moved to the high half (Y). */
    static final int EVACUATED_Y = 3;
    /** Slot was empty when its bucket was evacuated. */
    static final int EVACUATED_EMPTY = 4;
    /** The smallest tophash of a live key. */
    static final int MIN_TOP_HASH = 5;

    private Tophash() {
    }

    /** tophash(hash): the top byte, bumped by 5 when it would collide with a reserved state. */
    static int of(long hash) {
        int top = (int) (hash >>> 56);
        return top < MIN_TOP_HASH ? top + MIN_TOP_HASH : top;
    }

    /** isEmpty(x): emptyRest or emptyOne. */
    static boolean isEmpty(int x) {
        return x <= EMPTY_ONE;
    }
}
