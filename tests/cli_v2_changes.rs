//! `culpa liability|check|deadlines --file` on each point of bundle-v2.md's "What changed from
//! /1", one test per point (the example's own answers are in `cli_file.rs`).

mod common;

use chrono::{Days, NaiveDate};
use common::cli::*;
use serde_json::{Value, json};

const DECIDED: &str = "tests/fixtures/decided.json";
/// Every fixture date lies on or before this day.
const LATE: &str = "2026-12-31";

fn load(path: &str) -> Value {
    serde_json::from_str(&read(path.as_ref())).expect("fixture")
}

/// Write `v` and ask `cmd --file` of it as of `today`.
fn ask(dir: &Dir, v: &Value, cmd: &str, today: &str) -> std::process::Output {
    let f = dir.write("b.json", &v.to_string());
    culpa(&["--today", today, "--json", cmd, "--file", &f])
}

fn codes(check: &Value) -> Vec<String> {
    check["blockers"]
        .as_array()
        .expect("blockers")
        .iter()
        .map(|b| b["code"].as_str().expect("code").to_string())
        .collect()
}

/// Every `YYYY-MM-DD` string in `v` moved by `days` (negative: earlier).
fn shift(v: &mut Value, days: i64) {
    match v {
        Value::String(s) => {
            if let Ok(d) = NaiveDate::parse_from_str(s, "%Y-%m-%d") {
                let d = if days >= 0 {
                    d + Days::new(days as u64)
                } else {
                    d - Days::new((-days) as u64)
                };
                *s = d.to_string();
            }
        }
        Value::Array(a) => a.iter_mut().for_each(|x| shift(x, days)),
        Value::Object(m) => m.values_mut().for_each(|x| shift(x, days)),
        _ => {}
    }
}

/// The decided fixture's case, renumbered and moved so that its decision is on `on`.
fn decided_on(number: &str, on: &str) -> Value {
    let mut c = load(DECIDED)["cases"][0].clone();
    let was = NaiveDate::parse_from_str(c["decision"]["on"].as_str().expect("on"), "%Y-%m-%d")
        .expect("date");
    let to = NaiveDate::parse_from_str(on, "%Y-%m-%d").expect("date");
    shift(&mut c, (to - was).num_days());
    c["number"] = json!(number);
    c
}

fn with_cases(cases: Vec<Value>) -> Value {
    let mut b = load(DECIDED);
    b["cases"] = Value::Array(cases);
    b
}

/// sunq's aggravating circumstances in the second case.
fn aggravating_of_sunq(dir: &Dir, b: &Value) -> Value {
    let out = json_out(ask(dir, b, "liability", LATE));
    let p = out[1]["persons"]
        .as_array()
        .expect("persons")
        .iter()
        .find(|p| p["login"] == "sunq")
        .expect("sunq")
        .clone();
    p["aggravating"].clone()
}

/// Art. 2 ¶2: `negligence` / `none` give outcome none with a note; a graded person without
/// culpability blocks submission (`liability_incomplete`).
#[test]
fn culpability_decides_the_outcome_and_blocks_when_missing() {
    let dir = Dir::new();
    let mut b = load(EXAMPLE);
    b["cases"][0]["findings"]["culpability"]["sunq"] = json!("none");
    let out = json_out(ask(&dir, &b, "liability", TODAY));
    let sunq = &out[0]["persons"][0];
    assert_eq!(
        (sunq["culpability"].clone(), sunq["outcome"].clone()),
        (json!("none"), json!("none"))
    );
    assert!(sunq["note"].as_str().expect("note").contains("Art. 2 ¶2"));
    b["cases"][0]["findings"]["culpability"] = json!({});
    let out = json_out(ask(&dir, &b, "liability", TODAY));
    // Not yet recorded: judged as gross negligence, shown as null.
    assert_eq!(out[0]["persons"][0]["culpability"], Value::Null);
    assert_eq!(out[0]["persons"][0]["outcome"], "pursue");
    let check = json_out(ask(&dir, &b, "check", TODAY));
    assert!(codes(&check[0]).contains(&"liability_incomplete".to_string()));
}

