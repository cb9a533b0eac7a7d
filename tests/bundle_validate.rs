//! Reading and validating bundles: each malformed bundle names its path and case.

use culpa::domain::Directory;
use culpa::domain::calendar::Calendar;
use culpa::domain::model::{Person, Role};
use culpa::domain::validate::{parse_bundle, read_bundle, reconcile_people};
use serde_json::{Value, json};

const EXAMPLE: &str = include_str!("fixtures/example.json");
const DECIDED: &str = include_str!("fixtures/decided.json");
const N7: &str = "卧应急责〔2026〕7号";
const N3: &str = "卧应急责〔2026〕3号";

/// The day of import the fixtures are read on.
fn today() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, 11, 9).expect("date")
}

fn value(text: &str) -> Value {
    serde_json::from_str(text).expect("fixture is JSON")
}

/// The first error reading `v`, as `PATH (case NUMBER): reason`.
fn first_error(v: &Value) -> String {
    let text = serde_json::to_string_pretty(v).expect("serialises");
    match read_bundle(&text, &Directory::default(), &Calendar::builtin(), today()) {
        Ok(_) => panic!("expected an error for {text}"),
        Err(errors) => errors[0].to_string(),
    }
}

#[test]
fn the_fixtures_pass() {
    for text in [EXAMPLE, DECIDED] {
        let r = read_bundle(text, &Directory::default(), &Calendar::builtin(), today());
        assert!(r.is_ok(), "{:?}", r.err());
    }
}

type Mutation = fn(&mut Value);

/// (what, fixture, mutation, expected start of the first error). Each row breaks one thing.
/// Rows that strict parsing alone must refuse.
fn parse_rows() -> Vec<(&'static str, &'static str, Mutation, String)> {
    vec![
        (
            "unknown field",
            EXAMPLE,
            |v| {
                let team = v["cases"][0]["team"].as_object_mut().unwrap();
                let members = team.remove("members").unwrap();
                team.insert("membres".into(), members);
            },
            format!("cases[0].team.membres (case {N7}): unknown field \"membres\""),
        ),
        (
            "unknown field in a rule's parameters",
            EXAMPLE,
            |v| v["cases"][0]["findings"]["rules"][0] = json!({"rule": "5.2.4", "extra": 1}),
            format!("cases[0].findings.rules[0].extra (case {N7}): unknown field \"extra\""),
        ),
        (
            "impossible date",
            EXAMPLE,
            |v| v["cases"][0]["received_on"] = json!("2026-13-01"),
            format!(
                "cases[0].received_on (case {N7}): invalid date \"2026-13-01\"; write dates as YYYY-MM-DD"
            ),
        ),
        (
            "slashed date",
            EXAMPLE,
            |v| v["cases"][0]["team"]["appointed_on"] = json!("2026/10/01"),
            format!("cases[0].team.appointed_on (case {N7}): invalid date \"2026/10/01\""),
        ),
        (
            "unknown rule code",
            EXAMPLE,
            |v| v["cases"][0]["findings"]["rules"][0] = json!({"rule": "5.9"}),
            format!("cases[0].findings.rules[0].rule (case {N7}): unknown rule code \"5.9\""),
        ),
        (
            "8.3 entered by hand",
            EXAMPLE,
            |v| v["cases"][0]["findings"]["circumstances"]["sunq"]["aggravating"] = json!(["8.3"]),
            format!("cases[0].findings.circumstances.sunq.aggravating[0] (case {N7}): 8.3"),
        ),
        (
            "unknown enum value",
            EXAMPLE,
            |v| v["cases"][0]["source"] = json!("letter"),
            format!("cases[0].source (case {N7}): unknown value \"letter\""),
        ),
        (
            "missing required field",
            EXAMPLE,
            |v| {
                v["cases"][0].as_object_mut().unwrap().remove("decision");
            },
            format!("cases[0].decision (case {N7}): required field is missing"),
        ),
        (
            "wrong format tag",
            EXAMPLE,
            |v| v["format"] = json!("culpa.bundle/3"),
            "format: unsupported format \"culpa.bundle/3\"".to_string(),
        ),
        // bundle-v2.md: findings.culpability is required in /2 (it may be {}).
        (
            "culpability missing in a /2 file",
            EXAMPLE,
            |v| {
                v["cases"][0]["findings"]
                    .as_object_mut()
                    .unwrap()
                    .remove("culpability");
            },
            format!("cases[0].findings.culpability (case {N7}): required field is missing"),
        ),
        // bundle-v2.md: /1 has no culpability, outcome or changed_to.
        (
            "culpability in a /1 file",
            EXAMPLE,
            |v| v["format"] = json!("culpa.bundle/1"),
            format!(
                "cases[0].findings.culpability (case {N7}): unknown field \"culpability\" in a \"culpa.bundle/1\" file"
            ),
        ),
        (
            "appeal outcome in a /1 file",
            DECIDED,
            |v| {
                v["format"] = json!("culpa.bundle/1");
                v["cases"][0]["findings"]
                    .as_object_mut()
                    .unwrap()
                    .remove("culpability");
                v["cases"][0]["appeals"] = json!([{"person": "sunq", "kind": "review",
                    "filed_on": "2026-11-05", "decided_on": null, "result": null, "outcome": null}]);
            },
            format!(
                "cases[0].appeals[0].outcome (case {N3}): unknown field \"outcome\" in a \"culpa.bundle/1\" file"
            ),
        ),
        (
            "unknown culpability value",
            EXAMPLE,
            |v| v["cases"][0]["findings"]["culpability"]["sunq"] = json!("recklessness"),
            format!(
                "cases[0].findings.culpability.sunq (case {N7}): unknown value \"recklessness\""
            ),
        ),
    ]
}

