package maplab.race;

import java.util.HashMap;
import java.util.Map;

/**
 * The state of a scenario's mutexes, channels and WaitGroups during one execution, which says
 * whether a goroutine's next synchronisation statement can proceed. Channels carry struct{}: only
 * how many values are buffered matters. An unbuffered send can proceed once a receiver waits,
 * and hands its value over as a buffer of one.
 */
final class SyncState {

    private final Scenario scenario;
    private final Map<String, Integer> holder = new HashMap<>();
    private final Map<String, Integer> buffered = new HashMap<>();
    private final Map<String, Integer> counter = new HashMap<>();

    SyncState(Scenario scenario) {
        this.scenario = scenario;
        scenario.mutexes().forEach(mu -> holder.put(mu, -1));
        scenario.channels().keySet().forEach(c -> buffered.put(c, 0));
        counter.putAll(scenario.waitGroups());
    }

    /** Whether goroutine g's statement can proceed now; {@code pending} holds every goroutine's next statement. */
    boolean canProceed(Op op, Object[] pending) {
        if (op instanceof Op.Lock l) {
            return holder.get(l.mutex()) < 0;
        }
        if (op instanceof Op.Send s) {
            int cap = scenario.channels().get(s.channel());
            int buf = buffered.get(s.channel());
            return cap > 0 ? buf < cap : buf == 0 && receiverWaits(s.channel(), pending);
        }
        if (op instanceof Op.Recv r) {
            return buffered.get(r.channel()) > 0;
        }
        if (op instanceof Op.Wait w) {
            return counter.get(w.waitGroup()) == 0;
        }
        return true; // Unlock and Done never block
    }

    /**
     * Carries out the statement; returns the outcome if Go would die of it
     * ({@code fatal: sync: unlock of unlocked mutex}, {@code panic: sync: negative WaitGroup
     * counter}), else null.
     */
    String perform(int g, Op op) {
        if (op instanceof Op.Lock l) {
            holder.put(l.mutex(), g);
        } else if (op instanceof Op.Unlock u) {
            if (holder.get(u.mutex()) < 0) {
                return "fatal: sync: unlock of unlocked mutex";
            }
            holder.put(u.mutex(), -1);
        } else if (op instanceof Op.Send s) {
            buffered.merge(s.channel(), 1, Integer::sum);
        } else if (op instanceof Op.Recv r) {
            buffered.merge(r.channel(), -1, Integer::sum);
        } else if (op instanceof Op.Done d) {
            int left = counter.merge(d.waitGroup(), -1, Integer::sum);
            if (left < 0) {
                return "panic: sync: negative WaitGroup counter";
            }
        }
        return null;
    }

    private static boolean receiverWaits(String channel, Object[] pending) {
        for (Object p : pending) {
            if (p instanceof Op.Recv r && r.channel().equals(channel)) {
                return true;
            }
        }
        return false;
    }
}
