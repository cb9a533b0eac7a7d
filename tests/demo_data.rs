//! The demo data: realistic, dated relative to `today`, and sound by the format's own rules
//! (checked with `common::demo::soundness` and `conflict::involvement`, plus our own date
//! arithmetic).

mod common;

use std::collections::BTreeSet;

use chrono::Datelike;
use common::demo::{date, days, soundness, todays};
use culpa::demo::{demo, sha256_hex};
use culpa::domain::conflict::{Involvement, involvement};
use culpa::domain::model::*;

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
        assert!(
            d.bundle.people.contains(p),
            "{} changed or missing",
            p.login
        );
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
                && c.acceptance
                    .as_ref()
                    .is_some_and(|a| days(a.on, today) > 40)
        });
        let sanction = cases.iter().any(|c| {
            c.decision.as_ref().is_some_and(|d| {
                days(d.on, today) > 40
                    && d.outcomes.iter().any(|(p, o)| {
                        o.sanctions.iter().any(|m| {
                            !c.sanctions
                                .iter()
                                .any(|s| &s.person == p && s.measure == *m)
                        })
                    })
            })
        });
        assert!(
            acceptance && report && sanction,
            "{today}: {acceptance} {report} {sanction}"
        );
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
    assert!(any(
        &|c| c.complainant.is_none() && c.source == Source::Report
    ));
    assert!(any(&|c| c
        .interviews
        .iter()
        .any(|i| i.waived && i.kind == InterviewKind::StatementDefence)));
    assert!(any(&|c| c.recusals.iter().any(|r| !r.reason.is_empty())));
    assert!(any(&|c| c.decision.as_ref().is_some_and(|d| d
        .recused
        .iter()
        .any(|m| m == "chenj")
        && c.act.approver.as_deref() == Some("chenj"))));
    assert!(any(&|c| c.stage == Stage::Sanctioned
        && c.sanctions
            .iter()
            .any(|s| s.measure == Measure::M11_6 && s.amount.is_some())));
    assert!(any(&|c| {
        c.appeals
            .iter()
            .any(|a| a.kind == AppealKind::Review && a.decided_on.is_none())
    }));
    assert!(any(&|c| c.appeals.iter().any(|a| a.kind
        == AppealKind::Appeal
        && a.accepted_on.is_some()
        && a.extended
        && a.decided_on.is_none())));
    assert!(any(&|c| c.interviews.iter().any(|i| i
        .transcript
        .chars()
        .count()
        > 300)));
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
    assert!(any(&|c| c.findings.as_ref().is_some_and(|f| f
        .rules
        .iter()
        .any(|r| matches!(
            r,
            RuleFinding::R5_2_9 {
                instructed_by: Some(_),
                ..
            }
        )))));
    let circ = |c: &Case| {
        c.findings
            .iter()
            .flat_map(|f| f.circumstances.values().cloned())
            .collect::<Vec<_>>()
    };
    assert!(any(&|c| circ(c)
        .iter()
        .any(|x| x.aggravating.contains(&Aggravating::A8_1))));
    assert!(any(&|c| circ(c)
        .iter()
        .any(|x| x.exempting.contains(&Exempting::E9_4))));
    // A case submitted after the 30 days carries its reason.
    assert!(any(
        &|c| c.stage == Stage::Submitted && c.overdue_reason.is_some()
    ));
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
        assert_eq!(
            e.sha256.as_deref(),
            Some(sha256_hex(&f.bytes).as_str()),
            "{}",
            f.name
        );
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

/// A demo built next year looks like one built today: the same obligations, in the same
/// states, owned by the same people, and the same stages — not a year of overdue work.
/// The two days are the same weekday and far from any holiday, so working-day counts agree.
#[test]
fn a_demo_built_next_year_has_the_same_mix_of_work() {
    use culpa::domain::calendar::{Calendar, Uncovered};
    use culpa::domain::deadlines::obligations;
    let cal = Calendar::builtin();
    let mix = |today: chrono::NaiveDate| {
        let cases = demo(today).bundle.cases;
        let mut uncovered = Uncovered::new();
        let mut work: Vec<String> = obligations(&cases, &cal, today, &mut uncovered)
            .iter()
            .map(|o| {
                format!(
                    "{:?} {:?} {} {:?} {:?}",
                    o.kind, o.state, o.owner, o.person, o.measure
                )
            })
            .collect();
        work.sort();
        let mut stages: Vec<Stage> = cases.iter().map(|c| c.stage).collect();
        stages.sort();
        (work, stages)
    };
    let now = mix(date(2026, 12, 1));
    let next_year = mix(date(2027, 12, 7));
    assert_eq!(now, next_year);
    let overdue = now.0.iter().filter(|w| w.contains("Overdue")).count();
    let due_soon = now.0.iter().filter(|w| w.contains("DueSoon")).count();
    let open = now.0.iter().filter(|w| w.contains(" Open ")).count();
    assert!(overdue >= 3 && due_soon >= 3 && open >= 3, "{now:#?}");
}
