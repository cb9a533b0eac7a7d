//! `culpa admin setup --admin LOGIN [--state-dir DIR] [--socket PATH] [--config PATH]
//! [--no-systemd]`: everything a server needs, each step done only if it is not done yet,
//! so running it again changes nothing (and says so).
//!
//! 1. the service account (`useradd --system`) if missing;
//! 2. the state directory, 0700, owned by the account; the backup directory likewise;
//! 3. the signing key (`culpa.db.key`, 0600) and, in a fresh database, LOGIN as first admin;
//! 4. the config file (`server`, `[service]`);
//! 5. without `--no-systemd`: the units in `/etc/systemd/system`, enabled and started.

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::Command;

use nix::unistd::getuid;

use super::admin_owner::{account, give, give_all};
use super::db::{admin_account, create_real};
use super::open::{st, wf};
use super::{Ctx, Failure, out};
use crate::config::Config;
use crate::domain::Directory;
use crate::domain::model::Role;
use crate::store::{Signer, Store};
use crate::workflow::Session;

/// The flags of `setup`.
pub struct Options {
    pub admin: String,
    pub state_dir: Option<PathBuf>,
    pub socket: Option<PathBuf>,
    pub no_systemd: bool,
    pub name: Option<String>,
    pub unit: String,
}

/// The units, as shipped in the .deb (`pkg/systemd/`); setup writes them with this server's
/// paths.
const UNITS: [(&str, &str); 4] = [
    (
        "culpa.service",
        include_str!("../../pkg/systemd/culpa.service"),
    ),
    (
        "culpa.socket",
        include_str!("../../pkg/systemd/culpa.socket"),
    ),
    (
        "culpa-backup.service",
        include_str!("../../pkg/systemd/culpa-backup.service"),
    ),
    (
        "culpa-backup.timer",
        include_str!("../../pkg/systemd/culpa-backup.timer"),
    ),
];

fn fail(what: &str, path: &Path, e: impl std::fmt::Display) -> Failure {
    Failure(format!("{what} {}: {e}", path.display()))
}

pub fn setup(ctx: &Ctx, config_path: &Path, mut cfg: Config, o: Options) -> Result<i32, Failure> {
    if !getuid().is_root() {
        return Err(Failure(
            "culpa admin setup creates an account and system directories: run it as root (sudo)"
                .into(),
        ));
    }
    let login = admin_account(ctx, &o.admin)?;
    if let Some(d) = o.state_dir {
        cfg.service.state_dir = d;
    }
    if let Some(s) = o.socket {
        cfg.service.socket = s;
    }
    cfg.server = Some(cfg.service.socket.clone());
    let s = cfg.service.clone();
    let mut said = Vec::new();

    // 1. The account.
    if account(&s).is_none() {
        run(Command::new("useradd").args([
            "--system",
            "--user-group",
            "--home-dir",
            &s.state_dir.display().to_string(),
            "--no-create-home",
            "--shell",
            "/usr/sbin/nologin",
            "--comment",
            "culpa records service",
            &s.account,
        ]))?;
        said.push(format!("created the system account {}", s.account));
    } else {
        said.push(format!("account {} already exists", s.account));
    }

    // 2. Directories, 0700, the account's.
    for (dir, what) in [
        (&s.state_dir, "state directory"),
        (&s.backup_dir, "backup directory"),
    ] {
        let new = !dir.exists();
        std::fs::create_dir_all(dir).map_err(|e| fail("cannot create", dir, e))?;
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700))
            .map_err(|e| fail("cannot set the mode of", dir, e))?;
        give(&s, dir)?;
        said.push(format!(
            "{what} {} {} (0700, {})",
            dir.display(),
            if new { "created" } else { "kept" },
            s.account
        ));
    }
    if let Some(parent) = s.socket.parent() {
        if !parent.exists() {
            std::fs::create_dir_all(parent).map_err(|e| fail("cannot create", parent, e))?;
            std::fs::set_permissions(parent, std::fs::Permissions::from_mode(0o755))
                .map_err(|e| fail("cannot set the mode of", parent, e))?;
        }
        give(&s, parent)?;
    }

    // 3. Key and database. The key first, so the first entry is already signed.
    let db = s.db();
    let fresh = match Store::open(&db) {
        Err(_) if !db.exists() => true,
        Err(e) => return Err(st(e, ctx)),
        Ok(store) => store
            .read(|tx| tx.people())
            .map_err(|e| st(e, ctx))?
            .is_empty(),
    };
    if fresh {
        create_real(ctx, &db)?;
    }
    let had_key = Signer::key_path(&db).exists();
    let key = Signer::create(&db).map_err(|e| st(e, ctx))?;
    said.push(format!(
        "signing key {} {} (public {}…)",
        Signer::key_path(&db).display(),
        if had_key { "kept" } else { "created" },
        &key.public_hex()[..16]
    ));
    if fresh {
        let name = o.name.unwrap_or_else(|| login.clone());
        Session::first_admin(&db, &login, &name, &o.unit)
            .map_err(|e| wf(e, &Directory::default(), ctx))?;
        said.push(format!(
            "database {} created; {login} is its first admin",
            db.display()
        ));
    } else {
        let store = Store::open(&db).map_err(|e| st(e, ctx))?;
        let dir = store.read(|tx| tx.directory()).map_err(|e| st(e, ctx))?;
        let is_admin = dir.person(&login).is_some_and(|p| p.has(Role::Admin));
        said.push(if is_admin {
            format!("database {} kept; {login} is an admin of it", db.display())
        } else {
            format!(
                "database {} kept, unchanged; NOTE: {login} is not an admin of it (its admins: {}) — an admin adds people with `culpa user add`",
                db.display(),
                crate::workflow::identity::admins(&dir).join(", ")
            )
        });
    }
    // The database is the service's alone (the directory's 0700 says so too).
    std::fs::set_permissions(&db, std::fs::Permissions::from_mode(0o600))
        .map_err(|e| fail("cannot set the mode of", &db, e))?;
    give_all(&s, &s.state_dir)?;

    // 4. The config.
    let text = cfg.to_toml();
    let current = std::fs::read_to_string(config_path).ok();
    if current.as_deref() == Some(text.as_str()) {
        said.push(format!("config {} kept", config_path.display()));
    } else {
        if let Some(parent) = config_path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| fail("cannot create", parent, e))?;
        }
        write_file(config_path, &text, 0o644)?;
        said.push(format!(
            "config {} {}",
            config_path.display(),
            if current.is_some() {
                "updated"
            } else {
                "written"
            }
        ));
    }

    // 5. systemd.
    if o.no_systemd {
        said.push(format!(
            "systemd units not installed (--no-systemd): start the service with `culpa serve --config {}` as root",
            config_path.display()
        ));
    } else {
        units(&cfg, config_path, &mut said)?;
    }
    out(&said.join("\n"));
    Ok(0)
}

