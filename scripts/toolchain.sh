# Installs and runs what MapLab builds with. Sourced by ./maplab; needs bash.
#
# A JDK 17+ and Maven come from the machine if present, otherwise from Debian's packages
# (openjdk-17-jdk-headless, maven) when we may install them (root, apt-get). Maven keeps its
# downloads in ~/.m2, outside the clone, so a second run fetches nothing.

die() { echo "maplab: $*" >&2; exit 1; }

# with_lock FILE COMMAND...: runs COMMAND holding an exclusive lock on FILE (flock), so that
# several ./maplab commands started together build, install and create things one at a time.
# The lock goes with the file descriptor: a killed holder never leaves it taken.
with_lock() {
  local file="$1" fd status=0
  shift
  mkdir -p "$(dirname "$file")" && exec {fd}>>"$file" || die "cannot open the lock file $file"
  if ! flock -n "$fd"; then
    echo "maplab: waiting for another maplab command (lock $file)" >&2
    flock "$fd" || die "cannot take the lock $file"
  fi
  "$@"   # under ./maplab's set -e a failure exits here, and the lock goes with the process
  status=$?
  exec {fd}>&-
  return "$status"
}

java_major() {
  local v
  v=$(java -version 2>&1 | awk -F'"' '/version/ {print $2; exit}') || return 1
  case "$v" in
    1.*) echo "${v#1.}" | cut -d. -f1 ;;
    *) echo "$v" | cut -d. -f1 ;;
  esac
}

have_java17() {
  command -v java >/dev/null 2>&1 && command -v javac >/dev/null 2>&1 || return 1
  local major
  major=$(java_major) || return 1
  [ -n "$major" ] && [ "$major" -ge 17 ]
}

apt_install() {
  if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    die "missing $*; install them (Debian/Ubuntu: sudo apt-get install $*) and run again"
  fi
  echo "maplab: installing $* from Debian's packages" >&2
  DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null \
    || die "apt-get install $* failed"
}

ensure_java_toolchain() {
  local need=()
  have_java17 || need+=(openjdk-17-jdk-headless)
  command -v mvn >/dev/null 2>&1 || need+=(maven)
  if [ ${#need[@]} -gt 0 ]; then
    apt_install "${need[@]}"
  fi
  have_java17 || die "a JDK 17 or newer is needed (java -version says: $(java -version 2>&1 | head -1))"
}

# Debian's chromium, which Playwright drives for the browser test and ./maplab report --pdf (no
# browser is ever downloaded; MAPLAB_CHROMIUM names another binary). Installed when we may (root,
# apt-get); otherwise says so and returns 1, and what needs it says why it cannot run: the browser
# tests skip, or fail under CI; report --pdf exits 2.
ensure_chromium() {
  local path="${MAPLAB_CHROMIUM:-/usr/bin/chromium}"
  [ -x "$path" ] && return 0
  if [ -z "${MAPLAB_CHROMIUM:-}" ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    (apt_install chromium) && [ -x "$path" ] && return 0   # a subshell: apt_install's die ends only it
  fi
  echo "maplab: no Chromium at $path (Debian's package chromium); the browser tests and report --pdf need it" >&2
  return 1
}

# Maven in batch mode without download progress: the test summary stays readable.
run_maven() {
  mvn -B -ntp -Dstyle.color=never "$@"
}

# Maven that prints nothing unless it fails (then its log, without the colour codes that
# Debian's Maven 3.8 prints even in batch mode).
mvn_quiet() {
  local log status=0
  log=$(mktemp)
  mvn -B -ntp -q -Dstyle.color=never "$@" >"$log" 2>&1 || status=$?
  if [ "$status" != 0 ]; then
    sed 's/\x1b\[[0-9;]*m//g' "$log" >&2
  fi
  rm -f "$log"
  return "$status"
}

# Compiles lib (quietly, to stderr) and prints the classpath to run its command-line tools.
lib_classpath() {
  mvn_quiet -pl lib compile dependency:build-classpath -Dmdep.outputFile=target/classpath.txt \
    -Dmdep.includeScope=runtime 1>&2 || die "building lib failed"
  echo "$ROOT/lib/target/classes:$(cat "$ROOT/lib/target/classpath.txt")"
}

# The race package's tests again, on a Java 21 or later (scripts/race-java.sh finds one), where
# the explorer's goroutines are continuations rather than platform threads; their reports end in
# -java21. Without such a Java the run says so, and under CI (CI=true) fails: the machines MapLab
# runs on have one, and the continuations must not go untested.
# race_tests_on_java21 COUNTS
race_tests_on_java21() {
  local j
  if ! j=$("$ROOT/scripts/race-java.sh" --path); then
    echo "maplab: no Java 21 or later here (\$MAPLAB_JDK21, PATH, /usr/lib/jvm): the race tests ran on platform threads only" >&2
    if [ "${CI:-}" = true ]; then echo "0 1 0" >>"$1"; return 1; fi
    echo "0 0 1" >>"$1"
    return 0
  fi
  echo "maplab: the race tests again on $("$j" -version 2>&1 | head -1), goroutines as continuations" >&2
  mvn_quiet -pl lib surefire:test -Dtest='maplab.race.*Test' -Djvm="$j" -Dsurefire.reportNameSuffix=java21 \
    "-Dmaplab.test.jvmArgs=$("$ROOT/scripts/race-java.sh" --options)"
}

# One closing line for the whole run, from the Surefire reports of every module and the
# counts the other steps left in $1 (lines "passed failed skipped"): CI reads it.
test_summary() {
  python3 - "$ROOT" "$1" <<'PY'
import glob, sys, xml.etree.ElementTree as ET
root, extra = sys.argv[1], sys.argv[2]
passed = failed = skipped = 0
for f in glob.glob(root + "/*/target/surefire-reports/TEST-*.xml"):
    s = ET.parse(f).getroot()
    t, fl, er, sk = (int(s.get(k, 0)) for k in ("tests", "failures", "errors", "skipped"))
    passed += t - fl - er - sk; failed += fl + er; skipped += sk
for line in open(extra):
    p, f, s = (int(x) for x in line.split())
    passed += p; failed += f; skipped += s
print(f"maplab: {passed} passed, {failed} failed, {skipped} skipped")
PY
}
