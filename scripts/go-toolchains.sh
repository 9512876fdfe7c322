#!/usr/bin/env bash
# Obtains pinned Go toolchains from Debian's packages: the ones that still have the classic
# (bucket) map, Go 1.19, 1.21, 1.22 and 1.23 (bookworm, bookworm-backports), and the ones with
# the Swiss-table map, Go 1.24 (trixie), 1.25 (trixie-backports) and 1.26 (sid), without
# touching the machine's apt configuration: a private sources.list, package lists and download
# cache live under
#   ${MAPLAB_CACHE:-$HOME/.cache/maplab}/go
# and each toolchain is unpacked with dpkg -x into <cache>/go/<ver>/root, so nothing is
# installed system-wide and a second run downloads nothing.
#
# Usage:
#   scripts/go-toolchains.sh fetch [1.19 ... 1.26]         # default: the four classic ones; idempotent
#   scripts/go-toolchains.sh fetch swiss                   # 1.24 1.25 1.26 (also: classic, all)
#   scripts/go-toolchains.sh goroot 1.19                   # prints GOROOT
#   scripts/go-toolchains.sh env 1.19                      # prints export lines for a build
#   scripts/go-toolchains.sh go 1.19 build ./...           # runs that toolchain's go
#   scripts/go-toolchains.sh build-oracle DIR [vers...]    # builds DIR/oracle-go<ver>: oracle/ (the
#                                                          # classic oracle) for 1.19-1.23, oracle/swiss
#                                                          # for 1.24+; default: the classic four
# or source it and call gt_fetch, gt_goroot, gt_env, gt_go, gt_build_oracle with the same
# arguments (each runs in a subshell: an error returns its exit code, it never exits yours).
#
# Exit codes: 0 ok, 1 usage or build error, 3 the toolchains cannot be had here (no apt-get or
# dpkg, no network, pinned version not offered); the one-line reason goes to stderr.
# Builds are hermetic: GOTOOLCHAIN=local, GOFLAGS empty, GOPROXY=off, GOCACHE and GOPATH in
# the cache directory, no network.

# The pinned packages: <version> <debian version> <suite>. Exact versions, so every machine
# builds the oracles with the same runtime sources that the map fact sheets were checked
# against (docs/go-map-swiss.md for 1.24+).
_gt_pins() {
  cat <<'EOF'
1.19 1.19.8-2 bookworm
1.21 1.21.13-1~bpo12+1 bookworm-backports
1.22 1.22.12-3~bpo12+1 bookworm-backports
1.23 1.23.5-1~bpo12+1 bookworm-backports
1.24 1.24.4-1 trixie
1.25 1.25.12-1~bpo13+1 trixie-backports
1.26 1.26.10-1 sid
EOF
}

GT_CLASSIC_VERSIONS="1.19 1.21 1.22 1.23"
GT_SWISS_VERSIONS="1.24 1.25 1.26"
GT_ALL_VERSIONS="$GT_CLASSIC_VERSIONS $GT_SWISS_VERSIONS"
# The suites the private sources.list names (every suite a pin uses).
GT_SUITES="bookworm bookworm-backports trixie trixie-backports sid"
GT_CACHE="${MAPLAB_CACHE:-$HOME/.cache/maplab}/go"
GT_KEYRING=/usr/share/keyrings/debian-archive-keyring.gpg
GT_MIRROR=http://deb.debian.org/debian
GT_REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

_gt_say() { echo "go-toolchains: $*" >&2; }
# Fatal error of the script itself (usage, build): exit 1.
_gt_fail() { _gt_say "error: $*"; exit 1; }
# The toolchains cannot be had on this machine: exit 3 with a one-line reason.
_gt_unavailable() { _gt_say "cannot obtain Go toolchains: $*"; exit 3; }

_gt_pin_field() { # _gt_pin_field <ver> <field 2|3>
  _gt_pins | awk -v v="$1" -v f="$2" '$1 == v { print $f }'
}

_gt_check_version() {
  [ -n "$(_gt_pin_field "$1" 2)" ] || _gt_fail "unknown Go version '$1' (known: $GT_ALL_VERSIONS)"
}

