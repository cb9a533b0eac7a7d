//! One user's connection to the shared database, and the transaction each command runs in.

use std::cell::OnceCell;
use std::path::{Path, PathBuf};

use chrono::{Datelike, NaiveDate};

use crate::domain::Directory;
use crate::domain::calendar::{Calendar, Uncovered};
use crate::domain::deadlines::Obligation;
use crate::domain::liability::{
    CaseRepeats, PriorOutcome, earliest_counted, repeat_persons, repeat_reference,
};
use crate::domain::model::{Case, Login, Person, Role};
use crate::domain::validate::{BundleError, validate_case};
use crate::store::{
    Attachment, AuditEntry, ObligationQuery, Reach, SearchHit, Store, StoreError, Tx,
};

use super::execute::{self, Ctx};
use super::{Applied, CaseRecord, Command, Refusal, WorkflowError, access, identity};

/// One user's connection to the shared database.
pub struct Session {
    pub(super) store: Store,
    pub(super) actor: Person,
    demo: bool,
    /// Built on first use: most sessions only read.
    cal: OnceCell<Calendar>,
    uncovered: Uncovered,
    /// Candidate rows a list page may sort in memory (`workflow::pages`).
    pub(super) page_cap: usize,
}

/// A file stored in the vault before the transaction that records it.
pub(super) struct Stored {
    pub(super) sha256: String,
    pub(super) size: u64,
    pub(super) file_name: String,
}

impl Session {
    /// Open `db` as the real uid's account (or `as_login` on a demo database).
    /// `UnknownUser` if that account is not a person here (names the admins to ask);
    /// `SwitchUserNotAllowed` for `as_login` on a database not created as a demo, and
    /// `SwitchUserNotAlone` on a demo database someone else could have written.
    pub fn open(db: &Path, as_login: Option<&str>) -> Result<Session, WorkflowError> {
        let store = Store::open(db)?;
        let demo = store.is_demo()?;
        if as_login.is_some() && demo {
            identity::owned_alone(db).map_err(WorkflowError::SwitchUserNotAlone)?;
        }
        let login = identity::acting_login(as_login, demo)?;
        let dir = store.read(|tx| tx.directory())?;
        let actor = identity::resolve(&dir, &login)?;
        Ok(Session::with(store, actor, demo))
    }

    /// The first person of a fresh database (no people yet) becomes its admin. The login is
    /// the real uid's account, or `as_login` on a demo database, exactly as for
    /// [`Session::open`]; see [`Session::first_admin`], which this calls. Used by the demo
    /// and tests; `culpa init` and `culpa admin setup` name the admin explicitly.
    pub fn bootstrap(
        db: &Path,
        as_login: Option<&str>,
        name: &str,
        unit: &str,
    ) -> Result<Session, WorkflowError> {
        let demo = Store::open(db)?.is_demo()?;
        let login = identity::acting_login(as_login, demo)?;
        Session::first_admin(db, &login, name, unit)?;
        Session::open(db, as_login)
    }

    /// Record `login` as the first admin of a fresh database (no people yet). The admin is
    /// always named (`culpa init --admin LOGIN`, `culpa admin setup --admin LOGIN`), never
    /// simply whoever runs the command first. The admin then adds everyone else, themselves
    /// included with further roles, through `Command::UpsertPerson`. Refused
    /// (`AlreadyInitialised`) once anyone is on file. The audit entry (`bootstrap`) holds
    /// the person, so a replay of the log recreates them.
    pub fn first_admin(
        db: &Path,
        login: &str,
        name: &str,
        unit: &str,
    ) -> Result<Person, WorkflowError> {
        let mut store = Store::open(db)?;
        let admin = Person {
            login: login.trim().to_string(),
            name: name.trim().to_string(),
            unit: unit.trim().to_string(),
            roles: vec![Role::Admin],
        };
        if admin.name.is_empty() || admin.login.is_empty() {
            return Err(WorkflowError::Refused {
                case: None,
                action: "bootstrap",
                refusal: Refusal::IncompletePerson(admin.login.clone()),
            });
        }
        store.write(|tx| {
            bootstrap_in(tx, &admin)?;
            Ok::<(), WorkflowError>(())
        })?;
        Ok(admin)
    }

