//! Working days and periods under the general PRC rules on time periods (RULES.md,
//! "Counting the days"), over the State Council's holiday notices.
//!
//! The data is one file per year in the `NateScarlet/holiday-cn` format (`data/calendar/`,
//! built in; see its SOURCE.md). A file covers the year in its `year` field. It may also list
//! days of a neighbouring year (the 2019 notice declares 2018-12-29…31 around New Year): those
//! entries are used when that neighbouring year is itself covered, but never make it covered —
//! a year no file covers is counted on plain weekends and reported in [`Uncovered`], so the
//! user is told instead of silently getting a guess (RULES.md: "never silently guessed").

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Datelike, Days, NaiveDate, Weekday};
use serde::Deserialize;

/// Years a computation consulted that no calendar covers (computed on plain weekends).
pub type Uncovered = BTreeSet<i32>;

/// The years a calendar file may name: wide enough for any archive, narrow enough to catch a
/// typo such as `226`.
const PLAUSIBLE_YEARS: std::ops::RangeInclusive<i64> = 1949..=2999;

/// What is wrong with a calendar file. Each variant names the offending part;
/// [`CalendarError::message`] gives it in the user's language.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CalendarError {
    /// Not JSON, or not shaped like a `cn-holidays` file (the text says where).
    #[error("calendar file is not valid: {0}")]
    Invalid(String),
    #[error("calendar file has no \"year\" field; it must say which year it covers")]
    MissingYear,
    #[error("calendar file names year {0}, which is not a plausible year")]
    YearOutOfRange(i64),
    #[error("calendar file has no \"days\" list")]
    MissingDays,
    #[error("calendar file: days[{index}].date {text:?} is not a date (YYYY-MM-DD)")]
    BadDate { index: usize, text: String },
    #[error(
        "calendar file for {year}: days[{index}].date {date} is outside {year} and its neighbouring years"
    )]
    DateOutsideYear {
        index: usize,
        date: NaiveDate,
        year: i32,
    },
    #[error("calendar file for {year}: {date} is listed twice")]
    DuplicateDate { date: NaiveDate, year: i32 },
    /// A file that lists no day of the year it names (only its neighbours', or none) would
    /// mark the year "covered" with nothing in it: every holiday counted as a working day.
    #[error("calendar file for {year} lists no day of {year}")]
    NoDaysForYear { year: i32 },
}

/// A period as the regulation states it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Period {
    /// N working days (工作日): weekends and holidays skipped, make-up working days counted.
    WorkingDays(u32),
    /// N calendar days (日); a last day on a rest day moves to the next working day.
    Days(u32),
}

/// One year's notice: every listed day (its own year's and any neighbour's), `true` = off.
type YearFile = BTreeMap<NaiveDate, bool>;

#[derive(Debug, Clone, Default)]
pub struct Calendar {
    /// By the file's `year`: which years are covered, and the entries each file lists.
    files: BTreeMap<i32, YearFile>,
}

/// The built-in notices, 2019–2026.
const BUILTIN: [&str; 8] = [
    include_str!("../../data/calendar/2019.json"),
    include_str!("../../data/calendar/2020.json"),
    include_str!("../../data/calendar/2021.json"),
    include_str!("../../data/calendar/2022.json"),
    include_str!("../../data/calendar/2023.json"),
    include_str!("../../data/calendar/2024.json"),
    include_str!("../../data/calendar/2025.json"),
    include_str!("../../data/calendar/2026.json"),
];

/// The file as written; unknown keys (`$schema`, `papers`, …) are allowed, as upstream adds them.
#[derive(Deserialize)]
struct RawFile {
    year: Option<i64>,
    days: Option<Vec<RawDay>>,
}

#[derive(Deserialize)]
struct RawDay {
    date: String,
    #[serde(rename = "isOffDay")]
    is_off_day: bool,
}

impl Calendar {
    /// The State Council data for 2019–2026 built into the binary.
    pub fn builtin() -> Calendar {
        // Parsed once per process; every caller gets its own copy to load years into.
        static BUILTIN_CALENDAR: std::sync::OnceLock<Calendar> = std::sync::OnceLock::new();
        BUILTIN_CALENDAR
            .get_or_init(Calendar::parse_builtin)
            .clone()
    }

    fn parse_builtin() -> Calendar {
        let mut cal = Calendar::default();
        for text in BUILTIN {
            // The built-in files are checked by `builtin_files_all_load`; a failure here is a
            // build defect, not user input, so it is skipped rather than turned into a panic.
            let _ = cal.load_json(text);
        }
        cal
    }

