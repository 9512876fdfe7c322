package maplab.experiment;

import java.util.List;
import maplab.engine.MapType;
import tech.tablesaw.api.Table;

/**
 * Ready experiments on the map model, one line per notebook cell, for any release; the long
 * forms that take several releases run each and stack the rows, with a {@code go} column, so one
 * line answers for Go 1.19 and Go 1.26 side by side:
 *
 * <pre>
 *   Table reuse = Experiments.slotReuse(10_000, 42);
 *   Experiments.slotReuseSummary(reuse);
 *   Charts.slotReuse(Experiments.slotReuseSummary(reuse));
 * </pre>
 *
 * <p>Common rules:
 * <ul>
 *   <li>Every experiment runs from {@code seed}: the same arguments give an equal table (same
 *       columns, same rows, same order). The seed drives the keys, the deletes and each map's
 *       own random source (hash0, iterator starts).</li>
 *   <li>Maps are {@code map[uint64]uint64} with random distinct non-negative keys (elem = key),
 *       unless said otherwise. The short forms model Go 1.23; the long forms take Go releases
 *       {@code "1.19"}, {@code "1.21"}, {@code "1.22"}, {@code "1.23"} (the classic map) or
 *       {@code "1.24"}, {@code "1.25"}, {@code "1.26"} (Swiss tables). Experiments of what only
 *       the classic map has (evacuation, X/Y split, bucket chains) refuse a Swiss release and say
 *       what to use instead; {@link SwissExperiments} has what only the Swiss map has.</li>
 *   <li>A "churn operation" deletes one random live key and inserts one fresh key, so the size
 *       stays constant.</li>
 *   <li>A run longer than about two seconds prints progress lines to System.out, e.g.
 *       {@code slot reuse: 4000/10000 trials}.</li>
 *   <li>Bad arguments throw IllegalArgumentException naming the parameter and its allowed range.</li>
 *   <li>Nothing modifies the engine: the tables come from its events ({@code MapEvent}) and
 *       snapshots.</li>
 *   <li>The long forms run their releases in parallel, on {@link #parallelism(int)} threads (by
 *       default one per processor); the table is the serial run's, row for row.</li>
 * </ul>
 */
public final class Experiments {

    /** The release the short forms model. */
    public static final String DEFAULT_GO = "1.23";

    private Experiments() {
    }

    /**
     * Sets how many threads the experiments that repeat over releases use for this JVM, 1 to 256;
     * 1 runs the releases one after another. The tables do not depend on it: each release's run
     * owns its maps and its own seeded Random, and the rows are stacked in the order given.
     */
    public static void parallelism(int threads) {
        Trials.parallelism(threads);
    }

    /** The threads the experiments use; by default the number of processors. */
    public static int parallelism() {
        return Trials.parallelism();
    }

    // ---------------------------------------------------------------- slot reuse and probe lengths

    /** {@link #slotReuse(int, int, long, String)} with maps of up to 26 keys (B up to 2), Go 1.23. */
    public static Table slotReuse(int trials, long seed) {
        return slotReuse(trials, 26, seed, DEFAULT_GO);
    }

    /**
     * Which slot each new key takes after deletions. Each trial fills a fresh map with
     * {@code n} keys (1..maxKeys), deletes {@code d} random keys (1..n), then inserts {@code i}
     * fresh keys (1..d); one row per insert, from the engine's SlotWritten event.
     *
     * <p>Columns: {@code trial} int; {@code keys} int (n); {@code deleted} int (d); {@code insert}
     * int (1-based index of the insert in its trial); {@code bucket} string (the bucket written,
     * {@code buckets#k[i]} or {@code overflow#k}); {@code slot} int 0..7; {@code previousTophash}
     * string {@code emptyOne} or {@code emptyRest} (the slot's tophash before the write);
     * {@code previouslyDeleted} boolean (a key was deleted from this very slot in this trial);
     * {@code reuse} string, one of {@code "emptyOne (deleted slot)"}, {@code "emptyRest (deleted
     * slot)"} (a deleted slot that the trailing-run rule turned into emptyRest), {@code "emptyRest
     * (no key deleted there)"} (no delete of this trial emptied the slot: in these fresh maps it never
     * held a key).
     *
     * @param trials 1..10,000,000
     * @param maxKeys 1..4096
     */
    public static Table slotReuse(int trials, int maxKeys, long seed, String... go) {
        return SlotReuseExperiments.slotReuse(trials, maxKeys, seed, Params.releases(go));
    }

