package maplab.race;

import java.nio.ByteBuffer;

/** Keys and elems as values with content equality (a Go array is a value; a Java byte[] is not): what the race classifier compares. */
final class CanonicalValues {

    private CanonicalValues() {
    }

    static Object canonical(Object v) {
        return v instanceof byte[] b ? ByteBuffer.wrap(b.clone()) : v;
    }
}
