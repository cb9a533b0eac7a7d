//! Who may see a case and who may do what. Pure: the session calls these inside its
//! transaction, on the case and directory it just read.

use crate::domain::model::{Case, Person, Role, Stage};

use super::{Why, WorkflowError};
use crate::store::Reach;

/// Roles that see every case: they receive, appoint, decide or administer.
pub(crate) const SEE_ALL: [Role; 4] = [Role::Admin, Role::Legal, Role::Chief, Role::Committee];

/// Whether `actor` may open `case`; the refusal says why not.
///
/// Art. 10(2): a recused investigator "no longer counts" and loses access to the file. An
/// investigator sees only the cases they are assigned to; an officer (the people under
/// investigation) sees none.
pub fn may_open(actor: &Person, case: &Case) -> Result<(), Why> {
    if SEE_ALL.iter().any(|r| actor.has(*r)) {
        return Ok(());
    }
    if let Some(r) = case.recusals.iter().find(|r| r.person == actor.login) {
        return Err(Why::Recused { on: r.on });
    }
    if actor.has(Role::Investigator) {
        let on_team = case
            .team
            .as_ref()
            .is_some_and(|t| t.members.contains(&actor.login));
        return if on_team {
            Ok(())
        } else {
            Err(Why::NotAssigned)
        };
    }
    Err(Why::OfficerNoAccess)
}

/// [`may_open`] as a query over every case: which cases' rows the store may return to
/// `actor` (the stored obligations, paged lists). Must say exactly what `may_open` says.
pub fn reach(actor: &Person) -> Reach {
    if SEE_ALL.iter().any(|r| actor.has(*r)) {
        Reach::All
    } else if actor.has(Role::Investigator) {
        Reach::Team(actor.login.clone())
    } else {
        Reach::Nothing
    }
}

/// `may_open` as a workflow error: a case the actor may not see is reported as not found
/// (its existence is confidential), except to a recused investigator, who knows of it and
/// is told why the door closed.
pub fn open(actor: &Person, case: &Case) -> Result<(), WorkflowError> {
    match may_open(actor, case) {
        Ok(()) => Ok(()),
        Err(why @ Why::Recused { .. }) => Err(WorkflowError::NotPermitted {
            login: actor.login.clone(),
            action: "open",
            needs: None,
            why,
        }),
        Err(_) => Err(WorkflowError::NotFound(case.number.clone())),
    }
}

/// The actor holds `role`.
pub fn require_role(actor: &Person, role: Role, action: &'static str) -> Result<(), WorkflowError> {
    if actor.has(role) {
        Ok(())
    } else {
        Err(WorkflowError::NotPermitted {
            login: actor.login.clone(),
            action,
            needs: Some(role),
            why: Why::NeedsRole(role),
        })
    }
}

/// The actor holds one of `roles` (the first is named as the one needed).
pub fn require_any_role(
    actor: &Person,
    roles: &[Role],
    action: &'static str,
) -> Result<(), WorkflowError> {
    if roles.iter().any(|r| actor.has(*r)) {
        return Ok(());
    }
    let role = roles.first().copied().unwrap_or(Role::Admin);
    Err(WorkflowError::NotPermitted {
        login: actor.login.clone(),
        action,
        needs: Some(role),
        why: Why::NeedsRole(role),
    })
}

/// Art. 10(2): the investigation is the team's — an un-recused member with the
/// investigator role.
pub fn require_team_member(
    actor: &Person,
    case: &Case,
    action: &'static str,
) -> Result<(), WorkflowError> {
    let refuse = |why| WorkflowError::NotPermitted {
        login: actor.login.clone(),
        action,
        needs: Some(Role::Investigator),
        why,
    };
    if let Some(r) = case.recusals.iter().find(|r| r.person == actor.login) {
        return Err(refuse(Why::Recused { on: r.on }));
    }
    let on_team = case
        .team
        .as_ref()
        .is_some_and(|t| t.members.contains(&actor.login));
    if !on_team || !actor.has(Role::Investigator) {
        return Err(refuse(Why::NotOnTeam));
    }
    Ok(())
}

/// The case is at one of `allowed` stages.
pub fn require_stage(
    case: &Case,
    allowed: &[Stage],
    action: &'static str,
) -> Result<(), WorkflowError> {
    if allowed.contains(&case.stage) {
        Ok(())
    } else {
        Err(WorkflowError::WrongStage {
            case: case.number.clone(),
            stage: case.stage,
            action,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::model::{Bundle, Recusal};

    fn example() -> Bundle {
        serde_json::from_str(include_str!("../../tests/fixtures/example.json"))
            .expect("example bundle")
    }

    fn person(login: &str, roles: &[Role]) -> Person {
        Person {
            login: login.into(),
            name: login.into(),
            unit: "u".into(),
            roles: roles.to_vec(),
        }
    }

    #[test]
    fn who_may_open_a_case() {
        let b = example();
        let mut case = b.cases[0].clone();
        case.recusals.push(Recusal {
            person: "zhaom".into(),
            on: chrono::NaiveDate::from_ymd_opt(2026, 10, 11).expect("date"),
            reason: "relative".into(),
        });
        let rows: [(&str, &[Role], bool); 8] = [
            ("liuf", &[Role::Legal], true),
            ("chenj", &[Role::Chief], true),
            ("wuy", &[Role::Committee], true),
            ("root", &[Role::Admin], true),
            ("wangl", &[Role::Investigator], true),
            ("zhaom", &[Role::Investigator], false), // recused
            ("other", &[Role::Investigator], false), // not on the team
            ("sunq", &[Role::Officer], false),
        ];
        for (login, roles, ok) in rows {
            assert_eq!(
                may_open(&person(login, roles), &case).is_ok(),
                ok,
                "{login}"
            );
        }
        assert!(matches!(
            open(&person("zhaom", &[Role::Investigator]), &case),
            Err(WorkflowError::NotPermitted {
                why: Why::Recused { .. },
                ..
            })
        ));
        assert!(matches!(
            open(&person("sunq", &[Role::Officer]), &case),
            Err(WorkflowError::NotFound(_))
        ));
    }

    #[test]
    fn team_membership_needs_role_and_no_recusal() {
        let b = example();
        let case = b.cases[0].clone();
        assert!(require_team_member(&person("wangl", &[Role::Investigator]), &case, "x").is_ok());
        // On the team but without the investigator role (e.g. lost it since).
        assert!(require_team_member(&person("wangl", &[Role::Officer]), &case, "x").is_err());
        assert!(require_team_member(&person("liuf", &[Role::Legal]), &case, "x").is_err());
    }

    #[test]
    fn stage_and_role_checks() {
        let b = example();
        let case = b.cases[0].clone();
        assert!(require_stage(&case, &[Stage::Investigating], "submit").is_ok());
        assert!(matches!(
            require_stage(&case, &[Stage::Received], "accept"),
            Err(WorkflowError::WrongStage {
                stage: Stage::Investigating,
                action: "accept",
                ..
            })
        ));
        let officer = person("sunq", &[Role::Officer]);
        assert!(matches!(
            require_role(&officer, Role::Legal, "accept"),
            Err(WorkflowError::NotPermitted {
                needs: Some(Role::Legal),
                ..
            })
        ));
        assert!(require_any_role(&officer, &[Role::Admin, Role::Officer], "x").is_ok());
    }
}
