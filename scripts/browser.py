"""The system's Chromium, driven by Playwright: ./maplab report --pdf prints with it, and the
browser test (kernel/src/test/python/test_browser.py) drives JupyterLab with it.

MapLab never downloads a browser: Playwright is told the path of Debian's `chromium` package
(scripts/toolchain.sh ensure_chromium installs it; MAPLAB_CHROMIUM names another binary).
Playwright's launch() gives the browser a fresh profile in a temporary folder and deletes it on
close, so no user data dir is passed here.
"""
import os
import shutil

DEFAULT_PATH = "/usr/bin/chromium"

# --headless --no-sandbox: we run as root in containers, where Chromium's sandbox cannot start.
# The rest keep Chromium from calling home (updates, sync, field trials, QUIC probes): on a
# machine without a network those connections are refused, and they would make a test that
# watches the network see requests nobody asked for.
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--disable-extensions",
]


def chromium_path():
    """The Chromium binary to drive, or None when there is none."""
    path = os.environ.get("MAPLAB_CHROMIUM") or DEFAULT_PATH
    if os.path.isfile(path) and os.access(path, os.X_OK):
        return path
    return shutil.which(path) if os.sep not in path else None


def missing_reason():
    """Why there is no Chromium to drive, or None when there is one."""
    try:
        import playwright  # noqa: F401 (only its presence is checked)
    except ImportError:
        return "Playwright for Python is not installed (it is pinned in binder/requirements.txt)"
    if chromium_path() is None:
        where = os.environ.get("MAPLAB_CHROMIUM") or DEFAULT_PATH
        return (f"no Chromium at {where}: install Debian's chromium package "
                "(./maplab installs it when run as root) or set MAPLAB_CHROMIUM to a Chromium binary")
    return None


def launch(playwright):
    """A headless Chromium of this machine, from a sync Playwright instance."""
    path = chromium_path()
    if path is None:
        raise RuntimeError(missing_reason())
    try:
        return playwright.chromium.launch(executable_path=path, args=FLAGS, headless=True,
                                          handle_sigint=False, handle_sigterm=False, handle_sighup=False)
    except Exception as e:  # Playwright's own errors: the binary is no Chromium, or crashed
        first = str(e).splitlines()[0] if str(e) else type(e).__name__
        raise RuntimeError(f"Chromium ({path}) did not start: {first}") from e
