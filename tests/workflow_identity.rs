//! Who is acting, and what they may see: the real uid's account, `--as` on demo databases
//! that are the user's alone only, the first admin of a fresh database, and the recused investigator's closed door.

mod common;

use common::workflow::*;
use culpa::domain::Directory;
use culpa::domain::model::{Role, Stage};
use culpa::i18n::Lang;
use culpa::store::Store;
use culpa::workflow::identity::real_login;
use culpa::workflow::{Refusal, Session, Why, WorkflowError};

#[test]
fn an_account_not_on_file_is_told_whom_to_ask() {
    // A real database holding the example's people, but not the account running the test.
    let db = Db::fresh(false);
    let mut store = Store::open(db.path()).unwrap();
    let mut liuf = example().people.remove(0);
    liuf.roles.push(Role::Admin);
    store.write(|tx| tx.upsert_person(&liuf)).unwrap();
    let me = real_login().unwrap();
    assert_ne!(me, "liuf");
    match Session::open(db.path(), None) {
        Err(e @ WorkflowError::UnknownUser { .. }) => {
            let WorkflowError::UnknownUser { login, admins } = &e else {
                unreachable!()
            };
            assert_eq!(login, &me);
            assert_eq!(admins, &vec!["liuf".to_string()]);
            let dir = Directory::new([liuf.clone()], vec![]);
            let en = e.message(&dir, Lang::En);
            assert!(
                en.contains("刘芳 (liuf)") && en.contains("culpa user add"),
                "{en}"
            );
            let zh = e.message(&dir, Lang::Zh);
            assert!(zh.contains("刘芳 (liuf)") && zh.contains("管理员"), "{zh}");
        }
        Err(other) => panic!("{other:?}"),
        Ok(_) => panic!("an unknown account opened the database"),
    }
}

#[test]
fn switching_user_needs_a_demo_database() {
    let real = Db::new(false);
    assert!(matches!(
        Session::open(real.path(), Some("liuf")),
        Err(WorkflowError::SwitchUserNotAllowed)
    ));
    let demo = Db::new(true);
    let s = demo.as_("liuf");
    assert_eq!(s.actor().login, "liuf");
    assert!(s.is_demo());
    assert!(matches!(
        Session::open(demo.path(), Some("nobody")),
        Err(WorkflowError::UnknownUser { .. })
    ));
}

/// Issue 7: the demo flag lives in the database, so whoever can write the file can set it.
/// In direct mode `--as` therefore also needs the file to be the real user's alone.
#[test]
fn switching_user_needs_a_demo_database_that_is_yours_alone() {
    use culpa::workflow::identity::NotAlone;
    use std::os::unix::fs::PermissionsExt;
    let chmod = |p: &std::path::Path, m: u32| {
        std::fs::set_permissions(p, std::fs::Permissions::from_mode(m)).unwrap()
    };
    let demo = Db::new(true);
    chmod(demo.path(), 0o644);
    assert_eq!(demo.as_("liuf").actor().login, "liuf");
    // Writable by the group (a shared 0660 database): someone else could have set the flag.
    chmod(demo.path(), 0o664);
    match Session::open(demo.path(), Some("liuf")) {
        Err(e @ WorkflowError::SwitchUserNotAlone(NotAlone::Writable { mode: 0o664, .. })) => {
            let en = e.message(&Directory::default(), Lang::En);
            assert!(en.contains("chmod go-w") && en.contains("culpa.db"), "{en}");
            let zh = e.message(&Directory::default(), Lang::Zh);
            assert!(zh.contains("独有"), "{zh}");
        }
        other => panic!("{:?}", other.map(|s| s.actor().clone())),
    }
    // Without --as the real account still opens it (as whoever it is on file as).
    assert!(!matches!(
        Session::open(demo.path(), None),
        Err(WorkflowError::SwitchUserNotAlone(_))
    ));
    chmod(demo.path(), 0o600);
    assert_eq!(demo.as_("liuf").actor().login, "liuf");
    // A WAL file others may write counts too.
    let mut wal = demo.path().as_os_str().to_os_string();
    wal.push("-wal");
    if std::path::Path::new(&wal).exists() {
        chmod(std::path::Path::new(&wal), 0o666);
        assert!(matches!(
            Session::open(demo.path(), Some("liuf")),
            Err(WorkflowError::SwitchUserNotAlone(NotAlone::Writable { .. }))
        ));
        chmod(std::path::Path::new(&wal), 0o600);
    }
    // Another account's demo (root can hand it over).
    if nix::unistd::Uid::effective().is_root() {
        std::os::unix::fs::chown(demo.path(), Some(65534), None).unwrap();
        assert!(matches!(
            Session::open(demo.path(), Some("liuf")),
            Err(WorkflowError::SwitchUserNotAlone(NotAlone::Owner {
                uid: 65534,
                ..
            }))
        ));
    }
}

