//! The investigation (Art. 10(2)) and its submission to the committee (Art. 10(3)).

use chrono::NaiveDate;

use crate::domain::check::check;
use crate::domain::hearing;
use crate::domain::model::{
    Case, Deliberation, Evidence, Findings, Interview, Login, Recusal, Role, Stage, Team,
};

use super::{Ctx, non_blank};
use crate::workflow::{Refusal, Why, WorkflowError, access};

/// Art. 10(2): "由局主要负责人指派人员及时组成调查组 … 应当由两名或两名以上工作人员进行".
/// On an accepted case this appoints the team; on a case under investigation it adds
/// members (a recusal may have left too few). Two or more un-recused investigators must
/// result; the check repeats this at submission.
pub fn appoint(
    ctx: &Ctx,
    case: &mut Case,
    on: NaiveDate,
    members: &[Login],
) -> Result<(), WorkflowError> {
    const A: &str = "appoint_team";
    access::require_role(ctx.actor, Role::Chief, A)?;
    access::require_stage(case, &[Stage::Accepted, Stage::Investigating], A)?;
    ctx.not_future(case, A, on)?;
    for m in members {
        match ctx.dir.person(m) {
            None => return Err(ctx.refuse(case, A, Refusal::UnknownPerson(m.clone()))),
            Some(p) if !p.has(Role::Investigator) => {
                return Err(ctx.refuse(case, A, Refusal::NotInvestigator(m.clone())));
            }
            Some(_) => {}
        }
    }
    let mut team = case.team.clone().unwrap_or(Team {
        appointed_on: on,
        appointed_by: ctx.actor.login.clone(),
        members: Vec::new(),
    });
    for m in members {
        if !team.members.contains(m) {
            team.members.push(m.clone());
        }
    }
    let active: Vec<Login> = team
        .members
        .iter()
        .filter(|m| !case.is_recused(m))
        .cloned()
        .collect();
    if active.len() < 2 {
        return Err(ctx.refuse(case, A, Refusal::TeamTooSmall { members: active }));
    }
    case.team = Some(team);
    case.stage = Stage::Investigating;
    Ok(())
}

/// Art. 10(2): "调查组成员与 … 责任人有利害关系、可能影响公正处理的，应当回避". A member records
/// their own recusal; the chief, who appointed the team, may record anyone's.
pub fn recuse(
    ctx: &Ctx,
    case: &mut Case,
    person: &str,
    on: NaiveDate,
    reason: &str,
) -> Result<(), WorkflowError> {
    const A: &str = "recuse";
    if !ctx.actor.has(Role::Chief) {
        access::require_team_member(ctx.actor, case, A)?;
        if ctx.actor.login != person {
            return Err(WorkflowError::NotPermitted {
                login: ctx.actor.login.clone(),
                action: A,
                needs: Some(Role::Chief),
                why: Why::OnlyOwnRecusal,
            });
        }
    }
    access::require_stage(case, &[Stage::Investigating], A)?;
    ctx.not_future(case, A, on)?;
    let on_team = case
        .team
        .as_ref()
        .is_some_and(|t| t.members.iter().any(|m| m == person));
    if !on_team {
        return Err(ctx.refuse(case, A, Refusal::NotTeamMember(person.to_string())));
    }
    if case.is_recused(person) {
        return Err(ctx.refuse(case, A, Refusal::AlreadyRecused(person.to_string())));
    }
    let Some(reason) = non_blank(reason) else {
        return Err(ctx.refuse(case, A, Refusal::ReasonRequired));
    };
    case.recusals.push(Recusal {
        person: person.to_string(),
        on,
        reason: reason.to_string(),
    });
    Ok(())
}

/// Art. 10(2): "调阅有关案件材料 … 了解核实有关情况". Collected by the acting member.
pub fn add_evidence(
    ctx: &Ctx,
    case: &mut Case,
    kind: &str,
    description: &str,
    collected_on: NaiveDate,
) -> Result<(), WorkflowError> {
    const A: &str = "add_evidence";
    investigating(ctx, case, A)?;
    ctx.not_future(case, A, collected_on)?;
    case.evidence.push(Evidence {
        kind: kind.trim().to_string(),
        description: description.to_string(),
        collected_on,
        collected_by: ctx.actor.login.clone(),
        sha256: ctx.attachment.clone(),
    });
    Ok(())
}

/// Art. 10(2): someone the rules grade is a respondent with the right to state their case
/// and defend; the team adds them during the investigation (`graded_not_respondent`).
pub fn add_respondent(ctx: &Ctx, case: &mut Case, person: &str) -> Result<(), WorkflowError> {
    const A: &str = "add_respondent";
    investigating(ctx, case, A)?;
    if ctx.dir.person(person).is_none() {
        return Err(ctx.refuse(case, A, Refusal::UnknownPerson(person.to_string())));
    }
    if case.respondents.iter().any(|r| r == person) {
        return Err(ctx.refuse(case, A, Refusal::AlreadyRespondent(person.to_string())));
    }
    case.respondents.push(person.to_string());
    Ok(())
}

