//! Deadline tests over the bundle-v1.md example case. Expected due dates are worked out by
//! hand from `data/calendar/2026.json` (weekday noted beside each).

use super::*;
use crate::domain::model::{
    Acceptance, Appeal, Bundle, Complainant, DecidedOutcome, Decision, Grade, Recusal, Sanction,
};

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("test date")
}

fn example() -> Case {
    let b: Bundle = serde_json::from_str(include_str!("../../tests/fixtures/example.json"))
        .expect("example bundle");
    b.cases.into_iter().next().expect("one case")
}

fn run(case: &Case, today: &str) -> (Vec<Obligation>, Uncovered) {
    let mut unc = Uncovered::new();
    let got = case_obligations(case, &Calendar::builtin(), d(today), &mut unc);
    (got, unc)
}

fn kinds(obs: &[Obligation]) -> Vec<ObligationKind> {
    obs.iter().map(|o| o.kind).collect()
}

/// A received, not yet accepted copy of the example.
fn received() -> Case {
    let mut c = example();
    c.stage = Stage::Received;
    c.acceptance = None;
    c.team = None;
    c
}

/// The example decided on 2026-11-20 (Fri): sunq 11.1 + 11.2, zhouh exempted with 11.1.
fn decided() -> Case {
    let mut c = example();
    c.stage = Stage::Decided;
    c.submitted_on = Some(d("2026-11-02"));
    let outcome = |grade, exempted, sanctions| DecidedOutcome {
        grade,
        exempted,
        sanctions,
    };
    c.decision = Some(Decision {
        on: d("2026-11-20"),
        committee: vec!["wuy".into()],
        recused: vec!["chenj".into()],
        text: "……".into(),
        outcomes: [
            (
                "sunq".to_string(),
                outcome(Grade::Direct, false, vec![Measure::M11_1, Measure::M11_2]),
            ),
            (
                "zhouh".to_string(),
                outcome(Grade::Supervisory, true, vec![Measure::M11_1]),
            ),
        ]
        .into_iter()
        .collect(),
    });
    c
}

fn sanction(person: &str, measure: Measure) -> Sanction {
    Sanction {
        person: person.into(),
        measure,
        applied_on: d("2026-11-25"),
        note: String::new(),
        amount: None,
    }
}

fn appeal(kind: AppealKind, filed: &str, accepted: Option<&str>, extended: bool) -> Appeal {
    Appeal {
        person: "sunq".into(),
        kind,
        filed_on: d(filed),
        accepted_on: accepted.map(d),
        extended,
        decided_on: None,
        result: None,
        outcome: None,
        changed_to: None,
    }
}

#[test]
fn example_matches_the_contract_answer() {
    // 2026-10-09 + 30 days = 2026-11-08 (Sun) → Mon 11-09; today 11-06 → 3 days left.
    let (obs, unc) = run(&example(), "2026-11-06");
    let json = serde_json::to_value(&obs).expect("json");
    assert_eq!(
        json,
        serde_json::json!([{"case": "卧应急责〔2026〕7号", "kind": "decision_report",
            "due": "2026-11-09", "days_left": 3, "state": "due_soon", "owner": "wangl"}])
    );
    assert!(unc.is_empty());
}

#[test]
fn acceptance_opens_on_receipt_and_closes_when_decided() {
    // 2026-09-30 + 7 working days = 2026-10-15 (National Day, make-up Sat 10-10).
    let (obs, _) = run(&received(), "2026-10-01");
    assert_eq!(kinds(&obs), [ObligationKind::Acceptance]);
    assert_eq!(
        (obs[0].due, obs[0].owner.as_str()),
        (d("2026-10-15"), "legal")
    );
    // Decided (and notified): acceptance is gone.
    let (obs, _) = run(&example(), "2026-10-01");
    assert!(!kinds(&obs).contains(&ObligationKind::Acceptance));
}

#[test]
fn notification_for_named_complainant_until_notified() {
    let mut c = example();
    c.acceptance.as_mut().expect("acc").notified_on = None;
    let (obs, _) = run(&c, "2026-10-12");
    let n: Vec<_> = obs
        .iter()
        .filter(|o| o.kind == ObligationKind::Notification)
        .collect();
    assert_eq!(n.len(), 1);
    // Due with the acceptance deadline; owned by whoever decided acceptance.
    assert_eq!((n[0].due, n[0].owner.as_str()), (d("2026-10-15"), "liuf"));
    // Closes when notified_on is set (the example as given).
    assert!(!kinds(&run(&example(), "2026-10-12").0).contains(&ObligationKind::Notification));
}

#[test]
fn anonymous_complainant_needs_no_notification() {
    let mut c = example();
    c.acceptance.as_mut().expect("acc").notified_on = None;
    c.complainant = None;
    assert!(!kinds(&run(&c, "2026-10-12").0).contains(&ObligationKind::Notification));
}

