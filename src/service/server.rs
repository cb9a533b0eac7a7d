//! `culpa serve`: the one process that opens the database and the vault. It listens on a
//! Unix socket, knows each caller from the kernel (`SO_PEERCRED`: uid → OS account →
//! person), and runs every request through the same workflow as direct mode.
//!
//! One thread per connection, each with its own database connection. A request is read
//! whole (protocol.rs) before the database is touched, and each request is one short
//! transaction, so a stalled, stopped or vanished client holds nothing anyone else needs.

use std::collections::HashMap;
use std::fs::{self, File};
use std::io::Write;
use std::os::fd::FromRawFd;
use std::os::unix::fs::{FileTypeExt, OpenOptionsExt, PermissionsExt};
use std::os::unix::net::{UnixListener, UnixStream};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex};

use base64::Engine;
use chrono::NaiveDate;
use nix::sys::socket::{getsockopt, sockopt::PeerCredentials};
use nix::unistd::{Uid, User};

use super::protocol::{
    self, CHANGES_PAGE, Conflict, FrameError, HANDSHAKE_TIMEOUT, HEARTBEAT, IDLE_TIMEOUT,
    MAX_UPLOAD, PROTOCOL_VERSION, Request, Response, WRITE_TIMEOUT, WireError,
};
use crate::config::Config;
use crate::domain::Directory;
use crate::domain::calendar::Calendar;
use crate::i18n::Lang;
use crate::i18n::service as t;
use crate::store::Store;
use crate::workflow::{Changes, Command, Session, WorkflowError};

/// Connections served at once; one more is told to try again.
const MAX_CONNECTIONS: usize = 512;

/// Why the service could not start.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    #[error("{0}")]
    Start(String),
}

fn start<E: std::fmt::Display>(what: &str) -> impl FnOnce(E) -> ServeError + '_ {
    move |e| ServeError::Start(format!("{what}: {e}"))
}

/// Commit notices for subscribers: a counter of commits and the store's revision.
#[derive(Default)]
struct Hub {
    state: Mutex<(u64, i64)>,
    changed: Condvar,
}

impl Hub {
    fn publish(&self, revision: i64) {
        let mut s = self.state.lock().unwrap_or_else(|e| e.into_inner());
        s.0 += 1;
        s.1 = s.1.max(revision);
        self.changed.notify_all();
    }

    /// Wait until the commit counter passes `seen`, or a heartbeat's time.
    fn wait(&self, seen: u64) -> (u64, i64) {
        let s = self.state.lock().unwrap_or_else(|e| e.into_inner());
        let (s, _) = self
            .changed
            .wait_timeout_while(s, HEARTBEAT, |s| s.0 == seen)
            .unwrap_or_else(|e| e.into_inner());
        *s
    }
}

/// What every connection shares.
struct Shared {
    db: PathBuf,
    label: String,
    demo: bool,
    allow_as: Vec<String>,
    /// A demo service's fixed date (`demo_today`), else None: the clock.
    demo_today: Option<NaiveDate>,
    /// Why writes are refused (the start-up integrity check failed), if they are.
    read_only: Option<String>,
    hub: Hub,
    uploads: AtomicU64,
    connections: AtomicUsize,
}

/// What the service needs once its socket is bound and its account is right.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub db: PathBuf,
    /// Shown to clients as the database (the workbench's status line).
    pub label: String,
    /// Every client may act `--as` anyone (a demo service).
    pub demo: bool,
    /// Accounts that may act `--as` someone else.
    pub allow_as: Vec<String>,
    /// The date a demo service writes under (config `demo_today`, only with `demo`).
    pub demo_today: Option<NaiveDate>,
}

