//! The audit log: append-only and hash-chained.
//!
//! Each entry stores `hash = SHA-256(prev_hash ‖ canonical bytes of the entry)`, where
//! `prev_hash` is the previous entry's hash (64 zeros before the first) and the canonical
//! bytes are the compact JSON array `[seq, at, actor, case, action, detail]` with `detail` as
//! the exact text stored. The chain head (last seq and hash) is also kept in `audit_head`,
//! written in the same transaction as every append.
//!
//! What this detects: triggers refuse UPDATE, DELETE and a replacing INSERT through SQLite,
//! so a change needs someone to drop the triggers first. Then [`Store::verify_audit`] still
//! finds an edited entry (its hash no longer matches), a deleted entry (a gap in `seq`, or a
//! `prev_hash` that does not match), and a cut tail (the last entry is not the head recorded
//! in `audit_head`).
//!
//! **Limit:** the chain is not signed and its head is not kept anywhere outside the
//! database. Someone with write access to the database file who recomputes every hash from
//! the edited entry onward *and* rewrites `audit_head` to match is not detected. Copying the
//! head (`culpa audit verify` prints it) to somewhere they cannot write — a printed report,
//! another machine — is what catches that.

use rusqlite::{Row, params};
use sha2::{Digest, Sha256};

use super::{Store, StoreError, Tx, now_rfc3339};

/// The `prev_hash` of the first entry.
pub const GENESIS_HASH: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// One audit entry.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct AuditEntry {
    pub seq: i64,
    /// RFC 3339 UTC.
    pub at: String,
    pub actor: String,
    pub case: Option<String>,
    pub action: String,
    pub detail: serde_json::Value,
    pub prev_hash: String,
    pub hash: String,
}

/// The result of [`Store::verify_audit`].
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct AuditReport {
    /// Entries read.
    pub entries: u64,
    /// The first entry that fails the check (its seq) and why.
    pub first_bad: Option<(i64, String)>,
    /// The chain head as recorded (seq, hash) — worth writing down somewhere else.
    pub head: (i64, String),
}

/// `SHA-256(prev_hash ‖ [seq, at, actor, case, action, detail])`, hex.
fn entry_hash(
    prev_hash: &str,
    seq: i64,
    at: &str,
    actor: &str,
    case: Option<&str>,
    action: &str,
    detail_text: &str,
) -> String {
    let mut h = Sha256::new();
    h.update(prev_hash.as_bytes());
    // The canonical form is the compact JSON array `[seq, at, actor, case, action, detail]`,
    // written straight into the hash (an import hashes a whole case per entry).
    serde_json::to_writer(
        HashWriter(&mut h),
        &(seq, at, actor, case, action, detail_text),
    )
    .expect("hashing never fails to write");
    hex::encode(h.finalize())
}

/// `io::Write` into a hash.
struct HashWriter<'a>(&'a mut Sha256);

