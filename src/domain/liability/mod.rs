//! Liability under Arts. 4–9 and 11: who carries which grade (Arts. 5, 7), whether the matter
//! is in scope (Art. 4) and a fault at all (Arts. 2, 6), heavier handling (Art. 8), exemption
//! (Art. 9), the suggested outcome and the Art. 11 measures open to the committee.
//!
//! - [`allocate`]: one rule of Arts. 5 and 7 → the people it names and their grades;
//! - [`repeat`]: Art. 8(3), computed from other cases' decisions;
//! - [`compare`]: the committee's decision beside the suggestion, differences marked;
//! - this file: merging the rules into one verdict per person, and the JSON answer.
//!
//! The words for all of this live in [`crate::i18n::rules`].

mod allocate;
pub mod compare;
mod repeat;
#[cfg(test)]
mod tests;

use std::collections::HashMap;

use chrono::NaiveDate;
use serde::Serialize;

use super::directory::Directory;
use super::model::{
    Case, Culpability, Exempting, Findings, Grade, Login, Measure, RuleCode, RuleFinding,
    WrongfulCase,
};

pub use repeat::{
    CaseRepeats, Priors, REPEAT_SHOWN, Repeats, earliest_counted, one_year_after, prior_outcomes,
    repeat_reference, repeats,
};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Scope {
    InScope,
    /// Art. 4: the law itself was violated; legal liability applies instead.
    LegalLiability,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    None,
    MayExempt,
    PursueHeavier,
    Pursue,
}

/// Art. 8 grounds, 8.3 included (computed).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum Art8 {
    #[serde(rename = "8.1")]
    A8_1,
    #[serde(rename = "8.2")]
    A8_2,
    #[serde(rename = "8.3")]
    A8_3,
    #[serde(rename = "8.4")]
    A8_4,
}

impl Art8 {
    pub const ALL: [Art8; 4] = [Art8::A8_1, Art8::A8_2, Art8::A8_3, Art8::A8_4];
    /// The citation code, e.g. `"8.3"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Art8::A8_1 => "8.1",
            Art8::A8_2 => "8.2",
            Art8::A8_3 => "8.3",
            Art8::A8_4 => "8.4",
        }
    }
}

impl From<super::model::Aggravating> for Art8 {
    fn from(a: super::model::Aggravating) -> Self {
        use super::model::Aggravating as A;
        match a {
            A::A8_1 => Art8::A8_1,
            A::A8_2 => Art8::A8_2,
            A::A8_4 => Art8::A8_4,
        }
    }
}

/// Why the text gives no grade (e.g. 5.2.9's instructed handler), or why a graded person is
/// not pursued (Art. 2 ¶2).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VerdictNote {
    InstructedHandlerUngraded,
    /// Art. 2 ¶2: a fault is committed "因故意或者重大过失"; this person's was ordinary
    /// negligence or no fault, so they are not pursued.
    NotIntentOrGross(Culpability),
}

/// What one rule gave one person (a person named by several rules has several).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ground {
    pub rule: RuleCode,
    pub grade: Grade,
    pub note: Option<VerdictNote>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct PersonVerdict {
    pub login: Login,
    pub name: String,
    pub grade: Grade,
    pub basis: Vec<RuleCode>,
    pub aggravating: Vec<Art8>,
    pub exempting: Vec<Exempting>,
    /// Art. 2 ¶2: the state of mind recorded in the findings, if any.
    pub culpability: Option<Culpability>,
    pub outcome: Outcome,
    /// The rule's note (5.2.9's instructed handler), if any.
    pub note: Option<VerdictNote>,
    /// The other cases that made 8.3 apply: how many, and the latest few.
    pub repeats: Repeats,
    /// Per rule in `basis` (same order), the grade that rule alone gives — for the reasons in
    /// words ([`crate::i18n::rules::person_reasons`]).
    pub grounds: Vec<Ground>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Verdict {
    pub case: String,
    pub scope: Scope,
    pub judicial_referral: bool,
    pub fault_established: bool,
    pub persons: Vec<PersonVerdict>,
    /// The findings' wrongful-case kind (Art. 2), for 11.6 in [`Verdict::available_measures`].
    pub wrongful_case: Option<WrongfulCase>,
}

/// A committee decision naming someone, for Art. 8(3).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct PriorOutcome {
    pub case: String,
    pub login: Login,
    pub grade: Grade,
    pub exempted: bool,
    pub decided_on: NaiveDate,
}

