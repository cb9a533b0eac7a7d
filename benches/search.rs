//! Full-text search at 100,000 cases (issue 8: "a search answers within 50 ms"): the demo
//! bureau plus 100,000 synthetic cases, searched through `Session::search` exactly as
//! `culpa search` and the workbench do — FTS5 trigram index, access filter, snippets.
//!
//! Run: `cargo bench --bench search`. The database is built once and cached beside the
//! bench binary under `target/bench-cache/`; delete that file to rebuild it.

#[path = "support/bigdb.rs"]
mod bigdb;

use std::hint::black_box;
use std::path::PathBuf;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};

use culpa::workflow::Session;

const SEED: u64 = 20_261_201;
/// A phrase from the middle of one demo interview transcript: one case among 100,000.
const RARE: &str = "审核时只看了笔录和照片";
/// Two characters no text holds.
const NOWHERE: &str = "Qz";
/// A phrase in the text of thousands of synthetic cases.
const COMMON: &str = "整改指令";

fn database() -> PathBuf {
    bigdb::database_with("search", SEED)
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
    // The worst case of a short query: found nowhere, so every case's texts are read.
    assert!(legal.search(NOWHERE, 50).expect("search").is_empty());
    g.bench_function("two_characters_found_nowhere", |b| {
        b.iter(|| black_box(legal.search(black_box(NOWHERE), 50).expect("search")))
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