impl std::io::Write for HashWriter<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.update(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

const SELECT: &str =
    "SELECT seq, at, actor, case_number, action, detail, prev_hash, hash FROM audit";

fn entry_from_row(row: &Row<'_>) -> Result<AuditEntry, StoreError> {
    let seq: i64 = row.get(0)?;
    let detail: String = row.get(5)?;
    Ok(AuditEntry {
        seq,
        at: row.get(1)?,
        actor: row.get(2)?,
        case: row.get(3)?,
        action: row.get(4)?,
        detail: serde_json::from_str(&detail)
            .map_err(|e| StoreError::Corrupt(format!("audit entry {seq}: detail: {e}")))?,
        prev_hash: row.get(6)?,
        hash: row.get(7)?,
    })
}

/// The last entry of the log as a transaction appends to it ([`Tx::audit_chain`]).
///
/// A copy may seal entries ahead of their append on another thread ([`AuditChain::seal`]):
/// the import's reading thread hashes each case's entry while the writer is busy with the
/// cases before it (issue 10).
#[must_use = "the head stays behind the entries until close_audit_chain"]
#[derive(Debug, Clone)]
pub struct AuditChain {
    seq: i64,
    hash: String,
}

/// An entry hashed after a chain's last, ready to append ([`Tx::append_sealed`]): its text
/// is fixed, so what is written is what was hashed.
#[derive(Debug)]
pub struct Sealed {
    seq: i64,
    at: String,
    actor: String,
    case: Option<String>,
    action: String,
    detail: String,
    prev_hash: String,
    hash: String,
}

impl AuditChain {
    /// The entry that follows this chain's last, stamped now, which it becomes.
    pub fn seal(
        &mut self,
        actor: &str,
        case: Option<&str>,
        action: &str,
        detail: String,
    ) -> Sealed {
        let seq = self.seq + 1;
        let at = now_rfc3339();
        let hash = entry_hash(&self.hash, seq, &at, actor, case, action, &detail);
        let prev_hash = std::mem::replace(&mut self.hash, hash.clone());
        self.seq = seq;
        Sealed {
            seq,
            at,
            actor: actor.to_string(),
            case: case.map(str::to_string),
            action: action.to_string(),
            detail,
            prev_hash,
            hash,
        }
    }
}

impl Sealed {
    /// Whether this entry was sealed after `chain`'s last entry (and so may be appended to it).
    pub fn follows(&self, chain: &AuditChain) -> bool {
        self.seq == chain.seq + 1 && self.prev_hash == chain.hash
    }

    /// The entry's detail, as written and hashed.
    pub fn detail(&self) -> &str {
        &self.detail
    }
}

impl Tx<'_> {
    fn audit_head(&self) -> Result<(i64, String), StoreError> {
        Ok(self
            .tx
            .prepare_cached("SELECT seq, hash FROM audit_head WHERE one = 1")?
            .query_row([], |r| Ok((r.get(0)?, r.get(1)?)))?)
    }

    /// Append an entry (in this write transaction, so it lands with the change it records or
    /// not at all). Returns its seq.
    pub fn append_audit(
        &self,
        actor: &str,
        case: Option<&str>,
        action: &str,
        detail: &serde_json::Value,
    ) -> Result<i64, StoreError> {
        self.append_audit_text(actor, case, action, &detail.to_string())
    }

    /// [`Tx::append_audit`] with the detail already written as compact JSON (an import
    /// writes each case's straight from the case, without building a JSON tree of it).
    pub fn append_audit_text(
        &self,
        actor: &str,
        case: Option<&str>,
        action: &str,
        detail_text: &str,
    ) -> Result<i64, StoreError> {
        let mut chain = self.audit_chain()?;
        let seq = self.append_audit_to(&mut chain, actor, case, action, detail_text)?;
        self.close_audit_chain(chain)?;
        Ok(seq)
    }

    /// The log's head, to append many entries after ([`Tx::append_audit_to`]) without
    /// reading and rewriting the head for each (issue 10: an import appends one per case).
    /// Nothing else may append until [`Tx::close_audit_chain`] has written the head back.
    pub fn audit_chain(&self) -> Result<AuditChain, StoreError> {
        let (seq, hash) = self.audit_head()?;
        Ok(AuditChain { seq, hash })
    }

    /// Write the head of a chain of entries back (before the transaction commits: the head
    /// is what is signed, and what the next entry links to).
    pub fn close_audit_chain(&self, chain: AuditChain) -> Result<(), StoreError> {
        self.tx
            .prepare_cached("UPDATE audit_head SET seq = ?1, hash = ?2 WHERE one = 1")?
            .execute(params![chain.seq, chain.hash])?;
        Ok(())
    }

    /// Append an entry after `chain`'s last, which it becomes. Returns its seq.
    pub fn append_audit_to(
        &self,
        chain: &mut AuditChain,
        actor: &str,
        case: Option<&str>,
        action: &str,
        detail_text: &str,
    ) -> Result<i64, StoreError> {
        let entry = chain
            .clone()
            .seal(actor, case, action, detail_text.to_string());
        self.append_sealed(chain, &entry)
    }

    /// Append `entry`, which must have been sealed after `chain`'s last entry (by `chain` or
    /// a copy of it, [`Sealed::follows`]) and becomes it. Returns its seq.
    pub fn append_sealed(&self, chain: &mut AuditChain, entry: &Sealed) -> Result<i64, StoreError> {
        if !entry.follows(chain) {
            return Err(StoreError::Corrupt(format!(
                "audit entry {} was sealed after another head than the log's (entry {})",
                entry.seq, chain.seq
            )));
        }
        self.tx
            .prepare_cached(
                "INSERT INTO audit (seq, at, actor, case_number, action, detail, prev_hash, hash)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            )?
            .execute(params![
                entry.seq,
                entry.at,
                entry.actor,
                entry.case,
                entry.action,
                entry.detail,
                entry.prev_hash,
                entry.hash
            ])?;
        *chain = AuditChain {
            seq: entry.seq,
            hash: entry.hash.clone(),
        };
        Ok(entry.seq)
    }

    /// The whole log, or one case's entries, oldest first.
    pub fn audit(&self, case: Option<&str>) -> Result<Vec<AuditEntry>, StoreError> {
        let mut stmt;
        let mut rows = match case {
            Some(c) => {
                stmt = self
                    .tx
                    .prepare_cached(&format!("{SELECT} WHERE case_number = ?1 ORDER BY seq"))?;
                stmt.query([c])?
            }
            None => {
                stmt = self.tx.prepare_cached(&format!("{SELECT} ORDER BY seq"))?;
                stmt.query([])?
            }
        };
        let mut out = Vec::new();
        while let Some(row) = rows.next()? {
            out.push(entry_from_row(row)?);
        }
        Ok(out)
    }

    /// The entry `seq`, if the log holds it.
    pub fn audit_entry(&self, seq: i64) -> Result<Option<AuditEntry>, StoreError> {
        let mut stmt = self
            .tx
            .prepare_cached(&format!("{SELECT} WHERE seq = ?1"))?;
        let mut rows = stmt.query([seq])?;
        rows.next()?.map(entry_from_row).transpose()
    }

    /// The newest entry about `case`: who changed it last, for conflict messages.
    pub fn last_audit_for_case(&self, case: &str) -> Result<Option<AuditEntry>, StoreError> {
        let mut stmt = self.tx.prepare_cached(&format!(
            "{SELECT} WHERE case_number = ?1 ORDER BY seq DESC LIMIT 1"
        ))?;
        let mut rows = stmt.query([case])?;
        rows.next()?.map(entry_from_row).transpose()
    }
}

impl Store {
    /// Walk the chain from the first entry and name the first one that is not as written.
    /// See the module documentation for what this can and cannot detect.
    pub fn verify_audit(&self) -> Result<AuditReport, StoreError> {
        self.read(|tx| {
            let head = tx.audit_head()?;
            let mut stmt = tx.tx.prepare(
                "SELECT seq, at, actor, case_number, action, detail, prev_hash, hash
                   FROM audit ORDER BY seq",
            )?;
            let mut rows = stmt.query([])?;
            let mut entries = 0u64;
            let mut last = (0i64, GENESIS_HASH.to_string());
            let mut first_bad = None;
            while let Some(row) = rows.next()? {
                entries += 1;
                if first_bad.is_some() {
                    continue;
                }
                let seq: i64 = row.get(0)?;
                let at: String = row.get(1)?;
                let actor: String = row.get(2)?;
                let case: Option<String> = row.get(3)?;
                let action: String = row.get(4)?;
                let detail: String = row.get(5)?;
                let prev_hash: String = row.get(6)?;
                let hash: String = row.get(7)?;
                let expected = last.0 + 1;
                first_bad = if seq != expected {
                    Some((
                        expected,
                        format!("entry {expected} is missing (the next entry is {seq})"),
                    ))
                } else if prev_hash != last.1 {
                    Some((
                        seq,
                        format!("entry {seq} does not follow entry {}: one of them was altered or replaced", last.0),
                    ))
                } else if entry_hash(&prev_hash, seq, &at, &actor, case.as_deref(), &action, &detail)
                    != hash
                {
                    Some((seq, format!("entry {seq} was altered after it was written")))
                } else {
                    None
                };
                last = (seq, hash);
            }
            if first_bad.is_none() && last != head {
                first_bad = Some(if head.0 > last.0 {
                    (
                        last.0 + 1,
                        format!(
                            "entries {} to {} are missing: the log was cut after entry {}",
                            last.0 + 1,
                            head.0,
                            last.0
                        ),
                    )
                } else if head.0 < last.0 {
                    (
                        head.0 + 1,
                        format!(
                            "entries after {} were not written by culpa (the recorded head is entry {})",
                            head.0, head.0
                        ),
                    )
                } else {
                    (
                        last.0,
                        format!("entry {} does not match the recorded chain head", last.0),
                    )
                });
            }
            Ok(AuditReport {
                entries,
                first_bad,
                head,
            })
        })
    }
}
