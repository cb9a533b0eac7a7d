//! Who is acting. The actor is the OS account of the REAL uid — never `$USER` or `$LOGNAME`,
//! which anyone can set — mapped to a person in the database by login. `--as LOGIN` is
//! honoured only on a database created as a demo, where nothing real is at stake.

use nix::unistd::{User, getuid};

use crate::domain::Directory;
use crate::domain::model::{Login, Person, Role};

use super::WorkflowError;

/// The account name of the real uid.
pub fn real_login() -> Result<Login, WorkflowError> {
    let uid = getuid();
    match User::from_uid(uid) {
        Ok(Some(user)) => Ok(user.name),
        // A uid with no passwd entry (e.g. a bare container) cannot be mapped to anyone.
        Ok(None) => Err(WorkflowError::UnknownUser {
            login: format!("uid {uid}"),
            admins: Vec::new(),
        }),
        Err(e) => Err(WorkflowError::Store(format!(
            "cannot look up the account of uid {uid}: {e}"
        ))),
    }
}

/// The login to act as: `as_login` on a demo database, else the real uid's account.
pub fn acting_login(as_login: Option<&str>, demo: bool) -> Result<Login, WorkflowError> {
    match as_login {
        Some(_) if !demo => Err(WorkflowError::SwitchUserNotAllowed),
        Some(login) => Ok(login.to_string()),
        None => real_login(),
    }
}

/// The person behind `login`, or `UnknownUser` naming the admins who can add them.
pub fn resolve(dir: &Directory, login: &str) -> Result<Person, WorkflowError> {
    dir.person(login)
        .cloned()
        .ok_or_else(|| WorkflowError::UnknownUser {
            login: login.to_string(),
            admins: admins(dir),
        })
}

/// The logins holding the admin role, in login order.
pub fn admins(dir: &Directory) -> Vec<Login> {
    dir.people()
        .filter(|p| p.has(Role::Admin))
        .map(|p| p.login.clone())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(login: &str, roles: &[Role]) -> Person {
        Person {
            login: login.into(),
            name: format!("N{login}"),
            unit: "u".into(),
            roles: roles.to_vec(),
        }
    }

    #[test]
    fn unknown_login_names_the_admins() {
        let dir = Directory::new(
            [
                p("liuf", &[Role::Legal, Role::Admin]),
                p("wangl", &[Role::Investigator]),
                p("admin2", &[Role::Admin]),
            ],
            Vec::new(),
        );
        assert_eq!(
            resolve(&dir, "wangl").map(|p| p.login).ok(),
            Some("wangl".into())
        );
        match resolve(&dir, "nobody") {
            Err(WorkflowError::UnknownUser { login, admins }) => {
                assert_eq!(login, "nobody");
                assert_eq!(admins, vec!["admin2".to_string(), "liuf".to_string()]);
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn switching_user_only_on_a_demo() {
        assert!(matches!(
            acting_login(Some("liuf"), false),
            Err(WorkflowError::SwitchUserNotAllowed)
        ));
        assert_eq!(acting_login(Some("liuf"), true).ok(), Some("liuf".into()));
        // Without --as: the real uid's account, whatever $USER says.
        assert_eq!(acting_login(None, false).ok(), real_login().ok());
    }
}
