//! The team's findings (Arts. 4–9, 11(7)), asked as plain-language questions, one per rule
//! of Arts. 5 and 7, never as rule codes. Prefilled from the case's current findings and
//! submitted with the case's version, so a concurrent edit is a conflict.

use std::collections::BTreeMap;

use serde_json::json;

use super::super::fields::{self as f, Cond, Field, Opt};
use super::intake::{enum_tag, enum_untag};
use super::{Check, logins_to_opts, people, person_label};
use crate::domain::model::{
    Aggravating, Circumstances, Culpability, Exempting, Findings, RuleCode, RuleFinding, Superior,
    WrongfulCase,
};
use crate::i18n::forms as t;
use crate::ui::forms::FormContext;
use crate::workflow::Command;

/// The yes/no question's field id per rule.
pub(crate) fn rule_id(code: RuleCode) -> &'static str {
    use RuleCode as C;
    match code {
        C::R5_1 => "r5.1",
        C::R5_2_1 => "r5.2.1",
        C::R5_2_2 => "r5.2.2",
        C::R5_2_3 => "r5.2.3",
        C::R5_2_4 => "r5.2.4",
        C::R5_2_5 => "r5.2.5",
        C::R5_2_6 => "r5.2.6",
        C::R5_2_7 => "r5.2.7",
        C::R5_2_8 => "r5.2.8",
        C::R5_2_9 => "r5.2.9",
        C::R5_2_10 => "r5.2.10",
        C::R5_3 => "r5.3",
        C::R5_4 => "r5.4",
        C::R7_1 => "r7.1",
        C::R7_2_1 => "r7.2.1",
        C::R7_2_2 => "r7.2.2",
        C::R7_2_3 => "r7.2.3",
        C::R7_3 => "r7.3",
        C::R7_4 => "r7.4",
    }
}

/// Per-respondent circumstance fields are numbered by the respondent's position; a case
/// with more respondents than this shows the first ones only (see the report/README).
const MAX_RESPONDENTS: usize = 12;
const AGG_IDS: [&str; MAX_RESPONDENTS] = [
    "agg.0", "agg.1", "agg.2", "agg.3", "agg.4", "agg.5", "agg.6", "agg.7", "agg.8", "agg.9",
    "agg.10", "agg.11",
];
const EX_IDS: [&str; MAX_RESPONDENTS] = [
    "ex.0", "ex.1", "ex.2", "ex.3", "ex.4", "ex.5", "ex.6", "ex.7", "ex.8", "ex.9", "ex.10",
    "ex.11",
];
const CULP_IDS: [&str; MAX_RESPONDENTS] = [
    "culp.0", "culp.1", "culp.2", "culp.3", "culp.4", "culp.5", "culp.6", "culp.7", "culp.8",
    "culp.9", "culp.10", "culp.11",
];
const AGGRAVATING: [Aggravating; 3] = [Aggravating::A8_1, Aggravating::A8_2, Aggravating::A8_4];
const EXEMPTING: [Exempting; 5] = [
    Exempting::E9_1,
    Exempting::E9_2,
    Exempting::E9_3,
    Exempting::E9_4,
    Exempting::E9_5,
];
const WRONGFUL: [WrongfulCase; 7] = WrongfulCase::ALL;

fn yes(id: &'static str) -> Cond {
    Cond::Yes(id)
}

