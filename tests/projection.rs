//! Issue 10: the stored open obligations always equal a full recomputation by the domain's
//! rules — after random sequences of workflow commands (a seeded generator: every command
//! kind, by the right and the wrong people, on cases at every stage, most of them refused
//! and some succeeding), across a calendar change (rebuild), and for every reader's reach.
//! The workflow matrix (`workflow_matrix.rs`) checks the same after each of its rows.

use std::path::Path;

use chrono::{Days, NaiveDate};
use serde_json::json;

use culpa::domain::calendar::Calendar;
use culpa::domain::deadlines::obligations;
use culpa::domain::model::{Case, DecidedOutcome, Grade, Stage};
use culpa::store::{ObligationQuery, ProjectionCheck, Reach, Store};
use culpa::workflow::{Command, Session, access};

mod common;
#[path = "projection/pages.rs"]
mod pages;

use common::workflow::Db;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 20).expect("date")
}

/// A small seeded generator (SplitMix64), so a failing sequence replays from its seed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

fn demo_db() -> Db {
    common::workflow::demo_imported(today()).0
}

fn assert_equal(path: &Path, cal: &Calendar, what: &str) {
    let mut store = Store::open(path).expect("store");
    store.set_calendar(cal.clone());
    match store.check_obligations(today()).expect("check") {
        ProjectionCheck::Equal => {}
        other => panic!("{what}: {other:?}"),
    }
}

const LEGAL: &str = "liuf";
const CHIEF: &str = "chenj";
const INVESTIGATORS: [&str; 4] = ["wangl", "zhaom", "lix", "hej"];
const COMMITTEE: [&str; 3] = ["wuy", "gaoj", "linx"];
const ANYONE: [&str; 8] = [
    "liuf", "chenj", "wangl", "zhaom", "sunq", "wuy", "xuy", "lix",
];

