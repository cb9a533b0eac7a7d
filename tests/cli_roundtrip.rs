//! Bundles survive export → import into an empty database → export byte for byte, and the
//! database answers `liability`, `check` and `deadlines` exactly as the bundle file does.
//!
//! Who imports into the empty database: `culpa init` makes the real account (root, in the
//! tests) its administrator, and an export of the whole database includes every person on
//! file — root too. So the honest fixed point is: bundle B1 (from the source database) →
//! import into an empty root database → export B2 = B1 plus root and nothing else → import
//! B2 into another empty root database → export B3 = B2, byte for byte.

mod common;

use common::cli::*;
use serde_json::Value;

/// B1 → (empty root db) → B2 → (empty root db) → B3; returns (B2, B3) texts.
fn through_two_databases(dir: &Dir, b1: &str) -> (String, String) {
    let (y1, y2) = (dir.s("y1.db"), dir.s("y2.db"));
    let (b2, b3) = (dir.s("b2.json"), dir.s("b3.json"));
    init_with(&y1, b1);
    ok(culpa(&["--db", &y1, "export", "--out", &b2]));
    init_with(&y2, &b2);
    ok(culpa(&["--db", &y2, "export", "--out", &b3]));
    (read(&dir.path("b2.json")), read(&dir.path("b3.json")))
}

#[test]
fn the_example_round_trips_byte_for_byte() {
    let dir = Dir::new();
    let x = dir.s("x.db");
    init_with(&x, EXAMPLE);
    let b1 = dir.s("b1.json");
    ok(culpa(&["--db", &x, "export", "--out", &b1]));
    let b1_text = read(&dir.path("b1.json"));
    // To stdout, the same bytes as to --out.
    assert_eq!(stdout(&ok(culpa(&["--db", &x, "export"]))), b1_text);

    // The export is the example itself, plus the importing admin, people sorted by login.
    let example: Value = serde_json::from_str(&read(EXAMPLE.as_ref())).expect("fixture");
    let exported: Value = serde_json::from_str(&b1_text).expect("export is JSON");
    let mut people = example["people"].as_array().cloned().unwrap_or_default();
    people.sort_by(|a, b| a["login"].as_str().cmp(&b["login"].as_str()));
    assert_eq!(
        without_person(&exported, "root")["people"],
        Value::Array(people)
    );
    assert_eq!(exported["cases"], example["cases"]);
    assert_eq!(exported["relations"], example["relations"]);

    let (b2, b3) = through_two_databases(&dir, &b1);
    assert_eq!(b2, b1_text, "root was already in B1, so nothing changes");
    assert_eq!(b3, b2);
}

#[test]
fn the_whole_demo_database_round_trips_byte_for_byte() {
    let dir = Dir::new();
    let d = dir.s("demo.db");
    demo(&d);
    let b1 = dir.s("b1.json");
    // xuy is the demo's admin: a full export holds every case.
    ok(culpa(&["--db", &d, "--as", "xuy", "export", "--out", &b1]));
    let b1_text = read(&dir.path("b1.json"));
    let b1_value: Value = serde_json::from_str(&b1_text).expect("export is JSON");
    let demo_cases = culpa::demo::demo(chrono::NaiveDate::from_ymd_opt(2026, 11, 9).expect("d"))
        .bundle
        .cases
        .len();
    assert_eq!(b1_value["cases"].as_array().map(Vec::len), Some(demo_cases));

    let (b2, b3) = through_two_databases(&dir, &b1);
    assert_eq!(b3, b2, "a second pass changes nothing");
    let b2_value: Value = serde_json::from_str(&b2).expect("JSON");
    assert_eq!(
        pretty(&without_person(&b2_value, "root")),
        b1_text,
        "B2 is B1 plus the importing admin, nothing else"
    );
}

/// For every case of `bundle` imported into a root database: the database's answer equals
/// the file form's element (liability, check) and the whole deadline list is equal.
fn answers_agree(bundle: &str, today: &str) {
    let dir = Dir::new();
    let db = dir.s("a.db");
    init_with(&db, bundle);
    let file = |cmd: &str| json_out(culpa(&["--today", today, "--json", cmd, "--file", bundle]));
    let liabilities = file("liability");
    let checks = file("check");
    let cases: Value = serde_json::from_str(&read(bundle.as_ref())).expect("bundle");
    let cases = cases["cases"].as_array().cloned().unwrap_or_default();
    assert!(!cases.is_empty());
    for (i, c) in cases.iter().enumerate() {
        let number = c["number"].as_str().expect("number");
        let ask = |cmd: &str| {
            json_out(culpa(&[
                "--db", &db, "--today", today, "--json", cmd, number,
            ]))
        };
        assert_eq!(ask("liability"), liabilities[i], "liability of {number}");
        assert_eq!(ask("check"), checks[i], "check of {number}");
    }
    let from_db = json_out(culpa(&[
        "--db",
        &db,
        "--today",
        today,
        "--json",
        "deadlines",
    ]));
    assert_eq!(from_db, file("deadlines"));
}

