//! The only door through which a case changes: checks identity, role, stage and the domain
//! rules, then writes through the store in one transaction together with its audit entry.
//!
//! Layout:
//! - [`identity`]: who is acting (the real uid's OS account; `--as` on demo databases only);
//! - [`access`]: who may see a case and who may do what (roles, team membership, recusal);
//! - [`execute`]: each command as a pure change of a [`Case`] (stage machine + rules);
//! - [`session`]: [`Session`], which runs a command in one store transaction with its audit
//!   entry, and imports / exports bundles ([`bundle`]).
//!
//! Who may do what (Art. 10):
//! - `legal`: intake, accept, reject, notify, file/accept/decide appeals, close;
//! - `chief`: appoint the team, record someone's recusal, apply sanctions;
//! - un-recused team members: evidence, interviews, interested-parties note, the reason for
//!   a late opinion, findings, deliberation, their own recusal, submission; and the
//!   decision on a review or appeal, whose deadline bundle-v2.md gives to the case team;
//! - `committee`: decide, never on a case they are involved in;
//! - relations: `admin`, `legal`, `chief` and `investigator` (a relation only ever adds a
//!   reason to recuse, and investigators are the ones who discover them);
//! - people: `admin`.
//!
//! Who may see a case: `admin`, `legal`, `chief` and `committee` see every case; an
//! investigator sees the cases whose team they are on and have not recused from; an
//! `officer` (the people under investigation) sees none.

pub mod access;
pub mod bundle;
pub mod command;
pub mod execute;
pub mod identity;
pub mod import;
pub mod listing;
pub mod pages;
pub mod records;
pub mod replay;
pub mod session;
pub mod verify;

use chrono::NaiveDate;

use crate::domain::check::CheckReport;
use crate::domain::conflict::Involvement;
use crate::domain::model::{Login, Measure, Role, Stage};
use crate::domain::validate::BundleError;

pub use command::Command;
pub use import::ImportSummary;
pub use records::Changes;
pub use session::Session;

pub use crate::store::CaseRecord;

/// A file attached to a case's evidence, and whether the vault still holds it intact.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct EvidenceFile {
    pub sha256: String,
    pub size: u64,
    /// The file's name as the user had it.
    pub file_name: String,
    /// Who attached it, and when (RFC 3339 UTC).
    pub by: String,
    pub at: String,
    pub state: FileState,
}

/// The vault's copy of an evidence file, checked by hashing it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FileState {
    /// Its bytes still hash to the SHA-256 on record.
    Verified,
    /// The vault does not hold it.
    Missing,
    /// Its bytes no longer hash to the SHA-256 on record.
    Altered,
}

/// What a successful command changed.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Applied {
    /// The case number (assigned, for an intake without one).
    pub case: Option<String>,
    /// The case's version after the change (0 for a command that touches no case).
    pub version: i64,
}

/// Why someone may not do something (the `why` of [`WorkflowError::NotPermitted`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Why {
    /// The action needs a role the actor does not hold.
    NeedsRole(Role),
    /// Only un-recused members of the case's investigation team may do this.
    NotOnTeam,
    /// The actor recused from this case (Art. 10(2)) and no longer has access.
    Recused { on: NaiveDate },
    /// Officers are the people under investigation; they do not open case files.
    OfficerNoAccess,
    /// The actor may see only the cases whose team they are on.
    NotAssigned,
    /// A team member may record only their own recusal; the chief may record anyone's.
    OnlyOwnRecusal,
    /// The committee member is involved in the case and must recuse (Art. 10(3)).
    Involved(Vec<Involvement>),
    /// The member recording the decision must sit on the deciding committee.
    NotInCommittee,
    /// Removing this admin role would leave the database with no admin.
    LastAdmin,
}

