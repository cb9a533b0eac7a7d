//! The audit log: append-only, hash-chained.

use super::{Store, StoreError, Tx};

/// One audit entry.
#[derive(Debug, Clone, PartialEq)]
pub struct AuditEntry {
    pub seq: i64,
    /// RFC 3339 UTC.
    pub at: String,
    pub actor: String,
    pub case: Option<String>,
    pub action: String,
    pub detail: serde_json::Value,
    pub prev_hash: String,
    pub hash: String,
}

/// The result of [`Store::verify_audit`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditReport {
    pub entries: u64,
    /// The first entry that fails the check (its seq) and why.
    pub first_bad: Option<(i64, String)>,
}

impl Tx<'_> {
    pub fn append_audit(
        &self,
        actor: &str,
        case: Option<&str>,
        action: &str,
        detail: &serde_json::Value,
    ) -> Result<i64, StoreError> {
        let _ = (actor, case, action, detail);
        todo!()
    }

    pub fn audit(&self, case: Option<&str>) -> Result<Vec<AuditEntry>, StoreError> {
        let _ = case;
        todo!()
    }

    pub fn last_audit_for_case(&self, case: &str) -> Result<Option<AuditEntry>, StoreError> {
        let _ = case;
        todo!()
    }
}

impl Store {
    pub fn verify_audit(&self) -> Result<AuditReport, StoreError> {
        todo!()
    }
}
