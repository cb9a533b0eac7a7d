//! Saving and loading the domain model: exact round trips, versions, the change counter.

use std::collections::BTreeMap;
use std::path::Path;

use chrono::NaiveDate;
use culpa::domain::model::*;
use culpa::store::{Store, StoreError};

const EXAMPLE: &str = include_str!("fixtures/example.json");

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn example() -> Bundle {
    serde_json::from_str(EXAMPLE).unwrap()
}

/// A store holding the example's people and relations.
fn store_with_people(path: &Path) -> Store {
    let mut store = Store::create(path, false).unwrap();
    let b = example();
    store
        .write(|tx| {
            tx.add_directory(&b.people, &b.relations)?;
            Ok::<_, StoreError>(())
        })
        .unwrap();
    store
}

/// A case with every field filled, every rule kind in the findings and lists in an order
/// that is not sorted, so a round trip that reorders anything fails.
fn full_case(number: &str) -> Case {
    let mut c = example().cases.remove(0);
    c.number = number.to_string();
    c.interested_parties_note = Some("利害关系人已通知".into());
    c.respondents = vec!["zhouh".into(), "sunq".into()];
    c.recusals = vec![Recusal {
        person: "zhaom".into(),
        on: d("2026-10-11"),
        reason: "与被调查人有亲属关系".into(),
    }];
    c.team.as_mut().unwrap().members = vec!["zhaom".into(), "wangl".into(), "liuf".into()];
    c.interviews.push(Interview {
        on: d("2026-10-15"),
        kind: InterviewKind::Witness,
        interviewee: "证人甲".into(),
        interviewers: vec!["wangl".into(), "liuf".into()],
        transcript: "证言".into(),
        signed: false,
        waived: true,
    });
    c.evidence.push(Evidence {
        kind: "photo".into(),
        description: "现场照片".into(),
        collected_on: d("2026-10-13"),
        collected_by: "liuf".into(),
        sha256: Some("ab".repeat(32)),
    });
    c.deliberation = Some(Deliberation {
        on: d("2026-11-01"),
        attendees: vec!["wuy".into(), "chenj".into()],
        minutes: "集体研究纪要".into(),
    });
    let rules = vec![
        RuleFinding::R7_4 {
            persons: vec!["zhouh".into(), "sunq".into()],
        },
        RuleFinding::R5_1 {},
        RuleFinding::R5_2_1 {},
        RuleFinding::R5_2_2 {},
        RuleFinding::R5_2_3 {},
        RuleFinding::R5_2_4 {},
        RuleFinding::R5_2_5 {},
        RuleFinding::R5_2_6 {},
        RuleFinding::R5_2_7 {},
        RuleFinding::R5_2_8 {},
        RuleFinding::R5_2_9 {
            instructed_by: Some(Superior::Approver),
            agreed_by_approver: true,
        },
        RuleFinding::R5_2_10 {
            ordered_by: Superior::Reviewer,
            obviously_illegal: true,
        },
        RuleFinding::R5_3 {
            post_holder: "sunq".into(),
        },
        RuleFinding::R5_4 {
            handling_unit: "执法大队".into(),
            review_unit: "法制股".into(),
            review_unit_changed_act: true,
        },
        RuleFinding::R7_1 {},
        RuleFinding::R7_2_1 {
            persons: vec!["sunq".into()],
        },
        RuleFinding::R7_2_2 {},
        RuleFinding::R7_2_3 {},
        RuleFinding::R7_3 {
            persons: vec!["zhouh".into()],
        },
    ];
    let mut circumstances = BTreeMap::new();
    circumstances.insert(
        "sunq".to_string(),
        Circumstances {
            aggravating: vec![Aggravating::A8_4, Aggravating::A8_1],
            exempting: vec![Exempting::E9_5, Exempting::E9_1],
        },
    );
    c.findings = Some(Findings {
        fault_types: vec![22, 2, 7],
        serious_consequences: true,
        wrongful_case: Some(WrongfulCase::PartlyRevoked),
        violates_law: true,
        suspected_crime: true,
        rules,
        cleared: vec!["zhouh".into()],
        circumstances,
        culpability: BTreeMap::from([
            ("sunq".to_string(), culpa::domain::Culpability::Intent),
            ("zhouh".to_string(), culpa::domain::Culpability::Negligence),
        ]),
    });
    c.stage = Stage::Appealed;
    c.submitted_on = Some(d("2026-11-05"));
    c.overdue_reason = Some("节假日".into());
    let mut outcomes = BTreeMap::new();
    outcomes.insert(
        "sunq".to_string(),
        DecidedOutcome {
            grade: Grade::Direct,
            exempted: false,
            sanctions: vec![Measure::M11_6, Measure::M11_2],
        },
    );
    outcomes.insert(
        "zhouh".to_string(),
        DecidedOutcome {
            grade: Grade::ImportantLeadership,
            exempted: true,
            sanctions: vec![],
        },
    );
    c.decision = Some(Decision {
        on: d("2026-11-20"),
        committee: vec!["wuy".into(), "chenj".into()],
        recused: vec!["chenj".into()],
        text: "决定如下".into(),
        outcomes,
    });
    c.sanctions = vec![
        Sanction {
            person: "sunq".into(),
            measure: Measure::M11_6,
            applied_on: d("2026-11-25"),
            note: "赔偿部分".into(),
            amount: Some(1234.56),
        },
        Sanction {
            person: "sunq".into(),
            measure: Measure::M11_2,
            applied_on: d("2026-11-24"),
            note: "通报".into(),
            amount: None,
        },
    ];
    c.appeals = vec![
        Appeal {
            person: "sunq".into(),
            kind: AppealKind::Review,
            filed_on: d("2026-11-28"),
            accepted_on: Some(d("2026-11-29")),
            extended: true,
            decided_on: Some(d("2026-12-20")),
            result: Some("变更为通报批评".into()),
            outcome: Some(culpa::domain::AppealOutcome::Changed),
            changed_to: Some(DecidedOutcome {
                grade: Grade::Supervisory,
                exempted: false,
                sanctions: vec![Measure::M11_2],
            }),
        },
        Appeal::filed("sunq", AppealKind::Appeal, d("2026-12-25")),
    ];
    c
}

