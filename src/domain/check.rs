//! The submission check: may this case's handling opinion go to the committee now?
//! (Art. 10(2)–(3)).
//!
//! The domain names what blocks and why; the words are `crate::i18n::check`'s (layers:
//! i18n knows the domain, the domain never asks i18n).
//!
//! Everything is judged "as of" a date (today, or `submitted_on` for a submitted case):
//! records dated later — team appointment, recusals, interviews, deliberation, acceptance —
//! are ignored, as if not yet written. Findings and `overdue_reason` carry no date and always
//! count.

use chrono::NaiveDate;
use serde::Serialize;

use super::calendar::{Calendar, Period, Uncovered};
use super::conflict::{Involvement, involvement};
use super::directory::Directory;
use super::hearing;
use super::liability;
use super::model::{
    AcceptanceDecision, Act, Case, Grade, InterviewKind, Login, RuleFinding, Superior,
};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum BlockerCode {
    GradedNotRespondent,
    TeamTooSmall,
    ConflictNotRecused,
    DefenceNotHeard,
    InterestedPartiesNotHeard,
    NoDeliberation,
    LiabilityIncomplete,
    OverdueWithoutReason,
    NotAccepted,
}

impl BlockerCode {
    /// The code as bundle-v1.md spells it.
    pub fn as_str(self) -> &'static str {
        match self {
            BlockerCode::GradedNotRespondent => "graded_not_respondent",
            BlockerCode::TeamTooSmall => "team_too_small",
            BlockerCode::ConflictNotRecused => "conflict_not_recused",
            BlockerCode::DefenceNotHeard => "defence_not_heard",
            BlockerCode::InterestedPartiesNotHeard => "interested_parties_not_heard",
            BlockerCode::NoDeliberation => "no_deliberation",
            BlockerCode::LiabilityIncomplete => "liability_incomplete",
            BlockerCode::OverdueWithoutReason => "overdue_without_reason",
            BlockerCode::NotAccepted => "not_accepted",
        }
    }
}

/// An investigator who is involved and has not recused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conflict {
    pub investigator: Login,
    pub reasons: Vec<Involvement>,
}

/// One thing that stops submission, with what is needed to explain it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Blocker {
    /// Art. 10(2): someone the rules grade was never heard as a respondent.
    GradedNotRespondent {
        persons: Vec<Login>,
    },
    TeamTooSmall {
        active: Vec<Login>,
    },
    ConflictNotRecused {
        conflicts: Vec<Conflict>,
    },
    DefenceNotHeard {
        respondents: Vec<Login>,
    },
    InterestedPartiesNotHeard,
    NoDeliberation,
    LiabilityIncomplete {
        no_findings: bool,
        unaccounted: Vec<Login>,
        /// Graded other than none with no `culpability` entry (Art. 2 ¶2).
        no_culpability: Vec<Login>,
    },
    OverdueWithoutReason {
        due: NaiveDate,
    },
    NotAccepted,
}

