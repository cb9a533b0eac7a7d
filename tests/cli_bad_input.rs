//! Bad input at every entry point of the command line: each gets a clear message, its exit
//! code, and nothing written (issue 7). One test per case of the list.

mod common;

use std::io::Read;
use std::process::{Command, Stdio};

use common::cli::*;
use serde_json::{Value, json};

/// The number of audit entries: unchanged means nothing was written.
fn entries(db: &str) -> i64 {
    let conn = rusqlite::Connection::open(db).expect("open");
    conn.query_row("SELECT count(*) FROM audit", [], |r| r.get(0))
        .expect("count")
}

fn example() -> Value {
    serde_json::from_str(&read(std::path::Path::new(EXAMPLE))).expect("example JSON")
}

#[test]
fn oversized_bundles_command_files_and_calendars_are_refused_unread() {
    let dir = Dir::new();
    let db = dir.s("a.db");
    init(&db);
    let before = entries(&db);
    let small = [("CULPA_MAX_INPUT_BYTES", "65536")];
    // /dev/zero has no size to check first: the bounded read stops it.
    for args in [
        vec!["import", "/dev/zero"],
        vec!["apply", "/dev/zero"],
        vec!["liability", "--file", "/dev/zero"],
    ] {
        let mut full = vec!["--db", db.as_str()];
        full.extend(args);
        let o = culpa_in(&full, &small, None);
        refused(&o, &["/dev/zero", "larger than the limit of 65536 bytes"]);
    }
    // The calendar's own limit (1 MiB) holds without any setting.
    let o = culpa(&[
        "--calendar",
        "/dev/zero",
        "due",
        "--from",
        "2026-10-09",
        "--days",
        "3",
    ]);
    refused(&o, &["/dev/zero", "larger than the limit of 1 MiB"]);
    // A regular file over the limit is refused from its size, before reading.
    let big = dir.write("big.json", &" ".repeat(70_000));
    let o = culpa_in(&["--db", &db, "import", &big], &small, None);
    refused(&o, &["big.json", "larger than the limit"]);
    // stdin too.
    let o = culpa_in(
        &["--db", &db, "apply", "-"],
        &small,
        Some(&" ".repeat(70_000)),
    );
    refused(&o, &["stdin", "larger than the limit"]);
    assert_eq!(entries(&db), before, "nothing written");
}

#[test]
fn a_utf8_byte_order_mark_is_accepted() {
    let dir = Dir::new();
    let db = dir.s("a.db");
    init(&db);
    let bundle = dir.write(
        "bom.json",
        &format!("\u{feff}{}", read(std::path::Path::new(EXAMPLE))),
    );
    ok(culpa(&["--db", &db, "--today", TODAY, "import", &bundle]));
    ok(culpa(&["--today", TODAY, "check", "--file", &bundle]));
    let cal = read(std::path::Path::new("data/calendar/2026.json"));
    let cal = dir.write("2026.json", &format!("\u{feff}{cal}"));
    ok(culpa(&[
        "--calendar",
        &cal,
        "due",
        "--from",
        "2026-09-30",
        "--working-days",
        "7",
    ]));
    let cmd = json!({"UpsertPerson": {"login": "lix", "name": "李霞", "unit": "法制股", "roles": ["investigator"]}});
    ok(culpa_in(
        &["--db", &db, "apply", "-"],
        &[],
        Some(&format!("\u{feff}{cmd}")),
    ));
}

#[test]
fn nul_characters_and_overlong_fields_are_refused_with_their_path() {
    let dir = Dir::new();
    let db = dir.s("a.db");
    init(&db);
    let before = entries(&db);
    let mut nul = example();
    nul["cases"][0]["title"] = json!("投诉\u{0}内容");
    let f = dir.write("nul.json", &nul.to_string());
    for args in [
        vec!["import", f.as_str()],
        vec!["check", "--file", f.as_str()],
    ] {
        let mut full = vec!["--db", db.as_str(), "--today", TODAY];
        full.extend(args);
        refused(
            &culpa(&full),
            &["cases[0].title", "卧应急责〔2026〕7号", "NUL"],
        );
    }
    let mut long = example();
    long["cases"][0]["title"] = json!("长".repeat(501));
    let f = dir.write("long.json", &long.to_string());
    refused(
        &culpa(&["--db", &db, "--today", TODAY, "import", &f]),
        &["cases[0].title", "501 characters", "at most 500"],
    );
    // Through the workflow (apply, the forms, the service): the same rule.
    let cmd = json!({"UpsertPerson": {"login": "lix", "name": "李\u{0}霞", "unit": "法制股", "roles": []}});
    refused(
        &culpa_in(&["--db", &db, "apply", "-"], &[], Some(&cmd.to_string())),
        &["UpsertPerson.name", "NUL"],
    );
    let cmd = json!({"UpsertPerson": {"login": "lix", "name": "李霞", "unit": "x".repeat(600), "roles": []}});
    refused(
        &culpa_in(&["--db", &db, "apply", "-"], &[], Some(&cmd.to_string())),
        &["UpsertPerson.unit", "at most 500"],
    );
    assert_eq!(entries(&db), before, "nothing written");
}