/// Run the service in the foreground until killed: bind (or take systemd's socket), drop
/// root for the configured account, then [`run`].
pub fn serve(cfg: &Config) -> Result<(), ServeError> {
    let listener = listener(cfg)?;
    if Uid::effective().is_root() {
        drop_privileges(&cfg.service.account)?;
    }
    run(
        listener,
        ServeOptions {
            db: cfg.service.db(),
            label: t::label(&cfg.service.socket),
            demo: cfg.service.demo,
            allow_as: cfg.service.allow_as.clone(),
            demo_today: cfg.service.demo_today.filter(|_| cfg.service.demo),
        },
    )
}

/// Serve the clients of `listener` until the process ends.
pub fn run(listener: UnixListener, opts: ServeOptions) -> Result<(), ServeError> {
    let db = opts.db;
    let read_only = integrity(&db)?;
    if let Some(why) = &read_only {
        eprintln!("culpa serve: WRITES REFUSED: {why}");
    }
    let revision = Store::open(&db)
        .ok()
        .and_then(|s| s.read(|tx| tx.current_rev()).ok())
        .unwrap_or_default();
    let hub = Hub::default();
    hub.state.lock().unwrap_or_else(|e| e.into_inner()).1 = revision;
    let shared = Arc::new(Shared {
        label: opts.label,
        db,
        demo: opts.demo,
        allow_as: opts.allow_as,
        demo_today: opts.demo_today.filter(|_| opts.demo),
        read_only,
        hub,
        uploads: AtomicU64::new(1),
        connections: AtomicUsize::new(0),
    });
    eprintln!(
        "culpa serve: {} as uid {} ({}, protocol {PROTOCOL_VERSION})",
        shared.db.display(),
        Uid::effective(),
        shared.label,
    );
    for conn in listener.incoming() {
        let Ok(stream) = conn else { continue };
        let shared = Arc::clone(&shared);
        if shared.connections.fetch_add(1, Ordering::SeqCst) >= MAX_CONNECTIONS {
            shared.connections.fetch_sub(1, Ordering::SeqCst);
            let mut stream = stream;
            let _ = stream.set_write_timeout(Some(WRITE_TIMEOUT));
            let _ = protocol::send(&mut stream, &error("busy", t::too_many(Lang::En)));
            continue;
        }
        let spawned = std::thread::Builder::new()
            .name("culpa-conn".into())
            .spawn(move || {
                Connection::serve(stream, &shared);
                shared.connections.fetch_sub(1, Ordering::SeqCst);
            });
        if let Err(e) = spawned {
            eprintln!("culpa serve: cannot start a connection thread: {e}");
        }
    }
    Ok(())
}

/// The socket systemd passed (`LISTEN_FDS`, fd 3), else a socket bound at the configured
/// path, mode 0666: anyone may connect, and the kernel tells the service who they are.
fn listener(cfg: &Config) -> Result<UnixListener, ServeError> {
    let ours = std::env::var("LISTEN_PID")
        .ok()
        .and_then(|p| p.parse::<u32>().ok())
        == Some(std::process::id());
    let fds = std::env::var("LISTEN_FDS")
        .ok()
        .and_then(|n| n.parse::<u32>().ok())
        .unwrap_or(0);
    if ours && fds >= 1 {
        // SAFETY: sd_listen_fds(3): with LISTEN_PID naming this process, fd 3 is the
        // listening socket systemd opened for it and nothing else in the process owns it.
        let l = unsafe { UnixListener::from_raw_fd(3) };
        // SAFETY: single-threaded at this point; the variables are meant for us only.
        unsafe {
            std::env::remove_var("LISTEN_PID");
            std::env::remove_var("LISTEN_FDS");
            std::env::remove_var("LISTEN_FDNAMES");
        }
        return Ok(l);
    }
    let path = cfg.service.socket.clone();
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty())
        && !dir.exists()
    {
        fs::create_dir_all(dir).map_err(start(&dir.display().to_string()))?;
        let _ = fs::set_permissions(dir, fs::Permissions::from_mode(0o755));
    }
    if let Ok(meta) = fs::symlink_metadata(&path) {
        if !meta.file_type().is_socket() {
            return Err(ServeError::Start(t::not_a_socket(&path)));
        }
        if UnixStream::connect(&path).is_ok() {
            return Err(ServeError::Start(t::already_serving(&path)));
        }
        fs::remove_file(&path).map_err(start(&path.display().to_string()))?;
    }
    let l = UnixListener::bind(&path).map_err(start(&path.display().to_string()))?;
    fs::set_permissions(&path, fs::Permissions::from_mode(0o666))
        .map_err(start(&path.display().to_string()))?;
    Ok(l)
}

