"""Standard input through Jupyter's stdin channel: input_request when the front end allows it, a
clear error at once when it does not."""
import time
import unittest

from jupyter_client.manager import KernelManager

from kernel_harness import KERNEL_NAME


def run(kc, code, answers=(), allow_stdin=True, timeout=30):
    """Runs code answering each input_request with the next answer; returns (reply, iopub, prompts)."""
    msgs, prompts = [], []
    queue = list(answers)

    def answer(msg):
        prompts.append(msg["content"])
        kc.input(queue.pop(0))

    reply = kc.execute_interactive(code, allow_stdin=allow_stdin, stdin_hook=answer,
                                   output_hook=msgs.append, timeout=timeout)
    return reply["content"], msgs, prompts


def result(msgs):
    return [m["content"]["data"]["text/plain"] for m in msgs if m["msg_type"] == "execute_result"]


def stderr(msgs):
    return "".join(m["content"]["text"] for m in msgs if m["msg_type"] == "stream" and m["content"]["name"] == "stderr")


class StdinTests(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.km = KernelManager(kernel_name=KERNEL_NAME)
        cls.km.start_kernel()
        cls.kc = cls.km.client()
        cls.kc.start_channels()
        cls.kc.wait_for_ready(timeout=60)

    @classmethod
    def tearDownClass(cls):
        cls.kc.stop_channels()
        cls.km.shutdown_kernel(now=True)

    def test_scanner_reads_lines_typed_in_the_front_end(self):
        reply, msgs, prompts = run(self.kc, 'var in = new Scanner(System.in);\n'
                                            'String a = in.nextLine();\nString b = in.nextLine();\na + "|" + b',
                                   answers=["héllo wörld", "second line"])
        self.assertEqual(reply["status"], "ok", reply)
        self.assertEqual(len(prompts), 2, "one input_request per line")
        self.assertEqual(result(msgs), ['"héllo wörld|second line"'])

    def test_buffered_reader_and_an_empty_line(self):
        reply, msgs, _ = run(self.kc, 'new BufferedReader(new InputStreamReader(System.in)).readLine().length()',
                             answers=[""])
        self.assertEqual(result(msgs), ["0"])

    def test_a_front_end_without_stdin_gets_an_error_not_a_blocked_cell(self):
        t0 = time.monotonic()
        reply, msgs, prompts = run(self.kc, "new Scanner(System.in).nextLine()", allow_stdin=False, timeout=30)
        self.assertLess(time.monotonic() - t0, 20, "the cell must fail at once, not wait for input")
        self.assertEqual(prompts, [])
        self.assertEqual(reply["status"], "error")
        self.assertIn("NoSuchElementException", reply["ename"] + reply["evalue"])
        self.assertIn("allow_stdin false", stderr(msgs))
        reply, msgs, _ = run(self.kc, "new BufferedReader(new InputStreamReader(System.in)).readLine()",
                             allow_stdin=False, timeout=30)
        self.assertEqual(reply["status"], "error")
        self.assertIn("allow_stdin false", reply["evalue"])

    def test_an_interrupted_read_leaves_nothing_behind(self):
        kc = self.kc
        msg_id = kc.execute("new Scanner(System.in).nextLine()", allow_stdin=True)
        req = kc.get_stdin_msg(timeout=30)
        self.assertEqual(req["msg_type"], "input_request")
        self.assertEqual(req["parent_header"]["msg_id"], msg_id, "the request belongs to the cell that reads")
        self.km.interrupt_kernel()
        reply = kc.get_shell_msg(timeout=30)
        while reply["parent_header"].get("msg_id") != msg_id:
            reply = kc.get_shell_msg(timeout=30)
        self.assertEqual(reply["content"]["ename"], "Interrupted")
        kc.input("late answer")  # to the cell that is gone: must be dropped
        reply, msgs, prompts = run(self.kc, "new Scanner(System.in).nextLine()", answers=["fresh"])
        self.assertEqual(reply["status"], "ok", reply)
        self.assertEqual(len(prompts), 1)
        self.assertEqual(result(msgs), ['"fresh"'])
        reply, msgs, _ = run(self.kc, "1 + 1")
        self.assertEqual(result(msgs), ["2"], "the next cell is not interrupted")

    def test_system_console_does_not_block(self):
        reply, msgs, prompts = run(self.kc, "System.console() == null", timeout=30)
        self.assertEqual(reply["status"], "ok")
        self.assertEqual(prompts, [])


if __name__ == "__main__":
    unittest.main()
