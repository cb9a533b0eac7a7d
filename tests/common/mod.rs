//! The one home of the integration tests' helpers (as helix-term and television keep
//! theirs): one fixed `today`, one way to write a date, and a module per kind of test —
//! screens built without a database (`ui`), the same screens in every mode —
//! memory, direct, served (`modes`), forms (`forms`), the real binary in a
//! pseudo-terminal (`tui`), the command line (`cli`), the workflow on a temp database
//! (`workflow`), many processes at once (`stress`) and the demo data (`demo`).
//!
//! Each test binary declares `mod common;` and uses the parts it needs.
#![allow(dead_code, unused_imports)]

use chrono::NaiveDate;

pub mod cli;
pub mod demo;
pub mod forms;
pub mod modes;
pub mod served;
pub mod stress;
pub mod tui;
pub mod ui;
pub mod workflow;

/// The day every test is told is today, as `--today` takes it. Fixtures are dated around
/// it (example.json's cases run from September to November 2026), inside the years the
/// built-in State Council calendar covers.
pub const TODAY: &str = "2026-11-06";

pub fn today() -> NaiveDate {
    date(TODAY)
}

/// `YYYY-MM-DD`, for fixtures.
pub fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap_or_else(|e| panic!("{s:?}: {e}"))
}
