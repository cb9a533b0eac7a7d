//! The submission check: may this case's handling opinion go to the committee now?
//! (Art. 10(2)–(3)). STUB: signatures only; to be implemented.

use chrono::NaiveDate;
use serde::Serialize;

use super::calendar::{Calendar, Uncovered};
use super::conflict::Involvement;
use super::directory::Directory;
use super::model::{Case, Login};
use crate::i18n::Lang;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum BlockerCode {
    TeamTooSmall,
    ConflictNotRecused,
    DefenceNotHeard,
    InterestedPartiesNotHeard,
    NoDeliberation,
    LiabilityIncomplete,
    OverdueWithoutReason,
    NotAccepted,
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
    },
    OverdueWithoutReason {
        due: NaiveDate,
    },
    NotAccepted,
}

impl Blocker {
    pub fn code(&self) -> BlockerCode {
        todo!()
    }
    /// What is wrong and what would clear it, in the user's language.
    pub fn message(&self, _dir: &Directory, _lang: Lang) -> String {
        todo!()
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckReport {
    pub case: String,
    pub as_of: NaiveDate,
    pub blockers: Vec<Blocker>,
}

impl CheckReport {
    pub fn ready(&self) -> bool {
        self.blockers.is_empty()
    }
    /// `{"case", "ready", "blockers": [{"code", "message"}]}` as bundle-v1.md prints it.
    pub fn to_json(&self, _dir: &Directory, _lang: Lang) -> serde_json::Value {
        todo!()
    }
}

/// The check as of `as_of` (today, or `submitted_on` for a submitted case).
pub fn check(
    _case: &Case,
    _dir: &Directory,
    _cal: &Calendar,
    _as_of: NaiveDate,
    _uncovered: &mut Uncovered,
) -> CheckReport {
    todo!()
}
