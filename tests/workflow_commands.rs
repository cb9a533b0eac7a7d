//! Commands through the session on a temp-file database: each refusal (role, stage, rule,
//! version) leaves the database untouched; each success is one transaction with its audit
//! entry. Tests marked "needs the rules" call the domain's check/validate.

mod common;

use common::workflow::*;
use culpa::domain::check::BlockerCode;
use culpa::domain::model::{Findings, Interview, InterviewKind, Stage};
use culpa::i18n::Lang;
use culpa::store::Store;
use culpa::workflow::{Applied, Command, Refusal, WorkflowError};

fn audit_len(db: &Db) -> usize {
    Store::open(db.path())
        .unwrap()
        .read(|tx| tx.audit(None))
        .unwrap()
        .len()
}

fn accept() -> Command {
    Command::Accept {
        case: N.into(),
        on: d(10, 9),
        reason: Some("有事实依据".into()),
    }
}

#[test]
fn only_legal_accepts_and_refusals_write_nothing() {
    let db = Db::new(true);
    db.put(&case_at(Stage::Received));
    let before = audit_len(&db);
    for login in ["chenj", "wuy", "root"] {
        let mut s = db.as_(login);
        match s.execute(accept(), today()) {
            Err(WorkflowError::NotPermitted { needs, .. }) => {
                assert_eq!(needs, Some(culpa::domain::model::Role::Legal), "{login}")
            }
            other => panic!("{login}: {other:?}"),
        }
    }
    // An investigator not on any team, an officer: not even allowed to see it.
    for login in ["wangl", "sunq"] {
        assert!(
            matches!(
                db.as_(login).execute(accept(), today()),
                Err(WorkflowError::NotPermitted { .. })
            ),
            "{login}"
        );
    }
    assert_eq!(audit_len(&db), before);
    assert_eq!(db.as_("liuf").case(N).unwrap().version, 1);
}

#[test]
fn accepting_a_rejected_case_is_the_wrong_stage() {
    let db = Db::new(true);
    db.put(&case_at(Stage::Rejected));
    let mut liuf = db.as_("liuf");
    let e = liuf.execute(accept(), today()).unwrap_err();
    assert!(
        matches!(
            &e,
            WorkflowError::WrongStage {
                stage: Stage::Rejected,
                action: "accept",
                ..
            }
        ),
        "{e:?}"
    );
    let dir = liuf.directory().unwrap();
    assert!(
        e.message(&dir, Lang::Zh).contains("不予受理"),
        "{}",
        e.message(&dir, Lang::Zh)
    );
    assert!(e.message(&dir, Lang::En).contains("rejected"));
}

#[test]
fn a_stale_replacing_edit_names_who_changed_the_case() {
    let db = Db::new(true);
    let v1 = db.put(&case_at(Stage::Investigating));
    // wangl's edit lands first (written as the workflow would: save + audit in one tx).
    let mut store = Store::open(db.path()).unwrap();
    store
        .write(|tx| {
            let rec = tx.case(N)?.unwrap();
            let mut c = rec.case.clone();
            c.interested_parties_note = Some("无利害关系人".into());
            tx.save_case(rec.id, rec.version, &c)?;
            tx.append_audit(
                "wangl",
                Some(N),
                "set_interested_parties_note",
                &serde_json::json!({}),
            )
        })
        .unwrap();
    let mut zhaom = db.as_("zhaom");
    let e = zhaom
        .execute(
            Command::SetFindings {
                case: N.into(),
                findings: Findings::default(),
                expected_version: v1,
            },
            today(),
        )
        .unwrap_err();
    match &e {
        WorkflowError::Conflict {
            by,
            what,
            current_version,
            ..
        } => {
            assert_eq!(by, "wangl");
            assert_eq!(what, "set_interested_parties_note");
            assert_eq!(*current_version, v1 + 1);
        }
        other => panic!("{other:?}"),
    }
    let dir = zhaom.directory().unwrap();
    assert!(e.message(&dir, Lang::En).contains("王磊 (wangl)"));
    assert!(e.message(&dir, Lang::Zh).contains("王磊 (wangl)"));
    // Nothing of zhaom's was written.
    assert_eq!(
        zhaom.case(N).unwrap().case.findings,
        case_at(Stage::Investigating).findings
    );
}

