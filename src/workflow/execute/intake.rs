//! Intake, acceptance, notification and closing: the legal affairs office's steps
//! (Art. 10(1)).

use chrono::NaiveDate;

use crate::domain::model::{
    Acceptance, AcceptanceDecision, Act, Case, Complainant, Login, Role, Source, Stage,
};

use super::{Ctx, non_blank};
use crate::workflow::{Refusal, WorkflowError, access};

/// The bureau's case number: 卧应急责〔YEAR〕N号.
pub fn format_number(year: i32, n: u32) -> String {
    format!("{}{n}号", number_prefix(year))
}

/// What every number of `year` in the bureau's form starts with.
pub fn number_prefix(year: i32) -> String {
    format!("卧应急责〔{year}〕")
}

/// `(year, n)` of a number in the bureau's form; None for any other form (imported
/// numbers of other bureaus are kept as they are and do not take part in numbering).
pub fn parse_number(number: &str) -> Option<(i32, u32)> {
    let rest = number.strip_prefix("卧应急责〔")?;
    let (year, rest) = rest.split_once('〕')?;
    let n = rest.strip_suffix('号')?;
    Some((year.parse().ok()?, n.parse().ok()?))
}

/// The next free number of `year`, after the highest of `existing` in that year.
pub fn next_number(year: i32, existing: &[String]) -> String {
    let last = existing
        .iter()
        .filter_map(|n| parse_number(n))
        .filter(|(y, _)| *y == year)
        .map(|(_, n)| n)
        .max()
        .unwrap_or(0);
    format_number(year, last + 1)
}

/// Art. 10(1): a complaint, appeal or report arrives at the legal affairs office.
#[allow(clippy::too_many_arguments)]
pub fn intake(
    ctx: &Ctx,
    number: String,
    title: &str,
    source: Source,
    received_on: NaiveDate,
    complainant: Option<Complainant>,
    summary: &str,
    act: &Act,
    respondents: &[Login],
) -> Result<Case, WorkflowError> {
    access::require_role(ctx.actor, Role::Legal, "intake")?;
    let case = Case::received(
        number,
        title.trim().to_string(),
        source,
        received_on,
        complainant,
        summary.to_string(),
        act.clone(),
        respondents.to_vec(),
    );
    ctx.not_future(&case, "intake", received_on)?;
    Ok(case)
}

/// Art. 10(1): "经审查有事实依据的，应当受理并立案".
pub fn accept(
    ctx: &Ctx,
    case: &mut Case,
    on: NaiveDate,
    reason: Option<String>,
) -> Result<(), WorkflowError> {
    const A: &str = "accept";
    access::require_role(ctx.actor, Role::Legal, A)?;
    access::require_stage(case, &[Stage::Received], A)?;
    ctx.not_future(case, A, on)?;
    case.acceptance = Some(Acceptance {
        decision: AcceptanceDecision::Accepted,
        on,
        by: ctx.actor.login.clone(),
        reason: reason.as_deref().and_then(non_blank).map(str::to_string),
        notified_on: None,
    });
    case.stage = Stage::Accepted;
    Ok(())
}

/// Art. 10(1): "没有事实依据的，不予受理 … 不予受理的应当告知理由" — a reason is required.
pub fn reject(
    ctx: &Ctx,
    case: &mut Case,
    on: NaiveDate,
    reason: &str,
) -> Result<(), WorkflowError> {
    const A: &str = "reject";
    access::require_role(ctx.actor, Role::Legal, A)?;
    access::require_stage(case, &[Stage::Received], A)?;
    ctx.not_future(case, A, on)?;
    let Some(reason) = non_blank(reason) else {
        return Err(ctx.refuse(case, A, Refusal::ReasonRequired));
    };
    case.acceptance = Some(Acceptance {
        decision: AcceptanceDecision::Rejected,
        on,
        by: ctx.actor.login.clone(),
        reason: Some(reason.to_string()),
        notified_on: None,
    });
    case.stage = Stage::Rejected;
    Ok(())
}

/// Art. 10(1): "有明确投诉、申诉、举报人的，应当告知其受理或者不予受理的结果". Possible at any
/// stage once acceptance is decided (telling may lag behind the investigation).
pub fn notify(ctx: &Ctx, case: &mut Case, on: NaiveDate) -> Result<(), WorkflowError> {
    const A: &str = "notify";
    access::require_role(ctx.actor, Role::Legal, A)?;
    if case.acceptance.is_none() {
        return Err(WorkflowError::WrongStage {
            case: case.number.clone(),
            stage: case.stage,
            action: A,
        });
    }
    ctx.not_future(case, A, on)?;
    if case.complainant.is_none() {
        return Err(ctx.refuse(case, A, Refusal::NoComplainant));
    }
    let refusal = match &mut case.acceptance {
        Some(acc) => match acc.notified_on {
            Some(d) => Some(Refusal::AlreadyNotified(d)),
            None => {
                acc.notified_on = Some(on);
                None
            }
        },
        None => None,
    };
    match refusal {
        Some(r) => Err(ctx.refuse(case, A, r)),
        None => Ok(()),
    }
}

/// Closing: after a rejection, or once every decided measure is applied and no appeal is
/// open. A named complainant must have been told the result first (Art. 10(1)).
pub fn close(ctx: &Ctx, case: &mut Case, on: NaiveDate) -> Result<(), WorkflowError> {
    const A: &str = "close";
    access::require_role(ctx.actor, Role::Legal, A)?;
    access::require_stage(
        case,
        &[Stage::Rejected, Stage::Decided, Stage::Sanctioned],
        A,
    )?;
    ctx.not_future(case, A, on)?;
    let told = case.complainant.is_none()
        || case
            .acceptance
            .as_ref()
            .is_some_and(|a| a.notified_on.is_some());
    if !told {
        return Err(ctx.refuse(case, A, Refusal::NotNotified));
    }
    let open = super::decision::open_measures(case);
    if !open.is_empty() {
        return Err(ctx.refuse(case, A, Refusal::OpenMeasures(open)));
    }
    case.stage = Stage::Closed;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_follow_the_highest_of_the_year() {
        let existing = vec![
            "卧应急责〔2026〕7号".to_string(),
            "卧应急责〔2026〕12号".to_string(),
            "卧应急责〔2025〕40号".to_string(),
            "外局〔2026〕99号".to_string(),
        ];
        assert_eq!(next_number(2026, &existing), "卧应急责〔2026〕13号");
        assert_eq!(next_number(2025, &existing), "卧应急责〔2025〕41号");
        assert_eq!(next_number(2027, &existing), "卧应急责〔2027〕1号");
        assert_eq!(parse_number("卧应急责〔2026〕7号"), Some((2026, 7)));
        for bad in [
            "卧应急责〔2026〕号",
            "卧应急责2026〕7号",
            "卧应急责〔x〕7号",
            "",
        ] {
            assert_eq!(parse_number(bad), None, "{bad}");
        }
    }
}
