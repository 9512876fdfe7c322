# The Jupyter side of MapLab: the pinned Python venv, the kernel build and its kernelspec.
# Sourced by ./maplab after toolchain.sh; needs bash.
#
# Everything is cached under ${MAPLAB_CACHE:-~/.cache/maplab} and keyed by a hash of its inputs,
# so a second run rebuilds nothing and downloads nothing: the venv by binder/requirements.txt
# (pip's wheels stay in $MAPLAB_CACHE/pip), the kernel by the sources of lib and kernel.

MAPLAB_CACHE="${MAPLAB_CACHE:-$HOME/.cache/maplab}"
VENV="$MAPLAB_CACHE/venv"
KERNEL_NAME="maplab-java"

inputs_hash() {
  (cd "$ROOT" && find "$@" -type f ! -path '*/target/*' -print0 | sort -z | xargs -0 sha256sum | sha256sum | cut -c1-16)
}

ensure_python() {
  if ! command -v python3 >/dev/null 2>&1 || ! python3 -c 'import venv, ensurepip' >/dev/null 2>&1; then
    apt_install python3 python3-venv
  fi
  python3 -c 'import sys; sys.exit(0 if sys.version_info >= (3, 9) else 1)' \
    || die "Python 3.9 or newer is needed for JupyterLab (python3 is $(python3 --version 2>&1))"
}

# The venv with JupyterLab, nbclient, nbconvert, jupyter_client and jupyter_kernel_test.
ensure_venv() {
  ensure_python
  with_lock "$MAPLAB_CACHE/.venv.lock" ensure_venv_locked
}

ensure_venv_locked() {
  local want have
  want=$(inputs_hash binder/requirements.txt)
  have=$(cat "$VENV/.maplab-requirements" 2>/dev/null || true)
  if [ "$want" = "$have" ] && [ -x "$VENV/bin/jupyter" ]; then
    return 0
  fi
  echo "maplab: creating the Python venv in $VENV (pinned binder/requirements.txt)" >&2
  rm -rf "$VENV"
  python3 -m venv "$VENV" || die "python3 -m venv failed"
  PIP_CACHE_DIR="$MAPLAB_CACHE/pip" "$VENV/bin/pip" install -q --disable-pip-version-check \
    -r "$ROOT/binder/requirements.txt" || die "pip install -r binder/requirements.txt failed"
  echo "$want" >"$VENV/.maplab-requirements"
}

KERNEL_DIST="$ROOT/kernel/target/dist"

# Builds the kernel jar and gathers its runtime jars in kernel/target/dist/lib, unless the
# sources are unchanged since the last build.
build_kernel() {
  ensure_java_toolchain
  with_lock "$ROOT/kernel/target/.maplab-build.lock" build_kernel_locked
}

build_kernel_locked() {
  local want have
  want=$(inputs_hash pom.xml lib/pom.xml lib/src/main kernel/pom.xml kernel/src/main)
  have=$(cat "$KERNEL_DIST/.maplab-sources" 2>/dev/null || true)
  if [ "$want" = "$have" ] && [ -d "$KERNEL_DIST/lib" ]; then
    return 0
  fi
  echo "maplab: building the kernel" >&2
  rm -rf "$KERNEL_DIST"
  # One reactor for both goals: maplab-lib then resolves from lib/target, not from ~/.m2 (where a
  # fresh machine has no copy of it).
  mvn_quiet -pl kernel -am package dependency:copy-dependencies -DskipTests -DincludeScope=runtime \
    -DoutputDirectory="$KERNEL_DIST/lib" || die "building the kernel and gathering its jars failed"
  cp "$ROOT/kernel/target/maplab-kernel-"*.jar "$KERNEL_DIST/lib/"
  cp "$ROOT/lib/target/maplab-lib-"*.jar "$KERNEL_DIST/lib/"
  echo "$want" >"$KERNEL_DIST/.maplab-sources"
}

