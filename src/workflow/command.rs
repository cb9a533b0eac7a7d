//! Everything a user can do to the record, as data. The TUI and the CLI build these; the
//! workflow executes them. Commands that replace something already recorded carry the
//! `expected_version` the user saw, so a concurrent edit is a conflict, not a silent overwrite.
//! Commands that only append (evidence, interviews, recusals, sanctions) need no version:
//! two investigators adding records at once both land.

use std::path::PathBuf;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::domain::model::{
    Act, Appeal, AppealOutcome, Complainant, DecidedOutcome, Decision, Deliberation, Findings,
    Interview, Login, Person, Relation, Sanction, Source,
};
use crate::domain::step::Step;

/// Serialized as the detail of the command's audit entry, and read back by `culpa apply`:
/// serde's default, externally tagged form, one shape both ways —
/// `{"Accept": {"case": "卧应急责〔2026〕7号", "on": "2026-10-09", "reason": null}}`,
/// `{"UpsertPerson": {"login": …, "name": …, "unit": …, "roles": […]}}`. Unknown fields are
/// errors, as in the bundle format; an `Option` field may be omitted (None).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub enum Command {
    /// A complaint, appeal or report arrives (Art. 10(1)). `number` None: assign the next
    /// 卧应急责〔YEAR〕N号.
    Intake {
        number: Option<String>,
        title: String,
        source: Source,
        received_on: NaiveDate,
        complainant: Option<Complainant>,
        summary: String,
        act: Act,
        respondents: Vec<Login>,
    },
    /// Legal affairs accepts (and files) the case (Art. 10(1)).
    Accept {
        case: String,
        on: NaiveDate,
        reason: Option<String>,
    },
    /// Legal affairs rejects; a reason is required (Art. 10(1)).
    Reject {
        case: String,
        on: NaiveDate,
        reason: String,
    },
    /// The named complainant was told the acceptance result.
    Notify {
        case: String,
        on: NaiveDate,
    },
    /// The chief appoints two or more investigators (Art. 10(2)).
    AppointTeam {
        case: String,
        on: NaiveDate,
        members: Vec<Login>,
    },
    /// An investigator recuses (回避, Art. 10(2)).
    Recuse {
        case: String,
        person: Login,
        on: NaiveDate,
        reason: String,
    },
    /// Declare a relation between two people (bureau-wide).
    AddRelation(Relation),
    /// Record evidence, optionally attaching a file into the vault.
    AddEvidence {
        case: String,
        kind: String,
        description: String,
        collected_on: NaiveDate,
        file: Option<PathBuf>,
    },
    /// Art. 10(2): someone the rules grade becomes a respondent during the investigation, so
    /// that they are heard (`graded_not_respondent`).
    AddRespondent {
        case: String,
        person: Login,
    },
    RecordInterview {
        case: String,
        interview: Interview,
    },
    /// Why no counterpart or interested party could be heard.
    SetInterestedPartiesNote {
        case: String,
        note: Option<String>,
        expected_version: i64,
    },
    SetFindings {
        case: String,
        findings: Findings,
        expected_version: i64,
    },
    /// 集体研究 (Art. 10(3)).
    Deliberate {
        case: String,
        deliberation: Deliberation,
    },
    /// Send the handling opinion to the committee; gated by the submission check.
    Submit {
        case: String,
        on: NaiveDate,
        overdue_reason: Option<String>,
    },
    /// The committee's decision; gated by committee recusal (Art. 10(3)).
    Decide {
        case: String,
        decision: Decision,
    },
    /// Apply one decided Art. 11 measure.
    ApplySanction {
        case: String,
        sanction: Sanction,
    },
    /// File a review (复核) or appeal (申诉).
    FileAppeal {
        case: String,
        appeal: Appeal,
    },
    AcceptAppeal {
        case: String,
        index: usize,
        on: NaiveDate,
        extended: bool,
    },
    /// Decide a review or appeal: its result in words and its structured outcome
    /// (bundle-v2.md): `upheld`, `changed` (with `changed_to`) or `revoked`.
    DecideAppeal {
        case: String,
        index: usize,
        on: NaiveDate,
        result: String,
        outcome: AppealOutcome,
        changed_to: Option<DecidedOutcome>,
    },
    Close {
        case: String,
        on: NaiveDate,
    },
    /// Add or update a person (admin only; the creator of a fresh database becomes admin).
    UpsertPerson(Person),
}

impl Command {
    /// The workflow step this command performs (None for directory administration).
    pub fn step(&self) -> Option<Step> {
        use Command::*;
        Some(match self {
            Intake { .. } => Step::Intake,
            Accept { .. } => Step::Accept,
            Reject { .. } => Step::Reject,
            Notify { .. } => Step::Notify,
            AppointTeam { .. } => Step::AppointTeam,
            Recuse { .. } => Step::Recuse,
            AddRelation(_) => Step::AddRelation,
            AddEvidence { .. } => Step::AddEvidence,
            AddRespondent { .. } => Step::AddRespondent,
            RecordInterview { .. } => Step::RecordInterview,
            SetInterestedPartiesNote { .. } => Step::InterestedPartiesNote,
            SetFindings { .. } => Step::Findings,
            Deliberate { .. } => Step::Deliberate,
            Submit { .. } => Step::Submit,
            Decide { .. } => Step::Decide,
            ApplySanction { .. } => Step::ApplySanction,
            FileAppeal { .. } => Step::FileAppeal,
            AcceptAppeal { .. } => Step::AcceptAppeal,
            DecideAppeal { .. } => Step::DecideAppeal,
            Close { .. } => Step::Close,
            UpsertPerson(_) => return None,
        })
    }

    /// The audit action name, also the verb of refusals (`"set_findings"`).
    pub fn action(&self) -> &'static str {
        self.step().map_or("upsert_person", Step::audit_name)
    }

    /// The version a replacing command was based on; None for appending commands, which
    /// never conflict.
    pub fn expected_version(&self) -> Option<i64> {
        match self {
            Command::SetInterestedPartiesNote {
                expected_version, ..
            }
            | Command::SetFindings {
                expected_version, ..
            } => Some(*expected_version),
            _ => None,
        }
    }

    /// The case this command touches, if any.
    pub fn case(&self) -> Option<&str> {
        use Command::*;
        match self {
            Intake { number, .. } => number.as_deref(),
            Accept { case, .. }
            | Reject { case, .. }
            | Notify { case, .. }
            | AppointTeam { case, .. }
            | Recuse { case, .. }
            | AddEvidence { case, .. }
            | AddRespondent { case, .. }
            | RecordInterview { case, .. }
            | SetInterestedPartiesNote { case, .. }
            | SetFindings { case, .. }
            | Deliberate { case, .. }
            | Submit { case, .. }
            | Decide { case, .. }
            | ApplySanction { case, .. }
            | FileAppeal { case, .. }
            | AcceptAppeal { case, .. }
            | DecideAppeal { case, .. }
            | Close { case, .. } => Some(case),
            AddRelation(_) | UpsertPerson(_) => None,
        }
    }
}
