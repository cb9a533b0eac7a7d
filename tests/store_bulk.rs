//! The bulk path: many cases in one transaction, loaded back whole. (`--ignored`: a 100 000
//! case run for measuring; the default run uses 2 000 to prove correctness.)

mod common;

use common::workflow::table_rows as rows;
use culpa::domain::model::*;
use culpa::store::{Store, StoreError};

const EXAMPLE: &str = include_str!("fixtures/example.json");

fn run(n: usize) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::create(&dir.path().join("culpa.db"), true).unwrap();
    let b: Bundle = serde_json::from_str(EXAMPLE).unwrap();
    let cases: Vec<Case> = (0..n)
        .map(|i| {
            let mut c = b.cases[0].clone();
            c.number = format!("卧应急责〔{}〕{}号", 2000 + i % 27, i + 1);
            c
        })
        .collect();
    let started = std::time::Instant::now();
    store
        .write(|tx| {
            for p in &b.people {
                tx.upsert_person(p)?;
            }
            tx.insert_cases(&cases)?;
            Ok::<_, StoreError>(())
        })
        .unwrap();
    let saved = started.elapsed();
    let loaded = store.read(|tx| tx.cases()).unwrap();
    eprintln!(
        "{n} cases: saved in {saved:?}, loaded in {:?}",
        started.elapsed() - saved
    );
    assert_eq!(loaded.len(), n);
    assert!(loaded.iter().zip(&cases).all(|(r, c)| &r.case == c));
}

#[test]
fn many_cases_save_and_load_whole() {
    run(2_000);
}

#[test]
#[ignore = "slow: measures the 100 000-case demo import"]
fn a_hundred_thousand_cases() {
    run(100_000);
}

/// `Tx::defer_derived` + `Tx::fill_derived` (the import's bulk path, issue 10) leave every
/// table the triggers keep exactly as the triggers would, put the triggers back as they were,
/// and leave cases written before them alone: two databases get the demo's cases and 300
/// synthetic ones (every stage, with interviews, evidence, recusals, sanctions, appeals) —
/// one case by case with the triggers, the other the first half so and the second half
/// deferred (its indexes dropped after 20 cases) — and then one more case each, with the triggers.
#[test]
fn a_deferred_write_fills_what_the_triggers_would() {
    use rusqlite::Connection;
    let today = chrono::NaiveDate::from_ymd_opt(2026, 3, 16).unwrap();
    let demo = culpa::demo::demo(today);
    let mut cases: Vec<Case> = demo.bundle.cases.clone();
    cases.extend(culpa::demo::synthetic(300, 7, today, &demo.bundle.people));
    let last = cases.pop().unwrap();
    let half = cases.len() / 2;
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, deferred: bool| {
        let path = dir.path().join(name);
        let mut store = Store::create(&path, true).unwrap();
        store
            .write(|tx| {
                tx.add_directory(&demo.bundle.people, &demo.bundle.relations)?;
                tx.insert_cases(&cases[..half])
            })
            .unwrap();
        store
            .write(|tx| {
                if deferred {
                    let mut d = tx.defer_derived()?;
                    let (before, after) = cases[half..].split_at(20);
                    tx.insert_cases(before)?;
                    // The indexes go part of the way through, as in a long import.
                    tx.defer_indexes(&mut d)?;
                    tx.insert_cases(after)?;
                    // The audit log's guard against replacement is out too (store::bulk).
                    tx.append_audit_text("liuf", None, "import", "{}")?;
                    tx.fill_derived(d)
                } else {
                    tx.insert_cases(&cases[half..]).map(|_| ())
                }
            })
            .unwrap();
        store.write(|tx| tx.insert_case(&last)).unwrap();
        Connection::open(&path).unwrap()
    };
    let (plain, bulk) = (write("plain.db", false), write("bulk.db", true));
    for sql in [
        "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name",
        "SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'index' ORDER BY name",
        "SELECT rowid FROM case_text ORDER BY rowid",
        "SELECT stage, n FROM queue_stage_counts ORDER BY stage",
        "SELECT due, n FROM obligation_days ORDER BY due",
        "SELECT login, decided_on, n FROM prior_days ORDER BY login, decided_on",
        "SELECT case_id, filter FROM queue_rows ORDER BY case_id",
    ] {
        let (a, b) = (rows(&plain, sql), rows(&bulk, sql));
        assert!(!a.is_empty(), "{sql}: nothing to compare");
        assert_eq!(a, b, "{sql}");
    }
    assert!(
        rows(
            &plain,
            "SELECT count(*) FROM case_text WHERE rowid % 1000000 / 10000 = 14"
        )[0][0]
            != rusqlite::types::Value::Integer(0)
    );
    // Every index holds what its table does.
    let check: String = bulk
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(check, "ok");
    // And the guard is back: the entry the deferred write made cannot be replaced.
    let seq: i64 = bulk
        .query_row("SELECT max(seq) FROM audit", [], |r| r.get(0))
        .unwrap();
    let refused = bulk
        .execute(
            "INSERT OR REPLACE INTO audit (seq, at, actor, case_number, action, detail, prev_hash, hash)
             SELECT seq, at, actor, case_number, action, '{\"x\": 1}', prev_hash, hash FROM audit WHERE seq = ?1",
            [seq],
        )
        .unwrap_err();
    assert!(refused.to_string().contains("append-only"), "{refused}");
    // Neither full-text index holds text of its own: ask each for its texts' trigrams.
    same_matches(
        &plain,
        &bulk,
        "queue_text",
        "SELECT filter FROM queue_rows ORDER BY case_id",
    );
    same_matches(
        &plain,
        &bulk,
        "case_text",
        "SELECT transcript FROM interviews UNION ALL SELECT summary FROM cases",
    );
    // FTS5's own check of each index against its content.
    for c in [&plain, &bulk] {
        c.execute_batch(
            "INSERT INTO case_text (case_text, rank) VALUES ('integrity-check', 1);
             INSERT INTO queue_text (queue_text, rank) VALUES ('integrity-check', 0);",
        )
        .unwrap();
    }
}

/// `fts` finds the same rows in `plain` as in `bulk` for trigrams taken from the texts that
/// `texts` reads (some of them: every row's would take minutes).
fn same_matches(plain: &rusqlite::Connection, bulk: &rusqlite::Connection, fts: &str, texts: &str) {
    let texts = rows(plain, texts);
    assert!(!texts.is_empty(), "{fts}: no texts to ask for");
    for t in texts.iter().step_by(7) {
        let rusqlite::types::Value::Text(t) = &t[0] else {
            panic!("a text: {t:?}");
        };
        let text: Vec<char> = t.chars().collect();
        for w in text.windows(3).step_by(5).take(6) {
            let needle: String = w.iter().collect();
            if needle.contains('"') || needle.contains('\\') {
                continue;
            }
            let sql = format!(
                "SELECT rowid FROM {fts} WHERE {fts} MATCH '\"{}\"' ORDER BY rowid",
                needle.replace('\'', "''")
            );
            let found = rows(plain, &sql);
            assert!(
                !found.is_empty(),
                "{sql}: the text it was taken from is not found"
            );
            assert_eq!(found, rows(bulk, &sql), "{sql}");
        }
    }
}
