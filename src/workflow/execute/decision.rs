//! The committee's decision (Art. 10(3)), the sanctions (Art. 11) and the review and
//! appeal that may follow (Civil Servant Law).

use chrono::NaiveDate;

use crate::domain::conflict::involvement;
use crate::domain::model::{
    Appeal, AppealOutcome, Case, DecidedOutcome, Decision, Grade, Login, Measure, Role,
    RuleFinding, Sanction, Stage,
};

use super::{Ctx, non_blank};
use crate::workflow::{Refusal, Why, WorkflowError, access};

/// Art. 10(3): "由局党委研究决定 … 如涉及党委成员的，本人应当回避". The recording member must
/// sit on the committee and not be involved; every involved member listed must be recused.
pub fn decide(ctx: &Ctx, case: &mut Case, decision: &Decision) -> Result<(), WorkflowError> {
    const A: &str = "decide";
    let me = &ctx.actor.login;
    access::require_role(ctx.actor, Role::Committee, A)?;
    let mine = involvement(me, case, ctx.dir.relations());
    if !mine.is_empty() {
        return Err(WorkflowError::NotPermitted {
            login: me.clone(),
            action: A,
            needs: None,
            why: Why::Involved(mine),
        });
    }
    if !decision.committee.contains(me) || decision.recused.contains(me) {
        return Err(WorkflowError::NotPermitted {
            login: me.clone(),
            action: A,
            needs: None,
            why: Why::NotInCommittee,
        });
    }
    access::require_stage(case, &[Stage::Submitted], A)?;
    ctx.not_future(case, A, decision.on)?;
    for m in &decision.committee {
        if !ctx.dir.has_role(m, Role::Committee) {
            return Err(ctx.refuse(case, A, Refusal::NotCommitteeMember(m.clone())));
        }
    }
    let conflicts: Vec<_> = decision
        .committee
        .iter()
        .filter(|m| !decision.recused.contains(m))
        .map(|m| (m.clone(), involvement(m, case, ctx.dir.relations())))
        .filter(|(_, why)| !why.is_empty())
        .collect();
    if !conflicts.is_empty() {
        return Err(ctx.refuse(case, A, Refusal::CommitteeConflict(conflicts)));
    }
    for (login, outcome) in &decision.outcomes {
        if !concerns(case, login) {
            return Err(ctx.refuse(case, A, Refusal::OutcomeForStranger(login.clone())));
        }
        let liable = !outcome.exempted && outcome.grade != Grade::None;
        if !liable && !outcome.sanctions.is_empty() {
            return Err(ctx.refuse(case, A, Refusal::SanctionWithoutLiability(login.clone())));
        }
    }
    case.decision = Some(decision.clone());
    case.stage = settled_stage(case);
    Ok(())
}

/// Art. 11: "应当自过错被确定之日起 30 日内" — one decided measure, applied by the chief.
pub fn apply_sanction(
    ctx: &Ctx,
    case: &mut Case,
    sanction: &Sanction,
) -> Result<(), WorkflowError> {
    const A: &str = "apply_sanction";
    access::require_role(ctx.actor, Role::Chief, A)?;
    // A pending review or appeal does not suspend the decision's execution.
    access::require_stage(case, &[Stage::Decided, Stage::Appealed], A)?;
    ctx.not_future(case, A, sanction.applied_on)?;
    let decided = case
        .decision
        .as_ref()
        .and_then(|d| d.outcomes.get(&sanction.person))
        .is_some_and(|o| o.sanctions.contains(&sanction.measure));
    let key = (sanction.person.clone(), sanction.measure);
    if !decided {
        return Err(ctx.refuse(
            case,
            A,
            Refusal::MeasureNotDecided {
                person: key.0,
                measure: key.1,
            },
        ));
    }
    if !open_measures(case).contains(&key) {
        return Err(ctx.refuse(
            case,
            A,
            Refusal::MeasureAlreadyApplied {
                person: key.0,
                measure: key.1,
            },
        ));
    }
    case.sanctions.push(sanction.clone());
    if case.stage == Stage::Decided {
        case.stage = settled_stage(case);
    }
    Ok(())
}

/// A respondent who disagrees applies for review (复核) or appeals (申诉); the legal
/// affairs office records it.
pub fn file_appeal(ctx: &Ctx, case: &mut Case, appeal: &Appeal) -> Result<(), WorkflowError> {
    const A: &str = "file_appeal";
    access::require_role(ctx.actor, Role::Legal, A)?;
    access::require_stage(
        case,
        &[Stage::Decided, Stage::Sanctioned, Stage::Appealed],
        A,
    )?;
    ctx.not_future(case, A, appeal.filed_on)?;
    let named = case
        .decision
        .as_ref()
        .is_some_and(|d| d.outcomes.contains_key(&appeal.person));
    if !named {
        return Err(ctx.refuse(case, A, Refusal::NotDecidedPerson(appeal.person.clone())));
    }
    let new = appeal.accepted_on.is_none()
        && !appeal.extended
        && appeal.decided_on.is_none()
        && appeal.result.is_none();
    if !new {
        return Err(ctx.refuse(case, A, Refusal::AppealNotNew));
    }
    case.appeals.push(appeal.clone());
    case.stage = Stage::Appealed;
    Ok(())
}

