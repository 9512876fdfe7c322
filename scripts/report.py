"""./maplab report [--pdf] [--out DIR] [NOTEBOOK...]: run notebooks headless, write self-contained
HTML (and with --pdf a PDF beside it).

Each notebook is executed with nbclient on the installed maplab-java kernel (in its own folder,
as JupyterLab would), then exported with nbconvert's HTMLExporter: PNG outputs become data URIs,
SVG outputs are inline, markdown images are embedded. The report is written to a temporary file
in the output folder and renamed over <name>.html, so a failed run leaves no half report and an
earlier good report stays as it was. A temporary file left by a run that was killed is removed by
the next run into the same folder. Any number of runs may go side by side. With --pdf the same
HTML is printed to <name>.pdf by the system's Chromium (scripts/report_pdf.py): the notebook runs
once, and both files are made before either is written.

Without notebooks, every notebooks/*.ipynb runs, in name order. Prints one line per report.
Exit 0: all written; 1: a notebook failed (name, cell index counted from 0 over all cells, its
first source line, ename: evalue), or its report would reference an external file, or printing
its PDF failed; 2: a path is missing or is not a notebook, or --pdf has no Chromium to print with.
"""
import argparse
import atexit
import os
import re
import signal
import sys
import tempfile
import time

# nbformat, nbclient and nbconvert are imported where they are used: importing them takes seconds
# on a busy machine, and a wrong path is reported before that.

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
KERNEL_NAME = "maplab-java"
# src="..." and <link href="..."> values that load something; anything not inline or on the web
# would make the report depend on a file next to it.
LOADS = re.compile(r"""(?:\ssrc|<link\b[^>]*\shref)\s*=\s*["']([^"']*)["']""", re.I)


class Failure(Exception):
    def __init__(self, code, message):
        super().__init__(message)
        self.code = code


def shown(path):
    rel = os.path.relpath(path)
    return path if rel.startswith("..") else rel


def check_path(path):
    if not path.endswith(".ipynb"):
        raise Failure(2, f"{shown(path)}: not a notebook (expected a .ipynb file)")
    if not os.path.exists(path):
        raise Failure(2, f"{shown(path)}: no such notebook")
    if not os.path.isfile(path):
        raise Failure(2, f"{shown(path)}: not a notebook file")


def load(path):
    import nbformat
    check_path(path)
    try:
        nb = nbformat.read(path, as_version=4)
        nbformat.validate(nb)
    except Exception as e:  # JSON, encoding or schema errors: not a notebook
        raise Failure(2, f"{shown(path)}: not a Jupyter notebook ({type(e).__name__}: {str(e).splitlines()[0] if str(e) else ''})")
    return nb


def first_line(cell):
    lines = [l for l in cell.source.splitlines() if l.strip()]
    return lines[0].strip() if lines else "(empty)"


# jupyter_client picks a kernel's ports free and lets them go before the kernel binds them, so
# with reports side by side another process can take one first. Then either the kernel names the
# port and exits before it answers kernel_info, or the process that took the port answers the
# client there with something that is not a Jupyter message (another kernel's heartbeat echoes
# raw bytes), which jupyter_client refuses with "ValueError: b'<IDS|MSG>' is not in list". No
# cell has run in either case, so starting the kernel again on new ports is safe.
START_ATTEMPTS = 3


def start_failure(error, current):
    """Why the kernel's start failed on its ports (for the retry's message), or None if it did not."""
    if current:
        return None
    if isinstance(error, RuntimeError) and "died before replying to kernel_info" in str(error):
        return "the kernel exited while starting"
    if isinstance(error, ValueError) and "<IDS|MSG>" in str(error):
        return "another process answered on one of the kernel's ports while it started"
    return None


def execute(path, nb, kernel_name, timeout):
    from nbclient import NotebookClient
    name = os.path.basename(path)
    current = {}

    def started(cell, cell_index, **_):
        current["index"], current["cell"] = cell_index, cell

    for attempt in range(1, START_ATTEMPTS + 1):
        client = NotebookClient(nb, kernel_name=kernel_name, timeout=timeout, allow_errors=False,
                                resources={"metadata": {"path": os.path.dirname(os.path.abspath(path))}},
                                on_cell_start=started)
        try:
            client.execute()
            return
        except Exception as e:
            # nbclient registers the kernel's clean-up at exit before the start; a start that
            # failed has cleaned up already, and the hook would then fail with a traceback.
            atexit.unregister(client._cleanup_kernel)
            why = start_failure(e, current)
            if why is None or attempt == START_ATTEMPTS:
                failed(name, e, current)
            print(f"maplab report: {name}: {why} (attempt {attempt} of "
                  f"{START_ATTEMPTS}); starting it again on new ports", file=sys.stderr, flush=True)


