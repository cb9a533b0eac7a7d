//! Working days and periods under the general PRC rules on time periods (RULES.md,
//! "Counting the days"). STUB: signatures only; to be implemented.

use std::collections::BTreeSet;

use chrono::NaiveDate;

/// Years a computation consulted that no calendar covers (computed on plain weekends).
pub type Uncovered = BTreeSet<i32>;

#[derive(Debug, thiserror::Error)]
pub enum CalendarError {
    #[error("calendar file is not valid: {0}")]
    Invalid(String),
}

/// A period as the regulation states it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Period {
    /// N working days (工作日): weekends and holidays skipped, make-up working days counted.
    WorkingDays(u32),
    /// N calendar days (日); a last day on a rest day moves to the next working day.
    Days(u32),
}

#[derive(Debug, Clone, Default)]
pub struct Calendar {}

impl Calendar {
    /// The State Council data for 2019–2026 built into the binary.
    pub fn builtin() -> Calendar {
        todo!()
    }
    /// Load one year in the `cn-holidays/*.json` format, replacing that year. Returns the year.
    pub fn load_json(&mut self, _text: &str) -> Result<i32, CalendarError> {
        todo!()
    }
    pub fn covers(&self, _year: i32) -> bool {
        todo!()
    }
    /// Whether `day` is a working day; an uncovered year is recorded in `uncovered`.
    pub fn is_working_day(&self, _day: NaiveDate, _uncovered: &mut Uncovered) -> bool {
        todo!()
    }
    /// The last day of `period` counted from `from` (the start day does not count).
    pub fn due(&self, _from: NaiveDate, _period: Period, _uncovered: &mut Uncovered) -> NaiveDate {
        todo!()
    }
}
