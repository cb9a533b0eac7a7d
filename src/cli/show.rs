//! Human-readable answers: verdicts, checks and deadlines as aligned tables.

use super::table;
use crate::domain::Directory;
use crate::domain::check::CheckReport;
use crate::domain::deadlines::Obligation;
use crate::domain::liability::{PersonVerdict, Verdict};
use crate::i18n::check::BlockerWords;
use crate::i18n::cli as t;
use crate::i18n::rules::{measure_statement, person_reasons};
use crate::i18n::{Lang, cite};

/// A serde-tagged code (`"8.3"`, `"9.1"`, `"no_deliberation"`) as its string.
fn code<T: serde::Serialize>(c: &T) -> String {
    serde_json::to_value(c)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

fn sep(lang: Lang) -> &'static str {
    lang.pick("、", ", ")
}

fn circumstances(p: &PersonVerdict, lang: Lang) -> String {
    let codes = p
        .aggravating
        .iter()
        .map(code)
        .chain(p.exempting.iter().map(code));
    codes
        .map(|c| cite(&c, lang))
        .collect::<Vec<_>>()
        .join(sep(lang))
}

pub fn verdict(v: &Verdict, lang: Lang, ascii: bool) -> String {
    let mut out = format!(
        "{}  {}{}{}\n",
        table::sanitize(&v.case),
        t::scope(v.scope, lang),
        lang.pick("；", "; "),
        t::fault_established(v.fault_established, lang)
    );
    if v.judicial_referral {
        out.push_str(t::judicial_referral(lang));
        out.push('\n');
    }
    let headers: Vec<&str> = ["person", "grade", "outcome", "basis", "circumstances"]
        .into_iter()
        .map(|h| t::header(h, lang))
        .collect();
    let rows: Vec<Vec<String>> = v
        .persons
        .iter()
        .map(|p| {
            vec![
                format!("{} ({})", p.name, p.login),
                t::grade(p.grade, lang).to_string(),
                t::outcome(p.outcome, lang).to_string(),
                p.basis
                    .iter()
                    .map(|r| cite(r.as_str(), lang))
                    .collect::<Vec<_>>()
                    .join(sep(lang)),
                circumstances(p, lang),
            ]
        })
        .collect();
    out.push_str(&table::render(&headers, &rows, ascii));
    // The why, in words: each rule that named the person with what it gives them, the
    // 5.2.9 note where the text grades no one, and the other cases behind Art. 8(3).
    for p in &v.persons {
        let reasons = person_reasons(p, lang);
        if reasons.is_empty() {
            continue;
        }
        out.push_str(&format!("\n{} ({})\n", table::sanitize(&p.name), p.login));
        for r in reasons {
            out.push_str(&format!("  - {}\n", table::sanitize(&r)));
        }
    }
    let measures = v.available_measures();
    if !measures.is_empty() {
        out.push_str(&format!("\n{}\n", t::measures_open(lang)));
        for m in measures {
            out.push_str(&format!(
                "  - {} {}\n",
                cite(m.as_str(), lang),
                measure_statement(m, lang)
            ));
        }
    }
    out
}

pub fn check(r: &CheckReport, dir: &Directory, lang: Lang, ascii: bool) -> String {
    let mut out = format!(
        "{}  {} ({})\n",
        table::sanitize(&r.case),
        t::ready(r.ready(), lang),
        t::as_of(&r.as_of.to_string(), lang)
    );
    if !r.blockers.is_empty() {
        let headers = [t::header("code", lang), t::header("message", lang)];
        let rows: Vec<Vec<String>> = r
            .blockers
            .iter()
            .map(|b| vec![code(&b.code()), b.message(dir, lang)])
            .collect();
        out.push_str(&table::render(&headers, &rows, ascii));
    }
    out
}

pub fn deadlines(obs: &[Obligation], lang: Lang, ascii: bool) -> String {
    if obs.is_empty() {
        return t::no_obligations(lang).to_string();
    }
    let rows: Vec<Vec<String>> = obs.iter().map(|o| deadline_row(o, lang)).collect();
    table::render(&deadline_headers(lang), &rows, ascii)
}

/// The headings of the `deadlines` table.
pub fn deadline_headers(lang: Lang) -> Vec<&'static str> {
    ["case", "kind", "due", "days_left", "state", "owner"]
        .into_iter()
        .map(|h| t::header(h, lang))
        .collect()
}

/// One obligation as a row of the `deadlines` table: what is due is the step its owner takes
/// next, as on the dashboard (a decision report without a team is the chief's appointment,
/// Art. 10(2)).
pub fn deadline_row(o: &Obligation, lang: Lang) -> Vec<String> {
    let mut kind = crate::i18n::ui::obligation_step(o, lang).to_string();
    if let Some(p) = &o.person {
        kind.push_str(&format!(" {p}"));
    }
    if let Some(m) = o.measure {
        kind.push_str(&format!(" {}", cite(m.as_str(), lang)));
    }
    vec![
        o.case.clone(),
        kind,
        o.due.to_string(),
        o.days_left.to_string(),
        t::state(o.state, lang).to_string(),
        o.owner.clone(),
    ]
}
