//! Intake, acceptance, notification; people and relations.

use super::*;

#[test]
fn acceptance_steps() {
    use Stage::*;
    check_rows(vec![
        (
            "legal accepts",
            "liuf",
            case_at(Received),
            Command::Accept {
                case: c(),
                on: d(10, 9),
                reason: None,
            },
            Exp::Ok(Accepted),
        ),
        (
            "investigator cannot accept",
            "wangl",
            case_at(Received),
            Command::Accept {
                case: c(),
                on: d(10, 9),
                reason: None,
            },
            Exp::Perm,
        ),
        (
            "chief cannot accept",
            "chenj",
            case_at(Received),
            Command::Accept {
                case: c(),
                on: d(10, 9),
                reason: None,
            },
            Exp::Perm,
        ),
        (
            "accepting a rejected case",
            "liuf",
            case_at(Rejected),
            Command::Accept {
                case: c(),
                on: d(10, 9),
                reason: None,
            },
            Exp::Stage,
        ),
        (
            "accepting tomorrow",
            "liuf",
            case_at(Received),
            Command::Accept {
                case: c(),
                on: d(11, 21),
                reason: None,
            },
            Exp::Refused(|r| matches!(r, Refusal::FutureDate(_))),
        ),
        (
            "reject needs a reason",
            "liuf",
            case_at(Received),
            Command::Reject {
                case: c(),
                on: d(10, 9),
                reason: "  ".into(),
            },
            Exp::Refused(|r| *r == Refusal::ReasonRequired),
        ),
        (
            "legal rejects",
            "liuf",
            case_at(Received),
            Command::Reject {
                case: c(),
                on: d(10, 9),
                reason: "无事实依据".into(),
            },
            Exp::Ok(Rejected),
        ),
        (
            "reject twice",
            "liuf",
            case_at(Rejected),
            Command::Reject {
                case: c(),
                on: d(10, 9),
                reason: "x".into(),
            },
            Exp::Stage,
        ),
        (
            "notify",
            "liuf",
            case_at(Accepted),
            Command::Notify {
                case: c(),
                on: d(10, 10),
            },
            Exp::Ok(Accepted),
        ),
        (
            "notify before acceptance",
            "liuf",
            case_at(Received),
            Command::Notify {
                case: c(),
                on: d(10, 10),
            },
            Exp::Stage,
        ),
        (
            "notify twice",
            "liuf",
            case_at(Investigating),
            Command::Notify {
                case: c(),
                on: d(10, 11),
            },
            Exp::Refused(|r| matches!(r, Refusal::AlreadyNotified(_))),
        ),
        (
            "notify anonymous",
            "liuf",
            {
                let mut k = case_at(Accepted);
                k.complainant = None;
                k
            },
            Command::Notify {
                case: c(),
                on: d(10, 10),
            },
            Exp::Refused(|r| *r == Refusal::NoComplainant),
        ),
        (
            "officer notifies",
            "sunq",
            case_at(Accepted),
            Command::Notify {
                case: c(),
                on: d(10, 10),
            },
            Exp::Perm,
        ),
    ]);
}

#[test]
fn people_and_relations() {
    let dir = directory();
    let get = |l: &str| dir.person(l).cloned().expect("person");
    let root = get("root");
    let newcomer = Person {
        login: "xul".into(),
        name: "徐丽".into(),
        unit: "法制股".into(),
        roles: vec![Role::Investigator],
    };
    assert!(upsert_person(&root, &dir, &newcomer).is_ok());
    assert!(matches!(
        upsert_person(&get("liuf"), &dir, &newcomer),
        Err(WorkflowError::NotPermitted {
            needs: Some(Role::Admin),
            ..
        })
    ));
    let spaced = Person {
        login: "xu l".into(),
        ..newcomer.clone()
    };
    assert!(matches!(
        upsert_person(&root, &dir, &spaced),
        Err(WorkflowError::Refused {
            refusal: Refusal::IncompletePerson(_),
            ..
        })
    ));
    let demoted = Person {
        roles: vec![Role::Legal],
        ..root.clone()
    };
    assert!(matches!(
        upsert_person(&root, &dir, &demoted),
        Err(WorkflowError::NotPermitted {
            why: Why::LastAdmin,
            ..
        })
    ));

    let rel = |a: &str, b: &str| Relation {
        a: a.into(),
        b: b.into(),
        kind: RelationKind::Relative,
        note: None,
    };
    let rows: Vec<(&str, Relation, bool)> = vec![
        ("wangl", rel("wangl", "sunq"), true),
        ("liuf", rel("wuy", "sunq"), true),
        ("sunq", rel("wangl", "sunq"), false),
        ("wuy", rel("wangl", "sunq"), false),
    ];
    for (actor, r, ok) in rows {
        assert_eq!(add_relation(&get(actor), &dir, &r).is_ok(), ok, "{actor}");
    }
    let refused = |r: Relation| match add_relation(&root, &dir, &r) {
        Err(WorkflowError::Refused { refusal, .. }) => refusal,
        other => panic!("{other:?}"),
    };
    assert_eq!(refused(rel("wangl", "wangl")), Refusal::SelfRelation);
    assert_eq!(
        refused(rel("zhouh", "zhaom")),
        Refusal::DuplicateRelation {
            a: "zhouh".into(),
            b: "zhaom".into()
        }
    );
    assert_eq!(
        refused(rel("wangl", "ghost")),
        Refusal::UnknownPerson("ghost".into())
    );
}

#[test]
fn intake_is_legal_only() {
    let dir = directory();
    let cal = Calendar::default();
    let b = example();
    let k = &b.cases[0];
    for (actor, ok) in [("liuf", true), ("wangl", false), ("root", false)] {
        let a = dir.person(actor).cloned().expect("actor");
        let ctx = Ctx {
            actor: &a,
            dir: &dir,
            cal: &cal,
            today: d(11, 20),
            uncovered: Default::default(),
            attachment: None,
        };
        let r = intake(
            &ctx,
            N.into(),
            &k.title,
            k.source,
            k.received_on,
            k.complainant.clone(),
            &k.summary,
            &k.act,
            &k.respondents,
        );
        assert_eq!(r.is_ok(), ok, "{actor}");
        if let Ok(case) = r {
            assert_eq!(case.stage, Stage::Received);
            assert!(case.acceptance.is_none());
        }
    }
}