impl Blocker {
    pub fn code(&self) -> BlockerCode {
        match self {
            Blocker::GradedNotRespondent { .. } => BlockerCode::GradedNotRespondent,
            Blocker::TeamTooSmall { .. } => BlockerCode::TeamTooSmall,
            Blocker::ConflictNotRecused { .. } => BlockerCode::ConflictNotRecused,
            Blocker::DefenceNotHeard { .. } => BlockerCode::DefenceNotHeard,
            Blocker::InterestedPartiesNotHeard => BlockerCode::InterestedPartiesNotHeard,
            Blocker::NoDeliberation => BlockerCode::NoDeliberation,
            Blocker::LiabilityIncomplete { .. } => BlockerCode::LiabilityIncomplete,
            Blocker::OverdueWithoutReason { .. } => BlockerCode::OverdueWithoutReason,
            Blocker::NotAccepted => BlockerCode::NotAccepted,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckReport {
    pub case: String,
    pub as_of: NaiveDate,
    pub blockers: Vec<Blocker>,
}

/// What the submission check allows the team to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GateState {
    /// Nothing blocks: submit.
    Ready,
    /// Only the missing reason for a late report blocks, and the submission itself is where
    /// it is given: submit, giving the reason.
    NeedsReason,
    /// Something the submission cannot clear blocks: submission is refused.
    Blocked,
}

impl CheckReport {
    pub fn ready(&self) -> bool {
        self.blockers.is_empty()
    }

    /// Art. 10(3): the opinion is due within 30 days of acceptance; later it may still go,
    /// with the delay explained. Refusing the submission for want of a reason only the
    /// submission can carry would leave a late case unable ever to be submitted.
    pub fn gate(&self) -> GateState {
        if self.ready() {
            GateState::Ready
        } else if self
            .blockers
            .iter()
            .all(|b| matches!(b, Blocker::OverdueWithoutReason { .. }))
        {
            GateState::NeedsReason
        } else {
            GateState::Blocked
        }
    }

    /// The codes of the blockers, in order.
    pub fn codes(&self) -> Vec<BlockerCode> {
        self.blockers.iter().map(Blocker::code).collect()
    }
}

// Art. 10(3): the handling opinion reaches the committee within 30 days of acceptance.
const REPORT_PERIOD: Period = Period::Days(30);

/// The check as of `as_of` (today, or `submitted_on` for a submitted case).
pub fn check(
    case: &Case,
    dir: &Directory,
    cal: &Calendar,
    as_of: NaiveDate,
    uncovered: &mut Uncovered,
) -> CheckReport {
    let mut blockers = Vec::new();
    let known = |on: NaiveDate| on <= as_of;
    let relations = dir.relations();
    // Whom the rules grade; findings the rules cannot apply grade no one here (validation
    // reports that error at its path).
    let graded: Vec<Login> = liability::grades(case)
        .unwrap_or_default()
        .into_iter()
        .filter(|(_, g)| *g != Grade::None)
        .map(|(l, _)| l)
        .collect();

    // Art. 10(2): the 被调查人 has the right to state their case and defend; anyone the rules
    // grade must be a respondent, or they are held liable without being heard.
    let not_respondents: Vec<Login> = graded
        .iter()
        .filter(|l| !case.respondents.contains(l))
        .cloned()
        .collect();
    if !not_respondents.is_empty() {
        blockers.push(Blocker::GradedNotRespondent {
            persons: not_respondents,
        });
    }

    // Art. 10(2): the chief appoints a team of two or more; a recused member no longer counts.
    let active: Vec<Login> = match &case.team {
        Some(team) if known(team.appointed_on) => case
            .active_investigators(Some(as_of))
            .into_iter()
            .map(str::to_string)
            .collect(),
        _ => Vec::new(),
    };
    if active.len() < 2 {
        blockers.push(Blocker::TeamTooSmall {
            active: active.clone(),
        });
    }

    // Art. 10(2): an investigator with an interest in the respondent must recuse — detected
    // from the act, the findings and the relations on file (bundle-v2.md **Involved**), not
    // only from what was declared.
    let conflicts: Vec<Conflict> = active
        .iter()
        .filter_map(|m| {
            let reasons = involvement(m, case, relations);
            (!reasons.is_empty()).then(|| Conflict {
                investigator: m.clone(),
                reasons,
            })
        })
        .collect();
    if !conflicts.is_empty() {
        blockers.push(Blocker::ConflictNotRecused { conflicts });
    }

    // Only counted hearings (hearing.rs: two un-recused team members, none involved).
    let heard: Vec<_> = case
        .interviews
        .iter()
        .filter(|i| known(i.on) && hearing::counts(case, relations, i))
        .collect();

    // Art. 10(2): the respondent has the right to state their case and defend; a recorded
    // waiver is a `statement_defence` interview too, so it counts as heard.
    let unheard: Vec<Login> = case
        .respondents
        .iter()
        .filter(|r| {
            !heard
                .iter()
                .any(|i| i.kind == InterviewKind::StatementDefence && &i.interviewee == *r)
        })
        .cloned()
        .collect();
    if !unheard.is_empty() {
        blockers.push(Blocker::DefenceNotHeard {
            respondents: unheard,
        });
    }

    // Art. 10(2): the team hears the interested parties, or records why none could be heard.
    let party_heard = heard.iter().any(|i| {
        matches!(
            i.kind,
            InterviewKind::Counterpart | InterviewKind::InterestedParty
        )
    });
    let note = case
        .interested_parties_note
        .as_deref()
        .is_some_and(|n| !n.trim().is_empty());
    if !party_heard && !note {
        blockers.push(Blocker::InterestedPartiesNotHeard);
    }

    // Art. 10(3): the opinion is formed by collective deliberation (集体研究), valid as
    // hearing.rs defines it.
    let deliberated = case.deliberation.as_ref().is_some_and(|d| {
        known(d.on) && hearing::deliberation_defects(case, relations, d, as_of).is_empty()
    });
    if !deliberated {
        blockers.push(Blocker::NoDeliberation);
    }

    // Arts. 5, 7: the findings must account for every respondent — named by a rule or
    // cleared; Art. 2 ¶2: every graded person's state of mind is recorded.
    match &case.findings {
        None => blockers.push(Blocker::LiabilityIncomplete {
            no_findings: true,
            unaccounted: Vec::new(),
            no_culpability: Vec::new(),
        }),
        Some(f) => {
            let named = named_by_rules(case);
            let unaccounted: Vec<Login> = case
                .respondents
                .iter()
                .filter(|r| !named.contains(r) && !f.cleared.contains(r))
                .cloned()
                .collect();
            let no_culpability: Vec<Login> = graded
                .iter()
                .filter(|l| !f.culpability.contains_key(*l))
                .cloned()
                .collect();
            if !unaccounted.is_empty() || !no_culpability.is_empty() {
                blockers.push(Blocker::LiabilityIncomplete {
                    no_findings: false,
                    unaccounted,
                    no_culpability,
                });
            }
        }
    }

    let accepted = case
        .acceptance
        .as_ref()
        .filter(|a| a.decision == AcceptanceDecision::Accepted && known(a.on));

    // Art. 10(3): within 30 days of acceptance; later only with the delay explained.
    if let Some(acc) = accepted {
        let due = cal.due(acc.on, REPORT_PERIOD, uncovered);
        let reason = case
            .overdue_reason
            .as_deref()
            .is_some_and(|r| !r.trim().is_empty());
        if as_of > due && !reason {
            blockers.push(Blocker::OverdueWithoutReason { due });
        }
    }

    // Art. 10(1): only an accepted (filed) case is investigated and reported.
    if accepted.is_none() {
        blockers.push(Blocker::NotAccepted);
    }

    CheckReport {
        case: case.number.clone(),
        as_of,
        blockers,
    }
}

/// Everyone the findings' rules name, in order of first mention, without duplicates.
///
/// Kept small and local on purpose: `domain::liability` computes the same set while grading
/// (written in parallel); the lead may fold this into it. A rule naming an act role that is
/// `null` names nobody here — that error is reported by validation, not by the check.
pub fn named_by_rules(case: &Case) -> Vec<Login> {
    let Some(findings) = &case.findings else {
        return Vec::new();
    };
    let act = &case.act;
    let mut out: Vec<Login> = Vec::new();
    for rule in &findings.rules {
        for login in rule_names(rule, act) {
            if !out.iter().any(|l| l == login) {
                out.push(login.to_string());
            }
        }
    }
    out
}

fn rule_names<'a>(rule: &'a RuleFinding, act: &'a Act) -> Vec<&'a str> {
    use RuleFinding as R;
    let handler = Some(act.handler.as_str());
    let reviewer = act.reviewer.as_deref();
    let approver = act.approver.as_deref();
    let superior = |s: &Superior| match s {
        Superior::Reviewer => reviewer,
        Superior::Approver => approver,
    };
    let names: Vec<Option<&str>> = match rule {
        // 5.1, 5.2.1–5.2.3, 7.1: the handler.
        R::R5_1 {} | R::R5_2_1 {} | R::R5_2_2 {} | R::R5_2_3 {} | R::R7_1 {} => vec![handler],
        // 5.2.4 and 5.4: handler, reviewer and approver.
        R::R5_2_4 {} | R::R5_4 { .. } => vec![handler, reviewer, approver],
        // 5.2.5: reviewer and approver.
        R::R5_2_5 {} => vec![reviewer, approver],
        // 5.2.6, 7.2.3: the reviewer.
        R::R5_2_6 {} | R::R7_2_3 {} => vec![reviewer],
        // 5.2.7, 5.2.8: the approver.
        R::R5_2_7 {} | R::R5_2_8 {} => vec![approver],
        // 5.2.9: the handler always (graded none with a note when instructed), the instructor,
        // and the approver who agreed to the reviewer's instruction.
        R::R5_2_9 {
            instructed_by,
            agreed_by_approver,
        } => {
            let mut v = vec![handler];
            if let Some(s) = instructed_by {
                v.push(superior(s));
                if *s == Superior::Reviewer && *agreed_by_approver {
                    v.push(approver);
                }
            }
            v
        }
        // 5.2.10: the superior who ordered, and the handler who executed.
        R::R5_2_10 { ordered_by, .. } => vec![superior(ordered_by), handler],
        // 5.3: whoever holds the post.
        R::R5_3 { post_holder } => vec![Some(post_holder.as_str())],
        // 7.2.2: the case handler and the case reviewer.
        R::R7_2_2 {} => vec![handler, reviewer],
        // 7.2.1, 7.3, 7.4: the persons named.
        R::R7_2_1 { persons } | R::R7_3 { persons } | R::R7_4 { persons } => {
            persons.iter().map(|p| Some(p.as_str())).collect()
        }
    };
    names.into_iter().flatten().collect()
}

#[cfg(test)]
#[path = "check_tests.rs"]
mod tests;
