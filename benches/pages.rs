//! The paged lists at 100,000 cases (issue 10): `Session::{queue_page, queue_counts,
//! dash_page, dash_counts}` answered from the store's indexes, for every query shape the
//! workbench asks — each of the 4 orders, with and without "only mine", filters of 1, 2 and
//! 3+ characters (dense and rare, Chinese and ASCII), anchors First/Last/After/Before/At —
//! for a legal-office user (every case), the chief, a committee member and an investigator
//! (their teams only).
//!
//! First a sweep prints, per query shape, the median of several runs of a 40-row page and of
//! the counts (and the worst shapes); then criterion measures a few representative shapes.
//!
//! Run: `cargo bench --bench pages`. The database is the one `benches/keystroke.rs` uses,
//! built once and cached under `target/bench-cache/` (delete it to rebuild).

#[path = "support/bigdb.rs"]
mod bigdb;

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};

use culpa::workflow::Session;
use culpa::workflow::listing::{Anchor, ObligationKey, QueueQuery, QueueSort};

use bigdb::{database, today};

/// legal (every case), chief, committee, investigator.
const READERS: [&str; 4] = ["liuf", "chenj", "wuy", "wangl"];

/// The filters: none; one character (dense Chinese, medium Chinese, rare ASCII); two
/// (Chinese, ASCII login); three or more (dense, medium, rare).
const FILTERS: [&str; 10] = [
    "",
    "某",
    "罚",
    "x",
    "石料",
    "zh",
    "卧应急",
    "2025",
    "石料厂行政",
    "s99082",
];

const PAGE: usize = 40;
const RUNS: usize = 7;

fn median(mut f: impl FnMut()) -> Duration {
    let mut times: Vec<Duration> = (0..RUNS)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .collect();
    times.sort();
    times[RUNS / 2]
}

fn ms(d: Duration) -> String {
    format!("{:.2}", d.as_secs_f64() * 1e3)
}

fn sweep() {
    let db = database();
    let mut worst: Vec<(Duration, String)> = Vec::new();
    let mut all: Vec<Duration> = Vec::new();
    println!("shape\tpage ms\tcounts ms\trows\tshown");
    for reader in READERS {
        let s = Session::open(&db, Some(reader)).expect("open");
        // The first use may rebuild the projection (a calendar or release change).
        let t = Instant::now();
        s.queue_counts(&QueueQuery::default(), today())
            .expect("warm");
        eprintln!("{reader}: first use {:?}", t.elapsed());
        for sort in QueueSort::ALL {
            for only_mine in [false, true] {
                for filter in FILTERS {
                    let q = QueueQuery {
                        sort,
                        filter: filter.into(),
                        only_mine,
                    };
                    let first = s
                        .queue_page(&q, &Anchor::First, PAGE, today())
                        .expect("page");
                    let mid = first.rows.get(PAGE / 2).map(|r| r.number.clone());
                    let mut anchors = vec![("first", Anchor::First), ("last", Anchor::Last)];
                    if let Some(k) = mid {
                        anchors.push(("after", Anchor::After(k.clone())));
                        anchors.push(("before", Anchor::Before(k.clone())));
                        anchors.push(("at", Anchor::At(k)));
                    }
                    let counts_t = median(|| {
                        black_box(s.queue_counts(&q, today()).expect("counts"));
                    });
                    let counts = s.queue_counts(&q, today()).expect("counts");
                    for (name, at) in anchors {
                        let page_t = median(|| {
                            black_box(s.queue_page(&q, &at, PAGE, today()).expect("page"));
                        });
                        let rows = s
                            .queue_page(&q, &at, PAGE, today())
                            .expect("page")
                            .rows
                            .len();
                        let shape = format!(
                            "queue {reader} {sort:?} mine={only_mine} filter={filter:?} {name}"
                        );
                        println!(
                            "{shape}\t{}\t{}\t{rows}\t{:?}",
                            ms(page_t),
                            ms(counts_t),
                            counts.shown
                        );
                        all.push(page_t.max(counts_t));
                        worst.push((page_t + counts_t, shape));
                    }
                }
            }
        }
        for only_mine in [false, true] {
            let first = s
                .dash_page(today(), only_mine, &Anchor::First, PAGE)
                .expect("dash");
            let mid = first
                .rows
                .get(PAGE / 2)
                .map(|r| ObligationKey::of(&r.obligation));
            let mut anchors = vec![("first", Anchor::First), ("last", Anchor::Last)];
            if let Some(k) = mid {
                anchors.push(("after", Anchor::After(k.clone())));
                anchors.push(("before", Anchor::Before(k.clone())));
                anchors.push(("at", Anchor::At(k)));
            }
            let counts_t = median(|| {
                black_box(s.dash_counts(today(), only_mine).expect("counts"));
            });
            for (name, at) in anchors {
                let page_t = median(|| {
                    black_box(s.dash_page(today(), only_mine, &at, PAGE).expect("dash"));
                });
                let shape = format!("dash {reader} mine={only_mine} {name}");
                println!("{shape}\t{}\t{}", ms(page_t), ms(counts_t));
                all.push(page_t.max(counts_t));
                worst.push((page_t + counts_t, shape));
            }
        }
    }
    all.sort();
    worst.sort();
    println!(
        "{} shapes: median {} ms, 90th percentile {} ms, max {} ms (each the median of {RUNS} runs of one call)",
        all.len(),
        ms(all[all.len() / 2]),
        ms(all[all.len() * 9 / 10]),
        ms(all[all.len() - 1])
    );
    println!("slowest shapes (page + counts):");
    for (t, shape) in worst.iter().rev().take(15) {
        println!("  {} ms\t{shape}", ms(*t));
    }
}

fn bench(c: &mut Criterion) {
    sweep();
    let db = database();
    let mut g = c.benchmark_group("pages");
    g.sample_size(20).measurement_time(Duration::from_secs(2));
    for reader in ["liuf", "wangl"] {
        let s = Session::open(&db, Some(reader)).expect("open");
        let q = QueueQuery::default();
        let first = s
            .queue_page(&q, &Anchor::First, PAGE, today())
            .expect("page");
        let k = first.rows[PAGE - 1].number.clone();
        g.bench_function(format!("queue first page/{reader}"), |b| {
            b.iter(|| {
                s.queue_page(&q, &Anchor::First, PAGE, today())
                    .expect("page")
            })
        });
        g.bench_function(format!("queue next page/{reader}"), |b| {
            b.iter(|| {
                s.queue_page(&q, &Anchor::After(k.clone()), PAGE, today())
                    .expect("page")
            })
        });
        g.bench_function(format!("queue counts/{reader}"), |b| {
            b.iter(|| s.queue_counts(&q, today()).expect("counts"))
        });
        for filter in ["石料", "s99082"] {
            let q = QueueQuery {
                filter: filter.into(),
                ..QueueQuery::default()
            };
            g.bench_function(format!("queue filter {filter}/{reader}"), |b| {
                b.iter(|| {
                    (
                        s.queue_page(&q, &Anchor::First, PAGE, today())
                            .expect("page"),
                        s.queue_counts(&q, today()).expect("counts"),
                    )
                })
            });
        }
        g.bench_function(format!("dash first page + counts/{reader}"), |b| {
            b.iter(|| {
                (
                    s.dash_page(today(), false, &Anchor::First, PAGE)
                        .expect("dash"),
                    s.dash_counts(today(), false).expect("counts"),
                )
            })
        });
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
