package maplab.engine.swiss;

/**
 * The object the runtime allocates for one key or elem over 128 bytes (newobject at an insert);
 * the slot holds a pointer to it. Growth moves the pointer, not the object.
 */
final class Indirect {
    Object value;
    /** Its number in allocation order (ObjectKind.INDIRECT_KEY / INDIRECT_ELEM). */
    final int id;

    Indirect(Object value, int id) {
        this.value = value;
        this.id = id;
    }
}
