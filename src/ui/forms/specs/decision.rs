//! The committee's decision (Art. 10(3)), sanctions (Art. 11) and the Civil Servant Law
//! remedies that may follow (复核 / 申诉).

use std::collections::BTreeMap;

use super::super::fields::{self as f, Cond, Field, Opt};
use super::intake::{enum_tag, enum_untag};
use super::{Check, art, involvement_note, logins_to_opts, person_label, today_text};
use crate::domain::liability::{PersonVerdict, RuleError, liability};
use crate::domain::model::{
    Appeal, AppealKind, AppealOutcome, Case, DecidedOutcome, Decision, Grade, Measure, Role,
    Sanction, WrongfulCase,
};
use crate::i18n::forms as t;
use crate::i18n::rules::{outcome_name, rule_error};
use crate::ui::forms::{FormContext, Step};
use crate::workflow::Command;

const MAX_RESPONDENTS: usize = 12;
const GRADE_IDS: [&str; MAX_RESPONDENTS] = [
    "grade.0", "grade.1", "grade.2", "grade.3", "grade.4", "grade.5", "grade.6", "grade.7",
    "grade.8", "grade.9", "grade.10", "grade.11",
];
const EXEMPT_IDS: [&str; MAX_RESPONDENTS] = [
    "exempted.0",
    "exempted.1",
    "exempted.2",
    "exempted.3",
    "exempted.4",
    "exempted.5",
    "exempted.6",
    "exempted.7",
    "exempted.8",
    "exempted.9",
    "exempted.10",
    "exempted.11",
];
const MEASURE_IDS: [&str; MAX_RESPONDENTS] = [
    "measures.0",
    "measures.1",
    "measures.2",
    "measures.3",
    "measures.4",
    "measures.5",
    "measures.6",
    "measures.7",
    "measures.8",
    "measures.9",
    "measures.10",
    "measures.11",
];
const GRADES: [Grade; 7] = [
    Grade::Direct,
    Grade::Corresponding,
    Grade::Supervisory,
    Grade::ImportantLeadership,
    Grade::Leadership,
    Grade::Shared,
    Grade::None,
];

/// The Art. 11 measures open for this case: 11.6 only where the findings record state
/// compensation (Art. 11(6): "因行政执法过错引起行政赔偿的"), 11.7 only where a crime is
/// suspected (Art. 11(7)). Import refuses either without its condition; the form does not
/// offer it.
fn measure_opts(ctx: &FormContext, case: Option<&Case>) -> Vec<Opt> {
    let (compensation, crime) = measure_conditions(case);
    Measure::ALL
        .iter()
        .filter(|m| match m {
            Measure::M11_6 => compensation,
            Measure::M11_7 => crime,
            _ => true,
        })
        .map(|m| Opt::new(m.as_str(), t::measure(*m).get(ctx.lang)))
        .collect()
}

/// Whether 11.6 and 11.7 are open: (state compensation recorded, crime suspected).
fn measure_conditions(case: Option<&Case>) -> (bool, bool) {
    let f = case.and_then(|c| c.findings.as_ref());
    (
        f.is_some_and(|f| f.wrongful_case == Some(WrongfulCase::Compensation)),
        f.is_some_and(|f| f.suspected_crime),
    )
}

/// The help line of a measures field: why 11.6 or 11.7 is not offered, if it is not.
fn measures_help(ctx: &FormContext, case: Option<&Case>) -> String {
    let (compensation, crime) = measure_conditions(case);
    t::measures_absent(!compensation, !crime, ctx.lang)
}

/// What the liability engine says of each respondent, with the same priors (Art. 8(3)) as
/// the liability panel, so the form and the panel never disagree.
fn suggestions(
    ctx: &FormContext,
    case: &Case,
) -> Result<BTreeMap<String, PersonVerdict>, RuleError> {
    let v = liability(case, ctx.dir, ctx.priors, ctx.today)?;
    Ok(v.persons
        .into_iter()
        .map(|p| (p.login.clone(), p))
        .collect())
}

