//! Small constructors that keep the hand-written demo cases readable.

use std::collections::BTreeMap;

use chrono::{Datelike, Days, NaiveDate};

pub(super) use crate::domain::model::Culpability as Mind;
use crate::domain::model::{
    Acceptance, AcceptanceDecision, Act, ActKind, Appeal, AppealKind, AppealOutcome, Case,
    Circumstances, Complainant, Culpability, DecidedOutcome, Decision, Deliberation, Evidence,
    Findings, Grade, Interview, InterviewKind, Measure, Recusal, Sanction, Source, Stage, Team,
};

/// A case before numbering, with the texts of the evidence files to attach
/// (evidence index, file name, UTF-8 text).
pub(super) struct Draft {
    pub case: Case,
    pub files: Vec<(usize, String, String)>,
}

impl Draft {
    pub fn new(case: Case) -> Self {
        Draft {
            case,
            files: Vec::new(),
        }
    }
    pub fn file(mut self, evidence_index: usize, name: &str, text: String) -> Self {
        self.files.push((evidence_index, name.to_string(), text));
        self
    }
}

/// Dates counted back from `today`.
#[derive(Clone, Copy)]
pub(super) struct Clock {
    pub today: NaiveDate,
}

impl Clock {
    /// `n` calendar days before today (saturating at the earliest date chrono knows).
    pub fn ago(self, n: u64) -> NaiveDate {
        self.today
            .checked_sub_days(Days::new(n))
            .unwrap_or(NaiveDate::MIN)
    }
}

pub(super) fn s(text: &str) -> String {
    text.to_string()
}

pub(super) fn logins(list: &[&str]) -> Vec<String> {
    list.iter().map(|l| l.to_string()).collect()
}

/// A document number of the enforcement act, e.g. `卧应急罚〔2026〕21号`; its year is the
/// year of `on`.
pub(super) fn act_ref(prefix: &str, on: NaiveDate, serial: u32) -> String {
    format!("卧应急{prefix}〔{}〕{serial}号", on.year())
}

pub(super) fn act(
    kind: ActKind,
    reference: String,
    on_the_spot: bool,
    handler: &str,
    reviewer: Option<&str>,
    approver: Option<&str>,
) -> Act {
    Act {
        kind,
        reference,
        on_the_spot,
        handler: s(handler),
        reviewer: reviewer.map(s),
        approver: approver.map(s),
    }
}

/// A received case; the number is filled in by `demo()`.
pub(super) fn received(
    title: &str,
    source: Source,
    on: NaiveDate,
    complainant: Option<(&str, &str)>,
    summary: &str,
    act: Act,
    respondents: &[&str],
) -> Case {
    Case::received(
        String::new(),
        s(title),
        source,
        on,
        complainant.map(|(name, contact)| Complainant {
            name: s(name),
            contact: s(contact),
        }),
        s(summary),
        act,
        logins(respondents),
    )
}

pub(super) fn accept(case: &mut Case, on: NaiveDate, reason: &str, notified_on: Option<NaiveDate>) {
    case.acceptance = Some(Acceptance {
        decision: AcceptanceDecision::Accepted,
        on,
        by: s("liuf"),
        reason: Some(s(reason)),
        notified_on,
    });
    case.stage = Stage::Accepted;
}

pub(super) fn reject(case: &mut Case, on: NaiveDate, reason: &str, notified_on: Option<NaiveDate>) {
    case.acceptance = Some(Acceptance {
        decision: AcceptanceDecision::Rejected,
        on,
        by: s("liuf"),
        reason: Some(s(reason)),
        notified_on,
    });
    case.stage = Stage::Rejected;
}

/// Art. 10(2): the bureau chief (陈杰) appoints the team.
pub(super) fn appoint(case: &mut Case, on: NaiveDate, members: &[&str]) {
    case.team = Some(Team {
        appointed_on: on,
        appointed_by: s("chenj"),
        members: logins(members),
    });
    case.stage = Stage::Investigating;
}

pub(super) fn recuse(case: &mut Case, person: &str, on: NaiveDate, reason: &str) {
    case.recusals.push(Recusal {
        person: s(person),
        on,
        reason: s(reason),
    });
}

pub(super) fn interview(
    on: NaiveDate,
    kind: InterviewKind,
    interviewee: &str,
    interviewers: &[&str],
    transcript: &str,
) -> Interview {
    Interview {
        on,
        kind,
        interviewee: s(interviewee),
        interviewers: logins(interviewers),
        transcript: s(transcript),
        signed: true,
        waived: false,
    }
}

