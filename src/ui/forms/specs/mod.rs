//! What each form asks and which command its answers make. One file per family of steps;
//! this file dispatches and holds the helpers they share.

mod decision;
mod findings;
mod intake;
mod records;
mod steps;

use chrono::NaiveDate;

use super::fields::amount::parse_amount;
use super::fields::date::parse_date;
use super::fields::{Field, Opt};
use super::{FieldErrors, Form, FormContext, Step};
use crate::domain::conflict::{Involvement, involvement};
use crate::domain::model::{Case, Role};
use crate::i18n::forms as t;
use crate::i18n::{Lang, cite};
use crate::workflow::Command;

pub(super) fn fields(kind: Step, ctx: &FormContext) -> Vec<Field> {
    use Step as K;
    match kind {
        K::Intake => intake::intake_fields(ctx),
        K::AddRelation => intake::relation_fields(ctx),
        K::Accept | K::Reject | K::Notify | K::Close => steps::simple_fields(kind, ctx),
        K::AppointTeam => steps::appoint_fields(ctx),
        K::Recuse => steps::recuse_fields(ctx),
        K::AddRespondent => steps::add_respondent_fields(ctx),
        K::Submit => steps::submit_fields(ctx),
        K::AddEvidence => records::evidence_fields(ctx),
        K::RecordInterview => records::interview_fields(ctx),
        K::InterestedPartiesNote => records::note_fields(ctx),
        K::OverdueReason => steps::overdue_reason_fields(ctx),
        K::Deliberate => records::deliberate_fields(ctx),
        K::Findings => findings::fields(ctx),
        K::Decide => decision::decide_fields(ctx),
        K::ApplySanction => decision::sanction_fields(ctx),
        K::FileAppeal => decision::file_appeal_fields(ctx),
        K::AcceptAppeal | K::DecideAppeal => decision::appeal_step_fields(kind, ctx),
    }
}

pub(super) fn build(kind: Step, form: &Form, ctx: &FormContext) -> Result<Command, FieldErrors> {
    let mut c = Check {
        form,
        ctx,
        errors: Vec::new(),
    };
    use Step as K;
    let cmd = match kind {
        K::Intake => intake::intake_build(&mut c),
        K::AddRelation => intake::relation_build(&mut c),
        K::Accept | K::Reject | K::Notify | K::Close => steps::simple_build(kind, &mut c),
        K::AppointTeam => steps::appoint_build(&mut c),
        K::Recuse => steps::recuse_build(&mut c),
        K::AddRespondent => steps::add_respondent_build(&mut c),
        K::Submit => steps::submit_build(&mut c),
        K::AddEvidence => records::evidence_build(&mut c),
        K::RecordInterview => records::interview_build(&mut c),
        K::InterestedPartiesNote => records::note_build(&mut c),
        K::OverdueReason => steps::overdue_reason_build(&mut c),
        K::Deliberate => records::deliberate_build(&mut c),
        K::Findings => findings::build(&mut c),
        K::Decide => decision::decide_build(&mut c),
        K::ApplySanction => decision::sanction_build(&mut c),
        K::FileAppeal => decision::file_appeal_build(&mut c),
        K::AcceptAppeal | K::DecideAppeal => decision::appeal_step_build(kind, &mut c),
    };
    match cmd {
        Some(cmd) if c.errors.is_empty() => Ok(cmd),
        _ => Err(c.errors),
    }
}

/// Reads answers from a form, collecting an error per field instead of stopping at the first.
pub(super) struct Check<'a> {
    pub form: &'a Form,
    pub ctx: &'a FormContext<'a>,
    pub errors: FieldErrors,
}

