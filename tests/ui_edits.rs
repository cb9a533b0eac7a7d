//! No lost edits, in the pure update: a replacing form keeps the version it started from
//! through live refreshes; a stale save opens both versions side by side; each choice keeps
//! what it promises; Esc keeps a draft that reopening restores. The effects are performed
//! here as the runtime performs them, against the in-memory backend (which checks
//! `expected_version` as the workflow does).

mod common;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use culpa::domain::model::{Findings, RuleFinding};
use culpa::i18n::Lang;
use culpa::ui::app::{App, Draft, Effect, Event};
use culpa::ui::backend::{Backend, MemoryBackend};
use culpa::ui::data::{Data, shared};
use culpa::ui::forms::Step;
use culpa::workflow::{Command, WorkflowError};

const CASE: &str = "卧应急责〔2026〕7号";

/// The runtime's effect loop, against `b`, with drafts kept in `drafts`.
fn run(app: &mut App, b: &mut MemoryBackend, drafts: &mut Vec<Draft>, fx: Vec<Effect>) {
    let mut queue: std::collections::VecDeque<Effect> = fx.into();
    while let Some(e) = queue.pop_front() {
        let ev = match e {
            Effect::Quit | Effect::LoadExtra(_) | Effect::Search(_) => continue,
            Effect::Refresh => Event::Loaded(Box::new(
                Data::load(&shared(b.clone()), common::ui::today()).expect("load"),
            )),
            Effect::Execute(cmd) => match b.execute(cmd, common::ui::today()) {
                Ok(a) => Event::Executed(Ok(a)),
                Err(e @ WorkflowError::Conflict { .. }) => Event::Conflict {
                    message: e.to_string(),
                    history: Vec::new(),
                },
                Err(e) => Event::Executed(Err(e.to_string())),
            },
            Effect::SaveDraft(d) => {
                drafts.retain(|x| x.key() != d.key());
                drafts.push(d);
                Event::Drafts(drafts.clone())
            }
            Effect::DeleteDraft(k) => {
                drafts.retain(|x| x.key() != k);
                Event::Drafts(drafts.clone())
            }
        };
        queue.extend(app.update(ev));
    }
}

fn key(code: KeyCode, m: KeyModifiers) -> Event {
    Event::Key(KeyEvent::new(code, m))
}

fn press(app: &mut App, b: &mut MemoryBackend, drafts: &mut Vec<Draft>, keys: &str) {
    for c in keys.chars() {
        let code = match c {
            '\n' => KeyCode::Enter,
            '\u{1b}' => KeyCode::Esc,
            '\t' => KeyCode::Tab,
            c => KeyCode::Char(c),
        };
        let fx = app.update(key(code, KeyModifiers::NONE));
        run(app, b, drafts, fx);
    }
}

fn save(app: &mut App, b: &mut MemoryBackend, drafts: &mut Vec<Draft>) {
    let fx = app.update(key(KeyCode::Char('s'), KeyModifiers::CONTROL));
    run(app, b, drafts, fx);
}

/// Someone else, elsewhere, replaces the findings: serious consequences no longer found.
fn their_save(b: &mut MemoryBackend) {
    let rec = b
        .cases()
        .expect("cases")
        .into_iter()
        .find(|r| r.case.number == CASE)
        .expect("case");
    let findings = Findings {
        serious_consequences: false,
        ..rec.case.findings.clone().expect("findings")
    };
    b.execute(
        Command::SetFindings {
            case: CASE.into(),
            findings,
            expected_version: rec.version,
        },
        common::ui::today(),
    )
    .expect("their save");
}

fn findings(b: &MemoryBackend) -> Findings {
    b.cases()
        .expect("cases")
        .into_iter()
        .find(|r| r.case.number == CASE)
        .and_then(|r| r.case.findings)
        .expect("findings")
}

/// Opens the findings of case 7 and answers "yes" to the first question (Art. 5(1)).
fn my_edit(app: &mut App, b: &mut MemoryBackend, drafts: &mut Vec<Draft>) {
    press(app, b, drafts, "/7号\n\nf");
    assert_eq!(app.form.as_ref().map(|f| f.kind()), Some(Step::Findings));
    press(app, b, drafts, "y");
}

