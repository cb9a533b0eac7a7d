//! The team, recusals and the investigation records.

use super::*;
use crate::domain::hearing::Defect;

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
    // The example's team without zhaom (周华's relative): wangl and qianl.
    let mut clean = case_at(Investigating);
    clean.team.as_mut().expect("team").members = vec!["wangl".into(), "qianl".into()];
    clean.interviews[0].interviewers = vec!["wangl".into(), "qianl".into()];
    let hearing = |who: &[&str]| Command::RecordInterview {
        case: c(),
        interview: crate::domain::model::Interview {
            on: d(10, 16),
            kind: crate::domain::model::InterviewKind::StatementDefence,
            interviewee: "zhouh".into(),
            interviewers: who.iter().map(|s| s.to_string()).collect(),
            transcript: "……".into(),
            signed: true,
            waived: false,
        },
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
        // Art. 10(3): a valid deliberation — two un-recused members, none involved.
        (
            "deliberate",
            "wangl",
            clean.clone(),
            Command::Deliberate {
                case: c(),
                deliberation: crate::domain::model::Deliberation {
                    on: d(10, 20),
                    attendees: vec!["wangl".into(), "qianl".into()],
                    minutes: "一致认为".into(),
                },
            },
            Exp::Ok(Investigating),
        ),
        (
            "deliberate with an involved attendee",
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
            Exp::Refused(|r| {
                matches!(r, Refusal::NotCounted(v)
                    if v.iter().any(|d| matches!(d, Defect::Involved { login, .. } if login == "zhaom")))
            }),
        ),
        (
            "deliberate before a hearing",
            "wangl",
            clean.clone(),
            Command::Deliberate {
                case: c(),
                deliberation: crate::domain::model::Deliberation {
                    on: d(10, 13),
                    attendees: vec!["wangl".into(), "qianl".into()],
                    minutes: "一致认为".into(),
                },
            },
            Exp::Refused(|r| {
                matches!(r, Refusal::NotCounted(v)
                    if v.iter().any(|d| matches!(d, Defect::BeforeHearing { .. })))
            }),
        ),
        // Art. 10(2): a counted hearing, recorded by one of its interviewers.
        (
            "hearing by two members",
            "wangl",
            clean.clone(),
            hearing(&["wangl", "qianl"]),
            Exp::Ok(Investigating),
        ),
        (
            "hearing by one member",
            "wangl",
            clean.clone(),
            hearing(&["wangl"]),
            Exp::Refused(|r| {
                matches!(r, Refusal::NotCounted(v)
                    if v == &[Defect::TooFewMembers { counted: vec!["wangl".into()] }])
            }),
        ),
        (
            "hearing recorded by someone not present",
            "wangl",
            clean.clone(),
            hearing(&["qianl", "zhaom"]),
            Exp::Refused(|r| *r == Refusal::RecorderNotInterviewer("wangl".into())),
        ),
        (
            "add a graded approver as respondent",
            "wangl",
            {
                let mut c = clean.clone();
                c.respondents.retain(|r| r != "chenj");
                c
            },
            Command::AddRespondent {
                case: c(),
                person: "chenj".into(),
            },
            Exp::Ok(Investigating),
        ),
        (
            "add a respondent twice",
            "wangl",
            clean.clone(),
            Command::AddRespondent {
                case: c(),
                person: "chenj".into(),
            },
            Exp::Refused(|r| *r == Refusal::AlreadyRespondent("chenj".into())),
        ),
        (
            "add an unknown respondent",
            "wangl",
            clean.clone(),
            Command::AddRespondent {
                case: c(),
                person: "ghost".into(),
            },
            Exp::Refused(|r| *r == Refusal::UnknownPerson("ghost".into())),
        ),
        (
            "legal adds a respondent",
            "liuf",
            clean.clone(),
            Command::AddRespondent {
                case: c(),
                person: "wuy".into(),
            },
            Exp::Perm,
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