#[test]
fn the_database_answers_as_the_example_file_does() {
    answers_agree(EXAMPLE, TODAY);
    answers_agree("tests/fixtures/decided.json", TODAY);
}

#[test]
fn the_database_answers_as_the_demo_bundle_does() {
    let dir = Dir::new();
    let d = dir.s("demo.db");
    demo(&d);
    let b = dir.s("demo.json");
    ok(culpa(&["--db", &d, "--as", "xuy", "export", "--out", &b]));
    answers_agree(&b, TODAY);
}

#[test]
fn a_check_object_carries_warnings_for_uncovered_years_and_the_array_does_not() {
    let dir = Dir::new();
    // The example moved to 2040, a year no built-in calendar covers.
    let text = read(EXAMPLE.as_ref()).replace("\"2026-", "\"2040-");
    let bundle = dir.write("b2040.json", &text);
    let db = dir.s("w.db");
    init(&db);
    ok(culpa(&[
        "--db",
        &db,
        "--today",
        "2040-11-09",
        "import",
        &bundle,
    ]));
    let n = "卧应急责〔2026〕7号";
    let o = ok(culpa(&[
        "--db",
        &db,
        "--today",
        "2040-11-09",
        "--json",
        "check",
        n,
    ]));
    assert!(stderr(&o).contains("2040"), "{}", stderr(&o));
    let mut v: Value = serde_json::from_slice(&o.stdout).expect("JSON");
    let warnings = v["warnings"].as_array().cloned().unwrap_or_default();
    assert!(
        warnings
            .iter()
            .any(|w| w.as_str().is_some_and(|s| s.contains("2040"))),
        "{v}"
    );
    let file = json_out(culpa(&[
        "--today",
        "2040-11-09",
        "--json",
        "check",
        "--file",
        &bundle,
    ]));
    assert!(file[0].get("warnings").is_none(), "arrays carry none");
    v.as_object_mut().map(|o| o.remove("warnings"));
    assert_eq!(v, file[0]);
}

