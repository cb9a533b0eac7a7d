//! Submission check tests: the bundle-v1.md example, then one row per blocker code that makes
//! it appear and one that makes it go away, starting from a case that is ready.

use super::*;
// The blockers' words are i18n's (the domain never asks for them); these tests read them.
use crate::domain::model::{
    Acceptance, Bundle, Deliberation, Interview, Person, Recusal, Relation, RelationKind, Role,
};
use crate::i18n::Lang;
use crate::i18n::check::{BlockerWords, ReportWords};

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("test date")
}

fn example() -> (Case, Directory) {
    let b: Bundle = serde_json::from_str(include_str!("../../tests/fixtures/example.json"))
        .expect("example bundle");
    let mut dir = Directory::new(b.people, b.relations);
    dir.insert_person(Person {
        login: "qianl".into(),
        name: "钱亮".into(),
        unit: "办公室".into(),
        roles: vec![Role::Investigator],
    });
    (b.cases.into_iter().next().expect("one case"), dir)
}

const AS_OF: &str = "2026-10-20";

fn interview(on: &str, kind: InterviewKind, who: &str) -> Interview {
    Interview {
        on: d(on),
        kind,
        interviewee: who.into(),
        interviewers: vec!["wangl".into(), "qianl".into()],
        transcript: "……".into(),
        signed: true,
        waived: false,
    }
}

fn recusal(who: &str, on: &str) -> Recusal {
    Recusal {
        person: who.into(),
        on: d(on),
        reason: "亲属".into(),
    }
}

/// The example with every blocker cleared as of 2026-10-20: a team without zhaom, every
/// respondent heard by two un-recused members (the example's own hearing had zhaom, who is
/// involved, so it does not count), the counterpart heard, deliberation held.
fn ready() -> (Case, Directory) {
    let (mut c, dir) = example();
    c.team.as_mut().expect("team").members = vec!["wangl".into(), "qianl".into()];
    c.interviews = vec![interview(
        "2026-10-14",
        InterviewKind::StatementDefence,
        "sunq",
    )];
    c.interviews.push(interview(
        "2026-10-15",
        InterviewKind::StatementDefence,
        "zhouh",
    ));
    c.interviews.push(interview(
        "2026-10-16",
        InterviewKind::Counterpart,
        "某加工厂负责人",
    ));
    c.interviews.push(interview(
        "2026-10-14",
        InterviewKind::StatementDefence,
        "chenj",
    ));
    c.deliberation = Some(Deliberation {
        on: d("2026-10-18"),
        attendees: vec!["wangl".into(), "qianl".into()],
        minutes: "……".into(),
    });
    (c, dir)
}

fn run_at(c: &Case, dir: &Directory, as_of: &str) -> CheckReport {
    check(
        c,
        dir,
        &Calendar::builtin(),
        d(as_of),
        &mut Uncovered::new(),
    )
}

fn codes(c: &Case, dir: &Directory) -> Vec<BlockerCode> {
    run_at(c, dir, AS_OF).codes()
}

use BlockerCode as B;

#[test]
fn bundle_example_blockers_in_contract_order() {
    let (c, dir) = example();
    assert_eq!(
        codes(&c, &dir),
        [
            B::ConflictNotRecused,
            B::DefenceNotHeard,
            B::InterestedPartiesNotHeard,
            B::NoDeliberation
        ]
    );
}

#[test]
fn example_messages_and_json() {
    let (c, dir) = example();
    let report = run_at(&c, &dir, AS_OF);
    assert_eq!(
        report.blockers[0].message(&dir, Lang::Zh),
        "赵敏与被调查人周华有亲属关系，须回避（第十条第（二）项）；记录回避或更换调查组成员。"
    );
    let en = report.blockers[0].message(&dir, Lang::En);
    assert!(en.contains("赵敏 is a relative of respondent 周华"), "{en}");
    assert!(en.contains("Art. 10(2)"), "{en}");
    // Art. 10(2): sunq's hearing had zhaom (involved) among its interviewers, so it does
    // not count; no respondent is heard yet.
    let zh = report.blockers[1].message(&dir, Lang::Zh);
    assert!(
        zh.contains("周华") && zh.contains("孙强") && zh.contains("陈杰"),
        "{zh}"
    );
    let json = report.to_json(&dir, Lang::En);
    assert_eq!(json["case"], "卧应急责〔2026〕7号");
    assert_eq!(json["ready"], false);
    let got: Vec<&str> = json["blockers"]
        .as_array()
        .expect("array")
        .iter()
        .map(|b| b["code"].as_str().expect("code"))
        .collect();
    assert_eq!(
        got,
        [
            "conflict_not_recused",
            "defence_not_heard",
            "interested_parties_not_heard",
            "no_deliberation"
        ]
    );
    let keys: Vec<&String> = json.as_object().expect("object").keys().collect();
    assert_eq!(keys, ["case", "ready", "blockers"]);
}