/// Art. 10(2): hearing the respondent (陈述和申辩), the officer, the counterpart and
/// interested parties — "应当由两名或两名以上工作人员进行": refused unless it is a counted
/// hearing (two un-recused team members among the interviewers, none involved), recorded by
/// one of its interviewers.
pub fn record_interview(
    ctx: &Ctx,
    case: &mut Case,
    interview: &Interview,
) -> Result<(), WorkflowError> {
    const A: &str = "record_interview";
    investigating(ctx, case, A)?;
    ctx.not_future(case, A, interview.on)?;
    if !interview.interviewers.contains(&ctx.actor.login) {
        return Err(ctx.refuse(
            case,
            A,
            Refusal::RecorderNotInterviewer(ctx.actor.login.clone()),
        ));
    }
    let defects = hearing::hearing_defects(case, ctx.dir.relations(), interview);
    if !defects.is_empty() {
        return Err(ctx.refuse(case, A, Refusal::NotCounted(defects)));
    }
    case.interviews.push(interview.clone());
    Ok(())
}

/// Why no counterpart or interested party could be heard (replacing; versioned).
pub fn set_interested_parties_note(
    ctx: &Ctx,
    case: &mut Case,
    note: Option<String>,
) -> Result<(), WorkflowError> {
    investigating(ctx, case, "set_interested_parties_note")?;
    case.interested_parties_note = note.as_deref().and_then(non_blank).map(str::to_string);
    Ok(())
}

/// Art. 10(3): "应当在受理之日起 30 日内将处理意见报局党委". Why the opinion is (or will be)
/// late; bundle-v2.md lets the team record it from `investigating` on, before it submits
/// (replacing; versioned). Blank clears it.
pub fn set_overdue_reason(
    ctx: &Ctx,
    case: &mut Case,
    reason: Option<&str>,
) -> Result<(), WorkflowError> {
    investigating(ctx, case, "set_overdue_reason")?;
    case.overdue_reason = reason.and_then(non_blank).map(str::to_string);
    Ok(())
}

/// The team's findings (replacing; versioned).
pub fn set_findings(ctx: &Ctx, case: &mut Case, findings: &Findings) -> Result<(), WorkflowError> {
    const A: &str = "set_findings";
    if case.stage == Stage::Submitted && case.decision.is_none() {
        access::require_team_member(ctx.actor, case, A)?;
        return complete_culpability(ctx, case, findings);
    }
    investigating(ctx, case, A)?;
    case.findings = Some(findings.clone());
    Ok(())
}

/// Art. 2 ¶2: a fault is one committed "因故意或者重大过失", so the committee cannot weigh a
/// person whose state of mind the opinion leaves out (a case submitted before culpability
/// was recorded: a database migrated from bundle/1). Until the committee decides (Art.
/// 10(3)), the team that reported may add what is missing — only that: an entry already
/// recorded and everything else of the submitted findings stay as submitted.
fn complete_culpability(
    ctx: &Ctx,
    case: &mut Case,
    findings: &Findings,
) -> Result<(), WorkflowError> {
    let Some(current) = case.findings.as_mut() else {
        return Err(ctx.refuse(case, "set_findings", Refusal::SubmittedFindings));
    };
    let mut rest = findings.clone();
    rest.culpability = current.culpability.clone();
    let kept = current
        .culpability
        .iter()
        .all(|(login, c)| findings.culpability.get(login) == Some(c));
    if rest != *current || !kept {
        return Err(ctx.refuse(case, "set_findings", Refusal::SubmittedFindings));
    }
    current.culpability = findings.culpability.clone();
    Ok(())
}

/// Art. 10(3): "经过调查组调查取证和集体研究". A later deliberation replaces the earlier one
/// (the audit keeps both).
pub fn deliberate(
    ctx: &Ctx,
    case: &mut Case,
    deliberation: &Deliberation,
) -> Result<(), WorkflowError> {
    const A: &str = "deliberate";
    investigating(ctx, case, A)?;
    ctx.not_future(case, A, deliberation.on)?;
    // Art. 10(3): a valid deliberation (two un-recused members, none involved, after the
    // hearings) or none at all.
    let defects = hearing::deliberation_defects(case, ctx.dir.relations(), deliberation, ctx.today);
    if !defects.is_empty() {
        return Err(ctx.refuse(case, A, Refusal::NotCounted(defects)));
    }
    case.deliberation = Some(deliberation.clone());
    Ok(())
}

/// Art. 10(3): "应当在受理之日起 30 日内将处理意见报局党委". Gated by the submission check as
/// of `on`: two un-recused investigators, no involved member unrecused, the respondent
/// heard, deliberation, complete findings, a reason if late.
pub fn submit(
    ctx: &mut Ctx,
    case: &mut Case,
    on: NaiveDate,
    overdue_reason: Option<String>,
) -> Result<(), WorkflowError> {
    const A: &str = "submit";
    investigating(ctx, case, A)?;
    ctx.not_future(case, A, on)?;
    case.submitted_on = Some(on);
    // A reason given here replaces one recorded earlier (`set_overdue_reason`); none given
    // keeps it, so a submission never silently drops the team's explanation.
    if let Some(r) = overdue_reason.as_deref().and_then(non_blank) {
        case.overdue_reason = Some(r.to_string());
    }
    let report = check(case, ctx.dir, ctx.cal, on, &mut ctx.uncovered);
    if !report.ready() {
        return Err(WorkflowError::Blocked(report));
    }
    case.stage = Stage::Submitted;
    Ok(())
}

/// The common gate of the team's work: an un-recused member, while the case is under
/// investigation.
fn investigating(ctx: &Ctx, case: &Case, action: &'static str) -> Result<(), WorkflowError> {
    access::require_team_member(ctx.actor, case, action)?;
    access::require_stage(case, &[Stage::Investigating], action)
}
