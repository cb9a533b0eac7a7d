//! Table-driven tests of the liability rules. Shared builders here; one file per topic.

mod allocation;
mod outcome;
mod repeat;

use chrono::NaiveDate;

use super::{Priors, Verdict, liability};
use crate::domain::directory::Directory;
use crate::domain::model::{Bundle, Case, Findings, Grade, RuleFinding};

pub(super) const EXAMPLE: &str = include_str!("../../../../tests/fixtures/example.json");

pub(super) fn example() -> Bundle {
    serde_json::from_str(EXAMPLE).expect("the example bundle parses")
}

pub(super) fn example_dir() -> Directory {
    let b = example();
    Directory::new(b.people, b.relations)
}

pub(super) fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("test date")
}

pub(super) fn today() -> NaiveDate {
    date("2026-11-01")
}

/// The example case reshaped: act by handler `h`, reviewer `r`, approver `a` (not on the
/// spot), no respondents, findings with `rules`, a fault (type 2, serious consequences).
pub(super) fn case_with(rules: Vec<RuleFinding>) -> Case {
    let mut case = example().cases.remove(0);
    case.act.handler = "h".into();
    case.act.reviewer = Some("r".into());
    case.act.approver = Some("a".into());
    case.respondents = Vec::new();
    // Art. 7(1) needs a wrongful case ("构成错案的"); give it one where it is found.
    let wrongful_case = rules
        .iter()
        .any(|r| matches!(r, RuleFinding::R7_1 {}))
        .then_some(crate::domain::model::WrongfulCase::Revoked);
    case.findings = Some(Findings {
        fault_types: vec![2],
        serious_consequences: true,
        wrongful_case,
        rules,
        ..Findings::default()
    });
    case
}

pub(super) fn findings_mut(case: &mut Case) -> &mut Findings {
    case.findings.as_mut().expect("case_with sets findings")
}

/// The verdict with no priors, against an empty directory (names fall back to logins).
pub(super) fn verdict(case: &Case) -> Verdict {
    liability(case, &Directory::default(), Priors::NONE, today()).expect("findings apply")
}

pub(super) fn grades(v: &Verdict) -> Vec<(String, Grade)> {
    v.persons
        .iter()
        .map(|p| (p.login.clone(), p.grade))
        .collect()
}

pub(super) fn owned(rows: &[(&str, Grade)]) -> Vec<(String, Grade)> {
    rows.iter().map(|(l, g)| (l.to_string(), *g)).collect()
}
