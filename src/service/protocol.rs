//! The wire protocol between `culpa` (a client) and `culpa serve`, version
//! [`PROTOCOL_VERSION`]. Documented for people in `docs/protocol.md`; this file is the
//! definition, and the two must agree.
//!
//! Framing: a message is one JSON value ([`Request`] or [`Response`]) sent as one or more
//! frames. A frame is a 4-byte big-endian header and a payload: the header's low 31 bits
//! are the payload's length (at most [`MAX_FRAME`]), its high bit says that another frame
//! of the same message follows. A message is at most [`MAX_MESSAGE`] bytes in all. A frame
//! that announces more than [`MAX_FRAME`] is refused (`frame_too_large`) and the connection
//! closed: its bytes cannot be skipped safely.
//!
//! Every request is read whole, within [`REQUEST_TIMEOUT`] of its first byte, before the
//! service looks at it, and the service holds no transaction across requests: a client
//! that stalls, is stopped or vanishes mid-request holds no lock and blocks no one.

use std::io::{self, Read, Write};
use std::os::unix::net::UnixStream;
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::domain::deadlines::Obligation;
use crate::domain::liability::{CaseRepeats, PriorOutcome};
use crate::domain::model::{Bundle, Case, Person, Relation};
use crate::store::{Attachment, AuditEntry, SearchHit, VaultReport};
use crate::workflow::listing::{
    Anchor, DashRow, ListCounts, ObligationKey, Page, QueueQuery, QueueRow,
};
use crate::workflow::verify::Verification;
use crate::workflow::{Applied, CaseRecord, Changes, Command, EvidenceFile, ImportSummary};

/// The protocol version this build speaks. A service refuses any other (`version`).
/// 2: Art. 8(3) is asked as `RepeatsFor` → `Repeats` (counted by the service), no longer
/// `PriorsFor` → `PriorOutcomes` (every outcome of the case's people in the year).
pub const PROTOCOL_VERSION: u32 = 2;
/// The largest payload of one frame.
pub const MAX_FRAME: usize = 8 * 1024 * 1024;
/// The largest message (all its frames together).
pub const MAX_MESSAGE: usize = 256 * 1024 * 1024;
/// Evidence bytes per [`Request::UploadChunk`] (base64 keeps it well under [`MAX_FRAME`]).
pub const UPLOAD_CHUNK: usize = 1024 * 1024;
/// Cases per page of a `Changes` answer (about 2 KB each: a page stays in one frame).
pub const CHANGES_PAGE: usize = 2_000;
/// The most rows one page of the queue or the dashboard may ask for.
pub const MAX_PAGE: usize = 10_000;
/// The largest evidence file the service accepts.
pub const MAX_UPLOAD: u64 = 4 * 1024 * 1024 * 1024;
/// The first message ([`Request::Hello`]) must arrive within this of connecting.
pub const HANDSHAKE_TIMEOUT: Duration = Duration::from_secs(10);
/// A whole message must arrive within this of its first byte.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(60);
/// A connection with no request for this long is closed (the client reconnects).
pub const IDLE_TIMEOUT: Duration = Duration::from_secs(3600);
/// The service gives up on a client that does not take its answer within this.
pub const WRITE_TIMEOUT: Duration = Duration::from_secs(30);
/// A subscriber hears from the service at least this often (a repeated notice).
pub const HEARTBEAT: Duration = Duration::from_secs(20);
/// A client waits this long for an answer (an import of a large bundle takes a while).
pub const ANSWER_TIMEOUT: Duration = Duration::from_secs(600);

const MORE: u32 = 1 << 31;

/// The first request on every connection.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Hello {
    /// The protocol version the client speaks.
    pub protocol: u32,
    /// `culpa <version>`, for the service's log.
    pub client: String,
    /// `zh` or `en`: the language of the service's messages.
    pub lang: String,
    /// Act as this login (honoured only if the service's configuration allows it).
    #[serde(default)]
    pub as_login: Option<String>,
    /// `--calendar` files' contents, applied over the built-in calendar for this
    /// connection's checks.
    #[serde(default)]
    pub calendars: Vec<String>,
}

