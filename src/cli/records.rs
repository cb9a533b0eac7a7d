//! The record's integrity: `audit verify`, `audit log`, `evidence add`, `evidence verify`.

use std::collections::BTreeMap;
use std::path::PathBuf;

use chrono::NaiveDate;
use serde_json::json;

use super::open::wf;
use super::{Ctx, Failure, out, out_json, table};
use crate::domain::Directory;
use crate::domain::model::Role;
use crate::i18n::cli as t;
use crate::i18n::cli_db as td;
use crate::store::{AuditEntry, VaultProblem};
use crate::ui::backend::Backend;
use crate::workflow::Command;

/// `culpa audit verify [--expect-head SEQ:HASH]`: every check of
/// [`crate::workflow::verify`] (run by the service in served mode), one line each, then the
/// head to keep elsewhere; exit 1 naming the first disagreement. Anyone on file may verify:
/// the answer names at most a case number and a field, never case content beyond the one
/// value in dispute.
pub fn audit_verify(
    ctx: &Ctx,
    session: &dyn Backend,
    expect: Option<&(i64, String)>,
) -> Result<(), Failure> {
    let v = session
        .verify_audit(expect)
        .map_err(|e| wf(e, &Directory::default(), ctx))?;
    let (seq, hash) = &v.head;
    if ctx.json {
        let checks: Vec<serde_json::Value> = v
            .checks
            .iter()
            .map(|c| match &c.outcome {
                Ok(m) => json!({"check": c.name, "ok": true, "message": m}),
                Err(m) => json!({"check": c.name, "ok": false, "message": m}),
            })
            .collect();
        out_json(
            &json!({"ok": v.first_problem().is_none(), "entries": v.entries,
            "head": {"seq": seq, "hash": hash}, "checks": checks}),
        );
    } else {
        let lines: Vec<String> = v
            .checks
            .iter()
            .map(|c| match &c.outcome {
                Ok(m) => format!("ok    {:<13} {m}", c.name),
                Err(m) => format!("FAIL  {:<13} {m}", c.name),
            })
            .collect();
        out(&super::escape::for_terminal(&lines.join("\n")));
    }
    // The first disagreement first, then every other failed check.
    let failed: Vec<String> = v
        .checks
        .iter()
        .filter_map(|c| {
            c.outcome
                .as_ref()
                .err()
                .map(|why| td::audit_bad_check(&c.name, why, ctx.lang))
        })
        .collect();
    if !failed.is_empty() {
        return Err(Failure(failed.join("\n")));
    }
    if !ctx.json {
        out(&td::audit_ok(v.entries, *seq, hash, ctx.lang));
    }
    Ok(())
}

/// `culpa audit log [CASE]`: one case's entries for anyone who may open it; the whole log
/// for an admin only (it names every case).
pub fn audit_log(
    ctx: &Ctx,
    session: &dyn Backend,
    dir: &Directory,
    case: Option<&str>,
) -> Result<(), Failure> {
    if case.is_none() {
        let me = session.actor();
        if !me.has(Role::Admin) {
            return Err(Failure(td::audit_log_admin_only(&me.login, ctx.lang)));
        }
    }
    // The workflow checks again (and, in served mode, the service does).
    let entries = match case {
        Some(n) => session.history(n),
        None => session.audit_log(),
    }
    .map_err(|e| wf(e, dir, ctx))?;
    if ctx.json {
        out_json(&entries.iter().map(entry_json).collect());
        return Ok(());
    }
    if entries.is_empty() {
        out(td::no_audit_entries(ctx.lang));
        return Ok(());
    }
    let headers: Vec<&str> = ["seq", "at", "actor", "case", "action", "detail"]
        .into_iter()
        .map(|h| td::audit_header(h, ctx.lang))
        .collect();
    let rows: Vec<Vec<String>> = entries
        .iter()
        .map(|e| {
            vec![
                e.seq.to_string(),
                e.at.clone(),
                e.actor.clone(),
                e.case.clone().unwrap_or_default(),
                e.action.clone(),
                e.detail.to_string(),
            ]
        })
        .collect();
    out(&table::render(&headers, &rows, ctx.ascii));
    Ok(())
}