/// Rows that need cross-reference validation (the calendar, the check, the rules).
fn rows() -> Vec<(&'static str, &'static str, Mutation, String)> {
    vec![
        (
            "unknown login",
            EXAMPLE,
            |v| v["cases"][0]["team"]["members"][1] = json!("wangll"),
            format!("cases[0].team.members[1] (case {N7}): unknown login \"wangll\""),
        ),
        (
            "duplicate case number",
            EXAMPLE,
            |v| {
                let c = v["cases"][0].clone();
                v["cases"].as_array_mut().unwrap().push(c);
            },
            format!("cases[1].number (case {N7}): duplicate case number (also cases[0])"),
        ),
        (
            "duplicate login in people",
            EXAMPLE,
            |v| {
                let p = v["people"][0].clone();
                v["people"].as_array_mut().unwrap().push(p);
            },
            "people[7].login: duplicate login \"liuf\" (also people[0])".to_string(),
        ),
        (
            "submitted without submitted_on",
            EXAMPLE,
            |v| v["cases"][0]["stage"] = json!("submitted"),
            format!(
                "cases[0].submitted_on (case {N7}): stage is submitted, which needs submitted_on"
            ),
        ),
        (
            "investigating without a team",
            EXAMPLE,
            |v| {
                v["cases"][0]["team"] = Value::Null;
                v["cases"][0]["interviews"] = json!([]);
                v["cases"][0]["evidence"] = json!([]);
            },
            format!(
                "cases[0].team (case {N7}): stage is investigating, which needs the investigation team"
            ),
        ),
        (
            "received with an acceptance",
            EXAMPLE,
            |v| v["cases"][0]["stage"] = json!("received"),
            format!(
                "cases[0].acceptance (case {N7}): stage is received, but acceptance is recorded"
            ),
        ),
        (
            "accepted with a team",
            EXAMPLE,
            |v| v["cases"][0]["stage"] = json!("accepted"),
            format!(
                "cases[0].team (case {N7}): stage is accepted, but team is recorded, which belongs to a later stage"
            ),
        ),
        (
            "accepted with submitted_on",
            EXAMPLE,
            |v| {
                let c = &mut v["cases"][0];
                c["stage"] = json!("accepted");
                c["team"] = Value::Null;
                c["interviews"] = json!([]);
                c["evidence"] = json!([]);
                c["findings"] = Value::Null;
                c["submitted_on"] = json!("2026-10-20");
            },
            format!(
                "cases[0].submitted_on (case {N7}): stage is accepted, but submitted_on is recorded"
            ),
        ),
        (
            "submitted failing the check",
            EXAMPLE,
            |v| {
                v["cases"][0]["stage"] = json!("submitted");
                v["cases"][0]["submitted_on"] = json!("2026-10-20");
            },
            format!(
                "cases[0].stage (case {N7}): stage is submitted, but the case fails the submission check as of submitted_on 2026-10-20: conflict_not_recused, defence_not_heard, interested_parties_not_heard, no_deliberation;"
            ),
        ),
        (
            "decided with an involved committee member not recused",
            DECIDED,
            |v| v["cases"][0]["decision"]["recused"] = json!([]),
            format!(
                "cases[0].decision.committee[0] (case {N3}): \"chenj\" is involved (a respondent, approver of the act) and has not recused"
            ),
        ),
        (
            "sanctioned with a measure not applied",
            DECIDED,
            |v| {
                v["cases"][0]["stage"] = json!("sanctioned");
                v["cases"][0]["sanctions"] = json!([{"person": "sunq", "measure": "11.1", "applied_on": "2026-11-02", "note": ""}]);
            },
            format!(
                "cases[0].sanctions (case {N3}): stage is sanctioned, but measure 11.2 of the final outcome of \"zhouh\" is not applied"
            ),
        ),
        (
            "sanction never decided",
            DECIDED,
            |v| v["cases"][0]["sanctions"] = json!([{"person": "sunq", "measure": "11.4", "applied_on": "2026-11-02", "note": ""}]),
            format!(
                "cases[0].sanctions[0].measure (case {N3}): measure 11.4 for \"sunq\" is not in decision.outcomes"
            ),
        ),
        (
            "negative amount",
            DECIDED,
            |v| {
                // Art. 11(6) needs state compensation.
                v["cases"][0]["findings"]["wrongful_case"] = json!("compensation");
                v["cases"][0]["decision"]["outcomes"]["sunq"]["sanctions"] =
                    json!(["11.1", "11.6"]);
                v["cases"][0]["sanctions"] = json!([{"person": "sunq", "measure": "11.6", "applied_on": "2026-11-02", "note": "", "amount": -5.0}]);
            },
            format!(
                "cases[0].sanctions[0].amount (case {N3}): amount -5 must be a non-negative number"
            ),
        ),
        (
            "acceptance by someone without the legal role",
            EXAMPLE,
            |v| v["cases"][0]["acceptance"]["by"] = json!("wangl"),
            format!("cases[0].acceptance.by (case {N7}): \"wangl\" does not hold the legal role"),
        ),
        (
            "team appointed by someone not chief",
            EXAMPLE,
            |v| v["cases"][0]["team"]["appointed_by"] = json!("wuy"),
            format!("cases[0].team.appointed_by (case {N7}): \"wuy\" does not hold the chief role"),
        ),
        (
            "team member not an investigator",
            EXAMPLE,
            |v| v["cases"][0]["team"]["members"][1] = json!("liuf"),
            format!(
                "cases[0].team.members[1] (case {N7}): \"liuf\" does not hold the investigator role"
            ),
        ),
        (
            "committee member without the committee role",
            DECIDED,
            |v| v["cases"][0]["decision"]["committee"][1] = json!("liuf"),
            format!(
                "cases[0].decision.committee[1] (case {N3}): \"liuf\" does not hold the committee role"
            ),
        ),
        (
            "rejection without a reason",
            EXAMPLE,
            |v| {
                let c = &mut v["cases"][0];
                c["stage"] = json!("rejected");
                c["acceptance"]["decision"] = json!("rejected");
                c["acceptance"]["reason"] = Value::Null;
                c["team"] = Value::Null;
                c["interviews"] = json!([]);
                c["evidence"] = json!([]);
                c["findings"] = Value::Null;
            },
            format!("cases[0].acceptance.reason (case {N7}): a rejection must give its reason"),
        ),
        (
            "fault type out of range",
            EXAMPLE,
            |v| v["cases"][0]["findings"]["fault_types"] = json!([23]),
            format!("cases[0].findings.fault_types[0] (case {N7}): 23 is not an Art. 6 fault type"),
        ),
        (
            "rule naming a null act role",
            EXAMPLE,
            |v| v["cases"][0]["act"]["reviewer"] = Value::Null,
            format!(
                "cases[0].findings.rules[0] (case {N7}): rule 5.2.4 names the act's reviewer, but the act has none"
            ),
        ),
        (
            "7.1 on an act not on the spot",
            EXAMPLE,
            |v| {
                v["cases"][0]["findings"]["wrongful_case"] = json!("revoked");
                v["cases"][0]["findings"]["rules"] = json!([{"rule": "5.2.4"}, {"rule": "7.1"}]);
            },
            format!(
                "cases[0].findings.rules[1] (case {N7}): rule 7.1 applies only to an act made on the spot"
            ),
        ),
        (
            "cleared and named",
            EXAMPLE,
            |v| v["cases"][0]["findings"]["cleared"] = json!(["sunq"]),
            format!(
                "cases[0].findings.cleared[0] (case {N7}): sunq is both cleared and named by rule 5.2.4"
            ),
        ),
        (
            "5.2.9 agreement without the reviewer's instruction",
            EXAMPLE,
            |v| {
                v["cases"][0]["findings"]["rules"] = json!([{"rule": "5.2.4"},
                    {"rule": "5.2.9", "instructed_by": "approver", "agreed_by_approver": true}])
            },
            format!(
                "cases[0].findings.rules[1] (case {N7}): rule 5.2.9: agreed_by_approver applies only"
            ),
        ),
        (
            "unknown login in a rule's persons",
            EXAMPLE,
            |v| {
                v["cases"][0]["findings"]["rules"] =
                    json!([{"rule": "5.2.4"}, {"rule": "7.4", "persons": ["nobody"]}])
            },
            format!("cases[0].findings.rules[1].persons[0] (case {N7}): unknown login \"nobody\""),
        ),
        (
            "recusal of a non-member",
            EXAMPLE,
            |v| {
                v["cases"][0]["recusals"] =
                    json!([{"person": "wuy", "on": "2026-10-11", "reason": "x"}])
            },
            format!("cases[0].recusals[0].person (case {N7}): \"wuy\" is not on the team"),
        ),
        (
            "statement_defence of a non-respondent",
            EXAMPLE,
            |v| v["cases"][0]["interviews"][0]["interviewee"] = json!("wuy"),
            format!("cases[0].interviews[0].interviewee (case {N7}): \"wuy\" is not a respondent"),
        ),
        (
            "unknown evidence collector",
            EXAMPLE,
            |v| v["cases"][0]["evidence"][0]["collected_by"] = json!("ghost"),
            format!("cases[0].evidence[0].collected_by (case {N7}): unknown login \"ghost\""),
        ),
        (
            "acceptance before receipt",
            EXAMPLE,
            |v| v["cases"][0]["acceptance"]["on"] = json!("2026-09-29"),
            format!(
                "cases[0].acceptance.on (case {N7}): 2026-09-29 is before received_on (2026-09-30)"
            ),
        ),
        (
            "appeal pending while only decided",
            DECIDED,
            |v| v["cases"][0]["appeals"] = json!([{"person": "sunq", "kind": "review", "filed_on": "2026-11-05", "decided_on": null, "result": null}]),
            format!(
                "cases[0].appeals (case {N3}): stage is decided, but an appeal is still pending"
            ),
        ),
        (
            "decision before submission",
            DECIDED,
            |v| v["cases"][0]["decision"]["on"] = json!("2026-10-20"),
            format!(
                "cases[0].decision.on (case {N3}): 2026-10-20 is before submitted_on (2026-10-21)"
            ),
        ),
        (
            "decided without a decision",
            DECIDED,
            |v| v["cases"][0]["decision"] = Value::Null,
            format!(
                "cases[0].decision (case {N3}): stage is decided, which needs the committee's decision"
            ),
        ),
        (
            "relation naming an unknown person",
            EXAMPLE,
            |v| v["relations"][0]["b"] = json!("ghost"),
            "relations[0].b: unknown login \"ghost\"".to_string(),
        ),
        // ---- bundle-v2.md, "What changed from /1" ----
        (
            "Art. 9(4) beside serious consequences",
            EXAMPLE,
            |v| v["cases"][0]["findings"]["circumstances"]["sunq"]["exempting"] = json!(["9.4"]),
            format!(
                "cases[0].findings.circumstances.sunq.exempting[0] (case {N7}): 9.4 requires no serious consequences"
            ),
        ),
        (
            "Art. 9(5) beside serious consequences",
            EXAMPLE,
            |v| {
                v["cases"][0]["findings"]["circumstances"]["sunq"]["exempting"] =
                    json!(["9.1", "9.5"])
            },
            format!(
                "cases[0].findings.circumstances.sunq.exempting[1] (case {N7}): 9.5 requires no serious consequences"
            ),
        ),
        (
            "Art. 11(6) without state compensation",
            DECIDED,
            |v| {
                v["cases"][0]["decision"]["outcomes"]["sunq"]["sanctions"] = json!(["11.1", "11.6"])
            },
            format!(
                "cases[0].decision.outcomes.sunq.sanctions[1] (case {N3}): measure 11.6 (bearing state compensation) needs findings.wrongful_case \"compensation\""
            ),
        ),
        (
            "Art. 11(7) without a suspected crime",
            DECIDED,
            |v| v["cases"][0]["decision"]["outcomes"]["zhouh"]["sanctions"] = json!(["11.7"]),
            format!(
                "cases[0].decision.outcomes.zhouh.sanctions[0] (case {N3}): measure 11.7 (transfer to the judicial organs) needs findings.suspected_crime true"
            ),
        ),
        (
            "Art. 11(6) in an appeal's changed_to",
            DECIDED,
            |v| {
                v["cases"][0]["appeals"] = json!([{"person": "sunq", "kind": "review",
                    "filed_on": "2026-11-02", "decided_on": "2026-11-05", "result": "变更",
                    "outcome": "changed",
                    "changed_to": {"grade": "direct", "exempted": false, "sanctions": ["11.6"]}}]);
            },
            format!("cases[0].appeals[0].changed_to.sanctions[0] (case {N3}): measure 11.6"),
        ),
        (
            "Art. 7(1) without a wrongful case",
            EXAMPLE,
            |v| {
                v["cases"][0]["act"]["on_the_spot"] = json!(true);
                v["cases"][0]["findings"]["rules"] = json!([{"rule": "7.1"}]);
            },
            format!(
                "cases[0].findings.rules[0] (case {N7}): rule 7.1 applies only to a wrongful case"
            ),
        ),
        (
            "Art. 7(1) off the spot",
            EXAMPLE,
            |v| {
                v["cases"][0]["findings"]["wrongful_case"] = json!("revoked");
                v["cases"][0]["findings"]["rules"] = json!([{"rule": "7.1"}]);
            },
            format!(
                "cases[0].findings.rules[0] (case {N7}): rule 7.1 applies only to an act made on the spot"
            ),
        ),
        (
            "Art. 7(2)2 on an act that is not a penalty",
            EXAMPLE,
            |v| {
                v["cases"][0]["act"]["kind"] = json!("inspection");
                v["cases"][0]["findings"]["rules"] = json!([{"rule": "7.2.2"}]);
            },
            format!(
                "cases[0].findings.rules[0] (case {N7}): rule 7.2.2 applies only to a penalty case"
            ),
        ),
        (
            "Art. 5(2)9 agreed by the approver without the reviewer's instruction",
            EXAMPLE,
            |v| {
                v["cases"][0]["findings"]["rules"] = json!([{"rule": "5.2.4"},
                    {"rule": "5.2.9", "instructed_by": "approver", "agreed_by_approver": true}]);
            },
            format!(
                "cases[0].findings.rules[1] (case {N7}): rule 5.2.9: agreed_by_approver applies only to an instruction by the reviewer"
            ),
        ),
        (
            "culpability of someone neither respondent nor named",
            EXAMPLE,
            |v| v["cases"][0]["findings"]["culpability"]["wuy"] = json!("intent"),
            format!(
                "cases[0].findings.culpability.wuy (case {N7}): \"wuy\" is neither a respondent nor named by a rule"
            ),
        ),
        (
            "a date after the day of import",
            EXAMPLE,
            |v| v["cases"][0]["evidence"][0]["collected_on"] = json!("2026-11-10"),
            format!(
                "cases[0].evidence[0].collected_on (case {N7}): 2026-11-10 is after the day of import (2026-11-09)"
            ),
        ),
        (
            "a date before 2000",
            EXAMPLE,
            |v| v["cases"][0]["received_on"] = json!("1999-12-31"),
            format!("cases[0].received_on (case {N7}): 1999-12-31 is before 2000-01-01"),
        ),
        (
            "evidence before the team",
            EXAMPLE,
            |v| v["cases"][0]["evidence"][0]["collected_on"] = json!("2026-10-09"),
            format!(
                "cases[0].evidence[0].collected_on (case {N7}): 2026-10-09 is before team.appointed_on (2026-10-10)"
            ),
        ),
        (
            "submission before the deliberation",
            DECIDED,
            |v| v["cases"][0]["deliberation"]["on"] = json!("2026-10-22"),
            format!(
                "cases[0].submitted_on (case {N3}): 2026-10-21 is before deliberation.on (2026-10-22)"
            ),
        ),
        (
            "notification before the acceptance decision",
            EXAMPLE,
            |v| v["cases"][0]["acceptance"]["notified_on"] = json!("2026-10-08"),
            format!(
                "cases[0].acceptance.notified_on (case {N7}): 2026-10-08 is before acceptance.on (2026-10-09)"
            ),
        ),
        (
            "a decided appeal without its outcome",
            DECIDED,
            |v| {
                v["cases"][0]["appeals"] = json!([{"person": "sunq", "kind": "review",
                    "filed_on": "2026-11-02", "decided_on": "2026-11-05", "result": "维持"}]);
            },
            format!(
                "cases[0].appeals[0].outcome (case {N3}): a decided review or appeal needs its outcome"
            ),
        ),
        (
            "changed without changed_to",
            DECIDED,
            |v| {
                v["cases"][0]["appeals"] = json!([{"person": "sunq", "kind": "review",
                    "filed_on": "2026-11-02", "decided_on": "2026-11-05", "result": "变更",
                    "outcome": "changed"}]);
            },
            format!(
                "cases[0].appeals[0].changed_to (case {N3}): outcome changed needs the new outcome"
            ),
        ),
        (
            "changed_to with upheld",
            DECIDED,
            |v| {
                v["cases"][0]["appeals"] = json!([{"person": "sunq", "kind": "review",
                    "filed_on": "2026-11-02", "decided_on": "2026-11-05", "result": "维持",
                    "outcome": "upheld",
                    "changed_to": {"grade": "direct", "exempted": false, "sanctions": []}}]);
            },
            format!(
                "cases[0].appeals[0].changed_to (case {N3}): changed_to belongs only to outcome changed"
            ),
        ),
        (
            "a graded non-respondent at a submitted stage",
            DECIDED,
            |v| {
                let c = &mut v["cases"][0];
                c["respondents"] = json!(["sunq", "zhouh"]);
                c["interviews"].as_array_mut().unwrap().remove(2);
                c["findings"]["culpability"]
                    .as_object_mut()
                    .unwrap()
                    .remove("chenj");
            },
            format!(
                "cases[0].findings.culpability.chenj (case {N3}): stage is decided, but \"chenj\" is graded by the rules and has no culpability"
            ),
        ),
    ]
}