/// The grade choice for one respondent: the suggested grade preselected and marked with the
/// suggested outcome; when the findings cannot be applied, "none" preselected and marked so
/// the committee sees it must decide by hand, with the rule error in the help line.
fn grade_field(
    i: usize,
    name: &str,
    suggested: &Result<BTreeMap<String, PersonVerdict>, RuleError>,
    login: &str,
    l: crate::i18n::Lang,
) -> Field {
    let (grade, note, help) = match suggested {
        Ok(map) => {
            let p = map.get(login);
            let grade = p.map_or(Grade::None, |p| p.grade);
            let note = p.map(|p| t::grade_suggested(outcome_name(p.outcome, l), l));
            (grade, note, t::H_GRADE.get(l).to_string())
        }
        Err(e) => (
            Grade::None,
            Some(t::GRADE_NOT_SUGGESTED.get(l).to_string()),
            t::h_grade_rule_error(&rule_error(e, l), l),
        ),
    };
    let opts: Vec<Opt> = GRADES
        .iter()
        .map(|g| {
            let o = Opt::new(g.as_str(), t::grade(*g).get(l));
            if *g == grade { o.note(note.clone()) } else { o }
        })
        .collect();
    f::pick(
        GRADE_IDS[i],
        t::f_grade(name, l),
        opts,
        Some(grade.as_str()),
    )
    .help(help)
}

pub(super) fn decide_fields(ctx: &FormContext) -> Vec<Field> {
    let l = ctx.lang;
    let Some(record) = ctx.case else {
        return vec![f::date("on", t::F_DATE.get(l), &today_text(ctx))];
    };
    let case = &record.case;
    let members: Vec<Opt> = ctx
        .dir
        .people()
        .filter(|p| p.has(Role::Committee))
        .map(|p| {
            Opt::new(&p.login, person_label(ctx, &p.login))
                .note(involvement_note(ctx, case, &p.login))
        })
        .collect();
    let all: Vec<String> = members.iter().map(|o| o.key.clone()).collect();
    // Art. 10(3): 如涉及党委成员的，本人应当回避 — involved members are recused by default.
    let involved: Vec<String> = members
        .iter()
        .filter(|o| o.note.is_some())
        .map(|o| o.key.clone())
        .collect();
    let mut out = vec![
        f::date("on", t::F_DATE.get(l), &today_text(ctx)),
        f::multi(
            "committee",
            t::F_COMMITTEE.get(l),
            members.clone(),
            &all,
            true,
        ),
        f::multi("recused", t::F_RECUSED.get(l), members, &involved, true)
            .help(t::h_committee_recusal(&art("10.3", l), l)),
        // Date, committee and recusals come from the record: the form opens on the text.
        f::multiline("text", t::F_DECISION_TEXT.get(l), "", 4).start_here(),
    ];
    let suggested = suggestions(ctx, case);
    for (i, login) in case.respondents.iter().take(MAX_RESPONDENTS).enumerate() {
        let name = person_label(ctx, login);
        out.push(grade_field(i, &name, &suggested, login, l));
        out.push(f::yes_no(EXEMPT_IDS[i], t::f_exempted(&name, l), false));
        out.push(
            f::multi(
                MEASURE_IDS[i],
                t::f_measures(&name, l),
                measure_opts(ctx, Some(case)),
                &[],
                false,
            )
            .help(measures_help(ctx, Some(case))),
        );
    }
    out
}

pub(super) fn decide_build(c: &mut Check) -> Option<Command> {
    let on = c.date("on");
    let committee = c.multi("committee", 1);
    let recused = c.form.multi("recused");
    let text = c.text("text");
    let (case_no, case) = c.case()?;
    if let Some(r) = recused.iter().find(|r| !committee.contains(r)) {
        let msg = t::recused_not_member(c.ctx.dir.name(r), c.lang());
        c.fail("recused", msg);
    }
    // Art. 10(3): an involved member who has not recused blocks the decision.
    let unrecused: Vec<String> = committee
        .iter()
        .filter(|m| !recused.contains(m))
        .filter_map(|m| {
            involvement_note(c.ctx, case, m).map(|n| format!("{} {n}", c.ctx.dir.name(m)))
        })
        .collect();
    if !unrecused.is_empty() {
        let msg = t::must_recuse(&unrecused.join("；"), c.lang());
        c.fail("recused", msg);
    }
    if committee.iter().all(|m| recused.contains(m)) && !committee.is_empty() {
        let msg = t::NOBODY_LEFT.get(c.lang()).to_string();
        c.fail("recused", msg);
    }
    let mut outcomes = BTreeMap::new();
    for (i, login) in case.respondents.iter().take(MAX_RESPONDENTS).enumerate() {
        let grade = c
            .form
            .pick(GRADE_IDS[i])
            .and_then(|g| enum_untag::<Grade>(&g))
            .unwrap_or(Grade::None);
        let sanctions: Vec<Measure> = c
            .form
            .multi(MEASURE_IDS[i])
            .iter()
            .filter_map(|m| enum_untag(m))
            .collect();
        outcomes.insert(
            login.clone(),
            DecidedOutcome {
                grade,
                exempted: c.form.yes(EXEMPT_IDS[i]),
                sanctions,
            },
        );
    }
    Some(Command::Decide {
        case: case_no,
        decision: Decision {
            on: on?,
            committee,
            recused,
            text: text?,
            outcomes,
        },
    })
}