/// A command for `case` built from its current state (so that many succeed), by the person
/// whose step it is — or, one time in five, by someone else.
fn command(rng: &mut Rng, case: &Case) -> (String, Command) {
    let n = case.number.clone();
    let on = today();
    let members: Vec<String> = case
        .team
        .as_ref()
        .map(|t| t.members.clone())
        .unwrap_or_default();
    let member = members
        .first()
        .cloned()
        .unwrap_or_else(|| INVESTIGATORS[0].to_string());
    let (actor, cmd): (String, Command) = match rng.below(13) {
        0 => (
            LEGAL.into(),
            Command::Intake {
                number: None,
                title: "随机案件".into(),
                source: culpa::domain::model::Source::Complaint,
                received_on: on - Days::new(rng.below(40) as u64),
                complainant: serde_json::from_value(if rng.below(2) == 0 {
                    json!({"name": "王某", "contact": "1"})
                } else {
                    json!(null)
                })
                .expect("complainant"),
                summary: "摘要".into(),
                act: serde_json::from_value(json!({"kind": "penalty", "reference": "R",
                    "on_the_spot": false, "handler": "sunq", "reviewer": "zhouh",
                    "approver": "chenj"}))
                .expect("act"),
                respondents: vec!["sunq".into()],
            },
        ),
        1 => (
            LEGAL.into(),
            Command::Accept {
                case: n,
                on,
                reason: None,
            },
        ),
        2 => (
            LEGAL.into(),
            Command::Reject {
                case: n,
                on,
                reason: "无事实依据".into(),
            },
        ),
        3 => (LEGAL.into(), Command::Notify { case: n, on }),
        4 => {
            let a = *rng.pick(&INVESTIGATORS);
            let b = *rng.pick(&INVESTIGATORS);
            (
                CHIEF.into(),
                Command::AppointTeam {
                    case: n,
                    on,
                    members: vec![a.into(), b.into()],
                },
            )
        }
        5 => (
            CHIEF.into(),
            Command::Recuse {
                case: n,
                person: if members.is_empty() {
                    member
                } else {
                    rng.pick(&members).clone()
                },
                on,
                reason: "回避".into(),
            },
        ),
        6 => (
            member,
            Command::Submit {
                case: n,
                on,
                overdue_reason: Some("延误".into()),
            },
        ),
        7 => {
            let who = case.respondents.first().cloned().unwrap_or_default();
            let decision = serde_json::from_value(json!({
                "on": on, "committee": ["gaoj", "linx"], "recused": [], "text": "决定",
                "outcomes": {who: {"grade": "direct", "exempted": false,
                                   "sanctions": [*rng.pick(&["11.1", "11.2", "11.3"])]}}
            }))
            .expect("decision");
            (
                rng.pick(&COMMITTEE).to_string(),
                Command::Decide { case: n, decision },
            )
        }
        8 => {
            let open: Vec<(String, String)> = case
                .unapplied_measures()
                .into_iter()
                .map(|(p, m, _)| (p, m.as_str().to_string()))
                .collect();
            let (person, measure) = if open.is_empty() {
                ("sunq".to_string(), "11.1".to_string())
            } else {
                rng.pick(&open).clone()
            };
            let sanction = serde_json::from_value(json!({"person": person, "measure": measure,
                "applied_on": on, "note": "执行"}))
            .expect("sanction");
            (CHIEF.into(), Command::ApplySanction { case: n, sanction })
        }
        9 => {
            let person = case
                .decision
                .as_ref()
                .and_then(|d| d.outcomes.keys().next().cloned())
                .unwrap_or_else(|| "sunq".into());
            let appeal = serde_json::from_value(json!({"person": person,
                "kind": *rng.pick(&["review", "appeal"]), "filed_on": on,
                "decided_on": null, "result": null}))
            .expect("appeal");
            (LEGAL.into(), Command::FileAppeal { case: n, appeal })
        }
        10 => {
            let index = case
                .appeals
                .iter()
                .position(|a| a.decided_on.is_none())
                .unwrap_or(0);
            let extended = rng.below(2) == 0;
            (
                LEGAL.into(),
                Command::AcceptAppeal {
                    case: n,
                    index,
                    on,
                    extended,
                },
            )
        }
        11 => {
            let index = case
                .appeals
                .iter()
                .position(|a| a.decided_on.is_none())
                .unwrap_or(0);
            (
                LEGAL.into(),
                Command::DecideAppeal {
                    case: n,
                    index,
                    on,
                    result: "维持".into(),
                    outcome: culpa::domain::AppealOutcome::Upheld,
                    changed_to: None,
                },
            )
        }
        _ => (LEGAL.into(), Command::Close { case: n, on }),
    };
    if rng.below(5) == 0 {
        (rng.pick(&ANYONE).to_string(), cmd)
    } else {
        (actor, cmd)
    }
}

#[test]
fn projection_equals_full_recomputation_after_random_command_sequences() {
    const SEEDS: u64 = 4;
    const STEPS: usize = 60;
    let cal = Calendar::builtin();
    let mut succeeded = 0;
    for seed in 1..=SEEDS {
        let db = demo_db();
        assert_equal(&db.path, &cal, &format!("seed {seed}: after import"));
        let mut rng = Rng(seed);
        for step in 0..STEPS {
            let cases = Session::open(&db.path, Some(LEGAL))
                .expect("open")
                .cases()
                .expect("cases");
            let case = &rng.pick(&cases).case;
            let (actor, cmd) = command(&mut rng, case);
            let what = format!("seed {seed} step {step}: {actor} {}", cmd.action());
            let mut s = Session::open(&db.path, Some(&actor)).expect("open");
            if s.execute(cmd, today()).is_ok() {
                succeeded += 1;
            }
            assert_equal(&db.path, &cal, &what);
        }
    }
    // The generator must exercise real changes, not only refusals.
    assert!(
        succeeded >= 20,
        "only {succeeded} commands succeeded: the sequences prove too little"
    );
}

