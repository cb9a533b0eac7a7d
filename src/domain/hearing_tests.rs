//! Counted hearings and valid deliberations (bundle-v2.md; Art. 10(2)–(3)).

use chrono::NaiveDate;

use super::*;
use crate::domain::model::{Bundle, Recusal};

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// The example with a third, uninvolved investigator `lim` appointed.
fn example() -> (Case, Vec<Relation>) {
    let b: Bundle =
        serde_json::from_str(include_str!("../../tests/fixtures/example.json")).unwrap();
    let mut case = b.cases[0].clone();
    case.team.as_mut().unwrap().members.push("lim".into());
    (case, b.relations)
}

fn hearing(on: &str, interviewers: &[&str]) -> Interview {
    Interview {
        on: d(on),
        kind: InterviewKind::StatementDefence,
        interviewee: "sunq".into(),
        interviewers: interviewers.iter().map(|s| s.to_string()).collect(),
        transcript: "……".into(),
        signed: true,
        waived: false,
    }
}

#[test]
fn art_10_2_two_uninvolved_members_make_a_counted_hearing() {
    let (case, rel) = example();
    assert!(counts(
        &case,
        &rel,
        &hearing("2026-10-14", &["wangl", "lim"])
    ));
}

#[test]
fn art_10_2_one_interviewer_is_not_a_hearing() {
    let (case, rel) = example();
    assert_eq!(
        hearing_defects(&case, &rel, &hearing("2026-10-14", &["wangl"])),
        vec![Defect::TooFewMembers {
            counted: vec!["wangl".into()]
        }]
    );
}

#[test]
fn art_10_2_an_involved_interviewer_spoils_the_hearing() {
    // zhaom is zhouh's relative (the example's relation).
    let (case, rel) = example();
    let defects = hearing_defects(
        &case,
        &rel,
        &hearing("2026-10-14", &["wangl", "zhaom", "lim"]),
    );
    assert!(matches!(defects.as_slice(), [Defect::Involved { login, .. }] if login == "zhaom"));
}

#[test]
fn art_10_2_on_a_day_appointed_counts_recused_does_not() {
    let (mut case, rel) = example();
    // Appointed 2026-10-10: a hearing that day counts, the day before nobody is a member.
    assert!(counts(
        &case,
        &rel,
        &hearing("2026-10-10", &["wangl", "lim"])
    ));
    assert!(!counts(
        &case,
        &rel,
        &hearing("2026-10-09", &["wangl", "lim"])
    ));
    // lim recuses on 2026-10-14: no longer counts that day, still counted the day before.
    case.recusals.push(Recusal {
        person: "lim".into(),
        on: d("2026-10-14"),
        reason: "另有任务".into(),
    });
    assert!(counts(
        &case,
        &rel,
        &hearing("2026-10-13", &["wangl", "lim"])
    ));
    assert!(!counts(
        &case,
        &rel,
        &hearing("2026-10-14", &["wangl", "lim"])
    ));
}

#[test]
fn art_10_3_deliberation_needs_two_members_no_involved_attendee_and_follows_the_hearings() {
    let (mut case, rel) = example();
    case.interviews = vec![hearing("2026-10-14", &["wangl", "lim"])];
    let delib = |on: &str, who: &[&str]| Deliberation {
        on: d(on),
        attendees: who.iter().map(|s| s.to_string()).collect(),
        minutes: "……".into(),
    };
    let as_of = d("2026-11-01");
    assert!(
        deliberation_defects(&case, &rel, &delib("2026-10-14", &["wangl", "lim"]), as_of)
            .is_empty()
    );
    assert_eq!(
        deliberation_defects(&case, &rel, &delib("2026-10-13", &["wangl", "lim"]), as_of),
        vec![Defect::BeforeHearing {
            hearing_on: d("2026-10-14")
        }]
    );
    assert!(matches!(
        deliberation_defects(&case, &rel, &delib("2026-10-20", &["wangl"]), as_of).as_slice(),
        [Defect::TooFewMembers { .. }]
    ));
    // A recused relative attending spoils it even with two members present.
    case.recusals.push(Recusal {
        person: "zhaom".into(),
        on: d("2026-10-11"),
        reason: "亲属".into(),
    });
    let with_relative = delib("2026-10-20", &["wangl", "lim", "zhaom"]);
    assert!(matches!(
        deliberation_defects(&case, &rel, &with_relative, as_of).as_slice(),
        [Defect::Involved { login, .. }] if login == "zhaom"
    ));
    // A hearing that does not count does not hold the deliberation back.
    case.interviews.push(hearing("2026-10-25", &["wangl"]));
    assert!(
        deliberation_defects(&case, &rel, &delib("2026-10-20", &["wangl", "lim"]), as_of)
            .is_empty()
    );
}

#[test]
fn involved_covers_people_a_rule_names_and_their_relations() {
    use crate::domain::conflict::{Involvement, involvement};
    use crate::domain::model::{RelationKind, RuleCode, RuleFinding};
    let (mut case, mut rel) = example();
    case.findings
        .as_mut()
        .unwrap()
        .rules
        .push(RuleFinding::R7_3 {
            persons: vec!["wuy".into()],
        });
    rel.push(Relation {
        a: "lim".into(),
        b: "wuy".into(),
        kind: RelationKind::Spouse,
        note: None,
    });
    // 7.3's interferer is involved (a committee member must recuse) …
    assert_eq!(
        involvement("wuy", &case, &rel),
        vec![Involvement::NamedByRule {
            rule: RuleCode::R7_3
        }]
    );
    // … and so is the interferer's spouse on the team.
    assert_eq!(
        involvement("lim", &case, &rel),
        vec![Involvement::Related {
            respondent: "wuy".into(),
            relation: RelationKind::Spouse,
            party: crate::domain::conflict::Party::NamedByRule {
                rule: RuleCode::R7_3
            },
        }]
    );
}
