//! Art. 8(3): "一年内发生两次以上应予追究行政执法过错或错案责任的" — two or more faults or wrongful
//! cases warranting accountability within one year.
//!
//! The rule is [`repeats`]. A verdict asks it through [`Priors`]: over every outcome on
//! record ([`Priors::All`]: a bundle file, tests), or answered in advance for one case
//! ([`Priors::Counted`]: a database counts in its index, issue 10, from the window
//! [`earliest_counted`]`..=reference` — never reading a busy officer's year row by row).
//! Both give the same [`Repeats`].

use std::collections::BTreeMap;

use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};

use super::PriorOutcome;
use crate::domain::model::{Case, Grade, Login};

/// How many of the cases that make 8.3 apply a verdict keeps (the latest), and a reason
/// line names: a person with hundreds of decided cases in the year must not turn one note
/// into pages, nor one verdict into a read of them all (issue 10).
pub const REPEAT_SHOWN: usize = 3;

/// The other cases that make Art. 8(3) apply to one person.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Repeats {
    /// How many (each case once).
    pub count: usize,
    /// The latest [`REPEAT_SHOWN`] of them (all when fewer), by decision date then case
    /// number, oldest first.
    pub latest: Vec<String>,
}

impl Repeats {
    /// No other case counts: 8.3 does not apply.
    pub fn is_empty(&self) -> bool {
        self.count == 0
    }
}

/// Every final outcome in `cases` (case order, then the outcomes' order), for 8.3: after
/// reviews and appeals (bundle-v2.md), dated by the committee's `decision.on`. A revoked
/// outcome is no prior at all.
pub fn prior_outcomes<'a>(cases: impl IntoIterator<Item = &'a Case>) -> Vec<PriorOutcome> {
    cases
        .into_iter()
        .filter_map(|c| c.decision.as_ref().map(|d| (c, d.on)))
        .flat_map(|(c, on)| {
            c.final_outcomes().into_iter().map(move |o| PriorOutcome {
                case: c.number.clone(),
                login: o.login,
                grade: o.grade,
                exempted: o.exempted,
                decided_on: on,
            })
        })
        .collect()
}

/// The last day on which a prior decided on `prior` still lies "一年内" (within one year):
/// RULES.md 8.3, as PRC law counts a period of years (Civil Code Arts. 201–203) — the day of
/// the same month and number one year later, or the last day of February where `prior` is
/// 29 February (2024-02-29 → 2025-02-28; 2025-03-01 → 2026-03-01).
pub fn one_year_after(prior: NaiveDate) -> NaiveDate {
    prior
        .checked_add_months(Months::new(12))
        // chrono clamps 02-29 + 12 months to 02-28; `None` only at the end of time.
        .unwrap_or(NaiveDate::MAX)
}

/// The earliest decision date that still counts for 8.3 on `reference`: the first day `d`
/// with `reference <= one_year_after(d)`. [`one_year_after`] never decreases, so the priors
/// that count are exactly those decided in `earliest_counted(reference)..=reference` — the
/// range a database counts in its index. Usually the same day a year before; from 29
/// February, 1 March (a prior of 28 February lasts only to 28 February: 2024-02-29 →
/// 2023-03-01).
pub fn earliest_counted(reference: NaiveDate) -> NaiveDate {
    // chrono clamps 02-29 − 12 months to 02-28.
    let back = reference
        .checked_sub_months(Months::new(12))
        .unwrap_or(NaiveDate::MIN);
    if one_year_after(back) < reference {
        back.succ_opt().unwrap_or(back)
    } else {
        back
    }
}

/// RULES.md 8.3: the reference date is this case's decision date, else today.
pub fn repeat_reference(case: &Case, today: NaiveDate) -> NaiveDate {
    case.decision.as_ref().map_or(today, |d| d.on)
}

/// The other cases that make 8.3 apply to `login`, as of `reference` (this case's decision
/// date, else today): a final outcome with a grade other than none, not exempted, decided on
/// or before `reference` and within one calendar year of it ([`one_year_after`]). This case's
/// own decision is never counted — "this case counts as one" is the caller's condition.
/// Each case once; the latest kept by decision date, then case number.
pub fn repeats(
    this_case: &str,
    login: &str,
    reference: NaiveDate,
    priors: &[PriorOutcome],
) -> Repeats {
    let mut hits: Vec<(NaiveDate, &str)> = priors
        .iter()
        .filter(|p| p.case != this_case && p.login == login)
        .filter(|p| p.grade != Grade::None && !p.exempted)
        .filter(|p| p.decided_on <= reference && reference <= one_year_after(p.decided_on))
        .map(|p| (p.decided_on, p.case.as_str()))
        .collect();
    hits.sort();
    hits.dedup_by(|a, b| a.1 == b.1);
    let count = hits.len();
    Repeats {
        count,
        latest: hits[count.saturating_sub(REPEAT_SHOWN)..]
            .iter()
            .map(|(_, c)| c.to_string())
            .collect(),
    }
}

/// Art. 8(3) answered in advance for one case: for each person this case counts as one
/// accountable fault of ([`super::repeat_persons`]), their [`Repeats`] as of the case's
/// reference date. What a database answers (issue 10): a count and the latest few per
/// person, from its index.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseRepeats {
    /// The case's number.
    pub case: String,
    /// Its reference date ([`repeat_reference`]).
    pub reference: NaiveDate,
    /// Every person of [`super::repeat_persons`], even with a count of 0.
    pub persons: BTreeMap<Login, Repeats>,
}

impl CaseRepeats {
    /// Counted by the rule itself from every outcome on record (a backend with no index).
    pub fn count(case: &Case, today: NaiveDate, priors: &[PriorOutcome]) -> CaseRepeats {
        let reference = repeat_reference(case, today);
        CaseRepeats {
            case: case.number.clone(),
            reference,
            persons: super::repeat_persons(case)
                .into_iter()
                .map(|login| {
                    let r = repeats(&case.number, &login, reference, priors);
                    (login, r)
                })
                .collect(),
        }
    }

    /// Whether this answer holds for `case` as of `today`: the same case and reference
    /// date, and everyone the verdict will ask about. A changed finding or a new decision
    /// date calls for a new answer.
    pub fn covers(&self, case: &Case, today: NaiveDate) -> bool {
        self.case == case.number
            && self.reference == repeat_reference(case, today)
            && super::repeat_persons(case)
                .iter()
                .all(|l| self.persons.contains_key(l))
    }
}

/// Where a verdict gets Art. 8(3)'s other cases. Both give the same verdict: a database
/// counts with the window and conditions of [`repeats`] (tests/projection.rs holds it to
/// that).
#[derive(Debug, Clone, Copy)]
pub enum Priors<'a> {
    /// Every outcome to consider (may include this case's own): the rule picks.
    All(&'a [PriorOutcome]),
    /// Already counted for this case as of its reference date ([`CaseRepeats::covers`]).
    Counted(&'a CaseRepeats),
}

impl Priors<'_> {
    /// No other case on record.
    pub const NONE: Priors<'static> = Priors::All(&[]);

    pub(super) fn repeats(self, this_case: &str, login: &str, reference: NaiveDate) -> Repeats {
        match self {
            Priors::All(all) => repeats(this_case, login, reference, all),
            Priors::Counted(c) => {
                debug_assert!(
                    c.case == this_case && c.reference == reference,
                    "Art. 8(3) counted for {} on {}, asked for {this_case} on {reference}",
                    c.case,
                    c.reference
                );
                debug_assert!(c.persons.contains_key(login), "{login} not counted");
                c.persons.get(login).cloned().unwrap_or_default()
            }
        }
    }
}
