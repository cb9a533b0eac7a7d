//! What can go wrong in the store, each variant naming what was wrong and what to do.

use std::cell::Cell;
use std::path::PathBuf;

use rusqlite::ErrorCode;

/// Errors of the store. `Display` is English; [`StoreError::message`] gives zh-CN too.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// Another process kept the write lock through every retry.
    #[error(
        "the database stayed busy for {seconds} s; another culpa process may be stuck — try again"
    )]
    Busy { seconds: u64 },
    /// The file was written by a newer culpa.
    #[error(
        "the database has schema version {found}, but this culpa only knows up to version {known}; upgrade culpa to open it"
    )]
    NewerSchema { found: i64, known: i64 },
    #[error("{} is not a culpa database (not SQLite, or damaged)", .path.display())]
    NotADatabase { path: PathBuf },
    #[error("no database at {}; create one first (culpa init) or check the path", .path.display())]
    NoDatabase { path: PathBuf },
    #[error("{} already holds a culpa database with data; refusing to overwrite it", .path.display())]
    Exists { path: PathBuf },
    /// An optimistic-lock check failed: someone saved the record since it was read.
    #[error(
        "{what} was changed by someone else (now version {current}, you had {expected}); reload and redo the change"
    )]
    Conflict {
        what: String,
        expected: i64,
        current: i64,
    },
    #[error("database error: {0}")]
    Sqlite(#[source] rusqlite::Error),
    #[error("{}: {source}", .path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// Stored data that this code cannot read back (hand-edited or damaged database).
    #[error("the database holds unreadable data: {0}")]
    Corrupt(String),
    #[error("not found: {0}")]
    NotFound(String),
    #[error("already exists: {0}")]
    Duplicate(String),
    /// A write broke an integrity rule of the schema (e.g. an unknown login).
    #[error("refused by the database's integrity rules: {0}")]
    Constraint(String),
}

thread_local! {
    /// Set whenever a busy/locked SQLite error is converted on this thread, so that
    /// [`super::Store::write`] can tell a busy failure inside the caller's closure (whose error
    /// type it cannot inspect) from a real one, and retry it.
    static BUSY_SEEN: Cell<bool> = const { Cell::new(false) };
}

pub(crate) fn take_busy_seen() -> bool {
    BUSY_SEEN.with(|b| b.replace(false))
}

pub(crate) fn is_busy(e: &rusqlite::Error) -> bool {
    matches!(
        e.sqlite_error_code(),
        Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked)
    )
}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        if is_busy(&e) {
            BUSY_SEEN.with(|b| b.set(true));
        }
        if e.sqlite_error_code() == Some(ErrorCode::ConstraintViolation) {
            return StoreError::Constraint(e.to_string());
        }
        StoreError::Sqlite(e)
    }
}

impl StoreError {
    pub(crate) fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        StoreError::Io {
            path: path.into(),
            source,
        }
    }
}