    /**
     * Counts the rows of a {@link #slotReuse} table by {@code reuse}. Columns: {@code reuse}
     * string (the three kinds, always in the order emptyOne, emptyRest deleted, emptyRest never
     * used, zero rows included); {@code writes} int; {@code share} double 0..1 of all writes.
     */
    public static Table slotReuseSummary(Table slotReuse) {
        return SlotReuseExperiments.summary(slotReuse);
    }

    /** {@link #probeLengths(int, int, int, long, String)} with 52 keys (a full B=3 map), a row every 1% of the run, Go 1.23. */
    public static Table probeLengths(int churnOps, long seed) {
        return probeLengths(52, churnOps, Math.max(1, churnOps / 100), seed, DEFAULT_GO);
    }

    /**
     * How lookup probe lengths change under churn. A map of {@code size} keys takes
     * {@code churnOps} churn operations; at op 0, every {@code every} ops and at the end, every
     * live key is looked up (hits) and 200 fresh absent keys (misses), computed from a snapshot
     * the way mapaccess walks: the bucket chain (the old one while not yet evacuated), slots 0..7
     * per bucket, stopping at the key or at an emptyRest tophash.
     *
     * <p>Columns: {@code op} int (churn ops done); {@code count} int; {@code B} int;
     * {@code growing} boolean; {@code emptyOne} int (tombstones in the current array's chains);
     * {@code overflowBuckets} int (linked in the current array); {@code meanHitSlots} double,
     * {@code maxHitSlots} int (tophash bytes read by a successful lookup, the matching one
     * included); {@code meanHitBuckets} double (chain buckets visited); {@code meanMissSlots}
     * double, {@code maxMissSlots} int, {@code meanMissBuckets} double (the same for lookups of
     * absent keys, the ending emptyRest slot included).
     *
     * @param size 1..100,000
     * @param churnOps 0..10,000,000
     * @param every 1..max(1, churnOps)
     */
    public static Table probeLengths(int size, int churnOps, int every, long seed, String go) {
        return SlotReuseExperiments.probeLengths(size, churnOps, every, seed, Params.classic(go,
                "probeLengths (bucket chain walks)", "SwissExperiments.whereKeysLive shows each key's probe distance"));
    }

    // ---------------------------------------------------------------- tombstones

    /** {@link #tombstones(int, int, int, long, String)} with 52 keys (a full B=3 map), a row every 1% of the run, Go 1.23. */
    public static Table tombstones(int churnOps, long seed) {
        return tombstones(52, churnOps, Math.max(1, churnOps / 100), seed, DEFAULT_GO);
    }

    /**
     * Tombstones and overflow buckets under churn, and the same-size growths that clean them
     * up. A map of {@code size} keys takes {@code churnOps} churn operations; a row at op 0,
     * every {@code every} ops and at the end.
     *
     * <p>Columns: {@code op} int (churn ops done); {@code count} int; {@code B} int; {@code live},
     * {@code emptyOne}, {@code emptyRest} int (slots by tophash state over the current array's
     * chains, overflow buckets included, unused pool buckets not); {@code overflowBuckets} int
     * (linked in the current array); {@code noverflow} int (hmap.noverflow, the counter the
     * same-size trigger reads); {@code growing} boolean; {@code sameSizeGrowths} and
     * {@code doublings} int (GrowthStarted events so far, cumulative).
     *
     * @param size 1..100,000
     * @param churnOps 0..10,000,000
     * @param every 1..max(1, churnOps)
     */
    public static Table tombstones(int size, int churnOps, int every, long seed, String go) {
        return TombstoneExperiments.tombstones(size, churnOps, every, seed, Params.classic(go,
                "tombstones (emptyOne, emptyRest, overflow buckets)", "Experiments.churn follows its tombstones"));
    }

