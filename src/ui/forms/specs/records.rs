//! What the team collects (Art. 10(2)): evidence, interviews, the note on interested
//! parties, and the collective deliberation (集体研究, Art. 10(3)).

use std::path::PathBuf;

use super::super::fields::{self as f, Cond, Field, Opt};
use super::intake::{enum_tag, enum_untag};
use super::{Check, logins_to_opts, people, today_text};
use crate::domain::model::{Deliberation, EVIDENCE_KINDS, Interview, InterviewKind};
use crate::i18n::forms as t;
use crate::ui::forms::FormContext;
use crate::workflow::Command;

const INTERVIEW_KINDS: [InterviewKind; 5] = [
    InterviewKind::StatementDefence,
    InterviewKind::Officer,
    InterviewKind::Counterpart,
    InterviewKind::InterestedParty,
    InterviewKind::Witness,
];

pub(super) fn evidence_fields(ctx: &FormContext) -> Vec<Field> {
    let l = ctx.lang;
    let kinds = EVIDENCE_KINDS
        .iter()
        .map(|k| Opt::new(*k, t::evidence_kind(k).get(l)))
        .collect();
    vec![
        f::pick("kind", t::F_EVIDENCE_KIND.get(l), kinds, Some("document")),
        f::text("description", t::F_DESCRIPTION.get(l), ""),
        f::date("collected_on", t::F_COLLECTED_ON.get(l), &today_text(ctx)),
        f::text("file", t::F_FILE.get(l), "").help(t::H_FILE.get(l)),
    ]
}

/// The attachment must be a regular file we can read now; the workflow copies it later.
pub(super) fn check_file(path: &str) -> Result<PathBuf, &'static crate::i18n::forms::T> {
    let p = PathBuf::from(path);
    let meta = std::fs::metadata(&p).map_err(|_| &t::FILE_MISSING)?;
    if !meta.is_file() {
        return Err(&t::FILE_NOT_REGULAR);
    }
    std::fs::File::open(&p).map_err(|_| &t::FILE_UNREADABLE)?;
    Ok(p)
}

pub(super) fn evidence_build(c: &mut Check) -> Option<Command> {
    let kind = c.pick("kind");
    let description = c.text("description");
    let collected_on = c.date("collected_on");
    let file = match c.opt_text("file") {
        None => Some(None),
        Some(path) => match check_file(&path) {
            Ok(p) => Some(Some(p)),
            Err(e) => {
                let msg = e.get(c.lang()).to_string();
                c.fail("file", msg);
                None
            }
        },
    };
    let (case, _) = c.case()?;
    Some(Command::AddEvidence {
        case,
        kind: kind?,
        description: description?,
        collected_on: collected_on?,
        file: file?,
    })
}

fn login_kinds() -> Vec<String> {
    INTERVIEW_KINDS
        .iter()
        .filter(|k| k.interviewee_is_login())
        .map(|k| enum_tag(*k))
        .collect()
}