#[test]
fn a_calendar_change_rebuilds_the_projection() {
    let db = demo_db();
    let builtin = Calendar::builtin();
    // Without the built-in holidays every due date is counted on plain weekends: the
    // Spring Festival and National Day holidays move several of the demo's dates.
    let plain = Calendar::default();
    assert_equal(&db.path, &builtin, "built-in calendar");
    let mut store = Store::open(&db.path).expect("store");
    store.set_calendar(plain.clone());
    assert_eq!(
        store.check_obligations(today()).expect("check"),
        ProjectionCheck::Stale,
        "another calendar finds the projection stale"
    );
    let (under_plain, uncovered) = store
        .open_obligations(&ObligationQuery::all(Reach::All), today())
        .expect("query rebuilds");
    assert_equal(&db.path, &plain, "rebuilt with the plain calendar");
    assert!(
        !uncovered.is_empty(),
        "with no calendar loaded, the consulted years are reported uncovered"
    );
    let cases = Session::open(&db.path, Some(LEGAL))
        .expect("open")
        .cases()
        .expect("cases");
    let mut unc = Default::default();
    let full = obligations(cases.iter().map(|r| &r.case), &plain, today(), &mut unc);
    assert_eq!(under_plain, full);
    // And back: the built-in calendar's answer again.
    let mut store = Store::open(&db.path).expect("store");
    store.set_calendar(builtin.clone());
    let (again, _) = store
        .open_obligations(&ObligationQuery::all(Reach::All), today())
        .expect("query");
    let full = obligations(
        cases.iter().map(|r| &r.case),
        &builtin,
        today(),
        &mut Default::default(),
    );
    assert_eq!(again, full);
}

/// Each reader sees the obligations of exactly the cases `may_open` lets them open, and
/// `--mine` keeps exactly those they own.
#[test]
fn reach_and_mine_match_the_access_rule() {
    let db = demo_db();
    let cal = Calendar::builtin();
    let all = Session::open(&db.path, Some(LEGAL))
        .expect("open")
        .cases()
        .expect("cases");
    let people = culpa::demo::demo(today()).bundle.people;
    let mut someone_limited = false;
    for p in &people {
        let s = Session::open(&db.path, Some(&p.login)).expect("open");
        let visible = all
            .iter()
            .filter(|r| access::may_open(p, &r.case).is_ok())
            .map(|r| &r.case);
        let want = obligations(visible, &cal, today(), &mut Default::default());
        let (got, _) = s.open_obligations(today(), false).expect("obligations");
        assert_eq!(got, want, "{}: the cases they may open", p.login);
        let mine: Vec<_> = want
            .iter()
            .filter(|o| o.owner == p.login || p.roles.iter().any(|r| r.as_str() == o.owner))
            .cloned()
            .collect();
        let (got, _) = s.open_obligations(today(), true).expect("mine");
        assert_eq!(got, mine, "{}: --mine", p.login);
        // `deadlines --json` from the stored fragments: serde's bytes, for both reaches.
        for (mine_only, list) in [(false, &want), (true, &mine)] {
            let mut json = Vec::new();
            let mut array = culpa::store::obligations_json::Array::new();
            s.each_open_obligation_json(today(), mine_only, &mut |body| {
                array.item(&mut json, &body).expect("write");
                true
            })
            .expect("json");
            array.finish(&mut json).expect("finish");
            assert_eq!(
                String::from_utf8(json).expect("utf-8"),
                serde_json::to_string_pretty(list).expect("serde"),
                "{}: deadlines --json (mine: {mine_only})",
                p.login
            );
        }
        someone_limited |= !got.is_empty() && got.len() < want.len();
    }
    assert!(someone_limited, "some reader owns part of what they see");
}

