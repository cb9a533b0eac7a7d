//! Each command as a pure change of a case: the permission, stage and rule checks of one
//! step of the procedure, then the mutation. No database here; the session runs these
//! inside its transaction on what it just read, and writes what they return.

mod decision;
mod intake;
mod investigation;
mod people;
pub use people::RELATION_ROLES;

use chrono::NaiveDate;

use crate::domain::Directory;
use crate::domain::calendar::{Calendar, Uncovered};
use crate::domain::model::{Case, Person};

use super::access;
use super::{Command, Refusal, WorkflowError};

pub use intake::{intake, next_number, number_prefix, parse_number};
pub use people::{add_relation, upsert_person};

/// What a command is judged against.
pub struct Ctx<'a> {
    pub actor: &'a Person,
    pub dir: &'a Directory,
    pub cal: &'a Calendar,
    pub today: NaiveDate,
    /// Years the calendar did not cover that a check consulted.
    pub uncovered: Uncovered,
    /// The vault hash of the file an `AddEvidence` attaches (stored before the transaction).
    pub attachment: Option<String>,
}

impl Ctx<'_> {
    /// A refusal of `action` on `case` for `refusal`.
    fn refuse(&self, case: &Case, action: &'static str, refusal: Refusal) -> WorkflowError {
        WorkflowError::Refused {
            case: Some(case.number.clone()),
            action,
            refusal,
        }
    }

    /// Records cannot be dated in the future: the procedure's deadlines run from them.
    fn not_future(
        &self,
        case: &Case,
        action: &'static str,
        on: NaiveDate,
    ) -> Result<(), WorkflowError> {
        if on > self.today {
            Err(self.refuse(case, action, Refusal::FutureDate(on)))
        } else {
            Ok(())
        }
    }
}

/// Apply a command that changes one existing case. The caller has loaded `case` and
/// checked that the actor may open it and that a replacing command's version is current.
pub fn apply(ctx: &mut Ctx, case: &mut Case, cmd: &Command) -> Result<(), WorkflowError> {
    // Someone who names a case number to act on it is told plainly why they may not
    // (case numbers are official document numbers, not secrets); browsing hides the case.
    if let Err(why) = access::may_open(ctx.actor, case) {
        return Err(WorkflowError::NotPermitted {
            login: ctx.actor.login.clone(),
            action: cmd.action(),
            needs: None,
            why,
        });
    }
    use Command as C;
    match cmd {
        C::Accept { on, reason, .. } => intake::accept(ctx, case, *on, reason.clone()),
        C::Reject { on, reason, .. } => intake::reject(ctx, case, *on, reason),
        C::Notify { on, .. } => intake::notify(ctx, case, *on),
        C::Close { on, .. } => intake::close(ctx, case, *on),
        C::AppointTeam { on, members, .. } => investigation::appoint(ctx, case, *on, members),
        C::Recuse {
            person, on, reason, ..
        } => investigation::recuse(ctx, case, person, *on, reason),
        C::AddEvidence {
            kind,
            description,
            collected_on,
            ..
        } => investigation::add_evidence(ctx, case, kind, description, *collected_on),
        C::AddRespondent { person, .. } => investigation::add_respondent(ctx, case, person),
        C::RecordInterview { interview, .. } => {
            investigation::record_interview(ctx, case, interview)
        }
        C::SetInterestedPartiesNote { note, .. } => {
            investigation::set_interested_parties_note(ctx, case, note.clone())
        }
        C::SetOverdueReason { reason, .. } => {
            investigation::set_overdue_reason(ctx, case, reason.as_deref())
        }
        C::SetFindings { findings, .. } => investigation::set_findings(ctx, case, findings),
        C::Deliberate { deliberation, .. } => investigation::deliberate(ctx, case, deliberation),
        C::Submit {
            on, overdue_reason, ..
        } => investigation::submit(ctx, case, *on, overdue_reason.clone()),
        C::Decide { decision, .. } => decision::decide(ctx, case, decision),
        C::ApplySanction { sanction, .. } => decision::apply_sanction(ctx, case, sanction),
        C::FileAppeal { appeal, .. } => decision::file_appeal(ctx, case, appeal),
        C::AcceptAppeal {
            index,
            on,
            extended,
            ..
        } => decision::accept_appeal(ctx, case, *index, *on, *extended),
        C::DecideAppeal {
            index,
            on,
            result,
            outcome,
            changed_to,
            ..
        } => decision::decide_appeal(
            ctx,
            case,
            *index,
            *on,
            result,
            *outcome,
            changed_to.as_ref(),
        ),
        C::Intake { .. } | C::AddRelation(_) | C::UpsertPerson(_) => {
            // These do not change an existing case; the session routes them elsewhere.
            Err(WorkflowError::Store(format!(
                "{} does not apply to an existing case",
                cmd.action()
            )))
        }
    }
}

/// A trimmed text, or None when blank.
fn non_blank(s: &str) -> Option<&str> {
    let t = s.trim();
    (!t.is_empty()).then_some(t)
}

#[cfg(test)]
mod tests;
