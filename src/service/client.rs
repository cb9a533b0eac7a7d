//! The client side of served mode: [`Client`] is a workbench [`Backend`] (and so the
//! command line's seam) that sends every operation to `culpa serve` over its socket.
//!
//! Live refresh is pushed: [`Backend::data_version`] starts a subscription on a second
//! connection, whose notices a thread records; polling it is a memory read. A refresh then
//! asks only for the cases changed since the revision this client last saw and merges them
//! into its copy; the whole case list crosses the socket once, at start.

use std::cell::{OnceCell, RefCell};
use std::collections::{BTreeMap, HashMap};
use std::io::Read;
use std::os::unix::net::UnixStream;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};
use std::time::Duration;

use base64::Engine;
use chrono::NaiveDate;

use super::protocol::{
    self, ANSWER_TIMEOUT, FrameError, HANDSHAKE_TIMEOUT, Hello, PROTOCOL_VERSION, Request,
    Response, UPLOAD_CHUNK, WireError,
};
use crate::domain::Directory;
use crate::domain::calendar::{Calendar, Uncovered};
use crate::domain::deadlines::Obligation;
use crate::domain::liability::{CaseRepeats, PriorOutcome};
use crate::domain::model::{Bundle, Case, Person};
use crate::i18n::Lang;
use crate::i18n::service as t;
use crate::store::{Attachment, AuditEntry, SearchHit, VaultReport};
use crate::ui::backend::Backend;
use crate::workflow::listing::{
    Anchor, DashRow, ListCounts, ObligationKey, Page, QueueQuery, QueueRow,
};
use crate::workflow::verify::Verification;
use crate::workflow::{
    Applied, CaseRecord, Changes, Command, EvidenceFile, ImportSummary, Refusal, WorkflowError,
};

/// How a client connects: everything the handshake says.
#[derive(Debug, Clone)]
pub struct ClientOptions {
    pub lang: Lang,
    /// `--as LOGIN` (the service decides whether it is allowed).
    pub as_login: Option<String>,
    /// `--today`, if given: reads use it; writes send it and the service refuses it unless
    /// it is the service's own date.
    pub today: Option<NaiveDate>,
    /// The contents of the `--calendar` files.
    pub calendars: Vec<String>,
    /// The client's calendar (the built-in one with the `--calendar` files applied).
    pub calendar: Calendar,
}

/// The cases this client has seen, by id, and the revision they are complete up to.
#[derive(Default)]
struct Copy {
    cases: BTreeMap<i64, CaseRecord>,
    ids: HashMap<String, i64>,
    revision: i64,
    /// The actor's roles when the copy was made: a change of roles changes what may be
    /// seen without changing any case, so it starts the copy afresh.
    roles: Vec<crate::domain::model::Role>,
}

/// A connection to `culpa serve`.
pub struct Client {
    socket: PathBuf,
    opts: ClientOptions,
    conn: RefCell<Option<UnixStream>>,
    actor: Person,
    label: String,
    /// The service's date at the handshake: the date its writes are made under.
    service_today: NaiveDate,
    copy: RefCell<Copy>,
    commits: OnceCell<Arc<AtomicI64>>,
    uncovered: RefCell<Uncovered>,
}

/// The service's welcome.
struct Welcome {
    actor: Person,
    label: String,
    today: NaiveDate,
}

fn link_error(socket: &Path, e: impl std::fmt::Display, lang: Lang) -> WorkflowError {
    WorkflowError::Remote {
        code: "service".into(),
        message: t::lost(socket, &e.to_string(), lang),
    }
}

/// A refusal from the service as a workflow error: a conflict keeps its shape (the
/// workbench shows who changed what), everything else carries the service's message.
/// A file the client could not read.
fn file_refusal(action: &'static str, path: &Path, e: std::io::Error) -> WorkflowError {
    WorkflowError::Refused {
        case: None,
        action,
        refusal: Refusal::File {
            path: path.display().to_string(),
            error: e.to_string(),
        },
    }
}

