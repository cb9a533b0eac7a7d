//! Full-text search at 100,000 cases (issue 8: "a search answers within 50 ms"): the demo
//! bureau plus 100,000 synthetic cases, searched through `Session::search` exactly as
//! `culpa search` and the workbench do — FTS5 trigram index, access filter, snippets.
//!
//! Run: `cargo bench --bench search`. The database is built once and cached beside the
//! bench binary under `target/bench-cache/`; delete that file to rebuild it.

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use criterion::{Criterion, criterion_group, criterion_main};

use culpa::domain::model::Role;
use culpa::store::Store;
use culpa::workflow::Session;

const CASES: usize = 100_000;
const SEED: u64 = 20_261_201;
const BATCH: usize = 5_000;
/// A phrase from the middle of one demo interview transcript: one case among 100,000.
const RARE: &str = "审核时只看了笔录和照片";
/// A phrase in the text of thousands of synthetic cases.
const COMMON: &str = "整改指令";

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, 16).expect("a date")
}

fn cache_dir() -> PathBuf {
    std::env::current_exe()
        .ok()
        .and_then(|exe| exe.ancestors().nth(3).map(Path::to_path_buf))
        .unwrap_or_else(std::env::temp_dir)
        .join("bench-cache")
}

fn database() -> PathBuf {
    let dir = cache_dir();
    let db = dir.join(format!("search-{CASES}-{}-{SEED}.db", today()));
    if db.exists() {
        return db;
    }
    std::fs::create_dir_all(&dir).expect("create the bench cache dir");
    let building = dir.join(format!("building-search-{}.db", std::process::id()));
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
    let mut cases = culpa::demo::synthetic_with(CASES, SEED, today(), &b.people, &b.relations);
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

fn bench(c: &mut Criterion) {
    let db = database();
    let legal = Session::open(&db, Some("liuf")).expect("open as the legal office");
    let investigator = Session::open(&db, Some("wangl")).expect("open as an investigator");
    // The figures mean something only if the searches find what they should.
    let rare = legal.search(RARE, 50).expect("search");
    assert_eq!(rare.len(), 1, "{rare:?}");
    assert_eq!(legal.search(COMMON, 50).expect("search").len(), 50);
    assert!(!investigator.search(COMMON, 50).expect("search").is_empty());
    let mut g = c.benchmark_group("search_100k");
    g.measurement_time(Duration::from_secs(5));
    g.bench_function("phrase_in_one_transcript", |b| {
        b.iter(|| black_box(legal.search(black_box(RARE), 50).expect("search")))
    });
    g.bench_function("common_phrase_first_50", |b| {
        b.iter(|| black_box(legal.search(black_box(COMMON), 50).expect("search")))
    });
    g.bench_function("common_phrase_as_investigator", |b| {
        b.iter(|| black_box(investigator.search(black_box(COMMON), 50).expect("search")))
    });
    g.bench_function("two_characters_scan", |b| {
        b.iter(|| black_box(legal.search(black_box("笔录"), 50).expect("search")))
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
