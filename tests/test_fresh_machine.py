"""The fresh-machine promise: a clean clone, an empty HOME (so an empty Maven repository, pip
cache, MapLab cache and Go toolchain cache), and the README's two commands exactly as printed.

The commands are read from README.md's "Two commands" code block, so the README cannot drift from
what is tested. The test command runs with --quick appended (the same tests, less this one and the
Binder test, which would recurse). The lab command is started in the background with a free port
and a token, the test waits until JupyterLab answers, runs notebooks/00-start-here.ipynb cell by
cell through the server (POST /api/kernels, then the kernel's websocket), stops the server and
checks that no process of it is left. Everything is downloaded again: this test is slow.

The clone is `git clone` of this repository's HEAD; when the working tree has changes not yet
committed, its tracked and new files are laid over the clone, so that what is tested is what is
in the tree (in CI, a fresh clone, that changes nothing).
"""
import json
import os
import re
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import unittest
import urllib.request
import uuid

import websocket  # websocket-client, pinned in binder/requirements.txt

from common import ROOT, Stopwatch, base_env, clean_path, copy_tree, free_port, tail

PROJECT_CACHE = os.environ.get("MAPLAB_CACHE") or os.path.expanduser("~/.cache/maplab")


def readme_commands(readme):
    with open(readme) as f:
        text = f.read()
    section = text.split("## Two commands", 1)[1].split("\n## ", 1)[0]
    block = re.search(r"```sh\n(.*?)```", section, re.S).group(1)
    cmds = [line.split("#", 1)[0].strip() for line in block.splitlines()]
    return [c for c in cmds if c]


def processes_mentioning(needle):
    pids = []
    for pid in os.listdir("/proc"):
        if not pid.isdigit() or int(pid) == os.getpid():
            continue
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as f:
                if needle.encode() in f.read():
                    pids.append(int(pid))
        except OSError:
            pass
    return pids