    /// Open `db` as `login`, an identity established by the caller: the service, which
    /// knows each client from the kernel (`SO_PEERCRED`) and decides `--as` from its own
    /// configuration. `UnknownUser` if `login` is not a person here.
    pub fn open_as(db: &Path, login: &str) -> Result<Session, WorkflowError> {
        let store = Store::open(db)?;
        let demo = store.is_demo()?;
        let dir = store.read(|tx| tx.directory())?;
        let actor = identity::resolve(&dir, login)?;
        Ok(Session::with(store, actor, demo))
    }

    fn with(store: Store, actor: Person, demo: bool) -> Session {
        Session {
            store,
            actor,
            demo,
            cal: OnceCell::new(),
            uncovered: Uncovered::new(),
            page_cap: super::pages::PAGE_CAP,
        }
    }

    pub fn actor(&self) -> &Person {
        &self.actor
    }
    pub fn db_path(&self) -> &Path {
        self.store.path()
    }
    pub fn is_demo(&self) -> bool {
        self.demo
    }
    /// The built-in calendar unless [`Session::set_calendar`] gave another.
    pub fn calendar(&self) -> &Calendar {
        self.cal.get_or_init(Calendar::builtin)
    }
    /// Use `cal` (e.g. the built-in one with `--calendar` files loaded) from now on.
    pub fn set_calendar(&mut self, cal: Calendar) {
        // The stored obligations follow: rebuilt at their next use if computed with another.
        self.store.set_calendar(cal.clone());
        self.cal = OnceCell::from(cal);
    }
    /// Years a check during this session consulted that no calendar covers (warn about them).
    pub fn uncovered(&self) -> &Uncovered {
        &self.uncovered
    }
    pub fn directory(&self) -> Result<Directory, WorkflowError> {
        Ok(self.store.read(|tx| tx.directory())?)
    }

    /// Every case the actor may open (a recused investigator no longer sees the case; see
    /// [`access::may_open`]).
    pub fn cases(&self) -> Result<Vec<CaseRecord>, WorkflowError> {
        let login = &self.actor.login;
        let (actor, all) = self.store.read(|tx| {
            let dir = tx.directory()?;
            Ok((dir.person(login).cloned(), tx.cases()?))
        })?;
        let actor = actor.ok_or_else(|| self.gone())?;
        Ok(all
            .into_iter()
            .filter(|r| access::may_open(&actor, &r.case).is_ok())
            .collect())
    }

    pub fn case(&self, number: &str) -> Result<CaseRecord, WorkflowError> {
        let login = &self.actor.login;
        let (actor, rec) = self.store.read(|tx| {
            let dir = tx.directory()?;
            Ok((dir.person(login).cloned(), tx.case(number)?))
        })?;
        let actor = actor.ok_or_else(|| self.gone())?;
        let rec = rec.ok_or_else(|| WorkflowError::NotFound(number.to_string()))?;
        access::open(&actor, &rec.case)?;
        Ok(rec)
    }

    /// The open obligations of the cases the actor may open, most urgent first, as of
    /// `today`; with `mine`, only those the actor owns (their login, or a role they hold).
    /// One indexed query of the stored projection (issue 10), plus the years the due dates
    /// consulted that no calendar covers.
    pub fn open_obligations(
        &self,
        today: NaiveDate,
        mine: bool,
    ) -> Result<(Vec<Obligation>, Uncovered), WorkflowError> {
        Ok(self
            .store
            .open_obligations(&self.obligation_query(mine)?, today)?)
    }

