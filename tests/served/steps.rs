//! The steps that had no served test yet — DecideAppeal, AddRespondent, SetOverdueReason —
//! through the real service and directly on a copy of the same database, by the real
//! binary: the same answer, the same refusals, and the same case afterwards.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

use chrono::NaiveDate;
use culpa::domain::model::{AppealOutcome, Role, Stage};
use culpa::ui::backend::Backend;
use culpa::workflow::{Command as Wf, Session};

use crate::common::served::*;

/// Where a command goes.
#[derive(Clone, Copy)]
enum To<'a> {
    /// The service at this socket (root, `--as` on a demo service).
    Served(&'a Path),
    /// This database file, with the service's day as `--today`.
    Direct(&'a Path, NaiveDate),
}

/// `culpa --lang en --as ACTOR ARGS` with `stdin`: exit code, stdout, stderr.
fn culpa(to: To, actor: &str, args: &[&str], stdin: &str) -> (Option<i32>, String, String) {
    let mut c = Command::new(bin());
    c.args(["--lang", "en", "--as", actor])
        .env_remove("CULPA_DB")
        .env_remove("CULPA_SERVER")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    match to {
        To::Served(socket) => {
            c.env("CULPA_SERVER", socket);
        }
        To::Direct(db, today) => {
            c.arg("--db").arg(db).arg("--today").arg(today.to_string());
        }
    }
    let mut child = c.args(args).spawn().expect("culpa runs");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(stdin.as_bytes())
        .expect("write stdin");
    let out = child.wait_with_output().expect("culpa ends");
    (out.status.code(), text(&out.stdout), text(&out.stderr))
}

/// Apply `cmd` as `actor` in both modes; both must answer alike. Returns the exit code.
fn both(served: To, direct: To, actor: &str, cmd: &Wf) -> Option<i32> {
    let json = serde_json::to_string(cmd).expect("json");
    let s = culpa(served, actor, &["--json", "apply", "-"], &json);
    let d = culpa(direct, actor, &["--json", "apply", "-"], &json);
    assert_eq!(s, d, "{actor}: {json}");
    s.0
}

#[test]
fn decide_appeal_add_respondent_and_overdue_reason_alike_in_both_modes() {
    if !root_or_skip("decide_appeal_add_respondent_and_overdue_reason_alike_in_both_modes") {
        return;
    }
    let mut accounts = Accounts::default();
    let svc = accounts.add("ps");
    let s = Service::demo(&svc);
    // The same database, for direct mode: a copy that is root's alone.
    let mine = tempfile::tempdir().expect("tempdir");
    let copy = mine.path().join("copy.db");
    rusqlite::Connection::open(&s.db)
        .expect("open")
        .execute("VACUUM INTO ?1", [copy.to_str().expect("utf-8")])
        .expect("copy");
    std::fs::set_permissions(&copy, std::os::unix::fs::PermissionsExt::from_mode(0o600))
        .expect("chmod");
    // Writes are dated by the service; direct mode is told the same day.
    let today = chrono::Local::now().date_naive();
    let (served, direct) = (To::Served(&s.socket), To::Direct(&copy, today));
    const ACTIONS: [&str; 3] = ["decide_appeal", "add_respondent", "set_overdue_reason"];
    let recorded = ACTIONS.map(|a| s.count("SELECT count(*) FROM audit WHERE action = ?1", [a]));

    let look = Session::open(&copy, Some("liuf")).expect("session");
    let dir = Backend::directory(&look).expect("directory");
    let cases = Backend::cases(&look).expect("cases");
    let legal = dir
        .people()
        .find(|p| p.has(Role::Legal))
        .expect("a legal officer")
        .login
        .clone();

    // DecideAppeal: an appeal still open, decided by the legal office.
    let (appealed, index) = cases
        .iter()
        .filter(|r| r.case.stage == Stage::Appealed)
        .find_map(|r| {
            let i = r.case.appeals.iter().position(|a| a.decided_on.is_none())?;
            Some((r.case.number.clone(), i))
        })
        .expect("an appealed case with an open appeal in the demo");
    let decide = |index: usize| Wf::DecideAppeal {
        case: appealed.clone(),
        index,
        on: today,
        result: "维持原决定。".into(),
        outcome: AppealOutcome::Upheld,
        changed_to: None,
    };
    let investigator = dir
        .people()
        .find(|p| p.roles == [Role::Investigator])
        .expect("an investigator")
        .login
        .clone();
    assert_eq!(both(served, direct, &investigator, &decide(index)), Some(1));
    assert_eq!(both(served, direct, &legal, &decide(index + 40)), Some(1));
    assert_eq!(both(served, direct, &legal, &decide(index)), Some(0));
    assert_eq!(both(served, direct, &legal, &decide(index)), Some(1));

    // AddRespondent and SetOverdueReason: by a member of an investigating case's team.
    let (case, member, version) = cases
        .iter()
        .filter(|r| r.case.stage == Stage::Investigating)
        .find_map(|r| {
            let team = r.case.team.as_ref()?;
            let m = team
                .members
                .iter()
                .find(|m| !r.case.recusals.iter().any(|x| &x.person == *m))?;
            Some((r.case.number.clone(), m.clone(), r.version))
        })
        .expect("an investigating case with a team in the demo");
    let reason = |expected_version| Wf::SetOverdueReason {
        case: case.clone(),
        reason: Some("证人出国，无法按期询问".into()),
        expected_version,
    };
    // A stale version is a conflict naming the last change (the same in both databases).
    assert_eq!(both(served, direct, &member, &reason(version - 1)), Some(1));
    assert_eq!(both(served, direct, &legal, &reason(version)), Some(1));
    assert_eq!(both(served, direct, &member, &reason(version)), Some(0));
    let before = Backend::case(&look, &case).expect("case");
    let newcomer = dir
        .people()
        .find(|p| p.has(Role::Officer) && !before.case.respondents.contains(&p.login))
        .expect("an officer not yet a respondent")
        .login
        .clone();
    let add = |person: &str| Wf::AddRespondent {
        case: case.clone(),
        person: person.into(),
    };
    assert_eq!(both(served, direct, &member, &add("nobody-here")), Some(1));
    assert_eq!(both(served, direct, &legal, &add(&newcomer)), Some(1));
    assert_eq!(both(served, direct, &member, &add(&newcomer)), Some(0));
    assert_eq!(both(served, direct, &member, &add(&newcomer)), Some(1));

    // The cases afterwards, as each mode exports them, are the same — and hold the steps.
    for number in [&appealed, &case] {
        let s = culpa(served, &legal, &["--json", "export", number], "");
        let d = culpa(direct, &legal, &["--json", "export", number], "");
        assert_eq!(s.0, Some(0), "{}", s.2);
        assert_eq!(s, d, "{number}");
    }
    let after = Backend::case(&Session::open(&copy, Some("liuf")).expect("session"), &case)
        .expect("case")
        .case;
    assert!(after.respondents.contains(&newcomer));
    assert_eq!(
        after.overdue_reason.as_deref(),
        Some("证人出国，无法按期询问")
    );
    for (action, before) in ACTIONS.iter().zip(recorded) {
        assert_eq!(
            s.count("SELECT count(*) FROM audit WHERE action = ?1", [action]),
            before + 1,
            "{action} recorded once by the service"
        );
    }
}
