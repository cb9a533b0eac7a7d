//! Served mode end to end (issue 7): the real `culpa serve`, started as root and running as a
//! throwaway service account, and the real `culpa` as clients under other throwaway
//! accounts. Identity comes from the kernel; roles are refused as in direct mode; the
//! protocol's limits hold; a stopped or vanished client blocks no one; sixteen writers lose
//! and duplicate nothing; `kill -9` of the service loses no acknowledged write; and the
//! command line answers the same in both modes. In `served/`: a backup during writes, then
//! restore and verify (`backup`); the steps with no other served test, in both modes
//! (`steps`); the workbench's forms saving over the socket (`forms`); an import sent in chunks
//! (`import`).

#[path = "served/backup.rs"]
mod backup;
mod common;
#[path = "served/forms.rs"]
mod forms;
#[path = "served/import.rs"]
mod import;
#[path = "served/pages.rs"]
mod pages;
#[path = "served/steps.rs"]
mod steps;

use std::collections::{BTreeMap, BTreeSet};
use std::io::{Read, Write};
use std::os::unix::net::UnixStream;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use common::served::*;
use culpa::service::protocol::{self, Hello, PROTOCOL_VERSION, Request, Response};

fn hello(protocol: u32) -> Request {
    Request::Hello(Hello {
        protocol,
        client: "test".into(),
        lang: "en".into(),
        as_login: None,
        calendars: Vec::new(),
    })
}

fn answer(s: &mut UnixStream) -> Response {
    protocol::receive(s, Duration::from_secs(30)).expect("an answer")
}

fn error_code(r: &Response) -> Option<&str> {
    match r {
        Response::Error(w) => Some(w.code.as_str()),
        _ => None,
    }
}