pub(super) fn fields(ctx: &FormContext) -> Vec<Field> {
    let l = ctx.lang;
    let case = ctx.case.map(|r| &r.case);
    let current = case.and_then(|c| c.findings.clone()).unwrap_or_default();
    let on_the_spot = case.is_some_and(|c| c.act.on_the_spot);
    let respondents: Vec<String> = case.map(|c| c.respondents.clone()).unwrap_or_default();
    let found = |code: RuleCode| current.rules.iter().find(|r| r.code() == code);
    let everyone = people(ctx, None);
    let superiors = |with_none: bool| {
        let mut v = Vec::new();
        if with_none {
            v.push(Opt::new("none", t::NOT_INSTRUCTED.get(l)));
        }
        v.push(Opt::new("reviewer", t::INV_REVIEWER.get(l)));
        v.push(Opt::new("approver", t::INV_APPROVER.get(l)));
        v
    };

    let mut out = Vec::new();
    // Sections, so PgDn/PgUp jump between the rules of Art. 5, those of Art. 7, the facts and
    // the people instead of Tab through every question.
    let mut art7_started = false;
    for code in RuleCode::ALL {
        // Art. 7(1) is about an act made on the spot; for any other act the question is moot.
        if code == RuleCode::R7_1 && !on_the_spot {
            continue;
        }
        let id = rule_id(code);
        let mut q = f::yes_no(id, t::question(code).get(l), found(code).is_some());
        let art7 = matches!(
            code,
            RuleCode::R7_1
                | RuleCode::R7_2_1
                | RuleCode::R7_2_2
                | RuleCode::R7_2_3
                | RuleCode::R7_3
                | RuleCode::R7_4
        );
        if code == RuleCode::R5_1 {
            q = q.section(t::S_ART5.get(l));
        } else if art7 && !art7_started {
            art7_started = true;
            q = q.section(t::S_ART7.get(l));
        }
        out.push(q);
        match code {
            RuleCode::R5_2_9 => {
                let (by, agreed) = match found(code) {
                    Some(RuleFinding::R5_2_9 {
                        instructed_by,
                        agreed_by_approver,
                    }) => (instructed_by.map(enum_tag), *agreed_by_approver),
                    _ => (None, false),
                };
                out.push(
                    f::pick(
                        "r5.2.9.instructed_by",
                        t::Q_5_2_9_BY.get(l),
                        superiors(true),
                        Some(by.as_deref().unwrap_or("none")),
                    )
                    .show_if(yes(id)),
                );
                out.push(
                    f::yes_no("r5.2.9.agreed", t::Q_5_2_9_AGREED.get(l), agreed).show_if(
                        Cond::All(vec![
                            yes(id),
                            Cond::PickIn("r5.2.9.instructed_by", vec!["reviewer".into()]),
                        ]),
                    ),
                );
            }
            RuleCode::R5_2_10 => {
                let (by, illegal) = match found(code) {
                    Some(RuleFinding::R5_2_10 {
                        ordered_by,
                        obviously_illegal,
                    }) => (Some(enum_tag(*ordered_by)), *obviously_illegal),
                    _ => (None, false),
                };
                out.push(
                    f::pick(
                        "r5.2.10.ordered_by",
                        t::Q_5_2_10_BY.get(l),
                        superiors(false),
                        by.as_deref(),
                    )
                    .show_if(yes(id)),
                );
                out.push(
                    f::yes_no("r5.2.10.illegal", t::Q_5_2_10_ILLEGAL.get(l), illegal)
                        .help(t::H_5_2_10_ILLEGAL.get(l))
                        .show_if(yes(id)),
                );
            }
            RuleCode::R5_3 => {
                let holder = match found(code) {
                    Some(RuleFinding::R5_3 { post_holder }) => Some(post_holder.as_str()),
                    _ => None,
                };
                out.push(
                    f::people_pick(
                        "r5.3.post_holder",
                        t::Q_5_3_HOLDER.get(l),
                        everyone.clone(),
                        holder,
                    )
                    .show_if(yes(id)),
                );
            }
            RuleCode::R5_4 => {
                let (h, r, changed) = match found(code) {
                    Some(RuleFinding::R5_4 {
                        handling_unit,
                        review_unit,
                        review_unit_changed_act,
                    }) => (
                        handling_unit.as_str(),
                        review_unit.as_str(),
                        *review_unit_changed_act,
                    ),
                    _ => ("", "", false),
                };
                out.push(
                    f::text("r5.4.handling_unit", t::Q_5_4_HANDLING.get(l), h).show_if(yes(id)),
                );
                out.push(f::text("r5.4.review_unit", t::Q_5_4_REVIEW.get(l), r).show_if(yes(id)));
                out.push(
                    f::yes_no("r5.4.changed", t::Q_5_4_CHANGED.get(l), changed).show_if(yes(id)),
                );
            }
            RuleCode::R7_2_1 | RuleCode::R7_3 | RuleCode::R7_4 => {
                let persons = match found(code) {
                    Some(
                        RuleFinding::R7_2_1 { persons }
                        | RuleFinding::R7_3 { persons }
                        | RuleFinding::R7_4 { persons },
                    ) => persons.clone(),
                    _ => Vec::new(),
                };
                let (pid, label) = match code {
                    RuleCode::R7_2_1 => ("r7.2.1.persons", &t::Q_7_2_1_PERSONS),
                    RuleCode::R7_3 => ("r7.3.persons", &t::Q_7_3_PERSONS),
                    _ => ("r7.4.persons", &t::Q_7_4_PERSONS),
                };
                out.push(
                    f::multi(pid, label.get(l), everyone.clone(), &persons, true).show_if(yes(id)),
                );
            }
            _ => {}
        }
    }

    let fault_opts = (1..=22u8)
        .map(|n| Opt::new(n.to_string(), format!("{n:>2}. {}", t::fault_type(n, l))))
        .collect();
    let faults: Vec<String> = current.fault_types.iter().map(u8::to_string).collect();
    out.push(
        f::multi(
            "fault_types",
            t::F_FAULT_TYPES.get(l),
            fault_opts,
            &faults,
            false,
        )
        .help(t::H_FAULT_TYPES.get(l))
        .section(t::S_FACTS.get(l)),
    );
    out.push(f::yes_no(
        "serious",
        t::F_SERIOUS.get(l),
        current.serious_consequences,
    ));
    let mut wrongful = vec![Opt::new("none", t::NOT_WRONGFUL.get(l))];
    wrongful.extend(
        WRONGFUL
            .iter()
            .map(|w| Opt::new(enum_tag(*w), t::wrongful(*w).get(l))),
    );
    let wc = current.wrongful_case.map(enum_tag);
    out.push(f::pick(
        "wrongful_case",
        t::F_WRONGFUL.get(l),
        wrongful,
        Some(wc.as_deref().unwrap_or("none")),
    ));
    out.push(
        f::yes_no(
            "violates_law",
            t::F_VIOLATES_LAW.get(l),
            current.violates_law,
        )
        .help(t::H_VIOLATES_LAW.get(l)),
    );
    out.push(
        f::yes_no(
            "suspected_crime",
            t::F_SUSPECTED_CRIME.get(l),
            current.suspected_crime,
        )
        .help(t::H_SUSPECTED_CRIME.get(l)),
    );
    out.push(
        f::multi(
            "cleared",
            t::F_CLEARED.get(l),
            logins_to_opts(ctx, &respondents),
            &current.cleared,
            false,
        )
        .section(t::S_PEOPLE.get(l)),
    );
    // Who the findings on record grade (none before the first findings are saved).
    let graded: Vec<String> = case
        .filter(|c| c.findings.is_some())
        .and_then(|c| crate::domain::liability::grades(c).ok())
        .unwrap_or_default()
        .into_iter()
        .filter(|(_, g)| *g != crate::domain::model::Grade::None)
        .map(|(login, _)| login)
        .collect();
    for (i, login) in respondents.iter().take(MAX_RESPONDENTS).enumerate() {
        let circ = current
            .circumstances
            .get(login)
            .cloned()
            .unwrap_or_default();
        let name = person_label(ctx, login);
        let agg_opts = AGGRAVATING
            .iter()
            .map(|a| Opt::new(enum_tag(*a), t::aggravating(*a).get(l)))
            .collect();
        let agg: Vec<String> = circ.aggravating.iter().map(|a| enum_tag(*a)).collect();
        out.push(f::multi(
            AGG_IDS[i],
            t::f_aggravating(&name, l),
            agg_opts,
            &agg,
            false,
        ));
        let ex_opts = EXEMPTING
            .iter()
            .map(|e| Opt::new(enum_tag(*e), t::exempting(*e).get(l)))
            .collect();
        let ex: Vec<String> = circ.exempting.iter().map(|e| enum_tag(*e)).collect();
        out.push(f::multi(
            EX_IDS[i],
            t::f_exempting(&name, l),
            ex_opts,
            &ex,
            false,
        ));
        // Art. 2 ¶2: "因故意或者重大过失" — asked of every respondent (anyone the rules grade
        // must be a respondent: `graded_not_respondent`).
        let mut culp_opts = vec![Opt::new("unset", t::CULPABILITY_UNSET.get(l))];
        culp_opts.extend(
            Culpability::ALL
                .iter()
                .map(|c| Opt::new(c.as_str(), t::culpability(*c).get(l))),
        );
        let now = current
            .culpability
            .get(login)
            .map_or("unset", |c| c.as_str());
        let culp = f::pick(
            CULP_IDS[i],
            t::f_culpability(&name, l),
            culp_opts,
            Some(now),
        )
        .help(t::H_CULPABILITY.get(l));
        // Findings on record grade this person and their state of mind is not recorded (a
        // respondent added since, `liability_incomplete`): the form opens on that question.
        let due = now == "unset" && graded.contains(login);
        out.push(if due { culp.start_here() } else { culp });
    }
    // Who had a circumstances entry before, so an untouched empty entry survives a resubmit.
    let keep: Vec<&String> = current.circumstances.keys().collect();
    out.push(f::Field::new(
        "circ_keep",
        "",
        f::FieldKind::Hidden(json!(keep)),
    ));
    out
}