/// Art. 8(3) counted in the index by person gives every demo case the same answer and the
/// same verdict, on its decision date and on later days, as the rule over every decision
/// on record.
#[test]
fn indexed_repeats_give_the_same_verdicts() {
    use culpa::domain::liability::{CaseRepeats, Priors, liability};
    let db = demo_db();
    let s = Session::open(&db.path, Some(LEGAL)).expect("open");
    let dir = s.directory().expect("directory");
    let all = s.prior_outcomes().expect("all priors");
    let mut repeats = 0;
    for rec in s.cases().expect("cases") {
        if rec.case.findings.is_none() {
            continue;
        }
        for day in [today(), today() + Days::new(200)] {
            let counted = s.repeats_for(&rec.case, day).expect("repeats");
            assert_eq!(
                counted,
                CaseRepeats::count(&rec.case, day, &all),
                "{} on {day}",
                rec.case.number
            );
            let want = liability(&rec.case, &dir, Priors::All(&all), day);
            let got = liability(&rec.case, &dir, Priors::Counted(&counted), day);
            assert_eq!(got, want, "{} on {day}", rec.case.number);
            if let Ok(v) = &got {
                repeats += v.persons.iter().filter(|p| !p.repeats.is_empty()).count();
            }
        }
    }
    assert!(repeats > 0, "the demo exercises Art. 8(3)");
}

/// People for the Art. 8(3) stores below: the example's, and `p00`…`p11`.
fn repeat_store(extra: usize) -> (Db, Vec<String>) {
    use culpa::domain::model::{Person, Role};
    let db = Db::new(true);
    let mut store = Store::open(&db.path).expect("store");
    let mut logins: Vec<String> = common::workflow::example()
        .people
        .iter()
        .map(|p| p.login.clone())
        .collect();
    store
        .write(|tx| {
            for i in 0..extra {
                let p = Person {
                    login: format!("p{i:02}"),
                    name: format!("执法员{i}"),
                    unit: "执法大队".into(),
                    roles: vec![Role::Officer],
                };
                tx.upsert_person(&p)?;
                logins.push(p.login);
            }
            Ok::<_, culpa::store::StoreError>(())
        })
        .expect("people");
    (db, logins)
}

/// A decided case `number`, decided on `on` with `outcomes` (login, grade, exempted).
fn decided_case(number: &str, on: NaiveDate, outcomes: &[(&str, Grade, bool)]) -> Case {
    let mut c = common::workflow::case_at(Stage::Decided);
    c.number = number.to_string();
    let d = c.decision.as_mut().expect("decided");
    d.on = on;
    d.outcomes = outcomes
        .iter()
        .map(|(l, g, e)| {
            let o = DecidedOutcome {
                grade: *g,
                exempted: *e,
                sanctions: vec![],
            };
            (l.to_string(), o)
        })
        .collect();
    c
}

fn date(s: &str) -> NaiveDate {
    common::date(s)
}