/// Appeals: the final outcome drives sanction obligations — `changed_to` adds a measure due
/// 30 days after that appeal's decision; `revoked` leaves nothing due.
#[test]
fn final_outcomes_drive_sanction_obligations() {
    let dir = Dir::new();
    let mut c = load(DECIDED)["cases"][0].clone();
    c["appeals"] = json!([{"person": "sunq", "kind": "review", "filed_on": "2026-11-02",
        "decided_on": "2026-11-20", "result": "变更", "outcome": "changed",
        "changed_to": {"grade": "direct", "exempted": false, "sanctions": ["11.1", "11.4"]}}]);
    let out = json_out(ask(
        &dir,
        &with_cases(vec![c.clone()]),
        "deadlines",
        "2026-11-25",
    ));
    let due = |p: &str, m: &str| {
        out.as_array()
            .expect("array")
            .iter()
            .find(|o| o["person"] == p && o["measure"] == m)
            .map(|o| o["due"].as_str().expect("due").to_string())
    };
    // Art. 11: 11.1 was decided on 2026-10-28 (+30 = 11-27); 11.4 only on 11-20 (+30 = 12-20,
    // a Sunday → Monday 12-21).
    assert_eq!(due("sunq", "11.1").as_deref(), Some("2026-11-27"));
    assert_eq!(due("sunq", "11.4").as_deref(), Some("2026-12-21"));
    assert_eq!(due("zhouh", "11.2").as_deref(), Some("2026-11-27"));
    c["appeals"][0]["outcome"] = json!("revoked");
    c["appeals"][0]["changed_to"] = Value::Null;
    let out = json_out(ask(&dir, &with_cases(vec![c]), "deadlines", "2026-11-25"));
    let people: Vec<&str> = out
        .as_array()
        .expect("array")
        .iter()
        .filter(|o| o["kind"] == "sanction")
        .map(|o| o["person"].as_str().expect("person"))
        .collect();
    assert_eq!(people, ["zhouh"], "sunq's outcome was revoked");
}

/// The new blocker `graded_not_respondent`, first in order.
#[test]
fn a_graded_non_respondent_blocks_first() {
    let dir = Dir::new();
    let mut b = load(EXAMPLE);
    b["cases"][0]["respondents"] = json!(["sunq", "zhouh"]);
    b["cases"][0]["findings"]["culpability"]
        .as_object_mut()
        .expect("map")
        .remove("chenj");
    let check = json_out(ask(&dir, &b, "check", TODAY));
    assert_eq!(codes(&check[0])[0], "graded_not_respondent");
    assert!(
        check[0]["blockers"][0]["message"]
            .as_str()
            .expect("message")
            .contains("陈杰")
    );
}

/// **Involved** also covers the people the rules name, and their relations.
#[test]
fn involved_covers_people_a_rule_names() {
    let dir = Dir::new();
    let mut b = load(EXAMPLE);
    // 7.4 names 吴云 (not a respondent); 王磊 on the team has an interest in common with him.
    let c = &mut b["cases"][0];
    c["findings"]["rules"]
        .as_array_mut()
        .expect("rules")
        .push(json!({"rule": "7.4", "persons": ["wuy"]}));
    b["relations"]
        .as_array_mut()
        .expect("relations")
        .push(json!({"a": "wangl", "b": "wuy", "kind": "interest"}));
    let check = json_out(ask(&dir, &b, "check", TODAY));
    let conflict = check[0]["blockers"]
        .as_array()
        .expect("blockers")
        .iter()
        .find(|x| x["code"] == "conflict_not_recused")
        .expect("conflict")
        .clone();
    assert!(
        conflict["message"]
            .as_str()
            .expect("message")
            .contains("王磊"),
        "{conflict}"
    );
}

/// Hearings count only with two un-recused team members and no involved interviewer;
/// a deliberation only with two such attendees, after the hearings.
#[test]
fn only_counted_hearings_and_valid_deliberations_count() {
    let dir = Dir::new();
    let mut b = load(DECIDED);
    // The decided fixture passes; a hearing by one member no longer hears zhouh.
    b["cases"][0]["stage"] = json!("investigating");
    for k in ["submitted_on", "decision"] {
        b["cases"][0][k] = Value::Null;
    }
    assert!(json_out(ask(&dir, &b, "check", "2026-10-21"))[0]["ready"] == true);
    b["cases"][0]["interviews"][1]["interviewers"] = json!(["wangl"]);
    let check = json_out(ask(&dir, &b, "check", "2026-10-21"));
    assert_eq!(codes(&check[0]), ["defence_not_heard"]);
    // A deliberation before the counterpart's hearing (10-16) is not valid.
    let mut b = load(DECIDED);
    b["cases"][0]["stage"] = json!("investigating");
    for k in ["submitted_on", "decision"] {
        b["cases"][0][k] = Value::Null;
    }
    b["cases"][0]["deliberation"]["on"] = json!("2026-10-15");
    let check = json_out(ask(&dir, &b, "check", "2026-10-21"));
    assert_eq!(codes(&check[0]), ["no_deliberation"]);
}

