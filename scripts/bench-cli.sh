#!/usr/bin/env bash
# Whole-process benchmarks for issue 10: `culpa deadlines --json`, `liability CASE`, `check CASE`,
# `export` and `import` (of that export, into a fresh database) on demo databases of 100,000
# cases (and 1,000,000 with --million),
# paired with taskwarrior's `task export` of as many due tasks, and a single-row sqlite3
# query as the floor for one case.
#
#   scripts/bench-cli.sh              # 100,000 cases
#   scripts/bench-cli.sh --million    # also 1,000,000 (builds a 5 GB database once: ~30 min)
#   BASELINE_BIN=path/to/old/culpa scripts/bench-cli.sh   # also time the import with an older build
#   BASELINE_BUNDLE=its-own-export.json …  # what that build imports (one before bundle/2 cannot
#                                          # read today's export: give it its own)
#
# taskwarrior is paired at 100,000 cases only (the issue's ratio target is there; importing
# 750,000 tasks into taskwarrior alone takes longer than the whole 1,000,000-case run).
# Needs: a release build (made here), hyperfine, taskwarrior (`task`), sqlite3 and GNU time
# (`apt-get install hyperfine taskwarrior sqlite3 time`). Databases and the taskwarrior data
# are built once and cached under target/bench-cache/ (delete a file there to rebuild it).
# Wall times are hyperfine medians (`-N`: each process started directly, not through a shell,
# so a 5 ms command is not timed against the noise of a shell's start); peak memory is the largest "Maximum resident set size"
# of /usr/bin/time -v over three runs.
set -euo pipefail

cd "$(dirname "$0")/.."
SIZES=(100000)
[[ "${1:-}" == "--million" ]] && SIZES+=(1000000)
TODAY=2026-03-16
AS=liuf
CACHE=target/bench-cache
BIN=target/release/culpa
mkdir -p "$CACHE"

for tool in hyperfine task sqlite3 /usr/bin/time; do
    command -v "$tool" >/dev/null || { echo "bench-cli: $tool is missing (see the header)" >&2; exit 1; }
done
[[ -n "${SKIP_BUILD:-}" ]] || cargo build --release --quiet

peak_mib() { # peak RSS in MiB of the command, the largest of three runs
    local max=0 kb
    for _ in 1 2 3; do
        kb=$(/usr/bin/time -f '%M' "$@" 2>&1 >/dev/null | tail -1)
        (( kb > max )) && max=$kb
    done
    echo $(( (max + 1023) / 1024 ))
}

median_ms() { # hyperfine median wall time in ms
    local json
    json=$(mktemp)
    hyperfine -N --style none --warmup 1 --runs "${RUNS:-7}" --export-json "$json" "$@" >/dev/null 2>&1
    python3 -c "import json,sys; print(round(json.load(open('$json'))['results'][0]['median']*1000, 1))"
    rm -f "$json"
}

import_run() { # BIN LABEL [BUNDLE]: import BUNDLE (else $out) into a fresh database; wall ms and peak MiB
    local bin=$1 label=$2 bundle=${3:-$out} fresh="$CACHE/import-$n.db" log
    rm -rf "$fresh" "$fresh-wal" "$fresh-shm" "$fresh.vault" "$fresh.key" "$fresh.pub"
    # (builds before the service named the administrator themselves: no --admin)
    "$bin" --db "$fresh" --today "$TODAY" init --admin "$(id -un)" --name bench >/dev/null 2>&1 ||
        "$bin" --db "$fresh" --today "$TODAY" init --name bench >/dev/null
    log=$(mktemp)
    if /usr/bin/time -o "$log" -f '%e %M' "$bin" --db "$fresh" --today "$TODAY" \
        import "$bundle" >/dev/null 2>"$log.err"; then
        read -r wall peak < "$log"
        printf '%-46s %10s %10s\n' "$label" \
            "$(python3 -c "print(round($wall * 1000))")" $(( (peak + 1023) / 1024 ))
    else
        printf '%-46s %s\n' "$label" "failed: $(head -c 300 "$log.err")"
    fi
    rm -f "$log" "$log.err"
    rm -rf "$fresh" "$fresh-wal" "$fresh-shm" "$fresh.vault" "$fresh.key" "$fresh.pub"
}

