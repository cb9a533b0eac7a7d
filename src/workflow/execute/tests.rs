//! Unit tests of the pure command execution: who may do what, at which stage, under which
//! rule. (The submission check and validation are exercised through the session tests.)

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::*;
use crate::domain::model::{
    Appeal, AppealKind, Bundle, DecidedOutcome, Decision, Grade, Measure, Relation, RelationKind,
    Role, Sanction, Stage,
};
use crate::workflow::{Refusal, Why};

fn d(m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, day).expect("date")
}

const TODAY: (u32, u32) = (11, 20);

fn example() -> Bundle {
    serde_json::from_str(include_str!("../../../tests/fixtures/example.json")).expect("example")
}

fn directory() -> Directory {
    let b = example();
    let mut dir = Directory::new(b.people, b.relations);
    dir.insert_person(Person {
        login: "root".into(),
        name: "管理员".into(),
        unit: "信息科".into(),
        roles: vec![Role::Admin],
    });
    dir
}

/// The example case moved to `stage`, with the data that stage needs.
fn case_at(stage: Stage) -> Case {
    let mut c = example().cases.remove(0);
    match stage {
        Stage::Received => {
            c.acceptance = None;
            c.team = None;
            c.interviews.clear();
            c.evidence.clear();
            c.findings = None;
        }
        Stage::Accepted | Stage::Rejected => {
            c.team = None;
            c.interviews.clear();
            c.evidence.clear();
            c.findings = None;
            if let Some(a) = &mut c.acceptance {
                a.notified_on = None;
                if stage == Stage::Rejected {
                    a.decision = crate::domain::model::AcceptanceDecision::Rejected;
                }
            }
        }
        Stage::Investigating => {}
        _ => {
            c.submitted_on = Some(d(11, 2));
            if stage != Stage::Submitted {
                c.decision = Some(decision(&["wuy", "chenj"], &["chenj"]));
            }
        }
    }
    c.stage = stage;
    c
}

fn decision(committee: &[&str], recused: &[&str]) -> Decision {
    let mut outcomes = BTreeMap::new();
    outcomes.insert(
        "sunq".to_string(),
        DecidedOutcome {
            grade: Grade::Direct,
            exempted: false,
            sanctions: vec![Measure::M11_2],
        },
    );
    outcomes.insert(
        "zhouh".to_string(),
        DecidedOutcome {
            grade: Grade::Supervisory,
            exempted: true,
            sanctions: vec![],
        },
    );
    Decision {
        on: d(11, 10),
        committee: committee.iter().map(|s| s.to_string()).collect(),
        recused: recused.iter().map(|s| s.to_string()).collect(),
        text: "经研究决定……".into(),
        outcomes,
    }
}

fn sanction(person: &str, measure: Measure) -> Sanction {
    Sanction {
        person: person.into(),
        measure,
        applied_on: d(11, 15),
        note: "已通报".into(),
        amount: None,
    }
}

fn appeal(person: &str) -> Appeal {
    Appeal {
        person: person.into(),
        kind: AppealKind::Review,
        filed_on: d(11, 16),
        accepted_on: None,
        extended: false,
        decided_on: None,
        result: None,
    }
}

/// What a row expects.
#[derive(Debug)]
enum Exp {
    /// Succeeds and leaves the case at this stage.
    Ok(Stage),
    Perm,
    Stage,
    Refused(fn(&Refusal) -> bool),
}

fn run(actor: &str, mut case: Case, cmd: Command) -> (Result<(), WorkflowError>, Case) {
    let dir = directory();
    let actor = dir.person(actor).cloned().expect("actor on file");
    let cal = Calendar::default();
    let mut ctx = Ctx {
        actor: &actor,
        dir: &dir,
        cal: &cal,
        today: d(TODAY.0, TODAY.1),
        uncovered: Default::default(),
        attachment: None,
    };
    let r = apply(&mut ctx, &mut case, &cmd);
    (r, case)
}

fn check_rows(rows: Vec<(&str, &str, Case, Command, Exp)>) {
    for (label, actor, case, cmd, exp) in rows {
        let (r, after) = run(actor, case, cmd);
        let ok = match (&r, &exp) {
            (Ok(()), Exp::Ok(stage)) => after.stage == *stage,
            (Err(WorkflowError::NotPermitted { .. }), Exp::Perm) => true,
            (Err(WorkflowError::WrongStage { .. }), Exp::Stage) => true,
            (Err(WorkflowError::Refused { refusal, .. }), Exp::Refused(f)) => f(refusal),
            _ => false,
        };
        assert!(
            ok,
            "{label}: expected {exp:?}, got {r:?} at {:?}",
            after.stage
        );
    }
}

