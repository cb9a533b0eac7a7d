//! Stage consistency (bundle-v1.md's stage table) and the order of dates.
//!
//! Each stage needs its own data, and must not hold data of a later stage:
//!
//! | level | stages | brings |
//! |---|---|---|
//! | 0 | received | — (acceptance null) |
//! | 1 | accepted, rejected | `acceptance` |
//! | 2 | investigating | `team`; may hold recusals, interviews, evidence, deliberation, findings, interested_parties_note, overdue_reason |
//! | 3 | submitted | `submitted_on` |
//! | 4 | decided, sanctioned, appealed, closed (after a decision) | `decision`; may hold sanctions |
//! | — | level 4 | `appeals[]`: appealed needs at least one; a pending (undecided) appeal needs appealed |
//!
//! A rejected case (and a case closed after rejection) holds nothing of levels 2–4.
//!
//! Dates (bundle-v2.md "Dates"): none after the day of import (`today`), none before
//! 2000-01-01. Date order enforced (a later step dated before the step it follows is an error):
//! acceptance.on ≥ received_on; notified_on ≥ acceptance.on; team.appointed_on ≥ acceptance.on;
//! recusals, interviews, evidence, deliberation ≥ team.appointed_on (evidence ≥ received_on
//! while no team exists); submitted_on ≥ team.appointed_on and ≥ deliberation.on;
//! decision.on ≥ submitted_on; sanctions ≥ decision.on; appeals: filed_on ≥ decision.on,
//! accepted_on ≥ filed_on, decided_on ≥ accepted_on (else filed_on). Not enforced: records
//! dated after submitted_on (the check ignores them).

use chrono::NaiveDate;

use super::case::CaseValidator;
use crate::domain::calendar::{Calendar, Uncovered};
use crate::domain::check;
use crate::domain::conflict::{Involvement, involvement};
use crate::domain::model::{AcceptanceDecision, Stage};

fn not_before(v: &mut CaseValidator, rel: &str, date: NaiveDate, earlier: NaiveDate, what: &str) {
    if date < earlier {
        v.err(
            rel,
            format!("{date} is before {what} ({earlier}); correct one of the dates"),
        );
    }
}

/// Every date of the case with its path, in document order.
fn all_dates(case: &crate::domain::model::Case) -> Vec<(String, NaiveDate)> {
    let mut out = vec![("received_on".to_string(), case.received_on)];
    if let Some(a) = &case.acceptance {
        out.push(("acceptance.on".into(), a.on));
        out.extend(a.notified_on.map(|d| ("acceptance.notified_on".into(), d)));
    }
    if let Some(t) = &case.team {
        out.push(("team.appointed_on".into(), t.appointed_on));
    }
    for (k, r) in case.recusals.iter().enumerate() {
        out.push((format!("recusals[{k}].on"), r.on));
    }
    for (k, i) in case.interviews.iter().enumerate() {
        out.push((format!("interviews[{k}].on"), i.on));
    }
    for (k, e) in case.evidence.iter().enumerate() {
        out.push((format!("evidence[{k}].collected_on"), e.collected_on));
    }
    if let Some(d) = &case.deliberation {
        out.push(("deliberation.on".into(), d.on));
    }
    out.extend(case.submitted_on.map(|d| ("submitted_on".into(), d)));
    if let Some(d) = &case.decision {
        out.push(("decision.on".into(), d.on));
    }
    for (k, s) in case.sanctions.iter().enumerate() {
        out.push((format!("sanctions[{k}].applied_on"), s.applied_on));
    }
    for (k, a) in case.appeals.iter().enumerate() {
        out.push((format!("appeals[{k}].filed_on"), a.filed_on));
        out.extend(
            a.accepted_on
                .map(|d| (format!("appeals[{k}].accepted_on"), d)),
        );
        out.extend(
            a.decided_on
                .map(|d| (format!("appeals[{k}].decided_on"), d)),
        );
    }
    out
}

/// bundle-v2.md "Dates": nothing after the day of import (or `--today`) — the procedure's
/// deadlines run from these dates — and nothing before 2000-01-01 (a mistyped year).
fn date_bounds(v: &mut CaseValidator) {
    let earliest = NaiveDate::from_ymd_opt(2000, 1, 1).unwrap_or(NaiveDate::MIN);
    for (rel, d) in all_dates(v.case) {
        if d > v.today {
            let today = v.today;
            v.err(&rel, format!("{d} is after the day of import ({today}); a record cannot be dated in the future: correct the date"));
        } else if d < earliest {
            v.err(&rel, format!("{d} is before 2000-01-01; correct the year"));
        }
    }
}

