package maplab.experiment;

import java.util.ArrayList;
import java.util.List;
import maplab.engine.EngineEvent;
import maplab.engine.classic.MapEvent;
import maplab.engine.swiss.SwissEvent;

/**
 * The events experiments read, in terms both engines share: a new key written into a slot, a
 * key deleted from one, a growth step and the entries it moved. The slot and state names stay
 * each engine's own (classic buckets and tophash states; Swiss groups and control bytes).
 */
final class EngineEvents {

    private EngineEvents() {
    }

    /**
     * A new key went into {@code slot} of {@code group} (a classic bucket or a Swiss group),
     * whose state was {@code previous}: classic emptyOne/emptyRest, Swiss deleted/empty.
     * {@code tombstone}: the slot was a tombstone (classic emptyOne, Swiss deleted).
     */
    record Write(String group, int slot, String previous, boolean tombstone) {
    }

    /** A key was deleted from slot {@code slot} of {@code group}. */
    record Delete(String group, int slot) {
    }

    /** One growth step: its kind and the entries it moved within this operation. */
    record Growth(String kind, int moved) {
    }

    static List<Write> writes(List<EngineEvent> events) {
        List<Write> out = new ArrayList<>();
        for (EngineEvent e : events) {
            if (e instanceof MapEvent.SlotWritten w) {
                out.add(new Write(w.slot().bucket(), w.slot().slot(), w.reusedEmptyOne() ? "emptyOne" : "emptyRest",
                        w.reusedEmptyOne()));
            } else if (e instanceof SwissEvent.SlotWritten w) {
                out.add(new Write(w.slot().group(), w.slot().slot(), w.reusedTombstone() ? "deleted" : "empty",
                        w.reusedTombstone()));
            }
        }
        return out;
    }

    static List<Delete> deletes(List<EngineEvent> events) {
        List<Delete> out = new ArrayList<>();
        for (EngineEvent e : events) {
            if (e instanceof MapEvent.SlotTombstoned d) {
                out.add(new Delete(d.slot().bucket(), d.slot().slot()));
            } else if (e instanceof SwissEvent.SlotDeleted d) {
                out.add(new Delete(d.slot().group(), d.slot().slot()));
            }
        }
        return out;
    }

    /**
     * The growth work of an operation: a classic growth start (doubling or same-size) moves
     * nothing by itself, each evacuated bucket moves its entries; a Swiss small map becoming a
     * table, a table doubling or a split moves every entry of the old group or table at once.
     */
    static List<Growth> growths(List<EngineEvent> events) {
        List<Growth> out = new ArrayList<>();
        for (EngineEvent e : events) {
            if (e instanceof MapEvent.GrowthStarted g) {
                out.add(new Growth(g.sameSize() ? "same-size growth started" : "doubling started", 0));
            } else if (e instanceof MapEvent.BucketEvacuated b) {
                out.add(new Growth("bucket evacuated", b.toX() + b.toY()));
            } else if (e instanceof SwissEvent.GrewToTable g) {
                out.add(new Growth("small map -> table", g.moved()));
            } else if (e instanceof SwissEvent.TableGrown g) {
                out.add(new Growth("table doubled", g.moved()));
            } else if (e instanceof SwissEvent.TableSplit s) {
                out.add(new Growth("table split", s.toLeft() + s.toRight()));
            }
        }
        return out;
    }

    /** Whether an operation started a growth: a classic doubling or same-size growth, any Swiss step. */
    static boolean grew(List<EngineEvent> events) {
        for (Growth g : growths(events)) {
            if (!g.kind().equals("bucket evacuated")) {
                return true;
            }
        }
        return false;
    }
}
