//! `culpa admin setup | backup | restore | doctor`: the server's care, for root or the
//! service account only (everyone else is refused before anything is read). The server's
//! files are described by the config file (`--config`, else `/etc/culpa/config.toml`).
//!
//! - [`setup`](super::admin_setup): the account, the state directory, the database and its
//!   first admin, the signing key, the config, the systemd units. Idempotent.
//! - [`backup` and `restore`](super::admin_backup): SQLite's online backup API, each copy
//!   verified (integrity, audit, signatures, replay, vault), the newest N kept.
//! - [`doctor`]: every check with what to do about it.

use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};

use chrono::Datelike;
use nix::unistd::{User, getuid};

use super::admin_owner::{account, give_all};
use super::args::AdminCmd;
use super::{Ctx, Failure, out};
use crate::config::{Config, DEFAULT_CONFIG, ServiceConfig};
use crate::domain::calendar::Calendar;
use crate::store::{Signer, Store};
use crate::workflow::verify;

/// Run one `culpa admin` command.
pub fn run(ctx: &Ctx, cmd: AdminCmd, config: Option<&Path>) -> Result<i32, Failure> {
    let config_path = config
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from(DEFAULT_CONFIG));
    let cfg = load(&config_path)?;
    allowed(&cfg.service)?;
    match cmd {
        AdminCmd::Setup {
            admin,
            state_dir,
            socket,
            no_systemd,
            name,
            unit,
        } => super::admin_setup::setup(
            ctx,
            &config_path,
            cfg,
            super::admin_setup::Options {
                admin,
                state_dir,
                socket,
                no_systemd,
                name,
                unit,
            },
        ),
        AdminCmd::Backup { dest, keep } => {
            super::admin_backup::backup(ctx, &cfg.service, &dest, keep)
        }
        AdminCmd::Restore { src } => super::admin_backup::restore(ctx, &cfg.service, &src),
        AdminCmd::Doctor => doctor(ctx, &config_path, &cfg),
    }
}

/// The config at `path`, or the defaults if there is none yet.
pub(super) fn load(path: &Path) -> Result<Config, Failure> {
    Config::load(path)
        .map(Option::unwrap_or_default)
        .map_err(|e| Failure(format!("{e}; fix the file or name another with --config")))
}

/// Root, or the service account itself.
fn allowed(service: &ServiceConfig) -> Result<(), Failure> {
    let uid = getuid();
    if uid.is_root() {
        return Ok(());
    }
    let me = User::from_uid(uid)
        .ok()
        .flatten()
        .map_or_else(|| format!("uid {uid}"), |u| u.name);
    if me == service.account {
        return Ok(());
    }
    Err(Failure(format!(
        "culpa admin is for root or the service account {}; you are {me}. Investigators and \
         other staff use culpa itself (their roles decide what they may do); ask the server's \
         administrator, or run it with sudo",
        service.account
    )))
}

/// One finding of the doctor.
struct Finding {
    ok: bool,
    /// Not ok, but nothing is wrong yet (reported, exit 0).
    warn: bool,
    what: String,
    /// What to do, when not ok.
    todo: String,
}

fn finding(ok: bool, what: impl Into<String>, todo: impl Into<String>) -> Finding {
    Finding {
        ok,
        warn: false,
        what: what.into(),
        todo: todo.into(),
    }
}

/// Owner and mode of `path` against what they should be.
fn owned(service: &ServiceConfig, path: &Path, mode: u32, kind: &str) -> Finding {
    let Ok(meta) = std::fs::metadata(path) else {
        return finding(
            false,
            format!("{kind} {} is missing", path.display()),
            "run `culpa admin setup --admin LOGIN` (idempotent)",
        );
    };
    let want_uid = account(service).map(|(u, _)| u.as_raw());
    let actual = meta.permissions().mode() & 0o7777;
    let owner_ok = want_uid.is_none_or(|u| meta.uid() == u);
    if owner_ok && actual == mode {
        return finding(
            true,
            format!(
                "{kind} {}: owned by {}, mode {mode:04o}",
                path.display(),
                service.account
            ),
            "",
        );
    }
    finding(
        false,
        format!(
            "{kind} {}: owner uid {}, mode {actual:04o} (want {}, {mode:04o})",
            path.display(),
            meta.uid(),
            service.account
        ),
        format!(
            "chown {acc}:{acc} {p} && chmod {mode:o} {p}",
            acc = service.account,
            p = path.display()
        ),
    )
}

