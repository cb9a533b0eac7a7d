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
    refused(&o, &["entry 2 ", "altered", "trigger"]);
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
        &["entry 2 ", "missing"],
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

/// Run SQL on a database file as root would with the sqlite3 shell.
fn sql(db: &Path, statements: &str) {
    let conn = Connection::open(db).expect("open with rusqlite");
    conn.execute_batch(statements).expect("sql");
}

/// The one text `query` answers on a database file.
fn text_of(db: &Path, query: &str) -> String {
    let conn = Connection::open(db).expect("open with rusqlite");
    conn.query_row(query, [], |r| r.get(0)).expect(query)
}

fn head(db: &str) -> String {
    let v = json_out(culpa(&["--db", db, "--json", "audit", "verify"]));
    format!(
        "{}:{}",
        v["head"]["seq"],
        v["head"]["hash"].as_str().expect("hash")
    )
}

/// The tamper test: root edits rows with SQL and leaves the chain (and the triggers)
/// intact; the replay names the case and the field, and nothing else needed to notice.
#[test]
fn rows_edited_with_sql_are_named_by_case_and_field() {
    let dir = Dir::new();
    let db = dir.s("a.db");
    init_with(&db, EXAMPLE);
    let o = ok(culpa(&["--db", &db, "audit", "verify"]));
    let text = stdout(&o);
    for needle in [
        "integrity",
        "triggers",
        "signed by the database key",
        "replayed",
        "intact",
    ] {
        assert!(text.contains(needle), "{needle}: {text}");
    }
    let kept = head(&db);
    let number = text_of(
        &dir.path("a.db"),
        "SELECT number FROM cases ORDER BY id LIMIT 1",
    );

    // A forged title: chain, signatures and the kept head all still pass.
    sql(
        &dir.path("a.db"),
        &format!("UPDATE cases SET title = '伪造' WHERE number = '{number}'"),
    );
    let o = culpa(&["--db", &db, "audit", "verify", "--expect-head", &kept]);
    refused(
        &o,
        &["replay", &format!("case {number}, field title"), "伪造"],
    );
    let out = stdout(&o);
    assert!(out.contains("ok    chain"), "{out}");
    assert!(out.contains("ok    expected head"), "{out}");
    sql(
        &dir.path("a.db"),
        &format!(
            "UPDATE cases SET title = (SELECT json_extract(detail, '$.case.title') FROM audit WHERE action = 'import' AND case_number = '{number}') WHERE number = '{number}'"
        ),
    );
    ok(culpa(&["--db", &db, "audit", "verify"]));

    // A stage moved on without the workflow.
    sql(
        &dir.path("a.db"),
        &format!("UPDATE cases SET stage = 'closed' WHERE number = '{number}'"),
    );
    refused(
        &culpa(&["--db", &db, "audit", "verify"]),
        &[&format!("case {number}, field stage"), "\"closed\""],
    );
}

/// A case deleted with SQL (its rows go with it): the log still creates it, so the replay
/// names it as the one the database no longer holds.
#[test]
fn a_case_deleted_with_sql_is_named() {
    let dir = Dir::new();
    let db = dir.s("a.db");
    init_with(&db, EXAMPLE);
    ok(culpa(&["--db", &db, "audit", "verify"]));
    let number = text_of(
        &dir.path("a.db"),
        "SELECT number FROM cases ORDER BY id DESC LIMIT 1",
    );
    sql(
        &dir.path("a.db"),
        &format!("PRAGMA foreign_keys = ON; DELETE FROM cases WHERE number = '{number}'"),
    );
    refused(
        &culpa(&["--db", &db, "audit", "verify"]),
        &[
            &number,
            "the audit log created it, the database no longer holds it",
        ],
    );
}