/// 9.4/9.5 beside serious consequences, 11.6/11.7 without their condition, 7.1 without a
/// wrongful case, 7.2.2 on an act that is not a penalty: errors naming the path.
#[test]
fn the_new_errors_are_refused_naming_the_path() {
    let dir = Dir::new();
    type Edit = fn(&mut Value);
    let rows: [(Edit, &str); 5] = [
        (
            |b| b["cases"][0]["findings"]["circumstances"]["sunq"]["exempting"] = json!(["9.4"]),
            "findings.circumstances.sunq.exempting[0]",
        ),
        (
            |b| b["cases"][0]["decision"]["outcomes"]["sunq"]["sanctions"] = json!(["11.6"]),
            "decision.outcomes.sunq.sanctions[0]",
        ),
        (
            |b| b["cases"][0]["decision"]["outcomes"]["sunq"]["sanctions"] = json!(["11.7"]),
            "decision.outcomes.sunq.sanctions[0]",
        ),
        (
            |b| {
                b["cases"][0]["act"]["on_the_spot"] = json!(true);
                b["cases"][0]["findings"]["rules"] = json!([{"rule": "5.2.4"}, {"rule": "7.1"}]);
            },
            "findings.rules[1]",
        ),
        (
            |b| {
                b["cases"][0]["act"]["kind"] = json!("license");
                b["cases"][0]["findings"]["rules"] = json!([{"rule": "5.2.4"}, {"rule": "7.2.2"}]);
            },
            "findings.rules[1]",
        ),
    ];
    for (edit, path) in rows {
        let mut b = load(DECIDED);
        edit(&mut b);
        let o = ask(&dir, &b, "check", LATE);
        assert_eq!(o.status.code(), Some(1), "{path}");
        assert!(
            stderr(&o).contains(&format!("cases[0].{path} (case 卧应急责〔2026〕3号)")),
            "{path}: {}",
            stderr(&o)
        );
    }
}

/// Art. 8(3) counts "一年内" by the calendar (Civil Code Arts. 201–203): 2024-02-29 → in on
/// 2025-02-28, out on 2025-03-01; 2025-03-01 → in on 2026-03-01, out on 2026-03-02.
#[test]
fn repeat_faults_count_a_calendar_year() {
    let dir = Dir::new();
    let rows = [
        ("2024-02-29", "2025-02-28", json!(["8.3"])),
        ("2024-02-29", "2025-03-01", json!([])),
        ("2025-03-01", "2026-03-01", json!(["8.3"])),
        ("2025-03-01", "2026-03-02", json!([])),
    ];
    for (prior, this, want) in rows {
        let b = with_cases(vec![
            decided_on("卧应急责〔2024〕1号", prior),
            decided_on("卧应急责〔2025〕2号", this),
        ]);
        assert_eq!(aggravating_of_sunq(&dir, &b), want, "{prior} → {this}");
    }
}

/// Never under `legal_liability` (Art. 4), and a revoked prior is no prior.
#[test]
fn repeat_faults_never_out_of_scope_nor_from_a_revoked_decision() {
    let dir = Dir::new();
    let prior = decided_on("卧应急责〔2025〕1号", "2025-06-01");
    let mut this = decided_on("卧应急责〔2025〕2号", "2025-09-01");
    let b = with_cases(vec![prior.clone(), this.clone()]);
    assert_eq!(aggravating_of_sunq(&dir, &b), json!(["8.3"]));
    this["findings"]["violates_law"] = json!(true);
    let b = with_cases(vec![prior.clone(), this.clone()]);
    assert_eq!(aggravating_of_sunq(&dir, &b), json!([]), "legal_liability");
    this["findings"]["violates_law"] = json!(false);
    let mut revoked = prior;
    revoked["appeals"] = json!([{"person": "sunq", "kind": "review", "filed_on": "2025-06-10",
        "decided_on": "2025-07-01", "result": "撤销", "outcome": "revoked"}]);
    let b = with_cases(vec![revoked, this]);
    assert_eq!(aggravating_of_sunq(&dir, &b), json!([]), "revoked prior");
}