/// "sunq|11.2": one decided measure not yet applied.
fn pending_measures(ctx: &FormContext) -> Vec<Opt> {
    let Some(case) = ctx.case.map(|r| &r.case) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (login, m, _) in case.unapplied_measures() {
        let login = &login;
        out.push(Opt::new(
            format!("{login}|{}", m.as_str()),
            format!(
                "{} · {}",
                person_label(ctx, login),
                t::measure(m).get(ctx.lang)
            ),
        ));
    }
    out
}

pub(super) fn sanction_fields(ctx: &FormContext) -> Vec<Field> {
    let l = ctx.lang;
    let items = pending_measures(ctx);
    let compensation: Vec<String> = items
        .iter()
        .filter(|o| o.key.ends_with("|11.6"))
        .map(|o| o.key.clone())
        .collect();
    let first = items.first().map(|o| o.key.clone());
    vec![
        f::people_pick("item", t::F_SANCTION_ITEM.get(l), items, first.as_deref()),
        f::date("on", t::F_DATE.get(l), &today_text(ctx)),
        f::text("note", t::F_NOTE.get(l), ""),
        f::text("amount", t::F_AMOUNT.get(l), "")
            .help(t::H_AMOUNT.get(l))
            .show_if(Cond::PickIn("item", compensation)),
    ]
}

pub(super) fn sanction_build(c: &mut Check) -> Option<Command> {
    let item = c.pick("item");
    let on = c.date("on");
    let (person, measure) = item
        .as_deref()
        .and_then(|k| k.split_once('|'))
        .map(|(p, m)| (p.to_string(), enum_untag::<Measure>(m)))?;
    // Art. 11(6): the amount of compensation the person bears.
    let amount = if measure == Some(Measure::M11_6) {
        Some(c.amount("amount"))
    } else {
        None
    };
    let (case, _) = c.case()?;
    Some(Command::ApplySanction {
        case,
        sanction: Sanction {
            person,
            measure: measure?,
            applied_on: on?,
            note: c.form.text("note"),
            amount: match amount {
                Some(a) => Some(a?),
                None => None,
            },
        },
    })
}

pub(super) fn file_appeal_fields(ctx: &FormContext) -> Vec<Field> {
    let l = ctx.lang;
    let persons: Vec<String> = ctx
        .case
        .map(|r| match &r.case.decision {
            Some(d) => d.outcomes.keys().cloned().collect(),
            None => r.case.respondents.clone(),
        })
        .unwrap_or_default();
    let kinds = [AppealKind::Review, AppealKind::Appeal]
        .iter()
        .map(|k| Opt::new(enum_tag(*k), t::appeal_kind(*k).get(l)))
        .collect();
    let first = persons.first().cloned();
    vec![
        f::people_pick(
            "person",
            t::F_PERSON.get(l),
            logins_to_opts(ctx, &persons),
            first.as_deref(),
        ),
        f::pick("kind", t::F_APPEAL_KIND.get(l), kinds, Some("review")),
        f::date("filed_on", t::F_FILED_ON.get(l), &today_text(ctx)),
    ]
}

pub(super) fn file_appeal_build(c: &mut Check) -> Option<Command> {
    let person = c.pick("person");
    let kind = c.pick("kind").and_then(|k| enum_untag::<AppealKind>(&k));
    let filed_on = c.date("filed_on");
    let (case, _) = c.case()?;
    Some(Command::FileAppeal {
        case,
        appeal: Appeal::filed(person?, kind?, filed_on?),
    })
}

