"""Hostile cells through the whole kernel: the session must survive each, with its variables."""
import time
import unittest

from jupyter_client.manager import KernelManager

from kernel_harness import KERNEL_NAME, execute


class HostileCellTests(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.km = KernelManager(kernel_name=KERNEL_NAME)
        cls.km.start_kernel()
        cls.kc = cls.km.client()
        cls.kc.start_channels()
        cls.kc.wait_for_ready(timeout=60)
        execute(cls.kc, "int kept = 11;")

    @classmethod
    def tearDownClass(cls):
        cls.kc.stop_channels()
        cls.km.shutdown_kernel(now=True)

    def assert_alive(self):
        reply, msgs = execute(self.kc, "kept")
        self.assertEqual(reply["status"], "ok")
        self.assertEqual([m["content"]["data"]["text/plain"] for m in msgs if m["msg_type"] == "execute_result"], ["11"])

    def test_printing_100_mb_is_truncated_with_a_note(self):
        reply, msgs = execute(self.kc, 'String line = "x".repeat(99);\n'
                                       'for (int i = 0; i < 1_000_000; i++) System.out.println(line);', timeout=300)
        self.assertEqual(reply["status"], "ok")
        streams = [m["content"] for m in msgs if m["msg_type"] == "stream"]
        shown = sum(len(s["text"]) for s in streams if s["name"] == "stdout")
        self.assertLessEqual(shown, 1_000_000)
        self.assertTrue(any("output truncated" in s["text"] for s in streams if s["name"] == "stderr"))
        self.assert_alive()

    def test_threads_printing_after_the_cell_reach_that_cell(self):
        reply, msgs = execute(self.kc, 'new Thread(() -> { for (int i = 0; i < 3; i++) {\n'
                                       '  try { Thread.sleep(300); } catch (InterruptedException e) { }\n'
                                       '  System.out.println("tick " + i); } }).start();')
        self.assertEqual(reply["status"], "ok")
        cell_id = msgs[0]["parent_header"]["msg_id"]
        late = []
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline and "".join(late).count("tick") < 3:
            try:
                m = self.kc.get_iopub_msg(timeout=1)
            except Exception:
                continue
            if m["msg_type"] == "stream" and m["parent_header"].get("msg_id") == cell_id:
                late.append(m["content"]["text"])
        self.assertEqual("".join(late).count("tick"), 3, late)
        self.assert_alive()

    def test_system_exit_restarts_with_a_notice(self):
        execute(self.kc, "int helper(int x) { return x + 1; }")
        reply, msgs = execute(self.kc, "System.exit(2);")
        self.assertEqual(reply["status"], "error")
        self.assertEqual(reply["ename"], "KernelRestarted")
        reply, msgs = execute(self.kc, "helper(1)")
        self.assertEqual([m["content"]["data"]["text/plain"] for m in msgs if m["msg_type"] == "execute_result"], ["2"])
        execute(self.kc, "int kept = 11;")  # variables are gone after a restart, as the notice says
        self.assert_alive()

    def test_stack_overflow_and_throwing_to_string(self):
        reply, _ = execute(self.kc, "int deep(int n) { return deep(n + 1); }\ndeep(0)")
        self.assertEqual(reply["ename"], "java.lang.StackOverflowError")
        reply, msgs = execute(self.kc, 'new Object() { public String toString() { throw new RuntimeException("x"); } }')
        self.assertEqual(reply["status"], "ok")
        text = [m["content"]["data"]["text/plain"] for m in msgs if m["msg_type"] == "execute_result"][0]
        self.assertIn("toString() threw", text)
        self.assert_alive()


if __name__ == "__main__":
    unittest.main()
