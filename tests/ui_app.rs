//! The pure update: keys in, effects out. Refusals with reasons, the submission gate, forms
//! that keep their text on error, refreshes that keep the user's place.

mod common;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use culpa::domain::model::{Findings, Grade};
use culpa::i18n::Lang;
use culpa::ui::app::{App, Draft, Effect, Event, Level, Screen};
use culpa::ui::backend::Backend;
use culpa::ui::data::Data;
use culpa::ui::forms::Step;
use culpa::ui::perms;
use culpa::workflow::Command;

fn press(app: &mut App, keys: &str) -> Vec<Effect> {
    let mut out = Vec::new();
    for c in keys.chars() {
        let code = match c {
            '\n' => KeyCode::Enter,
            '\u{1b}' => KeyCode::Esc,
            '\u{8}' => KeyCode::Backspace,
            c => KeyCode::Char(c),
        };
        out.extend(app.update(Event::Key(KeyEvent::new(code, KeyModifiers::NONE))));
    }
    out
}

fn error(app: &App) -> String {
    match &app.message {
        Some((Level::Error, m)) => m.clone(),
        other => panic!("expected an error message, got {other:?}"),
    }
}

#[test]
fn refused_steps_say_why() {
    // (actor, filter to open the case, key, expected text; None = a form opens)
    let rows: &[(&str, &str, &str, Option<&str>)] = &[
        ("liuf", "7号", "e", Some("un-recused member")),
        ("wangl", "9号", "a", Some("needs legal")),
        ("liuf", "7号", "a", Some("while the case is investigating")),
        ("wuy", "7号", "D", Some("while the case is investigating")),
        ("chenj", "5号", "D", Some("must recuse (Art. 10(3))")),
        ("wangl", "7号", "t", Some("needs chief")),
        ("liuf", "9号", "o", Some("no named complainant")),
        ("wuy", "5号", "D", None),
        ("liuf", "9号", "a", None),
        ("liuf", "9号", "x", None),
        ("chenj", "3号", "c", None),
        ("wangl", "7号", "e", None),
        ("wangl", "7号", "u", None),
    ];
    for (actor, case, key, want) in rows {
        let mut app = common::ui::app(actor, Lang::En);
        press(&mut app, &format!("/{case}\n\n"));
        assert_eq!(app.screen, Screen::Case, "{actor} {case}");
        let fx = press(&mut app, key);
        assert!(fx.is_empty(), "{actor} {key}: {fx:?}");
        match want {
            Some(w) => {
                assert!(app.form.is_none(), "{actor} {key} opened a form");
                let m = error(&app);
                assert!(m.contains(w), "{actor} {case} {key}: {m}");
            }
            None => assert!(
                app.form.is_some(),
                "{actor} {case} {key}: {:?}",
                app.message
            ),
        }
    }
}

#[test]
fn refusals_are_in_chinese_too() {
    let mut app = common::ui::app("liuf", Lang::Zh);
    press(&mut app, "/7号\n\ne");
    assert!(
        error(&app).contains("未回避的调查组成员"),
        "{}",
        error(&app)
    );
}

#[test]
fn hints_offer_only_what_is_permitted() {
    let app = common::ui::app("wangl", Lang::En);
    let case = |n: &str| {
        app.data
            .cases
            .iter()
            .find(|r| r.case.number.contains(n))
            .map(|r| &r.case)
    };
    let dir = &app.data.dir;
    let me = |login: &str| dir.person(login).expect("person").clone();
    let rows: &[(&str, &str, &[Step], &[Step])] = &[
        (
            "wangl",
            "7号",
            &[
                Step::AddEvidence,
                Step::Findings,
                Step::Submit,
                Step::Recuse,
            ],
            &[Step::Accept, Step::Decide, Step::AppointTeam],
        ),
        (
            "liuf",
            "9号",
            &[Step::Accept, Step::Reject, Step::Intake],
            &[Step::AddEvidence, Step::Notify],
        ),
        (
            "liuf",
            "7号",
            &[Step::Intake],
            &[Step::Accept, Step::AddEvidence],
        ),
        ("wuy", "5号", &[Step::Decide], &[Step::Submit]),
        ("chenj", "5号", &[], &[Step::Decide]),
        ("chenj", "3号", &[Step::ApplySanction], &[Step::Close]),
    ];
    for (actor, n, yes, no) in rows {
        let offered = perms::offered(&me(actor), case(n), dir);
        for a in *yes {
            assert!(offered.contains(a), "{actor} {n} should be offered {a:?}");
        }
        for a in *no {
            assert!(
                !offered.contains(a),
                "{actor} {n} must not be offered {a:?}"
            );
        }
    }
}