/// Appeals still waiting for this step, keyed by their index in `case.appeals`.
fn open_appeals(ctx: &FormContext, kind: Step) -> Vec<Opt> {
    let Some(case) = ctx.case.map(|r| &r.case) else {
        return Vec::new();
    };
    case.appeals
        .iter()
        .enumerate()
        .filter(|(_, a)| match kind {
            Step::AcceptAppeal => a.accepted_on.is_none() && a.decided_on.is_none(),
            _ => a.decided_on.is_none(),
        })
        .map(|(i, a)| {
            Opt::new(
                i.to_string(),
                format!(
                    "{} · {} · {}",
                    person_label(ctx, &a.person),
                    t::appeal_kind(a.kind).get(ctx.lang),
                    a.filed_on.format("%Y-%m-%d")
                ),
            )
        })
        .collect()
}

pub(super) fn appeal_step_fields(kind: Step, ctx: &FormContext) -> Vec<Field> {
    let l = ctx.lang;
    let appeals = open_appeals(ctx, kind);
    let single = appeals.len() == 1;
    let first = appeals.first().map(|o| o.key.clone());
    let mut v = vec![
        f::pick("appeal", t::F_APPEAL.get(l), appeals, first.as_deref()),
        f::date("on", t::F_DATE.get(l), &today_text(ctx)),
    ];
    if kind == Step::AcceptAppeal {
        v.push(f::yes_no("extended", t::F_EXTENDED.get(l), false).help(t::H_EXTENDED.get(l)));
    } else {
        // bundle-v2.md: the structured result — upheld, changed (with the new outcome), or
        // revoked; the final outcome drives the sanctions still due and Art. 8(3).
        let outcomes = AppealOutcome::ALL
            .iter()
            .map(|o| Opt::new(o.as_str(), t::appeal_outcome(*o).get(l)))
            .collect();
        v.push(
            f::pick(
                "outcome",
                t::F_APPEAL_OUTCOME.get(l),
                outcomes,
                Some("upheld"),
            )
            .help(t::H_APPEAL_OUTCOME.get(l)),
        );
        let changed = || Cond::PickIn("outcome", vec!["changed".into()]);
        let grades = GRADES
            .iter()
            .map(|g| Opt::new(g.as_str(), t::grade(*g).get(l)))
            .collect();
        v.push(
            f::pick("changed.grade", t::F_NEW_GRADE.get(l), grades, Some("none"))
                .show_if(changed()),
        );
        v.push(f::yes_no("changed.exempted", t::F_NEW_EXEMPTED.get(l), false).show_if(changed()));
        let case = ctx.case.map(|r| &r.case);
        v.push(
            f::multi(
                "changed.measures",
                t::F_NEW_MEASURES.get(l),
                measure_opts(ctx, case),
                &[],
                false,
            )
            .help(measures_help(ctx, case))
            .show_if(changed()),
        );
        // With one open appeal, it, the date and "upheld" are preselected: the form opens on
        // the result. With several, it opens on which one.
        let result = f::multiline("result", t::F_RESULT.get(l), "", 4);
        v.push(if single { result.start_here() } else { result });
    }
    v
}

pub(super) fn appeal_step_build(kind: Step, c: &mut Check) -> Option<Command> {
    let index = c.pick("appeal").and_then(|i| i.parse::<usize>().ok());
    let on = c.date("on");
    let result = if kind == Step::DecideAppeal {
        c.text("result")
    } else {
        None
    };
    let (case, _) = c.case()?;
    Some(if kind == Step::AcceptAppeal {
        Command::AcceptAppeal {
            case,
            index: index?,
            on: on?,
            extended: c.form.yes("extended"),
        }
    } else {
        let outcome = c
            .pick("outcome")
            .and_then(|o| AppealOutcome::ALL.into_iter().find(|x| x.as_str() == o))?;
        let changed_to = (outcome == AppealOutcome::Changed).then(|| DecidedOutcome {
            grade: c
                .form
                .pick("changed.grade")
                .and_then(|g| enum_untag::<Grade>(&g))
                .unwrap_or(Grade::None),
            exempted: c.form.yes("changed.exempted"),
            sanctions: c
                .form
                .multi("changed.measures")
                .iter()
                .filter_map(|m| enum_untag(m))
                .collect(),
        });
        Command::DecideAppeal {
            case,
            index: index?,
            on: on?,
            result: result?,
            outcome,
            changed_to,
        }
    })
}