#[test]
fn ready_case_has_no_blockers() {
    let (c, dir) = ready();
    let report = run_at(&c, &dir, AS_OF);
    assert!(report.ready(), "{:?}", report.blockers);
    assert_eq!(
        report.to_json(&dir, Lang::Zh),
        serde_json::json!({"case": "卧应急责〔2026〕7号", "ready": true, "blockers": []})
    );
}

type Edit = fn(&mut Case);

/// Each row changes the ready case and names the only blocker expected (or none).
#[test]
fn each_blocker_appears_and_goes_away() {
    let rows: Vec<(&str, Edit, Option<BlockerCode>)> = vec![
        // team_too_small (recused after every hearing and the deliberation, so those still
        // count: a member counts until the day they recuse)
        (
            "second investigator recused",
            |c| c.recusals.push(recusal("qianl", "2026-10-19")),
            Some(B::TeamTooSmall),
        ),
        (
            "recusal after as-of not yet counted",
            |c| c.recusals.push(recusal("qianl", "2026-10-25")),
            None,
        ),
        (
            "third investigator replaces recused one",
            |c| {
                c.recusals.push(recusal("qianl", "2026-10-19"));
                c.team.as_mut().unwrap().members.push("wuy".into());
            },
            None,
        ),
        // conflict_not_recused
        (
            "relative on the team",
            |c| c.team.as_mut().unwrap().members.push("zhaom".into()),
            Some(B::ConflictNotRecused),
        ),
        (
            "relative recused",
            |c| {
                c.team.as_mut().unwrap().members.push("zhaom".into());
                c.recusals.push(recusal("zhaom", "2026-10-12"));
            },
            None,
        ),
        (
            "relative recused after as-of",
            |c| {
                c.team.as_mut().unwrap().members.push("zhaom".into());
                c.recusals.push(recusal("zhaom", "2026-10-21"));
            },
            Some(B::ConflictNotRecused),
        ),
        (
            "approver on the team",
            |c| c.team.as_mut().unwrap().members.push("chenj".into()),
            Some(B::ConflictNotRecused),
        ),
        // defence_not_heard
        (
            "respondent not heard",
            |c| c.interviews.retain(|i| i.interviewee != "zhouh"),
            Some(B::DefenceNotHeard),
        ),
        (
            "defence heard after as-of",
            |c| c.interviews[1].on = d("2026-10-21"),
            Some(B::DefenceNotHeard),
        ),
        (
            "officer interview is not a defence",
            |c| c.interviews[1].kind = InterviewKind::Officer,
            Some(B::DefenceNotHeard),
        ),
        (
            "waived counts as heard",
            |c| c.interviews[1].waived = true,
            None,
        ),
        // interested_parties_not_heard
        (
            "no counterpart heard",
            |c| {
                c.interviews
                    .retain(|i| i.kind != InterviewKind::Counterpart)
            },
            Some(B::InterestedPartiesNotHeard),
        ),
        (
            "witness is not a party",
            |c| c.interviews[2].kind = InterviewKind::Witness,
            Some(B::InterestedPartiesNotHeard),
        ),
        (
            "counterpart heard after as-of",
            |c| c.interviews[2].on = d("2026-10-21"),
            Some(B::InterestedPartiesNotHeard),
        ),
        (
            "blank note is no reason",
            |c| {
                c.interviews
                    .retain(|i| i.kind != InterviewKind::Counterpart);
                c.interested_parties_note = Some("  ".into());
            },
            Some(B::InterestedPartiesNotHeard),
        ),
        (
            "note explains none",
            |c| {
                c.interviews
                    .retain(|i| i.kind != InterviewKind::Counterpart);
                c.interested_parties_note = Some("相对人已注销，无法联系".into());
            },
            None,
        ),
        (
            "interested party heard",
            |c| c.interviews[2].kind = InterviewKind::InterestedParty,
            None,
        ),
        // no_deliberation
        (
            "no deliberation",
            |c| c.deliberation = None,
            Some(B::NoDeliberation),
        ),
        (
            "deliberation after as-of",
            |c| c.deliberation.as_mut().unwrap().on = d("2026-10-21"),
            Some(B::NoDeliberation),
        ),
        (
            "deliberation on as-of day",
            |c| c.deliberation.as_mut().unwrap().on = d(AS_OF),
            None,
        ),
        // liability_incomplete
        (
            "no findings",
            |c| c.findings = None,
            Some(B::LiabilityIncomplete),
        ),
        (
            "respondent named by no rule",
            |c| c.findings.as_mut().unwrap().rules = vec![RuleFinding::R5_2_6 {}],
            Some(B::LiabilityIncomplete),
        ),
        (
            "unnamed respondent cleared",
            |c| {
                let f = c.findings.as_mut().unwrap();
                f.rules = vec![RuleFinding::R5_2_6 {}];
                f.cleared = vec!["sunq".into(), "chenj".into()];
            },
            None,
        ),
        (
            "unnamed respondent named by 7.4",
            |c| {
                c.findings.as_mut().unwrap().rules = vec![
                    RuleFinding::R5_2_6 {},
                    RuleFinding::R7_4 {
                        persons: vec!["sunq".into(), "chenj".into()],
                    },
                ];
            },
            None,
        ),
        // not_accepted
        (
            "not accepted",
            |c| c.acceptance = None,
            Some(B::NotAccepted),
        ),
        (
            "rejected",
            |c| c.acceptance.as_mut().unwrap().decision = AcceptanceDecision::Rejected,
            Some(B::NotAccepted),
        ),
        (
            "accepted after as-of",
            |c| c.acceptance.as_mut().unwrap().on = d("2026-10-21"),
            Some(B::NotAccepted),
        ),
    ];
    for (what, edit, want) in rows {
        let (mut c, dir) = ready();
        edit(&mut c);
        assert_eq!(
            codes(&c, &dir),
            want.into_iter().collect::<Vec<_>>(),
            "{what}"
        );
    }
}