#[test]
fn each_unparsable_bundle_names_path_and_case() {
    for (what, fixture, mutate, expected) in parse_rows() {
        let mut v = value(fixture);
        mutate(&mut v);
        let got = match parse_bundle(&v.to_string()) {
            Ok(_) => panic!("{what}: parsed"),
            Err(e) => e.to_string(),
        };
        assert!(
            got.starts_with(&expected),
            "{what}:\n  got      {got}\n  expected {expected}…"
        );
    }
}

#[test]
fn each_invalid_bundle_names_path_and_case() {
    for (what, fixture, mutate, expected) in rows() {
        let mut v = value(fixture);
        mutate(&mut v);
        eprintln!("row: {what}");
        let got = first_error(&v);
        assert!(
            got.starts_with(&expected),
            "{what}:\n  got      {got}\n  expected {expected}…"
        );
    }
}

#[test]
fn invalid_json_gives_line_and_column() {
    let err =
        parse_bundle("{\n  \"format\": \"culpa.bundle/1\",\n  \"people\": [,]\n}").unwrap_err();
    assert!(
        err.reason.starts_with("invalid JSON at line 3, column 14"),
        "{err}"
    );
}

#[test]
fn parse_errors_outside_cases_carry_no_case() {
    let mut v = value(EXAMPLE);
    v["people"][0]["roles"] = json!(["boss"]);
    let err = parse_bundle(&v.to_string()).unwrap_err();
    assert_eq!(err.path, "people[0].roles[0]");
    assert_eq!(err.case, None);
}

