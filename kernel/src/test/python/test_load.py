"""A load test: three clients on one kernel for MAPLAB_LOAD_SECONDS (60 by default), each sending
short cells, long cells that print, displays and loops it interrupts, one request at a time.

Checked for every request: exactly one execute_reply, to that request, of the expected status;
its outputs (by parent header) are all there, in order, and hold no other request's text; the
kernel's and the cells' JVM's resident memory, sampled each second, stays bounded (the second
half of the run peaks at most 1.5 times as high as the first half). The figures are printed.
"""
import os
import random
import re
import threading
import time
import unittest

import psutil
import zmq
from jupyter_client.manager import KernelManager
from jupyter_client.session import Session

from kernel_harness import KERNEL_NAME

DURATION = float(os.environ.get("MAPLAB_LOAD_SECONDS", "60"))
TAG = re.compile(r"c\d+r\d+")


class Wire:
    """One client's sockets, driven synchronously from its own thread (jupyter_client's blocking
    client runs an asyncio loop per call, which does not hold up with several threads)."""

    def __init__(self, km):
        self.ctx = zmq.Context()
        self.session = Session(key=km.session.key, signature_scheme=km.session.signature_scheme)

        def connect(kind, port):
            s = self.ctx.socket(kind)
            s.linger = 0
            s.connect(f"tcp://{km.ip}:{port}")
            return s

        self.shell = connect(zmq.DEALER, km.shell_port)
        self.control = connect(zmq.DEALER, km.control_port)
        self.iopub = connect(zmq.SUB, km.iopub_port)
        self.iopub.setsockopt(zmq.SUBSCRIBE, b"")

    def send(self, sock, msg_type, content):
        msg = self.session.msg(msg_type, content)
        self.session.send(sock, msg)
        return msg["header"]["msg_id"]

    def recv(self, sock, timeout):
        if not sock.poll(int(timeout * 1000)):
            raise TimeoutError(f"nothing within {timeout:.0f} s")
        return self.session.recv(sock, mode=0)[1]

    def reply_to(self, sock, msg_id, timeout=60):
        m = self.recv(sock, timeout)
        while m["parent_header"].get("msg_id") != msg_id:
            m = self.recv(sock, timeout)
        return m

    def wait_for_iopub(self):
        """A SUB socket misses what is published before it has joined: ask until iopub answers."""
        for _ in range(120):
            self.send(self.shell, "kernel_info_request", {})
            if self.iopub.poll(500):
                break
        else:
            raise TimeoutError("iopub never answered")
        time.sleep(0.5)
        while self.shell.poll(100):
            self.session.recv(self.shell, mode=0)
        while self.iopub.poll(100):
            self.session.recv(self.iopub, mode=0)

    def close(self):
        self.ctx.destroy(linger=0)