/// A fresh case with nothing of later stages.
fn bare_case(number: &str) -> Case {
    let mut c = Case::received(
        number.to_string(),
        "标题".into(),
        Source::Referral,
        d("2027-01-04"),
        None,
        "摘要".into(),
        Act {
            kind: ActKind::Inspection,
            reference: "卧应急检〔2027〕1号".into(),
            on_the_spot: true,
            handler: "sunq".into(),
            reviewer: None,
            approver: None,
        },
        vec!["sunq".into()],
    );
    c.team = Some(Team {
        appointed_on: d("2027-01-05"),
        appointed_by: "chenj".into(),
        members: vec![],
    });
    c
}

#[test]
fn cases_round_trip_exactly() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = store_with_people(&dir.path().join("culpa.db"));
    let cases = [
        ("example", example().cases.remove(0)),
        ("every field", full_case("卧应急责〔2026〕8号")),
        ("bare, empty team", bare_case("卧应急责〔2027〕1号")),
    ];
    for (what, case) in &cases {
        let rec = store.write(|tx| tx.insert_case(case)).unwrap();
        assert_eq!(rec.version, 1, "{what}");
        let loaded = store.read(|tx| tx.case(&case.number)).unwrap().unwrap();
        assert_eq!(&loaded.case, case, "{what}");
        assert_eq!((loaded.id, loaded.version), (rec.id, 1), "{what}");
    }
    let all = store.read(|tx| tx.cases()).unwrap();
    let got: Vec<&Case> = all.iter().map(|r| &r.case).collect();
    let want: Vec<&Case> = cases.iter().map(|(_, c)| c).collect();
    assert_eq!(
        got, want,
        "cases() loads every case whole, in recorded order"
    );
}

