//! The demo data against the domain modules that judge it: the validator, the deadlines, the
//! submission check and liability (Art. 8(3)). These modules are written in parallel; until
//! they are merged these tests stop at their `todo!()`.

use chrono::NaiveDate;
use culpa::demo::{demo, synthetic};
use culpa::domain::Directory;
use culpa::domain::calendar::{Calendar, Uncovered};
use culpa::domain::check::check;
use culpa::domain::deadlines::{DeadlineState, ObligationKind, obligations};
use culpa::domain::liability::{Art8, Priors, Verdict, liability, prior_outcomes};
use culpa::domain::model::{Bundle, Case, Stage};
use culpa::domain::validate::validate_bundle;

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid test date")
}

/// Inside the years the built-in calendar covers, including holiday seasons.
fn todays() -> [NaiveDate; 4] {
    [
        date(2026, 3, 10),
        date(2025, 10, 3),
        date(2025, 1, 31),
        date(2024, 2, 29),
    ]
}

fn directory(b: &Bundle) -> Directory {
    Directory::new(b.people.iter().cloned(), b.relations.clone())
}

#[test]
fn demo_and_synthetic_cases_pass_the_validator() {
    let cal = Calendar::builtin();
    for today in todays() {
        let d = demo(today);
        let mut bundle = d.bundle.clone();
        bundle
            .cases
            .extend(synthetic(1000, 11, today, &d.bundle.people));
        let errors = validate_bundle(&bundle, &directory(&bundle), &cal, today);
        let shown: Vec<String> = errors.iter().take(10).map(|e| e.to_string()).collect();
        assert!(errors.is_empty(), "{today}: {shown:#?}");
    }
}

#[test]
fn the_dashboard_has_overdue_and_due_soon_work() {
    let cal = Calendar::builtin();
    for today in todays() {
        let d = demo(today);
        let mut uncovered = Uncovered::new();
        let obs = obligations(&d.bundle.cases, &cal, today, &mut uncovered);
        let overdue = |k: ObligationKind| {
            obs.iter()
                .any(|o| o.kind == k && o.state == DeadlineState::Overdue)
        };
        for kind in [
            ObligationKind::Acceptance,
            ObligationKind::DecisionReport,
            ObligationKind::Sanction,
        ] {
            assert!(overdue(kind), "{today}: no overdue {kind:?}");
        }
        assert!(uncovered.is_empty(), "{today}: {uncovered:?}");
    }
}

/// On every day of an ordinary week something falls due within three days. (Inside a long
/// holiday such as Golden Week every period is pushed past it, so nothing may be.)
#[test]
fn something_is_due_soon_on_every_day_of_an_ordinary_week() {
    let cal = Calendar::builtin();
    for day in 9..=15 {
        let today = date(2026, 3, day);
        let d = demo(today);
        let mut uncovered = Uncovered::new();
        let obs = obligations(&d.bundle.cases, &cal, today, &mut uncovered);
        assert!(
            obs.iter().any(|o| o.state == DeadlineState::DueSoon),
            "{today}: nothing due soon"
        );
    }
}

#[test]
fn submitted_and_later_cases_pass_the_check_as_of_submission() {
    let cal = Calendar::builtin();
    let today = date(2026, 3, 10);
    let d = demo(today);
    let dir = directory(&d.bundle);
    let cases: Vec<Case> = d
        .bundle
        .cases
        .iter()
        .cloned()
        .chain(synthetic(500, 3, today, &d.bundle.people))
        .collect();
    for c in cases.iter().filter(|c| c.submitted_on.is_some()) {
        let mut uncovered = Uncovered::new();
        let as_of = c.submitted_on.unwrap_or(today);
        let report = check(c, &dir, &cal, as_of, &mut uncovered);
        assert!(report.ready(), "{}: {:?}", c.number, report.blockers);
    }
    // And the conflicted investigation is not ready today.
    let conflicted = d
        .bundle
        .cases
        .iter()
        .find(|c| c.stage == Stage::Investigating && c.act.handler == "zhouh")
        .expect("the conflicted case");
    let mut uncovered = Uncovered::new();
    let report = check(conflicted, &dir, &cal, today, &mut uncovered);
    assert!(!report.ready());
}

#[test]
fn art_8_3_applies_to_a_repeat_offender() {
    let today = date(2026, 3, 10);
    let d = demo(today);
    let dir = directory(&d.bundle);
    let priors = prior_outcomes(&d.bundle.cases);
    let verdicts: Vec<Verdict> = d
        .bundle
        .cases
        .iter()
        .filter(|c| c.findings.is_some())
        .map(|c| liability(c, &dir, Priors::All(&priors), today).expect("demo findings apply"))
        .collect();
    assert!(
        verdicts
            .iter()
            .flat_map(|v| &v.persons)
            .any(|p| p.aggravating.contains(&Art8::A8_3))
    );
}
