//! Shared set-up of the workflow tests: a demo database on a temp file holding the example
//! bundle's people (plus an admin), and cases written straight through the store at any
//! stage, so that each test starts where its command applies.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use culpa::domain::calendar::Calendar;
use culpa::domain::model::{
    AcceptanceDecision, Bundle, Case, DecidedOutcome, Decision, Grade, Measure, Person, Recusal,
    Role, Stage,
};
use culpa::store::Store;
use culpa::workflow::Session;

pub const N: &str = "卧应急责〔2026〕7号";

pub fn d(m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, day).unwrap()
}

/// The workflow tests record steps dated up to 2026-11-19 in example.json's case; their
/// today is the day after.
pub fn today() -> NaiveDate {
    d(11, 20)
}

pub fn example() -> Bundle {
    serde_json::from_str(include_str!("../fixtures/example.json")).unwrap()
}

pub fn admin() -> Person {
    Person {
        login: "root".into(),
        name: "管理员".into(),
        unit: "信息科".into(),
        roles: vec![Role::Admin],
    }
}

/// A temp dir holding `culpa.db`, created as a demo (`demo`) or not, with the example's
/// people and relations and an admin.
pub struct Db {
    pub dir: tempfile::TempDir,
    pub path: PathBuf,
}

/// The built-in demo for `today`, imported through the workflow by the demo's admin into a
/// new demo database; the admin's session comes with it.
pub fn demo_imported(today: NaiveDate) -> (Db, Session) {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("culpa.db");
    Store::create(&path, true).expect("create");
    let demo = culpa::demo::demo(today);
    let admin = demo
        .bundle
        .people
        .iter()
        .find(|p| p.has(Role::Admin))
        .expect("demo admin")
        .clone();
    let mut s =
        Session::bootstrap(&path, Some(&admin.login), &admin.name, &admin.unit).expect("bootstrap");
    s.import_bundle(&demo.bundle, today).expect("import");
    (Db { dir, path }, s)
}

impl Db {
    pub fn new(demo: bool) -> Db {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("culpa.db");
        let mut store = Store::create(&path, demo).unwrap();
        let b = example();
        store
            .write(|tx| {
                tx.upsert_person(&admin())?;
                tx.add_directory(&b.people, &b.relations)?;
                Ok::<_, culpa::store::StoreError>(())
            })
            .unwrap();
        Db { dir, path }
    }

    /// An empty database (no people).
    pub fn fresh(demo: bool) -> Db {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("culpa.db");
        Store::create(&path, demo).unwrap();
        Db { dir, path }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Write `case` straight into the store (no workflow), returning its version.
    pub fn put(&self, case: &Case) -> i64 {
        let mut store = Store::open(&self.path).unwrap();
        store
            .write(|tx| tx.insert_case(case))
            .map(|r| r.version)
            .unwrap()
    }

    /// A session acting as `login` (the database must be a demo), with a calendar that
    /// needs no data (plain weekends).
    pub fn as_(&self, login: &str) -> Session {
        let mut s = Session::open(&self.path, Some(login)).unwrap();
        s.set_calendar(Calendar::default());
        s
    }
}

/// The example case moved to `stage`, with what that stage needs.
pub fn case_at(stage: Stage) -> Case {
    let mut c = example().cases.remove(0);
    match stage {
        Stage::Received => {
            c.acceptance = None;
            c.team = None;
            c.interviews.clear();
            c.evidence.clear();
            c.findings = None;
        }
        Stage::Accepted | Stage::Rejected => {
            c.team = None;
            c.interviews.clear();
            c.evidence.clear();
            c.findings = None;
            if let Some(a) = &mut c.acceptance
                && stage == Stage::Rejected
            {
                a.decision = AcceptanceDecision::Rejected;
            }
        }
        Stage::Investigating => {}
        _ => {
            c.submitted_on = Some(d(11, 2));
            if stage != Stage::Submitted {
                c.decision = Some(decision());
            }
        }
    }
    c.stage = stage;
    c
}

pub fn decision() -> Decision {
    let mut outcomes = BTreeMap::new();
    outcomes.insert(
        "sunq".to_string(),
        DecidedOutcome {
            grade: Grade::Direct,
            exempted: false,
            sanctions: vec![Measure::M11_2],
        },
    );
    Decision {
        on: d(11, 10),
        committee: vec!["wuy".into(), "chenj".into()],
        recused: vec!["chenj".into()],
        text: "经研究决定".into(),
        outcomes,
    }
}

pub fn recused(mut c: Case, who: &str) -> Case {
    c.recusals.push(Recusal {
        person: who.into(),
        on: d(10, 11),
        reason: "与被调查人系亲属".into(),
    });
    c
}

/// Every row `sql` selects, each as its values (for comparing two databases table by table).
pub fn table_rows(conn: &rusqlite::Connection, sql: &str) -> Vec<Vec<rusqlite::types::Value>> {
    let mut st = conn.prepare(sql).unwrap();
    let n = st.column_count();
    st.query_map([], |r| {
        (0..n)
            .map(|i| r.get::<_, rusqlite::types::Value>(i))
            .collect()
    })
    .unwrap()
    .collect::<Result<_, _>>()
    .unwrap()
}
