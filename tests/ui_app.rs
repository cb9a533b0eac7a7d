//! The pure update: keys in, effects out. Refusals with reasons, the submission gate, forms
//! that keep their text on error, refreshes that keep the user's place.

mod common;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use culpa::domain::model::{Findings, Grade};
use culpa::i18n::Lang;
use culpa::ui::app::{App, Draft, Effect, Event, Level, Screen};
use culpa::ui::backend::Backend;
use culpa::ui::data::{Data, shared};
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
    let bundle = common::ui::bundle();
    let case = |n: &str| bundle.cases.iter().find(|c| c.number.contains(n));
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
    let data = Data::load(&shared(backend.clone()), common::ui::today()).expect("load");
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
    let all = app.queue.list.rows().len();
    assert_eq!(Some(all as u64), app.queue.list.counts.shown);
    assert_eq!(app.queue.list.counts.all, all as u64);
    press(&mut app, "/申诉");
    assert_eq!(app.queue.list.rows().len(), 1);
    assert_eq!(app.queue.list.counts.shown, Some(1));
    assert_eq!(
        app.queue
            .list
            .counts
            .stages
            .iter()
            .map(|s| s.1)
            .sum::<u64>(),
        1
    );
    press(&mut app, "\u{8}\u{8}");
    assert_eq!(app.queue.list.rows().len(), all);
    press(&mut app, "SUNQ"); // case-insensitive, matches logins
    assert!(
        app.queue.list.rows().len() >= 3,
        "{}",
        app.queue.list.rows().len()
    );
    press(&mut app, "\u{1b}");
    assert_eq!(app.queue.filter, "");
    // Sorting keeps the selected case selected.
    press(&mut app, "jj");
    let sel = app.queue.selected_number();
    press(&mut app, "s");
    assert_eq!(app.queue.selected_number(), sel);
}

