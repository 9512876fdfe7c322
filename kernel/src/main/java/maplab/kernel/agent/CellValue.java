package maplab.kernel.agent;

/**
 * Where a cell's last expression hands its value, in the cells' JVM. The kernel evaluates a last
 * expression {@code e} as the declaration {@code Object $maplabN = CellValue.of(e);} (or
 * {@code CellValue.call(() -> e)} when {@code e} is a method call, which may be void): JShell
 * compiles a declaration of explicit type in two javac tasks, against four for a bare
 * expression (its typing pass and the type of its {@code $N} variable come on top).
 *
 * <p>What JShell's typing pass told the kernel, the Java overload resolution tells here: which
 * {@code of} runs depends on the expression's static type, exactly as the kernel's plain types
 * went by the type name JShell reported (the primitives, String, Integer, Long, Double, Boolean:
 * shown as JShell's text; any other type: rendered). The lambda of {@code call} is compatible
 * with {@link Statement} when the call is void, and its value-returning overloads are the more
 * specific ones otherwise (JLS 15.12.2.5), each handing the value on to the {@code of} of its
 * return type. A boxed value carries no less than a primitive one: JShell's text boxes it too.
 *
 * <p>The value is not kept in the variable (each JShell wrapper class would keep its value
 * alive for the session): {@link #take} hands it to the agent once, in the thread that ran the
 * cell, right after the snippet returned.
 */
public final class CellValue {

    /** Kinds of a taken value: shown as text, rendered, or none (a void call). */
    public static final char PLAIN = 'P';
    public static final char RENDERED = 'R';
    public static final char NONE = 'V';

    private static char kind;
    private static Object value;

    private CellValue() {
    }

    /** The kind and value the last expression left, then forgets them; null when it left none. */
    static Object[] take() {
        if (kind == 0) {
            return null;
        }
        Object[] taken = {kind, value};
        kind = 0;
        value = null;
        return taken;
    }

    private static Object keep(char k, Object v) {
        kind = k;
        value = v;
        return null;
    }

    public static Object of(boolean v) {
        return keep(PLAIN, v);
    }

    public static Object of(byte v) {
        return keep(PLAIN, v);
    }

    public static Object of(short v) {
        return keep(PLAIN, v);
    }

    public static Object of(char v) {
        return keep(PLAIN, v);
    }

    public static Object of(int v) {
        return keep(PLAIN, v);
    }

    public static Object of(long v) {
        return keep(PLAIN, v);
    }

    public static Object of(float v) {
        return keep(PLAIN, v);
    }

    public static Object of(double v) {
        return keep(PLAIN, v);
    }

    public static Object of(String v) {
        return keep(PLAIN, v);
    }

    public static Object of(Integer v) {
        return keep(PLAIN, v);
    }

    public static Object of(Long v) {
        return keep(PLAIN, v);
    }

    public static Object of(Double v) {
        return keep(PLAIN, v);
    }

    public static Object of(Boolean v) {
        return keep(PLAIN, v);
    }

    public static Object of(Object v) {
        return keep(RENDERED, v);
    }

    /** A void method call. */
    public interface Statement {
        void run() throws Throwable;
    }

    public static Object call(Statement s) throws Throwable {
        s.run();
        return keep(NONE, null);
    }

    public interface OfBoolean {
        boolean get() throws Throwable;
    }

    public static Object call(OfBoolean c) throws Throwable {
        return of(c.get());
    }

    public interface OfByte {
        byte get() throws Throwable;
    }

    public static Object call(OfByte c) throws Throwable {
        return of(c.get());
    }

    public interface OfShort {
        short get() throws Throwable;
    }

    public static Object call(OfShort c) throws Throwable {
        return of(c.get());
    }

    public interface OfChar {
        char get() throws Throwable;
    }

    public static Object call(OfChar c) throws Throwable {
        return of(c.get());
    }

    public interface OfInt {
        int get() throws Throwable;
    }

    public static Object call(OfInt c) throws Throwable {
        return of(c.get());
    }

    public interface OfLong {
        long get() throws Throwable;
    }

    public static Object call(OfLong c) throws Throwable {
        return of(c.get());
    }

    public interface OfFloat {
        float get() throws Throwable;
    }

    public static Object call(OfFloat c) throws Throwable {
        return of(c.get());
    }

    public interface OfDouble {
        double get() throws Throwable;
    }

    public static Object call(OfDouble c) throws Throwable {
        return of(c.get());
    }

    public interface OfString {
        String get() throws Throwable;
    }

    public static Object call(OfString c) throws Throwable {
        return of(c.get());
    }

    public interface OfIntegerBox {
        Integer get() throws Throwable;
    }

    public static Object call(OfIntegerBox c) throws Throwable {
        return of(c.get());
    }

    public interface OfLongBox {
        Long get() throws Throwable;
    }

    public static Object call(OfLongBox c) throws Throwable {
        return of(c.get());
    }

    public interface OfDoubleBox {
        Double get() throws Throwable;
    }

    public static Object call(OfDoubleBox c) throws Throwable {
        return of(c.get());
    }

    public interface OfBooleanBox {
        Boolean get() throws Throwable;
    }

    public static Object call(OfBooleanBox c) throws Throwable {
        return of(c.get());
    }

    public interface OfObject {
        Object get() throws Throwable;
    }

    public static Object call(OfObject c) throws Throwable {
        return of(c.get());
    }
}
