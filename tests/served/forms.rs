//! The workbench's own forms writing through the service: the findings form is filled in
//! the app, saved with Ctrl-S, and its effects performed exactly as the event loop performs
//! them (`ui::runtime::execute` and `refresh`) against `service::Client` — and, for
//! comparison, against a direct `Session`. Someone else saves first, so the save comes back
//! as a conflict over the socket, both versions are shown, and "keep theirs and re-apply
//! mine" saves both answers.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use culpa::domain::model::{Findings, RuleFinding};
use culpa::i18n::Lang;
use culpa::ui::app::{App, Effect, Event};
use culpa::ui::backend::Backend;
use culpa::ui::forms::Step;
use culpa::ui::runtime;
use culpa::workflow::Command;

use crate::common::modes::{InMode, MODES, Mode, Modes};

const CASE: &str = "卧应急责〔2026〕7号";

/// The event loop's handling of `fx`, against `b` (drafts kept in memory).
fn run<B: Backend>(app: &mut App, b: &mut B, fx: Vec<Effect>) {
    let mut queue: std::collections::VecDeque<Effect> = fx.into();
    let mut drafts = Vec::new();
    while let Some(e) = queue.pop_front() {
        let ev = match e {
            Effect::Quit | Effect::LoadExtra(_) | Effect::Search(_) => continue,
            Effect::Refresh => runtime::refresh(&*b, app),
            Effect::Execute(cmd) => runtime::execute(b, app, cmd),
            Effect::SaveDraft(d) => {
                drafts.retain(|x: &culpa::ui::app::Draft| x.key() != d.key());
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

fn press<B: Backend>(app: &mut App, b: &mut B, keys: &str) {
    for c in keys.chars() {
        let code = match c {
            '\n' => KeyCode::Enter,
            '\u{1b}' => KeyCode::Esc,
            c => KeyCode::Char(c),
        };
        let fx = app.update(Event::Key(KeyEvent::new(code, KeyModifiers::NONE)));
        run(app, b, fx);
    }
}

fn save<B: Backend>(app: &mut App, b: &mut B) {
    let fx = app.update(Event::Key(KeyEvent::new(
        KeyCode::Char('s'),
        KeyModifiers::CONTROL,
    )));
    run(app, b, fx);
}

fn has_5_1(f: &Findings) -> bool {
    f.rules.iter().any(|r| matches!(r, RuleFinding::R5_1 {}))
}

fn findings(b: &dyn Backend) -> Findings {
    b.case(CASE).expect("case").case.findings.expect("findings")
}

/// wangl answers "yes" to Art. 5(1) in the findings form; zhaom (the other team member,
/// through their own backend) meanwhile saves "no serious consequences"; wangl saves.
fn scenario<B: Backend, T: Backend>(mode: Mode, app: &mut App, me: &mut B, them: &mut T) {
    press(app, me, "/7号\n\nf");
    assert_eq!(app.form.as_ref().map(|f| f.kind()), Some(Step::Findings));
    press(app, me, "y");
    let rec = them.case(CASE).expect("case");
    let theirs = Findings {
        serious_consequences: false,
        ..rec.case.findings.clone().expect("findings")
    };
    them.execute(
        Command::SetFindings {
            case: CASE.into(),
            findings: theirs,
            expected_version: rec.version,
        },
        crate::common::today(),
    )
    .expect("their save");
    save(app, me);
    // The stale save came back as a conflict (over the socket: its wire form), with the
    // case's history to say who changed it; nothing of theirs was overwritten.
    let view = app
        .conflict
        .as_ref()
        .unwrap_or_else(|| panic!("{mode:?}: no conflict view; {:?}", app.message));
    assert_eq!(
        view.rows.iter().filter(|r| r.differs).count(),
        2,
        "{mode:?}"
    );
    let now = findings(them);
    assert!(
        !now.serious_consequences && !has_5_1(&now),
        "{mode:?}: {now:?}"
    );
    // Keep theirs, re-apply mine, save: both answers stand.
    press(app, me, "r");
    assert!(app.conflict.is_none());
    save(app, me);
    assert!(app.form.is_none(), "{mode:?}: saved: {:?}", app.message);
    let merged = findings(them);
    assert!(
        has_5_1(&merged) && !merged.serious_consequences,
        "{mode:?}: {merged:?}"
    );
    // The workbench refreshed from the backend and shows the saved version.
    let shown = app
        .data
        .cases
        .iter()
        .find(|r| r.case.number == CASE)
        .expect("case 7 on screen");
    assert_eq!(
        shown.version,
        me.case(CASE).expect("case").version,
        "{mode:?}"
    );
}

#[test]
fn a_form_saves_through_the_service_and_a_stale_save_shows_both_versions() {
    for mode in MODES {
        let _in = InMode(mode);
        // A fresh database per mode: the scenario writes.
        let modes = Modes::new(&crate::common::ui::bundle());
        let mut app = modes.app(mode, "wangl", Lang::En);
        match mode {
            Mode::Direct => scenario(
                mode,
                &mut app,
                &mut modes.session("wangl"),
                &mut modes.session("zhaom"),
            ),
            Mode::Served => scenario(
                mode,
                &mut app,
                &mut modes.client("wangl"),
                &mut modes.client("zhaom"),
            ),
        }
        // The service recorded both saves, each under its own person.
        let log = modes.session("liuf").history(CASE).expect("history");
        let saves: Vec<&str> = log
            .iter()
            .filter(|e| e.action == "set_findings")
            .map(|e| e.actor.as_str())
            .collect();
        assert_eq!(saves, ["zhaom", "wangl"], "{mode:?}");
    }
}
