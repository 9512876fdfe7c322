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


class UserNotebookTests(unittest.TestCase):
    """notebooks/, what ./maplab lab opens, must run from top to bottom without an error."""

    def test_every_notebook_runs_without_errors(self):
        folder = os.path.join(os.path.dirname(__file__), "..", "..", "..", "..", "notebooks")
        paths = sorted(p for p in os.listdir(folder) if p.endswith(".ipynb"))
        self.assertTrue(paths, "notebooks/ has no notebook")
        for name in paths:
            with self.subTest(notebook=name):
                nb = nbformat.read(os.path.join(folder, name), as_version=4)
                NotebookClient(nb, kernel_name=KERNEL_NAME, timeout=120).execute()
                errors = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
                self.assertEqual(errors, [])
                shown = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs
                         if o.output_type in ("execute_result", "display_data")]
                self.assertTrue(shown, "the notebook shows something")


if __name__ == "__main__":
    unittest.main()
