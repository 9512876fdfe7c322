package maplab.race;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import maplab.engine.MapType;
import org.junit.jupiter.api.Test;

class ScenarioTest {

    @Test
    void integerLiteralsBecomeUint64Values() {
        Scenario s = Scenario.named("x").initial(100).goroutine(g -> g.set(1, 2)).build();
        assertEquals(Long.valueOf(100), s.initial().keySet().iterator().next());
        assertEquals(new Op.Set(1L, 2L), s.goroutines().get(0).get(0));
        assertTrue(s.goSource().contains("m[1] = 2"), s.goSource());
    }

    @Test
    void badDeclarationsNameTheProblem() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Scenario.named("x").goroutine(g -> g.lock("mu")).build());
        assertTrue(e.getMessage().contains("mutex mu is not declared"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Scenario.named("x").build());
        assertTrue(e.getMessage().contains("no goroutines"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Scenario.named("x").goroutine(g -> { }).build());
        assertTrue(e.getMessage().contains("G1 has no statements"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Scenario.named("x").goroutine(g -> g.set("a", 1)).build());
        assertTrue(e.getMessage().contains("java.lang.String"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Scenario.named("x").map("string", "int").goroutine(g -> g.set("a", 1L)).build());
        assertTrue(e.getMessage().contains("_faststr"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Scenario.named("x").mutex("a b"));
        assertTrue(e.getMessage().contains("not a Go identifier"), e.getMessage());
    }

    @Test
    void theCompilersVariantIsChosenLikeWalkMapfast() {
        assertEquals(MapType.Variant.FAST64, MapType.of("uint64", "uint64").variant());
        assertEquals(MapType.Variant.FAST32, MapType.of("uint32", "uint64").variant());
        assertEquals(MapType.Variant.FASTSTR, MapType.of("string", "int").variant());
        assertEquals(MapType.Variant.GENERIC, MapType.of("float64", "int").variant());
        assertEquals("mapassign_fast64", MapType.Variant.FAST64.function("mapassign"));
    }

    @Test
    void scheduleTextRoundTrips() {
        Schedule s = Schedule.parse(3, "G1×5 G2×2 G1×1");
        assertEquals("G1×5 G2×2 G1×1", s.toString());
        assertEquals(8, s.length());
        assertEquals(2, s.switches());
        assertEquals(s, Schedule.parse(3, "G1x5 G2x2 G1x1"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Schedule.parse(1, "G0×3"));
        assertTrue(e.getMessage().contains("G1"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Schedule.parse(1, "five"));
    }
}