/// What a client may ask. One variant per operation of the workbench's `Backend` and the
/// command line; adding an operation is adding a variant here and an arm in the server.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Request {
    Hello(Hello),
    /// The people and relations.
    Directory,
    /// Cases written after `revision` (0: all) that the caller may see, and those it may
    /// no longer see. At most [`CHANGES_PAGE`] cases per answer; while the answer says
    /// `more`, ask [`Request::MoreChanges`] for the next page.
    Changes {
        revision: i64,
    },
    /// The next page of the last `Changes` answer.
    MoreChanges,
    /// The open obligations of the cases the caller may open (`mine`: only the caller's),
    /// as of `today` (a read: the client's `--today` is fine).
    OpenObligations {
        today: NaiveDate,
        mine: bool,
    },
    /// Art. 8(3) for `case` as of `today`, counted by the service from its index: per
    /// person, how many other cases count and the latest few (issue 10).
    RepeatsFor {
        case: Box<Case>,
        today: NaiveDate,
    },
    /// A page of the case queue of the cases the caller may open (issue 10), from the
    /// service's indexes; `limit` at most [`MAX_PAGE`].
    QueuePage {
        query: QueueQuery,
        at: Anchor<String>,
        limit: usize,
        today: NaiveDate,
    },
    /// How many rows the queue has for `query`, and per stage.
    QueueCounts {
        query: QueueQuery,
        today: NaiveDate,
    },
    /// A page of the deadline dashboard; `limit` at most [`MAX_PAGE`].
    DashPage {
        today: NaiveDate,
        only_mine: bool,
        at: Anchor<ObligationKey>,
        limit: usize,
    },
    /// How many rows the dashboard has.
    DashCounts {
        today: NaiveDate,
        only_mine: bool,
    },
    /// One case the caller may open.
    Case {
        number: String,
    },
    /// Every committee outcome on record (Art. 8(3)).
    PriorOutcomes,
    /// The current revision.
    Revision,
    /// Run a workflow command. `today`: only an explicit `--today`, refused unless it is
    /// the service's own date. `upload`: the evidence file sent before with
    /// [`Request::UploadBegin`] (an `AddEvidence` with a `file` path is refused).
    Execute {
        command: Command,
        #[serde(default)]
        today: Option<NaiveDate>,
        #[serde(default)]
        upload: Option<u64>,
    },
    /// The audit entries of one case (`Some`), or the whole log (admin).
    History {
        case: Option<String>,
    },
    /// Full-text search over the cases the caller may open.
    Search {
        text: String,
        limit: usize,
    },
    /// The files attached to a case's evidence, each checked against the vault.
    EvidenceFiles {
        case: String,
    },
    /// A whole bundle in one message (at most [`MAX_MESSAGE`]).
    Import {
        bundle: Bundle,
    },
    /// Import the bundle sent before as an upload ([`Request::UploadBegin`]) on this
    /// connection, case by case (issue 10): any size, bounded memory on both sides.
    ImportUpload {
        upload: u64,
    },
    Export {
        cases: Vec<String>,
    },
    /// Every check of `culpa audit verify`; `expect_head` is `--expect-head SEQ:HASH`.
    VerifyAudit {
        expect_head: Option<(i64, String)>,
    },
    VerifyVault,
    /// Start sending an evidence file; answered with [`Response::Upload`].
    UploadBegin {
        file_name: String,
    },
    /// The next bytes of an upload, base64.
    UploadChunk {
        upload: u64,
        data: String,
    },
    /// Turn this connection into a subscription: from now on the service only sends
    /// [`Response::Notice`], after every commit and every [`HEARTBEAT`].
    Subscribe,
}

