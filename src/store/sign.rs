//! The signed chain head: an Ed25519 key beside the database (`<db>.key`, mode 0600, readable
//! by the service account alone) signs the audit chain's head at every commit that moved it;
//! the signatures live in the database (`audit_sig`), the public half in `<db>.pub`.
//!
//! What this adds to the hash chain (see `audit.rs`): whoever can write the database but
//! cannot read the key — every account but the service's on a server set up by
//! `culpa admin setup` — cannot extend or rewrite the chain without leaving an unsigned head,
//! which `culpa audit verify` reports. Root can read the key; against root, keep the head
//! somewhere else and check it with `culpa audit verify --expect-head SEQ:HASH`.

use std::fs::{self, OpenOptions};
use std::io::Write;
use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};

use ed25519_dalek::{Signature, Signer as _, SigningKey, VerifyingKey};
use rusqlite::params;

use super::{StoreError, Tx};

/// The signing key of one database.
pub struct Signer {
    key: SigningKey,
}

/// `<db file name><suffix>` beside the database.
fn beside(db: &Path, suffix: &str) -> PathBuf {
    let mut name = db.file_name().map(|n| n.to_os_string()).unwrap_or_default();
    name.push(suffix);
    db.with_file_name(name)
}

/// The bytes a signature covers: a fixed label, the head's seq and hash.
fn message(seq: i64, hash: &str) -> Vec<u8> {
    format!("culpa audit head\n{seq}\n{hash}\n").into_bytes()
}

impl Signer {
    /// Where the private key of `db` lives (`<db>.key`).
    pub fn key_path(db: &Path) -> PathBuf {
        beside(db, ".key")
    }

    /// Where the public key of `db` lives (`<db>.pub`, world-readable).
    pub fn public_path(db: &Path) -> PathBuf {
        beside(db, ".pub")
    }

    /// Create the key pair of `db` (a seed from the OS's random source), the private file
    /// 0600 and written only if it does not exist yet. An existing key is loaded, not
    /// replaced: `culpa admin setup` may run again.
    pub fn create(db: &Path) -> Result<Signer, StoreError> {
        let path = Signer::key_path(db);
        if let Some(existing) = Signer::load(db)? {
            existing.write_public(db)?;
            return Ok(existing);
        }
        let mut seed = [0u8; 32];
        getrandom::fill(&mut seed)
            .map_err(|e| StoreError::Corrupt(format!("no random source for the key: {e}")))?;
        let signer = Signer {
            key: SigningKey::from_bytes(&seed),
        };
        let mut f = OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(&path)
            .map_err(|e| StoreError::io(&path, e))?;
        f.write_all(format!("{}\n", hex::encode(seed)).as_bytes())
            .and_then(|()| f.sync_all())
            .map_err(|e| StoreError::io(&path, e))?;
        signer.write_public(db)?;
        Ok(signer)
    }

    fn write_public(&self, db: &Path) -> Result<(), StoreError> {
        let path = Signer::public_path(db);
        fs::write(&path, format!("{}\n", self.public_hex()))
            .and_then(|()| fs::set_permissions(&path, fs::Permissions::from_mode(0o644)))
            .map_err(|e| StoreError::io(&path, e))
    }

    /// The key of `db`, if there is one this process can read. A key that exists but cannot
    /// be read (another account's) is `None`: such a process writes unsigned heads, which
    /// verification reports — that is the point.
    pub fn load(db: &Path) -> Result<Option<Signer>, StoreError> {
        let path = Signer::key_path(db);
        let text = match fs::read_to_string(&path) {
            Ok(t) => t,
            Err(e)
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::NotFound | std::io::ErrorKind::PermissionDenied
                ) =>
            {
                return Ok(None);
            }
            Err(e) => return Err(StoreError::io(&path, e)),
        };
        let seed: [u8; 32] = hex::decode(text.trim())
            .ok()
            .and_then(|b| b.try_into().ok())
            .ok_or_else(|| {
                StoreError::Corrupt(format!(
                    "{}: not an Ed25519 key (64 hex digits)",
                    path.display()
                ))
            })?;
        Ok(Some(Signer {
            key: SigningKey::from_bytes(&seed),
        }))
    }

    pub fn public_hex(&self) -> String {
        hex::encode(self.key.verifying_key().to_bytes())
    }

    fn sign(&self, seq: i64, hash: &str) -> String {
        hex::encode(self.key.sign(&message(seq, hash)).to_bytes())
    }
}

