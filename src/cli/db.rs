//! The database subcommands, through `crate::workflow::Session` (the only door to the record).
//! Reads that the workflow has no door for (the whole audit chain, the vault, every case's
//! decisions for Art. 8(3)) go to the store directly, after the session has established who
//! is asking.
//!
//! This module routes to the subcommand modules (`records`, `ask`, `apply`); they and this
//! one share the opening helpers of [`super::open`], so no subcommand imports its router.

use std::path::Path;

use super::args::{AuditCmd, Cmd, EvidenceCmd, UserCmd};
use super::open::{backend, st, wf};
use super::{Ctx, Failure, out, out_json, table};
use crate::config::Target;
use crate::domain::Directory;
use crate::domain::model::{Person, Role};
use crate::i18n::cli as t;
use crate::i18n::cli_db as td;
use crate::store::{Store, StoreError};
use crate::ui::backend::Backend;
use crate::workflow::{Command, Session, WorkflowError};

pub fn run(
    ctx: &Ctx,
    cmd: Cmd,
    target: &Target,
    as_login: Option<&str>,
    today: Option<chrono::NaiveDate>,
) -> Result<i32, Failure> {
    // `init` creates its database; it must not open one first. (`demo` is routed in cli.rs:
    // it resolves its own path.)
    if let Cmd::Init { admin, name, unit } = &cmd {
        let Target::Direct(db) = target else {
            return Err(Failure(crate::i18n::service::init_on_service(ctx.lang)));
        };
        // A real database is always created by, and for, the real account.
        if as_login.is_some() {
            return Err(wf(
                WorkflowError::SwitchUserNotAllowed,
                &Directory::default(),
                ctx,
            ));
        }
        init(ctx, db, admin, name.as_deref(), unit)?;
        return Ok(0);
    }
    let mut backend = backend(ctx, target, as_login, today)?;
    // Issue 7: served, and without `--today`, every answer is as of the service's day (the
    // day its writes are dated), as the workbench's is — not this machine's.
    let served;
    let ctx = match backend.service_today() {
        Some(day) if today.is_none() && day != ctx.today => {
            served = Ctx {
                today: day,
                ..ctx.clone()
            };
            &served
        }
        _ => ctx,
    };
    let session = backend.as_mut();
    let dir = session
        .directory()
        .map_err(|e| wf(e, &Directory::default(), ctx))?;
    let cal = session.calendar().clone();
    match cmd {
        Cmd::User(UserCmd::List) => user_list(ctx, &dir),
        Cmd::User(UserCmd::Add {
            login,
            name,
            unit,
            roles,
        }) => user_add(ctx, session, &dir, login, name, unit, &roles),
        Cmd::Import { file } => super::import::import(ctx, session, &dir, &file),
        Cmd::Export { cases, out: file } => export(ctx, session, &dir, &cases, file.as_deref()),
        Cmd::Liability { case: Some(n), .. } => super::ask::liability(ctx, session, &dir, &n),
        Cmd::Check { case: Some(n), .. } => super::ask::check(ctx, session, &dir, &cal, &n),
        Cmd::Deadlines { mine, .. } => super::ask::deadlines(ctx, session, &dir, mine),
        Cmd::Evidence(EvidenceCmd::Add {
            case,
            files,
            kind,
            description,
            on,
        }) => super::records::evidence_add(
            ctx,
            session,
            &dir,
            &case,
            &files,
            &kind,
            description.as_deref(),
            on,
        ),
        Cmd::Evidence(EvidenceCmd::Verify) => super::records::evidence_verify(ctx, session),
        Cmd::Audit(AuditCmd::Verify { expect_head }) => {
            super::records::audit_verify(ctx, session, expect_head.as_ref())
        }
        Cmd::Audit(AuditCmd::Log { case }) => {
            super::records::audit_log(ctx, session, &dir, case.as_deref())
        }
        Cmd::Search { text, limit } => super::search::search(ctx, session, &dir, &text, limit),
        Cmd::Apply { file } => super::apply::apply(ctx, session, &dir, file.as_deref()),
        // Handled before opening, or by the file forms in cli.rs; clap makes the case-less
        // forms without --file impossible.
        Cmd::Demo { .. }
        | Cmd::Admin(_)
        | Cmd::Init { .. }
        | Cmd::Due { .. }
        | Cmd::Liability { .. }
        | Cmd::Check { .. }
        | Cmd::Serve => Err(Failure("internal: command routed to the database".into())),
    }
    .map(|()| 0)
}