#[test]
fn submission_is_refused_while_blockers_remain() {
    let mut app = common::ui::app("wangl", Lang::En);
    press(&mut app, "/7号\n\nS");
    let cs = app.case.as_ref().expect("case open");
    assert!(cs.gate);
    assert!(!cs.derived.check.ready());
    assert_eq!(
        cs.derived.blocker_messages.len(),
        cs.derived.check.blockers.len()
    );
    let fx = press(&mut app, "\n");
    assert!(fx.is_empty());
    assert!(app.form.is_none(), "no submit form while blocked");
    assert!(error(&app).contains("Submission refused"));
    // Esc leaves the gate, then the case, harmlessly.
    press(&mut app, "\u{1b}");
    assert!(!app.case.as_ref().expect("case").gate);
    assert_eq!(app.screen, Screen::Case);
}

#[test]
fn a_failed_command_keeps_the_form_open_and_a_success_closes_it() {
    let mut app = common::ui::app("wangl", Lang::En);
    press(&mut app, "/7号\n\ne");
    assert_eq!(app.form.as_ref().map(|f| f.kind()), Some(Step::AddEvidence));
    let fx = app.update(Event::Executed(Err("case changed by zhaom".into())));
    assert_eq!(fx, vec![Effect::Refresh]);
    assert!(app.form.is_some(), "form kept after an error");
    let fx = app.update(Event::Executed(Ok(culpa::workflow::Applied {
        case: None,
        version: 2,
    })));
    // Saved: the form's draft (if one was kept) has served, then the refresh.
    let key = (Step::AddEvidence, Some("卧应急责〔2026〕7号".to_string()));
    assert_eq!(fx, vec![Effect::DeleteDraft(key), Effect::Refresh]);
    assert!(app.form.is_none());
    // Esc in a form closes it and nothing else.
    press(&mut app, "e");
    let fx = press(&mut app, "\u{1b}");
    assert!(fx.is_empty() && app.form.is_none());
}

#[test]
fn esc_never_quits() {
    for keys in ["", "2", "/x", "/7号\n\n", "/7号\n\nS", "?", "/7号\n\ne"] {
        let mut app = common::ui::app("wangl", Lang::En);
        press(&mut app, keys);
        for _ in 0..4 {
            let fx = press(&mut app, "\u{1b}");
            assert!(!fx.contains(&Effect::Quit), "{keys}");
        }
    }
}

#[test]
fn a_changed_finding_is_shown_at_once_and_the_place_is_kept() {
    let mut backend = common::ui::backend(common::ui::bundle(), "wangl");
    let mut app = common::ui::app_from(&backend, Lang::En);
    press(&mut app, "/7号\n\nll");
    let before = app.case.as_ref().expect("case");
    assert_eq!(before.pane, 2);
    let persons = |a: &App| match &a.case.as_ref().expect("case").derived.verdict {
        Some(Ok(v)) => v
            .persons
            .iter()
            .map(|p| (p.login.clone(), p.grade))
            .collect::<Vec<_>>(),
        other => panic!("{:?}", other.as_ref().map(|r| r.is_ok())),
    };
    let graded = |v: &[(&str, Grade)]| -> Vec<(String, Grade)> {
        v.iter().map(|(l, g)| (l.to_string(), *g)).collect()
    };
    // Art. 5(2)4: handler direct, reviewer supervisory, approver important leadership.
    assert_eq!(
        persons(&app),
        graded(&[
            ("sunq", Grade::Direct),
            ("zhouh", Grade::Supervisory),
            ("chenj", Grade::ImportantLeadership),
        ])
    );
    // Another process sets findings naming only the handler's 5.2.1.
    let rec = backend.cases().expect("cases")[0].clone();
    let findings = Findings {
        rules: vec![culpa::domain::model::RuleFinding::R5_2_1 {}],
        ..rec.case.findings.clone().expect("findings")
    };
    backend
        .execute(
            Command::SetFindings {
                case: rec.case.number.clone(),
                findings,
                expected_version: rec.version,
            },
            common::ui::today(),
        )
        .expect("applied");
    let data = Data::load(&backend, common::ui::today()).expect("load");
    app.update(Event::Loaded(Box::new(data)));
    let after = app.case.as_ref().expect("still open");
    assert_eq!(after.number, rec.case.number);
    assert_eq!(after.pane, 2, "pane kept");
    // Art. 5(2)1 names the handler only; the other respondents are still listed, ungraded,
    // so the committee sees that no rule names them.
    assert_eq!(
        persons(&app),
        graded(&[
            ("sunq", Grade::Direct),
            ("zhouh", Grade::None),
            ("chenj", Grade::None)
        ]),
        "verdict recomputed from the new findings"
    );
}

#[test]
fn queue_filter_narrows_and_widens_and_keeps_the_selection() {
    let mut app = common::ui::app("wangl", Lang::En);
    press(&mut app, "2");
    let all = app.queue.visible.len();
    assert_eq!(all, app.data.rows.len());
    press(&mut app, "/申诉");
    assert_eq!(app.queue.visible.len(), 1);
    assert_eq!(app.queue.counts.values().sum::<usize>(), 1);
    press(&mut app, "\u{8}\u{8}");
    assert_eq!(app.queue.visible.len(), all);
    press(&mut app, "SUNQ"); // case-insensitive, matches logins
    assert!(app.queue.visible.len() >= 3, "{}", app.queue.visible.len());
    press(&mut app, "\u{1b}");
    assert_eq!(app.queue.filter, "");
    // Sorting keeps the selected case selected.
    press(&mut app, "jj");
    let sel = app.queue.selected_number(&app.data);
    press(&mut app, "s");
    assert_eq!(app.queue.selected_number(&app.data), sel);
}

