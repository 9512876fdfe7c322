#!/usr/bin/env bash
# The model against the real Go runtimes, fresh: fetch the toolchains (cached): Go 1.19-1.23
# for the classic map, 1.24-1.26 for the Swiss one; build the oracle with each, record every
# workload with a new random seed, and replay the traces against the Java model; then the heap
# model's memory check against Go 1.19, 1.24 and 1.26 (oracle -memory,
# maplab.memory.MemoryCheckMain); then the race scenarios (oracle -races,
# maplab.race.RaceCheckMain) against Go 1.19 and against Go 1.26. Run by ./maplab test.
#
#   scripts/conformance.sh [CLASSPATH]   # classpath of lib (./maplab passes it)
#   MAPLAB_CONFORMANCE_ONLY=memory scripts/conformance.sh CLASSPATH   # only the memory checks
#
# Where the toolchains cannot be had (exit 3 of go-toolchains.sh) the step says it was skipped
# and why; under CI (CI=true) that is a failure, because CI must never skip it.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CP="${1:?usage: conformance.sh CLASSPATH}"
CLASSIC="1.19 1.21 1.22 1.23"
SWISS="1.24 1.25 1.26"
VERSIONS="$CLASSIC $SWISS"
# The releases whose heap the memory check measures (each takes ~15-45 s).
MEMORY="1.19 1.24 1.26"
# MAPLAB_CONFORMANCE_ONLY=memory: only the memory checks (no oracle tests, traces or races).
ONLY="${MAPLAB_CONFORMANCE_ONLY:-}"
case "$ONLY" in
  ""|memory) ;;
  *) echo "conformance: MAPLAB_CONFORMANCE_ONLY must be unset or \"memory\", got \"$ONLY\"" >&2; exit 2 ;;
esac
# MAPLAB_ORACLE_BIN: where the oracle binaries go (two checkouts on one machine must not share them).
BIN="${MAPLAB_ORACLE_BIN:-${MAPLAB_CACHE:-$HOME/.cache/maplab}/oracle-bin}"

say() { echo "conformance: $*"; }

# The model's commit, for the comment lines of the CSVs notebooks 06 and 07 show (with the Go
# version, date and machine: maplab.experiment.RuntimeResults stamp).
model=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo "")
if [ -n "$model" ] && [ -n "$(git -C "$ROOT" status --porcelain -- lib oracle 2>/dev/null)" ]; then
  model="$model with uncommitted changes in lib/ or oracle/"
fi

# failed WHAT DIR WHAT-IS-KEPT CODE: keeps DIR for a look after the run, says so, and makes the
# step's exit code the script's unless an earlier step already failed.
failed() {
  local kept="${TMPDIR:-/tmp}/maplab-failed-$1-$seed"
  cp -r "$2" "$kept" 2>/dev/null || true
  say "$1 check FAILED (exit $4); $3 kept in $kept"
  [ "$rc" != 0 ] || rc=$4
}

status=0
# The fetch's stderr, for its one-line reason; mktemp (in $TMPDIR) and a trap, so that two runs
# never share the file and none is left behind.
fetchlog=$(mktemp)
trap 'rm -f "$fetchlog"' EXIT
"$ROOT/scripts/go-toolchains.sh" fetch $VERSIONS 2>"$fetchlog" || status=$?
if [ "$status" != 0 ]; then
  reason=$(tail -1 "$fetchlog")
  if [ "$status" = 3 ] && [ "${CI:-}" != true ]; then
    say "SKIPPED: the Go toolchains cannot be had on this machine ($reason)"
    exit 0
  fi
  say "FAILED to fetch the Go toolchains: $reason"
  exit 1
fi
rm -f "$fetchlog"

built=$VERSIONS
[ "$ONLY" != memory ] || built=$MEMORY
"$ROOT/scripts/go-toolchains.sh" build-oracle "$BIN" $built 2>&1 | sed 's/^/  /'
seed=$(od -An -N4 -tu4 /dev/urandom | tr -d ' ')
out=$(mktemp -d "${TMPDIR:-/tmp}/maplab-traces.XXXXXX")
trap 'rm -rf "$out"' EXIT
rc=0
if [ -z "$ONLY" ]; then
  for v in $VERSIONS; do
    # The oracles' own tests: their memory mirrors and trace checks, under each runtime (the
    # classic oracle is the root package, the Swiss one oracle/swiss).
    pkgs=./...
    case " $SWISS " in *" $v "*) pkgs=./swiss/... ;; esac
    (cd "$ROOT/oracle" && "$ROOT/scripts/go-toolchains.sh" go "$v" test "$pkgs" 2>&1 | sed "s/^/  go$v: /")
  done

  say "recording every workload with Go $VERSIONS, key seed $seed (Go draws its own map seeds)"
  for v in $VERSIONS; do
    "$BIN/oracle-go$v" -out "$out/go$v" -seed "$seed" >/dev/null
  done
  say "replaying $(find "$out" -name '*.jsonl' | wc -l) fresh traces against the model"
  set +e
  java -cp "$CP" maplab.trace.ReplayMain "$out" > "$out/replay.log"
  rc=$?
  set -e
  grep -v '^PASS ' "$out/replay.log" || true
  if [ "$rc" != 0 ]; then
    kept="${TMPDIR:-/tmp}/maplab-failed-traces-$seed"
    cp -r "$out" "$kept"
    say "FAILED (exit $rc); the traces are kept in $kept"
  fi
fi

