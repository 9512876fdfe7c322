package maplab.engine.classic;

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
import maplab.engine.GoType;
import maplab.engine.GoVersion;
import maplab.engine.Hasher;
import maplab.engine.MapType;
import maplab.engine.StandardHasher;
import org.junit.jupiter.api.Test;

/**
 * Random operations on the engine and on java.util.HashMap side by side: contents must agree
 * after every operation, the invariant checker must pass after every operation, a whole
 * iteration must return each live key exactly once, and an iterator held open across writes
 * must obey Go's rules (each entry present from start to end is produced; a produced entry is
 * live with its current elem; no entry twice unless deleted and reinserted meanwhile).
 *
 * <p>Runs {@code -Dmaplab.diff.ops} operations (default 1,000,000) from {@code -Dmaplab.diff.seed}
 * (default fixed); a failure names the seed, trial and operation to replay it.
 */
class DifferentialTest {

    private static final long OPS = Long.getLong("maplab.diff.ops", 1_000_000L);
    private static final long SEED = Long.getLong("maplab.diff.seed", 0x6d61706c6162L);

    /** Keeps the top byte and only 3 low bits: long chains, overflow buckets, same-size growth. */
    private static final Hasher CLUSTERED = (k, seed) -> StandardHasher.INSTANCE.hash(k, seed) & 0xff00_0000_0000_0007L;

    private enum KeyKind { UINT64, STRING, BYTES130, FLOAT64 }

    /**
     * {@code window > 0} is churn: each insert takes a fresh key and deletes the key inserted
     * {@code window} inserts earlier, the steady-size pattern that leaves overflow buckets behind
     * and ends in same-size growth.
     */
    private record Config(KeyKind keys, GoType elemType, GoVersion version, boolean clustered, int keySpace, long hint,
                          int window) {
    }

    private static final class Stats {
        long ops, trials, growths, sameSize, iterations, heldIterators, maxB, overflow;
    }

    @Test
    void engineAgreesWithHashMapOnRandomOperations() {
        Random master = new Random(SEED);
        Stats stats = new Stats();
        String one = System.getProperty("maplab.diff.trial");
        if (one != null) {
            runTrial(Long.parseLong(one), stats, 6_000); // replays one failing trial
            return;
        }
        long start = System.nanoTime();
        while (stats.ops < OPS) {
            long trialSeed = master.nextLong();
            runTrial(trialSeed, stats, OPS - stats.ops);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("differential: %,d operations in %,d trials, %.1f s (seed %d); %,d growths "
                        + "(%,d same-size), %,d full iterations, %,d held iterators, max B %d, %,d overflow buckets%n",
                stats.ops, stats.trials, seconds, SEED, stats.growths, stats.sameSize, stats.iterations,
                stats.heldIterators, stats.maxB, stats.overflow);
        if (OPS >= 1_000_000 && (stats.sameSize == 0 || stats.growths == 0 || stats.heldIterators == 0)) {
            fail("the random operations never reached same-size growth, growth or held iterators: "
                    + "the test lost its reach");
        }
    }

    private void runTrial(long trialSeed, Stats stats, long remaining) {
        Random r = new Random(trialSeed);
        Config c = config(r);
        // Churn needs long runs before overflow buckets pile up into a same-size growth.
        int ops = (int) Math.min(remaining, c.window > 0 ? 6_000 : 2_000);
        ClassicMap m = build(c, r.nextLong());
        m.listen(e -> {
            if (e instanceof MapEvent.GrowthStarted) {
                stats.growths++;
                if (((MapEvent.GrowthStarted) e).sameSize()) {
                    stats.sameSize++;
                }
            } else if (e instanceof MapEvent.OverflowTaken) {
                stats.overflow++;
            }
        });
        boolean verbose = Boolean.getBoolean("maplab.diff.verbose");
        if (verbose) {
            m.listen(e -> System.out.println("    " + e));
        }
        Map<Object, Object> ref = new HashMap<>();
        List<Held> held = new ArrayList<>();
        stats.trials++;
        int fresh = 0;
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
        stats.maxB = Math.max(stats.maxB, m.snapshot().B());
    }

    private static Config config(Random r) {
        KeyKind keys = KeyKind.values()[r.nextInt(10) < 6 ? 0 : 1 + r.nextInt(3)];
        GoType[] elems = {GoType.UINT64, GoType.INT64, GoType.bytes(200), GoType.STRING};
        GoType elem = elems[r.nextInt(elems.length)];
        GoVersion version = GoVersion.CLASSIC.get(r.nextInt(GoVersion.CLASSIC.size()));
        int[] spaces = {8, 16, 40, 100, 300, 1000, 3000};
        int keySpace = spaces[r.nextInt(spaces.length)];
        long hint = r.nextInt(4) == 0 ? r.nextInt(keySpace * 2) : -1;
        int window = r.nextInt(4) == 0 ? 20 + r.nextInt(200) : 0;
        return new Config(keys, elem, version, window == 0 && r.nextInt(5) == 0, keySpace, hint, window);
    }

    private static ClassicMap build(Config c, long seed) {
        GoType kt = switch (c.keys) {
            case UINT64 -> GoType.UINT64;
            case STRING -> GoType.STRING;
            case BYTES130 -> GoType.bytes(130);
            case FLOAT64 -> GoType.FLOAT64;
        };
        ClassicMap.Builder b = ClassicMap.builder(MapType.of(kt, c.elemType)).go(c.version).seed(seed);
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

    private static void fullIteration(ClassicMap m, Map<Object, Object> ref, String where) {
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
        final ClassicIterator it;
        /** Keys live at the start and not deleted since: each must be produced. */
        final Set<Object> owed = new HashSet<>();
        /** Keys produced and not deleted since: producing one again would be a duplicate. */
        final Set<Object> produced = new HashSet<>();
        boolean ended;

        Held(ClassicMap m, Map<Object, Object> ref, String where) {
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
