"""MapLab as a person sees it: `./maplab lab` driven in the system's Chromium through Playwright.

One session (LabSessionTests.setUpClass) starts `./maplab lab` on a free port with a random token,
opens notebooks 00 and 03, waits for the status bar to say the Java kernel is idle (the toolbar's
indicator says idle before the kernel has started), runs Run > Run All Cells, then in notebook 00
asks for a completion with Tab and interrupts `while (true) {}` from the toolbar. It then stops
everything it started, and records what it saw; each test asserts one part of it. Screenshots and
timings go to reports/ui/ for a reviewer. ReportOfflineTests opens two reports of
`./maplab report` with every request other than file: aborted. TextFitTests proves that the check
of diagram text (svg_fit.py) catches a label that does not fit.

Without Chromium (Debian's chromium package, which ./maplab installs when it runs as root) the
tests are skipped and say why, except under CI (CI=true), where that is a failure.
JupyterLab's settings, workspaces and runtime files go to a temporary folder, with autosave off,
so the notebooks in notebooks/ are never written (checked).
"""
import base64
import hashlib
import json
import os
import secrets
import socket
import subprocess
import sys
import tempfile
import time
import unittest
import urllib.request
from urllib.parse import unquote_to_bytes

import psutil

import svg_fit
from kernel_harness import SCRIPTS, require_chromium

ROOT = os.path.dirname(SCRIPTS)
sys.path.insert(0, SCRIPTS)
import browser  # noqa: E402 (scripts/browser.py: the Chromium launch shared with ./maplab report --pdf)