/// Started as root: become `account` (its uid, its primary group, no other groups) once
/// the socket is bound, before anything opens the database.
fn drop_privileges(account: &str) -> Result<(), ServeError> {
    let user = User::from_name(account)
        .map_err(start(account))?
        .ok_or_else(|| ServeError::Start(t::no_account(account)))?;
    nix::unistd::setgroups(&[user.gid]).map_err(start("setgroups"))?;
    nix::unistd::setgid(user.gid).map_err(start("setgid"))?;
    nix::unistd::setuid(user.uid).map_err(start("setuid"))?;
    if Uid::effective().is_root() {
        return Err(ServeError::Start(t::no_account(account)));
    }
    Ok(())
}

/// `PRAGMA quick_check` at start: `Some(why)` if it fails (writes are then refused).
fn integrity(db: &Path) -> Result<Option<String>, ServeError> {
    let store = Store::open(db).map_err(|e| ServeError::Start(e.to_string()))?;
    match store.quick_check() {
        Ok(None) => Ok(None),
        Ok(Some(problems)) => Ok(Some(problems)),
        Err(e) => Ok(Some(e.to_string())),
    }
}

fn error(code: &str, message: String) -> Response {
    Response::Error(WireError {
        code: code.into(),
        message,
        conflict: None,
    })
}

/// A workflow error as the wire carries it: its kind and its message in the client's
/// language.
fn wire(e: WorkflowError, dir: &Directory, lang: Lang) -> Response {
    let code = match &e {
        WorkflowError::UnknownUser { .. } => "unknown_user",
        WorkflowError::SwitchUserNotAllowed | WorkflowError::SwitchUserNotAlone(_) => {
            "switch_user_not_allowed"
        }
        WorkflowError::NotPermitted { .. } => "not_permitted",
        WorkflowError::WrongStage { .. } => "wrong_stage",
        WorkflowError::Blocked(_) => "blocked",
        WorkflowError::Conflict { .. } => "conflict",
        WorkflowError::Invalid(_) => "invalid",
        WorkflowError::Refused { .. } => "refused",
        WorkflowError::NotFound(_) => "not_found",
        WorkflowError::Store(_) => "store",
        WorkflowError::Storage(_) => "storage",
        WorkflowError::Remote { code, .. } => code.as_str(),
    }
    .to_string();
    let conflict = match &e {
        WorkflowError::Conflict {
            case,
            by,
            at,
            what,
            current_version,
        } => Some(Conflict {
            case: case.clone(),
            by: by.clone(),
            at: at.clone(),
            what: what.clone(),
            current_version: *current_version,
        }),
        _ => None,
    };
    Response::Error(WireError {
        code,
        message: e.message(dir, lang),
        conflict,
    })
}

/// An evidence file being received.
struct Upload {
    file: File,
    path: PathBuf,
    file_name: String,
    size: u64,
}

/// One client's connection.
struct Connection<'a> {
    stream: UnixStream,
    shared: &'a Shared,
    session: Session,
    lang: Lang,
    uploads: HashMap<u64, Upload>,
    /// The rest of a long `Changes` answer, sent page by page (memory, not a transaction).
    pending: Option<Changes>,
}

impl Drop for Connection<'_> {
    fn drop(&mut self) {
        for u in self.uploads.values() {
            let _ = fs::remove_file(&u.path);
        }
    }
}

