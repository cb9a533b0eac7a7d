//! The service account's ownership of its files (`culpa admin setup | backup | restore`):
//! what root makes in the state directory is given to the account, or the service would be
//! locked out of its own database.

use std::path::Path;

use nix::unistd::{Uid, User, getuid};

use super::Failure;
use crate::config::ServiceConfig;

/// The service account's uid and gid, if it exists.
pub(super) fn account(service: &ServiceConfig) -> Option<(Uid, nix::unistd::Gid)> {
    User::from_name(&service.account)
        .ok()
        .flatten()
        .map(|u| (u.uid, u.gid))
}

/// Give `path` to the service account (when run as root; the account itself owns what it
/// makes). Files root makes in the state directory — the database's `-wal` and `-shm`
/// above all — would otherwise lock the service out of its own database.
pub(super) fn give(service: &ServiceConfig, path: &Path) -> Result<(), Failure> {
    if !getuid().is_root() || !path.exists() {
        return Ok(());
    }
    let Some((uid, gid)) = account(service) else {
        return Ok(());
    };
    std::os::unix::fs::chown(path, Some(uid.as_raw()), Some(gid.as_raw())).map_err(|e| {
        Failure(format!(
            "cannot give {} to {}: {e}",
            path.display(),
            service.account
        ))
    })
}

/// [`give`] to the state directory and everything in it.
pub(super) fn give_all(service: &ServiceConfig, dir: &Path) -> Result<(), Failure> {
    give(service, dir)?;
    if dir.is_dir() {
        let entries = std::fs::read_dir(dir)
            .map_err(|e| Failure(format!("cannot read {}: {e}", dir.display())))?;
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() && !p.is_symlink() {
                give_all(service, &p)?;
            } else {
                give(service, &p)?;
            }
        }
    }
    Ok(())
}
