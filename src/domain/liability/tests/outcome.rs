//! Art. 4 scope, Art. 11(7) referral, fault established, Arts. 8 and 9, outcomes, Art. 11
//! measures, and the bundle-v1.md example answer.

use std::collections::BTreeMap;

use super::*;
use crate::domain::liability::{Art8, Outcome, Scope};
use crate::domain::model::{Aggravating, Circumstances, Exempting, Measure, WrongfulCase};
use crate::i18n::Lang;
use crate::i18n::rules::VerdictWords;

fn outcomes(v: &Verdict) -> Vec<Outcome> {
    v.persons.iter().map(|p| p.outcome).collect()
}

fn circumstances(
    login: &str,
    aggravating: &[Aggravating],
    exempting: &[Exempting],
) -> BTreeMap<String, Circumstances> {
    BTreeMap::from([(
        login.to_string(),
        Circumstances {
            aggravating: aggravating.to_vec(),
            exempting: exempting.to_vec(),
        },
    )])
}

const ALL_PURSUIT: [Measure; 5] = [
    Measure::M11_1,
    Measure::M11_2,
    Measure::M11_3,
    Measure::M11_4,
    Measure::M11_5,
];

#[test]
fn the_bundle_example_answers_exactly_as_the_contract_shows() {
    let b = example();
    let v = liability(&b.cases[0], &example_dir(), Priors::NONE, today()).expect("example applies");
    assert_eq!(
        grades(&v),
        owned(&[
            ("sunq", Grade::Direct),
            ("zhouh", Grade::Supervisory),
            ("chenj", Grade::ImportantLeadership)
        ])
    );
    let expected = r#"{
  "case": "卧应急责〔2026〕7号",
  "scope": "in_scope",
  "judicial_referral": false,
  "fault_established": true,
  "persons": [
    {"login": "sunq", "name": "孙强", "grade": "direct", "basis": ["5.2.4"],
     "culpability": "gross_negligence", "aggravating": [], "exempting": [], "outcome": "pursue"},
    {"login": "zhouh", "name": "周华", "grade": "supervisory", "basis": ["5.2.4"],
     "culpability": "gross_negligence", "aggravating": [], "exempting": [], "outcome": "pursue"},
    {"login": "chenj", "name": "陈杰", "grade": "important_leadership", "basis": ["5.2.4"],
     "culpability": "negligence", "aggravating": [], "exempting": [], "outcome": "none",
     "note": "……"}
  ]
}"#;
    let expected: serde_json::Value = serde_json::from_str(expected).expect("contract JSON");
    // Compare the text, not the values: Map equality ignores key order, the contract does not.
    // The contract elides the note's words ("……"); ours cite Art. 2 ¶2.
    for lang in [Lang::Zh, Lang::En] {
        let mut got = v.to_json(lang);
        let note = got["persons"][2]["note"]
            .as_str()
            .expect("a note")
            .to_string();
        assert!(
            note.contains(if lang == Lang::Zh {
                "第二条第二款"
            } else {
                "Art. 2 ¶2"
            }),
            "{note}"
        );
        got["persons"][2]["note"] = "……".into();
        assert_eq!(
            serde_json::to_string(&got).expect("serialises"),
            serde_json::to_string(&expected).expect("serialises")
        );
    }
    assert_eq!(v.available_measures(), ALL_PURSUIT.to_vec());
}

#[test]
fn the_instructed_handlers_note_is_in_the_chosen_language() {
    let case = case_with(vec![RuleFinding::R5_2_9 {
        instructed_by: Some(crate::domain::model::Superior::Approver),
        agreed_by_approver: false,
    }]);
    let v = verdict(&case);
    let zh = v.to_json(Lang::Zh);
    let handler = &zh["persons"][0];
    let keys: Vec<&str> = handler
        .as_object()
        .expect("object")
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        keys,
        [
            "login",
            "name",
            "grade",
            "basis",
            "culpability",
            "aggravating",
            "exempting",
            "outcome",
            "note"
        ]
    );
    assert_eq!(handler["grade"], "none");
    assert_eq!(handler["outcome"], "none");
    assert!(
        handler["note"]
            .as_str()
            .is_some_and(|n| n.starts_with("第五条第（二）项第9目"))
    );
    let en = v.to_json(Lang::En);
    assert!(
        en["persons"][0]["note"]
            .as_str()
            .is_some_and(|n| n.starts_with("Art. 5(2)9"))
    );
    assert!(en["persons"][1].get("note").is_none());
}

