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
