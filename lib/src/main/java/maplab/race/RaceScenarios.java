package maplab.race;

import java.util.ArrayList;
import java.util.List;
import maplab.engine.Engine;
import maplab.engine.GoVersion;

/**
 * The scenarios the oracles also run on the real runtime (oracle/races.go for Go 1.19,
 * oracle/swiss/races.go for Go 1.24+), under the same names, so the model's outcome classes can
 * be checked against the real runtime's ({@code ./maplab test}, notebook 07). All are
 * {@code map[uint64]uint64}: the compiler's _fast64 functions.
 *
 * <p>Each scenario is built for a release ({@link #all(String)}, {@link #named(String, String)});
 * the methods without one build Go 1.19's. The nine classic scenarios exist for every release;
 * three-inserts-growth starts from as many keys as the release's map needs for the next insert to
 * grow it. The Swiss map (Go 1.24+) has three more: {@link #threeInsertsToTable},
 * {@link #smallMapLastSlot} and {@link #iterateTableAndInsert}.
 */
public final class RaceScenarios {

    private static final String CLASSIC = "1.19";

    private RaceScenarios() {
    }

    /** make(map) without a hint: no buckets / group until the first insert. G1 m[1]=1, G2 m[2]=2. */
    public static Scenario twoInsertsEmpty() {
        return twoInsertsEmpty(CLASSIC);
    }

    public static Scenario twoInsertsEmpty(String release) {
        return Scenario.named("two-inserts-empty").go(release).goroutine(g -> g.set(1, 1))
                .goroutine(g -> g.set(2, 2)).build();
    }

    /** Initial {100}; G1 m[1]=1, G2 m[2]=2. */
    public static Scenario twoInserts() {
        return twoInserts(CLASSIC);
    }

    public static Scenario twoInserts(String release) {
        return Scenario.named("two-inserts").go(release).initial(100).goroutine(g -> g.set(1, 1))
                .goroutine(g -> g.set(2, 2)).build();
    }

    /** Initial {100}; G1 m[1]=1, G2 reads m[100]. */
    public static Scenario insertAndLookup() {
        return insertAndLookup(CLASSIC);
    }

    public static Scenario insertAndLookup(String release) {
        return Scenario.named("insert-and-lookup").go(release).initial(100).goroutine(g -> g.set(1, 1))
                .goroutine(g -> g.get(100)).build();
    }

    /** Initial {100,101,102}; G1 ranges over the map, G2 m[1]=1. */
    public static Scenario iterateAndInsert() {
        return iterateAndInsert(CLASSIC);
    }

    public static Scenario iterateAndInsert(String release) {
        return Scenario.named("iterate-and-insert").go(release).initial(100, 101, 102).goroutine(g -> g.range())
                .goroutine(g -> g.set(1, 1)).build();
    }

    /** Initial {100,101}; G1 delete(m, 100), G2 m[1]=1. */
    public static Scenario insertAndDelete() {
        return insertAndDelete(CLASSIC);
    }

    public static Scenario insertAndDelete(String release) {
        return Scenario.named("insert-and-delete").go(release).initial(100, 101).goroutine(g -> g.delete(100))
                .goroutine(g -> g.set(1, 1)).build();
    }

    /** Initial 100..112 (13 keys, B=1: in Go 1.19 the 14th key starts a growth); G1..G3 m[i]=i. */
    public static Scenario threeInsertsGrowth() {
        return threeInsertsGrowth(CLASSIC);
    }

    /**
     * Three writers on a map the next new key grows. Classic: 13 keys in 2 buckets (load factor
     * 6.5). Swiss: 14 keys in a 16-slot table, whose growthLeft (16 * 7/8 = 14) is then 0, so the
     * next insert rehashes it into 32 slots.
     */
    public static Scenario threeInsertsGrowth(String release) {
        long last = isSwiss(release) ? 113 : 112;
        return threeWriters("three-inserts-growth", release, 100, last);
    }

    /** Initial {100}; G1..G4 m[i]=i. */
    public static Scenario fourInserts() {
        return fourInserts(CLASSIC);
    }

    public static Scenario fourInserts(String release) {
        Scenario.Builder b = Scenario.named("four-inserts").go(release).initial(100);
        for (long i = 1; i <= 4; i++) {
            long k = i;
            b.goroutine(g -> g.set(k, k));
        }
        return b.build();
    }

    /** Initial {100}; each goroutine inserts under mu: correctly synchronised. */
    public static Scenario mutexInserts() {
        return mutexInserts(CLASSIC);
    }