NOTEBOOKS = ["00-start-here", "03-growth"]
UI_DIR = os.path.join(ROOT, "reports", "ui")
KERNEL_STATUS = 'span[title^="Change kernel for"]'  # the status bar's "Java (MapLab) | Idle"
PANEL = ".jp-NotebookPanel:not(.lm-mod-hidden)"    # the notebook tab in front
ERROR_MIME = "application/vnd.jupyter.stderr"       # how JupyterLab shows errors and stderr
STARTUP_S = 180
RUN_ALL_S = 240


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def sha256(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def alive(pids):
    """The pids of the list that still run (zombies, already dead, count as gone)."""
    out = []
    for pid in pids:
        try:
            if psutil.Process(pid).status() != psutil.STATUS_ZOMBIE:
                out.append(pid)
        except psutil.NoSuchProcess:
            pass
    return out


def svg_sources(page, scope):
    """The SVG pictures shown inside the elements matching scope: <img> with an SVG data URI (how
    JupyterLab and nbconvert's reports show image/svg+xml) decoded, and inline <svg> roots."""
    found = page.evaluate("""scope => {
        const roots = [...document.querySelectorAll(scope)];
        const imgs = roots.flatMap(r => [...r.querySelectorAll('img')]).map(i => i.src)
                          .filter(s => s.startsWith('data:image/svg+xml'));
        const inline = roots.flatMap(r => [...r.querySelectorAll('svg')])
                            .filter(s => !s.parentElement.closest('svg')).map(s => s.outerHTML);
        return {imgs, inline};
    }""", scope)
    out = []
    for src in found["imgs"]:
        head, data = src.split(",", 1)
        raw = base64.b64decode(data) if head.endswith(";base64") else unquote_to_bytes(data)
        out.append(raw.decode("utf-8"))
    return out + found["inline"]


IMAGES_JS = """sel => [...document.querySelectorAll(sel)].map(i => ({
    src: i.getAttribute('src').slice(0, 60), complete: i.complete, width: i.naturalWidth}))"""


class LabSession:
    """Starts ./maplab lab and a Chromium, drives them, stops them, and keeps what it saw."""

    def __init__(self, tmp):
        self.tmp = tmp
        self.port = free_port()
        self.token = secrets.token_hex(16)
        self.base = f"http://127.0.0.1:{self.port}"
        self.seen = {}     # observation name -> value, or the exception that stopped that step
        self.timings = {}
        self.lab = None

    # --- the server ---------------------------------------------------------------------------

    def lab_env(self):
        env = dict(os.environ)
        for var, sub in (("JUPYTER_CONFIG_DIR", "config"), ("JUPYTER_DATA_DIR", "data"),
                         ("JUPYTER_RUNTIME_DIR", "runtime"), ("JUPYTERLAB_SETTINGS_DIR", "settings"),
                         ("JUPYTERLAB_WORKSPACES_DIR", "workspaces")):
            env[var] = os.path.join(self.tmp, sub)
            os.makedirs(env[var], exist_ok=True)
        # Autosave off: the runs' outputs must not be written into notebooks/.
        docmanager = os.path.join(env["JUPYTERLAB_SETTINGS_DIR"], "@jupyterlab", "docmanager-extension")
        os.makedirs(docmanager)
        with open(os.path.join(docmanager, "plugin.jupyterlab-settings"), "w") as f:
            json.dump({"autosave": False}, f)
        return env

    def start_lab(self):
        self.log = open(os.path.join(self.tmp, "lab.log"), "w")
        self.lab = subprocess.Popen(
            [os.path.join(ROOT, "maplab"), "lab", "--port", str(self.port),
             f"--IdentityProvider.token={self.token}"],
            cwd=ROOT, env=self.lab_env(), stdin=subprocess.DEVNULL, stdout=self.log,
            stderr=subprocess.STDOUT, start_new_session=True)
        t0 = time.monotonic()
        deadline = t0 + STARTUP_S
        while time.monotonic() < deadline:
            if self.lab.poll() is not None:
                raise AssertionError(f"./maplab lab exited with {self.lab.returncode}:\n{self.lab_log()}")
            try:
                self.api("GET", "/api/status")
                self.timings["lab_start_s"] = round(time.monotonic() - t0, 2)
                return
            except OSError:
                time.sleep(0.5)
        raise AssertionError(f"./maplab lab did not answer within {STARTUP_S} s:\n{self.lab_log()}")

    def lab_log(self):
        with open(os.path.join(self.tmp, "lab.log")) as f:
            return f.read()[-3000:]

    def api(self, method, path):
        req = urllib.request.Request(self.base + path, method=method,
                                     headers={"Authorization": f"token {self.token}"})
        with urllib.request.urlopen(req, timeout=10) as r:
            body = r.read()
        return json.loads(body) if body else None

    # --- the browser --------------------------------------------------------------------------

    def kernel_idle(self, page, timeout_s, name=None):
        """Waits for the status bar to say the Java kernel of the front notebook (of notebook name,
        when given: just after a tab opens, the bar still speaks of the previous one) is idle."""
        status = page.locator(f'span[title="Change kernel for {name}.ipynb"]' if name else KERNEL_STATUS)
        status.filter(has_text="Java (MapLab) | Idle").wait_for(timeout=timeout_s * 1000)

    def prompts(self, page):
        return page.evaluate(f"""() => [...document.querySelectorAll('{PANEL} .jp-CodeCell .jp-InputPrompt')]
                                       .map(e => e.textContent.trim())""")

    def wait_all_ran(self, page, t0):
        """Waits until every code cell shows its execution count and the kernel is idle; records
        when the first code cell got its count. (Between two queued cells the status bar says
        idle for a moment, so the prompts decide.)"""
        first = None
        deadline = time.monotonic() + RUN_ALL_S
        while time.monotonic() < deadline:
            prompts = self.prompts(page)
            done = [p not in ("[*]:", "[ ]:", "") for p in prompts]
            if first is None and done and done[0]:
                first = time.monotonic() - t0
            status = page.locator(KERNEL_STATUS).inner_text()
            if done and all(done) and status.endswith("Idle"):
                return first, time.monotonic() - t0
            time.sleep(0.25)
        raise AssertionError(f"Run All did not finish within {RUN_ALL_S} s; prompts {self.prompts(page)}")

    def run_notebook(self, page, name, first):
        """Opens notebook name (the first one by its URL, which loads JupyterLab; the next ones by a
        double click in the file browser), runs Run > Run All Cells and records what it shows."""
        t0 = time.monotonic()
        if first:
            page.goto(f"{self.base}/lab/tree/{name}.ipynb?token={self.token}")
        else:
            page.locator(".jp-DirListing-item", has_text=f"{name}.ipynb").dblclick()
        self.kernel_idle(page, STARTUP_S, name)
        open_to_idle = time.monotonic() - t0
        page.locator('.lm-MenuBar-itemLabel:text-is("Run")').click()
        page.locator('.lm-Menu-item[data-command="runmenu:run-all"]').click()
        first, run_all = self.wait_all_ran(page, time.monotonic())
        self.timings[name] = {"open_to_idle_s": round(open_to_idle, 2), "first_cell_s": round(first, 2),
                              "run_all_s": round(run_all, 2)}
        page.wait_for_load_state("networkidle")
        outputs = page.evaluate(f"""() => [...document.querySelectorAll('{PANEL} .jp-OutputArea-output')]
            .map(o => ({{mime: o.getAttribute('data-mime-type'), text: o.textContent.slice(0, 300)}}))""")
        self.seen[f"{name}/outputs"] = outputs
        self.seen[f"{name}/images"] = page.evaluate(IMAGES_JS, f"{PANEL} .jp-OutputArea-output img, "
                                                                f"{PANEL} .jp-RenderedMarkdown img")
        self.seen[f"{name}/svgs"] = svg_sources(page, f"{PANEL} .jp-OutputArea-output")
        page.locator(f"{PANEL} .jp-OutputArea-output img").first.scroll_into_view_if_needed()
        page.screenshot(path=os.path.join(UI_DIR, f"{name}.png"))

    def try_completion(self, page):
        """Tab after `m.` in a new cell at the end of notebook 00 (whose `m` is a ClassicMap)."""
        page.locator(f"{PANEL} .jp-Cell").last.click()
        page.keyboard.press("Escape")
        page.keyboard.press("b")          # a new code cell below, selected
        page.keyboard.press("Enter")      # edit it
        page.keyboard.type("m.")
        page.keyboard.press("Tab")
        completer = page.locator(".jp-Completer:not(.lm-mod-hidden)")
        completer.locator(".jp-Completer-item").first.wait_for(timeout=30_000)
        items = completer.locator(".jp-Completer-item").all_inner_texts()
        page.screenshot(path=os.path.join(UI_DIR, "completion.png"))
        page.keyboard.press("Escape")     # closes the completer, still editing
        self.seen["completion"] = [i.strip() for i in items]

    def try_interrupt(self, page):
        """`while (true) {}` in the cell of the completion, stopped by the toolbar's button; then
        a cell after it runs."""
        page.keyboard.press("Control+a")
        page.keyboard.type("while (true) {}")
        page.keyboard.press("Shift+Enter")   # runs it; a new cell is added below, in edit mode
        loop_cell = page.locator(f"{PANEL} .jp-CodeCell").nth(-2)
        page.locator(KERNEL_STATUS).filter(has_text="Busy").wait_for(timeout=30_000)
        time.sleep(1.0)                      # it is looping, not starting
        t0 = time.monotonic()
        page.locator(f'{PANEL} .jp-Toolbar [data-command="notebook:interrupt-kernel"]').click()
        loop_cell.locator(".jp-InputPrompt").filter(has_not_text="*").wait_for(timeout=30_000)
        self.kernel_idle(page, 30)
        self.timings["interrupt_s"] = round(time.monotonic() - t0, 2)
        self.seen["interrupt/outputs"] = loop_cell.locator(".jp-OutputArea-output").evaluate_all(
            "os => os.map(o => ({mime: o.getAttribute('data-mime-type'), text: o.textContent}))")
        page.keyboard.type("1 + 41")
        page.keyboard.press("Shift+Enter")
        after = page.locator(f"{PANEL} .jp-CodeCell").nth(-2)
        after.locator(".jp-OutputArea-output").first.wait_for(timeout=30_000)
        self.kernel_idle(page, 30)
        self.seen["after-interrupt"] = after.locator(".jp-OutputArea-output").all_inner_texts()
        page.screenshot(path=os.path.join(UI_DIR, "interrupt.png"))

    def step(self, name, fn, *args):
        """Runs one step; a failure is kept as that step's observation and the session goes on."""
        try:
            fn(*args)
        except Exception as e:  # noqa: BLE001 (reported by the test that reads the observation)
            self.seen[name] = e

    # --- the whole session --------------------------------------------------------------------

    def run(self):
        from playwright.sync_api import sync_playwright
        os.makedirs(UI_DIR, exist_ok=True)
        before = {n: sha256(os.path.join(ROOT, "notebooks", n + ".ipynb")) for n in NOTEBOOKS}
        pw = chromium = None
        try:
            self.start_lab()
            pw = sync_playwright().start()
            chromium = browser.launch(pw)
            page = chromium.new_page(viewport={"width": 1400, "height": 1000})
            for i, name in enumerate(NOTEBOOKS):
                self.step(f"{name}/run", self.run_notebook, page, name, i == 0)
            page.locator(".lm-TabBar-tab", has_text="00-start-here.ipynb").first.click()
            self.step("completion", self.try_completion, page)
            self.step("interrupt", self.try_interrupt, page)
        finally:
            self.stop(pw, chromium)
        self.seen["notebooks unchanged"] = [
            n for n in NOTEBOOKS if sha256(os.path.join(ROOT, "notebooks", n + ".ipynb")) != before[n]]

    def stop(self, pw, chromium):
        """Shuts the kernels and the server down through the REST API, closes the browser, and
        checks in the process table that every process they had is gone."""
        started = []
        if self.lab is not None and self.lab.poll() is None:
            started += [self.lab.pid] + [p.pid for p in psutil.Process(self.lab.pid).children(recursive=True)]
        started += [p.pid for p in psutil.Process().children(recursive=True) if p.pid not in started]
        self.seen["processes started"] = len(started)
        try:
            if self.lab is not None and self.lab.poll() is None:
                for k in self.api("GET", "/api/kernels"):
                    self.api("DELETE", f"/api/kernels/{k['id']}")
                self.api("POST", "/api/shutdown")
        except OSError as e:
            self.seen["shutdown"] = e
        if chromium is not None:
            chromium.close()
        if pw is not None:
            pw.stop()
        if self.lab is not None:
            try:
                self.lab.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.seen["shutdown"] = AssertionError("./maplab lab still ran 30 s after /api/shutdown")
        deadline = time.monotonic() + 15
        while alive(started) and time.monotonic() < deadline:
            time.sleep(0.2)
        left = alive(started)
        self.seen["left running"] = [f"{pid} {' '.join(psutil.Process(pid).cmdline())[:120]}" for pid in left]
        self.seen["runtime files in use"] = [
            p.pid for p in psutil.process_iter(["cmdline"]) if any(self.tmp in a for a in p.info["cmdline"] or [])]
        for pid in left:                      # cleaned up all the same, then reported by a test
            try:
                psutil.Process(pid).kill()
            except psutil.NoSuchProcess:
                pass
        self.log.close()


class LabSessionTests(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        require_chromium()
        cls.tmpdir = tempfile.TemporaryDirectory(prefix="maplab-browser-")
        cls.session = LabSession(cls.tmpdir.name)
        cls.session.run()
        cls.seen = cls.session.seen
        timings = dict(cls.session.timings, load_average=[round(x, 2) for x in os.getloadavg()],
                       date=time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), chromium=browser.chromium_path())
        with open(os.path.join(UI_DIR, "timings.json"), "w") as f:
            json.dump(timings, f, indent=2)
        print(f"\nbrowser timings (reports/ui/timings.json): {json.dumps(timings)}", file=sys.stderr)

    @classmethod
    def tearDownClass(cls):
        cls.tmpdir.cleanup()

    def observation(self, name):
        value = self.seen.get(name)
        if isinstance(value, Exception):
            self.fail(f"{name}: {type(value).__name__}: {value}")
        return value

    def notebook(self, name, what):
        self.observation(f"{name}/run")
        return self.seen[f"{name}/{what}"]

    def test_run_all_shows_no_error_output(self):
        for name in NOTEBOOKS:
            with self.subTest(name):
                outputs = self.notebook(name, "outputs")
                self.assertGreater(len(outputs), 0, "the notebook shows outputs")
                errors = [o["text"] for o in outputs if o["mime"] == ERROR_MIME]
                self.assertEqual(errors, [], f"{name} shows error output")

    def test_every_image_loaded(self):
        for name in NOTEBOOKS:
            with self.subTest(name):
                images = self.notebook(name, "images")
                self.assertGreater(len(images), 0, "the notebook shows pictures")
                broken = [i for i in images if not i["complete"] or i["width"] == 0]
                self.assertEqual(broken, [], f"{name}: images that did not load")

    def test_diagram_text_fits_its_shapes(self):
        from playwright.sync_api import sync_playwright
        with sync_playwright() as pw:
            chromium = browser.launch(pw)
            try:
                page = chromium.new_page()
                for name in NOTEBOOKS:
                    svgs = self.notebook(name, "svgs")
                    self.assertGreater(len(svgs), 0, f"{name} shows SVG pictures")
                    for i, svg in enumerate(svgs):
                        with self.subTest(notebook=name, svg=i):
                            self.assertEqual(svg_fit.source_problems(page, svg), [])
            finally:
                chromium.close()

    def test_tab_completes_in_a_code_cell(self):
        items = self.observation("completion")
        self.assertIn("snapshot", [i.split("(")[0] for i in items], f"completer items: {items[:20]}")

    def test_toolbar_interrupt_stops_a_loop_and_the_next_cell_runs(self):
        self.observation("interrupt")
        outputs = self.seen["interrupt/outputs"]
        self.assertTrue(any(o["mime"] == ERROR_MIME and "Interrupted" in o["text"] for o in outputs),
                        f"the loop's cell shows the interrupt: {outputs}")
        self.assertEqual([t.strip() for t in self.seen["after-interrupt"]], ["42"])

    def test_everything_started_is_stopped(self):
        self.assertNotIn("shutdown", self.seen, self.seen.get("shutdown"))
        self.assertGreater(self.seen["processes started"], 2, "lab, kernel and browser processes were seen")
        self.assertEqual(self.seen["left running"], [])
        self.assertEqual(self.seen["runtime files in use"], [], "no process uses the session's files")

    def test_notebooks_on_disk_are_not_written(self):
        self.assertEqual(self.seen["notebooks unchanged"], [])


class ReportOfflineTests(unittest.TestCase):
    """Reports of ./maplab report render with the network cut: every picture loads, and nothing
    is requested from anywhere but the file itself."""

    @classmethod
    def setUpClass(cls):
        require_chromium()
        cls.tmpdir = tempfile.TemporaryDirectory(prefix="maplab-reports-")
        notebooks = [os.path.join(ROOT, "notebooks", n + ".ipynb") for n in NOTEBOOKS]
        proc = subprocess.run([sys.executable, os.path.join(ROOT, "scripts", "report.py"),
                               "--out", cls.tmpdir.name, *notebooks], capture_output=True, text=True, timeout=600)
        if proc.returncode != 0:
            raise AssertionError(f"./maplab report failed: {proc.stderr}")

    @classmethod
    def tearDownClass(cls):
        cls.tmpdir.cleanup()

    def test_reports_render_offline(self):
        from playwright.sync_api import sync_playwright
        with sync_playwright() as pw:
            chromium = browser.launch(pw)
            try:
                for name in NOTEBOOKS:
                    with self.subTest(name):
                        context = chromium.new_context(viewport={"width": 1200, "height": 1000})
                        outside = []

                        def route(r, outside=outside):
                            if r.request.url.startswith(("file:", "data:")):
                                r.continue_()
                            else:
                                outside.append(r.request.url)
                                r.abort()
                        context.route("**/*", route)
                        page = context.new_page()
                        page.goto("file://" + os.path.join(self.tmpdir.name, name + ".html"))
                        page.wait_for_load_state("networkidle")
                        images = page.evaluate(IMAGES_JS, "img")
                        svgs = svg_sources(page, ".jp-OutputArea-output")
                        unfit = {i: p for i, p in enumerate(svg_fit.source_problems(page, svg) for svg in svgs) if p}
                        page.screenshot(path=os.path.join(UI_DIR, f"report-{name}.png"))
                        context.close()
                        self.assertEqual(outside, [], "the report asks for nothing outside itself")
                        self.assertEqual([i for i in images if not i["complete"] or i["width"] == 0], [])
                        self.assertGreater(len(svgs), 0, "the report shows its diagrams as SVG")
                        self.assertEqual(unfit, {}, "diagram text fits in the report too")
            finally:
                chromium.close()


class TextFitTests(unittest.TestCase):
    """The rule of svg_fit.py on pictures made to pass or fail."""

    GOOD = """<svg xmlns="http://www.w3.org/2000/svg" width="200" height="60" viewBox="0 0 200 60"
        style="font-family:monospace;font-size:12px"><rect x="0" y="0" width="200" height="60" fill="#fff"/>
        <text x="10" y="14">header</text>
        <rect x="10" y="18" width="72" height="40" fill="#eee"/>
        <text x="46" y="33" text-anchor="middle" style="font-size:10px">0x2a</text></svg>"""

    @classmethod
    def setUpClass(cls):
        require_chromium()
        from playwright.sync_api import sync_playwright
        cls.pw = sync_playwright().start()
        cls.chromium = browser.launch(cls.pw)
        cls.page = cls.chromium.new_page()

    @classmethod
    def tearDownClass(cls):
        cls.chromium.close()
        cls.pw.stop()

    def problems(self, svg):
        return svg_fit.source_problems(self.page, svg)

    def test_a_diagram_whose_text_fits_passes(self):
        self.assertEqual(self.problems(self.GOOD), [])

    def test_text_running_out_of_its_slot_is_caught(self):
        broken = self.GOOD.replace(">0x2a<", ">0123456789abcd<")
        (problem,) = self.problems(broken)
        self.assertIn("'0123456789abcd'", problem)
        self.assertIn("its rect (10.0, 18.0, 72.0 x 40.0)", problem)
        self.assertRegex(problem, r"px on the left, \d+\.\d px on the right")

    def test_text_past_the_edge_of_the_picture_is_caught(self):
        broken = self.GOOD.replace(">header<", ">a header far too long for a 200 px picture<")
        (problem,) = self.problems(broken)
        self.assertIn("overflows the picture (0.0, 0.0, 200.0 x 60.0)", problem)
        self.assertRegex(problem, r"px on the right$")

    def test_transforms_count(self):
        broken = self.GOOD.replace('<text x="46"', '<text transform="scale(3 1)" x="15"')
        self.assertEqual(len(self.problems(broken)), 1, "scaled three times wider, the label overflows")

    def test_a_translated_group_moves_the_slot_and_its_label_together(self):
        def shifted(dx):
            return self.GOOD.replace('<rect x="10" y="18"', f'<g transform="translate({dx} 0)"><rect x="10" y="18"') \
                .replace("0x2a</text></svg>", "0x2a</text></g></svg>")
        self.assertEqual(self.problems(shifted(100)), [], "slot and label at x 110-182 of 200")
        (problem,) = self.problems(shifted(150))  # the slot now ends at 232, past the picture
        self.assertIn("'0x2a'", problem)
        self.assertIn("overflows the picture", problem)

    def test_not_an_svg_is_reported(self):
        (problem,) = self.problems("<svg><text>unclosed</svg>")
        self.assertTrue(problem.startswith("not an SVG"), problem)


if __name__ == "__main__":
    unittest.main()
