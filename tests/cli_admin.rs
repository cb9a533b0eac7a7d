//! `culpa admin` and `culpa init --admin` through the binary, as root (the CI machine runs
//! as root): setup twice (idempotent) with a throwaway service account, backup while
//! another process writes, restore, verify, doctor; everyone else refused.

mod common;

use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::os::unix::process::CommandExt;
use std::process::{Command, Stdio};

use common::cli::*;

/// A throwaway service account, removed when dropped.
struct Account(String);

impl Drop for Account {
    fn drop(&mut self) {
        let _ = Command::new("userdel").arg(&self.0).output();
        let _ = Command::new("groupdel").arg(&self.0).output();
    }
}

/// The config of a server that lives entirely in `dir`, run by `account`.
fn config(dir: &Dir, account: &str) -> String {
    dir.write(
        "config.toml",
        &format!(
            "[service]\nstate_dir = \"{state}\"\nsocket = \"{sock}\"\naccount = \"{account}\"\nbackup_dir = \"{bk}\"\nbackup_keep = 3\n",
            state = dir.s("state"),
            sock = dir.s("run/culpa.sock"),
            bk = dir.s("backups"),
        ),
    )
}

#[test]
fn setup_backup_restore_and_doctor() {
    let dir = Dir::new();
    let account = Account(format!("culpat{}", std::process::id() % 100_000));
    let cfg = config(&dir, &account.0);
    let admin = |args: &[&str]| {
        let mut full = vec!["--config", cfg.as_str(), "admin"];
        full.extend_from_slice(args);
        culpa(&full)
    };
    let setup = [
        "setup",
        "--admin",
        "root",
        "--no-systemd",
        "--name",
        "管理员",
        "--unit",
        "信息科",
    ];
    let o = ok(admin(&setup));
    let text = stdout(&o);
    for needle in [
        "created the system account",
        "created; root is its first admin",
        "signing key",
    ] {
        assert!(text.contains(needle), "{needle}: {text}");
    }
    // The state directory is the account's alone.
    let uid = nix::unistd::User::from_name(&account.0)
        .unwrap()
        .expect("account")
        .uid
        .as_raw();
    for (path, mode) in [
        ("state", 0o700),
        ("state/culpa.db", 0o600),
        ("state/culpa.db.key", 0o600),
    ] {
        let m = std::fs::metadata(dir.path(path)).unwrap();
        assert_eq!(
            (m.uid(), m.permissions().mode() & 0o777),
            (uid, mode),
            "{path}"
        );
    }
    // Idempotent: the second run keeps everything and says so.
    let o = ok(admin(&setup));
    let text = stdout(&o);
    for needle in ["already exists", "kept; root is an admin", "key", "kept"] {
        assert!(text.contains(needle), "{needle}: {text}");
    }
    assert!(!text.contains("created"), "{text}");
    let written = std::fs::read_to_string(&cfg).unwrap();
    assert!(written.contains("server = "), "{written}");

    // Backups while another process writes: each copy verifies (integrity, audit, replay).
    let db = dir.s("state/culpa.db");
    let mut writer = Command::new("sh")
        .arg("-c")
        .arg(format!(
            "for i in $(seq 1 15); do {bin} --db {db} user add u$i --name N$i --unit u --role investigator >/dev/null || exit 1; done",
            bin = env!("CARGO_BIN_EXE_culpa"),
        ))
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    for _ in 0..4 {
        let o = ok(admin(&["backup", &dir.s("backups"), "--keep", "3"]));
        assert!(
            stdout(&o).contains("written and verified"),
            "{}",
            stdout(&o)
        );
        std::thread::sleep(std::time::Duration::from_millis(1100));
    }
    assert!(writer.wait().unwrap().success());
    let copies: Vec<String> = std::fs::read_dir(dir.path("backups"))
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".db"))
        .collect();
    assert_eq!(copies.len(), 3, "--keep 3: {copies:?}");
    let mut sorted = copies.clone();
    sorted.sort();
    let newest = dir.s(&format!("backups/{}", sorted[2]));
    let mode = std::fs::metadata(&newest).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);

    // Restore the newest copy, then everything verifies and the old file is kept.
    let o = ok(admin(&["restore", &newest]));
    assert!(
        stdout(&o).contains("the database it replaced is kept"),
        "{}",
        stdout(&o)
    );
    ok(culpa(&["--db", &db, "audit", "verify"]));
    let m = std::fs::metadata(&db).unwrap();
    assert_eq!(m.uid(), uid, "the restored database is the account's");
    // A file that is not a backup is refused, nothing changed.
    let empty = dir.write("empty.db", "");
    refused(&admin(&["restore", &empty]), &["not a backup"]);

    // The doctor: the database is fine, the socket is missing (no service), with what to do.
    let o = admin(&["doctor"]);
    let text = stdout(&o);
    assert_eq!(o.status.code(), Some(1), "{text}");
    for needle in [
        "ok    integrity",
        "ok    replay",
        "ok    signatures",
        "FAIL  socket",
        "systemctl",
        "calendar",
    ] {
        assert!(text.contains(needle), "{needle}: {text}");
    }
    // A tampered row shows in the doctor too.
    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.execute("UPDATE people SET name = 'x' WHERE login = 'u3'", [])
        .unwrap();
    drop(conn);
    let text = stdout(&admin(&["doctor"]));
    assert!(
        text.contains("FAIL  replay") && text.contains("person u3, field name"),
        "{text}"
    );
}

#[test]
fn only_root_or_the_service_account_may_run_admin() {
    let dir = Dir::new();
    let cfg = config(&dir, "culpa-nobody-here");
    for args in [
        vec!["doctor"],
        vec!["backup", "/tmp/x"],
        vec!["setup", "--admin", "root", "--no-systemd"],
    ] {
        let mut full = vec!["--config", cfg.as_str(), "admin"];
        full.extend(args);
        let o = Command::new(env!("CARGO_BIN_EXE_culpa"))
            .args(&full)
            .env("LANG", "C")
            .uid(65534)
            .gid(65534)
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(1));
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(
            err.contains("root or the service account") && err.contains("nobody"),
            "{err}"
        );
    }
    assert!(!dir.path("state").exists(), "nothing was made");
}
