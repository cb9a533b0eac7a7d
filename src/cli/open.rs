//! Where the database is and how a command opens it: the path (`--db`, `$CULPA_DB`, the user's
//! config file, the data directory), the session, and the translation of workflow and store
//! errors into the message a user reads. Every subcommand module uses these; none of them
//! imports the router (`db.rs`), so the dependency runs one way: `db` → subcommands → `open`.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::{Ctx, Failure, read_text};
use crate::domain::Directory;
use crate::i18n::cli as t;
use crate::store::StoreError;
use crate::workflow::{Session, WorkflowError};

#[derive(Debug, Deserialize)]
struct Config {
    db: Option<PathBuf>,
}

/// `--db`, else `$CULPA_DB`, else `db = "…"` in `<config dir>/culpa/config.toml`, else
/// `<data dir>/culpa/culpa.db`.
pub fn resolve_db(flag: Option<&Path>, lang: crate::i18n::Lang) -> Result<PathBuf, Failure> {
    if let Some(p) = explicit_db(flag) {
        return Ok(p);
    }
    let base = directories::BaseDirs::new().ok_or_else(|| Failure(t::no_database_path(lang)))?;
    let config = base.config_dir().join("culpa").join("config.toml");
    if config.exists() {
        let text = read_text(&config, lang)?;
        let cfg: Config = toml::from_str(&text).map_err(|e| {
            Failure(t::bad_config(
                &config.display().to_string(),
                &e.to_string(),
                lang,
            ))
        })?;
        if let Some(db) = cfg.db {
            return Ok(db);
        }
    }
    Ok(base.data_dir().join("culpa").join("culpa.db"))
}

/// `--db`, else `$CULPA_DB` (non-empty).
pub(crate) fn explicit_db(flag: Option<&Path>) -> Option<PathBuf> {
    flag.map(Path::to_path_buf).or_else(|| {
        std::env::var_os("CULPA_DB")
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
    })
}

pub(crate) fn wf(e: WorkflowError, dir: &Directory, ctx: &Ctx) -> Failure {
    Failure(e.message(dir, ctx.lang))
}

pub(crate) fn st(e: StoreError, ctx: &Ctx) -> Failure {
    Failure(e.message(ctx.lang))
}

pub(crate) fn open(ctx: &Ctx, db: &Path, as_login: Option<&str>) -> Result<Session, Failure> {
    Session::open(db, as_login).map_err(|e| wf(e, &Directory::default(), ctx))
}

/// No subcommand: the workbench.
pub fn workbench(ctx: &Ctx, db: &Path, as_login: Option<&str>) -> Result<i32, Failure> {
    let mut session = open(ctx, db, as_login)?;
    session.set_calendar(super::calendar(
        session.calendar().clone(),
        &ctx.calendar_files,
        ctx.lang,
    )?);
    Ok(crate::ui::run(session, ctx.lang, ctx.today, ctx.ascii))
}

/// Whether the workbench may take over the terminal.
pub(crate) fn interactive() -> bool {
    std::io::stdout().is_terminal() && std::io::stdin().is_terminal()
}