#[test]
fn people_that_exist_must_match() {
    let existing = Directory::new(
        [Person {
            login: "liuf".into(),
            name: "刘芳".into(),
            unit: "法制股".into(),
            roles: vec![Role::Legal, Role::Admin],
        }],
        vec![],
    );
    let b = parse_bundle(EXAMPLE).unwrap();
    let errors = reconcile_people(&b.people, &existing);
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].path, "people[0]");
    assert!(
        errors[0].reason.contains("login \"liuf\" already exists"),
        "{}",
        errors[0]
    );

    // Same person, roles in another order: matched, no error.
    let same = Directory::new(
        [Person {
            login: "chenj".into(),
            name: "陈杰".into(),
            unit: "局领导".into(),
            roles: vec![Role::Committee, Role::Chief],
        }],
        vec![],
    );
    assert!(reconcile_people(&b.people, &same).is_empty());
}

#[test]
fn other_complete_stages_pass() {
    // (what, fixture, mutation): each a consistent record that must be accepted.
    let rows: [(&str, &str, Mutation); 3] = [
        ("closed after a rejection", EXAMPLE, |v| {
            let c = &mut v["cases"][0];
            c["stage"] = json!("closed");
            c["acceptance"]["decision"] = json!("rejected");
            c["acceptance"]["reason"] = json!("无事实依据");
            c["team"] = Value::Null;
            c["interviews"] = json!([]);
            c["evidence"] = json!([]);
            c["findings"] = Value::Null;
        }),
        ("sanctioned with every measure applied", DECIDED, |v| {
            v["cases"][0]["stage"] = json!("sanctioned");
            v["cases"][0]["sanctions"] = json!([
                {"person": "sunq", "measure": "11.1", "applied_on": "2026-11-02", "note": ""},
                {"person": "zhouh", "measure": "11.2", "applied_on": "2026-11-02", "note": ""}
            ]);
        }),
        ("appealed", DECIDED, |v| {
            v["cases"][0]["stage"] = json!("appealed");
            v["cases"][0]["appeals"] = json!([{"person": "sunq", "kind": "review", "filed_on": "2026-11-05", "decided_on": null, "result": null}]);
        }),
    ];
    for (what, fixture, mutate) in rows {
        let mut v = value(fixture);
        mutate(&mut v);
        let text = v.to_string();
        let r = read_bundle(&text, &Directory::default(), &Calendar::builtin(), today());
        assert!(r.is_ok(), "{what}: {:?}", r.err());
    }
}