# The heap model (maplab.memory) against Go 1.19, 1.24 and 1.26: live map bytes after forced
# collections and GC cycle counts (oracle -memory); the table of ratios is printed, a figure out
# of its bound fails. The tables also go to reports/memory/ (Go 1.19, where notebook 06 shows them
# in preference to the committed data/runtime/go1.19/memory/) and reports/memory/go<release>/
# (the others) as CSV, stamped with the Go version, date and machine.
memory_check() { # <release>
  local v=$1 csv="$ROOT/reports/memory" mrc=0 attempt
  [ "$v" = 1.19 ] || csv="$csv/go$v"
  say "measuring live map bytes and GC cycles with Go $v against the heap model"
  # A second measurement when a figure is out of its bound (exit 1): a reading can catch the
  # runtime's own small allocations (once 112 bytes on one Go 1.26 map in dozens of runs). Two
  # failures in a row fail the step; both are printed.
  for attempt in 1 2; do
    mrc=0
    rm -rf "$out/memory-go$v"
    "$BIN/oracle-go$v" -memory "$out/memory-go$v" >/dev/null || mrc=$?
    if [ "$mrc" = 0 ]; then
      set +e
      java -cp "$CP" maplab.memory.MemoryCheckMain "$out/memory-go$v" --csv-dir "$csv" | sed 's/^/  /'
      mrc=${PIPESTATUS[0]}
      java -cp "$CP" maplab.experiment.RuntimeResults stamp --measured "$out/memory-go$v/memory.json" --model "$model" \
        --by "oracle -memory with Go $v, compared by maplab.memory.MemoryCheckMain (./maplab test)" \
        "$csv/live-bytes.csv" "$csv/gc-cycles.csv" | sed 's/^/  /'
      [ "${PIPESTATUS[0]}" = 0 ] || [ "$mrc" != 0 ] || mrc=2
      set -e
    fi
    [ "$mrc" = 1 ] && [ "$attempt" = 1 ] || break
    say "Go $v: a figure was out of its bound; measuring once more"
  done
  [ "$mrc" = 0 ] || failed "memory-go$v" "$out/memory-go$v" "the measurements are" "$mrc"
}
for v in $MEMORY; do
  memory_check "$v"
done
[ "$ONLY" != memory ] || exit "$rc"

# Races (maplab.race) against Go 1.19: the nine scenarios of oracle/races.go, 500 runs each at
# GOMAXPROCS 2 and 4; every outcome class the real runtime shows must be one the model
# enumerates for that scenario. The side-by-side table goes to reports/races/, for notebook 07
# (which shows the committed data/runtime/go1.19/races/ when there is no fresh run).
say "running the race scenarios on Go 1.19 and comparing outcome classes with the model"
rrc=0
"$BIN/oracle-go1.19" -races "$out/races" >/dev/null 2>"$out/races.log" || rrc=$?
if [ "$rrc" = 0 ]; then
  set +e
  "$ROOT/scripts/race-java.sh" -cp "$CP" maplab.race.RaceCheckMain "$out/races/races.json" --csv "$ROOT/reports/races/races.csv" \
    | sed 's/^/  /'
  rrc=${PIPESTATUS[0]}
  java -cp "$CP" maplab.experiment.RuntimeResults stamp --measured "$out/races/races.json" --model "$model" \
    --by "oracle -races with Go 1.19, compared by maplab.race.RaceCheckMain (./maplab test)" \
    "$ROOT/reports/races/races.csv" | sed 's/^/  /'
  [ "${PIPESTATUS[0]}" = 0 ] || [ "$rrc" != 0 ] || rrc=2
  set -e
else
  tail -5 "$out/races.log" | sed 's/^/  /'
fi
[ "$rrc" = 0 ] || failed race "$out/races" "the real runtime's counts are" "$rrc"

# Races against Go 1.26's Swiss-table map: the twelve scenarios of oracle/swiss/races.go (the nine
# above and three of the small map and tables), 1,000 runs each at GOMAXPROCS 2 and 4, with the
# same rule. The model's budget is smaller than for Go 1.19 (a Swiss operation takes more steps):
# bound 2 for two goroutines, 1 for more, 10,000 PCT samples and random walks, and a search of at
# most 120 s per scenario for a real class those did not reach. The table goes to
# reports/races/go1.26/ (committed: data/runtime/go1.26/races/).
say "running the race scenarios on Go 1.26 (Swiss tables) and comparing outcome classes with the model"
src=0
"$BIN/oracle-go1.26" -races "$out/races-go1.26" -runs 1000 >/dev/null 2>"$out/races-go1.26.log" || src=$?
if [ "$src" = 0 ]; then
  set +e
  "$ROOT/scripts/race-java.sh" -cp "$CP" maplab.race.RaceCheckMain "$out/races-go1.26/races.json" \
    --csv "$ROOT/reports/races/go1.26/races.csv" --bounds 2,1 --samples 10000 --search-seconds 120 | sed 's/^/  /'
  src=${PIPESTATUS[0]}
  java -cp "$CP" maplab.experiment.RuntimeResults stamp --measured "$out/races-go1.26/races.json" --model "$model" \
    --by "oracle -races with Go 1.26 (1,000 runs per scenario at GOMAXPROCS 2 and 4), compared by maplab.race.RaceCheckMain --bounds 2,1 --samples 10000 --search-seconds 120 (./maplab test)" \
    "$ROOT/reports/races/go1.26/races.csv" | sed 's/^/  /'
  [ "${PIPESTATUS[0]}" = 0 ] || [ "$src" != 0 ] || src=2
  set -e
else
  tail -5 "$out/races-go1.26.log" | sed 's/^/  /'
fi
[ "$src" = 0 ] || failed race-go1.26 "$out/races-go1.26" "the real runtime's counts are" "$src"
exit "$rc"
