//! `culpa admin backup DEST [--keep N]` and `culpa admin restore SRC`.
//!
//! A backup is `DEST/culpa-YYYYMMDDTHHMMSSZ.db` (SQLite's online backup API, while clients
//! write), its public key (`.db.pub`) and its vault (`.db.vault/`, objects hard-linked to the
//! live ones where the filesystem allows, else copied). Each copy is verified as
//! `culpa audit verify` would — integrity, triggers, chain, signatures, replay, vault —
//! before it counts; a copy that fails is removed and the backup exits 1. Then only the
//! newest N copies are kept.

use std::path::{Path, PathBuf};

use super::admin_owner::{give, give_all};
use super::open::st;
use super::{Ctx, Failure, out};
use crate::config::ServiceConfig;
use crate::store::{Signer, Store, copy_database};
use crate::workflow::verify;

const PREFIX: &str = "culpa-";

/// `<db>.vault` of a database path.
fn vault_of(db: &Path) -> PathBuf {
    let mut name = db.as_os_str().to_os_string();
    name.push(".vault");
    PathBuf::from(name)
}

/// Every file belonging to the backup `db` (the database, its key, side files, vault).
fn remove_copy(db: &Path) {
    let _ = std::fs::remove_dir_all(vault_of(db));
    for suffix in ["", ".pub", "-wal", "-shm", "-journal"] {
        let mut p = db.as_os_str().to_os_string();
        p.push(suffix);
        let _ = std::fs::remove_file(PathBuf::from(p));
    }
}

/// Copy every object of the vault `from` into the vault `to` that is not there yet.
fn copy_vault(from: &Path, to: &Path) -> Result<u64, Failure> {
    let objects = from.join("objects");
    if !objects.is_dir() {
        return Ok(0);
    }
    let cannot = |p: &Path, e: std::io::Error| Failure(format!("cannot copy {}: {e}", p.display()));
    let mut n = 0;
    for fan in std::fs::read_dir(&objects)
        .map_err(|e| cannot(&objects, e))?
        .flatten()
    {
        let target_dir = to.join("objects").join(fan.file_name());
        std::fs::create_dir_all(&target_dir).map_err(|e| cannot(&target_dir, e))?;
        for obj in std::fs::read_dir(fan.path())
            .map_err(|e| cannot(&fan.path(), e))?
            .flatten()
        {
            let target = target_dir.join(obj.file_name());
            if target.exists() {
                continue;
            }
            // Objects never change once written (content-addressed, read-only), so a hard link
            // is as good as a copy and costs nothing.
            if std::fs::hard_link(obj.path(), &target).is_err() {
                std::fs::copy(obj.path(), &target).map_err(|e| cannot(&obj.path(), e))?;
            }
            n += 1;
        }
    }
    Ok(n)
}

/// Verify the database at `db` with the public key `public` (copied beside it).
fn verify_copy(ctx: &Ctx, db: &Path) -> Result<verify::Verification, Failure> {
    let store = Store::open(db).map_err(|e| st(e, ctx))?;
    verify::verify(&store, None).map_err(|e| Failure(format!("{e:?}")))
}

fn problems(v: &verify::Verification) -> Option<String> {
    let bad: Vec<String> = v
        .checks
        .iter()
        .filter_map(|c| c.outcome.as_ref().err().map(|m| format!("{}: {m}", c.name)))
        .collect();
    (!bad.is_empty()).then(|| bad.join("\n  "))
}

