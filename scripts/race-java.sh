#!/usr/bin/env bash
# Runs java for the race explorer, whose goroutines are continuations on each worker's thread
# where the JVM has them (Java 21 and later, with jdk.internal.vm exported to MapLab): several
# times faster, and workers scale with the cores. Elsewhere the explorer runs each goroutine on
# a platform thread, with the same tables. See docs/races.md.
#
#   scripts/race-java.sh JAVA-ARGS...   # the newest Java 21+ found (with the export), else java
#   scripts/race-java.sh --path         # prints that Java 21+, or exits 1 if there is none
#   scripts/race-java.sh --options      # prints the options it gives that Java
#
# Where it looks: $MAPLAB_JDK21 (a JDK's home), the java on the PATH, then /usr/lib/jvm/*.
set -euo pipefail

major() {
  "$1" -version 2>&1 | awk -F'"' '/version/ {v = $2; sub(/^1\./, "", v); split(v, p, "."); print p[1]; exit}'
}

# $MAPLAB_JDK21 if it is a Java 21+; else the newest Java 21+ of the PATH's and /usr/lib/jvm's.
find_java21() {
  local j m best="" best_m=0
  if [ -n "${MAPLAB_JDK21:-}" ] && m=$(major "$MAPLAB_JDK21/bin/java" 2>/dev/null) && [ "${m:-0}" -ge 21 ]; then
    echo "$MAPLAB_JDK21/bin/java"
    return 0
  fi
  for j in "$(command -v java 2>/dev/null || true)" /usr/lib/jvm/*/bin/java; do
    [ -n "$j" ] && [ -x "$j" ] || continue
    m=$(major "$j" 2>/dev/null) || continue
    [[ "$m" =~ ^[0-9]+$ ]] && [ "$m" -ge 21 ] && [ "$m" -gt "$best_m" ] || continue
    best="$j" best_m="$m"
  done
  [ -n "$best" ] && echo "$best"
}

# The export the continuations need; from Java 24 on, also leave quiet a library's use of
# sun.misc.Unsafe (Tablesaw's classgraph), which those releases warn about on stderr.
options() {
  local o="--add-exports java.base/jdk.internal.vm=ALL-UNNAMED"
  [ "$(major "$1")" -lt 24 ] || o="$o --sun-misc-unsafe-memory-access=allow"
  echo "$o"
}

case "${1:-}" in
  --path) find_java21; exit $? ;;
  --options) j=$(find_java21) || exit 1; options "$j"; exit 0 ;;
esac
if j=$(find_java21); then
  # shellcheck disable=SC2046 # options are words without spaces
  exec "$j" $(options "$j") "$@"
fi
exec java "$@"
