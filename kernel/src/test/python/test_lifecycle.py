"""The kernel's processes: SIGKILL of the kernel in every state of a cell leaves no process behind."""
import signal
import time
import unittest

import psutil
from jupyter_client.manager import KernelManager

from kernel_harness import KERNEL_NAME, execute

# Cells that print "started" and then never end by themselves.
STATES = {
    "loop": 'System.out.println("started"); while (true) { }',
    "sleep": 'System.out.println("started"); Thread.sleep(600_000);',
    "stdin": 'System.out.println("started"); new Scanner(System.in).nextLine();',
    "flood": 'System.out.println("started"); while (true) { System.out.println("flood ".repeat(20)); }',
}


def wait_for_text(kc, msg_id, text, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        msg = kc.get_iopub_msg(timeout=max(0.1, deadline - time.monotonic()))
        if (msg["parent_header"].get("msg_id") == msg_id and msg["msg_type"] == "stream"
                and text in msg["content"]["text"]):
            return
    raise AssertionError(f"the cell did not print {text!r} within {timeout} s")


def alive(procs):
    """The processes still running: a zombie has ended, it only waits for its parent to reap it."""
    left = []
    for p in procs:
        try:
            if p.is_running() and p.status() != psutil.STATUS_ZOMBIE:
                left.append(p)
        except psutil.NoSuchProcess:
            pass
    return left


class OrphanTests(unittest.TestCase):
    """The cells' JVM must notice its kernel's death whatever its cell does (issue 19)."""

    def kill_kernel_during(self, code):
        km = KernelManager(kernel_name=KERNEL_NAME)
        km.start_kernel()
        kc = km.client()
        kc.start_channels()
        try:
            kc.wait_for_ready(timeout=60)
            execute(kc, "int warm = 1;")  # the cells' JVM is up
            if code is not None:
                msg_id = kc.execute(code, allow_stdin=True)
                wait_for_text(kc, msg_id, "started")
            kernel = psutil.Process(km.provisioner.process.pid)
            procs = [kernel] + kernel.children(recursive=True)
            self.assertTrue(any("RemoteAgent" in " ".join(p.cmdline()) for p in procs[1:]),
                            f"the cells' JVM is not among the kernel's children: {procs}")
            kernel.send_signal(signal.SIGKILL)
            deadline = time.monotonic() + 5
            while alive(procs) and time.monotonic() < deadline:
                time.sleep(0.1)
            left = alive(procs)
            for p in left:
                p.kill()
            self.assertEqual(left, [], "processes of the killed kernel still run after 5 s")
        finally:
            kc.stop_channels()
            km.shutdown_kernel(now=True)

    def test_idle(self):
        self.kill_kernel_during(None)

    def test_tight_loop(self):
        self.kill_kernel_during(STATES["loop"])

    def test_sleeping(self):
        self.kill_kernel_during(STATES["sleep"])

    def test_blocked_reading_stdin(self):
        self.kill_kernel_during(STATES["stdin"])

    def test_printing_a_flood(self):
        self.kill_kernel_during(STATES["flood"])


if __name__ == "__main__":
    unittest.main()