    /// [`Session::open_obligations`] one at a time, without collecting them (`visit`
    /// returns false to stop); gives the uncovered years.
    pub fn each_open_obligation(
        &self,
        today: NaiveDate,
        mine: bool,
        visit: &mut dyn FnMut(&Obligation) -> bool,
    ) -> Result<Uncovered, WorkflowError> {
        let q = self.obligation_query(mine)?;
        Ok(self.store.each_open_obligation(&q, today, visit)?)
    }

    /// [`Session::each_open_obligation`] as `deadlines --json` writes each object: `visit`
    /// gets its body in pieces (see `store::obligations_json`), read from the stored,
    /// pre-rendered lines (issue 10).
    pub fn each_open_obligation_json(
        &self,
        today: NaiveDate,
        mine: bool,
        visit: &mut dyn FnMut([&[u8]; 3]) -> bool,
    ) -> Result<Uncovered, WorkflowError> {
        let q = self.obligation_query(mine)?;
        Ok(self.store.each_open_obligation_json(&q, today, visit)?)
    }

    /// Which obligations the actor may see (and with `mine`, owns).
    fn obligation_query(&self, mine: bool) -> Result<ObligationQuery, WorkflowError> {
        let login = &self.actor.login;
        let actor = self
            .store
            .read(|tx| tx.person(login))?
            .ok_or_else(|| self.gone())?;
        let owners = mine.then(|| {
            std::iter::once(actor.login.clone())
                .chain(actor.roles.iter().map(|r| r.as_str().to_string()))
                .collect()
        });
        Ok(ObligationQuery {
            reach: access::reach(&actor),
            owners,
            case: None,
        })
    }

    /// Art. 8(3) for `case` as of `today` (RULES.md 8.3): for each person the case counts
    /// as one accountable fault of, how many other cases count and the latest few — counted
    /// in the store's index over the window the domain gives, one bounded read per person,
    /// never a read of their whole record (issue 10). The verdict over this equals the
    /// verdict over every decision on record.
    pub fn repeats_for(&self, case: &Case, today: NaiveDate) -> Result<CaseRepeats, WorkflowError> {
        let reference = repeat_reference(case, today);
        let earliest = earliest_counted(reference);
        let logins = repeat_persons(case);
        let persons = self.store.read_projection(|tx| {
            logins
                .iter()
                .map(|l| Ok((l.clone(), tx.repeats(&case.number, l, earliest, reference)?)))
                .collect()
        })?;
        Ok(CaseRepeats {
            case: case.number.clone(),
            reference,
            persons,
        })
    }

    /// Every committee outcome on record, for Art. 8(3). A verdict looks at the person's
    /// record across the bureau, not only at the cases the actor may open; only the other
    /// cases' numbers reach the screen (in the 8.3 reason), never their content.
    pub fn prior_outcomes(&self) -> Result<Vec<PriorOutcome>, WorkflowError> {
        Ok(self.store.read(|tx| tx.prior_outcomes())?)
    }

    /// The audit entries of a case the actor may open, oldest first.
    pub fn history(&self, number: &str) -> Result<Vec<AuditEntry>, WorkflowError> {
        self.case(number)?;
        Ok(self.store.read(|tx| tx.audit(Some(number)))?)
    }

    /// The files attached to a case the actor may open, each checked against the vault.
    pub fn evidence_files(&self, number: &str) -> Result<Vec<super::EvidenceFile>, WorkflowError> {
        use sha2::{Digest, Sha256};
        self.case(number)?;
        let list = self.store.read(|tx| tx.attachments(Some(number)))?;
        Ok(list
            .into_iter()
            .map(|a| {
                let path = self.store.object_path(&a.sha256);
                let state = match std::fs::File::open(&path) {
                    Err(_) => super::FileState::Missing,
                    Ok(mut f) => {
                        let mut h = Sha256::new();
                        match std::io::copy(&mut f, &mut h) {
                            Ok(_) if hex::encode(h.finalize()) == a.sha256 => {
                                super::FileState::Verified
                            }
                            _ => super::FileState::Altered,
                        }
                    }
                };
                super::EvidenceFile {
                    sha256: a.sha256,
                    size: a.size,
                    file_name: a.file_name,
                    by: a.by,
                    at: a.at,
                    state,
                }
            })
            .collect())
    }

