"""The kernel as a client sees it: signatures, bad input, interrupt on each JDK, parent death."""
import json
import os
import signal
import stat
import subprocess
import sys
import tempfile
import time
import unittest

import zmq
from jupyter_client.connect import write_connection_file
from jupyter_client.manager import KernelManager
from jupyter_client.session import Session

from kernel_harness import KERNEL_NAME, execute, newer_jdk


def start(java=None):
    km = KernelManager(kernel_name=KERNEL_NAME)
    if java:
        km.kernel_spec.argv[0] = java
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    kc.wait_for_ready(timeout=60)
    return km, kc


class SignatureTests(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.km, cls.kc = start()

    @classmethod
    def tearDownClass(cls):
        cls.kc.stop_channels()
        cls.km.shutdown_kernel(now=True)

    def raw_shell(self):
        ctx = zmq.Context.instance()
        sock = ctx.socket(zmq.DEALER)
        sock.linger = 0
        sock.connect(f"tcp://{self.km.ip}:{self.km.shell_port}")
        return sock

    def test_wrong_signature_is_ignored_and_kernel_still_answers(self):
        execute(self.kc, "int marker = 1;")
        forged = Session(key=b"not-the-key", username="attacker")
        sock = self.raw_shell()
        msg = forged.msg("execute_request", {"code": "marker = 666;", "silent": False})
        forged.send(sock, msg)
        self.assertEqual(sock.poll(1500), 0, "the kernel must not reply to a forged message")
        # Garbage frames and a valid-looking but unsigned message: dropped too.
        sock.send_multipart([b"<IDS|MSG>", b"", b"{", b"}", b"{}", b"{}"])
        sock.send_multipart([b"junk"])
        self.assertEqual(sock.poll(500), 0)
        sock.close()
        reply, msgs = execute(self.kc, "marker")
        self.assertEqual(reply["status"], "ok")
        results = [m for m in msgs if m["msg_type"] == "execute_result"]
        self.assertEqual(results[0]["content"]["data"]["text/plain"], "1", "the forged cell never ran")

    def test_bad_request_content_gets_an_error_reply(self):
        msg = self.kc.session.msg("complete_request", {"code": 42, "cursor_pos": "x"})
        self.kc.shell_channel.send(msg)
        # wait_for_ready re-sends kernel_info while a slow kernel starts, so the shell channel
        # may still hold an earlier reply: take the one to this request.
        reply = self.kc.get_shell_msg(timeout=10)
        while reply["parent_header"].get("msg_id") != msg["header"]["msg_id"]:
            reply = self.kc.get_shell_msg(timeout=10)
        self.assertEqual(reply["content"]["status"], "error")
        self.assertIn("code", reply["content"]["evalue"])
        self.assertEqual(self.kc.kernel_info(reply=True, timeout=10)["content"]["status"], "ok")

    def test_kernel_info_has_status_and_language_info(self):
        c = self.kc.kernel_info(reply=True, timeout=10)["content"]
        self.assertEqual(c["status"], "ok")
        li = c["language_info"]
        for key in ("name", "version", "mimetype", "file_extension", "codemirror_mode"):
            self.assertIn(key, li)


class InterruptTests(unittest.TestCase):
    def interrupt_loop(self, java=None):
        km, kc = start(java)
        try:
            execute(kc, "int kept = 5;")
            msg_id = kc.execute("while (true) { }")
            time.sleep(1.0)
            t0 = time.monotonic()
            km.interrupt_kernel()
            reply = kc.get_shell_msg(timeout=10)
            took = time.monotonic() - t0
            self.assertEqual(reply["parent_header"]["msg_id"], msg_id)
            self.assertEqual(reply["content"]["status"], "error")
            self.assertEqual(reply["content"]["ename"], "Interrupted")
            self.assertLess(took, 2.0, "the issue requires an interrupt within 2 s")
            reply, msgs = execute(kc, "kept")
            self.assertEqual([m["content"]["data"]["text/plain"] for m in msgs if m["msg_type"] == "execute_result"], ["5"])
        finally:
            kc.stop_channels()
            km.shutdown_kernel(now=True)

    def test_interrupt_stops_a_tight_loop_on_jdk17(self):
        self.interrupt_loop()

    def test_interrupt_stops_a_tight_loop_on_jdk21_or_newer(self):
        java = newer_jdk()
        if java is None:
            self.skipTest("no JDK 21+ on this machine ($MAPLAB_JDK21 or /usr/lib/jvm); Debian 12 packages none")
        self.interrupt_loop(java)


def kernel_command(test):
    """A fresh connection file in a temporary folder (removed after the test), its contents, and
    the installed kernel's command line for it, to start the kernel as a launcher would."""
    spec = KernelManager(kernel_name=KERNEL_NAME).kernel_spec
    tmp = tempfile.TemporaryDirectory(prefix="maplab-test-")
    test.addCleanup(tmp.cleanup)
    conn, info = write_connection_file(os.path.join(tmp.name, "kernel.json"))
    argv = [a.replace("{connection_file}", conn).replace("{resource_dir}", spec.resource_dir) for a in spec.argv]
    return conn, info, argv


class BindTests(unittest.TestCase):
    def test_a_port_taken_before_the_kernel_binds_it_is_named_and_the_kernel_exits(self):
        conn, info, argv = kernel_command(self)
        # Another process takes the shell port between jupyter_client's pick and the kernel's bind.
        ctx = zmq.Context()
        taken = ctx.socket(zmq.ROUTER)
        taken.bind(f"tcp://127.0.0.1:{info['shell_port']}")
        self.addCleanup(ctx.destroy, 0)
        self.addCleanup(taken.close, 0)
        proc = subprocess.run(argv, capture_output=True, text=True, timeout=60)
        self.assertEqual(proc.returncode, 1, proc.stderr)
        self.assertIn(f"maplab: cannot listen on tcp://127.0.0.1:{info['shell_port']}", proc.stderr)
        self.assertIn("the connection file's ports must be free", proc.stderr)
        self.assertNotIn("Exception in thread", proc.stderr)
        self.assertNotIn("\tat ", proc.stderr)


class ParentDeathTests(unittest.TestCase):
    def test_kernel_exits_within_5s_when_its_parent_dies_and_removes_its_connection_file(self):
        conn, _, argv = kernel_command(self)
        os.chmod(conn, 0o644)  # as a careless launcher would leave it: the kernel must tighten it
        # An intermediate parent that starts the kernel, prints its pid, then waits to be killed.
        parent = subprocess.Popen(
            [sys.executable, "-c",
             "import subprocess, sys, time\n"
             f"p = subprocess.Popen({argv!r})\n"
             "print(p.pid, flush=True)\n"
             "time.sleep(3600)\n"],
            stdout=subprocess.PIPE, text=True)
        kernel_pid = int(parent.stdout.readline())
        time.sleep(3)  # let the kernel start its cells' JVM too
        self.assertEqual(stat.S_IMODE(os.stat(conn).st_mode), 0o600, "the key must be readable by its owner only")
        children = subprocess.run(["pgrep", "-P", str(kernel_pid)], capture_output=True, text=True).stdout.split()
        parent.send_signal(signal.SIGKILL)
        parent.wait()
        parent.stdout.close()
        t0 = time.monotonic()
        while time.monotonic() - t0 < 5 and os.path.exists(f"/proc/{kernel_pid}"):
            time.sleep(0.1)
        gone = not os.path.exists(f"/proc/{kernel_pid}") or open(f"/proc/{kernel_pid}/stat").read().split()[2] == "Z"
        if not gone:
            os.kill(kernel_pid, signal.SIGKILL)
        self.assertTrue(gone, "the kernel outlived its parent by 5 s")
        self.assertFalse(os.path.exists(conn), "the orphaned kernel left its connection file (the HMAC key) behind")
        time.sleep(1)
        for c in children:
            self.assertFalse(os.path.exists(f"/proc/{c}") and open(f"/proc/{c}/stat").read().split()[2] != "Z",
                             f"the cells' JVM {c} outlived the kernel")


if __name__ == "__main__":
    unittest.main()
