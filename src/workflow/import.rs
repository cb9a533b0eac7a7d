//! Import, case by case (issue 10): the bundle's people and relations, then each case as the
//! reader ([`crate::domain::validate::stream`]) hands it over — checked exactly as a whole
//! bundle is (bundle-v2.md: people matched by login, no case number twice or already on file,
//! every case through `validate_case`) and written at once, all inside ONE write
//! transaction: the first error stops the writing, the reading goes on to report more (up to
//! [`MAX_ERRORS`]), and the transaction is rolled back, so a bad case anywhere leaves the
//! database untouched. Memory holds the people and one case.
//!
//! The audit record of an import, which the replay (`replay.rs`) re-applies:
//! - one entry without a case: `{"people": [Person…], "people_matched": N,
//!   "relations_added": [Relation…], "today": D}` — the people and relations it added;
//! - one entry per case, in file order: `{"index": I, "stage": S, "case": Case, "today": D}`.
//!
//! Every entry is bounded by one case. (Before issue 10 the first entry held the whole
//! bundle — 292 MB for 100,000 cases — and the per-case entries only `{"stage"}`; the replay
//! still reads that form.) The cases' entries are chained one after another without the
//! log's head being read and rewritten for each; the head is written once, after the last
//! ([`crate::store::AuditChain`]). The reading thread seals each case's entry (detail, time,
//! hash) on a copy of that chain, and the writer appends it after checking that it follows
//! the log's last entry ([`Tx::append_sealed`]).
//!
//! Every case of one import takes the same revision (`rev`): they land in one transaction,
//! so another workbench absorbs them together (`cases_since`) either way.

use std::collections::BTreeSet;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;

use chrono::NaiveDate;
use serde_json::json;

use crate::domain::Directory;
use crate::domain::calendar::Calendar;
use crate::domain::limits::text_errors;
use crate::domain::model::{Bundle, Case, Person, Relation, Role};
use crate::domain::validate::stream::{self, CaseSink, Flow, Head, Source, StreamError};
use crate::domain::validate::{BundleError, head_errors, reconcile_people, validate_case};
use crate::store::{AuditChain, CaseRow, Deferred, Projected, Sealed, StoreError, Tx};

use super::session::json_error;
use super::{WorkflowError, access};

/// What an import recorded.
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub struct ImportSummary {
    /// People new to the database.
    pub people_added: usize,
    /// Bundle people already on file (identical), not duplicated.
    pub people_matched: usize,
    pub relations_added: usize,
    /// The numbers of the cases recorded, in bundle order.
    pub cases: Vec<String>,
}

/// The audit action of every entry an import writes.
pub(super) const ACTION: &str = "import";

/// The reason given at `cases[i].number` for a case the database already holds.
pub const CASE_IN_DATABASE: &str = "a case with this number is already in the database; renumber it or compare with an export first";

/// Errors gathered before reading stops: enough to fix a file by, never a flood.
pub const MAX_ERRORS: usize = 100;

/// The audit entry of one imported case.
#[derive(serde::Serialize)]
struct CaseEntry<'a> {
    index: usize,
    stage: crate::domain::model::Stage,
    case: &'a Case,
    today: NaiveDate,
}

/// The audit detail of one imported case, `{"index", "stage", "case", "today"}` (the
/// replay's form), written straight from the case: no JSON tree of it is built.
fn entry_text(index: usize, case: &Case, today: NaiveDate) -> Result<String, serde_json::Error> {
    serde_json::to_string(&CaseEntry {
        index,
        stage: case.stage,
        case,
        today,
    })
}

/// What the reading thread works out for a case while the writer is busy with earlier ones:
/// the case's errors against the directory ([`validate_case`]), its audit entry (its detail
/// written and the entry hashed after the one before, on a copy of the writer's chain), its
/// row and its rows in the projections.
pub(super) struct Ready {
    errors: Vec<BundleError>,
    entry: Option<Sealed>,
    row: Option<CaseRow>,
    projected: Option<Projected>,
}