/// Findings that the rules cannot apply (an error, never a guess). The English message says
/// what is wrong and what to do; [`crate::i18n::rules::rule_error`] gives it in either language.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RuleError {
    #[error(
        "rule {rule} names the act's {role}, but the act has none: record the act's {role} or choose another rule"
    )]
    MissingActRole { rule: RuleCode, role: &'static str },
    #[error(
        "rule 7.1 applies only to an act made on the spot: mark the act on the spot or choose another rule"
    )]
    NotOnTheSpot,
    /// Art. 7(1): "构成错案的" — the rule needs a wrongful case.
    #[error(
        "rule 7.1 applies only to a wrongful case: record findings.wrongful_case or choose another rule"
    )]
    NoWrongfulCase,
    /// Art. 7(2)2: "行政处罚案件" — the rule is about penalty cases only.
    #[error(
        "rule 7.2.2 applies only to a penalty case (行政处罚案件): the act is not a penalty; choose another rule"
    )]
    NotAPenalty,
    #[error(
        "{login} is both cleared and named by rule {rule}: remove them from cleared or from the rule"
    )]
    ClearedButNamed { login: Login, rule: RuleCode },
    /// Added: 5.2.9's `agreed_by_approver` qualifies only a reviewer's instruction.
    #[error(
        "rule 5.2.9: agreed_by_approver applies only to an instruction by the reviewer: set instructed_by to reviewer or agreed_by_approver to false"
    )]
    AgreementWithoutReviewerInstruction,
    /// Added: 7.2.1, 7.3 and 7.4 name their persons; an empty list names no one.
    #[error("rule {rule} names no one: list the persons it applies to")]
    NamesNoOne { rule: RuleCode },
}

/// Where in the bundle's case a [`RuleError`] sits, e.g. `("findings.rules[2]", err)`, for
/// import and validation messages. `None` when the findings are absent or apply cleanly.
pub fn findings_error(case: &Case) -> Option<(String, RuleError)> {
    let findings = case.findings.as_ref()?;
    for (i, finding) in findings.rules.iter().enumerate() {
        if let Err(e) = case_condition(finding, findings) {
            return Some((format!("findings.rules[{i}]"), e));
        }
        let assigned = match allocate::assign(finding, &case.act) {
            Ok(a) => a,
            Err(e) => return Some((format!("findings.rules[{i}]"), e)),
        };
        if let Some((at, e)) = cleared_conflict(findings, finding.code(), &assigned) {
            return Some((format!("findings.cleared[{at}]"), e));
        }
    }
    None
}

/// A rule's condition on the findings themselves (the act's conditions are `allocate`'s).
fn case_condition(finding: &RuleFinding, findings: &Findings) -> Result<(), RuleError> {
    // Art. 7(1): "当场作出的具体行政行为构成错案的" — the act must be a wrongful case.
    if matches!(finding, RuleFinding::R7_1 {}) && findings.wrongful_case.is_none() {
        return Err(RuleError::NoWrongfulCase);
    }
    Ok(())
}

/// A person in `cleared` whom this rule gives a grade. Someone a rule names only with grade
/// none — 5.2.10's handler who executed a lawful-looking order ("承办人不承担责任") or 5.2.9's
/// instructed handler — may be cleared: clearing says what the rule itself says, and the
/// findings then account for them twice over, never in contradiction.
/// Returns the conflict and its index in `cleared`.
fn cleared_conflict(
    findings: &Findings,
    rule: RuleCode,
    assigned: &[allocate::Assignment],
) -> Option<(usize, RuleError)> {
    assigned
        .iter()
        .filter(|a| a.grade != Grade::None)
        .find_map(|a| {
            let at = findings.cleared.iter().position(|c| *c == a.login)?;
            let e = RuleError::ClearedButNamed {
                login: a.login.clone(),
                rule,
            };
            Some((at, e))
        })
}

/// One person while the rules are being merged.
struct Draft {
    login: Login,
    grade: Grade,
    grounds: Vec<Ground>,
    note: Option<VerdictNote>,
}

