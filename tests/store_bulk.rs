//! The bulk path: many cases in one transaction, loaded back whole. (`--ignored`: a 100 000
//! case run for measuring; the default run uses 2 000 to prove correctness.)

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
