"""Shared helpers of the Python tests: the installed kernel's name, JDKs to run it on, and whether a
Chromium is there to drive (scripts/browser.py)."""
import glob
import os
import re
import subprocess
import sys
import unittest

KERNEL_NAME = "maplab-java"
SCRIPTS = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "..", "scripts"))


def java_major(java):
    out = subprocess.run([java, "-version"], capture_output=True, text=True).stderr
    m = re.search(r'version "(\d+)(?:\.(\d+))?', out)
    if not m:
        return 0
    major = int(m.group(1))
    return int(m.group(2)) if major == 1 else major


def newer_jdk():
    """A java of JDK 21 or newer: $MAPLAB_JDK21/bin/java, else one under /usr/lib/jvm; or None."""
    candidates = []
    if os.environ.get("MAPLAB_JDK21"):
        candidates.append(os.path.join(os.environ["MAPLAB_JDK21"], "bin", "java"))
    candidates += sorted(glob.glob("/usr/lib/jvm/*/bin/java"))
    for java in candidates:
        if os.path.isfile(java) and java_major(java) >= 21:
            return java
    return None


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
