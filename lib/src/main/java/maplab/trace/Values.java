package maplab.trace;

import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonPrimitive;
import maplab.engine.GoType;

/**
 * Keys and elems as the trace format writes them: integers as decimal strings (they may exceed
 * 2^53), strings as JSON strings, {@code [N]byte} as the decimal value of its first 8 bytes read
 * little-endian, pointers ({@code *T}) as the decimal number the trace gives the object they point
 * to, 0 for nil.
 */
final class Values {

    private Values() {
    }

    /** A pointer key or elem of a trace: the object numbered {@code n} (compared by identity, as Go compares pointers). */
    static final class Pointer {
        final long n;

        private Pointer(long n) {
            this.n = n;
        }

        @Override
        public String toString() {
            return "*T#" + n;
        }
    }

    /**
     * The objects of one trace's pointers: the same number is the same object, so that the
     * model's identity comparison sees the runtime's pointer equality.
     */
    static final class Pointers {
        private final java.util.Map<Long, Pointer> byNumber = new java.util.HashMap<>();

        /** The one object of a decoded pointer; other values unchanged. */
        Object intern(Object v) {
            return v instanceof Pointer p ? byNumber.computeIfAbsent(p.n, Pointer::new) : v;
        }
    }

    /**
     * A slot's key or elem: null in a slot that is not live is JSON null, and in a live slot of a
     * pointer type it is nil, written "0".
     */
    static JsonElement encode(GoType t, Object v, boolean live) {
        if (v == null) {
            return live && t == GoType.POINTER ? new JsonPrimitive("0") : JsonNull.INSTANCE;
        }
        return encode(t, v);
    }

    static JsonElement encode(GoType t, Object v) {
        if (v == null && t == GoType.POINTER) {
            return new JsonPrimitive("0"); // nil
        }
        if (v == null) {
            return JsonNull.INSTANCE;
        }
        if (v instanceof byte[]) {
            byte[] b = (byte[]) v;
            long x = 0;
            for (int i = Math.min(8, b.length) - 1; i >= 0; i--) {
                x = (x << 8) | (b[i] & 0xff);
            }
            return new JsonPrimitive(Long.toUnsignedString(x));
        }
        if (v instanceof String) {
            return new JsonPrimitive((String) v);
        }
        if (v instanceof Pointer p) {
            return new JsonPrimitive(Long.toString(p.n));
        }
        if (v instanceof Long && t == GoType.UINT64) {
            return new JsonPrimitive(Long.toUnsignedString((Long) v));
        }
        if (v instanceof Integer && t == GoType.UINT32) {
            return new JsonPrimitive(Integer.toUnsignedString((Integer) v));
        }
        return new JsonPrimitive(String.valueOf(v));
    }

    /** Parses a value of type t; throws IllegalArgumentException naming what is wrong. */
    static Object decode(GoType t, JsonElement e, String what) {
        if (e == null || e.isJsonNull()) {
            throw new IllegalArgumentException(what + " is missing");
        }
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) {
            throw new IllegalArgumentException(what + " must be a JSON string, got " + e);
        }
        String s = e.getAsString();
        try {
            if (t == GoType.STRING) {
                return s;
            }
            if (t == GoType.UINT64) {
                return Long.parseUnsignedLong(s);
            }
            if (t == GoType.INT64 || t == GoType.INT) {
                return Long.parseLong(s);
            }
            if (t == GoType.UINT32) {
                return Integer.parseUnsignedInt(s);
            }
            if (t == GoType.INT32) {
                return Integer.parseInt(s);
            }
            if (t == GoType.POINTER) {
                long n = Long.parseLong(s);
                if (n < 0) {
                    throw new NumberFormatException();
                }
                return n == 0 ? null : new Pointer(n); // 0 is nil
            }
            if (t.javaType() == byte[].class) {
                long x = Long.parseUnsignedLong(s);
                byte[] b = new byte[(int) t.size()];
                for (int i = 0; i < Math.min(8, b.length); i++) {
                    b[i] = (byte) (x >>> (8 * i));
                }
                return b;
            }
        } catch (NumberFormatException nfe) {
            throw new IllegalArgumentException(what + " '" + s + "' is not a " + t + " in decimal");
        }
        throw new IllegalArgumentException(what + ": type " + t + " is not in trace format version 1");
    }

    /** A hash or seed written as "0x" and hex digits. */
    static long hex(JsonElement e, String what) {
        if (e == null || e.isJsonNull()) {
            throw new IllegalArgumentException(what + " is missing");
        }
        String s = e.isJsonPrimitive() ? e.getAsString() : "";
        if (!s.startsWith("0x") || s.length() < 3 || s.length() > 18) {
            throw new IllegalArgumentException(what + " must be \"0x\" and up to 16 hex digits, got " + e);
        }
        try {
            return Long.parseUnsignedLong(s.substring(2), 16);
        } catch (NumberFormatException nfe) {
            throw new IllegalArgumentException(what + " '" + s + "' is not hexadecimal");
        }
    }

    static String hex64(long v) {
        return String.format("0x%016x", v);
    }

    static String hex32(int v) {
        return String.format("0x%08x", v);
    }
}
