//! What the team collects (Art. 10(2)): evidence, interviews, the note on interested
//! parties, and the collective deliberation (集体研究, Art. 10(3)).

use std::path::PathBuf;

use super::super::fields::{self as f, Cond, Field, Opt};
use super::intake::{enum_tag, enum_untag};
use super::{Check, logins_to_opts, people, today_text};
use crate::domain::conflict::involvement;
use crate::domain::hearing;
use crate::domain::model::{
    Case, Deliberation, EVIDENCE_KINDS, Interview, InterviewKind, Relation,
};
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
        f::text("description", t::F_DESCRIPTION.get(l), "").start_here(),
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

/// The hearing the record still lacks (Art. 10(2): the team hears the respondents and the
/// people affected), so the interview form opens on it.
#[derive(Debug, PartialEq)]
enum NextHearing {
    /// The first respondent with no counted statement and defence (陈述申辩).
    Defence(String),
    /// Every respondent is heard; no counted counterpart or interested-party hearing and no
    /// note on why none can be.
    Counterpart,
}

fn next_hearing(case: &Case, relations: &[Relation]) -> Option<NextHearing> {
    let counted = |kind: &[InterviewKind], who: Option<&str>| {
        case.interviews.iter().any(|iv| {
            kind.contains(&iv.kind)
                && who.is_none_or(|w| iv.interviewee == w)
                && hearing::counts(case, relations, iv)
        })
    };
    if let Some(r) = case
        .respondents
        .iter()
        .find(|r| !counted(&[InterviewKind::StatementDefence], Some(r.as_str())))
    {
        return Some(NextHearing::Defence(r.clone()));
    }
    let affected = [InterviewKind::Counterpart, InterviewKind::InterestedParty];
    (!counted(&affected, None) && case.interested_parties_note.is_none())
        .then_some(NextHearing::Counterpart)
}

/// Who conducts the hearing, preselected: the recorder, and — when the team has exactly two
/// un-recused members who are not involved, the recorder one of them — both, since only
/// they can make a hearing count (Art. 10(2): two or more, none involved).
fn default_interviewers(ctx: &FormContext, case: &Case) -> Vec<String> {
    let me = ctx.me.login.clone();
    let able: Vec<String> = case
        .active_investigators(None)
        .into_iter()
        .filter(|m| involvement(m, case, ctx.dir.relations()).is_empty())
        .map(String::from)
        .collect();
    if able.len() == 2 && able.contains(&me) {
        able
    } else {
        vec![me]
    }
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
    let next = ctx
        .case
        .and_then(|r| next_hearing(&r.case, ctx.dir.relations()));
    let first = match &next {
        Some(NextHearing::Defence(r)) => Some(r.clone()),
        _ => ctx.case.and_then(|r| r.case.respondents.first().cloned()),
    };
    let kind = match next {
        Some(NextHearing::Counterpart) => InterviewKind::Counterpart,
        _ => InterviewKind::StatementDefence,
    };
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
    let interviewers = match ctx.case {
        Some(r) => default_interviewers(ctx, &r.case),
        None => vec![ctx.me.login.clone()],
    };
    let statement = vec![enum_tag(InterviewKind::StatementDefence)];
    vec![
        f::date("on", t::F_DATE.get(l), &today_text(ctx)),
        f::pick(
            "kind",
            t::F_INTERVIEW_KIND.get(l),
            kinds,
            Some(&enum_tag(kind)),
        ),
        f::people_pick(
            "interviewee_login",
            t::F_INTERVIEWEE.get(l),
            persons,
            first.as_deref(),
        )
        .show_if(Cond::PickIn("kind", login_kinds())),
        // The form opens on the first answer the record cannot give: who a counterpart is,
        // or else the transcript.
        f::text("interviewee_text", t::F_INTERVIEWEE.get(l), "")
            .help(t::H_INTERVIEWEE_TEXT.get(l))
            .show_if(Cond::PickNotIn("kind", login_kinds()))
            .start_here(),
        f::multi(
            "interviewers",
            t::F_INTERVIEWERS.get(l),
            interviewer_opts,
            &interviewers,
            true,
        ),
        f::multiline("transcript", t::F_TRANSCRIPT.get(l), "", 8).start_here(),
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
        // Date and attendees come from the record: the form opens on the minutes.
        f::multiline("minutes", t::F_MINUTES.get(l), "", 6).start_here(),
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
