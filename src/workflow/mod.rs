//! The only door through which a case changes: checks identity, role, stage and the domain
//! rules, then writes through the store in one transaction together with its audit entry.
//! STUB: the command vocabulary and the session API are fixed here (the TUI and the CLI use
//! them); execution is to be implemented.

pub mod command;

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::domain::Directory;
use crate::domain::calendar::Calendar;
use crate::domain::check::CheckReport;
use crate::domain::model::{Case, Login, Person, Role, Stage};
use crate::domain::validate::BundleError;
use crate::i18n::Lang;

pub use command::Command;

/// A case as stored, with the version a later replacing edit must quote.
#[derive(Debug, Clone, PartialEq)]
pub struct CaseRecord {
    pub id: i64,
    pub version: i64,
    pub case: Case,
}

/// What a successful command changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Applied {
    /// The case number (assigned, for an intake without one).
    pub case: Option<String>,
    /// The case's version after the change.
    pub version: i64,
}

/// Why a command was refused. Every variant can explain itself in both languages.
#[derive(Debug, thiserror::Error)]
pub enum WorkflowError {
    /// The OS account is not a person in this database.
    #[error("unknown user {login}")]
    UnknownUser { login: String, admins: Vec<Login> },
    /// `--as` on a database not created as a demo.
    #[error("--as is only allowed on a demo database")]
    SwitchUserNotAllowed,
    #[error("{login} may not {action}: needs role {needs:?}")]
    NotPermitted {
        login: Login,
        action: &'static str,
        needs: Option<Role>,
        why: String,
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
    #[error("no case {0}")]
    NotFound(String),
    #[error("storage: {0}")]
    Store(String),
}

impl WorkflowError {
    /// A message that names what was wrong and what to do, in the user's language.
    pub fn message(&self, _dir: &Directory, _lang: Lang) -> String {
        self.to_string()
    }
}

/// One user's connection to the shared database.
pub struct Session {
    _private: (),
}

impl Session {
    /// Open `db` as the real uid's account (or `as_login` on a demo database).
    pub fn open(_db: &Path, _as_login: Option<&str>) -> Result<Session, WorkflowError> {
        todo!()
    }
    pub fn actor(&self) -> &Person {
        todo!()
    }
    pub fn db_path(&self) -> &Path {
        todo!()
    }
    pub fn is_demo(&self) -> bool {
        todo!()
    }
    pub fn calendar(&self) -> &Calendar {
        todo!()
    }
    pub fn directory(&self) -> Result<Directory, WorkflowError> {
        todo!()
    }
    /// Every case the actor may open (a recused investigator no longer sees the case).
    pub fn cases(&self) -> Result<Vec<CaseRecord>, WorkflowError> {
        todo!()
    }
    pub fn case(&self, _number: &str) -> Result<CaseRecord, WorkflowError> {
        todo!()
    }
    /// Changes whenever any process commits (PRAGMA data_version); poll it to refresh.
    pub fn data_version(&self) -> Result<i64, WorkflowError> {
        todo!()
    }
    pub fn execute(&mut self, _cmd: Command, _today: NaiveDate) -> Result<Applied, WorkflowError> {
        todo!()
    }
    /// Where evidence files live (content-addressed, beside the database).
    pub fn vault_dir(&self) -> PathBuf {
        todo!()
    }
}
