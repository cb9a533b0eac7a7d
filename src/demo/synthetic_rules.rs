//! The rules side of a synthetic case: which Art. 5/7 rule applies to an act and whom it names,
//! the findings, and the Art. 11 measures decided and applied.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use crate::domain::model::{
    Act, ActKind, Aggravating, Case, Circumstances, Culpability, Exempting, Findings, Grade, Login,
    Measure, RuleFinding, Sanction, Superior, WrongfulCase,
};

use super::phrases as ph;
use super::rng::SplitMix64;

/// Who a rule names and with which grade; `cleared` respondents are accounted for by
/// `findings.cleared` instead.
pub(super) struct Pattern {
    pub rule: RuleFinding,
    pub graded: Vec<(Login, Grade)>,
    pub cleared: Vec<Login>,
    pub wrongful: bool,
}

/// A rule of Arts. 5 and 7 that fits the act, and whom it names.
pub(super) fn pattern(act: &Act, rng: &mut SplitMix64) -> Pattern {
    let h = act.handler.clone();
    let mut options: Vec<u8> = vec![0, 1, 2];
    if act.reviewer.is_some() || act.approver.is_some() {
        options.push(3);
    }
    if act.reviewer.is_some() {
        options.extend([4, 5]);
        if act.kind == ActKind::Penalty {
            options.push(6);
        }
    }
    if act.reviewer.is_some() && act.approver.is_some() {
        options.extend([7, 8, 9]);
    }
    if act.on_the_spot {
        options.extend([10, 10]);
    }
    let r = act.reviewer.clone().unwrap_or_default();
    let a = act.approver.clone().unwrap_or_default();
    let choice = *rng.pick(&options).unwrap_or(&0);
    let single = |rule: RuleFinding, wrongful: bool| Pattern {
        rule,
        graded: vec![(h.clone(), Grade::Direct)],
        cleared: Vec::new(),
        wrongful,
    };
    let mut p = match choice {
        0 => single(
            RuleFinding::R5_3 {
                post_holder: h.clone(),
            },
            false,
        ),
        1 => single(
            RuleFinding::R5_2_9 {
                instructed_by: None,
                agreed_by_approver: false,
            },
            false,
        ),
        2 => single(
            RuleFinding::R7_4 {
                persons: vec![h.clone()],
            },
            false,
        ),
        3 => single(RuleFinding::R5_2_1 {}, false),
        4 => Pattern {
            rule: RuleFinding::R5_2_10 {
                ordered_by: Superior::Reviewer,
                obviously_illegal: true,
            },
            graded: vec![
                (r.clone(), Grade::Direct),
                (h.clone(), Grade::Corresponding),
            ],
            cleared: Vec::new(),
            wrongful: false,
        },
        5 => Pattern {
            rule: RuleFinding::R5_2_9 {
                instructed_by: Some(Superior::Reviewer),
                agreed_by_approver: false,
            },
            graded: vec![(r.clone(), Grade::Direct)],
            cleared: Vec::new(),
            wrongful: false,
        },
        6 => Pattern {
            rule: RuleFinding::R7_2_2 {},
            graded: vec![(h.clone(), Grade::Direct), (r.clone(), Grade::Direct)],
            cleared: Vec::new(),
            wrongful: true,
        },
        7 => Pattern {
            rule: RuleFinding::R5_2_4 {},
            // Art. 5(2)4 grades the approver too (important leadership).
            graded: vec![
                (h.clone(), Grade::Direct),
                (r.clone(), Grade::Supervisory),
                (a.clone(), Grade::ImportantLeadership),
            ],
            cleared: Vec::new(),
            wrongful: false,
        },
        8 => Pattern {
            rule: RuleFinding::R5_4 {
                handling_unit: "执法大队".to_string(),
                review_unit: "法制股".to_string(),
                review_unit_changed_act: false,
            },
            // Art. 5(4): handler, reviewer and approver share it.
            graded: vec![
                (h.clone(), Grade::Shared),
                (r.clone(), Grade::Shared),
                (a.clone(), Grade::Shared),
            ],
            cleared: Vec::new(),
            wrongful: true,
        },
        9 => Pattern {
            rule: RuleFinding::R5_2_10 {
                ordered_by: Superior::Approver,
                obviously_illegal: true,
            },
            graded: vec![
                (a.clone(), Grade::Direct),
                (h.clone(), Grade::Corresponding),
            ],
            cleared: Vec::new(),
            wrongful: false,
        },
        _ => single(RuleFinding::R7_1 {}, true),
    };
    // Rules that name the handler alone can leave a reviewer respondent to be cleared.
    let names_handler_only = matches!(
        p.rule,
        RuleFinding::R5_3 { .. } | RuleFinding::R7_4 { .. } | RuleFinding::R7_1 {}
    );
    if names_handler_only && !r.is_empty() && rng.chance(30) {
        p.cleared.push(r);
    }
    p
}

