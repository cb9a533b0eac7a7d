//! Writing cases: insert, save with an optimistic version check, and the bulk path.

use serde::Serialize;
use serde::de::DeserializeOwned;

use super::{CaseRecord, StoreError, Tx};
use crate::domain::model::Case;

/// An enum's serde name (`"statement_defence"`, `"11.6"`), as stored in its TEXT column.
pub(crate) fn enum_to_sql<T: Serialize>(v: &T) -> Result<String, StoreError> {
    match serde_json::to_value(v) {
        Ok(serde_json::Value::String(s)) => Ok(s),
        other => Err(StoreError::Corrupt(format!(
            "cannot store enum value {other:?}"
        ))),
    }
}

/// The enum for a stored serde name; `column` names where it came from if it is unknown.
pub(crate) fn enum_from_sql<T: DeserializeOwned>(s: &str, column: &str) -> Result<T, StoreError> {
    serde_json::from_value(serde_json::Value::String(s.to_string()))
        .map_err(|_| StoreError::Corrupt(format!("{column}: unknown value {s:?}")))
}

impl Tx<'_> {
    /// Record a new case (version 1). `Duplicate` if the number is taken.
    pub fn insert_case(&self, c: &Case) -> Result<CaseRecord, StoreError> {
        let _ = c;
        todo!()
    }

    /// Record many new cases in this transaction (bulk import, demo data).
    pub fn insert_cases(&self, cases: &[Case]) -> Result<Vec<CaseRecord>, StoreError> {
        cases.iter().map(|c| self.insert_case(c)).collect()
    }

    /// Replace case `id` if it is still at `expected_version`; returns the new version.
    /// `Conflict` if someone saved it since.
    pub fn save_case(&self, id: i64, expected_version: i64, c: &Case) -> Result<i64, StoreError> {
        let _ = (id, expected_version, c);
        todo!()
    }
}