#[test]
fn violating_the_law_keeps_the_grades_and_pursues_no_one() {
    let mut case = case_with(vec![RuleFinding::R5_2_4 {}]);
    findings_mut(&mut case).violates_law = true;
    findings_mut(&mut case).circumstances = circumstances("h", &[Aggravating::A8_1], &[]);
    let v = verdict(&case);
    assert_eq!(v.scope, Scope::LegalLiability);
    assert!(v.fault_established);
    assert_eq!(
        grades(&v),
        owned(&[
            ("h", Grade::Direct),
            ("r", Grade::Supervisory),
            ("a", Grade::ImportantLeadership)
        ])
    );
    assert_eq!(outcomes(&v), vec![Outcome::None; 3]);
    assert_eq!(v.persons[0].aggravating, vec![Art8::A8_1]);
    assert_eq!(v.to_json(Lang::En)["scope"], "legal_liability");
    assert_eq!(v.available_measures(), vec![]);
}

#[test]
fn a_suspected_crime_is_referred_even_out_of_scope() {
    // (violates_law, serious consequences, expected measures)
    let rows = [
        (
            false,
            true,
            [ALL_PURSUIT.as_slice(), &[Measure::M11_7]].concat(),
        ),
        (true, true, vec![Measure::M11_7]),
        (false, false, vec![Measure::M11_7]),
    ];
    for (violates_law, serious, expected) in rows {
        let mut case = case_with(vec![RuleFinding::R5_1 {}]);
        findings_mut(&mut case).suspected_crime = true;
        findings_mut(&mut case).violates_law = violates_law;
        findings_mut(&mut case).serious_consequences = serious;
        let v = verdict(&case);
        assert!(v.judicial_referral);
        assert_eq!(v.to_json(Lang::En)["judicial_referral"], true);
        assert_eq!(v.available_measures(), expected, "{violates_law} {serious}");
    }
    assert!(!verdict(&case_with(vec![RuleFinding::R5_1 {}])).judicial_referral);
}

#[test]
fn a_fault_needs_a_type_and_serious_consequences_or_a_wrongful_case() {
    // (fault types, serious consequences, wrongful case, fault established)
    let rows: [(Vec<u8>, bool, Option<WrongfulCase>, bool); 6] = [
        (vec![2], true, None, true),
        (vec![2], false, None, false),
        (vec![], true, None, false),
        (vec![], false, Some(WrongfulCase::Revoked), true),
        (vec![11], false, Some(WrongfulCase::Changed), true),
        (vec![], false, None, false),
    ];
    for (types, serious, wrongful, established) in rows {
        let mut case = case_with(vec![RuleFinding::R5_1 {}]);
        let f = findings_mut(&mut case);
        f.fault_types = types.clone();
        f.serious_consequences = serious;
        f.wrongful_case = wrongful;
        let v = verdict(&case);
        assert_eq!(
            v.fault_established, established,
            "{types:?} {serious} {wrongful:?}"
        );
        let outcome = if established {
            Outcome::Pursue
        } else {
            Outcome::None
        };
        assert_eq!(outcomes(&v), vec![outcome]);
        assert_eq!(v.persons[0].grade, Grade::Direct, "grades are kept");
        assert_eq!(v.available_measures().is_empty(), !established);
    }
}

#[test]
fn a_case_without_findings_lists_its_respondents_ungraded() {
    let mut case = case_with(vec![]);
    case.findings = None;
    case.respondents = vec!["sunq".into(), "zhouh".into()];
    let v = liability(&case, &example_dir(), Priors::NONE, today()).expect("no findings, no error");
    assert!(!v.fault_established);
    assert!(!v.judicial_referral);
    assert_eq!(v.scope, Scope::InScope);
    assert_eq!(
        grades(&v),
        owned(&[("sunq", Grade::None), ("zhouh", Grade::None)])
    );
    assert_eq!(v.persons[1].name, "周华");
    assert_eq!(outcomes(&v), vec![Outcome::None; 2]);
    assert_eq!(v.available_measures(), vec![]);
}