    public static Scenario mutexInserts(String release) {
        return Scenario.named("mutex-inserts").go(release).initial(100).mutex("mu")
                .goroutine(g -> g.lock("mu").set(1, 1).unlock("mu"))
                .goroutine(g -> g.lock("mu").set(2, 2).unlock("mu")).build();
    }

    /** Initial {100}; G1 m[1]=1 then sends on an unbuffered channel; G2 receives, then m[2]=2. */
    public static Scenario channelHandoff() {
        return channelHandoff(CLASSIC);
    }

    public static Scenario channelHandoff(String release) {
        return Scenario.named("channel-handoff").go(release).initial(100).channel("c", 0)
                .goroutine(g -> g.set(1, 1).send("c"))
                .goroutine(g -> g.recv("c").set(2, 2)).build();
    }

    /** Swiss only: initial 100..107, a full small map, so the next new key grows it into a table; G1..G3 m[i]=i. */
    public static Scenario threeInsertsToTable(String release) {
        return threeWriters("three-inserts-to-table", swiss(release, "three-inserts-to-table"), 100, 107);
    }

    /**
     * Swiss only: initial 100..106, one empty slot left in the small group; G1 m[1]=1, G2 m[2]=2.
     * Two writers that both saw used = 7 both look for an empty slot, and the second finds none:
     * "small map with no empty slot (concurrent map writes?)".
     */
    public static Scenario smallMapLastSlot(String release) {
        Scenario.Builder b = Scenario.named("small-map-last-slot").go(swiss(release, "small-map-last-slot"));
        for (long k = 100; k <= 106; k++) {
            b.initial(k);
        }
        return b.goroutine(g -> g.set(1, 1)).goroutine(g -> g.set(2, 2)).build();
    }

    /** Swiss only: initial 100..109 (one table); G1 ranges over the map, G2 m[1]=1. */
    public static Scenario iterateTableAndInsert(String release) {
        Scenario.Builder b = Scenario.named("iterate-table-and-insert").go(swiss(release, "iterate-table-and-insert"));
        for (long k = 100; k <= 109; k++) {
            b.initial(k);
        }
        return b.goroutine(g -> g.range()).goroutine(g -> g.set(1, 1)).build();
    }

    /** Go 1.19's nine, in the oracle's order. */
    public static List<Scenario> all() {
        return all(CLASSIC);
    }

    /** The scenarios of that release, in its oracle's order: nine, and three more for the Swiss map. */
    public static List<Scenario> all(String release) {
        List<Scenario> all = new ArrayList<>();
        all.add(twoInsertsEmpty(release));
        all.add(twoInserts(release));
        all.add(insertAndLookup(release));
        all.add(iterateAndInsert(release));
        all.add(insertAndDelete(release));
        all.add(threeInsertsGrowth(release));
        all.add(fourInserts(release));
        all.add(mutexInserts(release));
        all.add(channelHandoff(release));
        if (isSwiss(release)) {
            all.add(threeInsertsToTable(release));
            all.add(smallMapLastSlot(release));
            all.add(iterateTableAndInsert(release));
        }
        return all;
    }

    /** Go 1.19's scenario of that name. */
    public static Scenario named(String name) {
        return named(name, CLASSIC);
    }

    /** The scenario of that name for that release. */
    public static Scenario named(String name, String release) {
        List<Scenario> all = all(release);
        for (Scenario s : all) {
            if (s.name().equals(name)) {
                return s;
            }
        }
        throw new IllegalArgumentException("no race scenario named \"" + name + "\" for Go "
                + GoVersion.parse(release).release() + "; there are " + all.stream().map(Scenario::name).toList());
    }

    private static Scenario threeWriters(String name, String release, long first, long last) {
        Scenario.Builder b = Scenario.named(name).go(release);
        for (long k = first; k <= last; k++) {
            b.initial(k);
        }
        return b.goroutine(g -> g.set(1, 1)).goroutine(g -> g.set(2, 2)).goroutine(g -> g.set(3, 3)).build();
    }

    private static boolean isSwiss(String release) {
        return GoVersion.parse(release).engine() == Engine.SWISS;
    }

    private static String swiss(String release, String name) {
        if (!isSwiss(release)) {
            throw new IllegalArgumentException(name + " is a scenario of the Swiss map (Go 1.24+), not of Go "
                    + GoVersion.parse(release).release());
        }
        return release;
    }
}
