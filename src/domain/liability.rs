//! Liability under Arts. 4–9 and 11. STUB: signatures only; to be implemented.

use chrono::NaiveDate;
use serde::Serialize;

use super::directory::Directory;
use super::model::{Case, Exempting, Grade, Login, Measure, RuleCode};
use crate::i18n::Lang;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Scope {
    InScope,
    /// Art. 4: the law itself was violated; legal liability applies instead.
    LegalLiability,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    None,
    MayExempt,
    PursueHeavier,
    Pursue,
}

/// Art. 8 grounds, 8.3 included (computed).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum Art8 {
    #[serde(rename = "8.1")]
    A8_1,
    #[serde(rename = "8.2")]
    A8_2,
    #[serde(rename = "8.3")]
    A8_3,
    #[serde(rename = "8.4")]
    A8_4,
}

/// Why the text gives no grade (e.g. 5.2.9's instructed handler).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VerdictNote {
    InstructedHandlerUngraded,
}

#[derive(Debug, Clone, PartialEq)]
pub struct PersonVerdict {
    pub login: Login,
    pub name: String,
    pub grade: Grade,
    pub basis: Vec<RuleCode>,
    pub aggravating: Vec<Art8>,
    pub exempting: Vec<Exempting>,
    pub outcome: Outcome,
    pub note: Option<VerdictNote>,
    /// The other cases that made 8.3 apply.
    pub repeat_cases: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Verdict {
    pub case: String,
    pub scope: Scope,
    pub judicial_referral: bool,
    pub fault_established: bool,
    pub persons: Vec<PersonVerdict>,
}

/// A committee decision naming someone, for Art. 8(3).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PriorOutcome {
    pub case: String,
    pub login: Login,
    pub grade: Grade,
    pub exempted: bool,
    pub decided_on: NaiveDate,
}

/// Findings that the rules cannot apply (an error, never a guess).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RuleError {
    #[error("rule {rule} names the act's {role}, but the act has none")]
    MissingActRole { rule: RuleCode, role: &'static str },
    #[error("rule 7.1 applies only to an act made on the spot")]
    NotOnTheSpot,
    #[error("{login} is both cleared and named by rule {rule}")]
    ClearedButNamed { login: Login, rule: RuleCode },
}

/// Every decided outcome in `cases`, for 8.3.
pub fn prior_outcomes<'a>(_cases: impl IntoIterator<Item = &'a Case>) -> Vec<PriorOutcome> {
    todo!()
}

/// The verdict for one case. `priors` may include this case's own decision; it is ignored.
pub fn liability(
    _case: &Case,
    _dir: &Directory,
    _priors: &[PriorOutcome],
    _today: NaiveDate,
) -> Result<Verdict, RuleError> {
    todo!()
}

impl Verdict {
    /// As `culpa liability --json` prints it (bundle-v1.md).
    pub fn to_json(&self, _lang: Lang) -> serde_json::Value {
        todo!()
    }
    /// The Art. 11 measures open to the committee for this case.
    pub fn available_measures(&self) -> Vec<Measure> {
        todo!()
    }
}