# The kernel JVM's flags, as JSON strings. C1 only (TieredStopAtLevel=1): on two cores javac
# warms up far sooner, and a trivial cell is about 3x faster than with C2 (measured: 29 vs 86 ms
# p50). The serial collector and the class-data archive made at install shorten the start.
host_jvm_flags() {
  printf '"-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:SharedArchiveFile=%s/host.jsa", "-Xshare:auto"' "$1"
}

# The class-data-sharing archive for the jars in $1/lib: a training run
# (maplab.kernel.server.Warmup) with the same flags and class path the kernel will have, so it must
# run where the jars will stay (the archive records their paths). It is written under another name
# and renamed, so a kernel starting meanwhile never maps half an archive. Optional: without it the
# kernel starts, only slower.
train_kernelspec() {
  local dir="$1" java
  java=$(readlink -f "$(command -v java)")
  rm -f "$dir/host.jsa" "$dir/host.jsa.tmp"
  if "$java" -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:ArchiveClassesAtExit="$dir/host.jsa.tmp" \
      -cp "$dir/lib/*" maplab.kernel.server.Warmup >/dev/null 2>&1 && [ -f "$dir/host.jsa.tmp" ]; then
    mv -f "$dir/host.jsa.tmp" "$dir/host.jsa"
  else
    rm -f "$dir/host.jsa.tmp"
    echo "maplab: the class-data archive could not be made; the kernel will start slower" >&2
  fi
}

# kernel.json for jars in $2/lib and an archive at $2/host.jsa, where $2 is a path under
# {resource_dir} (Jupyter substitutes the kernelspec's folder when it starts the kernel).
kernel_json() {
  local java="$1" home="$2"
  cat <<JSON
{
  "argv": ["$java", $(host_jvm_flags "$home"),
           "-cp", "$home/lib/*", "maplab.kernel.server.KernelMain", "{connection_file}"],
  "display_name": "Java (MapLab)",
  "language": "java",
  "interrupt_mode": "message",
  "env": {},
  "metadata": {"debugger": false}
}
JSON
}

# A kernelspec in $1 with everything at its top (kernel.json, logos, lib/): for a throwaway copy,
# as ./maplab bench-kernel makes.
write_kernelspec() {
  local dir="$1"
  mkdir -p "$dir/lib"
  cp "$KERNEL_DIST/lib/"*.jar "$dir/lib/"
  cp "$ROOT/kernel/src/main/kernelspec/"logo-*.png "$dir/"
  kernel_json "$(readlink -f "$(command -v java)")" "{resource_dir}" >"$dir/kernel.json"
}

# The folder of kernelspecs that `jupyter kernelspec install` would use for $1 (a jupyter
# command) and its options (--user, --sys-prefix or --prefix DIR).
kernels_dir() {
  local jupyter="$1" python
  case "$2" in
    --prefix) echo "$3/share/jupyter/kernels" ;;
    --user) echo "$("$jupyter" --data-dir)/kernels" ;;
    --sys-prefix)
      # jupyter's own interpreter, from its #! line: its sys.prefix is the environment.
      python=$(head -1 "$jupyter" | sed -n 's/^#! *//p' | awk '{print $1}')
      [ -x "$python" ] || python=python3
      echo "$("$python" -c 'import sys; print(sys.prefix)')/share/jupyter/kernels" ;;
  esac
}