pub(super) fn dates(v: &mut CaseValidator) {
    date_bounds(v);
    let case = v.case;
    if let Some(acc) = &case.acceptance {
        not_before(v, "acceptance.on", acc.on, case.received_on, "received_on");
        if let Some(n) = acc.notified_on {
            not_before(v, "acceptance.notified_on", n, acc.on, "acceptance.on");
        }
        if let Some(team) = &case.team {
            not_before(
                v,
                "team.appointed_on",
                team.appointed_on,
                acc.on,
                "acceptance.on",
            );
        }
    }
    // Evidence is gathered by the team (Art. 10(2)); before a team exists, the case's receipt.
    for (k, e) in case.evidence.iter().enumerate() {
        let (from, what) = case
            .team
            .as_ref()
            .map_or((case.received_on, "received_on"), |t| {
                (t.appointed_on, "team.appointed_on")
            });
        not_before(
            v,
            &format!("evidence[{k}].collected_on"),
            e.collected_on,
            from,
            what,
        );
    }
    if let Some(team) = &case.team {
        let t = team.appointed_on;
        for (k, r) in case.recusals.iter().enumerate() {
            not_before(
                v,
                &format!("recusals[{k}].on"),
                r.on,
                t,
                "team.appointed_on",
            );
        }
        for (k, i) in case.interviews.iter().enumerate() {
            not_before(
                v,
                &format!("interviews[{k}].on"),
                i.on,
                t,
                "team.appointed_on",
            );
        }
        if let Some(d) = &case.deliberation {
            not_before(v, "deliberation.on", d.on, t, "team.appointed_on");
        }
        if let Some(s) = case.submitted_on {
            not_before(v, "submitted_on", s, t, "team.appointed_on");
            // Art. 10(3): the opinion follows the collective deliberation.
            if let Some(d) = &case.deliberation {
                not_before(v, "submitted_on", s, d.on, "deliberation.on");
            }
        }
    }
    if let Some(d) = &case.decision {
        if let Some(s) = case.submitted_on {
            not_before(v, "decision.on", d.on, s, "submitted_on");
        }
        for (k, s) in case.sanctions.iter().enumerate() {
            not_before(
                v,
                &format!("sanctions[{k}].applied_on"),
                s.applied_on,
                d.on,
                "decision.on",
            );
        }
        for (k, a) in case.appeals.iter().enumerate() {
            not_before(
                v,
                &format!("appeals[{k}].filed_on"),
                a.filed_on,
                d.on,
                "decision.on",
            );
            if let Some(acc) = a.accepted_on {
                not_before(
                    v,
                    &format!("appeals[{k}].accepted_on"),
                    acc,
                    a.filed_on,
                    "filed_on",
                );
            }
            if let Some(dec) = a.decided_on {
                let (from, what) = a
                    .accepted_on
                    .map_or((a.filed_on, "filed_on"), |x| (x, "accepted_on"));
                not_before(v, &format!("appeals[{k}].decided_on"), dec, from, what);
            }
        }
    }
}

/// How far along the record a stage is (see the module table); `None` for a rejection.
fn level(stage: Stage, rejected: bool) -> Option<u8> {
    match stage {
        Stage::Received => Some(0),
        Stage::Accepted => Some(1),
        Stage::Rejected => None,
        Stage::Investigating => Some(2),
        Stage::Submitted => Some(3),
        Stage::Decided | Stage::Sanctioned | Stage::Appealed => Some(4),
        Stage::Closed if rejected => None,
        Stage::Closed => Some(4),
    }
}