/// Everyone the rules name, in order of first mention, each once with the most severe grade
/// and every naming rule (findings order, no duplicates); then every respondent no rule names.
fn merge(case: &Case) -> Result<Vec<Draft>, RuleError> {
    let mut drafts: Vec<Draft> = Vec::new();
    let mut index: HashMap<Login, usize> = HashMap::new();
    let rules = case.findings.iter().flat_map(|f| f.rules.iter());
    for finding in rules {
        let rule = finding.code();
        if let Some(findings) = &case.findings {
            case_condition(finding, findings)?;
        }
        let assigned = allocate::assign(finding, &case.act)?;
        if let Some(findings) = &case.findings
            && let Some((_, e)) = cleared_conflict(findings, rule, &assigned)
        {
            return Err(e);
        }
        for a in assigned {
            let i = *index.entry(a.login.clone()).or_insert_with(|| {
                drafts.push(Draft {
                    login: a.login.clone(),
                    grade: Grade::None,
                    grounds: Vec::new(),
                    note: None,
                });
                drafts.len() - 1
            });
            let d = &mut drafts[i];
            // "A person named under several rules carries the most severe grade".
            d.grade = d.grade.most_severe(a.grade);
            // The note stays even if another rule grades them: it explains the 5.2.9 line of
            // their basis, which remains true.
            d.note = d.note.or(a.note);
            // The same rule may name one login twice (handler == reviewer, a repeated
            // finding): one ground per rule, at its most severe.
            match d.grounds.iter_mut().find(|g| g.rule == rule) {
                Some(g) => {
                    g.grade = g.grade.most_severe(a.grade);
                    g.note = g.note.or(a.note);
                }
                None => d.grounds.push(Ground {
                    rule,
                    grade: a.grade,
                    note: a.note,
                }),
            }
        }
    }
    for r in &case.respondents {
        if !index.contains_key(r) {
            index.insert(r.clone(), drafts.len());
            drafts.push(Draft {
                login: r.clone(),
                grade: Grade::None,
                grounds: Vec::new(),
                note: None,
            });
        }
    }
    Ok(drafts)
}

/// Everyone the rules name, with their merged grade (most severe; RULES.md), in order of
/// first mention; then every respondent no rule names (grade none). Findings the rules cannot
/// apply give the error (validation reports it at its path).
pub fn grades(case: &Case) -> Result<Vec<(Login, Grade)>, RuleError> {
    Ok(merge(case)?
        .into_iter()
        .map(|d| (d.login, d.grade))
        .collect())
}

/// Art. 2 / Art. 6: a fault needs an Art. 6 type **and** serious consequences ("造成严重后果的");
/// a wrongful case needs one of Art. 2's outcomes.
fn fault_established(f: &Findings) -> bool {
    (!f.fault_types.is_empty() && f.serious_consequences) || f.wrongful_case.is_some()
}

/// Art. 4: violating the law itself means legal liability, outside this regulation.
fn scope_of(findings: Option<&Findings>) -> Scope {
    if findings.is_some_and(|f| f.violates_law) {
        Scope::LegalLiability
    } else {
        Scope::InScope
    }
}

/// The person's recorded state of mind, and whether it is pursued. Art. 2 ¶2: "因故意或者
/// 重大过失"; not yet recorded counts as gross negligence (bundle-v2.md) — the check blocks
/// submission until it is recorded.
fn culpability_of(findings: Option<&Findings>, login: &str) -> (Option<Culpability>, bool) {
    let culpability = findings.and_then(|f| f.culpability.get(login)).copied();
    (culpability, culpability.is_none_or(Culpability::is_pursued))
}

/// Art. 8(3) counts this case as one of the "two or more faults warranting accountability"
/// (RULES.md 8.3): only when this case grades the person, a fault is established, their
/// culpability is pursued, and the case is in scope (Art. 4).
fn counts_as_one(case: &Case, d: &Draft) -> bool {
    let findings = case.findings.as_ref();
    findings.is_some_and(fault_established)
        && d.grade != Grade::None
        && culpability_of(findings, &d.login).1
        && scope_of(findings) == Scope::InScope
}

/// The people this case counts as one accountable fault of (RULES.md 8.3), in verdict
/// order: only their other cases can make 8.3 apply, so only theirs are counted. None when
/// the findings cannot be applied (the verdict is then an error).
pub fn repeat_persons(case: &Case) -> Vec<Login> {
    merge(case)
        .map(|drafts| {
            drafts
                .into_iter()
                .filter(|d| counts_as_one(case, d))
                .map(|d| d.login)
                .collect()
        })
        .unwrap_or_default()
}