# install-kernel [--user|--sys-prefix|--prefix DIR]: into the venv's Jupyter by default.
#
# Safe to run any number of times side by side (./maplab lab, report and install-kernel do):
# - under a lock on the kernels folder, one install at a time;
# - nothing is written when the kernelspec in place came from the same jars, java and flags (its
#   version stamp), so a second run costs a hash and says "up to date";
# - otherwise the jars go into a fresh folder v-<stamp> beside the old one, are trained there,
#   and kernel.json is switched to it by a rename: a kernel starting meanwhile reads either the old
#   or the new kernelspec whole, and a kernel already running keeps its own folder (the previous
#   version is kept, older ones are removed).
install_kernel() {
  local jupyter="$VENV/bin/jupyter" where=(--sys-prefix)
  case "${1:-}" in
    "") ;;
    --user) where=(--user); jupyter=$(command -v jupyter || echo "$VENV/bin/jupyter") ;;
    --sys-prefix) where=(--sys-prefix); jupyter=$(command -v jupyter || echo "$VENV/bin/jupyter") ;;
    --prefix) [ -n "${2:-}" ] || die "--prefix needs a directory"; where=(--prefix "$2"); jupyter="$VENV/bin/jupyter" ;;
    *) die "install-kernel takes --user, --sys-prefix or --prefix DIR, not '$1'" ;;
  esac
  [ -x "$jupyter" ] || ensure_venv
  build_kernel
  local kernels
  kernels=$(kernels_dir "$jupyter" "${where[@]}") && [ -n "$kernels" ] \
    || die "could not find where $jupyter keeps kernelspecs"
  mkdir -p "$kernels" || die "cannot create $kernels"
  with_lock "$kernels/.$KERNEL_NAME.lock" install_kernel_locked "$kernels/$KERNEL_NAME"
}

install_kernel_locked() {
  local dir="$1" java stamp ver previous tmp d
  java=$(readlink -f "$(command -v java)")
  stamp=$({ cat "$KERNEL_DIST/.maplab-sources"; echo "$java"; host_jvm_flags x;
            cat "$ROOT/kernel/src/main/kernelspec/"logo-*.png; } | sha256sum | cut -c1-12)
  ver="v-$stamp"
  previous=$(cat "$dir/.maplab-version" 2>/dev/null || true)
  if [ "$previous" = "$ver" ] && [ -f "$dir/$ver/.complete" ] && [ -f "$dir/kernel.json" ]; then
    echo "maplab: kernel '$KERNEL_NAME' up to date in $dir" >&2
    return 0
  fi
  mkdir -p "$dir"
  rm -rf "$dir"/.tmp-*   # left by an install that was killed; only a lock holder makes them
  tmp=$(mktemp -d "$dir/.tmp-XXXXXX")
  if [ ! -f "$dir/$ver/.complete" ]; then
    rm -rf "$dir/$ver"
    mkdir "$tmp/$ver" "$tmp/$ver/lib"
    cp "$KERNEL_DIST/lib/"*.jar "$tmp/$ver/lib/" || { rm -rf "$tmp"; die "copying the kernel's jars failed"; }
    mv "$tmp/$ver" "$dir/$ver"
    train_kernelspec "$dir/$ver"
    touch "$dir/$ver/.complete"
  fi
  cp "$ROOT/kernel/src/main/kernelspec/"logo-*.png "$tmp/"
  kernel_json "$java" "{resource_dir}/$ver" >"$tmp/kernel.json"
  echo "$ver" >"$tmp/.maplab-version"
  for f in "$tmp"/logo-*.png "$tmp/kernel.json" "$tmp/.maplab-version"; do
    mv -f "$f" "$dir/"
  done
  rm -rf "$tmp"
  # Versions before the previous one serve no kernel that could still be starting; the flat layout
  # of installs before versions (lib/, host.jsa at the top) is replaced the same way.
  for d in "$dir"/v-*; do
    [ -d "$d" ] || continue
    case "${d##*/}" in "$ver"|"$previous") ;; *) rm -rf "$d" ;; esac
  done
  rm -rf "$dir/lib" "$dir/host.jsa"
  echo "maplab: kernel '$KERNEL_NAME' installed in $dir" >&2
}