    /// Up to `limit` matches for `text` in the text of every case the actor may open, the
    /// newest case first (see `store::search`). Cases the actor may not open are left out before the
    /// limit is applied, so they neither show nor crowd out what may be shown.
    pub fn search(&self, text: &str, limit: usize) -> Result<Vec<SearchHit>, WorkflowError> {
        let login = &self.actor.login;
        Ok(self.store.read(|tx| {
            let dir = tx.directory()?;
            let Some(actor) = dir.person(login).cloned() else {
                return Ok(Vec::new());
            };
            // The access rule as a query (`access::reach`, which says exactly what
            // `may_open` says; the stored obligations use the same): the store keeps an
            // investigator's search to the cases they are on the team of and have not
            // recused from, inside the FTS query, so no hit's case is loaded to be judged
            // (issue 8: the per-hit check cost 78.6 ms of an investigator's search).
            match access::reach(&actor) {
                Reach::All => tx.search(text, limit),
                Reach::Team(login) => tx.search_team(text, limit, &login),
                Reach::Nothing => Ok(Vec::new()),
            }
        })?)
    }

    /// Changes whenever any process commits (PRAGMA data_version); poll it to refresh.
    pub fn data_version(&self) -> Result<i64, WorkflowError> {
        Ok(self.store.data_version()?)
    }

    /// Where evidence files live (content-addressed, beside the database).
    pub fn vault_dir(&self) -> PathBuf {
        self.store.vault_dir()
    }

    /// Run one command: in ONE `BEGIN IMMEDIATE` transaction, read the actor and the case,
    /// check role, stage and rules, mutate, validate the result, save it at the version
    /// read, and append the audit entry (the action and the command as JSON).
    pub fn execute(&mut self, cmd: Command, today: NaiveDate) -> Result<Applied, WorkflowError> {
        let source = match &cmd {
            Command::AddEvidence {
                file: Some(path), ..
            } => Some((
                path.clone(),
                path.file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default(),
            )),
            _ => None,
        };
        let source = source.as_ref().map(|(p, n)| (p.as_path(), n.as_str()));
        self.execute_attached(cmd, today, source)
    }

    /// [`Session::execute`] with the evidence file's bytes taken from `source` (a path the
    /// caller owns, and the file's name as its user had it), not from the command: the
    /// service receives the bytes over its socket into a spool file of its own and never
    /// opens a path a client names. `source` is ignored for any command but `AddEvidence`.
    pub fn execute_attached(
        &mut self,
        cmd: Command,
        today: NaiveDate,
        source: Option<(&Path, &str)>,
    ) -> Result<Applied, WorkflowError> {
        // A file is put into the vault before the transaction (it may be large and the
        // write lock should be short); a dry run first keeps refused users' files out.
        let stored = match (&cmd, source) {
            (Command::AddEvidence { .. }, Some((path, file_name))) => {
                self.dry_run(&cmd, today)?;
                let (sha256, size) = self.store.put_file(path)?;
                Some(Stored {
                    sha256,
                    size,
                    file_name: file_name.to_string(),
                })
            }
            _ => None,
        };
        let cal = self.cal.get_or_init(Calendar::builtin);
        let login = self.actor.login.clone();
        let (applied, actor, uncovered) = self
            .store
            .write(|tx| run(tx, &login, cal, today, &cmd, stored.as_ref()))?;
        self.actor = actor;
        self.uncovered.extend(uncovered);
        Ok(applied)
    }