/// The attack of issue 7 through the binary: a shared real database (group-writable, as a
/// careful admin set it up before the service existed) has its demo flag set by a member
/// of the group; `--as` the chief is still refused, exit 1, and nothing is written.
#[test]
fn a_forged_demo_flag_on_a_shared_database_does_not_allow_as() {
    use common::cli::*;
    use std::os::unix::fs::PermissionsExt;
    let dir = Dir::new();
    let db = dir.s("shared.db");
    init_with(&db, EXAMPLE);
    std::fs::set_permissions(&db, std::fs::Permissions::from_mode(0o660)).unwrap();
    let c = rusqlite::Connection::open(&db).unwrap();
    c.execute("UPDATE meta SET value = '1' WHERE key = 'demo'", [])
        .unwrap();
    drop(c);
    let entries = || -> i64 {
        rusqlite::Connection::open(&db)
            .unwrap()
            .query_row("SELECT count(*) FROM audit", [], |r| r.get(0))
            .unwrap()
    };
    let before = entries();
    let o = culpa(&["--db", &db, "--as", "chenj", "user", "list"]);
    refused(&o, &["--as", "yours alone", "chmod go-w"]);
    let o = culpa(&[
        "--db", &db, "--as", "chenj", "--today", TODAY, "import", EXAMPLE,
    ]);
    refused(&o, &["yours alone"]);
    assert_eq!(entries(), before, "nothing written");
    // `culpa demo` makes a demo that is its user's alone, whatever the umask (002 is the
    // default with user-private groups).
    let demo_db = dir.s("mine.db");
    let o = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!(
            "umask 002 && exec {} --db {demo_db} --today {TODAY} demo --no-open",
            env!("CARGO_BIN_EXE_culpa")
        ))
        .env_remove("CULPA_DB")
        .env_remove("CULPA_SERVER")
        .output()
        .unwrap();
    ok(o);
    let mode = std::fs::metadata(&demo_db).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode & 0o022, 0, "{mode:o}");
    ok(culpa(&["--db", &demo_db, "--as", "chenj", "user", "list"]));
}

#[test]
fn the_creator_of_a_fresh_database_becomes_its_admin() {
    let db = Db::fresh(false);
    let me = real_login().unwrap();
    let s = Session::bootstrap(db.path(), None, "系统管理员", "信息科").unwrap();
    assert_eq!(s.actor().login, me);
    assert_eq!(s.actor().roles, vec![Role::Admin]);
    // Opening again finds the same person, from the real uid.
    let again = Session::open(db.path(), None).unwrap();
    assert_eq!(again.actor().login, me);
    // Only once.
    assert!(matches!(
        Session::bootstrap(db.path(), None, "又一个", "x"),
        Err(WorkflowError::Refused {
            refusal: Refusal::AlreadyInitialised,
            ..
        })
    ));
    // --as does not work around a real database's identity either.
    let other = Db::fresh(false);
    assert!(matches!(
        Session::bootstrap(other.path(), Some("liuf"), "刘芳", "法制股"),
        Err(WorkflowError::SwitchUserNotAllowed)
    ));
    let demo = Db::fresh(true);
    let s = Session::bootstrap(demo.path(), Some("liuf"), "刘芳", "法制股").unwrap();
    assert_eq!(s.actor().login, "liuf");
}

#[test]
fn a_recused_investigator_can_no_longer_open_the_case() {
    let db = Db::new(true);
    db.put(&recused(case_at(Stage::Investigating), "zhaom"));
    let zhaom = db.as_("zhaom");
    match zhaom.case(N) {
        Err(WorkflowError::NotPermitted {
            why: Why::Recused { on },
            ..
        }) => assert_eq!(on, d(10, 11)),
        other => panic!("{other:?}"),
    }
    assert!(zhaom.cases().unwrap().is_empty());
    // The other member still works on it.
    let wangl = db.as_("wangl");
    assert_eq!(wangl.case(N).unwrap().case.number, N);
    assert_eq!(wangl.cases().unwrap().len(), 1);
}

#[test]
fn who_sees_which_cases() {
    let db = Db::new(true);
    db.put(&case_at(Stage::Investigating));
    let mut other = case_at(Stage::Received);
    other.number = "卧应急责〔2026〕8号".into();
    db.put(&other);
    let rows = [
        ("root", 2),  // admin
        ("liuf", 2),  // legal
        ("chenj", 2), // chief + committee
        ("wuy", 2),   // committee
        ("wangl", 1), // investigator: only the case whose team they are on
        ("sunq", 0),  // officer: none
    ];
    for (login, n) in rows {
        assert_eq!(db.as_(login).cases().unwrap().len(), n, "{login}");
    }
    assert!(matches!(
        db.as_("sunq").case(N),
        Err(WorkflowError::NotFound(_))
    ));
    assert!(matches!(
        db.as_("wangl").case("卧应急责〔2026〕8号"),
        Err(WorkflowError::NotFound(_))
    ));
}

#[test]
fn data_version_moves_when_another_process_commits() {
    let db = Db::new(true);
    let s = db.as_("liuf");
    let before = s.data_version().unwrap();
    db.put(&case_at(Stage::Received));
    assert_ne!(s.data_version().unwrap(), before);
}