/// (entered aggravating, entered exempting, expected aggravating, outcome)
type CircumstanceRow = (Vec<Aggravating>, Vec<Exempting>, Vec<Art8>, Outcome);

#[test]
fn circumstances_set_the_outcome() {
    use Aggravating as A;
    use Exempting as E;
    // (entered aggravating, entered exempting, expected aggravating, outcome)
    let rows: Vec<CircumstanceRow> = vec![
        (vec![], vec![], vec![], Outcome::Pursue),
        (
            vec![A::A8_1],
            vec![],
            vec![Art8::A8_1],
            Outcome::PursueHeavier,
        ),
        (
            vec![A::A8_2],
            vec![],
            vec![Art8::A8_2],
            Outcome::PursueHeavier,
        ),
        (
            vec![A::A8_4],
            vec![],
            vec![Art8::A8_4],
            Outcome::PursueHeavier,
        ),
        (
            vec![A::A8_4, A::A8_1],
            vec![],
            vec![Art8::A8_1, Art8::A8_4],
            Outcome::PursueHeavier,
        ),
        (vec![], vec![E::E9_1], vec![], Outcome::MayExempt),
        (vec![], vec![E::E9_2], vec![], Outcome::MayExempt),
        (vec![], vec![E::E9_3], vec![], Outcome::MayExempt),
        (vec![], vec![E::E9_4], vec![], Outcome::MayExempt),
        (vec![], vec![E::E9_5], vec![], Outcome::MayExempt),
        (
            vec![A::A8_2],
            vec![E::E9_5],
            vec![Art8::A8_2],
            Outcome::MayExempt,
        ),
    ];
    for (aggravating, exempting, expected, outcome) in rows {
        let mut case = case_with(vec![RuleFinding::R5_1 {}]);
        findings_mut(&mut case).circumstances = circumstances("h", &aggravating, &exempting);
        let v = verdict(&case);
        let p = &v.persons[0];
        assert_eq!(p.aggravating, expected, "{aggravating:?} {exempting:?}");
        assert_eq!(p.exempting, exempting);
        assert_eq!(p.outcome, outcome, "{aggravating:?} {exempting:?}");
        assert_eq!(
            v.to_json(Lang::En)["persons"][0]["outcome"],
            serde_json::json!(outcome)
        );
    }
}

#[test]
fn circumstances_of_someone_outside_the_verdict_are_ignored() {
    let mut case = case_with(vec![RuleFinding::R5_1 {}]);
    case.respondents = vec!["z".into()];
    let mut c = circumstances("stranger", &[Aggravating::A8_1], &[]);
    c.extend(circumstances("z", &[], &[Exempting::E9_4]));
    findings_mut(&mut case).circumstances = c;
    let v = verdict(&case);
    assert_eq!(
        grades(&v),
        owned(&[("h", Grade::Direct), ("z", Grade::None)])
    );
    // An ungraded respondent's entered circumstances are shown, but change nothing.
    assert_eq!(v.persons[1].exempting, vec![Exempting::E9_4]);
    assert_eq!(outcomes(&v), vec![Outcome::Pursue, Outcome::None]);
}

#[test]
fn measures_follow_who_is_pursued_and_compensation() {
    // (wrongful case, expected measures)
    let rows = [
        (
            Some(WrongfulCase::Compensation),
            [ALL_PURSUIT.as_slice(), &[Measure::M11_6]].concat(),
        ),
        (Some(WrongfulCase::Revoked), ALL_PURSUIT.to_vec()),
        (None, ALL_PURSUIT.to_vec()),
    ];
    for (wrongful, expected) in rows {
        let mut case = case_with(vec![RuleFinding::R5_1 {}]);
        findings_mut(&mut case).wrongful_case = wrongful;
        findings_mut(&mut case).circumstances = circumstances("h", &[], &[Exempting::E9_1]);
        let v = verdict(&case);
        assert_eq!(v.persons[0].outcome, Outcome::MayExempt);
        assert_eq!(v.available_measures(), expected, "{wrongful:?}");
    }
    // A fault, compensation, but no one graded: nothing to apply.
    let mut case = case_with(vec![]);
    case.respondents = vec!["z".into()];
    findings_mut(&mut case).wrongful_case = Some(WrongfulCase::Compensation);
    assert_eq!(verdict(&case).available_measures(), vec![]);
}