/// The public key of `db`: from `<db>.pub`, else derived from a readable `<db>.key`; None if
/// the database has no key (a demo, or one made before keys existed).
pub fn public_key(db: &Path) -> Result<Option<String>, StoreError> {
    let path = Signer::public_path(db);
    match fs::read_to_string(&path) {
        Ok(t) => return Ok(Some(t.trim().to_string())),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(StoreError::io(&path, e)),
    }
    Ok(Signer::load(db)?.map(|s| s.public_hex()))
}

/// Whether `sig` (hex) is `public`'s (hex) signature of the head (seq, hash).
pub fn signature_valid(public: &str, seq: i64, hash: &str, sig: &str) -> bool {
    let key = hex::decode(public)
        .ok()
        .and_then(|b| <[u8; 32]>::try_from(b).ok())
        .and_then(|b| VerifyingKey::from_bytes(&b).ok());
    let sig = hex::decode(sig)
        .ok()
        .and_then(|b| <[u8; 64]>::try_from(b).ok())
        .map(|b| Signature::from_bytes(&b));
    match (key, sig) {
        (Some(k), Some(s)) => k.verify_strict(&message(seq, hash), &s).is_ok(),
        _ => false,
    }
}

/// One stored signature.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeadSignature {
    pub seq: i64,
    pub hash: String,
    pub key: String,
    pub sig: String,
}

impl Tx<'_> {
    /// Sign the chain head if it moved since the last signature (called just before commit).
    pub(super) fn sign_head(&self, signer: &Signer) -> Result<(), StoreError> {
        let (seq, hash): (i64, String) = self
            .tx
            .prepare_cached("SELECT seq, hash FROM audit_head WHERE one = 1")?
            .query_row([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        let signed: i64 = self
            .tx
            .prepare_cached("SELECT coalesce(max(seq), 0) FROM audit_sig")?
            .query_row([], |r| r.get(0))?;
        if seq <= signed {
            return Ok(());
        }
        self.tx
            .prepare_cached("INSERT INTO audit_sig (seq, hash, key, sig) VALUES (?1, ?2, ?3, ?4)")?
            .execute(params![
                seq,
                hash,
                signer.public_hex(),
                signer.sign(seq, &hash)
            ])?;
        Ok(())
    }

    /// Every stored signature, oldest first.
    pub fn head_signatures(&self) -> Result<Vec<HeadSignature>, StoreError> {
        let mut stmt = self
            .tx
            .prepare("SELECT seq, hash, key, sig FROM audit_sig ORDER BY seq")?;
        let rows = stmt.query_map([], |r| {
            Ok(HeadSignature {
                seq: r.get(0)?,
                hash: r.get(1)?,
                key: r.get(2)?,
                sig: r.get(3)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_signature_checks_only_for_its_head_and_key() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("t.db");
        let s = Signer::create(&db).unwrap();
        let mode = fs::metadata(Signer::key_path(&db))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
        let public = public_key(&db).unwrap().unwrap();
        assert_eq!(public, s.public_hex());
        let sig = s.sign(3, "ab");
        assert!(signature_valid(&public, 3, "ab", &sig));
        assert!(!signature_valid(&public, 4, "ab", &sig));
        assert!(!signature_valid(&public, 3, "ac", &sig));
        let other = Signer::create(&dir.path().join("u.db")).unwrap();
        assert!(!signature_valid(&other.public_hex(), 3, "ab", &sig));
        // Created again: the same key, not a new one.
        assert_eq!(Signer::create(&db).unwrap().public_hex(), public);
    }
}