pub(super) fn build(c: &mut Check) -> Option<Command> {
    let form = c.form;
    // The version the form started from, not the refreshed one: a change saved by someone
    // else since then must come back as a conflict, never be overwritten unseen.
    let version = c.form.start().version;
    let (case_no, case) = c.case()?;
    let mut rules = Vec::new();
    for code in RuleCode::ALL {
        let id = rule_id(code);
        if !form.is_shown(id) || !form.yes(id) {
            continue;
        }
        let superior = |s: Option<String>| s.and_then(|s| enum_untag::<Superior>(&s));
        let rule = match code {
            RuleCode::R5_1 => RuleFinding::R5_1 {},
            RuleCode::R5_2_1 => RuleFinding::R5_2_1 {},
            RuleCode::R5_2_2 => RuleFinding::R5_2_2 {},
            RuleCode::R5_2_3 => RuleFinding::R5_2_3 {},
            RuleCode::R5_2_4 => RuleFinding::R5_2_4 {},
            RuleCode::R5_2_5 => RuleFinding::R5_2_5 {},
            RuleCode::R5_2_6 => RuleFinding::R5_2_6 {},
            RuleCode::R5_2_7 => RuleFinding::R5_2_7 {},
            RuleCode::R5_2_8 => RuleFinding::R5_2_8 {},
            RuleCode::R5_2_9 => {
                let instructed_by = superior(form.pick("r5.2.9.instructed_by"));
                // Art. 5(2)9: only a reviewer's instruction can be "agreed by the approver".
                let agreed_by_approver =
                    instructed_by == Some(Superior::Reviewer) && form.yes("r5.2.9.agreed");
                RuleFinding::R5_2_9 {
                    instructed_by,
                    agreed_by_approver,
                }
            }
            RuleCode::R5_2_10 => {
                let Some(ordered_by) = superior(c.pick("r5.2.10.ordered_by")) else {
                    continue;
                };
                RuleFinding::R5_2_10 {
                    ordered_by,
                    obviously_illegal: form.yes("r5.2.10.illegal"),
                }
            }
            RuleCode::R5_3 => {
                let Some(post_holder) = c.pick("r5.3.post_holder") else {
                    continue;
                };
                RuleFinding::R5_3 { post_holder }
            }
            RuleCode::R5_4 => {
                let handling_unit = c.text("r5.4.handling_unit");
                let review_unit = c.text("r5.4.review_unit");
                let (Some(handling_unit), Some(review_unit)) = (handling_unit, review_unit) else {
                    continue;
                };
                RuleFinding::R5_4 {
                    handling_unit,
                    review_unit,
                    review_unit_changed_act: form.yes("r5.4.changed"),
                }
            }
            RuleCode::R7_1 => RuleFinding::R7_1 {},
            RuleCode::R7_2_1 => RuleFinding::R7_2_1 {
                persons: c.multi("r7.2.1.persons", 1),
            },
            RuleCode::R7_2_2 => RuleFinding::R7_2_2 {},
            RuleCode::R7_2_3 => RuleFinding::R7_2_3 {},
            RuleCode::R7_3 => RuleFinding::R7_3 {
                persons: c.multi("r7.3.persons", 1),
            },
            RuleCode::R7_4 => RuleFinding::R7_4 {
                persons: c.multi("r7.4.persons", 1),
            },
        };
        rules.push(rule);
    }

    let mut fault_types: Vec<u8> = form
        .multi("fault_types")
        .iter()
        .filter_map(|s| s.parse().ok())
        .collect();
    fault_types.sort_unstable();
    let wrongful_case = form
        .pick("wrongful_case")
        .filter(|w| w != "none")
        .and_then(|w| enum_untag::<WrongfulCase>(&w));
    let cleared = form.multi("cleared");
    // A person cannot be both cleared and named by a rule (bundle-v1: an error, not a guess).
    for rule in &rules {
        let named: Vec<&String> = match rule {
            RuleFinding::R5_3 { post_holder } => vec![post_holder],
            RuleFinding::R7_2_1 { persons }
            | RuleFinding::R7_3 { persons }
            | RuleFinding::R7_4 { persons } => persons.iter().collect(),
            _ => Vec::new(),
        };
        if let Some(p) = named.into_iter().find(|p| cleared.contains(p)) {
            let msg = t::cleared_but_named(c.ctx.dir.name(p), c.lang());
            c.fail("cleared", msg);
        }
    }
    let keep: Vec<String> = serde_json::from_value(form.hidden("circ_keep")).unwrap_or_default();
    let mut circumstances = BTreeMap::new();
    for (i, login) in case.respondents.iter().take(MAX_RESPONDENTS).enumerate() {
        let aggravating: Vec<Aggravating> = form
            .multi(AGG_IDS[i])
            .iter()
            .filter_map(|s| enum_untag(s))
            .collect();
        let exempting: Vec<Exempting> = form
            .multi(EX_IDS[i])
            .iter()
            .filter_map(|s| enum_untag(s))
            .collect();
        if !aggravating.is_empty() || !exempting.is_empty() || keep.contains(login) {
            circumstances.insert(
                login.clone(),
                Circumstances {
                    aggravating,
                    exempting,
                },
            );
        }
    }
    // Art. 2 ¶2: each respondent's state of mind; entries for people beyond the form's
    // respondents (recorded elsewhere) are kept as they were.
    let mut culpability = current_culpability(c);
    for (i, login) in case.respondents.iter().take(MAX_RESPONDENTS).enumerate() {
        match form
            .pick(CULP_IDS[i])
            .and_then(|v| Culpability::ALL.into_iter().find(|c| c.as_str() == v))
        {
            Some(v) => culpability.insert(login.clone(), v),
            None => culpability.remove(login),
        };
    }
    Some(Command::SetFindings {
        case: case_no,
        findings: Findings {
            fault_types,
            serious_consequences: form.yes("serious"),
            wrongful_case,
            violates_law: form.yes("violates_law"),
            suspected_crime: form.yes("suspected_crime"),
            rules,
            cleared,
            circumstances,
            culpability,
        },
        expected_version: version?,
    })
}

/// The culpability already recorded on the case, if any.
fn current_culpability(c: &Check) -> BTreeMap<String, Culpability> {
    c.ctx
        .case
        .and_then(|r| r.case.findings.as_ref())
        .map(|f| f.culpability.clone())
        .unwrap_or_default()
}