#[test]
fn team_appointed_after_as_of_does_not_count() {
    let (mut c, dir) = ready();
    c.team.as_mut().expect("team").appointed_on = d("2026-10-21");
    let report = run_at(&c, &dir, AS_OF);
    // Art. 10(2): before the team exists no hearing or deliberation is the team's.
    assert_eq!(report.blockers[0], Blocker::TeamTooSmall { active: vec![] });
    assert_eq!(
        report.codes(),
        [
            B::TeamTooSmall,
            B::DefenceNotHeard,
            B::InterestedPartiesNotHeard,
            B::NoDeliberation
        ]
    );
}

/// bundle-v2.md: a hearing counts only with two un-recused team members among its
/// interviewers (Art. 10(2): "应当由两名或两名以上工作人员进行"); so losing the second member
/// before the hearings also unhears them.
#[test]
fn art_10_2_hearings_by_one_member_do_not_count() {
    let (mut c, dir) = ready();
    c.team.as_mut().unwrap().members.truncate(1);
    assert_eq!(
        codes(&c, &dir),
        [
            B::TeamTooSmall,
            B::DefenceNotHeard,
            B::InterestedPartiesNotHeard,
            B::NoDeliberation
        ]
    );
    let (mut c, dir) = ready();
    c.recusals.push(recusal("qianl", "2026-10-15"));
    // sunq and chenj were heard on 10-14, before qianl recused; zhouh on 10-15 was not.
    let report = run_at(&c, &dir, AS_OF);
    assert_eq!(
        report.blockers[1],
        Blocker::DefenceNotHeard {
            respondents: vec!["zhouh".into()]
        }
    );
}

