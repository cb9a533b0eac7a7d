//! The evidence vault: content-addressed files beside the database.

use std::path::Path;

use super::{Store, StoreError, Tx, now_rfc3339};

/// One file attached to a case (the custody record; the audit log holds the custody entry).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attachment {
    pub case: String,
    pub sha256: String,
    pub size: u64,
    /// The file's name as the user had it (no directories).
    pub file_name: String,
    pub by: String,
    /// RFC 3339 UTC.
    pub at: String,
}

impl Attachment {
    /// An attachment stamped with the current time.
    pub fn new(case: &str, sha256: &str, size: u64, file_name: &str, by: &str) -> Attachment {
        Attachment {
            case: case.to_string(),
            sha256: sha256.to_string(),
            size,
            file_name: file_name.to_string(),
            by: by.to_string(),
            at: now_rfc3339(),
        }
    }
}

/// One thing wrong in the vault.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum VaultProblem {
    /// The database refers to content the vault does not hold.
    Missing { sha256: String },
    /// The object's bytes no longer hash to its name.
    Mismatch { sha256: String, actual: String },
}

/// The result of [`Store::verify_vault`].
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct VaultReport {
    /// Objects checked.
    pub objects: u64,
    pub problems: Vec<VaultProblem>,
}

impl Tx<'_> {
    pub fn record_attachment(&self, a: &Attachment) -> Result<(), StoreError> {
        let _ = a;
        todo!()
    }

    pub fn attachments(&self, case: Option<&str>) -> Result<Vec<Attachment>, StoreError> {
        let _ = case;
        todo!()
    }
}

impl Store {
    pub fn put_file(&self, path: &Path) -> Result<(String, u64), StoreError> {
        let _ = path;
        todo!()
    }

    pub fn verify_vault(&self) -> Result<VaultReport, StoreError> {
        todo!()
    }
}