pub(super) fn interview_fields(ctx: &FormContext) -> Vec<Field> {
    let l = ctx.lang;
    let kinds = INTERVIEW_KINDS
        .iter()
        .map(|k| Opt::new(enum_tag(*k), t::interview_kind(*k).get(l)))
        .collect();
    // Respondents first: the statement and defence (陈述申辩) is theirs.
    let mut persons = Vec::new();
    if let Some(r) = ctx.case {
        persons = logins_to_opts(ctx, &r.case.respondents);
    }
    for p in people(ctx, None) {
        if !persons.iter().any(|o| o.key == p.key) {
            persons.push(p);
        }
    }
    let first = ctx.case.and_then(|r| r.case.respondents.first().cloned());
    let team: Vec<String> = match ctx.case {
        Some(r) => r
            .case
            .active_investigators(None)
            .iter()
            .map(|s| s.to_string())
            .collect(),
        None => Vec::new(),
    };
    let mut interviewer_opts = logins_to_opts(ctx, &team);
    if !team.contains(&ctx.me.login) {
        interviewer_opts.insert(
            0,
            Opt::new(&ctx.me.login, super::person_label(ctx, &ctx.me.login)),
        );
    }
    let statement = vec![enum_tag(InterviewKind::StatementDefence)];
    vec![
        f::date("on", t::F_DATE.get(l), &today_text(ctx)),
        f::pick(
            "kind",
            t::F_INTERVIEW_KIND.get(l),
            kinds,
            Some("statement_defence"),
        ),
        f::people_pick(
            "interviewee_login",
            t::F_INTERVIEWEE.get(l),
            persons,
            first.as_deref(),
        )
        .show_if(Cond::PickIn("kind", login_kinds())),
        f::text("interviewee_text", t::F_INTERVIEWEE.get(l), "")
            .help(t::H_INTERVIEWEE_TEXT.get(l))
            .show_if(Cond::PickNotIn("kind", login_kinds())),
        f::multi(
            "interviewers",
            t::F_INTERVIEWERS.get(l),
            interviewer_opts,
            std::slice::from_ref(&ctx.me.login),
            true,
        ),
        f::multiline("transcript", t::F_TRANSCRIPT.get(l), "", 8),
        f::yes_no("signed", t::F_SIGNED.get(l), false),
        f::yes_no("waived", t::F_WAIVED.get(l), false)
            .help(t::H_WAIVED.get(l))
            .show_if(Cond::PickIn("kind", statement)),
    ]
}

pub(super) fn interview_build(c: &mut Check) -> Option<Command> {
    let on = c.date("on");
    let kind = c.pick("kind").and_then(|k| enum_untag::<InterviewKind>(&k));
    let interviewee = if kind.is_some_and(InterviewKind::interviewee_is_login) {
        c.pick("interviewee_login")
    } else {
        c.text("interviewee_text")
    };
    let interviewers = c.multi("interviewers", 1);
    let transcript = c.text("transcript");
    let waived = c.form.is_shown("waived") && c.form.yes("waived");
    let (case, _) = c.case()?;
    Some(Command::RecordInterview {
        case,
        interview: Interview {
            on: on?,
            kind: kind?,
            interviewee: interviewee?,
            interviewers,
            transcript: transcript?,
            signed: c.form.yes("signed"),
            waived,
        },
    })
}

pub(super) fn note_fields(ctx: &FormContext) -> Vec<Field> {
    let l = ctx.lang;
    let note = ctx
        .case
        .and_then(|r| r.case.interested_parties_note.clone())
        .unwrap_or_default();
    vec![f::multiline("note", t::F_IP_NOTE.get(l), &note, 6).help(t::H_IP_NOTE.get(l))]
}

pub(super) fn note_build(c: &mut Check) -> Option<Command> {
    let note = c.opt_text("note");
    // The version the form started from, not the refreshed one: a change saved by someone
    // else since then must come back as a conflict, never be overwritten unseen.
    let version = c.form.start().version;
    let (case, _) = c.case()?;
    Some(Command::SetInterestedPartiesNote {
        case,
        note,
        expected_version: version?,
    })
}

pub(super) fn deliberate_fields(ctx: &FormContext) -> Vec<Field> {
    let l = ctx.lang;
    let team: Vec<String> = ctx
        .case
        .map(|r| {
            r.case
                .active_investigators(None)
                .iter()
                .map(|s| s.to_string())
                .collect()
        })
        .unwrap_or_default();
    let mut opts = logins_to_opts(ctx, &team);
    for p in people(ctx, None) {
        if !opts.iter().any(|o| o.key == p.key) {
            opts.push(p);
        }
    }
    vec![
        f::date("on", t::F_DATE.get(l), &today_text(ctx)),
        f::multi("attendees", t::F_ATTENDEES.get(l), opts, &team, true),
        f::multiline("minutes", t::F_MINUTES.get(l), "", 6),
    ]
}

pub(super) fn deliberate_build(c: &mut Check) -> Option<Command> {
    let on = c.date("on");
    let attendees = c.multi("attendees", 1);
    let minutes = c.text("minutes");
    let (case, _) = c.case()?;
    Some(Command::Deliberate {
        case,
        deliberation: Deliberation {
            on: on?,
            attendees,
            minutes: minutes?,
        },
    })
}
