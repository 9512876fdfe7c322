package maplab.bench;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/** java.util.HashMap on the same workloads as {@link EngineBench}: the peer on the JVM. */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
public class HashMapBench {

    private static final int N = Workloads.N;

    private HashMap<Long, Long> filled;
    private HashMap<String, Long> strings;
    private String[] stringKeys;
    private HashMap<Long, Long> mix;
    private long mixState;

    static HashMap<Long, Long> fill(int n) {
        HashMap<Long, Long> m = new HashMap<>();
        for (int i = 0; i < n; i++) {
            m.put(Workloads.key(i), (long) i);
        }
        return m;
    }

    @Setup(Level.Trial)
    public void setUp() {
        filled = fill(N);
        strings = new HashMap<>();
        stringKeys = new String[N];
        for (int i = 0; i < N; i++) {
            stringKeys[i] = Workloads.stringKey(i);
            strings.put(stringKeys[i], (long) i);
        }
        mix = fill(N);
        mixState = 1;
    }

    private static int insert(int n, int hint) {
        HashMap<Long, Long> m = hint < 0 ? new HashMap<>() : new HashMap<>((int) Math.ceil(hint / 0.75));
        for (int i = 0; i < n; i++) {
            m.put(Workloads.key(i), (long) i);
        }
        return m.size();
    }

    @Benchmark
    @OperationsPerInvocation(1_000)
    public int insert_1e3() {
        return insert(1_000, -1);
    }

    @Benchmark
    @OperationsPerInvocation(100_000)
    public int insert_1e5() {
        return insert(100_000, -1);
    }

    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @Warmup(iterations = 1)
    @Measurement(iterations = 3)
    @OperationsPerInvocation(10_000_000)
    public int insert_1e7() {
        return insert(10_000_000, -1);
    }

    @Benchmark
    @OperationsPerInvocation(100_000)
    public int insertHint_1e5() {
        return insert(100_000, 100_000);
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public void lookupHit_1e5(Blackhole bh) {
        for (int i = 0; i < N; i++) {
            bh.consume(filled.get(Workloads.key(i)));
        }
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public void lookupMiss_1e5(Blackhole bh) {
        for (int i = 0; i < N; i++) {
            bh.consume(filled.get(Workloads.key(N + i)));
        }
    }

    /** A freshly filled map for each delete invocation; JMH does not time the fill. */
    @State(Scope.Thread)
    public static class ToDelete {
        HashMap<Long, Long> m;

        @Setup(Level.Invocation)
        public void fill() {
            m = HashMapBench.fill(N);
        }
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public int delete_1e5(ToDelete d) {
        for (int i = 0; i < N; i++) {
            d.m.remove(Workloads.key(i));
        }
        return d.m.size();
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
                    mix.put(k, k);
                    break;
                case 1:
                    bh.consume(mix.get(k));
                    break;
                default:
                    mix.remove(k);
            }
        }
        mixState = r;
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public long iterate_1e5() {
        long sum = 0;
        for (Map.Entry<Long, Long> e : filled.entrySet()) {
            sum += e.getKey() ^ e.getValue();
        }
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
