//! The queue's filter as the user types it (issue 10: the backend answers, never a walk of
//! Rust structs of every case): what the workbench shows for each typed text — the page's
//! rows, the count and the counts by stage — is what a plain per-field search over every
//! case finds (number, title, respondents' names and logins, stage; ignoring case), over
//! the demo plus 2,000 synthetic cases. (The store's indexed answer is held to the same
//! reference, `workflow::listing`, by the store's own property tests.)

use std::collections::BTreeMap;

use chrono::NaiveDate;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use culpa::domain::Directory;
use culpa::domain::calendar::Calendar;
use culpa::domain::deadlines::case_number_order;
use culpa::domain::model::{Case, Stage};
use culpa::i18n::Lang;
use culpa::ui::app::{App, Event, Screen};
use culpa::ui::backend::MemoryBackend;
use culpa::ui::data::{Data, shared};
use culpa::ui::keymap::Keymap;
use culpa::ui::theme::Theme;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, 16).expect("date")
}

fn cases() -> (Vec<Case>, Directory, MemoryBackend) {
    let mut demo = culpa::demo::demo(today()).bundle;
    let extra: Vec<_> =
        culpa::demo::synthetic_with(600, 7, today(), &demo.people, &demo.relations).collect();
    demo.cases.extend(extra);
    let dir = Directory::new(demo.people.clone(), demo.relations.clone());
    let cases = demo.cases.clone();
    (
        cases,
        dir,
        MemoryBackend::new(demo, "liuf", Calendar::builtin()),
    )
}

/// What the filter means: some field of the case contains the text, ignoring case.
fn naive(c: &Case, dir: &Directory, needle: &str) -> bool {
    let names: Vec<&str> = c.respondents.iter().map(|l| dir.name(l)).collect();
    let logins = c.respondents.join(" ");
    [
        c.number.as_str(),
        c.title.as_str(),
        &names.join("、"),
        logins.as_str(),
        c.stage.as_str(),
    ]
    .iter()
    .any(|f| f.to_lowercase().contains(&needle.to_lowercase()))
}

/// The workbench on `backend`, as the runtime starts it (in English).
fn app_on(backend: MemoryBackend) -> App {
    let data = Data::load(&shared(backend), today()).expect("load");
    App::new(
        data,
        Lang::En,
        today(),
        Theme::new(true, false),
        Keymap::default(),
    )
}

fn key(app: &mut App, code: KeyCode) {
    app.update(Event::Key(KeyEvent::new(code, KeyModifiers::NONE)));
}

#[test]
fn the_typed_filter_shows_what_a_per_field_search_finds() {
    let (all, dir, backend) = cases();
    assert!(all.len() > 600);
    let mut app = app_on(backend);
    key(&mut app, KeyCode::Char('2'));
    assert_eq!(app.screen, Screen::Queue);
    // By number, so the expected page is easy to state.
    key(&mut app, KeyCode::Char('s'));
    assert_eq!(app.queue.sort, 1);
    let limit = app.paging().limit;
    let needles = [
        "孙",
        "孙强",
        "SUNQ",
        "zhengl",
        "investigating",
        "〔2025〕",
        "1号",
        "s1",
        "号",
        "nothing-like-this",
        "q",
    ];
    for needle in needles {
        key(&mut app, KeyCode::Char('/'));
        for ch in needle.chars() {
            key(&mut app, KeyCode::Char(ch));
        }
        let mut want: Vec<&Case> = all.iter().filter(|c| naive(c, &dir, needle)).collect();
        want.sort_by(|a, b| case_number_order(&a.number, &b.number));
        let mut stages: BTreeMap<Stage, u64> = BTreeMap::new();
        for c in &want {
            *stages.entry(c.stage).or_default() += 1;
        }
        let shown: Vec<&str> = app
            .queue
            .list
            .rows()
            .iter()
            .map(|r| r.number.as_str())
            .collect();
        let first: Vec<&str> = want.iter().take(limit).map(|c| c.number.as_str()).collect();
        assert_eq!(shown, first, "{needle:?}: the first page");
        assert_eq!(
            app.queue.list.page.more_after,
            want.len() > limit,
            "{needle:?}"
        );
        let counts = &app.queue.list.counts;
        assert_eq!(counts.shown, Some(want.len() as u64), "{needle:?}");
        assert_eq!(counts.all, all.len() as u64);
        assert_eq!(
            counts.stages,
            stages.into_iter().collect::<Vec<_>>(),
            "{needle:?}"
        );
        // Esc drops the filter: every case again.
        key(&mut app, KeyCode::Esc);
        assert_eq!(app.queue.list.counts.shown, Some(all.len() as u64));
    }
}

