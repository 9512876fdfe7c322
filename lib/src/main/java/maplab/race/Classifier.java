package maplab.race;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import maplab.engine.GoFatalError;
import maplab.engine.GoMap;

/**
 * What an execution that did not die left behind, by the same rule the oracle applies to the
 * real runtime's map (oracle/races.go), so the two can be compared class by class. Every kind
 * that applies is named, in this order, joined by " + "; none is "clean":
 * <ul>
 *   <li>foreign key: a key in a live slot that neither the initial map nor any goroutine wrote.
 *       Only a runtime that reads memory of another kind as a map's puts one there, so the model,
 *       which stops such a read with a "crash: ... undefined" outcome, never has one; the real
 *       runtime does (see {@link RaceCheckMain});</li>
 *   <li>duplicate key: a key in more than one live slot ({@link maplab.engine.MapState#liveSlotKeys()}:
 *       classic, tophash of 5 or more in the current chains and old buckets not yet evacuated;
 *       Swiss, a full control byte);</li>
 *   <li>unreachable key: a key in a live slot that a lookup does not find;</li>
 *   <li>lost update: the contents seen through lookups of every key the scenario uses are those
 *       of no sequential order of its statements;</li>
 *   <li>count mismatch: len(m) differs from the number of live slots.</li>
 * </ul>
 * The lookups run as the main goroutine's after the goroutines ended; if hashWriting is left set
 * they die as in Go, with {@code concurrent map read and map write}.
 */
final class Classifier {

    static final String CLEAN = "clean";

    private final Scenario scenario;
    private final SequentialOutcomes sequential;
    private final List<Object> keys;
    /** The keys the initial map or a goroutine's insert wrote (canonical). */
    private final Set<Object> written = new HashSet<>();

    Classifier(Scenario scenario, SequentialOutcomes sequential) {
        this.scenario = scenario;
        this.sequential = sequential;
        Set<Object> ks = new LinkedHashSet<>(scenario.initial().keySet());
        for (Object k : ks) {
            written.add(CanonicalValues.canonical(k));
        }
        for (List<Op> g : scenario.goroutines()) {
            for (Op op : g) {
                if (op instanceof Op.Set s) {
                    ks.add(s.key());
                    written.add(CanonicalValues.canonical(s.key()));
                } else if (op instanceof Op.Get gt) {
                    ks.add(gt.key());
                } else if (op instanceof Op.Delete d) {
                    ks.add(d.key());
                }
            }
        }
        this.keys = new ArrayList<>(ks);
    }

    /** Steps of main's lookups after which they count as never ending (a probe with no empty group to stop it). */
    static final int LOOKUP_STEPS = 100_000;

    /** Thrown from the step hook when main's lookups take more than {@link #LOOKUP_STEPS} steps. */
    private static final class Endless extends Error {
        private static final long serialVersionUID = 1L;

        Endless() {
            super("main's lookups do not end", null, false, false);
        }
    }

    /**
     * The outcome and its detail: {@code {outcome, detail}}. Main's lookups run with a step
     * counter: a racy insert can leave a Swiss table with no empty slot in any group, and a probe
     * for a missing key then never ends, in Go as in the model; that run is a "hang".
     */
    String[] classify(GoMap m) {
        int[] steps = {0};
        m.stepHook((memory, field, slot, write) -> {
            if (++steps[0] > LOOKUP_STEPS) {
                throw new Endless();
            }
        });
        try {
            return classifyCounted(m);
        } catch (Endless e) {
            return new String[] {"hang", "main, looking the keys up after the goroutines ended: no end after "
                    + LOOKUP_STEPS + " steps"};
        } finally {
            m.stepHook(null);
        }
    }

    private String[] classifyCounted(GoMap m) {
        List<Object> liveKeys = m.snapshot().liveSlotKeys();
        List<String> kinds = new ArrayList<>();
        List<String> details = new ArrayList<>();
        try {
            List<Object> foreign = new ArrayList<>();
            for (Object k : liveKeys) {
                if (!written.contains(CanonicalValues.canonical(k))) {
                    foreign.add(k);
                }
            }
            if (!foreign.isEmpty()) {
                kinds.add("foreign key");
                details.add("live keys nobody wrote: " + foreign);
            }
            Set<Object> seen = new HashSet<>();
            Set<Object> duplicates = new LinkedHashSet<>();
            for (Object k : liveKeys) {
                if (!seen.add(CanonicalValues.canonical(k))) {
                    duplicates.add(k);
                }
            }
            if (!duplicates.isEmpty()) {
                kinds.add("duplicate key");
                details.add("keys in two live slots: " + duplicates);
            }
            List<Object> unreachable = new ArrayList<>();
            for (Object k : liveKeys) {
                if (!m.contains(k)) {
                    unreachable.add(k);
                }
            }
            if (!unreachable.isEmpty()) {
                kinds.add("unreachable key");
                details.add("live but not found: " + unreachable);
            }
            Map<Object, Object> observed = new HashMap<>();
            for (Object k : keys) {
                Object v = m.get(k);
                if (v != null) {
                    observed.put(CanonicalValues.canonical(k), CanonicalValues.canonical(v));
                }
            }
            if (!sequential.possible(observed)) {
                kinds.add("lost update");
                details.add("lookups give " + observed + ", no sequential order does");
            }
        } catch (GoFatalError e) {
            return new String[] {"fatal: " + e.runtimeMessage(), "main, looking the keys up after the goroutines ended"};
        }
        if (m.len() != liveKeys.size()) {
            kinds.add("count mismatch");
            details.add("len " + m.len() + ", live slots " + liveKeys.size());
        }
        if (kinds.isEmpty()) {
            return new String[] {CLEAN, "len " + m.len()};
        }
        return new String[] {String.join(" + ", kinds), String.join("; ", details)};
    }
}