/// One import in progress inside a write transaction.
pub(super) struct Importer<'a, 't> {
    tx: &'a Tx<'t>,
    login: &'a str,
    cal: &'a Calendar,
    today: NaiveDate,
    /// The people and relations on file before the import.
    existing: Directory,
    /// `existing` plus the bundle's: what the cases are judged by.
    dir: Directory,
    actor: Person,
    /// Check text limits here (a whole bundle from memory); the reader checks a streamed one.
    check_text: bool,
    errors: Vec<BundleError>,
    summary: ImportSummary,
    /// The id of the first case this import recorded: ids that follow are its later cases.
    first_id: Option<i64>,
    /// The derived tables (full-text indexes, counts) are filled once at the end rather
    /// than by a trigger per case (`store::bulk`).
    deferred: Option<Deferred>,
    /// The revision every case of the import takes (one transaction: seen all at once).
    rev: Option<i64>,
    /// The audit log's head as the cases' entries are appended; written back at the end.
    chain: Option<AuditChain>,
}

impl<'a, 't> Importer<'a, 't> {
    /// Who imports must be an admin; nothing is read before that is settled.
    pub(super) fn begin(
        tx: &'a Tx<'t>,
        login: &'a str,
        cal: &'a Calendar,
        today: NaiveDate,
        check_text: bool,
        bulk: bool,
    ) -> Result<Self, WorkflowError> {
        let existing = tx.directory()?;
        let actor = super::identity::resolve(&existing, login)?;
        access::require_role(&actor, Role::Admin, ACTION)?;
        // Many cases in one transaction: the derived tables are filled once at the end.
        let deferred = if bulk {
            Some(tx.defer_derived()?)
        } else {
            None
        };
        Ok(Importer {
            tx,
            login,
            cal,
            today,
            dir: existing.clone(),
            existing,
            actor,
            check_text,
            errors: Vec::new(),
            summary: ImportSummary::default(),
            first_id: None,
            deferred,
            rev: None,
            chain: None,
        })
    }

    fn writing(&self) -> bool {
        self.errors.is_empty()
    }

    fn flow(&self) -> Flow {
        if self.errors.len() >= MAX_ERRORS {
            Flow::Stop
        } else {
            Flow::Go
        }
    }

    /// The bundle's people and relations: matched by login (a differing person is an error
    /// at `people[i]`), checked, and the new ones written with the import's first entry.
    pub(super) fn head(
        &mut self,
        people: Vec<Person>,
        relations: Vec<Relation>,
    ) -> Result<(), WorkflowError> {
        if self.check_text {
            for (path, v) in [
                ("people", serde_json::to_value(&people).map_err(json_error)?),
                (
                    "relations",
                    serde_json::to_value(&relations).map_err(json_error)?,
                ),
            ] {
                self.errors.extend(text_errors(&v, path));
            }
        }
        self.errors
            .extend(reconcile_people(&people, &self.existing));
        for p in &people {
            if self.dir.person(&p.login).is_none() {
                self.dir.insert_person(p.clone());
            }
        }
        let mut new_relations = Vec::new();
        for r in &relations {
            if !self.dir.relations().iter().any(|x| same_relation(x, r)) {
                self.dir.add_relation(r.clone());
                new_relations.push(r.clone());
            }
        }
        self.errors
            .extend(head_errors(&people, &relations, &self.dir));
        let mut new_people: Vec<Person> = Vec::new();
        for p in people {
            if self.existing.person(&p.login).is_some() {
                self.summary.people_matched += 1;
            } else if !new_people.iter().any(|q| q.login == p.login) {
                new_people.push(p);
            }
        }
        self.summary.people_added = new_people.len();
        self.summary.relations_added = new_relations.len();
        if !self.writing() {
            return Ok(());
        }
        for p in &new_people {
            self.tx.upsert_person(p)?;
        }
        for r in &new_relations {
            self.tx.add_relation(r)?;
        }
        let detail = json!({
            "people": new_people,
            "people_matched": self.summary.people_matched,
            "relations_added": new_relations,
            "today": self.today.to_string(),
        });
        self.tx.append_audit(self.login, None, ACTION, &detail)?;
        Ok(())
    }