/// Issue 9: a database made by release 0.1 (`tests/fixtures/release-0.1.db`: `culpa init` +
/// `import tests/fixtures/release-0.1.json` with the binary of commit b907953, schema 1)
/// opens with this build, migrates to `culpa.bundle/2`'s schema, exports a `/2` bundle, and
/// answers `liability`, `check` and `deadlines` exactly as an import of that export does.
#[test]
fn a_release_0_1_database_migrates_and_answers_as_an_import_of_its_export() {
    let dir = Dir::new();
    let old = dir.s("old.db");
    std::fs::copy("tests/fixtures/release-0.1.db", &old).expect("copy the fixture");
    let version = |db: &str| -> i64 {
        rusqlite::Connection::open(db)
            .expect("open")
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .expect("user_version")
    };
    assert_eq!(version(&old), 1, "the fixture is a schema-1 database");

    // Opening it migrates it (inside BEGIN IMMEDIATE: store::schema::migrate).
    let b = dir.s("b.json");
    ok(culpa(&[
        "--db", &old, "--today", TODAY, "export", "--out", &b,
    ]));
    assert_eq!(version(&old), culpa::store::SCHEMA_VERSION);
    let exported: Value = serde_json::from_str(&read(&dir.path("b.json"))).expect("JSON");
    assert_eq!(exported["format"], "culpa.bundle/2");
    let cases = exported["cases"].as_array().expect("cases");
    let by_number = |n: &str| {
        cases
            .iter()
            .find(|c| c["number"] == n)
            .unwrap_or_else(|| panic!("{n}"))
    };
    // The /1 mapping, applied to stored rows: culpability {} and a decided review upheld.
    let decided = by_number("卧应急责〔2026〕3号");
    assert_eq!(decided["findings"]["culpability"], serde_json::json!({}));
    assert_eq!(decided["appeals"][0]["outcome"], "upheld");
    assert_eq!(
        by_number("卧应急责〔2026〕7号")["findings"]["culpability"],
        serde_json::json!({})
    );

    // A fresh database with the same administrator, and the export imported into it.
    let root = exported["people"]
        .as_array()
        .and_then(|p| p.iter().find(|p| p["login"] == "root"))
        .expect("root is on file")
        .clone();
    let fresh = dir.s("fresh.db");
    ok(culpa(&[
        "--db",
        &fresh,
        "init",
        "--admin",
        "root",
        "--name",
        root["name"].as_str().expect("name"),
        "--unit",
        root["unit"].as_str().expect("unit"),
    ]));
    ok(culpa(&["--db", &fresh, "--today", TODAY, "import", &b]));
    for n in cases.iter().map(|c| c["number"].as_str().expect("number")) {
        for cmd in ["liability", "check"] {
            let ask = |db: &str| json_out(culpa(&["--db", db, "--today", TODAY, "--json", cmd, n]));
            assert_eq!(ask(&old), ask(&fresh), "{cmd} {n}");
        }
    }
    let deadlines = |db: &str| {
        json_out(culpa(&[
            "--db",
            db,
            "--today",
            TODAY,
            "--json",
            "deadlines",
        ]))
    };
    assert_eq!(deadlines(&old), deadlines(&fresh));
    // And the migrated database exports what the imported one does (root and all).
    let b2 = dir.s("b2.json");
    ok(culpa(&["--db", &fresh, "export", "--out", &b2]));
    assert_eq!(read(&dir.path("b2.json")), read(&dir.path("b.json")));
    // The case under investigation still lacks its culpability: the check says so.
    let check = json_out(culpa(&[
        "--db",
        &old,
        "--today",
        TODAY,
        "--json",
        "check",
        "卧应急责〔2026〕7号",
    ]));
    let codes: Vec<&str> = check["blockers"]
        .as_array()
        .expect("blockers")
        .iter()
        .filter_map(|b| b["code"].as_str())
        .collect();
    assert!(codes.contains(&"liability_incomplete"), "{codes:?}");
}

