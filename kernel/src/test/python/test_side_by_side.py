"""./maplab lab, report and install-kernel side by side, as a user runs them: a lab is running
(with a kernel of its own) while ten reports are exported at once, one of them having to
re-install the kernelspec. Every report succeeds and is whole, the lab's kernel survives, an
install with nothing changed writes nothing, and leftovers of killed runs are cleaned up."""
import glob
import json
import os
import re
import signal
import socket
import subprocess
import tempfile
import time
import unittest
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from kernel_harness import KERNEL_NAME

ROOT = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", ".."))
MAPLAB = os.path.join(ROOT, "maplab")
CACHE = os.environ.get("MAPLAB_CACHE", os.path.expanduser("~/.cache/maplab"))
SPEC_DIR = os.path.join(CACHE, "venv", "share", "jupyter", "kernels", KERNEL_NAME)
REPORTS = 10


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def maplab(*args, timeout=600):
    return subprocess.run([MAPLAB, *args], capture_output=True, text=True, timeout=timeout, cwd=ROOT)


def api(port, token, path, method="GET", body=None):
    req = urllib.request.Request(f"http://127.0.0.1:{port}{path}", method=method,
                                 data=None if body is None else json.dumps(body).encode(),
                                 headers={"Authorization": f"token {token}", "Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=10) as r:
        return json.loads(r.read() or b"null")


def descendants(pid):
    """Processes below pid, read from /proc (no psutil in the pinned venv)."""
    children = {}
    for stat in glob.glob("/proc/[0-9]*/stat"):
        try:
            with open(stat) as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(stat.split("/")[2]))
    found, todo = [], [pid]
    while todo:
        for c in children.get(todo.pop(), []):
            found.append(c)
            todo.append(c)
    return found


def running(pid):
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


class SideBySideTests(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.dir = self.tmp.name
        # The lab's log goes to a file: a pipe that nobody reads would fill up and stop the server.
        self.lab_log = open(os.path.join(self.dir, "lab.log"), "w+")

    def tearDown(self):
        self.lab_log.close()
        self.tmp.cleanup()

    def lab_log_tail(self):
        self.lab_log.flush()
        with open(self.lab_log.name) as f:
            return f.read()[-2000:]

    def test_install_with_nothing_changed_writes_nothing(self):
        first = maplab("install-kernel", "--prefix", os.path.join(CACHE, "venv"))
        self.assertEqual(first.returncode, 0, first.stderr)
        spec = os.path.join(SPEC_DIR, "kernel.json")
        before = os.stat(spec).st_mtime_ns
        second = maplab("install-kernel", "--prefix", os.path.join(CACHE, "venv"))
        self.assertEqual(second.returncode, 0, second.stderr)
        self.assertIn("up to date", second.stderr)
        self.assertNotIn("building the kernel", second.stderr)
        self.assertEqual(os.stat(spec).st_mtime_ns, before, "kernel.json was rewritten")

    def test_ten_reports_and_a_lab_side_by_side(self):
        port, token = free_port(), "side-by-side-" + str(os.getpid())
        lab = subprocess.Popen([MAPLAB, "lab", "--port", str(port), f"--IdentityProvider.token={token}",
                                "--ServerApp.open_browser=False"],
                               cwd=ROOT, stdout=subprocess.DEVNULL, stderr=self.lab_log, start_new_session=True)
        try:
            deadline = time.monotonic() + 300
            while True:
                try:
                    api(port, token, "/api/status")
                    break
                except OSError:
                    if lab.poll() is not None:
                        self.fail("the lab stopped: " + self.lab_log_tail())
                    self.assertLess(time.monotonic(), deadline, "the lab did not answer within 300 s")
                    time.sleep(1)
            kernel = api(port, token, "/api/kernels", "POST", {"name": KERNEL_NAME})

            # The installed version is made to look old, so the first report to take the lock
            # installs again while the others wait, and the lab's kernel runs on meanwhile.
            with open(os.path.join(SPEC_DIR, ".maplab-version"), "w") as f:
                f.write("v-older\n")
            nb_path = os.path.join(self.dir, "tiny.ipynb")
            nbformat.write(new_notebook(
                cells=[new_markdown_cell("# Side by side"), new_code_cell("1 + 1"),
                       new_code_cell('var m = ClassicMap.builder(MapType.of("uint64", "uint64")).go("1.19").seed(1).build();\n'
                                     "for (long k = 1; k <= 9; k++) m.set(k, k);\nm.snapshot()")],
                metadata={"kernelspec": {"name": KERNEL_NAME, "display_name": "Java (MapLab)", "language": "java"}}),
                nb_path)
            outs = [os.path.join(self.dir, f"out{i}") for i in range(REPORTS)]
            # A temporary report of a killed run (its PID is gone) and one of a live run.
            os.makedirs(outs[0])
            dead = os.path.join(outs[0], ".tiny.html.999999999.abcd1234.tmp")
            live = os.path.join(outs[0], f".tiny.html.{os.getpid()}.abcd1234.tmp")
            for p in (dead, live):
                open(p, "w").close()

            start = time.monotonic()

            def report(out):
                run = maplab("report", "--out", out, nb_path, timeout=900)
                print(f"  {os.path.basename(out)}: exit {run.returncode} after {time.monotonic() - start:.0f} s",
                      flush=True)
                return run

            with ThreadPoolExecutor(REPORTS) as pool:
                runs = list(pool.map(report, outs))
            installs = 0
            for out, run in zip(outs, runs):
                # Each line cut to 300 characters: a failed report's stderr has ended in the kernel's class
                # path (thousands of characters), and a plain tail showed nothing but that.
                tail = "\n".join(line[:300] for line in run.stderr.splitlines()[-40:])
                self.assertEqual(run.returncode, 0, f"{out}: {tail}")
                installs += "installed in" in run.stderr
                with open(os.path.join(out, "tiny.html"), encoding="utf-8") as f:
                    html = f.read()
                self.assertTrue(html.rstrip().endswith("</html>"), f"{out}: the report is not whole")
                self.assertIn("Side by side", html)
                self.assertRegex(html, r"<svg|data:image/svg", "the map diagram is in the report")
            self.assertEqual(installs, 1, "exactly one report installs; the others find it up to date")
            self.assertFalse(os.path.exists(dead), "a killed run's temporary report is removed")
            self.assertTrue(os.path.exists(live), "a running run's temporary report is left alone")
            os.unlink(live)
            for out in outs:
                self.assertEqual(os.listdir(out), ["tiny.html"], f"{out}: temporary files remain")
            self.assertEqual([d for d in os.listdir(SPEC_DIR) if d.startswith(".tmp")], [])
            with open(os.path.join(SPEC_DIR, "kernel.json")) as f:
                spec = json.load(f)
            version = re.search(r"\{resource_dir\}/(v-\w+)/", " ".join(spec["argv"])).group(1)
            self.assertTrue(os.path.isfile(os.path.join(SPEC_DIR, version, "host.jsa")))

            alive = [k["id"] for k in api(port, token, "/api/kernels")]
            self.assertIn(kernel["id"], alive, "the lab's kernel survived the reports")
        finally:
            procs = descendants(lab.pid) + [lab.pid]
            if lab.poll() is None:
                os.killpg(lab.pid, signal.SIGTERM)
                try:
                    lab.wait(60)
                except subprocess.TimeoutExpired:
                    os.killpg(lab.pid, signal.SIGKILL)
                    lab.wait(10)
        deadline = time.monotonic() + 15
        while any(running(p) for p in procs) and time.monotonic() < deadline:
            time.sleep(0.5)
        self.assertEqual([p for p in procs if running(p)], [], "the lab left processes behind")


if __name__ == "__main__":
    unittest.main()