/// bundle-v2.md: a hearing with an involved interviewer does not count; a deliberation with
/// an involved attendee or held before the last hearing is not valid (Art. 10(3)).
#[test]
fn art_10_3_deliberation_must_be_valid() {
    let (mut c, dir) = ready();
    c.team.as_mut().unwrap().members.push("zhaom".into());
    c.recusals.push(recusal("zhaom", "2026-10-12"));
    c.deliberation
        .as_mut()
        .unwrap()
        .attendees
        .push("zhaom".into());
    assert_eq!(
        codes(&c, &dir),
        [B::NoDeliberation],
        "recused relative attended"
    );
    let (mut c, dir) = ready();
    c.deliberation.as_mut().unwrap().on = d("2026-10-15");
    assert_eq!(
        codes(&c, &dir),
        [B::NoDeliberation],
        "before the counterpart's hearing"
    );
    let (mut c, dir) = ready();
    c.deliberation.as_mut().unwrap().attendees.truncate(1);
    assert_eq!(codes(&c, &dir), [B::NoDeliberation], "one attendee");
}

/// Art. 10(2) / bundle-v2.md: a person the rules grade who is not a respondent was never
/// heard — `graded_not_respondent`, first; their missing culpability is `liability_incomplete`.
#[test]
fn art_10_2_graded_person_must_be_a_respondent() {
    let (mut c, dir) = ready();
    c.findings.as_mut().unwrap().rules.push(RuleFinding::R7_3 {
        persons: vec!["liuf".into()],
    });
    let report = run_at(&c, &dir, AS_OF);
    assert_eq!(
        report.blockers,
        [
            Blocker::GradedNotRespondent {
                persons: vec!["liuf".into()]
            },
            Blocker::LiabilityIncomplete {
                no_findings: false,
                unaccounted: vec![],
                no_culpability: vec!["liuf".into()],
            }
        ]
    );
    for lang in [Lang::Zh, Lang::En] {
        assert!(report.blockers[0].message(&dir, lang).contains("刘芳"));
        assert!(report.blockers[1].message(&dir, lang).contains("刘芳"));
    }
    assert_eq!(
        report.to_json(&dir, Lang::En)["blockers"][0]["code"],
        "graded_not_respondent"
    );
}

/// Art. 2 ¶2: a graded respondent without a recorded state of mind blocks submission.
#[test]
fn art_2_culpability_missing_blocks() {
    let (mut c, dir) = ready();
    c.findings.as_mut().unwrap().culpability.remove("chenj");
    assert_eq!(codes(&c, &dir), [B::LiabilityIncomplete]);
    c.findings
        .as_mut()
        .unwrap()
        .culpability
        .insert("chenj".into(), crate::domain::model::Culpability::None);
    assert!(
        run_at(&c, &dir, AS_OF).ready(),
        "no fault is recorded: enough"
    );
}

#[test]
fn overdue_without_reason() {
    // Accepted 2026-10-09: + 30 days = 11-08 (Sun) → due Mon 11-09.
    let (mut c, dir) = ready();
    let report = run_at(&c, &dir, "2026-11-10");
    assert_eq!(
        report.blockers,
        [Blocker::OverdueWithoutReason {
            due: d("2026-11-09")
        }]
    );
    let zh = report.blockers[0].message(&dir, Lang::Zh);
    assert!(zh.contains("2026-11-09") && zh.contains("超期原因"), "{zh}");
    assert!(run_at(&c, &dir, "2026-11-09").ready(), "on the due day");
    c.overdue_reason = Some("   ".into());
    assert!(!run_at(&c, &dir, "2026-11-10").ready(), "blank reason");
    c.overdue_reason = Some("鉴定耗时".into());
    assert!(run_at(&c, &dir, "2026-11-10").ready(), "reason given");
}

#[test]
fn overdue_consults_calendar_and_reports_uncovered_years() {
    let (mut c, dir) = ready();
    c.acceptance.as_mut().expect("acc").on = d("2026-12-15");
    let mut unc = Uncovered::new();
    check(&c, &dir, &Calendar::builtin(), d("2027-01-20"), &mut unc);
    // 2026-12-15 + 30 = 2027-01-14, in a year no built-in calendar covers.
    assert_eq!(unc.into_iter().collect::<Vec<_>>(), [2027]);
}

