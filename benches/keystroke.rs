//! One keystroke on a 100,000-case database: `App::update` plus a full draw into a 120×40
//! ratatui `TestBackend`, as the runtime does per key — on the dashboard (the first
//! screen), in the queue, filtering, opening a case and typing into a form. Also the first
//! frame (open, load, draw) and the CPU an open workbench spends absorbing one commit by
//! another user (refresh by revision), with a case open. The snapshot is loaded the way the runtime loads it
//! (`Data::load` from a `Session`); per-keystroke work must stay O(visible rows). The
//! resident memory after loading is printed (`VmRSS`).
//!
//! Run: `cargo bench --bench keystroke`. The database is built once (demo bundle + 100,000
//! synthetic cases) and cached beside the bench binary under `target/bench-cache/`; delete
//! that file to rebuild it. `CULPA_BENCH_DB=/path/to/copy.db` runs the same keystrokes on
//! another database instead (the 1,000,000-case run: a copy of
//! `culpa demo --no-open --cases 1000000`; the absorb rounds write to a copy of it). The
//! group names give the number of cases (`keystroke_100k`, `keystroke_1m`).
//!
//! Memory: the figure printed is this process's `VmRSS` right after the first frame, before
//! criterion allocates anything (nothing else is loaded before it but the database's
//! connection and the app); `VmHWM` is the peak so far.

#[path = "support/bigdb.rs"]
mod bigdb;

use std::hint::black_box;
use std::path::Path;
use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use culpa::i18n::Lang;
use culpa::ui::app::{App, Event, Screen};
use culpa::ui::data::{Data, shared};
use culpa::ui::keymap::Keymap;
use culpa::ui::theme::Theme;
use culpa::workflow::Session;

use bigdb::{CASES, cache_dir, database, today};

/// Everyone who sees every case (the legal office); an investigator sees only their own.
const USER: &str = "liuf";

/// The app as the runtime starts it: a `Session`, `Data::load`, `App::new` (which asks
/// the first pages).
fn start(db: &Path) -> App {
    let session = Session::open(db, Some(USER)).expect("open the bench database");
    let data = Data::load(&shared(session), today()).expect("load the snapshot");
    let mut app = App::new(
        data,
        Lang::Zh,
        today(),
        Theme::new(true, false),
        Keymap::default(),
    );
    app.update(Event::Resize(120, 40));
    app
}

/// The database to measure: `CULPA_BENCH_DB`, else the cached 100,000-case one.
fn bench_db() -> std::path::PathBuf {
    std::env::var_os("CULPA_BENCH_DB").map_or_else(database, Into::into)
}

/// The size of the database in the group names: `100k`, `1m`, or the count of cases.
fn size_tag(cases: u64) -> String {
    match cases {
        n if n >= 1_000_000 => format!("{}m", n / 1_000_000),
        n if n >= 1_000 => format!("{}k", n / 1_000),
        n => n.to_string(),
    }
}

/// This process's resident and peak memory, from /proc (Linux), for the report.
fn memory() -> String {
    std::fs::read_to_string("/proc/self/status")
        .unwrap_or_default()
        .lines()
        .filter(|l| l.starts_with("VmRSS") || l.starts_with("VmHWM"))
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect::<Vec<_>>()
        .join(", ")
}