# apt options that point apt at the private configuration only.
_gt_apt_opts() {
  echo "-o Dir::Etc::SourceList=$GT_CACHE/sources.list" \
       "-o Dir::Etc::SourceParts=/dev/null" \
       "-o Dir::State::Lists=$GT_CACHE/lists" \
       "-o Dir::Cache=$GT_CACHE/apt" \
       "-o Debug::NoLocking=1" \
       "-o APT::Get::List-Cleanup=0"
}

_gt_prepare_apt() {
  command -v apt-get >/dev/null 2>&1 || _gt_unavailable "apt-get not found (a Debian-based machine is needed)"
  command -v apt-cache >/dev/null 2>&1 || _gt_unavailable "apt-cache not found"
  command -v dpkg >/dev/null 2>&1 || _gt_unavailable "dpkg not found"
  [ -r "$GT_KEYRING" ] || _gt_unavailable "$GT_KEYRING missing (package debian-archive-keyring)"
  mkdir -p "$GT_CACHE/lists/partial" "$GT_CACHE/apt/archives/partial" "$GT_CACHE/debs" \
    || _gt_fail "cannot create $GT_CACHE"
  local suite list=
  for suite in $GT_SUITES; do
    list+="deb [signed-by=$GT_KEYRING] $GT_MIRROR $suite main"$'\n'
  done
  # Written to a temporary name and renamed: other checkouts may share this cache.
  printf '%s' "$list" >"$GT_CACHE/sources.list.$$" && mv -f "$GT_CACHE/sources.list.$$" "$GT_CACHE/sources.list" \
    || _gt_fail "cannot write $GT_CACHE/sources.list"
}

_gt_apt_updated=0
_gt_apt_rc=0
# _gt_apt_update <suite>: runs apt-get update once (all suites), then checks that <suite>'s
# package list is there. A suite that failed to update does not stop the fetch of a version
# pinned to another one.
_gt_apt_update() {
  local suite=$1
  if [ "$_gt_apt_updated" != 1 ]; then
    _gt_say "apt-get update (private lists in $GT_CACHE/lists)"
    # shellcheck disable=SC2046
    apt-get $(_gt_apt_opts) -qq update >"$GT_CACHE/apt-update.log" 2>&1
    _gt_apt_rc=$?
    _gt_apt_updated=1
  fi
  # apt-get update can "succeed" with every fetch failed, and fail when only one suite did:
  # check that this suite's list arrived.
  if ! ls "$GT_CACHE/lists/"*"_dists_${suite}_main_binary-amd64_Packages"* >/dev/null 2>&1; then
    _gt_unavailable "apt-get update fetched no $suite package list (exit $_gt_apt_rc; no network?); see $GT_CACHE/apt-update.log"
  fi
}

# Checks with apt-cache policy that the pinned version of a package is offered.
_gt_verify_offered() { # <package> <version>
  local pkg=$1 ver=$2 policy
  # shellcheck disable=SC2046
  policy=$(apt-cache $(_gt_apt_opts) policy "$pkg" 2>&1) \
    || _gt_unavailable "apt-cache policy $pkg failed: $(echo "$policy" | head -1)"
  if ! echo "$policy" | awk '/Version table:/ {t=1; next} t' | grep -qF " $ver "; then
    _gt_unavailable "package $pkg version $ver is not offered by $GT_SUITES (apt-cache policy lists: $(echo "$policy" | awk '/Version table:/ {t=1; next} t && $1 == "***" && NF == 3 {printf "%s ", $2} t && $1 != "***" && NF == 2 {printf "%s ", $1}'))"
  fi
}