/// Moving through a list longer than a page (the queue and the dashboard hold one page
/// around the selection): every ↓ lands on the next row of the whole list, across the
/// page's edges; PgDn/PgUp, G and g go where they say; the page is re-asked near its edge,
/// never holding the whole list.
#[test]
fn moving_past_a_pages_edge_walks_the_whole_list_in_order() {
    use culpa::ui::backend::Backend;
    use culpa::workflow::listing::{ObligationKey, QueueQuery};

    let (_, _, backend) = cases();
    let queue_all: Vec<String> = backend
        .queue_all(&QueueQuery::default(), today())
        .expect("reference queue")
        .into_iter()
        .map(|r| r.number)
        .collect();
    let dash_all: Vec<ObligationKey> = backend
        .dash_all(today(), false)
        .expect("reference dashboard")
        .iter()
        .map(|r| ObligationKey::of(&r.obligation))
        .collect();
    let mut app = app_on(backend);
    app.update(Event::Resize(80, 24));
    let paging = app.paging();
    assert!(queue_all.len() > 2 * paging.limit, "the list spans pages");
    assert!(dash_all.len() > paging.limit, "the dashboard spans pages");

    // The dashboard, the first screen.
    for (i, want) in dash_all.iter().enumerate().take(paging.limit + 60) {
        assert_eq!(app.dash.key().as_ref(), Some(want), "dashboard row {i}");
        assert!(app.dash.list.rows().len() <= paging.limit);
        key(&mut app, KeyCode::Down);
    }
    key(&mut app, KeyCode::Char('G'));
    assert_eq!(app.dash.key().as_ref(), dash_all.last());
    key(&mut app, KeyCode::Up);
    assert_eq!(app.dash.key().as_ref(), dash_all.get(dash_all.len() - 2));
    key(&mut app, KeyCode::Char('g'));
    assert_eq!(app.dash.key().as_ref(), dash_all.first());

    // The queue.
    key(&mut app, KeyCode::Char('2'));
    let number = |a: &App| a.queue.selected_number();
    for (i, want) in queue_all.iter().enumerate().take(2 * paging.limit + 10) {
        assert_eq!(number(&app).as_ref(), Some(want), "queue row {i}");
        assert!(app.queue.list.rows().len() <= paging.limit);
        key(&mut app, KeyCode::Down);
    }
    // Back up across the edge again.
    let at = 2 * paging.limit + 10;
    for i in (at - 300..at).rev() {
        key(&mut app, KeyCode::Up);
        assert_eq!(
            number(&app).as_ref(),
            Some(&queue_all[i]),
            "queue row {i} going up"
        );
    }
    let page = app.page_rows();
    let here = at - 300;
    key(&mut app, KeyCode::PageDown);
    assert_eq!(number(&app).as_ref(), Some(&queue_all[here + page]));
    key(&mut app, KeyCode::PageUp);
    key(&mut app, KeyCode::PageUp);
    assert_eq!(number(&app).as_ref(), Some(&queue_all[here - page]));
    key(&mut app, KeyCode::End);
    assert_eq!(number(&app).as_ref(), queue_all.last());
    key(&mut app, KeyCode::Home);
    assert_eq!(number(&app).as_ref(), queue_all.first());
    // The selected row's case is held whole, for the keys that act on it.
    assert_eq!(
        app.current_case().map(|r| r.case.number.as_str()),
        queue_all.first().map(String::as_str)
    );
}