pub fn accept_appeal(
    ctx: &Ctx,
    case: &mut Case,
    index: usize,
    on: NaiveDate,
    extended: bool,
) -> Result<(), WorkflowError> {
    const A: &str = "accept_appeal";
    access::require_role(ctx.actor, Role::Legal, A)?;
    access::require_stage(case, &[Stage::Appealed], A)?;
    ctx.not_future(case, A, on)?;
    let refusal = match case.appeals.get(index) {
        None => Some(Refusal::NoSuchAppeal(index)),
        Some(a) if a.decided_on.is_some() => Some(Refusal::AppealAlreadyDecided(index)),
        Some(a) if a.accepted_on.is_some() => Some(Refusal::AppealAlreadyAccepted(index)),
        Some(_) => None,
    };
    if let Some(r) = refusal {
        return Err(ctx.refuse(case, A, r));
    }
    if let Some(a) = case.appeals.get_mut(index) {
        a.accepted_on = Some(on);
        a.extended = extended;
    }
    Ok(())
}

/// The review or appeal body's decision; once none is open the case returns to where the
/// decision left it.
pub fn decide_appeal(
    ctx: &Ctx,
    case: &mut Case,
    index: usize,
    on: NaiveDate,
    result: &str,
    outcome: AppealOutcome,
    changed_to: Option<&DecidedOutcome>,
) -> Result<(), WorkflowError> {
    const A: &str = "decide_appeal";
    // bundle-v2.md names the appealing person's case team as the one expected to act on the
    // decision (the `owner` of its deadline), the legal affairs office where there is none;
    // either records it. A recused member is refused as on every team step (Art. 10(2)).
    let on_team = case
        .team
        .as_ref()
        .is_some_and(|t| t.members.contains(&ctx.actor.login));
    if !ctx.actor.has(Role::Legal) {
        if on_team {
            access::require_team_member(ctx.actor, case, A)?;
        } else {
            access::require_role(ctx.actor, Role::Legal, A)?;
        }
    }
    access::require_stage(case, &[Stage::Appealed], A)?;
    ctx.not_future(case, A, on)?;
    let refusal = match case.appeals.get(index) {
        None => Some(Refusal::NoSuchAppeal(index)),
        Some(a) if a.decided_on.is_some() => Some(Refusal::AppealAlreadyDecided(index)),
        Some(_) if non_blank(result).is_none() => Some(Refusal::ResultRequired),
        // bundle-v2.md: `changed_to` with `changed`, and only then.
        Some(_) if (outcome == AppealOutcome::Changed) != changed_to.is_some() => {
            Some(Refusal::ChangedOutcome(outcome))
        }
        Some(_) => None,
    };
    if let Some(r) = refusal {
        return Err(ctx.refuse(case, A, r));
    }
    if let Some(a) = case.appeals.get_mut(index) {
        a.decided_on = Some(on);
        a.result = Some(result.trim().to_string());
        a.outcome = Some(outcome);
        a.changed_to = changed_to.cloned();
    }
    if case.appeals.iter().all(|a| a.decided_on.is_some()) {
        case.stage = settled_stage(case);
    }
    Ok(())
}

/// Measures of the final outcomes (after reviews and appeals) with no `sanctions[]` entry of
/// the same person and measure yet.
pub fn open_measures(case: &Case) -> Vec<(Login, Measure)> {
    case.unapplied_measures()
        .into_iter()
        .map(|(login, m, _)| (login, m))
        .collect()
}

/// `sanctioned` once at least one measure was decided and all are applied; else `decided`.
fn settled_stage(case: &Case) -> Stage {
    let any = case
        .decision
        .as_ref()
        .is_some_and(|_| case.final_outcomes().iter().any(|o| !o.measures.is_empty()));
    if any && open_measures(case).is_empty() {
        Stage::Sanctioned
    } else {
        Stage::Decided
    }
}

/// Whether the case concerns `login`: a respondent, a participant in the act, or someone a
/// finding names (the only people a decision may grade).
fn concerns(case: &Case, login: &str) -> bool {
    if case.respondents.iter().any(|r| r == login) || case.act.participants().any(|p| p == login) {
        return true;
    }
    case.findings
        .iter()
        .flat_map(|f| &f.rules)
        .any(|r| match r {
            RuleFinding::R5_3 { post_holder } => post_holder == login,
            RuleFinding::R7_2_1 { persons }
            | RuleFinding::R7_3 { persons }
            | RuleFinding::R7_4 { persons } => persons.iter().any(|p| p == login),
            _ => false,
        })
}
