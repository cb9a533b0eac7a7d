//! Copies of the database made with SQLite's online backup API, while clients write.
//!
//! The whole database is copied in one step, inside one read transaction: in WAL mode that
//! blocks no writer, and the copy is one consistent moment of the record (a copy made in
//! several steps would start over each time a client committed).

use std::path::Path;
use std::time::Duration;

use rusqlite::backup::{Backup, StepResult};
use rusqlite::{Connection, OpenFlags};

use super::{Store, StoreError};

/// Copy the database at `from` (any culpa database file) to `to` (a new file) with the
/// online backup API, then sync it. `to` must not exist.
pub fn copy_database(from: &Path, to: &Path) -> Result<(), StoreError> {
    if !from.is_file() || std::fs::metadata(from).map_or(0, |m| m.len()) == 0 {
        return Err(StoreError::NoDatabase {
            path: from.to_path_buf(),
        });
    }
    if to.exists() {
        return Err(StoreError::Exists {
            path: to.to_path_buf(),
        });
    }
    super::alloc::install();
    let src = Connection::open_with_flags(
        from,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    src.busy_timeout(super::BUSY_TIMEOUT)?;
    let mut dst = Connection::open(to)?;
    {
        let backup = Backup::new(&src, &mut dst)?;
        // -1: every page in one step (see the module documentation). A step that meets a
        // lock (a checkpoint in progress) is tried again, a bounded number of times.
        let mut tries = 0;
        loop {
            match backup.step(-1)? {
                StepResult::Done => break,
                StepResult::More => {}
                _ if tries < 200 => {
                    tries += 1;
                    std::thread::sleep(Duration::from_millis(25));
                }
                _ => {
                    return Err(StoreError::Busy {
                        seconds: super::BUSY_TIMEOUT.as_secs(),
                    });
                }
            }
        }
    }
    // The copy is a self-contained file: no WAL beside it until someone opens it for writing.
    dst.pragma_update(None, "journal_mode", "DELETE")?;
    drop(dst);
    // A copy holds every record: readable by its owner only.
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(to, std::fs::Permissions::from_mode(0o600))
        .map_err(|e| StoreError::io(to, e))?;
    std::fs::File::open(to)
        .and_then(|f| f.sync_all())
        .map_err(|e| StoreError::io(to, e))
}

impl Store {
    /// [`copy_database`] of this store's file.
    pub fn backup_to(&self, to: &Path) -> Result<(), StoreError> {
        copy_database(&self.path, to)
    }
}