def failed(name, error, current):
    """Raises the Failure that names what went wrong: the cell, or the kernel."""
    from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError
    if isinstance(error, CellExecutionError):
        raise Failure(1, f"{name}: cell {current.get('index', '?')} failed "
                         f"({first_line(current['cell']) if 'cell' in current else '?'}): "
                         f"{error.ename}: {error.evalue}")
    if isinstance(error, (CellTimeoutError, DeadKernelError)):
        where = (f"cell {current['index']} ({first_line(current['cell'])})" if "index" in current
                 else "the kernel")
        raise Failure(1, f"{name}: {where} failed: {type(error).__name__}: "
                         f"{str(error).splitlines()[0] if str(error) else ''}")
    raise Failure(1, f"{name}: could not run: {type(error).__name__}: {error}")  # kernel not found, start-up failure...


def export(path, nb):
    from nbconvert import HTMLExporter
    # scripts/report-template/maplab-static: the lab template without CDN scripts (see its comment).
    exporter = HTMLExporter(embed_images=True, template_name="maplab-static",
                            extra_template_basedirs=[os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                                                  "report-template")])
    html, _ = exporter.from_notebook_node(
        nb, resources={"metadata": {"name": os.path.splitext(os.path.basename(path))[0],
                                    "path": os.path.dirname(os.path.abspath(path))}})
    external = sorted({v for v in LOADS.findall(html)
                       if not re.match(r"(?i)(data:|https?:|#|$)", v)})
    if external:
        raise Failure(1, f"{os.path.basename(path)}: the report would reference external files: "
                         + ", ".join(external[:5]))
    return html


# .NAME.html.PID.XXXXXXXX.tmp: the temporary file a run writes before renaming it over NAME.html.
# The PID lets a later run tell a file left by a killed run from one a concurrent run still writes.
LEFTOVER = re.compile(r"^\..+\.(\d+)\.\w+\.tmp$")


def alive(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def remove_leftovers(folder):
    for name in os.listdir(folder):
        m = LEFTOVER.match(name)
        if m and not alive(int(m.group(1))):
            try:
                os.unlink(os.path.join(folder, name))
            except FileNotFoundError:  # another run removed it first
                pass


def print_pdf(path, html, printer):
    try:
        return printer.print(html)
    except Exception as e:  # Chromium crashed, timed out...: the notebook is named, no trace
        raise Failure(1, f"{os.path.basename(path)}: printing the PDF failed: {type(e).__name__}: "
                         f"{str(e).splitlines()[0] if str(e) else ''}")


def write_atomically(target, text):
    folder = os.path.dirname(target)
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{os.path.basename(target)}.{os.getpid()}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(text.encode("utf-8") if isinstance(text, str) else text)
            f.flush()
            os.fsync(f.fileno())
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def main(argv):
    parser = argparse.ArgumentParser(prog="./maplab report",
                                     description="Run notebooks headless and write HTML reports.")
    parser.add_argument("notebooks", nargs="*", metavar="NOTEBOOK")
    parser.add_argument("--out", default=os.path.join(ROOT, "reports"), help="folder of the reports")
    parser.add_argument("--kernel", default=KERNEL_NAME, help="kernelspec to run the notebooks with")
    # ./maplab checks the paths with this before it installs the kernel, so a typo fails at once.
    parser.add_argument("--check-paths", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--timeout", type=int, default=300,
                        help="seconds a cell may take before the report fails (default 300)")
    parser.add_argument("--pdf", action="store_true",
                        help="also print each report to <name>.pdf with the system's Chromium")
    args = parser.parse_args(argv)
    printer = None
    if args.timeout <= 0:
        parser.error(f"--timeout must be a positive number of seconds, not {args.timeout}")
    # A run stopped with SIGTERM unwinds like Ctrl-C: its kernel is shut down and its temporary
    # report removed.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(128 + signal.SIGTERM))

    try:
        paths = args.notebooks
        if not paths:
            folder = os.path.join(ROOT, "notebooks")
            paths = sorted(os.path.join(folder, p) for p in os.listdir(folder) if p.endswith(".ipynb"))
            if not paths:
                raise Failure(2, f"{shown(folder)}: no notebooks")
        for p in paths:
            check_path(p)
        if args.check_paths:
            return 0
        notebooks = [(p, load(p)) for p in paths]  # every path checked before anything runs
        if args.pdf:
            import browser  # scripts/browser.py; Playwright is imported only for --pdf
            from report_pdf import PdfPrinter
            missing = browser.missing_reason()
            if missing:
                raise Failure(2, f"--pdf: {missing}")
            printer = PdfPrinter()
        os.makedirs(args.out, exist_ok=True)
        remove_leftovers(args.out)
        for path, nb in notebooks:
            start = time.monotonic()
            execute(path, nb, args.kernel, args.timeout)
            target = os.path.join(args.out, os.path.splitext(os.path.basename(path))[0] + ".html")
            html = export(path, nb)
            pdf = print_pdf(path, html, printer) if printer else None
            write_atomically(target, html)
            if pdf is not None:
                write_atomically(target[:-len(".html")] + ".pdf", pdf)
            print(f"{shown(target)}{'  ' + shown(target[:-5] + '.pdf') if pdf else ''}  "
                  f"{time.monotonic() - start:.1f} s", flush=True)
    except Failure as e:
        print(f"maplab report: {e}", file=sys.stderr)
        return e.code
    finally:
        if printer is not None:
            printer.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
