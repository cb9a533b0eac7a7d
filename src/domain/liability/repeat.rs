//! Art. 8(3): "一年内发生两次以上应予追究行政执法过错或错案责任的" — two or more faults or wrongful
//! cases warranting accountability within one year.

use chrono::NaiveDate;

use super::PriorOutcome;
use crate::domain::model::{Case, Grade};

/// RULES.md: a prior decision counts when it is at most this many days before the reference
/// date (365 in, 366 out). One year is taken as 365 days even across a leap day, as RULES.md
/// states it in days.
pub const REPEAT_WINDOW_DAYS: i64 = 365;

/// Every decided outcome in `cases` (case order, then login order), for 8.3.
pub fn prior_outcomes<'a>(cases: impl IntoIterator<Item = &'a Case>) -> Vec<PriorOutcome> {
    cases
        .into_iter()
        .filter_map(|c| c.decision.as_ref().map(|d| (c, d)))
        .flat_map(|(c, d)| {
            d.outcomes.iter().map(move |(login, o)| PriorOutcome {
                case: c.number.clone(),
                login: login.clone(),
                grade: o.grade,
                exempted: o.exempted,
                decided_on: d.on,
            })
        })
        .collect()
}

/// The other cases that make 8.3 apply to `login`, as of `reference` (this case's decision
/// date, else today): decided by the committee with a grade other than none, not exempted,
/// on or before `reference` and no more than 365 days before it. This case's own decision is
/// never counted — "this case counts as one" is the caller's condition. Sorted by decision
/// date, then case number; each case once.
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
        .filter(|p| {
            let before = (reference - p.decided_on).num_days();
            (0..=REPEAT_WINDOW_DAYS).contains(&before)
        })
        .map(|p| (p.decided_on, p.case.as_str()))
        .collect();
    hits.sort();
    hits.dedup_by(|a, b| a.1 == b.1);
    hits.into_iter().map(|(_, c)| c.to_string()).collect()
}
