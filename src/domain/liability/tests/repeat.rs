//! Art. 8(3): another accountable fault within one year.

use std::collections::BTreeMap;

use super::*;
use crate::domain::liability::{
    Art8, CaseRepeats, Outcome, PriorOutcome, REPEAT_SHOWN, Repeats, earliest_counted,
    one_year_after, prior_outcomes,
};
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

/// All of `cases` (fewer than [`REPEAT_SHOWN`]), oldest first.
fn repeats(cases: &[&str]) -> Repeats {
    Repeats {
        count: cases.len(),
        latest: cases.iter().map(|c| c.to_string()).collect(),
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
            Priors::All(std::slice::from_ref(&p)),
            today(),
        )
        .expect("applies");
        let person = &v.persons[0];
        let (aggravating, repeat, outcome) = if applies {
            (
                vec![Art8::A8_3],
                repeats(&[&p.case]),
                Outcome::PursueHeavier,
            )
        } else {
            (vec![], Repeats::default(), Outcome::Pursue)
        };
        assert_eq!(person.aggravating, aggravating, "{p:?}");
        assert_eq!(person.repeats, repeat, "{p:?}");
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
    let v = liability(
        &case,
        &Directory::default(),
        Priors::All(&priors),
        date("2027-12-31"),
    )
    .expect("applies");
    assert_eq!(v.persons[0].repeats, repeats(&["P"]));
}

#[test]
fn repeat_cases_are_listed_once_each_by_date() {
    let case = case_with(vec![RuleFinding::R5_1 {}]);
    let priors = [
        prior("B", "h", Grade::Direct, false, "2026-09-01"),
        prior("A", "h", Grade::Shared, false, "2026-03-01"),
        prior("B", "h", Grade::Direct, false, "2026-09-01"),
    ];
    let v =
        liability(&case, &Directory::default(), Priors::All(&priors), today()).expect("applies");
    assert_eq!(v.persons[0].repeats, repeats(&["A", "B"]));
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
    let v =
        liability(&case, &Directory::default(), Priors::All(&priors), today()).expect("applies");
    for p in [&v.persons[0], &v.persons[2]] {
        assert_eq!(p.grade, Grade::None, "{}", p.login);
        assert!(
            p.aggravating.is_empty() && p.repeats.is_empty(),
            "{}",
            p.login
        );
    }
    // Graded, but no fault established.
    let mut case = case_with(vec![RuleFinding::R5_1 {}]);
    findings_mut(&mut case).serious_consequences = false;
    let v =
        liability(&case, &Directory::default(), Priors::All(&priors), today()).expect("applies");
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
    let v = liability(&b.cases[0], &example_dir(), Priors::All(&priors), today()).expect("applies");
    assert_eq!(v.persons[0].aggravating, vec![Art8::A8_3]);
    assert_eq!(v.persons[0].outcome, Outcome::PursueHeavier);
    assert!(v.persons[1].aggravating.is_empty());
    // And the decided case ignores its own decision.
    let v = liability(&b.cases[1], &example_dir(), Priors::All(&priors), today()).expect("applies");
    assert!(v.persons.iter().all(|p| p.aggravating.is_empty()));
}

/// RULES.md 8.3: "一年内" counted as PRC law counts a period of years (Civil Code Arts.
/// 201–203): to the same day of the same month a year later; from 29 February, to the last
/// day of February.
#[test]
fn art_8_3_one_year_is_a_calendar_year() {
    assert_eq!(one_year_after(date("2024-02-29")), date("2025-02-28"));
    assert_eq!(one_year_after(date("2025-03-01")), date("2026-03-01"));
    assert_eq!(one_year_after(date("2025-02-28")), date("2026-02-28"));
    assert_eq!(one_year_after(date("2023-03-01")), date("2024-03-01"));
    // (prior decided on, reference date, 8.3 applies)
    let rows = [
        ("2024-02-29", "2025-02-28", true),
        ("2024-02-29", "2025-03-01", false),
        ("2025-03-01", "2026-03-01", true),
        ("2025-03-01", "2026-03-02", false),
        // The 365-day reading got this one wrong: a year with 29 February is 366 days.
        ("2024-02-28", "2025-02-28", true),
        ("2023-03-01", "2024-03-01", true),
    ];
    let case = case_with(vec![RuleFinding::R5_1 {}]);
    for (p, reference, applies) in rows {
        let priors = [prior("P", "h", Grade::Direct, false, p)];
        let v = liability(
            &case,
            &Directory::default(),
            Priors::All(&priors),
            date(reference),
        )
        .expect("applies");
        assert_eq!(
            v.persons[0].aggravating.contains(&Art8::A8_3),
            applies,
            "{p} → {reference}"
        );
    }
}

