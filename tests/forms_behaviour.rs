//! Forms as state machines: keys in, commands out.

mod common;

use common::forms::*;
use culpa::domain::model::{Findings, RuleFinding};
use culpa::domain::{Directory, Person};
use culpa::i18n::Lang;
use culpa::ui::forms::{Form, FormOutcome, Step};
use culpa::workflow::Command;
use ratatui::crossterm::event::KeyCode;

fn d(s: &str) -> chrono::NaiveDate {
    chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

#[test]
fn esc_cancels_every_form() {
    let fx = Fixture::decided();
    let ctx = fx.ctx(Lang::Zh);
    for kind in Step::ALL {
        let mut form = Form::new(kind, &ctx);
        assert_eq!(
            form.handle_key(key(KeyCode::Esc), &ctx),
            FormOutcome::Cancel,
            "{kind:?}"
        );
    }
}

#[test]
fn accept_and_reject_produce_the_exact_commands() {
    let fx = Fixture::example();
    let ctx = fx.ctx(Lang::En);
    let mut form = Form::new(Step::Accept, &ctx);
    form.handle_key(ctrl('u'), &ctx);
    type_str(&mut form, &ctx, "-11");
    form.handle_key(key(KeyCode::Tab), &ctx);
    type_str(&mut form, &ctx, "有事实依据");
    // Enter on the last field submits.
    assert_eq!(
        form.handle_key(key(KeyCode::Enter), &ctx),
        FormOutcome::Submit(Command::Accept {
            case: "卧应急责〔2026〕7号".into(),
            on: d("2026-10-09"),
            reason: Some("有事实依据".into()),
        })
    );
    // Art. 10(1): a rejection without a reason is refused at the field.
    let mut form = Form::new(Step::Reject, &ctx);
    assert_eq!(form.handle_key(ctrl('s'), &ctx), FormOutcome::Continue);
    assert_eq!(form.field_error("reason"), Some("required"));
    focus(&mut form, &ctx, "reason");
    type_str(&mut form, &ctx, "无事实依据");
    assert_eq!(
        form.handle_key(ctrl('s'), &ctx),
        FormOutcome::Submit(Command::Reject {
            case: "卧应急责〔2026〕7号".into(),
            on: d("2026-10-20"),
            reason: "无事实依据".into(),
        })
    );
}

fn submitted_findings(form: &mut Form, ctx: &culpa::ui::forms::FormContext) -> Findings {
    match form.handle_key(ctrl('s'), ctx) {
        FormOutcome::Submit(Command::SetFindings {
            findings,
            expected_version,
            ..
        }) => {
            assert_eq!(expected_version, 1);
            findings
        }
        other => panic!("expected findings, got {other:?}"),
    }
}

#[test]
fn findings_prefill_round_trips() {
    let fx = Fixture::example();
    let ctx = fx.ctx(Lang::Zh);
    let mut form = Form::new(Step::Findings, &ctx);
    let got = submitted_findings(&mut form, &ctx);
    assert_eq!(Some(got), fx.record.case.findings);
}

#[test]
fn findings_questions_map_to_rules() {
    let mut fx = Fixture::example();
    fx.record.case.findings = None;
    let ctx = fx.ctx(Lang::Zh);
    // Answering yes to the 5.2.4 question yields exactly R5_2_4.
    let mut form = Form::new(Step::Findings, &ctx);
    focus(&mut form, &ctx, "r5.2.4");
    form.handle_key(key(KeyCode::Char('y')), &ctx);
    assert_eq!(
        submitted_findings(&mut form, &ctx).rules,
        vec![RuleFinding::R5_2_4 {}]
    );

    // 5.2.9 instructed by the reviewer, agreed by the approver.
    let mut form = Form::new(Step::Findings, &ctx);
    focus(&mut form, &ctx, "r5.2.9");
    form.handle_key(key(KeyCode::Char('y')), &ctx);
    focus(&mut form, &ctx, "r5.2.9.instructed_by");
    form.handle_key(key(KeyCode::Right), &ctx);
    focus(&mut form, &ctx, "r5.2.9.agreed");
    form.handle_key(key(KeyCode::Char('y')), &ctx);
    assert_eq!(
        submitted_findings(&mut form, &ctx).rules,
        vec![RuleFinding::R5_2_9 {
            instructed_by: Some(culpa::domain::model::Superior::Reviewer),
            agreed_by_approver: true
        }]
    );

    // 5.2.10 needs who ordered; then obviously illegal.
    let mut form = Form::new(Step::Findings, &ctx);
    focus(&mut form, &ctx, "r5.2.10");
    form.handle_key(key(KeyCode::Char('y')), &ctx);
    assert_eq!(form.handle_key(ctrl('s'), &ctx), FormOutcome::Continue);
    assert!(form.field_error("r5.2.10.ordered_by").is_some());
    focus(&mut form, &ctx, "r5.2.10.ordered_by");
    form.handle_key(key(KeyCode::Left), &ctx);
    focus(&mut form, &ctx, "r5.2.10.illegal");
    form.handle_key(key(KeyCode::Char('y')), &ctx);
    assert_eq!(
        submitted_findings(&mut form, &ctx).rules,
        vec![RuleFinding::R5_2_10 {
            ordered_by: culpa::domain::model::Superior::Approver,
            obviously_illegal: true
        }]
    );

    // 7.1 is not asked about an act that was not made on the spot.
    let mut form = Form::new(Step::Findings, &ctx);
    assert!(
        !form.draft()["fields"]
            .as_object()
            .unwrap()
            .contains_key("r7.1")
    );
    // 7.3 names the interferer; cleared + named is refused.
    focus(&mut form, &ctx, "r7.3");
    form.handle_key(key(KeyCode::Char('y')), &ctx);
    focus(&mut form, &ctx, "r7.3.persons");
    type_str(&mut form, &ctx, "sunq ");
    focus(&mut form, &ctx, "cleared");
    form.handle_key(key(KeyCode::Char(' ')), &ctx);
    assert_eq!(form.handle_key(ctrl('s'), &ctx), FormOutcome::Continue);
    assert!(form.field_error("cleared").is_some());
}

#[test]
fn paste_goes_into_the_focused_field_with_newlines_only_in_multiline() {
    let fx = Fixture::example();
    let ctx = fx.ctx(Lang::Zh);
    let mut form = Form::new(Step::AddEvidence, &ctx);
    focus(&mut form, &ctx, "description");
    form.handle_paste("处罚决定书\r\n复印件\x1b[31m");
    assert_eq!(
        form.draft()["fields"]["description"],
        "处罚决定书 复印件[31m"
    );
    let mut form = Form::new(Step::RecordInterview, &ctx);
    focus(&mut form, &ctx, "transcript");
    form.handle_paste("问：姓名？\r\n答：孙强");
    assert_eq!(form.draft()["fields"]["transcript"], "问：姓名？\n答：孙强");
}

#[test]
fn cursor_sits_after_chinese_text_by_display_width() {
    let fx = Fixture::example();
    let ctx = fx.ctx(Lang::Zh);
    let mut form = Form::new(Step::AddEvidence, &ctx);
    focus(&mut form, &ctx, "description");
    type_str(&mut form, &ctx, "复印件");
    let (_, cursor) = render(&form, &ctx, 80, 24);
    // border 1 + marker 2 + widest inline label "证据类别"/"收集日期"/"附件路径" (8) + 1 gap,
    // then 复印件 = 6 columns.
    let pos = cursor.expect("cursor placed");
    assert_eq!((pos.x, pos.y), (1 + 2 + 8 + 1 + 6, 2));
}

#[test]
fn draft_round_trip_restores_what_was_typed() {
    let fx = Fixture::example();
    let ctx = fx.ctx(Lang::Zh);
    let mut form = Form::new(Step::RecordInterview, &ctx);
    focus(&mut form, &ctx, "kind");
    form.handle_key(key(KeyCode::Right), &ctx); // officer
    focus(&mut form, &ctx, "transcript");
    type_str(&mut form, &ctx, "问：当时谁批准的？\n答：陈杰。");
    let draft = form.draft();
    let back = Form::from_draft(Step::RecordInterview, &draft, &ctx).unwrap();
    assert_eq!(back.draft(), draft);
    assert_eq!(back.focused(), "transcript");
    assert!(Form::from_draft(Step::Accept, &draft, &ctx).is_none());
}

#[test]
fn evidence_file_path_is_checked_at_the_field() {
    let fx = Fixture::example();
    let ctx = fx.ctx(Lang::En);
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("决定书.pdf");
    std::fs::write(&file, b"%PDF").unwrap();
    for (path, ok) in [
        (dir.path().join("missing.pdf"), false),
        (dir.path().to_path_buf(), false),
        (file.clone(), true),
    ] {
        let mut form = Form::new(Step::AddEvidence, &ctx);
        focus(&mut form, &ctx, "description");
        type_str(&mut form, &ctx, "处罚决定书");
        focus(&mut form, &ctx, "file");
        form.handle_paste(path.to_str().unwrap());
        let out = form.handle_key(ctrl('s'), &ctx);
        assert_eq!(matches!(out, FormOutcome::Submit(_)), ok, "{path:?}");
        assert_eq!(form.field_error("file").is_none(), ok, "{path:?}");
    }
}

#[test]
fn sanction_amount_for_compensation() {
    let fx = Fixture::decided();
    let ctx = fx.ctx(Lang::En);
    let mut form = Form::new(Step::ApplySanction, &ctx);
    form.handle_key(key(KeyCode::Right), &ctx); // 11.6
    focus(&mut form, &ctx, "amount");
    type_str(&mut form, &ctx, "1200.50");
    match form.handle_key(ctrl('s'), &ctx) {
        FormOutcome::Submit(Command::ApplySanction { sanction, .. }) => {
            assert_eq!(sanction.measure, culpa::domain::model::Measure::M11_6);
            assert_eq!(sanction.amount, Some(1200.5));
            assert_eq!(sanction.person, "sunq");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn team_needs_two_uninvolved_investigators() {
    // A case just accepted: no team yet.
    let mut fx = Fixture::example();
    fx.record.case.team = None;
    fx.record.case.stage = culpa::domain::model::Stage::Accepted;
    let ctx = fx.ctx(Lang::En);
    let mut form = Form::new(Step::AppointTeam, &ctx);
    focus(&mut form, &ctx, "members");
    form.handle_key(key(KeyCode::Char(' ')), &ctx); // 王磊
    assert_eq!(form.handle_key(ctrl('s'), &ctx), FormOutcome::Continue);
    assert!(form.field_error("members").unwrap().contains("at least 2"));
    focus(&mut form, &ctx, "members");
    form.handle_key(key(KeyCode::Down), &ctx);
    form.handle_key(key(KeyCode::Char(' ')), &ctx); // 赵敏, a relative of 周华 (Art. 10(2))
    assert_eq!(form.handle_key(ctrl('s'), &ctx), FormOutcome::Continue);
    assert!(form.field_error("members").unwrap().contains("赵敏"));
}

/// Art. 10(2) on a case under investigation: the chosen join the team, so after a recusal
/// has left one investigator, one more is enough — and re-ticking a member already on the
/// team adds nobody.
#[test]
fn after_a_recusal_one_more_investigator_is_enough() {
    use culpa::domain::model::{Recusal, Role};
    let mut fx = Fixture::example();
    let mut people: Vec<Person> = fx.dir.people().cloned().collect();
    people.push(Person {
        login: "lix".into(),
        name: "李霞".into(),
        unit: "法制股".into(),
        roles: vec![Role::Investigator],
    });
    fx.dir = Directory::new(people, fx.dir.relations().to_vec());
    fx.record.case.recusals.push(Recusal {
        person: "zhaom".into(),
        on: d("2026-10-12"),
        reason: "与被调查人周华系表兄妹".into(),
    });
    let ctx = fx.ctx(Lang::En);
    let mut form = Form::new(Step::AppointTeam, &ctx);
    focus(&mut form, &ctx, "members");
    type_str(&mut form, &ctx, "wangl ");
    assert_eq!(form.handle_key(ctrl('s'), &ctx), FormOutcome::Continue);
    assert!(
        form.field_error("members").unwrap().contains("at least 1"),
        "{:?}",
        form.field_error("members")
    );
    focus(&mut form, &ctx, "members");
    form.handle_key(ctrl('u'), &ctx);
    type_str(&mut form, &ctx, "lix ");
    assert_eq!(
        form.handle_key(ctrl('s'), &ctx),
        FormOutcome::Submit(Command::AppointTeam {
            case: "卧应急责〔2026〕7号".into(),
            on: today(),
            members: vec!["lix".into()],
        })
    );
}

/// Art. 8(3): the Decide form reads the same priors as the liability panel, so its
/// suggestions (grade preselected, outcome beside it) are the engine's, priors included.
#[test]
fn decide_suggests_what_the_liability_engine_says_with_the_priors() {
    use culpa::domain::liability::{PriorOutcome, liability};
    use culpa::domain::model::Grade;
    let prior = PriorOutcome {
        case: "卧应急责〔2026〕3号".into(),
        login: "sunq".into(),
        grade: Grade::Direct,
        exempted: false,
        decided_on: d("2026-05-10"),
    };
    // (priors, sunq's suggested outcome on screen)
    let rows: Vec<(Vec<PriorOutcome>, &str)> = vec![
        (Vec::new(), "rules suggest: pursue "),
        (vec![prior], "rules suggest: pursue, heavier handling"),
    ];
    for (priors, sunq_outcome) in rows {
        let mut fx = Fixture::example();
        fx.priors = priors;
        let ctx = fx.ctx(Lang::En);
        let form = Form::new(Step::Decide, &ctx);
        let fields = &form.draft()["fields"];
        // Art. 5(2)4: the handler direct, the reviewer supervisory — as the engine says.
        let v = liability(&fx.record.case, &fx.dir, fx.priors(), today()).expect("verdict");
        for (i, login) in ["sunq", "zhouh"].iter().enumerate() {
            let p = v.persons.iter().find(|p| p.login == *login).expect("named");
            assert_eq!(fields[format!("grade.{i}")], p.grade.as_str(), "{login}");
        }
        assert_eq!(fields["grade.0"], "direct");
        assert_eq!(fields["grade.1"], "supervisory");
        let (screen, _) = render(&form, &ctx, 120, 40);
        let row = screen
            .lines()
            .find(|l| l.contains("孙强 (sunq): liability"))
            .expect("sunq's grade row");
        assert!(row.contains(sunq_outcome), "{row}");
    }
}

/// Findings the rules cannot apply (5.2.4 on an act without a reviewer): no grade is
/// guessed, "none" is preselected with a visible note, and the help says what is wrong.
#[test]
fn decide_falls_back_to_none_with_a_note_when_the_findings_cannot_be_applied() {
    let mut fx = Fixture::example();
    fx.record.case.act.reviewer = None;
    for (lang, note, error) in [
        (
            Lang::En,
            "the findings cannot be applied; set it by hand",
            "rule 5.2.4 names the act's reviewer",
        ),
        (Lang::Zh, "调查认定无法适用规则，须自行确定", "未登记审核人"),
    ] {
        let ctx = fx.ctx(lang);
        let mut form = Form::new(Step::Decide, &ctx);
        let fields = &form.draft()["fields"];
        assert_eq!(fields["grade.0"], "none");
        assert_eq!(fields["grade.1"], "none");
        let (screen, _) = render(&form, &ctx, 120, 40);
        assert!(screen.contains(note), "{screen}");
        focus(&mut form, &ctx, "grade.0");
        let (screen, _) = render(&form, &ctx, 120, 40);
        assert!(screen.contains(error), "{screen}");
    }
}

/// A form field's current value (what a draft would keep).
fn value(form: &Form, id: &str) -> serde_json::Value {
    form.values()[id].clone()
}

/// Art. 10(2): the interview form opens on the hearing the record still lacks — the first
/// respondent with no counted statement and defence, then the counterpart — with the
/// interviewers preselected when the team leaves only one pair that can make it count, and
/// the focus on the first answer the record cannot give.
#[test]
fn the_interview_form_opens_on_the_hearing_the_record_lacks() {
    use culpa::domain::model::{Interview, InterviewKind, Recusal};
    let mut fx = Fixture::example();
    {
        let ctx = fx.ctx(Lang::En);
        let form = Form::new(Step::RecordInterview, &ctx);
        // 孙强's hearing had 赵敏 (a relative of the reviewer 周华) among its interviewers,
        // so it does not count: he is still the one to hear; 赵敏 being involved, 王磊 is the
        // only able interviewer and the only one ticked.
        assert_eq!(value(&form, "kind"), "statement_defence");
        assert_eq!(value(&form, "interviewee_login"), "sunq");
        assert_eq!(value(&form, "interviewers"), serde_json::json!(["wangl"]));
        assert_eq!(form.focused(), "transcript");
    }
    // 赵敏 recuses and 李霞 joins; 孙强 is heard again by the two who remain.
    let case = &mut fx.record.case;
    case.team.as_mut().unwrap().members.push("lix".into());
    case.recusals.push(Recusal {
        person: "zhaom".into(),
        on: d("2026-10-12"),
        reason: "亲属".into(),
    });
    let heard = |who: &str, kind: InterviewKind| Interview {
        on: d("2026-10-15"),
        kind,
        interviewee: who.into(),
        interviewers: vec!["wangl".into(), "lix".into()],
        transcript: "笔录".into(),
        signed: true,
        waived: false,
    };
    case.interviews
        .push(heard("sunq", InterviewKind::StatementDefence));
    {
        let ctx = fx.ctx(Lang::En);
        let form = Form::new(Step::RecordInterview, &ctx);
        assert_eq!(value(&form, "interviewee_login"), "zhouh");
        // Exactly two able members, 王磊 one of them: both ticked.
        assert_eq!(
            value(&form, "interviewers"),
            serde_json::json!(["wangl", "lix"])
        );
    }
    let case = &mut fx.record.case;
    case.interviews
        .push(heard("zhouh", InterviewKind::StatementDefence));
    case.interviews
        .push(heard("chenj", InterviewKind::StatementDefence));
    {
        let ctx = fx.ctx(Lang::En);
        let form = Form::new(Step::RecordInterview, &ctx);
        // Every respondent heard: the counterpart, whose name the record cannot give.
        assert_eq!(value(&form, "kind"), "counterpart");
        assert_eq!(form.focused(), "interviewee_text");
    }
    // A recorded reason that no counterpart can be heard: nothing is lacking, so the form
    // opens as it always did, on a statement and defence.
    fx.record.case.interested_parties_note = Some("相对人已注销".into());
    let ctx = fx.ctx(Lang::En);
    let form = Form::new(Step::RecordInterview, &ctx);
    assert_eq!(value(&form, "kind"), "statement_defence");
    assert_eq!(value(&form, "interviewee_login"), "sunq");
}

/// Forms whose head the record fills open where input is due: evidence on its description,
/// the deliberation on its minutes, the decision on its text, a review's decision on its
/// result (only while it is the one open review: with two, on which one), and the findings
/// on the state of mind (Art. 2 ¶2) of a graded person whose is not recorded.
#[test]
fn forms_open_where_input_is_due() {
    let fx = Fixture::example();
    let ctx = fx.ctx(Lang::En);
    for (kind, field) in [
        (Step::AddEvidence, "description"),
        (Step::Deliberate, "minutes"),
        (Step::Decide, "text"),
        // Every graded person's state of mind is on record: the first question.
        (Step::Findings, "r5.1"),
        // Nothing is filled from the record before the title.
        (Step::Intake, "title"),
    ] {
        assert_eq!(Form::new(kind, &ctx).focused(), field, "{kind:?}");
    }
    let mut fx = Fixture::example();
    let culp = &mut fx.record.case.findings.as_mut().unwrap().culpability;
    culp.remove("zhouh");
    let ctx = fx.ctx(Lang::En);
    // 周华 is the second respondent; 5.2.4 grades him supervisory.
    assert_eq!(Form::new(Step::Findings, &ctx).focused(), "culp.1");

    let mut fx = Fixture::decided();
    assert_eq!(
        Form::new(Step::DecideAppeal, &fx.ctx(Lang::En)).focused(),
        "result"
    );
    let second = fx.record.case.appeals[0].clone();
    fx.record.case.appeals.push(second);
    assert_eq!(
        Form::new(Step::DecideAppeal, &fx.ctx(Lang::En)).focused(),
        "appeal"
    );
}

/// A case submitted without a graded person's state of mind (migrated from bundle/1): the
/// findings form opens on that question, and what it submits differs from the findings on
/// record only by that entry — what the workflow accepts after submission (Art. 2 ¶2,
/// Art. 10(3)).
#[test]
fn the_findings_form_completes_a_submitted_cases_culpability() {
    use culpa::domain::model::{Culpability, Stage};
    let mut fx = Fixture::example();
    fx.record.case.stage = Stage::Submitted;
    fx.record.case.submitted_on = Some(d("2026-10-19"));
    let mut on_record = fx.record.case.findings.clone().unwrap();
    on_record.culpability.remove("zhouh");
    fx.record.case.findings = Some(on_record.clone());
    let ctx = fx.ctx(Lang::En);
    let mut form = Form::new(Step::Findings, &ctx);
    assert_eq!(form.focused(), "culp.1");
    // unset → intent → gross negligence.
    form.handle_key(key(KeyCode::Right), &ctx);
    form.handle_key(key(KeyCode::Right), &ctx);
    let mut want = on_record;
    want.culpability
        .insert("zhouh".into(), Culpability::GrossNegligence);
    assert_eq!(
        form.handle_key(ctrl('s'), &ctx),
        FormOutcome::Submit(Command::SetFindings {
            case: "卧应急责〔2026〕7号".into(),
            findings: want,
            expected_version: 1,
        })
    );
}