const N: &str = "卧应急责〔2026〕7号";

fn c() -> String {
    N.to_string()
}

#[test]
fn acceptance_steps() {
    use Stage::*;
    check_rows(vec![
        (
            "legal accepts",
            "liuf",
            case_at(Received),
            Command::Accept {
                case: c(),
                on: d(10, 9),
                reason: None,
            },
            Exp::Ok(Accepted),
        ),
        (
            "investigator cannot accept",
            "wangl",
            case_at(Received),
            Command::Accept {
                case: c(),
                on: d(10, 9),
                reason: None,
            },
            Exp::Perm,
        ),
        (
            "chief cannot accept",
            "chenj",
            case_at(Received),
            Command::Accept {
                case: c(),
                on: d(10, 9),
                reason: None,
            },
            Exp::Perm,
        ),
        (
            "accepting a rejected case",
            "liuf",
            case_at(Rejected),
            Command::Accept {
                case: c(),
                on: d(10, 9),
                reason: None,
            },
            Exp::Stage,
        ),
        (
            "accepting tomorrow",
            "liuf",
            case_at(Received),
            Command::Accept {
                case: c(),
                on: d(11, 21),
                reason: None,
            },
            Exp::Refused(|r| matches!(r, Refusal::FutureDate(_))),
        ),
        (
            "reject needs a reason",
            "liuf",
            case_at(Received),
            Command::Reject {
                case: c(),
                on: d(10, 9),
                reason: "  ".into(),
            },
            Exp::Refused(|r| *r == Refusal::ReasonRequired),
        ),
        (
            "legal rejects",
            "liuf",
            case_at(Received),
            Command::Reject {
                case: c(),
                on: d(10, 9),
                reason: "无事实依据".into(),
            },
            Exp::Ok(Rejected),
        ),
        (
            "reject twice",
            "liuf",
            case_at(Rejected),
            Command::Reject {
                case: c(),
                on: d(10, 9),
                reason: "x".into(),
            },
            Exp::Stage,
        ),
        (
            "notify",
            "liuf",
            case_at(Accepted),
            Command::Notify {
                case: c(),
                on: d(10, 10),
            },
            Exp::Ok(Accepted),
        ),
        (
            "notify before acceptance",
            "liuf",
            case_at(Received),
            Command::Notify {
                case: c(),
                on: d(10, 10),
            },
            Exp::Stage,
        ),
        (
            "notify twice",
            "liuf",
            case_at(Investigating),
            Command::Notify {
                case: c(),
                on: d(10, 11),
            },
            Exp::Refused(|r| matches!(r, Refusal::AlreadyNotified(_))),
        ),
        (
            "notify anonymous",
            "liuf",
            {
                let mut k = case_at(Accepted);
                k.complainant = None;
                k
            },
            Command::Notify {
                case: c(),
                on: d(10, 10),
            },
            Exp::Refused(|r| *r == Refusal::NoComplainant),
        ),
        (
            "officer notifies",
            "sunq",
            case_at(Accepted),
            Command::Notify {
                case: c(),
                on: d(10, 10),
            },
            Exp::Perm,
        ),
    ]);
}