    /**
     * Churn at constant size on each release, side by side: a map of {@code size} keys takes
     * {@code churnOps} churn operations; a row at op 0, every {@code every} ops and at the end.
     * Tombstones use up a Swiss table's growthLeft, so Go 1.24 doubles a table whose size never
     * changes (golang/go issue 70886), where 1.25+ prune them on the fast assign paths.
     *
     * <p>Columns: {@code op} int; {@code count} int; {@code slots} int (classic: 8 per bucket and
     * overflow bucket in use; Swiss: all tables' slots, 8 for a small map); {@code tombstones} int
     * (classic emptyOne, Swiss deleted control bytes); {@code growths} int (operations that
     * started a growth, so far); {@code pruned} int (tombstones pruned so far, Swiss 1.25+);
     * {@code go} string.
     *
     * @param size 1..100,000
     * @param churnOps 0..10,000,000
     * @param every 1..max(1, churnOps)
     */
    public static Table churn(int size, int churnOps, int every, long seed, String... go) {
        return TombstoneExperiments.churn(size, churnOps, every, seed, Params.releases(go));
    }

    // ---------------------------------------------------------------- growth

    /** {@link #growthTriggers(int, int, long, String)} for Go 1.23. */
    public static Table growthTriggers(int inserts, int churnOps, long seed) {
        return growthTriggers(inserts, churnOps, seed, DEFAULT_GO);
    }

    /**
     * What triggers each growth: {@code inserts} fresh keys into an empty map (phase "insert"),
     * then {@code churnOps} churn operations (phase "churn"); one row per GrowthStarted event.
     *
     * <p>Columns: {@code phase} string {@code insert}/{@code churn}; {@code step} int (1-based
     * operation within its phase: for inserts, the number of the key being inserted, so B=0's
     * first doubling is at step 9); {@code count} int (entries before the insert);
     * {@code oldB}, {@code newB} int; {@code kind} string {@code doubling}/{@code same-size};
     * {@code trigger} string {@code load factor}/{@code too many overflow buckets};
     * {@code loadFactor} double (count / 2^oldB); {@code loadLimit} double (loadFactorNum/2 ·
     * 2^oldB: 6.5·2^B, 6·2^B in Go 1.21; a doubling starts when count+1 exceeds it and 8);
     * {@code noverflow} int; {@code overflowLimit} int (2^min(oldB,15): a same-size growth starts
     * when noverflow reaches it).
     *
     * @param inserts 1..1,000,000
     * @param churnOps 0..10,000,000
     */
    public static Table growthTriggers(int inserts, int churnOps, long seed, String go) {
        return GrowthExperiments.triggers(inserts, churnOps, seed, Params.classic(go,
                "growthTriggers (load factor, overflow buckets)", "SwissExperiments.growthSteps lists each growth"));
    }

    /**
     * The growth work of each insert on each release, side by side: {@code inserts} fresh keys
     * into an empty map; one row per insert that started a growth or moved entries. The classic
     * map spreads a growth over the following inserts and deletes (at most two old buckets
     * each); a Swiss table is rebuilt or split within one insert, moving every entry it holds:
     * fewer, larger spikes.
     *
     * <p>Columns: {@code step} int (1-based insert); {@code count} int; {@code work} string (what
     * happened: "doubling started", "bucket evacuated", "table doubled", "table split", ...);
     * {@code moved} int (entries moved by this insert); {@code go}.
     *
     * @param inserts 1..1,000,000
     */
    public static Table growthCost(int inserts, long seed, String... go) {
        return GrowthExperiments.growthCost(inserts, seed, Params.releases(go));
    }

    /** {@link #evacuation(int, long, String)} for Go 1.23. */
    public static Table evacuation(int inserts, long seed) {
        return evacuation(inserts, seed, DEFAULT_GO);
    }