#[test]
fn rejected_and_closed_cases_keep_only_notification() {
    let mut rejected = received();
    rejected.stage = Stage::Rejected;
    rejected.complainant = Some(Complainant {
        name: "李某".into(),
        contact: "x".into(),
    });
    rejected.acceptance = Some(Acceptance {
        decision: AcceptanceDecision::Rejected,
        on: d("2026-10-09"),
        by: "liuf".into(),
        reason: Some("无事实依据".into()),
        notified_on: None,
    });
    assert_eq!(
        kinds(&run(&rejected, "2026-10-12").0),
        [ObligationKind::Notification]
    );
    rejected.acceptance.as_mut().expect("acc").notified_on = Some(d("2026-10-10"));
    assert!(run(&rejected, "2026-10-12").0.is_empty());

    // A closed case with unapplied measures and an undecided review: nothing open …
    let mut closed = decided();
    closed.stage = Stage::Closed;
    closed
        .appeals
        .push(appeal(AppealKind::Review, "2026-12-01", None, false));
    assert!(run(&closed, "2026-12-02").0.is_empty());
    // … but an un-notified named complainant still is.
    closed.acceptance.as_mut().expect("acc").notified_on = None;
    assert_eq!(
        kinds(&run(&closed, "2026-12-02").0),
        [ObligationKind::Notification]
    );
}

#[test]
fn decision_report_closes_when_submitted() {
    let mut c = example();
    c.submitted_on = Some(d("2026-11-02"));
    c.stage = Stage::Submitted;
    assert!(run(&c, "2026-11-06").0.is_empty());
}

#[test]
fn decision_report_owner() {
    let rec = |who: &str, on: &str| Recusal {
        person: who.into(),
        on: d(on),
        reason: "亲属".into(),
    };
    let owner = |c: &Case| run(c, "2026-11-06").0[0].owner.clone();
    let step = |c: &Case| run(c, "2026-11-06").0[0].step();
    let mut c = example();
    assert_eq!(owner(&c), "wangl");
    assert_eq!(step(&c), Step::Submit, "the team reports");
    c.recusals.push(rec("wangl", "2026-11-01"));
    assert_eq!(owner(&c), "zhaom", "recused member skipped");
    c.recusals[0].on = d("2026-11-20");
    assert_eq!(
        owner(&c),
        "wangl",
        "a recusal after today does not count yet"
    );
    c.recusals = vec![rec("wangl", "2026-11-01"), rec("zhaom", "2026-11-01")];
    assert_eq!(
        owner(&c),
        "chief",
        "everyone recused: the chief must appoint"
    );
    assert_eq!(step(&c), Step::AppointTeam);
    c.team = None;
    assert_eq!(owner(&c), "chief", "no team yet: the chief must appoint");
    assert_eq!(step(&c), Step::AppointTeam);
}

#[test]
fn sanctions_open_per_unapplied_measure() {
    let mut c = decided();
    c.sanctions.push(sanction("sunq", Measure::M11_1));
    // The same measure for another person does not close zhouh's.
    c.sanctions.push(sanction("wangl", Measure::M11_1));
    let (obs, _) = run(&c, "2026-11-25");
    let got: Vec<_> = obs
        .iter()
        .map(|o| {
            (
                o.kind,
                o.person.as_deref(),
                o.measure,
                o.due,
                o.owner.as_str(),
            )
        })
        .collect();
    // 2026-11-20 + 30 = 12-20 (Sun) → Mon 12-21. zhouh's is exempted yet listed: still owed.
    let due = d("2026-12-21");
    let s = ObligationKind::Sanction;
    assert_eq!(
        got,
        [
            (s, Some("sunq"), Some(Measure::M11_2), due, "chief"),
            (s, Some("zhouh"), Some(Measure::M11_1), due, "chief"),
        ]
    );
    let json = serde_json::to_value(&obs[0]).expect("json");
    assert_eq!(json["person"], "sunq");
    assert_eq!(json["measure"], "11.2");
}

#[test]
fn sanctions_close_when_all_applied() {
    let mut c = decided();
    for (p, m) in [
        ("sunq", Measure::M11_1),
        ("sunq", Measure::M11_2),
        ("zhouh", Measure::M11_1),
    ] {
        c.sanctions.push(sanction(p, m));
    }
    assert!(run(&c, "2026-11-25").0.is_empty());
}

