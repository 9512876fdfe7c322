package maplab.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Parameters are validated with messages that say what is allowed. */
class GcSettingsTest {

    @Test
    void negativeGogcOtherThanOffIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GcSettings.defaults().gogc(-5));
        assertTrue(e.getMessage().contains("\"off\""), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> GcSettings.defaults().gogc("-1"));
        assertTrue(e.getMessage().contains("only \"off\""), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> GcSettings.defaults().gogc("fast"));
        assertTrue(GcSettings.defaults().gogc("off").gcOff());
        assertEquals(400, GcSettings.defaults().gogc(" 400 ").gogc());
    }

    @Test
    void memoryLimitBelowZeroIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GcSettings.defaults().memoryLimit(-1));
        assertTrue(e.getMessage().contains(">= 0"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> GcSettings.defaults().memoryLimit("-3MiB"));
        assertThrows(IllegalArgumentException.class, () -> GcSettings.defaults().memoryLimit("lots"));
        assertEquals(512L << 20, GcSettings.defaults().memoryLimit("512MiB").memoryLimit());
        assertEquals(GcSettings.NO_MEMORY_LIMIT, GcSettings.defaults().memoryLimit("off").memoryLimit());
    }

    @Test
    void otherParametersMustNotBeNegative() {
        assertThrows(IllegalArgumentException.class, () -> GcSettings.defaults().otherLiveBytes(-1));
        assertThrows(IllegalArgumentException.class, () -> GcSettings.defaults().otherAllocPerOp(-1));
        assertThrows(IllegalArgumentException.class, () -> GcSettings.defaults().rootScanBytes(-1));
        assertThrows(IllegalArgumentException.class, () -> GcSettings.defaults().runway(-1));
    }
}