# The kernel's Python tests against the kernel installed in the venv: the official
# jupyter_kernel_test suite, the protocol (signatures, interrupt, parent death), hostile cells,
# the kernel's processes (SIGKILL in every state of a cell), standard input, %maven from a
# file:// repository, a notebook run headless with nbclient, ./maplab report (scripts/report.py,
# --pdf included). Then the slow ones, which ./maplab test --quick leaves out (the fresh-machine
# test runs --quick, so they are not run twice): a 60 s load test of three clients; lab, report
# and install-kernel side by side; and ./maplab lab driven in Chromium (test_browser: notebooks 00
# and 03, completion, interrupt; screenshots and timings in reports/ui). A JDK 21+ is used for the
# interrupt test when one is found ($MAPLAB_JDK21 or /usr/lib/jvm/*); Debian 12 packages none, so
# it may be skipped (said so). Without Chromium the browser and PDF tests are skipped (said so), or
# fail under CI=true.
# kernel_python_tests COUNTS [quick]
kernel_python_tests() {
  ensure_venv
  install_kernel --prefix "$VENV"
  ensure_chromium || true
  echo "maplab: kernel tests (Python, against the installed kernel)" >&2
  local log status=0 slow=(test_load test_side_by_side test_browser)
  [ "${2:-}" != quick ] || slow=()
  log=$(mktemp)
  (cd "$ROOT/kernel/src/test/python" && "$VENV/bin/python" -m unittest -v \
    test_kernel_suite test_protocol test_hostile test_lifecycle test_stdin test_maven \
    test_notebook test_report ${slow[@]+"${slow[@]}"}) 2>&1 | tee "$log" || status=$?
  [ -z "${1:-}" ] || unittest_counts "$log" >>"$1"
  rm -f "$log"
  return "$status"
}

# The packaging tests (tests/): binder/postBuild run as Binder would, in a throwaway copy with a
# fresh venv, then the README's two commands on a fresh clone with an empty HOME (slow: everything
# is downloaded again). ./maplab test --quick skips them.
packaging_tests() {
  ensure_venv
  echo "maplab: packaging tests (Binder build, fresh machine)" >&2
  local log status=0
  log=$(mktemp)
  (cd "$ROOT/tests" && "$VENV/bin/python" -m unittest -v test_binder test_fresh_machine) 2>&1 \
    | tee "$log" || status=$?
  [ -z "${1:-}" ] || unittest_counts "$log" >>"$1"
  rm -f "$log"
  return "$status"
}

# "Ran N tests" and "OK (skipped=K)" or "FAILED (failures=F, errors=E, skipped=K)" in the unittest
# log $1 -> "passed failed skipped"
unittest_counts() {
  python3 - "$1" <<'PY'
import re, sys
text = open(sys.argv[1]).read()
ran = int((re.findall(r"^Ran (\d+) tests?", text, re.M) or ["0"])[-1])
def n(key):
    m = re.findall(key + r"=(\d+)", text.splitlines()[-1] if text.strip() else "")
    return int(m[0]) if m else 0
failed, skipped = n("failures") + n("errors"), n("skipped")
print(ran - failed - skipped, failed, skipped)
PY
}

# ./maplab bench-kernel: MapLab's kernel against rapaio-jupyter-kernel 3.0.1 (from Maven Central),
# in the same run; the method is in kernel/src/bench/python/bench_kernel.py. Results go to
# reports/bench-kernel.json. MAPLAB_BENCH_STARTS (default 100) sets the number of cold starts.
bench_kernel() {
  ensure_venv
  build_kernel
  local rapaio="$MAPLAB_CACHE/rapaio/rapaio-jupyter-kernel-3.0.1.jar" spec
  if [ ! -f "$rapaio" ]; then
    mvn_quiet dependency:copy -Dartifact=io.github.padreati:rapaio-jupyter-kernel:3.0.1 \
      -DoutputDirectory="$MAPLAB_CACHE/rapaio" || die "fetching rapaio-jupyter-kernel failed"
  fi
  spec=$(mktemp -d)
  write_kernelspec "$spec"
  train_kernelspec "$spec"
  mkdir -p "$ROOT/reports"
  "$VENV/bin/python" "$ROOT/kernel/src/bench/python/bench_kernel.py" "$spec" "$rapaio" "$ROOT/reports/bench-kernel.json"
  rm -rf "$spec"
  echo "maplab: results in reports/bench-kernel.json" >&2
}
