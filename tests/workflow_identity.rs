//! Who is acting, and what they may see: the real uid's account, `--as` on demo databases
//! only, the first admin of a fresh database, and the recused investigator's closed door.

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
