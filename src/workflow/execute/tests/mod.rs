//! Unit tests of the pure command execution: who may do what, at which stage, under which
//! rule. (The submission check and validation are exercised through the session tests.)

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::*;
use crate::domain::model::{
    Appeal, AppealKind, Bundle, DecidedOutcome, Decision, Grade, Measure, Relation, RelationKind,
    Role, Sanction, Stage,
};
use crate::workflow::{Refusal, Why};

fn d(m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, day).expect("date")
}

const TODAY: (u32, u32) = (11, 20);

fn example() -> Bundle {
    serde_json::from_str(include_str!("../../../../tests/fixtures/example.json")).expect("example")
}

fn directory() -> Directory {
    let b = example();
    let mut dir = Directory::new(b.people, b.relations);
    dir.insert_person(Person {
        login: "qianl".into(),
        name: "钱亮".into(),
        unit: "办公室".into(),
        roles: vec![Role::Investigator],
    });
    dir.insert_person(Person {
        login: "root".into(),
        name: "管理员".into(),
        unit: "信息科".into(),
        roles: vec![Role::Admin],
    });
    dir
}

/// The example case moved to `stage`, with the data that stage needs.
fn case_at(stage: Stage) -> Case {
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
            if let Some(a) = &mut c.acceptance {
                a.notified_on = None;
                if stage == Stage::Rejected {
                    a.decision = crate::domain::model::AcceptanceDecision::Rejected;
                }
            }
        }
        Stage::Investigating => {}
        _ => {
            c.submitted_on = Some(d(11, 2));
            if stage != Stage::Submitted {
                c.decision = Some(decision(&["wuy", "chenj"], &["chenj"]));
            }
        }
    }
    c.stage = stage;
    c
}

fn decision(committee: &[&str], recused: &[&str]) -> Decision {
    let mut outcomes = BTreeMap::new();
    outcomes.insert(
        "sunq".to_string(),
        DecidedOutcome {
            grade: Grade::Direct,
            exempted: false,
            sanctions: vec![Measure::M11_2],
        },
    );
    outcomes.insert(
        "zhouh".to_string(),
        DecidedOutcome {
            grade: Grade::Supervisory,
            exempted: true,
            sanctions: vec![],
        },
    );
    Decision {
        on: d(11, 10),
        committee: committee.iter().map(|s| s.to_string()).collect(),
        recused: recused.iter().map(|s| s.to_string()).collect(),
        text: "经研究决定……".into(),
        outcomes,
    }
}

fn sanction(person: &str, measure: Measure) -> Sanction {
    Sanction {
        person: person.into(),
        measure,
        applied_on: d(11, 15),
        note: "已通报".into(),
        amount: None,
    }
}

fn appeal(person: &str) -> Appeal {
    Appeal::filed(person, AppealKind::Review, d(11, 16))
}

/// What a row expects.
#[derive(Debug)]
enum Exp {
    /// Succeeds and leaves the case at this stage.
    Ok(Stage),
    Perm,
    Stage,
    Refused(fn(&Refusal) -> bool),
}

fn run(actor: &str, mut case: Case, cmd: Command) -> (Result<(), WorkflowError>, Case) {
    let dir = directory();
    let actor = dir.person(actor).cloned().expect("actor on file");
    let cal = Calendar::default();
    let mut ctx = Ctx {
        actor: &actor,
        dir: &dir,
        cal: &cal,
        today: d(TODAY.0, TODAY.1),
        uncovered: Default::default(),
        attachment: None,
    };
    let r = apply(&mut ctx, &mut case, &cmd);
    (r, case)
}

fn check_rows(rows: Vec<(&str, &str, Case, Command, Exp)>) {
    for (label, actor, case, cmd, exp) in rows {
        let (r, after) = run(actor, case, cmd);
        let ok = match (&r, &exp) {
            (Ok(()), Exp::Ok(stage)) => after.stage == *stage,
            (Err(WorkflowError::NotPermitted { .. }), Exp::Perm) => true,
            (Err(WorkflowError::WrongStage { .. }), Exp::Stage) => true,
            (Err(WorkflowError::Refused { refusal, .. }), Exp::Refused(f)) => f(refusal),
            _ => false,
        };
        assert!(
            ok,
            "{label}: expected {exp:?}, got {r:?} at {:?}",
            after.stage
        );
    }
}

const N: &str = "卧应急责〔2026〕7号";

fn c() -> String {
    N.to_string()
}

mod acceptance;
mod decision;
mod investigation;
