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


def table_rows(nb, title):
    """The rows of the first Tablesaw table whose HTML mentions title, as lists of cell texts."""
    import re
    for c in nb.cells:
        for o in c.get("outputs", []):
            html = o.get("data", {}).get("text/html", "")
            if title in html:
                rows = re.findall(r"<tr>(.*?)</tr>", html, re.S)
                return [[re.sub("<.*?>", "", x).strip() for x in re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", r, re.S)]
                        for r in rows][1:]
    return None


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


def check_02(test, nb):
    summary = {r[0]: int(r[1]) for r in table_rows(nb, "slot reuse summary")}
    test.assertGreater(summary["emptyOne (deleted slot)"], 0, "02: a reused tombstone slot")
    test.assertGreater(summary["emptyRest (never used)"], 0)


def check_03(test, nb):
    points = table_rows(nb, "doubling points")
    test.assertEqual(points[1], ["12", "13"], "03: Go 1.21 doubles at 13 keys, 1.23 at 14")


def check_04(test, nb):
    during = {r[0]: int(r[1]) for r in table_rows(nb, "iteration while the map grows")}
    test.assertEqual(during["old keys missed"], 0)
    test.assertEqual(during["old keys produced twice"], 0)
    test.assertGreater(during["loops where the map grew"], 0)


def check_05(test, nb):
    claims = table_rows(nb, "claims")
    test.assertGreaterEqual(len(claims), 10, "05: at least ten claims")
    for row in claims:
        test.assertEqual(len(row), 4)
        test.assertRegex(row[3], r"^(true|false|half true)", "05: a verdict for " + row[0])


def check_06(test, nb):
    old = {r[0]: int(r[1]) for r in table_rows(nb, "old buckets")}
    test.assertGreater(old["old array kept alive by the iterator"], 0, "06: an open iterator pins the old array")
    emptied = table_rows(nb, "memory after emptying")
    test.assertTrue(all(r[2] == r[3] for r in emptied), "06: deleting every key frees nothing")
    results = os.path.join(os.path.dirname(__file__), "..", "..", "..", "..", "reports", "memory", "live-bytes.csv")
    if os.path.exists(results):  # written by ./maplab test's memory check, which runs before this test
        live = table_rows(nb, "live map bytes")
        test.assertTrue(live, "06: the real-runtime comparison is shown")
        test.assertTrue(all(r[-1] == "true" for r in live), "06: every live-bytes figure within its bound")


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
    results = os.path.join(os.path.dirname(__file__), "..", "..", "..", "..", "reports", "races", "races.csv")
    if os.path.exists(results):  # written by ./maplab test's race check, which runs before this test
        # The kernel shows long tables with a "… N more rows …" row; RaceCheckMain checks them all.
        rows = [r for r in table_rows(nb, "race outcomes") or [] if not r[0].startswith("…")]
        test.assertTrue(rows, "07: the real-runtime comparison is shown")
        test.assertTrue(all(r[-1] == "true" for r in rows), "07: every real outcome class is in the model")


KEY_OUTPUTS = {"00": check_00, "01": check_01, "02": check_02, "03": check_03, "04": check_04, "05": check_05, "06": check_06,
               "07": check_07}


class UserNotebookTests(unittest.TestCase):
    """notebooks/, what ./maplab lab opens, must run from top to bottom without an error, within a
    minute each, and show what each one is about (its key outputs)."""

    def test_every_notebook_runs_without_errors(self):
        import time
        folder = os.path.join(os.path.dirname(__file__), "..", "..", "..", "..", "notebooks")
        paths = sorted(p for p in os.listdir(folder) if p.endswith(".ipynb"))
        self.assertTrue(paths, "notebooks/ has no notebook")
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
