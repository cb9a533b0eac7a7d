//! The synthetic generator: deterministic, lazy, distinct numbers, sound over every stage.

mod common;

use std::collections::BTreeSet;

use chrono::Datelike;
use common::demo::{date, soundness, todays};
use culpa::demo::{demo, synthetic, synthetic_with};
use culpa::domain::model::*;

#[test]
fn synthetic_is_deterministic_and_numbers_are_distinct() {
    let today = date(2026, 3, 10);
    let d = demo(today);
    let a: Vec<Case> = synthetic(1000, 42, today, &d.bundle.people).collect();
    let b: Vec<Case> = synthetic(1000, 42, today, &d.bundle.people).collect();
    let c: Vec<Case> = synthetic(1000, 43, today, &d.bundle.people).collect();
    assert_eq!(a.len(), 1000);
    assert_eq!(a, b);
    assert_ne!(a, c);
    let mut numbers: BTreeSet<&str> = a.iter().map(|c| c.number.as_str()).collect();
    assert_eq!(numbers.len(), 1000);
    numbers.extend(d.bundle.cases.iter().map(|c| c.number.as_str()));
    assert_eq!(
        numbers.len(),
        1000 + d.bundle.cases.len(),
        "collides with the demo"
    );
    // Lazy: a prefix is the same as the start of the whole.
    let first: Vec<Case> = synthetic(1000, 42, today, &d.bundle.people)
        .take(10)
        .collect();
    assert_eq!(first[..], a[..10]);
}

#[test]
fn synthetic_cases_are_sound_over_every_stage() {
    for today in todays() {
        let d = demo(today);
        let cases: Vec<Case> = synthetic(1000, 7, today, &d.bundle.people).collect();
        for stage in Stage::ALL {
            assert!(
                cases.iter().any(|c| c.stage == stage),
                "{today}: no {stage:?}"
            );
        }
        let errs: Vec<String> = cases
            .iter()
            .flat_map(|c| soundness(c, &d.bundle.people, &d.bundle.relations, today))
            .take(10)
            .collect();
        assert!(errs.is_empty(), "{today}: {errs:#?}");
        let bundle = Bundle {
            cases,
            ..d.bundle.clone()
        };
        let text = serde_json::to_string(&bundle).expect("serialises");
        assert_eq!(
            serde_json::from_str::<Bundle>(&text).expect("parses"),
            bundle
        );
    }
}

#[test]
fn synthetic_respects_a_thin_directory() {
    let today = date(2026, 3, 10);
    assert_eq!(
        synthetic(50, 1, today, &[]).count(),
        0,
        "no people, no cases"
    );
    let people = demo(today).bundle.people;
    // Without a legal affairs office nothing can be accepted.
    let no_legal: Vec<Person> = people
        .iter()
        .filter(|p| !p.has(Role::Legal))
        .cloned()
        .collect();
    assert!(synthetic(200, 1, today, &no_legal).all(|c| c.stage == Stage::Received));
    // With one investigator no team can be formed.
    let one_inv: Vec<Person> = people
        .iter()
        .filter(|p| !p.has(Role::Investigator) || p.login == "wangl")
        .cloned()
        .collect();
    let cases: Vec<Case> = synthetic(300, 1, today, &one_inv).collect();
    assert!(cases.iter().all(|c| c.team.is_none()));
    assert!(cases.iter().any(|c| c.stage == Stage::Accepted));
    // Relations passed explicitly are honoured: make every investigator related to every
    // officer, and no team can form.
    let relations: Vec<Relation> = people
        .iter()
        .filter(|p| p.has(Role::Investigator))
        .flat_map(|i| {
            people
                .iter()
                .filter(|p| p.has(Role::Officer))
                .map(|o| Relation {
                    a: i.login.clone(),
                    b: o.login.clone(),
                    kind: RelationKind::Other,
                    note: None,
                })
        })
        .collect();
    let cases: Vec<Case> = synthetic_with(300, 1, today, &people, &relations).collect();
    let errs: Vec<String> = cases
        .iter()
        .flat_map(|c| soundness(c, &people, &relations, today))
        .take(5)
        .collect();
    assert!(errs.is_empty(), "{errs:#?}");
}

/// Load work: 100,000 cases (run with `--ignored`; no timing asserted).
#[test]
#[ignore]
fn synthetic_hundred_thousand() {
    let today = date(2026, 3, 10);
    let people = demo(today).bundle.people;
    assert_eq!(synthetic(100_000, 9, today, &people).count(), 100_000);
}

#[test]
fn synthetic_act_references_carry_a_year() {
    let today = date(2026, 3, 10);
    let people = demo(today).bundle.people;
    for c in synthetic(200, 5, today, &people) {
        let year = c.act.reference.split(['〔', '〕']).nth(1).unwrap_or("");
        assert!(
            year.parse::<i32>().is_ok_and(|y| y <= c.received_on.year()),
            "{}",
            c.act.reference
        );
    }
}

#[test]
fn synthetic_records_are_in_date_order() {
    let today = date(2026, 3, 10);
    let people = demo(today).bundle.people;
    for c in synthetic(300, 2, today, &people) {
        assert!(
            c.interviews.windows(2).all(|w| w[0].on <= w[1].on),
            "{}",
            c.number
        );
        assert!(
            c.evidence
                .windows(2)
                .all(|w| w[0].collected_on <= w[1].collected_on),
            "{}",
            c.number
        );
    }
}