/// `culpa admin doctor`: every check, each with what to do; exit 1 if any failed.
fn doctor(ctx: &Ctx, config_path: &Path, cfg: &Config) -> Result<i32, Failure> {
    let s = &cfg.service;
    let mut found = Vec::new();
    found.push(finding(
        config_path.exists(),
        format!("config {}", config_path.display()),
        "run `culpa admin setup --admin LOGIN` to write it",
    ));
    found.push(finding(
        account(s).is_some(),
        format!("service account {}", s.account),
        "run `culpa admin setup --admin LOGIN` (creates it)",
    ));
    found.push(owned(s, &s.state_dir, 0o700, "state directory"));
    let db = s.db();
    found.push(owned(s, &db, 0o600, "database"));
    found.push(owned(s, &Signer::key_path(&db), 0o600, "signing key"));
    for side in ["-wal", "-shm"] {
        let mut p = db.as_os_str().to_os_string();
        p.push(side);
        let p = PathBuf::from(p);
        if p.exists() {
            found.push(owned(s, &p, 0o600, "database side file"));
        }
    }
    if db.exists() {
        match Store::open(&db) {
            Err(e) => found.push(finding(
                false,
                format!("database {}: {}", db.display(), e.message(ctx.lang)),
                "restore the last good backup: culpa admin restore FILE",
            )),
            Ok(store) => match verify::verify(&store, None) {
                Err(e) => found.push(finding(false, format!("verify: {e:?}"), "see the message")),
                Ok(v) => {
                    for c in &v.checks {
                        match &c.outcome {
                            Ok(m) => found.push(finding(true, format!("{}: {m}", c.name), "")),
                            Err(m) => found.push(finding(
                                false,
                                format!("{}: {m}", c.name),
                                "stop the service, keep the database as evidence, and restore the last backup that verifies (culpa admin restore)",
                            )),
                        }
                    }
                }
            },
        }
        give_all(s, &s.state_dir)?;
    }
    found.push(socket(&s.socket));
    let next = ctx.today.year() + 1;
    let covered = Calendar::builtin().covers(next);
    found.push(Finding {
        warn: true,
        ..finding(
        covered,
        if covered {
            format!("calendar: the State Council's holidays for {next} are known")
        } else {
            format!("calendar: no State Council holidays for {next} yet (deadlines in {next} would count plain weekends)")
        },
        format!(
            "when the State Council publishes the {next} notice, load it with --calendar {next}.json \
             (format of data/calendar/) or install a culpa that carries it"
        ),
    )
    });
    let mut lines = Vec::new();
    let mut bad = 0;
    for f in &found {
        if f.ok {
            lines.push(format!("ok    {}", f.what));
        } else if f.warn {
            lines.push(format!("WARN  {}\n      → {}", f.what, f.todo));
        } else {
            bad += 1;
            lines.push(format!("FAIL  {}\n      → {}", f.what, f.todo));
        }
    }
    out(&lines.join("\n"));
    if bad > 0 {
        return Err(Failure(format!(
            "doctor: {bad} problem(s); each is listed above with what to do"
        )));
    }
    Ok(0)
}

/// Whether the service answers on its socket.
fn socket(path: &Path) -> Finding {
    use std::os::unix::fs::FileTypeExt;
    match std::fs::metadata(path) {
        Err(_) => finding(
            false,
            format!(
                "socket {} is missing: the service is not running",
                path.display()
            ),
            "systemctl enable --now culpa.socket (or run `culpa serve` as root)",
        ),
        Ok(m) if !m.file_type().is_socket() => finding(
            false,
            format!("{} is not a socket", path.display()),
            "remove it and restart the service: systemctl restart culpa.socket",
        ),
        Ok(_) => match std::os::unix::net::UnixStream::connect(path) {
            Ok(_) => finding(
                true,
                format!("socket {}: the service answers", path.display()),
                "",
            ),
            Err(e) => finding(
                false,
                format!("socket {}: {e}", path.display()),
                "systemctl restart culpa.socket culpa.service; journalctl -u culpa says why it stopped",
            ),
        },
    }
}
