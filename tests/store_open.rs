//! Opening, creating and migrating the store; locking between connections.

use std::path::Path;
use std::sync::{Arc, Barrier, mpsc};
use std::thread;
use std::time::Duration;

use culpa::domain::model::{Person, Role};
use culpa::store::{SCHEMA_VERSION, Store, StoreError};
use rusqlite::Connection;

fn person(login: &str) -> Person {
    Person {
        login: login.to_string(),
        name: format!("名{login}"),
        unit: "法制股".to_string(),
        roles: vec![Role::Legal],
    }
}

fn user_version(path: &Path) -> i64 {
    Connection::open(path)
        .unwrap()
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap()
}

#[test]
fn create_sets_pragmas_meta_and_schema() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("culpa.db");
    let store = Store::create(&db, true).unwrap();
    assert!(store.is_demo().unwrap());
    assert_eq!(store.path(), db);
    assert_eq!(store.vault_dir(), dir.path().join("culpa.db.vault"));
    assert_eq!(user_version(&db), SCHEMA_VERSION);
    let raw = Connection::open(&db).unwrap();
    let mode: String = raw
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
    let created: Option<String> = store.read(|tx| tx.meta("created_at")).unwrap();
    assert!(created.is_some_and(|c| c.ends_with('Z')));

    drop(store);
    let store = Store::open(&db).unwrap();
    assert!(store.is_demo().unwrap());
}

#[test]
fn a_non_demo_database_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("real.db");
    assert!(!Store::create(&db, false).unwrap().is_demo().unwrap());
}

#[test]
fn create_refuses_a_database_with_data() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("culpa.db");
    let mut store = Store::create(&db, false).unwrap();
    store.write(|tx| tx.upsert_person(&person("liuf"))).unwrap();
    drop(store);
    let err = Store::create(&db, true).err().unwrap();
    assert!(matches!(err, StoreError::Exists { .. }), "{err:?}");
    // The data is untouched and the demo flag was not changed.
    let store = Store::open(&db).unwrap();
    assert!(!store.is_demo().unwrap());
    assert_eq!(store.read(|tx| tx.people()).unwrap().len(), 1);
}

#[test]
fn open_refuses_missing_and_foreign_files() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("nope.db");
    assert!(matches!(
        Store::open(&missing).err().unwrap(),
        StoreError::NoDatabase { .. }
    ));
    assert!(!missing.exists(), "open must not create a database");

    let text = dir.path().join("notes.txt");
    std::fs::write(
        &text,
        "this is not a database, just some notes\n".repeat(100),
    )
    .unwrap();
    let err = Store::open(&text).err().unwrap();
    assert!(matches!(err, StoreError::NotADatabase { .. }), "{err:?}");
    assert!(err.to_string().contains("notes.txt"));
}

#[test]
fn a_newer_schema_is_refused_naming_both_versions() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("culpa.db");
    drop(Store::create(&db, false).unwrap());
    let newer = SCHEMA_VERSION + 3;
    Connection::open(&db)
        .unwrap()
        .pragma_update(None, "user_version", newer)
        .unwrap();
    let err = Store::open(&db).err().unwrap();
    match &err {
        StoreError::NewerSchema { found, known } => {
            assert_eq!((*found, *known), (newer, SCHEMA_VERSION));
        }
        other => panic!("expected NewerSchema, got {other:?}"),
    }
    let msg = err.to_string();
    assert!(msg.contains(&newer.to_string()), "{msg}");
    assert!(msg.contains(&SCHEMA_VERSION.to_string()), "{msg}");
    assert!(msg.contains("upgrade culpa"), "{msg}");
    // Nothing was changed by the refusal.
    assert_eq!(user_version(&db), newer);
}

