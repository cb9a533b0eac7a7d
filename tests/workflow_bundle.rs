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

/// Issue 10: an import's cases take one revision (they land in one transaction, and another
/// workbench absorbs them together), and their audit entries are chained without the head
/// being rewritten for each: the head names the last entry, the chain verifies, and the next
/// entry after the import links to it.
#[test]
fn an_import_takes_one_revision_and_leaves_the_audit_head_on_its_last_entry() {
    let (db, mut s) = fresh_with_admin();
    let mut b = bundle();
    let case = b.cases[0].clone();
    for i in 0..3 {
        let mut c = case.clone();
        c.number = format!("卧应急责〔2026〕{}号", 70 + i);
        b.cases.push(c);
    }
    let day = chrono::NaiveDate::from_ymd_opt(2026, 11, 9).expect("date");
    s.import_bundle(&b, day).unwrap();
    let conn = rusqlite::Connection::open(db.path()).unwrap();
    let (cases, revs, rev): (i64, i64, i64) = conn
        .query_row(
            "SELECT count(*), count(DISTINCT rev), max(rev) FROM cases",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    assert_eq!((cases, revs), (4, 1));
    let counter: i64 = conn
        .query_row("SELECT rev FROM counter", [], |r| r.get(0))
        .unwrap();
    assert_eq!(counter, rev);
    let head = |conn: &rusqlite::Connection| -> (i64, String, i64, String) {
        conn.query_row(
            "SELECT h.seq, h.hash, a.seq, a.hash FROM audit_head h, audit a
             WHERE a.seq = (SELECT max(seq) FROM audit)",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .unwrap()
    };
    let (head_seq, head_hash, last_seq, last_hash) = head(&conn);
    assert_eq!((head_seq, &head_hash), (last_seq, &last_hash));
    let imported: i64 = conn
        .query_row(
            "SELECT count(*) FROM audit WHERE action = 'import' AND case_number IS NOT NULL",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(imported, 4);
    drop(conn);
    // Another import after it links to the head and keeps the chain whole.
    let mut more = bundle();
    more.cases[0].number = "卧应急责〔2026〕90号".into();
    s.import_bundle(&more, day).unwrap();
    let store = culpa::store::Store::open(db.path()).unwrap();
    assert_eq!(store.verify_audit().unwrap().first_bad, None);
    let conn = rusqlite::Connection::open(db.path()).unwrap();
    let prev: String = conn
        .query_row(
            "SELECT prev_hash FROM audit WHERE seq = ?1",
            [last_seq + 1],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(prev, last_hash);
    let (head_seq, _, last_seq, _) = head(&conn);
    assert_eq!(head_seq, last_seq);
}

/// Issue 10: a streamed import (`culpa import FILE`) works out each case's rows in the
/// projections on its reading thread; they must be the rows a save writes. The same bundle
/// imported from a file and from memory leaves the same obligations, queue rows and Art.
/// 8(3) outcomes, and those equal a full recomputation.
#[test]
fn a_streamed_import_projects_each_case_as_a_save_does() {
    let decided = culpa::domain::validate::parse_bundle(include_str!("fixtures/decided.json"))
        .expect("fixture");
    let mut b = bundle();
    for p in decided.people {
        if !b.people.iter().any(|q| q.login == p.login) {
            b.people.push(p);
        }
    }
    for (i, c) in decided.cases.into_iter().enumerate() {
        let mut c2 = c.clone();
        c2.number = format!("卧应急责〔2026〕{}号", 80 + i);
        b.cases.extend([c, c2]);
    }
    let day = chrono::NaiveDate::from_ymd_opt(2026, 11, 9).expect("date");
    let (whole_db, mut whole) = fresh_with_admin();
    whole.import_bundle(&b, day).unwrap();
    let (streamed_db, mut streamed) = fresh_with_admin();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bundle.json");
    std::fs::write(&path, serde_json::to_string_pretty(&b).unwrap()).unwrap();
    let file = std::fs::File::open(&path).unwrap();
    streamed.import_file(&file, &path, day).unwrap();
    let rows =
        |db: &Db, sql: &str| table_rows(&rusqlite::Connection::open(db.path()).unwrap(), sql);
    for sql in [
        "SELECT * FROM obligations ORDER BY case_id, ord",
        "SELECT * FROM queue_rows ORDER BY case_id",
        "SELECT * FROM prior_outcomes ORDER BY case_id, ord",
    ] {
        let want = rows(&whole_db, sql);
        assert!(!want.is_empty(), "{sql}: nothing to compare");
        assert_eq!(rows(&streamed_db, sql), want, "{sql}");
    }
    // With the sessions' calendar (`fresh_with_admin`), which the projection was made with.
    let mut store = culpa::store::Store::open(streamed_db.path()).unwrap();
    store.set_calendar(culpa::domain::calendar::Calendar::default());
    let check = store.check_obligations(day).unwrap();
    assert!(
        matches!(check, culpa::store::ProjectionCheck::Equal),
        "{check:?}"
    );
}
