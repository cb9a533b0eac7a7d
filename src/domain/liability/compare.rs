//! The committee's decision beside the rules' suggestion (issue 8): after Art. 10(3)'s
//! decision the liability panel shows, per person, what the rules of Arts. 5–9 suggest and
//! what the committee decided, with the differences marked. The committee may depart from
//! the suggestion (it decides; the rules advise), so a difference is shown, never refused.

use super::{Outcome, Verdict};
use crate::domain::model::{DecidedOutcome, Decision, Grade, Login};

/// One person's suggestion and decision side by side.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comparison {
    pub login: Login,
    /// The rules' grade and outcome; None when the rules name nobody by this login.
    pub suggested: Option<(Grade, Outcome)>,
    /// The committee's outcome; None when the decision does not name the person.
    pub decided: Option<DecidedOutcome>,
    /// The grades differ (both sides name the person, or only the decision does).
    pub grade_differs: bool,
    /// Art. 9: the committee exempted (or did not name) someone the rules say must be
    /// pursued, or pursued (with measures) someone the rules would not pursue.
    pub pursuit_differs: bool,
}

impl Comparison {
    pub fn differs(&self) -> bool {
        self.grade_differs || self.pursuit_differs
    }
}

/// Every person either side names: the verdict's order first (as the panel lists them),
/// then anyone only the decision names. People neither side holds liable are left out.
pub fn compare(verdict: Option<&Verdict>, decision: &Decision) -> Vec<Comparison> {
    let mut out = Vec::new();
    let persons = verdict.map(|v| v.persons.as_slice()).unwrap_or_default();
    for p in persons {
        let decided = decision.outcomes.get(&p.login).cloned();
        if p.grade == Grade::None && p.outcome == Outcome::None && decided.is_none() {
            continue;
        }
        out.push(one(p.login.clone(), Some((p.grade, p.outcome)), decided));
    }
    for (login, d) in &decision.outcomes {
        if !persons.iter().any(|p| &p.login == login) {
            out.push(one(login.clone(), None, Some(d.clone())));
        }
    }
    out
}

fn one(
    login: Login,
    suggested: Option<(Grade, Outcome)>,
    decided: Option<DecidedOutcome>,
) -> Comparison {
    let s_grade = suggested.map_or(Grade::None, |s| s.0);
    let s_outcome = suggested.map_or(Outcome::None, |s| s.1);
    let must_pursue = matches!(s_outcome, Outcome::Pursue | Outcome::PursueHeavier);
    let (grade_differs, pursuit_differs) = match &decided {
        // Not named by the decision: nothing is pursued, which differs only from a
        // suggestion to pursue (a grade the rules give without pursuit is no departure).
        None => (false, must_pursue),
        Some(d) => {
            let pursued = !d.exempted && !d.sanctions.is_empty();
            (
                s_grade != d.grade,
                (d.exempted && must_pursue) || (pursued && s_outcome == Outcome::None),
            )
        }
    };
    Comparison {
        login,
        suggested,
        decided,
        grade_differs,
        pursuit_differs,
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use chrono::NaiveDate;

    use super::*;
    use crate::domain::liability::{PersonVerdict, Scope};
    use crate::domain::model::Measure;

    fn person(login: &str, grade: Grade, outcome: Outcome) -> PersonVerdict {
        PersonVerdict {
            login: login.into(),
            name: login.into(),
            grade,
            basis: Vec::new(),
            aggravating: Vec::new(),
            exempting: Vec::new(),
            culpability: None,
            outcome,
            note: None,
            repeats: Default::default(),
            grounds: Vec::new(),
        }
    }

    fn decided(grade: Grade, exempted: bool, sanctions: Vec<Measure>) -> DecidedOutcome {
        DecidedOutcome {
            grade,
            exempted,
            sanctions,
        }
    }

    #[test]
    fn differences_are_marked_per_person() {
        let verdict = Verdict {
            case: "c".into(),
            scope: Scope::InScope,
            judicial_referral: false,
            fault_established: true,
            persons: vec![
                person("same", Grade::Direct, Outcome::Pursue),
                person("lighter", Grade::Supervisory, Outcome::Pursue),
                person("exempted", Grade::Direct, Outcome::Pursue),
                person("may", Grade::Leadership, Outcome::MayExempt),
                person("cleared", Grade::None, Outcome::None),
                person("unnamed", Grade::ImportantLeadership, Outcome::Pursue),
            ],
            wrongful_case: None,
        };
        let mut outcomes = BTreeMap::new();
        outcomes.insert(
            "same".into(),
            decided(Grade::Direct, false, vec![Measure::M11_2]),
        );
        outcomes.insert("lighter".into(), decided(Grade::Leadership, false, vec![]));
        outcomes.insert("exempted".into(), decided(Grade::Direct, true, vec![]));
        outcomes.insert("may".into(), decided(Grade::Leadership, true, vec![]));
        outcomes.insert(
            "extra".into(),
            decided(Grade::None, false, vec![Measure::M11_1]),
        );
        let decision = Decision {
            on: NaiveDate::from_ymd_opt(2026, 11, 1).expect("date"),
            committee: vec![],
            recused: vec![],
            text: String::new(),
            outcomes,
        };
        let got: Vec<(String, bool, bool)> = compare(Some(&verdict), &decision)
            .into_iter()
            .map(|c| (c.login, c.grade_differs, c.pursuit_differs))
            .collect();
        let want = [
            ("same", false, false),
            ("lighter", true, false),
            // Art. 9: the rules say pursue; the committee exempted.
            ("exempted", false, true),
            // May exempt: exempting is the committee's choice, not a difference.
            ("may", false, false),
            // Cleared by the rules and not named by the decision: left out.
            // The rules say pursue; the decision does not name them.
            ("unnamed", false, true),
            // Named only by the decision, with a measure the rules do not support.
            ("extra", false, true),
        ];
        let want: Vec<(String, bool, bool)> = want
            .iter()
            .map(|(l, g, p)| (l.to_string(), *g, *p))
            .collect();
        assert_eq!(got, want);
        // Without findings the rules suggest nothing: every decided person is listed.
        assert_eq!(compare(None, &decision).len(), 5);
    }
}
