package maplab.engine;

import java.util.Arrays;
import java.util.Objects;

/**
 * A Go type as the map runtime sees it: its size, whether it holds pointers, whether equality is
 * reflexive (floats: NaN != NaN) and whether an update must overwrite the stored key (+0.0 vs
 * -0.0, strings). Values are plain Java values; {@link #javaType()} names the class a value must
 * have, and {@link #equal} is the type's equality ({@code t.key.equal} in the runtime).
 */
public final class GoType {

    /** The value of Go's {@code struct{}}; a map[K]struct{} stores it as its elems. */
    public enum Empty { VALUE }

    public static final GoType UINT64 = scalar("uint64", 8, Long.class);
    public static final GoType INT64 = scalar("int64", 8, Long.class);
    public static final GoType INT = scalar("int", 8, Long.class);
    public static final GoType UINT32 = scalar("uint32", 4, Integer.class);
    public static final GoType INT32 = scalar("int32", 4, Integer.class);
    public static final GoType UINT8 = scalar("uint8", 1, Byte.class);
    public static final GoType BOOL = scalar("bool", 1, Boolean.class);
    public static final GoType FLOAT64 =
            new GoType("float64", 8, false, Double.class, false, true, -1);
    public static final GoType STRING = new GoType("string", 16, true, String.class, true, true, -1);
    public static final GoType EMPTY_STRUCT =
            new GoType("struct{}", 0, false, Empty.class, true, false, -1);
    /** A pointer such as {@code *T}: compared by identity, as Go compares pointers. */
    public static final GoType POINTER = new GoType("*T", 8, true, Object.class, true, false, -1);

    /** The largest array this model accepts; Go's own limit is the address space. */
    public static final int MAX_ARRAY_LENGTH = 1 << 30;

    private final String name;
    private final long size;
    private final boolean pointers;
    private final Class<?> javaType;
    private final boolean reflexive;
    private final boolean needKeyUpdate;
    private final int arrayLength;

    private GoType(String name, long size, boolean pointers, Class<?> javaType, boolean reflexive,
                   boolean needKeyUpdate, int arrayLength) {
        this.name = name;
        this.size = size;
        this.pointers = pointers;
        this.javaType = javaType;
        this.reflexive = reflexive;
        this.needKeyUpdate = needKeyUpdate;
        this.arrayLength = arrayLength;
    }

    private static GoType scalar(String name, long size, Class<?> javaType) {
        return new GoType(name, size, false, javaType, true, false, -1);
    }

    /** {@code [n]byte}: n bytes, no pointers; values are {@code byte[]} of exactly n bytes. */
    public static GoType bytes(int n) {
        if (n < 0 || n > MAX_ARRAY_LENGTH) {
            throw new IllegalArgumentException("array length out of range: [" + n + "]byte (allowed 0.."
                    + MAX_ARRAY_LENGTH + ")");
        }
        return new GoType("[" + n + "]byte", n, false, byte[].class, true, false, n);
    }

    /** The Go type by name: uint64, int64, int, uint32, int32, uint8, bool, float64, string, struct{}, *T, [N]byte. */
    public static GoType named(String goName) {
        Objects.requireNonNull(goName, "type name");
        String n = goName.strip();
        for (GoType t : new GoType[] {UINT64, INT64, INT, UINT32, INT32, UINT8, BOOL, FLOAT64, STRING,
                EMPTY_STRUCT, POINTER}) {
            if (t.name.equals(n)) {
                return t;
            }
        }
        if (n.equals("byte")) {
            return UINT8;
        }
        if (n.matches("\\[\\d{1,10}]byte")) {
            long len = Long.parseLong(n.substring(1, n.indexOf(']')));
            if (len > MAX_ARRAY_LENGTH) {
                throw new IllegalArgumentException("array length out of range: " + n);
            }
            return bytes((int) len);
        }
        throw new IllegalArgumentException("unknown Go type '" + goName + "': use uint64, int64, int, uint32, "
                + "int32, uint8, bool, float64, string, struct{}, *T or [N]byte");
    }

    public String name() { return name; }

    /** The size in bytes on amd64. */
    public long size() { return size; }

    /**
     * The alignment in bytes on amd64: a byte array and struct{} align to 1, a string and a
     * pointer to 8 (their words), a scalar to its size.
     */
    public long align() {
        return arrayLength >= 0 || size == 0 ? 1 : Math.min(size, 8);
    }

    /** Whether a value of this type holds pointers the GC scans (ptrdata != 0). */
    public boolean hasPointers() { return pointers; }

    public Class<?> javaType() { return javaType; }

    /** Whether k == k for every value (false for floats, whose NaN is unequal to itself). */
    public boolean reflexive() { return reflexive; }

    /** Whether an assignment to an existing key must store the new key (t.needkeyupdate). */
    public boolean needKeyUpdate() { return needKeyUpdate; }

    /** Go's == on two values of this type. */
    public boolean equal(Object a, Object b) {
        if (javaType == Double.class) {
            return ((Double) a).doubleValue() == ((Double) b).doubleValue();
        }
        if (javaType == byte[].class) {
            return Arrays.equals((byte[]) a, (byte[]) b);
        }
        if (javaType == Object.class) {
            return a == b;
        }
        return a.equals(b);
    }

    /**
     * Checks that {@code value} can be a value of this type, naming the problem if not. Null is
     * nil, and only a pointer type has it.
     * {@code role} says which ("key", "elem") for the message.
     */
    public void check(String role, Object value) {
        if (value == null) {
            if (javaType == Object.class) {
                return; // nil: a pointer's zero value, a valid key and elem in Go
            }
            throw new IllegalArgumentException(role + " is null, but Go has no null " + name + "; pass a "
                    + javaType.getSimpleName() + (javaType == Empty.class ? " (GoType.Empty.VALUE)" : ""));
        }
        if (!javaType.isInstance(value)) {
            throw new IllegalArgumentException(role + " " + show(value) + " is a " + value.getClass().getName()
                    + ", but the map's " + role + " type " + name + " takes a " + javaType.getName());
        }
        if (arrayLength >= 0 && ((byte[]) value).length != arrayLength) {
            throw new IllegalArgumentException(role + " has " + ((byte[]) value).length + " bytes, but the map's "
                    + role + " type is " + name);
        }
    }

    /** A copy of a value that the caller may still change (byte arrays); other values are immutable. */
    public Object own(Object value) {
        return value instanceof byte[] ? ((byte[]) value).clone() : value;
    }

    /** A short printable form of a value of this type. */
    public static String show(Object value) {
        if (value == null) {
            return "nil";
        }
        if (value instanceof byte[]) {
            byte[] b = (byte[]) value;
            return b.length <= 8 ? Arrays.toString(b) : "[" + b.length + " bytes]";
        }
        if (value instanceof String) {
            return '"' + (String) value + '"';
        }
        return String.valueOf(value);
    }

    @Override
    public String toString() {
        return name;
    }
}
