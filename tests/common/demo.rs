//! Shared by the demo tests: our own reading of bundle-v1.md's stage table, roles and
//! submission check, so the demo data can be judged without the validator, deadline and check
//! modules (the contract tests against those are in `demo_contracts.rs`).

use std::collections::BTreeSet;

use chrono::NaiveDate;
use culpa::domain::conflict::involvement;
use culpa::domain::model::*;

pub fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid test date")
}

/// A spread of `today`s: ordinary, inside Golden Week and Spring Festival, a leap day, a year
/// boundary, a year the holiday calendar does not cover.
pub fn todays() -> Vec<NaiveDate> {
    vec![
        date(2026, 3, 10),
        date(2026, 10, 5),
        date(2025, 1, 31),
        date(2024, 2, 29),
        date(2026, 1, 2),
        date(2027, 6, 15),
    ]
}

pub fn days(from: NaiveDate, to: NaiveDate) -> i64 {
    (to - from).num_days()
}

/// The people a rule names with a grade (RULES.md's table). Used to check that findings
/// account for every respondent and never clear a named person.
pub fn named_by(rule: &RuleFinding, act: &Act) -> Vec<Option<String>> {
    let h = Some(act.handler.clone());
    let r = act.reviewer.clone();
    let a = act.approver.clone();
    let role = |s: &Superior| match s {
        Superior::Reviewer => r.clone(),
        Superior::Approver => a.clone(),
    };
    match rule {
        RuleFinding::R5_1 {}
        | RuleFinding::R5_2_1 {}
        | RuleFinding::R5_2_2 {}
        | RuleFinding::R5_2_3 {}
        | RuleFinding::R7_1 {} => vec![h],
        RuleFinding::R5_2_4 {} | RuleFinding::R5_4 { .. } => vec![h, r, a],
        RuleFinding::R5_2_5 {} => vec![r, a],
        RuleFinding::R5_2_6 {} | RuleFinding::R7_2_3 {} => vec![r],
        RuleFinding::R5_2_7 {} | RuleFinding::R5_2_8 {} => vec![a],
        RuleFinding::R5_2_9 {
            instructed_by: None,
            ..
        } => vec![h],
        RuleFinding::R5_2_9 {
            instructed_by: Some(s),
            agreed_by_approver,
        } => {
            let mut v = vec![role(s)];
            if *agreed_by_approver {
                v.push(a.clone());
            }
            v
        }
        RuleFinding::R5_2_10 {
            ordered_by,
            obviously_illegal,
        } => {
            let mut v = vec![role(ordered_by)];
            if *obviously_illegal {
                v.push(h);
            }
            v
        }
        RuleFinding::R5_3 { post_holder } => vec![Some(post_holder.clone())],
        RuleFinding::R7_2_2 {} => vec![h, r],
        RuleFinding::R7_2_1 { persons }
        | RuleFinding::R7_3 { persons }
        | RuleFinding::R7_4 { persons } => persons.iter().cloned().map(Some).collect(),
    }
}

/// Every date a case records.
pub fn all_dates(c: &Case) -> Vec<NaiveDate> {
    let mut v = vec![c.received_on];
    v.extend(
        c.acceptance
            .iter()
            .flat_map(|a| [Some(a.on), a.notified_on])
            .flatten(),
    );
    v.extend(c.team.iter().map(|t| t.appointed_on));
    v.extend(c.recusals.iter().map(|r| r.on));
    v.extend(c.interviews.iter().map(|i| i.on));
    v.extend(c.evidence.iter().map(|e| e.collected_on));
    v.extend(c.deliberation.iter().map(|d| d.on));
    v.extend(c.submitted_on);
    v.extend(c.decision.iter().map(|d| d.on));
    v.extend(c.sanctions.iter().map(|s| s.applied_on));
    for a in &c.appeals {
        v.extend(
            [Some(a.filed_on), a.accepted_on, a.decided_on]
                .into_iter()
                .flatten(),
        );
    }
    v
}

