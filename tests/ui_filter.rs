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
        culpa::demo::synthetic_with(2_000, 7, today(), &demo.people, &demo.relations).collect();
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

fn key(app: &mut App, code: KeyCode) {
    app.update(Event::Key(KeyEvent::new(code, KeyModifiers::NONE)));
}

#[test]
fn the_typed_filter_shows_what_a_per_field_search_finds() {
    let (all, dir, backend) = cases();
    assert!(all.len() > 2_000);
    let data = Data::load(&shared(backend), today()).expect("load");
    let mut app = App::new(
        data,
        Lang::En,
        today(),
        Theme::new(true, false),
        Keymap::default(),
    );
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