#[test]
fn team_and_recusal() {
    use Stage::*;
    let appoint = |m: &[&str]| Command::AppointTeam {
        case: c(),
        on: d(10, 10),
        members: m.iter().map(|s| s.to_string()).collect(),
    };
    let recuse = |p: &str| Command::Recuse {
        case: c(),
        person: p.into(),
        on: d(10, 11),
        reason: "表兄妹".into(),
    };
    check_rows(vec![
        (
            "chief appoints two",
            "chenj",
            case_at(Accepted),
            appoint(&["wangl", "zhaom"]),
            Exp::Ok(Investigating),
        ),
        (
            "legal cannot appoint",
            "liuf",
            case_at(Accepted),
            appoint(&["wangl", "zhaom"]),
            Exp::Perm,
        ),
        (
            "one investigator",
            "chenj",
            case_at(Accepted),
            appoint(&["wangl"]),
            Exp::Refused(|r| matches!(r, Refusal::TeamTooSmall { members } if members.len() == 1)),
        ),
        (
            "same one twice",
            "chenj",
            case_at(Accepted),
            appoint(&["wangl", "wangl"]),
            Exp::Refused(|r| matches!(r, Refusal::TeamTooSmall { .. })),
        ),
        (
            "an officer on the team",
            "chenj",
            case_at(Accepted),
            appoint(&["wangl", "sunq"]),
            Exp::Refused(|r| *r == Refusal::NotInvestigator("sunq".into())),
        ),
        (
            "an unknown login",
            "chenj",
            case_at(Accepted),
            appoint(&["wangl", "wangll"]),
            Exp::Refused(|r| *r == Refusal::UnknownPerson("wangll".into())),
        ),
        (
            "appoint before acceptance",
            "chenj",
            case_at(Received),
            appoint(&["wangl", "zhaom"]),
            Exp::Stage,
        ),
        (
            "member recuses self",
            "zhaom",
            case_at(Investigating),
            recuse("zhaom"),
            Exp::Ok(Investigating),
        ),
        (
            "member recuses another",
            "wangl",
            case_at(Investigating),
            recuse("zhaom"),
            Exp::Perm,
        ),
        (
            "chief records recusal",
            "chenj",
            case_at(Investigating),
            recuse("zhaom"),
            Exp::Ok(Investigating),
        ),
        (
            "recusing a non-member",
            "chenj",
            case_at(Investigating),
            recuse("sunq"),
            Exp::Refused(|r| *r == Refusal::NotTeamMember("sunq".into())),
        ),
        (
            "recusal needs a reason",
            "zhaom",
            case_at(Investigating),
            Command::Recuse {
                case: c(),
                person: "zhaom".into(),
                on: d(10, 11),
                reason: "".into(),
            },
            Exp::Refused(|r| *r == Refusal::ReasonRequired),
        ),
        (
            "recusal after submission",
            "zhaom",
            case_at(Submitted),
            recuse("zhaom"),
            Exp::Stage,
        ),
    ]);
    // After a recusal the remaining team is too small; the chief adds a member.
    let (r, case) = run("zhaom", case_at(Investigating), recuse("zhaom"));
    assert!(r.is_ok());
    assert_eq!(case.active_investigators(None), vec!["wangl"]);
    let (r, _) = run("zhaom", case.clone(), recuse("zhaom"));
    assert!(
        matches!(
            r,
            Err(WorkflowError::NotPermitted {
                why: Why::Recused { .. },
                ..
            })
        ),
        "{r:?}"
    );
    let (r, after) = run("chenj", case.clone(), appoint(&["zhaom"]));
    assert!(
        matches!(
            r,
            Err(WorkflowError::Refused {
                refusal: Refusal::TeamTooSmall { .. },
                ..
            })
        ),
        "{r:?}"
    );
    assert_eq!(after.active_investigators(None), vec!["wangl"]);
}

#[test]
fn investigation_is_the_teams() {
    use Stage::*;
    let evidence = |on| Command::AddEvidence {
        case: c(),
        kind: "document".into(),
        description: "复印件".into(),
        collected_on: on,
        file: None,
    };
    let findings = || Command::SetFindings {
        case: c(),
        findings: Default::default(),
        expected_version: 1,
    };
    let mut recused = case_at(Investigating);
    recused.recusals.push(crate::domain::model::Recusal {
        person: "zhaom".into(),
        on: d(10, 11),
        reason: "亲属".into(),
    });
    check_rows(vec![
        (
            "member adds evidence",
            "wangl",
            case_at(Investigating),
            evidence(d(10, 12)),
            Exp::Ok(Investigating),
        ),
        (
            "legal adds evidence",
            "liuf",
            case_at(Investigating),
            evidence(d(10, 12)),
            Exp::Perm,
        ),
        (
            "recused member adds evidence",
            "zhaom",
            recused.clone(),
            evidence(d(10, 12)),
            Exp::Perm,
        ),
        (
            "evidence after submission",
            "wangl",
            case_at(Submitted),
            evidence(d(10, 12)),
            Exp::Stage,
        ),
        (
            "evidence dated tomorrow",
            "wangl",
            case_at(Investigating),
            evidence(d(11, 21)),
            Exp::Refused(|r| matches!(r, Refusal::FutureDate(_))),
        ),
        (
            "member sets findings",
            "wangl",
            case_at(Investigating),
            findings(),
            Exp::Ok(Investigating),
        ),
        (
            "chief sets findings",
            "chenj",
            case_at(Investigating),
            findings(),
            Exp::Perm,
        ),
        (
            "note",
            "wangl",
            case_at(Investigating),
            Command::SetInterestedPartiesNote {
                case: c(),
                note: Some("无".into()),
                expected_version: 1,
            },
            Exp::Ok(Investigating),
        ),
        (
            "deliberate",
            "wangl",
            case_at(Investigating),
            Command::Deliberate {
                case: c(),
                deliberation: crate::domain::model::Deliberation {
                    on: d(10, 20),
                    attendees: vec!["wangl".into(), "zhaom".into()],
                    minutes: "一致认为".into(),
                },
            },
            Exp::Ok(Investigating),
        ),
        (
            "submit by a stranger",
            "liuf",
            case_at(Investigating),
            Command::Submit {
                case: c(),
                on: d(10, 25),
                overdue_reason: None,
            },
            Exp::Perm,
        ),
        (
            "submit twice",
            "wangl",
            case_at(Submitted),
            Command::Submit {
                case: c(),
                on: d(10, 25),
                overdue_reason: None,
            },
            Exp::Stage,
        ),
    ]);
    let (_, after) = run("wangl", case_at(Investigating), evidence(d(10, 12)));
    let last = after.evidence.last().expect("evidence");
    assert_eq!(last.collected_by, "wangl");
}