/// RULES.md 8.3: never under Art. 4's `legal_liability`; never for a person whose
/// culpability is `negligence` or `none` (Art. 2 ¶2: not "应予追究" here).
#[test]
fn art_8_3_never_out_of_scope_nor_without_culpability() {
    let priors = [prior("P", "h", Grade::Direct, false, "2026-06-01")];
    let mut case = case_with(vec![RuleFinding::R5_1 {}]);
    findings_mut(&mut case).violates_law = true;
    let v =
        liability(&case, &Directory::default(), Priors::All(&priors), today()).expect("applies");
    assert!(v.persons[0].aggravating.is_empty(), "legal_liability");
    let mut case = case_with(vec![RuleFinding::R5_1 {}]);
    findings_mut(&mut case)
        .culpability
        .insert("h".into(), crate::domain::model::Culpability::Negligence);
    let v =
        liability(&case, &Directory::default(), Priors::All(&priors), today()).expect("applies");
    assert!(v.persons[0].aggravating.is_empty(), "negligence");
    assert_eq!(v.persons[0].outcome, Outcome::None);
}

/// bundle-v2.md: 8.3's priors are final outcomes — a revoked decision is no prior, a changed
/// one counts as changed; the date stays the committee's `decision.on`.
#[test]
fn art_8_3_uses_final_outcomes() {
    use crate::domain::model::{Appeal, AppealKind, AppealOutcome};
    let mut b = example();
    let mut decided = b.cases[0].clone();
    decided.number = "卧应急责〔2026〕3号".into();
    decided.decision = Some(decision(
        "2026-05-20",
        &[
            ("sunq", Grade::Direct, false),
            ("zhouh", Grade::Supervisory, false),
        ],
    ));
    let appeal = |person: &str, outcome, changed_to| Appeal {
        person: person.into(),
        kind: AppealKind::Review,
        filed_on: date("2026-06-01"),
        accepted_on: None,
        extended: false,
        decided_on: Some(date("2026-06-20")),
        result: Some("……".into()),
        outcome: Some(outcome),
        changed_to,
    };
    decided.appeals = vec![
        appeal("sunq", AppealOutcome::Revoked, None),
        appeal(
            "zhouh",
            AppealOutcome::Changed,
            Some(DecidedOutcome {
                grade: Grade::Leadership,
                exempted: true,
                sanctions: vec![],
            }),
        ),
    ];
    b.cases.push(decided);
    assert_eq!(
        prior_outcomes(&b.cases),
        vec![prior(
            "卧应急责〔2026〕3号",
            "zhouh",
            Grade::Leadership,
            true,
            "2026-05-20"
        )]
    );
}

/// The window a database counts in, `earliest_counted(reference)..=reference`, holds exactly
/// the decision dates RULES.md 8.3 counts (`d <= reference <= one_year_after(d)`): for every
/// reference day of 2019–2030 (three leap years), every decision date of the 400 days
/// before it.
#[test]
fn art_8_3_the_counted_window_is_the_calendar_year() {
    let mut reference = date("2019-01-01");
    while reference <= date("2030-12-31") {
        let earliest = earliest_counted(reference);
        for back in 0..=400 {
            let d = reference - chrono::Days::new(back);
            assert_eq!(
                earliest <= d,
                reference <= one_year_after(d),
                "prior {d}, reference {reference}, earliest {earliest}"
            );
        }
        reference = reference.succ_opt().expect("date");
    }
    // (reference, earliest): RULES.md's examples, read backwards.
    let rows = [
        ("2025-02-28", "2024-02-28"), // a prior of 2024-02-29 counts too
        ("2025-03-01", "2024-03-01"), // 2024-02-29 lasts only to 2025-02-28
        ("2026-03-01", "2025-03-01"),
        ("2024-02-29", "2023-03-01"), // 2023-02-28 lasts only to 2024-02-28
        ("2024-02-28", "2023-02-28"),
        ("2024-03-01", "2023-03-01"),
        ("2026-11-01", "2025-11-01"),
    ];
    for (reference, earliest) in rows {
        assert_eq!(
            earliest_counted(date(reference)),
            date(earliest),
            "{reference}"
        );
    }
}

