package maplab.experiment.claims;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The claims, as people make them, by topic, in the order notebook 05 shows them: slots and
 * tombstones, lookups, growth, iteration, memory, races, runtime functions cited by name, and
 * claims made about Swiss tables themselves. Where people say
 * each one is the kind of source, not a link. The checks are in {@link ClassicChecks},
 * {@link SwissChecks}, {@link SwissMythChecks} and {@link SourceChecks}, under the same ids.
 */
final class ClaimCatalogue {

    private ClaimCatalogue() {
    }

    private static Claim c(String id, String text, String whereSaid, String swiss) {
        return new Claim(id, text, whereSaid, swiss);
    }

    /** The claims by topic, in the order notebook 05 shows them. */
    static Map<String, List<Claim>> topics() {
        Map<String, List<Claim>> t = new LinkedHashMap<>();
        t.put("slots and tombstones", List.of(
                c("free-list", "Deleted slots go to a free list that the next insert takes from",
                        "blog posts comparing Go maps with textbook hash tables",
                        "Go 1.24+ has no free list either: an insert reuses the first tombstone on its probe path"),
                c("skip-emptyrest", "Inserts skip emptyRest slots and place the new key after them",
                        "blog posts on Go map internals",
                        "Go 1.24+ has no emptyRest: a control byte is empty (0x80), deleted (0xFE) or a 7-bit hash"),
                c("slot-reuse", "A slot freed by delete can be reused by a later insert",
                        "Stack Overflow answers",
                        "Go 1.24+: an insert reuses the first tombstone on its probe path"),
                c("only-growth-cleans", "Tombstones (deleted slots) are cleaned up only when the map grows",
                        "blog posts on Go map internals",
                        "Go 1.24+: inserts reuse tombstones, a delete writes none when its group has an empty slot, "
                                + "and 1.25+ can prune them in place"),
                c("tophash-markers", "A tophash of 0 means an empty slot and 0xff means the slot is being migrated",
                        "blog posts on Go map internals",
                        "Go 1.24+ has no tophash: control bytes are 0x80 empty, 0xFE deleted, 0..127 the key's H2 bits"),
                c("delete-zeroes-key", "delete zeroes the key in its slot",
                        "Stack Overflow answers",
                        "Go 1.24+ has the same rule: only keys that hold pointers are cleared")));
        t.put("lookups", List.of(
                c("full-hash", "A lookup compares the full 64-bit hash stored with each key",
                        "blog posts explaining hash tables with Go",
                        "Go 1.24+ stores 7 bits of the hash (H2) per slot, not the full hash"),
                c("tophash-first", "A lookup compares the slot's tophash byte first and the key only on a match",
                        "blog posts on Go map internals",
                        "Go 1.24+ compares the 7-bit H2 control bytes of a group first, then keys; small maps with "
                                + "4- or 8-byte keys compare keys directly"),
                c("read-evacuates", "Reading a map during a growth moves (evacuates) buckets",
                        "blog posts on incremental rehashing",
                        "Go 1.24+ has no evacuation: a table is rebuilt in one insert, and reads never change the map"),
                c("delete-postpones", "delete postpones evacuation: only inserts move buckets during a growth",
                        "blog posts on incremental rehashing",
                        "Go 1.24+ has no evacuation: a table is rebuilt in one insert")));
        t.put("growth", List.of(
                c("grows-at-6.5", "A map grows when it holds 6.5 entries per bucket on average",
                        "blog posts and talks on Go maps",
                        "Go 1.24+: a table grows when a new key needs an empty slot and 7/8 of its slots are used "
                                + "(tombstones count)"),
                c("grows-at-65-percent", "A map grows when 65 % of its slots are used",
                        "interview-preparation articles",
                        "Go 1.24+: at 7/8 of a table's slots (87.5 %), tombstones included"),
                c("grows-when-bucket-full", "A map grows when one of its buckets is full",
                        "interview-preparation articles",
                        "Go 1.24+ has no buckets: growth depends on the table's growthLeft"),
                c("growth-check-after-insert", "Growth is checked after the insert, as count >= B*6.5",
                        "blog posts on Go map internals",
                        "Go 1.24+: growth happens when a new key needs an empty slot and growthLeft is 0"),
                c("rehash-at-once", "Growing rehashes the whole map at once",
                        "Stack Overflow answers",
                        "Go 1.24+ does rebuild a table at once, but a table holds at most 1024 slots; "
                                + "a larger map is many tables"),
                c("same-size-growth", "A map can grow without getting bigger (a same-size growth)",
                        "blog posts on Go map internals",
                        "Go 1.24+ has no same-size growth: a table full of tombstones doubles"),
                c("xy-split", "When a map doubles, each old bucket's entries split about half and half "
                                + "between two new buckets",
                        "blog posts on Go map internals",
                        "Go 1.24+: a 1024-slot table splits in two by one more hash bit; smaller tables double"),
                c("make-exact", "make(map[K]V, n) allocates exactly 2^B buckets",
                        "Stack Overflow answers",
                        "Go 1.24+: tables of capacity n·8/7 rounded up to a power of two, at most 1024 slots each")));
        t.put("iteration", List.of(
                c("iteration-random", "Iteration order is random on every range loop",
                        "tutorials and blog posts",
                        "Go 1.24+: a random slot offset and directory offset per loop, tables walked linearly"),
                c("iteration-rotations", "Two range loops over the same map give rotations of one order",
                        "blog posts on map iteration",
                        "Go 1.24+: within one table the walk is linear from a random slot"),
                c("iteration-once", "A range loop produces every key that is present during the whole loop "
                                + "exactly once, even while the map grows",
                        "the Go specification (range over maps), as people read it",
                        "Go 1.24+: the specification's guarantee holds for every version"),
                c("iteration-new-never", "Keys added during a range loop are never produced by it",
                        "Stack Overflow answers",
                        "Go 1.24+: the specification allows either, in every version")));
        t.put("memory", List.of(
                c("delete-frees-nothing", "Deleting keys from a map frees no memory",
                        "Stack Overflow answers and blog posts on Go memory",
                        "Go 1.24+: delete frees no group or table either; indirect keys and elems are released as here"),
                c("shrink", "A map shrinks when its keys are deleted",
                        "forum questions about Go memory",
                        "Go 1.24+: tables and directories never shrink either"),
                c("clear-frees", "clear(m) frees the map's buckets",
                        "blog posts on the Go 1.21 clear builtin",
                        "Go 1.24+: clear zeroes the same groups and tables; nothing is freed"),
                c("old-buckets-freed-at-end", "The old buckets are freed when the growth ends",
                        "blog posts on Go map internals",
                        "Go 1.24+ has no old buckets: the replaced table becomes garbage in the same insert"),
                c("gogc-decides", "GOGC decides when a dropped map's memory comes back",
                        "blog posts on Go memory",
                        "Go 1.24+: GOGC paces the collector in the same way"),
                c("gc-moves-buckets", "The garbage collector moves or unmaps the buckets of a live map",
                        "forum questions about Go memory",
                        "Go 1.24+: the same non-moving collector")));
        t.put("races", List.of(
                c("writes-always-caught", "Two goroutines writing a map at once always die with "
                                + "'concurrent map writes'",
                        "Stack Overflow answers",
                        "Go 1.24+: the same best-effort check, a flag toggled with a plain XOR (m.writing ^= 1)"),
                c("silent-corruption", "Two goroutines writing a map at once can corrupt it without any error",
                        "Go issue discussions",
                        "Go 1.24+: the same best-effort check"),
                c("delete-during-reads-safe", "Deleting from a map while other goroutines read it is safe",
                        "forum questions about concurrency",
                        "Go 1.24+: reads test m.writing and deletes set it, as here"),
                c("race-detector-blind", "The race detector cannot see map write races",
                        "forum questions about concurrency",
                        "Go 1.24+: the map functions still call race.ReadPC / race.WritePC on the map"),
                c("race-detector-catches", "go run -race reports unsynchronised map writes even when the "
                                + "runtime's check stays silent",
                        "blog posts on the race detector",
                        "Go 1.24+: the map functions still call race.ReadPC / race.WritePC on the map")));
        t.put("runtime functions cited by name", List.of(
                c("symbol-mgcleanup", "runtime.mgcleanup frees the buckets of deleted map entries",
                        "answers that cite runtime internals",
                        "checked in the Go 1.26 source as well"),
                c("symbol-mapaccess-fast3", "mapaccess_fast3 is the runtime's lookup for small maps",
                        "answers that cite runtime internals",
                        "checked in the Go 1.26 source as well"),
                c("symbol-unsafe-mapiterate", "unsafe.MapIterate walks a map without the random start",
                        "answers that cite runtime internals",
                        "checked in the Go 1.26 source as well"),
                new Claim("symbol-mapdelete-flags", "In Go 1.22, mapdelete takes a flags parameter",
                        "answers that cite runtime internals",
                        "the claim is about Go 1.22, a classic-map release", Set.of(MapEngine.CLASSIC))));
        t.put("Swiss-table claims", List.of(
                swiss("delete-always-tombstone", "Delete always leaves a tombstone",
                        "posts on Go 1.24's Swiss tables"),
                swiss("tombstones-only-by-rehash", "Tombstones are only reclaimed when the table is rehashed",
                        "posts on Go 1.24's Swiss tables"),
                swiss("tombstones-rehash-in-place", "When tombstones fill a table it is rehashed in place at the "
                                + "same size", "posts on Swiss tables in general (Abseil's do this)"),
                swiss("h2-top-bits", "H2 is the first (top) 7 bits of the hash",
                        "a Go 1.24 \"Swiss table revolution\" post"),
                swiss("full-hash-picks-table", "The full hash selects the table",
                        "a Go 1.24 internals post"),
                swiss("table-1024-groups", "A table holds up to 1024 groups",
                        "posts on Go 1.24's Swiss tables"),
                swiss("grows-past-seven-eighths", "The map grows as soon as load passes 7/8",
                        "posts on Go 1.24's Swiss tables"),
                swiss("update-never-allocates", "Updating an existing key never allocates",
                        "answers on map performance"),
                swiss("swiss-grows-incrementally", "Swiss maps grow incrementally like the old map",
                        "answers on Go 1.24 maps"),
                swiss("iteration-probe-order", "Iteration order follows the probe sequence",
                        "posts on Go 1.24's Swiss tables")));
        return t;
    }

    /** A claim about Swiss tables only: the classic map has no such structure to be asked about. */
    private static Claim swiss(String id, String text, String whereSaid) {
        return new Claim(id, text, whereSaid, "a claim about Go 1.24+ Swiss tables", Set.of(MapEngine.SWISS));
    }

    static List<Claim> claims() {
        return topics().values().stream().flatMap(List::stream).toList();
    }
}