/// Who the service says each client is, a role refused, `--as` and `--today` refused, and
/// the handshake's and framing's refusals.
#[test]
fn identity_from_the_kernel_refusals_and_protocol_limits() {
    if !root_or_skip("identity_from_the_kernel_refusals_and_protocol_limits") {
        return;
    }
    let mut accounts = Accounts::default();
    let svc = accounts.add("is");
    let clerk = accounts.add("il");
    let officer = accounts.add("io");
    let stranger = accounts.add("ix");
    let s = Service::new(&svc, &[(&clerk, "legal"), (&officer, "officer")]);

    // A write as the clerk: the audit entry names the clerk's OS account.
    let title = "身份测试：内核给出的账户";
    let out = client(&clerk, &s.socket, &["--json", "apply", "-"])
        .stdin(std::process::Stdio::piped())
        .spawn()
        .and_then(|mut c| {
            c.stdin
                .take()
                .expect("stdin")
                .write_all(intake(title).as_bytes())?;
            c.wait_with_output()
        })
        .expect("client runs");
    assert!(out.status.success(), "intake: {}", text(&out.stderr));
    let applied: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let number = applied["case"].as_str().expect("a case number").to_string();
    let actors = s.count(
        "SELECT count(*) FROM audit WHERE case_number = ?1 AND action = 'intake' AND actor = ?2",
        [&number, &clerk.name],
    );
    assert_eq!(actors, 1, "the audit entry names {}", clerk.name);

    // Nothing the client sends changes who it is: --as is the service's to allow, and this
    // service (not a demo, even though the database's meta says demo) does not.
    let out = client(&clerk, &s.socket, &["--as", "xuy", "user", "list"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("--as"), "{}", text(&out.stderr));

    // A refused role: an officer may not record an intake.
    let f = s.dir.path().join("intake.json");
    std::fs::write(&f, intake("官员不得登记")).expect("write");
    std::fs::set_permissions(&f, std::os::unix::fs::PermissionsExt::from_mode(0o644))
        .expect("chmod");
    let out = client(&officer, &s.socket, &["apply", f.to_str().expect("utf-8")])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(
        err.contains(&officer.name) && err.contains("legal"),
        "{err}"
    );
    assert_eq!(
        s.count(
            "SELECT count(*) FROM cases WHERE title = '官员不得登记'",
            []
        ),
        0
    );

    // An account that is no person here is told so, and who to ask.
    let out = client(&stranger, &s.socket, &["deadlines"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(err.contains(&stranger.name) && err.contains("xuy"), "{err}");

    // --today may not write on a served database (reads may use it).
    let out = client(
        &clerk,
        &s.socket,
        &["--today", "2020-01-02", "apply", f.to_str().expect("utf-8")],
    )
    .output()
    .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("--today"),
        "{}",
        text(&out.stderr)
    );
    let out = client(&clerk, &s.socket, &["--today", "2026-11-06", "deadlines"])
        .output()
        .expect("runs");
    assert!(out.status.success(), "{}", text(&out.stderr));

    // The database and the vault are the service account's alone.
    let out = client(
        &clerk,
        &s.socket,
        &["--db", s.db.to_str().expect("utf-8"), "user", "list"],
    )
    .output()
    .expect("runs");
    assert_eq!(out.status.code(), Some(1), "direct access must fail");

    // An unknown protocol version is refused with the version the service speaks.
    let mut raw = UnixStream::connect(&s.socket).expect("connect");
    protocol::send(&mut raw, &hello(PROTOCOL_VERSION + 1)).expect("send");
    let r = answer(&mut raw);
    assert_eq!(error_code(&r), Some("version"), "{r:?}");
    let Response::Error(w) = r else {
        unreachable!()
    };
    assert!(
        w.message.contains(&PROTOCOL_VERSION.to_string()),
        "{}",
        w.message
    );

    // A request before the handshake is refused.
    let mut raw = UnixStream::connect(&s.socket).expect("connect");
    protocol::send(&mut raw, &Request::Directory).expect("send");
    assert_eq!(error_code(&answer(&mut raw)), Some("handshake"));

    // An oversized frame is refused and the connection closed, also after the handshake.
    let mut raw = UnixStream::connect(&s.socket).expect("connect");
    protocol::send(&mut raw, &hello(PROTOCOL_VERSION)).expect("send");
    assert!(matches!(answer(&mut raw), Response::Welcome { .. }));
    raw.write_all(&((protocol::MAX_FRAME as u32) + 1).to_be_bytes())
        .expect("header");
    assert_eq!(error_code(&answer(&mut raw)), Some("frame_too_large"));
    let mut rest = Vec::new();
    let _ = raw.set_read_timeout(Some(Duration::from_secs(10)));
    assert_eq!(raw.read_to_end(&mut rest).map(|_| rest.len()).ok(), Some(0));

    // A path named by a client is never opened: evidence must come as bytes.
    let mut raw = UnixStream::connect(&s.socket).expect("connect");
    protocol::send(&mut raw, &hello(PROTOCOL_VERSION)).expect("send");
    assert!(matches!(answer(&mut raw), Response::Welcome { .. }));
    let cmd: culpa::workflow::Command = serde_json::from_value(serde_json::json!({
        "AddEvidence": {"case": number, "kind": "document", "description": "x",
                        "collected_on": "2026-11-06", "file": "/etc/shadow"}
    }))
    .expect("command");
    let req = Request::Execute {
        command: cmd,
        today: None,
        upload: None,
    };
    protocol::send(&mut raw, &req).expect("send");
    let r = answer(&mut raw);
    assert_eq!(error_code(&r), Some("bad_request"), "{r:?}");
}

/// A client stopped mid-upload (SIGSTOP) and a raw client that stalls and then vanishes
/// mid-request hold no lock: another client's write goes through at once, and the service
/// keeps serving.
#[test]
fn stopped_and_vanished_clients_block_no_one() {
    if !root_or_skip("stopped_and_vanished_clients_block_no_one") {
        return;
    }
    let mut accounts = Accounts::default();
    let svc = accounts.add("ss");
    let a = accounts.add("sa");
    let b = accounts.add("sb");
    let s = Service::new(&svc, &[(&a, "investigator"), (&b, "legal")]);

    // A stalled request: a frame that announces 1 MiB and sends 10 bytes.
    let mut stalled = UnixStream::connect(&s.socket).expect("connect");
    protocol::send(&mut stalled, &hello(PROTOCOL_VERSION)).expect("send");
    assert!(matches!(answer(&mut stalled), Response::Welcome { .. }));
    stalled
        .write_all(&(1u32 << 20).to_be_bytes())
        .expect("header");
    stalled.write_all(b"{\"Execute\"").expect("some bytes");

    // A real client stopped in the middle of sending a large evidence file.
    let big = s.dir.path().join("big.bin");
    std::fs::write(&big, vec![7u8; 64 * 1024 * 1024]).expect("big file");
    std::fs::set_permissions(&big, std::os::unix::fs::PermissionsExt::from_mode(0o644))
        .expect("chmod");
    let mut uploader = client(
        &a,
        &s.socket,
        &[
            "evidence",
            "add",
            common::stress::SHARED,
            big.to_str().expect("utf-8"),
        ],
    )
    .spawn()
    .expect("uploader starts");
    std::thread::sleep(Duration::from_millis(300));
    let pid = nix::unistd::Pid::from_raw(uploader.id() as i32);
    nix::sys::signal::kill(pid, nix::sys::signal::Signal::SIGSTOP).expect("SIGSTOP");

    // Meanwhile another client writes. The database's busy timeout is 5 s with retries, so
    // a held lock would show as a delay of seconds or a "busy" refusal; the bound is
    // generous against a slow machine and still far below that.
    let f = s.dir.path().join("intake.json");
    std::fs::write(&f, intake("停止的客户端不挡路")).expect("write");
    std::fs::set_permissions(&f, std::os::unix::fs::PermissionsExt::from_mode(0o644))
        .expect("chmod");
    let started = Instant::now();
    let out = client(&b, &s.socket, &["apply", f.to_str().expect("utf-8")])
        .output()
        .expect("runs");
    let took = started.elapsed();
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        !text(&out.stderr).to_lowercase().contains("busy"),
        "{}",
        text(&out.stderr)
    );
    assert!(took < Duration::from_secs(3), "the write took {took:?}");
    assert_eq!(
        s.count(
            "SELECT count(*) FROM cases WHERE title = '停止的客户端不挡路'",
            []
        ),
        1
    );

    // The stalled raw client vanishes mid-request; the stopped one is killed mid-upload.
    drop(stalled);
    let _ = uploader.kill();
    let _ = nix::sys::signal::kill(pid, nix::sys::signal::Signal::SIGCONT);
    let _ = uploader.wait();
    let out = client(&b, &s.socket, &["deadlines", "--json"])
        .output()
        .expect("runs");
    assert!(out.status.success(), "still serving: {}", text(&out.stderr));
    // The killed upload left nothing half-recorded: no attachment by a.
    assert_eq!(
        s.count("SELECT count(*) FROM audit WHERE actor = ?1", [&a.name]),
        0
    );
}

/// The seconds a bounded stress loop runs (`CULPA_STRESS_SECS`, default `default`).
fn stress_secs(default: u64) -> Duration {
    Duration::from_secs(
        std::env::var("CULPA_STRESS_SECS")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(default),
    )
}

/// Run one intake as `who`; `Some(number)` if the service acknowledged it.
pub(crate) fn acknowledged_intake(
    who: &Account,
    socket: &std::path::Path,
    title: &str,
) -> Option<String> {
    let mut c = client(who, socket, &["--json", "apply", "-"])
        .stdin(std::process::Stdio::piped())
        .spawn()
        .expect("client starts");
    let _ = c
        .stdin
        .take()
        .expect("stdin")
        .write_all(intake(title).as_bytes());
    let out = c.wait_with_output().expect("client ends");
    if !out.status.success() {
        return None;
    }
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).ok()?;
    v["case"].as_str().map(str::to_string)
}

