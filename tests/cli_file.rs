//! The binary's answers without a database: `due` and the `--file` forms.

use std::path::Path;
use std::process::{Command, Output};

use serde_json::{Value, json};

const EXAMPLE: &str = "tests/fixtures/example.json";

fn culpa(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_culpa"))
        .args(args)
        // Keep the tests independent of the caller's setup.
        .env_remove("CULPA_DB")
        .env("LANG", "C")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .output()
        .expect("the binary runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn json_out(o: &Output) -> Value {
    assert_eq!(o.status.code(), Some(0), "stderr: {}", stderr(o));
    serde_json::from_slice(&o.stdout).expect("stdout is JSON")
}

/// A temp file holding `text`.
fn temp(text: &str) -> tempfile::NamedTempFile {
    let f = tempfile::NamedTempFile::new().expect("temp file");
    std::fs::write(f.path(), text).expect("write temp file");
    f
}

fn path(f: &tempfile::NamedTempFile) -> &str {
    f.path().to_str().expect("utf-8 temp path")
}

fn example_with(mutate: impl FnOnce(&mut Value)) -> tempfile::NamedTempFile {
    let mut v: Value =
        serde_json::from_str(&std::fs::read_to_string(EXAMPLE).expect("fixture")).expect("json");
    mutate(&mut v);
    temp(&v.to_string())
}

#[test]
fn due_prints_only_the_date() {
    // (args, expected stdout)
    let rows: [(&[&str], &str); 6] = [
        // National Day 2026: Oct 1–7 off, Sat Oct 10 a make-up working day.
        (
            &["--from", "2026-09-30", "--working-days", "7"],
            "2026-10-15",
        ),
        (
            &["--from", "2026-09-30", "--working-days", "0"],
            "2026-09-30",
        ),
        // 30 days from acceptance ends on Sunday Nov 8 → Monday Nov 9.
        (&["--from", "2026-10-09", "--days", "30"], "2026-11-09"),
        (&["--from", "2026-10-09", "--days", "1"], "2026-10-10"),
        // 0 days: the start day, moved to the next working day (Oct 3 is a holiday).
        (&["--from", "2026-10-03", "--days", "0"], "2026-10-08"),
        (&["--from", "2026-11-02", "--days", "0"], "2026-11-02"),
    ];
    for (args, expected) in rows {
        let mut all = vec!["due"];
        all.extend_from_slice(args);
        let o = culpa(&all);
        assert_eq!(o.status.code(), Some(0), "{args:?}: {}", stderr(&o));
        assert_eq!(stdout(&o), format!("{expected}\n"), "{args:?}");
        assert_eq!(stderr(&o), "", "{args:?}");
    }
}

#[test]
fn due_refuses_bad_usage() {
    // (args, expected exit code, expected text on stderr)
    let rows: [(&[&str], i32, &str); 5] = [
        (
            &["due", "--from", "2026-09-30", "--working-days", "-3"],
            2,
            "0 or more",
        ),
        (
            &["due", "--from", "2026-09-30", "--days", "-1"],
            2,
            "0 or more",
        ),
        (
            &["due", "--from", "2026-13-01", "--days", "1"],
            2,
            "YYYY-MM-DD",
        ),
        (
            &["due", "--from", "2026/09/30", "--days", "1"],
            2,
            "YYYY-MM-DD",
        ),
        (&["due", "--from", "2026-09-30"], 2, "--working-days"),
    ];
    for (args, code, text) in rows {
        let o = culpa(args);
        assert_eq!(o.status.code(), Some(code), "{args:?}");
        assert!(stderr(&o).contains(text), "{args:?}: {}", stderr(&o));
        assert_eq!(stdout(&o), "", "{args:?}");
    }
    let o = culpa(&[
        "due",
        "--from",
        "2026-09-30",
        "--days",
        "1",
        "--working-days",
        "1",
    ]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn a_loaded_calendar_replaces_its_year() {
    // 2026 with only New Year's Day: National Day falls on plain weekdays. (A file with no
    // day of its year at all is refused: tests/cli_bad_input.rs.)
    let cal =
        temp(r#"{"year": 2026, "papers": [], "days": [{"date": "2026-01-01", "isOffDay": true}]}"#);
    let o = culpa(&[
        "due",
        "--calendar",
        path(&cal),
        "--from",
        "2026-09-30",
        "--working-days",
        "7",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(stdout(&o), "2026-10-09\n");
    assert_eq!(stderr(&o), "");
}

#[test]
fn an_uncovered_year_draws_a_warning_naming_it() {
    let o = culpa(&["due", "--from", "2027-03-01", "--working-days", "3"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(stdout(&o), "2027-03-04\n");
    assert!(stderr(&o).contains("2027"), "{}", stderr(&o));
    assert!(stderr(&o).contains("--calendar"), "{}", stderr(&o));

    // Loading 2027 silences it.
    let cal =
        temp(r#"{"year": 2027, "papers": [], "days": [{"date": "2027-01-01", "isOffDay": true}]}"#);
    let o = culpa(&[
        "due",
        "--calendar",
        path(&cal),
        "--from",
        "2027-03-01",
        "--working-days",
        "3",
    ]);
    assert_eq!(stderr(&o), "");
}

#[test]
fn a_bad_calendar_file_is_refused() {
    let cal = temp("not json");
    let o = culpa(&[
        "due",
        "--calendar",
        path(&cal),
        "--from",
        "2026-09-30",
        "--days",
        "1",
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains(path(&cal)), "{}", stderr(&o));
    let o = culpa(&[
        "due",
        "--calendar",
        "/nonexistent/2027.json",
        "--from",
        "2026-09-30",
        "--days",
        "1",
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("/nonexistent/2027.json"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn liability_of_the_example_is_exactly_the_documented_answer() {
    let o = culpa(&[
        "liability",
        "--file",
        EXAMPLE,
        "--json",
        "--today",
        "2026-10-20",
    ]);
    let expected = json!([{
      "case": "卧应急责〔2026〕7号",
      "scope": "in_scope",
      "judicial_referral": false,
      "fault_established": true,
      "persons": [
        {"login": "sunq", "name": "孙强", "grade": "direct", "basis": ["5.2.4"],
         "culpability": "gross_negligence", "aggravating": [], "exempting": [], "outcome": "pursue"},
        {"login": "zhouh", "name": "周华", "grade": "supervisory", "basis": ["5.2.4"],
         "culpability": "gross_negligence", "aggravating": [], "exempting": [], "outcome": "pursue"},
        {"login": "chenj", "name": "陈杰", "grade": "important_leadership", "basis": ["5.2.4"],
         "culpability": "negligence", "aggravating": [], "exempting": [], "outcome": "none",
         "note": "Art. 2 ¶2: a fault is committed by intent or gross negligence; this person's was ordinary negligence, so they are not pursued"}
      ]
    }]);
    let got = json_out(&o);
    assert_eq!(got, expected);
    // bundle-v2.md prints keys in this order; serde_json's Value compares maps unordered.
    let text = stdout(&o);
    let order = [
        "\"grade\"",
        "\"basis\"",
        "\"culpability\"",
        "\"aggravating\"",
        "\"exempting\"",
        "\"outcome\"",
        "\"note\"",
    ];
    let pos: Vec<usize> = order.iter().map(|k| text.rfind(k).expect(k)).collect();
    assert!(pos.windows(2).all(|w| w[0] < w[1]), "{text}");
}

#[test]
fn liability_text_in_both_languages() {
    let o = culpa(&[
        "liability",
        "--file",
        EXAMPLE,
        "--lang",
        "en",
        "--today",
        "2026-10-20",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let text = stdout(&o);
    for part in [
        "孙强 (sunq)",
        "direct",
        "important leadership",
        "Art. 5(2)4",
        "pursue",
        // The reasons in words, and the measures open to the committee.
        "Art. 5(2)4: ",
        "→ supervisory",
        "Measures open to the committee (Art. 11):",
        "Art. 11(2)",
    ] {
        assert!(text.contains(part), "{part} in\n{text}");
    }
    let o = culpa(&[
        "liability",
        "--file",
        EXAMPLE,
        "--lang",
        "zh",
        "--today",
        "2026-10-20",
    ]);
    let text = stdout(&o);
    for part in [
        "孙强 (sunq)",
        "直接责任",
        "主管责任",
        "第五条第（二）项第4目",
        "审核人、批准人应当发现而没有发现",
        "→ 重要领导责任",
        "第十一条第（二）项 通报批评",
    ] {
        assert!(text.contains(part), "{part} in\n{text}");
    }
}

#[test]
fn check_of_the_example_has_the_four_blockers() {
    let o = culpa(&[
        "check",
        "--file",
        EXAMPLE,
        "--json",
        "--today",
        "2026-10-20",
    ]);
    let v = json_out(&o);
    let arr = v.as_array().expect("an array");
    assert_eq!(arr.len(), 1);
    assert_eq!(arr[0]["case"], "卧应急责〔2026〕7号");
    assert_eq!(arr[0]["ready"], false);
    let codes: Vec<&str> = arr[0]["blockers"]
        .as_array()
        .expect("blockers")
        .iter()
        .map(|b| b["code"].as_str().expect("code"))
        .collect();
    assert_eq!(
        codes,
        [
            "conflict_not_recused",
            "defence_not_heard",
            "interested_parties_not_heard",
            "no_deliberation"
        ]
    );
    assert!(arr[0].get("warnings").is_none());
}

#[test]
fn deadlines_of_the_example() {
    let o = culpa(&[
        "deadlines",
        "--file",
        EXAMPLE,
        "--json",
        "--today",
        "2026-11-06",
    ]);
    assert_eq!(
        json_out(&o),
        json!([{"case": "卧应急责〔2026〕7号", "kind": "decision_report", "due": "2026-11-09",
                "days_left": 3, "state": "due_soon", "owner": "wangl"}])
    );
    let o = culpa(&[
        "deadlines",
        "--file",
        EXAMPLE,
        "--lang",
        "en",
        "--today",
        "2026-11-06",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let text = stdout(&o);
    assert!(
        text.contains("2026-11-09") && text.contains("due soon"),
        "{text}"
    );
}

#[test]
fn a_malformed_bundle_is_refused_with_path_and_case() {
    // (what, mutation, text expected on stderr)
    type Mutation = fn(&mut Value);
    let rows: [(&str, Mutation, &str); 3] = [
        (
            "unknown login",
            |v| v["cases"][0]["team"]["members"][1] = json!("wangll"),
            "cases[0].team.members[1] (case 卧应急责〔2026〕7号): unknown login \"wangll\"",
        ),
        (
            "unknown field",
            |v| {
                let team = v["cases"][0]["team"].as_object_mut().expect("team");
                let m = team.remove("members").expect("members");
                team.insert("membres".into(), m);
            },
            "cases[0].team.membres (case 卧应急责〔2026〕7号): unknown field \"membres\"",
        ),
        (
            "wrong format",
            |v| v["format"] = json!("culpa.bundle/9"),
            "format: unsupported format \"culpa.bundle/9\"",
        ),
    ];
    for (what, mutate, expected) in rows {
        let f = example_with(mutate);
        for cmd in ["liability", "check", "deadlines"] {
            let o = culpa(&[cmd, "--file", path(&f), "--json", "--today", "2026-10-20"]);
            assert_eq!(o.status.code(), Some(1), "{what} / {cmd}");
            assert!(
                stderr(&o).contains(expected),
                "{what} / {cmd}: {}",
                stderr(&o)
            );
            assert_eq!(stdout(&o), "", "{what} / {cmd}");
        }
    }
}

#[test]
fn a_missing_bundle_file_is_bad_input() {
    let o = culpa(&["liability", "--file", "/nonexistent/bundle.json"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("/nonexistent/bundle.json"),
        "{}",
        stderr(&o)
    );
    assert!(Path::new(EXAMPLE).exists());
}

#[test]
fn usage_errors_exit_2() {
    for args in [
        &["liability"][..],
        &["liability", "X", "--file", EXAMPLE],
        &["check", "--file", EXAMPLE, "--today", "2026-10-32"],
        &["--lang", "fr", "due", "--from", "2026-09-30", "--days", "1"],
        &["frobnicate"],
    ] {
        assert_eq!(culpa(args).status.code(), Some(2), "{args:?}");
    }
}

#[test]
fn repeat_faults_count_decided_cases_of_the_same_file() {
    // The decided case 3号 names sunq (direct, decided 2026-10-28); the open case 7号 names
    // sunq again. Art. 8(3) applies to 7号 from the decision date on, for one calendar year
    // (RULES.md 8.3: to the same day a year later). A date after --today is refused, so
    // "before the decision" is not askable of this file.
    let mut v: Value = serde_json::from_str(
        &std::fs::read_to_string("tests/fixtures/decided.json").expect("fixture"),
    )
    .expect("json");
    let example: Value =
        serde_json::from_str(&std::fs::read_to_string(EXAMPLE).expect("fixture")).expect("json");
    v["cases"]
        .as_array_mut()
        .expect("cases")
        .push(example["cases"][0].clone());
    let f = temp(&v.to_string());
    // (today, expected aggravating of sunq in 7号, expected outcome)
    let rows = [
        ("2026-10-28", json!(["8.3"]), "pursue_heavier"),
        ("2027-10-28", json!(["8.3"]), "pursue_heavier"),
        ("2027-10-29", json!([]), "pursue"),
    ];
    for (today, aggravating, outcome) in rows {
        let out = json_out(&culpa(&[
            "liability",
            "--file",
            path(&f),
            "--json",
            "--today",
            today,
        ]));
        let open = &out[1];
        assert_eq!(open["case"], "卧应急责〔2026〕7号");
        assert_eq!(open["persons"][0]["login"], "sunq");
        assert_eq!(open["persons"][0]["aggravating"], aggravating, "{today}");
        assert_eq!(open["persons"][0]["outcome"], outcome, "{today}");
    }
}