#[test]
fn an_involved_committee_member_must_be_recused() {
    let db = Db::new(true);
    db.put(&case_at(Stage::Submitted));
    let mut d0 = decision();
    d0.recused.clear(); // chenj approved the act under investigation
    let e = db
        .as_("wuy")
        .execute(
            Command::Decide {
                case: N.into(),
                decision: d0,
            },
            today(),
        )
        .unwrap_err();
    match &e {
        WorkflowError::Refused {
            refusal: Refusal::CommitteeConflict(m),
            ..
        } => {
            assert_eq!(m.len(), 1);
            assert_eq!(m[0].0, "chenj");
        }
        other => panic!("{other:?}"),
    }
    let dir = db.as_("wuy").directory().unwrap();
    let en = e.message(&dir, Lang::En);
    assert!(
        en.contains("陈杰 (chenj)") && en.contains("approver"),
        "{en}"
    );
    assert!(e.message(&dir, Lang::Zh).contains("批准人"));
    // chenj cannot record it himself either.
    assert!(matches!(
        db.as_("chenj").execute(
            Command::Decide {
                case: N.into(),
                decision: decision()
            },
            today()
        ),
        Err(WorkflowError::NotPermitted { .. })
    ));
}

#[test]
fn an_intake_number_in_use_is_refused() {
    let db = Db::new(true);
    db.put(&case_at(Stage::Received));
    let c = case_at(Stage::Received);
    let e = db
        .as_("liuf")
        .execute(
            Command::Intake {
                number: Some(N.into()),
                title: c.title,
                source: c.source,
                received_on: c.received_on,
                complainant: c.complainant,
                summary: c.summary,
                act: c.act,
                respondents: c.respondents,
            },
            today(),
        )
        .unwrap_err();
    assert!(
        matches!(
            e,
            WorkflowError::Refused {
                refusal: Refusal::CaseExists(_),
                ..
            }
        ),
        "{e:?}"
    );
}

// ---- needs the rules (domain::check / validate) ----

