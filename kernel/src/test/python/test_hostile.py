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

    def wait_for_input(self, msg_id):
        """Waits for the kernel's execute_input of that request: the cell has reached the evaluator."""
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            m = self.kc.get_iopub_msg(timeout=30)
            if m["msg_type"] == "execute_input" and m["parent_header"].get("msg_id") == msg_id:
                return
        self.fail("no execute_input within 30 s")

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

    def test_ten_thousand_statements_reply_within_a_minute(self):
        # A timeout, not a speed claim: the quadratic kernel took minutes for 4,000.
        code = "int counted = 0;\n" + "counted++;\n" * 10_000 + "counted"
        reply, msgs = execute(self.kc, code, timeout=60)
        self.assertEqual(reply["status"], "ok")
        self.assertEqual([m["content"]["data"]["text/plain"] for m in msgs if m["msg_type"] == "execute_result"], ["10000"])
        self.assert_alive()

    def test_interrupt_while_a_huge_cell_is_split(self):
        execute(self.kc, "int untouched = 0;")
        msg_id = self.kc.execute("untouched++;\n" * 300_000)
        self.wait_for_input(msg_id)
        time.sleep(0.5)
        self.km.interrupt_kernel()
        reply = self.kc.get_shell_msg(timeout=30)
        self.assertEqual(reply["parent_header"]["msg_id"], msg_id)
        self.assertEqual(reply["content"]["ename"], "Interrupted")
        reply, msgs = execute(self.kc, "untouched")
        self.assertEqual([m["content"]["data"]["text/plain"] for m in msgs if m["msg_type"] == "execute_result"], ["0"])
        self.assert_alive()

    def test_class_file_limits_are_errors_and_the_session_goes_on(self):
        reply, _ = execute(self.kc, 'int a = 1;\nString big = "' + "a" * 70_000 + '";')
        self.assertEqual(reply["status"], "error")
        self.assertTrue(reply["traceback"][0].startswith("Compile error at line 2: constant string too long"), reply["traceback"])
        reply, _ = execute(self.kc, "int[] huge = {" + "7," * 20_000 + "};")
        self.assertEqual(reply["status"], "error")
        self.assertIn("code too large", reply["evalue"])
        for code, shown in (("1 + 1", "2"), ("int declared = 5;\ndeclared", "5"),
                            ('String ok = "' + "b" * 60_000 + '";\nok.length()', "60000")):
            reply, msgs = execute(self.kc, code)
            self.assertEqual([m["content"]["data"]["text/plain"] for m in msgs if m["msg_type"] == "execute_result"], [shown])
        self.assert_alive()

    def test_a_cell_catching_the_interrupt_is_ended_with_its_jvm(self):
        execute(self.kc, "int helper2(int x) { return x + 2; }")
        msg_id = self.kc.execute("while (true) { try { while (true) { } } catch (Throwable t) { } }")
        self.wait_for_input(msg_id)
        time.sleep(1)
        self.km.interrupt_kernel()
        time.sleep(1)
        self.km.interrupt_kernel()
        reply = self.kc.get_shell_msg(timeout=30)
        self.assertEqual(reply["parent_header"]["msg_id"], msg_id)
        self.assertEqual(reply["content"]["ename"], "KernelRestarted")
        self.assertIn("two interrupts", reply["content"]["evalue"])
        reply, msgs = execute(self.kc, "helper2(1)")
        self.assertEqual([m["content"]["data"]["text/plain"] for m in msgs if m["msg_type"] == "execute_result"], ["3"])
        execute(self.kc, "int kept = 11;")  # variables are gone after a restart, as the notice says
        self.assert_alive()


if __name__ == "__main__":
    unittest.main()
