package maplab.race;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Happens-before analysis of one execution with vector clocks, as ThreadSanitizer (behind
 * {@code go run -race}) does: each goroutine's clock advances at its releases (Unlock, send,
 * Done); an acquire (Lock, receive, Wait) joins the clock released to it. A map access races
 * with an earlier access by another goroutine when one of them writes and the earlier one is not
 * covered by the current goroutine's clock. Unlike the runtime's hashWriting check, this does not
 * depend on the two operations overlapping in time. Everything the main goroutine does before
 * starting the goroutines happens before them, so the initial state never races.
 */
final class RaceDetector {

    private record Access(int goroutine, long epoch, String function, boolean write) { }

    private final int n;
    private final long[][] clock;
    private final Map<String, long[]> released = new HashMap<>();
    private final Map<String, ArrayDeque<long[]>> messages = new HashMap<>();
    private final List<Access> accesses = new ArrayList<>();
    private final Set<Race> races = new LinkedHashSet<>();

    RaceDetector(int goroutines) {
        this.n = goroutines;
        this.clock = new long[goroutines][goroutines];
        for (int g = 0; g < goroutines; g++) {
            clock[g][g] = 1;
        }
    }

    /** racereadpc / racewritepc at the start of a map function. */
    void mapAccess(int g, String function, boolean write) {
        for (Access p : accesses) {
            if (p.goroutine != g && (p.write || write) && p.epoch > clock[g][p.goroutine]) {
                races.add(new Race(g, function, write, p.goroutine, p.function, p.write));
            }
        }
        accesses.add(new Access(g, clock[g][g], function, write));
    }

    /** The acquire or release a synchronisation statement performs. */
    void sync(int g, Op op) {
        if (op instanceof Op.Unlock u) {
            release(g, "mutex " + u.mutex());
        } else if (op instanceof Op.Lock l) {
            acquire(g, released.get("mutex " + l.mutex()));
        } else if (op instanceof Op.Done d) {
            long[] c = released.computeIfAbsent("wg " + d.waitGroup(), k -> new long[n]);
            join(c, clock[g]);
            clock[g][g]++;
        } else if (op instanceof Op.Wait w) {
            acquire(g, released.get("wg " + w.waitGroup()));
        } else if (op instanceof Op.Send s) {
            messages.computeIfAbsent(s.channel(), k -> new ArrayDeque<>()).add(clock[g].clone());
            clock[g][g]++;
        } else if (op instanceof Op.Recv r) {
            acquire(g, messages.get(r.channel()).poll());
        } else {
            throw new IllegalArgumentException("not a synchronisation statement: " + op.go());
        }
    }

    /** The distinct races of this execution, in the order they were detected. */
    List<Race> races() {
        return List.copyOf(races);
    }

    private void release(int g, String object) {
        released.put(object, clock[g].clone());
        clock[g][g]++;
    }

    private void acquire(int g, long[] c) {
        if (c != null) {
            join(clock[g], c);
        }
    }

    private static void join(long[] into, long[] c) {
        for (int i = 0; i < into.length; i++) {
            into[i] = Math.max(into[i], c[i]);
        }
    }
}