/// Issue 10, Art. 8(3) counted in the index (`Tx::repeats` over `earliest_counted`'s
/// window) equals the rule over every outcome on record (`liability::repeats`), count and
/// latest cases alike: random decided cases dated around year ends and 29 February, many
/// people, outcomes graded none or exempted, each outcome listed twice for the rule (the
/// same case twice), asked for random people, reference days and "this case" (one of
/// theirs, so it must be left out, or none).
#[test]
fn repeats_counted_in_the_index_equal_the_rule_over_every_outcome() {
    use culpa::domain::liability::{earliest_counted, prior_outcomes, repeats};
    let (db, logins) = repeat_store(12);
    let mut rng = Rng(0x8_3);
    // Days around the edges a calendar year can have: year ends, 28/29 February, 1 March.
    let edges = [
        "2023-02-28",
        "2023-03-01",
        "2023-12-31",
        "2024-02-28",
        "2024-02-29",
        "2024-03-01",
        "2024-12-31",
        "2025-02-28",
        "2025-03-01",
        "2025-12-31",
        "2026-02-28",
        "2026-03-01",
    ];
    let day = |rng: &mut Rng| {
        let base = date(edges[rng.below(edges.len())]);
        let shift = rng.below(5) as i64 - 2;
        match rng.below(4) {
            0 => date("2023-01-01") + Days::new(rng.below(1_400) as u64),
            _ => base + chrono::Duration::days(shift),
        }
    };
    let grades = [
        Grade::Direct,
        Grade::Supervisory,
        Grade::Leadership,
        Grade::Shared,
        Grade::None,
    ];
    let mut cases = Vec::new();
    for i in 0..600 {
        let on = day(&mut rng);
        let mut who: Vec<(&str, Grade, bool)> = Vec::new();
        for _ in 0..=rng.below(4) {
            let login = rng.pick(&logins).as_str();
            if who.iter().all(|(l, _, _)| *l != login) {
                who.push((login, *rng.pick(&grades), rng.below(5) == 0));
            }
        }
        // Numbers out of date order, so "then by case number" is exercised.
        let number = format!("卧应急责〔{}〕{}号", 2023 + i % 4, rng.below(100_000));
        if cases.iter().all(|c: &Case| c.number != number) {
            cases.push(decided_case(&number, on, &who));
        }
    }
    let mut store = Store::open(&db.path).expect("store");
    store
        .write(|tx| tx.insert_cases(&cases).map(|_| ()))
        .expect("cases");
    let mut all = prior_outcomes(&cases);
    all.extend(all.clone());
    let mut counted = 0;
    for _ in 0..3_000 {
        let login = rng.pick(&logins).clone();
        let reference = day(&mut rng);
        let this_case = match rng.below(3) {
            0 => "卧应急责〔2099〕1号".to_string(),
            _ => rng.pick(&cases).number.clone(),
        };
        let want = repeats(&this_case, &login, reference, &all);
        let got = store
            .read(|tx| tx.repeats(&this_case, &login, earliest_counted(reference), reference))
            .expect("repeats");
        assert_eq!(got, want, "{login} in {this_case} on {reference}");
        counted += usize::from(want.count > 3);
    }
    assert!(
        counted > 100,
        "many answers keep only the latest ({counted})"
    );
}

/// The window's edge days in the store: a prior counts from its decision day to the same
/// day a year later (28 February from 29 February), never before it, never after.
#[test]
fn repeats_in_the_index_count_to_the_edge_of_the_year() {
    use culpa::domain::liability::earliest_counted;
    let (db, _) = repeat_store(0);
    let cases = [
        decided_case("A", date("2024-02-29"), &[("sunq", Grade::Direct, false)]),
        decided_case("B", date("2025-03-01"), &[("zhouh", Grade::Direct, false)]),
        decided_case("C", date("2023-02-28"), &[("wangl", Grade::Direct, false)]),
        decided_case("D", date("2023-03-01"), &[("zhaom", Grade::Direct, false)]),
    ];
    let mut store = Store::open(&db.path).expect("store");
    store
        .write(|tx| tx.insert_cases(&cases).map(|_| ()))
        .expect("cases");
    // (login, reference, counted)
    let rows = [
        ("sunq", "2024-02-28", false), // before the decision
        ("sunq", "2024-02-29", true),  // the day itself
        ("sunq", "2025-02-28", true),  // a year on: 28 February
        ("sunq", "2025-03-01", false),
        ("zhouh", "2026-03-01", true),
        ("zhouh", "2026-03-02", false),
        ("wangl", "2024-02-28", true),
        ("wangl", "2024-02-29", false), // 28 February lasts to 28 February
        ("zhaom", "2024-02-29", true),
        ("zhaom", "2024-03-01", true),
        ("zhaom", "2024-03-02", false),
    ];
    for (login, reference, counts) in rows {
        let reference = date(reference);
        let got = store
            .read(|tx| tx.repeats("X", login, earliest_counted(reference), reference))
            .expect("repeats");
        assert_eq!(got.count, usize::from(counts), "{login} on {reference}");
        assert_eq!(got.latest.len(), got.count, "{login} on {reference}");
    }
    // Its own decision never counts for a case.
    let reference = date("2024-02-29");
    let got = store
        .read(|tx| tx.repeats("A", "sunq", earliest_counted(reference), reference))
        .expect("repeats");
    assert!(got.is_empty());
}