class Client(threading.Thread):
    def __init__(self, km, number, stop_at):
        super().__init__(name=f"client-{number}")
        self.km, self.number, self.stop_at = km, number, stop_at
        self.rng = random.Random(number)
        self.counts = {"short": 0, "long": 0, "display": 0, "interrupt": 0}
        self.replies = 0
        self.failures = []

    def run(self):
        wire = Wire(self.km)
        try:
            wire.wait_for_iopub()
            i = 0
            while time.monotonic() < self.stop_at and not self.failures:
                kind = self.rng.choices(["short", "long", "display", "interrupt"], [5, 2, 2, 1])[0]
                self.one(wire, kind, f"c{self.number}r{i}", i)
                i += 1
        except Exception as e:  # a timeout or a protocol error: reported by the test
            self.failures.append(f"{self.name}: {type(e).__name__}: {e}")
        finally:
            wire.close()

    def one(self, wire, kind, tag, i):
        code = {
            "short": f'"{tag}=" + ({i} + 1)',
            "long": f'for (int k = 0; k < 5; k++) {{ System.out.println("{tag} " + k); Thread.sleep(40); }}',
            "display": f'display("{tag} shown"); System.out.println("{tag} printed");',
            # One snippet: an interrupt that comes between two snippets of a cell (while JShell
            # compiles the next) is lost, a known limit of the evaluator.
            "interrupt": f'{{ System.out.println("{tag} spins"); while (true) {{ }} }}',
        }[kind]
        msg_id = wire.send(wire.shell, "execute_request", {
            "code": code, "silent": False, "store_history": True, "user_expressions": {},
            "allow_stdin": False, "stop_on_error": False})
        self.counts[kind] += 1
        msgs = []
        interrupted = False
        deadline = time.monotonic() + 120
        # Outputs until the request's idle status (after its reply); interrupt once the loop runs.
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError(f"{tag} ({kind}): no idle status within 120 s")
            try:
                m = wire.recv(wire.iopub, left)
            except TimeoutError:
                raise TimeoutError(f"{tag} ({kind}): {[(x['msg_type'], x['content']) for x in msgs]}") from None
            if m["parent_header"].get("msg_id") != msg_id:
                continue
            msgs.append(m)
            if kind == "interrupt" and not interrupted and m["msg_type"] == "stream" and "spins" in m["content"]["text"]:
                wire.reply_to(wire.control, wire.send(wire.control, "interrupt_request", {}))
                interrupted = True
            if m["msg_type"] == "status" and m["content"]["execution_state"] == "idle":
                break
        reply = wire.recv(wire.shell, 60)
        self.replies += 1
        if reply["parent_header"].get("msg_id") != msg_id:
            self.failures.append(f"{tag}: got the reply to {reply['parent_header'].get('msg_id')}, not to {msg_id}")
            return
        self.check(kind, tag, i, reply["content"], msgs)

    def check(self, kind, tag, i, reply, msgs):
        text = "".join(m["content"]["text"] for m in msgs if m["msg_type"] == "stream")
        shown = [m["content"]["data"]["text/plain"] for m in msgs if m["msg_type"] in ("display_data", "execute_result")]
        others = {t for t in TAG.findall(text + " ".join(shown)) if t != tag}
        if others:
            self.failures.append(f"{tag}: holds output of {sorted(others)}")
        want_status = "error" if kind == "interrupt" else "ok"
        if reply["status"] != want_status:
            self.failures.append(f"{tag} ({kind}): status {reply['status']} {reply.get('evalue', '')}")
        if kind == "short" and shown != [f'"{tag}={i + 1}"']:
            self.failures.append(f"{tag}: result {shown}")
        if kind == "long" and text != "".join(f"{tag} {k}\n" for k in range(5)):
            self.failures.append(f"{tag}: printed {text!r}")
        if kind == "display" and (shown != [f"{tag} shown"] or text != f"{tag} printed\n"):
            self.failures.append(f"{tag}: display {shown}, printed {text!r}")
        if kind == "interrupt" and reply.get("ename") != "Interrupted":
            self.failures.append(f"{tag}: not interrupted: {reply}")


class LoadTest(unittest.TestCase):
    def test_three_clients_for_a_minute(self):
        km = KernelManager(kernel_name=KERNEL_NAME)
        km.start_kernel()
        warm = km.client()
        warm.start_channels()
        try:
            warm.wait_for_ready(timeout=60)
            warm.execute_interactive("1 + 1", timeout=60)  # the cells' JVM is up
            warm.stop_channels()
            kernel = psutil.Process(km.provisioner.process.pid)
            cells = [p for p in kernel.children(recursive=True) if "RemoteAgent" in " ".join(p.cmdline())]
            self.assertEqual(len(cells), 1)
            samples = []  # (seconds, kernel RSS, cells' JVM RSS)
            t0 = time.monotonic()
            stop_at = t0 + DURATION
            clients = [Client(km, n, stop_at) for n in range(3)]
            for c in clients:
                c.start()
            while any(c.is_alive() for c in clients):
                samples.append((time.monotonic() - t0, kernel.memory_info().rss, cells[0].memory_info().rss))
                time.sleep(1)
            for c in clients:
                c.join()
            took = time.monotonic() - t0
        finally:
            km.shutdown_kernel(now=True)
        counts = {k: sum(c.counts[k] for c in clients) for k in clients[0].counts}
        requests, replies = sum(counts.values()), sum(c.replies for c in clients)
        mb = lambda b: round(b / 2**20)
        k_rss = [s[1] for s in samples]
        j_rss = [s[2] for s in samples]
        print(f"\nload: {len(clients)} clients, {took:.0f} s, {requests} requests ({counts}), {replies} replies,"
              f" kernel RSS {mb(min(k_rss))}-{mb(max(k_rss))} MB, cells' JVM RSS {mb(min(j_rss))}-{mb(max(j_rss))} MB,"
              f" load average {os.getloadavg()[0]:.1f}")
        failures = [f for c in clients for f in c.failures]
        self.assertEqual(failures, [])
        self.assertEqual(replies, requests, "every request gets its reply")
        self.assertGreater(counts["interrupt"], 0)
        half = [s for s in samples if s[0] < DURATION / 2], [s for s in samples if s[0] >= DURATION / 2]
        for col, name in ((1, "kernel"), (2, "cells' JVM")):
            first, second = max(s[col] for s in half[0]), max(s[col] for s in half[1])
            self.assertLessEqual(second, 1.5 * first, f"the {name}'s memory grows: {mb(first)} MB then {mb(second)} MB")


if __name__ == "__main__":
    unittest.main()