#[test]
fn saving_replaces_the_whole_case_and_bumps_the_version() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = store_with_people(&dir.path().join("culpa.db"));
    let first = example().cases.remove(0);
    let rec = store.write(|tx| tx.insert_case(&first)).unwrap();
    let full = full_case(&first.number);
    let v2 = store.write(|tx| tx.save_case(rec.id, 1, &full)).unwrap();
    assert_eq!(v2, 2);
    let loaded = store.read(|tx| tx.case(&first.number)).unwrap().unwrap();
    assert_eq!((loaded.version, &loaded.case), (2, &full));
    // And back: lists shrink, sections disappear.
    let v3 = store.write(|tx| tx.save_case(rec.id, 2, &first)).unwrap();
    let loaded = store.read(|tx| tx.case(&first.number)).unwrap().unwrap();
    assert_eq!((v3, loaded.version, &loaded.case), (3, 3, &first));
}

#[test]
fn a_stale_version_is_a_conflict_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = store_with_people(&dir.path().join("culpa.db"));
    let case = example().cases.remove(0);
    let rec = store.write(|tx| tx.insert_case(&case)).unwrap();
    let mut mine = case.clone();
    mine.title = "我的修改".into();
    let mut theirs = case.clone();
    theirs.title = "他人的修改".into();
    store.write(|tx| tx.save_case(rec.id, 1, &theirs)).unwrap();
    let err = store
        .write(|tx| tx.save_case(rec.id, 1, &mine))
        .err()
        .unwrap();
    match &err {
        StoreError::Conflict {
            what,
            expected,
            current,
        } => {
            assert!(what.contains(&case.number));
            assert_eq!((*expected, *current), (1, 2));
        }
        other => panic!("expected Conflict, got {other:?}"),
    }
    let loaded = store.read(|tx| tx.case(&case.number)).unwrap().unwrap();
    assert_eq!(loaded.case.title, "他人的修改");
    assert!(matches!(
        store
            .write(|tx| tx.save_case(9999, 1, &mine))
            .err()
            .unwrap(),
        StoreError::NotFound(_)
    ));
}

#[test]
fn duplicates_and_unknown_logins_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = store_with_people(&dir.path().join("culpa.db"));
    let case = example().cases.remove(0);
    store.write(|tx| tx.insert_case(&case)).unwrap();
    let err = store.write(|tx| tx.insert_case(&case)).err().unwrap();
    assert!(matches!(err, StoreError::Duplicate(_)), "{err:?}");

    let mut other = bare_case("卧应急责〔2027〕2号");
    other.respondents = vec!["ghost".into()];
    let err = store.write(|tx| tx.insert_case(&other)).err().unwrap();
    assert!(
        matches!(&err, StoreError::Constraint(m) if m.contains("卧应急责〔2027〕2号")),
        "{err:?}"
    );
    // All-or-nothing: the failed insert left no case row behind.
    assert!(store.read(|tx| tx.case(&other.number)).unwrap().is_none());
}

#[test]
fn cases_since_returns_only_what_changed() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = store_with_people(&dir.path().join("culpa.db"));
    let a = bare_case("卧应急责〔2027〕1号");
    let b = bare_case("卧应急责〔2027〕2号");
    let (ra, _) = store
        .write(|tx| Ok::<_, StoreError>((tx.insert_case(&a)?, tx.insert_case(&b)?)))
        .unwrap();
    let (all, rev) = store.read(|tx| tx.cases_since(0)).unwrap();
    assert_eq!(all.len(), 2);
    let (none, same) = store.read(|tx| tx.cases_since(rev)).unwrap();
    assert!(none.is_empty());
    assert_eq!(same, rev);

    let mut a2 = a.clone();
    a2.summary = "更新".into();
    store.write(|tx| tx.save_case(ra.id, 1, &a2)).unwrap();
    let (changed, later) = store.read(|tx| tx.cases_since(rev)).unwrap();
    assert_eq!(later, rev + 1);
    assert_eq!(changed.len(), 1);
    assert_eq!((changed[0].version, &changed[0].case), (2, &a2));
}