fn involvement_text(inv: &[Involvement]) -> String {
    inv.iter()
        .map(|i| match i {
            Involvement::Respondent => "a respondent".to_string(),
            Involvement::Handler => "handler of the act".to_string(),
            Involvement::Reviewer => "reviewer of the act".to_string(),
            Involvement::Approver => "approver of the act".to_string(),
            Involvement::NamedByRule { rule } => format!("named by rule {rule}"),
            Involvement::Related {
                respondent,
                relation,
                party,
            } => {
                let tag = |v: serde_json::Result<serde_json::Value>| {
                    v.ok()
                        .and_then(|v| match v {
                            serde_json::Value::String(s) => Some(s),
                            serde_json::Value::Object(o) => {
                                o.get("as").and_then(|s| s.as_str()).map(str::to_string)
                            }
                            _ => None,
                        })
                        .unwrap_or_default()
                };
                let kind = tag(serde_json::to_value(relation));
                let party = match party {
                    crate::domain::conflict::Party::NamedByRule { rule } => {
                        format!("person named by rule {rule}")
                    }
                    p => tag(serde_json::to_value(p)).replace('_', " "),
                };
                format!("{kind} relation of {party} \"{respondent}\"")
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

pub(super) fn stage(v: &mut CaseValidator, cal: &Calendar) {
    let case = v.case;
    let st = case.stage.as_str();
    let rejected = case
        .acceptance
        .as_ref()
        .is_some_and(|a| a.decision == AcceptanceDecision::Rejected);
    let lvl = level(case.stage, rejected);

    // What the stage needs.
    match (&case.acceptance, case.stage) {
        (Some(_), Stage::Received) => v.err(
            "acceptance",
            "stage is received, but acceptance is recorded; set stage to accepted or rejected, or acceptance to null",
        ),
        (None, Stage::Received) => {}
        (None, _) => v.err(
            "acceptance",
            format!("stage is {st}, which needs the acceptance decision; record it or set stage to received"),
        ),
        (Some(a), Stage::Rejected) if a.decision != AcceptanceDecision::Rejected => v.err(
            "acceptance.decision",
            "stage is rejected, but acceptance.decision is accepted; make them agree",
        ),
        (Some(a), s) if s != Stage::Rejected && s != Stage::Closed && a.decision == AcceptanceDecision::Rejected => v.err(
            "acceptance.decision",
            format!("stage is {st}, but acceptance.decision is rejected; a rejected case can only be rejected or closed"),
        ),
        _ => {}
    }
    let needs = |n: u8| lvl.is_some_and(|l| l >= n);
    if needs(2) && case.team.is_none() {
        v.err("team", format!("stage is {st}, which needs the investigation team; record it or set an earlier stage"));
    }
    if needs(3) && case.submitted_on.is_none() {
        v.err("submitted_on", format!("stage is {st}, which needs submitted_on; record when the opinion went to the committee"));
    }
    if needs(4) && case.decision.is_none() {
        v.err("decision", format!("stage is {st}, which needs the committee's decision; record it or set an earlier stage"));
    }
    if case.stage == Stage::Appealed && case.appeals.is_empty() {
        v.err(
            "appeals",
            "stage is appealed, but no appeal is recorded; add it to appeals[]",
        );
    }

    // What the stage must not have yet.
    let allowed = |n: u8| lvl.is_some_and(|l| l >= n);
    let later: [(&str, bool, u8); 11] = [
        ("team", case.team.is_some(), 2),
        ("recusals", !case.recusals.is_empty(), 2),
        (
            "interested_parties_note",
            case.interested_parties_note.is_some(),
            2,
        ),
        ("interviews", !case.interviews.is_empty(), 2),
        ("evidence", !case.evidence.is_empty(), 2),
        ("deliberation", case.deliberation.is_some(), 2),
        ("findings", case.findings.is_some(), 2),
        ("submitted_on", case.submitted_on.is_some(), 3),
        // bundle-v2.md: the team may explain a delay before it submits.
        ("overdue_reason", case.overdue_reason.is_some(), 2),
        ("decision", case.decision.is_some(), 4),
        ("sanctions", !case.sanctions.is_empty(), 4),
    ];
    for (field, present, from) in later {
        if present && !allowed(from) {
            v.err(field, format!("stage is {st}, but {field} is recorded, which belongs to a later stage; set the stage that goes with it, or remove it"));
        }
    }
    // An appeal follows a decision. While one is pending the case is `appealed`; once every
    // appeal is decided the case goes on (decided, sanctioned, closed) and keeps its record.
    if !case.appeals.is_empty() && !allowed(4) {
        v.err("appeals", format!("stage is {st}, but appeals are recorded; an appeal follows a decision (stage appealed)"));
    }
    let pending = case.appeals.iter().any(|a| a.decided_on.is_none());
    if pending && allowed(4) && case.stage != Stage::Appealed {
        v.err("appeals", format!("stage is {st}, but an appeal is still pending; set stage appealed until every appeal is decided"));
    }
    if lvl.is_none_or(|l| l < 3) {
        return;
    }

    // Art. 10(2)–(3): a submitted case passed the submission check, judged as of submitted_on.
    if let Some(on) = case.submitted_on {
        let mut uncovered = Uncovered::new();
        let report = check::check(case, v.dir, cal, on, &mut uncovered);
        // Art. 2 ¶2 (bundle-v2.md): name each graded person whose culpability is missing —
        // the usual reason a `/1` case at this stage is refused.
        for b in &report.blockers {
            if let check::Blocker::LiabilityIncomplete { no_culpability, .. } = b {
                for login in no_culpability {
                    v.err(
                        &format!("findings.culpability.{login}"),
                        format!("stage is {st}, but \"{login}\" is graded by the rules and has no culpability (Art. 2 ¶2); record intent, gross_negligence, negligence or none"),
                    );
                }
            }
        }
        if !report.ready() {
            let codes: Vec<String> = report
                .blockers
                .iter()
                .filter_map(|b| serde_json::to_value(b.code()).ok())
                .filter_map(|c| c.as_str().map(str::to_string))
                .collect();
            v.err(
                "stage",
                format!(
                    "stage is {st}, but the case fails the submission check as of submitted_on {on}: {}; complete the record (see `culpa check`) or set stage to investigating",
                    codes.join(", ")
                ),
            );
        }
    }

    let Some(d) = &case.decision else {
        return;
    };
    // Art. 10(3): an involved committee member must recuse.
    for (k, m) in d.committee.iter().enumerate() {
        if d.recused.contains(m) {
            continue;
        }
        let inv = involvement(m, case, v.dir.relations());
        if !inv.is_empty() {
            v.err(
                &format!("decision.committee[{k}]"),
                format!(
                    "\"{m}\" is involved ({}) and has not recused (Art. 10(3)); add them to decision.recused",
                    involvement_text(&inv)
                ),
            );
        }
    }
    if case.stage == Stage::Sanctioned {
        for (login, m, _) in case.unapplied_measures() {
            v.err(
                "sanctions",
                format!("stage is sanctioned, but measure {} of the final outcome of \"{login}\" is not applied; record it in sanctions[] or set stage to decided", m.as_str()),
            );
        }
    }
}