/// The verdict for one case. `priors` may include this case's own decision; it is ignored.
pub fn liability(
    case: &Case,
    dir: &Directory,
    priors: Priors<'_>,
    today: NaiveDate,
) -> Result<Verdict, RuleError> {
    let drafts = merge(case)?;
    let findings = case.findings.as_ref();
    let scope = scope_of(findings);
    let fault = findings.is_some_and(fault_established);
    let reference = repeat_reference(case, today);

    let persons = drafts
        .into_iter()
        .map(|d| {
            let entered = findings.and_then(|f| f.circumstances.get(&d.login));
            let mut aggravating: Vec<Art8> = entered
                .map(|c| c.aggravating.iter().map(|&a| a.into()).collect())
                .unwrap_or_default();
            let (culpability, culpable) = culpability_of(findings, &d.login);
            let repeats = if counts_as_one(case, &d) {
                priors.repeats(&case.number, &d.login, reference)
            } else {
                Repeats::default()
            };
            // Art. 8(3): another accountable case within the year besides this one.
            if !repeats.is_empty() {
                aggravating.push(Art8::A8_3);
            }
            aggravating.sort();
            aggravating.dedup();
            let mut exempting: Vec<Exempting> =
                entered.map(|c| c.exempting.clone()).unwrap_or_default();
            exempting.sort();
            exempting.dedup();

            let outcome = if d.grade == Grade::None
                || !fault
                || scope == Scope::LegalLiability
                || !culpable
            {
                Outcome::None
            } else if !exempting.is_empty() {
                // Art. 9 "可免予追究": the committee may exempt even when Art. 8 also applies.
                Outcome::MayExempt
            } else if !aggravating.is_empty() {
                Outcome::PursueHeavier
            } else {
                Outcome::Pursue
            };
            PersonVerdict {
                name: dir.name(&d.login).to_string(),
                basis: d.grounds.iter().map(|g| g.rule).collect(),
                login: d.login,
                grade: d.grade,
                aggravating,
                exempting,
                culpability,
                outcome,
                note: d.note,
                repeats,
                grounds: d.grounds,
            }
        })
        .collect();

    Ok(Verdict {
        case: case.number.clone(),
        scope,
        // Art. 11(7): a suspected crime goes to the judicial organs.
        judicial_referral: findings.is_some_and(|f| f.suspected_crime),
        fault_established: fault,
        persons,
        wrongful_case: findings.and_then(|f| f.wrongful_case),
    })
}

impl PersonVerdict {
    /// Every note of this entry: the rule's, then Art. 2 ¶2's for `negligence` / `none`.
    pub fn notes(&self) -> Vec<VerdictNote> {
        let art2 = self
            .culpability
            .filter(|c| !c.is_pursued())
            .map(VerdictNote::NotIntentOrGross);
        self.note.into_iter().chain(art2).collect()
    }
}

impl Verdict {
    /// The Art. 11 measures open to the committee for this case, in article order.
    ///
    /// - 11.1–11.5 when someone's suggested outcome is not `none` (a `may_exempt` person may
    ///   still be pursued: the committee decides);
    /// - 11.6 on top of those only where the fault caused state compensation
    ///   ("因行政执法过错引起行政赔偿的") — the wrongful case is `compensation`;
    /// - 11.7 whenever a crime is suspected, even out of scope or with no fault established:
    ///   transfer is not a sanction under this regulation but the hand-over Art. 11(7) requires,
    ///   and Art. 4's "legal liability applies" is exactly the case for handing over.
    pub fn available_measures(&self) -> Vec<Measure> {
        let mut out = Vec::new();
        let pursued = self.persons.iter().any(|p| p.outcome != Outcome::None);
        if pursued {
            out.extend([
                Measure::M11_1,
                Measure::M11_2,
                Measure::M11_3,
                Measure::M11_4,
                Measure::M11_5,
            ]);
            if self.wrongful_case == Some(WrongfulCase::Compensation) {
                out.push(Measure::M11_6);
            }
        }
        if self.judicial_referral {
            out.push(Measure::M11_7);
        }
        out
    }
}