/// `overdue_reason` may be recorded from `investigating` on.
#[test]
fn an_overdue_reason_may_be_recorded_while_investigating() {
    let dir = Dir::new();
    let mut b = load(EXAMPLE);
    b["cases"][0]["overdue_reason"] = json!("鉴定耗时");
    let o = ask(&dir, &b, "check", "2026-11-20");
    let check = json_out(o);
    assert!(!codes(&check[0]).contains(&"overdue_without_reason".to_string()));
}

/// Only a complainant with a non-empty name (Unicode whitespace, U+3000 included, trimmed)
/// is owed a notification.
#[test]
fn only_a_named_complainant_is_owed_a_notification() {
    let dir = Dir::new();
    let notified = |name: &str| {
        let mut b = load(EXAMPLE);
        b["cases"][0]["acceptance"]["notified_on"] = Value::Null;
        b["cases"][0]["complainant"]["name"] = json!(name);
        let out = json_out(ask(&dir, &b, "deadlines", TODAY));
        out.as_array()
            .expect("array")
            .iter()
            .any(|o| o["kind"] == "notification")
    };
    assert!(notified("李某"));
    assert!(!notified("\u{3000} \t"));
    assert!(!notified(""));
}

/// Dates after `--today` or before 2000-01-01, and dates out of the procedure's order, are
/// errors naming the field.
#[test]
fn dates_out_of_bounds_or_order_are_refused_naming_the_field() {
    let dir = Dir::new();
    let rows: [(&str, &str, &str, &str); 3] = [
        ("received_on", "1999-12-31", TODAY, "cases[0].received_on"),
        ("submitted_on", "2026-10-19", LATE, "cases[0].submitted_on"),
        ("decision", "", "2026-10-27", "cases[0].decision.on"),
    ];
    for (field, value, today, path) in rows {
        let mut b = load(DECIDED);
        if !value.is_empty() {
            b["cases"][0][field] = json!(value);
        }
        let o = ask(&dir, &b, "check", today);
        assert_eq!(o.status.code(), Some(1), "{path}");
        assert!(stderr(&o).contains(path), "{path}: {}", stderr(&o));
    }
}

/// Deadlines: the decision report is owned by `chief` while no team is appointed; ties sort
/// case numbers naturally.
#[test]
fn deadline_owner_without_team_and_natural_order() {
    let dir = Dir::new();
    let mut b = load(EXAMPLE);
    let mut c = b["cases"][0].clone();
    for k in ["team", "findings"] {
        c[k] = Value::Null;
    }
    for k in ["interviews", "evidence"] {
        c[k] = json!([]);
    }
    c["stage"] = json!("accepted");
    let mut ten = c.clone();
    ten["number"] = json!("卧应急责〔2026〕10号");
    let mut two = c;
    two["number"] = json!("卧应急责〔2026〕2号");
    b["cases"] = json!([ten, two]);
    let out = json_out(ask(&dir, &b, "deadlines", TODAY));
    let rows: Vec<(String, String)> = out
        .as_array()
        .expect("array")
        .iter()
        .filter(|o| o["kind"] == "decision_report")
        .map(|o| {
            (
                o["case"].as_str().expect("case").to_string(),
                o["owner"].as_str().expect("owner").to_string(),
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            ("卧应急责〔2026〕2号".to_string(), "chief".to_string()),
            ("卧应急责〔2026〕10号".to_string(), "chief".to_string())
        ]
    );
    // The table names the step the chief takes next, as the workbench does (Art. 10(2)):
    // appointing the team, not reporting.
    let f = dir.write("b.json", &b.to_string());
    for (lang, step, report) in [
        ("en", "appoint team", "decision report"),
        ("zh", "指定调查组", "报送处理意见"),
    ] {
        let table = String::from_utf8(
            ok(culpa(&[
                "--today",
                TODAY,
                "--lang",
                lang,
                "deadlines",
                "--file",
                &f,
            ]))
            .stdout,
        )
        .expect("UTF-8");
        let rows: Vec<&str> = table.lines().filter(|l| l.contains("〔2026〕")).collect();
        assert!(
            rows.iter().filter(|l| l.contains(step)).count() == 2
                && !rows.iter().any(|l| l.contains(report)),
            "{table}"
        );
    }
}
