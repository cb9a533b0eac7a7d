//! The evidence vault: content-addressed files beside the database
//! (`<db file name>.vault/objects/ab/cdef…`, named by SHA-256).
//!
//! Objects are written once and made read-only; the same content attached twice is stored
//! once but recorded twice (each attachment is its own custody record).

use std::fs::{self, File, OpenOptions};
use std::io::{self, Read, Write};
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use rusqlite::params;
use sha2::{Digest, Sha256};

use super::{Store, StoreError, Tx, now_rfc3339};

/// One file attached to a case (the custody record; the caller appends the custody entry to
/// the audit log in the same transaction).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Attachment {
    pub case: String,
    pub sha256: String,
    pub size: u64,
    /// The file's name as the user had it (no directories).
    pub file_name: String,
    pub by: String,
    /// RFC 3339 UTC.
    pub at: String,
}

impl Attachment {
    /// An attachment stamped with the current time.
    pub fn new(case: &str, sha256: &str, size: u64, file_name: &str, by: &str) -> Attachment {
        Attachment {
            case: case.to_string(),
            sha256: sha256.to_string(),
            size,
            file_name: file_name.to_string(),
            by: by.to_string(),
            at: now_rfc3339(),
        }
    }
}

/// One thing wrong in the vault.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum VaultProblem {
    /// The database refers to content the vault does not hold.
    Missing { sha256: String },
    /// The object's bytes no longer hash to its name.
    Mismatch { sha256: String, actual: String },
    /// The database names content that no audit entry ever recorded: a hash re-pointed
    /// outside the workflow.
    Unlogged { sha256: String },
}

/// The result of [`Store::verify_vault`].
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub struct VaultReport {
    /// Distinct objects the database refers to.
    pub objects: u64,
    pub problems: Vec<VaultProblem>,
}

/// Stream `r` through SHA-256 (and into `out`, if given); returns (hex hash, bytes).
fn hash_stream(mut r: impl Read, mut out: Option<&mut File>) -> io::Result<(String, u64)> {
    let mut h = Sha256::new();
    let mut buf = vec![0u8; 64 * 1024];
    let mut size = 0u64;
    loop {
        let n = match r.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        h.update(&buf[..n]);
        if let Some(f) = out.as_deref_mut() {
            f.write_all(&buf[..n])?;
        }
        size += n as u64;
    }
    Ok((hex::encode(h.finalize()), size))
}

/// Make a rename or a new entry in `dir` durable.
fn fsync_dir(dir: &Path) -> Result<(), StoreError> {
    File::open(dir)
        .and_then(|d| d.sync_all())
        .map_err(|e| StoreError::io(dir, e))
}

/// Create `dir` (and missing ancestors) so that it survives a power cut: a new directory's
/// entry is durable only once its parent is synced. Without this, an object renamed into a
/// fresh `objects/ab/` — whose attachment the database then commits with
/// `synchronous=FULL` — could vanish with its directory after a crash, leaving a record
/// whose file is missing.
fn create_dir_durable(dir: &Path) -> Result<(), StoreError> {
    if dir.is_dir() {
        return Ok(());
    }
    let mut missing = Vec::new();
    let mut d = dir;
    while !d.exists() {
        missing.push(d.to_path_buf());
        match d.parent() {
            Some(p) => d = p,
            None => break,
        }
    }
    fs::create_dir_all(dir).map_err(|e| StoreError::io(dir, e))?;
    for created in missing.iter().rev() {
        if let Some(parent) = created.parent() {
            fsync_dir(parent)?;
        }
    }
    Ok(())
}

/// Distinguishes temp files of concurrent puts within one process.
static PUT_COUNTER: AtomicU64 = AtomicU64::new(0);