impl<'a> Check<'a> {
    pub fn lang(&self) -> Lang {
        self.ctx.lang
    }
    pub fn fail(&mut self, id: &'static str, msg: impl Into<String>) {
        self.errors.push((id, msg.into()));
    }
    pub fn required(&mut self, id: &'static str) {
        let msg = t::REQUIRED.get(self.lang()).to_string();
        self.fail(id, msg);
    }
    pub fn date(&mut self, id: &'static str) -> Option<NaiveDate> {
        match parse_date(&self.form.text(id), self.ctx.today, self.lang()) {
            Ok(d) => Some(d),
            Err(e) => {
                self.fail(id, e);
                None
            }
        }
    }
    pub fn text(&mut self, id: &'static str) -> Option<String> {
        let s = self.form.text(id);
        if s.is_empty() {
            self.required(id);
            return None;
        }
        Some(s)
    }
    /// Free text that may be left empty.
    pub fn opt_text(&self, id: &'static str) -> Option<String> {
        Some(self.form.text(id)).filter(|s| !s.is_empty())
    }
    pub fn pick(&mut self, id: &'static str) -> Option<String> {
        let v = self.form.pick(id);
        if v.is_none() {
            let msg = t::CHOOSE_ONE.get(self.lang()).to_string();
            self.fail(id, msg);
        }
        v
    }
    pub fn multi(&mut self, id: &'static str, min: usize) -> Vec<String> {
        let v = self.form.multi(id);
        if v.len() < min {
            let msg = t::choose_at_least(min, self.lang());
            self.fail(id, msg);
        }
        v
    }
    pub fn amount(&mut self, id: &'static str) -> Option<f64> {
        match parse_amount(&self.form.text(id), self.lang()) {
            Ok(a) => Some(a),
            Err(e) => {
                self.fail(id, e);
                None
            }
        }
    }
    /// The case number, or a form-level error when the form was opened without a case.
    pub fn case(&mut self) -> Option<(String, &'a Case)> {
        match self.ctx.case {
            Some(r) => Some((r.case.number.clone(), &r.case)),
            None => {
                let msg = t::NO_CASE.get(self.lang()).to_string();
                self.fail("", msg);
                None
            }
        }
    }
}

/// "孙强 (sunq)" — names are what people recognise, logins what they type to filter.
pub(super) fn person_label(ctx: &FormContext, login: &str) -> String {
    let name = ctx.dir.name(login);
    if name == login {
        login.to_string()
    } else {
        format!("{name} ({login})")
    }
}

/// Everyone in the directory, optionally only holders of `role`.
pub(super) fn people(ctx: &FormContext, role: Option<Role>) -> Vec<Opt> {
    ctx.dir
        .people()
        .filter(|p| role.is_none_or(|r| p.has(r)))
        .map(|p| Opt::new(&p.login, person_label(ctx, &p.login)))
        .collect()
}

pub(super) fn logins_to_opts(ctx: &FormContext, logins: &[impl AsRef<str>]) -> Vec<Opt> {
    logins
        .iter()
        .map(|l| Opt::new(l.as_ref(), person_label(ctx, l.as_ref())))
        .collect()
}

/// Why `login` is involved in the case, in words, or None. Art. 10(2), 10(3): involved
/// investigators and committee members must recuse.
pub(super) fn involvement_note(ctx: &FormContext, case: &Case, login: &str) -> Option<String> {
    let reasons = involvement(login, case, ctx.dir.relations());
    if reasons.is_empty() {
        return None;
    }
    let lang = ctx.lang;
    let words: Vec<String> = reasons
        .iter()
        .map(|r| match r {
            Involvement::Respondent => t::INV_RESPONDENT.get(lang).to_string(),
            Involvement::Handler => t::INV_HANDLER.get(lang).to_string(),
            Involvement::Reviewer => t::INV_REVIEWER.get(lang).to_string(),
            Involvement::Approver => t::INV_APPROVER.get(lang).to_string(),
            Involvement::NamedByRule { rule } => match lang {
                crate::i18n::Lang::Zh => {
                    format!("{}所列人员", crate::i18n::cite(rule.as_str(), lang))
                }
                crate::i18n::Lang::En => {
                    format!("named by {}", crate::i18n::cite(rule.as_str(), lang))
                }
            },
            Involvement::Related {
                respondent,
                relation,
                party,
            } => t::inv_related(
                &crate::i18n::party(*party, ctx.dir.name(respondent), lang),
                *relation,
                lang,
            ),
        })
        .collect();
    Some(t::involved_note(&words.join(lang.pick("；", "; ")), lang))
}

pub(super) fn today_text(ctx: &FormContext) -> String {
    ctx.today.format("%Y-%m-%d").to_string()
}

/// "第十条第（二）项" / "Art. 10(2)" for labels and help lines.
pub(super) fn art(code: &str, lang: Lang) -> String {
    cite(code, lang)
}