fn from_wire(w: WireError) -> WorkflowError {
    match w.conflict {
        Some(c) => WorkflowError::Conflict {
            case: c.case,
            by: c.by,
            at: c.at,
            what: c.what,
            current_version: c.current_version,
        },
        None => WorkflowError::Remote {
            code: w.code,
            message: w.message,
        },
    }
}

fn unexpected(r: &Response, lang: Lang) -> WorkflowError {
    let name = serde_json::to_value(r)
        .ok()
        .and_then(|v| v.as_object().and_then(|o| o.keys().next().cloned()))
        .or_else(|| {
            serde_json::to_value(r)
                .ok()
                .and_then(|v| v.as_str().map(String::from))
        })
        .unwrap_or_default();
    WorkflowError::Remote {
        code: "protocol".into(),
        message: t::unexpected(&name, lang),
    }
}

/// Connect and shake hands.
fn connect(socket: &Path, opts: &ClientOptions) -> Result<(UnixStream, Welcome), WorkflowError> {
    let lang = opts.lang;
    let mut s = UnixStream::connect(socket).map_err(|e| WorkflowError::Remote {
        code: "service".into(),
        message: t::unreachable(socket, &e.to_string(), lang),
    })?;
    let _ = s.set_write_timeout(Some(protocol::REQUEST_TIMEOUT));
    let hello = Request::Hello(Hello {
        protocol: PROTOCOL_VERSION,
        client: format!("culpa {}", env!("CARGO_PKG_VERSION")),
        lang: match lang {
            Lang::Zh => "zh".into(),
            Lang::En => "en".into(),
        },
        as_login: opts.as_login.clone(),
        calendars: opts.calendars.clone(),
    });
    protocol::send(&mut s, &hello).map_err(|e| link_error(socket, e, lang))?;
    match protocol::receive::<Response>(&mut s, HANDSHAKE_TIMEOUT + ANSWER_TIMEOUT) {
        Ok(Response::Welcome {
            actor,
            label,
            today,
            ..
        }) => Ok((
            s,
            Welcome {
                actor,
                label,
                today,
            },
        )),
        Ok(Response::Error(w)) => Err(from_wire(w)),
        Ok(other) => Err(unexpected(&other, lang)),
        Err(e) => Err(link_error(socket, e, lang)),
    }
}

/// Whether the service has closed this connection (idle timeout, restart): a readable
/// end-of-file, seen without blocking.
fn closed(s: &UnixStream) -> bool {
    use nix::sys::socket::{MsgFlags, recv};
    use std::os::fd::AsRawFd;
    let mut b = [0u8; 1];
    match recv(
        s.as_raw_fd(),
        &mut b,
        MsgFlags::MSG_PEEK | MsgFlags::MSG_DONTWAIT,
    ) {
        Ok(_) => true, // 0: closed; > 0: bytes nobody asked for — start afresh either way
        Err(nix::errno::Errno::EAGAIN) => false,
        Err(_) => true,
    }
}

impl Client {
    /// Connect to the service at `socket`.
    pub fn connect(socket: &Path, opts: ClientOptions) -> Result<Client, WorkflowError> {
        let (stream, welcome) = connect(socket, &opts)?;
        Ok(Client {
            socket: socket.to_path_buf(),
            conn: RefCell::new(Some(stream)),
            actor: welcome.actor,
            label: welcome.label,
            service_today: welcome.today,
            opts,
            copy: RefCell::new(Copy::default()),
            commits: OnceCell::new(),
            uncovered: RefCell::new(Uncovered::new()),
        })
    }

    /// The service's date when this client connected: the day its writes are dated (its
    /// clock, or a demo service's `demo_today`). The workbench shows and prefills this day
    /// unless `--today` was given for reading.
    pub fn service_today(&self) -> NaiveDate {
        self.service_today
    }

