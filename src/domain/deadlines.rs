//! Open obligations and their due dates (Art. 10, Art. 11, Civil Servant Law).
//! STUB: signatures only; to be implemented.

use chrono::NaiveDate;
use serde::Serialize;

use super::calendar::{Calendar, Uncovered};
use super::model::{Case, Login, Measure};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ObligationKind {
    Acceptance,
    Notification,
    DecisionReport,
    Sanction,
    ReviewDecision,
    AppealDecision,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DeadlineState {
    Overdue,
    DueSoon,
    Open,
}

/// One open obligation, serialised exactly as `culpa deadlines --json` prints it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Obligation {
    pub case: String,
    pub kind: ObligationKind,
    pub due: NaiveDate,
    pub days_left: i64,
    pub state: DeadlineState,
    pub owner: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub person: Option<Login>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub measure: Option<Measure>,
}

/// Every open obligation of one case, unsorted.
pub fn case_obligations(
    _case: &Case,
    _cal: &Calendar,
    _today: NaiveDate,
    _uncovered: &mut Uncovered,
) -> Vec<Obligation> {
    todo!()
}

/// Most urgent first: overdue, due soon, open; then due date; then case number.
pub fn sort_most_urgent(_obligations: &mut [Obligation]) {
    todo!()
}

/// Every open obligation of many cases, most urgent first.
pub fn obligations<'a>(
    _cases: impl IntoIterator<Item = &'a Case>,
    _cal: &Calendar,
    _today: NaiveDate,
    _uncovered: &mut Uncovered,
) -> Vec<Obligation> {
    todo!()
}
