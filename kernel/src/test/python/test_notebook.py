"""A notebook run headless with nbclient, its outputs asserted by MIME type and content.

The notebook (kernel/src/test/notebooks/kernel-tour.ipynb) draws a Go map, shows a Tablesaw table
and an XChart chart, fails in one cell, and loops forever in another, which the harness
interrupts through nbclient's per-cell timeout; the cell after it proves the session survived.
"""
import base64
import os
import unittest

import nbformat
from nbclient import NotebookClient

from kernel_harness import KERNEL_NAME

NOTEBOOK = os.path.join(os.path.dirname(__file__), "..", "notebooks", "kernel-tour.ipynb")


def outputs_of(cell, output_type=None):
    return [o for o in cell.outputs if output_type is None or o.output_type == output_type]


class NotebookTests(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        nb = nbformat.read(NOTEBOOK, as_version=4)
        client = NotebookClient(
            nb, kernel_name=KERNEL_NAME, allow_errors=True, interrupt_on_timeout=True,
            # The looping cell gets 3 s, then nbclient interrupts the kernel, as a user would.
            timeout_func=lambda cell: 3 if "interrupt" in cell.metadata.get("tags", []) else 60)
        client.execute()
        cls.cells = {c.metadata["tags"][0]: c for c in nb.cells if c.cell_type == "code" and c.metadata.get("tags")}

    def test_model_renders_as_svg_with_text_fallback(self):
        (result,) = outputs_of(self.cells["model"], "execute_result")
        svg = result.data["image/svg+xml"]
        self.assertTrue(svg.startswith("<svg"))
        self.assertNotIn("<script", svg)
        self.assertIn("oldbuckets", svg, "the map is caught mid-growth")
        self.assertIn("#b9cdf0", svg, "evacuated slots have their colour")
        self.assertIn("count=27", result.data["text/plain"])

    def test_growth_is_displayed_step_by_step(self):
        displays = outputs_of(self.cells["display"], "display_data")
        self.assertGreaterEqual(len(displays), 1)
        self.assertIn("image/svg+xml", displays[0].data)

    def test_tablesaw_table_is_html_and_text(self):
        (result,) = outputs_of(self.cells["table"], "execute_result")
        self.assertIn("<table", result.data["text/html"])
        self.assertIn("load factor", result.data["text/html"])
        self.assertIn("keys", result.data["text/plain"])

    def test_xchart_chart_is_png_and_svg(self):
        (result,) = outputs_of(self.cells["chart"], "execute_result")
        png = base64.b64decode(result.data["image/png"])
        self.assertEqual(png[:8], b"\x89PNG\r\n\x1a\n")
        self.assertIn("<svg", result.data["image/svg+xml"])

    def test_error_cell_shows_the_exception_and_user_frames(self):
        (error,) = outputs_of(self.cells["error"], "error")
        self.assertEqual(error.ename, "java.lang.ArithmeticException")
        self.assertTrue(any("divide" in line for line in error.traceback), error.traceback)

    def test_long_loop_was_interrupted_and_state_survived(self):
        (error,) = outputs_of(self.cells["interrupt"], "error")
        self.assertEqual(error.ename, "Interrupted")
        (result,) = outputs_of(self.cells["after"], "execute_result")
        self.assertEqual(result.data["text/plain"], "27")


def plain_texts(nb):
    """Every text/plain shown by the notebook's code cells, in order."""
    out = []
    for c in nb.cells:
        if c.cell_type != "code":
            continue
        for o in c.outputs:
            text = o.get("data", {}).get("text/plain") or o.get("text")
            if text:
                out.append(text if isinstance(text, str) else "".join(text))
    return out


def rows_of(html):
    """The body rows of one Tablesaw table's HTML, as lists of cell texts."""
    import html as entities
    import re
    rows = re.findall(r"<tr>(.*?)</tr>", html, re.S)
    return [[entities.unescape(re.sub("<.*?>", "", x)).strip() for x in re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", r, re.S)]
            for r in rows][1:]


def table_rows(nb, title):
    """The rows of the first Tablesaw table whose HTML mentions title, as lists of cell texts."""
    for c in nb.cells:
        for o in c.get("outputs", []):
            html = o.get("data", {}).get("text/html", "")
            if title in html:
                return rows_of(html)
    return None


def all_table_rows(nb, title):
    """The rows of every Tablesaw table whose HTML mentions title, in order."""
    out = []
    for c in nb.cells:
        for o in c.get("outputs", []):
            html = o.get("data", {}).get("text/html", "")
            if title in html:
                out.extend(rows_of(html))
    return out


ALL = "1.19, 1.21, 1.22, 1.23"
SWISS = "1.24, 1.25, 1.26"
CLASSIC_MAP = "classic buckets (Go 1.19–1.23)"
SWISS_MAP = "Swiss tables (Go 1.24+)"
SWISS_ONLY = ("", "does not apply: the claim is about Swiss tables (Go 1.24+)")


def both(verdict):
    """The same verdict on every release of both designs."""
    return {CLASSIC_MAP: (ALL, verdict), SWISS_MAP: (SWISS, verdict)}


def pair(classic, swiss):
    return {CLASSIC_MAP: classic, SWISS_MAP: swiss}


def swiss_only(verdict):
    return {CLASSIC_MAP: SWISS_ONLY, SWISS_MAP: (SWISS, verdict)}


# Every claim of maplab.experiment.claims with, for each map design, the Go versions its experiment
# ran on and its verdict, as lib's ClaimsTest pins them: a notebook that shows a claim must show these.
CLAIMS = {
    "Deleted slots go to a free list that the next insert takes from": both("false"),
    "Inserts skip emptyRest slots and place the new key after them": both("false"),
    "A slot freed by delete can be reused by a later insert": both("true"),
    "Tombstones (deleted slots) are cleaned up only when the map grows": both("false"),
    "A tophash of 0 means an empty slot and 0xff means the slot is being migrated": both("false"),
    "delete zeroes the key in its slot": both("partly: only keys that hold pointers (strings, pointers) are cleared; "
                                              "pointer-free inline keys keep their bytes"),
    "A lookup compares the full 64-bit hash stored with each key": both("false"),
    "A lookup compares the slot's tophash byte first and the key only on a match": pair(
        (ALL, "partly: for the generic mapaccess1; mapaccess1_fast32 and _fast64 (4- and 8-byte keys, elems up to "
              "128 bytes) compare the key first and read tophash only to skip empty slots"),
        (SWISS, "partly: for tables, where the H2 control bytes of a group are compared first, and small maps of "
                "other keys; a small map of 4- or 8-byte keys (the _fast32 and _fast64 lookups) compares the key of "
                "every slot up to the last full one, emptied slots included, and no H2")),
    "Reading a map during a growth moves (evacuates) buckets": both("false"),
    "delete postpones evacuation: only inserts move buckets during a growth": pair(
        (ALL, "false"),
        (SWISS, "partly: no delete moves an entry and only inserts rebuild tables, but nothing is postponed: a table "
                "is rebuilt whole within the insert that needs the room")),
    "A map grows when it holds 6.5 entries per bucket on average": pair(
        (ALL, "false for Go 1.21; partly for Go 1.19, 1.22, 1.23: from 2 buckets on; a one-bucket map grows at its "
              "9th key"),
        (SWISS, "false")),
    "A map grows when 65 % of its slots are used": both("false"),
    "A map grows when one of its buckets is full": both("false"),
    "Growth is checked after the insert, as count >= B*6.5": both("false"),
    "Growing rehashes the whole map at once": pair(
        (ALL, "false"),
        (SWISS, "partly: each table is rebuilt whole within one insert, but a map of several tables (over 1024 slots) "
                "grows one table at a time, a table at most 1024 slots")),
    "A map can grow without getting bigger (a same-size growth)": pair((ALL, "true"), (SWISS, "false")),
    "When a map doubles, each old bucket's entries split about half and half between two new buckets": pair(
        (ALL, "true"),
        (SWISS, "partly: a 1024-slot table splits in two by one more hash bit, about half each; a smaller table "
                "doubles into one new table")),
    "make(map[K]V, n) allocates exactly 2^B buckets": pair(
        (ALL, "false"),
        (SWISS, "partly: exactly the tables' groups, nothing spare, but a hint over 896 is spread over tables of at "
                "most 1024 slots, each rounded up to a power of two")),
    "Iteration order is random on every range loop": pair(
        (ALL, "partly: the start bucket and the slot offset are random, so there are at most 8·2^B orders (here 32), "
              "and loops repeat them"),
        (SWISS, "partly: each loop draws a random slot offset (and directory offset) and walks the slots linearly "
                "from it, so there are at most as many orders as slots (here 32), and loops repeat them")),
    "Two range loops over the same map give rotations of one order": pair(
        (ALL, "false"),
        (SWISS, "partly: for a map of one table (up to 1024 slots); a map of several tables is walked table by "
                "table, each from the same slot offset, which is no rotation of the whole")),
    "A range loop produces every key that is present during the whole loop exactly once, even while the map grows":
        both("true"),
    "Keys added during a range loop are never produced by it": both("false"),
    "Deleting keys from a map frees no memory": pair(
        (ALL, "partly: true of the buckets and of keys and elems stored inline without pointers; the objects of "
              "indirect keys and elems (over 128 bytes), and what pointer keys and elems point to, become garbage"),
        (SWISS, "partly: true of the groups and tables and of keys and elems stored inline; the objects of indirect "
                "keys and elems (over 128 bytes), and what pointer keys and elems point to, become garbage")),
    "A map shrinks when its keys are deleted": both("false"),
    "clear(m) frees the map's buckets": both("false"),
    "The old buckets are freed when the growth ends": pair(
        ("1.19", "partly: the old array becomes garbage when the growth ends, unless an iterator still points into "
                 "it; the next GC cycle frees it, back to the Go heap (not to the OS)"),
        ("1.26", "partly: there are no old buckets: a replaced table's groups become garbage in the insert that "
                 "rebuilt it, unless an iterator still points into them; the next GC cycle frees them, back to the "
                 "Go heap (not to the OS)")),
    "GOGC decides when a dropped map's memory comes back": pair(("1.19", "true"), ("1.26", "true")),
    "The garbage collector moves or unmaps the buckets of a live map": both("false"),
    "Two goroutines writing a map at once always die with 'concurrent map writes'": pair(("1.19", "false"),
                                                                                         ("1.26", "false")),
    "Two goroutines writing a map at once can corrupt it without any error": pair(("1.19", "true"), ("1.26", "true")),
    "Deleting from a map while other goroutines read it is safe": pair(("1.19", "false"), ("1.26", "false")),
    "The race detector cannot see map write races": pair(("1.19", "false"), ("1.26", "false")),
    "go run -race reports unsynchronised map writes even when the runtime's check stays silent": pair(
        ("1.19", "true"), ("1.26", "true")),
    "runtime.mgcleanup frees the buckets of deleted map entries": both("false"),
    "mapaccess_fast3 is the runtime's lookup for small maps": both("false"),
    "unsafe.MapIterate walks a map without the random start": both("false"),
    "In Go 1.22, mapdelete takes a flags parameter": pair(
        ("1.22", "false"), ("", "does not apply: the claim is about Go 1.22, a classic-map release")),
    "Delete always leaves a tombstone": swiss_only("false"),
    "Tombstones are only reclaimed when the table is rehashed": swiss_only("false"),
    "When tombstones fill a table it is rehashed in place at the same size": swiss_only("false"),
    "H2 is the first (top) 7 bits of the hash": swiss_only("false"),
    "The full hash selects the table": swiss_only("false"),
    "A table holds up to 1024 groups": swiss_only("false"),
    "The map grows as soon as load passes 7/8": swiss_only("false"),
    "Updating an existing key never allocates": swiss_only("false"),
    "Swiss maps grow incrementally like the old map": swiss_only("false"),
    "Iteration order follows the probe sequence": swiss_only("false"),
}

CLAIM_COLUMNS = 7  # claim, where people say it, map, experiment, Go versions, measured answer, verdict


def check_claims(test, nb, name, claims):
    """The computed claims tables of a notebook: a row per claim and map design, for `claims` claims in all,
    each row with its pinned versions and verdict."""
    rows = all_table_rows(nb, "claims checked on the model")
    test.assertEqual(len(rows), 2 * claims, name + ": a classic and a Swiss row for each claim shown")
    for row in rows:
        test.assertEqual(len(row), CLAIM_COLUMNS, name + ": columns of " + row[0])
        test.assertIn(row[0], CLAIMS, name + ": a claim of the catalogue")
        test.assertIn(row[2], (CLASSIC_MAP, SWISS_MAP), name + ": the map design of " + row[0])
        test.assertEqual((row[4], row[6]), CLAIMS[row[0]][row[2]],
                         name + ": versions and verdict of " + row[0] + " on " + row[2])
        measured = not row[6].startswith("does not apply")
        test.assertEqual(bool(row[5]), measured, name + ": a measured answer exactly where measured, " + row[0])
    for claim in {r[0] for r in rows}:
        test.assertEqual(sorted(r[2] for r in rows if r[0] == claim), sorted([CLASSIC_MAP, SWISS_MAP]),
                         name + ": both designs of " + claim)
    return rows


def streams(nb):
    return "".join(o.get("text", "") for c in nb.cells if c.cell_type == "code" for o in c.outputs
                   if o.output_type == "stream")


def check_00(test, nb):
    texts = plain_texts(nb)
    test.assertTrue(any("100:1" in t for t in texts), "00: the new key 100 took key 2's slot")
    test.assertTrue(any("GrowthStarted" in t for t in texts), "00: the 9th key starts a growth")


def check_01(test, nb):
    sizes = {r[0]: r[1] for r in table_rows(nb, "bucket sizes")}
    test.assertEqual(sizes["map[uint64]uint64"], "144")
    test.assertEqual(sizes["map[string]int"], "208")
    keys = table_rows(nb, "keys and their buckets")
    test.assertTrue(keys and all(r[-1].startswith("buckets#") for r in keys), "01: every key found where its hash says")
    lookup = {r[0]: r[1] for r in table_rows(nb, "runtime functions by map type")}
    test.assertEqual(lookup["map[uint64]uint64"], "mapaccess1_fast64")
    test.assertEqual(lookup["map[uint32]uint64"], "mapaccess1_fast32")
    test.assertEqual(lookup["map[string]int"], "mapaccess1_faststr")
    test.assertEqual(lookup["map[float64]uint64"], "mapaccess1", "01: float keys take the generic path")
    test.assertEqual(lookup["map[uint64][200]byte"], "mapaccess1", "01: an elem over 128 bytes takes the generic path")
    check_claims(test, nb, "01", 3)


def check_02(test, nb):
    summary = {r[0]: int(r[1]) for r in table_rows(nb, "slot reuse summary")}
    test.assertGreater(summary["emptyOne (deleted slot)"], 0, "02: a reused tombstone slot")
    test.assertGreater(summary["emptyRest (deleted slot)"], 0, "02: a deleted trailing slot is emptyRest, and reused")
    test.assertGreater(summary["emptyRest (no key deleted there)"], 0)
    check_claims(test, nb, "02", 6)


def check_03(test, nb):
    points = table_rows(nb, "doubling points")
    test.assertEqual(points[0], ["8", "8"], "03: at B = 0 both double at the 9th key")
    test.assertEqual(points[1], ["12", "13"], "03: Go 1.21 doubles at 13 keys, 1.23 at 14")
    # Columns: phase, step, count, oldB, newB, kind, trigger, loadFactor, loadLimit, noverflow, overflowLimit.
    growths = table_rows(nb, "growth triggers")
    same = [r for r in growths if r[5] == "same-size"]
    test.assertTrue(same, "03: the growth-trigger table shows a same-size growth")
    for r in same:
        test.assertEqual((r[0], r[3], r[6]), ("churn", r[4], "too many overflow buckets"), "03: a same-size growth " + str(r))
        test.assertEqual(int(r[9]), int(r[10]), "03: it starts when noverflow reaches 2^min(B,15)")
        test.assertLessEqual(int(r[2]) + 1, float(r[8]), "03: with the load factor under its limit")
    for r in growths:
        if r[5] == "doubling":
            test.assertGreater(int(r[2]) + 1, max(8, float(r[8])), "03: a doubling once count+1 > 8 and 6.5*2^B")
    drawn = [t for t in plain_texts(nb) if "same-size-growing" in t]
    test.assertTrue(drawn, "03: a map is drawn during a same-size growth")
    packed = {r[0]: (int(r[1]), int(r[2])) for r in table_rows(nb, "a same-size growth: before and after")}
    (old_buckets, old_overflow), (new_buckets, new_overflow) = packed.values()
    test.assertEqual(old_buckets, new_buckets, "03: the same size")
    test.assertGreaterEqual(old_overflow, 1, "03: the old array carried overflow buckets")
    test.assertLess(new_overflow, old_overflow, "03: the growth packed them")
    # The outputs are what ./maplab report embeds: charts of thousands of points come as PNG, not
    # multi-megabyte SVG (the report was 4.1 MB).
    size = sum(len(v) if isinstance(v, str) else len("".join(v)) for c in nb.cells if c.cell_type == "code"
               for o in c.outputs for v in o.get("data", {}).values())
    test.assertLess(size, 1_500_000, "03: outputs of %d bytes" % size)
    check_claims(test, nb, "03", 9)


def check_04(test, nb):
    during = {r[0]: int(r[1]) for r in table_rows(nb, "iteration while the map grows")}
    test.assertEqual(during["old keys missed"], 0)
    test.assertEqual(during["old keys produced twice"], 0)
    test.assertGreater(during["loops where the map grew"], 0)
    # Columns: run, start ("bucket b, offset o"), firstKey, sameOrderAsRun0, samePositionsAsRun0,
    # rotationOfRun0, go.
    orders = table_rows(nb, "iteration order between runs")
    offset = lambda r: r[1].split("offset ")[1]
    test.assertTrue(any(r[5] == "false" for r in orders), "04: not every order is a rotation of the first")
    test.assertTrue(all((r[5] == "true") == (offset(r) == offset(orders[0])) for r in orders),
                    "04: a rotation of run 0 exactly where the offset is run 0's")
    check_claims(test, nb, "04", 4)


def check_05(test, nb):
    rows = check_claims(test, nb, "05", len(CLAIMS))
    test.assertEqual({r[0] for r in rows}, set(CLAIMS), "05: every claim, on both designs")
    counts = table_rows(nb, "verdicts")
    for column, design in ((1, "classic"), (2, "Swiss")):
        test.assertEqual(sum(int(r[column]) for r in counts), len(CLAIMS), "05: the " + design + " counts add up")
    swiss = {r[0]: r[6] for r in rows if r[2] == SWISS_MAP}
    test.assertFalse([c for c, v in swiss.items() if v.startswith("not measured")], "05: every Swiss verdict measured")


def check_06(test, nb):
    old = {r[0]: int(r[1]) for r in table_rows(nb, "old buckets")}
    test.assertGreater(old["old array kept alive by the iterator"], 0, "06: an open iterator pins the old array")
    inline = table_rows(nb, "memory after emptying map[uint64]uint64")
    test.assertTrue(inline and all(r[2] == r[3] for r in inline), "06: deleting every key of a uint64 map frees nothing")
    indirect = table_rows(nb, "memory after emptying map[uint64][200]byte")
    test.assertTrue(indirect and all(int(r[3]) < int(r[2]) for r in indirect),
                    "06: deleting releases indirect elems")
    # Shown on every run: a fresh ./maplab test's results, else the committed data/runtime/go1.19.
    live = table_rows(nb, "live map bytes")
    test.assertTrue(live, "06: the real-runtime comparison is shown")
    test.assertTrue(all(r[-1] == "true" for r in live), "06: every live-bytes figure within its bound")
    test.assertTrue(table_rows(nb, "GC cycles for 10^6 inserts"), "06: the GC-cycle comparison is shown")
    test.assertRegex(streams(nb), r"(committed data|the fresh run) of .*: go1\.19\.\d+", "06: which data, which Go")
    for release in ("1.24", "1.26"):
        test.assertRegex(streams(nb), r"Go %s: live bytes (\d+) of \1 maps exact; GC cycles (\d+) of \2 bounded" % release,
                         "06: every Swiss figure of Go %s within its bound" % release)
    test.assertRegex(streams(nb), r"(committed data|the fresh run) of .*: go1\.26\.\d+", "06: which data, which Go")
    back = [int(r[1]) for r in table_rows(nb, "memory back in the Go heap, Go 1.26")]
    test.assertEqual(back, sorted(back), "06: a higher GOGC, a longer wait (Go 1.26)")
    check_claims(test, nb, "06", 6)


def check_07(test, nb):
    writers = {r[0]: r for r in table_rows(nb, "two-inserts: every schedule")}
    for outcome in ("fatal: concurrent map writes", "clean", "lost update + count mismatch"):
        test.assertIn(outcome, writers, "07: two writers end in " + outcome + " in some schedule")
    walks = {r[0] for r in table_rows(nb, "random-walk schedules")}
    test.assertIn("lost update", walks, "07: near-lockstep writers lose an update with a consistent count")
    summary = {r[0]: r for r in table_rows(nb, "runtime check vs race detector")}
    test.assertEqual(len(summary), 9, "07: every scenario of RaceScenarios")
    for synced in ("mutex-inserts", "channel-handoff"):
        test.assertTrue(summary[synced][5].startswith("0 "), "07: no race reported for " + synced)
        test.assertTrue(summary[synced][2].startswith("0 ") and summary[synced][3].startswith("0 "))
    test.assertTrue(summary["two-inserts"][5].endswith("(100.0%)"), "07: every unsynchronised schedule is flagged")
    # Shown on every run: a fresh ./maplab test's results, else the committed data/runtime/go1.19.
    # The kernel shows long tables with a "… N more rows …" row; RaceCheckMain checks them all.
    rows = [r for r in table_rows(nb, "race outcomes") or [] if not r[0].startswith("…")]
    test.assertTrue(rows, "07: the real-runtime comparison is shown")
    test.assertTrue(all(r[-1] == "true" for r in rows), "07: every real outcome class is in the model")
    test.assertRegex(streams(nb), r"(committed data|the fresh run) of .*: go1\.19\.\d+", "07: which data, which Go")
    swiss = {r[0] for r in table_rows(nb, "two-inserts-empty: every schedule")}
    for outcome in ("fatal: concurrent map writes", "clean", "fatal: small map with no empty slot (concurrent map writes?)"):
        test.assertIn(outcome, swiss, "07: two writers on an empty Go 1.26 map end in " + outcome)
    test.assertRegex(streams(nb), r"Go 1\.26: (\d+) of \1 outcome \(scenario, class\) pairs seen on the real runtime",
                     "07: every real Go 1.26 outcome class is in the model")
    test.assertRegex(streams(nb), r"(committed data|the fresh run) of .*: go1\.26\.\d+", "07: which data, which Go (Swiss)")
    check_claims(test, nb, "07", 5)


def check_02_swiss(test, nb):
    reuse = {(r[0], r[3]): int(r[1]) for r in table_rows(nb, "slots new keys took: Go 1.19 and Go 1.26")}
    test.assertGreater(reuse[("deleted (tombstone)", "1.26")], 0, "02: Swiss inserts reuse tombstones")
    test.assertGreater(reuse[("emptyOne (deleted slot)", "1.19")], reuse[("deleted (tombstone)", "1.26")],
                       "02: fewer Swiss deletes leave tombstones to reuse")
    churn = {r[-1]: int(r[2]) for r in table_rows(nb, "56 keys after 60,000 churn operations")}
    test.assertGreater(churn["1.24"], churn["1.26"], "02: 1.24 grows under churn where 1.26 prunes")


def check_03_swiss(test, nb):
    work = {r[0]: float(r[1]) for r in table_rows(nb, "entries moved by inserts that grew the map (20,000 inserts)")}
    test.assertLess(work["1.19"], 100, "03: a classic insert evacuates at most a few buckets")
    test.assertEqual(work["1.26"], 896, "03: a Swiss insert moves a whole table, at most 896 entries")
    steps = [r[1] for r in table_rows(nb, "growth steps")]
    test.assertIn("table split", steps, "03: a 1024-slot table splits")


def check_04_swiss(test, nb):
    rot = {r[0]: (float(r[1]), float(r[2])) for r in table_rows(nb, "orders that are rotations of the first (12 loops, 20 keys)")}
    test.assertEqual(rot["1.26"][0], rot["1.26"][1], "04: one-table Swiss orders are rotations")
    test.assertLess(rot["1.19"][0], rot["1.19"][1], "04: classic orders mostly are not")
    for r in table_rows(nb, "300 loops while the map grows, per release"):
        test.assertEqual((r[1], r[2]), ("0", "0"), "04: no key missed or produced twice, Go " + r[0])


def check_08(test, nb):
    verdicts = {r[0]: r[1] for r in table_rows(nb, "verdicts (Go 1.26 model)")}
    test.assertEqual(verdicts, {
        "A small map grows into a table at its 9th key": "true",
        "H2, the control byte, is the low 7 bits of the hash": "true",
        "Every delete leaves a tombstone": "false",
        "A table grows incrementally, a few entries per insert": "false",
        "A table never grows past 1024 slots: it splits": "true",
        "Orders of a one-table map are rotations of one another": "true"}, "08: the computed verdicts")
    test.assertTrue(table_rows(nb, "where keys live"), "08: where each key lives")
    test.assertIn("table split", [r[1] for r in table_rows(nb, "growth steps")])
    test.assertTrue(any("fe|." in t for t in plain_texts(nb)), "08: a tombstone is drawn")


def check_09(test, nb):
    verdicts = {r[0]: r[1] for r in table_rows(nb, "verdicts")}
    test.assertEqual(verdicts, {
        "A Swiss insert can move far more entries than a classic one": "true",
        "No Swiss insert moves more than one table's entries (896)": "true",
        "Under churn at constant size, Go 1.24's table ends bigger than 1.25's": "true",
        "A one-table Swiss map's loop orders are rotations of each other": "true",
        "Classic loop orders are rotations of each other": "false",
        "A loop misses or repeats keys when the map grows under it": "false",
        "Deleting every key gives memory back (uint64 maps)": "false",
        "Two writers can leave a Swiss map unusable for a reader": "true"}, "09: the computed verdicts")


KEY_OUTPUTS = {"00": check_00, "01": check_01, "02": lambda t, nb: (check_02(t, nb), check_02_swiss(t, nb)),
               "03": lambda t, nb: (check_03(t, nb), check_03_swiss(t, nb)),
               "04": lambda t, nb: (check_04(t, nb), check_04_swiss(t, nb)), "05": check_05, "06": check_06,
               "07": check_07, "08": check_08, "09": check_09}


class UserNotebookTests(unittest.TestCase):
    """notebooks/, what ./maplab lab opens, must run from top to bottom without an error, within a
    minute each, and show what each one is about (its key outputs)."""

    def test_every_notebook_runs_without_errors(self):
        import time
        folder = os.path.join(os.path.dirname(__file__), "..", "..", "..", "..", "notebooks")
        paths = sorted(p for p in os.listdir(folder) if p.endswith(".ipynb"))
        self.assertTrue(paths, "notebooks/ has no notebook")
        # MAPLAB_NOTEBOOKS=03,06 runs only the notebooks whose names start so (while editing them).
        only = [p for p in os.environ.get("MAPLAB_NOTEBOOKS", "").split(",") if p]
        if only:
            paths = [p for p in paths if any(p.startswith(o) for o in only)]
            self.assertTrue(paths, "MAPLAB_NOTEBOOKS=%s names no notebook" % ",".join(only))
        for name in paths:
            with self.subTest(notebook=name):
                nb = nbformat.read(os.path.join(folder, name), as_version=4)
                start = time.monotonic()
                NotebookClient(nb, kernel_name=KERNEL_NAME, timeout=120).execute()
                print("  %s ran in %.1f s" % (name, time.monotonic() - start))
                errors = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
                self.assertEqual(errors, [])
                shown = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs
                         if o.output_type in ("execute_result", "display_data")]
                self.assertTrue(shown, "the notebook shows something")
                check = KEY_OUTPUTS.get(name[:2])
                self.assertIsNotNone(check, name + " has no key-output check in KEY_OUTPUTS")
                check(self, nb)


if __name__ == "__main__":
    unittest.main()