    /// One case (`index` in `cases`), or the error the reader found in it; `ready` is what
    /// the reading thread already worked out for it ([`Ready`]), if it could.
    ///
    /// Borrows what it is handed: the streamed import gives the case back to the reading
    /// thread that allocated it, to be freed there ([`import_stream`]).
    pub(super) fn case(
        &mut self,
        index: usize,
        case: Result<&Case, BundleError>,
        ready: Option<&mut Ready>,
    ) -> Result<Flow, WorkflowError> {
        let c = match case {
            Ok(c) => c,
            Err(e) => {
                self.errors.push(e);
                return Ok(self.flow());
            }
        };
        let before = self.errors.len();
        if self.check_text {
            let v = serde_json::to_value(c).map_err(json_error)?;
            self.errors
                .extend(
                    text_errors(&v, &format!("cases[{index}]"))
                        .into_iter()
                        .map(|mut e| {
                            e.case = Some(c.number.clone());
                            e
                        }),
                );
        }
        if let Some(id) = self.tx.case_id(&c.number)? {
            let reason = match self.first_id {
                Some(first) if id >= first => format!(
                    "duplicate case number (also cases[{}]); each case needs its own number",
                    id - first
                ),
                _ => CASE_IN_DATABASE.to_string(),
            };
            self.errors.push(BundleError::new(
                format!("cases[{index}].number"),
                Some(&c.number),
                reason,
            ));
        }
        let (checked, entry, row, projected) = match ready {
            Some(r) => (
                Some(std::mem::take(&mut r.errors)),
                r.entry.as_ref(),
                r.row.take(),
                r.projected.take(),
            ),
            None => (None, None, None, None),
        };
        if self.errors.len() == before {
            self.errors.extend(
                checked.unwrap_or_else(|| validate_case(c, index, &self.dir, self.cal, self.today)),
            );
        }
        if self.writing() {
            if let Some(d) = &mut self.deferred
                && d.indexes_should_go(self.summary.cases.len() as i64)
            {
                self.tx.defer_indexes(d)?;
            }
            let rev = match self.rev {
                Some(rev) => rev,
                None => *self.rev.insert(self.tx.take_rev()?),
            };
            let row = match row {
                Some(row) => row,
                None => CaseRow::of(c)?,
            };
            let id = self.tx.insert_new_case_as(c, row, rev, projected)?;
            self.first_id.get_or_insert(id);
            let chain = match &mut self.chain {
                Some(chain) => chain,
                None => self.chain.insert(self.tx.audit_chain()?),
            };
            match entry {
                // Sealed by the reader after this very entry: it is the one to append.
                Some(entry) if entry.follows(chain) => {
                    self.tx.append_sealed(chain, entry)?;
                }
                _ => {
                    let detail = entry_text(index, c, self.today).map_err(json_error)?;
                    self.tx
                        .append_audit_to(chain, self.login, Some(&c.number), ACTION, &detail)?;
                }
            }
            self.summary.cases.push(c.number.clone());
        }
        Ok(self.flow())
    }

    /// Every error found, or what was recorded and who recorded it.
    pub(super) fn finish(mut self) -> Result<(ImportSummary, Person), WorkflowError> {
        if self.errors.is_empty() {
            if let Some(chain) = self.chain.take() {
                self.tx.close_audit_chain(chain)?;
            }
            if let Some(d) = self.deferred.take() {
                self.tx.fill_derived(d)?;
            }
            Ok((self.summary, self.actor))
        } else {
            Err(WorkflowError::Invalid(self.errors))
        }
    }
}