/// Issue 10: `culpa import` reads the bundle case by case. A demo with synthetic cases goes
/// B1 → B2 → B3 byte for byte through two streamed imports; the import's audit entries are
/// each bounded by one case (one per case, one for the people); the replay of those entries
/// agrees with the database and names a row edited afterwards; and the same bundle with its
/// keys in another order, piped through stdin, imports to the same record.
#[test]
fn a_synthetic_demo_streams_through_import_byte_for_byte() {
    let dir = Dir::new();
    let d = dir.s("demo.db");
    demo_with_cases(&d, 150);
    let b1 = dir.s("b1.json");
    ok(culpa(&["--db", &d, "--as", "xuy", "export", "--out", &b1]));
    let b1_text = read(&dir.path("b1.json"));
    let b1_value: Value = serde_json::from_str(&b1_text).expect("export is JSON");
    let cases = b1_value["cases"].as_array().expect("cases").len();
    assert!(cases > 150, "{cases}");

    let (b2, b3) = through_two_databases(&dir, &b1);
    assert_eq!(b3, b2, "a second pass changes nothing");
    let b2_value: Value = serde_json::from_str(&b2).expect("JSON");
    assert_eq!(pretty(&without_person(&b2_value, "root")), b1_text);

    // The audit record: one entry for the people, one per case, none larger than a case.
    let y1 = dir.s("y1.db");
    let conn = rusqlite::Connection::open(&y1).expect("open");
    let (entries, longest): (i64, i64) = conn
        .query_row(
            "SELECT count(*), max(length(detail)) FROM audit WHERE action = 'import'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .expect("count");
    assert_eq!(entries as usize, cases + 1);
    let largest_case = b1_value["cases"]
        .as_array()
        .expect("cases")
        .iter()
        .map(|c| c.to_string().len())
        .max()
        .expect("a case");
    assert!(
        (longest as usize) < largest_case + 200,
        "an entry of {longest} bytes for cases of at most {largest_case}"
    );
    let last = b1_value["cases"][cases - 1]["number"]
        .as_str()
        .expect("number")
        .to_string();
    drop(conn);
    // (The vault check fails here, as it did before issue 10: a bundle names its evidence
    // files' hashes but does not carry the files.)
    let o = culpa(&["--db", &y1, "audit", "verify"]);
    let replay = format!(
        "ok    replay        {} entries replayed; {cases} cases",
        cases + 2
    );
    assert!(stdout(&o).contains(&replay), "{}", stdout(&o));
    // A row of the last case edited with SQL: the replay names it.
    let conn = rusqlite::Connection::open(&y1).expect("open");
    conn.execute(
        "UPDATE cases SET title = '伪造' WHERE number = ?1",
        [last.as_str()],
    )
    .expect("forge");
    drop(conn);
    refused(
        &culpa(&["--db", &y1, "audit", "verify"]),
        &[&format!("case {last}, field title"), "伪造"],
    );

    // Cases first, people last, through a pipe: a second pass over the spooled input.
    let mut order = serde_json::Map::new();
    for k in ["cases", "relations", "people", "format"] {
        order.insert(k.to_string(), b1_value[k].clone());
    }
    let reordered = serde_json::to_string(&Value::Object(order)).expect("JSON");
    let y3 = dir.s("y3.db");
    init(&y3);
    let o = ok(culpa_in(
        &["--db", &y3, "import", "-"],
        &[],
        Some(&reordered),
    ));
    assert!(
        stdout(&o).contains(&format!("imported {cases} case")),
        "{}",
        stdout(&o)
    );
    let b4 = stdout(&ok(culpa(&["--db", &y3, "export"])));
    assert_eq!(b4, b2, "the same record whatever the order of the keys");
}

/// Issue 10: all or nothing. A bad case at the end of a long file, a case number repeated
/// late, or a syntax error in the last case: each is named by its path and case, and the
/// database is as it was — no person, relation, case or audit entry of the file.
#[test]
fn a_bad_case_late_in_the_file_leaves_the_database_untouched() {
    let dir = Dir::new();
    let d = dir.s("demo.db");
    demo_with_cases(&d, 60);
    let b1 = stdout(&ok(culpa(&["--db", &d, "--as", "xuy", "export"])));
    let v: Value = serde_json::from_str(&b1).expect("JSON");
    let n = v["cases"].as_array().expect("cases").len();
    let last = n - 1;
    let with_team = (0..n)
        .rev()
        .find(|i| !v["cases"][*i]["team"].is_null())
        .expect("a case with a team");
    let number = |i: usize| {
        v["cases"][i]["number"]
            .as_str()
            .expect("number")
            .to_string()
    };

    let mut unknown = v.clone();
    unknown["cases"][with_team]["team"]["members"][0] = serde_json::json!("nobody");
    let mut repeated = v.clone();
    repeated["cases"][last]["number"] = v["cases"][0]["number"].clone();
    let broken = {
        let text = pretty(&v);
        let cut = text.rfind("\"stage\"").expect("a stage");
        format!("{}\"stage\": ,{}", &text[..cut], &text[cut + 8..])
    };
    let unknown_path = format!(
        "cases[{with_team}].team.members[0] (case {})",
        number(with_team)
    );
    let repeated_path = format!("cases[{last}].number (case {})", number(0));
    let rows: [(&str, String, Vec<&str>); 3] = [
        (
            "unknown.json",
            pretty(&unknown),
            vec![&unknown_path, "unknown login \"nobody\""],
        ),
        (
            "repeated.json",
            pretty(&repeated),
            vec![&repeated_path, "duplicate case number (also cases[0])"],
        ),
        ("broken.json", broken, vec!["invalid JSON at line"]),
    ];
    let y = dir.s("y.db");
    init(&y);
    let state = |db: &str| {
        let conn = rusqlite::Connection::open(db).expect("open");
        let count = |sql: &str| -> i64 { conn.query_row(sql, [], |r| r.get(0)).expect("count") };
        (
            count("SELECT count(*) FROM audit"),
            count("SELECT count(*) FROM cases"),
            count("SELECT count(*) FROM people"),
            count("SELECT count(*) FROM relations"),
            count("SELECT count(*) FROM obligations"),
        )
    };
    let before = state(&y);
    for (name, text, needles) in rows {
        let f = dir.write(name, &text);
        refused(&culpa(&["--db", &y, "import", &f]), &needles);
        assert_eq!(state(&y), before, "{name}: nothing written");
    }
    // The good file still imports whole.
    let f = dir.write("good.json", &b1);
    ok(culpa(&["--db", &y, "import", &f]));
    assert_eq!(state(&y).1 as usize, n);
    // And a second time every case is already there: refused, named, nothing written.
    let again = state(&y);
    refused(
        &culpa(&["--db", &y, "import", &f]),
        &[
            &format!("cases[0].number (case {})", number(0)),
            "already in the database",
        ],
    );
    assert_eq!(state(&y), again);
}
