package maplab.race;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The map contents a scenario can end with when its statements do not race: every order of whole
 * statements that keeps each goroutine's program order and that the synchronisation allows. A
 * final state that is none of these lost an update (or resurrected a deleted key).
 */
final class SequentialOutcomes {

    /** Orders beyond this are not enumerated; the lost-update check is then skipped. */
    static final int MAX_ORDERS = 200_000;

    private final Scenario scenario;
    private final Set<Map<Object, Object>> contents = new HashSet<>();
    private int orders;
    private boolean complete = true;

    private SequentialOutcomes(Scenario scenario) {
        this.scenario = scenario;
    }

    static SequentialOutcomes of(Scenario scenario) {
        SequentialOutcomes s = new SequentialOutcomes(scenario);
        s.extend(new ArrayList<>());
        return s;
    }

    /** Whether every order was enumerated. */
    boolean complete() {
        return complete;
    }

    /** Whether {@code observed} (canonical keys to canonical elems) is a possible final content. */
    boolean possible(Map<Object, Object> observed) {
        return !complete || contents.contains(observed);
    }

    private void extend(List<Integer> order) {
        if (orders >= MAX_ORDERS) {
            complete = false;
            return;
        }
        List<List<Op>> gs = scenario.goroutines();
        int[] pc = new int[gs.size()];
        SyncState sync = new SyncState(scenario);
        Map<Object, Object> m = new HashMap<>();
        scenario.initial().forEach((k, v) -> m.put(CanonicalValues.canonical(k), CanonicalValues.canonical(v)));
        for (int g : order) {
            apply(gs.get(g).get(pc[g]++), g, sync, m);
        }
        Object[] pending = new Object[gs.size()];
        boolean more = false;
        for (int g = 0; g < gs.size(); g++) {
            pending[g] = pc[g] < gs.get(g).size() ? gs.get(g).get(pc[g]) : null;
            more |= pending[g] != null;
        }
        if (!more) {
            orders++;
            contents.add(m);
            return;
        }
        for (int g = 0; g < gs.size(); g++) {
            if (pending[g] != null && sync.canProceed((Op) pending[g], pending)) {
                order.add(g);
                extend(order);
                order.remove(order.size() - 1);
            }
        }
        // A blocked order (deadlock) contributes no final content.
    }

    private static void apply(Op op, int g, SyncState sync, Map<Object, Object> m) {
        if (op instanceof Op.Set s) {
            m.put(CanonicalValues.canonical(s.key()), CanonicalValues.canonical(s.elem()));
        } else if (op instanceof Op.Delete d) {
            m.remove(CanonicalValues.canonical(d.key()));
        } else if (op instanceof Op.Clear) {
            m.clear();
        } else if (!op.onMap()) {
            sync.perform(g, op);
        }
    }
}