/// Our own reading of bundle-v1.md's stage table, roles and submission check; returns what is
/// wrong with the case (empty when sound).
pub fn soundness(
    c: &Case,
    people: &[Person],
    relations: &[Relation],
    today: NaiveDate,
) -> Vec<String> {
    let mut errs = Vec::new();
    let has = |l: &str, role: Role| people.iter().any(|p| p.login == l && p.has(role));
    let known = |l: &str| people.iter().any(|p| p.login == l);
    let mut bad = |cond: bool, what: &str| {
        if cond {
            errs.push(format!("{}: {what}", c.number));
        }
    };
    let st = c.stage;
    let after_decision = matches!(st, Stage::Decided | Stage::Sanctioned | Stage::Appealed)
        || (st == Stage::Closed && c.decision.is_some());
    let rejected = matches!(&c.acceptance, Some(a) if a.decision == AcceptanceDecision::Rejected);
    let investigated = st >= Stage::Investigating && !(st == Stage::Closed && rejected);

    bad(
        all_dates(c).iter().any(|d| *d > today),
        "a date after today",
    );
    bad(
        all_dates(c).iter().any(|d| *d < c.received_on),
        "a date before receipt",
    );
    bad(c.respondents.is_empty(), "no respondent");
    bad(!c.act.participants().all(known), "unknown act participant");
    bad(
        !c.respondents.iter().all(|r| known(r)),
        "unknown respondent",
    );
    bad(
        c.title.is_empty() || c.summary.is_empty(),
        "empty title or summary",
    );

    // Stage data present, later-stage data absent.
    match (&c.acceptance, st) {
        (None, Stage::Received) => {}
        (None, _) => bad(true, "acceptance missing"),
        (Some(_), Stage::Received) => bad(true, "acceptance on a received case"),
        (Some(a), _) => {
            bad(
                !has(&a.by, Role::Legal),
                "acceptance.by lacks the legal role",
            );
            bad(
                (st == Stage::Rejected) != (a.decision == AcceptanceDecision::Rejected)
                    && st != Stage::Closed,
                "acceptance decision does not match the stage",
            );
            bad(
                a.decision == AcceptanceDecision::Rejected
                    && a.reason.as_deref().is_none_or(str::is_empty),
                "rejection without reason",
            );
            bad(a.on < c.received_on, "accepted before receipt");
        }
    }
    bad(
        investigated != c.team.is_some(),
        "team presence does not match the stage",
    );
    if !investigated {
        bad(
            !c.interviews.is_empty()
                || !c.evidence.is_empty()
                || !c.recusals.is_empty()
                || c.deliberation.is_some()
                || c.findings.is_some(),
            "investigation records before the investigation",
        );
    }
    let submitted = investigated && st != Stage::Investigating;
    bad(
        submitted != c.submitted_on.is_some(),
        "submitted_on does not match the stage",
    );
    bad(
        after_decision != c.decision.is_some(),
        "decision does not match the stage",
    );
    bad(
        !after_decision && (!c.sanctions.is_empty() || !c.appeals.is_empty()),
        "sanctions or appeals before a decision",
    );
    bad(
        st == Stage::Appealed && c.appeals.is_empty(),
        "appealed without an appeal",
    );

    if let Some(team) = &c.team {
        bad(
            !has(&team.appointed_by, Role::Chief),
            "team appointed by a non-chief",
        );
        bad(
            !team.members.iter().all(|m| has(m, Role::Investigator)),
            "team member without the investigator role",
        );
        bad(
            team.appointed_on < c.acceptance.as_ref().map_or(c.received_on, |a| a.on),
            "team before acceptance",
        );
        bad(
            !c.recusals.iter().all(|r| team.members.contains(&r.person)),
            "recusal of a non-member",
        );
        let mut records = c
            .recusals
            .iter()
            .map(|r| r.on)
            .chain(c.interviews.iter().map(|i| i.on))
            .chain(c.evidence.iter().map(|e| e.collected_on))
            .chain(c.deliberation.iter().map(|d| d.on));
        bad(
            records.any(|d| d < team.appointed_on),
            "an investigation record before the team was appointed",
        );
        let members: BTreeSet<&String> = team.members.iter().collect();
        bad(
            !c.interviews
                .iter()
                .all(|i| i.interviewers.iter().all(|x| members.contains(x))),
            "interviewer outside the team",
        );
        bad(
            !c.evidence.iter().all(|e| members.contains(&e.collected_by)),
            "evidence collected outside the team",
        );
        for i in &c.interviews {
            if i.kind.interviewee_is_login() {
                bad(!known(&i.interviewee), "interviewee is not a login");
            }
            if i.kind == InterviewKind::StatementDefence {
                bad(
                    !c.respondents.contains(&i.interviewee),
                    "statement_defence of a non-respondent",
                );
            }
        }
    }
    if let Some(f) = &c.findings {
        bad(
            f.fault_types.iter().any(|t| !(1..=22).contains(t)),
            "fault type outside 1–22",
        );
        let mut named = BTreeSet::new();
        for rule in &f.rules {
            let persons = named_by(rule, &c.act);
            bad(
                persons.iter().any(Option::is_none),
                "rule names a null act role",
            );
            bad(
                matches!(rule, RuleFinding::R7_1 {}) && !c.act.on_the_spot,
                "7.1 on an act not on the spot",
            );
            named.extend(persons.into_iter().flatten());
        }
        bad(
            f.cleared.iter().any(|x| named.contains(x)),
            "a person both cleared and named",
        );
        bad(
            !f.circumstances.keys().all(|k| c.respondents.contains(k)),
            "circumstances of a non-respondent",
        );
        if submitted {
            bad(
                !c.respondents
                    .iter()
                    .all(|r| named.contains(r) || f.cleared.contains(r)),
                "a respondent neither named nor cleared",
            );
        }
    }

    // The submission check, as of submitted_on (Art. 10(2)–(3)).
    if let (true, Some(on)) = (submitted, c.submitted_on) {
        let active = c.active_investigators(Some(on));
        bad(active.len() < 2, "fewer than two active investigators");
        bad(
            active
                .iter()
                .any(|m| !involvement(m, c, relations).is_empty()),
            "an involved investigator has not recused",
        );
        for r in &c.respondents {
            bad(
                !c.interviews.iter().any(|i| {
                    i.kind == InterviewKind::StatementDefence && &i.interviewee == r && i.on <= on
                }),
                "a respondent not heard",
            );
        }
        bad(
            c.interested_parties_note.is_none()
                && !c.interviews.iter().any(|i| {
                    matches!(
                        i.kind,
                        InterviewKind::Counterpart | InterviewKind::InterestedParty
                    ) && i.on <= on
                }),
            "no counterpart or interested party heard",
        );
        bad(
            c.deliberation.as_ref().is_none_or(|d| d.on > on),
            "no deliberation by submission",
        );
        bad(c.findings.is_none(), "no findings");
        let accepted = c.acceptance.as_ref().map_or(on, |a| a.on);
        // 30 calendar days, possibly extended past a rest day: 29 is safely on time.
        bad(
            days(accepted, on) > 29 && c.overdue_reason.is_none(),
            "submitted late without a reason",
        );
    }
    if let (Some(d), true) = (&c.decision, after_decision) {
        bad(
            !d.committee.iter().all(|m| has(m, Role::Committee)),
            "committee member without the committee role",
        );
        bad(
            !d.recused.iter().all(|m| d.committee.contains(m)),
            "recused non-member",
        );
        bad(
            d.committee
                .iter()
                .any(|m| !involvement(m, c, relations).is_empty() && !d.recused.contains(m)),
            "an involved committee member sits",
        );
        bad(
            d.committee.len() <= d.recused.len(),
            "no committee member left to decide",
        );
        bad(
            d.outcomes.keys().collect::<BTreeSet<_>>()
                != c.respondents.iter().collect::<BTreeSet<_>>(),
            "outcomes are not the respondents",
        );
        bad(
            c.submitted_on.is_some_and(|s| d.on < s),
            "decided before submission",
        );
        let all_applied = d.outcomes.iter().all(|(p, o)| {
            o.sanctions.iter().all(|m| {
                c.sanctions
                    .iter()
                    .any(|s| &s.person == p && s.measure == *m)
            })
        });
        bad(
            st == Stage::Sanctioned && !all_applied,
            "sanctioned with a measure not applied",
        );
        bad(
            c.sanctions.iter().any(|s| s.applied_on < d.on),
            "sanction before the decision",
        );
        bad(
            c.appeals.iter().any(|a| a.filed_on < d.on),
            "appeal before the decision",
        );
    }
    errs
}
