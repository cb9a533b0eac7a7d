//! Served mode under test: the real `culpa serve` as its own throwaway account, and the real
//! `culpa` as clients under other throwaway accounts (created with `useradd` as root and
//! removed again, also when a test fails). Without root these tests print why and pass
//! without running (CI runs as root).

use std::os::unix::fs::PermissionsExt;
use std::os::unix::net::UnixStream;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

use culpa::domain::model::Source;
use culpa::workflow::Command as Wf;

use super::stress::{ADMIN, template};
use super::{TODAY, today};

pub fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_culpa")
}

/// Root, or a printed reason to skip.
pub fn root_or_skip(test: &str) -> bool {
    if nix::unistd::Uid::effective().is_root() {
        return true;
    }
    eprintln!("SKIPPED {test}: needs root to create throwaway accounts (CI runs as root)");
    false
}

/// A throwaway OS account.
#[derive(Debug, Clone)]
pub struct Account {
    pub name: String,
    pub uid: u32,
    pub gid: u32,
}

/// The accounts a test made; `userdel` on drop, whatever happened.
#[derive(Default)]
pub struct Accounts(Vec<String>);

impl Accounts {
    /// `useradd` a new account `cs<pid><tag>` (no home, no login shell).
    pub fn add(&mut self, tag: &str) -> Account {
        let name = format!("cs{}{tag}", std::process::id() % 100_000);
        // A leftover of a killed run with the same pid.
        let _ = Command::new("userdel")
            .arg(&name)
            .stderr(Stdio::null())
            .status();
        let st = Command::new("useradd")
            .args(["-M", "-s", "/usr/sbin/nologin", &name])
            .status()
            .expect("useradd runs");
        assert!(st.success(), "useradd {name}");
        self.0.push(name.clone());
        let u = nix::unistd::User::from_name(&name)
            .expect("passwd lookup")
            .expect("the new account");
        Account {
            name,
            uid: u.uid.as_raw(),
            gid: u.gid.as_raw(),
        }
    }
}

impl Drop for Accounts {
    fn drop(&mut self) {
        for name in &self.0 {
            let _ = Command::new("userdel").arg(name).status();
        }
    }
}

/// Run the real `culpa` directly (`--db`) as root: set-up and inspection.
pub fn direct(db: &Path, args: &[&str]) -> Output {
    direct_on(db, TODAY, args)
}

