package maplab.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** The harness's arithmetic and its reading of Go's benchmark output. */
class FiguresTest {

    @Test
    void medianMinMaxOfRepeatedRuns() {
        Figure odd = Figure.of(new double[] {30, 10, 20}, 8);
        assertEquals(20, odd.median());
        assertEquals(10, odd.min());
        assertEquals(30, odd.max());
        assertEquals(25, Figure.of(new double[] {40, 10, 20, 30}, 0).median());
    }

    @Test
    void goBenchmarkNamesMapToTheSameWorkloads() {
        assertEquals("insert_1e7", GoRuns.workload("Insert/n=10000000"));
        assertEquals("lookupString_1e5", GoRuns.workload("LookupString"));
        assertNull(GoRuns.workload("Unknown"));
    }

    @Test
    void workloadsMatchTheGoDefinitions() {
        // oracle/bench/workloads.go: Key(3) = 3 * 0x9E3779B97F4A7C15 mod 2^64; xorshift64 from 1.
        assertEquals(0xDAA6_6D2C_7DDF_743FL, Workloads.key(3));
        assertEquals(1082269761L, Workloads.xorshift(1));
        assertEquals(0, Workloads.mixOp(0L));            // bits 32..33 = 0: set
        assertEquals(1, Workloads.mixOp(2L << 32));      // 2: get
        assertEquals(2, Workloads.mixOp(3L << 32));      // 3: delete
    }
}