    /// The checks of a case command without writing anything.
    fn dry_run(&self, cmd: &Command, today: NaiveDate) -> Result<(), WorkflowError> {
        let number = cmd.case().unwrap_or_default();
        let login = &self.actor.login;
        let (dir, rec) = self
            .store
            .read(|tx| Ok((tx.directory()?, tx.case(number)?)))?;
        let actor = identity::resolve(&dir, login)?;
        let mut case = rec
            .ok_or_else(|| WorkflowError::NotFound(number.to_string()))?
            .case;
        let mut ctx = Ctx {
            actor: &actor,
            dir: &dir,
            cal: self.calendar(),
            today,
            uncovered: Uncovered::new(),
            attachment: None,
        };
        execute::apply(&mut ctx, &mut case, cmd)
    }

    /// The actor was removed from the database while the session was open.
    pub(super) fn gone(&self) -> WorkflowError {
        WorkflowError::UnknownUser {
            login: self.actor.login.clone(),
            admins: Vec::new(),
        }
    }
}

/// Record the first admin of a database with nobody on file yet, with its audit entry.
pub(super) fn bootstrap_in(tx: &Tx<'_>, admin: &Person) -> Result<(), WorkflowError> {
    if !tx.people()?.is_empty() {
        return Err(WorkflowError::Refused {
            case: None,
            action: "bootstrap",
            refusal: Refusal::AlreadyInitialised,
        });
    }
    tx.upsert_person(admin)?;
    let detail = serde_json::to_value(admin).map_err(json_error)?;
    tx.append_audit(&admin.login, None, "bootstrap", &detail)?;
    Ok(())
}