/// What the service answers: one response per request, except after `Subscribe`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Response {
    Welcome {
        protocol: u32,
        /// The person the kernel says the caller is (or `--as`, where allowed).
        actor: Person,
        /// What the workbench shows as the database (`culpa serve at PATH`).
        label: String,
        revision: i64,
        /// The service's date: the date of every write.
        today: NaiveDate,
        /// Writes are refused (the start-up integrity check failed); the message says why.
        read_only: Option<String>,
    },
    Directory {
        people: Vec<Person>,
        relations: Vec<Relation>,
    },
    Changes(Changes),
    Case(Box<CaseRecord>),
    PriorOutcomes(Vec<PriorOutcome>),
    Repeats(CaseRepeats),
    Obligations {
        obligations: Vec<Obligation>,
        uncovered: Vec<i32>,
    },
    Revision(i64),
    QueuePage(Page<QueueRow>),
    DashPage(Page<DashRow>),
    Counts(ListCounts),
    Applied {
        applied: Applied,
        /// Years a check consulted that no calendar covers.
        uncovered: Vec<i32>,
    },
    History(Vec<AuditEntry>),
    SearchHits(Vec<SearchHit>),
    EvidenceFiles(Vec<EvidenceFile>),
    Imported {
        summary: ImportSummary,
        uncovered: Vec<i32>,
    },
    Exported(Bundle),
    Verification(Verification),
    VaultReport {
        report: VaultReport,
        attachments: Vec<Attachment>,
    },
    Upload {
        upload: u64,
    },
    /// A chunk was stored.
    Received {
        bytes: u64,
    },
    /// Something may have been committed: `commits` counts the service's commits (it
    /// changed: refresh), `revision` is the cases' revision (ask for changes since yours).
    Notice {
        commits: u64,
        revision: i64,
    },
    Error(WireError),
}

/// A refusal or failure. `message` is already in the client's language and says what was
/// wrong and what to do; `code` is for programs (the workflow error's kind in snake case:
/// `not_permitted`, `conflict`, …, or a protocol code: `version`, `frame_too_large`,
/// `bad_request`, `handshake`, `read_only`, `today`, `unknown_account`, `busy`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WireError {
    pub code: String,
    pub message: String,
    /// For `conflict`: who changed the record, when, how, and its version now.
    #[serde(default)]
    pub conflict: Option<Conflict>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Conflict {
    pub case: String,
    pub by: String,
    pub at: String,
    pub what: String,
    pub current_version: i64,
}

/// Why a message could not be read.
#[derive(Debug, thiserror::Error)]
pub enum FrameError {
    /// The peer closed the connection before a message began.
    #[error("the connection was closed")]
    Closed,
    #[error("a frame of {0} bytes is larger than the limit of {MAX_FRAME}")]
    FrameTooLarge(usize),
    #[error("a message larger than the limit of {MAX_MESSAGE} bytes")]
    MessageTooLarge,
    #[error("no message within the time allowed")]
    Timeout,
    #[error("the message is not valid: {0}")]
    Invalid(String),
    #[error(transparent)]
    Io(#[from] io::Error),
}

fn timed_out(e: &io::Error) -> bool {
    matches!(
        e.kind(),
        io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut
    )
}

/// Read exactly `buf.len()` bytes before `deadline`.
fn read_by(s: &mut UnixStream, buf: &mut [u8], deadline: Instant) -> Result<(), FrameError> {
    let mut got = 0;
    while got < buf.len() {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err(FrameError::Timeout);
        }
        s.set_read_timeout(Some(left))?;
        match s.read(&mut buf[got..]) {
            Ok(0) => {
                return Err(FrameError::Io(io::Error::from(
                    io::ErrorKind::UnexpectedEof,
                )));
            }
            Ok(n) => got += n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) if timed_out(&e) => return Err(FrameError::Timeout),
            Err(e) => return Err(e.into()),
        }
    }
    Ok(())
}

/// Read one message's bytes: the first byte may take up to `wait` (idle), the rest of the
/// message must follow within [`REQUEST_TIMEOUT`].
pub fn read_message(s: &mut UnixStream, wait: Duration) -> Result<Vec<u8>, FrameError> {
    let mut first = [0u8; 1];
    s.set_read_timeout(Some(wait))?;
    loop {
        match s.read(&mut first) {
            Ok(0) => return Err(FrameError::Closed),
            Ok(_) => break,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) if timed_out(&e) => return Err(FrameError::Timeout),
            Err(e) if e.kind() == io::ErrorKind::ConnectionReset => {
                return Err(FrameError::Closed);
            }
            Err(e) => return Err(e.into()),
        }
    }
    let deadline = Instant::now() + REQUEST_TIMEOUT;
    let mut message = Vec::new();
    let mut header = [first[0], 0, 0, 0];
    read_by(s, &mut header[1..], deadline)?;
    loop {
        let word = u32::from_be_bytes(header);
        let len = (word & !MORE) as usize;
        if len > MAX_FRAME {
            return Err(FrameError::FrameTooLarge(len));
        }
        if message.len() + len > MAX_MESSAGE {
            return Err(FrameError::MessageTooLarge);
        }
        let start = message.len();
        message.resize(start + len, 0);
        read_by(s, &mut message[start..], deadline)?;
        if word & MORE == 0 {
            return Ok(message);
        }
        read_by(s, &mut header, deadline)?;
    }
}

