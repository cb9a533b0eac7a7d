//! Who carries what under one rule of Arts. 5 and 7 — the table "Liability allocation" of
//! RULES.md, one arm per row. A rule that names an act role the act does not have is an
//! error, never a guess.

use super::{RuleError, VerdictNote};
use crate::domain::model::{Act, ActKind, Grade, Login, RuleCode, RuleFinding, Superior};

/// One person named by one rule, with the grade that rule gives them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Assignment {
    pub login: Login,
    pub grade: Grade,
    pub note: Option<VerdictNote>,
}

impl Assignment {
    fn new(login: &str, grade: Grade) -> Self {
        Assignment {
            login: login.to_string(),
            grade,
            note: None,
        }
    }
}

/// The act's roles, resolved for one rule: `reviewer()` / `approver()` fail with
/// `MissingActRole` naming that rule when the act has none.
struct Roles<'a> {
    act: &'a Act,
    rule: RuleCode,
}

impl<'a> Roles<'a> {
    fn handler(&self) -> &'a str {
        &self.act.handler
    }
    fn reviewer(&self) -> Result<&'a str, RuleError> {
        self.act
            .reviewer
            .as_deref()
            .ok_or(RuleError::MissingActRole {
                rule: self.rule,
                role: "reviewer",
            })
    }
    fn approver(&self) -> Result<&'a str, RuleError> {
        self.act
            .approver
            .as_deref()
            .ok_or(RuleError::MissingActRole {
                rule: self.rule,
                role: "approver",
            })
    }
    fn superior(&self, s: Superior) -> Result<&'a str, RuleError> {
        match s {
            Superior::Reviewer => self.reviewer(),
            Superior::Approver => self.approver(),
        }
    }
}

/// Everyone `finding` names, in the order the rule names them (handler, reviewer, approver;
/// or the order of its `persons`), each with the grade this rule alone gives.
pub(super) fn assign(finding: &RuleFinding, act: &Act) -> Result<Vec<Assignment>, RuleError> {
    use Grade::{Corresponding, Direct, ImportantLeadership, Leadership, Shared, Supervisory};
    let rule = finding.code();
    let r = Roles { act, rule };
    let one = |login: &str, grade| Ok(vec![Assignment::new(login, grade)]);
    match finding {
        // Art. 5(1): the handler made the act directly. Art. 5(2)1–3: the handler bypassed
        // approval, faked facts / favouritism, or did not act as approved.
        RuleFinding::R5_1 {}
        | RuleFinding::R5_2_1 {}
        | RuleFinding::R5_2_2 {}
        | RuleFinding::R5_2_3 {} => one(r.handler(), Direct),
        // Art. 5(2)4: wrong proposal that review and approval failed to catch or correct.
        RuleFinding::R5_2_4 {} => {
            let (reviewer, approver) = (r.reviewer()?, r.approver()?);
            Ok(vec![
                Assignment::new(r.handler(), Direct),
                Assignment::new(reviewer, Supervisory),
                Assignment::new(approver, ImportantLeadership),
            ])
        }
        // Art. 5(2)5: the reviewer overrode the handler's correct opinion, the approver approved.
        RuleFinding::R5_2_5 {} => {
            let (reviewer, approver) = (r.reviewer()?, r.approver()?);
            Ok(vec![
                Assignment::new(reviewer, Direct),
                Assignment::new(approver, Leadership),
            ])
        }
        // Art. 5(2)6: the reviewer decided without reporting to the approver.
        RuleFinding::R5_2_6 {} => one(r.reviewer()?, Direct),
        // Art. 5(2)7: the approver overrode correct opinions; 5(2)8: decided with no draft or
        // review.
        RuleFinding::R5_2_7 {} | RuleFinding::R5_2_8 {} => one(r.approver()?, Direct),
        RuleFinding::R5_2_9 {
            instructed_by,
            agreed_by_approver,
        } => statutory_duty(&r, *instructed_by, *agreed_by_approver),
        // Art. 5(2)10: "由上级承担责任，承办人不承担责任；但承办人执行明显违法的决定、命令的，
        // 承办人应当依法承担相应责任". The handler is still named (basis 5.2.10) so the verdict
        // shows why they carry nothing.
        RuleFinding::R5_2_10 {
            ordered_by,
            obviously_illegal,
        } => {
            let superior = r.superior(*ordered_by)?;
            let handler_grade = if *obviously_illegal {
                Corresponding
            } else {
                Grade::None
            };
            Ok(vec![
                Assignment::new(r.handler(), handler_grade),
                Assignment::new(superior, Direct),
            ])
        }
        // Art. 5(3): fault by inaction — the holder of the post responsible; Art. 7 opens: the
        // person at fault is the direct one.
        RuleFinding::R5_3 { post_holder } => one(post_holder, Direct),
        // Art. 5(4): review unit, handling unit and approver share it; where the review unit
        // changed the act it carries the changed part — the reviewer direct.
        RuleFinding::R5_4 {
            review_unit_changed_act,
            ..
        } => {
            let (reviewer, approver) = (r.reviewer()?, r.approver()?);
            let reviewer_grade = if *review_unit_changed_act {
                Direct
            } else {
                Shared
            };
            Ok(vec![
                Assignment::new(r.handler(), Shared),
                Assignment::new(reviewer, reviewer_grade),
                Assignment::new(approver, Shared),
            ])
        }
        // Art. 7(1): only an act made on the spot (当场作出) falls under this rule.
        RuleFinding::R7_1 {} => {
            if !act.on_the_spot {
                return Err(RuleError::NotOnTheSpot);
            }
            one(r.handler(), Direct)
        }
        // Art. 7(2)1 the submitting unit's responsible persons; 7(3) the interferer;
        // 7(4) the person who did it — all named in the finding, all direct.
        RuleFinding::R7_2_1 { persons }
        | RuleFinding::R7_3 { persons }
        | RuleFinding::R7_4 { persons } => {
            if persons.is_empty() {
                return Err(RuleError::NamesNoOne { rule });
            }
            Ok(persons.iter().map(|p| Assignment::new(p, Direct)).collect())
        }
        // Art. 7(2)2: "行政处罚案件…同时追究案件承办人员和案件审核人员的责任" — penalty cases only.
        RuleFinding::R7_2_2 {} => {
            if act.kind != ActKind::Penalty {
                return Err(RuleError::NotAPenalty);
            }
            let reviewer = r.reviewer()?;
            Ok(vec![
                Assignment::new(r.handler(), Direct),
                Assignment::new(reviewer, Direct),
            ])
        }
        // Art. 7(2)3: the reviewer did not verify and reviewed / instructed / permitted wrongly.
        RuleFinding::R7_2_3 {} => one(r.reviewer()?, Direct),
    }
}