#[test]
fn case_numbers_are_listed_per_year() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = store_with_people(&dir.path().join("culpa.db"));
    for n in [
        "卧应急责〔2027〕1号",
        "卧应急责〔2026〕9号",
        "卧应急责〔2027〕10号",
        // Other forms: a synthetic number, another bureau's, a year that only starts alike.
        "卧应急责〔2027〕S5号",
        "宛应急责〔2027〕3号",
        "卧应急责〔20270〕4号",
    ] {
        store.write(|tx| tx.insert_case(&bare_case(n))).unwrap();
    }
    let table = [
        (2027, vec!["卧应急责〔2027〕1号", "卧应急责〔2027〕10号"]),
        (2026, vec!["卧应急责〔2026〕9号"]),
        (2025, vec![]),
    ];
    for (year, want) in table {
        let prefix = culpa::workflow::execute::number_prefix(year);
        assert_eq!(
            store
                .read(|tx| tx.case_numbers_with_prefix(&prefix))
                .unwrap(),
            want,
            "{year}"
        );
    }
    // The highest of the year's own, plus one.
    let mine = store
        .read(|tx| tx.case_numbers_with_prefix(&culpa::workflow::execute::number_prefix(2027)))
        .unwrap();
    assert_eq!(
        culpa::workflow::execute::next_number(2027, &mine),
        "卧应急责〔2027〕11号"
    );
}

#[test]
fn people_and_relations_round_trip() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = store_with_people(&dir.path().join("culpa.db"));
    let b = example();
    assert_eq!(store.read(|tx| tx.people()).unwrap(), b.people);
    assert_eq!(store.read(|tx| tx.relations()).unwrap(), b.relations);
    let mut chen = b.people[1].clone();
    chen.roles = vec![Role::Committee, Role::Admin, Role::Chief];
    chen.unit = "局机关".into();
    store.write(|tx| tx.upsert_person(&chen)).unwrap();
    assert_eq!(store.read(|tx| tx.person("chenj")).unwrap(), Some(chen));
    assert_eq!(store.read(|tx| tx.person("nobody")).unwrap(), None);
    let dir_ = store.read(|tx| tx.directory()).unwrap();
    assert!(dir_.has_role("chenj", Role::Admin));
    assert_eq!(dir_.relations(), &b.relations[..]);

    let err = store
        .write(|tx| {
            tx.add_relation(&Relation {
                a: "wangl".into(),
                b: "ghost".into(),
                kind: RelationKind::Interest,
                note: None,
            })
        })
        .err()
        .unwrap();
    assert!(matches!(err, StoreError::NotFound(_)), "{err:?}");
}

#[test]
fn a_hand_edited_findings_column_is_reported_not_loaded() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("culpa.db");
    let mut store = store_with_people(&db);
    let case = example().cases.remove(0);
    store.write(|tx| tx.insert_case(&case)).unwrap();
    rusqlite::Connection::open(&db)
        .unwrap()
        .execute(
            "UPDATE cases SET findings = '{\"fault_types\": [2], \"bogus\": 1}'",
            [],
        )
        .unwrap();
    let err = store.read(|tx| tx.case(&case.number)).err().unwrap();
    assert!(
        matches!(&err, StoreError::Corrupt(m) if m.contains(&case.number) && m.contains("findings")),
        "{err:?}"
    );
}

#[test]
fn prior_outcomes_read_from_the_store_equal_those_of_the_loaded_cases() {
    // The demo has decided cases with graded, exempted and none outcomes (Art. 8(3) input).
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::create(&dir.path().join("culpa.db"), true).unwrap();
    let demo = culpa::demo::demo(d("2026-11-29"));
    store
        .write(|tx| {
            tx.add_directory(&demo.bundle.people, &demo.bundle.relations)?;
            tx.insert_cases(&demo.bundle.cases)?;
            Ok::<_, StoreError>(())
        })
        .unwrap();
    let key = |p: &culpa::domain::liability::PriorOutcome| (p.case.clone(), p.login.clone());
    let mut from_store = store.read(|tx| tx.prior_outcomes()).unwrap();
    let mut from_cases = culpa::domain::liability::prior_outcomes(&demo.bundle.cases);
    from_store.sort_by_key(key);
    from_cases.sort_by_key(key);
    assert!(from_cases.len() >= 4, "the demo has decided outcomes");
    assert!(from_cases.iter().any(|p| p.exempted));
    assert_eq!(from_store, from_cases);
}