    /// Load one year in the `cn-holidays/*.json` format, replacing that year (the last file
    /// loaded for a year wins). Returns the year. Nothing changes when the file is rejected.
    pub fn load_json(&mut self, text: &str) -> Result<i32, CalendarError> {
        let (year, file) = parse_year_file(text)?;
        self.files.insert(year, file);
        Ok(year)
    }

    /// A digest of every loaded day (and which years are covered): equal calendars give
    /// equal fingerprints, so a result stored with one calendar is known to be stale under
    /// another (the stored deadlines projection records it).
    pub fn fingerprint(&self) -> String {
        use sha2::{Digest, Sha256};
        let mut h = Sha256::new();
        for (year, days) in &self.files {
            h.update(format!("Y{year}:"));
            for (day, off) in days {
                h.update(format!("{day}{};", if *off { 'o' } else { 'w' }));
            }
        }
        hex::encode(h.finalize())
    }

    /// Whether a calendar file for `year` is loaded.
    pub fn covers(&self, year: i32) -> bool {
        self.files.contains_key(&year)
    }

    /// The covered years, oldest first (for a status line such as "calendar 2019–2026").
    pub fn covered_years(&self) -> Vec<i32> {
        self.files.keys().copied().collect()
    }

    /// Whether `day` is a working day; an uncovered year is recorded in `uncovered`.
    pub fn is_working_day(&self, day: NaiveDate, uncovered: &mut Uncovered) -> bool {
        let year = day.year();
        let plain = !matches!(day.weekday(), Weekday::Sat | Weekday::Sun);
        let Some(own) = self.files.get(&year) else {
            // RULES.md: an uncovered year is counted on plain weekends and flagged.
            uncovered.insert(year);
            return plain;
        };
        // The year's own notice first; then a neighbour's notice for days it lists here
        // (a New Year holiday announced with the following year).
        let listed = own.get(&day).or_else(|| {
            [year - 1, year + 1]
                .iter()
                .filter_map(|y| self.files.get(y))
                .find_map(|f| f.get(&day))
        });
        match listed {
            Some(off) => !off,
            None => plain,
        }
    }

    /// The last day of `period` counted from `from` (the start day does not count).
    ///
    /// Dates past the end of the representable range saturate at `NaiveDate::MAX`; callers
    /// taking N from a user should bound it.
    pub fn due(&self, from: NaiveDate, period: Period, uncovered: &mut Uncovered) -> NaiveDate {
        match period {
            // "N working days": counting begins the day after `from`; only working days count.
            Period::WorkingDays(n) => {
                let mut day = from;
                let mut left = n;
                while left > 0 {
                    let Some(next) = day.succ_opt() else {
                        return NaiveDate::MAX;
                    };
                    day = next;
                    if self.is_working_day(day, uncovered) {
                        left -= 1;
                    }
                }
                day
            }
            // "N days": calendar days; a last day on a rest day moves to the next working day.
            Period::Days(n) => {
                let Some(mut day) = from.checked_add_days(Days::new(u64::from(n))) else {
                    return NaiveDate::MAX;
                };
                while !self.is_working_day(day, uncovered) {
                    let Some(next) = day.succ_opt() else {
                        return NaiveDate::MAX;
                    };
                    day = next;
                }
                day
            }
        }
    }
}

fn parse_year_file(text: &str) -> Result<(i32, YearFile), CalendarError> {
    let de = &mut serde_json::Deserializer::from_str(text);
    let raw: RawFile = serde_path_to_error::deserialize(de).map_err(|e| {
        let path = e.path().to_string();
        let inner = e.into_inner();
        CalendarError::Invalid(if path == "." {
            inner.to_string()
        } else {
            format!("{path}: {inner}")
        })
    })?;
    let year = raw.year.ok_or(CalendarError::MissingYear)?;
    if !PLAUSIBLE_YEARS.contains(&year) {
        return Err(CalendarError::YearOutOfRange(year));
    }
    let year = year as i32; // in range by the check above
    let days = raw.days.ok_or(CalendarError::MissingDays)?;
    let mut file = YearFile::new();
    for (index, d) in days.iter().enumerate() {
        let date =
            NaiveDate::parse_from_str(&d.date, "%Y-%m-%d").map_err(|_| CalendarError::BadDate {
                index,
                text: d.date.clone(),
            })?;
        // A notice may reach into the neighbouring years (New Year holidays), never farther.
        if (date.year() - year).abs() > 1 {
            return Err(CalendarError::DateOutsideYear { index, date, year });
        }
        if file.insert(date, d.is_off_day).is_some() {
            return Err(CalendarError::DuplicateDate { date, year });
        }
    }
    if !file.keys().any(|d| d.year() == year) {
        return Err(CalendarError::NoDaysForYear { year });
    }
    Ok((year, file))
}

#[cfg(test)]
#[path = "calendar_tests.rs"]
mod tests;