#[test]
fn only_mine_keeps_my_login_and_my_roles() {
    let mut app = common::ui::app("liuf", Lang::En);
    let all = app.dash.visible.len();
    press(&mut app, "m");
    assert!(app.dash.only_mine);
    assert!(app.dash.visible.len() < all);
    for i in &app.dash.visible {
        assert_eq!(app.data.obligations[*i].owner, "legal");
    }
}

#[test]
fn hangup_saves_the_open_form_and_quits() {
    let mut app = common::ui::app("wangl", Lang::En);
    assert_eq!(app.update(Event::Hangup), vec![Effect::Quit]);
    press(&mut app, "/7号\n\ne");
    let fx = app.update(Event::Hangup);
    assert_eq!(fx.len(), 2);
    let Effect::SaveDraft(d) = &fx[0] else {
        panic!("{fx:?}")
    };
    assert_eq!(d.kind, Step::AddEvidence);
    assert_eq!(d.case.as_deref(), Some("卧应急责〔2026〕7号"));
    assert_eq!(Draft::from_json(&d.to_json()).as_ref(), Some(d));
    assert_eq!(fx[1], Effect::Quit);
    assert!(
        d.hangup,
        "a draft saved on hang-up is offered at the next start"
    );
    // Next start offers it back: Enter restores the form; the draft stays kept (no longer
    // offered at start) until the form is saved.
    let mut next = common::ui::app("wangl", Lang::En);
    next.draft_offer = Some(d.clone());
    assert_eq!(
        press(&mut next, "q"),
        vec![],
        "other keys wait for an answer"
    );
    let mut kept = d.clone();
    kept.hangup = false;
    assert_eq!(press(&mut next, "\n"), vec![Effect::SaveDraft(kept)]);
    assert_eq!(
        next.form.as_ref().map(|f| f.kind()),
        Some(Step::AddEvidence)
    );
}

#[test]
fn a_saved_submission_closes_the_gate() {
    use culpa::ui::forms::Form;
    use culpa::workflow::Applied;
    let mut app = common::ui::app("wangl", Lang::En);
    press(&mut app, "/7号\n\nS");
    assert!(app.case.as_ref().expect("case open").gate);
    // As if the gate had let the opinion through and its form was saved: the gate's
    // "ready" is stale now (the case is past submission), so it must not stay up.
    let form = Form::new(Step::Submit, &app.form_context());
    app.form = Some(form);
    let fx = app.update(Event::Executed(Ok(Applied {
        case: Some("卧应急责〔2026〕7号".into()),
        version: 2,
    })));
    // The test put the form in place by hand, without a case of its own.
    let key = (Step::Submit, None);
    assert_eq!(fx, vec![Effect::DeleteDraft(key), Effect::Refresh]);
    assert!(app.form.is_none());
    assert!(!app.case.as_ref().expect("case").gate);
    assert_eq!(app.screen, Screen::Case);
}

/// bundle-v2.md: the liability panel shows each person's final outcome after reviews and
/// appeals, and an applied sanction the final outcome no longer lists as "to be reversed".
#[test]
fn the_panel_shows_final_outcomes_and_sanctions_to_be_reversed() {
    use culpa::domain::model::{Appeal, AppealKind, AppealOutcome, Measure, Sanction};
    let mut b = common::ui::bundle();
    let x = b
        .cases
        .iter_mut()
        .find(|c| c.number == "卧应急责〔2026〕3号")
        .expect("the decided case");
    x.sanctions.push(Sanction {
        person: "sunq".into(),
        measure: Measure::M11_2,
        applied_on: common::date("2026-10-15"),
        note: "通报".into(),
        amount: None,
    });
    x.appeals.push(Appeal {
        person: "sunq".into(),
        kind: AppealKind::Review,
        filed_on: common::date("2026-10-20"),
        accepted_on: None,
        extended: false,
        decided_on: Some(common::date("2026-11-02")),
        result: Some("撤销原处理决定".into()),
        outcome: Some(AppealOutcome::Revoked),
        changed_to: None,
    });
    let backend = common::ui::backend(b, "liuf");
    let mut app = common::ui::app_from(&backend, Lang::En);
    press(&mut app, "/3号\n\nll");
    // A tall terminal, so the whole panel is on screen.
    let (screen, _) = common::ui::render(&app, 120, 120);
    let text = screen.join("\n");
    assert!(
        text.contains("Final outcome (after reviews and appeals)"),
        "{text}"
    );
    assert!(text.contains("revoked: nothing stands"), "{text}");
    assert!(text.contains("to be reversed"), "{text}");
}
