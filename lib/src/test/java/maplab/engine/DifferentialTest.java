package maplab.engine;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import maplab.engine.classic.ClassicMap;
import maplab.engine.classic.MapEvent;
import maplab.engine.swiss.SwissEvent;
import maplab.engine.swiss.SwissMap;
import org.junit.jupiter.api.Test;

/**
 * Random operations on each engine and on java.util.HashMap side by side, through the
 * {@link GoMap} seam: contents must agree
 * after every operation, the invariant checker must pass after every operation, a whole
 * iteration must return each live key exactly once, and an iterator held open across writes
 * must obey Go's rules (each entry present from start to end is produced; a produced entry is
 * live with its current elem; no entry twice unless deleted and reinserted meanwhile).
 *
 * <p>Runs {@code -Dmaplab.diff.ops} operations per engine (default 1,000,000), over every release
 * of the engine, from {@code -Dmaplab.diff.seed} (default fixed); a failure names the seed, trial
 * and operation to replay it ({@code -Dmaplab.diff.trial}).
 */
class DifferentialTest {

    private static final long OPS = Long.getLong("maplab.diff.ops", 1_000_000L);
    private static final long SEED = Long.getLong("maplab.diff.seed", 0x6d61706c6162L);

    /**
     * Keeps the top byte and only 3 low bits: long chains, overflow buckets and same-size growth
     * in the classic map; 8 possible H2 values and clustered probe starts in the Swiss one.
     */
    private static final Hasher CLUSTERED = (k, seed) -> StandardHasher.INSTANCE.hash(k, seed) & 0xff00_0000_0000_0007L;

    private enum KeyKind { UINT64, STRING, BYTES130, FLOAT64 }

    /**
     * {@code window > 0} is churn: each insert takes a fresh key and deletes the key inserted
     * {@code window} inserts earlier, the steady-size pattern that leaves overflow buckets behind
     * and ends in same-size growth. {@code fill} (Swiss only) first inserts the whole key space,
     * thousands of keys, so tables split and the directory doubles.
     */
    private record Config(KeyKind keys, GoType elemType, GoVersion version, boolean clustered, int keySpace, long hint,
                          int window, boolean fill) {
    }

    /**
     * What the random operations reached. Classic: growths, same-size growths, overflow buckets,
     * largest B. Swiss: table growths, splits, directory doublings, tombstones written and pruned,
     * largest directory.
     */
    private static final class Stats {
        long ops, trials, growths, sameSize, iterations, heldIterators, maxB, overflow;
        long splits, directoryGrowths, tombstones, pruned, growToTable;
    }

    @Test
    void classicEngineAgreesWithHashMapOnRandomOperations() {
        Stats stats = run(GoVersion.CLASSIC);
        System.out.printf("  classic: %,d growths (%,d same-size), max B %d, %,d overflow buckets%n",
                stats.growths, stats.sameSize, stats.maxB, stats.overflow);
        if (OPS >= 1_000_000 && (stats.sameSize == 0 || stats.growths == 0 || stats.heldIterators == 0)) {
            fail("the random operations never reached same-size growth, growth or held iterators: "
                    + "the test lost its reach");
        }
    }

    @Test
    void swissEngineAgreesWithHashMapOnRandomOperations() {
        Stats stats = run(GoVersion.SWISS);
        System.out.printf("  swiss: %,d small maps grown to tables, %,d table growths, %,d splits, %,d directory "
                        + "doublings (largest directory 2^%d), %,d tombstones written, %,d pruned%n",
                stats.growToTable, stats.growths, stats.splits, stats.directoryGrowths, stats.maxB, stats.tombstones,
                stats.pruned);
        if (OPS >= 1_000_000 && (stats.splits == 0 || stats.directoryGrowths == 0 || stats.pruned == 0
                || stats.heldIterators == 0)) {
            fail("the random operations never reached a split, a directory doubling, pruning or held iterators: "
                    + "the test lost its reach");
        }
    }