class FreshMachine(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="maplab-fresh-")
        cls.home = os.path.join(cls.tmp, "home")
        cls.clone = os.path.join(cls.tmp, "maplab")
        os.makedirs(cls.home)
        subprocess.run(["git", "clone", "-q", ROOT, cls.clone], check=True)
        copy_tree(cls.clone)  # the working tree's uncommitted changes, if any
        cls.env = base_env(HOME=cls.home, PATH=clean_path(PROJECT_CACHE, sys.prefix),
                           MAVEN_OPTS="-Dmaven.repo.local=" + os.path.join(cls.home, ".m2", "repository"))
        cls.commands = readme_commands(os.path.join(cls.clone, "README.md"))

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def command(self, word):
        (cmd,) = [c for c in self.commands if shlex.split(c)[1:2] == [word]]
        return shlex.split(cmd)

    def test_1_readme_has_the_two_commands(self):
        self.assertEqual(self.commands, ["./maplab lab", "./maplab test"])

    def test_2_test_command_passes(self):
        log = os.path.join(self.tmp, "test.log")
        with Stopwatch() as t, open(log, "w") as out:
            run = subprocess.run(self.command("test") + ["--quick"], cwd=self.clone, env=self.env,
                                 stdout=out, stderr=subprocess.STDOUT, timeout=50 * 60)
        print(f"\n[fresh] ./maplab test --quick with an empty HOME: {t.seconds:.0f} s", file=sys.stderr)
        self.assertEqual(run.returncode, 0, "./maplab test failed on a fresh machine:\n" + tail(log))
        with open(log) as f:
            closing = [l for l in f if re.match(r"maplab: \d+ passed, \d+ failed", l)]
        self.assertTrue(closing, tail(log))
        self.assertIn(", 0 failed", closing[-1])
        self.assertTrue(os.path.isdir(os.path.join(self.home, ".m2", "repository")),
                        "Maven did not use the empty HOME's repository")

    def test_3_lab_command_serves_and_runs_a_notebook(self):
        port, token = free_port(), uuid.uuid4().hex
        log = os.path.join(self.tmp, "lab.log")
        argv = self.command("lab") + [f"--port={port}", f"--IdentityProvider.token={token}"]
        base = f"http://127.0.0.1:{port}"
        auth = {"Authorization": f"token {token}"}

        def http(method, path, body=None):
            req = urllib.request.Request(base + path, method=method, headers=dict(auth, **(
                {"Content-Type": "application/json"} if body is not None else {})),
                data=None if body is None else json.dumps(body).encode())
            with urllib.request.urlopen(req, timeout=30) as r:
                return r.status, r.read()

        with Stopwatch() as t, open(log, "w") as out:
            lab = subprocess.Popen(argv, cwd=self.clone, env=self.env, stdout=out, stderr=subprocess.STDOUT,
                                   stdin=subprocess.DEVNULL, start_new_session=True)
            try:
                deadline = time.monotonic() + 900
                while True:
                    self.assertIsNone(lab.poll(), "./maplab lab exited early:\n" + tail(log))
                    try:
                        if http("GET", "/api/status")[0] == 200:
                            break
                    except OSError:
                        pass
                    self.assertLess(time.monotonic(), deadline, "JupyterLab never answered:\n" + tail(log))
                    time.sleep(1)
                started = time.monotonic() - t.start
                status, page = http("GET", "/lab")
                self.assertEqual(status, 200)
                self.assertIn(b"JupyterLab", page)
                specs = json.loads(http("GET", "/api/kernelspecs")[1])["kernelspecs"]
                self.assertIn("maplab-java", specs)
                kernel = json.loads(http("POST", "/api/kernels", {"name": "maplab-java"})[1])
                outputs = self.run_notebook(port, token, kernel["id"])
                errors = [o for o in outputs if o["msg_type"] == "error"]
                self.assertFalse(errors, errors and "\n".join(errors[0]["content"]["traceback"]))
                svgs = [o for o in outputs if "image/svg+xml" in o["content"].get("data", {})]
                self.assertTrue(svgs, "no SVG from notebooks/00-start-here.ipynb through the server")
                http("DELETE", f"/api/kernels/{kernel['id']}")
            finally:
                os.killpg(lab.pid, signal.SIGTERM)
                try:
                    lab.wait(timeout=60)
                except subprocess.TimeoutExpired:
                    os.killpg(lab.pid, signal.SIGKILL)
                    lab.wait()
                    self.fail("JupyterLab did not stop on SIGTERM within 60 s")
        print(f"\n[fresh] ./maplab lab answered after {started:.0f} s; whole lab check {t.seconds:.0f} s",
              file=sys.stderr)
        time.sleep(2)
        with self.assertRaises(ProcessLookupError, msg="processes of the lab's group are left"):
            os.killpg(lab.pid, 0)
        self.assertEqual(processes_mentioning(self.home), [], "a kernel or server of the lab is left")
        with self.assertRaises(OSError, msg="the port still answers"):
            http("GET", "/api/status")

    def run_notebook(self, port, token, kernel_id):
        with open(os.path.join(self.clone, "notebooks", "00-start-here.ipynb")) as f:
            nb = json.load(f)
        ws = websocket.create_connection(
            f"ws://127.0.0.1:{port}/api/kernels/{kernel_id}/channels?token={token}", timeout=180)
        session, outputs = uuid.uuid4().hex, []
        try:
            for cell in nb["cells"]:
                if cell["cell_type"] != "code":
                    continue
                msg_id = uuid.uuid4().hex
                ws.send(json.dumps({
                    "header": {"msg_id": msg_id, "msg_type": "execute_request", "session": session,
                               "username": "test", "version": "5.3", "date": ""},
                    "parent_header": {}, "metadata": {}, "channel": "shell", "buffers": [],
                    "content": {"code": "".join(cell["source"]), "silent": False, "store_history": True,
                                "user_expressions": {}, "allow_stdin": False, "stop_on_error": True}}))
                replied = idle = False
                while not (replied and idle):
                    msg = json.loads(ws.recv())
                    if msg.get("parent_header", {}).get("msg_id") != msg_id:
                        continue
                    kind = msg["msg_type"]
                    if kind == "execute_reply":
                        replied = True
                        self.assertEqual(msg["content"]["status"], "ok", msg["content"])
                    elif kind == "status" and msg["content"]["execution_state"] == "idle":
                        idle = True
                    elif kind in ("execute_result", "display_data", "error", "stream"):
                        outputs.append(msg)
        finally:
            ws.close()
        return outputs


if __name__ == "__main__":
    unittest.main()