fn has_5_1(f: &Findings) -> bool {
    f.rules.iter().any(|r| matches!(r, RuleFinding::R5_1 {}))
}

#[test]
fn a_refresh_never_rebases_the_form_and_a_stale_save_shows_both_versions() {
    for refreshed_before_saving in [true, false] {
        let mut b = common::ui::backend(common::ui::bundle(), "wangl");
        let mut app = common::ui::app_from(&b, Lang::En);
        let mut drafts = Vec::new();
        my_edit(&mut app, &mut b, &mut drafts);
        let started = app.form.as_ref().and_then(|f| f.start().version);
        their_save(&mut b);
        if refreshed_before_saving {
            // The live refresh (more than a second later): the form keeps its version and
            // says that the record changed under it.
            let fx = app.update(Event::Loaded(Box::new(
                Data::load(&shared(b.clone()), common::ui::today()).expect("load"),
            )));
            run(&mut app, &mut b, &mut drafts, fx);
            let form = app.form.as_ref().expect("form still open");
            assert_eq!(
                form.start().version,
                started,
                "the refresh re-based the form"
            );
        }
        save(&mut app, &mut b, &mut drafts);
        // Nothing was overwritten: their answer stands, and both versions are on screen.
        let saved = findings(&b);
        assert!(!saved.serious_consequences && !has_5_1(&saved), "{saved:?}");
        let view = app.conflict.as_ref().expect("the conflict view");
        let differing: Vec<_> = view.rows.iter().filter(|r| r.differs).collect();
        assert_eq!(differing.len(), 2, "{:#?}", view.rows);
        assert!(app.form.is_some(), "my answers are still held");

        // Keep theirs and re-apply mine: both answers survive the next save.
        press(&mut app, &mut b, &mut drafts, "r");
        assert!(app.conflict.is_none());
        save(&mut app, &mut b, &mut drafts);
        assert!(app.form.is_none(), "saved: {:?}", app.message);
        let merged = findings(&b);
        assert!(
            has_5_1(&merged) && !merged.serious_consequences,
            "neither side's answer may be lost: {merged:?}"
        );
    }
}

#[test]
fn overwrite_is_explicit_and_take_theirs_drops_mine() {
    // Overwrite: my whole version replaces theirs, on purpose.
    let mut b = common::ui::backend(common::ui::bundle(), "wangl");
    let mut app = common::ui::app_from(&b, Lang::En);
    let mut drafts = Vec::new();
    my_edit(&mut app, &mut b, &mut drafts);
    their_save(&mut b);
    save(&mut app, &mut b, &mut drafts);
    assert!(app.conflict.is_some());
    press(&mut app, &mut b, &mut drafts, "o");
    let f = findings(&b);
    assert!(has_5_1(&f) && f.serious_consequences, "{f:?}");
    assert!(app.form.is_none());

    // Take theirs: nothing of mine is saved, the form closes.
    let mut b = common::ui::backend(common::ui::bundle(), "wangl");
    let mut app = common::ui::app_from(&b, Lang::En);
    my_edit(&mut app, &mut b, &mut drafts);
    their_save(&mut b);
    save(&mut app, &mut b, &mut drafts);
    press(&mut app, &mut b, &mut drafts, "t");
    let f = findings(&b);
    assert!(!has_5_1(&f) && !f.serious_consequences, "{f:?}");
    assert!(app.form.is_none() && app.conflict.is_none());
}

