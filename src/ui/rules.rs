//! The door from the screens to the regulation's functions. Every number the workbench shows
//! (deadlines, blockers, grades) comes from `crate::domain` through here; the trait exists so
//! tests and benches can swap in a stand-in while a domain function is still being written,
//! and so the one adapter that will point at `crate::i18n::rules::person_reasons` sits in one
//! place.

use chrono::NaiveDate;

use crate::domain::Directory;
use crate::domain::calendar::{Calendar, Uncovered};
use crate::domain::check::{Blocker, CheckReport};
use crate::domain::deadlines::Obligation;
use crate::domain::liability::{PersonVerdict, PriorOutcome, RuleError, Verdict};
use crate::domain::model::{Case, Measure};
use crate::i18n::{Lang, cite};

pub trait Rules: Sync {
    /// Every open obligation of `cases`, most urgent first (`domain::deadlines::obligations`).
    fn obligations(
        &self,
        cases: &[&Case],
        cal: &Calendar,
        today: NaiveDate,
        uncovered: &mut Uncovered,
    ) -> Vec<Obligation>;
    /// The submission check (`domain::check::check`).
    fn check(
        &self,
        case: &Case,
        dir: &Directory,
        cal: &Calendar,
        as_of: NaiveDate,
        uncovered: &mut Uncovered,
    ) -> CheckReport;
    fn blocker_message(&self, b: &Blocker, dir: &Directory, lang: Lang) -> String;
    fn prior_outcomes(&self, cases: &[&Case]) -> Vec<PriorOutcome>;
    fn liability(
        &self,
        case: &Case,
        dir: &Directory,
        priors: &[PriorOutcome],
        today: NaiveDate,
    ) -> Result<Verdict, RuleError>;
    fn available_measures(&self, v: &Verdict) -> Vec<Measure>;
    /// The rules that graded this person, cited in the language's form with their words.
    fn person_reasons(&self, p: &PersonVerdict, lang: Lang) -> Vec<String>;
}

/// The real regulation.
pub struct DomainRules;

/// ADAPTER for the lead: point this at `crate::i18n::rules::person_reasons` once branch
/// `rules` is merged. Until then it cites the codes only (`第五条第（二）项第4目`).
pub fn person_reasons(p: &PersonVerdict, lang: Lang) -> Vec<String> {
    p.basis.iter().map(|c| cite(c.as_str(), lang)).collect()
}

impl Rules for DomainRules {
    fn obligations(
        &self,
        cases: &[&Case],
        cal: &Calendar,
        today: NaiveDate,
        uncovered: &mut Uncovered,
    ) -> Vec<Obligation> {
        crate::domain::deadlines::obligations(cases.iter().copied(), cal, today, uncovered)
    }
    fn check(
        &self,
        case: &Case,
        dir: &Directory,
        cal: &Calendar,
        as_of: NaiveDate,
        uncovered: &mut Uncovered,
    ) -> CheckReport {
        crate::domain::check::check(case, dir, cal, as_of, uncovered)
    }
    fn blocker_message(&self, b: &Blocker, dir: &Directory, lang: Lang) -> String {
        b.message(dir, lang)
    }
    fn prior_outcomes(&self, cases: &[&Case]) -> Vec<PriorOutcome> {
        crate::domain::liability::prior_outcomes(cases.iter().copied())
    }
    fn liability(
        &self,
        case: &Case,
        dir: &Directory,
        priors: &[PriorOutcome],
        today: NaiveDate,
    ) -> Result<Verdict, RuleError> {
        crate::domain::liability::liability(case, dir, priors, today)
    }
    fn available_measures(&self, v: &Verdict) -> Vec<Measure> {
        v.available_measures()
    }
    fn person_reasons(&self, p: &PersonVerdict, lang: Lang) -> Vec<String> {
        person_reasons(p, lang)
    }
}
