//! Art. 8(3): another accountable fault within one year.

use std::collections::BTreeMap;

use super::*;
use crate::domain::liability::{Art8, Outcome, PriorOutcome, prior_outcomes};
use crate::domain::model::{DecidedOutcome, Decision, Superior};

fn prior(case: &str, login: &str, grade: Grade, exempted: bool, on: &str) -> PriorOutcome {
    PriorOutcome {
        case: case.into(),
        login: login.into(),
        grade,
        exempted,
        decided_on: date(on),
    }
}

fn decision(on: &str, outcomes: &[(&str, Grade, bool)]) -> Decision {
    Decision {
        on: date(on),
        committee: vec!["wuy".into()],
        recused: vec![],
        text: "……".into(),
        outcomes: outcomes
            .iter()
            .map(|(l, g, e)| {
                let o = DecidedOutcome {
                    grade: *g,
                    exempted: *e,
                    sanctions: vec![],
                };
                (l.to_string(), o)
            })
            .collect::<BTreeMap<_, _>>(),
    }
}

#[test]
fn another_accountable_decision_within_365_days_aggravates() {
    // Reference date: today() = 2026-11-01 (the case is undecided).
    // (prior, 8.3 applies)
    let rows = [
        (prior("P", "h", Grade::Direct, false, "2025-11-01"), true), // 365 days before
        (prior("P", "h", Grade::Direct, false, "2025-10-31"), false), // 366 days before
        (prior("P", "h", Grade::Direct, false, "2026-11-01"), true), // same day
        (prior("P", "h", Grade::Direct, false, "2026-11-02"), false), // after the reference
        (
            prior("P", "h", Grade::Leadership, false, "2026-06-01"),
            true,
        ),
        (prior("P", "h", Grade::Direct, true, "2026-06-01"), false), // exempted
        (prior("P", "h", Grade::None, false, "2026-06-01"), false),  // not graded
        (prior("P", "x", Grade::Direct, false, "2026-06-01"), false), // someone else
        (
            prior(
                "卧应急责〔2026〕7号",
                "h",
                Grade::Direct,
                false,
                "2026-06-01",
            ),
            false,
        ), // this case's own decision
    ];
    for (p, applies) in rows {
        let case = case_with(vec![RuleFinding::R5_1 {}]);
        let v = liability(
            &case,
            &Directory::default(),
            std::slice::from_ref(&p),
            today(),
        )
        .expect("applies");
        let person = &v.persons[0];
        let (aggravating, repeat, outcome) = if applies {
            (
                vec![Art8::A8_3],
                vec![p.case.clone()],
                Outcome::PursueHeavier,
            )
        } else {
            (vec![], vec![], Outcome::Pursue)
        };
        assert_eq!(person.aggravating, aggravating, "{p:?}");
        assert_eq!(person.repeat_cases, repeat, "{p:?}");
        assert_eq!(person.outcome, outcome, "{p:?}");
    }
}

#[test]
fn a_decided_case_counts_back_from_its_decision_date() {
    let mut case = case_with(vec![RuleFinding::R5_1 {}]);
    case.decision = Some(decision("2026-06-01", &[("h", Grade::Direct, false)]));
    let priors = [
        prior("Q", "h", Grade::Direct, false, "2026-10-01"), // after the decision: out
        prior("P", "h", Grade::Direct, false, "2025-06-01"), // 365 days before it: in
        prior("O", "h", Grade::Direct, false, "2025-05-31"), // 366 days before it: out
    ];
    let v = liability(&case, &Directory::default(), &priors, date("2027-12-31")).expect("applies");
    assert_eq!(v.persons[0].repeat_cases, vec!["P".to_string()]);
}

#[test]
fn repeat_cases_are_listed_once_each_by_date() {
    let case = case_with(vec![RuleFinding::R5_1 {}]);
    let priors = [
        prior("B", "h", Grade::Direct, false, "2026-09-01"),
        prior("A", "h", Grade::Shared, false, "2026-03-01"),
        prior("B", "h", Grade::Direct, false, "2026-09-01"),
    ];
    let v = liability(&case, &Directory::default(), &priors, today()).expect("applies");
    assert_eq!(
        v.persons[0].repeat_cases,
        vec!["A".to_string(), "B".to_string()]
    );
    assert_eq!(v.persons[0].aggravating, vec![Art8::A8_3]);
}

/// "一年内发生两次以上应予追究…的": this case must itself be an accountable fault for the
/// person — graded here and a fault established — to be the second one.
#[test]
fn no_repeat_where_this_case_holds_the_person_unaccountable() {
    let priors = [
        prior("P", "h", Grade::Direct, false, "2026-06-01"),
        prior("P", "z", Grade::Direct, false, "2026-06-01"),
    ];
    // The handler executed a superior's order: named, grade none.
    let mut case = case_with(vec![RuleFinding::R5_2_10 {
        ordered_by: Superior::Reviewer,
        obviously_illegal: false,
    }]);
    case.respondents = vec!["z".into()];
    let v = liability(&case, &Directory::default(), &priors, today()).expect("applies");
    for p in [&v.persons[0], &v.persons[2]] {
        assert_eq!(p.grade, Grade::None, "{}", p.login);
        assert!(
            p.aggravating.is_empty() && p.repeat_cases.is_empty(),
            "{}",
            p.login
        );
    }
    // Graded, but no fault established.
    let mut case = case_with(vec![RuleFinding::R5_1 {}]);
    findings_mut(&mut case).serious_consequences = false;
    let v = liability(&case, &Directory::default(), &priors, today()).expect("applies");
    assert!(v.persons[0].aggravating.is_empty());
}

#[test]
fn prior_outcomes_come_from_every_decided_case() {
    let mut b = example();
    let mut decided = b.cases[0].clone();
    decided.number = "卧应急责〔2026〕3号".into();
    decided.decision = Some(decision(
        "2026-05-20",
        &[
            ("zhouh", Grade::Supervisory, true),
            ("sunq", Grade::Direct, false),
        ],
    ));
    b.cases.push(decided);
    assert_eq!(
        prior_outcomes(&b.cases),
        vec![
            prior(
                "卧应急责〔2026〕3号",
                "sunq",
                Grade::Direct,
                false,
                "2026-05-20"
            ),
            prior(
                "卧应急责〔2026〕3号",
                "zhouh",
                Grade::Supervisory,
                true,
                "2026-05-20"
            ),
        ]
    );
    // The example's sunq now repeats; zhouh's prior was exempted.
    let priors = prior_outcomes(&b.cases);
    let v = liability(&b.cases[0], &example_dir(), &priors, today()).expect("applies");
    assert_eq!(v.persons[0].aggravating, vec![Art8::A8_3]);
    assert_eq!(v.persons[0].outcome, Outcome::PursueHeavier);
    assert!(v.persons[1].aggravating.is_empty());
    // And the decided case ignores its own decision.
    let v = liability(&b.cases[1], &example_dir(), &priors, today()).expect("applies");
    assert!(v.persons.iter().all(|p| p.aggravating.is_empty()));
}
