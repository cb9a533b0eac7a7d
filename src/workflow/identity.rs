//! Who is acting. The actor is the OS account of the REAL uid — never `$USER` or `$LOGNAME`,
//! which anyone can set — mapped to a person in the database by login. `--as LOGIN` is
//! honoured only on a database created as a demo, where nothing real is at stake, and only
//! when that file is the real user's alone ([`owned_alone`]).

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

/// Why a database is not the real user's alone (so `--as` is refused on it even though it
/// says it is a demo: its demo flag could have been set by someone else who can write it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NotAlone {
    /// The file belongs to another account.
    Owner { path: String, uid: u32 },
    /// The file can be written by its group or by everyone.
    Writable { path: String, mode: u32 },
}

/// Issue 7: the demo flag is in the database, so on its own it proves nothing — anyone who
/// can write the file can set it and then act `--as` the chief. In direct mode `--as` is
/// therefore honoured only on a database that is the real user's alone: the file and its
/// `-wal`/`-shm` (when present) owned by the real uid and writable by nobody else. (On the
/// bureau's server the service decides, from its own configuration.)
pub fn owned_alone(db: &std::path::Path) -> Result<(), NotAlone> {
    use std::os::unix::fs::MetadataExt;
    let me = getuid().as_raw();
    let mut files = vec![db.to_path_buf()];
    for side in ["-wal", "-shm"] {
        let mut p = db.as_os_str().to_os_string();
        p.push(side);
        files.push(p.into());
    }
    for (i, f) in files.iter().enumerate() {
        let meta = match std::fs::metadata(f) {
            Ok(m) => m,
            // The WAL and shared-memory files come and go with connections.
            Err(_) if i > 0 => continue,
            Err(_) => {
                return Err(NotAlone::Owner {
                    path: f.display().to_string(),
                    uid: u32::MAX,
                });
            }
        };
        let path = f.display().to_string();
        if meta.uid() != me {
            return Err(NotAlone::Owner {
                path,
                uid: meta.uid(),
            });
        }
        if meta.mode() & 0o022 != 0 {
            return Err(NotAlone::Writable {
                path,
                mode: meta.mode() & 0o7777,
            });
        }
    }
    Ok(())
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