/// Many priors: the count of every case, the latest few kept (by date, then number), each
/// case once however often it is listed.
#[test]
fn many_repeats_keep_the_count_and_the_latest() {
    let case = case_with(vec![RuleFinding::R5_1 {}]);
    let mut priors: Vec<PriorOutcome> = (1..=40)
        .map(|i| {
            let on = date("2026-01-01") + chrono::Days::new(i % 7);
            prior(
                &format!("N{i:02}"),
                "h",
                Grade::Direct,
                false,
                &on.to_string(),
            )
        })
        .collect();
    priors.extend(priors.clone());
    let v =
        liability(&case, &Directory::default(), Priors::All(&priors), today()).expect("applies");
    // Day 6 (2026-01-07) holds N06, N13, N20, N27, N34: the latest three by number.
    assert_eq!(
        v.persons[0].repeats,
        Repeats {
            count: 40,
            latest: vec!["N20".into(), "N27".into(), "N34".into()],
        }
    );
    assert_eq!(REPEAT_SHOWN, 3);
}

/// One rule, two ways in: a verdict over every outcome equals the verdict over the answer
/// counted in advance for the case, on every day of a year around its priors.
#[test]
fn counted_in_advance_gives_the_same_verdict() {
    let mut case = case_with(vec![RuleFinding::R5_2_4 {}]);
    case.respondents = vec!["z".into()];
    let priors = [
        prior("P", "h", Grade::Direct, false, "2024-02-29"),
        prior("Q", "h", Grade::Shared, false, "2025-02-28"),
        prior("R", "r", Grade::Supervisory, false, "2025-03-01"),
        prior("S", "r", Grade::Supervisory, true, "2025-06-01"),
        prior("T", "z", Grade::Direct, false, "2025-06-01"),
        prior(
            "卧应急责〔2026〕7号",
            "h",
            Grade::Direct,
            false,
            "2025-01-01",
        ),
    ];
    let mut day = date("2024-02-01");
    let mut applied = 0;
    while day <= date("2026-07-01") {
        let counted = CaseRepeats::count(&case, day, &priors);
        assert!(counted.covers(&case, day));
        // Only the people this case grades are counted (z is a respondent no rule names).
        assert_eq!(
            counted.persons.keys().collect::<Vec<_>>(),
            vec!["a", "h", "r"],
            "{day}"
        );
        let dir = Directory::default();
        let all = liability(&case, &dir, Priors::All(&priors), day).expect("applies");
        let pre = liability(&case, &dir, Priors::Counted(&counted), day).expect("applies");
        assert_eq!(all, pre, "{day}");
        applied += all.persons.iter().filter(|p| !p.repeats.is_empty()).count();
        day = day.succ_opt().expect("date");
    }
    assert!(applied > 0);
    // A decided case counts back from its decision date: a new answer is needed.
    let counted = CaseRepeats::count(&case, date("2025-06-01"), &priors);
    case.decision = Some(decision("2025-05-01", &[("h", Grade::Direct, false)]));
    assert!(!counted.covers(&case, date("2025-06-01")));
    // So does a person newly graded.
    let mut other = case_with(vec![RuleFinding::R5_1 {}]);
    let counted = CaseRepeats::count(&other, today(), &priors);
    other.findings.as_mut().expect("findings").rules = vec![RuleFinding::R5_2_4 {}];
    assert!(!counted.covers(&other, today()));
}
