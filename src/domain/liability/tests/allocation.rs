//! Arts. 5 and 7: one row per rule and per grade it assigns; merging; errors.

use super::*;
use crate::domain::directory::Directory;
use crate::domain::liability::{RuleError, VerdictNote, findings_error};
use crate::domain::model::{RuleCode, Superior};
use Grade::{
    Corresponding as Corr, Direct as D, ImportantLeadership as IL, Leadership as L, None as N,
    Shared as S, Supervisory as Sup,
};

fn r5_2_9(instructed_by: Option<Superior>, agreed_by_approver: bool) -> RuleFinding {
    RuleFinding::R5_2_9 {
        instructed_by,
        agreed_by_approver,
    }
}

fn r5_2_10(ordered_by: Superior, obviously_illegal: bool) -> RuleFinding {
    RuleFinding::R5_2_10 {
        ordered_by,
        obviously_illegal,
    }
}

fn r5_4(changed: bool) -> RuleFinding {
    RuleFinding::R5_4 {
        handling_unit: "执法大队".into(),
        review_unit: "法制股".into(),
        review_unit_changed_act: changed,
    }
}

/// (rule, act on the spot?, expected persons and grades, login carrying the 5.2.9 note)
type AllocationRow = (
    RuleFinding,
    bool,
    Vec<(&'static str, Grade)>,
    Option<&'static str>,
);
/// (rules, drop reviewer?, drop approver?, on the spot?, cleared, expected error)
type ErrorRow = (
    Vec<RuleFinding>,
    bool,
    bool,
    bool,
    Vec<&'static str>,
    RuleError,
);

fn persons(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

#[test]
fn each_rule_assigns_its_grades_in_naming_order() {
    use Superior::{Approver, Reviewer};
    // (rule, act on the spot?, expected persons and grades, login carrying the 5.2.9 note)
    let rows: Vec<AllocationRow> = vec![
        (RuleFinding::R5_1 {}, false, vec![("h", D)], None),
        (RuleFinding::R5_2_1 {}, false, vec![("h", D)], None),
        (RuleFinding::R5_2_2 {}, false, vec![("h", D)], None),
        (RuleFinding::R5_2_3 {}, false, vec![("h", D)], None),
        (
            RuleFinding::R5_2_4 {},
            false,
            vec![("h", D), ("r", Sup), ("a", IL)],
            None,
        ),
        (
            RuleFinding::R5_2_5 {},
            false,
            vec![("r", D), ("a", L)],
            None,
        ),
        (RuleFinding::R5_2_6 {}, false, vec![("r", D)], None),
        (RuleFinding::R5_2_7 {}, false, vec![("a", D)], None),
        (RuleFinding::R5_2_8 {}, false, vec![("a", D)], None),
        (r5_2_9(None, false), false, vec![("h", D)], None),
        (
            r5_2_9(Some(Reviewer), false),
            false,
            vec![("h", N), ("r", D)],
            Some("h"),
        ),
        (
            r5_2_9(Some(Approver), false),
            false,
            vec![("h", N), ("a", D)],
            Some("h"),
        ),
        (
            r5_2_9(Some(Reviewer), true),
            false,
            vec![("h", N), ("r", D), ("a", L)],
            Some("h"),
        ),
        (
            r5_2_10(Reviewer, false),
            false,
            vec![("h", N), ("r", D)],
            None,
        ),
        (
            r5_2_10(Approver, false),
            false,
            vec![("h", N), ("a", D)],
            None,
        ),
        (
            r5_2_10(Reviewer, true),
            false,
            vec![("h", Corr), ("r", D)],
            None,
        ),
        (
            r5_2_10(Approver, true),
            false,
            vec![("h", Corr), ("a", D)],
            None,
        ),
        (
            RuleFinding::R5_3 {
                post_holder: "p".into(),
            },
            false,
            vec![("p", D)],
            None,
        ),
        (r5_4(false), false, vec![("h", S), ("r", S), ("a", S)], None),
        (r5_4(true), false, vec![("h", S), ("r", D), ("a", S)], None),
        (RuleFinding::R7_1 {}, true, vec![("h", D)], None),
        (
            RuleFinding::R7_2_1 {
                persons: persons(&["x", "y"]),
            },
            false,
            vec![("x", D), ("y", D)],
            None,
        ),
        (
            RuleFinding::R7_2_2 {},
            false,
            vec![("h", D), ("r", D)],
            None,
        ),
        (RuleFinding::R7_2_3 {}, false, vec![("r", D)], None),
        (
            RuleFinding::R7_3 {
                persons: persons(&["x"]),
            },
            false,
            vec![("x", D)],
            None,
        ),
        (
            RuleFinding::R7_4 {
                persons: persons(&["y", "x"]),
            },
            false,
            vec![("y", D), ("x", D)],
            None,
        ),
    ];
    for (rule, on_the_spot, expected, noted) in rows {
        let code = rule.code();
        let mut case = case_with(vec![rule]);
        case.act.on_the_spot = on_the_spot;
        let v = verdict(&case);
        assert_eq!(grades(&v), owned(&expected), "{code}");
        for p in &v.persons {
            assert_eq!(p.basis, vec![code], "{code} basis of {}", p.login);
            let note =
                (noted == Some(p.login.as_str())).then_some(VerdictNote::InstructedHandlerUngraded);
            assert_eq!(p.note, note, "{code} note of {}", p.login);
        }
    }
}

#[test]
fn several_rules_merge_to_the_most_severe_grade_with_every_basis() {
    let mut case = case_with(vec![
        r5_2_10(Superior::Approver, false), // h none, a direct
        r5_4(false),                        // h, r, a shared
        RuleFinding::R5_2_4 {},             // h direct, r supervisory, a important leadership
        RuleFinding::R7_4 {
            persons: persons(&["x", "h"]),
        },
        RuleFinding::R7_4 {
            persons: persons(&["x"]),
        },
    ]);
    case.respondents = persons(&["z", "r", "z"]);
    let v = verdict(&case);
    assert_eq!(
        grades(&v),
        owned(&[("h", D), ("a", D), ("r", Sup), ("x", D), ("z", N)])
    );
    use RuleCode::*;
    let basis: Vec<Vec<RuleCode>> = v.persons.iter().map(|p| p.basis.clone()).collect();
    assert_eq!(
        basis,
        vec![
            vec![R5_2_10, R5_4, R5_2_4, R7_4],
            vec![R5_2_10, R5_4, R5_2_4],
            vec![R5_4, R5_2_4],
            vec![R7_4],
            vec![],
        ]
    );
    // Each ground keeps what its own rule gave.
    let h: Vec<Grade> = v.persons[0].grounds.iter().map(|g| g.grade).collect();
    assert_eq!(h, vec![N, S, D, D]);
}

#[test]
fn one_login_in_two_roles_appears_once() {
    let mut case = case_with(vec![RuleFinding::R5_2_4 {}]);
    case.act.reviewer = Some("h".into());
    let v = verdict(&case);
    assert_eq!(grades(&v), owned(&[("h", D), ("a", IL)]));
    assert_eq!(v.persons[0].basis, vec![RuleCode::R5_2_4]);
    assert_eq!(v.persons[0].grounds.len(), 1);
}

#[test]
fn findings_the_rules_cannot_apply_are_errors() {
    use RuleCode::*;
    let missing = |rule, role| RuleError::MissingActRole { rule, role };
    // (rule, drop reviewer?, drop approver?, on the spot?, cleared, expected error)
    let rows: Vec<ErrorRow> = vec![
        (
            vec![RuleFinding::R5_2_4 {}],
            true,
            false,
            false,
            vec![],
            missing(R5_2_4, "reviewer"),
        ),
        (
            vec![RuleFinding::R5_2_4 {}],
            false,
            true,
            false,
            vec![],
            missing(R5_2_4, "approver"),
        ),
        (
            vec![RuleFinding::R5_2_5 {}],
            false,
            true,
            false,
            vec![],
            missing(R5_2_5, "approver"),
        ),
        (
            vec![RuleFinding::R5_2_6 {}],
            true,
            false,
            false,
            vec![],
            missing(R5_2_6, "reviewer"),
        ),
        (
            vec![RuleFinding::R5_2_7 {}],
            false,
            true,
            false,
            vec![],
            missing(R5_2_7, "approver"),
        ),
        (
            vec![RuleFinding::R5_2_8 {}],
            false,
            true,
            false,
            vec![],
            missing(R5_2_8, "approver"),
        ),
        (
            vec![r5_2_9(Some(Superior::Reviewer), false)],
            true,
            false,
            false,
            vec![],
            missing(R5_2_9, "reviewer"),
        ),
        (
            vec![r5_2_9(Some(Superior::Reviewer), true)],
            false,
            true,
            false,
            vec![],
            missing(R5_2_9, "approver"),
        ),
        (
            vec![r5_2_10(Superior::Approver, false)],
            false,
            true,
            false,
            vec![],
            missing(R5_2_10, "approver"),
        ),
        (
            vec![r5_4(false)],
            true,
            false,
            false,
            vec![],
            missing(R5_4, "reviewer"),
        ),
        (
            vec![r5_4(false)],
            false,
            true,
            false,
            vec![],
            missing(R5_4, "approver"),
        ),
        (
            vec![RuleFinding::R7_2_2 {}],
            true,
            false,
            false,
            vec![],
            missing(R7_2_2, "reviewer"),
        ),
        (
            vec![RuleFinding::R7_2_3 {}],
            true,
            false,
            false,
            vec![],
            missing(R7_2_3, "reviewer"),
        ),
        (
            vec![RuleFinding::R7_1 {}],
            false,
            false,
            false,
            vec![],
            RuleError::NotOnTheSpot,
        ),
        (
            vec![RuleFinding::R5_2_4 {}],
            false,
            false,
            false,
            vec!["r"],
            RuleError::ClearedButNamed {
                login: "r".into(),
                rule: R5_2_4,
            },
        ),
        // Named with grade none by one rule (allowed), graded by the next (not).
        (
            vec![r5_2_10(Superior::Reviewer, false), RuleFinding::R5_1 {}],
            false,
            false,
            false,
            vec!["h"],
            RuleError::ClearedButNamed {
                login: "h".into(),
                rule: R5_1,
            },
        ),
        (
            vec![r5_2_9(None, true)],
            false,
            false,
            false,
            vec![],
            RuleError::AgreementWithoutReviewerInstruction,
        ),
        (
            vec![r5_2_9(Some(Superior::Approver), true)],
            false,
            false,
            false,
            vec![],
            RuleError::AgreementWithoutReviewerInstruction,
        ),
        (
            vec![RuleFinding::R7_4 { persons: vec![] }],
            false,
            false,
            false,
            vec![],
            RuleError::NamesNoOne { rule: R7_4 },
        ),
    ];
    for (rules, no_reviewer, no_approver, on_the_spot, cleared, expected) in rows {
        let mut case = case_with(rules);
        if no_reviewer {
            case.act.reviewer = None;
        }
        if no_approver {
            case.act.approver = None;
        }
        case.act.on_the_spot = on_the_spot;
        findings_mut(&mut case).cleared = persons(&cleared);
        // Errors come first, even out of scope.
        findings_mut(&mut case).violates_law = true;
        let got = liability(&case, &Directory::default(), Priors::NONE, today());
        assert_eq!(got, Err(expected.clone()), "{expected}");
        assert_eq!(findings_error(&case).map(|(_, e)| e), Some(expected));
    }
}

#[test]
fn rules_that_grade_only_the_handler_need_no_reviewer_or_approver() {
    for rule in [
        RuleFinding::R5_1 {},
        RuleFinding::R5_2_1 {},
        r5_2_9(None, false),
    ] {
        let mut case = case_with(vec![rule]);
        case.act.reviewer = None;
        case.act.approver = None;
        assert_eq!(grades(&verdict(&case)), owned(&[("h", D)]));
        assert_eq!(findings_error(&case), None);
    }
}

#[test]
fn a_person_named_only_with_grade_none_may_be_cleared() {
    for rule in [
        r5_2_10(Superior::Reviewer, false),
        r5_2_9(Some(Superior::Reviewer), false),
    ] {
        let mut case = case_with(vec![rule]);
        findings_mut(&mut case).cleared = persons(&["h"]);
        assert_eq!(grades(&verdict(&case)), owned(&[("h", N), ("r", D)]));
    }
}

#[test]
fn findings_error_names_the_path() {
    let mut case = case_with(vec![RuleFinding::R5_1 {}, RuleFinding::R5_2_6 {}]);
    case.act.reviewer = None;
    assert_eq!(
        findings_error(&case).map(|(p, _)| p),
        Some("findings.rules[1]".to_string())
    );
    let mut case = case_with(vec![RuleFinding::R5_1 {}]);
    findings_mut(&mut case).cleared = persons(&["z", "h"]);
    assert_eq!(
        findings_error(&case).map(|(p, _)| p),
        Some("findings.cleared[1]".to_string())
    );
    let mut case = case_with(vec![RuleFinding::R5_1 {}]);
    case.findings = None;
    assert_eq!(findings_error(&case), None);
}
