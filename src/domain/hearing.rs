//! What counts as a hearing and as a collective deliberation (bundle-v2.md, "A counted
//! hearing", "A valid deliberation"). The check, import and the workflow's refusals all ask
//! here, so the definition lives once.
//!
//! - Art. 10(2): the investigation "应当由两名或两名以上工作人员进行": a hearing counts when at
//!   least two of its interviewers are team members appointed and not recused on its date,
//!   and none of its interviewers is involved (see [`super::conflict`]).
//! - Art. 10(3): the opinion follows "调查取证和集体研究": a deliberation is valid when at least
//!   two attendees are such team members, no attendee is involved, and it is held on or after
//!   every counted statement-and-defence, counterpart and interested-party hearing.
//!
//! "On a day": a member appointed on day D counts on D; one who recused on D no longer counts
//! on D.

use chrono::NaiveDate;

use super::conflict::{Involvement, involvement};
use super::model::{Case, Deliberation, Interview, InterviewKind, Login, Relation};

/// Why a hearing or a deliberation does not count. Empty list: it counts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Defect {
    /// Fewer than two participants are team members appointed and not recused on the day;
    /// `counted` are those who are.
    TooFewMembers { counted: Vec<Login> },
    /// A participant is involved in the case.
    Involved {
        login: Login,
        reasons: Vec<Involvement>,
    },
    /// A deliberation held before a counted hearing of that date.
    BeforeHearing { hearing_on: NaiveDate },
}

/// Team members appointed on or before `on` and not recused on or before `on`.
pub fn members_on(case: &Case, on: NaiveDate) -> Vec<&str> {
    let Some(team) = &case.team else {
        return Vec::new();
    };
    if team.appointed_on > on {
        return Vec::new();
    }
    case.active_investigators(Some(on))
}

fn participant_defects(
    case: &Case,
    relations: &[Relation],
    on: NaiveDate,
    people: &[Login],
) -> Vec<Defect> {
    let members = members_on(case, on);
    let counted: Vec<Login> = people
        .iter()
        .filter(|p| members.contains(&p.as_str()))
        .cloned()
        .collect();
    let mut out = Vec::new();
    if counted.len() < 2 {
        out.push(Defect::TooFewMembers { counted });
    }
    for p in people {
        let reasons = involvement(p, case, relations);
        if !reasons.is_empty() {
            out.push(Defect::Involved {
                login: p.clone(),
                reasons,
            });
        }
    }
    out
}

/// Why `iv` is not a counted hearing (Art. 10(2)); empty when it counts.
pub fn hearing_defects(case: &Case, relations: &[Relation], iv: &Interview) -> Vec<Defect> {
    participant_defects(case, relations, iv.on, &iv.interviewers)
}

/// Whether `iv` is a counted hearing.
pub fn counts(case: &Case, relations: &[Relation], iv: &Interview) -> bool {
    hearing_defects(case, relations, iv).is_empty()
}

/// The kinds of hearing a deliberation must follow (Art. 10(3): after 调查取证).
fn precedes_deliberation(kind: InterviewKind) -> bool {
    matches!(
        kind,
        InterviewKind::StatementDefence
            | InterviewKind::Counterpart
            | InterviewKind::InterestedParty
    )
}

/// Why `d` is not a valid deliberation (Art. 10(3)), judged against the counted hearings
/// dated on or before `as_of`; empty when valid.
pub fn deliberation_defects(
    case: &Case,
    relations: &[Relation],
    d: &Deliberation,
    as_of: NaiveDate,
) -> Vec<Defect> {
    let mut out = participant_defects(case, relations, d.on, &d.attendees);
    let last = case
        .interviews
        .iter()
        .filter(|i| i.on <= as_of && precedes_deliberation(i.kind) && i.on > d.on)
        .filter(|i| counts(case, relations, i))
        .map(|i| i.on)
        .max();
    if let Some(hearing_on) = last {
        out.push(Defect::BeforeHearing { hearing_on });
    }
    out
}

#[cfg(test)]
#[path = "hearing_tests.rs"]
mod tests;