/// Sixteen clients, each its own account, writing for a bounded time: every write the
/// service acknowledged is there exactly once, under its own number, and nothing else.
#[test]
fn sixteen_writers_lose_and_duplicate_nothing() {
    if !root_or_skip("sixteen_writers_lose_and_duplicate_nothing") {
        return;
    }
    let mut accounts = Accounts::default();
    let svc = accounts.add("ws");
    let writers: Vec<Account> = (0..16).map(|i| accounts.add(&format!("w{i}"))).collect();
    let people: Vec<(&Account, &str)> = writers.iter().map(|w| (w, "legal")).collect();
    let s = Service::new(&svc, &people);
    let run_for = stress_secs(30);
    let acked: Arc<Mutex<BTreeMap<String, String>>> = Arc::default();
    let failed: Arc<Mutex<Vec<String>>> = Arc::default();
    let started = Instant::now();
    std::thread::scope(|scope| {
        for (i, w) in writers.iter().enumerate() {
            let (acked, failed, socket) = (Arc::clone(&acked), Arc::clone(&failed), &s.socket);
            scope.spawn(move || {
                let mut n = 0;
                while started.elapsed() < run_for {
                    let title = format!("并发写入 w{i} #{n}");
                    match acknowledged_intake(w, socket, &title) {
                        Some(number) => {
                            acked.lock().expect("lock").insert(title, number);
                        }
                        None => failed.lock().expect("lock").push(title),
                    }
                    n += 1;
                }
            });
        }
    });
    let acked = acked.lock().expect("lock").clone();
    let failed = failed.lock().expect("lock").clone();
    assert!(failed.is_empty(), "refused or failed writes: {failed:?}");
    assert!(acked.len() >= 16, "every writer wrote: {}", acked.len());
    let numbers: BTreeSet<&String> = acked.values().collect();
    assert_eq!(
        numbers.len(),
        acked.len(),
        "every acknowledged intake has its own number"
    );
    for (title, number) in &acked {
        assert_eq!(
            s.count(
                "SELECT count(*) FROM cases WHERE title = ?1 AND number = ?2",
                [title, number]
            ),
            1,
            "{title} as {number}"
        );
    }
    assert_eq!(
        s.count(
            "SELECT count(*) FROM cases WHERE title LIKE '并发写入 %'",
            []
        ),
        acked.len() as i64,
        "nothing recorded that was not acknowledged"
    );
    let audit = s.count("SELECT count(*) FROM audit WHERE action = 'intake'", []);
    assert!(audit >= acked.len() as i64);
    eprintln!(
        "16 writers, {:?}: {} intakes acknowledged, all present once",
        run_for,
        acked.len()
    );
}