/// The full name of an OS account (the first GECOS field), if it has one.
fn account_name(login: &str) -> Option<String> {
    let user = nix::unistd::User::from_name(login).ok()??;
    let gecos = user.gecos.to_string_lossy().into_owned();
    let name = gecos
        .split(',')
        .next()
        .unwrap_or_default()
        .trim()
        .to_string();
    (!name.is_empty()).then_some(name)
}

/// `culpa init --admin LOGIN`: a new real database whose first administrator is LOGIN, an
/// account on this machine (named explicitly: whoever happens to run `init` first is not
/// thereby the admin). A file that `Store::create` made but whose bootstrap never ran (no
/// people yet) is finished, not refused; anything with data is refused.
fn init(ctx: &Ctx, db: &Path, admin: &str, name: Option<&str>, unit: &str) -> Result<(), Failure> {
    let login = admin_account(ctx, admin)?;
    create_real(ctx, db)?;
    // The key first, so that the very first entry is signed.
    crate::store::Signer::create(db).map_err(|e| st(e, ctx))?;
    let name = name
        .map(str::to_string)
        .or_else(|| account_name(&login))
        .unwrap_or_else(|| login.clone());
    let admin = Session::first_admin(db, &login, &name, unit)
        .map_err(|e| wf(e, &Directory::default(), ctx))?;
    out(&td::initialised(
        &db.display().to_string(),
        &admin.login,
        ctx.lang,
    ));
    Ok(())
}

/// `LOGIN` if it is an account on this machine (the kernel's uid → account is how culpa
/// knows people, so an admin without an account could never act).
pub(crate) fn admin_account(ctx: &Ctx, login: &str) -> Result<String, Failure> {
    let login = login.trim();
    match nix::unistd::User::from_name(login) {
        Ok(Some(u)) if !login.is_empty() => Ok(u.name),
        _ => Err(Failure(td::no_such_account(login, ctx.lang))),
    }
}

/// Create an empty real database at `db` (and its directory), or accept one that
/// `Store::create` made earlier whose bootstrap never ran; refuse a demo or one with data.
pub(crate) fn create_real(ctx: &Ctx, db: &Path) -> Result<(), Failure> {
    if let Some(parent) = db.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent).map_err(|e| {
            Failure(t::cannot_write(
                &parent.display().to_string(),
                &e.to_string(),
                ctx.lang,
            ))
        })?;
    }
    match Store::create(db, false) {
        Ok(_) => Ok(()),
        Err(StoreError::Exists { path }) => {
            let store = Store::open(db).map_err(|e| st(e, ctx))?;
            let demo = store.is_demo().map_err(|e| st(e, ctx))?;
            if demo {
                return Err(Failure(td::demo_is_not_init(
                    &db.display().to_string(),
                    ctx.lang,
                )));
            }
            let people = store.read(|tx| tx.people()).map_err(|e| st(e, ctx))?;
            if !people.is_empty() {
                return Err(st(StoreError::Exists { path }, ctx));
            }
            Ok(())
        }
        Err(e) => Err(st(e, ctx)),
    }
}

fn user_list(ctx: &Ctx, dir: &Directory) -> Result<(), Failure> {
    if ctx.json {
        out_json(&serde_json::to_value(dir.people().collect::<Vec<_>>()).unwrap_or_default());
        return Ok(());
    }
    let headers: Vec<&str> = ["login", "name", "unit", "roles"]
        .into_iter()
        .map(|h| t::header(h, ctx.lang))
        .collect();
    let rows: Vec<Vec<String>> = dir
        .people()
        .map(|p| {
            let roles: Vec<&str> = p.roles.iter().map(|r| r.as_str()).collect();
            vec![
                p.login.clone(),
                p.name.clone(),
                p.unit.clone(),
                roles.join(","),
            ]
        })
        .collect();
    out(&table::render(&headers, &rows, ctx.ascii));
    Ok(())
}