    /// One request, one answer. A connection the service closed while idle is replaced
    /// before the request is sent (never after: a change is never sent twice).
    fn call(&self, request: &Request) -> Result<Response, WorkflowError> {
        let lang = self.opts.lang;
        let mut conn = self.conn.borrow_mut();
        if conn.as_ref().is_none_or(closed) {
            *conn = None;
            *conn = Some(connect(&self.socket, &self.opts)?.0);
        }
        let Some(s) = conn.as_mut() else {
            return Err(link_error(&self.socket, "not connected", lang));
        };
        let answer = protocol::send(s, request)
            .map_err(FrameError::from)
            .and_then(|()| protocol::receive::<Response>(s, ANSWER_TIMEOUT));
        match answer {
            Ok(Response::Error(w)) => Err(from_wire(w)),
            Ok(r) => Ok(r),
            Err(e) => {
                *conn = None;
                Err(link_error(&self.socket, e, lang))
            }
        }
    }

    /// Send the file at `path` (read with the user's own permissions) as an upload on the
    /// current connection; returns its id.
    fn upload(&self, path: &Path) -> Result<u64, WorkflowError> {
        let refuse = |e: std::io::Error| file_refusal("add_evidence", path, e);
        let mut file = std::fs::File::open(path).map_err(refuse)?;
        self.upload_from(&mut file, path, "add_evidence")
    }

    /// Send what `from` holds (named `path`) as an upload, in chunks of [`UPLOAD_CHUNK`]:
    /// memory holds one chunk, never the file. `action` names the refusal of a read error.
    fn upload_from(
        &self,
        from: &mut dyn Read,
        path: &Path,
        action: &'static str,
    ) -> Result<u64, WorkflowError> {
        let lang = self.opts.lang;
        let file_name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let id = match self.call(&Request::UploadBegin { file_name })? {
            Response::Upload { upload } => upload,
            other => return Err(unexpected(&other, lang)),
        };
        let mut buf = vec![0u8; UPLOAD_CHUNK];
        loop {
            let n = match from.read(&mut buf) {
                Ok(0) => return Ok(id),
                Ok(n) => n,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(file_refusal(action, path, e)),
            };
            let data = base64::engine::general_purpose::STANDARD.encode(&buf[..n]);
            match self.call(&Request::UploadChunk { upload: id, data })? {
                Response::Received { .. } => {}
                other => return Err(unexpected(&other, lang)),
            }
        }
    }

    /// The latest commit count heard from the subscription, starting it on first use.
    fn subscription(&self) -> Result<Arc<AtomicI64>, WorkflowError> {
        if let Some(c) = self.commits.get() {
            return Ok(Arc::clone(c));
        }
        let lang = self.opts.lang;
        let (mut s, _) = connect(&self.socket, &self.opts)?;
        protocol::send(&mut s, &Request::Subscribe)
            .map_err(|e| link_error(&self.socket, e, lang))?;
        let first = match protocol::receive::<Response>(&mut s, ANSWER_TIMEOUT) {
            Ok(Response::Notice { commits, .. }) => commits,
            Ok(Response::Error(w)) => return Err(from_wire(w)),
            Ok(other) => return Err(unexpected(&other, lang)),
            Err(e) => return Err(link_error(&self.socket, e, lang)),
        };
        let commits = Arc::new(AtomicI64::new(first as i64));
        let seen = Arc::clone(&commits);
        let socket = self.socket.clone();
        let opts = self.opts.clone();
        let _ = std::thread::Builder::new()
            .name("culpa-notices".into())
            .spawn(move || listen(s, socket, opts, seen));
        let _ = self.commits.set(Arc::clone(&commits));
        Ok(commits)
    }
}

