//! Which workflow step the user may take on which case, and why not. The footer offers only
//! what passes here; a key pressed anyway gets the reason. The workflow checks again on
//! execute — this is the courtesy, the workflow is the guard.

use crate::domain::Directory;
use crate::domain::conflict::involvement;
use crate::domain::model::{Case, Person, Role, Stage};
use crate::domain::step::Step;
use crate::i18n::Lang;
use crate::i18n::ui as t;
use crate::workflow::execute::RELATION_ROLES;

fn needs_role(me: &Person, a: Step, role: Role, lang: Lang) -> Result<(), String> {
    if me.has(role) {
        Ok(())
    } else {
        Err(t::refused_role(a, t::role(role, lang), lang))
    }
}

fn needs_stage(case: &Case, a: Step, ok: &[Stage], lang: Lang) -> Result<(), String> {
    if ok.contains(&case.stage) {
        Ok(())
    } else {
        Err(t::refused_stage(a, case.stage, lang))
    }
}

/// Whether someone the findings grade has no state of mind recorded (Art. 2 ¶2).
fn culpability_missing(case: &Case) -> bool {
    let Some(f) = &case.findings else {
        return false;
    };
    crate::domain::liability::grades(case)
        .unwrap_or_default()
        .iter()
        .any(|(login, g)| {
            *g != crate::domain::model::Grade::None && !f.culpability.contains_key(login)
        })
}

/// May `me` take step `a` on `case` (None: no case selected)? Err: why not, in words.
pub fn permit(
    a: Step,
    me: &Person,
    case: Option<&Case>,
    dir: &Directory,
    lang: Lang,
) -> Result<(), String> {
    match a {
        // Art. 10(1): the legal affairs office receives complaints, appeals and reports.
        Step::Intake => return needs_role(me, a, Role::Legal, lang),
        Step::AddRelation => {
            // The workflow's own list, so the app never offers what it would refuse.
            return if RELATION_ROLES.iter().any(|&r| me.has(r)) {
                Ok(())
            } else {
                Err(t::refused_role(a, t::who("relation_roles", lang), lang))
            };
        }
        _ => {}
    }
    let Some(case) = case else {
        return Err(t::msg(t::Msg::NoCaseSelected, lang).to_string());
    };
    match a {
        // Art. 10(1): legal decides acceptance within 7 working days and tells the complainant.
        Step::Accept | Step::Reject => {
            needs_role(me, a, Role::Legal, lang)?;
            needs_stage(case, a, &[Stage::Received], lang)?;
        }
        Step::Notify => {
            needs_role(me, a, Role::Legal, lang)?;
            let waiting = case.complainant.is_some()
                && case
                    .acceptance
                    .as_ref()
                    .is_some_and(|x| x.notified_on.is_none());
            if !waiting {
                return Err(t::refused_other(a, t::who("no_complainant", lang), lang));
            }
        }
        // Art. 10(2): the bureau chief appoints the team.
        Step::AppointTeam => {
            needs_role(me, a, Role::Chief, lang)?;
            needs_stage(case, a, &[Stage::Accepted, Stage::Investigating], lang)?;
        }
        // Art. 10(2): only the un-recused team investigates, deliberates and reports.
        Step::AddEvidence
        | Step::AddRespondent
        | Step::RecordInterview
        | Step::InterestedPartiesNote
        | Step::OverdueReason
        | Step::Deliberate
        | Step::Submit
        | Step::Recuse => {
            if !case.active_investigators(None).contains(&me.login.as_str()) {
                return Err(t::refused_role(a, t::who("team", lang), lang));
            }
            needs_stage(case, a, &[Stage::Investigating], lang)?;
        }
        // Art. 10(2): the team records the findings while it investigates; Art. 2 ¶2 with
        // Art. 10(3): after submitting, until the committee decides, it may still add a graded
        // person's missing state of mind (a case migrated from bundle/1), and only that.
        Step::Findings => {
            if !case.active_investigators(None).contains(&me.login.as_str()) {
                return Err(t::refused_role(a, t::who("team", lang), lang));
            }
            let completing = case.stage == Stage::Submitted
                && case.decision.is_none()
                && culpability_missing(case);
            if !completing {
                needs_stage(case, a, &[Stage::Investigating], lang)?;
            }
        }
        // Art. 10(3): the committee decides; an involved member must recuse.
        Step::Decide => {
            needs_role(me, a, Role::Committee, lang)?;
            if !involvement(&me.login, case, dir.relations()).is_empty() {
                return Err(t::refused_other(a, t::who("involved", lang), lang));
            }
            needs_stage(case, a, &[Stage::Submitted], lang)?;
        }
        // Art. 11: the chief sees the decided measures applied within 30 days.
        Step::ApplySanction => {
            needs_role(me, a, Role::Chief, lang)?;
            needs_stage(case, a, &[Stage::Decided, Stage::Appealed], lang)?;
            if case.unapplied_measures().is_empty() {
                return Err(t::refused_other(a, t::who("no_measure", lang), lang));
            }
        }
        // Civil Servant Law: review and appeal after the committee's decision.
        Step::FileAppeal => {
            needs_role(me, a, Role::Legal, lang)?;
            needs_stage(
                case,
                a,
                &[Stage::Decided, Stage::Sanctioned, Stage::Appealed],
                lang,
            )?;
        }
        // bundle-v2.md: the case team owns review and appeal decisions (legal if none), so
        // an un-recused member may record one; accepting stays with the legal office.
        Step::AcceptAppeal | Step::DecideAppeal => {
            let team = a == Step::DecideAppeal
                && case.active_investigators(None).contains(&me.login.as_str());
            if !team {
                needs_role(me, a, Role::Legal, lang)?;
            }
            needs_stage(case, a, &[Stage::Appealed], lang)?;
            let pending = case.appeals.iter().any(|x| {
                x.decided_on.is_none() && (a == Step::DecideAppeal || x.accepted_on.is_none())
            });
            if !pending {
                return Err(t::refused_other(a, t::who("no_open_appeal", lang), lang));
            }
        }
        Step::Close => {
            needs_role(me, a, Role::Legal, lang)?;
            needs_stage(
                case,
                a,
                &[
                    Stage::Rejected,
                    Stage::Decided,
                    Stage::Sanctioned,
                    Stage::Appealed,
                ],
                lang,
            )?;
            if case.appeals.iter().any(|x| x.decided_on.is_none()) {
                return Err(t::refused_other(a, t::who("appeal_pending", lang), lang));
            }
        }
        _ => {}
    }
    Ok(())
}

