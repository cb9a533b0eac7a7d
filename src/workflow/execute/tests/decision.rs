//! The committee decision, sanctions, appeals and closing.

use super::*;
use crate::domain::AppealOutcome;

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
    let decide_upheld = || Command::DecideAppeal {
        case: c(),
        index: 0,
        on: d(11, 18),
        result: "维持".into(),
        outcome: AppealOutcome::Upheld,
        changed_to: None,
    };
    let mut recused_wangl = appealed.clone();
    recused_wangl.recusals.push(crate::domain::model::Recusal {
        person: "wangl".into(),
        on: d(11, 1),
        reason: "亲属".into(),
    });
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
            decide_upheld(),
            Exp::Ok(Sanctioned),
        ),
        (
            "changed without the new outcome",
            "liuf",
            appealed.clone(),
            Command::DecideAppeal {
                case: c(),
                index: 0,
                on: d(11, 18),
                result: "变更".into(),
                outcome: AppealOutcome::Changed,
                changed_to: None,
            },
            Exp::Refused(|r| *r == Refusal::ChangedOutcome(AppealOutcome::Changed)),
        ),
        (
            "a new outcome with revoked",
            "liuf",
            appealed.clone(),
            Command::DecideAppeal {
                case: c(),
                index: 0,
                on: d(11, 18),
                result: "撤销".into(),
                outcome: AppealOutcome::Revoked,
                changed_to: Some(DecidedOutcome {
                    grade: Grade::None,
                    exempted: false,
                    sanctions: vec![],
                }),
            },
            Exp::Refused(|r| *r == Refusal::ChangedOutcome(AppealOutcome::Revoked)),
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
                outcome: AppealOutcome::Upheld,
                changed_to: None,
            },
            Exp::Refused(|r| *r == Refusal::ResultRequired),
        ),
        (
            "the case team records the decision (bundle-v2.md: it owns the deadline)",
            "wangl",
            appealed.clone(),
            decide_upheld(),
            Exp::Ok(Sanctioned),
        ),
        (
            "an investigator off the team may not",
            "qianl",
            appealed.clone(),
            decide_upheld(),
            Exp::Perm,
        ),
        (
            "a recused team member may not (Art. 10(2))",
            "wangl",
            recused_wangl.clone(),
            decide_upheld(),
            Exp::Perm,
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