/// A domain rule the command would break (the command itself was allowed).
#[derive(Debug, Clone, PartialEq)]
pub enum Refusal {
    /// Art. 10(1): a rejection must give the reason.
    ReasonRequired,
    /// A decision on an appeal must state its result.
    ResultRequired,
    /// A case with this number already exists.
    CaseExists(String),
    /// The date lies after today.
    FutureDate(NaiveDate),
    /// The complainant was already told the result.
    AlreadyNotified(NaiveDate),
    /// An anonymous report: there is no one to notify.
    NoComplainant,
    /// Art. 10(2): the team needs two or more investigators.
    TeamTooSmall {
        members: Vec<Login>,
    },
    /// A person without the investigator role named for the team.
    NotInvestigator(Login),
    /// A login that is not in the directory.
    UnknownPerson(Login),
    /// The person is not a member of the case's team.
    NotTeamMember(Login),
    AlreadyRecused(Login),
    /// The person is already a respondent of the case.
    AlreadyRespondent(Login),
    /// An interview is recorded by one of its interviewers (Art. 10(2)).
    RecorderNotInterviewer(Login),
    /// Art. 10(2)–(3): not a counted hearing or a valid deliberation, and why.
    NotCounted(Vec<crate::domain::hearing::Defect>),
    /// After submission (before the decision) the findings may only gain the state of mind
    /// of graded persons who have none (Art. 2 ¶2, Art. 10(3)); anything else stays as
    /// submitted.
    SubmittedFindings,
    /// `changed_to` goes with outcome `changed`, and only with it.
    ChangedOutcome(crate::domain::model::AppealOutcome),
    /// A relation of a person with themselves.
    SelfRelation,
    DuplicateRelation {
        a: Login,
        b: Login,
    },
    /// Art. 10(3): involved committee members who sit on the committee and did not recuse.
    CommitteeConflict(Vec<(Login, Vec<Involvement>)>),
    /// A member of `decision.committee` without the committee role.
    NotCommitteeMember(Login),
    /// The decision names someone the case does not concern.
    OutcomeForStranger(Login),
    /// Sanctions decided for someone exempted or graded none.
    SanctionWithoutLiability(Login),
    /// The measure is not among those decided for the person.
    MeasureNotDecided {
        person: Login,
        measure: Measure,
    },
    MeasureAlreadyApplied {
        person: Login,
        measure: Measure,
    },
    /// Decided measures not applied yet (closing).
    OpenMeasures(Vec<(Login, Measure)>),
    /// The named complainant has not been told the result (closing).
    NotNotified,
    /// An appeal by someone the decision does not name.
    NotDecidedPerson(Login),
    /// A new appeal must be recorded as just filed.
    AppealNotNew,
    NoSuchAppeal(usize),
    AppealAlreadyAccepted(usize),
    AppealAlreadyDecided(usize),
    /// `bootstrap` on a database that already has people.
    AlreadyInitialised,
    /// A person record with an empty login, name, or no roles.
    IncompletePerson(Login),
    /// A bundle person whose login exists with a different name, unit or roles.
    PersonDiffers(Login),
    /// A file to attach could not be read.
    File {
        path: String,
        error: String,
    },
}

/// Why a command was refused. Every variant can explain itself in both languages
/// ([`WorkflowError::message`]).
#[derive(Debug, thiserror::Error)]
pub enum WorkflowError {
    /// The OS account is not a person in this database.
    #[error("unknown user {login}")]
    UnknownUser { login: String, admins: Vec<Login> },
    /// `--as` on a database not created as a demo.
    #[error("--as is only allowed on a demo database")]
    SwitchUserNotAllowed,
    /// `--as` on a demo database that is not the real user's alone (issue 7: its demo flag
    /// could have been set by whoever else can write it).
    #[error("--as is only allowed on a demo database that is yours alone: {0:?}")]
    SwitchUserNotAlone(identity::NotAlone),
    #[error("{login} may not {action}: {why}")]
    NotPermitted {
        login: Login,
        action: &'static str,
        needs: Option<Role>,
        why: Why,
    },
    #[error("case {case} is {stage:?}; {action} is not possible at this stage")]
    WrongStage {
        case: String,
        stage: Stage,
        action: &'static str,
    },
    /// The submission check failed.
    #[error("case {} is not ready for submission", .0.case)]
    Blocked(CheckReport),
    /// Another user changed the record since it was read.
    #[error("case {case} was changed by {by} at {at}: {what}")]
    Conflict {
        case: String,
        by: Login,
        at: String,
        what: String,
        current_version: i64,
    },
    /// The change would break the rules or the record's consistency.
    #[error("{}", .0.iter().map(|e| e.to_string()).collect::<Vec<_>>().join("; "))]
    Invalid(Vec<BundleError>),
    /// A rule of the procedure that the command would break.
    #[error("{action} refused{}: {refusal}", .case.as_ref().map(|c| format!(" on case {c}")).unwrap_or_default())]
    Refused {
        case: Option<String>,
        action: &'static str,
        refusal: Refusal,
    },
    #[error("no case {0}")]
    NotFound(String),
    /// An internal inconsistency (a bug or a hand-edited database).
    #[error("storage: {0}")]
    Store(String),
    /// The store failed (busy, unreadable, a file that could not be read, …).
    #[error(transparent)]
    Storage(#[from] crate::store::StoreError),
    /// Answered by the service (served mode): its code (the variant's name in snake case,
    /// or `service` for the link itself) and its message, already in the user's language.
    #[error("{message}")]
    Remote { code: String, message: String },
}
