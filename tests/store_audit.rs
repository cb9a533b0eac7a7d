//! The audit log: append-only through SQLite, and tampering found by verify_audit.

use std::path::Path;

use culpa::store::{Store, StoreError};
use rusqlite::Connection;
use serde_json::json;
use sha2::{Digest, Sha256};

/// A store with `n` audit entries (seq 1..=n).
fn store_with_entries(path: &Path, n: i64) -> Store {
    let mut store = Store::create(path, false).unwrap();
    store
        .write(|tx| {
            for i in 1..=n {
                let case = (i % 2 == 0).then_some("卧应急责〔2026〕7号");
                let seq =
                    tx.append_audit("wangl", case, "edit", &json!({"i": i, "说明": "修改"}))?;
                assert_eq!(seq, i);
            }
            Ok::<_, StoreError>(())
        })
        .unwrap();
    store
}

#[test]
fn entries_are_chained_and_read_back() {
    let dir = tempfile::tempdir().unwrap();
    let store = store_with_entries(&dir.path().join("culpa.db"), 4);
    let all = store.read(|tx| tx.audit(None)).unwrap();
    assert_eq!(all.iter().map(|e| e.seq).collect::<Vec<_>>(), [1, 2, 3, 4]);
    assert_eq!(all[0].prev_hash, "0".repeat(64));
    for w in all.windows(2) {
        assert_eq!(w[1].prev_hash, w[0].hash);
    }
    assert_eq!(all[1].detail, json!({"i": 2, "说明": "修改"}));
    assert!(all[0].at.ends_with('Z'));
    let for_case = store
        .read(|tx| tx.audit(Some("卧应急责〔2026〕7号")))
        .unwrap();
    assert_eq!(for_case.iter().map(|e| e.seq).collect::<Vec<_>>(), [2, 4]);
    let last = store
        .read(|tx| tx.last_audit_for_case("卧应急责〔2026〕7号"))
        .unwrap()
        .unwrap();
    assert_eq!((last.seq, last.actor.as_str()), (4, "wangl"));
    assert!(
        store
            .read(|tx| tx.last_audit_for_case("none"))
            .unwrap()
            .is_none()
    );

    let report = store.verify_audit().unwrap();
    assert_eq!((report.entries, report.first_bad), (4, None));
    assert_eq!(report.head, (4, all[3].hash.clone()));
}

#[test]
fn an_entry_rolled_back_with_its_change_leaves_no_trace() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = store_with_entries(&dir.path().join("culpa.db"), 1);
    let err = store
        .write(|tx| {
            tx.append_audit("wangl", None, "doomed", &json!(null))?;
            Err::<(), _>(StoreError::NotFound("the change failed".into()))
        })
        .err()
        .unwrap();
    assert!(matches!(err, StoreError::NotFound(_)));
    let seq = store
        .write(|tx| tx.append_audit("wangl", None, "next", &json!({})))
        .unwrap();
    assert_eq!(seq, 2);
    assert_eq!(store.verify_audit().unwrap().first_bad, None);
}

/// Entries sealed ahead on a copy of the chain (as the import's reading thread does) are
/// appended as sealed and verify; one sealed after another head than the log's is refused,
/// and the refusal writes nothing.
#[test]
fn entries_sealed_on_a_copy_of_the_chain_append_and_verify() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = store_with_entries(&dir.path().join("culpa.db"), 2);
    store
        .write(|tx| {
            let mut chain = tx.audit_chain()?;
            let mut ahead = chain.clone();
            let sealed: Vec<_> = (0..3)
                .map(|i| {
                    ahead.seal(
                        "liuf",
                        Some("卧应急责〔2026〕9号"),
                        "import",
                        format!("{{\"i\":{i}}}"),
                    )
                })
                .collect();
            // The second cannot follow the head: the first is not appended yet.
            assert!(sealed[0].follows(&chain) && !sealed[1].follows(&chain));
            let refused = tx.append_sealed(&mut chain, &sealed[1]).unwrap_err();
            assert!(
                refused.to_string().contains("sealed after another head"),
                "{refused}"
            );
            for (i, s) in sealed.iter().enumerate() {
                assert_eq!(s.detail(), format!("{{\"i\":{i}}}"));
                assert_eq!(tx.append_sealed(&mut chain, s)?, 3 + i as i64);
            }
            tx.close_audit_chain(chain)?;
            Ok::<_, StoreError>(())
        })
        .unwrap();
    let report = store.verify_audit().unwrap();
    assert_eq!((report.entries, report.first_bad), (5, None));
    let all = store.read(|tx| tx.audit(None)).unwrap();
    assert_eq!(all[4].detail, json!({"i": 2}));
    assert_eq!(
        (
            all[4].actor.as_str(),
            all[4].case.as_deref(),
            all[4].action.as_str()
        ),
        ("liuf", Some("卧应急责〔2026〕9号"), "import")
    );
}