# Sets GT_DEB to the path of the downloaded .deb of <package>=<version>, downloading it if
# needed. (A variable, not stdout: it must run in this shell so apt-get update runs once.)
GT_DEB=
_gt_deb() { # <package> <version> <arch> <suite>
  local pkg=$1 ver=$2 arch=$3 suite=$4 f
  GT_DEB=
  # apt-get download escapes ':' and '+' etc. in the file name, so match loosely and check
  # the real version with dpkg-deb.
  for f in "$GT_CACHE/debs/${pkg}_"*"_${arch}.deb"; do
    [ -f "$f" ] || continue
    if [ "$(dpkg-deb -f "$f" Version 2>/dev/null)" = "$ver" ]; then
      GT_DEB=$f
      return 0
    fi
  done
  _gt_prepare_apt
  _gt_apt_update "$suite"
  _gt_verify_offered "$pkg" "$ver"
  _gt_say "downloading $pkg=$ver"
  # shellcheck disable=SC2046
  if ! (cd "$GT_CACHE/debs" && apt-get $(_gt_apt_opts) -qq download "$pkg=$ver") >"$GT_CACHE/apt-download.log" 2>&1; then
    _gt_unavailable "download of package $pkg=$ver failed; see $GT_CACHE/apt-download.log"
  fi
  for f in "$GT_CACHE/debs/${pkg}_"*"_${arch}.deb"; do
    if [ -f "$f" ] && [ "$(dpkg-deb -f "$f" Version 2>/dev/null)" = "$ver" ]; then
      GT_DEB=$f
      return 0
    fi
  done
  _gt_unavailable "package $pkg=$ver downloaded but no matching .deb found in $GT_CACHE/debs"
}