#[test]
fn conflict_reasons_are_detected() {
    let rows: [(&str, Vec<Involvement>); 4] = [
        ("sunq", vec![Involvement::Respondent, Involvement::Handler]),
        (
            "zhouh",
            vec![Involvement::Respondent, Involvement::Reviewer],
        ),
        (
            "chenj",
            vec![Involvement::Respondent, Involvement::Approver],
        ),
        (
            "zhaom",
            vec![Involvement::Related {
                respondent: "zhouh".into(),
                relation: RelationKind::Relative,
                party: crate::domain::conflict::Party::Respondent,
            }],
        ),
    ];
    for (who, reasons) in rows {
        let (mut c, dir) = ready();
        c.team.as_mut().expect("team").members.push(who.into());
        let report = run_at(&c, &dir, AS_OF);
        assert_eq!(
            report.blockers,
            [Blocker::ConflictNotRecused {
                conflicts: vec![Conflict {
                    investigator: who.into(),
                    reasons
                }]
            }],
            "{who}"
        );
        for lang in [Lang::Zh, Lang::En] {
            let m = report.blockers[0].message(&dir, lang);
            assert!(m.contains(dir.name(who)), "{m}");
        }
    }
}

/// A relative of the act's reviewer, who is not (yet) a respondent, must recuse; the
/// reason calls the reviewer what he is in the case, never "respondent" (issue 9).
#[test]
fn a_relation_through_an_act_role_is_worded_by_that_role() {
    let (mut c, dir) = ready();
    c.respondents.retain(|r| r != "zhouh");
    c.team.as_mut().expect("team").members.push("zhaom".into());
    let report = run_at(&c, &dir, AS_OF);
    let conflict = report
        .blockers
        .iter()
        .find(|b| b.code() == BlockerCode::ConflictNotRecused)
        .expect("赵敏 must recuse");
    let zh = conflict.message(&dir, Lang::Zh);
    let en = conflict.message(&dir, Lang::En);
    assert!(zh.contains("与审核人周华有亲属关系"), "{zh}");
    assert!(!zh.contains("被调查人周华"), "{zh}");
    assert!(
        en.contains("is a relative of the act's reviewer 周华"),
        "{en}"
    );
    assert!(!en.contains("respondent 周华"), "{en}");
    // Once he is a respondent again, that is what he is called.
    c.respondents.push("zhouh".into());
    let report = run_at(&c, &dir, AS_OF);
    let m = report.blockers[0].message(&dir, Lang::En);
    assert!(m.contains("is a relative of respondent 周华"), "{m}");
}

#[test]
fn handler_who_is_no_respondent_is_still_involved() {
    let (mut c, dir) = ready();
    c.act.handler = "wangl".into();
    c.findings.as_mut().expect("findings").cleared = vec!["sunq".into()];
    let blockers = run_at(&c, &dir, AS_OF).blockers;
    // 5.2.4 grades the new handler, who is no respondent (first), and is involved.
    assert_eq!(
        blockers[0],
        Blocker::GradedNotRespondent {
            persons: vec!["wangl".into()]
        }
    );
    assert_eq!(
        blockers[1],
        Blocker::ConflictNotRecused {
            conflicts: vec![Conflict {
                investigator: "wangl".into(),
                reasons: vec![Involvement::Handler]
            }]
        }
    );
}

#[test]
fn relation_counts_in_either_direction() {
    for (a, b) in [("qianl", "sunq"), ("sunq", "qianl")] {
        let (c, mut dir) = ready();
        dir.add_relation(Relation {
            a: a.into(),
            b: b.into(),
            kind: RelationKind::Spouse,
            note: None,
        });
        let report = run_at(&c, &dir, AS_OF);
        // The involved member's hearings and deliberation do not count either.
        assert_eq!(report.codes()[0], B::ConflictNotRecused, "{a}-{b}");
        assert_eq!(
            report.blockers[0].message(&dir, Lang::Zh),
            "钱亮与被调查人孙强有夫妻关系，须回避（第十条第（二）项）；记录回避或更换调查组成员。"
        );
    }
}

