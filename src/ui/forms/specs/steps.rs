//! Acceptance, notification, the team, recusal, submission and closing (Art. 10).

use chrono::NaiveDate;

use super::super::fields::{self as f, Field, Opt};
use super::{Check, art, involvement_note, person_label, today_text};
use crate::domain::calendar::Uncovered;
use crate::domain::deadlines::{ObligationKind, case_obligations};
use crate::domain::model::{Case, Role};
use crate::i18n::forms as t;
use crate::ui::forms::{FormContext, Step};
use crate::workflow::Command;

pub(super) fn simple_fields(kind: Step, ctx: &FormContext) -> Vec<Field> {
    let l = ctx.lang;
    let mut v = vec![f::date("on", t::F_DATE.get(l), &today_text(ctx))];
    match kind {
        Step::Accept => {
            v.push(f::text("reason", t::F_REASON.get(l), "").help(t::H_OPTIONAL.get(l)))
        }
        // Art. 10(1): 不予受理的应当告知理由 — a rejection must give its reason.
        Step::Reject => v.push(
            f::multiline("reason", t::F_REASON.get(l), "", 3)
                .help(t::h_reject_reason(&art("10.1", l), l)),
        ),
        _ => {}
    }
    v
}

pub(super) fn simple_build(kind: Step, c: &mut Check) -> Option<Command> {
    let on = c.date("on");
    let case = c.case().map(|(n, _)| n);
    Some(match kind {
        Step::Accept => Command::Accept {
            case: case?,
            on: on?,
            reason: c.opt_text("reason"),
        },
        Step::Reject => {
            let reason = c.text("reason");
            Command::Reject {
                case: case?,
                on: on?,
                reason: reason?,
            }
        }
        Step::Notify => Command::Notify {
            case: case?,
            on: on?,
        },
        _ => Command::Close {
            case: case?,
            on: on?,
        },
    })
}

/// Investigators, each with why they are involved (Art. 10(2)), if they are.
fn candidates(ctx: &FormContext, case: Option<&Case>, role: Role) -> Vec<Opt> {
    ctx.dir
        .people()
        .filter(|p| p.has(role))
        .map(|p| {
            Opt::new(&p.login, person_label(ctx, &p.login))
                .note(case.and_then(|c| involvement_note(ctx, c, &p.login)))
        })
        .collect()
}

pub(super) fn appoint_fields(ctx: &FormContext) -> Vec<Field> {
    let l = ctx.lang;
    let case = ctx.case.map(|r| &r.case);
    vec![
        f::date("on", t::F_DATE.get(l), &today_text(ctx)),
        f::multi(
            "members",
            t::F_TEAM.get(l),
            candidates(ctx, case, Role::Investigator),
            &[],
            true,
        )
        .help(t::h_team(&art("10.2", l), l)),
    ]
}

pub(super) fn appoint_build(c: &mut Check) -> Option<Command> {
    let on = c.date("on");
    // Art. 10(2): 应当由两名或两名以上工作人员进行. On a case under investigation the chosen
    // join the team (the workflow adds them), so after a recusal one more may be enough:
    // what counts is the un-recused team that results, and each newcomer must add to it.
    let (already, on_team): (Vec<String>, Vec<String>) = match c.ctx.case.map(|r| &r.case) {
        Some(case) => (
            case.active_investigators(None)
                .into_iter()
                .map(str::to_string)
                .collect(),
            case.team
                .as_ref()
                .map(|t| t.members.clone())
                .unwrap_or_default(),
        ),
        None => (Vec::new(), Vec::new()),
    };
    let needed = 2usize.saturating_sub(already.len()).max(1);
    // Ticking someone already on the team changes nothing, so only newcomers are sent.
    let members: Vec<String> = c
        .form
        .multi("members")
        .into_iter()
        .filter(|m| !on_team.contains(m))
        .collect();
    if members.len() < needed {
        let msg = t::choose_at_least(needed, c.lang());
        c.fail("members", msg);
    }
    let (case, record) = c.case()?;
    // Art. 10(2): an involved investigator must recuse, so appointing one is refused here.
    let involved: Vec<String> = members
        .iter()
        .filter_map(|m| {
            involvement_note(c.ctx, record, m).map(|n| format!("{} {n}", c.ctx.dir.name(m)))
        })
        .collect();
    if !involved.is_empty() {
        let msg = t::must_not_appoint(&involved.join("；"), c.lang());
        c.fail("members", msg);
    }
    Some(Command::AppointTeam {
        case,
        on: on?,
        members,
    })
}

pub(super) fn recuse_fields(ctx: &FormContext) -> Vec<Field> {
    let l = ctx.lang;
    let (members, first_note) = match ctx.case {
        Some(r) => {
            let active = r.case.active_investigators(None);
            let opts: Vec<Opt> = active
                .iter()
                .map(|m| Opt::new(*m, person_label(ctx, m)).note(involvement_note(ctx, &r.case, m)))
                .collect();
            let note = opts.iter().find_map(|o| o.note.clone());
            (opts, note)
        }
        None => (Vec::new(), None),
    };
    let preselect = members
        .iter()
        .find(|o| o.note.is_some())
        .map(|o| o.key.clone());
    vec![
        f::people_pick("person", t::F_PERSON.get(l), members, preselect.as_deref()),
        f::date("on", t::F_DATE.get(l), &today_text(ctx)),
        f::text(
            "reason",
            t::F_REASON.get(l),
            first_note.as_deref().unwrap_or(""),
        )
        .help(t::h_recuse(&art("10.2", l), l)),
    ]
}