# Rewrites absolute symlinks inside an extracted tree (e.g. /usr/lib/go-1.19/src ->
# /usr/share/go-1.19/src) as relative ones, so they resolve inside the tree and never reach the
# machine's own /usr. Fails if a link still does not resolve.
_gt_fix_symlinks() { # <root>
  local root=$1 link target abs rel
  while IFS= read -r -d '' link; do
    target=$(readlink "$link")
    case "$target" in
      /*)
        abs="$root$target"
        rel=$(realpath -m --relative-to="$(dirname "$link")" "$abs")
        ln -sfn "$rel" "$link"
        ;;
    esac
  done < <(find "$root" -type l -print0)
  # Every link must now stay in the tree and resolve (dangling doc links are tolerated
  # outside usr/lib/go-*, which is all the build uses).
  while IFS= read -r -d '' link; do
    if [ ! -e "$link" ]; then
      case "$link" in
        "$root"/usr/lib/go-*) _gt_fail "symlink $link -> $(readlink "$link") does not resolve inside $root" ;;
      esac
    fi
  done < <(find "$root" -type l -print0)
}

_gt_root() { echo "$GT_CACHE/$1/root"; }
_gt_goroot_of() { echo "$(_gt_root "$1")/usr/lib/go-$1"; }

# _gt_fetch_one <ver>: make <cache>/go/<ver>/root hold the pinned golang-<ver>-go and -src
# packages.
_gt_fetch_one() {
  local v=$1 dver root stamp go_deb src_deb tmp
  _gt_check_version "$v"
  dver=$(_gt_pin_field "$v" 2)
  root=$(_gt_root "$v")
  stamp="$GT_CACHE/$v/installed"
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$dver" ] && [ -x "$(_gt_goroot_of "$v")/bin/go" ]; then
    _gt_say "Go $v ($dver) already in $(_gt_goroot_of "$v")"
    return 0
  fi
  command -v dpkg-deb >/dev/null 2>&1 || _gt_unavailable "dpkg-deb not found (a Debian-based machine is needed)"
  _gt_deb "golang-$v-go" "$dver" amd64 "$(_gt_pin_field "$v" 3)"
  go_deb=$GT_DEB
  _gt_deb "golang-$v-src" "$dver" all "$(_gt_pin_field "$v" 3)"
  src_deb=$GT_DEB
  _gt_say "unpacking golang-$v-go and golang-$v-src $dver into $root"
  tmp="$GT_CACHE/$v/root.tmp"
  rm -rf "$tmp" && mkdir -p "$tmp"
  local deb
  for deb in "$go_deb" "$src_deb"; do
    if ! dpkg -x "$deb" "$tmp"; then
      # Most likely a download cut short: drop it so that the next fetch gets it again.
      rm -f "$deb"
      _gt_fail "dpkg -x $deb failed (file removed; run fetch again)"
    fi
  done
  _gt_fix_symlinks "$tmp"
  rm -rf "$root" && mv "$tmp" "$root"
  local gr
  gr=$(_gt_goroot_of "$v")
  [ -x "$gr/bin/go" ] || _gt_fail "$gr/bin/go missing after unpacking golang-$v-go"
  if _gt_is_swiss "$v"; then
    [ -f "$gr/src/internal/runtime/maps/map.go" ] \
      || _gt_fail "$gr/src/internal/runtime/maps/map.go missing after unpacking golang-$v-src"
  else
    [ -f "$gr/src/runtime/map.go" ] || _gt_fail "$gr/src/runtime/map.go missing after unpacking golang-$v-src"
  fi
  local out
  out=$(_gt_run_go "$v" version 2>&1) || _gt_fail "Go $v does not run: $out"
  echo "$dver" >"$stamp"
  _gt_say "Go $v ready: $out (GOROOT=$gr)"
}

# _gt_is_swiss <ver>: true for the versions whose map is the Swiss table (1.24+).
_gt_is_swiss() {
  case " $GT_SWISS_VERSIONS " in *" $1 "*) return 0 ;; esac
  return 1
}

# Sets GT_VERSIONS from the arguments: versions, or the words classic, swiss, all; the
# classic four when there are none.
GT_VERSIONS=()
_gt_versions() {
  local a
  GT_VERSIONS=()
  [ $# -gt 0 ] || set -- classic
  for a in "$@"; do
    case "$a" in
      classic) read -r -a _gt_vs <<<"$GT_CLASSIC_VERSIONS"; GT_VERSIONS+=("${_gt_vs[@]}") ;;
      swiss) read -r -a _gt_vs <<<"$GT_SWISS_VERSIONS"; GT_VERSIONS+=("${_gt_vs[@]}") ;;
      all) read -r -a _gt_vs <<<"$GT_ALL_VERSIONS"; GT_VERSIONS+=("${_gt_vs[@]}") ;;
      *) GT_VERSIONS+=("$a") ;;
    esac
  done
}

# gt_fetch [versions...]: the classic four when none are named ("swiss" and "all" name
# 1.24-1.26 and all seven).
gt_fetch() (
  _gt_versions "$@"
  vs=("${GT_VERSIONS[@]}")
  for v in "${vs[@]}"; do _gt_check_version "$v"; done
  for v in "${vs[@]}"; do _gt_fetch_one "$v"; done
)

# gt_goroot <ver>: prints the GOROOT of a fetched toolchain.
gt_goroot() (
  [ $# -eq 1 ] || _gt_fail "usage: goroot VERSION"
  _gt_check_version "$1"
  [ -x "$(_gt_goroot_of "$1")/bin/go" ] || _gt_fail "Go $1 is not fetched; run: scripts/go-toolchains.sh fetch $1"
  _gt_goroot_of "$1"
)

# gt_env <ver>: the environment of a hermetic build (this toolchain only, no network, caches
# in GT_CACHE), as export lines.
gt_env() (
  [ $# -eq 1 ] || _gt_fail "usage: env VERSION"
  _gt_check_version "$1"
  gr=$(_gt_goroot_of "$1")
  echo "export GOROOT='$gr'"
  echo "export PATH='$gr/bin':\"\$PATH\""
  echo "export GOTOOLCHAIN=local GOFLAGS= GOPROXY=off GOSUMDB=off GOWORK=off GO111MODULE=on"
  echo "export GOCACHE='$GT_CACHE/gocache/$1' GOPATH='$GT_CACHE/gopath' GOENV=off"
  echo "export CGO_ENABLED=0 GOOS=linux GOARCH=amd64"
)

# gt_go <ver> <go args...>: runs that toolchain's go hermetically.
gt_go() (
  [ $# -ge 1 ] || _gt_fail "usage: go VERSION ARGS..."
  _gt_check_version "$1"
  _gt_run_go "$@"
)

_gt_run_go() { # <ver> <go args...>
  local v=$1; shift
  local gr
  gr=$(_gt_goroot_of "$v")
  [ -x "$gr/bin/go" ] || _gt_fail "Go $v is not fetched; run: scripts/go-toolchains.sh fetch $v"
  env GOROOT="$gr" PATH="$gr/bin:$PATH" GOTOOLCHAIN=local GOFLAGS= GOPROXY=off GOSUMDB=off \
      GOWORK=off GO111MODULE=on GOCACHE="$GT_CACHE/gocache/$v" GOPATH="$GT_CACHE/gopath" \
      GOENV=off CGO_ENABLED=0 GOOS=linux GOARCH=amd64 "$gr/bin/go" "$@"
}

# Builds the oracle with each version into DIR/oracle-go<ver>: the classic oracle (oracle/) for
# 1.19-1.23, the Swiss-table oracle (oracle/swiss) for 1.24+. Deliberately without -race and
# without -gcflags=-N: Go 1.19's clear relies on the compiler's map-clear optimization, and
# the Swiss oracle must get the runtime entry points a user's optimized program gets.
gt_build_oracle() ( # <outdir> [vers...]
  out=${1:-}
  [ -n "$out" ] || _gt_fail "usage: build-oracle DIR [versions...]"
  shift
  _gt_versions "$@"
  vs=("${GT_VERSIONS[@]}")
  here=$GT_REPO
  mkdir -p "$out" || _gt_fail "cannot create $out"
  out=$(cd "$out" && pwd)
  for v in "${vs[@]}"; do
    _gt_check_version "$v"
    pkg=. fns="clearU64 clearStr clearBig"
    if _gt_is_swiss "$v"; then
      pkg=./swiss fns="clearU64 clearStr clearBig clearPtr"
    fi
    _gt_say "building oracle ($pkg) with Go $v -> $out/oracle-go$v"
    (cd "$here/oracle" && _gt_run_go "$v" build -trimpath -o "$out/oracle-go$v" "$pkg") \
      || _gt_fail "build of oracle with Go $v failed"
    # The clear op must reach runtime.mapclear (Go 1.19: only through the compiler's
    # recognition of the for-range-delete idiom, which -N, -race or inlining defeat).
    for fn in $fns; do
      dis=$(_gt_run_go "$v" tool objdump -s "^main\.$fn\$" "$out/oracle-go$v") \
        || _gt_fail "go tool objdump of oracle-go$v failed"
      if [[ $dis != *'CALL runtime.mapclear(SB)'* ]]; then
        rm -f "$out/oracle-go$v"
        _gt_fail "oracle-go$v: main.$fn does not call runtime.mapclear (was it built with -N, -race, or inlined?)"
      fi
    done
    # The Swiss oracle's operations must reach the runtime entry points a user's program gets
    # for these map types (1.25+ prunes tombstones only on the fast32/fast64/faststr assigns).
    if _gt_is_swiss "$v"; then
      local spec sym call
      for spec in 'mapU64).set mapassign_fast64' 'mapStr).set mapassign_faststr' \
                  'mapPtr).set mapassign_fast64ptr' 'mapBig).set mapassign' \
                  'mapU64).get mapaccess2_fast64' 'mapStr).get mapaccess2_faststr' \
                  'mapPtr).get mapaccess2_fast64' 'mapBig).get mapaccess2' \
                  'mapU64).del mapdelete_fast64' 'mapStr).del mapdelete_faststr' \
                  'mapPtr).del mapdelete_fast64' 'mapBig).del mapdelete'; do
        sym=${spec%% *} call=${spec#* }
        dis=$(_gt_run_go "$v" tool objdump -s "^main\\.\\(\\*${sym%%)*}\\)\\.${sym##*).}\$" "$out/oracle-go$v") \
          || _gt_fail "go tool objdump of oracle-go$v failed"
        if [[ $dis != *"CALL runtime.$call(SB)"* ]]; then
          rm -f "$out/oracle-go$v"
          _gt_fail "oracle-go$v: main.(*$sym does not call runtime.$call"
        fi
      done
    fi
  done
)

_gt_main() {
  local cmd=${1:-}
  [ $# -gt 0 ] && shift
  case "$cmd" in
    fetch) gt_fetch "$@" ;;
    goroot) gt_goroot "$@" ;;
    env) gt_env "$@" ;;
    go) gt_go "$@" ;;
    build-oracle) gt_build_oracle "$@" ;;
    ""|-h|--help|help)
      awk 'NR == 1 { next } /^#/ { sub(/^# ?/, ""); print; next } { exit }' "$GT_REPO/scripts/go-toolchains.sh"
      ;;
    *) _gt_fail "unknown command '$cmd' (fetch, goroot, env, go, build-oracle)" ;;
  esac
}

# Run as a command unless sourced.
if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  set -o pipefail
  _gt_main "$@"
fi
