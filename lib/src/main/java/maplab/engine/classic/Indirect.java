package maplab.engine.classic;

/**
 * An object the runtime allocates for one key or elem larger than 128 bytes (newobject in
 * mapassign); the slot holds a pointer to it. Evacuation moves the pointer, not the object.
 */
final class Indirect {
    Object value;
    /** Its number in allocation order, for the heap model (MapEvent.IndirectAllocated). */
    final int id;

    Indirect(Object value, int id) {
        this.value = value;
        this.id = id;
    }
}