    /**
     * Incremental evacuation, operation by operation: {@code inserts} fresh keys into an empty
     * map, one row per insert (state after it). The {@code evacuated} column is the work Go
     * spreads over the operations of a growth: at most 2 old buckets per insert, never the whole
     * array at once.
     *
     * <p>Columns: {@code step} int (1-based insert); {@code count} int; {@code B} int;
     * {@code growing} boolean; {@code sameSize} boolean (the growth in progress keeps the size);
     * {@code nevacuate} long (hmap.nevacuate while growing, 0 otherwise); {@code oldBuckets} int
     * (old array size while growing, 0 otherwise); {@code evacuated} int (BucketEvacuated events
     * in this insert); {@code moved} int (entries they moved); {@code growthStarted},
     * {@code growthFinished} boolean (this insert started / finished a growth).
     *
     * @param inserts 1..1,000,000
     */
    public static Table evacuation(int inserts, long seed, String go) {
        return GrowthExperiments.evacuation(inserts, seed, Params.classic(go, "incremental evacuation",
                "a Swiss table is rebuilt within one insert: see growthCost or SwissExperiments.growthSteps"));
    }

    /** {@link #xySplit(int, int, long, String)} with 200 inserts per trial, Go 1.23. */
    public static Table xySplit(int trials, long seed) {
        return xySplit(trials, 200, seed, DEFAULT_GO);
    }

    /**
     * How doublings split old buckets between X (new[j]) and Y (new[j+2^oldB]): each trial inserts
     * {@code inserts} fresh keys into an empty map; one row per BucketEvacuated event of a
     * doubling (same-size growths have no Y and are left out).
     *
     * <p>Columns: {@code trial} int; {@code oldB}, {@code newB} int; {@code oldbucket} long;
     * {@code toX}, {@code toY} int (entries moved to each half); {@code moved} int (toX+toY);
     * {@code fractionY} double (toY/moved; NaN, i.e. missing, when the old bucket was empty).
     *
     * @param trials 1..1,000,000
     * @param inserts 9..1,000,000 (9 is the first doubling)
     */
    public static Table xySplit(int trials, int inserts, long seed, String go) {
        return GrowthExperiments.xySplit(trials, inserts, seed, Params.classic(go, "the X/Y split of evacuation",
                "a Swiss table splits by one more top hash bit: see SwissExperiments.growthSteps"));
    }

    // ---------------------------------------------------------------- iteration

    /** {@link #iterationStarts(int, int, long, String)} on a map of 100 keys (B=4), Go 1.23. */
    public static Table iterationStarts(int iterations, long seed) {
        return iterationStarts(iterations, 100, seed, DEFAULT_GO);
    }

    /**
     * Where range loops start: one map of {@code size} keys, {@code iterations} loops started
     * (mapiterinit draws the start) and abandoned; one row per loop.
     *
     * <p>Columns: {@code iteration} int; {@code B} int; {@code startBucket} long (0..2^B-1);
     * {@code offset} int (0..7, the slot every bucket is entered at); {@code firstKey} string.
     *
     * @param iterations 1..10,000,000
     * @param size 1..1,000,000
     */
    public static Table iterationStarts(int iterations, int size, long seed, String go) {
        return IterationExperiments.starts(iterations, size, seed, Params.classic(go,
                "iterationStarts (start bucket and slot offset)", "iterationOrders shows each loop's two offsets"));
    }

    /** {@link #iterationOrders(int, int, long, String)} on a map of 20 keys (B=2), Go 1.23. */
    public static Table iterationOrders(int runs, long seed) {
        return iterationOrders(runs, 20, seed, DEFAULT_GO);
    }

    /**
     * Whether two range loops over the same unchanged map produce the same order: {@code runs}
     * whole loops over one map of {@code size} keys, each compared with run 0.
     *
     * <p>Columns: {@code run} int; {@code start} string (the random start the loop drew: classic
     * start bucket and slot offset, Swiss entryOffset and dirOffset); {@code firstKey} string;
     * {@code sameOrderAsRun0} boolean; {@code samePositionsAsRun0} int (keys at the same index as
     * in run 0); {@code rotationOfRun0} boolean (the order is run 0's order started elsewhere:
     * false in the classic map when a different slot offset reorders slots within buckets; a
     * one-table Swiss map walks its slots linearly, so its orders are rotations); {@code go}.
     *
     * @param runs 1..1,000,000
     * @param size 1..100,000
     */
    public static Table iterationOrders(int runs, int size, long seed, String... go) {
        return IterationExperiments.orders(runs, size, seed, Params.releases(go));
    }

