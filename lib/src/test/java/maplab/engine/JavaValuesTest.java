package maplab.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Which Java values a Go type takes, on both engines: any Java integer whose number fits an
 * integer type, converted to the class the type stores; a clear refusal naming the accepted Java
 * types otherwise, the map unchanged.
 */
class JavaValuesTest {

    private static GoMap make(String key, String elem, String go) {
        return GoMaps.builder(MapType.of(key, elem)).go(go).seed(1).build();
    }

    private static String refused(Runnable call) {
        return assertThrows(IllegalArgumentException.class, call::run).getMessage();
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.23", "1.26"})
    void aStringToIntMapTakesJavaInts(String go) {
        GoMap m = make("string", "int", go);
        for (int i = 0; i < 20; i++) {
            m.set("key-" + i, i);
        }
        assertEquals(7L, m.get("key-7"), "an int elem is stored as the Long of its number");
        assertEquals(20, m.len());
        assertEquals(m.len(), m.size());
        m.set("short", (short) -3);
        m.set("byte", (byte) 4);
        assertEquals(-3L, m.get("short"));
        assertEquals(4L, m.get("byte"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.23", "1.26"})
    void anIntKeyIsTheSameKeyWhateverJavaIntegerNamesIt(String go) {
        GoMap m = make("int32", "uint8", go);
        m.set(5L, 200);
        m.set(5, (short) 201);
        assertEquals(1, m.size(), "5L and 5 are one int32 key");
        assertEquals((byte) 201, m.get((byte) 5));
        assertTrue(m.delete((short) 5));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.23", "1.26"})
    void aNumberOutsideTheTypeIsRefusedAndChangesNothing(String go) {
        GoMap m = make("int32", "uint8", go);
        m.set(1, 1);
        String before = maplab.render.TextDiagram.render(m.snapshot());
        String big = refused(() -> m.set(1L << 31, 1));
        assertTrue(big.contains("2147483648") && big.contains("int32") && big.contains("does not fit")
                && big.contains("an int or Integer"), big);
        String byteElem = refused(() -> m.set(2, 256));
        assertTrue(byteElem.contains("256") && byteElem.contains("uint8") && byteElem.contains("0 to 255"), byteElem);
        String wrong = refused(() -> m.set(2, "x"));
        assertTrue(wrong.contains("java.lang.String") && wrong.contains("uint8") && wrong.contains("a byte or Byte"),
                wrong);
        assertEquals(before, maplab.render.TextDiagram.render(m.snapshot()));
        assertEquals(1, m.len());
    }

    @ParameterizedTest
    @ValueSource(strings = {"uint64", "uint32", "uint8"})
    void unsignedTypesRefuseNegativeNumbersOfOtherClasses(String type) {
        GoMap m = make(type, "bool", "1.23");
        String msg = refused(() -> m.set((short) -1, true));
        assertTrue(msg.contains(type) && msg.contains("-1"), msg);
        String bool = refused(() -> m.set(1, 1));
        assertTrue(bool.contains("a boolean or Boolean"), bool);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.23", "1.26"})
    void float64TakesExactNumbers(String go) {
        GoMap m = make("float64", "string", go);
        m.set(2, "two");
        m.set(0.5f, "half");
        assertEquals("two", m.get(2.0));
        assertEquals("half", m.get(0.5));
        String msg = refused(() -> m.set((1L << 53) + 1, "x"));
        assertTrue(msg.contains("no exact float64"), msg);
    }
}