#[test]
fn ten_processes_migrating_an_old_database_at_once_all_succeed() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("culpa.db");
    // An "old" database: a valid SQLite file at schema version 0.
    Connection::open(&db)
        .unwrap()
        .execute_batch("PRAGMA user_version = 0; CREATE TABLE scratch (x INTEGER);")
        .unwrap();
    let barrier = Arc::new(Barrier::new(10));
    let handles: Vec<_> = (0..10)
        .map(|i| {
            let db = db.clone();
            let barrier = barrier.clone();
            thread::spawn(move || -> Result<(), StoreError> {
                barrier.wait();
                let mut store = Store::open(&db)?;
                store.write(|tx| tx.upsert_person(&person(&format!("p{i}"))))
            })
        })
        .collect();
    for h in handles {
        h.join().unwrap().unwrap();
    }
    assert_eq!(user_version(&db), SCHEMA_VERSION);
    let store = Store::open(&db).unwrap();
    assert_eq!(store.read(|tx| tx.people()).unwrap().len(), 10);
    // The schema's seed rows were inserted exactly once.
    let raw = Connection::open(&db).unwrap();
    let heads: i64 = raw
        .query_row("SELECT count(*) FROM audit_head", [], |r| r.get(0))
        .unwrap();
    assert_eq!(heads, 1);
}

#[test]
fn a_writer_waits_for_another_writer_instead_of_failing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("culpa.db");
    drop(Store::create(&db, false).unwrap());
    let (locked_tx, locked_rx) = mpsc::channel();
    let holder = {
        let db = db.clone();
        thread::spawn(move || {
            let mut store = Store::open(&db).unwrap();
            store
                .write(|tx| {
                    tx.upsert_person(&person("first"))?;
                    locked_tx.send(()).unwrap();
                    // Hold the write lock while the other connection tries to write.
                    thread::sleep(Duration::from_millis(300));
                    Ok::<_, StoreError>(())
                })
                .unwrap();
        })
    };
    locked_rx.recv().unwrap();
    let mut second = Store::open(&db).unwrap();
    second
        .write(|tx| tx.upsert_person(&person("second")))
        .unwrap();
    holder.join().unwrap();
    let logins: Vec<String> = second
        .read(|tx| tx.people())
        .unwrap()
        .into_iter()
        .map(|p| p.login)
        .collect();
    assert_eq!(logins, ["first", "second"]);
}

#[test]
fn a_lock_held_past_every_retry_is_reported_as_busy_not_locked() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("culpa.db");
    drop(Store::create(&db, false).unwrap());
    let (locked_tx, locked_rx) = mpsc::channel();
    let (done_tx, done_rx) = mpsc::channel::<()>();
    let holder = {
        let db = db.clone();
        thread::spawn(move || {
            let mut store = Store::open(&db).unwrap();
            store
                .write(|_| {
                    locked_tx.send(()).unwrap();
                    done_rx.recv().unwrap();
                    Ok::<_, StoreError>(())
                })
                .unwrap();
        })
    };
    locked_rx.recv().unwrap();
    let mut second = Store::open(&db).unwrap();
    second.set_busy_timeout(Duration::from_millis(1)).unwrap();
    let mut attempts = 0;
    let err = second
        .write(|tx| {
            attempts += 1;
            tx.upsert_person(&person("second"))
        })
        .err()
        .unwrap();
    done_tx.send(()).unwrap();
    holder.join().unwrap();
    assert!(matches!(err, StoreError::Busy { .. }), "{err:?}");
    assert_eq!(attempts, 0, "the closure never runs without the write lock");
    let msg = err.to_string();
    assert!(
        msg.contains("stayed busy") && msg.contains("try again"),
        "{msg}"
    );
    assert!(!msg.contains("locked"), "{msg}");
}

#[test]
fn data_version_moves_when_another_connection_commits() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("culpa.db");
    let watcher = Store::create(&db, false).unwrap();
    let before = watcher.data_version().unwrap();
    let mut writer = Store::open(&db).unwrap();
    writer.write(|tx| tx.upsert_person(&person("a"))).unwrap();
    assert_ne!(watcher.data_version().unwrap(), before);
}
