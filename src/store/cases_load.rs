//! Reading cases back, exactly as saved.

use super::{CaseRecord, StoreError, Tx};

impl Tx<'_> {
    pub fn case(&self, number: &str) -> Result<Option<CaseRecord>, StoreError> {
        let _ = number;
        todo!()
    }

    /// All cases, ordered by id (= order of recording).
    pub fn cases(&self) -> Result<Vec<CaseRecord>, StoreError> {
        todo!()
    }

    /// Cases written after change counter `rev`, and the counter's current value (pass it
    /// next time).
    pub fn cases_since(&self, rev: i64) -> Result<(Vec<CaseRecord>, i64), StoreError> {
        let _ = rev;
        todo!()
    }

    /// The numbers of the cases of `year` (`卧应急责〔YEAR〕N号`), for assigning the next one.
    pub fn case_numbers_for_year(&self, year: i32) -> Result<Vec<String>, StoreError> {
        let _ = year;
        todo!()
    }
}
