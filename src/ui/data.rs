//! What the workbench holds (issue 10: load what a screen shows): who the user is, the
//! directory and calendar, the store's version and revision, and the few cases in use (the
//! selected row's, a form's) — never a list of every case, obligation or decision. The
//! queue and the dashboard hold one page each (`ui::listing`), asked from the backend.

use std::cell::RefCell;
use std::rc::Rc;

use chrono::{Datelike, NaiveDate};

use crate::domain::Directory;
use crate::domain::calendar::{Calendar, Uncovered};
use crate::domain::check::{CheckReport, check};
use crate::domain::conflict::{Involvement, involvement};
use crate::domain::deadlines::{Obligation, case_obligations, sort_most_urgent};
use crate::domain::liability::{CaseRepeats, Priors, RuleError, Verdict, liability};
use crate::domain::model::{Case, Measure, Person, Recusal, Role};
use crate::i18n::Lang;
use crate::i18n::check::BlockerWords;
use crate::i18n::rules::person_reasons;
use crate::ui::backend::Backend;
use crate::ui::text::sanitize;
use crate::workflow::listing::Anchor;
use crate::workflow::{CaseRecord, WorkflowError};

/// The backend the workbench reads its pages and cases from, shared with the runtime (which
/// also sends the commands through it). One thread: a `RefCell` borrow never overlaps.
pub type Shared = Rc<RefCell<dyn Backend>>;

/// Share a backend with the workbench.
pub fn shared<B: Backend + 'static>(b: B) -> Shared {
    Rc::new(RefCell::new(b))
}

/// How many cases are kept whole at once (the selected row's, a form's, a few recent
/// ones): enough that moving back and forth does not re-read them.
const HELD: usize = 16;

pub struct Data {
    pub me: Person,
    pub db_label: String,
    pub cal: Calendar,
    pub dir: Directory,
    /// Years no calendar covers that the open due dates reach (see [`Data::load`]).
    pub uncovered: Uncovered,
    pub version: i64,
    /// The store's change counter this snapshot is complete up to (refresh by revision).
    pub rev: i64,
    /// Where pages and cases come from.
    pub src: Shared,
    /// The cases in use, whole, oldest first; at most [`HELD`].
    pub cases: Vec<CaseRecord>,
    /// Art. 8(3) counted for the cases in use (the open one's, a form's), asked when a case
    /// is opened or a decision form needs it; at most [`HELD`]. Emptied when a decision
    /// anywhere may have changed the counts.
    pub repeats: Vec<CaseRepeats>,
}

impl Data {
    /// What the workbench needs before its first frame: the actor, the directory, the
    /// version and revision, and the years of the due dates no calendar covers. Nothing
    /// here grows with the number of cases (the pages are asked by `App::new`).
    pub fn load(src: &Shared, today: NaiveDate) -> Result<Data, WorkflowError> {
        let b = src.borrow();
        // Version and revision first: a commit landing while we read is seen again next time.
        let version = b.data_version()?;
        let rev = b.revision()?;
        let cal = b.calendar().clone();
        // The dashboard's warning: the due dates of the open obligations run from the first
        // row's to the last row's (most urgent first, so by due date); a year between them
        // that no calendar covers was counted on plain weekends. Two rows, not every one.
        let first = b.dash_page(today, false, &Anchor::First, 1)?;
        let last = b.dash_page(today, false, &Anchor::Last, 1)?;
        let mut uncovered = Uncovered::new();
        let dues = first
            .rows
            .iter()
            .chain(&last.rows)
            .map(|r| r.obligation.due);
        if let (Some(lo), Some(hi)) = (dues.clone().min(), dues.max()) {
            uncovered.extend((lo.year()..=hi.year()).filter(|y| !cal.covers(*y)));
        }
        Ok(Data {
            me: b.actor().clone(),
            db_label: b.db_label(),
            dir: b.directory()?,
            cal,
            uncovered,
            version,
            rev,
            src: Rc::clone(src),
            cases: Vec::new(),
            repeats: Vec::new(),
        })
    }

    /// A held case, whole.
    pub fn record(&self, number: &str) -> Option<&CaseRecord> {
        self.cases.iter().find(|r| r.case.number == number)
    }

    /// Where a held case is in `cases`.
    pub fn case_index(&self, number: &str) -> Option<usize> {
        self.cases.iter().position(|r| r.case.number == number)
    }

    /// Keep `rec` (replacing an older copy), letting go of the oldest beyond [`HELD`]
    /// except those named in `keep`.
    pub fn hold(&mut self, rec: CaseRecord, keep: &[&str]) {
        self.cases.retain(|r| r.case.number != rec.case.number);
        self.cases.push(rec);
        while self.cases.len() > HELD {
            let Some(i) = self
                .cases
                .iter()
                .position(|r| !keep.contains(&r.case.number.as_str()))
            else {
                break;
            };
            self.cases.remove(i);
        }
    }