/// The body of the write transaction; may run more than once if the database is busy.
/// The replay (`replay.rs`) runs it again, for each audit entry, on a fresh database.
pub(super) fn run(
    tx: &Tx<'_>,
    login: &str,
    cal: &Calendar,
    today: NaiveDate,
    cmd: &Command,
    stored: Option<&Stored>,
) -> Result<(Applied, Person, Uncovered), WorkflowError> {
    let dir = tx.directory()?;
    // Roles are read afresh: an admin may have changed them since the session opened.
    let actor = identity::resolve(&dir, login)?;
    let mut ctx = Ctx {
        actor: &actor,
        dir: &dir,
        cal,
        today,
        uncovered: Uncovered::new(),
        attachment: stored.map(|s| s.sha256.clone()),
    };
    let action = cmd.action();
    let mut detail = serde_json::to_value(cmd).map_err(json_error)?;
    // Whatever the door (form, `apply`, the socket): no NUL, nothing over-long.
    let errors = crate::domain::limits::text_errors(&detail, "");
    if !errors.is_empty() {
        return Err(WorkflowError::Invalid(errors));
    }
    // The day the command was judged on: the replay judges it on the same day.
    detail["today"] = today.to_string().into();
    let applied = match cmd {
        Command::UpsertPerson(p) => {
            execute::upsert_person(&actor, &dir, p)?;
            tx.upsert_person(p)?;
            tx.append_audit(login, None, action, &detail)?;
            Applied {
                case: None,
                version: 0,
            }
        }
        Command::AddRelation(r) => {
            execute::add_relation(&actor, &dir, r)?;
            tx.add_relation(r)?;
            tx.append_audit(login, None, action, &detail)?;
            Applied {
                case: None,
                version: 0,
            }
        }
        Command::Intake {
            number,
            title,
            source,
            received_on,
            complainant,
            summary,
            act,
            respondents,
        } => {
            let number = match number {
                Some(n) => {
                    if tx.case(n)?.is_some() {
                        return Err(WorkflowError::Refused {
                            case: Some(n.clone()),
                            action,
                            refusal: Refusal::CaseExists(n.clone()),
                        });
                    }
                    n.trim().to_string()
                }
                None => {
                    let year = received_on.year();
                    let mine = tx.case_numbers_with_prefix(&execute::number_prefix(year))?;
                    execute::next_number(year, &mine)
                }
            };
            let case = execute::intake(
                &ctx,
                number.clone(),
                title,
                *source,
                *received_on,
                complainant.clone(),
                summary,
                act,
                respondents,
            )?;
            validate(&case, &dir, cal, today)?;
            let rec = tx.insert_case(&case).map_err(|e| match e {
                StoreError::Duplicate(_) => WorkflowError::Refused {
                    case: Some(number.clone()),
                    action,
                    refusal: Refusal::CaseExists(number.clone()),
                },
                other => other.into(),
            })?;
            detail["number"] = number.clone().into();
            tx.append_audit(login, Some(&number), action, &detail)?;
            Applied {
                case: Some(number),
                version: rec.version,
            }
        }
        _ => {
            let number = cmd.case().unwrap_or_default();
            let rec = tx
                .case(number)?
                .ok_or_else(|| WorkflowError::NotFound(number.to_string()))?;
            let mut case = rec.case.clone();
            execute::apply(&mut ctx, &mut case, cmd)?;
            // A replacing edit must be based on what is there now; appends never conflict.
            if let Some(expected) = cmd.expected_version()
                && expected != rec.version
            {
                return Err(conflict(tx, &rec)?);
            }
            validate(&case, &dir, cal, today)?;
            let version = tx
                .save_case(rec.id, rec.version, &case)
                .map_err(|e| match e {
                    StoreError::Conflict { .. } => match conflict(tx, &rec) {
                        Ok(c) | Err(c) => c,
                    },
                    other => other.into(),
                })?;
            if let Some(s) = stored {
                tx.record_attachment(&Attachment::new(
                    &case.number,
                    &s.sha256,
                    s.size,
                    &s.file_name,
                    login,
                ))?;
                // What the replay and the vault check need: the content, not the path.
                detail["sha256"] = s.sha256.clone().into();
                detail["size"] = s.size.into();
                detail["file_name"] = s.file_name.clone().into();
            }
            tx.append_audit(login, Some(&case.number), action, &detail)?;
            Applied {
                case: Some(case.number),
                version,
            }
        }
    };
    let uncovered = std::mem::take(&mut ctx.uncovered);
    Ok((applied, actor, uncovered))
}

/// The conflict for a stale replacing edit of `rec`: who changed the case last, when and how.
fn conflict(tx: &Tx<'_>, rec: &CaseRecord) -> Result<WorkflowError, WorkflowError> {
    let number = &rec.case.number;
    let current = tx.case(number)?.map_or(rec.version, |r| r.version);
    let last = tx.last_audit_for_case(number)?;
    let (by, at, what): (Login, String, String) = match last {
        Some(e) => (e.actor, e.at, e.action),
        None => (String::new(), String::new(), String::new()),
    };
    Ok(WorkflowError::Conflict {
        case: number.clone(),
        by,
        at,
        what,
        current_version: current,
    })
}

/// The rules and the record's consistency, on the case as it would be saved.
pub(super) fn validate(
    case: &Case,
    dir: &Directory,
    cal: &Calendar,
    today: NaiveDate,
) -> Result<(), WorkflowError> {
    let errors: Vec<BundleError> = validate_case(case, 0, dir, cal, today)
        .into_iter()
        .map(|mut e| {
            // One case, not a bundle: drop the bundle position from the path.
            if let Some(rest) = e.path.strip_prefix("cases[0].") {
                e.path = rest.to_string();
            } else if e.path == "cases[0]" {
                e.path.clear();
            }
            e
        })
        .collect();
    if errors.is_empty() {
        Ok(())
    } else {
        Err(WorkflowError::Invalid(errors))
    }
}

pub(super) fn json_error(e: serde_json::Error) -> WorkflowError {
    WorkflowError::Store(format!("cannot encode the audit detail: {e}"))
}
