//! SQLite: schema, migrations, queries, audit log, evidence vault.
//!
//! One [`Store`] is one connection to the shared database file that many investigators use
//! at once, each from their own process. Every connection runs in WAL mode with
//! `synchronous=FULL`, a busy timeout and foreign keys on. Writes go through
//! [`Store::write`]: `BEGIN IMMEDIATE` (so two writers never deadlock upgrading a read lock),
//! retried a bounded number of times if the database stays busy. Reads go through
//! [`Store::read`]: a short transaction that ends before the call returns, so no process
//! holds a read snapshot open while its user is idle (which would stop WAL checkpoints).
//!
//! The store owns persistence, integrity, the audit chain and the evidence vault; who may do
//! what is the workflow's business.

mod alloc;
mod audit;
mod backup;
mod bulk;
mod cases;
mod cases_load;
mod error;
mod obligations;
pub mod obligations_json;
mod obligations_walk;
mod people;
mod queue;
mod repeats;
mod schema;
mod search;
mod sign;
mod vault;

use std::path::{Path, PathBuf};
use std::thread;
use std::time::{Duration, Instant};

use rusqlite::{Connection, ErrorCode, OpenFlags, Transaction, TransactionBehavior};

pub use audit::{AuditChain, AuditEntry, AuditReport, Sealed};
pub use backup::copy_database;
pub use bulk::Deferred;
pub use cases::CaseRow;
pub use error::StoreError;
pub use obligations::{
    ObligationQuery, Projected, ProjectionCheck, REBUILD_SLICE, Reach, case_key,
};
pub use queue::{DashEntry, ListFilter, QueueEntry, QueueOrder};
pub use schema::{SCHEMA_VERSION, TRIGGERS, trigger_sql};
pub use search::{HIT_END, HIT_START, SearchHit};
pub use sign::{HeadSignature, Signer, public_key, signature_valid};
pub use vault::{Attachment, VaultProblem, VaultReport};

/// A case as stored, with the version a later replacing edit must quote (the workflow
/// hands it on as `workflow::CaseRecord`).
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct CaseRecord {
    pub id: i64,
    pub version: i64,
    pub case: crate::domain::model::Case,
}

/// How long one attempt waits for another process's write lock (SQLite's busy handler).
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(5);
/// How many times a write transaction that still met SQLITE_BUSY is tried in all.
pub(crate) const WRITE_ATTEMPTS: u32 = 3;

/// One connection to a culpa database.
pub struct Store {
    conn: Connection,
    path: PathBuf,
    /// The database's signing key, when this process can read it (`<db>.key`): every
    /// commit that moves the audit chain's head signs the new head.
    signer: Option<sign::Signer>,
    /// The calendar the stored obligations are computed with.
    proj: obligations::Projection,
}

/// The page size of a database this build creates (see [`Store::connect`]).
pub const PAGE_SIZE: i64 = 16 * 1024;

/// A transaction: the only way to read or write the data.
pub struct Tx<'a> {
    tx: Transaction<'a>,
    proj: &'a obligations::Projection,
    /// The obligations projection was found fresh (or rebuilt) in this transaction.
    fresh: std::cell::Cell<bool>,
}

/// The current time as RFC 3339 UTC with seconds, e.g. `2026-10-14T08:30:00Z`.
pub fn now_rfc3339() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