#[test]
fn a_rule_naming_no_one_is_reported_once_at_its_persons() {
    let mut v = value(EXAMPLE);
    v["cases"][0]["findings"]["rules"] = json!([{"rule": "5.2.4"}, {"rule": "7.4", "persons": []}]);
    let text = serde_json::to_string_pretty(&v).expect("serialises");
    let errors = read_bundle(&text, &Directory::default(), &Calendar::builtin(), today())
        .expect_err("an empty persons list is refused");
    let texts: Vec<String> = errors.iter().map(|e| e.to_string()).collect();
    assert_eq!(texts.len(), 1, "{texts:?}");
    assert!(
        texts[0].starts_with("cases[0].findings.rules[1].persons (case "),
        "{texts:?}"
    );
}

/// bundle-v2.md: a `/1` file is read as `/2` with `findings.culpability` `{}` and decided
/// appeals `upheld`, then validated like any `/2` file.
#[test]
fn a_v1_bundle_reads_under_the_mapping() {
    let mut v = value(EXAMPLE);
    v["format"] = json!("culpa.bundle/1");
    v["cases"][0]["findings"]
        .as_object_mut()
        .unwrap()
        .remove("culpability");
    let text = v.to_string();
    let (b, _) = read_bundle(&text, &Directory::default(), &Calendar::builtin(), today())
        .expect("an investigating /1 case reads");
    assert_eq!(b.format, "culpa.bundle/2", "read as /2");
    assert!(b.cases[0].findings.as_ref().unwrap().culpability.is_empty());

    // A decided /1 appeal with no outcome (and a null result) is read as upheld.
    let mut v = value(DECIDED);
    v["format"] = json!("culpa.bundle/1");
    v["cases"][0]["findings"]
        .as_object_mut()
        .unwrap()
        .remove("culpability");
    v["cases"][0]["appeals"] = json!([{"person": "sunq", "kind": "review",
        "filed_on": "2026-11-02", "decided_on": "2026-11-05", "result": null}]);
    let b = parse_bundle(&v.to_string()).expect("parses");
    assert_eq!(
        b.cases[0].appeals[0].outcome,
        Some(culpa::domain::AppealOutcome::Upheld)
    );
}