#[test]
fn only_mine_keeps_my_login_and_my_roles() {
    let mut app = common::ui::app("liuf", Lang::En);
    let all = app.dash.list.rows().len();
    press(&mut app, "m");
    assert!(app.dash.only_mine);
    assert!(app.dash.list.rows().len() < all);
    for r in app.dash.list.rows() {
        assert_eq!(r.obligation.owner, "legal");
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

// ---- Issue 8: every deadline row's owner can take the step that closes it ----

mod owners {
    use chrono::NaiveDate;

    use super::common;
    use super::press;
    use common::workflow::{Db, case_at, recused};
    use culpa::domain::deadlines::{Obligation, ObligationKind};
    use culpa::domain::model::{Appeal, AppealKind, Case, Measure, Person, Role, Sanction, Stage};
    use culpa::domain::step::Step;
    use culpa::i18n::Lang;
    use culpa::ui::app::{App, Level, Screen};
    use culpa::ui::backend::Backend;
    use culpa::ui::data::{Data, shared};
    use culpa::ui::keymap::Keymap;
    use culpa::ui::perms;
    use culpa::ui::theme::Theme;
    use culpa::workflow::Session;

    fn today() -> NaiveDate {
        common::workflow::today()
    }

    /// Every kind, so that a new one fails to compile here until the walk reaches it.
    fn every_kind() -> Vec<ObligationKind> {
        use ObligationKind::*;
        let all = [
            Acceptance,
            Notification,
            DecisionReport,
            Sanction,
            ReviewDecision,
            AppealDecision,
        ];
        for k in all {
            match k {
                Acceptance | Notification | DecisionReport | Sanction | ReviewDecision
                | AppealDecision => {}
            }
        }
        all.to_vec()
    }

    fn numbered(mut c: Case, serial: u32) -> Case {
        c.number = format!("卧应急责〔2026〕{serial}号");
        c
    }

    fn appealed(kind: AppealKind, serial: u32) -> Case {
        let mut c = numbered(case_at(Stage::Decided), serial);
        c.sanctions.push(Sanction {
            person: "sunq".into(),
            measure: Measure::M11_2,
            applied_on: common::workflow::d(11, 12),
            note: String::new(),
            amount: None,
        });
        c.appeals.push(Appeal {
            person: "sunq".into(),
            kind,
            filed_on: common::workflow::d(11, 14),
            accepted_on: (kind == AppealKind::Appeal).then(|| common::workflow::d(11, 16)),
            extended: false,
            decided_on: None,
            result: None,
            outcome: None,
            changed_to: None,
        });
        c.stage = Stage::Appealed;
        c
    }

    /// A case at every point where an obligation is open, written through the store (so the
    /// stored projection computes the owners).
    fn walk_db() -> Db {
        let db = Db::new(true);
        // Acceptance (legal).
        db.put(&numbered(case_at(Stage::Received), 21));
        // Accepted, the named complainant not yet told, no team: notification (whoever
        // accepted) and the report, whose open step is appointing the team (chief).
        let mut c = numbered(case_at(Stage::Accepted), 22);
        if let Some(a) = &mut c.acceptance {
            a.notified_on = None;
        }
        db.put(&c);
        // Investigating: the report, the first un-recused investigator's.
        db.put(&numbered(case_at(Stage::Investigating), 23));
        // Every member recused: the chief appoints again.
        let c = recused(recused(case_at(Stage::Investigating), "wangl"), "zhaom");
        db.put(&numbered(c, 24));
        // Decided: a measure to apply (chief).
        db.put(&numbered(case_at(Stage::Decided), 25));
        // A pending review and a pending appeal (legal records the decision).
        db.put(&appealed(AppealKind::Review, 26));
        db.put(&appealed(AppealKind::Appeal, 27));
        db
    }

    fn data_as(db: &Db, login: &str) -> Data {
        let s: Session = db.as_(login);
        Data::load(&shared(s), today()).expect("load")
    }

    /// Every open obligation the session's actor sees, and every case, as the dashboard
    /// pages them.
    struct Seen {
        dir: culpa::domain::Directory,
        obligations: Vec<Obligation>,
        cases: Vec<Case>,
    }

    fn seen_by(s: &dyn Backend) -> Seen {
        let (obligations, _) = s.open_obligations(today(), false).expect("obligations");
        let cases = s
            .cases()
            .expect("cases")
            .into_iter()
            .map(|r| r.case)
            .collect();
        Seen {
            dir: s.directory().expect("directory"),
            obligations,
            cases,
        }
    }

    impl Seen {
        fn case(&self, n: &str) -> &Case {
            self.cases
                .iter()
                .find(|c| c.number == n)
                .expect("row's case")
        }
    }

    /// The people an owner names: the person, or everyone holding the role.
    fn owners<'a>(data: &'a Seen, o: &Obligation) -> Vec<&'a Person> {
        if let Some(p) = data.dir.person(&o.owner) {
            return vec![p];
        }
        let role = Role::ALL
            .into_iter()
            .find(|r| r.as_str() == o.owner)
            .unwrap_or_else(|| panic!("owner {:?} is neither a person nor a role", o.owner));
        data.dir.people().filter(|p| p.has(role)).collect()
    }

    /// Every row's owner (each holder of an owning role) may take the row's step on its
    /// case, by the same permissions that gate the keys. Returns the (kind, step) pairs seen.
    fn assert_owners_can_act(data: &Seen, what: &str) -> Vec<(ObligationKind, Step)> {
        let mut seen = Vec::new();
        assert!(!data.obligations.is_empty(), "{what}: no rows");
        for o in &data.obligations {
            let case = data.case(&o.case);
            let who = owners(data, o);
            assert!(!who.is_empty(), "{what}: nobody holds {:?}", o.owner);
            for p in who {
                if let Err(why) = perms::permit(o.step(), p, Some(case), &data.dir, Lang::En) {
                    panic!(
                        "{what}: {} owns {:?} of {} but cannot {:?}: {why}",
                        p.login,
                        o.kind,
                        o.case,
                        o.step()
                    );
                }
            }
            seen.push((o.kind, o.step()));
        }
        seen
    }

    #[test]
    fn every_deadline_kind_is_owned_by_someone_who_may_close_it() {
        let db = walk_db();
        let data = seen_by(&db.as_("root"));
        let seen = assert_owners_can_act(&data, "walk");
        for k in every_kind() {
            assert!(seen.iter().any(|(s, _)| *s == k), "{k:?} not reached");
        }
        // The report has two owners: the team (report) and, with no team, the chief
        // (appoint the team first).
        for step in [Step::Submit, Step::AppointTeam] {
            assert!(
                seen.contains(&(ObligationKind::DecisionReport, step)),
                "{step:?}: {seen:?}"
            );
        }
        for k in [
            ObligationKind::ReviewDecision,
            ObligationKind::AppealDecision,
        ] {
            // bundle-v2.md: the appealing person's case team (its first un-recused member).
            let o = data.obligations.iter().find(|o| o.kind == k).expect("row");
            let case = data.case(&o.case);
            assert_eq!(
                case.active_investigators(None).first().copied(),
                Some(o.owner.as_str()),
                "{k:?}: owned by the case team"
            );
        }
    }

    #[test]
    fn the_demo_names_only_owners_who_can_act() {
        let (_db, s) = common::workflow::demo_imported(today());
        let data = seen_by(&s);
        let seen = assert_owners_can_act(&data, "demo");
        assert!(seen.len() >= 5, "{seen:?}");
    }

    fn app_as(db: &Db, login: &str, lang: Lang) -> App {
        App::new(
            data_as(db, login),
            lang,
            today(),
            Theme::new(true, false),
            Keymap::default(),
        )
    }

    fn select(app: &mut App, serial: u32, kind: ObligationKind) {
        let n = format!("卧应急责〔2026〕{serial}号");
        app.dash.list.selected = app
            .dash
            .list
            .rows()
            .iter()
            .position(|r| r.obligation.case == n && r.obligation.kind == kind)
            .unwrap_or_else(|| panic!("no {kind:?} row of {n}"));
        // As a move of the selection does: the row's case is read.
        let drafts = app.drafts.clone();
        app.update(culpa::ui::app::Event::Drafts(drafts));
    }

    #[test]
    fn a_team_less_report_row_says_appoint_and_enter_opens_that_form() {
        let db = walk_db();
        let mut app = app_as(&db, "chenj", Lang::Zh);
        select(&mut app, 22, ObligationKind::DecisionReport);
        let (rows, _) = common::ui::render(&app, 120, 40);
        // Wide characters fill two cells; the second reads as a space here.
        let rows: Vec<String> = rows.iter().map(|r| r.replace(' ', "")).collect();
        let row = rows
            .iter()
            .find(|r| r.contains("〕22号") && !r.contains("告知投诉人"))
            .unwrap_or_else(|| panic!("{}", rows.join("\n")));
        assert!(row.contains("指定调查组"), "{row}");
        assert!(!row.contains("报送处理意见"), "{row}");
        press(&mut app, "\n");
        assert_eq!(app.screen, Screen::Case, "the row's case is open beneath");
        let f = app.form.as_ref().expect("the appointment form");
        assert_eq!(f.kind(), Step::AppointTeam);
        assert_eq!(app.form_case.as_deref(), Some("卧应急责〔2026〕22号"));
        // Esc keeps a draft and shows the case; Esc again goes back to the dashboard.
        press(&mut app, "\u{1b}");
        assert!(app.form.is_none());
        press(&mut app, "\u{1b}");
        assert_eq!(app.screen, Screen::Dashboard);
    }

    #[test]
    fn enter_on_a_sanction_or_appeal_row_aims_the_form_at_that_row() {
        let db = walk_db();
        let mut app = app_as(&db, "chenj", Lang::En);
        select(&mut app, 25, ObligationKind::Sanction);
        press(&mut app, "\n");
        let f = app.form.as_ref().expect("sanction form");
        assert_eq!(f.kind(), Step::ApplySanction);
        assert_eq!(f.values()["item"], "sunq|11.2");

        let mut app = app_as(&db, "liuf", Lang::En);
        for (serial, kind) in [
            (26, ObligationKind::ReviewDecision),
            (27, ObligationKind::AppealDecision),
        ] {
            select(&mut app, serial, kind);
            press(&mut app, "\n");
            let f = app.form.as_ref().expect("appeal decision form");
            assert_eq!(f.kind(), Step::DecideAppeal, "{kind:?}");
            assert_eq!(f.values()["appeal"], "0", "{kind:?}");
            press(&mut app, "\u{1b}\u{1b}");
            assert_eq!(app.screen, Screen::Dashboard);
        }
    }

    #[test]
    fn enter_on_someone_elses_row_opens_the_case_and_names_the_step_and_owner() {
        let db = walk_db();
        let mut app = app_as(&db, "liuf", Lang::En);
        select(&mut app, 22, ObligationKind::DecisionReport);
        press(&mut app, "\n");
        assert_eq!(app.screen, Screen::Case);
        assert!(app.form.is_none(), "no form the user cannot submit");
        match &app.message {
            Some((Level::Info, m)) => {
                assert!(m.contains("appoint team") && m.contains("chief"), "{m}")
            }
            other => panic!("{other:?}"),
        }
    }
}