#[test]
fn sqlite_refuses_to_change_the_log() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("culpa.db");
    drop(store_with_entries(&db, 3));
    let raw = Connection::open(&db).unwrap();
    let table = [
        ("update", "UPDATE audit SET actor = 'mallory' WHERE seq = 2"),
        ("delete", "DELETE FROM audit WHERE seq = 3"),
        (
            "insert or replace",
            "INSERT OR REPLACE INTO audit (seq, at, actor, case_number, action, detail, prev_hash, hash)
             SELECT seq, at, 'mallory', case_number, action, detail, prev_hash, hash FROM audit WHERE seq = 2",
        ),
        (
            "replace",
            "REPLACE INTO audit (seq, at, actor, case_number, action, detail, prev_hash, hash)
             SELECT seq, at, 'mallory', case_number, action, detail, prev_hash, hash FROM audit WHERE seq = 1",
        ),
    ];
    for (what, sql) in table {
        let err = raw.execute(sql, []).err();
        assert!(
            err.as_ref()
                .is_some_and(|e| e.to_string().contains("append-only")),
            "{what}: {err:?}"
        );
    }
    let actors: Vec<String> = raw
        .prepare("SELECT actor FROM audit ORDER BY seq")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(actors, ["wangl", "wangl", "wangl"]);
}

/// Drop the triggers (what someone tampering with the file would do first) and run `sql`.
fn tamper(db: &Path, sql: &str) {
    Connection::open(db)
        .unwrap()
        .execute_batch(&format!(
            "DROP TRIGGER audit_no_update; DROP TRIGGER audit_no_delete;
             DROP TRIGGER audit_no_replace; {sql}"
        ))
        .unwrap();
}

#[test]
fn verify_names_the_first_tampered_entry() {
    // (what, SQL after dropping the triggers, first bad seq, words in the reason)
    let table: [(&str, &str, i64, &str); 5] = [
        (
            "edited actor",
            "UPDATE audit SET actor = 'mallory' WHERE seq = 3",
            3,
            "altered",
        ),
        (
            "edited detail",
            "UPDATE audit SET detail = '{\"i\":4}' WHERE seq = 4",
            4,
            "altered",
        ),
        (
            "deleted middle",
            "DELETE FROM audit WHERE seq = 2",
            2,
            "missing",
        ),
        ("cut tail", "DELETE FROM audit WHERE seq >= 4", 4, "cut"),
        (
            "renumbered after a delete",
            "DELETE FROM audit WHERE seq = 2; UPDATE audit SET seq = seq - 1 WHERE seq > 2;",
            2,
            "does not follow",
        ),
    ];
    for (what, sql, seq, why) in table {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("culpa.db");
        drop(store_with_entries(&db, 5));
        tamper(&db, sql);
        let report = Store::open(&db).unwrap().verify_audit().unwrap();
        let (bad, reason) = report
            .first_bad
            .unwrap_or_else(|| panic!("{what}: not detected"));
        assert_eq!(bad, seq, "{what}: {reason}");
        assert!(reason.contains(why), "{what}: {reason}");
    }
}

#[test]
fn a_well_formed_entry_appended_outside_culpa_is_found_by_the_head() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("culpa.db");
    let store = store_with_entries(&db, 2);
    let last = store.read(|tx| tx.audit(None)).unwrap().pop().unwrap();
    // Forge entry 3 with a correct hash, as documented in `store::audit`; the triggers
    // allow a new seq, so only the separately kept head can tell.
    let (at, detail) = ("2026-10-14T08:00:00Z", "{}");
    let canonical = json!([3, at, "mallory", null, "forged", detail]).to_string();
    let mut h = Sha256::new();
    h.update(last.hash.as_bytes());
    h.update(canonical.as_bytes());
    let hash = hex::encode(h.finalize());
    Connection::open(&db)
        .unwrap()
        .execute(
            "INSERT INTO audit VALUES (3, ?1, 'mallory', NULL, 'forged', ?2, ?3, ?4)",
            [at, detail, &last.hash, &hash],
        )
        .unwrap();
    let (bad, reason) = store.verify_audit().unwrap().first_bad.unwrap();
    assert_eq!(bad, 3, "{reason}");
    assert!(reason.contains("not written by culpa"), "{reason}");
}