#[test]
fn committee_decision() {
    use Stage::*;
    let decide = |k: &[&str], r: &[&str]| Command::Decide {
        case: c(),
        decision: decision(k, r),
    };
    let mut stranger = decision(&["wuy"], &[]);
    stranger.outcomes.insert(
        "wangl".into(),
        DecidedOutcome {
            grade: Grade::Direct,
            exempted: false,
            sanctions: vec![],
        },
    );
    let mut exempt_sanctioned = decision(&["wuy"], &[]);
    if let Some(o) = exempt_sanctioned.outcomes.get_mut("zhouh") {
        o.sanctions.push(Measure::M11_1);
    }
    check_rows(vec![
        (
            "committee decides",
            "wuy",
            case_at(Submitted),
            decide(&["wuy", "chenj"], &["chenj"]),
            Exp::Ok(Decided),
        ),
        (
            "involved member not recused",
            "wuy",
            case_at(Submitted),
            decide(&["wuy", "chenj"], &[]),
            Exp::Refused(
                |r| matches!(r, Refusal::CommitteeConflict(m) if m.len() == 1 && m[0].0 == "chenj"),
            ),
        ),
        (
            "involved member records",
            "chenj",
            case_at(Submitted),
            decide(&["wuy", "chenj"], &["chenj"]),
            Exp::Perm,
        ),
        (
            "recorder not on the committee",
            "wuy",
            case_at(Submitted),
            decide(&["chenj"], &["chenj"]),
            Exp::Perm,
        ),
        (
            "legal decides",
            "liuf",
            case_at(Submitted),
            decide(&["wuy"], &[]),
            Exp::Perm,
        ),
        (
            "a non-member listed",
            "wuy",
            case_at(Submitted),
            decide(&["wuy", "wangl"], &[]),
            Exp::Refused(|r| *r == Refusal::NotCommitteeMember("wangl".into())),
        ),
        (
            "deciding before submission",
            "wuy",
            case_at(Investigating),
            decide(&["wuy"], &[]),
            Exp::Stage,
        ),
        (
            "outcome for a stranger",
            "wuy",
            case_at(Submitted),
            Command::Decide {
                case: c(),
                decision: stranger,
            },
            Exp::Refused(|r| *r == Refusal::OutcomeForStranger("wangl".into())),
        ),
        (
            "sanction on the exempted",
            "wuy",
            case_at(Submitted),
            Command::Decide {
                case: c(),
                decision: exempt_sanctioned,
            },
            Exp::Refused(|r| *r == Refusal::SanctionWithoutLiability("zhouh".into())),
        ),
    ]);
    let (r, _) = run(
        "chenj",
        case_at(Submitted),
        decide(&["wuy", "chenj"], &["chenj"]),
    );
    match r {
        Err(WorkflowError::NotPermitted {
            why: Why::Involved(reasons),
            ..
        }) => assert!(!reasons.is_empty()),
        other => panic!("{other:?}"),
    }
}

