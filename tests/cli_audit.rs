//! The record's integrity through the binary: the audit chain refuses edits through SQLite,
//! `audit verify` names a tampered entry, and the evidence vault stores content once and
//! notices a modified or missing file.

mod common;

use std::path::{Path, PathBuf};

use common::cli::*;
use culpa::domain::model::Stage;
use rusqlite::Connection;

/// A case of the demo where wangl is an un-recused team member and evidence may be added.
fn wangl_case() -> String {
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 9).expect("date");
    culpa::demo::demo(today)
        .bundle
        .cases
        .into_iter()
        .find(|c| {
            c.stage == Stage::Investigating
                && c.team
                    .as_ref()
                    .is_some_and(|t| t.members.iter().any(|m| m == "wangl"))
                && !c.recusals.iter().any(|r| r.person == "wangl")
        })
        .map(|c| c.number)
        .expect("the demo has an investigation wangl works on")
}

fn objects(db: &Path) -> Vec<PathBuf> {
    let mut vault = db.as_os_str().to_os_string();
    vault.push(".vault");
    let root = PathBuf::from(vault).join("objects");
    let mut out = Vec::new();
    for d in std::fs::read_dir(root).expect("objects dir").flatten() {
        for f in std::fs::read_dir(d.path()).expect("fan-out dir").flatten() {
            out.push(f.path());
        }
    }
    out.sort();
    out
}

#[test]
fn sqlite_refuses_to_change_the_audit_log_and_verify_names_a_tampered_entry() {
    let dir = Dir::new();
    let db = dir.s("a.db");
    init_with(&db, EXAMPLE);
    let o = ok(culpa(&["--db", &db, "audit", "verify"]));
    assert!(stdout(&o).contains("intact"), "{}", stdout(&o));

    let conn = Connection::open(dir.path("a.db")).expect("open with rusqlite");
    // (statement, what it tries)
    let attempts = [
        ("UPDATE audit SET actor = 'mallory' WHERE seq = 2", "update"),
        ("DELETE FROM audit WHERE seq = 2", "delete"),
        (
            "INSERT OR REPLACE INTO audit (seq, at, actor, case_number, action, detail, prev_hash, hash)
             SELECT seq, at, 'mallory', case_number, action, detail, prev_hash, hash FROM audit WHERE seq = 2",
            "replace",
        ),
    ];
    for (sql, what) in attempts {
        assert!(conn.execute(sql, []).is_err(), "{what} was allowed");
    }
    ok(culpa(&["--db", &db, "audit", "verify"]));

    // Someone with the file drops the triggers and edits entry 2.
    let triggers: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit'")
        .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
        .expect("list triggers");
    assert!(!triggers.is_empty());
    for t in &triggers {
        conn.execute(&format!("DROP TRIGGER {t}"), [])
            .expect("drop trigger");
    }
    conn.execute("UPDATE audit SET actor = 'mallory' WHERE seq = 2", [])
        .expect("edit without triggers");
    drop(conn);
    let o = culpa(&["--db", &db, "audit", "verify"]);
    refused(&o, &["audit entry 2 ", "altered"]);
}

#[test]
fn audit_verify_names_a_deleted_entry() {
    let dir = Dir::new();
    let db = dir.s("a.db");
    init_with(&db, EXAMPLE);
    let conn = Connection::open(dir.path("a.db")).expect("open");
    conn.execute("DROP TRIGGER audit_no_delete", [])
        .expect("drop trigger");
    conn.execute("DELETE FROM audit WHERE seq = 2", [])
        .expect("delete");
    drop(conn);
    refused(
        &culpa(&["--db", &db, "audit", "verify"]),
        &["audit entry 2 ", "missing"],
    );
}

