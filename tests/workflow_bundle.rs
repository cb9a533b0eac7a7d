//! Import and export through the session: all-or-nothing, people matched by login, the
//! rules enforced, and export → import → export identical. (Needs the rules:
//! domain::validate.)

mod common;

use common::workflow::*;
use culpa::domain::model::{Bundle, Stage};
use culpa::workflow::{Refusal, Session, WorkflowError};

/// A fresh demo database whose bootstrap admin is one of the bundle's people.
fn fresh_with_admin() -> (Db, Session) {
    let db = Db::fresh(true);
    let mut s = Session::bootstrap(db.path(), Some("root"), "管理员", "信息科").unwrap();
    s.set_calendar(culpa::domain::calendar::Calendar::default());
    (db, s)
}

fn bundle() -> Bundle {
    let mut b = example();
    b.people.push(admin());
    b
}

#[test]
fn export_import_export_is_identical() {
    let (_db, mut s) = fresh_with_admin();
    let summary = s
        .import_bundle(
            &bundle(),
            chrono::NaiveDate::from_ymd_opt(2026, 11, 9).expect("date"),
        )
        .unwrap();
    assert_eq!(summary.people_added, 7);
    assert_eq!(summary.people_matched, 1);
    assert_eq!(summary.relations_added, 1);
    assert_eq!(summary.cases, vec![N.to_string()]);
    let first = serde_json::to_string_pretty(&s.export_bundle(&[]).unwrap()).unwrap();

    let (_db2, mut s2) = fresh_with_admin();
    let again: Bundle = serde_json::from_str(&first).unwrap();
    s2.import_bundle(
        &again,
        chrono::NaiveDate::from_ymd_opt(2026, 11, 9).expect("date"),
    )
    .unwrap();
    let second = serde_json::to_string_pretty(&s2.export_bundle(&[]).unwrap()).unwrap();
    assert_eq!(first, second);
}

#[test]
fn a_differing_person_or_existing_case_refuses_everything() {
    let (db, mut s) = fresh_with_admin();
    let mut b = bundle();
    b.people
        .iter_mut()
        .find(|p| p.login == "root")
        .unwrap()
        .unit = "别处".into();
    match s.import_bundle(
        &b,
        chrono::NaiveDate::from_ymd_opt(2026, 11, 9).expect("date"),
    ) {
        Err(WorkflowError::Refused {
            refusal: Refusal::PersonDiffers(l),
            ..
        }) => assert_eq!(l, "root"),
        other => panic!("{other:?}"),
    }
    assert_eq!(s.directory().unwrap().people().count(), 1);
    s.import_bundle(
        &bundle(),
        chrono::NaiveDate::from_ymd_opt(2026, 11, 9).expect("date"),
    )
    .unwrap();
    match s.import_bundle(
        &bundle(),
        chrono::NaiveDate::from_ymd_opt(2026, 11, 9).expect("date"),
    ) {
        Err(WorkflowError::Refused {
            refusal: Refusal::CaseExists(n),
            ..
        }) => assert_eq!(n, N),
        other => panic!("{other:?}"),
    }
    drop(db);
}

#[test]
fn import_does_not_bypass_the_rules() {
    let (_db, mut s) = fresh_with_admin();
    let mut b = bundle();
    b.cases[0].team.as_mut().unwrap().members[1] = "wangll".into();
    match s.import_bundle(
        &b,
        chrono::NaiveDate::from_ymd_opt(2026, 11, 9).expect("date"),
    ) {
        Err(WorkflowError::Invalid(errors)) => {
            assert!(errors[0].to_string().contains("wangll"), "{errors:?}")
        }
        other => panic!("{other:?}"),
    }
    assert!(s.cases().unwrap().is_empty());
    assert_eq!(s.directory().unwrap().people().count(), 1);
}

#[test]
fn only_an_admin_imports_and_chosen_cases_export_their_people() {
    let (db, mut s) = fresh_with_admin();
    s.import_bundle(
        &bundle(),
        chrono::NaiveDate::from_ymd_opt(2026, 11, 9).expect("date"),
    )
    .unwrap();
    let mut liuf = db.as_("liuf");
    assert!(matches!(
        liuf.import_bundle(
            &Bundle::empty(),
            chrono::NaiveDate::from_ymd_opt(2026, 11, 9).expect("date")
        ),
        Err(WorkflowError::NotPermitted { .. })
    ));
    let one = liuf.export_bundle(&[N.to_string()]).unwrap();
    let logins: Vec<&str> = one.people.iter().map(|p| p.login.as_str()).collect();
    assert_eq!(
        logins,
        vec!["chenj", "liuf", "sunq", "wangl", "zhaom", "zhouh"]
    );
    assert_eq!(one.cases[0].stage, Stage::Investigating);
    // An officer may not export a case they cannot open.
    assert!(db.as_("sunq").export_bundle(&[N.to_string()]).is_err());
}
