//! The demo data: realistic, dated relative to `today`, and sound by the format's own rules.
//! These checks use only the model and `conflict::involvement` (plus our own date arithmetic),
//! so they hold independently of the validator, deadline and check modules; the contract tests
//! against those modules are in `demo_contracts.rs`.

use std::collections::BTreeSet;

use chrono::{Datelike, NaiveDate};
use culpa::demo::{demo, sha256_hex, synthetic, synthetic_with};
use culpa::domain::conflict::{Involvement, involvement};
use culpa::domain::model::*;

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid test date")
}

/// A spread of `today`s: ordinary, inside Golden Week and Spring Festival, a leap day, a year
/// boundary, a year the holiday calendar does not cover.
fn todays() -> Vec<NaiveDate> {
    vec![
        date(2026, 3, 10),
        date(2026, 10, 5),
        date(2025, 1, 31),
        date(2024, 2, 29),
        date(2026, 1, 2),
        date(2027, 6, 15),
    ]
}

fn days(from: NaiveDate, to: NaiveDate) -> i64 {
    (to - from).num_days()
}

/// The people a rule names with a grade (RULES.md's table). Used to check that findings
/// account for every respondent and never clear a named person.
fn named_by(rule: &RuleFinding, act: &Act) -> Vec<Option<String>> {
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
fn all_dates(c: &Case) -> Vec<NaiveDate> {
    let mut v = vec![c.received_on];
    v.extend(c.acceptance.iter().flat_map(|a| [Some(a.on), a.notified_on]).flatten());
    v.extend(c.team.iter().map(|t| t.appointed_on));
    v.extend(c.recusals.iter().map(|r| r.on));
    v.extend(c.interviews.iter().map(|i| i.on));
    v.extend(c.evidence.iter().map(|e| e.collected_on));
    v.extend(c.deliberation.iter().map(|d| d.on));
    v.extend(c.submitted_on);
    v.extend(c.decision.iter().map(|d| d.on));
    v.extend(c.sanctions.iter().map(|s| s.applied_on));
    for a in &c.appeals {
        v.extend([Some(a.filed_on), a.accepted_on, a.decided_on].into_iter().flatten());
    }
    v
}

/// Our own reading of bundle-v1.md's stage table, roles and submission check; returns what is
/// wrong with the case (empty when sound).
fn soundness(c: &Case, people: &[Person], relations: &[Relation], today: NaiveDate) -> Vec<String> {
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

    bad(all_dates(c).iter().any(|d| *d > today), "a date after today");
    bad(all_dates(c).iter().any(|d| *d < c.received_on), "a date before receipt");
    bad(c.respondents.is_empty(), "no respondent");
    bad(!c.act.participants().all(known), "unknown act participant");
    bad(!c.respondents.iter().all(|r| known(r)), "unknown respondent");
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
            bad(!has(&a.by, Role::Legal), "acceptance.by lacks the legal role");
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
    bad(investigated != c.team.is_some(), "team presence does not match the stage");
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
    bad(submitted != c.submitted_on.is_some(), "submitted_on does not match the stage");
    bad(after_decision != c.decision.is_some(), "decision does not match the stage");
    bad(
        !after_decision && (!c.sanctions.is_empty() || !c.appeals.is_empty()),
        "sanctions or appeals before a decision",
    );
    bad(
        st == Stage::Appealed && c.appeals.is_empty(),
        "appealed without an appeal",
    );

    if let Some(team) = &c.team {
        bad(!has(&team.appointed_by, Role::Chief), "team appointed by a non-chief");
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
            bad(persons.iter().any(Option::is_none), "rule names a null act role");
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
            o.sanctions
                .iter()
                .all(|m| c.sanctions.iter().any(|s| &s.person == p && s.measure == *m))
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

#[test]
fn demo_has_twelve_or_more_cases_over_every_stage() {
    for today in todays() {
        let d = demo(today);
        assert!(d.bundle.cases.len() >= 12, "{today}");
        for stage in Stage::ALL {
            assert!(
                d.bundle.cases.iter().any(|c| c.stage == stage),
                "{today}: no {stage:?} case"
            );
        }
        let investigating = d
            .bundle
            .cases
            .iter()
            .filter(|c| c.stage == Stage::Investigating)
            .count();
        assert!(investigating >= 3, "{today}: {investigating} investigating");
        assert_eq!(d.bundle.format, BUNDLE_FORMAT);
        assert!((12..=16).contains(&d.bundle.people.len()));
    }
}

#[test]
fn demo_cases_are_sound() {
    for today in todays() {
        let d = demo(today);
        let errs: Vec<String> = d
            .bundle
            .cases
            .iter()
            .flat_map(|c| soundness(c, &d.bundle.people, &d.bundle.relations, today))
            .collect();
        assert!(errs.is_empty(), "{today}: {errs:#?}");
    }
}

#[test]
fn fixture_people_are_reused_unchanged() {
    let fixture: Bundle =
        serde_json::from_str(include_str!("fixtures/example.json")).expect("fixture parses");
    let d = demo(date(2026, 3, 10));
    for p in &fixture.people {
        assert!(d.bundle.people.contains(p), "{} changed or missing", p.login);
    }
    assert!(d.bundle.relations.contains(&fixture.relations[0]));
    assert!(d.bundle.people.iter().any(|p| p.has(Role::Admin)));
    let logins: BTreeSet<&str> = d.bundle.people.iter().map(|p| p.login.as_str()).collect();
    assert_eq!(logins.len(), d.bundle.people.len(), "duplicate login");
}

#[test]
fn numbers_are_distinct_and_follow_the_year_of_receipt() {
    for today in todays() {
        let d = demo(today);
        let numbers: BTreeSet<&str> = d.bundle.cases.iter().map(|c| c.number.as_str()).collect();
        assert_eq!(numbers.len(), d.bundle.cases.len(), "{today}");
        for c in &d.bundle.cases {
            let prefix = format!("卧应急责〔{}〕", c.received_on.year());
            assert!(c.number.starts_with(&prefix), "{}", c.number);
            assert!(c.number.ends_with('号'));
        }
    }
}

/// Overdue as of today by plain arithmetic, with margins wide enough for any holiday season:
/// acceptance (7 working days ≤ 21 calendar days), decision report and sanctions (30 days,
/// extended by at most a holiday week ≤ 40 days).
#[test]
fn overdue_obligations_exist_by_date_arithmetic() {
    for today in todays() {
        let cases = demo(today).bundle.cases;
        let acceptance = cases
            .iter()
            .any(|c| c.acceptance.is_none() && days(c.received_on, today) > 21);
        let report = cases.iter().any(|c| {
            c.stage == Stage::Investigating
                && c.submitted_on.is_none()
                && c.acceptance.as_ref().is_some_and(|a| days(a.on, today) > 40)
        });
        let sanction = cases.iter().any(|c| {
            c.decision.as_ref().is_some_and(|d| {
                days(d.on, today) > 40
                    && d.outcomes.iter().any(|(p, o)| {
                        o.sanctions
                            .iter()
                            .any(|m| !c.sanctions.iter().any(|s| &s.person == p && s.measure == *m))
                    })
            })
        });
        assert!(acceptance && report && sanction, "{today}: {acceptance} {report} {sanction}");
    }
}

#[test]
fn an_investigator_is_conflicted_and_has_not_recused() {
    let d = demo(date(2026, 3, 10));
    let found = d.bundle.cases.iter().any(|c| {
        c.stage == Stage::Investigating
            && c.active_investigators(None).iter().any(|m| {
                involvement(m, c, &d.bundle.relations)
                    .iter()
                    .any(|i| matches!(i, Involvement::Related { .. }))
            })
    });
    assert!(found);
}

/// Art. 8(3): another case's committee decision names the person with a grade, not exempted,
/// dated on or before this case's reference date and at most 365 days before it.
#[test]
fn a_repeat_offender_exists() {
    for today in todays() {
        let cases = demo(today).bundle.cases;
        let repeat = cases.iter().enumerate().any(|(i, this)| {
            let reference = this.decision.as_ref().map_or(today, |d| d.on);
            this.respondents.iter().any(|p| {
                cases.iter().enumerate().any(|(j, other)| {
                    i != j
                        && other.decision.as_ref().is_some_and(|d| {
                            d.outcomes
                                .get(p)
                                .is_some_and(|o| o.grade != Grade::None && !o.exempted)
                                && (0..=365).contains(&days(d.on, reference))
                        })
                })
            })
        });
        assert!(repeat, "{today}");
    }
}

#[test]
fn the_required_situations_are_all_there() {
    let d = demo(date(2026, 3, 10));
    let cases = &d.bundle.cases;
    let any = |f: &dyn Fn(&Case) -> bool| cases.iter().any(f);
    assert!(any(&|c| c.stage == Stage::Rejected
        && c.acceptance.as_ref().is_some_and(|a| a.reason.is_some())));
    assert!(any(&|c| c.complainant.is_none() && c.source == Source::Report));
    assert!(any(&|c| c.interviews.iter().any(|i| i.waived
        && i.kind == InterviewKind::StatementDefence)));
    assert!(any(&|c| c.recusals.iter().any(|r| !r.reason.is_empty())));
    assert!(any(&|c| c.decision.as_ref().is_some_and(|d| d.recused.iter().any(|m| m == "chenj")
        && c.act.approver.as_deref() == Some("chenj"))));
    assert!(any(&|c| c.stage == Stage::Sanctioned
        && c.sanctions.iter().any(|s| s.measure == Measure::M11_6 && s.amount.is_some())));
    assert!(any(&|c| c.appeals.iter().any(|a| a.kind == AppealKind::Review
        && a.decided_on.is_none())));
    assert!(any(&|c| c.appeals.iter().any(|a| a.kind == AppealKind::Appeal
        && a.accepted_on.is_some()
        && a.extended
        && a.decided_on.is_none())));
    assert!(any(&|c| c.interviews.iter().any(|i| i.transcript.chars().count() > 300)));
    for kind in [
        ActKind::License,
        ActKind::Inspection,
        ActKind::Penalty,
        ActKind::Coercion,
    ] {
        assert!(any(&|c| c.act.kind == kind), "{kind:?}");
    }
    let rules: BTreeSet<&str> = cases
        .iter()
        .flat_map(|c| c.findings.iter().flat_map(|f| f.rules.iter()))
        .map(|r| r.code().as_str())
        .collect();
    for code in ["5.2.4", "5.2.9", "5.2.10", "5.4", "7.1", "7.2.2", "5.3"] {
        assert!(rules.contains(code), "rule {code} unused");
    }
    assert!(any(&|c| c.findings.as_ref().is_some_and(|f| f.rules.iter().any(|r| matches!(
        r,
        RuleFinding::R5_2_9 {
            instructed_by: Some(_),
            ..
        }
    )))));
    let circ = |c: &Case| c.findings.iter().flat_map(|f| f.circumstances.values().cloned()).collect::<Vec<_>>();
    assert!(any(&|c| circ(c).iter().any(|x| x.aggravating.contains(&Aggravating::A8_1))));
    assert!(any(&|c| circ(c).iter().any(|x| x.exempting.contains(&Exempting::E9_4))));
    // A case submitted after the 30 days carries its reason.
    assert!(any(&|c| c.stage == Stage::Submitted && c.overdue_reason.is_some()));
}

#[test]
fn every_file_matches_its_evidence_hash() {
    let d = demo(date(2026, 3, 10));
    assert!(d.files.len() >= 5, "only {} files", d.files.len());
    for f in &d.files {
        let case = d
            .bundle
            .cases
            .iter()
            .find(|c| c.number == f.case)
            .unwrap_or_else(|| panic!("file {} names unknown case {}", f.name, f.case));
        let e = &case.evidence[f.evidence_index];
        assert_eq!(e.sha256.as_deref(), Some(sha256_hex(&f.bytes).as_str()), "{}", f.name);
        assert!(std::str::from_utf8(&f.bytes).is_ok());
        assert!(f.name.ends_with(".txt"));
    }
    // And every hash points at a file.
    let hashed = d
        .bundle
        .cases
        .iter()
        .flat_map(|c| c.evidence.iter())
        .filter(|e| e.sha256.is_some())
        .count();
    assert_eq!(hashed, d.files.len());
    assert_eq!(
        sha256_hex(b"abc"),
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    );
}

#[test]
fn demo_exports_and_reads_back_the_same() {
    let d = demo(date(2026, 3, 10));
    let text = serde_json::to_string_pretty(&d.bundle).expect("serialises");
    let back: Bundle = serde_json::from_str(&text).expect("parses");
    assert_eq!(back, d.bundle);
    assert_eq!(demo(date(2026, 3, 10)), d, "demo is deterministic");
}

#[test]
fn synthetic_is_deterministic_and_numbers_are_distinct() {
    let today = date(2026, 3, 10);
    let d = demo(today);
    let a: Vec<Case> = synthetic(1000, 42, today, &d.bundle.people).collect();
    let b: Vec<Case> = synthetic(1000, 42, today, &d.bundle.people).collect();
    let c: Vec<Case> = synthetic(1000, 43, today, &d.bundle.people).collect();
    assert_eq!(a.len(), 1000);
    assert_eq!(a, b);
    assert_ne!(a, c);
    let mut numbers: BTreeSet<&str> = a.iter().map(|c| c.number.as_str()).collect();
    assert_eq!(numbers.len(), 1000);
    numbers.extend(d.bundle.cases.iter().map(|c| c.number.as_str()));
    assert_eq!(numbers.len(), 1000 + d.bundle.cases.len(), "collides with the demo");
    // Lazy: a prefix is the same as the start of the whole.
    let first: Vec<Case> = synthetic(1000, 42, today, &d.bundle.people).take(10).collect();
    assert_eq!(first[..], a[..10]);
}

#[test]
fn synthetic_cases_are_sound_over_every_stage() {
    for today in todays() {
        let d = demo(today);
        let cases: Vec<Case> = synthetic(1000, 7, today, &d.bundle.people).collect();
        for stage in Stage::ALL {
            assert!(cases.iter().any(|c| c.stage == stage), "{today}: no {stage:?}");
        }
        let errs: Vec<String> = cases
            .iter()
            .flat_map(|c| soundness(c, &d.bundle.people, &d.bundle.relations, today))
            .take(10)
            .collect();
        assert!(errs.is_empty(), "{today}: {errs:#?}");
        let bundle = Bundle {
            cases,
            ..d.bundle.clone()
        };
        let text = serde_json::to_string(&bundle).expect("serialises");
        assert_eq!(serde_json::from_str::<Bundle>(&text).expect("parses"), bundle);
    }
}

#[test]
fn synthetic_respects_a_thin_directory() {
    let today = date(2026, 3, 10);
    assert_eq!(synthetic(50, 1, today, &[]).count(), 0, "no people, no cases");
    let people = demo(today).bundle.people;
    // Without a legal affairs office nothing can be accepted.
    let no_legal: Vec<Person> = people.iter().filter(|p| !p.has(Role::Legal)).cloned().collect();
    assert!(synthetic(200, 1, today, &no_legal).all(|c| c.stage == Stage::Received));
    // With one investigator no team can be formed.
    let one_inv: Vec<Person> = people
        .iter()
        .filter(|p| !p.has(Role::Investigator) || p.login == "wangl")
        .cloned()
        .collect();
    let cases: Vec<Case> = synthetic(300, 1, today, &one_inv).collect();
    assert!(cases.iter().all(|c| c.team.is_none()));
    assert!(cases.iter().any(|c| c.stage == Stage::Accepted));
    // Relations passed explicitly are honoured: make every investigator related to every
    // officer, and no team can form.
    let relations: Vec<Relation> = people
        .iter()
        .filter(|p| p.has(Role::Investigator))
        .flat_map(|i| {
            people.iter().filter(|p| p.has(Role::Officer)).map(|o| Relation {
                a: i.login.clone(),
                b: o.login.clone(),
                kind: RelationKind::Other,
                note: None,
            })
        })
        .collect();
    let cases: Vec<Case> = synthetic_with(300, 1, today, &people, &relations).collect();
    let errs: Vec<String> = cases
        .iter()
        .flat_map(|c| soundness(c, &people, &relations, today))
        .take(5)
        .collect();
    assert!(errs.is_empty(), "{errs:#?}");
}

/// The soundness reading above must itself be able to fail: break demo cases one way each.
#[test]
fn soundness_catches_broken_cases() {
    let today = date(2026, 3, 10);
    let d = demo(today);
    let by_stage = |s: Stage| {
        d.bundle
            .cases
            .iter()
            .find(|c| c.stage == s)
            .cloned()
            .expect("stage present")
    };
    type Break = fn(&mut Case);
    let table: [(Stage, &str, Break); 8] = [
        (Stage::Received, "future date", |c| {
            c.received_on = date(2026, 3, 11)
        }),
        (Stage::Received, "acceptance too early", |c| {
            c.acceptance = Some(Acceptance {
                decision: AcceptanceDecision::Accepted,
                on: c.received_on,
                by: "liuf".into(),
                reason: None,
                notified_on: None,
            })
        }),
        (Stage::Submitted, "defence missing", |c| {
            c.interviews
                .retain(|i| i.kind != InterviewKind::StatementDefence)
        }),
        (Stage::Submitted, "conflicted investigator", |c| {
            if let Some(t) = &mut c.team {
                t.members.push("zhaom".into());
            }
            c.respondents.push("zhouh".into());
        }),
        (Stage::Decided, "involved committee member sits", |c| {
            if let Some(d) = &mut c.decision {
                d.recused.clear();
            }
        }),
        (Stage::Sanctioned, "measure not applied", |c| {
            c.sanctions.pop();
        }),
        (Stage::Investigating, "decision too early", |c| {
            c.submitted_on = Some(c.received_on)
        }),
        (Stage::Rejected, "rejection without reason", |c| {
            if let Some(a) = &mut c.acceptance {
                a.reason = None;
            }
        }),
    ];
    for (stage, what, brk) in table {
        let mut c = by_stage(stage);
        assert!(soundness(&c, &d.bundle.people, &d.bundle.relations, today).is_empty());
        brk(&mut c);
        assert!(
            !soundness(&c, &d.bundle.people, &d.bundle.relations, today).is_empty(),
            "{what} not caught"
        );
    }
}

/// Load work: 100,000 cases (run with `--ignored`; no timing asserted).
#[test]
#[ignore]
fn synthetic_hundred_thousand() {
    let today = date(2026, 3, 10);
    let people = demo(today).bundle.people;
    assert_eq!(synthetic(100_000, 9, today, &people).count(), 100_000);
}