#[test]
fn an_account_that_makes_itself_admin_is_named() {
    let dir = Dir::new();
    let db = dir.s("a.db");
    init_with(&db, EXAMPLE);
    let login = text_of(
        &dir.path("a.db"),
        "SELECT login FROM people WHERE login <> 'root' ORDER BY login LIMIT 1",
    );
    sql(
        &dir.path("a.db"),
        &format!("INSERT INTO person_roles (login, ord, role) VALUES ('{login}', 99, 'admin')"),
    );
    refused(
        &culpa(&["--db", &db, "audit", "verify"]),
        &[
            "replay",
            &format!("person {login}, field roles"),
            "\"admin\"",
            "nothing",
        ],
    );
}

/// A vault file changed, renamed to its new hash, and the rows re-pointed to match: the hash
/// the audit log recorded no longer has its object, and the replay disagrees on the field.
#[test]
fn an_edited_vault_file_with_its_repointed_hash_is_caught() {
    let dir = Dir::new();
    let d = dir.s("d.db");
    demo(&d);
    ok(culpa(&["--db", &d, "--as", "liuf", "audit", "verify"]));
    let conn = Connection::open(dir.path("d.db")).expect("open");
    let (case, old): (String, String) = conn
        .query_row(
            "SELECT case_number, sha256 FROM attachments ORDER BY id LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .expect("an attachment");
    drop(conn);
    let path = objects(&dir.path("d.db"))
        .into_iter()
        .find(|p| p.to_string_lossy().ends_with(&old[2..]))
        .expect("its object");
    let forged = b"forged evidence".to_vec();
    let new = culpa::demo::sha256_hex(&forged);
    let target = path
        .parent()
        .unwrap()
        .parent()
        .unwrap()
        .join(&new[..2])
        .join(&new[2..]);
    std::fs::create_dir_all(target.parent().unwrap()).unwrap();
    std::fs::write(&target, &forged).unwrap();
    std::fs::remove_file(&path).unwrap();
    sql(
        &dir.path("d.db"),
        &format!(
            "UPDATE attachments SET sha256 = '{new}' WHERE sha256 = '{old}';
             UPDATE evidence SET sha256 = '{new}' WHERE sha256 = '{old}';"
        ),
    );
    let o = culpa(&["--db", &d, "--as", "liuf", "audit", "verify"]);
    refused(&o, &[&case, "sha256", &new, "vault", &old, "missing"]);
    let o = culpa(&["--db", &d, "--as", "liuf", "evidence", "verify"]);
    refused(&o, &[&old, "missing", &new, "no audit entry"]);
}

/// Writes made without the key (around the service), a log cut back below a head kept
/// elsewhere, and a trigger dropped are each reported.
#[test]
fn unsigned_writes_a_cut_log_and_missing_triggers_are_caught() {
    let dir = Dir::new();
    let db = dir.s("a.db");
    init(&db);
    let kept = head(&db);
    // A writer who cannot read the key (here: the key moved away) leaves an unsigned head.
    let key = dir.path("a.db.key");
    std::fs::rename(&key, dir.path("away")).unwrap();
    ok(culpa(&[
        "--db",
        &db,
        "user",
        "add",
        "wangl",
        "--name",
        "王磊",
        "--unit",
        "u",
        "--role",
        "investigator",
    ]));
    std::fs::rename(dir.path("away"), &key).unwrap();
    refused(
        &culpa(&["--db", &db, "audit", "verify"]),
        &["signatures", "entries 2 to 2 are not signed"],
    );
    // A head kept elsewhere that the chain no longer holds.
    let (seq, _) = kept.split_once(':').unwrap();
    let wrong = format!("{seq}:{}", "0".repeat(64));
    refused(
        &culpa(&["--db", &db, "audit", "verify", "--expect-head", &wrong]),
        &["expected head", "rewritten"],
    );
    refused(
        &culpa(&[
            "--db",
            &db,
            "audit",
            "verify",
            "--expect-head",
            &format!("9:{}", "0".repeat(64)),
        ]),
        &["no entry 9"],
    );
    let o = culpa(&["--db", &db, "audit", "verify", "--expect-head", "nonsense"]);
    assert_eq!(o.status.code(), Some(2), "bad usage");
    assert!(stderr(&o).contains("SEQ:HASH"), "{}", stderr(&o));
    sql(&dir.path("a.db"), "DROP TRIGGER audit_no_update");
    refused(
        &culpa(&["--db", &db, "audit", "verify"]),
        &["triggers", "audit_no_update is missing"],
    );
}

/// Every kind of entry the demo writes (bootstrap, import with its bundle, attached files,
/// synthetic batches) and evidence added with a file replay to the live record.
#[test]
fn a_demo_with_synthetic_cases_and_new_evidence_replays_to_the_same_record() {
    let dir = Dir::new();
    let d = dir.s("d.db");
    demo_with_cases(&d, 30);
    let file = dir.write("现场照片说明.txt", "照片三张\n");
    let case = wangl_case();
    ok(culpa(&[
        "--db", &d, "--as", "wangl", "--today", TODAY, "evidence", "add", &case, &file,
    ]));
    let o = ok(culpa(&["--db", &d, "--as", "liuf", "audit", "verify"]));
    assert!(stdout(&o).contains("cases, the people"), "{}", stdout(&o));
    assert!(
        stdout(&o).contains("46 cases"),
        "16 demo + 30 synthetic: {}",
        stdout(&o)
    );
}

/// Issue 10 changed what an import records (one entry per case instead of the whole bundle
/// in one entry). A database whose import entries hold whole bundles
/// (`tests/fixtures/import-whole-bundle.db`: `init` + two imports by the build before,
/// commit f32334d, signed; its throwaway key pair beside it) still verifies — chain, signatures and
/// replay — and its replay still names an edited row; new imports on top verify with it.
#[test]
fn import_entries_that_hold_a_whole_bundle_still_replay() {
    let dir = Dir::new();
    let db = dir.s("old.db");
    std::fs::copy("tests/fixtures/import-whole-bundle.db", &db).expect("copy");
    for ext in ["pub", "key"] {
        std::fs::copy(
            format!("tests/fixtures/import-whole-bundle.db.{ext}"),
            dir.path(&format!("old.db.{ext}")),
        )
        .expect("copy the key pair");
    }
    let conn = Connection::open(&db).expect("open");
    let whole: i64 = conn
        .query_row(
            "SELECT count(*) FROM audit WHERE action = 'import' AND case_number IS NULL
               AND json_extract(detail, '$.bundle.format') IS NOT NULL",
            [],
            |r| r.get(0),
        )
        .expect("count");
    assert_eq!(whole, 2, "the fixture holds the old form");
    drop(conn);
    let o = ok(culpa(&["--db", &db, "audit", "verify"]));
    let text = stdout(&o);
    assert!(text.contains("signed by the database key"), "{text}");
    assert!(text.contains("2 cases"), "{text}");

    sql(
        &dir.path("old.db"),
        "UPDATE cases SET summary = '伪造' WHERE number = '卧应急责〔2026〕3号'",
    );
    refused(
        &culpa(&["--db", &db, "audit", "verify"]),
        &["case 卧应急责〔2026〕3号, field summary", "伪造"],
    );
    sql(
        &dir.path("old.db"),
        "UPDATE cases SET summary = (SELECT json_extract(detail, '$.bundle.cases[0].summary')
           FROM audit WHERE seq = 4) WHERE number = '卧应急责〔2026〕3号'",
    );
    ok(culpa(&["--db", &db, "audit", "verify"]));

    // A streamed import on top (the example under a new number): both forms replay.
    let mut v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(EXAMPLE).expect("read")).expect("JSON");
    v["cases"][0]["number"] = serde_json::json!("卧应急责〔2026〕70号");
    let f = dir.write("more.json", &v.to_string());
    ok(culpa(&["--db", &db, "--today", TODAY, "import", &f]));
    let o = ok(culpa(&["--db", &db, "audit", "verify"]));
    assert!(stdout(&o).contains("3 cases"), "{}", stdout(&o));
}