fn is_sha256(s: &str) -> bool {
    s.len() == 64
        && s.bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

impl Store {
    /// Where the object with this content hash lives (whether or not it exists).
    pub fn object_path(&self, sha256: &str) -> PathBuf {
        let (a, b) = sha256.split_at(sha256.len().min(2));
        self.vault_dir().join("objects").join(a).join(b)
    }

    /// Copy the file at `path` into the vault; returns its SHA-256 (hex) and size. Storing
    /// content that is already there keeps the existing object.
    pub fn put_file(&self, path: &Path) -> Result<(String, u64), StoreError> {
        let src = File::open(path).map_err(|e| StoreError::io(path, e))?;
        let tmp_dir = self.vault_dir().join("tmp");
        fs::create_dir_all(&tmp_dir).map_err(|e| StoreError::io(&tmp_dir, e))?;
        // A unique temp name per process and call, so concurrent puts never share one.
        let tmp = tmp_dir.join(format!(
            "put-{}-{}-{}",
            std::process::id(),
            PUT_COUNTER.fetch_add(1, Ordering::Relaxed),
            chrono::Utc::now().timestamp_nanos_opt().unwrap_or_default()
        ));
        let mut out = OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&tmp)
            .map_err(|e| StoreError::io(&tmp, e))?;
        let result = (|| {
            let (sha, size) =
                hash_stream(src, Some(&mut out)).map_err(|e| StoreError::io(path, e))?;
            out.sync_all().map_err(|e| StoreError::io(&tmp, e))?;
            drop(out);
            let dest = self.object_path(&sha);
            let parent = dest.parent().map(Path::to_path_buf).unwrap_or_default();
            create_dir_durable(&parent)?;
            if dest.exists() {
                // Same content already stored (content addressing makes it the same file).
                fs::remove_file(&tmp).map_err(|e| StoreError::io(&tmp, e))?;
                return Ok((sha, size));
            }
            fs::set_permissions(&tmp, fs::Permissions::from_mode(0o444))
                .map_err(|e| StoreError::io(&tmp, e))?;
            fs::rename(&tmp, &dest).map_err(|e| StoreError::io(&dest, e))?;
            fsync_dir(&parent)?;
            Ok((sha, size))
        })();
        if result.is_err() {
            let _ = fs::remove_file(&tmp);
        }
        result
    }

    /// Re-hash every object the database or the audit log refers to and report each one
    /// missing or no longer matching its name, and each hash the database holds that no
    /// audit entry recorded. The log's hashes are the ones that count: a vault file edited
    /// and renamed to its new hash, with the database row re-pointed to match, still leaves
    /// the logged hash without its object.
    pub fn verify_vault(&self) -> Result<VaultReport, StoreError> {
        let logged = self.read(|tx| tx.logged_hashes())?;
        let recorded: Vec<String> = self.read(|tx| {
            let mut stmt = tx.tx.prepare(
                "SELECT sha256 FROM attachments
                 UNION SELECT sha256 FROM evidence WHERE sha256 IS NOT NULL
                 ORDER BY 1",
            )?;
            let rows = stmt.query_map([], |r| r.get(0))?;
            Ok(rows.collect::<Result<_, _>>()?)
        })?;
        let mut report = VaultReport::default();
        for sha in recorded.iter().filter(|h| !logged.contains(*h)) {
            report.problems.push(VaultProblem::Unlogged {
                sha256: sha.clone(),
            });
        }
        let hashes: std::collections::BTreeSet<String> =
            logged.into_iter().chain(recorded).collect();
        for sha in hashes {
            report.objects += 1;
            let path = self.object_path(&sha);
            match File::open(&path) {
                Err(e) if e.kind() == io::ErrorKind::NotFound => {
                    report.problems.push(VaultProblem::Missing { sha256: sha });
                }
                Err(e) => return Err(StoreError::io(&path, e)),
                Ok(f) => {
                    let (actual, _) = hash_stream(f, None).map_err(|e| StoreError::io(&path, e))?;
                    if actual != sha {
                        report.problems.push(VaultProblem::Mismatch {
                            sha256: sha,
                            actual,
                        });
                    }
                }
            }
        }
        Ok(report)
    }
}

/// Every `"sha256": "<64 hex>"` anywhere in an audit detail (an attachment's, an evidence
/// record's inside a command or an imported bundle).
fn collect_hashes(v: &serde_json::Value, out: &mut std::collections::BTreeSet<String>) {
    match v {
        serde_json::Value::Object(m) => {
            for (k, x) in m {
                match x {
                    serde_json::Value::String(h) if k == "sha256" && is_sha256(h) => {
                        out.insert(h.clone());
                    }
                    _ => collect_hashes(x, out),
                }
            }
        }
        serde_json::Value::Array(a) => a.iter().for_each(|x| collect_hashes(x, out)),
        _ => {}
    }
}

impl Tx<'_> {
    /// The content hashes the audit log vouches for.
    pub fn logged_hashes(&self) -> Result<std::collections::BTreeSet<String>, StoreError> {
        let mut out = std::collections::BTreeSet::new();
        let mut stmt = self
            .tx
            .prepare("SELECT detail FROM audit WHERE instr(detail, '\"sha256\"') > 0")?;
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            let text: String = row.get(0)?;
            if let Ok(v) = serde_json::from_str::<serde_json::Value>(&text) {
                collect_hashes(&v, &mut out);
            }
        }
        Ok(out)
    }

    /// Record that `a.file_name` (content `a.sha256`, already in the vault) was attached to
    /// case `a.case` by `a.by`.
    pub fn record_attachment(&self, a: &Attachment) -> Result<(), StoreError> {
        if !is_sha256(&a.sha256) {
            return Err(StoreError::Corrupt(format!(
                "attachment {:?}: {:?} is not a SHA-256 in lowercase hex",
                a.file_name, a.sha256
            )));
        }
        if self.case_id(&a.case)?.is_none() {
            return Err(StoreError::NotFound(format!("case {}", a.case)));
        }
        let size = i64::try_from(a.size)
            .map_err(|_| StoreError::Corrupt(format!("attachment size {}", a.size)))?;
        self.tx
            .prepare_cached(
                "INSERT INTO attachments (case_number, sha256, size, file_name, by_login, at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?
            .execute(params![a.case, a.sha256, size, a.file_name, a.by, a.at])?;
        Ok(())
    }

    /// The attachments of one case, or all, in the order recorded.
    pub fn attachments(&self, case: Option<&str>) -> Result<Vec<Attachment>, StoreError> {
        let mut stmt = self.tx.prepare_cached(
            "SELECT case_number, sha256, size, file_name, by_login, at FROM attachments
              WHERE ?1 IS NULL OR case_number = ?1 ORDER BY id",
        )?;
        let rows = stmt.query_map([case], |r| {
            Ok(Attachment {
                case: r.get(0)?,
                sha256: r.get(1)?,
                size: r.get::<_, i64>(2)?.max(0) as u64,
                file_name: r.get(3)?,
                by: r.get(4)?,
                at: r.get(5)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}
