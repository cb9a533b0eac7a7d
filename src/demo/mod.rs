//! Demo data: the Wolong District (卧龙区) Emergency Management Bureau (应急管理局) as a small,
//! realistic `culpa.bundle/1`, plus a generator of many synthetic cases for load and speed
//! work. Pure: this module builds data and performs no I/O; `culpa demo` and the store write
//! it out.
//!
//! Every date is relative to `today`, so the dashboard always has overdue and due-soon work,
//! yet every case satisfies bundle-v1.md's stage table (and the submission check as of its
//! `submitted_on`).

mod build;
mod cases_early;
mod cases_final;
mod cases_late;
mod people;
mod phrases;
mod rng;
mod synthetic;
mod synthetic_rules;
mod texts;

use chrono::{Datelike, NaiveDate};
use sha2::{Digest, Sha256};

use crate::domain::model::{BUNDLE_FORMAT, Bundle, Case, Person, Relation};

pub use people::{demo_people, demo_relations};
pub use synthetic::synthetic_with;

/// The demo bundle and the evidence files it refers to.
#[derive(Debug, Clone, PartialEq)]
pub struct Demo {
    pub bundle: Bundle,
    pub files: Vec<DemoFile>,
}

/// One evidence file to put in the vault: `bundle.cases[case].evidence[evidence_index].sha256`
/// is the lowercase hex SHA-256 of `bytes`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoFile {
    /// The case number (not an index: numbers are what the store and the CLI speak).
    pub case: String,
    pub evidence_index: usize,
    /// File name, e.g. `询问笔录.txt`.
    pub name: String,
    pub bytes: Vec<u8>,
}

/// Lowercase hex SHA-256, the form `evidence[].sha256` holds.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// The realistic demo, dated relative to `today`.
pub fn demo(today: NaiveDate) -> Demo {
    let mut drafts = cases_early::cases(today);
    drafts.extend(cases_late::cases(today));
    // Numbers follow the order of receipt within each year, as a registry would issue them.
    drafts.sort_by_key(|d| d.case.received_on);
    let mut cases = Vec::with_capacity(drafts.len());
    let mut files = Vec::new();
    let mut year = i32::MIN;
    let mut serial = 0;
    for mut draft in drafts {
        let y = draft.case.received_on.year();
        if y != year {
            year = y;
            serial = 0;
        }
        serial += 1;
        draft.case.number = format!("卧应急责〔{y}〕{serial}号");
        for (idx, name, text) in draft.files {
            let bytes = text.into_bytes();
            if let Some(e) = draft.case.evidence.get_mut(idx) {
                e.sha256 = Some(sha256_hex(&bytes));
                files.push(DemoFile {
                    case: draft.case.number.clone(),
                    evidence_index: idx,
                    name,
                    bytes,
                });
            }
        }
        cases.push(draft.case);
    }
    Demo {
        bundle: Bundle {
            format: BUNDLE_FORMAT.to_string(),
            people: demo_people(),
            relations: demo_relations(),
            cases,
        },
        files,
    }
}

/// `n` extra cases for load and speed work: deterministic for a given `seed` and `today`,
/// generated lazily, valid over every stage. Numbers are `卧应急责〔YEAR〕S{k}号`, which never
/// collide with the demo's `卧应急责〔YEAR〕{k}号`.
///
/// Relations are not passed in, so the demo's relations among `people` are assumed (that is
/// the directory these cases are meant to join); for another directory use
/// [`synthetic_with`] and its relations, or conflicted investigators may slip through.
pub fn synthetic(
    n: usize,
    seed: u64,
    today: NaiveDate,
    people: &[Person],
) -> impl Iterator<Item = Case> + use<> {
    let relations: Vec<Relation> = demo_relations();
    synthetic_with(n, seed, today, people, &relations)
}