/// The legal office's session on `db` and a workbench opened on it as the runtime opens one
/// (`Data::load`, `App::new`).
fn workbench(db: &Db) -> (Session, culpa::ui::app::App) {
    use culpa::ui::data::{Data, shared};
    let mine = Session::open(&db.path, Some(LEGAL)).expect("open");
    let data = Data::load(
        &shared(Session::open(&db.path, Some(LEGAL)).expect("open")),
        today(),
    )
    .expect("load");
    let app = culpa::ui::app::App::new(
        data,
        culpa::i18n::Lang::Zh,
        today(),
        culpa::ui::theme::Theme::new(true, false),
        culpa::ui::keymap::Keymap::default(),
    );
    (mine, app)
}

/// Issue 10, refresh by revision: another user's commit reaches an open workbench as the
/// cases it changed, and the snapshot absorbed in place equals a full reload — rows, filter
/// text, obligations and Art. 8(3) outcomes — with the user's place kept.
#[test]
fn a_commit_is_absorbed_by_revision_as_a_full_reload_would_show_it() {
    use culpa::ui::app::{Event, Screen};
    use culpa::workflow::listing::Anchor;

    let db = demo_db();
    let (mine, mut app) = workbench(&db);
    app.screen = Screen::Queue;
    app.queue.list.selected = 3;
    let kept = app.queue.selected_number();
    // A case open on the side (the dashboard's first row's), to be re-read if it changed.
    let dash_kept = app.dash.key();

    // Someone else accepts a received case and takes in a new one.
    let received = mine
        .cases()
        .expect("cases")
        .into_iter()
        .find(|r| r.case.stage == culpa::domain::model::Stage::Received)
        .expect("a received case");
    let mut other = Session::open(&db.path, Some(LEGAL)).expect("open");
    other
        .execute(
            Command::Accept {
                case: received.case.number.clone(),
                on: today(),
                reason: None,
            },
            today(),
        )
        .expect("accept");
    let mut rng = Rng(7);
    let (_, intake) = command(&mut rng, &received.case);
    let intake = match intake {
        Command::Intake { .. } => intake,
        _ => {
            let (_, c) = (0..50)
                .map(|_| command(&mut rng, &received.case))
                .find(|(_, c)| matches!(c, Command::Intake { .. }))
                .expect("the generator makes intakes");
            c
        }
    };
    other.execute(intake, today()).expect("intake");

    let ev = culpa::ui::runtime::refresh(&mine, &app);
    let Event::Changed(r) = &ev else {
        panic!("expected a refresh by revision, got {ev:?}");
    };
    assert_eq!(
        r.changes.cases.len(),
        2,
        "only the two changed cases travel"
    );
    app.update(ev);
    assert_eq!(app.data.rev, mine.revision().expect("rev"));
    // The queue on screen was asked again around the selection: what a fresh read gives.
    let limit = app.paging().limit;
    let q = app.queue.query();
    let at = Anchor::At(kept.clone().expect("a selection"));
    assert_eq!(
        app.queue.list.page,
        mine.queue_page(&q, &at, limit, today()).expect("page")
    );
    assert_eq!(
        app.queue.list.counts,
        mine.queue_counts(&q, today()).expect("counts")
    );
    // The dashboard is asked when it is shown, around its selection.
    app.update(Event::Key(ratatui::crossterm::event::KeyEvent::new(
        ratatui::crossterm::event::KeyCode::Char('1'),
        ratatui::crossterm::event::KeyModifiers::NONE,
    )));
    assert_eq!(app.screen, Screen::Dashboard);
    let at = Anchor::At(dash_kept.expect("a dashboard row"));
    assert_eq!(
        app.dash.list.page,
        mine.dash_page(today(), false, &at, limit).expect("page")
    );
    // Every case held is the store's current version.
    for r in &app.data.cases {
        assert_eq!(*r, mine.case(&r.case.number).expect("case"));
    }
    app.update(Event::Key(ratatui::crossterm::event::KeyEvent::new(
        ratatui::crossterm::event::KeyCode::Char('2'),
        ratatui::crossterm::event::KeyModifiers::NONE,
    )));
    assert_eq!(
        app.queue.selected_number(),
        kept,
        "the user's place is kept"
    );
}

