//! Ten OS processes opening an old-schema database at the same moment all succeed, and the
//! migration runs exactly once.
//!
//! `store_open.rs` proves this for ten *threads*; threads of one process share SQLite's
//! per-inode lock table, so they never exercise the POSIX locks between processes that
//! investigators' separate `culpa` processes use. Here each opener is its own process: this
//! test binary re-runs itself with `--ignored --exact child_opens_and_writes`, and the child
//! calls `Store::open` (which migrates) and then writes. The real `culpa` binary cannot be
//! the opener, because every database command also needs a person on file, which an
//! old-schema file cannot hold.

use std::io::{Read, Write};
use std::path::Path;
use std::process::{Command, Stdio};

use culpa::domain::model::{Person, Role};
use culpa::store::{SCHEMA_VERSION, Store};
use rusqlite::Connection;

const PROCESSES: usize = 10;
const CHILD_DB: &str = "CULPA_STRESS_MIGRATE_DB";
const CHILD_INDEX: &str = "CULPA_STRESS_MIGRATE_INDEX";

/// Writes an old database at the given path.
type MakeOld = fn(&Path);

/// The old databases worth migrating: what `user_version` 0 can mean on disk.
fn old_databases() -> Vec<(&'static str, MakeOld)> {
    vec![
        ("an empty file (0 bytes)", |p: &Path| {
            std::fs::write(p, b"").unwrap();
        }),
        (
            "a SQLite file at user_version 0 in rollback-journal mode",
            |p: &Path| {
                Connection::open(p)
                    .unwrap()
                    .execute_batch(
                        "PRAGMA journal_mode = DELETE; PRAGMA user_version = 0;
                         CREATE TABLE scratch (x INTEGER); INSERT INTO scratch VALUES (1);",
                    )
                    .unwrap();
            },
        ),
    ]
}

#[test]
fn ten_processes_opening_an_old_database_at_once_all_succeed() {
    for (what, make) in old_databases() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("culpa.db");
        make(&db);
        let exe = std::env::current_exe().unwrap();
        let mut children: Vec<_> = (0..PROCESSES)
            .map(|i| {
                Command::new(&exe)
                    .args([
                        "--ignored",
                        "--exact",
                        "child_opens_and_writes",
                        "--nocapture",
                        "--test-threads=1",
                    ])
                    .env(CHILD_DB, &db)
                    .env(CHILD_INDEX, i.to_string())
                    .stdin(Stdio::piped())
                    .stdout(Stdio::piped())
                    .stderr(Stdio::piped())
                    .spawn()
                    .unwrap()
            })
            .collect();
        // Every child is started and waits on its stdin; closing them all releases them
        // together, so the openers really overlap.
        for c in &mut children {
            c.stdin.take().unwrap().write_all(b"go").unwrap();
        }
        for (i, c) in children.into_iter().enumerate() {
            let out = c.wait_with_output().unwrap();
            let stderr = String::from_utf8_lossy(&out.stderr);
            let stdout = String::from_utf8_lossy(&out.stdout);
            assert!(
                out.status.success() && stdout.contains("child ok"),
                "{what}: opener {i} failed ({}):\nstdout: {stdout}\nstderr: {stderr}",
                out.status
            );
            for word in ["locked", "busy"] {
                assert!(
                    !stderr.contains(word),
                    "{what}: opener {i} met \"{word}\": {stderr}"
                );
            }
        }
        let raw = Connection::open(&db).unwrap();
        let version: i64 = raw
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        assert_eq!(version, SCHEMA_VERSION, "{what}: schema not migrated");
        let mode: String = raw
            .query_row("PRAGMA journal_mode", [], |r| r.get(0))
            .unwrap();
        assert_eq!(mode, "wal", "{what}: journal mode");
        // The schema's seed rows were inserted once, not once per opener.
        let seeds: i64 = raw
            .query_row(
                "SELECT (SELECT count(*) FROM audit_head) + (SELECT count(*) FROM counter)",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(seeds, 2, "{what}: seed rows duplicated");
        let store = Store::open(&db).unwrap();
        let mut people: Vec<String> = store
            .read(|tx| tx.people())
            .unwrap()
            .into_iter()
            .map(|p| p.login)
            .collect();
        people.sort();
        let mut expected: Vec<String> = (0..PROCESSES).map(|i| format!("p{i}")).collect();
        expected.sort();
        assert_eq!(people, expected, "{what}: every opener's write landed");
    }
}

/// Run only as a child of the test above (it sets the environment); alone it does nothing.
#[test]
#[ignore = "helper process of ten_processes_opening_an_old_database_at_once_all_succeed"]
fn child_opens_and_writes() {
    let (Some(db), Some(i)) = (std::env::var_os(CHILD_DB), std::env::var_os(CHILD_INDEX)) else {
        return;
    };
    let mut go = [0u8; 2];
    std::io::stdin().read_exact(&mut go).unwrap();
    let login = format!("p{}", i.to_string_lossy());
    let mut store = Store::open(Path::new(&db)).unwrap_or_else(|e| panic!("open: {e}"));
    store
        .write(|tx| {
            tx.upsert_person(&Person {
                login: login.clone(),
                name: format!("名{login}"),
                unit: "法制股".to_string(),
                roles: vec![Role::Legal],
            })
        })
        .unwrap_or_else(|e| panic!("write: {e}"));
    println!("child ok");
}
