package maplab.bench;

import java.util.concurrent.TimeUnit;
import maplab.engine.MapType;
import maplab.engine.swiss.SwissIterator;
import maplab.engine.swiss.SwissMap;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The Swiss engine (Go 1.26's rules) on the benchmark workloads, map[uint64]uint64 (and
 * map[string]int), with events off and with a listener that counts them, through the API a user
 * calls: the unboxed {@code setWord/getWord/deleteWord(long...)} for the uint64 workloads,
 * {@code get(Object)} for strings, {@code iterate()}; lookup hits also through {@code get(Object)}
 * (lookupHitObject). Scores are ns per map operation.
 *
 * <p>The sized workloads (insert, lookup hit and miss, delete, iterate at 10^3-10^6 entries) do
 * {@link #BATCH} operations per invocation and carry their position over to the next one, as
 * oracle/bench's Go benchmarks carry theirs over b.N: an insert makes a new map each time the
 * previous one holds n keys, a lookup walks the n keys in turn, a delete empties a filled map
 * (refilled untimed), an iteration starts a new range loop when one ends.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
public class SwissBench {

    /** Operations per invocation of a sized workload: at most the smallest size. */
    static final int BATCH = 1_000;

    private static final MapType U64 = MapType.of("uint64", "uint64");
    private static final MapType STR = MapType.of("string", "int");
    private static final int N = Workloads.N;

    @Param({"off", "on"})
    public String events;

    private long counted;
    private SwissMap strings;
    private String[] stringKeys;
    private SwissMap mix;
    private long mixState;

    SwissMap make(MapType t, long hint) {
        SwissMap.Builder b = SwissMap.builder(t).go("1.26").seed(1);
        if (hint >= 0) {
            b.hint(hint);
        }
        SwissMap m = b.build();
        if (events.equals("on")) {
            m.listen(e -> counted++);
        }
        return m;
    }

    SwissMap fill(int n) {
        SwissMap m = make(U64, -1);
        for (int i = 0; i < n; i++) {
            m.setWord(Workloads.key(i), i);
        }
        return m;
    }

    /** Builds only the maps this JVM's benchmark uses (each benchmark runs in its own fork). */
    @Setup(Level.Trial)
    public void setUp(BenchmarkParams params) {
        String name = params.getBenchmark();
        if (name.endsWith(".lookupString_1e5")) {
            strings = make(STR, -1);
            stringKeys = new String[N];
            for (int i = 0; i < N; i++) {
                stringKeys[i] = Workloads.stringKey(i);
                strings.set(stringKeys[i], (long) i);
            }
        }
        if (name.endsWith(".mix_1e5")) {
            mix = fill(N);
            mixState = 1;
        }
    }

    /** The size of a sized workload, and where it stands between invocations. */
    @State(Scope.Thread)
    public static class Sized {
        @Param({"1000", "10000", "100000", "1000000"})
        public int size;

        SwissMap filled;
        SwissMap inserting;
        SwissIterator it;
        int next;

        @Setup(Level.Trial)
        public void setUp(SwissBench b, BenchmarkParams params) {
            String name = params.getBenchmark();
            if (name.contains(".lookup") || name.endsWith(".iterate")) {
                filled = b.fill(size);
            }
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            if (it != null) {
                it.close();
            }
        }
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long insert(Sized s) {
        SwissMap m = s.inserting;
        int j = s.next;
        for (int i = 0; i < BATCH; i++) {
            if (j == 0) {
                m = make(U64, -1);
            }
            m.setWord(Workloads.key(j), j);
            if (++j == s.size) {
                j = 0;
            }
        }
        s.inserting = m;
        s.next = j;
        return m.len() + counted;
    }

    /**
     * Lookup hits through {@code get(Object)}, which boxes the key it is given and the elem it
     * returns: what the Object API costs beside {@link #lookupHit}.
     */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void lookupHitObject(Sized s, Blackhole bh) {
        SwissMap m = s.filled;
        int j = s.next;
        for (int i = 0; i < BATCH; i++) {
            bh.consume(m.get(Workloads.key(j)));
            if (++j == s.size) {
                j = 0;
            }
        }
        s.next = j;
    }

    /** Lookup hits through the unboxed {@link SwissMap#getWord}. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long lookupHit(Sized s) {
        SwissMap m = s.filled;
        int j = s.next;
        long sum = 0;
        for (int i = 0; i < BATCH; i++) {
            sum += m.getWord(Workloads.key(j));
            if (++j == s.size) {
                j = 0;
            }
        }
        s.next = j;
        return sum;
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void lookupMiss(Sized s, Blackhole bh) {
        SwissMap m = s.filled;
        int j = s.next;
        for (int i = 0; i < BATCH; i++) {
            bh.consume(m.getWord(Workloads.key(s.size + j)));
            if (++j == s.size) {
                j = 0;
            }
        }
        s.next = j;
    }

    /** A filled map to empty, refilled (untimed, before an invocation) once it is empty. */
    @State(Scope.Thread)
    public static class ToDelete {
        SwissMap m;
        int next;

        @Setup(Level.Invocation)
        public void refill(SwissBench b, Sized s) {
            if (m == null || next == s.size) {
                m = b.fill(s.size);
                next = 0;
            }
        }
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long delete(Sized s, ToDelete d) {
        SwissMap m = d.m;
        int j = d.next;
        for (int i = 0; i < BATCH; i++) {
            m.deleteWord(Workloads.key(j++));
        }
        d.next = j;
        return m.len();
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long iterate(Sized s) {
        long sum = 0;
        SwissIterator it = s.it;
        for (int i = 0; i < BATCH; i++) {
            if (it == null || !it.hasEntry()) {
                if (it != null) {
                    it.close();
                }
                it = s.filled.iterate();
            }
            sum += (Long) it.key() ^ (Long) it.elem();
            it.next();
        }
        s.it = it;
        return sum;
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public long insertHint_1e5() {
        SwissMap m = make(U64, N);
        for (int i = 0; i < N; i++) {
            m.setWord(Workloads.key(i), i);
        }
        return m.len() + counted;
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public void mix_1e5(Blackhole bh) {
        long r = mixState;
        for (int i = 0; i < N; i++) {
            r = Workloads.xorshift(r);
            long k = Workloads.mixKey(r, N);
            switch (Workloads.mixOp(r)) {
                case 0:
                    mix.setWord(k, k);
                    break;
                case 1:
                    bh.consume(mix.getWord(k));
                    break;
                default:
                    mix.deleteWord(k);
            }
        }
        mixState = r;
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public void lookupString_1e5(Blackhole bh) {
        for (int i = 0; i < N; i++) {
            bh.consume(strings.get(stringKeys[i]));
        }
    }
}
