//! Where the database is and how a command opens it: the path (`--db`, `$CULPA_DB`, the user's
//! config file, the data directory), the session, and the translation of workflow and store
//! errors into the message a user reads. Every subcommand module uses these; none of them
//! imports the router (`db.rs`), so the dependency runs one way: `db` → subcommands → `open`.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::{Ctx, Failure, read_text};
use crate::config::{Target, discover_server};
use crate::domain::Directory;
use crate::i18n::cli as t;
use crate::service::{Client, ClientOptions};
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

/// Where the records are: `--db` always means direct mode; else the service at
/// `$CULPA_SERVER`; else `$CULPA_DB` (direct); else the service named by `server` in the
/// config file (`--config`, else /etc/culpa/config.toml); else the user's own database.
pub fn resolve_target(
    flag: Option<&Path>,
    config: Option<&Path>,
    lang: crate::i18n::Lang,
) -> Result<Target, Failure> {
    if let Some(p) = flag {
        return Ok(Target::Direct(p.to_path_buf()));
    }
    let env_server = std::env::var_os("CULPA_SERVER").filter(|v| !v.is_empty());
    if env_server.is_none()
        && let Some(p) = explicit_db(None)
    {
        return Ok(Target::Direct(p));
    }
    match discover_server(config).map_err(|e| Failure(e.to_string()))? {
        Some(socket) => Ok(Target::Served(socket)),
        None => resolve_db(None, lang).map(Target::Direct),
    }
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

/// Open a database file (direct mode), with `--calendar` applied over its calendar.
pub(crate) fn open(ctx: &Ctx, db: &Path, as_login: Option<&str>) -> Result<Session, Failure> {
    let mut session = Session::open(db, as_login).map_err(|e| wf(e, &Directory::default(), ctx))?;
    let cal = super::calendar(session.calendar().clone(), &ctx.calendar_files, ctx.lang)?;
    session.set_calendar(cal);
    Ok(session)
}

/// Connect to the service (served mode): who we are is the kernel's word; `--as`,
/// `--today` and the `--calendar` files travel in the handshake for the service to judge.
pub(crate) fn connect(
    ctx: &Ctx,
    socket: &Path,
    as_login: Option<&str>,
    today: Option<chrono::NaiveDate>,
) -> Result<Client, Failure> {
    let calendars = ctx
        .calendar_files
        .iter()
        .map(|f| read_text(f, ctx.lang))
        .collect::<Result<Vec<_>, _>>()?;
    let opts = ClientOptions {
        lang: ctx.lang,
        as_login: as_login.map(str::to_string),
        today,
        calendars,
        calendar: ctx.cal.clone(),
    };
    Client::connect(socket, opts).map_err(|e| wf(e, &Directory::default(), ctx))
}

/// The records behind the command line's seam: a session or the service's client.
pub(crate) fn backend(
    ctx: &Ctx,
    target: &Target,
    as_login: Option<&str>,
    today: Option<chrono::NaiveDate>,
) -> Result<Box<dyn crate::ui::backend::Backend>, Failure> {
    Ok(match target {
        Target::Direct(db) => Box::new(open(ctx, db, as_login)?),
        Target::Served(socket) => Box::new(connect(ctx, socket, as_login, today)?),
    })
}

/// No subcommand: the workbench, on the database or through the service.
pub fn workbench(
    ctx: &Ctx,
    target: &Target,
    as_login: Option<&str>,
    today: Option<chrono::NaiveDate>,
) -> Result<i32, Failure> {
    Ok(match target {
        Target::Direct(db) => crate::ui::run(
            open(ctx, db, as_login)?,
            ctx.lang,
            ctx.today,
            ctx.ascii,
            ctx.mouse,
        ),
        Target::Served(socket) => {
            let client = connect(ctx, socket, as_login, today)?;
            // Issue 7: the service dates every write; without `--today` the workbench works
            // on the service's day (its forms prefill that date), not this machine's.
            let day = match today {
                Some(_) => ctx.today,
                None => client.service_today(),
            };
            crate::ui::run(client, ctx.lang, day, ctx.ascii, ctx.mouse)
        }
    })
}

/// Whether the workbench may take over the terminal.
pub(crate) fn interactive() -> bool {
    std::io::stdout().is_terminal() && std::io::stdin().is_terminal()
}
