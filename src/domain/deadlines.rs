//! Open obligations and their due dates (Art. 10, Art. 11, Civil Servant Law), as
//! `culpa deadlines --json` prints them (bundle-v1.md).
//!
//! Choices where the format is silent:
//! - Decision report owner with no team yet (or every member recused): `chief`, because under
//!   Art. 10(2) the bureau chief must appoint (or complete) the team before anyone can report.
//! - An exempted outcome (`exempted: true`) that still lists measures creates sanction
//!   obligations for them: the listed measures are the committee's own final word.
//! - "As of today": a recusal dated after `today` does not yet remove a team member.
//! - Review and appeal decisions are owned by the appealing person's case team (its first
//!   un-recused member), `legal` if none, as bundle-v2.md says. So that a dashboard never
//!   names an owner who cannot act (issue 8), the workflow lets that team, as well as the
//!   legal affairs office, record the decision (`workflow::execute::decision::decide_appeal`).

use std::cmp::Ordering;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::calendar::{Calendar, Period, Uncovered};
use super::model::{AcceptanceDecision, AppealKind, Case, Login, Measure, Stage};
use super::step::Step;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ObligationKind {
    Acceptance,
    Notification,
    DecisionReport,
    Sanction,
    ReviewDecision,
    AppealDecision,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DeadlineState {
    Overdue,
    DueSoon,
    Open,
}

/// Days left at or below which an obligation is `due_soon` (bundle-v1.md: "3 days or fewer").
pub const DUE_SOON_DAYS: i64 = 3;

impl DeadlineState {
    /// The state for `days_left` calendar days before the due date (negative: overdue).
    pub fn from_days_left(days_left: i64) -> DeadlineState {
        if days_left < 0 {
            DeadlineState::Overdue
        } else if days_left <= DUE_SOON_DAYS {
            DeadlineState::DueSoon
        } else {
            DeadlineState::Open
        }
    }
}

/// One open obligation, serialised exactly as `culpa deadlines --json` prints it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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

impl Obligation {
    /// The step that closes this obligation, the one its owner is expected to take. A
    /// decision report owned by the chief (no un-recused team) is closed by appointing the
    /// team first (Art. 10(2)); every other owner takes the step the kind names.
    pub fn step(&self) -> Step {
        match self.kind {
            // Art. 10(1): accepting or declining both close it; accepting is the usual one.
            ObligationKind::Acceptance => Step::Accept,
            ObligationKind::Notification => Step::Notify,
            ObligationKind::DecisionReport if self.owner == OWNER_NO_TEAM => Step::AppointTeam,
            ObligationKind::DecisionReport => Step::Submit,
            ObligationKind::Sanction => Step::ApplySanction,
            ObligationKind::ReviewDecision | ObligationKind::AppealDecision => Step::DecideAppeal,
        }
    }
}

/// The periods that start each obligation.
// Art. 10(1): acceptance decided within 7 working days of receipt.
const ACCEPTANCE: Period = Period::WorkingDays(7);
// Art. 10(3): the handling opinion reaches the committee within 30 days of acceptance.
const DECISION_REPORT: Period = Period::Days(30);
// Art. 11: measures within 30 days of the fault being determined (the committee decision).
const SANCTION: Period = Period::Days(30);
// Civil Servant Law: review decided within 30 days of the request.
const REVIEW: Period = Period::Days(30);
// Civil Servant Law: appeal decided within 60 days of acceptance, extendable by 30.
const APPEAL: Period = Period::Days(60);
const APPEAL_EXTENDED: Period = Period::Days(90);

/// The owner of the decision report when no un-recused investigator exists (see module doc).
const OWNER_NO_TEAM: &str = "chief";
/// The owner of review and appeal decisions when the case has no un-recused team member.
const OWNER_APPEALS_NO_TEAM: &str = "legal";

/// Every open obligation of one case, unsorted.
pub fn case_obligations(
    case: &Case,
    cal: &Calendar,
    today: NaiveDate,
    uncovered: &mut Uncovered,
) -> Vec<Obligation> {
    let mut out = Vec::new();
    let mut push = |kind, due: NaiveDate, owner: &str, person, measure| {
        let days_left = (due - today).num_days();
        out.push(Obligation {
            case: case.number.clone(),
            kind,
            due,
            days_left,
            state: DeadlineState::from_days_left(days_left),
            owner: owner.to_string(),
            person,
            measure,
        });
    };

    // Art. 10(1): a named complainant is told the result, accepted or rejected; due with the
    // acceptance deadline. The only obligation a rejected or closed case keeps.
    if let Some(acc) = &case.acceptance
        && named_complainant(case)
        && acc.notified_on.is_none()
    {
        let due = cal.due(case.received_on, ACCEPTANCE, uncovered);
        push(ObligationKind::Notification, due, &acc.by, None, None);
    }
    if matches!(case.stage, Stage::Rejected | Stage::Closed) {
        return out;
    }

    let Some(acc) = &case.acceptance else {
        let due = cal.due(case.received_on, ACCEPTANCE, uncovered);
        push(ObligationKind::Acceptance, due, "legal", None, None);
        return out;
    };
    if acc.decision != AcceptanceDecision::Accepted {
        return out;
    }

    let team_owner = case.active_investigators(Some(today)).first().copied();
    if case.submitted_on.is_none() {
        let due = cal.due(acc.on, DECISION_REPORT, uncovered);
        let owner = team_owner.unwrap_or(OWNER_NO_TEAM);
        push(ObligationKind::DecisionReport, due, owner, None, None);
    }

    // Art. 11: each measure of the final outcome (after reviews and appeals, bundle-v2.md) not
    // yet applied is due 30 days after the fault was determined — the decision, or the appeal
    // whose `changed_to` added it. Sanctions stay due while an appeal is pending.
    for (person, measure, from) in case.unapplied_measures() {
        let due = cal.due(from, SANCTION, uncovered);
        push(
            ObligationKind::Sanction,
            due,
            "chief",
            Some(person),
            Some(measure),
        );
    }

    for appeal in case.appeals.iter().filter(|a| a.decided_on.is_none()) {
        let (kind, due) = match appeal.kind {
            AppealKind::Review => (
                ObligationKind::ReviewDecision,
                cal.due(appeal.filed_on, REVIEW, uncovered),
            ),
            AppealKind::Appeal => {
                let start = appeal.accepted_on.unwrap_or(appeal.filed_on);
                let period = if appeal.extended {
                    APPEAL_EXTENDED
                } else {
                    APPEAL
                };
                (
                    ObligationKind::AppealDecision,
                    cal.due(start, period, uncovered),
                )
            }
        };
        let owner = team_owner.unwrap_or(OWNER_APPEALS_NO_TEAM);
        push(kind, due, owner, Some(appeal.person.clone()), None);
    }
    out
}

/// bundle-v2.md "Named complainant": a complainant whose name is not empty after trimming
/// Unicode whitespace (`str::trim` trims White_Space, U+3000 included). Art. 10(1): "有明确投诉、
/// 申诉、举报人的，应当告知其受理或者不予受理的结果" — only they must be told.
pub fn named_complainant(case: &Case) -> bool {
    case.complainant
        .as_ref()
        .is_some_and(|c| !c.name.trim().is_empty())
}

fn kind_rank(k: ObligationKind) -> u8 {
    k as u8
}

fn most_urgent_first(a: &Obligation, b: &Obligation) -> Ordering {
    a.state
        .cmp(&b.state)
        .then(a.due.cmp(&b.due))
        .then_with(|| case_number_order(&a.case, &b.case))
        // Not in the contract; only so that equal keys print in a stable order.
        .then_with(|| kind_rank(a.kind).cmp(&kind_rank(b.kind)))
        .then_with(|| a.person.cmp(&b.person))
        .then_with(|| a.measure.cmp(&b.measure))
}

/// Case numbers in the order a clerk expects: runs of digits compare as numbers, so
/// 卧应急责〔2026〕7号 comes before 卧应急责〔2026〕10号.
pub fn case_number_order(a: &str, b: &str) -> Ordering {
    let (mut x, mut y) = (a, b);
    loop {
        match (x.chars().next(), y.chars().next()) {
            (None, None) => return a.cmp(b),
            (None, Some(_)) => return Ordering::Less,
            (Some(_), None) => return Ordering::Greater,
            (Some(c), Some(d)) if c.is_ascii_digit() && d.is_ascii_digit() => {
                let (nx, rx) = split_digits(x);
                let (ny, ry) = split_digits(y);
                let (tx, ty) = (nx.trim_start_matches('0'), ny.trim_start_matches('0'));
                let ord = tx.len().cmp(&ty.len()).then_with(|| tx.cmp(ty));
                if ord != Ordering::Equal {
                    return ord;
                }
                (x, y) = (rx, ry);
            }
            (Some(c), Some(d)) => {
                if c != d {
                    return c.cmp(&d);
                }
                (x, y) = (&x[c.len_utf8()..], &y[d.len_utf8()..]);
            }
        }
    }
}

fn split_digits(s: &str) -> (&str, &str) {
    let end = s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len());
    s.split_at(end)
}

/// Most urgent first: overdue, due soon, open; then due date; then case number.
pub fn sort_most_urgent(obligations: &mut [Obligation]) {
    obligations.sort_by(most_urgent_first);
}

/// Every open obligation of many cases, most urgent first.
pub fn obligations<'a>(
    cases: impl IntoIterator<Item = &'a Case>,
    cal: &Calendar,
    today: NaiveDate,
    uncovered: &mut Uncovered,
) -> Vec<Obligation> {
    let mut all: Vec<Obligation> = cases
        .into_iter()
        .flat_map(|c| case_obligations(c, cal, today, uncovered))
        .collect();
    sort_most_urgent(&mut all);
    all
}

#[cfg(test)]
#[path = "deadlines_tests.rs"]
mod tests;
