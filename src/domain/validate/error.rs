//! The one error of a bundle's reading and checking: where, which case, and why.

use std::fmt;

/// `PATH (case NUMBER): reason`, e.g.
/// `cases[2].team.members[1] (case 卧应急责〔2026〕7号): unknown login "wangll"`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BundleError {
    pub path: String,
    pub case: Option<String>,
    pub reason: String,
}

impl BundleError {
    pub(crate) fn new(
        path: impl Into<String>,
        case: Option<&str>,
        reason: impl Into<String>,
    ) -> Self {
        BundleError {
            path: path.into(),
            case: case.map(str::to_string),
            reason: reason.into(),
        }
    }
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
