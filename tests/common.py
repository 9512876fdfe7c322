"""Helpers shared by the packaging tests (test_binder, test_fresh_machine)."""
import os
import shutil
import socket
import subprocess
import time

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))


def tracked_and_new_files(root=ROOT):
    """The working tree's files as a clone would have them: tracked and new, never ignored ones
    (so no target/ directories), and the working tree's version of each."""
    out = subprocess.run(["git", "ls-files", "-co", "--exclude-standard", "-z"], cwd=root,
                         check=True, capture_output=True).stdout.decode()
    return [p for p in out.split("\0") if p and os.path.lexists(os.path.join(root, p))]


def copy_tree(dest, root=ROOT):
    """A throwaway copy of the repository (the working tree without ignored files)."""
    for rel in tracked_and_new_files(root):
        src, dst = os.path.join(root, rel), os.path.join(dest, rel)
        os.makedirs(os.path.dirname(dst), exist_ok=True)
        shutil.copy2(src, dst, follow_symlinks=False)


def clean_path(*drop_prefixes):
    """PATH without entries inside any of drop_prefixes (the project's own venvs)."""
    keep = []
    for entry in os.environ.get("PATH", "/usr/bin:/bin").split(os.pathsep):
        real = os.path.realpath(entry)
        if not any(real.startswith(os.path.realpath(p)) for p in drop_prefixes if p):
            keep.append(entry)
    return os.pathsep.join(keep)


def base_env(**overrides):
    """The caller's environment less everything that points Jupyter, pip or Python elsewhere."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("JUPYTER", "PIP_", "PYTHON", "IPYTHON", "MAPLAB_"))
           and k not in ("VIRTUAL_ENV", "CONDA_PREFIX", "MAVEN_OPTS")}
    env.update(overrides)
    return env


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def tail(path_or_text, n=60):
    text = path_or_text
    if os.path.exists(str(path_or_text)):
        with open(path_or_text, errors="replace") as f:
            text = f.read()
    return "\n".join(text.splitlines()[-n:])


class Stopwatch:
    def __enter__(self):
        self.start = time.monotonic()
        return self

    def __exit__(self, *exc):
        self.seconds = time.monotonic() - self.start
