"""MapLab's kernel against rapaio-jupyter-kernel 3.0.1, through jupyter_client, in one run.

Usage: bench_kernel.py MAPLAB_KERNEL_DIR RAPAIO_JAR OUT.json  (./maplab bench-kernel does this)

For each kernel, interleaved so that both see the same machine state:
- cold start: from KernelManager.start_kernel() to the first execute_result of "1 + 1"; a start
  that has no result after HANG_S seconds counts as hung (and is killed). STARTS starts each.
- trivial cell: on one started kernel, 5 warm-up cells then 50 cells "i + 1"; each timed from
  execute() to its execute_reply; p50 and p95. A start for this that hangs (not ready, or no
  reply to the first warm-up cell, within HANG_S) is retried, up to START_TRIES starts.
- parent death: the kernel started by an intermediate process that is then SIGKILLed; time
  until the kernel process is gone (capped at 10 s). 5 runs; median.
"""
import json
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time

from jupyter_client.connect import write_connection_file
from jupyter_client.kernelspec import KernelSpec
from jupyter_client.manager import KernelManager

STARTS = int(os.environ.get("MAPLAB_BENCH_STARTS", "100"))
HANG_S = float(os.environ.get("MAPLAB_BENCH_HANG_S", "20"))
CELLS = 50
START_TRIES = 5


def manager(argv):
    km = KernelManager()
    km._kernel_spec = KernelSpec(argv=argv, display_name="bench", language="java", interrupt_mode="message")
    return km


def percentile(xs, p):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(p / 100 * (len(xs) - 1))))]


def cold_start(argv):
    """Seconds to the first result, or None if the start hung."""
    km = manager(argv)
    t0 = time.monotonic()
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    try:
        kc.wait_for_ready(timeout=HANG_S)
        left = HANG_S - (time.monotonic() - t0)
        msg_id = kc.execute("1 + 1")
        while True:
            m = kc.get_iopub_msg(timeout=max(0.1, left))
            if m["parent_header"].get("msg_id") == msg_id and m["msg_type"] == "execute_result":
                return time.monotonic() - t0
            left = HANG_S - (time.monotonic() - t0)
            if left <= 0:
                return None
    except Exception:
        return None
    finally:
        kc.stop_channels()
        try:
            km.shutdown_kernel(now=True)
        except Exception:
            pass


def started(argv, first_cell):
    """A kernel that has answered `first_cell`, with its manager and client, and how many starts
    hung before it: a start is retried (up to START_TRIES) when it is not ready, or gives no
    reply, within HANG_S seconds, as rapaio's sometimes do."""
    last = None
    for hung in range(START_TRIES):
        km = manager(argv)
        km.start_kernel()
        kc = km.client()
        kc.start_channels()
        try:
            kc.wait_for_ready(timeout=HANG_S)
            reply = kc.execute(first_cell, reply=True, timeout=HANG_S)
            if reply["content"]["status"] != "ok":
                raise RuntimeError(f"cell {first_cell!r} failed: {reply['content']}")
            return km, kc, hung
        except (RuntimeError, TimeoutError) as e:
            kc.stop_channels()
            km.shutdown_kernel(now=True)
            last = e
    raise RuntimeError(f"no start of {START_TRIES} answered {first_cell!r} within {HANG_S:g} s; the last: {last}")


def trivial_cells(argv):
    """Times of the CELLS measured cells, and how many starts hung before the kernel that ran them."""
    km, kc, hung = started(argv, "0 + 1")
    try:
        times = []
        for i in range(1, 5 + CELLS):
            t0 = time.monotonic()
            reply = kc.execute(f"{i} + 1", reply=True, timeout=60)
            dt = time.monotonic() - t0
            if reply["content"]["status"] != "ok":
                raise RuntimeError(f"trivial cell failed: {reply['content']}")
            if i >= 5:
                times.append(dt)
        return times, hung
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)