/// A respondent who declines to state a case: still recorded, with the reason (bundle-v1.md).
pub(super) fn waived(on: NaiveDate, respondent: &str, by: &[&str], reason: &str) -> Interview {
    Interview {
        waived: true,
        ..interview(on, InterviewKind::StatementDefence, respondent, by, reason)
    }
}

pub(super) fn evidence(kind: &str, description: &str, on: NaiveDate, by: &str) -> Evidence {
    Evidence {
        kind: s(kind),
        description: s(description),
        collected_on: on,
        collected_by: s(by),
        sha256: None,
    }
}

pub(super) fn deliberate(case: &mut Case, on: NaiveDate, attendees: &[&str], minutes: &str) {
    case.deliberation = Some(Deliberation {
        on,
        attendees: logins(attendees),
        minutes: s(minutes),
    });
}

/// Findings of a fault with serious consequences (Art. 6), in scope (Art. 4).
pub(super) fn fault(fault_types: &[u8]) -> Findings {
    Findings {
        fault_types: fault_types.to_vec(),
        serious_consequences: true,
        ..Findings::default()
    }
}

pub(super) fn circumstances(
    aggravating: &[crate::domain::model::Aggravating],
    exempting: &[crate::domain::model::Exempting],
) -> Circumstances {
    Circumstances {
        aggravating: aggravating.to_vec(),
        exempting: exempting.to_vec(),
    }
}

pub(super) fn submit(case: &mut Case, on: NaiveDate) {
    case.submitted_on = Some(on);
    case.stage = Stage::Submitted;
}

/// Art. 2 ¶2: each graded person's state of mind, as the team found it.
pub(super) fn culpability(findings: &mut Findings, entries: &[(&str, Culpability)]) {
    for (login, c) in entries {
        findings.culpability.insert(s(login), *c);
    }
}

/// Art. 10(2): someone the rules grade becomes a respondent during the investigation and is
/// heard by the team.
pub(super) fn add_respondent_heard(
    case: &mut Case,
    login: &str,
    on: NaiveDate,
    team: &[&str],
    transcript: &str,
) {
    if !case.respondents.iter().any(|r| r == login) {
        case.respondents.push(s(login));
    }
    case.interviews.push(interview(
        on,
        InterviewKind::StatementDefence,
        login,
        team,
        transcript,
    ));
    case.interviews.sort_by_key(|i| i.on);
}

/// A decided review or appeal with its structured outcome (bundle-v2.md).
pub(super) fn appeal_decided(
    person: &str,
    kind: AppealKind,
    filed_on: NaiveDate,
    decided_on: NaiveDate,
    result: &str,
    outcome: AppealOutcome,
    changed_to: Option<DecidedOutcome>,
) -> Appeal {
    Appeal {
        person: s(person),
        kind,
        filed_on,
        accepted_on: None,
        extended: false,
        decided_on: Some(decided_on),
        result: Some(s(result)),
        outcome: Some(outcome),
        changed_to,
    }
}

/// The party committee of the demo bureau (局党委).
pub(super) const COMMITTEE: [&str; 4] = ["chenj", "wuy", "gaoj", "linx"];

pub(super) fn outcome(grade: Grade, exempted: bool, sanctions: &[Measure]) -> DecidedOutcome {
    DecidedOutcome {
        grade,
        exempted,
        sanctions: sanctions.to_vec(),
    }
}

/// Art. 10(3): the committee decides; `recused` are its involved members.
pub(super) fn decide(
    case: &mut Case,
    on: NaiveDate,
    recused: &[&str],
    text: &str,
    outcomes: Vec<(&str, DecidedOutcome)>,
) {
    case.decision = Some(Decision {
        on,
        committee: logins(&COMMITTEE),
        recused: logins(recused),
        text: s(text),
        outcomes: outcomes
            .into_iter()
            .map(|(l, o)| (s(l), o))
            .collect::<BTreeMap<_, _>>(),
    });
    case.stage = Stage::Decided;
}

pub(super) fn sanction(person: &str, measure: Measure, on: NaiveDate, note: &str) -> Sanction {
    Sanction {
        person: s(person),
        measure,
        applied_on: on,
        note: s(note),
        amount: None,
    }
}

pub(super) fn appeal(
    person: &str,
    kind: AppealKind,
    filed_on: NaiveDate,
    accepted_on: Option<NaiveDate>,
    extended: bool,
    decided: Option<(NaiveDate, &str)>,
) -> Appeal {
    Appeal {
        person: s(person),
        kind,
        filed_on,
        accepted_on,
        extended,
        decided_on: decided.map(|(d, _)| d),
        result: decided.map(|(_, r)| s(r)),
        outcome: decided.map(|_| AppealOutcome::Upheld),
        changed_to: None,
    }
}