/// A bundle with more bad cases than an import reports: the first 100 errors, in file
/// order (cases[0] … cases[99], each once), the sentence saying reading stopped, and nothing
/// written — the reading thread is told to stop and the transaction is rolled back. Good
/// cases before the bad ones are not written either.
#[test]
fn an_import_stops_after_a_hundred_errors_and_writes_nothing() {
    let dir = Dir::new();
    let db = dir.s("a.db");
    init(&db);
    let before = entries(&db);
    let mut b = example();
    let good = b["cases"][0].clone();
    let mut cases = Vec::new();
    for i in 0..3 {
        let mut c = good.clone();
        c["number"] = json!(format!("卧应急责〔2026〕{}号", 900 + i));
        cases.push(c);
    }
    for i in 0..150 {
        let mut c = good.clone();
        c["number"] = json!(format!("卧应急责〔2026〕{}号", 1000 + i));
        c["title"] = json!("投诉\u{0}内容");
        cases.push(c);
    }
    b["cases"] = json!(cases);
    let f = dir.write("bad.json", &b.to_string());
    let o = culpa(&["--db", &db, "--today", TODAY, "import", &f]);
    assert_eq!(o.status.code(), Some(1), "{o:?}");
    let err = String::from_utf8_lossy(&o.stderr).into_owned();
    let listed: Vec<usize> = (0..200)
        .filter(|i| err.contains(&format!("cases[{i}].title")))
        .collect();
    assert_eq!(listed, (3..103).collect::<Vec<_>>(), "{err}");
    assert!(err.contains("reading stopped after 100 errors"), "{err}");
    assert_eq!(entries(&db), before, "nothing written");
}

#[test]
fn control_and_bidi_characters_are_escaped_in_every_output() {
    let dir = Dir::new();
    let db = dir.s("a.db");
    init(&db);
    let mut b = example();
    let title = "投诉\u{202E}gpj.exe\u{1b}[2J\u{7}";
    b["cases"][0]["title"] = json!(title);
    let f = dir.write("ctl.json", &b.to_string());
    ok(culpa(&["--db", &db, "--today", TODAY, "import", &f]));
    let raw = |o: &std::process::Output| {
        let text =
            String::from_utf8_lossy(&o.stdout).into_owned() + &String::from_utf8_lossy(&o.stderr);
        text.chars().any(|c| {
            (c.is_control() && c != '\n' && c != '\t')
                || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
        })
    };
    let export = ok(culpa(&["--db", &db, "export"]));
    assert!(!raw(&export), "export is escaped");
    let v: Value = serde_json::from_slice(&export.stdout).expect("still JSON");
    assert_eq!(v["cases"][0]["title"], title, "with the same value");
    let o = ok(culpa(&["--db", &db, "--today", TODAY, "deadlines"]));
    assert!(!raw(&o), "{}", stdout(&o));
    let o = ok(culpa(&["--db", &db, "--today", TODAY, "audit", "log"]));
    assert!(!raw(&o));
    assert!(
        stdout(&o).contains("\\u{202E}") || stdout(&o).contains("\\u202e"),
        "{}",
        stdout(&o)
    );
    // Errors too: a refusal that quotes the title.
    let o = culpa(&["--db", &db, "liability", title]);
    assert_eq!(o.status.code(), Some(1));
    assert!(!raw(&o), "{}", stderr(&o));
}

#[test]
fn a_closed_pipe_ends_quietly() {
    let dir = Dir::new();
    let d = dir.s("d.db");
    // More than a pipe holds (64 KiB), so the writer meets the closed pipe.
    demo_with_cases(&d, 200);
    // `culpa export | head -c1`: the reader goes after one byte.
    let mut child = Command::new(env!("CARGO_BIN_EXE_culpa"))
        .args(["--db", &d, "--as", "liuf", "export"])
        .env("LANG", "C")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut one = [0u8; 1];
    child.stdout.take().unwrap().read_exact(&mut one).unwrap();
    // stdout is dropped (closed) here.
    let o = child.wait_with_output().unwrap();
    assert_eq!(o.status.code(), Some(0));
    let size = culpa(&["--db", &d, "--as", "liuf", "export"]).stdout.len();
    assert!(
        size > 256 * 1024,
        "export of {size} bytes overflows the pipe"
    );
    assert_eq!(
        String::from_utf8_lossy(&o.stderr),
        "",
        "no panic, no message"
    );
}

#[test]
fn a_calendar_without_days_of_its_year_is_refused() {
    let cal =
        json!({"year": 2027, "days": [{"name": "元旦", "date": "2026-12-31", "isOffDay": true}]});
    let dir = Dir::new();
    let f = dir.write("2027.json", &cal.to_string());
    let o = culpa(&[
        "--calendar",
        &f,
        "due",
        "--from",
        "2027-01-04",
        "--days",
        "3",
    ]);
    refused(&o, &["2027.json", "lists no day of 2027"]);
    assert_eq!(stdout(&o), "");
    let empty = dir.write("e.json", &json!({"year": 2027, "days": []}).to_string());
    refused(
        &culpa(&[
            "--calendar",
            &empty,
            "due",
            "--from",
            "2027-01-04",
            "--days",
            "3",
        ]),
        &["no day of 2027"],
    );
}

#[test]
fn due_refuses_absurd_spans() {
    for flag in ["--days", "--working-days"] {
        let o = culpa(&["due", "--from", "2026-10-09", flag, "4000000"]);
        assert_eq!(o.status.code(), Some(2), "bad usage");
        assert!(stderr(&o).contains("at most 3660"), "{}", stderr(&o));
        assert_eq!(stdout(&o), "");
    }
    // The longest allowed span still answers.
    ok(culpa(&["due", "--from", "2026-10-09", "--days", "3660"]));
}