impl Connection<'_> {
    fn serve(mut stream: UnixStream, shared: &Shared) {
        let _ = stream.set_write_timeout(Some(WRITE_TIMEOUT));
        let Some(mut conn) = Connection::handshake(&mut stream, shared) else {
            return;
        };
        conn.stream = stream;
        conn.run();
    }

    /// Who is calling (the kernel's word), and the `Hello`. `None`: refused (answered).
    fn handshake<'a>(stream: &mut UnixStream, shared: &'a Shared) -> Option<Connection<'a>> {
        let refuse = |stream: &mut UnixStream, code: &str, msg: String| {
            let _ = protocol::send(stream, &error(code, msg));
        };
        let hello = match protocol::receive::<Request>(stream, HANDSHAKE_TIMEOUT) {
            Ok(Request::Hello(h)) => h,
            Ok(_) => {
                refuse(stream, "handshake", t::hello_first(Lang::En));
                return None;
            }
            Err(FrameError::FrameTooLarge(n)) => {
                refuse(
                    stream,
                    "frame_too_large",
                    t::frame_too_large(n, protocol::MAX_FRAME, Lang::En),
                );
                return None;
            }
            Err(FrameError::Invalid(e)) => {
                // A newer client's Hello may not parse at all; say which version we speak.
                refuse(stream, "version", t::bad_hello(&e, PROTOCOL_VERSION));
                return None;
            }
            Err(_) => return None,
        };
        let lang = Lang::parse(&hello.lang).unwrap_or_default();
        if hello.protocol != PROTOCOL_VERSION {
            refuse(
                stream,
                "version",
                t::unknown_version(hello.protocol, PROTOCOL_VERSION, lang),
            );
            return None;
        }
        // SO_PEERCRED: the uid of the process that connected, as the kernel recorded it.
        let uid = match getsockopt(&*stream, PeerCredentials) {
            Ok(c) => Uid::from_raw(c.uid()),
            Err(e) => {
                refuse(stream, "handshake", e.to_string());
                return None;
            }
        };
        let account = match User::from_uid(uid) {
            Ok(Some(u)) => u.name,
            _ => {
                refuse(
                    stream,
                    "unknown_account",
                    t::no_passwd_entry(uid.as_raw(), lang),
                );
                return None;
            }
        };
        let login = match hello.as_login.as_deref() {
            None => account.clone(),
            Some(other) if other == account => account.clone(),
            Some(other) if shared.demo || shared.allow_as.contains(&account) => other.into(),
            Some(_) => {
                let e = WorkflowError::SwitchUserNotAllowed;
                let _ = protocol::send(stream, &wire(e, &Directory::default(), lang));
                return None;
            }
        };
        let mut session = match Session::open_as(&shared.db, &login) {
            Ok(s) => s,
            Err(e) => {
                let _ = protocol::send(stream, &wire(e, &Directory::default(), lang));
                return None;
            }
        };
        if !hello.calendars.is_empty() {
            let mut cal = Calendar::builtin();
            for (i, text) in hello.calendars.iter().enumerate() {
                if let Err(e) = cal.load_json(text) {
                    refuse(
                        stream,
                        "bad_request",
                        t::bad_calendar(i, &e.to_string(), lang),
                    );
                    return None;
                }
            }
            session.set_calendar(cal);
        }
        let revision = session.revision().unwrap_or_default();
        let welcome = Response::Welcome {
            protocol: PROTOCOL_VERSION,
            actor: session.actor().clone(),
            label: shared.label.clone(),
            revision,
            today: shared.today(),
            read_only: shared.read_only.clone(),
        };
        protocol::send(stream, &welcome).ok()?;
        Some(Connection {
            stream: stream.try_clone().ok()?,
            shared,
            session,
            lang,
            uploads: HashMap::new(),
            pending: None,
        })
    }

    fn run(&mut self) {
        loop {
            let request = match protocol::receive::<Request>(&mut self.stream, IDLE_TIMEOUT) {
                Ok(r) => r,
                Err(FrameError::FrameTooLarge(n)) => {
                    let msg = t::frame_too_large(n, protocol::MAX_FRAME, self.lang);
                    let _ = protocol::send(&mut self.stream, &error("frame_too_large", msg));
                    return;
                }
                Err(FrameError::MessageTooLarge) => {
                    let msg =
                        t::frame_too_large(protocol::MAX_MESSAGE, protocol::MAX_MESSAGE, self.lang);
                    let _ = protocol::send(&mut self.stream, &error("frame_too_large", msg));
                    return;
                }
                Err(FrameError::Invalid(e)) => {
                    let msg = t::bad_request(&e, self.lang);
                    if protocol::send(&mut self.stream, &error("bad_request", msg)).is_err() {
                        return;
                    }
                    continue;
                }
                // Closed, idle, stalled mid-message, or gone: nothing was started.
                Err(_) => return,
            };
            if request == Request::Subscribe {
                self.subscribe();
                return;
            }
            let response = self.answer(request);
            if protocol::send(&mut self.stream, &response).is_err() {
                return;
            }
        }
    }

    /// From now on only notices: after every commit, and every heartbeat.
    fn subscribe(&mut self) {
        let (mut seen, revision) = *self
            .shared
            .hub
            .state
            .lock()
            .unwrap_or_else(|e| e.into_inner());
        let first = Response::Notice {
            commits: seen,
            revision,
        };
        if protocol::send(&mut self.stream, &first).is_err() {
            return;
        }
        loop {
            let (commits, revision) = self.shared.hub.wait(seen);
            seen = commits;
            let notice = Response::Notice { commits, revision };
            if protocol::send(&mut self.stream, &notice).is_err() {
                return;
            }
        }
    }

    /// The refusal of every write while the start-up integrity check has failed.
    fn refuse_writes(&self) -> Option<Response> {
        let why = self.shared.read_only.as_ref()?;
        Some(error("read_only", t::read_only(why, self.lang)))
    }

    fn answer(&mut self, request: Request) -> Response {
        let lang = self.lang;
        let result: Result<Response, WorkflowError> = match request {
            Request::Hello(_) | Request::Subscribe => {
                return error("bad_request", t::hello_once(lang));
            }
            Request::Directory => self.session.directory().map(|d| Response::Directory {
                people: d.people().cloned().collect(),
                relations: d.relations().to_vec(),
            }),
            Request::Changes { revision } => self.session.changes_since(revision).map(|c| {
                self.pending = Some(c);
                self.next_page()
            }),
            Request::MoreChanges => Ok(self.next_page()),
            Request::OpenObligations { today, mine } => self
                .session
                .open_obligations(today, mine)
                .map(|(obligations, uncovered)| Response::Obligations {
                    obligations,
                    uncovered: uncovered.into_iter().collect(),
                }),
            Request::RepeatsFor { case, today } => self
                .session
                .repeats_for(&case, today)
                .map(Response::Repeats),
            Request::QueuePage {
                query,
                at,
                limit,
                today,
            } => self
                .session
                .queue_page(&query, &at, limit.min(protocol::MAX_PAGE), today)
                .map(Response::QueuePage),
            Request::QueueCounts { query, today } => self
                .session
                .queue_counts(&query, today)
                .map(Response::Counts),
            Request::DashPage {
                today,
                only_mine,
                at,
                limit,
            } => self
                .session
                .dash_page(today, only_mine, &at, limit.min(protocol::MAX_PAGE))
                .map(Response::DashPage),
            Request::DashCounts { today, only_mine } => self
                .session
                .dash_counts(today, only_mine)
                .map(Response::Counts),
            Request::Case { number } => self
                .session
                .case(&number)
                .map(|r| Response::Case(Box::new(r))),
            Request::PriorOutcomes => self.session.prior_outcomes().map(Response::PriorOutcomes),
            Request::Revision => self.session.revision().map(Response::Revision),
            Request::History { case: Some(n) } => self.session.history(&n).map(Response::History),
            Request::History { case: None } => self.session.audit_log().map(Response::History),
            Request::Search { text, limit } => {
                self.session.search(&text, limit).map(Response::SearchHits)
            }
            Request::EvidenceFiles { case } => self
                .session
                .evidence_files(&case)
                .map(Response::EvidenceFiles),
            Request::Export { cases } => self.session.export_bundle(&cases).map(Response::Exported),
            Request::VerifyAudit { expect_head } => self
                .session
                .verify_audit(expect_head.as_ref())
                .map(Response::Verification),
            Request::VerifyVault => {
                self.session
                    .verify_vault()
                    .map(|(report, attachments)| Response::VaultReport {
                        report,
                        attachments,
                    })
            }
            Request::Execute {
                command,
                today,
                upload,
            } => return self.execute(command, today, upload),
            Request::Import { bundle } => {
                if let Some(r) = self.refuse_writes() {
                    return r;
                }
                // bundle-v2.md: no date after the day of import — the server's day.
                let r = self.session.import_bundle(&bundle, self.shared.today());
                let uncovered = self.session.uncovered().iter().copied().collect();
                r.map(|summary| {
                    self.publish();
                    Response::Imported { summary, uncovered }
                })
            }
            Request::ImportUpload { upload } => return self.import_upload(upload),
            Request::UploadBegin { file_name } => return self.upload_begin(file_name),
            Request::UploadChunk { upload, data } => return self.upload_chunk(upload, &data),
        };
        result.unwrap_or_else(|e| wire(e, &self.session.directory().unwrap_or_default(), lang))
    }

    /// The next page of the pending `Changes` answer (an empty final page if none).
    fn next_page(&mut self) -> Response {
        let Some(mut rest) = self.pending.take() else {
            return Response::Changes(Changes::default());
        };
        if rest.cases.len() <= CHANGES_PAGE {
            return Response::Changes(rest);
        }
        let tail = rest.cases.split_off(CHANGES_PAGE);
        let page = Changes {
            cases: std::mem::replace(&mut rest.cases, tail),
            hidden: std::mem::take(&mut rest.hidden),
            revision: rest.revision,
            more: true,
            numbers: std::mem::take(&mut rest.numbers),
            priors: std::mem::take(&mut rest.priors),
        };
        self.pending = Some(rest);
        Response::Changes(page)
    }

    fn publish(&self) {
        if let Ok(rev) = self.session.revision() {
            self.shared.hub.publish(rev);
        }
    }

    fn execute(
        &mut self,
        command: Command,
        today: Option<NaiveDate>,
        upload: Option<u64>,
    ) -> Response {
        let lang = self.lang;
        if let Some(r) = self.refuse_writes() {
            return r;
        }
        let server_today = self.shared.today();
        // Issue 7: on a served database `--today` is refused for anything that writes;
        // every write is dated by the service's own clock.
        if let Some(d) = today
            && d != server_today
        {
            return error("today", t::today_refused(d, server_today, lang));
        }
        if let Command::AddEvidence { file: Some(p), .. } = &command {
            // The service never opens a path a client names.
            return error("bad_request", t::no_paths(&p.display().to_string(), lang));
        }
        let upload = match upload.map(|id| self.uploads.remove(&id).ok_or(id)) {
            None => None,
            Some(Ok(u)) => Some(u),
            Some(Err(id)) => return error("bad_request", t::no_upload(id, lang)),
        };
        if let Some(u) = &upload
            && let Err(e) = u.file.sync_all()
        {
            let _ = fs::remove_file(&u.path);
            return error("storage", e.to_string());
        }
        let source = upload
            .as_ref()
            .map(|u| (u.path.as_path(), u.file_name.as_str()));
        let result = self.session.execute_attached(command, server_today, source);
        if let Some(u) = upload {
            let _ = fs::remove_file(&u.path);
        }
        let uncovered = self.session.uncovered().iter().copied().collect();
        match result {
            Ok(applied) => {
                self.publish();
                Response::Applied { applied, uncovered }
            }
            Err(e) => {
                let dir = self.session.directory().unwrap_or_default();
                wire(e, &dir, lang)
            }
        }
    }

    /// Import an upload case by case (issue 10), then discard it. Errors come as one
    /// message: the bundle's name, then each error as `PATH (case NUMBER): reason`.
    fn import_upload(&mut self, id: u64) -> Response {
        let lang = self.lang;
        if let Some(r) = self.refuse_writes() {
            return r;
        }
        let Some(u) = self.uploads.remove(&id) else {
            return error("bad_request", t::no_upload(id, lang));
        };
        let name = PathBuf::from(&u.file_name);
        let result = File::open(&u.path)
            .map_err(|e| {
                WorkflowError::from(crate::store::StoreError::Io {
                    path: u.path.clone(),
                    source: e,
                })
            })
            // bundle-v2.md: no date after the day of import — the server's day.
            .and_then(|f| self.session.import_file(&f, &name, self.shared.today()));
        let _ = fs::remove_file(&u.path);
        let uncovered = self.session.uncovered().iter().copied().collect();
        match result {
            Ok(summary) => {
                self.publish();
                Response::Imported { summary, uncovered }
            }
            Err(WorkflowError::Invalid(errors)) => {
                let mut msg = crate::i18n::cli::bundle_refused(&u.file_name, errors.len(), lang);
                for e in &errors {
                    msg.push_str("\n  ");
                    if e.reason == crate::workflow::import::CASE_IN_DATABASE {
                        let mut e = e.clone();
                        e.reason = crate::i18n::cli_db::case_exists(lang).to_string();
                        msg.push_str(&e.to_string());
                    } else {
                        msg.push_str(&e.to_string());
                    }
                }
                error("invalid", msg)
            }
            Err(e) => wire(e, &self.session.directory().unwrap_or_default(), lang),
        }
    }

    fn upload_begin(&mut self, file_name: String) -> Response {
        if let Some(r) = self.refuse_writes() {
            return r;
        }
        let id = self.shared.uploads.fetch_add(1, Ordering::Relaxed);
        let dir = self.session.vault_dir().join("tmp");
        if let Err(e) = fs::create_dir_all(&dir) {
            return error("storage", format!("{}: {e}", dir.display()));
        }
        let path = dir.join(format!("upload-{}-{id}", std::process::id()));
        let file = fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(&path);
        match file {
            Ok(file) => {
                // Only the name: a client's directories mean nothing here.
                let file_name = Path::new(&file_name)
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                self.uploads.insert(
                    id,
                    Upload {
                        file,
                        path,
                        file_name,
                        size: 0,
                    },
                );
                Response::Upload { upload: id }
            }
            Err(e) => error("storage", format!("{}: {e}", path.display())),
        }
    }

    fn upload_chunk(&mut self, id: u64, data: &str) -> Response {
        let lang = self.lang;
        let Some(u) = self.uploads.get_mut(&id) else {
            return error("bad_request", t::no_upload(id, lang));
        };
        let bytes = match base64::engine::general_purpose::STANDARD.decode(data) {
            Ok(b) => b,
            Err(e) => return error("bad_request", t::bad_request(&e.to_string(), lang)),
        };
        u.size += bytes.len() as u64;
        if u.size > MAX_UPLOAD {
            if let Some(u) = self.uploads.remove(&id) {
                let _ = fs::remove_file(&u.path);
            }
            return error("too_large", t::upload_too_large(MAX_UPLOAD, lang));
        }
        match u.file.write_all(&bytes) {
            Ok(()) => Response::Received { bytes: u.size },
            Err(e) => error("storage", e.to_string()),
        }
    }
}

impl Shared {
    /// The service's date: the date of every write. A demo service's `demo_today` if its
    /// config sets one (honoured only with `demo = true`), else the clock; never a client's.
    fn today(&self) -> NaiveDate {
        self.demo_today
            .unwrap_or_else(|| chrono::Local::now().date_naive())
    }
}
