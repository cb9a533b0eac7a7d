//! Reading and validating `culpa.bundle/1`. STUB: signatures only; to be implemented.

use std::fmt;

use super::calendar::Calendar;
use super::directory::Directory;
use super::model::{Bundle, Case};

/// `PATH (case NUMBER): reason`, e.g.
/// `cases[2].team.members[1] (case 卧应急责〔2026〕7号): unknown login "wangll"`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BundleError {
    pub path: String,
    pub case: Option<String>,
    pub reason: String,
}

impl fmt::Display for BundleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.case {
            Some(n) => write!(f, "{} (case {}): {}", self.path, n, self.reason),
            None => write!(f, "{}: {}", self.path, self.reason),
        }
    }
}

impl std::error::Error for BundleError {}

/// Parse the JSON text strictly (unknown fields, bad dates, unknown codes are errors with
/// their path) and check the format tag. Does not validate cross-references.
pub fn parse_bundle(_text: &str) -> Result<Bundle, BundleError> {
    todo!()
}

/// Validate cross-references, roles, stage data and the rules, for every case. `dir` holds the
/// people and relations known (database + bundle). All errors found, first one first.
pub fn validate_bundle(_bundle: &Bundle, _dir: &Directory, _cal: &Calendar) -> Vec<BundleError> {
    todo!()
}

/// Validate one case (index `idx` for the path) against `dir`; used by import and the workflow.
pub fn validate_case(
    _case: &Case,
    _idx: usize,
    _dir: &Directory,
    _cal: &Calendar,
) -> Vec<BundleError> {
    todo!()
}
