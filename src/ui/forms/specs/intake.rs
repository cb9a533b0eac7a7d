//! Intake (Art. 10(1): a complaint, appeal or report arrives) and declaring a relation.

use super::super::fields::{self as f, Cond, Field, Opt};
use super::{Check, people, today_text};
use crate::domain::model::{Act, ActKind, Complainant, Relation, RelationKind, Source};
use crate::i18n::forms as t;
use crate::ui::forms::FormContext;
use crate::workflow::Command;

const SOURCES: [Source; 4] = [
    Source::Complaint,
    Source::Appeal,
    Source::Report,
    Source::Referral,
];
const ACT_KINDS: [ActKind; 5] = [
    ActKind::License,
    ActKind::Inspection,
    ActKind::Penalty,
    ActKind::Coercion,
    ActKind::Reconsideration,
];
const RELATION_KINDS: [RelationKind; 6] = [
    RelationKind::Relative,
    RelationKind::Spouse,
    RelationKind::Superior,
    RelationKind::Subordinate,
    RelationKind::Interest,
    RelationKind::Other,
];

pub(super) fn enum_tag<T: serde::Serialize>(v: T) -> String {
    serde_json::to_value(v)
        .ok()
        .and_then(|v| v.as_str().map(String::from))
        .unwrap_or_default()
}

pub(super) fn enum_untag<T: serde::de::DeserializeOwned>(s: &str) -> Option<T> {
    serde_json::from_value(serde_json::Value::String(s.to_string())).ok()
}

pub(super) fn intake_fields(ctx: &FormContext) -> Vec<Field> {
    let l = ctx.lang;
    let sources = SOURCES
        .iter()
        .map(|s| Opt::new(enum_tag(*s), t::source(*s).get(l)))
        .collect();
    let kinds = ACT_KINDS
        .iter()
        .map(|k| Opt::new(enum_tag(*k), t::act_kind(*k).get(l)))
        .collect();
    let officers = people(ctx, None);
    vec![
        f::text("title", t::F_TITLE.get(l), ""),
        f::pick("source", t::F_SOURCE.get(l), sources, Some("complaint")),
        f::date("received_on", t::F_RECEIVED_ON.get(l), &today_text(ctx)),
        f::yes_no("anonymous", t::F_ANONYMOUS.get(l), false),
        f::text("complainant_name", t::F_COMPLAINANT_NAME.get(l), "")
            .show_if(Cond::No("anonymous")),
        f::text("complainant_contact", t::F_COMPLAINANT_CONTACT.get(l), "")
            .show_if(Cond::No("anonymous")),
        f::multiline("summary", t::F_SUMMARY.get(l), "", 4),
        f::pick("act_kind", t::F_ACT_KIND.get(l), kinds, Some("penalty")),
        f::text("reference", t::F_REFERENCE.get(l), ""),
        f::yes_no("on_the_spot", t::F_ON_THE_SPOT.get(l), false),
        f::people_pick("handler", t::F_HANDLER.get(l), officers.clone(), None),
        f::people_pick("reviewer", t::F_REVIEWER.get(l), officers.clone(), None)
            .help(t::H_OPTIONAL_PERSON.get(l)),
        f::people_pick("approver", t::F_APPROVER.get(l), officers.clone(), None)
            .help(t::H_OPTIONAL_PERSON.get(l)),
        f::multi("respondents", t::F_RESPONDENTS.get(l), officers, &[], true),
    ]
}

pub(super) fn intake_build(c: &mut Check) -> Option<Command> {
    let title = c.text("title");
    let source = c.pick("source").and_then(|s| enum_untag::<Source>(&s));
    let received_on = c.date("received_on");
    // Art. 10(1): a named complainant must be told the result, so a name is needed unless
    // the report is anonymous.
    let complainant = if c.form.yes("anonymous") {
        Some(None)
    } else {
        let name = c.text("complainant_name");
        let contact = c.form.text("complainant_contact");
        name.map(|name| Some(Complainant { name, contact }))
    };
    let summary = c.text("summary");
    let kind = c.pick("act_kind").and_then(|s| enum_untag::<ActKind>(&s));
    let reference = c.text("reference");
    let handler = c.pick("handler");
    let reviewer = c.form.pick("reviewer");
    let approver = c.form.pick("approver");
    let respondents = c.multi("respondents", 1);
    Some(Command::Intake {
        number: None,
        title: title?,
        source: source?,
        received_on: received_on?,
        complainant: complainant?,
        summary: summary?,
        act: Act {
            kind: kind?,
            reference: reference?,
            on_the_spot: c.form.yes("on_the_spot"),
            handler: handler?,
            reviewer,
            approver,
        },
        respondents,
    })
}

pub(super) fn relation_fields(ctx: &FormContext) -> Vec<Field> {
    let l = ctx.lang;
    let kinds = RELATION_KINDS
        .iter()
        .map(|k| Opt::new(enum_tag(*k), t::relation_kind(*k).get(l)))
        .collect();
    vec![
        f::people_pick("a", t::F_REL_A.get(l), people(ctx, None), None),
        f::people_pick("b", t::F_REL_B.get(l), people(ctx, None), None),
        f::pick("kind", t::F_REL_KIND.get(l), kinds, Some("relative")),
        f::text("note", t::F_NOTE.get(l), "").help(t::H_OPTIONAL.get(l)),
    ]
}

pub(super) fn relation_build(c: &mut Check) -> Option<Command> {
    let a = c.pick("a");
    let b = c.pick("b");
    if a.is_some() && a == b {
        let msg = t::REL_SAME.get(c.lang()).to_string();
        c.fail("b", msg);
    }
    let kind = c.pick("kind").and_then(|s| enum_untag::<RelationKind>(&s));
    Some(Command::AddRelation(Relation {
        a: a?,
        b: b?,
        kind: kind?,
        note: c.opt_text("note"),
    }))
}
