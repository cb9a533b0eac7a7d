#!/usr/bin/env bash
# Make the PNGs in screenshots/ from the real binary: a demo database, the app in tmux at
# 120×40, `capture-pane -e`, scripts/ansi2html.py, and headless Chromium with Debian's CJK
# fonts. Needs: tmux, python3, chromium, fonts-noto-cjk (the script offers the apt line).
#
#   scripts/screenshots.sh            # all scenes, both languages
set -euo pipefail
cd "$(dirname "$0")/.."

for tool in tmux python3 chromium; do
  command -v "$tool" >/dev/null || {
    echo "screenshots: $tool is missing; install with: apt-get install tmux python3 chromium fonts-noto-cjk" >&2
    exit 1
  }
done
fc-list : family 2>/dev/null | grep -i "Noto Sans CJK" >/dev/null || echo "screenshots: warning: fonts-noto-cjk not found; Chinese may not render" >&2

COLS=120 ROWS=40 TODAY=2026-11-29
cargo build --release --quiet
BIN=$PWD/target/release/culpa
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
DB=$WORK/demo.db
"$BIN" --db "$DB" --today "$TODAY" demo --no-open >/dev/null

mkdir -p screenshots

# The app's drafts and keys.toml live in $WORK, never in the home of whoever runs this (a
# user's own keys or drafts would change what the pictures show).
# shot NAME LANG USER KEY... : start the app, type the keys (one tmux send-keys per
# argument, a short settle after each), capture the screen, render it to screenshots/NAME-LANG.png
shot() {
  local name=$1 lang=$2 user=$3; shift 3
  # One tmux server per shot, so no shot waits for the last one to shut down.
  local TM=(tmux -L "culpa-shots-$$-$name-$lang" -f /dev/null)
  "${TM[@]}" new-session -d -x "$COLS" -y "$ROWS" \
    "env TERM=xterm-256color LANG=C.UTF-8 XDG_DATA_HOME=$WORK/data XDG_CONFIG_HOME=$WORK/config $BIN --db $DB --today $TODAY --lang $lang --as $user"
  sleep 1.5
  for k in "$@"; do
    if [[ $k == text:* ]]; then
      "${TM[@]}" send-keys -l "${k#text:}"
    else
      "${TM[@]}" send-keys "$k"
    fi
    sleep 0.4
  done
  sleep 0.8
  "${TM[@]}" capture-pane -e -p > "$WORK/$name-$lang.ansi"
  # Quit the app itself (Esc closes any form, q quits) before the server goes.
  "${TM[@]}" send-keys Escape Escape Escape q 2>/dev/null || true
  sleep 0.3
  "${TM[@]}" kill-server 2>/dev/null || true
  python3 scripts/ansi2html.py "$COLS" "$ROWS" < "$WORK/$name-$lang.ansi" > "$WORK/$name-$lang.html"
  chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$WORK/chrome" --hide-scrollbars --force-device-scale-factor=1 \
    --window-size=$((COLS * 97 / 10 + 16)),$((ROWS * 20 + 16)) \
    --screenshot="$PWD/screenshots/$name-$lang.png" "file://$WORK/$name-$lang.html" \
    >/dev/null 2>&1
  echo "screenshots/$name-$lang.png"
}

source scripts/screenshot-scenes.sh