/// bundle-v2.md: a `/1` case at `submitted` or later with a graded person is refused until
/// its culpability is recorded; the error names the case and the person.
#[test]
fn a_v1_decided_case_without_culpability_is_refused_naming_case_and_person() {
    let mut v = value(DECIDED);
    v["format"] = json!("culpa.bundle/1");
    v["cases"][0]["findings"]
        .as_object_mut()
        .unwrap()
        .remove("culpability");
    let errors = read_bundle(
        &v.to_string(),
        &Directory::default(),
        &Calendar::builtin(),
        today(),
    )
    .expect_err("refused");
    assert_eq!(
        errors[0].to_string(),
        format!(
            "cases[0].findings.culpability.sunq (case {N3}): stage is decided, but \"sunq\" is graded by the rules and has no culpability (Art. 2 ¶2); record intent, gross_negligence, negligence or none"
        )
    );
    let all: Vec<String> = errors.iter().map(|e| e.to_string()).collect();
    assert!(all.iter().any(|e| e.contains("\"chenj\"")), "{all:#?}");
}

/// Issue 10: the streamed reader reports a case's error at its position in the whole file,
/// exactly where serde_json reading the whole document puts it.
#[test]
fn a_late_case_error_is_placed_in_the_whole_file() {
    let mut v = value(EXAMPLE);
    let case = v["cases"][0].clone();
    let mut cases = Vec::new();
    for i in 0..3 {
        let mut c = case.clone();
        c["number"] = json!(format!("卧应急责〔2026〕{}号", 100 + i));
        cases.push(c);
    }
    cases[2]["team"]["membres"] = json!([]);
    v["cases"] = Value::Array(cases);
    for text in [
        serde_json::to_string_pretty(&v).expect("pretty"),
        v.to_string(),
    ] {
        let err = parse_bundle(&text).unwrap_err();
        let whole = serde_json::from_str::<culpa::domain::model::Bundle>(&text).unwrap_err();
        assert_eq!(err.path, "cases[2].team.membres");
        assert_eq!(err.case.as_deref(), Some("卧应急责〔2026〕102号"));
        let at = format!("(line {}, column {})", whole.line(), whole.column());
        assert!(err.reason.ends_with(&at), "{err} vs {at}");
    }
}

