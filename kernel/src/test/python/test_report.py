"""./maplab report's script (scripts/report.py) on tiny notebooks run with the installed kernel:
a good one becomes a self-contained HTML report; one whose second cell throws stops with the
notebook, the cell and the error, exit 1, and leaves an earlier report and the folder untouched.
With --pdf the report is also printed to a PDF (read back with pypdf), and a print that fails
leaves neither file."""
import json
import os
import re
import subprocess
import sys
import tempfile
import unittest

import nbformat
import pypdf
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from kernel_harness import KERNEL_NAME, require_chromium

SCRIPT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "..", "scripts", "report.py")
KERNELSPEC = {"name": KERNEL_NAME, "display_name": "Java (MapLab)", "language": "java"}


def write_notebook(path, *cells):
    nb = new_notebook(cells=list(cells), metadata={"kernelspec": KERNELSPEC})
    nbformat.write(nb, path)


def run_report(*args, env=None):
    return subprocess.run([sys.executable, SCRIPT, *args], capture_output=True, text=True, timeout=300,
                          env=None if env is None else dict(os.environ, **env))


class ReportTests(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.dir = self.tmp.name
        self.out = os.path.join(self.dir, "reports")

    def tearDown(self):
        self.tmp.cleanup()

    def test_good_notebook_becomes_a_self_contained_report(self):
        nb = os.path.join(self.dir, "good.ipynb")
        write_notebook(
            nb,
            new_markdown_cell("# A tiny report"),
            new_code_cell("1 + 1"),
            new_code_cell('var m = ClassicMap.builder(MapType.of("uint64", "uint64")).go("1.19").seed(1).build();\n'
                          "for (long k = 1; k <= 9; k++) m.set(k, k);\nm.snapshot()"),
            new_code_cell('var c = new XYChartBuilder().width(300).height(200).title("t").build();\n'
                          'c.addSeries("s", new double[] {1, 2, 3}, new double[] {1, 4, 9});\nc'),
            new_code_cell('String longLine = "' + "wrap-me " * 40 + '";\nlongLine'))
        proc = run_report("--out", self.out, nb)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        report = os.path.join(self.out, "good.html")
        self.assertTrue(os.path.isfile(report))
        self.assertRegex(proc.stdout, r"good\.html\s+\d+\.\d s")
        with open(report, encoding="utf-8") as f:
            html = f.read()
        self.assertTrue("data:image/png" in html or "<svg" in html, "an image is embedded")
        self.assertTrue("data:image/svg+xml" in html or "<svg" in html, "the map diagram is embedded")
        self.assertNotIn("<script", html, "a static report loads no script (no CDN)")
        srcs = re.findall(r"""\ssrc\s*=\s*["']([^"']*)["']""", html)
        files = [s for s in srcs if not re.match(r"(?i)(data:|https?:)", s)]
        self.assertEqual(files, [], "no output references a file")
        self.assertEqual(os.listdir(self.out), ["good.html"], "no temporary file remains")
        # Long lines wrap, in inputs and outputs, instead of being clipped at the right edge.
        wrap = re.search(r'<style id="maplab-wrap">(.*?)</style>', html, re.S)
        self.assertIsNotNone(wrap, "the report carries the wrapping style")
        for selector in (".jp-InputArea-editor .highlight pre", ".jp-OutputArea-output pre"):
            self.assertIn(selector, wrap.group(1))
        self.assertIn("white-space: pre-wrap", wrap.group(1))
        self.assertGreaterEqual(html.count("wrap-me " * 40), 2, "the long line is in the input and the output")

    def test_failing_cell_stops_with_its_place_and_keeps_the_old_report(self):
        nb = os.path.join(self.dir, "broken.ipynb")
        write_notebook(nb, new_code_cell("1 + 1"), new_code_cell('throw new RuntimeException("boom");'),
                       new_code_cell("2 + 2"))
        os.makedirs(self.out)
        old = os.path.join(self.out, "broken.html")
        with open(old, "w") as f:
            f.write("<html>an earlier good report</html>")
        before = os.stat(old)
        proc = run_report("--out", self.out, nb)
        self.assertEqual(proc.returncode, 1, proc.stderr)
        self.assertIn("broken.ipynb", proc.stderr)
        self.assertIn("cell 1", proc.stderr)
        self.assertIn('throw new RuntimeException("boom");', proc.stderr)
        self.assertIn("java.lang.RuntimeException: boom", proc.stderr)
        with open(old) as f:
            self.assertEqual(f.read(), "<html>an earlier good report</html>")
        self.assertEqual(os.stat(old).st_mtime_ns, before.st_mtime_ns)
        self.assertEqual(os.listdir(self.out), ["broken.html"], "no temporary file remains")

    def flaky_kernel(self, starts_that_die):
        """A kernelspec that runs the installed kernel, except that its first starts_that_die
        starts exit at once, as a kernel whose port another process took does."""
        from jupyter_client.kernelspec import KernelSpecManager
        spec = KernelSpecManager().get_kernel_spec(KERNEL_NAME)
        argv = [a.replace("{resource_dir}", spec.resource_dir) for a in spec.argv]
        count = os.path.join(self.dir, "starts")
        folder = os.path.join(self.dir, "jupyter", "kernels", "flaky-java")
        os.makedirs(folder)
        script = os.path.join(folder, "start.sh")
        with open(script, "w") as f:
            f.write("#!/bin/sh\n"
                    f'echo >> "{count}"\n'
                    f'if [ "$(wc -l < "{count}")" -le {starts_that_die} ]; then\n'
                    '  echo "maplab: cannot listen on tcp://127.0.0.1:1 (test)" >&2; exit 1\n'
                    "fi\n"
                    "exec " + " ".join('"$1"' if a == "{connection_file}" else f"'{a}'" for a in argv) + "\n")
        os.chmod(script, 0o755)
        with open(os.path.join(folder, "kernel.json"), "w") as f:
            f.write(json.dumps({"argv": [script, "{connection_file}"], "display_name": "flaky",
                                "language": "java", "interrupt_mode": "message"}))
        return {"JUPYTER_PATH": os.path.join(self.dir, "jupyter")}, count

    def report_on_flaky_kernel(self, starts_that_die):
        """Runs a one-cell notebook's report on flaky_kernel; returns the process and how many
        times the kernel was started."""
        env, count = self.flaky_kernel(starts_that_die)
        nb = os.path.join(self.dir, "tiny.ipynb")
        write_notebook(nb, new_code_cell("1 + 1"))
        proc = run_report("--kernel", "flaky-java", "--out", self.out, nb, env=env)
        with open(count) as f:
            return proc, len(f.readlines())

    def test_a_kernel_that_dies_while_starting_is_started_again(self):
        proc, starts = self.report_on_flaky_kernel(starts_that_die=2)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        self.assertIn("tiny.ipynb: the kernel exited while starting (attempt 2 of 3)", proc.stderr)
        self.assertNotIn("Traceback", proc.stderr)
        self.assertEqual(starts, 3)
        self.assertTrue(os.path.isfile(os.path.join(self.out, "tiny.html")))

    def test_a_kernel_that_never_starts_fails_after_three_attempts_without_a_traceback(self):
        proc, starts = self.report_on_flaky_kernel(starts_that_die=99)
        self.assertEqual(proc.returncode, 1, proc.stderr)
        self.assertIn("tiny.ipynb: could not run: RuntimeError: Kernel died before replying to kernel_info",
                      proc.stderr)
        self.assertNotIn("Traceback", proc.stderr)
        self.assertEqual(starts, 3)

    def test_missing_path_or_non_notebook_exits_2(self):
        proc = run_report("--out", self.out, os.path.join(self.dir, "absent.ipynb"))
        self.assertEqual(proc.returncode, 2)
        self.assertIn("absent.ipynb: no such notebook", proc.stderr)
        text = os.path.join(self.dir, "notes.txt")
        with open(text, "w") as f:
            f.write("not a notebook")
        proc = run_report("--out", self.out, text)
        self.assertEqual(proc.returncode, 2)
        self.assertIn("notes.txt: not a notebook", proc.stderr)
        fake = os.path.join(self.dir, "fake.ipynb")
        with open(fake, "w") as f:
            f.write("{ not json")
        proc = run_report("--out", self.out, fake)
        self.assertEqual(proc.returncode, 2)
        self.assertIn("fake.ipynb: not a Jupyter notebook", proc.stderr)
        self.assertFalse(os.path.exists(self.out), "nothing is written")

    def test_the_gc_timing_report_embeds_real_runtime_figures(self):
        """Notebook 06's report shows the real Go 1.19 tables with or without a prior ./maplab test:
        the fresh run in reports/memory/ when there is one, else data/runtime/go1.19/memory/."""
        notebook = os.path.join(os.path.dirname(SCRIPT), "..", "notebooks", "06-gc-timing.ipynb")
        proc = run_report("--out", self.out, notebook)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        with open(os.path.join(self.out, "06-gc-timing.html"), encoding="utf-8") as f:
            html = f.read()
        self.assertNotIn("No measurements yet", html)
        self.assertRegex(html, r"(committed data|the fresh run) of \d{4}-\d\d-\d\d[^<]*go1\.19\.\d+",
                         "which data, of when, which Go")
        self.assertIn("live map bytes", html)
        self.assertIn("u64-u64-1000000", html, "the rows of the real-runtime table are in the report")
        self.assertIn("GC cycles for 10^6 inserts", html)

    def test_a_missing_notebook_fails_before_the_kernel_is_installed(self):
        maplab = os.path.join(os.path.dirname(SCRIPT), "..", "maplab")
        proc = subprocess.run([maplab, "report", os.path.join(self.dir, "nope.ipynb")],
                              capture_output=True, text=True, timeout=300)
        self.assertEqual(proc.returncode, 2, proc.stderr)
        self.assertIn("nope.ipynb: no such notebook", proc.stderr)
        self.assertNotIn("kernel", proc.stderr, "the path is checked before the kernel is built or installed")
        self.assertNotIn("Traceback", proc.stderr)


class PdfReportTests(unittest.TestCase):
    """./maplab report --pdf, printed by the system's Chromium."""

    @classmethod
    def setUpClass(cls):
        require_chromium()

    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.dir = self.tmp.name
        self.out = os.path.join(self.dir, "reports")

    def tearDown(self):
        self.tmp.cleanup()

    def test_pdf_beside_the_html_with_the_title_and_vector_diagrams(self):
        nb = os.path.join(self.dir, "tiny.ipynb")
        write_notebook(
            nb,
            new_markdown_cell("# A tiny printed report\n\nOne map and one chart."),
            new_code_cell('var m = ClassicMap.builder(MapType.of("uint64", "uint64")).go("1.19").seed(1).build();\n'
                          "for (long k = 1; k <= 9; k++) m.set(k, k);\nm.snapshot()"),
            new_code_cell('var c = new XYChartBuilder().width(300).height(200).title("t").build();\n'
                          'c.addSeries("s", new double[] {1, 2, 3}, new double[] {1, 4, 9});\nc'))
        proc = run_report("--pdf", "--out", self.out, nb)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        self.assertRegex(proc.stdout, r"tiny\.html\s+\S*tiny\.pdf\s+\d+\.\d s")
        self.assertEqual(sorted(os.listdir(self.out)), ["tiny.html", "tiny.pdf"], "no temporary file remains")
        reader = pypdf.PdfReader(os.path.join(self.out, "tiny.pdf"))
        self.assertTrue(1 <= len(reader.pages) <= 3, f"{len(reader.pages)} pages for a title, a map and a chart")
        text = "\n".join(page.extract_text() for page in reader.pages)
        self.assertIn("A tiny printed report", text)
        self.assertEqual(reader.metadata.title, "tiny")
        # The map diagram is SVG in the page: printed as text and paths, never as a picture.
        self.assertIn("count=9", text, "the diagram's header is text in the PDF")
        self.assertIn("emptyRest", text)
        self.assertEqual([len(page.images) for page in reader.pages], [0] * len(reader.pages),
                         "no raster image: the map and the chart stay vectors")

    def test_a_failed_print_writes_neither_file_and_keeps_the_old_ones(self):
        nb = os.path.join(self.dir, "printfail.ipynb")
        write_notebook(nb, new_markdown_cell("# Print fails"), new_code_cell("1 + 1"))
        os.makedirs(self.out)
        for ext in ("html", "pdf"):
            with open(os.path.join(self.out, "printfail." + ext), "w") as f:
                f.write("an earlier good " + ext)
        # /bin/false is an executable that is no browser: Chromium's launch fails after the run.
        proc = run_report("--pdf", "--out", self.out, nb, env={"MAPLAB_CHROMIUM": "/bin/false"})
        self.assertEqual(proc.returncode, 1, proc.stderr)
        self.assertIn("printfail.ipynb: printing the PDF failed: RuntimeError: Chromium (/bin/false) did not start", proc.stderr)
        self.assertNotIn("Traceback", proc.stderr)
        self.assertEqual(sorted(os.listdir(self.out)), ["printfail.html", "printfail.pdf"], "no temporary file")
        for ext in ("html", "pdf"):
            with open(os.path.join(self.out, "printfail." + ext)) as f:
                self.assertEqual(f.read(), "an earlier good " + ext)

    def test_pdf_without_a_chromium_exits_2_before_running_anything(self):
        nb = os.path.join(self.dir, "never.ipynb")
        write_notebook(nb, new_code_cell("1 + 1"))
        proc = run_report("--pdf", "--out", self.out, nb, env={"MAPLAB_CHROMIUM": os.path.join(self.dir, "no-chromium")})
        self.assertEqual(proc.returncode, 2, proc.stderr)
        self.assertIn("--pdf: no Chromium at", proc.stderr)
        self.assertIn("no-chromium", proc.stderr)
        self.assertFalse(os.path.exists(self.out), "nothing is written")


class StartFailureTests(unittest.TestCase):
    """Which failures of a report's kernel start are retried on new ports (scripts/report.py)."""

    @classmethod
    def setUpClass(cls):
        import importlib.util
        path = os.path.join(os.path.dirname(__file__), "..", "..", "..", "..", "scripts", "report.py")
        spec = importlib.util.spec_from_file_location("maplab_report", path)
        cls.report = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(cls.report)

    def test_a_kernel_that_died_or_a_stranger_on_its_port_before_any_cell_is_retried(self):
        died = RuntimeError("Kernel died before replying to kernel_info")
        stranger = ValueError("b'<IDS|MSG>' is not in list")
        self.assertEqual("the kernel exited while starting", self.report.start_failure(died, {}))
        self.assertIn("another process answered", self.report.start_failure(stranger, {}))

    def test_other_errors_and_anything_after_a_cell_started_are_not(self):
        self.assertIsNone(self.report.start_failure(ValueError("bad notebook"), {}))
        self.assertIsNone(self.report.start_failure(RuntimeError("No such kernel"), {}))
        started = {"index": 0, "cell": None}
        self.assertIsNone(self.report.start_failure(ValueError("b'<IDS|MSG>' is not in list"), started))
        self.assertIsNone(self.report.start_failure(RuntimeError("Kernel died before replying to kernel_info"),
                                                    started))


if __name__ == "__main__":
    unittest.main()