def parent_death(argv):
    # The connection file holds the HMAC key: a private directory, removed whatever happens.
    with tempfile.TemporaryDirectory(prefix="maplab-bench-") as tmp:
        conn, _ = write_connection_file(os.path.join(tmp, "kernel.json"))
        cmd = [a.replace("{connection_file}", conn) for a in argv]
        parent = subprocess.Popen([sys.executable, "-c",
                                   "import subprocess, time\n"
                                   f"p = subprocess.Popen({cmd!r})\n"
                                   "print(p.pid, flush=True)\n"
                                   "time.sleep(3600)\n"], stdout=subprocess.PIPE, text=True)
        pid = int(parent.stdout.readline())
        time.sleep(4)
        parent.send_signal(signal.SIGKILL)
        parent.wait()
        parent.stdout.close()
        t0 = time.monotonic()
        while time.monotonic() - t0 < 10:
            if not os.path.exists(f"/proc/{pid}") or open(f"/proc/{pid}/stat").read().split()[2] == "Z":
                return time.monotonic() - t0
            time.sleep(0.05)
        os.kill(pid, signal.SIGKILL)
        return None


def main():
    maplab_dir, rapaio_jar, out = sys.argv[1:4]
    spec = json.load(open(os.path.join(maplab_dir, "kernel.json")))
    kernels = {
        "maplab": [a.replace("{resource_dir}", maplab_dir) for a in spec["argv"]],
        "rapaio": [spec["argv"][0], "-jar", rapaio_jar, "{connection_file}"],
    }
    res = {k: {"starts": [], "hung": 0} for k in kernels}
    for i in range(STARTS):
        for name, argv in kernels.items():
            t = cold_start(argv)
            if t is None:
                res[name]["hung"] += 1
            else:
                res[name]["starts"].append(t)
        print(f"start {i + 1}/{STARTS}: " + ", ".join(
            f"{k} hung={v['hung']}" for k, v in res.items()), file=sys.stderr, flush=True)
    for name, argv in kernels.items():
        try:
            res[name]["cells"], res[name]["cells_kernel_hung_starts"] = trivial_cells(argv)
            print(f"{name}: trivial cell p50 {1000 * percentile(res[name]['cells'], 50):.1f} ms, "
                  f"p95 {1000 * percentile(res[name]['cells'], 95):.1f} ms", file=sys.stderr, flush=True)
        except (RuntimeError, TimeoutError) as e:
            # The other kernel's figures and the starts are still worth keeping.
            res[name]["cells"], res[name]["cells_error"] = [], str(e)
            print(f"{name}: no trivial cells: {e}", file=sys.stderr, flush=True)
        deaths = [parent_death(argv) for _ in range(5)]
        res[name]["parent_death"] = deaths
    summary = {}
    for name, r in res.items():
        deaths = [d for d in r["parent_death"] if d is not None]
        summary[name] = {
            "cold_start_median_s": statistics.median(r["starts"]) if r["starts"] else None,
            "hung_starts": r["hung"],
            "starts": STARTS,
            "cell_p50_ms": 1000 * percentile(r["cells"], 50) if r["cells"] else None,
            "cell_p95_ms": 1000 * percentile(r["cells"], 95) if r["cells"] else None,
            "cell_kernel_hung_starts": r.get("cells_kernel_hung_starts"),
            "parent_death_exit_median_s": statistics.median(deaths) if deaths else None,
            "parent_death_never_exited": len(r["parent_death"]) - len(deaths),
        }
    m, r = summary["maplab"], summary["rapaio"]
    ratios = {}
    for key in ("cold_start_median_s", "cell_p50_ms", "cell_p95_ms"):
        if m[key] and r[key]:
            ratios[key] = r[key] / m[key]
    report = {"method": __doc__, "machine": os.uname().nodename, "java": spec["argv"][0],
              "summary": summary, "rapaio_over_maplab": ratios, "raw": res}
    with open(out, "w") as f:
        json.dump(report, f, indent=1)
    print(json.dumps({"summary": summary, "rapaio_over_maplab": ratios}, indent=1))


if __name__ == "__main__":
    main()
