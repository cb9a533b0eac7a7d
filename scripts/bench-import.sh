#!/usr/bin/env bash
# Issue 10's import target: this build's import of the 100,000-case export against an older
# build's import of its own export, in interleaved rounds (the machine's speed drifts over
# minutes, so the two are timed alternately, each into a fresh database, with the page cache
# dropped before each run when run as root). Prints wall seconds and peak KiB per run, then
# the medians.
#
#   BASELINE_BIN=path/to/old/culpa BASELINE_BUNDLE=its-own-export.json scripts/bench-import.sh [ROUNDS]
#
# Needs a release build (`cargo build --release`), GNU time, and the export and demo database
# that scripts/bench-cli.sh caches under target/bench-cache/ (run it once first).
set -euo pipefail

cd "$(dirname "$0")/.."
ROUNDS=${1:-5}
TODAY=2026-03-16
BIN=target/release/culpa
BUNDLE=target/bench-cache/export-100000.json
: "${BASELINE_BIN:?name the older build: BASELINE_BIN=…}"
: "${BASELINE_BUNDLE:?name the bundle it imports: BASELINE_BUNDLE=…}"
[[ -f $BUNDLE ]] || { echo "no $BUNDLE: run scripts/bench-cli.sh once first" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

run() { # BIN BUNDLE: wall seconds and peak KiB of one import into a fresh database
    local bin=$1 bundle=$2 db="$work/x.db"
    rm -rf "$work"/x.db*
    "$bin" --db "$db" --today "$TODAY" init --admin "$(id -un)" --name bench >/dev/null 2>&1 ||
        "$bin" --db "$db" --today "$TODAY" init --name bench >/dev/null
    sync
    if [[ $(id -u) == 0 ]]; then echo 3 > /proc/sys/vm/drop_caches; fi
    /usr/bin/time -f '%e %M' "$bin" --db "$db" --today "$TODAY" import "$bundle" 2>&1 >/dev/null | tail -1
}

base=() new=()
for i in $(seq "$ROUNDS"); do
    b=$(run "$BASELINE_BIN" "$BASELINE_BUNDLE")
    c=$(run "$BIN" "$BUNDLE")
    echo "round $i: baseline $b   this build $c"
    base+=("${b%% *}") new+=("${c%% *}")
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
echo "median wall: baseline $(median "${base[@]}") s, this build $(median "${new[@]}") s"