/// The steps `me` may take now, for the footer hints.
pub fn offered(me: &Person, case: Option<&Case>, dir: &Directory) -> Vec<Step> {
    Step::ALL
        .into_iter()
        .filter(|a| permit(*a, me, case, dir, Lang::En).is_ok())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn person(roles: &[Role]) -> Person {
        Person {
            login: "p".into(),
            name: "某人".into(),
            unit: "法制股".into(),
            roles: roles.to_vec(),
        }
    }

    /// Art. 2 ¶2 with Art. 10(3): the findings form is offered on a submitted, undecided
    /// case only while a graded person's state of mind is missing (a case migrated from
    /// bundle/1), and only to the team.
    #[test]
    fn findings_are_offered_after_submission_only_to_complete_culpability() {
        use crate::domain::model::Bundle;
        let b: Bundle =
            serde_json::from_str(include_str!("../../tests/fixtures/example.json")).unwrap();
        let dir = Directory::new(b.people.clone(), b.relations.clone());
        let wangl = dir.person("wangl").unwrap().clone();
        let liuf = dir.person("liuf").unwrap().clone();
        let mut case = b.cases[0].clone();
        case.stage = Stage::Submitted;
        let may = |c: &Case, p: &Person| permit(Step::Findings, p, Some(c), &dir, Lang::En);
        assert!(may(&case, &wangl).is_err(), "complete: nothing to add");
        case.findings.as_mut().unwrap().culpability.remove("zhouh");
        assert_eq!(may(&case, &wangl), Ok(()));
        assert!(may(&case, &liuf).is_err(), "only the team");
        case.stage = Stage::Decided;
        assert!(may(&case, &wangl).is_err(), "decided: closed");
        case.stage = Stage::Investigating;
        assert_eq!(may(&case, &wangl), Ok(()));
    }

    #[test]
    fn relations_are_offered_to_exactly_the_roles_the_workflow_accepts() {
        let dir = Directory::default();
        for role in Role::ALL {
            let me = person(&[role]);
            let got = permit(Step::AddRelation, &me, None, &dir, Lang::En);
            assert_eq!(
                got.is_ok(),
                RELATION_ROLES.contains(&role),
                "{role:?}: {got:?}"
            );
        }
        let refused = permit(
            Step::AddRelation,
            &person(&[Role::Officer]),
            None,
            &dir,
            Lang::En,
        );
        assert!(
            refused.unwrap_err().contains("investigator"),
            "the refusal names the roles that may"
        );
    }
}
