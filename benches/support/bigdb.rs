//! The 100,000-case demo database the benchmarks share: built once (demo bundle + synthetic
//! cases) and cached under `target/bench-cache/` (the same file `benches/keystroke.rs`
//! builds; delete it to rebuild).

// Each bench binary uses part of this module.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::time::Instant;

use chrono::NaiveDate;

use culpa::domain::model::Role;
use culpa::store::Store;
use culpa::workflow::Session;

pub const CASES: usize = 100_000;
pub const SEED: u64 = 20_260_316;
const BATCH: usize = 5_000;

pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, 16).expect("a date")
}

/// `target/bench-cache`, found from the bench binary (`target/release/deps/keystroke-…`).
pub fn cache_dir() -> PathBuf {
    std::env::current_exe()
        .ok()
        .and_then(|exe| exe.ancestors().nth(3).map(Path::to_path_buf))
        .unwrap_or_else(std::env::temp_dir)
        .join("bench-cache")
}

/// The demo database with `CASES` synthetic cases, built once and reused.
pub fn database() -> PathBuf {
    database_with("keystroke", SEED)
}

/// The demo database with `CASES` synthetic cases from `seed`, cached under `name`.
pub fn database_with(name: &str, seed: u64) -> PathBuf {
    let dir = cache_dir();
    let db = dir.join(format!("{name}-{CASES}-{}-{seed}.db", today()));
    if db.exists() {
        return db;
    }
    std::fs::create_dir_all(&dir).expect("create the bench cache dir");
    let building = dir.join(format!("building-{name}-{}.db", std::process::id()));
    let started = Instant::now();
    drop(Store::create(&building, true).expect("create the demo database"));
    let demo = culpa::demo::demo(today());
    let admin = demo
        .bundle
        .people
        .iter()
        .find(|p| p.has(Role::Admin))
        .expect("the demo has an admin")
        .clone();
    let mut s = Session::bootstrap(&building, Some(&admin.login), &admin.name, &admin.unit)
        .expect("bootstrap");
    s.import_bundle(&demo.bundle, today())
        .expect("import the demo bundle");
    drop(s);
    let mut store = Store::open(&building).expect("open the database");
    let b = &demo.bundle;
    let mut cases = culpa::demo::synthetic_with(CASES, seed, today(), &b.people, &b.relations);
    loop {
        let batch: Vec<_> = cases.by_ref().take(BATCH).collect();
        if batch.is_empty() {
            break;
        }
        store
            .write(|tx| tx.insert_cases(&batch).map(|_| ()))
            .expect("insert a batch of synthetic cases");
    }
    drop(store);
    std::fs::rename(&building, &db).expect("move the finished database into place");
    eprintln!("built {} in {:.1?}", db.display(), started.elapsed());
    db
}