#[test]
fn audit_log_shows_the_case_and_the_whole_log_to_the_admin_only() {
    let dir = Dir::new();
    let d = dir.s("d.db");
    demo(&d);
    let case = wangl_case();
    let log = json_out(culpa(&[
        "--db", &d, "--as", "wangl", "--json", "audit", "log", &case,
    ]));
    let entries = log.as_array().cloned().unwrap_or_default();
    assert!(!entries.is_empty());
    assert!(entries.iter().all(|e| e["case"] == case.as_str()));
    let all = json_out(culpa(&[
        "--db", &d, "--as", "xuy", "--json", "audit", "log",
    ]));
    assert!(all.as_array().map(Vec::len) > Some(entries.len()));
    let o = ok(culpa(&["--db", &d, "--as", "xuy", "audit", "log"]));
    assert!(stdout(&o).contains("bootstrap"), "{}", stdout(&o));
    // (args, stderr needles)
    let rows: [(&[&str], &[&str]); 3] = [
        (&["--as", "wangl", "audit", "log"], &["wangl", "admin"]),
        (
            &["--as", "wangl", "audit", "log", "卧应急责〔2099〕1号"],
            &["2099"],
        ),
        // An officer never opens case files.
        (&["--as", "sunq", "audit", "log", &case], &[]),
    ];
    for (args, needles) in rows {
        let mut full = vec!["--db", d.as_str()];
        full.extend_from_slice(args);
        refused(&culpa(&full), needles);
    }
}

#[test]
fn evidence_is_stored_once_logged_twice_and_verified() {
    let dir = Dir::new();
    let d = dir.s("d.db");
    demo(&d);
    let case = wangl_case();
    let before = objects(&dir.path("d.db")).len();
    let file = dir.write("笔录.txt", "询问笔录：同一内容两次登记。\n");
    for _ in 0..2 {
        ok(culpa(&[
            "--db",
            &d,
            "--as",
            "wangl",
            "--today",
            TODAY,
            "evidence",
            "add",
            &case,
            &file,
            "--kind",
            "document",
            "--on",
            "2026-11-08",
        ]));
    }
    assert_eq!(objects(&dir.path("d.db")).len(), before + 1, "stored once");
    let conn = Connection::open(dir.path("d.db")).expect("open");
    let attached: i64 = conn
        .query_row(
            "SELECT count(*) FROM attachments WHERE case_number = ?1 AND file_name = '笔录.txt'",
            [&case],
            |r| r.get(0),
        )
        .expect("count");
    assert_eq!(attached, 2, "each attachment is its own custody record");
    drop(conn);
    let log = json_out(culpa(&[
        "--db", &d, "--as", "wangl", "--json", "audit", "log", &case,
    ]));
    let added = log
        .as_array()
        .map(|a| a.iter().filter(|e| e["action"] == "add_evidence").count());
    assert_eq!(added, Some(2), "logged twice");
    let o = ok(culpa(&["--db", &d, "--as", "wangl", "evidence", "verify"]));
    assert!(stdout(&o).contains("intact"), "{}", stdout(&o));

    // Modify one object, remove another: both are named, exit 1.
    let sha = culpa::demo::sha256_hex("询问笔录：同一内容两次登记。\n".as_bytes());
    let all = objects(&dir.path("d.db"));
    let ours = all
        .iter()
        .find(|p| p.to_string_lossy().ends_with(&sha[2..]))
        .expect("our object")
        .clone();
    let other = all
        .iter()
        .find(|p| **p != ours)
        .expect("a demo object")
        .clone();
    let mut perms = std::fs::metadata(&ours).expect("meta").permissions();
    #[allow(clippy::permissions_set_readonly_false)]
    perms.set_readonly(false);
    std::fs::set_permissions(&ours, perms).expect("chmod");
    std::fs::write(&ours, "篡改后的内容").expect("tamper");
    std::fs::remove_file(&other).expect("remove");
    let o = culpa(&["--db", &d, "--as", "wangl", "evidence", "verify"]);
    refused(&o, &["modified: ", &sha, "笔录.txt", &case, "missing: "]);
}

#[test]
fn evidence_add_refusals() {
    let dir = Dir::new();
    let d = dir.s("d.db");
    demo(&d);
    let case = wangl_case();
    let file = dir.write("e.txt", "x");
    let missing = dir.s("nope.txt");
    // (as, case, file, stderr needles)
    let rows = [
        ("wangl", case.as_str(), missing.as_str(), vec!["nope.txt"]),
        ("wangl", "卧应急责〔2099〕1号", file.as_str(), vec!["2099"]),
        // The admin is not on the team (Art. 10(2): the team investigates).
        ("xuy", case.as_str(), file.as_str(), vec!["xuy"]),
    ];
    for (login, number, f, needles) in rows {
        let o = culpa(&[
            "--db", &d, "--as", login, "--today", TODAY, "evidence", "add", number, f,
        ]);
        refused(&o, &needles);
    }
    refused(
        &culpa(&["--db", &dir.s("none.db"), "evidence", "verify"]),
        &["no database"],
    );
}