#[test]
fn an_unrelated_change_meanwhile_saves_without_asking() {
    let mut b = common::ui::backend(common::ui::bundle(), "wangl");
    let mut app = common::ui::app_from(&b, Lang::En);
    let mut drafts = Vec::new();
    my_edit(&mut app, &mut b, &mut drafts);
    // Someone adds evidence: the case's version moves, its findings do not.
    b.execute(
        Command::AddEvidence {
            case: CASE.into(),
            kind: "documentary".into(),
            description: "补充材料".into(),
            collected_on: common::ui::today(),
            file: None,
        },
        common::ui::today(),
    )
    .expect("evidence");
    save(&mut app, &mut b, &mut drafts);
    assert!(app.conflict.is_none());
    assert!(
        app.form.is_none(),
        "{:?}",
        app.form.as_ref().map(|f| f.kind())
    );
    assert!(has_5_1(&findings(&b)));
}

#[test]
fn esc_keeps_a_draft_per_form_and_case_and_reopening_restores_it() {
    let mut b = common::ui::backend(common::ui::bundle(), "wangl");
    let mut app = common::ui::app_from(&b, Lang::En);
    let mut drafts = Vec::new();
    press(&mut app, &mut b, &mut drafts, "/7号\n\ni");
    assert_eq!(
        app.form.as_ref().map(|f| f.kind()),
        Some(Step::RecordInterview)
    );
    let fx = app.update(Event::Paste("询问笔录：当事人称未收到告知书。".into()));
    run(&mut app, &mut b, &mut drafts, fx);
    // Wherever the cursor was, the pasted text is in some field of the form.
    let typed = |app: &App| {
        app.form
            .as_ref()
            .map(|f| f.values().to_string())
            .unwrap_or_default()
    };
    assert!(typed(&app).contains("未收到告知书"), "{}", typed(&app));
    press(&mut app, &mut b, &mut drafts, "\u{1b}");
    assert!(app.form.is_none());
    assert_eq!(drafts.len(), 1, "Esc kept a draft");
    assert_eq!(drafts[0].key(), (Step::RecordInterview, Some(CASE.into())));
    // Another form of the same case starts fresh; the interview form comes back filled.
    press(&mut app, &mut b, &mut drafts, "e");
    assert!(!typed(&app).contains("未收到告知书"));
    press(&mut app, &mut b, &mut drafts, "\u{1b}i");
    assert!(typed(&app).contains("未收到告知书"), "{}", typed(&app));
    // The draft list shows it.
    press(&mut app, &mut b, &mut drafts, "\u{1b}w");
    assert_eq!(app.drafts_list, Some(0));
    assert_eq!(app.drafts.len(), 1);
}

/// Closing a case cannot be undone: Ctrl-S shows a summary and writes nothing; `n` returns
/// to the form as typed; `y` sends the command.
#[test]
fn closing_asks_for_confirmation_with_a_summary() {
    use culpa::ui::forms::Form;
    let mut b = common::ui::backend(common::ui::bundle(), "liuf");
    let mut app = common::ui::app_from(&b, Lang::En);
    let mut drafts = Vec::new();
    press(&mut app, &mut b, &mut drafts, "/3号\n\n");
    app.form_case = Some("卧应急责〔2026〕3号".into());
    app.form = Some(Form::new(Step::Close, &app.form_context()));
    let fx = app.update(key(KeyCode::Char('s'), KeyModifiers::CONTROL));
    assert!(
        fx.is_empty(),
        "nothing is written before the confirmation: {fx:?}"
    );
    let cmd = app.confirm.clone().expect("a confirmation");
    let lines = culpa::ui::confirm::summary(&app, &cmd, Lang::En);
    assert!(lines[0].contains("Close 卧应急责〔2026〕3号"), "{lines:?}");
    assert!(
        lines
            .iter()
            .any(|l| l.contains("no evidence, interview, sanction or appeal can be added")),
        "{lines:?}"
    );
    let fx = app.update(key(KeyCode::Char('n'), KeyModifiers::NONE));
    assert!(fx.is_empty() && app.confirm.is_none() && app.form.is_some());
    app.update(key(KeyCode::Char('s'), KeyModifiers::CONTROL));
    let fx = app.update(key(KeyCode::Char('y'), KeyModifiers::NONE));
    assert!(
        matches!(fx.as_slice(), [Effect::Execute(Command::Close { .. })]),
        "{fx:?}"
    );
}
