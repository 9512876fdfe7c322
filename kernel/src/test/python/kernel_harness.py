"""Shared helpers of the Python tests: the installed kernel's name, JDKs to run it on, and whether a
Chromium is there to drive (scripts/browser.py)."""
import os
import subprocess
import sys
import unittest

KERNEL_NAME = "maplab-java"
SCRIPTS = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "..", "scripts"))


def newer_jdk():
    """A java of JDK 21 or newer, as scripts/race-java.sh finds it ($MAPLAB_JDK21, the PATH,
    /usr/lib/jvm); or None."""
    found = subprocess.run([os.path.join(SCRIPTS, "race-java.sh"), "--path"], capture_output=True, text=True)
    return (found.stdout.strip() or None) if found.returncode == 0 else None


def execute(kc, code, timeout=60):
    """Runs code; returns (reply content, list of iopub messages of this request)."""
    msgs = []
    reply = kc.execute_interactive(code, output_hook=msgs.append, timeout=timeout)
    return reply["content"], msgs


def require_chromium():
    """Skips the calling test (class) when there is no Chromium to drive, saying why; under CI
    (CI=true) that is a failure instead, since CI's machine installs it (scripts/toolchain.sh)."""
    if SCRIPTS not in sys.path:
        sys.path.insert(0, SCRIPTS)
    import browser  # scripts/browser.py
    reason = browser.missing_reason()
    if reason is None:
        return
    if os.environ.get("CI") == "true":
        raise AssertionError(f"CI=true and the browser cannot run: {reason}")
    raise unittest.SkipTest(reason)
