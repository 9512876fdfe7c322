package maplab.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Issue 19 (b): the engines kept a JVM-wide, non-volatile count of hooked maps ({@code
 * Hmap.hooked}, {@code Map.hooked}) as the fast path of every step, shared by every map and
 * thread. Each map now tests its own hook; no engine class keeps mutable static state.
 */
class NoSharedStateTest {

    @Test
    void engineClassesHaveNoMutableStaticFields() throws Exception {
        List<String> mutable = new ArrayList<>();
        for (String pkg : List.of("maplab.engine", "maplab.engine.classic", "maplab.engine.swiss")) {
            for (Class<?> c : classes(pkg)) {
                for (Field f : c.getDeclaredFields()) {
                    int mod = f.getModifiers();
                    if (Modifier.isStatic(mod) && !Modifier.isFinal(mod) && !f.isSynthetic()) {
                        mutable.add(c.getName() + "." + f.getName());
                    }
                }
            }
        }
        assertEquals(List.of(), mutable);
    }

    @Test
    void aHookSeesOnlyItsOwnMapsSteps() {
        for (String go : List.of("1.19", "1.26")) {
            GoMap hooked = GoMaps.make(MapType.of("uint64", "uint64"), go);
            GoMap plain = GoMaps.make(MapType.of("uint64", "uint64"), go);
            int[] steps = {0};
            hooked.stepHook((memory, field, slot, write) -> steps[0]++);
            for (long k = 0; k < 100; k++) {
                plain.set(k, k);
            }
            assertEquals(0, steps[0], go);
            hooked.set(1L, 1L);
            assertTrue(steps[0] > 0, go);
            hooked.stepHook(null);
            int before = steps[0];
            hooked.set(2L, 2L);
            assertEquals(before, steps[0], go);
        }
    }

    private static List<Class<?>> classes(String pkg) throws IOException, URISyntaxException, ClassNotFoundException {
        Path dir = Path.of(GoMap.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .resolve(pkg.replace('.', '/'));
        List<Class<?>> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : files.filter(p -> p.toString().endsWith(".class")).toList()) {
                String name = p.getFileName().toString();
                out.add(Class.forName(pkg + "." + name.substring(0, name.length() - ".class".length()), false,
                        GoMap.class.getClassLoader()));
            }
        }
        assertTrue(out.size() > 10, pkg);
        return out;
    }
}
