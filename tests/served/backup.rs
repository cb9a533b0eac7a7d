//! `culpa admin backup` while clients write through the real service, then `admin restore`
//! and `audit verify` (issue 7): what each copy must hold, and that the restored database is
//! served, verifies and takes new writes.

use std::collections::BTreeSet;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use crate::acknowledged_intake;
use crate::common::served::*;

/// Cases titled `prefix…` in the database at `db`, read as root without the service.
fn titles_in(db: &std::path::Path, prefix: &str) -> BTreeSet<String> {
    let c = rusqlite::Connection::open_with_flags(db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
        .expect("open read-only");
    let mut st = c
        .prepare("SELECT title FROM cases WHERE substr(title, 1, length(?1)) = ?1")
        .expect("prepare");
    st.query_map([prefix], |r| r.get::<_, String>(0))
        .expect("query")
        .collect::<Result<_, _>>()
        .expect("rows")
}

/// `culpa admin backup` while four clients write through the service: every copy is
/// verified by the backup itself and holds every write acknowledged before it began (and
/// nothing that was never sent). Then the service is stopped, the newest copy restored and
/// the service started again: `audit verify` through the service exits 0, every write the
/// copy promised is served, and the restored database takes new writes.
#[test]
fn backup_during_writes_then_restore_then_verify() {
    if !root_or_skip("backup_during_writes_then_restore_then_verify") {
        return;
    }
    const PREFIX: &str = "备份期间写入 ";
    let mut accounts = Accounts::default();
    let svc = accounts.add("rs");
    let writers: Vec<Account> = (0..4).map(|i| accounts.add(&format!("r{i}"))).collect();
    let people: Vec<(&Account, &str)> = writers.iter().map(|w| (w, "legal")).collect();
    let mut s = Service::new(&svc, &people);
    let backups = s.dir.path().join("backups");
    let config = s.config().to_path_buf();
    let admin = |args: &[&str]| {
        std::process::Command::new(bin())
            .arg("--config")
            .arg(&config)
            .args(["--lang", "en", "admin"])
            .args(args)
            .env_remove("CULPA_SERVER")
            .env_remove("CULPA_DB")
            .stdin(std::process::Stdio::null())
            .output()
            .expect("culpa admin runs")
    };

    let acked: Arc<Mutex<BTreeSet<String>>> = Arc::default();
    let sent: Arc<Mutex<BTreeSet<String>>> = Arc::default();
    let stop = Arc::new(std::sync::atomic::AtomicBool::new(false));
    // For each backup: the copy, and the writes acknowledged before it began.
    let mut copies: Vec<(std::path::PathBuf, BTreeSet<String>)> = Vec::new();
    std::thread::scope(|scope| {
        for (i, w) in writers.iter().enumerate() {
            let (acked, sent, stop, socket) = (
                Arc::clone(&acked),
                Arc::clone(&sent),
                Arc::clone(&stop),
                &s.socket,
            );
            scope.spawn(move || {
                // Bounded: at most 400 writes each, and only while backups run.
                for n in 0..400 {
                    if stop.load(std::sync::atomic::Ordering::Relaxed) {
                        break;
                    }
                    let title = format!("{PREFIX}w{i} #{n}");
                    sent.lock().expect("lock").insert(title.clone());
                    if acknowledged_intake(w, socket, &title).is_some() {
                        acked.lock().expect("lock").insert(title);
                    }
                }
            });
        }
        // Let the writers get going, then three backups (one a second at most: the copy is
        // named by the second).
        while acked.lock().expect("lock").len() < 4 {
            std::thread::sleep(Duration::from_millis(50));
        }
        for _ in 0..3 {
            let before = acked.lock().expect("lock").clone();
            let out = admin(&["backup", backups.to_str().expect("utf-8"), "--keep", "5"]);
            assert!(out.status.success(), "backup: {}", text(&out.stderr));
            let said = text(&out.stdout);
            assert!(said.contains("written and verified"), "{said}");
            let copy = said
                .split_whitespace()
                .nth(1)
                .map(std::path::PathBuf::from)
                .expect("the copy's path");
            copies.push((copy, before));
            std::thread::sleep(Duration::from_millis(1100));
        }
        stop.store(true, std::sync::atomic::Ordering::Relaxed);
    });
    let sent = sent.lock().expect("lock").clone();
    let acked = acked.lock().expect("lock").clone();
    assert!(
        acked.len() > copies.last().map_or(0, |c| c.1.len()),
        "writes went on during the backups"
    );
    for (copy, before) in &copies {
        let held = titles_in(copy, PREFIX);
        let missing: Vec<_> = before.difference(&held).collect();
        assert!(missing.is_empty(), "{}: lost {missing:?}", copy.display());
        let foreign: Vec<_> = held.difference(&sent).collect();
        assert!(
            foreign.is_empty(),
            "{}: never sent {foreign:?}",
            copy.display()
        );
    }

    // Restore the newest copy: refused while the service answers, then done with it stopped.
    let (newest, promised) = copies.last().expect("a copy").clone();
    let out = admin(&["restore", newest.to_str().expect("utf-8")]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stdout));
    assert!(
        text(&out.stderr).contains("stop it first"),
        "{}",
        text(&out.stderr)
    );
    s.kill9();
    let out = admin(&["restore", newest.to_str().expect("utf-8")]);
    assert!(out.status.success(), "restore: {}", text(&out.stderr));
    s.start();

    let w = &writers[0];
    let out = client(w, &s.socket, &["audit", "verify"])
        .output()
        .expect("runs");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}{}",
        text(&out.stdout),
        text(&out.stderr)
    );
    assert!(
        text(&out.stdout).contains("intact"),
        "{}",
        text(&out.stdout)
    );
    let out = client(w, &s.socket, &["--json", "export"])
        .output()
        .expect("runs");
    assert!(out.status.success(), "{}", text(&out.stderr));
    let bundle: culpa::domain::model::Bundle =
        serde_json::from_slice(&out.stdout).expect("a bundle");
    let served: BTreeSet<String> = bundle
        .cases
        .into_iter()
        .map(|c| c.title)
        .filter(|t| t.starts_with(PREFIX))
        .collect();
    let missing: Vec<_> = promised.difference(&served).collect();
    assert!(missing.is_empty(), "restored but not served: {missing:?}");
    assert_eq!(
        served,
        titles_in(&newest, PREFIX),
        "the service serves the copy"
    );

    // The restored database takes new writes, and its chain still verifies.
    let after = format!("{PREFIX}after the restore");
    assert!(acknowledged_intake(w, &s.socket, &after).is_some());
    let out = client(w, &s.socket, &["audit", "verify"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stdout));
    eprintln!(
        "{} writes acknowledged during 3 backups; the newest copy held {} and was restored",
        acked.len(),
        served.len()
    );
}
