//! The subcommands. Human-readable text by default, `--json` exactly as bundle-v1.md
//! ("What the command line answers", "Without a database").
//!
//! Exit codes: 0 answered, 1 bad input or a refusal (message on stderr, naming what was wrong
//! and what to do), 2 bad usage (clap's own). This module is the only place the clock is read
//! (`--today` defaults to the system date).

mod admin;
mod admin_backup;
mod admin_owner;
mod admin_setup;
mod apply;
mod args;
mod ask;
mod db;
mod deadlines_json;
mod demo;
mod escape;
mod file;
mod import;
mod input;
mod open;
mod records;
mod search;
mod show;
mod table;

use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use clap::Parser;

pub use apply::parse_commands;
pub use args::{AuditCmd, Cli, Cmd, EvidenceCmd, UserCmd};

use crate::domain::calendar::{Calendar, Uncovered};
use crate::i18n::Lang;
use crate::i18n::cli as t;

/// A refusal or bad input: the message for stderr, exit code 1.
#[derive(Debug)]
pub struct Failure(pub String);

impl<T: Into<String>> From<T> for Failure {
    fn from(s: T) -> Self {
        Failure(s.into())
    }
}

/// What every command needs: language, today, the calendar, output form.
#[derive(Clone)]
pub struct Ctx {
    pub lang: Lang,
    pub today: NaiveDate,
    /// The built-in calendar with the `--calendar` files applied.
    pub cal: Calendar,
    /// The `--calendar` files, to apply over a database's own calendar too.
    pub calendar_files: Vec<PathBuf>,
    pub json: bool,
    pub ascii: bool,
    /// The workbench asks for mouse reports (not with `--no-mouse`).
    pub mouse: bool,
}

impl Ctx {
    /// Uncovered years go to stderr as warnings (the JSON object forms also carry them).
    pub fn warn(&self, uncovered: &Uncovered) {
        for y in uncovered {
            eprintln!("{}", t::warn_uncovered(*y, self.lang));
        }
    }

    /// Warnings as a JSON array for object outputs, or `None` when there are none (the
    /// documented output then stays exactly as bundle-v1.md shows it).
    pub fn warnings_json(&self, uncovered: &Uncovered) -> Option<serde_json::Value> {
        if uncovered.is_empty() {
            return None;
        }
        Some(
            uncovered
                .iter()
                .map(|y| serde_json::Value::String(t::warn_uncovered(*y, self.lang)))
                .collect(),
        )
    }
}

/// Print text to stdout, control and bidi characters escaped ([`escape`]). A closed pipe
/// (`culpa export | head -c1`) ends the process quietly with status 0: the reader has all
/// it wanted, and the rest would only be an EPIPE per line.
pub(crate) fn out(text: &str) {
    write_out(&escape::for_terminal(text));
}

/// Print JSON text (already serialized) to stdout, escaped as JSON.
pub(crate) fn out_json_text(text: &str) {
    write_out(&escape::json(text));
}

pub(crate) fn out_json(v: &serde_json::Value) {
    out_json_text(&serde_json::to_string_pretty(v).unwrap_or_default());
}

fn write_out(text: &str) {
    let mut stdout = std::io::stdout().lock();
    let mut written = stdout.write_all(text.as_bytes());
    if written.is_ok() && !text.ends_with('\n') {
        written = stdout.write_all(b"\n");
    }
    if let Err(e) = written.and_then(|()| stdout.flush()) {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            std::process::exit(0);
        }
        eprintln!("culpa: cannot write the output: {e}");
        std::process::exit(1);
    }
}

/// A bundle, command or config file: bounded, UTF-8, a leading BOM accepted ([`input`]).
pub(crate) fn read_text(path: &Path, lang: Lang) -> Result<String, Failure> {
    input::read_file(path, input::BUNDLE_LIMIT, lang)
}

/// `base` with each `--calendar FILE` replacing its year, in order (the last file for a year
/// wins).
pub(crate) fn calendar(base: Calendar, files: &[PathBuf], lang: Lang) -> Result<Calendar, Failure> {
    let mut cal = base;
    for f in files {
        let text = input::read_file(f, input::CALENDAR_LIMIT, lang)?;
        cal.load_json(&text).map_err(|e| {
            Failure(t::bad_calendar(
                &f.display().to_string(),
                &e.to_string(),
                lang,
            ))
        })?;
    }
    Ok(cal)
}

/// `culpa serve [--config PATH]`: the service, in the foreground.
fn serve(ctx: &Ctx, config: Option<&Path>) -> Result<i32, Failure> {
    let path = config.unwrap_or(Path::new(crate::config::DEFAULT_CONFIG));
    let cfg = crate::config::Config::load(path)
        .map_err(|e| Failure(e.to_string()))?
        .ok_or_else(|| {
            Failure(t::cannot_read(
                &path.display().to_string(),
                "no such file",
                ctx.lang,
            ))
        })?;
    crate::service::serve(&cfg).map_err(|e| Failure(e.to_string()))?;
    Ok(0)
}

/// Parse arguments, run, and return the process exit code.
pub fn main() -> i32 {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return e.exit_code();
        }
    };
    run(cli)
}

/// Run parsed arguments; returns the exit code.
pub fn run(cli: Cli) -> i32 {
    let lang = Lang::detect(cli.lang.as_deref());
    match dispatch(cli, lang) {
        Ok(code) => code,
        Err(Failure(msg)) => {
            eprintln!("culpa: {}", escape::for_terminal(&msg));
            1
        }
    }
}

fn dispatch(cli: Cli, lang: Lang) -> Result<i32, Failure> {
    // The one place the clock is read.
    let today = cli
        .today
        .unwrap_or_else(|| chrono::Local::now().date_naive());
    let ctx = Ctx {
        lang,
        today,
        cal: calendar(Calendar::builtin(), &cli.calendars, lang)?,
        calendar_files: cli.calendars.clone(),
        json: cli.json,
        ascii: cli.ascii,
        mouse: !cli.no_mouse,
    };
    let target = || open::resolve_target(cli.db.as_deref(), cli.config.as_deref(), lang);
    let as_login = cli.as_login.as_deref();
    let done = match cli.command {
        Some(Cmd::Due {
            from,
            working_days,
            days,
        }) => file::due(&ctx, from, working_days, days),
        Some(Cmd::Liability {
            file: Some(f),
            case: _,
        }) => file::liability(&ctx, &f),
        Some(Cmd::Check {
            file: Some(f),
            case: _,
        }) => file::check(&ctx, &f),
        Some(Cmd::Deadlines {
            file: Some(f),
            mine: _,
        }) => file::deadlines(&ctx, &f),
        // The server's care: no user database, its own config.
        Some(Cmd::Admin(cmd)) => return admin::run(&ctx, cmd, cli.config.as_deref()),
        // The demo has its own default path, apart from the real database.
        Some(Cmd::Demo { cases, no_open }) => {
            let path = demo::demo_path(cli.db.as_deref(), &ctx)?;
            return demo::demo(&ctx, &path, cases, no_open, as_login);
        }
        Some(Cmd::Serve) => return serve(&ctx, cli.config.as_deref()),
        Some(cmd) => return db::run(&ctx, cmd, &target()?, as_login, cli.today),
        None => return open::workbench(&ctx, &target()?, as_login, cli.today),
    };
    done.map(|()| 0)
}