/// [`direct`] with `--today DAY`.
pub fn direct_on(db: &Path, day: &str, args: &[&str]) -> Output {
    let out = Command::new(bin())
        .arg("--db")
        .arg(db)
        .args(["--lang", "en", "--today", day])
        .args(args)
        .env_remove("CULPA_DB")
        .env_remove("CULPA_SERVER")
        .stdin(Stdio::null())
        .output()
        .expect("culpa runs");
    assert!(
        out.status.success(),
        "culpa {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

/// The real `culpa` as `who`, finding the service through `CULPA_SERVER` (no `--db`).
pub fn client(who: &Account, socket: &Path, args: &[&str]) -> Command {
    let mut c = Command::new(bin());
    c.args(["--lang", "en"])
        .args(args)
        .env("CULPA_SERVER", socket)
        .env_remove("CULPA_DB")
        .env("NO_COLOR", "1")
        .env("HOME", "/nonexistent")
        .uid(who.uid)
        .gid(who.gid)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    c
}

pub fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// An intake of a copy of the demo's shared case, titled `title` (so it can be counted).
pub fn intake(title: &str) -> String {
    let t = template();
    let cmd = Wf::Intake {
        number: None,
        title: title.to_string(),
        source: Source::Report,
        received_on: today(),
        complainant: None,
        summary: "served-mode test".to_string(),
        act: t.act,
        respondents: t.respondents,
    };
    serde_json::to_string(&cmd).expect("json")
}

/// The running service: its directory, socket, database and process.
pub struct Service {
    pub dir: tempfile::TempDir,
    pub socket: PathBuf,
    pub db: PathBuf,
    config: PathBuf,
    child: Option<Child>,
}

impl Service {
    /// A demo database (people and cases) owned by `svc`, with `people` added as persons
    /// (login = account, roles as given), served by `culpa serve` as `svc`.
    pub fn new(svc: &Account, people: &[(&Account, &str)]) -> Service {
        Service::with_cases(svc, people, 0)
    }

    /// [`Service::new`] with `extra` synthetic cases added to the demo.
    pub fn with_cases(svc: &Account, people: &[(&Account, &str)], extra: u32) -> Service {
        Service::build(svc, people, extra, false, None)
    }

    /// A demo service (`demo = true` in its config: every client may act `--as` anyone).
    pub fn demo(svc: &Account) -> Service {
        Service::build(svc, &[], 0, true, None)
    }

    /// A demo service whose day is fixed (`demo_today = DAY` in its config, honoured only
    /// with `demo = true`): the demo is made for that day and the service dates every write
    /// by it, so a story told through it reads the same on any day.
    pub fn demo_on(svc: &Account, day: &str) -> Service {
        Service::build(svc, &[], 0, true, Some(day))
    }

    fn build(
        svc: &Account,
        people: &[(&Account, &str)],
        extra: u32,
        demo: bool,
        demo_today: Option<&str>,
    ) -> Service {
        let day = demo_today.unwrap_or(TODAY);
        let dir = tempfile::Builder::new()
            .prefix("culpa-served")
            .tempdir()
            .expect("tempdir");
        std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755))
            .expect("chmod");
        let state = dir.path().join("state");
        std::fs::create_dir(&state).expect("state dir");
        let db = state.join("culpa.db");
        if extra > 0 {
            direct_on(
                &db,
                day,
                &["demo", "--no-open", "--cases", &extra.to_string()],
            );
        } else {
            direct_on(&db, day, &["demo", "--no-open"]);
        }
        // The test process itself (root) speaks the raw protocol as a person too.
        direct(
            &db,
            &[
                "--as", ADMIN, "user", "add", "root", "--name", "root", "--unit", "测试", "--role",
                "legal",
            ],
        );
        for (who, role) in people {
            direct(
                &db,
                &[
                    "--as", ADMIN, "user", "add", &who.name, "--name", &who.name, "--unit", "测试",
                    "--role", role,
                ],
            );
        }
        let st = Command::new("chown")
            .args(["-R", &format!("{}:{}", svc.uid, svc.gid)])
            .arg(&state)
            .status()
            .expect("chown");
        assert!(st.success());
        std::fs::set_permissions(&state, std::fs::Permissions::from_mode(0o700)).expect("chmod");
        let socket = dir.path().join("culpa.sock");
        let config = dir.path().join("config.toml");
        let mut text = format!(
            "server = {:?}\n\n[service]\nstate_dir = {:?}\nsocket = {:?}\naccount = {:?}\ndemo = {demo}\n",
            socket, state, socket, svc.name
        );
        if let Some(d) = demo_today {
            text.push_str(&format!("demo_today = {d:?}\n"));
        }
        std::fs::write(&config, text).expect("config");
        let mut s = Service {
            dir,
            socket,
            db,
            config,
            child: None,
        };
        s.start();
        s
    }

    /// Start `culpa serve` (as root: it drops to the service account) and wait until it
    /// answers on its socket.
    pub fn start(&mut self) {
        let child = Command::new(bin())
            .args(["serve", "--config"])
            .arg(&self.config)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("culpa serve starts");
        self.child = Some(child);
        let started = Instant::now();
        while UnixStream::connect(&self.socket).is_err() {
            assert!(
                started.elapsed() < Duration::from_secs(60),
                "the service did not listen within 60 s"
            );
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    /// `kill -9` the service and reap it.
    pub fn kill9(&mut self) {
        if let Some(mut c) = self.child.take() {
            let _ = c.kill();
            let _ = c.wait();
        }
    }

    /// The config file `culpa serve` and `culpa admin` read.
    pub fn config(&self) -> &Path {
        &self.config
    }

    pub fn pid(&self) -> u32 {
        self.child.as_ref().map(Child::id).unwrap_or_default()
    }

    /// One value from the database, read as root with a plain connection.
    pub fn count(&self, sql: &str, params: impl rusqlite::Params) -> i64 {
        let c = rusqlite::Connection::open_with_flags(
            &self.db,
            rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY,
        )
        .expect("open read-only");
        c.busy_timeout(Duration::from_secs(10)).expect("busy");
        c.query_row(sql, params, |r| r.get(0)).expect("query")
    }
}

impl Drop for Service {
    fn drop(&mut self) {
        self.kill9();
    }
}