pub fn backup(
    ctx: &Ctx,
    s: &ServiceConfig,
    dest: &Path,
    keep: Option<u32>,
) -> Result<i32, Failure> {
    let keep = keep.unwrap_or(s.backup_keep).max(1);
    let db = s.db();
    let live = Store::open(&db).map_err(|e| st(e, ctx))?;
    if !dest.exists() {
        use std::os::unix::fs::PermissionsExt;
        std::fs::create_dir_all(dest)
            .and_then(|()| std::fs::set_permissions(dest, std::fs::Permissions::from_mode(0o700)))
            .map_err(|e| Failure(format!("cannot create {}: {e}", dest.display())))?;
    }
    let stamp = chrono::Utc::now().format("%Y%m%dT%H%M%SZ");
    let copy = dest.join(format!("{PREFIX}{stamp}.db"));
    if copy.exists() {
        return Err(Failure(format!(
            "{} already exists (one backup a second at most); try again",
            copy.display()
        )));
    }
    let result = (|| {
        live.backup_to(&copy).map_err(|e| st(e, ctx))?;
        if let Ok(Some(public)) = crate::store::public_key(&db) {
            std::fs::write(Signer::public_path(&copy), format!("{public}\n"))
                .map_err(|e| Failure(format!("cannot write the key beside the copy: {e}")))?;
        }
        let objects = copy_vault(&live.vault_dir(), &vault_of(&copy))?;
        let v = verify_copy(ctx, &copy)?;
        if let Some(p) = problems(&v) {
            return Err(Failure(format!(
                "the copy {} does not verify, so it was removed:\n  {p}",
                copy.display()
            )));
        }
        Ok((v, objects))
    })();
    let (v, objects) = match result {
        Ok(r) => r,
        Err(e) => {
            remove_copy(&copy);
            return Err(e);
        }
    };
    drop(live);
    give_all(s, &s.state_dir)?;
    // The newest `keep` copies stay.
    let mut copies: Vec<PathBuf> = std::fs::read_dir(dest)
        .map_err(|e| Failure(format!("cannot read {}: {e}", dest.display())))?
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with(PREFIX) && n.ends_with(".db") && !n.contains(".tmp"))
        })
        .collect();
    copies.sort();
    let removed = copies.len().saturating_sub(keep as usize);
    for old in &copies[..removed] {
        remove_copy(old);
    }
    let (seq, hash) = &v.head;
    out(&format!(
        "backup {} written and verified: {} audit entries, head {seq}:{hash}, {objects} vault objects; {} kept in {}, {removed} older removed",
        copy.display(),
        v.entries,
        copies.len() - removed,
        dest.display()
    ));
    Ok(0)
}

/// Whether the service answers on its socket (then the database must not be replaced).
fn service_running(s: &ServiceConfig) -> bool {
    std::os::unix::net::UnixStream::connect(&s.socket).is_ok()
}

pub fn restore(ctx: &Ctx, s: &ServiceConfig, src: &Path) -> Result<i32, Failure> {
    if !src.is_file() || std::fs::metadata(src).map_or(0, |m| m.len()) == 0 {
        return Err(Failure(format!(
            "{} is not a backup file (culpa-YYYYMMDDTHHMMSSZ.db, as `culpa admin backup` writes)",
            src.display()
        )));
    }
    if service_running(s) {
        return Err(Failure(format!(
            "the service answers on {}: stop it first (systemctl stop culpa.socket culpa.service), then restore",
            s.socket.display()
        )));
    }
    // The backup must verify before it replaces anything, and hold a record.
    let v = verify_copy(ctx, src)?;
    if v.entries == 0 {
        return Err(Failure(format!(
            "{} holds no audit entries: not a culpa backup; nothing was changed",
            src.display()
        )));
    }
    if let Some(p) = problems(&v) {
        return Err(Failure(format!(
            "{} does not verify; nothing was changed:\n  {p}",
            src.display()
        )));
    }
    let db = s.db();
    std::fs::create_dir_all(&s.state_dir)
        .map_err(|e| Failure(format!("cannot create {}: {e}", s.state_dir.display())))?;
    let staged = s
        .state_dir
        .join(format!(".restore-{}.db", std::process::id()));
    remove_copy(&staged);
    copy_database(src, &staged).map_err(|e| st(e, ctx))?;
    // The database it replaces is kept beside it, never deleted: it is evidence too.
    let stamp = chrono::Utc::now().format("%Y%m%dT%H%M%SZ");
    let kept = s.state_dir.join(format!("culpa.db.replaced-{stamp}"));
    if db.exists() {
        std::fs::rename(&db, &kept)
            .map_err(|e| Failure(format!("cannot move {} aside: {e}", db.display())))?;
        for side in ["-wal", "-shm"] {
            let mut p = db.as_os_str().to_os_string();
            p.push(side);
            let mut q = kept.as_os_str().to_os_string();
            q.push(side);
            let _ = std::fs::rename(PathBuf::from(p), PathBuf::from(q));
        }
    }
    std::fs::rename(&staged, &db)
        .map_err(|e| Failure(format!("cannot put the restored database in place: {e}")))?;
    let objects = copy_vault(&vault_of(src), &vault_of(&db))?;
    give_all(s, &s.state_dir)?;
    give(s, &db)?;
    let store = Store::open(&db).map_err(|e| st(e, ctx))?;
    let after = verify::verify(&store, None).map_err(|e| Failure(format!("{e:?}")))?;
    drop(store);
    give_all(s, &s.state_dir)?;
    if let Some(p) = problems(&after) {
        return Err(Failure(format!(
            "restored, but the result does not verify:\n  {p}"
        )));
    }
    let (seq, hash) = &after.head;
    out(&format!(
        "restored {} from {}: {} audit entries, head {seq}:{hash}, {objects} vault objects added{}. Start the service again: systemctl start culpa.socket",
        db.display(),
        src.display(),
        after.entries,
        if kept.exists() {
            format!("; the database it replaced is kept as {}", kept.display())
        } else {
            String::new()
        }
    ));
    Ok(0)
}