/// The units with this server's paths, in /etc/systemd/system, enabled and started.
fn units(cfg: &Config, config_path: &Path, said: &mut Vec<String>) -> Result<(), Failure> {
    let systemctl_ok = Command::new("systemctl")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !systemctl_ok || !Path::new("/run/systemd/system").exists() {
        return Err(Failure(
            "systemd is not running here: run setup again with --no-systemd and start \
             `culpa serve` yourself (it binds as root, then runs as the service account)"
                .into(),
        ));
    }
    let exe = std::env::current_exe()
        .map(|p| p.display().to_string())
        .unwrap_or_else(|_| "/usr/bin/culpa".into());
    let s = &cfg.service;
    let dir = Path::new("/etc/systemd/system");
    for (name, text) in UNITS {
        let text = text
            .replace("/usr/bin/culpa", &exe)
            .replace("/etc/culpa/config.toml", &config_path.display().to_string())
            .replace("/var/lib/culpa", &s.state_dir.display().to_string())
            .replace("/var/backups/culpa", &s.backup_dir.display().to_string())
            .replace("/run/culpa/culpa.sock", &s.socket.display().to_string())
            .replace("User=culpa", &format!("User={}", s.account))
            .replace("Group=culpa", &format!("Group={}", s.account))
            .replace("SocketUser=culpa", &format!("SocketUser={}", s.account))
            .replace("SocketGroup=culpa", &format!("SocketGroup={}", s.account))
            .replace("--keep 14", &format!("--keep {}", s.backup_keep));
        let path = dir.join(name);
        if std::fs::read_to_string(&path).ok().as_deref() != Some(text.as_str()) {
            write_file(&path, &text, 0o644)?;
            said.push(format!("unit {} written", path.display()));
        }
    }
    run(Command::new("systemctl").arg("daemon-reload"))?;
    run(Command::new("systemctl").args(["enable", "--now", "culpa.socket", "culpa-backup.timer"]))?;
    said.push("culpa.socket and culpa-backup.timer enabled and started".into());
    Ok(())
}

/// Write `text` to `path` atomically with `mode`.
fn write_file(path: &Path, text: &str, mode: u32) -> Result<(), Failure> {
    let mut tmp = path.as_os_str().to_os_string();
    tmp.push(".tmp");
    let tmp = PathBuf::from(tmp);
    std::fs::write(&tmp, text)
        .and_then(|()| std::fs::set_permissions(&tmp, std::fs::Permissions::from_mode(mode)))
        .and_then(|()| std::fs::rename(&tmp, path))
        .map_err(|e| {
            let _ = std::fs::remove_file(&tmp);
            fail("cannot write", path, e)
        })
}

/// Run a system command; its stderr in the failure.
fn run(cmd: &mut Command) -> Result<(), Failure> {
    let shown = format!("{cmd:?}");
    let o = cmd
        .output()
        .map_err(|e| Failure(format!("cannot run {shown}: {e}")))?;
    if o.status.success() {
        Ok(())
    } else {
        Err(Failure(format!(
            "{shown} failed: {}",
            String::from_utf8_lossy(&o.stderr).trim()
        )))
    }
}
