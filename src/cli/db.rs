//! The database subcommands, through `crate::workflow::Session` (the only door to the record).
//! Commands whose backend has no Session API yet answer "not connected" (exit 1) and carry a
//! `TODO(lead)` where the call belongs.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::args::{AuditCmd, Cmd, EvidenceCmd, UserCmd};
use super::file::refused;
use super::{Ctx, Failure, out, out_json, read_text, show, table};
use crate::domain::Directory;
use crate::domain::calendar::Uncovered;
use crate::domain::model::{BUNDLE_FORMAT, Bundle, Person, Role};
use crate::domain::validate::read_bundle;
use crate::domain::{check as chk, deadlines as dl, liability as li};
use crate::i18n::cli as t;
use crate::workflow::{Command, Session, WorkflowError};

#[derive(Debug, Deserialize)]
struct Config {
    db: Option<PathBuf>,
}

/// `--db`, else `$CULPA_DB`, else `db = "…"` in `<config dir>/culpa/config.toml`, else
/// `<data dir>/culpa/culpa.db`.
pub fn resolve_db(flag: Option<&Path>, lang: crate::i18n::Lang) -> Result<PathBuf, Failure> {
    if let Some(p) = flag {
        return Ok(p.to_path_buf());
    }
    if let Some(p) = std::env::var_os("CULPA_DB").filter(|v| !v.is_empty()) {
        return Ok(PathBuf::from(p));
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

fn wf(e: WorkflowError, dir: &Directory, ctx: &Ctx) -> Failure {
    Failure(e.message(dir, ctx.lang))
}

fn open(ctx: &Ctx, db: &Path, as_login: Option<&str>) -> Result<Session, Failure> {
    Session::open(db, as_login).map_err(|e| wf(e, &Directory::default(), ctx))
}

fn not_wired(what: &str, ctx: &Ctx) -> Result<(), Failure> {
    Err(Failure(t::not_wired(what, ctx.lang)))
}

/// No subcommand: the workbench.
pub fn workbench(ctx: &Ctx, db: &Path, as_login: Option<&str>) -> Result<(), Failure> {
    let _session = open(ctx, db, as_login)?;
    // TODO(lead): `return exit(crate::ui::run(session, ctx.lang, ctx.today, ctx.ascii))` once
    // the ui module has `pub fn run(Session, Lang, NaiveDate, ascii: bool) -> i32`
    // (colour follows NO_COLOR there).
    not_wired("workbench", ctx)
}

pub fn run(ctx: &Ctx, cmd: Cmd, db: &Path, as_login: Option<&str>) -> Result<(), Failure> {
    // `demo` and `init` create their database; they must not open one first.
    match &cmd {
        Cmd::Demo { cases: _ } => {
            // TODO(lead): crate::demo / store: build a demo database at `db` with N cases.
            return not_wired("demo", ctx);
        }
        Cmd::Init { name: _, unit: _ } => {
            // TODO(lead): `Store::create(db)` then `Session::bootstrap(db, as_login, name,
            // unit)` (workflow branch); print the database path.
            return not_wired("init", ctx);
        }
        _ => {}
    }
    let mut session = open(ctx, db, as_login)?;
    let dir = session
        .directory()
        .map_err(|e| wf(e, &Directory::default(), ctx))?;
    // `--calendar` applies to every command: over the database's calendar here.
    let cal = super::calendar(session.calendar().clone(), &ctx.calendar_files, ctx.lang)?;
    match cmd {
        Cmd::User(UserCmd::List) => {
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
            if ctx.json {
                out_json(
                    &serde_json::to_value(dir.people().collect::<Vec<_>>()).unwrap_or_default(),
                );
            } else {
                out(&table::render(&headers, &rows, ctx.ascii));
            }
            Ok(())
        }
        Cmd::User(UserCmd::Add {
            login,
            name,
            unit,
            roles,
        }) => {
            let mut parsed = Vec::new();
            for r in &roles {
                let role = Role::ALL
                    .into_iter()
                    .find(|x| x.as_str() == r)
                    .ok_or_else(|| {
                        Failure(format!(
                            "unknown role \"{r}\"; use one of: {}",
                            Role::ALL.map(Role::as_str).join(", ")
                        ))
                    })?;
                parsed.push(role);
            }
            let person = Person {
                login: login.clone(),
                name,
                unit,
                roles: parsed,
            };
            session
                .execute(Command::UpsertPerson(person), ctx.today)
                .map_err(|e| wf(e, &dir, ctx))?;
            out(&t::user_saved(&login, ctx.lang));
            Ok(())
        }
        Cmd::Import { file } => {
            let text = read_text(&file, ctx.lang)?;
            let (bundle, _merged) =
                read_bundle(&text, &dir, &cal).map_err(|e| refused(&file, &e, ctx))?;
            let existing = session.cases().map_err(|e| wf(e, &dir, ctx))?;
            for (i, c) in bundle.cases.iter().enumerate() {
                if existing.iter().any(|r| r.case.number == c.number) {
                    return Err(Failure(t::duplicate_in_db(
                        &format!("cases[{i}].number"),
                        &c.number,
                        ctx.lang,
                    )));
                }
            }
            // TODO(lead): `session.import_bundle(&bundle)` (workflow branch: one transaction,
            // all or nothing), then `out(&t::imported(bundle.cases.len(), bundle.people.len(), lang))`.
            let _ = t::imported;
            not_wired("import", ctx)
        }
        Cmd::Export { cases, out: file } => {
            // TODO(lead): the workflow branch has `session.export_bundle(&cases)`; prefer it.
            let records = session.cases().map_err(|e| wf(e, &dir, ctx))?;
            let mut bundle = Bundle::empty();
            bundle.format = BUNDLE_FORMAT.to_string();
            bundle.people = dir.people().cloned().collect();
            bundle.relations = dir.relations().to_vec();
            for wanted in &cases {
                if !records.iter().any(|r| &r.case.number == wanted) {
                    return Err(wf(WorkflowError::NotFound(wanted.clone()), &dir, ctx));
                }
            }
            bundle.cases = records
                .into_iter()
                .filter(|r| cases.is_empty() || cases.contains(&r.case.number))
                .map(|r| r.case)
                .collect();
            let mut text =
                serde_json::to_string_pretty(&bundle).map_err(|e| Failure(e.to_string()))?;
            text.push('\n');
            match file {
                Some(f) => std::fs::write(&f, text).map_err(|e| {
                    Failure(t::cannot_write(
                        &f.display().to_string(),
                        &e.to_string(),
                        ctx.lang,
                    ))
                }),
                None => {
                    out(&text);
                    Ok(())
                }
            }
        }
        Cmd::Liability { case: Some(n), .. } => {
            let rec = session.case(&n).map_err(|e| wf(e, &dir, ctx))?;
            let all = session.cases().map_err(|e| wf(e, &dir, ctx))?;
            let priors = li::prior_outcomes(all.iter().map(|r| &r.case));
            let v = li::liability(&rec.case, &dir, &priors, ctx.today)
                .map_err(|e| Failure(t::rule_error(&rec.case.number, &e.to_string(), ctx.lang)))?;
            if ctx.json {
                out_json(&v.to_json(ctx.lang));
            } else {
                out(&show::verdict(&v, ctx.lang, ctx.ascii));
            }
            Ok(())
        }
        Cmd::Check { case: Some(n), .. } => {
            let rec = session.case(&n).map_err(|e| wf(e, &dir, ctx))?;
            let as_of = rec.case.submitted_on.unwrap_or(ctx.today);
            let mut uncovered = Uncovered::new();
            let r = chk::check(&rec.case, &dir, &cal, as_of, &mut uncovered);
            ctx.warn(&uncovered);
            if ctx.json {
                let mut v = r.to_json(&dir, ctx.lang);
                if let (Some(w), Some(obj)) = (ctx.warnings_json(&uncovered), v.as_object_mut()) {
                    obj.insert("warnings".into(), w);
                }
                out_json(&v);
            } else {
                out(&show::check(&r, &dir, ctx.lang, ctx.ascii));
            }
            Ok(())
        }
        Cmd::Deadlines { mine, .. } => {
            let all = session.cases().map_err(|e| wf(e, &dir, ctx))?;
            let mut uncovered = Uncovered::new();
            let mut obs =
                dl::obligations(all.iter().map(|r| &r.case), &cal, ctx.today, &mut uncovered);
            ctx.warn(&uncovered);
            if mine {
                // Owner is a login, or a role name where no one person is (bundle-v1.md).
                let me = session.actor();
                obs.retain(|o| {
                    o.owner == me.login || me.roles.iter().any(|r| r.as_str() == o.owner)
                });
            }
            if ctx.json {
                out_json(&serde_json::to_value(&obs).map_err(|e| Failure(e.to_string()))?);
            } else {
                out(&show::deadlines(&obs, ctx.lang, ctx.ascii));
            }
            Ok(())
        }
        Cmd::Evidence(EvidenceCmd::Add {
            case,
            files,
            kind,
            description,
        }) => {
            for f in files {
                let desc = description.clone().unwrap_or_else(|| {
                    f.file_name()
                        .map_or_else(String::new, |n| n.to_string_lossy().into_owned())
                });
                session
                    .execute(
                        Command::AddEvidence {
                            case: case.clone(),
                            kind: kind.clone(),
                            description: desc,
                            collected_on: ctx.today,
                            file: Some(f.clone()),
                        },
                        ctx.today,
                    )
                    .map_err(|e| wf(e, &dir, ctx))?;
                out(&t::evidence_added(
                    &case,
                    &f.display().to_string(),
                    ctx.lang,
                ));
            }
            Ok(())
        }
        // TODO(lead): the store's vault check (re-hash every file against its record).
        Cmd::Evidence(EvidenceCmd::Verify) => not_wired("evidence verify", ctx),
        // TODO(lead): the store's audit chain verification and log listing.
        Cmd::Audit(AuditCmd::Verify) => not_wired("audit verify", ctx),
        Cmd::Audit(AuditCmd::Log { case: _ }) => not_wired("audit log", ctx),
        // Handled before opening, or by the file forms in cli.rs.
        Cmd::Demo { .. }
        | Cmd::Init { .. }
        | Cmd::Due { .. }
        | Cmd::Liability { .. }
        | Cmd::Check { .. } => not_wired("?", ctx),
    }
}