    /// The case `number`, read whole from the backend unless held.
    pub fn fetch(&mut self, number: &str, keep: &[&str]) -> Result<&CaseRecord, WorkflowError> {
        if self.case_index(number).is_none() {
            let rec = self.src.borrow().case(number)?;
            self.hold(rec, keep);
        }
        self.record(number)
            .ok_or_else(|| WorkflowError::NotFound(number.to_string()))
    }

    /// Art. 8(3) for `case` as of `today`, asked of the backend unless an answer held
    /// still covers it (same reference date, same people: [`CaseRepeats::covers`]).
    pub fn load_repeats(&mut self, case: &Case, today: NaiveDate) -> Result<(), WorkflowError> {
        if self.repeats.iter().any(|r| r.covers(case, today)) {
            return Ok(());
        }
        let fresh = self.src.borrow().repeats_for(case, today)?;
        self.repeats.retain(|r| r.case != case.number);
        if self.repeats.len() >= HELD {
            self.repeats.remove(0);
        }
        self.repeats.push(fresh);
        Ok(())
    }

    /// What a verdict on `case` counts for Art. 8(3): the answer held for it
    /// ([`Data::load_repeats`]), or no other case when none could be read (the status line
    /// said why).
    pub fn priors(&self, case: &Case, today: NaiveDate) -> Priors<'_> {
        self.repeats
            .iter()
            .find(|r| r.covers(case, today))
            .map_or(Priors::NONE, Priors::Counted)
    }

    /// Does this obligation's owner mean me (my login, or a role I hold)?
    pub fn is_mine(&self, owner: &str) -> bool {
        crate::workflow::listing::is_mine(&self.me, owner)
    }
}

/// A person on the team or the committee, with what ties them to the case.
#[derive(Debug, Clone)]
pub struct Member {
    pub login: String,
    pub name: String,
    pub recusal: Option<Recusal>,
    pub involvement: Vec<Involvement>,
}

/// Everything the case view shows that the rules compute, for one case. Rebuilt from the
/// snapshot on every refresh, so a changed finding shows at once and is never stale.
pub struct CaseDerived {
    /// The case, whole, as last read.
    pub record: CaseRecord,
    pub obligations: Vec<Obligation>,
    pub team: Vec<Member>,
    pub committee: Vec<Member>,
    /// None: no findings yet.
    pub verdict: Option<Result<Verdict, RuleError>>,
    /// Per person of the verdict, the cited rules with their words.
    pub reasons: Vec<Vec<String>>,
    pub measures: Vec<Measure>,
    pub check: CheckReport,
    pub blocker_messages: Vec<String>,
    pub uncovered: Uncovered,
}

impl CaseDerived {
    /// Art. 8(3) counts for this case should be held ([`Data::load_repeats`]).
    pub fn compute(data: &Data, record: CaseRecord, today: NaiveDate, lang: Lang) -> CaseDerived {
        let case = &record.case;
        let rel = data.dir.relations();
        let member = |login: &str| Member {
            login: login.to_string(),
            name: sanitize(data.dir.name(login)).into_owned(),
            recusal: case.recusals.iter().find(|r| r.person == login).cloned(),
            involvement: involvement(login, case, rel),
        };
        let team = case
            .team
            .as_ref()
            .map(|t| t.members.iter().map(|m| member(m)).collect())
            .unwrap_or_default();
        // Art. 10(3): every committee member, so the involved ones can be told to recuse.
        let committee = data
            .dir
            .people()
            .filter(|p| p.has(Role::Committee))
            .map(|p| member(&p.login))
            .collect();
        // The case's own open deadlines, judged from the case itself (the stored projection
        // equals this; tests/projection.rs).
        let mut uncovered = Uncovered::new();
        let mut obligations = case_obligations(case, &data.cal, today, &mut uncovered);
        sort_most_urgent(&mut obligations);
        let verdict = case
            .findings
            .as_ref()
            .map(|_| liability(case, &data.dir, data.priors(case, today), today));
        let (reasons, measures) = match &verdict {
            Some(Ok(v)) => (
                v.persons.iter().map(|p| person_reasons(p, lang)).collect(),
                v.available_measures(),
            ),
            _ => (Vec::new(), Vec::new()),
        };
        // The check is judged as of submission for a submitted case (bundle-v1.md).
        let as_of = case.submitted_on.unwrap_or(today);
        let check = check(case, &data.dir, &data.cal, as_of, &mut uncovered);
        let blocker_messages = check
            .blockers
            .iter()
            .map(|b| b.message(&data.dir, lang))
            .collect();
        CaseDerived {
            obligations,
            team,
            committee,
            verdict,
            reasons,
            measures,
            check,
            blocker_messages,
            uncovered,
            record,
        }
    }
}

impl std::fmt::Debug for Data {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Data")
            .field("me", &self.me.login)
            .field("held", &self.cases.len())
            .field("version", &self.version)
            .finish()
    }
}
