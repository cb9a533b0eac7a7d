//! `culpa demo [--cases N] [--no-open]`: a demo database — the demo bureau's people and cases
//! imported through the workflow (so they pass the same rules), their evidence files in the
//! vault, optionally N synthetic cases in bulk — then the workbench on it.
//!
//! Only a demo database is ever replaced; a real one (or any file that is not a culpa
//! database) is refused. Without `--db`/`CULPA_DB` the demo lives at
//! `<data dir>/culpa/demo.db`, never at the real database's path.

use std::path::{Path, PathBuf};
use std::time::Instant;

use serde_json::json;

use super::open::{explicit_db, interactive, st, wf};
use super::{Ctx, Failure, out};
use crate::demo::{Demo, sha256_hex, synthetic_with};
use crate::domain::Directory;
use crate::domain::model::{Case, Person, Role};
use crate::i18n::cli as t;
use crate::i18n::cli_db as td;
use crate::store::{Attachment, Store, StoreError};
use crate::workflow::{Command, Session};

/// Who the workbench opens as, unless `--as` says otherwise: an investigator on several
/// teams, the person the demo is written around.
const DEFAULT_LOGIN: &str = "wangl";
/// Synthetic cases per write transaction: big enough that commits do not dominate, small
/// enough that other readers never wait long.
const BATCH: usize = 10_000;
/// SQLite's page cache while the synthetic cases go in (see [`Store::set_cache_mib`]).
const BULK_CACHE_MIB: u32 = 256;
/// Fixed, so that `culpa demo --cases N` gives the same cases every time for a given day.
const SEED: u64 = 20_261_009;

/// `<data dir>/culpa/demo.db` unless `--db` or `CULPA_DB` names a path.
pub fn demo_path(flag: Option<&Path>, ctx: &Ctx) -> Result<PathBuf, Failure> {
    if let Some(p) = explicit_db(flag) {
        return Ok(p);
    }
    let base =
        directories::BaseDirs::new().ok_or_else(|| Failure(t::no_database_path(ctx.lang)))?;
    Ok(base.data_dir().join("culpa").join("demo.db"))
}

pub fn demo(
    ctx: &Ctx,
    db: &Path,
    cases: Option<u32>,
    no_open: bool,
    as_login: Option<&str>,
) -> Result<i32, Failure> {
    let data = crate::demo::demo(ctx.today);
    let people = &data.bundle.people;
    let open_as = as_login.unwrap_or(DEFAULT_LOGIN);
    if !people.iter().any(|p| p.login == open_as) {
        let logins: Vec<&str> = people.iter().map(|p| p.login.as_str()).collect();
        return Err(Failure(td::demo_unknown_login(
            open_as,
            &logins.join(", "),
            ctx.lang,
        )));
    }
    let admin = people
        .iter()
        .find(|p| p.has(Role::Admin))
        .ok_or_else(|| Failure("internal: the demo has no admin".into()))?;
    remove_old_demo(ctx, db)?;
    Store::create(db, true).map_err(|e| st(e, ctx))?;
    // Issue 7: `--as` is honoured only on a demo that is the user's alone; a umask of 002
    // (the default with user-private groups) would leave it group-writable.
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(db).map_or(0o600, |m| m.permissions().mode());
        std::fs::set_permissions(db, std::fs::Permissions::from_mode(mode & 0o755)).map_err(
            |e| {
                Failure(t::cannot_write(
                    &db.display().to_string(),
                    &e.to_string(),
                    ctx.lang,
                ))
            },
        )?;
    }
    import(ctx, db, admin, &data)?;
    let mut store = Store::open(db).map_err(|e| st(e, ctx))?;
    attach_files(ctx, &mut store, admin, &data)?;
    out(&td::demo_created(
        &db.display().to_string(),
        data.bundle.cases.len(),
        data.files.len(),
        ctx.lang,
    ));
    if let Some(n) = cases.filter(|n| *n > 0) {
        let started = Instant::now();
        let added = add_synthetic(ctx, &mut store, admin, &data, n as usize)?;
        out(&td::demo_synthetic(
            added,
            started.elapsed().as_secs_f64(),
            ctx.lang,
        ));
    }
    drop(store);
    print_logins(ctx, db, people, open_as);
    if no_open {
        return Ok(0);
    }
    if !interactive() {
        eprintln!("{}", td::not_a_terminal(ctx.lang));
        return Ok(0);
    }
    super::open::workbench(
        ctx,
        &crate::config::Target::Direct(db.to_path_buf()),
        Some(open_as),
        None,
    )
}

