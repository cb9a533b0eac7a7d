//! `culpa audit verify` in full: every check that says whether the record is what the
//! workflow wrote, in the order a reader would ask — is the file sound (`PRAGMA
//! integrity_check`), are the audit triggers in place, is the chain whole, is its head
//! signed by the database's key, does it extend a head kept elsewhere (`--expect-head`),
//! does a replay of the log give the live tables, and does the vault hold what the log
//! recorded. Used by `audit verify`, `admin backup` (on the copy) and `admin doctor`.

use crate::store::{Store, VaultProblem, public_key, signature_valid};

use super::WorkflowError;
use super::replay::replay;

/// One check's result: what it found when it passed, or what is wrong.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Check {
    /// `integrity`, `triggers`, `chain`, `signatures`, `expected head`, `replay`, `vault`.
    pub name: String,
    pub outcome: Result<String, String>,
}

/// Every check, in order; the record is intact when all passed.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Verification {
    pub checks: Vec<Check>,
    /// The chain head (seq, hash): worth writing down somewhere else.
    pub head: (i64, String),
    pub entries: u64,
}

impl Verification {
    /// The first check that failed, if any.
    pub fn first_problem(&self) -> Option<&Check> {
        self.checks.iter().find(|c| c.outcome.is_err())
    }
}

/// A head kept elsewhere: `SEQ:HASH`.
pub fn parse_head(s: &str) -> Result<(i64, String), String> {
    let (seq, hash) = s
        .split_once(':')
        .ok_or_else(|| format!("\"{s}\" is not SEQ:HASH (as `culpa audit verify` prints it)"))?;
    let seq: i64 = seq
        .trim()
        .parse()
        .map_err(|_| format!("\"{seq}\" is not an entry number"))?;
    let hash = hash.trim().to_ascii_lowercase();
    if hash.len() != 64 || !hash.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(format!("\"{hash}\" is not a SHA-256 (64 hex digits)"));
    }
    Ok((seq, hash))
}

/// Run every check on `store`.
pub fn verify(
    store: &Store,
    expect: Option<&(i64, String)>,
) -> Result<Verification, WorkflowError> {
    let mut checks = Vec::new();
    let mut push = |name: &str, outcome| {
        checks.push(Check {
            name: name.to_string(),
            outcome,
        })
    };

    push(
        "integrity",
        match store.integrity_problem()? {
            None => Ok("PRAGMA integrity_check: ok".into()),
            Some(p) => Err(format!(
                "PRAGMA integrity_check: {p} — restore the last good backup (culpa admin restore)"
            )),
        },
    );
    let bad = store.trigger_problems()?;
    push(
        "triggers",
        if bad.is_empty() {
            Ok("the audit log's triggers are in place".into())
        } else {
            Err(format!(
                "audit trigger {}: someone changed the schema outside culpa",
                bad.join(", ")
            ))
        },
    );
    let chain = store.verify_audit()?;
    push(
        "chain",
        match &chain.first_bad {
            None => Ok(format!("{} entries, hash chain whole", chain.entries)),
            Some((_, why)) => Err(format!("{why}; compare with a backup")),
        },
    );
    push("signatures", signatures(store, &chain.head)?);
    if let Some((seq, hash)) = expect {
        let found = store.read(|tx| Ok(tx.audit_entry(*seq)?.map(|e| e.hash)))?;
        push(
            "expected head",
            match found {
                Some(h) if &h == hash => Ok(format!("the chain extends the head {seq}:{hash}")),
                Some(h) => Err(format!(
                    "entry {seq} now has hash {h}, not {hash}: the log was rewritten from entry {seq} or before"
                )),
                None => Err(format!(
                    "there is no entry {seq}: the log was cut back below the head kept elsewhere"
                )),
            },
        );
    }
    let r = replay(store)?;
    push(
        "replay",
        match &r.first {
            None => Ok(format!(
                "{} entries replayed; {} cases, the people and the attachments agree with the database",
                r.entries, r.cases
            )),
            Some(d) => Err(format!("the database disagrees with the audit log: {d}")),
        },
    );
    let v = store.verify_vault()?;
    let problems: Vec<String> = v
        .problems
        .iter()
        .take(5)
        .map(|p| match p {
            VaultProblem::Missing { sha256 } => {
                format!("vault object {sha256}, recorded in the audit log, is missing")
            }
            VaultProblem::Mismatch { sha256, actual } => {
                format!("vault object {sha256} was altered (its bytes hash to {actual})")
            }
            VaultProblem::Unlogged { sha256 } => format!(
                "the database names vault object {sha256}, which no audit entry recorded: a hash was re-pointed outside culpa"
            ),
        })
        .collect();
    push(
        "vault",
        if problems.is_empty() {
            Ok(format!("{} vault objects match the audit log", v.objects))
        } else {
            let more = v.problems.len() - problems.len();
            let tail = if more > 0 {
                format!("; and {more} more")
            } else {
                String::new()
            };
            Err(format!(
                "{}{tail} — `culpa evidence verify` lists them all",
                problems.join("; ")
            ))
        },
    );
    Ok(Verification {
        checks,
        head: chain.head,
        entries: chain.entries,
    })
}

/// Every stored signature is the database key's, over a hash the chain holds at that
/// entry, and the head itself is signed — when the database has a key.
fn signatures(
    store: &Store,
    head: &(i64, String),
) -> Result<Result<String, String>, WorkflowError> {
    let public = public_key(store.path())?;
    let sigs = store.read(|tx| tx.head_signatures())?;
    let Some(public) = public else {
        return Ok(if sigs.is_empty() {
            Ok("not signed: the database has no key (a demo, or a database made by `culpa init` before keys)".into())
        } else {
            Err(format!(
                "{} signatures are stored but the public key {} is missing: restore it from the server's backup",
                sigs.len(),
                crate::store::Signer::public_path(store.path()).display()
            ))
        });
    };
    for s in &sigs {
        let entry = store.read(|tx| tx.audit_entry(s.seq))?;
        if entry.as_ref().map(|e| &e.hash) != Some(&s.hash) {
            return Ok(Err(format!(
                "the signature of entry {} is for a hash the chain does not hold there: the log was rewritten",
                s.seq
            )));
        }
        if s.key != public || !signature_valid(&public, s.seq, &s.hash, &s.sig) {
            return Ok(Err(format!(
                "the signature of entry {} is not the database key's: forged",
                s.seq
            )));
        }
    }
    let last = sigs.last().map_or(0, |s| s.seq);
    if head.0 > last {
        return Ok(Err(format!(
            "entries {} to {} are not signed: they were written without the service's key (around the service)",
            last + 1,
            head.0
        )));
    }
    Ok(Ok(format!(
        "the head (entry {}) is signed by the database key {}…",
        head.0,
        &public[..16.min(public.len())]
    )))
}
