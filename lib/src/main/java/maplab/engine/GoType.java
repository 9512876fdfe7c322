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
     * The value of this type that {@code value} stands for, or an IllegalArgumentException naming
     * the problem. {@code role} says which ("key", "elem") for the message. An integer type takes
     * its own Java class and also any other Java integer (int, short, byte, long) whose number
     * fits the Go type's range, converted, so {@code m.set("k", 1)} works on a map[string]int;
     * float64 takes a double, a float or an integer that a double holds exactly. A value of the
     * type's own class is taken as is: a Long is a uint64's 64 bits, an Integer a uint32's 32 bits,
     * a Byte a uint8's 8 bits. Null is nil, and only a pointer type has it.
     */
    public Object check(String role, Object value) {
        if (value == null) {
            if (javaType == Object.class) {
                return null; // nil: a pointer's zero value, a valid key and elem in Go
            }
            throw new IllegalArgumentException(role + " is null, but Go has no null " + name + "; pass "
                    + accepts());
        }
        Object v = javaType.isInstance(value) ? value : convert(role, value);
        if (arrayLength >= 0 && ((byte[]) v).length != arrayLength) {
            throw new IllegalArgumentException(role + " has " + ((byte[]) v).length + " bytes, but the map's "
                    + role + " type is " + name);
        }
        return v;
    }

    /** Which Java values this type takes, for messages: e.g. "a long or Long (or an int, short or byte that fits)". */
    public String accepts() {
        if (javaType == Long.class) {
            return "a long or Long" + (name.equals("uint64") ? " (its 64 bits)" : "")
                    + ", or an int, short or byte" + (name.equals("uint64") ? " from 0 up" : "");
        }
        if (javaType == Integer.class) {
            return name.equals("uint32")
                    ? "an int or Integer (its 32 bits), or a long, short or byte from 0 to 4294967295"
                    : "an int or Integer, or a long, short or byte from -2147483648 to 2147483647";
        }
        if (javaType == Byte.class) {
            return "a byte or Byte (its 8 bits), or an int, short or long from 0 to 255";
        }
        if (javaType == Double.class) {
            return "a double or Double, or a float, int, short, byte or long that a double holds exactly";
        }
        if (javaType == byte[].class) {
            return "a byte[] of " + arrayLength + " bytes";
        }
        if (javaType == Object.class) {
            return "any Java object (compared by identity), or null for nil";
        }
        if (javaType == Boolean.class) {
            return "a boolean or Boolean";
        }
        return javaType == Empty.class ? "GoType.Empty.VALUE" : "a " + javaType.getSimpleName();
    }

    /** The numbers an integer type holds, {min, max}, or null for any other type. */
    private long[] integerRange() {
        return switch (name) {
            case "uint64" -> new long[] {0, Long.MAX_VALUE};   // a Long itself carries all 64 bits
            case "int64", "int" -> new long[] {Long.MIN_VALUE, Long.MAX_VALUE};
            case "uint32" -> new long[] {0, 0xFFFF_FFFFL};
            case "int32" -> new long[] {Integer.MIN_VALUE, Integer.MAX_VALUE};
            case "uint8" -> new long[] {0, 255};
            default -> null;
        };
    }

    private Object convert(String role, Object value) {
        boolean integer = value instanceof Long || value instanceof Integer || value instanceof Short
                || value instanceof Byte;
        long[] range = integerRange();
        if (integer && range != null) {
            long n = ((Number) value).longValue();
            if (n < range[0] || n > range[1]) {
                throw new IllegalArgumentException(role + " " + n + " (a " + value.getClass().getName()
                        + ") does not fit the map's " + role + " type " + name + ", which takes " + accepts());
            }
            return javaType == Long.class ? (Object) n : javaType == Integer.class ? (Object) (int) n : (Object) (byte) n;
        }
        if (javaType == Double.class && (integer || value instanceof Float)) {
            double d = ((Number) value).doubleValue();
            if (value instanceof Long l && (d == 0x1p63 || (long) d != l)) {
                throw new IllegalArgumentException(role + " " + l + " (a java.lang.Long) has no exact float64"
                        + " value; pass the double you mean");
            }
            return d;
        }
        throw new IllegalArgumentException(role + " " + show(value) + " is a " + value.getClass().getName()
                + ", but the map's " + role + " type " + name + " takes " + accepts());
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