pub(super) fn findings(pattern: &Pattern, respondents: &[Login], rng: &mut SplitMix64) -> Findings {
    const WRONGFUL: [WrongfulCase; 7] = WrongfulCase::ALL;
    let mut fault_types = vec![rng.range(1, 22) as u8];
    if rng.chance(30) {
        let second = rng.range(1, 22) as u8;
        if !fault_types.contains(&second) {
            fault_types.push(second);
        }
    }
    let serious_consequences = rng.chance(90);
    let mut circumstances = BTreeMap::new();
    for r in respondents {
        if rng.chance(25) {
            let mut c = Circumstances::default();
            if rng.chance(50) {
                c.aggravating.push(
                    *rng.pick(&[Aggravating::A8_1, Aggravating::A8_2, Aggravating::A8_4])
                        .unwrap_or(&Aggravating::A8_4),
                );
            }
            if rng.chance(50) {
                // Art. 9(4)–(5) need "未造成严重后果": never beside serious consequences.
                let all = [
                    Exempting::E9_1,
                    Exempting::E9_2,
                    Exempting::E9_3,
                    Exempting::E9_4,
                    Exempting::E9_5,
                ];
                let open = if serious_consequences {
                    &all[..3]
                } else {
                    &all[..]
                };
                c.exempting
                    .push(*rng.pick(open).unwrap_or(&Exempting::E9_1));
            }
            circumstances.insert(r.clone(), c);
        }
    }
    // Art. 2 ¶2: every graded person's state of mind; mostly gross negligence, now and then
    // intent or ordinary negligence (which is recorded and not pursued).
    let culpability = pattern
        .graded
        .iter()
        .filter(|(_, g)| *g != Grade::None)
        .map(|(l, _)| {
            let c = match rng.range(0, 9) {
                0 => Culpability::Negligence,
                1 | 2 => Culpability::Intent,
                _ => Culpability::GrossNegligence,
            };
            (l.clone(), c)
        })
        .collect();
    Findings {
        fault_types,
        serious_consequences,
        wrongful_case: if pattern.wrongful || rng.chance(20) {
            rng.pick(&WRONGFUL).copied()
        } else {
            None
        },
        violates_law: false,
        suspected_crime: false,
        rules: vec![pattern.rule.clone()],
        cleared: pattern.cleared.clone(),
        circumstances,
        culpability,
    }
}

/// One or two Art. 11 measures, rarely a share of state compensation.
pub(super) fn measures(rng: &mut SplitMix64) -> Vec<Measure> {
    const COMMON: [Measure; 5] = [
        Measure::M11_1,
        Measure::M11_2,
        Measure::M11_3,
        Measure::M11_4,
        Measure::M11_5,
    ];
    let mut out = vec![*rng.pick(&COMMON).unwrap_or(&Measure::M11_1)];
    if rng.chance(40) {
        let m = *rng.pick(&COMMON).unwrap_or(&Measure::M11_1);
        if !out.contains(&m) {
            out.push(m);
        }
    }
    if rng.chance(5) {
        out.push(Measure::M11_6);
    }
    out.sort();
    out
}

/// Every decided measure, applied within 25 days of the decision.
pub(super) fn applied(
    case: &Case,
    decided: u64,
    at: &impl Fn(u64) -> NaiveDate,
    rng: &mut SplitMix64,
) -> Vec<Sanction> {
    let Some(decision) = &case.decision else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (person, outcome) in &decision.outcomes {
        for m in &outcome.sanctions {
            out.push(Sanction {
                person: person.clone(),
                measure: *m,
                applied_on: at(decided + rng.range(2, 25)),
                note: rng.pick(&ph::SANCTION_NOTES).unwrap_or(&"").to_string(),
                amount: (*m == Measure::M11_6).then(|| rng.range(5, 200) as f64 * 100.0),
            });
        }
    }
    out
}