#[test]
fn blockers_carry_names_and_every_message_exists_in_both_languages() {
    let (mut c, dir) = example();
    c.team = None;
    c.acceptance = Some(Acceptance {
        decision: AcceptanceDecision::Rejected,
        on: d("2026-10-09"),
        by: "liuf".into(),
        reason: Some("x".into()),
        notified_on: None,
    });
    c.findings.as_mut().expect("findings").rules = vec![RuleFinding::R5_3 {
        post_holder: "zhouh".into(),
    }];
    let report = run_at(&c, &dir, AS_OF);
    assert_eq!(
        report.codes(),
        [
            B::TeamTooSmall,
            B::DefenceNotHeard,
            B::InterestedPartiesNotHeard,
            B::NoDeliberation,
            B::LiabilityIncomplete,
            B::NotAccepted
        ]
    );
    assert_eq!(
        report.blockers[4],
        Blocker::LiabilityIncomplete {
            no_findings: false,
            unaccounted: vec!["sunq".into(), "chenj".into()],
            no_culpability: vec![],
        }
    );
    let all = [
        Blocker::TeamTooSmall {
            active: vec!["wangl".into()],
        },
        Blocker::TeamTooSmall { active: vec![] },
        Blocker::LiabilityIncomplete {
            no_findings: true,
            unaccounted: vec![],
            no_culpability: vec![],
        },
        Blocker::OverdueWithoutReason {
            due: d("2026-11-09"),
        },
    ];
    for b in report.blockers.iter().chain(&all) {
        let (zh, en) = (b.message(&dir, Lang::Zh), b.message(&dir, Lang::En));
        assert!(!zh.is_empty() && !en.is_empty() && zh != en, "{b:?}");
    }
    assert!(all[0].message(&dir, Lang::Zh).contains("王磊"));
    assert!(report.blockers[4].message(&dir, Lang::En).contains("孙强"));
}

#[test]
fn rules_name_people_like_the_liability_table() {
    use crate::domain::model::Superior::{Approver, Reviewer};
    // Act: handler sunq, reviewer zhouh, approver chenj.
    let rows: Vec<(RuleFinding, &[&str])> = vec![
        (RuleFinding::R5_1 {}, &["sunq"]),
        (RuleFinding::R5_2_1 {}, &["sunq"]),
        (RuleFinding::R5_2_2 {}, &["sunq"]),
        (RuleFinding::R5_2_3 {}, &["sunq"]),
        (RuleFinding::R5_2_4 {}, &["sunq", "zhouh", "chenj"]),
        (RuleFinding::R5_2_5 {}, &["zhouh", "chenj"]),
        (RuleFinding::R5_2_6 {}, &["zhouh"]),
        (RuleFinding::R5_2_7 {}, &["chenj"]),
        (RuleFinding::R5_2_8 {}, &["chenj"]),
        (
            RuleFinding::R5_2_9 {
                instructed_by: None,
                agreed_by_approver: false,
            },
            &["sunq"],
        ),
        (
            RuleFinding::R5_2_9 {
                instructed_by: Some(Approver),
                agreed_by_approver: false,
            },
            &["sunq", "chenj"],
        ),
        (
            RuleFinding::R5_2_9 {
                instructed_by: Some(Reviewer),
                agreed_by_approver: true,
            },
            &["sunq", "zhouh", "chenj"],
        ),
        (
            RuleFinding::R5_2_10 {
                ordered_by: Reviewer,
                obviously_illegal: false,
            },
            &["zhouh", "sunq"],
        ),
        (
            RuleFinding::R5_3 {
                post_holder: "wuy".into(),
            },
            &["wuy"],
        ),
        (
            RuleFinding::R5_4 {
                handling_unit: "a".into(),
                review_unit: "b".into(),
                review_unit_changed_act: false,
            },
            &["sunq", "zhouh", "chenj"],
        ),
        (RuleFinding::R7_1 {}, &["sunq"]),
        (
            RuleFinding::R7_2_1 {
                persons: vec!["wuy".into()],
            },
            &["wuy"],
        ),
        (RuleFinding::R7_2_2 {}, &["sunq", "zhouh"]),
        (RuleFinding::R7_2_3 {}, &["zhouh"]),
        (
            RuleFinding::R7_3 {
                persons: vec!["liuf".into(), "wuy".into()],
            },
            &["liuf", "wuy"],
        ),
        (
            RuleFinding::R7_4 {
                persons: vec!["zhouh".into()],
            },
            &["zhouh"],
        ),
    ];
    for (rule, want) in rows {
        let (mut c, _) = example();
        c.findings.as_mut().expect("findings").rules = vec![rule.clone()];
        assert_eq!(named_by_rules(&c), want, "{rule:?}");
    }
    // Duplicates collapse, first mention first; a null act role names nobody.
    let (mut c, _) = example();
    c.act.reviewer = None;
    c.findings.as_mut().expect("findings").rules = vec![
        RuleFinding::R7_2_3 {},
        RuleFinding::R5_2_7 {},
        RuleFinding::R5_2_4 {},
    ];
    assert_eq!(named_by_rules(&c), ["chenj", "sunq"]);
    c.findings = None;
    assert!(named_by_rules(&c).is_empty());
}