for n in "${SIZES[@]}"; do
    db="$CACHE/cli-$n-$TODAY.db"
    if [[ ! -f "$db" ]]; then
        echo "building $db (once) …" >&2
        rm -rf "$db" "$db-wal" "$db-shm" "$db.vault"
        /usr/bin/time -f "built in %e s" "$BIN" --db "$db" --today "$TODAY" demo --no-open --cases "$n" >/dev/null
    fi
    c=( "$BIN" --db "$db" --as "$AS" --today "$TODAY" )
    "${c[@]}" deadlines --json >/dev/null # a fresh projection before timing (rebuilt if stale)
    due=$("${c[@]}" deadlines --json | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')

    # taskwarrior with as many pending tasks with a due date.
    tw="$CACHE/task-$due"
    if [[ "$n" -le 100000 && ! -f "$tw/done" ]]; then
        echo "building taskwarrior data with $due due tasks (once) …" >&2
        rm -rf "$tw" && mkdir -p "$tw/data"
        printf 'data.location=%s\nconfirmation=no\nverbose=nothing\nhooks=off\n' "$PWD/$tw/data" > "$tw/rc"
        python3 - "$due" > "$tw/tasks.json" <<'EOF'
import json, sys, uuid, datetime
n = int(sys.argv[1]); base = datetime.date(2026, 3, 16)
print(json.dumps([{"uuid": str(uuid.UUID(int=i + 1)), "status": "pending",
    "description": f"obligation {i}", "entry": "20260101T000000Z",
    "due": (base + datetime.timedelta(days=i % 400 - 100)).strftime("%Y%m%dT000000Z")}
    for i in range(n)]))
EOF
        TASKRC="$tw/rc" task import "$tw/tasks.json" >/dev/null 2>&1
        touch "$tw/done"
    fi
    export TASKRC="$tw/rc"

    number=$("${c[@]}" deadlines --json | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["case"])')
    id=$(sqlite3 "$db" "SELECT id FROM cases WHERE number = '$number'")
    decided=$(sqlite3 "$db" "SELECT number FROM cases WHERE decision_on IS NOT NULL ORDER BY id DESC LIMIT 1")

    echo "== $n cases: $due open obligations =="
    printf '%-46s %10s %10s\n' what "wall ms" "peak MiB"
    printf '%-46s %10s %10s\n' "culpa deadlines --json" \
        "$(median_ms "${c[*]} deadlines --json")" "$(peak_mib "${c[@]}" deadlines --json)"
    if [[ "$n" -le 100000 ]]; then
        printf '%-46s %10s %10s\n' "task export ($due due tasks)" \
            "$(RUNS=3 median_ms "task export")" "$(peak_mib task export)"
    fi
    printf '%-46s %10s %10s\n' "culpa liability CASE (decided, 8.3)" \
        "$(median_ms "${c[*]} liability '$decided'")" "$(peak_mib "${c[@]}" liability "$decided")"
    printf '%-46s %10s %10s\n' "culpa check CASE" \
        "$(median_ms "${c[*]} check '$number'")" "$(peak_mib "${c[@]}" check "$number")"
    printf '%-46s %10s %10s\n' "sqlite3: one row by id" \
        "$(median_ms "sqlite3 $db 'SELECT * FROM cases WHERE id = $id'")" "-"
    out="$CACHE/export-$n.json"
    if [[ "$n" -le 100000 ]]; then
        printf '%-46s %10s %10s\n' "culpa export (everything)" \
            "$(RUNS=3 median_ms "${c[*]} export --out $out")" "$(peak_mib "${c[@]}" export --out "$out")"
        # Import of that export into a fresh database (one run each: it writes every case),
        # with this build and, if BASELINE_BIN names one, an older build.
        import_run "$BIN" "culpa import (that export, fresh database)"
        if [[ -n "${BASELINE_BIN:-}" ]]; then
            import_run "$BASELINE_BIN" "baseline import ($(basename "$BASELINE_BIN"))" "${BASELINE_BUNDLE:-$out}"
        fi
    else
        # One run: the export of 1,000,000 cases is gigabytes of JSON.
        log=$(mktemp)
        /usr/bin/time -o "$log" -f '%e %M' "${c[@]}" export --out "$out" >/dev/null
        read -r wall peak < "$log"
        printf '%-46s %10s %10s\n' "culpa export (everything, one run)" \
            "$(python3 -c "print(round($wall * 1000))")" $(( (peak + 1023) / 1024 ))
        rm -f "$log" "$out"
    fi
done