/// Art. 5(2)9: "承办人不履行法定职责的，负直接责任；审核人或者批准人指令承办人不履行法定职责的，
/// 作出指令的人员负直接责任；审核人作出的指令经批准人同意的，审核人负直接责任，批准人负领导责任".
/// The text is silent on the handler who obeyed the instruction: grade none with a note, never
/// an invented grade. The handler is still listed first, as the rule names them first.
fn statutory_duty(
    r: &Roles<'_>,
    instructed_by: Option<Superior>,
    agreed_by_approver: bool,
) -> Result<Vec<Assignment>, RuleError> {
    let instructed_handler = || Assignment {
        login: r.handler().to_string(),
        grade: Grade::None,
        note: Some(VerdictNote::InstructedHandlerUngraded),
    };
    match (instructed_by, agreed_by_approver) {
        (None, false) => Ok(vec![Assignment::new(r.handler(), Grade::Direct)]),
        (Some(who), false) => {
            let instructor = r.superior(who)?;
            Ok(vec![
                instructed_handler(),
                Assignment::new(instructor, Grade::Direct),
            ])
        }
        (Some(Superior::Reviewer), true) => {
            let (reviewer, approver) = (r.reviewer()?, r.approver()?);
            Ok(vec![
                instructed_handler(),
                Assignment::new(reviewer, Grade::Direct),
                Assignment::new(approver, Grade::Leadership),
            ])
        }
        // The approver's agreement only qualifies a *reviewer's* instruction; with no
        // instruction, or the approver's own, there is nothing to agree to — the findings
        // contradict themselves and guessing which half is meant would invent a grade.
        (None, true) | (Some(Superior::Approver), true) => {
            Err(RuleError::AgreementWithoutReviewerInstruction)
        }
    }
}