#[test]
fn sanctions_appeals_and_closing() {
    use Stage::*;
    let apply_m = |p: &str, m| Command::ApplySanction {
        case: c(),
        sanction: sanction(p, m),
    };
    let mut sanctioned = case_at(Sanctioned);
    sanctioned.sanctions.push(sanction("sunq", Measure::M11_2));
    let mut appealed = sanctioned.clone();
    appealed.appeals.push(appeal("sunq"));
    appealed.stage = Appealed;
    let mut not_told = sanctioned.clone();
    if let Some(a) = &mut not_told.acceptance {
        a.notified_on = None;
    }
    let mut no_measures = case_at(Decided);
    if let Some(dd) = &mut no_measures.decision {
        dd.outcomes.values_mut().for_each(|o| o.sanctions.clear());
    }
    check_rows(vec![
        (
            "chief applies",
            "chenj",
            case_at(Decided),
            apply_m("sunq", Measure::M11_2),
            Exp::Ok(Sanctioned),
        ),
        (
            "legal applies",
            "liuf",
            case_at(Decided),
            apply_m("sunq", Measure::M11_2),
            Exp::Perm,
        ),
        (
            "undecided measure",
            "chenj",
            case_at(Decided),
            apply_m("sunq", Measure::M11_4),
            Exp::Refused(|r| matches!(r, Refusal::MeasureNotDecided { .. })),
        ),
        (
            "applied twice",
            "chenj",
            {
                let mut k = sanctioned.clone();
                k.stage = Decided;
                k
            },
            apply_m("sunq", Measure::M11_2),
            Exp::Refused(|r| matches!(r, Refusal::MeasureAlreadyApplied { .. })),
        ),
        (
            "sanction before decision",
            "chenj",
            case_at(Submitted),
            apply_m("sunq", Measure::M11_2),
            Exp::Stage,
        ),
        (
            "appeal filed",
            "liuf",
            sanctioned.clone(),
            Command::FileAppeal {
                case: c(),
                appeal: appeal("sunq"),
            },
            Exp::Ok(Appealed),
        ),
        (
            "appeal by a stranger",
            "liuf",
            sanctioned.clone(),
            Command::FileAppeal {
                case: c(),
                appeal: appeal("wangl"),
            },
            Exp::Refused(|r| *r == Refusal::NotDecidedPerson("wangl".into())),
        ),
        (
            "appeal already decided",
            "liuf",
            sanctioned.clone(),
            Command::FileAppeal {
                case: c(),
                appeal: Appeal {
                    result: Some("x".into()),
                    ..appeal("sunq")
                },
            },
            Exp::Refused(|r| *r == Refusal::AppealNotNew),
        ),
        (
            "appeal before decision",
            "liuf",
            case_at(Submitted),
            Command::FileAppeal {
                case: c(),
                appeal: appeal("sunq"),
            },
            Exp::Stage,
        ),
        (
            "officer files",
            "sunq",
            sanctioned.clone(),
            Command::FileAppeal {
                case: c(),
                appeal: appeal("sunq"),
            },
            Exp::Perm,
        ),
        (
            "accept appeal",
            "liuf",
            appealed.clone(),
            Command::AcceptAppeal {
                case: c(),
                index: 0,
                on: d(11, 17),
                extended: false,
            },
            Exp::Ok(Appealed),
        ),
        (
            "accept missing appeal",
            "liuf",
            appealed.clone(),
            Command::AcceptAppeal {
                case: c(),
                index: 3,
                on: d(11, 17),
                extended: false,
            },
            Exp::Refused(|r| *r == Refusal::NoSuchAppeal(3)),
        ),
        (
            "decide appeal returns",
            "liuf",
            appealed.clone(),
            Command::DecideAppeal {
                case: c(),
                index: 0,
                on: d(11, 18),
                result: "维持".into(),
            },
            Exp::Ok(Sanctioned),
        ),
        (
            "appeal result required",
            "liuf",
            appealed.clone(),
            Command::DecideAppeal {
                case: c(),
                index: 0,
                on: d(11, 18),
                result: " ".into(),
            },
            Exp::Refused(|r| *r == Refusal::ResultRequired),
        ),
        (
            "close while appealed",
            "liuf",
            appealed.clone(),
            Command::Close {
                case: c(),
                on: d(11, 19),
            },
            Exp::Stage,
        ),
        (
            "close sanctioned",
            "liuf",
            sanctioned.clone(),
            Command::Close {
                case: c(),
                on: d(11, 19),
            },
            Exp::Ok(Closed),
        ),
        (
            "close with open measures",
            "liuf",
            case_at(Decided),
            Command::Close {
                case: c(),
                on: d(11, 19),
            },
            Exp::Refused(|r| matches!(r, Refusal::OpenMeasures(m) if m.len() == 1)),
        ),
        (
            "close decided, nothing to apply",
            "liuf",
            no_measures,
            Command::Close {
                case: c(),
                on: d(11, 19),
            },
            Exp::Ok(Closed),
        ),
        (
            "close untold",
            "liuf",
            not_told,
            Command::Close {
                case: c(),
                on: d(11, 19),
            },
            Exp::Refused(|r| *r == Refusal::NotNotified),
        ),
        (
            "close rejected",
            "liuf",
            {
                let mut k = case_at(Rejected);
                k.complainant = None;
                k
            },
            Command::Close {
                case: c(),
                on: d(11, 19),
            },
            Exp::Ok(Closed),
        ),
        (
            "chief closes",
            "chenj",
            sanctioned,
            Command::Close {
                case: c(),
                on: d(11, 19),
            },
            Exp::Perm,
        ),
        (
            "close under investigation",
            "liuf",
            case_at(Investigating),
            Command::Close {
                case: c(),
                on: d(11, 19),
            },
            Exp::Stage,
        ),
    ]);
}