fn user_add(
    ctx: &Ctx,
    session: &mut dyn Backend,
    dir: &Directory,
    login: String,
    name: String,
    unit: String,
    roles: &[String],
) -> Result<(), Failure> {
    let mut parsed = Vec::new();
    for r in roles {
        let role = Role::ALL
            .into_iter()
            .find(|x| x.as_str() == r)
            .ok_or_else(|| {
                Failure(td::unknown_role(
                    r,
                    &Role::ALL.map(Role::as_str).join(", "),
                    ctx.lang,
                ))
            })?;
        if !parsed.contains(&role) {
            parsed.push(role);
        }
    }
    let person = Person {
        login: login.clone(),
        name,
        unit,
        roles: parsed,
    };
    session
        .execute(Command::UpsertPerson(person), ctx.today)
        .map_err(|e| wf(e, dir, ctx))?;
    out(&t::user_saved(&login, ctx.lang));
    Ok(())
}

/// `culpa export [CASE…] [--out FILE]`: pretty JSON and a newline; to a file atomically (a
/// temp file beside it, then rename), so a backup is never half written.
fn export(
    ctx: &Ctx,
    session: &dyn Backend,
    dir: &Directory,
    cases: &[String],
    file: Option<&Path>,
) -> Result<(), Failure> {
    let cannot = |e: std::io::Error, f: &Path| {
        Failure(t::cannot_write(
            &f.display().to_string(),
            &e.to_string(),
            ctx.lang,
        ))
    };
    // Everything: streamed case by case (bounded memory, issue 10). Chosen cases: few.
    let write = |w: &mut dyn std::io::Write, name: &Path| -> Result<usize, Failure> {
        if cases.is_empty() {
            return session.export_all_to(w, name).map_err(|e| match e {
                WorkflowError::Storage(StoreError::Io { path, source }) => cannot(source, &path),
                other => wf(other, dir, ctx),
            });
        }
        let bundle = session.export_bundle(cases).map_err(|e| wf(e, dir, ctx))?;
        let mut text = serde_json::to_string_pretty(&bundle).map_err(|e| Failure(e.to_string()))?;
        text.push('\n');
        w.write_all(text.as_bytes()).map_err(|e| cannot(e, name))?;
        Ok(bundle.cases.len())
    };
    let Some(f) = file else {
        // A closed pipe (`culpa export | head`) ends quietly, as every output does.
        // Control and bidi characters in the data escaped as JSON (`escape.rs`).
        let mut w = Quiet(super::escape::JsonOut(std::io::BufWriter::with_capacity(
            1 << 16,
            std::io::stdout().lock(),
        )));
        write(&mut w, Path::new("-"))?;
        let _ = std::io::Write::flush(&mut w.0);
        return Ok(());
    };
    let mut tmp_name = f.file_name().map(|n| n.to_os_string()).unwrap_or_default();
    tmp_name.push(format!(".tmp-{}", std::process::id()));
    let tmp = f.with_file_name(tmp_name);
    let written = (|| -> Result<usize, Failure> {
        let file = std::fs::File::create(&tmp).map_err(|e| cannot(e, f))?;
        let mut w = std::io::BufWriter::with_capacity(1 << 16, file);
        let n = write(&mut w, f)?;
        let file = w.into_inner().map_err(|e| cannot(e.into_error(), f))?;
        file.sync_all().map_err(|e| cannot(e, f))?;
        std::fs::rename(&tmp, f).map_err(|e| cannot(e, f))?;
        Ok(n)
    })();
    let count = match written {
        Ok(n) => n,
        Err(e) => {
            let _ = std::fs::remove_file(&tmp);
            return Err(e);
        }
    };
    eprintln!(
        "{}",
        td::exported(&f.display().to_string(), count, ctx.lang)
    );
    Ok(())
}

/// Standard output that swallows write errors: a reader that went away (a closed pipe) is
/// not a failure of the command.
struct Quiet<W>(W);

impl<W: std::io::Write> std::io::Write for Quiet<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        // The reader has gone (`culpa export | head -c1`): it has all it wanted.
        if let Err(e) = self.0.write_all(buf)
            && e.kind() == std::io::ErrorKind::BrokenPipe
        {
            std::process::exit(0);
        }
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        let _ = self.0.flush();
        Ok(())
    }
}