    /**
     * {@link #iterationDuringGrowth(int, int, int, long, String)} with 20 keys (B=2, which doubles
     * at the 27th key) and 20 inserts, Go 1.23: the first 6 inserts land in the array being
     * iterated, the later ones after a doubling that started under the loop.
     */
    public static Table iterationDuringGrowth(int trials, long seed) {
        return iterationDuringGrowth(trials, 20, 20, seed, DEFAULT_GO);
    }

    /**
     * What a range loop sees when the map grows under it: each trial fills a fresh map with
     * {@code size} keys, starts a loop, and after each key the loop produces inserts one fresh
     * key, until {@code inserts} keys are inserted or the loop ends.
     *
     * <p>Columns: {@code trial} int; {@code size} int; {@code inserted} int (keys inserted
     * during the loop); {@code startSlots}, {@code endSlots} int (the map's slots before and
     * after); {@code grewDuringIteration} boolean (a growth started during the loop); {@code oldSeen}, {@code oldMissed} int (keys present at
     * the start that the loop produced / did not produce: Go's spec guarantees 0 missed);
     * {@code newSeen}, {@code newMissed} int (keys inserted during the loop: the spec allows
     * either); {@code duplicates} int (extra productions of a key: 0 by the spec); {@code go}.
     *
     * @param trials 1..1,000,000
     * @param size 1..100,000
     * @param inserts 0..100,000
     */
    public static Table iterationDuringGrowth(int trials, int size, int inserts, long seed, String... go) {
        return IterationExperiments.duringGrowth(trials, size, inserts, seed, Params.releases(go));
    }

    // ---------------------------------------------------------------- memory

    /**
     * The key/elem types of the short memory forms: map[uint64]uint64, map[uint64]struct{},
     * map[string]uint64, map[string][200]byte (elem over 128 bytes: stored indirectly). The heap
     * model's workloads support keys uint64 and string, elems uint64, string, struct{} and [200]byte.
     */
    public static List<MapType> memoryTypes() {
        return List.of(MapType.of("uint64", "uint64"), MapType.of("uint64", "struct{}"),
                MapType.of("string", "uint64"), MapType.of("string", "[200]byte"));
    }

    /** {@link #bytesPerEntry(List, long[], String)} for {@link #memoryTypes()}, Go 1.23. */
    public static Table bytesPerEntry(long... sizes) {
        return bytesPerEntry(memoryTypes(), sizes, DEFAULT_GO);
    }

    /**
     * Live map bytes per entry versus size, from the heap model ({@code
     * maplab.memory.MemoryExperiments.bytesPerEntry}): for each type and size n, keys 0..n-1 (or
     * "k0".. for strings) are inserted and a collection is forced. Deterministic: no seed.
     *
     * <p>Columns: {@code type} string (e.g. {@code map[uint64]uint64}); {@code n} long;
     * {@code bytes} long (hmap, mapextra, bucket arrays, overflow buckets, indirect objects);
     * {@code bytesPerEntry} double.
     *
     * @param sizes each 1..10,000,000
     */
    public static Table bytesPerEntry(List<MapType> types, long[] sizes, String... go) {
        return MemoryTables.bytesPerEntry(types, sizes, Params.releases(go));
    }

    /** {@link #neverShrinks(MapType, long[], String)} for map[uint64]uint64, Go 1.23. */
    public static Table neverShrinks(long... sizes) {
        return neverShrinks(MapType.of("uint64", "uint64"), sizes, DEFAULT_GO);
    }

    /**
     * "A map never shrinks": live map bytes after a forced collection for a map of n entries,
     * full and after three ways of emptying it ({@code
     * maplab.memory.MemoryExperiments.deleteAllVsClearVsNewMap}). Deterministic: no seed.
     *
     * <p>Columns: {@code type} string; {@code n} long; {@code full} long; {@code afterDeleteAll}
     * long (every key deleted: the buckets stay); {@code afterClear} long (clear(m): the same
     * array is kept, zeroed); {@code afterNewMap} long (m = make(...): the old map is garbage).
     *
     * @param sizes each 1..10,000,000
     */
    public static Table neverShrinks(MapType type, long[] sizes, String... go) {
        return MemoryTables.neverShrinks(type, sizes, Params.releases(go));
    }
}
