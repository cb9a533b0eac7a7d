//! `culpa import FILE`: the bundle is read case by case (issue 10) — the file is handed to
//! the backend open, never read whole: a database session streams it into one transaction,
//! a served database receives it in chunks and does the same.

use std::io::{Read, Seek, Write};
use std::path::Path;

use super::file::refused;
use super::input;
use super::open::wf;
use super::{Ctx, Failure, out};
use crate::domain::Directory;
use crate::domain::validate::BundleError;
use crate::i18n::Lang;
use crate::i18n::cli as t;
use crate::i18n::cli_db as td;
use crate::store::StoreError;
use crate::ui::backend::Backend;
use crate::workflow::WorkflowError;
use crate::workflow::import::{CASE_IN_DATABASE, MAX_ERRORS};

/// Input that is not a regular file (a pipe, stdin, a device) is copied to a temporary file
/// first (a bundle whose cases come before its people is read twice), up to this many bytes
/// unless `CULPA_MAX_INPUT_BYTES` says fewer.
pub const SPOOL_LIMIT: u64 = 64 * 1024 * 1024 * 1024;

/// `culpa import FILE` (`-`: standard input): the workflow's import (admin only, one
/// transaction, every rule checked against the database's people plus the bundle's).
pub(super) fn import(
    ctx: &Ctx,
    session: &mut dyn Backend,
    dir: &Directory,
    file: &Path,
) -> Result<(), Failure> {
    let handle = open_bundle(file, ctx.lang)?;
    let summary = session
        .import_file(&handle, file, ctx.today)
        .map_err(|e| match e {
            // Every error arrives as `PATH (case NUMBER): reason`, like the file forms.
            WorkflowError::Invalid(errors) => {
                let many = errors.len() >= MAX_ERRORS;
                let mut f = refused(file, &in_language(errors, ctx.lang), ctx);
                if many {
                    f.0.push_str("\n  ");
                    f.0.push_str(&td::stopped_after(MAX_ERRORS, ctx.lang));
                }
                f
            }
            WorkflowError::Storage(StoreError::Io { path, source }) => Failure(t::cannot_read(
                &path.display().to_string(),
                &source.to_string(),
                ctx.lang,
            )),
            other => wf(other, dir, ctx),
        })?;
    ctx.warn(&session.uncovered());
    out(&td::imported(
        summary.cases.len(),
        summary.people_added,
        summary.people_matched,
        summary.relations_added,
        ctx.lang,
    ));
    Ok(())
}

/// The workflow's reasons are the format's English; the one the command line has always said
/// in the user's language stays so.
fn in_language(mut errors: Vec<BundleError>, lang: Lang) -> Vec<BundleError> {
    for e in &mut errors {
        if e.reason == CASE_IN_DATABASE {
            e.reason = td::case_exists(lang).to_string();
        }
    }
    errors
}

/// The bundle at `path` (`-`: stdin), opened with the user's own permissions. A regular file
/// is used as it is (refused from its size if over `CULPA_MAX_INPUT_BYTES`, when set);
/// anything else is spooled to an unnamed temporary file (see [`SPOOL_LIMIT`]).
fn open_bundle(path: &Path, lang: Lang) -> Result<std::fs::File, Failure> {
    let stdin = path.as_os_str() == "-";
    let name = if stdin {
        "stdin".to_string()
    } else {
        path.display().to_string()
    };
    let cannot = |e: std::io::Error| Failure(t::cannot_read(&name, &e.to_string(), lang));
    let limit = input::configured_limit();
    let mut source: Box<dyn Read> = if stdin {
        Box::new(std::io::stdin().lock())
    } else {
        let f = std::fs::File::open(path).map_err(cannot)?;
        match f.metadata() {
            Ok(m) if m.is_file() => {
                if let Some(limit) = limit
                    && m.len() > limit
                {
                    return Err(Failure(input::too_large(&name, limit, lang)));
                }
                return Ok(f);
            }
            _ => Box::new(f),
        }
    };
    let mut spool = tempfile::tempfile().map_err(cannot)?;
    let cap = limit.unwrap_or(SPOOL_LIMIT);
    let mut buf = vec![0u8; 1 << 16];
    let mut total: u64 = 0;
    loop {
        let n = match source.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(cannot(e)),
        };
        if total + n as u64 > cap {
            return Err(Failure(input::too_large(&name, cap, lang)));
        }
        spool.write_all(&buf[..n]).map_err(cannot)?;
        // Without a set limit, what cannot begin a bundle ends the copy at once (the reader
        // then says why): `import /dev/zero` is refused, not copied.
        if total == 0 && limit.is_none() && !begins_a_bundle(&buf[..n]) {
            break;
        }
        total += n as u64;
    }
    spool.rewind().map_err(cannot)?;
    Ok(spool)
}

/// Whether `first` (the first bytes read) could begin a JSON object: after a byte-order mark
/// and whitespace, `{` (or nothing yet).
fn begins_a_bundle(first: &[u8]) -> bool {
    let rest = first.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(first);
    match rest
        .iter()
        .find(|b| !matches!(b, b' ' | b'\t' | b'\n' | b'\r'))
    {
        Some(b) => *b == b'{',
        None => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_an_object_begins_a_bundle() {
        assert!(begins_a_bundle(b"  \n{\"format\""));
        assert!(begins_a_bundle(b"\xEF\xBB\xBF{"));
        assert!(begins_a_bundle(b"   "));
        assert!(!begins_a_bundle(b"\0\0\0"));
        assert!(!begins_a_bundle(b"[1]"));
    }
}