/// The streamed import's transaction: read `source` (named `name` in messages) case by case
/// into `tx`.
///
/// Reading and writing overlap (issue 10: the import of 100,000 cases): a second thread
/// reads, parses and checks the text of each case ([`stream::read_stream`]) and hands the
/// cases over through a short queue, while this thread judges and writes them in the
/// transaction. Everything the import decides happens here, in file order, exactly as when
/// one thread did both; the reader only stops early when told to (after [`MAX_ERRORS`]) or
/// when this side gives up on a store error.
pub(super) fn import_stream<S: Source + Send>(
    tx: &Tx<'_>,
    login: &str,
    cal: &Calendar,
    source: &mut S,
    name: &std::path::Path,
    today: NaiveDate,
) -> Result<(ImportSummary, Person), WorkflowError> {
    let mut imp = Importer::begin(tx, login, cal, today, false, true)?;
    let projecting = tx.projection_calendar();
    let stop = AtomicBool::new(false);
    let (send, receive) = mpsc::sync_channel::<Handed>(READ_AHEAD);
    let (send_dir, receive_dir) = mpsc::sync_channel::<(Directory, Option<AuditChain>)>(1);
    let (give_back, given_back) = mpsc::channel::<Spent>();
    let (read, written) = std::thread::scope(|scope| {
        let reader = scope.spawn(|| {
            let mut sink = Forward {
                send,
                stop: &stop,
                receive_dir,
                given_back,
                dir: None,
                chain: None,
                login,
                cal,
                projecting,
                today,
            };
            stream::read_stream(source, &mut sink)
        });
        let written = (move || {
            for handed in receive.iter() {
                let flow = match handed {
                    Handed::Head(head) => {
                        imp.head(head.people, head.relations)?;
                        // The reader checks the cases against the same directory, and
                        // seals their audit entries after the head the log has now.
                        let chain = if imp.writing() {
                            Some(imp.chain.insert(tx.audit_chain()?).clone())
                        } else {
                            None
                        };
                        let _ = send_dir.send((imp.dir.clone(), chain));
                        Flow::Go
                    }
                    Handed::Case(index, case, mut ready) => {
                        let flow = match case.as_ref() {
                            Ok(c) => imp.case(index, Ok(c), ready.as_deref_mut())?,
                            Err(e) => imp.case(index, Err(e.clone()), None)?,
                        };
                        // Freed by the thread that allocated it: two threads freeing
                        // into each other's malloc arenas contend on their locks (issue
                        // 10: an import's CPU time varied by a fifth from run to run).
                        let _ = give_back.send((case, ready));
                        flow
                    }
                };
                if flow == Flow::Stop {
                    return Ok((Flow::Stop, imp));
                }
            }
            Ok::<_, WorkflowError>((Flow::Go, imp))
        })();
        // Whatever ended the writing, the reader stops at its next case (or at once if it
        // waits on the queue or for the directory: both are gone).
        stop.store(true, Ordering::Relaxed);
        let read = reader
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        (read, written)
    });
    let (flow, mut imp) = written?;
    if flow == Flow::Go {
        match read {
            Ok(_) => {}
            // A syntax error after bad cases: report it with them.
            Err(StreamError::Bundle(e)) => imp.errors.push(e),
            Err(StreamError::Io(e)) => {
                return Err(StoreError::Io {
                    path: name.to_path_buf(),
                    source: e,
                }
                .into());
            }
            // Only when this side stopped first, which it did not.
            Err(StreamError::Sink(Hangup)) => {}
        }
    }
    imp.finish()
}

/// How many parsed cases may wait for the writer.
const READ_AHEAD: usize = 64;

/// What the reading thread hands over.
enum Handed {
    Head(stream::Head),
    Case(usize, Box<Result<Case, BundleError>>, Option<Box<Ready>>),
}

/// What the writer has done with, handed back to be freed ([`Forward::given_back`]).
type Spent = (Box<Result<Case, BundleError>>, Option<Box<Ready>>);

/// The writer is gone.
struct Hangup;

