package maplab.bench;

import java.util.concurrent.TimeUnit;
import maplab.engine.classic.ClassicMap;
import maplab.engine.classic.ClassicIterator;
import maplab.engine.MapType;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The classic engine on the benchmark workloads, map[uint64]uint64 (and map[string]int), with
 * events off and with a listener that counts them. The uint64 workloads call the unboxed
 * {@code setWord/getWord/deleteWord}, as a loop over 8-byte integers should; the string lookups
 * call {@code get(Object)}. Scores are ns per map operation.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
public class EngineBench {

    private static final MapType U64 = MapType.of("uint64", "uint64");
    private static final MapType STR = MapType.of("string", "int");
    private static final int N = Workloads.N;

    @Param({"off", "on"})
    public String events;

    private long counted;
    private ClassicMap filled;
    private ClassicMap strings;
    private String[] stringKeys;
    private ClassicMap mix;
    private long mixState;

    private ClassicMap make(MapType t, long hint) {
        ClassicMap.Builder b = ClassicMap.builder(t).go("1.19").seed(1);
        if (hint >= 0) {
            b.hint(hint);
        }
        ClassicMap m = b.build();
        if (events.equals("on")) {
            m.listen(e -> counted++);
        }
        return m;
    }

    private ClassicMap fill(int n) {
        ClassicMap m = make(U64, -1);
        for (int i = 0; i < n; i++) {
            m.setWord(Workloads.key(i), i);
        }
        return m;
    }

    @Setup(Level.Trial)
    public void setUp() {
        filled = fill(N);
        strings = make(STR, -1);
        stringKeys = new String[N];
        for (int i = 0; i < N; i++) {
            stringKeys[i] = Workloads.stringKey(i);
            strings.set(stringKeys[i], (long) i);
        }
        mix = fill(N);
        mixState = 1;
    }

    private long insert(int n, long hint) {
        ClassicMap m = make(U64, hint);
        for (int i = 0; i < n; i++) {
            m.setWord(Workloads.key(i), i);
        }
        return m.len() + counted;
    }

    @Benchmark
    @OperationsPerInvocation(1_000)
    public long insert_1e3() {
        return insert(1_000, -1);
    }

    @Benchmark
    @OperationsPerInvocation(100_000)
    public long insert_1e5() {
        return insert(100_000, -1);
    }

    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @Warmup(iterations = 1)
    @Measurement(iterations = 3)
    @OperationsPerInvocation(10_000_000)
    public long insert_1e7() {
        return insert(10_000_000, -1);
    }

    @Benchmark
    @OperationsPerInvocation(100_000)
    public long insertHint_1e5() {
        return insert(100_000, 100_000);
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public void lookupHit_1e5(Blackhole bh) {
        for (int i = 0; i < N; i++) {
            bh.consume(filled.getWord(Workloads.key(i)));
        }
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public void lookupMiss_1e5(Blackhole bh) {
        for (int i = 0; i < N; i++) {
            bh.consume(filled.getWord(Workloads.key(N + i)));
        }
    }

    /** A freshly filled map for each delete invocation; JMH does not time the fill. */
    @State(Scope.Thread)
    public static class ToDelete {
        ClassicMap m;

        @Setup(Level.Invocation)
        public void fill(EngineBench b) {
            m = b.fill(N);
        }
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public long delete_1e5(ToDelete d) {
        for (int i = 0; i < N; i++) {
            d.m.deleteWord(Workloads.key(i));
        }
        return d.m.len();
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
    public long iterate_1e5() {
        long sum = 0;
        ClassicIterator it = filled.iterate();
        for (; it.hasEntry(); it.next()) {
            sum += (Long) it.key() ^ (Long) it.elem();
        }
        it.close();
        return sum;
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public void lookupString_1e5(Blackhole bh) {
        for (int i = 0; i < N; i++) {
            bh.consume(strings.get(stringKeys[i]));
        }
    }
}
