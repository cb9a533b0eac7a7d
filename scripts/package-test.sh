#!/usr/bin/env bash
# The .deb from nothing to a served client and back to nothing, as root:
#   1. build the package with `cargo deb` (installs cargo-deb if missing);
#   2. install it with `dpkg -i` (postinst: the culpa account and its directories);
#   3. `culpa admin setup --admin root --no-systemd` with a throwaway state directory, then
#      run the packaged service WITHOUT systemd (`culpa serve`, as root: it binds, then runs
#      as culpa) and serve one client: a throwaway investigator account, through the socket;
#      that account cannot open the database itself;
#   4. `dpkg --purge` and check that nothing is left behind (binary, units, config,
#      account, directories).
# Not part of .ci/run (it installs a cargo subcommand and a package). Exit 0 = passed.
set -euo pipefail
cd "$(dirname "$0")/.."

[[ $(id -u) == 0 ]] || { echo "run as root" >&2; exit 2; }
step() { printf '\n== %s\n' "$*"; }
fail() { echo "FAILED: $*" >&2; exit 1; }

WORK=$(mktemp -d /tmp/culpa-package-test.XXXXXX)
chmod 0755 "$WORK"
STATE="$WORK/state"
CONFIG=/etc/culpa/config.toml
INVESTIGATOR=culpapkgtest
SERVE_PID=
cleanup() {
    [[ -n $SERVE_PID ]] && kill "$SERVE_PID" 2>/dev/null && wait "$SERVE_PID" 2>/dev/null || true
    getent passwd "$INVESTIGATOR" >/dev/null && userdel "$INVESTIGATOR" 2>/dev/null || true
    rm -rf "$WORK"
}
trap cleanup EXIT

step "1. cargo deb"
if ! cargo deb --version >/dev/null 2>&1; then
    cargo install cargo-deb
fi
cargo deb --version
DEB=$(cargo deb 2>&1 | tee "$WORK/build.log" | tail -1)
[[ -f $DEB ]] || { cat "$WORK/build.log"; fail "cargo deb made no package"; }
echo "built $DEB"
dpkg-deb --info "$DEB" | sed -n '1,/Description/p'
dpkg-deb --contents "$DEB" | awk '{print $1, $6}'

step "2. dpkg -i"
dpkg -i "$DEB"
command -v culpa
getent passwd culpa || fail "postinst made no culpa account"
stat -c '%U %a %n' /var/lib/culpa
for u in culpa.service culpa.socket culpa-backup.service culpa-backup.timer; do
    [[ -f /lib/systemd/system/$u ]] || fail "unit $u not installed"
done
grep -E '^(User|ProtectSystem|NoNewPrivileges|PrivateTmp|ReadWritePaths)=' /lib/systemd/system/culpa.service

step "3. culpa admin setup --no-systemd, then the service without systemd"
useradd --no-create-home --shell /usr/sbin/nologin "$INVESTIGATOR"
culpa admin setup --admin root --no-systemd --state-dir "$STATE" --socket "$WORK/run/culpa.sock"
echo "-- again (idempotent):"
culpa admin setup --admin root --no-systemd --state-dir "$STATE" --socket "$WORK/run/culpa.sock"
cat "$CONFIG"
stat -c '%U %a %n' "$STATE" "$STATE"/culpa.db "$STATE"/culpa.db.key

culpa serve --config "$CONFIG" >"$WORK/serve.log" 2>&1 &
SERVE_PID=$!
for _ in $(seq 50); do [[ -S $WORK/run/culpa.sock ]] && break; sleep 0.1; done
[[ -S $WORK/run/culpa.sock ]] || { cat "$WORK/serve.log"; fail "the service did not listen"; }
ps -o user=,pid=,args= -p "$SERVE_PID"

echo "-- root (the first admin) adds the investigator through the service:"
culpa user add "$INVESTIGATOR" --name "包测试" --unit "执法科" --role investigator
echo "-- the investigator, a client identified by the kernel:"
setpriv --reuid "$INVESTIGATOR" --regid "$INVESTIGATOR" --init-groups -- \
    env HOME="$WORK" culpa user list || fail "the investigator was not served"
setpriv --reuid "$INVESTIGATOR" --regid "$INVESTIGATOR" --init-groups -- \
    env HOME="$WORK" culpa deadlines || fail "the investigator was not served"
echo "-- the investigator cannot open the database itself:"
if setpriv --reuid "$INVESTIGATOR" --regid "$INVESTIGATOR" --init-groups -- \
    sqlite3 "$STATE/culpa.db" 'SELECT count(*) FROM people' 2>"$WORK/denied"; then
    fail "the investigator read the database directly"
fi
cat "$WORK/denied"
echo "-- the investigator cannot run culpa admin:"
if setpriv --reuid "$INVESTIGATOR" --regid "$INVESTIGATOR" --init-groups -- \
    culpa admin doctor 2>"$WORK/denied"; then
    fail "the investigator ran culpa admin"
fi
cat "$WORK/denied"

step "backup while serving, audit verify, doctor"
culpa admin backup "$WORK/backups" --keep 2
culpa --db "$STATE/culpa.db" audit verify
culpa admin doctor || true   # the calendar for next year may be missing: reported, not fatal here

kill "$SERVE_PID"; wait "$SERVE_PID" 2>/dev/null || true; SERVE_PID=

step "4. dpkg --purge, nothing left behind"
dpkg --purge culpa
rm -rf "$WORK/state" "$WORK/backups" "$WORK/run"
left=()
for p in /usr/bin/culpa /etc/culpa /var/lib/culpa /var/backups/culpa /run/culpa \
    /lib/systemd/system/culpa.service /lib/systemd/system/culpa.socket \
    /lib/systemd/system/culpa-backup.service /lib/systemd/system/culpa-backup.timer \
    /usr/share/doc/culpa; do
    [[ -e $p ]] && left+=("$p")
done
getent passwd culpa >/dev/null && left+=("account culpa")
getent group culpa >/dev/null && left+=("group culpa")
dpkg -s culpa >/dev/null 2>&1 && left+=("dpkg still knows culpa")
((${#left[@]} == 0)) || fail "left behind: ${left[*]}"
echo "nothing left behind"
echo
echo "package test PASSED"