/// `kill -9` of the service at 50 random moments while a client writes: after each restart
/// every write that had been acknowledged is present, and the file and chain are sound.
#[test]
fn kill_nine_at_fifty_random_points_loses_no_acknowledged_write() {
    if !root_or_skip("kill_nine_at_fifty_random_points_loses_no_acknowledged_write") {
        return;
    }
    let mut accounts = Accounts::default();
    let svc = accounts.add("ks");
    let writer = accounts.add("kw");
    let mut s = Service::new(&svc, &[(&writer, "legal")]);
    let seed = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos() as u64)
        .unwrap_or(1)
        | 1;
    eprintln!("kill -9 points from seed {seed}");
    let mut rng = seed;
    let mut next = move || {
        // xorshift64
        rng ^= rng << 13;
        rng ^= rng >> 7;
        rng ^= rng << 17;
        rng
    };
    let acked: Arc<Mutex<BTreeMap<String, String>>> = Arc::default();
    let stop = Arc::new(std::sync::atomic::AtomicBool::new(false));
    let socket = s.socket.clone();
    let writer_thread = {
        let (acked, stop) = (Arc::clone(&acked), Arc::clone(&stop));
        std::thread::spawn(move || {
            let mut n = 0;
            while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                let title = format!("强制终止 #{n}");
                if let Some(number) = acknowledged_intake(&writer, &socket, &title) {
                    acked.lock().expect("lock").insert(title, number);
                }
                n += 1;
            }
        })
    };
    for _ in 0..50 {
        std::thread::sleep(Duration::from_millis(20 + next() % 180));
        s.kill9();
        s.start();
    }
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    writer_thread.join().expect("writer");
    s.kill9();
    let acked = acked.lock().expect("lock").clone();
    assert!(
        !acked.is_empty(),
        "some writes were acknowledged between kills"
    );
    for (title, number) in &acked {
        assert_eq!(
            s.count(
                "SELECT count(*) FROM cases WHERE title = ?1 AND number = ?2",
                [title, number]
            ),
            1,
            "acknowledged {title} as {number} is lost"
        );
    }
    let c = rusqlite::Connection::open(&s.db).expect("open");
    let check: String = c
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .expect("integrity_check");
    assert_eq!(check, "ok");
    drop(c);
    let out = direct(&s.db, &["audit", "verify"]);
    assert!(
        text(&out.stdout).contains("intact"),
        "{}",
        text(&out.stdout)
    );
    eprintln!("50 kills: {} acknowledged writes, all present", acked.len());
}