/// Delete an earlier demo database at `db` (and its WAL, shared memory and vault), after
/// making sure it IS one.
fn remove_old_demo(ctx: &Ctx, db: &Path) -> Result<(), Failure> {
    if !db.exists() {
        if let Some(parent) = db.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent).map_err(|e| {
                Failure(t::cannot_write(
                    &parent.display().to_string(),
                    &e.to_string(),
                    ctx.lang,
                ))
            })?;
        }
        return Ok(());
    }
    let path = db.display().to_string();
    let refuse = |why: String| Failure(td::demo_refuses_real(&path, &why, ctx.lang));
    let store = Store::open(db).map_err(|e| refuse(e.message(ctx.lang)))?;
    let demo = store.is_demo().map_err(|e| refuse(e.message(ctx.lang)))?;
    let vault = store.vault_dir();
    drop(store);
    if !demo {
        return Err(refuse(
            ctx.lang.pick("正式数据库", "a real database").into(),
        ));
    }
    let cannot = |p: &Path, e: std::io::Error| {
        Failure(td::cannot_remove(
            &p.display().to_string(),
            &e.to_string(),
            ctx.lang,
        ))
    };
    if vault.exists() {
        // Vault objects are read-only files, but removing them needs only the directory's
        // write permission, which the vault's owner has.
        std::fs::remove_dir_all(&vault).map_err(|e| cannot(&vault, e))?;
    }
    for suffix in ["-wal", "-shm", "-journal"] {
        let mut name = db.as_os_str().to_os_string();
        name.push(suffix);
        let side = PathBuf::from(name);
        if side.exists() {
            std::fs::remove_file(&side).map_err(|e| cannot(&side, e))?;
        }
    }
    std::fs::remove_file(db).map_err(|e| cannot(db, e))
}

/// The demo's admin bootstraps the database and imports the bundle through the workflow:
/// the demo passes exactly the rules a real import passes.
fn import(ctx: &Ctx, db: &Path, admin: &Person, data: &Demo) -> Result<(), Failure> {
    let none = Directory::default();
    let mut session = Session::bootstrap(db, Some(&admin.login), &admin.name, &admin.unit)
        .map_err(|e| wf(e, &none, ctx))?;
    session.set_calendar(ctx.cal.clone());
    if admin.roles != [Role::Admin] {
        // Bootstrap grants admin only; the bundle's record of the admin must match exactly.
        session
            .execute(Command::UpsertPerson(admin.clone()), ctx.today)
            .map_err(|e| wf(e, &none, ctx))?;
    }
    session
        .import_bundle(&data.bundle, ctx.today)
        .map_err(|e| {
            let dir = session.directory().unwrap_or_default();
            wf(e, &dir, ctx)
        })?;
    ctx.warn(session.uncovered());
    Ok(())
}

