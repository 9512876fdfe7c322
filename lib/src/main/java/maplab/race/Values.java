package maplab.race;

import java.nio.ByteBuffer;

/** Keys and elems as values with content equality (a Go array is a value; a Java byte[] is not). */
final class Values {

    private Values() {
    }

    static Object canonical(Object v) {
        return v instanceof byte[] b ? ByteBuffer.wrap(b.clone()) : v;
    }
}
