//! The database commands through the binary: who may act, init, users, import and export,
//! apply, demo — and every error path of each.

mod common;

use common::cli::*;
use culpa::domain::model::{Person, Role};
use culpa::store::Store;
use serde_json::{Value, json};

/// A real (non-demo) database whose only person is the admin liuf — not root.
fn someone_elses_db(dir: &Dir) -> String {
    let mut store = Store::create(&dir.path("other.db"), false).expect("create");
    let liuf = Person {
        login: "liuf".into(),
        name: "刘芳".into(),
        unit: "法制股".into(),
        roles: vec![Role::Admin, Role::Legal],
    };
    store
        .write(|tx| tx.upsert_person(&liuf))
        .expect("write the admin");
    dir.s("other.db")
}

#[test]
fn an_unknown_account_and_as_on_a_real_database_are_refused() {
    let dir = Dir::new();
    let db = someone_elses_db(&dir);
    refused(&culpa(&["--db", &db, "user", "list"]), &["root", "liuf"]);
    refused(
        &culpa(&["--db", &db, "--as", "liuf", "user", "list"]),
        &["--as", "demo"],
    );
    // The workbench refuses the same way, before touching the terminal.
    refused(&culpa(&["--db", &db]), &["root", "liuf"]);
}

#[test]
fn init_makes_the_named_account_the_admin_and_refuses_a_database_with_data() {
    let dir = Dir::new();
    let db = dir.s("sub/new.db");
    // The first admin is named, never simply whoever runs init.
    let o = culpa(&["--db", &db, "init", "--unit", "信息科"]);
    assert_eq!(o.status.code(), Some(2), "--admin is required");
    assert!(!dir.path("sub/new.db").exists(), "nothing was created");
    refused(
        &culpa(&["--db", &db, "init", "--admin", "no-such-account-xyz"]),
        &["no-such-account-xyz", "not an account"],
    );
    assert!(!dir.path("sub/new.db").exists(), "nothing was created");
    // Named as an account other than the one running init (root runs the tests).
    let other = dir.s("daemon.db");
    ok(culpa(&["--db", &other, "init", "--admin", "daemon"]));
    // root, who ran it, is not on file: daemon is the only person, as admin.
    refused(
        &culpa(&["--db", &other, "user", "list"]),
        &["root", "daemon"],
    );
    let s = culpa_sqlite_people(&other);
    assert_eq!(s, vec![("daemon".to_string(), "admin".to_string())]);
    let o = ok(culpa(&[
        "--db",
        &db,
        "init",
        "--admin",
        "root",
        "--unit",
        "信息科",
    ]));
    assert!(stdout(&o).contains("root"), "{}", stdout(&o));
    let people = json_out(culpa(&["--db", &db, "--json", "user", "list"]));
    assert_eq!(people[0]["login"], "root");
    assert_eq!(people[0]["roles"], json!(["admin"]));
    refused(
        &culpa(&["--db", &db, "init", "--admin", "root"]),
        &["refusing to overwrite"],
    );
    let other = dir.s("as.db");
    refused(
        &culpa(&["--db", &other, "--as", "liuf", "init", "--admin", "root"]),
        &["--as", "demo"],
    );
    assert!(!dir.path("as.db").exists(), "nothing was created");
    let d = dir.s("demo.db");
    demo(&d);
    refused(&culpa(&["--db", &d, "init", "--admin", "root"]), &["demo"]);
}