/// A JSON object's keys come in any order: cases before people, relations and format read
/// the same (a second pass), and every error still names its path.
#[test]
fn the_keys_of_a_bundle_may_come_in_any_order() {
    let v = value(DECIDED);
    let want = parse_bundle(DECIDED).expect("fixture");
    let keys = ["format", "people", "relations", "cases"];
    for order in [[3, 2, 1, 0], [1, 3, 0, 2], [0, 3, 1, 2], [2, 0, 3, 1]] {
        let body: Vec<String> = order
            .iter()
            .map(|&k| format!("{:?}: {}", keys[k], v[keys[k]]))
            .collect();
        let text = format!("{{{}}}", body.join(",\n"));
        assert_eq!(parse_bundle(&text).expect("reads"), want, "{order:?}");
        // An error in a case is still found and named.
        let bad = text.replace("\"sunq\"", "\"sunq\", \"extra_field\": 1, \"x\": \"sunq\"");
        assert!(parse_bundle(&bad).is_err(), "{order:?}");
    }
    // A missing key is named whatever the order; a key twice too.
    let text = format!(
        "{{\"cases\": {}, \"format\": \"culpa.bundle/2\", \"people\": []}}",
        v["cases"]
    );
    let err = parse_bundle(&text).unwrap_err();
    assert_eq!(err.path, "relations", "{err}");
    assert!(err.reason.starts_with("required field is missing"), "{err}");
    let text = r#"{"format": "culpa.bundle/2", "people": [], "people": []}"#;
    assert!(
        parse_bundle(text)
            .unwrap_err()
            .reason
            .contains("duplicate field")
    );
    // The format is checked first, wherever it stands.
    let text = r#"{"cases": [{"nonsense": 1}], "people": [], "relations": [], "format": "culpa.bundle/9"}"#;
    let err = parse_bundle(text).unwrap_err();
    assert_eq!(err.path, "format", "{err}");
    // Not an object; trailing text; an unknown top-level key.
    assert_eq!(parse_bundle("[1, 2]").unwrap_err().path, "format");
    let trailing = format!("{DECIDED} x");
    assert!(
        parse_bundle(&trailing)
            .unwrap_err()
            .reason
            .starts_with("invalid JSON")
    );
    let mut extra = v.clone();
    extra["casse"] = json!([]);
    let err = parse_bundle(&extra.to_string()).unwrap_err();
    assert_eq!(err.path, "casse");
    assert!(err.reason.starts_with("unknown field \"casse\""), "{err}");
}

/// A streamed reader's sink that reads on past bad cases, counting the good ones.
struct CountCases(usize);

impl culpa::domain::validate::stream::CaseSink for CountCases {
    type Error = ();
    fn head(&mut self, _: culpa::domain::validate::stream::Head) -> Result<(), ()> {
        Ok(())
    }
    fn case(
        &mut self,
        _: usize,
        c: Result<culpa::domain::model::Case, culpa::domain::validate::BundleError>,
    ) -> Result<culpa::domain::validate::stream::Flow, ()> {
        self.0 += usize::from(c.is_ok());
        Ok(culpa::domain::validate::stream::Flow::Go)
    }
}

