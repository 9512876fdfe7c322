"""JupyterLab as ./maplab lab starts it from the venv (scripts/kernel.sh configure_lab): the Java
kernel is the server's default, which the Launcher lists first, and the Jupyter news prompt is
off. A real server is started on a free port and asked through its REST API."""
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import unittest
import urllib.request

from kernel_harness import KERNEL_NAME

JUPYTER = os.path.join(os.path.dirname(sys.executable), "jupyter")
TOKEN = "maplab-lab-config-test"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class LabConfigTests(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        # The user's own Jupyter config and lab settings are left out: only the venv's count.
        env = dict(os.environ, JUPYTER_CONFIG_DIR=os.path.join(cls.tmp.name, "config"),
                   JUPYTERLAB_SETTINGS_DIR=os.path.join(cls.tmp.name, "settings"),
                   JUPYTER_RUNTIME_DIR=os.path.join(cls.tmp.name, "runtime"))
        cls.port = free_port()
        cls.server = subprocess.Popen(
            [JUPYTER, "lab", "--no-browser", "--ip=127.0.0.1", "--port=%d" % cls.port, "--allow-root",
             "--IdentityProvider.token=" + TOKEN, "--ServerApp.root_dir=" + cls.tmp.name],
            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        deadline = time.monotonic() + 120
        while True:
            try:
                cls.get("/api/status")
                break
            except OSError:
                if cls.server.poll() is not None or time.monotonic() > deadline:
                    cls.server.kill()
                    raise RuntimeError("jupyter lab did not start: " + cls.server.stderr.read().decode()[-2000:])
                time.sleep(0.5)

    @classmethod
    def tearDownClass(cls):
        cls.server.terminate()
        try:
            cls.server.wait(30)
        except subprocess.TimeoutExpired:
            cls.server.kill()
        cls.server.stderr.close()
        cls.tmp.cleanup()

    @classmethod
    def get(cls, path):
        req = urllib.request.Request("http://127.0.0.1:%d%s" % (cls.port, path),
                                     headers={"Authorization": "token " + TOKEN})
        with urllib.request.urlopen(req, timeout=10) as r:
            return json.load(r)

    def test_the_java_kernel_is_the_default(self):
        specs = self.get("/api/kernelspecs")
        self.assertIn(KERNEL_NAME, specs["kernelspecs"])
        self.assertEqual(specs["default"], KERNEL_NAME, "the Launcher ranks the default kernel first")

    def test_the_news_prompt_is_off(self):
        # Overrides replace the schema's defaults, which hold unless the user changes the setting.
        setting = self.get("/lab/api/settings/@jupyterlab/apputils-extension:notification")
        defaults = {k: v.get("default") for k, v in setting["schema"]["properties"].items()}
        self.assertEqual(defaults["fetchNews"], "false", "no 'Jupyter news' question on the first start")
        self.assertIs(defaults["checkForUpdates"], False)
        self.assertNotIn("fetchNews", setting["settings"], "the user has not chosen: the default applies")


if __name__ == "__main__":
    unittest.main()