/// (login, role) rows of a database, read with SQL (root is not on file to ask culpa).
fn culpa_sqlite_people(db: &str) -> Vec<(String, String)> {
    let conn = rusqlite::Connection::open(db).unwrap();
    let mut stmt = conn
        .prepare("SELECT login, role FROM person_roles ORDER BY login, ord")
        .unwrap();
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

#[test]
fn users_are_added_by_the_admin_only() {
    let dir = Dir::new();
    let db = dir.s("u.db");
    init(&db);
    ok(culpa(&[
        "--db",
        &db,
        "user",
        "add",
        "wangl",
        "--name",
        "王磊",
        "--unit",
        "法制股",
        "--role",
        "investigator",
    ]));
    let o = ok(culpa(&["--db", &db, "user", "list"]));
    assert!(stdout(&o).contains("王磊"), "{}", stdout(&o));
    refused(
        &culpa(&[
            "--db", &db, "user", "add", "x", "--name", "X", "--unit", "U", "--role", "boss",
        ]),
        &["unknown role \"boss\"", "investigator"],
    );
    let d = dir.s("demo.db");
    demo(&d);
    refused(
        &culpa(&[
            "--db", &d, "--as", "wangl", "user", "add", "x", "--name", "X", "--unit", "U",
        ]),
        &["wangl"],
    );
}

#[test]
fn import_is_all_or_nothing_and_names_path_and_case() {
    let dir = Dir::new();
    let db = dir.s("i.db");
    init(&db);
    let example: Value = serde_json::from_str(&read(EXAMPLE.as_ref())).expect("fixture");
    let mut bad = example.clone();
    bad["cases"][0]["team"]["members"][1] = json!("wangll");
    let mut unknown_field = example.clone();
    unknown_field["cases"][0]["team"]["membres"] = json!([]);
    let mut differs = example.clone();
    differs["people"][0]["unit"] = json!("办公室");
    let bad = dir.write("bad.json", &bad.to_string());
    let unknown_field = dir.write("unknown.json", &unknown_field.to_string());
    let not_json = dir.write("not.json", "{ nope");
    let wangll = format!("cases[0].team.members[1] (case {N7}): unknown login \"wangll\"");
    let missing = dir.s("missing.json");
    // (file, stderr needles)
    let rows = [
        (bad.as_str(), vec![wangll.as_str()]),
        (
            unknown_field.as_str(),
            vec!["cases[0].team.membres", "unknown field"],
        ),
        (not_json.as_str(), vec!["not.json"]),
        (missing.as_str(), vec!["cannot read", "missing.json"]),
    ];
    for (file, needles) in rows {
        refused(&culpa(&["--db", &db, "import", file]), &needles);
    }
    // Nothing was written by the refused imports.
    let all = json_out(culpa(&["--db", &db, "--json", "user", "list"]));
    assert_eq!(all.as_array().map(Vec::len), Some(1));

    let o = ok(culpa(&["--db", &db, "import", EXAMPLE]));
    assert!(stdout(&o).contains("imported 1 case"), "{}", stdout(&o));
    refused(
        &culpa(&["--db", &db, "import", EXAMPLE]),
        &[&format!("cases[0].number (case {N7})")],
    );
    let differs = dir.write("differs.json", &differs.to_string());
    refused(
        &culpa(&["--db", &db, "import", &differs]),
        &["people[0]", "liuf"],
    );
    // Import is the admin's.
    let d = dir.s("demo.db");
    demo(&d);
    refused(
        &culpa(&["--db", &d, "--as", "wangl", "import", EXAMPLE]),
        &["wangl"],
    );
}

#[test]
fn export_refusals() {
    let dir = Dir::new();
    let db = dir.s("e.db");
    init_with(&db, EXAMPLE);
    let chosen = json_out(culpa(&["--db", &db, "export", N7]));
    assert_eq!(chosen["cases"].as_array().map(Vec::len), Some(1));
    refused(
        &culpa(&["--db", &db, "export", "卧应急责〔2099〕1号"]),
        &["2099"],
    );
    refused(
        &culpa(&["--db", &db, "export", "--out", &dir.s("no/such/dir/b.json")]),
        &["cannot write"],
    );
}

#[test]
fn every_database_command_refuses_a_missing_database() {
    let dir = Dir::new();
    let db = dir.s("absent.db");
    let commands: [&[&str]; 11] = [
        &["user", "list"],
        &["import", EXAMPLE],
        &["export"],
        &["liability", N7],
        &["check", N7],
        &["deadlines"],
        &["audit", "verify"],
        &["audit", "log"],
        &["evidence", "verify"],
        &["evidence", "add", N7, EXAMPLE],
        &["apply", EXAMPLE],
    ];
    for args in commands {
        let mut full = vec!["--db", db.as_str()];
        full.extend_from_slice(args);
        refused(&culpa(&full), &["no database", "culpa init"]);
    }
    assert!(!dir.path("absent.db").exists(), "nothing was created");
}

#[test]
fn questions_about_unknown_or_hidden_cases_are_refused() {
    let dir = Dir::new();
    let d = dir.s("d.db");
    demo(&d);
    for cmd in ["liability", "check"] {
        refused(
            &culpa(&["--db", &d, "--as", "xuy", cmd, "卧应急责〔2099〕1号"]),
            &["2099"],
        );
        // An officer (the people under investigation) opens no case file.
        refused(&culpa(&["--db", &d, "--as", "sunq", cmd, N7]), &[N7]);
    }
    // --mine keeps what is the actor's (a login, or one of their roles).
    let mine = json_out(culpa(&[
        "--db",
        &d,
        "--as",
        "liuf",
        "--today",
        TODAY,
        "--json",
        "deadlines",
        "--mine",
    ]));
    let all = json_out(culpa(&[
        "--db",
        &d,
        "--as",
        "liuf",
        "--today",
        TODAY,
        "--json",
        "deadlines",
    ]));
    let mine = mine.as_array().cloned().unwrap_or_default();
    assert!(!mine.is_empty() && mine.len() < all.as_array().map_or(0, Vec::len));
    assert!(
        mine.iter()
            .all(|o| o["owner"] == "liuf" || o["owner"] == "legal")
    );
}

#[test]
fn apply_runs_commands_as_the_workbench_would() {
    let dir = Dir::new();
    let db = dir.s("p.db");
    init_with(&db, EXAMPLE);
    // One command, from stdin, --json: the applied case and version.
    let upsert = json!({"UpsertPerson": {"login": "lix", "name": "李霞", "unit": "法制股",
                                          "roles": ["investigator"]}});
    let o = ok(culpa_in(
        &["--db", &db, "--json", "apply", "-"],
        &[],
        Some(&upsert.to_string()),
    ));
    let v: Value = serde_json::from_slice(&o.stdout).expect("JSON");
    assert_eq!(v, json!({"case": null, "version": 0}));

    // An array: the first two run, the third is refused by the rules (Art. 10(1): a
    // rejection gives its reason); index and message shown, the earlier ones stand.
    let cmds = json!([
        {"UpsertPerson": {"login": "root", "name": "管理员", "unit": "信息科",
                          "roles": ["admin", "legal"]}},
        {"Intake": {"title": "新投诉", "source": "report", "received_on": "2026-11-02",
                    "complainant": null, "summary": "……",
                    "act": {"kind": "inspection", "reference": "卧应急查〔2026〕3号",
                            "on_the_spot": false, "handler": "sunq", "reviewer": null,
                            "approver": null},
                    "respondents": ["sunq"]}},
        {"Reject": {"case": "卧应急责〔2026〕8号", "on": "2026-11-03", "reason": ""}}
    ]);
    let file = dir.write("cmds.json", &cmds.to_string());
    let o = culpa(&["--db", &db, "--today", TODAY, "apply", &file]);
    refused(&o, &["command [2] (reject)", "reason", "[0] to [1]"]);
    assert!(stdout(&o).contains("卧应急责〔2026〕8号"), "{}", stdout(&o));
    let case = json_out(culpa(&["--db", &db, "export", "卧应急责〔2026〕8号"]));
    assert_eq!(case["cases"][0]["stage"], "received", "the intake stands");
    // Everything applied replays from the audit log to the same record.
    let o = ok(culpa(&["--db", &db, "audit", "verify"]));
    assert!(stdout(&o).contains("ok    replay"), "{}", stdout(&o));

    // Malformed input names the path.
    let bad = dir.write(
        "bad.json",
        r#"{"Notify": {"case": "x", "on": "11/10/2026"}}"#,
    );
    refused(
        &culpa(&["--db", &db, "apply", &bad]),
        &["Notify.on", "apply --help"],
    );
    refused(
        &culpa(&["--db", &db, "apply", &dir.s("none.json")]),
        &["cannot read"],
    );
    let unknown = dir.write(
        "u.json",
        r#"{"Notify": {"case": "卧应急责〔2099〕1号", "on": "2026-11-01"}}"#,
    );
    refused(&culpa(&["--db", &db, "apply", &unknown]), &["2099"]);
    let o = ok(culpa(&["apply", "--help"]));
    assert!(stdout(&o).contains("\"RecordInterview\""), "{}", stdout(&o));
}

#[test]
fn demo_replaces_a_demo_never_a_real_database() {
    let dir = Dir::new();
    let d = dir.s("d.db");
    demo(&d);
    let marker = dir.path("d.db.vault").join("marker");
    std::fs::write(&marker, "old").expect("marker");
    demo_with_cases(&d, 30);
    assert!(!marker.exists(), "the old demo's vault went with it");
    let o = ok(culpa(&["--db", &d, "--as", "xuy", "audit", "verify"]));
    assert!(stdout(&o).contains("intact"));
    let all = json_out(culpa(&["--db", &d, "--as", "xuy", "export"]));
    let demo_cases = culpa::demo::demo(chrono::NaiveDate::from_ymd_opt(2026, 11, 9).expect("d"))
        .bundle
        .cases
        .len();
    assert_eq!(all["cases"].as_array().map(Vec::len), Some(demo_cases + 30));

    let real = dir.s("real.db");
    init_with(&real, EXAMPLE);
    refused(
        &culpa(&["--db", &real, "demo", "--no-open"]),
        &["not a demo database"],
    );
    let not_db = dir.write("text.db", "just text, not SQLite");
    refused(
        &culpa(&["--db", &not_db, "demo", "--no-open"]),
        &["not a demo database"],
    );
    assert_eq!(read(&dir.path("text.db")), "just text, not SQLite");
    refused(
        &culpa(&[
            "--db",
            &dir.s("n.db"),
            "--as",
            "nobody",
            "demo",
            "--no-open",
        ]),
        &["nobody", "wangl"],
    );
    assert!(!dir.path("n.db").exists());
    // The real database is untouched.
    ok(culpa(&["--db", &real, "audit", "verify"]));
}

#[test]
fn demo_without_a_path_lives_apart_from_the_real_database() {
    let dir = Dir::new();
    let data = dir.s("data");
    let env = [("XDG_DATA_HOME", data.as_str()), ("HOME", data.as_str())];
    let o = ok(culpa_in(
        &["--today", TODAY, "demo", "--no-open"],
        &env,
        None,
    ));
    let expected = dir.path("data/culpa/demo.db");
    assert!(expected.exists());
    let text = stdout(&o);
    assert!(
        text.contains(&format!("culpa --db {} --as wangl", expected.display())),
        "{text}"
    );
    assert!(text.contains("xuy"), "the logins are listed: {text}");
    assert!(!dir.path("data/culpa/culpa.db").exists());
    // Not a terminal: the workbench is not opened, and it says so.
    assert!(
        stderr(&o).is_empty(),
        "--no-open says nothing: {}",
        stderr(&o)
    );
    let o = ok(culpa_in(&["--today", TODAY, "demo"], &env, None));
    assert!(stderr(&o).contains("not a terminal"), "{}", stderr(&o));
}