/// One case absurdly large is refused by the reader's bound, naming the case, before it is
/// held whole (`stream::CASE_LIMIT`, here a smaller bound so the test stays fast).
#[test]
fn an_absurdly_large_case_is_refused_by_its_bound() {
    use culpa::domain::validate::stream::{self, Limits, StreamError};
    let mut v = value(EXAMPLE);
    let case = v["cases"][0].clone();
    let mut big = case.clone();
    big["number"] = json!("卧应急责〔2026〕99号");
    big["summary"] = json!("长".repeat(40_000));
    v["cases"] = json!([case, big]);
    let text = v.to_string();
    let limits = Limits {
        case: 100_000,
        head: 100_000,
    };
    let mut sink = CountCases(0);
    match stream::read_stream_within(&mut text.as_bytes(), &mut sink, limits) {
        Err(StreamError::Bundle(e)) => {
            assert_eq!(e.path, "cases[1]", "{e}");
            assert!(
                e.reason.contains("larger than the limit of 100000 bytes"),
                "{e}"
            );
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(sink.0, 1, "the first case was read, the second refused");
    assert_eq!(stream::CASE_LIMIT, 64 * 1024 * 1024);
}

/// The shape of a bundle as serde_json reads it whole: the top-level object and the `cases`
/// array walked, every value kept as its text.
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct Shape {
    format: Box<serde_json::value::RawValue>,
    people: Box<serde_json::value::RawValue>,
    relations: Box<serde_json::value::RawValue>,
    cases: Vec<Box<serde_json::value::RawValue>>,
}

/// What the streamed reader says of `doc`: its last word (the error that stopped it, or how
/// it ended), reading on past bad cases.
fn stream_verdict(doc: &[u8]) -> String {
    use culpa::domain::validate::stream::{self, StreamError};
    match stream::read_stream(&mut &doc[..], &mut CountCases(0)) {
        Ok(end) => format!("{end:?}"),
        Err(StreamError::Bundle(e)) => e.to_string(),
        Err(other) => format!("{other:?}"),
    }
}

/// Issue 10: the streamed reader walks the top level itself and hands each value to
/// serde_json as a slice. Every syntax error must still be the one serde_json finds reading
/// the whole document, in its words and at its line and column: checked on every
/// truncation of three documents (pretty, compact, cases first), every one-byte deletion,
/// and the insertion of brackets, quotes, commas and words. And where
/// serde_json finds none, neither does the reader. (Where serde_json's own reader and its
/// reader of a slice differ, as on a control character in a string, the whole document in
/// memory is the reference.)
#[test]
fn broken_json_is_reported_where_serde_json_reports_it() {
    let v = value(DECIDED);
    let compact = v.to_string();
    let cases_first = format!(
        "{{\"cases\": {}, \"relations\": {}, \"format\": {}, \"people\": {}}}",
        v["cases"], v["relations"], v["format"], v["people"]
    );
    let mut checked = 0;
    // Every byte of the pretty document; every fourth of the others (the test's time).
    for (base, step) in [
        (EXAMPLE, 1),
        (compact.as_str(), 4),
        (cases_first.as_str(), 4),
    ] {
        let b = base.as_bytes();
        let mut docs: Vec<Vec<u8>> = vec![b.to_vec()];
        for i in 0..=b.len() {
            docs.push(b[..i].to_vec());
            if i < b.len() {
                let mut d = b.to_vec();
                d.remove(i);
                docs.push(d);
            }
            if i % step != 0 {
                continue;
            }
            for put in [",", "]", "}", "{", "\"", "x", ":", "\\", "1x", "\n"] {
                let mut d = b[..i].to_vec();
                d.extend_from_slice(put.as_bytes());
                d.extend_from_slice(&b[i..]);
                docs.push(d);
            }
        }
        for d in &docs {
            let ours = stream_verdict(d);
            match serde_json::from_slice::<Shape>(d) {
                Err(e) if e.is_syntax() || e.is_eof() => {
                    let full = e.to_string();
                    let msg = full.rsplit_once(" at line ").map_or(full.as_str(), |x| x.0);
                    let want = format!(
                        "invalid JSON at line {}, column {}: {msg}; fix the syntax there",
                        e.line(),
                        e.column()
                    );
                    // The format, then the people and relations, are judged as soon as
                    // they are read, before a later syntax error is reached (as ever).
                    let judged_first = ["format:", "people", "relations"]
                        .iter()
                        .any(|p| ours.starts_with(p))
                        && !ours.contains("invalid JSON");
                    assert!(
                        ours.ends_with(&want) || judged_first,
                        "{}\n  ours  {ours}\n  serde {want}",
                        String::from_utf8_lossy(d)
                    );
                }
                _ => assert!(
                    !ours.contains("invalid JSON"),
                    "{}\n  ours  {ours}",
                    String::from_utf8_lossy(d)
                ),
            }
            checked += 1;
        }
    }
    assert!(checked > 50_000, "{checked}");
}

/// The streamed reader reads 256 KiB at a time and lets go of what it has read: a string whose
/// escape falls across a block's end reads whole, and lines are counted across the blocks
/// it let go (a syntax error near the end of a document of many blocks is placed where
/// serde_json places it).
#[test]
fn values_across_the_readers_blocks_read_whole() {
    const BLOCK: usize = 1 << 18; // stream.rs's read size
    let mut v = value(DECIDED);
    let case = v["cases"][0].clone();
    for shift in 0..6 {
        let mut c = case.clone();
        c["summary"] = json!("PAD");
        v["cases"] = json!([c.clone()]);
        let at = v.to_string().find("PAD").expect("probe");
        // The summary: padding, then `\"` and `\\`: the escapes' backslashes fall at the
        // block's last bytes and just after, one shift at a time.
        let want = BLOCK - 3 + shift - at;
        let summary = format!("{}{}\"\\尾", "长".repeat(want / 3), "x".repeat(want % 3));
        c["summary"] = json!(summary);
        v["cases"] = json!([c]);
        let text = v.to_string();
        assert_eq!(text.find("\\\"").expect("escape"), BLOCK - 3 + shift);
        let b = parse_bundle(&text).expect("reads");
        assert_eq!(b.cases[0].summary, summary, "shift {shift}");
    }
    // Many blocks, pretty-printed: a late error is placed in the whole file.
    let mut cases = Vec::new();
    for i in 0..300 {
        let mut c = case.clone();
        c["number"] = json!(format!("卧应急责〔2026〕{}号", 1000 + i));
        c["summary"] = json!(format!("第{i}件。\n{}", "案情\"说明\"。".repeat(200)));
        cases.push(c);
    }
    v["cases"] = json!(cases);
    let text = serde_json::to_string_pretty(&v).expect("pretty");
    assert!(text.len() > 4 * BLOCK, "{}", text.len());
    let n = parse_bundle(&text).expect("reads").cases.len();
    assert_eq!(n, 300);
    let broken = {
        let cut = text.rfind("\"appeals\"").expect("last case");
        format!(
            "{}\"appeals\" [{}",
            &text[..cut],
            &text[cut + "\"appeals\":".len()..]
        )
    };
    let Err(e) = serde_json::from_str::<Shape>(&broken) else {
        panic!("serde_json reads the broken document");
    };
    let want = format!("invalid JSON at line {}, column {}", e.line(), e.column());
    let ours = parse_bundle(&broken).expect_err("broken").to_string();
    assert!(ours.contains(&want), "{ours} vs {want}");
    assert!(ours.starts_with("cases[299]"), "{ours}");
}