/// Art. 8(3) after another user's commit: an appeal that revokes a person's only outcome in
/// one case takes that case out of the count of every other case that counted it. The
/// changed case then holds no outcome to send, so the workbench cannot tell from the
/// commit's outcomes alone; what it holds for any case must still be the store's answer.
#[test]
fn a_revoking_appeal_elsewhere_is_recounted_after_the_commit() {
    use culpa::domain::model::{Appeal, AppealKind, AppealOutcome};
    use culpa::ui::app::Event;

    let db = demo_db();
    let (mine, mut app) = workbench(&db);
    let cases = mine.cases().expect("cases");
    // A case with an accepted appeal not yet decided, by a person whose outcome there is
    // counted by Art. 8(3) in another case.
    let (appealed, index, person, counted_in) = cases
        .iter()
        .find_map(|b| {
            b.case.appeals.iter().enumerate().find_map(|(i, ap)| {
                if ap.accepted_on.is_none() || ap.decided_on.is_some() {
                    return None;
                }
                let other = cases.iter().find(|a| {
                    a.case.number != b.case.number
                        && mine
                            .repeats_for(&a.case, today())
                            .expect("repeats")
                            .persons
                            .get(&ap.person)
                            .is_some_and(|r| r.latest.contains(&b.case.number))
                })?;
                Some((b.case.clone(), i, ap.person.clone(), other.case.clone()))
            })
        })
        .expect("the demo has an accepted appeal whose outcome counts elsewhere");
    let before = mine.repeats_for(&counted_in, today()).expect("repeats");
    app.data
        .load_repeats(&counted_in, today())
        .expect("held, as for an open case");

    let mut other = Session::open(&db.path, Some(LEGAL)).expect("open");
    let revoke = |other: &mut Session, index: usize| {
        other
            .execute(
                Command::DecideAppeal {
                    case: appealed.number.clone(),
                    index,
                    on: today(),
                    result: "复核决定：撤销原处理决定。".into(),
                    outcome: AppealOutcome::Revoked,
                    changed_to: None,
                },
                today(),
            )
            .expect("decide the appeal");
    };
    // Everyone else's outcome in that case revoked first (a review filed, accepted and
    // decided for each), and that commit absorbed: the case's last outcome is the person's.
    let others: Vec<String> = appealed
        .final_outcomes()
        .into_iter()
        .map(|o| o.login)
        .filter(|l| *l != person)
        .collect();
    for login in &others {
        let at = other
            .case(&appealed.number)
            .expect("case")
            .case
            .appeals
            .len();
        other
            .execute(
                Command::FileAppeal {
                    case: appealed.number.clone(),
                    appeal: Appeal::filed(login.clone(), AppealKind::Review, today()),
                },
                today(),
            )
            .expect("file a review");
        other
            .execute(
                Command::AcceptAppeal {
                    case: appealed.number.clone(),
                    index: at,
                    on: today(),
                    extended: false,
                },
                today(),
            )
            .expect("accept it");
        revoke(&mut other, at);
    }
    app.update(culpa::ui::runtime::refresh(&mine, &app));
    app.data
        .load_repeats(&counted_in, today())
        .expect("held, as for an open case");
    revoke(&mut other, index);
    let after = mine.repeats_for(&counted_in, today()).expect("repeats");
    assert!(
        after.persons[&person].count < before.persons[&person].count
            && !after.persons[&person].latest.contains(&appealed.number),
        "the revoked outcome no longer counts: {before:?} then {after:?}"
    );

    let ev = culpa::ui::runtime::refresh(&mine, &app);
    let Event::Changed(r) = &ev else {
        panic!("expected a refresh by revision, got {ev:?}");
    };
    assert!(
        r.changes.priors.iter().all(|p| p.case != appealed.number),
        "the changed case has no outcome left to send"
    );
    app.update(ev);
    for held in &app.data.repeats {
        let case = &cases
            .iter()
            .find(|c| c.case.number == held.case)
            .expect("a case")
            .case;
        assert_eq!(*held, mine.repeats_for(case, today()).expect("repeats"));
    }
}