/// The reading thread's sink: passes everything on, with what it can work out for each case
/// ([`Ready`]) once the writer has sent back the directory; says stop once the writer has.
struct Forward<'a> {
    send: mpsc::SyncSender<Handed>,
    stop: &'a AtomicBool,
    receive_dir: mpsc::Receiver<(Directory, Option<AuditChain>)>,
    /// The cases the writer has written, freed here, by the thread that allocated them.
    given_back: mpsc::Receiver<Spent>,
    dir: Option<Directory>,
    /// A copy of the writer's audit chain, the cases' entries sealed on it in file order
    /// (while the writer writes, it writes every case, in that order).
    chain: Option<AuditChain>,
    /// Who imports: the entries' actor.
    login: &'a str,
    cal: &'a Calendar,
    /// The calendar the store projects deadlines with ([`Tx::projection_calendar`]).
    projecting: &'a Calendar,
    today: NaiveDate,
}

/// The names of these logins as the directory has them (a login not on file stands for
/// itself, as the store's queue rows say).
fn names_in(dir: &Directory, logins: &[String]) -> Vec<String> {
    logins
        .iter()
        .map(|l| dir.person(l).map_or_else(|| l.clone(), |p| p.name.clone()))
        .collect()
}

impl CaseSink for Forward<'_> {
    type Error = Hangup;
    fn head(&mut self, head: Head) -> Result<(), Hangup> {
        self.send.send(Handed::Head(head)).map_err(|_| Hangup)?;
        let (dir, chain) = self.receive_dir.recv().map_err(|_| Hangup)?;
        self.dir = Some(dir);
        self.chain = chain;
        Ok(())
    }
    fn case(&mut self, index: usize, case: Result<Case, BundleError>) -> Result<Flow, Hangup> {
        if self.stop.load(Ordering::Relaxed) {
            return Ok(Flow::Stop);
        }
        // At most READ_AHEAD of them: the writer cannot be further behind.
        self.given_back.try_iter().for_each(drop);
        let ready = match (&case, &self.dir) {
            (Ok(c), Some(dir)) => Some(Box::new(Ready {
                errors: validate_case(c, index, dir, self.cal, self.today),
                entry: match (&mut self.chain, entry_text(index, c, self.today)) {
                    (Some(chain), Ok(detail)) => {
                        Some(chain.seal(self.login, Some(&c.number), ACTION, detail))
                    }
                    _ => None,
                },
                row: CaseRow::of(c).ok(),
                // The people on file and the bundle's: their names are the database's once
                // the head is written (a person on file must match the bundle's).
                projected: Projected::of(c, self.projecting, names_in(dir, &c.respondents)).ok(),
            })),
            _ => None,
        };
        self.send
            .send(Handed::Case(index, Box::new(case), ready))
            .map_err(|_| Hangup)?;
        Ok(Flow::Go)
    }
}

/// A whole bundle from memory, through the same steps (the demo, the workbench, the replay
/// of an entry that holds a bundle).
pub(super) fn import_whole(
    tx: &Tx<'_>,
    login: &str,
    cal: &Calendar,
    bundle: &Bundle,
    today: NaiveDate,
) -> Result<(ImportSummary, Person), WorkflowError> {
    let mut imp = Importer::begin(tx, login, cal, today, true, true)?;
    imp.head(bundle.people.clone(), bundle.relations.clone())?;
    for (i, c) in bundle.cases.iter().enumerate() {
        if imp.case(i, Ok(c), None)? == Flow::Stop {
            break;
        }
    }
    imp.finish()
}

/// The same tie between the same two people, in either direction.
pub(super) fn same_relation(x: &Relation, r: &Relation) -> bool {
    x.kind == r.kind && x.other(&r.a) == Some(r.b.as_str())
}

/// Same name, unit and set of roles.
pub(super) fn same_person(a: &Person, b: &Person) -> bool {
    let roles = |p: &Person| p.roles.iter().copied().collect::<BTreeSet<Role>>();
    a.name == b.name && a.unit == b.unit && roles(a) == roles(b)
}