/// The command line answers the same through the service as on the database file, for the
/// same person (direct mode on a copy the account owns). Enough cases that the list
/// crosses the socket in several pages.
#[test]
fn every_read_answers_alike_in_both_modes() {
    if !root_or_skip("every_read_answers_alike_in_both_modes") {
        return;
    }
    let mut accounts = Accounts::default();
    let svc = accounts.add("bs");
    let chief = accounts.add("bc");
    let inv = accounts.add("bi");
    let pages = culpa::service::protocol::CHANGES_PAGE as u32;
    let s = Service::with_cases(
        &svc,
        &[(&chief, "chief"), (&inv, "investigator")],
        pages + 500,
    );
    // A copy of the database that the two accounts may open directly.
    let mine = tempfile::Builder::new()
        .prefix("culpa-direct")
        .tempdir()
        .expect("tempdir");
    std::fs::set_permissions(
        mine.path(),
        std::os::unix::fs::PermissionsExt::from_mode(0o777),
    )
    .expect("chmod");
    let copy = mine.path().join("copy.db");
    {
        let c = rusqlite::Connection::open(&s.db).expect("open");
        c.execute("VACUUM INTO ?1", [copy.to_str().expect("utf-8")])
            .expect("copy");
    }
    std::fs::set_permissions(&copy, std::os::unix::fs::PermissionsExt::from_mode(0o666))
        .expect("chmod");
    let n = common::stress::SHARED;
    let queries: &[&[&str]] = &[
        &["user", "list"],
        &["--json", "user", "list"],
        &["deadlines"],
        &["--json", "deadlines"],
        &["--json", "deadlines", "--mine"],
        &["liability", n],
        &["--json", "liability", n],
        &["--json", "check", n],
        &["check", n],
        &["--json", "export", n],
        &["audit", "log", n],
        &["liability", "卧应急责〔2026〕99号"],
    ];
    for who in [&chief, &inv] {
        for q in queries {
            let mut args = vec!["--today", "2026-11-06"];
            args.extend_from_slice(q);
            let served = client(who, &s.socket, &args).output().expect("runs");
            let mut dargs = vec!["--db", copy.to_str().expect("utf-8")];
            dargs.extend_from_slice(&args);
            let mut d = client(who, &s.socket, &dargs);
            let direct = d.env_remove("CULPA_SERVER").output().expect("runs");
            // The chief may see everything: each answer but the unknown case's is real.
            if who.name == chief.name && !q.contains(&"卧应急责〔2026〕99号") {
                assert!(
                    served.status.success() && served.stdout.len() > 20,
                    "{q:?}: {}",
                    text(&served.stderr)
                );
            }
            assert_eq!(
                (
                    served.status.code(),
                    text(&served.stdout),
                    text(&served.stderr)
                ),
                (
                    direct.status.code(),
                    text(&direct.stdout),
                    text(&direct.stderr)
                ),
                "{} {q:?}",
                who.name
            );
        }
    }
}

/// The workbench through the service (a demo service, so `--as` is allowed): it opens on
/// the service's data, and another user's commit appears without a key being pressed —
/// pushed by the service, then fetched as the changes since the workbench's revision.
#[test]
fn the_workbench_runs_through_the_service_and_follows_pushed_changes() {
    if !root_or_skip("the_workbench_runs_through_the_service_and_follows_pushed_changes") {
        return;
    }
    let mut accounts = Accounts::default();
    let svc = accounts.add("ts");
    let s = Service::demo(&svc);
    let mut w = common::tui::World::demo();
    w.server = Some(s.socket.clone());
    let mut t = w.tui("liuf");
    t.wait_for("culpa serve");
    t.send("2");
    t.wait_for("Filter:");
    let title = "推送刷新：另一位用户刚登记";
    let mut other = std::process::Command::new(bin())
        .args(["--lang", "en", "--as", "liuf", "apply", "-"])
        .env("CULPA_SERVER", &s.socket)
        .env_remove("CULPA_DB")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("client starts");
    other
        .stdin
        .take()
        .expect("stdin")
        .write_all(intake(title).as_bytes())
        .expect("write");
    let out = other.wait_with_output().expect("client ends");
    assert!(out.status.success(), "{}", text(&out.stderr));
    // No key is pressed from here on.
    t.wait_for(title);
    t.quit();
}
