package maplab.engine.classic;

/**
 * An object the runtime allocates for one key or elem larger than 128 bytes (newobject in
 * mapassign); the slot holds a pointer to it. Evacuation moves the pointer, not the object.
 */
final class Indirect {
    Object value;

    Indirect(Object value) {
        this.value = value;
    }
}
