package maplab.race;

import maplab.engine.GoType;
import maplab.engine.MapType;

/**
 * One statement of a simulated goroutine: a map operation, which runs the engine's runtime
 * function step by step, or a synchronisation operation on a named mutex, channel or WaitGroup,
 * which the scheduler carries out itself.
 */
public sealed interface Op {

    /** The statement as Go source, e.g. {@code m[1] = 1} or {@code mu.Lock()}. */
    String go();

    /** Whether this is a map operation (else a synchronisation operation). */
    default boolean onMap() {
        return this instanceof Set || this instanceof Get || this instanceof Delete
                || this instanceof Range || this instanceof Clear;
    }

    /** Whether the race detector sees a write of the map (racewritepc) rather than a read. */
    default boolean writesMap() {
        return this instanceof Set || this instanceof Delete || this instanceof Clear;
    }

    /** The runtime function the compiler calls for this statement on a map of type t. */
    default String function(MapType t) {
        if (this instanceof Set) {
            return t.variant().function("mapassign");
        }
        if (this instanceof Get) {
            return t.variant().function("mapaccess1");
        }
        if (this instanceof Delete) {
            return t.variant().function("mapdelete");
        }
        if (this instanceof Range) {
            return "mapiterinit/mapiternext";
        }
        if (this instanceof Clear) {
            return "mapclear";
        }
        return "sync";
    }

    /** {@code m[key] = elem}. */
    record Set(Object key, Object elem) implements Op {
        public String go() { return "m[" + GoType.show(key) + "] = " + GoType.show(elem); }
    }

    /** {@code v := m[key]}. */
    record Get(Object key) implements Op {
        public String go() { return "_ = m[" + GoType.show(key) + "]"; }
    }

    /** {@code delete(m, key)}. */
    record Delete(Object key) implements Op {
        public String go() { return "delete(m, " + GoType.show(key) + ")"; }
    }

    /** {@code for k, v := range m {}}: the whole iteration. */
    record Range() implements Op {
        public String go() { return "for range m {}"; }
    }

    /** {@code clear(m)} (Go 1.21+) or the range-delete idiom. */
    record Clear() implements Op {
        public String go() { return "clear(m)"; }
    }

    /** {@code name.Lock()}. */
    record Lock(String mutex) implements Op {
        public String go() { return mutex + ".Lock()"; }
    }

    /** {@code name.Unlock()}. */
    record Unlock(String mutex) implements Op {
        public String go() { return mutex + ".Unlock()"; }
    }

    /** {@code name <- struct{}{}}. */
    record Send(String channel) implements Op {
        public String go() { return channel + " <- struct{}{}"; }
    }

    /** {@code <-name}. */
    record Recv(String channel) implements Op {
        public String go() { return "<-" + channel; }
    }

    /** {@code name.Done()}. */
    record Done(String waitGroup) implements Op {
        public String go() { return waitGroup + ".Done()"; }
    }

    /** {@code name.Wait()}. */
    record Wait(String waitGroup) implements Op {
        public String go() { return waitGroup + ".Wait()"; }
    }
}