impl Store {
    /// Open an existing database and bring its schema up to date. Refuses a file that does
    /// not exist, is not SQLite, or was written by a newer culpa.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        if !path.exists() {
            return Err(StoreError::NoDatabase {
                path: path.to_path_buf(),
            });
        }
        Store::connect(path, OpenFlags::SQLITE_OPEN_READ_WRITE)
    }

    /// Create a new database (or initialise an empty file). Refuses a database that already
    /// holds people, cases or audit entries.
    pub fn create(path: &Path, demo: bool) -> Result<Store, StoreError> {
        let mut store = Store::connect(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE,
        )?;
        let exists = path.to_path_buf();
        store.write(|tx| {
            let used: i64 = tx.tx.query_row(
                "SELECT (SELECT count(*) FROM people) + (SELECT count(*) FROM cases)
                      + (SELECT count(*) FROM audit) + (SELECT count(*) FROM meta)",
                [],
                |r| r.get(0),
            )?;
            if used > 0 {
                return Err(StoreError::Exists {
                    path: exists.clone(),
                });
            }
            let mut put = tx
                .tx
                .prepare_cached("INSERT INTO meta (key, value) VALUES (?1, ?2)")?;
            put.execute(["demo", if demo { "1" } else { "0" }])?;
            put.execute(["created_at", &now_rfc3339()])?;
            put.execute(["created_schema", &SCHEMA_VERSION.to_string()])?;
            Ok(())
        })?;
        Ok(store)
    }

    fn connect(path: &Path, flags: OpenFlags) -> Result<Store, StoreError> {
        let not_db = |e: rusqlite::Error| match e.sqlite_error_code() {
            Some(ErrorCode::NotADatabase) => StoreError::NotADatabase {
                path: path.to_path_buf(),
            },
            Some(ErrorCode::CannotOpen) => StoreError::NoDatabase {
                path: path.to_path_buf(),
            },
            // Say "busy, try again" rather than SQLite's "database is locked".
            Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => StoreError::Busy {
                seconds: BUSY_TIMEOUT.as_secs(),
            },
            _ => StoreError::from(e),
        };
        alloc::install();
        let mut conn = Connection::open_with_flags(path, flags | OpenFlags::SQLITE_OPEN_NO_MUTEX)
            .map_err(not_db)?;
        conn.busy_timeout(BUSY_TIMEOUT).map_err(not_db)?;
        // A new database gets 16 KiB pages (issue 10): `deadlines --json` walks a covering
        // index of every open obligation, and with 4 KiB pages a quarter of its time went
        // into the kernel's per-page reads (16 KiB: 42.7 ms against 52.8 ms at 100,000
        // cases). SQLite applies the size only to an empty file; an existing database keeps
        // its own.
        conn.pragma_update(None, "page_size", PAGE_SIZE)
            .map_err(not_db)?;
        // journal_mode answers with the mode in force; anything but "wal" (e.g. a
        // filesystem without shared memory) would silently lose the concurrency we rely on.
        let mode = enable_wal(&conn).map_err(not_db)?;
        if !mode.eq_ignore_ascii_case("wal") {
            return Err(StoreError::Corrupt(format!(
                "{}: could not switch to WAL journal mode (got {mode}); keep the database on a local filesystem",
                path.display()
            )));
        }
        conn.pragma_update(None, "synchronous", "FULL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        conn.set_prepared_statement_cache_capacity(128);
        schema::migrate(&mut conn).map_err(|e| match e {
            StoreError::Sqlite(e) => not_db(e),
            other => other,
        })?;
        Ok(Store {
            conn,
            path: path.to_path_buf(),
            signer: sign::Signer::load(path)?,
            proj: obligations::Projection::new(crate::domain::calendar::Calendar::builtin()),
        })
    }

    /// A fresh database in memory (no file, no WAL, no key): where the replay rebuilds the
    /// record from the audit log.
    pub fn scratch() -> Result<Store, StoreError> {
        alloc::install();
        let mut conn = Connection::open_in_memory()?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        conn.set_prepared_statement_cache_capacity(128);
        schema::migrate(&mut conn)?;
        Ok(Store {
            conn,
            path: PathBuf::new(),
            signer: None,
            proj: obligations::Projection::new(crate::domain::calendar::Calendar::builtin()),
        })
    }

    /// Use the key beside the database from now on (after `Signer::create`).
    pub fn reload_signer(&mut self) -> Result<(), StoreError> {
        self.signer = sign::Signer::load(&self.path)?;
        Ok(())
    }

    /// Whether this process signs the heads it writes.
    pub fn signs(&self) -> bool {
        self.signer.is_some()
    }

    /// `PRAGMA integrity_check`: None when it answers "ok", else its first complaint.
    pub fn integrity_problem(&self) -> Result<Option<String>, StoreError> {
        let first: String = self
            .conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
        Ok((first != "ok").then_some(first))
    }

    /// The audit triggers that are missing or not as culpa wrote them.
    pub fn trigger_problems(&self) -> Result<Vec<String>, StoreError> {
        let mut bad = Vec::new();
        for name in TRIGGERS {
            let found: Option<String> = {
                use rusqlite::OptionalExtension;
                self.conn
                    .query_row(
                        "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?1",
                        [name],
                        |r| r.get(0),
                    )
                    .optional()?
            };
            let squash = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
            match found {
                None => bad.push(format!("{name} is missing")),
                Some(sql) if squash(&sql) != squash(trigger_sql(name)) => {
                    bad.push(format!("{name} was altered"))
                }
                Some(_) => {}
            }
        }
        Ok(bad)
    }

    /// How long one attempt waits for another process's lock (default [`BUSY_TIMEOUT`]).
    pub fn set_busy_timeout(&mut self, wait: Duration) -> Result<(), StoreError> {
        Ok(self.conn.busy_timeout(wait)?)
    }

    /// Let SQLite keep up to `mib` MiB of pages in memory on this connection (default 2 MiB).
    /// A bulk load (the demo's synthetic cases) touches every index at random positions; with
    /// the default cache most inserts read a page back from the file.
    pub fn set_cache_mib(&mut self, mib: u32) -> Result<(), StoreError> {
        Ok(self
            .conn
            .pragma_update(None, "cache_size", -(i64::from(mib) * 1024))?)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// `<db file name>.vault/` beside the database.
    pub fn vault_dir(&self) -> PathBuf {
        let mut name = self
            .path
            .file_name()
            .map(|n| n.to_os_string())
            .unwrap_or_default();
        name.push(".vault");
        self.path.with_file_name(name)
    }

    /// Whether the database was created as a demo (`--as` allowed).
    pub fn is_demo(&self) -> Result<bool, StoreError> {
        self.read(|tx| Ok(tx.meta("demo")?.as_deref() == Some("1")))
    }

    /// Changes whenever another connection commits; poll it to know when to refresh.
    pub fn data_version(&self) -> Result<i64, StoreError> {
        Ok(self
            .conn
            .query_row("PRAGMA data_version", [], |r| r.get(0))?)
    }

    /// `PRAGMA quick_check`: `None` when the file is sound, else what SQLite found (the
    /// first few problems).
    pub fn quick_check(&self) -> Result<Option<String>, StoreError> {
        let mut stmt = self.conn.prepare("PRAGMA quick_check(5)")?;
        let rows: Vec<String> = stmt
            .query_map([], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        Ok(match rows.as_slice() {
            [ok] if ok == "ok" => None,
            _ => Some(rows.join("; ")),
        })
    }

    /// `f` in one transaction of `behavior` through a shared reference, then commit.
    fn once<T>(
        &self,
        behavior: TransactionBehavior,
        f: impl FnOnce(&Tx<'_>) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        let tx = Tx {
            tx: Transaction::new_unchecked(&self.conn, behavior)?,
            proj: &self.proj,
            fresh: std::cell::Cell::new(false),
        };
        let out = f(&tx)?;
        tx.tx.commit()?;
        Ok(out)
    }

    /// Run `f` in a short read transaction that ends before this returns.
    pub fn read<T>(
        &self,
        f: impl FnOnce(&Tx<'_>) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        let started = Instant::now();
        error::take_busy_seen();
        // Readers in WAL mode rarely wait; if one still meets a lock past the busy timeout,
        // say so plainly rather than SQLite's "database is locked".
        self.once(TransactionBehavior::Deferred, f)
            .map_err(|e| match e {
                StoreError::Sqlite(_) if error::take_busy_seen() => StoreError::Busy {
                    seconds: started.elapsed().as_secs().max(1),
                },
                other => other,
            })
    }

    /// Run `f` in a write transaction (`BEGIN IMMEDIATE`) and commit. If the database stays
    /// busy (another process holds the write lock past [`BUSY_TIMEOUT`]), the whole
    /// transaction — `f` included — is rolled back and tried again, up to a bound; then
    /// [`StoreError::Busy`]. `f` may therefore run more than once: keep side effects out of
    /// it, or make them idempotent (like [`Store::put_file`]).
    pub fn write<T, E>(&mut self, mut f: impl FnMut(&Tx<'_>) -> Result<T, E>) -> Result<T, E>
    where
        E: From<StoreError>,
    {
        let started = Instant::now();
        for attempt in 1..=WRITE_ATTEMPTS {
            error::take_busy_seen();
            let tx = match self
                .conn
                .transaction_with_behavior(TransactionBehavior::Immediate)
            {
                Ok(tx) => Tx {
                    tx,
                    proj: &self.proj,
                    fresh: std::cell::Cell::new(false),
                },
                Err(e) if error::is_busy(&e) => {
                    backoff(attempt);
                    continue;
                }
                Err(e) => return Err(StoreError::from(e).into()),
            };
            // The head is signed inside the transaction, so a commit never lands unsigned
            // when this process holds the key.
            let result = f(&tx).and_then(|v| match &self.signer {
                Some(s) => tx.sign_head(s).map(|()| v).map_err(E::from),
                None => Ok(v),
            });
            match result {
                Ok(v) => match tx.tx.commit() {
                    Ok(()) => return Ok(v),
                    Err(e) if error::is_busy(&e) => {}
                    Err(e) => return Err(StoreError::from(e).into()),
                },
                Err(e) => {
                    // Dropping `tx` rolls back.
                    drop(tx);
                    if !error::take_busy_seen() {
                        return Err(e);
                    }
                }
            }
            backoff(attempt);
        }
        Err(StoreError::Busy {
            seconds: started.elapsed().as_secs().max(1),
        }
        .into())
    }
}

impl Store {
    /// One write transaction (`BEGIN IMMEDIATE`, waiting up to the busy timeout) through a
    /// shared reference, for work a reader must do first (rebuilding a stale projection).
    /// Not retried: `f` runs at most once.
    pub(crate) fn write_once<T>(
        &self,
        f: impl FnOnce(&Tx<'_>) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        let started = Instant::now();
        error::take_busy_seen();
        self.once(TransactionBehavior::Immediate, f)
            .map_err(|e| match e {
                StoreError::Sqlite(ref s) if error::is_busy(s) || error::take_busy_seen() => {
                    StoreError::Busy {
                        seconds: started.elapsed().as_secs().max(1),
                    }
                }
                other => other,
            })
    }
}

/// `PRAGMA journal_mode = WAL`, retried while another process holds the database.
///
/// Switching a rollback-journal file (an old or empty database) to WAL needs an exclusive
/// lock, and SQLite asks for it while the pragma already holds a shared one; so it does NOT
/// call the busy handler (two waiters would deadlock) and answers SQLITE_BUSY at once. Ten
/// processes opening such a file together then failed with "database is locked". Retrying
/// the whole statement releases the shared lock between tries, so one process wins and the
/// others then find the file already in WAL mode. On a database that is already WAL (the
/// usual case) the first try succeeds.
fn enable_wal(conn: &Connection) -> Result<String, rusqlite::Error> {
    let started = Instant::now();
    // Different processes pause differently, so that they do not collide in step.
    let mut pause = Duration::from_millis(1 + u64::from(std::process::id() % 5));
    loop {
        match conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0)) {
            Err(e) if error::is_busy(&e) && started.elapsed() < BUSY_TIMEOUT => {
                thread::sleep(pause);
                pause = (pause * 2).min(Duration::from_millis(50));
            }
            other => return other,
        }
    }
}

/// A short pause that grows with each attempt, so that retrying writers do not collide again.
pub(crate) fn backoff(attempt: u32) {
    thread::sleep(Duration::from_millis(25 << attempt.min(6)));
}

impl Tx<'_> {
    /// A value of the meta table (`demo`, `created_at`, `created_schema`).
    pub fn meta(&self, key: &str) -> Result<Option<String>, StoreError> {
        use rusqlite::OptionalExtension;
        Ok(self
            .tx
            .prepare_cached("SELECT value FROM meta WHERE key = ?1")?
            .query_row([key], |r| r.get(0))
            .optional()?)
    }

    /// Set a meta value (insert or replace).
    pub fn set_meta(&self, key: &str, value: &str) -> Result<(), StoreError> {
        self.tx
            .prepare_cached(
                "INSERT INTO meta (key, value) VALUES (?1, ?2)
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            )?
            .execute([key, value])?;
        Ok(())
    }
}