/// Art. 10(2): add a respondent — first offered, and preselected, whoever the findings grade
/// without being a respondent (`graded_not_respondent`), then everyone else on file.
pub(super) fn add_respondent_fields(ctx: &FormContext) -> Vec<Field> {
    let l = ctx.lang;
    let Some(r) = ctx.case else {
        return Vec::new();
    };
    let case = &r.case;
    let graded: Vec<String> = crate::domain::liability::grades(case)
        .unwrap_or_default()
        .into_iter()
        .filter(|(login, g)| {
            *g != crate::domain::model::Grade::None && !case.respondents.contains(login)
        })
        .map(|(login, _)| login)
        .collect();
    let mut opts: Vec<Opt> = graded
        .iter()
        .map(|p| {
            Opt::new(p, person_label(ctx, p)).note(Some(t::GRADED_NOT_HEARD.get(l).to_string()))
        })
        .collect();
    opts.extend(
        ctx.dir
            .people()
            .filter(|p| !case.respondents.contains(&p.login) && !graded.contains(&p.login))
            .map(|p| Opt::new(&p.login, person_label(ctx, &p.login))),
    );
    vec![
        f::people_pick(
            "person",
            t::F_PERSON.get(l),
            opts,
            graded.first().map(String::as_str),
        )
        .help(t::h_add_respondent(&art("10.2", l), l)),
    ]
}

pub(super) fn add_respondent_build(c: &mut Check) -> Option<Command> {
    let person = c.pick("person");
    let (case, _) = c.case()?;
    Some(Command::AddRespondent {
        case,
        person: person?,
    })
}

pub(super) fn recuse_build(c: &mut Check) -> Option<Command> {
    let person = c.pick("person");
    let on = c.date("on");
    let reason = c.text("reason");
    let (case, _) = c.case()?;
    Some(Command::Recuse {
        case,
        person: person?,
        on: on?,
        reason: reason?,
    })
}

/// Art. 10(3): the opinion goes to the committee within 30 days of acceptance — the same
/// decision-report deadline the dashboard shows (`domain::deadlines`). None when the case
/// has no open report obligation (not accepted, or already submitted).
fn submission_due(ctx: &FormContext) -> Option<NaiveDate> {
    let case = &ctx.case?.case;
    let mut uncovered = Uncovered::new();
    case_obligations(case, ctx.cal, ctx.today, &mut uncovered)
        .into_iter()
        .find(|o| o.kind == ObligationKind::DecisionReport)
        .map(|o| o.due)
}

/// Art. 10(3): the reason for a late opinion on record, and the help naming the 30-day limit.
fn overdue_reason_now(ctx: &FormContext) -> (String, String) {
    let l = ctx.lang;
    let existing = ctx
        .case
        .and_then(|r| r.case.overdue_reason.clone())
        .unwrap_or_default();
    let help = match submission_due(ctx) {
        Some(due) => t::h_overdue(&due.format("%Y-%m-%d").to_string(), &art("10.3", l), l),
        None => t::h_overdue_unknown(&art("10.3", l), l),
    };
    (existing, help)
}

pub(super) fn submit_fields(ctx: &FormContext) -> Vec<Field> {
    let l = ctx.lang;
    let (existing, help) = overdue_reason_now(ctx);
    vec![
        f::date("on", t::F_DATE.get(l), &today_text(ctx)),
        f::multiline("overdue_reason", t::F_OVERDUE_REASON.get(l), &existing, 3).help(help),
    ]
}

/// Art. 10(3): the reason for a late opinion, recorded before submitting (bundle-v2.md:
/// from `investigating` on). A replacing edit: built against the version the form started
/// from, so a reason saved meanwhile by a teammate comes back as a conflict.
pub(super) fn overdue_reason_fields(ctx: &FormContext) -> Vec<Field> {
    let l = ctx.lang;
    let (existing, help) = overdue_reason_now(ctx);
    let help = format!("{help}{}", t::H_EMPTY_CLEARS.get(l));
    vec![f::multiline("overdue_reason", t::F_OVERDUE_REASON.get(l), &existing, 6).help(help)]
}

pub(super) fn overdue_reason_build(c: &mut Check) -> Option<Command> {
    let reason = c.opt_text("overdue_reason");
    let version = c.form.start().version;
    let (case, _) = c.case()?;
    Some(Command::SetOverdueReason {
        case,
        reason,
        expected_version: version?,
    })
}

pub(super) fn submit_build(c: &mut Check) -> Option<Command> {
    let on = c.date("on");
    let reason = c.opt_text("overdue_reason");
    // Art. 10(3): past the 30 days the delay must be explained.
    if let (Some(on), Some(due), None) = (on, submission_due(c.ctx), &reason)
        && on > due
    {
        let msg = t::overdue_needs_reason(&due.format("%Y-%m-%d").to_string(), c.lang());
        c.fail("overdue_reason", msg);
    }
    let (case, _) = c.case()?;
    Some(Command::Submit {
        case,
        on: on?,
        overdue_reason: reason,
    })
}