/// Put each demo evidence file in the vault and record it as attached to its case, with a
/// custody entry in the audit log — so `evidence[].sha256` resolves and `evidence verify`
/// has something to check. The files pass through a temp directory inside the vault, because
/// the store takes files by path (it streams and hashes them).
fn attach_files(ctx: &Ctx, store: &mut Store, admin: &Person, data: &Demo) -> Result<(), Failure> {
    let tmp = store
        .vault_dir()
        .join("tmp")
        .join(format!("demo-{}", std::process::id()));
    std::fs::create_dir_all(&tmp).map_err(|e| {
        st(
            StoreError::Io {
                path: tmp.clone(),
                source: e,
            },
            ctx,
        )
    })?;
    let mut stored = Vec::new();
    let result = (|| {
        for (i, f) in data.files.iter().enumerate() {
            let path = tmp.join(i.to_string());
            std::fs::write(&path, &f.bytes).map_err(|e| {
                st(
                    StoreError::Io {
                        path: path.clone(),
                        source: e,
                    },
                    ctx,
                )
            })?;
            let (sha, size) = store.put_file(&path).map_err(|e| st(e, ctx))?;
            if sha != sha256_hex(&f.bytes) {
                return Err(Failure(td::demo_file_mismatch(&f.name, &f.case, ctx.lang)));
            }
            stored.push(Attachment::new(&f.case, &sha, size, &f.name, &admin.login));
        }
        Ok(())
    })();
    let _ = std::fs::remove_dir_all(&tmp);
    result?;
    store
        .write(|tx| {
            for (a, f) in stored.iter().zip(&data.files) {
                tx.record_attachment(a)?;
                let detail = json!({
                    "sha256": a.sha256,
                    "size": a.size,
                    "file_name": a.file_name,
                    "evidence_index": f.evidence_index,
                });
                tx.append_audit(&admin.login, Some(&a.case), "attach_file", &detail)?;
            }
            Ok::<(), StoreError>(())
        })
        .map_err(|e| st(e, ctx))
}

/// `n` synthetic cases in batches of [`BATCH`], each batch one write transaction with one
/// audit entry naming its first and last case. The generator's cases are valid by
/// construction (tests/demo_synthetic.rs checks them against the validator), so they are not
/// validated again here: that is what makes 100,000 cases a matter of minutes.
fn add_synthetic(
    ctx: &Ctx,
    store: &mut Store,
    admin: &Person,
    data: &Demo,
    n: usize,
) -> Result<usize, Failure> {
    let mut cases = synthetic_with(
        n,
        SEED,
        ctx.today,
        &data.bundle.people,
        &data.bundle.relations,
    );
    store
        .set_cache_mib(BULK_CACHE_MIB)
        .map_err(|e| st(e, ctx))?;
    let mut added = 0;
    loop {
        let batch: Vec<Case> = cases.by_ref().take(BATCH).collect();
        let (Some(first), Some(last)) = (batch.first(), batch.last()) else {
            break;
        };
        // Seed, day and position: enough for the replay to generate the batch again.
        let detail = json!({"count": batch.len(), "first": first.number, "last": last.number,
            "seed": SEED, "offset": added, "today": ctx.today.to_string()});
        store
            .write(|tx| {
                tx.insert_cases(&batch)?;
                tx.append_audit(&admin.login, None, "demo_synthetic", &detail)?;
                Ok::<(), StoreError>(())
            })
            .map_err(|e| st(e, ctx))?;
        added += batch.len();
    }
    Ok(added)
}

/// The accounts to open the demo as, and the command that reopens it.
fn print_logins(ctx: &Ctx, db: &Path, people: &[Person], open_as: &str) {
    let mut lines = vec![td::demo_logins(ctx.lang).to_string()];
    for p in people {
        let roles: Vec<&str> = p.roles.iter().map(|r| r.as_str()).collect();
        lines.push(format!(
            "  {:<8} {}（{}）{}",
            p.login,
            p.name,
            p.unit,
            roles.join(",")
        ));
    }
    let command = format!(
        "culpa --db {} --as {open_as}",
        shell_quote(&db.display().to_string())
    );
    lines.push(td::demo_reopen(&command, ctx.lang));
    out(&lines.join("\n"));
}

/// Quote a path for a POSIX shell when it needs it.
fn shell_quote(s: &str) -> String {
    let plain = s
        .chars()
        .all(|c| c.is_alphanumeric() || "/._-+,:@".contains(c));
    if plain && !s.is_empty() {
        s.to_string()
    } else {
        format!("'{}'", s.replace('\'', r"'\''"))
    }
}

#[cfg(test)]
mod tests {
    use super::shell_quote;

    #[test]
    fn paths_are_quoted_only_when_needed() {
        assert_eq!(shell_quote("/tmp/demo.db"), "/tmp/demo.db");
        assert_eq!(shell_quote("/tmp/my demo.db"), "'/tmp/my demo.db'");
        assert_eq!(shell_quote("/tmp/it's.db"), r"'/tmp/it'\''s.db'");
    }
}
