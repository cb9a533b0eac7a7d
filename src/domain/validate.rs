//! Reading and validating `culpa.bundle/2` (`../shared/formats/bundle-v2.md`), and `/1` through
//! its mapping.
//!
//! Three steps, each usable alone:
//! 1. [`parse_bundle`]: strict JSON → [`Bundle`]; every error names its JSON path and case.
//! 2. [`reconcile_people`] + [`merged_directory`]: the bundle's people against those already
//!    known (a login that exists must match exactly; the import fails otherwise).
//! 3. [`validate_bundle`] / [`validate_case`]: cross-references, roles, stage data, date order,
//!    the rules' parameters, the submission check and committee recusal — import refuses what
//!    the app would refuse.
//!
//! [`read_bundle`] runs all three, as `culpa import` and the `--file` forms do.
//!
//! Reasons are in English: they quote the format's own field names and codes, which are
//! English in every language of the interface.

mod case;
pub(crate) mod error;
mod parse;
mod people;
mod skim;
mod stage;
pub mod stream;

use chrono::NaiveDate;

use super::calendar::Calendar;
use super::directory::Directory;
use super::model::{Bundle, Case};

pub use error::BundleError;
pub use parse::Version;
pub use people::{head_errors, merged_directory, reconcile_people};

/// Parse the JSON text strictly (unknown fields, bad dates, unknown codes are errors with
/// their path) and check the format tag. Does not validate cross-references. The same reader
/// as a streamed import ([`stream`]), collecting the cases; the first error is returned.
pub fn parse_bundle(text: &str) -> Result<Bundle, BundleError> {
    struct Collect {
        bundle: Bundle,
        first: Option<BundleError>,
    }
    impl stream::CaseSink for Collect {
        type Error = std::convert::Infallible;
        fn head(&mut self, head: stream::Head) -> Result<(), Self::Error> {
            self.bundle.people = head.people;
            self.bundle.relations = head.relations;
            Ok(())
        }
        fn case(
            &mut self,
            _: usize,
            case: Result<Case, BundleError>,
        ) -> Result<stream::Flow, Self::Error> {
            match case {
                Ok(c) => {
                    self.bundle.cases.push(c);
                    Ok(stream::Flow::Go)
                }
                Err(e) => {
                    self.first = Some(e);
                    Ok(stream::Flow::Stop)
                }
            }
        }
    }
    let mut sink = Collect {
        bundle: Bundle::empty(),
        first: None,
    };
    match stream::read_stream(&mut text.as_bytes(), &mut sink) {
        Ok(_) => match sink.first {
            Some(e) => Err(e),
            None => Ok(sink.bundle),
        },
        Err(stream::StreamError::Bundle(e)) => Err(e),
        Err(stream::StreamError::Io(e)) => Err(BundleError::new("(document)", None, e.to_string())),
        Err(stream::StreamError::Sink(never)) => match never {},
    }
}

/// Validate cross-references, roles, stage data and the rules, for every case. `dir` holds the
/// people and relations known (database + bundle, see [`merged_directory`]); whether the
/// bundle's people agree with the database is [`reconcile_people`]'s question, not this one's.
/// Also checked here: duplicate logins in `people`, relations naming unknown logins, duplicate
/// case numbers. All errors found, first one first. `today` is the day of import (or
/// `--today`): no date may be later (bundle-v2.md, "Dates").
pub fn validate_bundle(
    bundle: &Bundle,
    dir: &Directory,
    cal: &Calendar,
    today: NaiveDate,
) -> Vec<BundleError> {
    let mut errors = people::head_errors(&bundle.people, &bundle.relations, dir);
    errors.extend(case::duplicate_numbers(&bundle.cases));
    for (idx, case) in bundle.cases.iter().enumerate() {
        errors.extend(validate_case(case, idx, dir, cal, today));
    }
    errors
}

/// Validate one case (index `idx` for the path) against `dir`; used by import and the workflow.
pub fn validate_case(
    case: &Case,
    idx: usize,
    dir: &Directory,
    cal: &Calendar,
    today: NaiveDate,
) -> Vec<BundleError> {
    let mut v = case::CaseValidator::new(case, idx, dir, today);
    v.references();
    v.findings();
    stage::dates(&mut v);
    stage::stage(&mut v, cal);
    v.errors
}

/// Parse, reconcile with `existing` people and validate: the whole of an import's reading.
/// Returns the bundle and the directory to judge it by (`existing` + the bundle's people and
/// relations). On failure, every error found, first one first.
pub fn read_bundle(
    text: &str,
    existing: &Directory,
    cal: &Calendar,
    today: NaiveDate,
) -> Result<(Bundle, Directory), Vec<BundleError>> {
    let bundle = parse_bundle(text).map_err(|e| vec![e])?;
    let mut errors = reconcile_people(&bundle.people, existing);
    let dir = merged_directory(&bundle, existing);
    errors.extend(validate_bundle(&bundle, &dir, cal, today));
    if errors.is_empty() {
        Ok((bundle, dir))
    } else {
        Err(errors)
    }
}