/// Write one message, split into frames of at most [`MAX_FRAME`].
pub fn write_message(s: &mut UnixStream, bytes: &[u8]) -> io::Result<()> {
    if bytes.len() > MAX_MESSAGE {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!(
                "a message of {} bytes is larger than {MAX_MESSAGE}",
                bytes.len()
            ),
        ));
    }
    let mut out = io::BufWriter::with_capacity(64 * 1024, s);
    let mut chunks = bytes.chunks(MAX_FRAME).peekable();
    if chunks.peek().is_none() {
        out.write_all(&0u32.to_be_bytes())?;
    }
    while let Some(chunk) = chunks.next() {
        let more = if chunks.peek().is_some() { MORE } else { 0 };
        out.write_all(&(chunk.len() as u32 | more).to_be_bytes())?;
        out.write_all(chunk)?;
    }
    out.flush()
}

/// Encode and send one value.
pub fn send<T: Serialize>(s: &mut UnixStream, value: &T) -> io::Result<()> {
    let bytes = serde_json::to_vec(value).map_err(io::Error::other)?;
    write_message(s, &bytes)
}

/// Receive and decode one value.
pub fn receive<T: for<'de> Deserialize<'de>>(
    s: &mut UnixStream,
    wait: Duration,
) -> Result<T, FrameError> {
    let bytes = read_message(s, wait)?;
    serde_json::from_slice(&bytes).map_err(|e| FrameError::Invalid(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_cross_frame_boundaries() {
        let (mut a, mut b) = UnixStream::pair().expect("pair");
        let big = vec![b'x'; MAX_FRAME * 2 + 17];
        let writer = std::thread::spawn(move || {
            write_message(&mut a, &big).expect("write");
            write_message(&mut a, b"").expect("write empty");
            a
        });
        let got = read_message(&mut b, Duration::from_secs(5)).expect("read");
        assert_eq!(got.len(), MAX_FRAME * 2 + 17);
        assert!(got.iter().all(|&c| c == b'x'));
        assert_eq!(
            read_message(&mut b, Duration::from_secs(5)).expect("empty"),
            b""
        );
        drop(writer.join());
        assert!(matches!(
            read_message(&mut b, Duration::from_secs(5)),
            Err(FrameError::Closed)
        ));
    }

    #[test]
    fn an_oversized_frame_and_a_stalled_message_are_refused() {
        let (mut a, mut b) = UnixStream::pair().expect("pair");
        a.write_all(&((MAX_FRAME as u32) + 1).to_be_bytes())
            .expect("write");
        assert!(matches!(
            read_message(&mut b, Duration::from_secs(5)),
            Err(FrameError::FrameTooLarge(_))
        ));
        // Nothing at all within the idle wait.
        let (_a, mut b) = UnixStream::pair().expect("pair");
        assert!(matches!(
            read_message(&mut b, Duration::from_millis(50)),
            Err(FrameError::Timeout)
        ));
    }

    #[test]
    fn requests_round_trip_as_json() {
        let r = Request::Execute {
            command: Command::Notify {
                case: "N".into(),
                on: NaiveDate::from_ymd_opt(2026, 10, 10).expect("date"),
            },
            today: None,
            upload: None,
        };
        let text = serde_json::to_string(&r).expect("encode");
        assert!(
            text.starts_with(r#"{"Execute":{"command":{"Notify""#),
            "{text}"
        );
        assert_eq!(serde_json::from_str::<Request>(&text).expect("decode"), r);
    }
}
