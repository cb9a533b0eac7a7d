//! People and relations: bureau-wide, not tied to a case.

use crate::domain::Directory;
use crate::domain::model::{Person, Relation, Role};

use crate::workflow::{Refusal, Why, WorkflowError, access};

/// Add or update a person (admin only). A login is an OS account name: non-empty, no
/// whitespace. The last admin cannot drop their role (nobody could add people again).
pub fn upsert_person(actor: &Person, dir: &Directory, p: &Person) -> Result<(), WorkflowError> {
    const A: &str = "upsert_person";
    access::require_role(actor, Role::Admin, A)?;
    let bad_login = p.login.is_empty() || p.login.chars().any(char::is_whitespace);
    if bad_login || p.name.trim().is_empty() {
        return Err(WorkflowError::Refused {
            case: None,
            action: A,
            refusal: Refusal::IncompletePerson(p.login.clone()),
        });
    }
    let was_admin = dir.has_role(&p.login, Role::Admin);
    let other_admin = dir
        .people()
        .any(|q| q.login != p.login && q.has(Role::Admin));
    if was_admin && !p.has(Role::Admin) && !other_admin {
        return Err(WorkflowError::NotPermitted {
            login: actor.login.clone(),
            action: A,
            needs: None,
            why: Why::LastAdmin,
        });
    }
    Ok(())
}

/// Declare a relation. Admins, the legal office, the chief and investigators may: a
/// relation only ever adds a reason to recuse (Art. 10(2), 10(3)), and it is the
/// investigation that discovers them.
/// Who may declare a relation: anyone who may come across one in the procedure — the admin,
/// the legal office, the chief when appointing, an investigator about themselves or others.
pub const RELATION_ROLES: [Role; 4] = [Role::Admin, Role::Legal, Role::Chief, Role::Investigator];

pub fn add_relation(actor: &Person, dir: &Directory, r: &Relation) -> Result<(), WorkflowError> {
    const A: &str = "add_relation";
    access::require_any_role(actor, &RELATION_ROLES, A)?;
    let refuse = |refusal| WorkflowError::Refused {
        case: None,
        action: A,
        refusal,
    };
    for login in [&r.a, &r.b] {
        if dir.person(login).is_none() {
            return Err(refuse(Refusal::UnknownPerson(login.clone())));
        }
    }
    if r.a == r.b {
        return Err(refuse(Refusal::SelfRelation));
    }
    let same_pair = dir
        .relations()
        .iter()
        .any(|x| x.kind == r.kind && x.other(&r.a) == Some(r.b.as_str()));
    if same_pair {
        return Err(refuse(Refusal::DuplicateRelation {
            a: r.a.clone(),
            b: r.b.clone(),
        }));
    }
    Ok(())
}
