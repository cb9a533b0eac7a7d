//! Art. 8(3): "一年内发生两次以上应予追究行政执法过错或错案责任的" — two or more faults or wrongful
//! cases warranting accountability within one year.

use chrono::{Months, NaiveDate};

use super::PriorOutcome;
use crate::domain::model::{Case, Grade};

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

/// The other cases that make 8.3 apply to `login`, as of `reference` (this case's decision
/// date, else today): a final outcome with a grade other than none, not exempted, decided on
/// or before `reference` and within one calendar year of it ([`one_year_after`]). This case's
/// own decision is never counted — "this case counts as one" is the caller's condition.
/// Sorted by decision date, then case number; each case once.
pub(super) fn repeat_cases(
    this_case: &str,
    login: &str,
    reference: NaiveDate,
    priors: &[PriorOutcome],
) -> Vec<String> {
    let mut hits: Vec<(NaiveDate, &str)> = priors
        .iter()
        .filter(|p| p.case != this_case && p.login == login)
        .filter(|p| p.grade != Grade::None && !p.exempted)
        .filter(|p| p.decided_on <= reference && reference <= one_year_after(p.decided_on))
        .map(|p| (p.decided_on, p.case.as_str()))
        .collect();
    hits.sort();
    hits.dedup_by(|a, b| a.1 == b.1);
    hits.into_iter().map(|(_, c)| c.to_string()).collect()
}