fn entry_json(e: &AuditEntry) -> serde_json::Value {
    json!({
        "seq": e.seq,
        "at": e.at,
        "actor": e.actor,
        "case": e.case,
        "action": e.action,
        "detail": e.detail,
        "prev_hash": e.prev_hash,
        "hash": e.hash,
    })
}

/// `culpa evidence add CASE FILE…`: one `AddEvidence` per file, through the workflow (so
/// the vault, the custody record and the audit entry happen together). Files are attached
/// in order; a refusal stops at that file, the earlier ones stand.
#[allow(clippy::too_many_arguments)]
pub fn evidence_add(
    ctx: &Ctx,
    session: &mut dyn Backend,
    dir: &Directory,
    case: &str,
    files: &[PathBuf],
    kind: &str,
    description: Option<&str>,
    on: Option<NaiveDate>,
) -> Result<(), Failure> {
    for f in files {
        let desc = description.map(str::to_string).unwrap_or_else(|| {
            f.file_name()
                .map_or_else(String::new, |n| n.to_string_lossy().into_owned())
        });
        session
            .execute(
                Command::AddEvidence {
                    case: case.to_string(),
                    kind: kind.to_string(),
                    description: desc,
                    collected_on: on.unwrap_or(ctx.today),
                    file: Some(f.clone()),
                },
                ctx.today,
            )
            .map_err(|e| wf(e, dir, ctx))?;
        out(&t::evidence_added(case, &f.display().to_string(), ctx.lang));
    }
    ctx.warn(&session.uncovered());
    Ok(())
}

/// `culpa evidence verify`: re-hash every object the record refers to; name each one
/// missing or modified, with the files and cases that use it (exit 1 if any).
pub fn evidence_verify(ctx: &Ctx, session: &dyn Backend) -> Result<(), Failure> {
    let (report, attachments) = session
        .verify_vault()
        .map_err(|e| wf(e, &Directory::default(), ctx))?;
    if report.problems.is_empty() {
        if ctx.json {
            out_json(&json!({"ok": true, "objects": report.objects, "problems": []}));
        } else {
            out(&td::vault_ok(report.objects, ctx.lang));
        }
        return Ok(());
    }
    let mut uses: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    for a in &attachments {
        uses.entry(a.sha256.as_str()).or_default().push(td::in_case(
            &a.file_name,
            &a.case,
            ctx.lang,
        ));
    }
    let refs = |sha: &str| {
        uses.get(sha)
            .map(|v| v.join(ctx.lang.pick("；", "; ")))
            .unwrap_or_else(|| td::unreferenced(ctx.lang).to_string())
    };
    let mut lines = vec![td::vault_bad(
        report.problems.len(),
        report.objects,
        ctx.lang,
    )];
    let mut problems = Vec::new();
    for p in &report.problems {
        match p {
            VaultProblem::Missing { sha256 } => {
                lines.push(td::vault_missing(sha256, &refs(sha256), ctx.lang));
                problems.push(json!({"sha256": sha256, "problem": "missing"}));
            }
            VaultProblem::Mismatch { sha256, actual } => {
                lines.push(td::vault_mismatch(sha256, actual, &refs(sha256), ctx.lang));
                problems.push(json!({"sha256": sha256, "problem": "modified", "actual": actual}));
            }
            VaultProblem::Unlogged { sha256 } => {
                lines.push(td::vault_unlogged(sha256, &refs(sha256), ctx.lang));
                problems.push(json!({"sha256": sha256, "problem": "unlogged"}));
            }
        }
    }
    if ctx.json {
        out_json(&json!({"ok": false, "objects": report.objects, "problems": problems}));
    }
    Err(Failure(lines.join("\n  ")))
}