/// Issue 10, streaming export: the bundle written case by case is byte for byte the whole
/// bundle serialised at once, for a reader who sees everything and for one who sees a few.
#[test]
fn streamed_export_equals_the_whole_bundle() {
    let db = demo_db();
    for login in [LEGAL, "wangl", "sunq"] {
        let s = Session::open(&db.path, Some(login)).expect("open");
        let whole = s.export_bundle(&[]).expect("export");
        let mut want = serde_json::to_string_pretty(&whole).expect("json");
        want.push('\n');
        let mut got = Vec::new();
        let n = s
            .export_all_to(&mut got, Path::new("-"))
            .expect("streamed export");
        assert_eq!(n, whole.cases.len(), "{login}");
        assert_eq!(String::from_utf8(got).expect("utf-8"), want, "{login}");
    }
}

/// `deadlines --json` walked in chunks (issue 10: every other chunk rendered ahead by a
/// helper thread on a second connection) gives the bytes of the walk in one go, for every
/// reach and for `--mine`, whatever the chunk size; a walk stopped after k objects has
/// written exactly the first k.
#[test]
fn the_chunked_walk_writes_what_the_single_walk_writes() {
    let db = demo_db();
    let store = Store::open(&db.path).expect("store");
    let walk = |q: &ObligationQuery, chunk: u64, stop_after: usize| {
        let mut json = Vec::new();
        let mut array = culpa::store::obligations_json::Array::new();
        let mut n = 0;
        let unc = store
            .each_open_obligation_json_in(q, today(), chunk, &mut |body| {
                array.item(&mut json, &body).expect("write");
                n += 1;
                n < stop_after
            })
            .expect("walk");
        (json, n, unc)
    };
    let queries = [
        ObligationQuery::all(Reach::All),
        ObligationQuery::all(Reach::Team("wangl".into())),
        ObligationQuery {
            owners: Some(
                ["legal", "liuf", "chief", "chenj", "wangl", "zhaom"]
                    .map(String::from)
                    .to_vec(),
            ),
            ..ObligationQuery::all(Reach::All)
        },
        ObligationQuery::all(Reach::Nothing),
    ];
    for q in &queries {
        let (whole, total, unc) = walk(q, u64::MAX, usize::MAX);
        for chunk in [1, 2, 3, 7] {
            let (json, n, u) = walk(q, chunk, usize::MAX);
            assert_eq!(n, total, "{q:?} in chunks of {chunk}: every object");
            assert_eq!(json, whole, "{q:?} in chunks of {chunk}");
            assert_eq!(u, unc, "{q:?} in chunks of {chunk}: uncovered years");
            for k in [1, 2, total / 2, total.saturating_sub(1)] {
                if k == 0 || k >= total {
                    continue;
                }
                let (part, n, _) = walk(q, chunk, k);
                assert_eq!(n, k, "{q:?}: stopped after {k}");
                let (first, _, _) = walk(q, u64::MAX, k);
                assert_eq!(part, first, "{q:?} in chunks of {chunk}, stopped after {k}");
            }
        }
        if !matches!(q.reach, Reach::Nothing) {
            assert!(
                total > 7,
                "{q:?}: enough objects to cross chunk edges ({total})"
            );
        }
    }
}
