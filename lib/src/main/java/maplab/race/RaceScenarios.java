package maplab.race;

import java.util.ArrayList;
import java.util.List;

/**
 * The scenarios the oracle also runs on the real Go 1.19 runtime (oracle/races.go), under the same
 * names, so the model's outcome classes can be checked against the real runtime's
 * ({@code ./maplab test}, notebook 07). All are {@code map[uint64]uint64}: the compiler's
 * _fast64 functions.
 */
public final class RaceScenarios {

    private RaceScenarios() {
    }

    /** make(map) without a hint: h.buckets is nil until the first insert allocates it. G1 m[1]=1, G2 m[2]=2. */
    public static Scenario twoInsertsEmpty() {
        return Scenario.named("two-inserts-empty").goroutine(g -> g.set(1, 1)).goroutine(g -> g.set(2, 2)).build();
    }

    /** Initial {100}; G1 m[1]=1, G2 m[2]=2. */
    public static Scenario twoInserts() {
        return Scenario.named("two-inserts").initial(100).goroutine(g -> g.set(1, 1)).goroutine(g -> g.set(2, 2))
                .build();
    }

    /** Initial {100}; G1 m[1]=1, G2 reads m[100]. */
    public static Scenario insertAndLookup() {
        return Scenario.named("insert-and-lookup").initial(100).goroutine(g -> g.set(1, 1))
                .goroutine(g -> g.get(100)).build();
    }

    /** Initial {100,101,102}; G1 ranges over the map, G2 m[1]=1. */
    public static Scenario iterateAndInsert() {
        return Scenario.named("iterate-and-insert").initial(100, 101, 102).goroutine(g -> g.range())
                .goroutine(g -> g.set(1, 1)).build();
    }

    /** Initial {100,101}; G1 delete(m, 100), G2 m[1]=1. */
    public static Scenario insertAndDelete() {
        return Scenario.named("insert-and-delete").initial(100, 101).goroutine(g -> g.delete(100))
                .goroutine(g -> g.set(1, 1)).build();
    }

    /** Initial 100..112 (13 keys, B=1: in Go 1.19 the 14th key starts a growth); G1..G3 m[i]=i. */
    public static Scenario threeInsertsGrowth() {
        Scenario.Builder b = Scenario.named("three-inserts-growth");
        for (long k = 100; k <= 112; k++) {
            b.initial(k);
        }
        return b.goroutine(g -> g.set(1, 1)).goroutine(g -> g.set(2, 2)).goroutine(g -> g.set(3, 3)).build();
    }

    /** Initial {100}; G1..G4 m[i]=i. */
    public static Scenario fourInserts() {
        Scenario.Builder b = Scenario.named("four-inserts").initial(100);
        for (long i = 1; i <= 4; i++) {
            long k = i;
            b.goroutine(g -> g.set(k, k));
        }
        return b.build();
    }

    /** Initial {100}; each goroutine inserts under mu: correctly synchronised. */
    public static Scenario mutexInserts() {
        return Scenario.named("mutex-inserts").initial(100).mutex("mu")
                .goroutine(g -> g.lock("mu").set(1, 1).unlock("mu"))
                .goroutine(g -> g.lock("mu").set(2, 2).unlock("mu")).build();
    }

    /** Initial {100}; G1 m[1]=1 then sends on an unbuffered channel; G2 receives, then m[2]=2. */
    public static Scenario channelHandoff() {
        return Scenario.named("channel-handoff").initial(100).channel("c", 0)
                .goroutine(g -> g.set(1, 1).send("c"))
                .goroutine(g -> g.recv("c").set(2, 2)).build();
    }

    /** All nine, in the oracle's order. */
    public static List<Scenario> all() {
        List<Scenario> all = new ArrayList<>();
        all.add(twoInsertsEmpty());
        all.add(twoInserts());
        all.add(insertAndLookup());
        all.add(iterateAndInsert());
        all.add(insertAndDelete());
        all.add(threeInsertsGrowth());
        all.add(fourInserts());
        all.add(mutexInserts());
        all.add(channelHandoff());
        return all;
    }

    /** The scenario of that name. */
    public static Scenario named(String name) {
        for (Scenario s : all()) {
            if (s.name().equals(name)) {
                return s;
            }
        }
        throw new IllegalArgumentException("no race scenario named \"" + name + "\"; there are "
                + all().stream().map(Scenario::name).toList());
    }
}
