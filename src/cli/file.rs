//! The questions that need no database: `due`, and `liability` / `check` / `deadlines`
//! asked of a bundle file (bundle-v1.md, "Without a database"). Arrays carry no warnings;
//! uncovered calendar years are warned about on stderr.

use std::path::Path;

use chrono::NaiveDate;

use super::{Ctx, Failure, out, out_json, read_text, show};
use crate::domain::Directory;
use crate::domain::calendar::{Calendar, Period, Uncovered};
use crate::domain::check::CheckReport;
use crate::domain::deadlines::Obligation;
use crate::domain::liability::{Priors, Verdict};
use crate::domain::model::{Bundle, Case};
use crate::domain::validate::{BundleError, read_bundle};
use crate::domain::{check as chk, deadlines as dl, liability as li};
use crate::i18n::check::ReportWords;
use crate::i18n::cli as t;
use crate::i18n::rules::VerdictWords;

/// The refusal for a bundle that does not validate: every error, first one first.
pub(super) fn refused(path: &Path, errors: &[BundleError], ctx: &Ctx) -> Failure {
    let mut msg = t::bundle_refused(&path.display().to_string(), errors.len(), ctx.lang);
    for e in errors {
        msg.push_str("\n  ");
        msg.push_str(&e.to_string());
    }
    Failure(msg)
}

/// Read and fully validate a bundle, as import would: the what-if answers are only as good as
/// the record they are asked of.
fn load(ctx: &Ctx, path: &Path) -> Result<(Bundle, Directory), Failure> {
    let text = read_text(path, ctx.lang)?;
    read_bundle(&text, &Directory::default(), &ctx.cal, ctx.today)
        .map_err(|e| refused(path, &e, ctx))
}

/// `culpa due --from DATE (--working-days N | --days N)`: only the date on stdout.
pub fn due(
    ctx: &Ctx,
    from: NaiveDate,
    working_days: Option<u32>,
    days: Option<u32>,
) -> Result<(), Failure> {
    let period = match (working_days, days) {
        (Some(n), _) => Period::WorkingDays(n),
        (None, Some(n)) => Period::Days(n),
        // clap's required group makes this unreachable; answer it anyway rather than panic.
        (None, None) => return Err(Failure("give --working-days N or --days N".into())),
    };
    let mut uncovered = Uncovered::new();
    let date = ctx.cal.due(from, period, &mut uncovered);
    ctx.warn(&uncovered);
    out(&date.to_string());
    Ok(())
}

/// One case's verdict. The database form (`culpa liability CASE`) calls this too, so both
/// answer alike; `priors` are the decisions of every case on record, or (the database)
/// their count for this case (Art. 8(3)).
pub(super) fn verdict(
    ctx: &Ctx,
    case: &Case,
    dir: &Directory,
    priors: Priors<'_>,
) -> Result<Verdict, Failure> {
    li::liability(case, dir, priors, ctx.today)
        .map_err(|e| Failure(t::rule_error(&case.number, &e.to_string(), ctx.lang)))
}

/// One case's submission check, as of `submitted_on` for a submitted case (bundle-v1.md),
/// else `--today`. Shared with the database form.
pub(super) fn check_report(
    ctx: &Ctx,
    case: &Case,
    dir: &Directory,
    cal: &Calendar,
    uncovered: &mut Uncovered,
) -> CheckReport {
    let as_of = case.submitted_on.unwrap_or(ctx.today);
    chk::check(case, dir, cal, as_of, uncovered)
}

/// Open obligations over `cases`, most urgent first, printed as table or JSON array (arrays
/// carry no warnings; they go to stderr). Shared with the database form.
pub(super) fn print_deadlines<'a>(
    ctx: &Ctx,
    cases: impl IntoIterator<Item = &'a Case>,
    cal: &Calendar,
    keep: impl Fn(&Obligation) -> bool,
) -> Result<(), Failure> {
    let mut uncovered = Uncovered::new();
    let mut obs = dl::obligations(cases, cal, ctx.today, &mut uncovered);
    obs.retain(keep);
    emit_deadlines(ctx, &obs, &uncovered)
}

/// Print obligations already in order: warnings for uncovered years on stderr, then the
/// JSON array (written straight to stdout, no intermediate value) or the table.
pub(super) fn emit_deadlines(
    ctx: &Ctx,
    obs: &[Obligation],
    uncovered: &Uncovered,
) -> Result<(), Failure> {
    ctx.warn(uncovered);
    if ctx.json {
        use std::io::Write;
        let mut w = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
        // A closed pipe (`… | head`) ends the output quietly, as `out` does.
        let _ = super::deadlines_json::write(&mut w, obs)
            .and_then(|()| w.write_all(b"\n"))
            .and_then(|()| w.flush());
    } else {
        out(&show::deadlines(obs, ctx.lang, ctx.ascii));
    }
    Ok(())
}

/// `culpa liability --file BUNDLE`: one verdict per case, in file order; 8.3 counts the
/// decided cases of the same file.
pub fn liability(ctx: &Ctx, path: &Path) -> Result<(), Failure> {
    let (bundle, dir) = load(ctx, path)?;
    let priors = li::prior_outcomes(&bundle.cases);
    let verdicts = bundle
        .cases
        .iter()
        .map(|c| verdict(ctx, c, &dir, Priors::All(&priors)))
        .collect::<Result<Vec<_>, _>>()?;
    if ctx.json {
        out_json(&verdicts.iter().map(|v| v.to_json(ctx.lang)).collect());
    } else {
        let text: Vec<String> = verdicts
            .iter()
            .map(|v| show::verdict(v, ctx.lang, ctx.ascii))
            .collect();
        out(&text.join("\n"));
    }
    Ok(())
}

/// `culpa check --file BUNDLE`: one check per case.
pub fn check(ctx: &Ctx, path: &Path) -> Result<(), Failure> {
    let (bundle, dir) = load(ctx, path)?;
    let mut uncovered = Uncovered::new();
    let reports: Vec<_> = bundle
        .cases
        .iter()
        .map(|c| check_report(ctx, c, &dir, &ctx.cal, &mut uncovered))
        .collect();
    ctx.warn(&uncovered);
    if ctx.json {
        out_json(&reports.iter().map(|r| r.to_json(&dir, ctx.lang)).collect());
    } else {
        let text: Vec<String> = reports
            .iter()
            .map(|r| show::check(r, &dir, ctx.lang, ctx.ascii))
            .collect();
        out(&text.join("\n"));
    }
    Ok(())
}

/// `culpa deadlines --file BUNDLE`: one array over all cases, most urgent first.
pub fn deadlines(ctx: &Ctx, path: &Path) -> Result<(), Failure> {
    let (bundle, _dir) = load(ctx, path)?;
    print_deadlines(ctx, &bundle.cases, &ctx.cal, |_| true)
}
