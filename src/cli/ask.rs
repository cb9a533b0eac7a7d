//! `liability CASE`, `check CASE` and `deadlines` asked of the database. They build the same
//! inputs as the `--file` forms and call the same functions ([`super::file`]), so a database
//! holding a bundle answers exactly as the bundle file does.

use super::file::{check_report, verdict};
use super::{Ctx, Failure, out, out_json, show};
use crate::domain::Directory;
use crate::domain::calendar::{Calendar, Uncovered};
use crate::domain::liability::Priors;
use crate::ui::backend::Backend;

use super::open::wf;
use crate::i18n::check::ReportWords;
use crate::i18n::rules::VerdictWords;

/// `culpa liability CASE`. Art. 8(3) looks at the person's record across the bureau, so the
/// other cases are counted over every case on record — not only those the asker may open —
/// exactly as the file form takes every case of the file. Only the other cases' numbers
/// show (in the 8.3 note), never their content.
pub fn liability(
    ctx: &Ctx,
    session: &dyn Backend,
    dir: &Directory,
    case: &str,
) -> Result<(), Failure> {
    let rec = session.case(case).map_err(|e| wf(e, dir, ctx))?;
    // Art. 8(3): counted for the people of this case, in the year before its reference
    // date (a count and the latest few each, issue 10).
    let repeats = session
        .repeats_for(&rec.case, ctx.today)
        .map_err(|e| wf(e, dir, ctx))?;
    let v = verdict(ctx, &rec.case, dir, Priors::Counted(&repeats))?;
    if ctx.json {
        out_json(&v.to_json(ctx.lang));
    } else {
        out(&show::verdict(&v, ctx.lang, ctx.ascii));
    }
    Ok(())
}

/// `culpa check CASE`: as of `submitted_on` for a submitted case, else `--today`. The JSON
/// object carries a `"warnings"` entry when a consulted year has no calendar.
pub fn check(
    ctx: &Ctx,
    session: &dyn Backend,
    dir: &Directory,
    cal: &Calendar,
    case: &str,
) -> Result<(), Failure> {
    let rec = session.case(case).map_err(|e| wf(e, dir, ctx))?;
    let mut uncovered = Uncovered::new();
    let r = check_report(ctx, &rec.case, dir, cal, &mut uncovered);
    ctx.warn(&uncovered);
    if ctx.json {
        let mut v = r.to_json(dir, ctx.lang);
        if let (Some(w), Some(obj)) = (ctx.warnings_json(&uncovered), v.as_object_mut()) {
            obj.insert("warnings".into(), w);
        }
        out_json(&v);
    } else {
        out(&show::check(&r, dir, ctx.lang, ctx.ascii));
    }
    Ok(())
}

/// `culpa deadlines [--mine]`: the open obligations of the cases the actor may open;
/// `--mine` keeps those owned by the actor's login or one of their roles (bundle-v1.md: the
/// owner is a login, or a role name where no one person is). One indexed query of the
/// stored obligations (issue 10); the calendar is the session's (`--calendar` applied).
pub fn deadlines(
    ctx: &Ctx,
    session: &dyn Backend,
    dir: &Directory,
    mine: bool,
) -> Result<(), Failure> {
    if ctx.json {
        // Streamed from the index to stdout (issue 10): no list of every obligation.
        use std::io::Write;
        let mut w = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
        let mut array = crate::store::obligations_json::Array::new();
        let mut written = Ok(());
        let uncovered = session
            .each_open_obligation_json(ctx.today, mine, &mut |body| {
                written = array.item(&mut w, &body);
                written.is_ok()
            })
            .map_err(|e| wf(e, dir, ctx))?;
        // A closed pipe (`… | head`) ends the output quietly, as `out` does.
        let _ = written
            .and_then(|()| array.finish(&mut w))
            .and_then(|()| w.write_all(b"\n"))
            .and_then(|()| w.flush());
        ctx.warn(&uncovered);
        return Ok(());
    }
    // The table, streamed too: one walk measures the columns, a second writes the rows (the
    // rows of a whole bureau are never held). Each walk is its own read; a row committed
    // in between is shown, only perhaps wider than its column.
    let mut widths = super::table::Widths::new(&super::show::deadline_headers(ctx.lang));
    let mut rows = 0usize;
    let uncovered = session
        .each_open_obligation(ctx.today, mine, &mut |o| {
            widths.measure(&super::show::deadline_row(o, ctx.lang));
            rows += 1;
            true
        })
        .map_err(|e| wf(e, dir, ctx))?;
    ctx.warn(&uncovered);
    if rows == 0 {
        super::out(crate::i18n::cli::no_obligations(ctx.lang));
        return Ok(());
    }
    use std::io::Write;
    let mut w = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    use super::escape::for_terminal as term;
    let mut written = w.write_all(term(&widths.head(ctx.ascii)).as_bytes());
    session
        .each_open_obligation(ctx.today, mine, &mut |o| {
            let line = widths.line(&super::show::deadline_row(o, ctx.lang));
            written = w.write_all(term(&line).as_bytes());
            written.is_ok()
        })
        .map_err(|e| wf(e, dir, ctx))?;
    // A closed pipe (`… | head`) ends the output quietly, as `out` does.
    if let Err(e) = written.and_then(|()| w.flush())
        && e.kind() != std::io::ErrorKind::BrokenPipe
    {
        eprintln!("culpa: cannot write the output: {e}");
        std::process::exit(1);
    }
    Ok(())
}