    private static Stats run(List<GoVersion> versions) {
        Random master = new Random(SEED);
        Stats stats = new Stats();
        String one = System.getProperty("maplab.diff.trial");
        if (one != null) {
            runTrial(Long.parseLong(one), versions, stats, 6_000); // replays one failing trial
            return stats;
        }
        long start = System.nanoTime();
        while (stats.ops < OPS) {
            long trialSeed = master.nextLong();
            runTrial(trialSeed, versions, stats, OPS - stats.ops);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("differential %s: %,d operations in %,d trials, %.1f s (seed %d); %,d full iterations, "
                        + "%,d held iterators%n", versions, stats.ops, stats.trials, seconds, SEED, stats.iterations,
                stats.heldIterators);
        return stats;
    }

    private static void runTrial(long trialSeed, List<GoVersion> versions, Stats stats, long remaining) {
        Random r = new Random(trialSeed);
        Config c = config(r, versions);
        // Churn needs long runs before overflow buckets pile up into a same-size growth.
        int ops = (int) Math.min(remaining, c.window > 0 ? 6_000 : 2_000);
        GoMap m = build(c, r.nextLong());
        m.listen(e -> count(e, stats));
        boolean verbose = Boolean.getBoolean("maplab.diff.verbose");
        if (verbose) {
            m.listen(e -> System.out.println("    " + e));
        }
        Map<Object, Object> ref = new HashMap<>();
        List<Held> held = new ArrayList<>();
        stats.trials++;
        int fresh = 0;
        for (int k = 0; c.fill && k < c.keySpace; k++) {
            String where = "seed=" + SEED + " trial=" + trialSeed + " (" + c + ") fill#" + k;
            Object key = key(c, k);
            Object elem = elem(c, r);
            m.set(key, elem);
            ref.put(wrap(key), wrap(elem));
            check(m.len() == ref.size(), where, "len=" + m.len() + " want " + ref.size());
            List<String> broken = m.check();
            check(broken.isEmpty(), where, "invariants: " + broken);
            stats.ops++;
        }
        for (int i = 0; i < ops; i++) {
            String where = "seed=" + SEED + " trial=" + trialSeed + " (" + c + ") op#" + i;
            Object key = key(c, r);
            int dice = r.nextInt(1000);
            if (c.window > 0 && dice < 680) {
                // churn: insert a fresh key, then delete the one inserted window inserts ago
                key = key(c, fresh);
                dice = 0;
                if (fresh >= c.window) {
                    Object old = key(c, fresh - c.window);
                    m.delete(old);
                    ref.remove(wrap(old));
                    for (Held hd : held) {
                        hd.deleted(wrap(old));
                    }
                }
                fresh++;
            }
            if (verbose) {
                System.out.println("op#" + i + " dice=" + dice + " key=" + key + " held=" + held.size());
            }
            try {
                if (dice < 430) {
                    Object elem = elem(c, r);
                    m.set(key, elem);
                    ref.put(wrap(key), wrap(elem));
                } else if (dice < 680) {
                    boolean removed = m.delete(key);
                    boolean expected = ref.remove(wrap(key)) != null;
                    check(removed == expected, where, "delete(" + key + ") removed=" + removed);
                    for (Held hd : held) {
                        hd.deleted(wrap(key));
                    }
                } else if (dice < 950) {
                    Object got = m.get(key);
                    check(Objects.equals(wrap(got), ref.get(wrap(key))), where,
                            "get(" + key + ")=" + got + " want " + ref.get(wrap(key)));
                } else if (dice < 953) {
                    m.clear();
                    ref.clear();
                    if (c.version == GoVersion.GO1_19) {
                        held.clear(); // 1.19 lets an open iterator see stale entries after clear (Go issue 59411)
                    } else {
                        for (Held hd : held) {
                            hd.cleared();
                        }
                    }
                } else if (dice < 965) {
                    fullIteration(m, ref, where);
                    stats.iterations++;
                } else if (dice < 975 && held.size() < 3) {
                    Held hd = new Held(m, ref, where);
                    if (!hd.ended) {
                        held.add(hd);
                    }
                    stats.heldIterators++;
                } else if (!held.isEmpty()) {
                    Held hd = held.get(r.nextInt(held.size()));
                    if (!hd.step(ref, where)) {
                        held.remove(hd);
                    }
                }
                check(m.len() == ref.size(), where, "len=" + m.len() + " want " + ref.size());
                List<String> broken = m.check();
                check(broken.isEmpty(), where, "invariants: " + broken);
            } catch (AssertionError e) {
                throw e;
            } catch (RuntimeException e) {
                throw new AssertionError(where + ": " + e, e);
            }
            stats.ops++;
        }
        for (Held hd : held) {
            while (hd.step(ref, "seed=" + SEED + " trial=" + trialSeed + " final drain")) {
                // drain
            }
        }
        fullIteration(m, ref, "seed=" + SEED + " trial=" + trialSeed + " end");
        stats.maxB = Math.max(stats.maxB, m instanceof ClassicMap cm ? cm.B() : ((SwissMap) m).globalDepth());
    }

    private static void count(EngineEvent e, Stats stats) {
        if (e instanceof MapEvent.GrowthStarted g) {
            stats.growths++;
            stats.sameSize += g.sameSize() ? 1 : 0;
        } else if (e instanceof MapEvent.OverflowTaken) {
            stats.overflow++;
        } else if (e instanceof SwissEvent.TableGrown) {
            stats.growths++;
        } else if (e instanceof SwissEvent.TableSplit) {
            stats.splits++;
        } else if (e instanceof SwissEvent.DirectoryGrown) {
            stats.directoryGrowths++;
        } else if (e instanceof SwissEvent.SlotDeleted d && d.tombstone()) {
            stats.tombstones++;
        } else if (e instanceof SwissEvent.TombstonesPruned p) {
            stats.pruned += p.count();
        } else if (e instanceof SwissEvent.GrewToTable) {
            stats.growToTable++;
        }
    }

    private static Config config(Random r, List<GoVersion> versions) {
        KeyKind keys = KeyKind.values()[r.nextInt(10) < 6 ? 0 : 1 + r.nextInt(3)];
        GoType[] elems = {GoType.UINT64, GoType.INT64, GoType.bytes(200), GoType.STRING};
        GoType elem = elems[r.nextInt(elems.length)];
        GoVersion version = versions.get(r.nextInt(versions.size()));
        int[] spaces = {8, 16, 40, 100, 300, 1000, 3000};
        int keySpace = spaces[r.nextInt(spaces.length)];
        long hint = r.nextInt(4) == 0 ? r.nextInt(keySpace * 2) : -1;
        int window = r.nextInt(4) == 0 ? 20 + r.nextInt(200) : 0;
        boolean clustered = window == 0 && r.nextInt(5) == 0;
        // Drawn only for Swiss releases, so that the classic trials stay the ones they were.
        boolean fill = version.engine() == Engine.SWISS && window == 0 && r.nextInt(4) == 0;
        if (fill) {
            keySpace = 1_000 + r.nextInt(2_500);
        }
        return new Config(keys, elem, version, clustered, keySpace, hint, window, fill);
    }

    private static GoMap build(Config c, long seed) {
        GoType kt = switch (c.keys) {
            case UINT64 -> GoType.UINT64;
            case STRING -> GoType.STRING;
            case BYTES130 -> GoType.bytes(130);
            case FLOAT64 -> GoType.FLOAT64;
        };
        GoMaps.Builder b = GoMaps.builder(MapType.of(kt, c.elemType)).go(c.version).seed(seed);
        if (c.clustered) {
            b.hasher(CLUSTERED);
        }
        if (c.hint >= 0) {
            b.hint(c.hint);
        }
        return b.build();
    }

    private static Object key(Config c, Random r) {
        return key(c, r.nextInt(c.keySpace));
    }

    private static Object key(Config c, int k) {
        return switch (c.keys) {
            case UINT64 -> k * 0x9E3779B97F4A7C15L; // spread over the whole unsigned range
            case STRING -> "k" + k;
            case BYTES130 -> {
                byte[] b = new byte[130];
                b[0] = (byte) k;
                b[128] = (byte) (k >> 8);
                b[129] = (byte) (k >> 16);
                yield b;
            }
            case FLOAT64 -> k == 1 ? -0.0 : k / 4.0; // 0.0 and -0.0 are the same Go key
        };
    }

    private static Object elem(Config c, Random r) {
        GoType t = c.elemType;
        if (t == GoType.UINT64 || t == GoType.INT64) {
            return r.nextLong();
        }
        if (t == GoType.STRING) {
            return "v" + r.nextInt(1000);
        }
        byte[] b = new byte[200];
        r.nextBytes(b);
        return b;
    }

    /** Byte arrays compare by content in the reference map; -0.0 and +0.0 are one Go key. */
    private static Object wrap(Object v) {
        if (v instanceof byte[]) {
            return ByteBuffer.wrap(((byte[]) v).clone());
        }
        if (v instanceof Double && (Double) v == 0) {
            return 0.0;
        }
        return v;
    }

    private static void fullIteration(GoMap m, Map<Object, Object> ref, String where) {
        Set<Object> seen = new HashSet<>();
        for (Map.Entry<Object, Object> e : m.entries()) {
            Object k = wrap(e.getKey());
            check(seen.add(k), where, "iteration produced " + e.getKey() + " twice");
            check(Objects.equals(ref.get(k), wrap(e.getValue())), where,
                    "iteration produced " + e.getKey() + "=" + e.getValue() + " want " + ref.get(k));
        }
        check(seen.size() == ref.size(), where, "iteration produced " + seen.size() + " of " + ref.size() + " keys");
    }

    /**
     * An iterator held open across writes, and what Go promises about it. Each entry is checked
     * when the runtime produces it (at mapiterinit or mapiternext), as a range loop's body sees it.
     */
    private static final class Held {
        final MapIterator it;
        /** Keys live at the start and not deleted since: each must be produced. */
        final Set<Object> owed = new HashSet<>();
        /** Keys produced and not deleted since: producing one again would be a duplicate. */
        final Set<Object> produced = new HashSet<>();
        boolean ended;

        Held(GoMap m, Map<Object, Object> ref, String where) {
            owed.addAll(ref.keySet());
            it = m.iterate();
            consume(ref, where);
        }

        void deleted(Object k) {
            owed.remove(k);
            produced.remove(k);
        }

        /**
         * After clear, Go promises less: an iterator standing in the last preallocated overflow
         * bucket follows the pool's restored sentinel (a pointer to bucket 0) and walks bucket 0
         * as if it were an overflow bucket, so it can produce bucket 0's keys twice. The runtime
         * does this too; entries produced are still live (Go 1.21+ marks the old chains emptyRest).
         */
        void cleared() {
            owed.clear();
            produced.clear();
            afterClear = true;
        }

        boolean afterClear;

        /** Advances one step; false once the loop has ended. */
        boolean step(Map<Object, Object> ref, String where) {
            if (!ended) {
                it.next();
                consume(ref, where);
            }
            return !ended;
        }

        private void consume(Map<Object, Object> ref, String where) {
            if (!it.hasEntry()) {
                check(owed.isEmpty(), where, "held iterator ended without producing " + owed);
                ended = true;
                return;
            }
            Object k = wrap(it.key());
            if (Boolean.getBoolean("maplab.diff.verbose")) {
                System.out.println("  held " + System.identityHashCode(this) + " -> " + it.key() + " " + it);
            }
            check(ref.containsKey(k), where, "held iterator produced " + it.key() + ", which is not in the map");
            check(Objects.equals(ref.get(k), wrap(it.elem())), where,
                    "held iterator produced " + it.key() + "=" + it.elem() + " want " + ref.get(k));
            check(produced.add(k) || afterClear, where, "held iterator produced " + it.key() + " twice");
            owed.remove(k);
        }
    }

    private static void check(boolean ok, String where, String what) {
        if (!ok) {
            fail(where + ": " + what);
        }
    }
}