fn key(code: KeyCode) -> Event {
    Event::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

/// One keystroke as the runtime handles it: update, then draw.
fn stroke(app: &mut App, term: &mut Terminal<TestBackend>, ev: Event) {
    black_box(app.update(ev));
    term.draw(|f| culpa::ui::draw::draw(app, f))
        .expect("draw into the test backend");
}

fn bench(c: &mut Criterion) {
    let db = bench_db();
    let started = Instant::now();
    let mut app = start(&db);
    let mut term = Terminal::new(TestBackend::new(120, 40)).expect("test terminal");
    term.draw(|f| culpa::ui::draw::draw(&app, f)).expect("draw");
    eprintln!(
        "first frame in {:.1?}; workbench memory after the first frame: {}",
        started.elapsed(),
        memory()
    );
    let tag = size_tag(app.queue.list.counts.all);
    eprintln!("{}: {} cases", db.display(), app.queue.list.counts.all);
    let mut g = c.benchmark_group(format!("keystroke_{tag}"));
    g.measurement_time(Duration::from_secs(5));

    // Down on the dashboard, the first screen (wrapping to the top at the end).
    assert_eq!(app.screen, Screen::Dashboard);
    assert!(
        !app.dash.list.rows().is_empty(),
        "the dashboard lists obligations"
    );
    eprintln!("dashboard: {:?}", app.dash.list.counts);
    g.bench_function("dashboard_down", |b| {
        b.iter(|| {
            // At the end of the list, back to the top (a page read, as g would).
            let last = app.dash.list.rows().len().saturating_sub(1);
            if app.dash.list.selected >= last && !app.dash.list.page.more_after {
                stroke(&mut app, &mut term, key(KeyCode::Home));
            }
            stroke(&mut app, &mut term, key(KeyCode::Down));
        })
    });

    // Down in the queue (wrapping to the top at the end so every stroke moves).
    stroke(&mut app, &mut term, key(KeyCode::Char('2')));
    assert_eq!(app.screen, Screen::Queue);
    assert!(
        app.queue.list.counts.all as usize > CASES && app.queue.list.page.more_after,
        "every case is listed, a page at a time"
    );
    g.bench_function("queue_down", |b| {
        b.iter(|| {
            let last = app.queue.list.rows().len().saturating_sub(1);
            if app.queue.list.selected >= last && !app.queue.list.page.more_after {
                stroke(&mut app, &mut term, key(KeyCode::Home));
            }
            stroke(&mut app, &mut term, key(KeyCode::Down));
        })
    });

    // The first character of a filter over every case (the worst case: later characters
    // only narrow the rows already shown). The filter is cleared outside the timing.
    g.bench_function("queue_filter_first_char", |b| {
        b.iter_custom(|iters| {
            let mut spent = Duration::ZERO;
            for _ in 0..iters {
                // Esc drops the filter; / starts a new one (outside the timing).
                stroke(&mut app, &mut term, key(KeyCode::Esc));
                stroke(&mut app, &mut term, key(KeyCode::Char('/')));
                let t = Instant::now();
                stroke(&mut app, &mut term, key(KeyCode::Char('孙')));
                spent += t.elapsed();
            }
            spent
        })
    });
    // A second character, narrowing what the first left.
    g.bench_function("queue_filter_next_char", |b| {
        b.iter_custom(|iters| {
            let mut spent = Duration::ZERO;
            for _ in 0..iters {
                stroke(&mut app, &mut term, key(KeyCode::Esc));
                stroke(&mut app, &mut term, key(KeyCode::Char('/')));
                stroke(&mut app, &mut term, key(KeyCode::Char('孙')));
                let t = Instant::now();
                stroke(&mut app, &mut term, key(KeyCode::Char('强')));
                spent += t.elapsed();
            }
            spent
        })
    });
    stroke(&mut app, &mut term, key(KeyCode::Esc));
    assert!(app.queue.filter.is_empty() && !app.queue.editing);

    // Enter on a case in the queue: the case view with its liability panel and check (the
    // case read whole, its Art. 8(3) priors by person).
    for _ in 0..20 {
        stroke(&mut app, &mut term, key(KeyCode::Down));
    }
    g.bench_function("open_case", |b| {
        b.iter_custom(|iters| {
            let mut spent = Duration::ZERO;
            for _ in 0..iters {
                let t = Instant::now();
                stroke(&mut app, &mut term, key(KeyCode::Enter));
                spent += t.elapsed();
                assert_eq!(app.screen, Screen::Case);
                stroke(&mut app, &mut term, key(KeyCode::Esc));
            }
            spent
        })
    });

    // A character typed into a form: the intake form's first field.
    stroke(&mut app, &mut term, key(KeyCode::Esc));
    stroke(&mut app, &mut term, key(KeyCode::Char('2')));
    stroke(&mut app, &mut term, key(KeyCode::Char('n')));
    assert!(
        app.form.is_some(),
        "n opens the intake form for the legal office"
    );
    g.bench_function("form_keystroke", |b| {
        b.iter(|| stroke(&mut app, &mut term, key(KeyCode::Char('案'))))
    });
    g.finish();
    drop(app);

    // Absorbing one commit by another user: the refresh the runtime runs when the data
    // version moves (changes since the snapshot's revision, applied in place). On a copy of
    // the database, since each round records a new case.
    let copy = cache_dir().join(format!("absorb-{}.db", std::process::id()));
    std::fs::create_dir_all(cache_dir()).expect("cache dir");
    std::fs::copy(&db, &copy).expect("copy the bench database");
    let mut g = c.benchmark_group(format!("refresh_{tag}"));
    g.sample_size(10);
    g.measurement_time(Duration::from_secs(10));
    {
        let mine = Session::open(&copy, Some(USER)).expect("open the copy");
        let mut app = start(&copy);
        let mut other = Session::open(&copy, Some(USER)).expect("open the copy");
        // A received case to copy (the queue by stage lists them first; one page read).
        let q = culpa::workflow::listing::QueueQuery {
            sort: culpa::workflow::listing::QueueSort::Stage,
            ..Default::default()
        };
        let first = culpa::ui::backend::Backend::queue_page(
            &other,
            &q,
            &culpa::workflow::listing::Anchor::First,
            1,
            today(),
        )
        .expect("a page");
        let template = other
            .case(&first.rows[0].number)
            .expect("a received case")
            .case;
        assert_eq!(template.stage, culpa::domain::model::Stage::Received);
        // On the first screen (the dashboard, asked again around its selection) …
        g.bench_function("absorb_one_commit", |b| {
            absorb(b, &mine, &mut app, &mut other, &template)
        });
        // … and with a case open in the queue (its Art. 8(3) counts asked again and the
        // case recomputed; the list asked when it is shown again).
        stroke(&mut app, &mut term, key(KeyCode::Char('2')));
        for _ in 0..20 {
            stroke(&mut app, &mut term, key(KeyCode::Down));
        }
        stroke(&mut app, &mut term, key(KeyCode::Enter));
        assert_eq!(app.screen, Screen::Case);
        g.bench_function("absorb_one_commit_case_open", |b| {
            absorb(b, &mine, &mut app, &mut other, &template)
        });
    }
    // The first frame: open the database, load what the first screen needs, draw it.
    g.bench_function("first_frame", |b| {
        b.iter(|| {
            let app = start(&db);
            term.draw(|f| culpa::ui::draw::draw(&app, f)).expect("draw");
            black_box(&app);
        })
    });
    g.finish();
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", copy.display()));
    }
}

/// Rounds of: another user records a new case (`template`'s intake), then `app` absorbs the
/// commit (refresh by revision and update), which alone is timed.
fn absorb(
    b: &mut criterion::Bencher<'_>,
    mine: &Session,
    app: &mut App,
    other: &mut Session,
    template: &culpa::domain::model::Case,
) {
    b.iter_custom(|iters| {
        let mut spent = Duration::ZERO;
        for _ in 0..iters {
            other
                .execute(
                    culpa::workflow::Command::Intake {
                        number: None,
                        title: template.title.clone(),
                        source: template.source,
                        received_on: today(),
                        complainant: template.complainant.clone(),
                        summary: template.summary.clone(),
                        act: template.act.clone(),
                        respondents: template.respondents.clone(),
                    },
                    today(),
                )
                .expect("another user's intake");
            let t = Instant::now();
            let ev = culpa::ui::runtime::refresh(mine, app);
            assert!(matches!(ev, Event::Changed(_)), "refreshed by revision");
            black_box(app.update(ev));
            spent += t.elapsed();
        }
        spent
    })
}

criterion_group!(benches, bench);
criterion_main!(benches);
