#!/usr/bin/env bash
# Bad input through the real command, in its own JVM (its exit code and streams): a batch of
# good, malformed, differing and special files through `./maplab replay`; then /dev/zero, an
# empty argument and a differing trace through the same main class on lib's CLASSPATH (each
# `./maplab replay` runs Maven to build lib first: ~10 s idle, a minute under load). Each must
# end within a time limit, exit as docs/trace-format.md says, name every file and print no stack
# trace. The ~700 generated mutations run in-process in GeneratedBadInputTest; this checks that
# the command wires them the same way. Run by ./maplab test.
#
#   scripts/replay-bad-input.sh CLASSPATH [COUNTS]   # COUNTS: a file that gets "passed failed 0"
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CP="${1:?usage: replay-bad-input.sh CLASSPATH [COUNTS]}"
GOLDEN="$ROOT/lib/src/test/resources/traces"
work=$(mktemp -d "${TMPDIR:-/tmp}/maplab-replay-bad.XXXXXX")
trap 'rm -rf "$work"' EXIT
passed=0
failed=0

# check NAME WANT-EXIT PATTERN... -- COMMAND...: runs COMMAND (at most 120 s), then wants its
# exit code, every PATTERN (grep -E) in its output, and no stack trace anywhere.
check() {
  local name=$1 want=$2 out="$work/out" err="$work/err" rc=0 ok=1
  shift 2
  local patterns=()
  while [ "$1" != -- ]; do patterns+=("$1"); shift; done
  shift
  timeout 120 "$@" >"$out" 2>"$err" || rc=$?
  [ "$rc" = "$want" ] || { echo "replay-bad-input: $name: exit $rc, want $want"; ok=0; }
  for p in "${patterns[@]}"; do
    grep -qE -- "$p" "$out" || { echo "replay-bad-input: $name: no line matching '$p'"; ok=0; }
  done
  if grep -qE $'^\tat |Exception in thread|OutOfMemory|StackOverflow|cannot replay:' "$out" "$err"; then
    echo "replay-bad-input: $name: a stack trace or an internal error"; ok=0
  fi
  if [ "$ok" = 1 ]; then
    passed=$((passed + 1)); echo "replay-bad-input: $name: ok (exit $rc)"
  else
    failed=$((failed + 1)); sed 's/^/    /' "$out" "$err" | head -20
  fi
}

good="$GOLDEN/go1.19/iterate.jsonl"
mkdir "$work/fifo-dir" "$work/empty"
cp "$good" "$work/fifo-dir/a.jsonl"
mkfifo "$work/fifo-dir/b.jsonl"
{ head -2 "$good"; sed -n 3p "$good" | python3 -c 'import sys; l = sys.stdin.read(); d = 100000
sys.stdout.write(l.replace("\"op\":", "\"x\":" + "[" * d + "]" * d + ",\"op\":", 1))'; } >"$work/deep.jsonl"
{ head -2 "$good"; sed -n 3p "$good" | sed 's/"i":1,/"i":1e100,/'; } >"$work/huge.jsonl"
{ head -2 "$good"; sed -n 3p "$good" | sed "s/\"op\":\"iterate\"/'op':'iterate'/"; } >"$work/lenient.jsonl"
{ head -2 "$good"; sed -n 3p "$good" | sed 's/"count":0,/"count":1,/'; } >"$work/differs.jsonl"

check "batch of good, malformed, differing, FIFO and empty directory" 2 \
  "^ERROR $work/deep.jsonl:3: .*limit of 256" "^ERROR $work/huge.jsonl:3: .*64-bit" \
  "^ERROR $work/lenient.jsonl:3: not valid JSON" "^FAIL differs op 1 \(line 3\) summary.count" \
  "^ERROR $work/fifo-dir/b.jsonl: not a regular file" "^PASS a " "^PASS iterate " \
  "^ERROR $work/empty: no .jsonl traces" "^replay: 2 passed, 1 failed" -- \
  "$ROOT/maplab" replay "$work/deep.jsonl" "$work/huge.jsonl" "$work/differs.jsonl" "$work/fifo-dir" "$work/lenient.jsonl" "$good" "$work/empty"
replay=(java -cp "$CP" maplab.trace.ReplayMain)
check "/dev/zero and an empty argument" 2 "^ERROR /dev/zero: not a regular file" "^ERROR an empty argument" -- \
  "${replay[@]}" /dev/zero ""
check "a trace that differs" 1 "^FAIL differs" -- "${replay[@]}" "$work/differs.jsonl"
check "a golden directory" 0 "^replay: [0-9]+ passed, 0 failed" -- "${replay[@]}" "$GOLDEN/go1.21"

echo "replay-bad-input: $passed passed, $failed failed"
[ -z "${2:-}" ] || echo "$passed $failed 0" >>"$2"
[ "$failed" = 0 ]