/// Record every notice; if the service goes away, keep trying to subscribe again (a
/// restarted service counts its commits afresh, which shows as a change: a refresh).
fn listen(mut s: UnixStream, socket: PathBuf, opts: ClientOptions, seen: Arc<AtomicI64>) {
    // Three heartbeats without a word: the link is gone.
    let wait = protocol::HEARTBEAT * 3;
    loop {
        match protocol::receive::<Response>(&mut s, wait) {
            Ok(Response::Notice { commits, .. }) => seen.store(commits as i64, Ordering::Relaxed),
            Ok(_) => {}
            Err(_) => loop {
                std::thread::sleep(Duration::from_secs(2));
                if let Ok((mut n, _)) = connect(&socket, &opts)
                    && protocol::send(&mut n, &Request::Subscribe).is_ok()
                {
                    s = n;
                    // The restarted service's count differs from ours: force a refresh.
                    seen.fetch_sub(1 << 40, Ordering::Relaxed);
                    break;
                }
            },
        }
    }
}

impl Backend for Client {
    fn service_today(&self) -> Option<NaiveDate> {
        Some(self.service_today)
    }

    fn actor(&self) -> &Person {
        &self.actor
    }
    fn db_label(&self) -> String {
        self.label.clone()
    }
    fn calendar(&self) -> &Calendar {
        &self.opts.calendar
    }
    fn directory(&self) -> Result<Directory, WorkflowError> {
        match self.call(&Request::Directory)? {
            Response::Directory { people, relations } => {
                let dir = Directory::new(people, relations);
                let roles = dir
                    .person(&self.actor.login)
                    .map(|p| p.roles.clone())
                    .unwrap_or_default();
                let mut copy = self.copy.borrow_mut();
                if copy.roles != roles {
                    *copy = Copy {
                        roles,
                        ..Copy::default()
                    };
                }
                Ok(dir)
            }
            other => Err(unexpected(&other, self.opts.lang)),
        }
    }
    fn cases(&self) -> Result<Vec<CaseRecord>, WorkflowError> {
        let since = self.copy.borrow().revision;
        let mut request = Request::Changes { revision: since };
        // Pages are merged only once the whole answer is in: a broken link leaves the copy
        // as it was, at its old revision.
        let mut pages = Vec::new();
        loop {
            let page = match self.call(&request)? {
                Response::Changes(c) => c,
                other => return Err(unexpected(&other, self.opts.lang)),
            };
            let more = page.more;
            pages.push(page);
            if !more {
                break;
            }
            request = Request::MoreChanges;
        }
        let mut copy = self.copy.borrow_mut();
        for changes in pages {
            for number in changes.hidden {
                if let Some(id) = copy.ids.remove(&number) {
                    copy.cases.remove(&id);
                }
            }
            for r in changes.cases {
                copy.ids.insert(r.case.number.clone(), r.id);
                copy.cases.insert(r.id, r);
            }
            copy.revision = changes.revision;
        }
        Ok(copy.cases.values().cloned().collect())
    }
    fn revision(&self) -> Result<i64, WorkflowError> {
        match self.call(&Request::Revision)? {
            Response::Revision(r) => Ok(r),
            other => Err(unexpected(&other, self.opts.lang)),
        }
    }
    /// The changes since `rev`, all pages merged (the service sends a long answer in pages).
    fn changes_since(&self, rev: i64) -> Result<Option<Changes>, WorkflowError> {
        let mut request = Request::Changes { revision: rev };
        let mut all = Changes::default();
        loop {
            let page = match self.call(&request)? {
                Response::Changes(c) => c,
                other => return Err(unexpected(&other, self.opts.lang)),
            };
            all.cases.extend(page.cases);
            all.hidden.extend(page.hidden);
            all.numbers.extend(page.numbers);
            all.priors.extend(page.priors);
            all.revision = page.revision;
            if !page.more {
                return Ok(Some(all));
            }
            request = Request::MoreChanges;
        }
    }
    /// Answered by the service from its stored projection: no case list crosses the socket.
    fn open_obligations(
        &self,
        today: NaiveDate,
        mine: bool,
    ) -> Result<(Vec<Obligation>, Uncovered), WorkflowError> {
        match self.call(&Request::OpenObligations { today, mine })? {
            Response::Obligations {
                obligations,
                uncovered,
            } => Ok((obligations, uncovered.into_iter().collect())),
            other => Err(unexpected(&other, self.opts.lang)),
        }
    }
    /// Counted by the service in its index: a count and a few numbers per person cross the
    /// socket, never the outcomes themselves.
    fn repeats_for(&self, case: &Case, today: NaiveDate) -> Result<CaseRepeats, WorkflowError> {
        let request = Request::RepeatsFor {
            case: Box::new(case.clone()),
            today,
        };
        match self.call(&request)? {
            Response::Repeats(r) => Ok(r),
            other => Err(unexpected(&other, self.opts.lang)),
        }
    }
    fn queue_page(
        &self,
        q: &QueueQuery,
        at: &Anchor<String>,
        limit: usize,
        today: NaiveDate,
    ) -> Result<Page<QueueRow>, WorkflowError> {
        let request = Request::QueuePage {
            query: q.clone(),
            at: at.clone(),
            limit: limit.min(protocol::MAX_PAGE),
            today,
        };
        match self.call(&request)? {
            Response::QueuePage(p) => Ok(p),
            other => Err(unexpected(&other, self.opts.lang)),
        }
    }
    fn queue_counts(&self, q: &QueueQuery, today: NaiveDate) -> Result<ListCounts, WorkflowError> {
        let request = Request::QueueCounts {
            query: q.clone(),
            today,
        };
        match self.call(&request)? {
            Response::Counts(c) => Ok(c),
            other => Err(unexpected(&other, self.opts.lang)),
        }
    }
    fn dash_page(
        &self,
        today: NaiveDate,
        only_mine: bool,
        at: &Anchor<ObligationKey>,
        limit: usize,
    ) -> Result<Page<DashRow>, WorkflowError> {
        let request = Request::DashPage {
            today,
            only_mine,
            at: at.clone(),
            limit: limit.min(protocol::MAX_PAGE),
        };
        match self.call(&request)? {
            Response::DashPage(p) => Ok(p),
            other => Err(unexpected(&other, self.opts.lang)),
        }
    }
    fn dash_counts(&self, today: NaiveDate, only_mine: bool) -> Result<ListCounts, WorkflowError> {
        match self.call(&Request::DashCounts { today, only_mine })? {
            Response::Counts(c) => Ok(c),
            other => Err(unexpected(&other, self.opts.lang)),
        }
    }
    fn prior_outcomes(&self) -> Result<Vec<PriorOutcome>, WorkflowError> {
        match self.call(&Request::PriorOutcomes)? {
            Response::PriorOutcomes(p) => Ok(p),
            other => Err(unexpected(&other, self.opts.lang)),
        }
    }
    /// Pushed: the commit count the subscription last heard (a memory read).
    fn data_version(&self) -> Result<i64, WorkflowError> {
        Ok(self.subscription()?.load(Ordering::Relaxed))
    }
    fn execute(&mut self, cmd: Command, _today: NaiveDate) -> Result<Applied, WorkflowError> {
        let (command, upload) = match cmd {
            Command::AddEvidence {
                case,
                kind,
                description,
                collected_on,
                file: Some(path),
            } => {
                let id = self.upload(&path)?;
                let cmd = Command::AddEvidence {
                    case,
                    kind,
                    description,
                    collected_on,
                    file: None,
                };
                (cmd, Some(id))
            }
            cmd => (cmd, None),
        };
        let request = Request::Execute {
            command,
            today: self.opts.today,
            upload,
        };
        match self.call(&request)? {
            Response::Applied { applied, uncovered } => {
                self.uncovered.borrow_mut().extend(uncovered);
                Ok(applied)
            }
            other => Err(unexpected(&other, self.opts.lang)),
        }
    }
    fn case(&self, number: &str) -> Result<CaseRecord, WorkflowError> {
        match self.call(&Request::Case {
            number: number.to_string(),
        })? {
            Response::Case(r) => Ok(*r),
            other => Err(unexpected(&other, self.opts.lang)),
        }
    }
    fn history(&self, case: &str) -> Result<Vec<AuditEntry>, WorkflowError> {
        match self.call(&Request::History {
            case: Some(case.to_string()),
        })? {
            Response::History(h) => Ok(h),
            other => Err(unexpected(&other, self.opts.lang)),
        }
    }
    fn search(&self, text: &str, limit: usize) -> Result<Vec<SearchHit>, WorkflowError> {
        match self.call(&Request::Search {
            text: text.to_string(),
            limit,
        })? {
            Response::SearchHits(h) => Ok(h),
            other => Err(unexpected(&other, self.opts.lang)),
        }
    }
    fn evidence_files(&self, case: &str) -> Result<Vec<EvidenceFile>, WorkflowError> {
        match self.call(&Request::EvidenceFiles {
            case: case.to_string(),
        })? {
            Response::EvidenceFiles(f) => Ok(f),
            other => Err(unexpected(&other, self.opts.lang)),
        }
    }
    fn audit_log(&self) -> Result<Vec<AuditEntry>, WorkflowError> {
        match self.call(&Request::History { case: None })? {
            Response::History(h) => Ok(h),
            other => Err(unexpected(&other, self.opts.lang)),
        }
    }
    /// The server judges the bundle's dates against its own day (`today` is not sent; a
    /// served database refuses a `--today` that differs for anything that writes).
    fn import_bundle(
        &mut self,
        bundle: &Bundle,
        _today: NaiveDate,
    ) -> Result<ImportSummary, WorkflowError> {
        match self.call(&Request::Import {
            bundle: bundle.clone(),
        })? {
            Response::Imported { summary, uncovered } => {
                self.uncovered.borrow_mut().extend(uncovered);
                Ok(summary)
            }
            other => Err(unexpected(&other, self.opts.lang)),
        }
    }
    /// Issue 10: the file travels in chunks (an upload, as evidence does) and the service
    /// imports it case by case; neither side holds it whole. Dated by the server's day.
    fn import_file(
        &mut self,
        file: &std::fs::File,
        name: &Path,
        _today: NaiveDate,
    ) -> Result<ImportSummary, WorkflowError> {
        use std::io::Seek;
        let mut from: &std::fs::File = file;
        from.rewind().map_err(|e| file_refusal("import", name, e))?;
        let upload = self.upload_from(&mut from, name, "import")?;
        match self.call(&Request::ImportUpload { upload })? {
            Response::Imported { summary, uncovered } => {
                self.uncovered.borrow_mut().extend(uncovered);
                Ok(summary)
            }
            other => Err(unexpected(&other, self.opts.lang)),
        }
    }
    fn export_bundle(&self, cases: &[String]) -> Result<Bundle, WorkflowError> {
        match self.call(&Request::Export {
            cases: cases.to_vec(),
        })? {
            Response::Exported(b) => Ok(b),
            other => Err(unexpected(&other, self.opts.lang)),
        }
    }
    fn verify_audit(&self, expect: Option<&(i64, String)>) -> Result<Verification, WorkflowError> {
        match self.call(&Request::VerifyAudit {
            expect_head: expect.cloned(),
        })? {
            Response::Verification(r) => Ok(r),
            other => Err(unexpected(&other, self.opts.lang)),
        }
    }
    fn verify_vault(&self) -> Result<(VaultReport, Vec<Attachment>), WorkflowError> {
        match self.call(&Request::VerifyVault)? {
            Response::VaultReport {
                report,
                attachments,
            } => Ok((report, attachments)),
            other => Err(unexpected(&other, self.opts.lang)),
        }
    }
    fn uncovered(&self) -> Uncovered {
        self.uncovered.borrow().clone()
    }
}