#[test]
fn submitting_with_one_investigator_is_blocked() {
    let db = Db::new(true);
    db.put(&recused(case_at(Stage::Investigating), "zhaom"));
    let e = db
        .as_("wangl")
        .execute(
            Command::Submit {
                case: N.into(),
                on: d(11, 2),
                overdue_reason: None,
            },
            today(),
        )
        .unwrap_err();
    match e {
        WorkflowError::Blocked(report) => {
            assert!(
                report
                    .blockers
                    .iter()
                    .any(|b| b.code() == BlockerCode::TeamTooSmall),
                "{report:?}"
            )
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(
        db.as_("wangl").case(N).unwrap().case.stage,
        Stage::Investigating
    );
}

#[test]
fn appending_commands_do_not_conflict() {
    let db = Db::new(true);
    db.put(&case_at(Stage::Investigating));
    let mut wangl = db.as_("wangl");
    let mut zhaom = db.as_("zhaom");
    let ev = |who: &str| Command::AddEvidence {
        case: N.into(),
        kind: "document".into(),
        description: format!("{who}调取的材料"),
        collected_on: d(10, 13),
        file: None,
    };
    let a = wangl.execute(ev("wangl"), today()).unwrap();
    let b = zhaom.execute(ev("zhaom"), today()).unwrap();
    assert_eq!((a.version, b.version), (2, 3));
    let case = wangl.case(N).unwrap().case;
    let by: Vec<&str> = case
        .evidence
        .iter()
        .map(|e| e.collected_by.as_str())
        .collect();
    assert_eq!(by, vec!["wangl", "wangl", "zhaom"]);
    // The replacing edit based on version 1 now conflicts, naming zhaom's evidence.
    let e = wangl
        .execute(
            Command::SetFindings {
                case: N.into(),
                findings: Findings::default(),
                expected_version: 1,
            },
            today(),
        )
        .unwrap_err();
    assert!(
        matches!(&e, WorkflowError::Conflict { by, what, .. } if by == "zhaom" && what == "add_evidence"),
        "{e:?}"
    );
}

#[test]
fn evidence_files_go_into_the_vault() {
    let db = Db::new(true);
    db.put(&case_at(Stage::Investigating));
    let file = db.dir.path().join("决定书.pdf");
    std::fs::write(&file, b"%PDF scanned decision").unwrap();
    let mut s = db.as_("wangl");
    s.execute(
        Command::AddEvidence {
            case: N.into(),
            kind: "document".into(),
            description: "处罚决定书扫描件".into(),
            collected_on: d(10, 13),
            file: Some(file),
        },
        today(),
    )
    .unwrap();
    let case = s.case(N).unwrap().case;
    let sha = case.evidence.last().unwrap().sha256.clone().unwrap();
    let store = Store::open(db.path()).unwrap();
    let att = store.read(|tx| tx.attachments(Some(N))).unwrap();
    assert_eq!(att.len(), 1);
    assert_eq!(
        (
            att[0].sha256.as_str(),
            att[0].file_name.as_str(),
            att[0].by.as_str()
        ),
        (sha.as_str(), "决定书.pdf", "wangl")
    );
    let last = store.read(|tx| tx.last_audit_for_case(N)).unwrap().unwrap();
    assert_eq!(last.action, "add_evidence");
    assert_eq!(last.detail["sha256"], sha.as_str());
}

/// The whole procedure through the workflow: intake, acceptance, a recusal, findings with each
/// person's culpability (Art. 2 ¶2), a graded approver added as a respondent and heard
/// (Art. 10(2)), counted hearings, a valid deliberation, the decision, a sanction, then a
/// review that revokes the decision (the applied sanction is "to be reversed"), and closing.
#[test]
fn a_case_from_intake_to_closing() {
    let db = Db::new(true);
    let c = case_at(Stage::Received);
    // The approver is not a respondent at intake; the findings will grade him.
    let first_respondents: Vec<String> = c
        .respondents
        .iter()
        .filter(|r| *r != "chenj")
        .cloned()
        .collect();
    let mut liuf = db.as_("liuf");
    let Applied { case, version } = liuf
        .execute(
            Command::Intake {
                number: None,
                title: c.title.clone(),
                source: c.source,
                received_on: d(9, 30),
                complainant: c.complainant.clone(),
                summary: c.summary.clone(),
                act: c.act.clone(),
                respondents: first_respondents,
            },
            today(),
        )
        .unwrap();
    let n = case.unwrap();
    assert_eq!((n.as_str(), version), ("卧应急责〔2026〕1号", 1));
    let step = |s: &mut culpa::workflow::Session, cmd: Command| s.execute(cmd, today()).unwrap();
    step(
        &mut liuf,
        Command::Accept {
            case: n.clone(),
            on: d(10, 9),
            reason: None,
        },
    );
    step(
        &mut liuf,
        Command::Notify {
            case: n.clone(),
            on: d(10, 10),
        },
    );
    step(
        &mut db.as_("chenj"),
        Command::AppointTeam {
            case: n.clone(),
            on: d(10, 10),
            members: vec!["wangl".into(), "zhaom".into()],
        },
    );
    let mut zhaom = db.as_("zhaom");
    step(
        &mut zhaom,
        Command::Recuse {
            case: n.clone(),
            person: "zhaom".into(),
            on: d(10, 11),
            reason: "与周华系亲属".into(),
        },
    );
    assert!(zhaom.case(&n).is_err());
    // The team is down to one: the admin adds an investigator and the chief appoints her.
    let xul = culpa::domain::model::Person {
        login: "xul".into(),
        name: "徐丽".into(),
        unit: "法制股".into(),
        roles: vec![culpa::domain::model::Role::Investigator],
    };
    assert_eq!(
        step(&mut db.as_("root"), Command::UpsertPerson(xul)).case,
        None
    );
    step(
        &mut db.as_("chenj"),
        Command::AppointTeam {
            case: n.clone(),
            on: d(10, 11),
            members: vec!["xul".into()],
        },
    );
    let mut wangl = db.as_("wangl");
    for who in ["sunq", "zhouh"] {
        step(
            &mut wangl,
            Command::RecordInterview {
                case: n.clone(),
                interview: Interview {
                    on: d(10, 14),
                    kind: InterviewKind::StatementDefence,
                    interviewee: who.into(),
                    interviewers: vec!["wangl".into(), "xul".into()],
                    transcript: "……".into(),
                    signed: true,
                    waived: false,
                },
            },
        );
    }
    // Art. 10(2): a hearing by one investigator does not count, and is refused naming who is
    // missing.
    let lone = wangl
        .execute(
            Command::RecordInterview {
                case: n.clone(),
                interview: Interview {
                    on: d(10, 14),
                    kind: InterviewKind::Witness,
                    interviewee: "某证人".into(),
                    interviewers: vec!["wangl".into()],
                    transcript: "……".into(),
                    signed: true,
                    waived: false,
                },
            },
            today(),
        )
        .unwrap_err();
    assert!(
        matches!(
            &lone,
            WorkflowError::Refused {
                refusal: Refusal::NotCounted(_),
                ..
            }
        ),
        "{lone:?}"
    );
    let msg = lone.message(&wangl.directory().unwrap(), Lang::Zh);
    assert!(
        msg.contains("两名或两名以上") && msg.contains("王磊"),
        "{msg}"
    );
    let v = wangl.case(&n).unwrap().version;
    step(
        &mut wangl,
        Command::SetInterestedPartiesNote {
            case: n.clone(),
            note: Some("无利害关系人".into()),
            expected_version: v,
        },
    );
    let v = wangl.case(&n).unwrap().version;
    step(
        &mut wangl,
        Command::SetFindings {
            case: n.clone(),
            findings: example().cases[0].findings.clone().unwrap(),
            expected_version: v,
        },
    );
    // Art. 2 ¶2: the findings record each graded person's state of mind.
    let found = wangl.case(&n).unwrap().case.findings.unwrap();
    assert_eq!(
        found.culpability.get("chenj"),
        Some(&culpa::domain::Culpability::Negligence)
    );
    // Art. 10(2): 5.2.4 grades the approver, who was never heard: the gate names him.
    let blocked = wangl
        .execute(
            Command::Submit {
                case: n.clone(),
                on: d(10, 15),
                overdue_reason: None,
            },
            today(),
        )
        .unwrap_err();
    match &blocked {
        WorkflowError::Blocked(r) => {
            assert_eq!(r.codes()[0], BlockerCode::GradedNotRespondent, "{r:?}")
        }
        other => panic!("{other:?}"),
    }
    step(
        &mut wangl,
        Command::AddRespondent {
            case: n.clone(),
            person: "chenj".into(),
        },
    );
    step(
        &mut wangl,
        Command::RecordInterview {
            case: n.clone(),
            interview: Interview {
                on: d(10, 16),
                kind: InterviewKind::StatementDefence,
                interviewee: "chenj".into(),
                interviewers: vec!["wangl".into(), "xul".into()],
                transcript: "……".into(),
                signed: true,
                waived: false,
            },
        },
    );
    // Art. 10(3): one attendee is no collective deliberation.
    let alone = wangl
        .execute(
            Command::Deliberate {
                case: n.clone(),
                deliberation: culpa::domain::model::Deliberation {
                    on: d(10, 20),
                    attendees: vec!["wangl".into()],
                    minutes: "一致同意".into(),
                },
            },
            today(),
        )
        .unwrap_err();
    assert!(
        matches!(
            &alone,
            WorkflowError::Refused {
                refusal: Refusal::NotCounted(_),
                ..
            }
        ),
        "{alone:?}"
    );
    step(
        &mut wangl,
        Command::Deliberate {
            case: n.clone(),
            deliberation: culpa::domain::model::Deliberation {
                on: d(10, 20),
                attendees: vec!["wangl".into(), "xul".into()],
                minutes: "一致同意".into(),
            },
        },
    );
    step(
        &mut wangl,
        Command::Submit {
            case: n.clone(),
            on: d(10, 21),
            overdue_reason: None,
        },
    );
    step(
        &mut db.as_("wuy"),
        Command::Decide {
            case: n.clone(),
            decision: decision(),
        },
    );
    step(
        &mut db.as_("chenj"),
        Command::ApplySanction {
            case: n.clone(),
            sanction: culpa::domain::model::Sanction {
                person: "sunq".into(),
                measure: culpa::domain::model::Measure::M11_2,
                applied_on: d(11, 12),
                note: "全局通报".into(),
                amount: None,
            },
        },
    );
    assert_eq!(liuf.case(&n).unwrap().case.stage, Stage::Sanctioned);
    // A review revokes the decision for sunq: nothing stands, the applied sanction is to be
    // reversed, and no measure is owed.
    // The legal affairs office records the review request.
    step(
        &mut liuf,
        Command::FileAppeal {
            case: n.clone(),
            appeal: culpa::domain::model::Appeal::filed(
                "sunq",
                culpa::domain::model::AppealKind::Review,
                d(11, 13),
            ),
        },
    );
    step(
        &mut liuf,
        Command::DecideAppeal {
            case: n.clone(),
            index: 0,
            on: d(11, 15),
            result: "复核决定撤销原处理决定".into(),
            outcome: culpa::domain::AppealOutcome::Revoked,
            changed_to: None,
        },
    );
    let after = liuf.case(&n).unwrap().case;
    assert!(after.final_outcomes().is_empty());
    assert_eq!(after.sanctions_to_reverse(), vec![0]);
    assert!(after.unapplied_measures().is_empty());
    step(
        &mut liuf,
        Command::Close {
            case: n.clone(),
            on: d(11, 16),
        },
    );
    assert_eq!(liuf.case(&n).unwrap().case.stage, Stage::Closed);
    let store = Store::open(db.path()).unwrap();
    let actions: Vec<String> = store
        .read(|tx| tx.audit(Some(&n)))
        .unwrap()
        .into_iter()
        .map(|e| e.action)
        .collect();
    assert_eq!(actions.first().map(String::as_str), Some("intake"));
    assert_eq!(actions.last().map(String::as_str), Some("close"));
    assert!(store.verify_audit().unwrap().first_bad.is_none());
}

/// A case submitted before culpability was recorded (a database migrated from bundle/1):
/// until the committee decides, the team may add a graded person's missing state of mind
/// (Art. 2 ¶2 with Art. 10(3)) — only that. Changing anything else, or an entry already on
/// record, is refused and writes nothing; after the decision the findings are closed.
#[test]
fn a_submitted_case_may_only_complete_its_missing_culpability() {
    use culpa::domain::model::Culpability;
    let db = Db::new(true);
    let c = ready_submitted(&db);
    let submitted = c.findings.clone().expect("findings");
    let v = db.put(&c);
    let mut wangl = db.as_("wangl");
    let set = |f: Findings, v: i64| Command::SetFindings {
        case: N.into(),
        findings: f,
        expected_version: v,
    };
    let before = audit_len(&db);

    // Another rule, or another state of mind for 孙强, is not what may change now.
    let mut other_rule = submitted.clone();
    other_rule.cleared.push("chenj".into());
    let mut other_mind = submitted.clone();
    other_mind
        .culpability
        .insert("sunq".into(), Culpability::Negligence);
    other_mind
        .culpability
        .insert("zhouh".into(), Culpability::GrossNegligence);
    for (what, f) in [("a rule", other_rule), ("a recorded entry", other_mind)] {
        match wangl.execute(set(f, v), today()) {
            Err(WorkflowError::Refused {
                refusal: Refusal::SubmittedFindings,
                ..
            }) => {}
            other => panic!("{what}: {other:?}"),
        }
    }
    assert_eq!(audit_len(&db), before, "refusals write nothing");

    // What is missing may be added.
    let mut complete = submitted.clone();
    complete
        .culpability
        .insert("zhouh".into(), Culpability::GrossNegligence);
    wangl.execute(set(complete.clone(), v), today()).unwrap();
    let now = wangl.case(N).unwrap();
    assert_eq!(now.case.stage, Stage::Submitted);
    assert_eq!(now.case.findings, Some(complete.clone()));
    assert_eq!(audit_len(&db), before + 1);

    // Once the committee has decided, the findings are closed.
    let db = Db::new(true);
    let mut c = ready_submitted(&db);
    c.stage = Stage::Decided;
    c.decision = Some(decision());
    let v = db.put(&c);
    assert!(
        matches!(
            db.as_("wangl").execute(set(complete, v), today()),
            Err(WorkflowError::WrongStage { .. })
        ),
        "decided: wrong stage"
    );
}

/// The example case as a /1 database would hold it after migration: submitted on a record
/// that passes the check (two uninvolved investigators, every respondent and the
/// counterpart heard, a deliberation), but with no state of mind for 周华.
fn ready_submitted(db: &Db) -> culpa::domain::model::Case {
    use culpa::domain::model::{Deliberation, Person, Role};
    let qian = Person {
        login: "qianl".into(),
        name: "钱亮".into(),
        unit: "办公室".into(),
        roles: vec![Role::Investigator],
    };
    Store::open(db.path())
        .unwrap()
        .write(|tx| tx.upsert_person(&qian))
        .unwrap();
    let mut c = case_at(Stage::Submitted);
    c.team.as_mut().expect("team").members = vec!["wangl".into(), "qianl".into()];
    let heard = |on: u32, kind: InterviewKind, who: &str| Interview {
        on: d(10, on),
        kind,
        interviewee: who.into(),
        interviewers: vec!["wangl".into(), "qianl".into()],
        transcript: "……".into(),
        signed: true,
        waived: false,
    };
    c.interviews = vec![
        heard(14, InterviewKind::StatementDefence, "sunq"),
        heard(15, InterviewKind::StatementDefence, "zhouh"),
        heard(15, InterviewKind::StatementDefence, "chenj"),
        heard(16, InterviewKind::Counterpart, "某加工厂负责人"),
    ];
    c.deliberation = Some(Deliberation {
        on: d(10, 18),
        attendees: vec!["wangl".into(), "qianl".into()],
        minutes: "……".into(),
    });
    c.submitted_on = Some(d(10, 20));
    c.findings
        .as_mut()
        .expect("findings")
        .culpability
        .remove("zhouh");
    c
}