#[test]
fn people_and_relations() {
    let dir = directory();
    let get = |l: &str| dir.person(l).cloned().expect("person");
    let root = get("root");
    let newcomer = Person {
        login: "xul".into(),
        name: "徐丽".into(),
        unit: "法制股".into(),
        roles: vec![Role::Investigator],
    };
    assert!(upsert_person(&root, &dir, &newcomer).is_ok());
    assert!(matches!(
        upsert_person(&get("liuf"), &dir, &newcomer),
        Err(WorkflowError::NotPermitted {
            needs: Some(Role::Admin),
            ..
        })
    ));
    let spaced = Person {
        login: "xu l".into(),
        ..newcomer.clone()
    };
    assert!(matches!(
        upsert_person(&root, &dir, &spaced),
        Err(WorkflowError::Refused {
            refusal: Refusal::IncompletePerson(_),
            ..
        })
    ));
    let demoted = Person {
        roles: vec![Role::Legal],
        ..root.clone()
    };
    assert!(matches!(
        upsert_person(&root, &dir, &demoted),
        Err(WorkflowError::NotPermitted {
            why: Why::LastAdmin,
            ..
        })
    ));

    let rel = |a: &str, b: &str| Relation {
        a: a.into(),
        b: b.into(),
        kind: RelationKind::Relative,
        note: None,
    };
    let rows: Vec<(&str, Relation, bool)> = vec![
        ("wangl", rel("wangl", "sunq"), true),
        ("liuf", rel("wuy", "sunq"), true),
        ("sunq", rel("wangl", "sunq"), false),
        ("wuy", rel("wangl", "sunq"), false),
    ];
    for (actor, r, ok) in rows {
        assert_eq!(add_relation(&get(actor), &dir, &r).is_ok(), ok, "{actor}");
    }
    let refused = |r: Relation| match add_relation(&root, &dir, &r) {
        Err(WorkflowError::Refused { refusal, .. }) => refusal,
        other => panic!("{other:?}"),
    };
    assert_eq!(refused(rel("wangl", "wangl")), Refusal::SelfRelation);
    assert_eq!(
        refused(rel("zhouh", "zhaom")),
        Refusal::DuplicateRelation {
            a: "zhouh".into(),
            b: "zhaom".into()
        }
    );
    assert_eq!(
        refused(rel("wangl", "ghost")),
        Refusal::UnknownPerson("ghost".into())
    );
}

#[test]
fn intake_is_legal_only() {
    let dir = directory();
    let cal = Calendar::default();
    let b = example();
    let k = &b.cases[0];
    for (actor, ok) in [("liuf", true), ("wangl", false), ("root", false)] {
        let a = dir.person(actor).cloned().expect("actor");
        let ctx = Ctx {
            actor: &a,
            dir: &dir,
            cal: &cal,
            today: d(11, 20),
            uncovered: Default::default(),
            attachment: None,
        };
        let r = intake(
            &ctx,
            N.into(),
            &k.title,
            k.source,
            k.received_on,
            k.complainant.clone(),
            &k.summary,
            &k.act,
            &k.respondents,
        );
        assert_eq!(r.is_ok(), ok, "{actor}");
        if let Ok(case) = r {
            assert_eq!(case.stage, Stage::Received);
            assert!(case.acceptance.is_none());
        }
    }
}