#[test]
fn review_and_appeal_decisions() {
    let rows = [
        // Review: 2026-12-01 + 30 = 12-31 (Thu).
        (
            appeal(AppealKind::Review, "2026-12-01", None, false),
            ObligationKind::ReviewDecision,
            "2026-12-31",
        ),
        // Appeal without accepted_on: filed + 60 = 2027-01-30 (Sat) → Mon 02-01 (plain weekends).
        (
            appeal(AppealKind::Appeal, "2026-12-01", None, false),
            ObligationKind::AppealDecision,
            "2027-02-01",
        ),
        // Appeal from accepted_on: 2026-12-05 + 60 = 2027-02-03 (Wed).
        (
            appeal(AppealKind::Appeal, "2026-12-01", Some("2026-12-05"), false),
            ObligationKind::AppealDecision,
            "2027-02-03",
        ),
        // Extended: + 90 = 2027-03-05 (Fri).
        (
            appeal(AppealKind::Appeal, "2026-12-01", Some("2026-12-05"), true),
            ObligationKind::AppealDecision,
            "2027-03-05",
        ),
    ];
    for (a, kind, due) in rows {
        let mut c = decided();
        c.stage = Stage::Appealed;
        c.sanctions = vec![
            sanction("sunq", Measure::M11_1),
            sanction("sunq", Measure::M11_2),
            sanction("zhouh", Measure::M11_1),
        ];
        c.appeals.push(a.clone());
        let (obs, _) = run(&c, "2026-12-10");
        assert_eq!(obs.len(), 1, "{a:?}");
        let o = &obs[0];
        assert_eq!(
            (o.kind, o.due, o.owner.as_str(), o.person.as_deref()),
            (kind, d(due), "wangl", Some("sunq")),
            "{a:?}"
        );
        assert_eq!(serde_json::to_value(o).expect("json")["person"], "sunq");
        assert_eq!(o.step(), Step::DecideAppeal);
        // bundle-v2.md: the case team owns it; with no team, the legal affairs office.
        c.team = None;
        assert_eq!(run(&c, "2026-12-10").0[0].owner, "legal");
        // Decided: closed.
        c.appeals[0].decided_on = Some(d("2026-12-09"));
        assert!(run(&c, "2026-12-10").0.is_empty(), "{a:?}");
    }
}

#[test]
fn state_boundaries() {
    // The example's decision report is due 2026-11-09.
    let rows = [
        ("2026-11-05", 4, DeadlineState::Open),
        ("2026-11-06", 3, DeadlineState::DueSoon),
        ("2026-11-09", 0, DeadlineState::DueSoon),
        ("2026-11-10", -1, DeadlineState::Overdue),
    ];
    for (today, left, state) in rows {
        let (obs, _) = run(&example(), today);
        assert_eq!((obs[0].days_left, obs[0].state), (left, state), "{today}");
    }
}

#[test]
fn sort_is_state_then_due_then_case_number() {
    let ob = |case: &str, due: &str, state| Obligation {
        case: case.into(),
        kind: ObligationKind::DecisionReport,
        due: d(due),
        days_left: 0,
        state,
        owner: "x".into(),
        person: None,
        measure: None,
    };
    use DeadlineState::*;
    let mut v = vec![
        ob("卧应急责〔2026〕10号", "2026-11-01", Open),
        ob("卧应急责〔2026〕9号", "2026-11-01", Open),
        ob("A", "2026-12-01", DueSoon),
        ob("B", "2026-11-20", DueSoon),
        ob("Z", "2026-12-31", Overdue),
    ];
    sort_most_urgent(&mut v);
    let order: Vec<_> = v.iter().map(|o| o.case.as_str()).collect();
    assert_eq!(
        order,
        ["Z", "B", "A", "卧应急责〔2026〕9号", "卧应急责〔2026〕10号"]
    );
}

#[test]
fn many_cases_sorted_and_uncovered_years_propagate() {
    let mut appealed = decided();
    appealed.number = "卧应急责〔2026〕8号".into();
    appealed.sanctions = vec![
        sanction("sunq", Measure::M11_1),
        sanction("sunq", Measure::M11_2),
        sanction("zhouh", Measure::M11_1),
    ];
    appealed
        .appeals
        .push(appeal(AppealKind::Appeal, "2026-12-01", None, false));
    let cases = [appealed, example()];
    let mut unc = Uncovered::new();
    let obs = obligations(&cases, &Calendar::builtin(), d("2026-11-06"), &mut unc);
    assert_eq!(
        kinds(&obs),
        [
            ObligationKind::DecisionReport,
            ObligationKind::AppealDecision
        ]
    );
    // The appeal's period ends in 2027, which no built-in calendar covers.
    assert_eq!(unc.into_iter().collect::<Vec<_>>(), [2027]);
    // Only the 2026 case: nothing uncovered.
    let mut unc = Uncovered::new();
    obligations(&cases[1..], &Calendar::builtin(), d("2026-11-06"), &mut unc);
    assert!(unc.is_empty());
}

#[test]
fn case_numbers_compare_numerically() {
    use std::cmp::Ordering::*;
    let rows = [
        ("〔2026〕7号", "〔2026〕10号", Less),
        ("〔2025〕10号", "〔2026〕1号", Less),
        ("〔2026〕07号", "〔2026〕7号", Less), // equal numbers: plain order decides
        ("A", "A", Equal),
        ("A1", "A", Greater),
    ];
    for (a, b, want) in rows {
        assert_eq!(case_number_order(a, b), want, "{a} {b}");
    }
}
