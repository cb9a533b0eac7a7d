//! The owned snapshot the screens draw from. Built once per refresh (the only place that
//! walks every case); keystrokes then touch only the rows they show.

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::NaiveDate;

use crate::domain::Directory;
use crate::domain::calendar::{Calendar, Uncovered};
use crate::domain::check::{CheckReport, check};
use crate::domain::conflict::{Involvement, involvement};
use crate::domain::deadlines::{Obligation, case_obligations, sort_most_urgent};
use crate::domain::liability::{PriorOutcome, RuleError, Verdict, liability};
use crate::domain::model::{Case, Measure, Person, Recusal, Role, Stage};
use crate::i18n::Lang;
use crate::i18n::check::BlockerWords;
use crate::i18n::rules::person_reasons;
use crate::ui::backend::Backend;
use crate::ui::text::sanitize;
use crate::workflow::{CaseRecord, Changes, WorkflowError};

/// One line of the case queue, precomputed so filtering is a substring test.
#[derive(Debug, Clone)]
pub struct Row {
    pub number: String,
    pub title: String,
    pub stage: Stage,
    pub respondents: String,
    pub next_due: Option<NaiveDate>,
    pub received_on: NaiveDate,
}

pub struct Data {
    pub me: Person,
    pub db_label: String,
    pub cal: Calendar,
    pub dir: Directory,
    pub cases: Vec<CaseRecord>,
    pub rows: Vec<Row>,
    pub obligations: Vec<Obligation>,
    pub uncovered: Uncovered,
    pub priors: Vec<PriorOutcome>,
    pub version: i64,
    /// The store's change counter this snapshot is complete up to (refresh by revision).
    pub rev: i64,
    /// Case number → index into `cases`: the app looks the selected case up on every
    /// keystroke and every frame (footer hints), which must not walk 100,000 cases.
    by_number: HashMap<String, usize>,
    /// What the queue filter searches, for every row end to end: the lowercased number,
    /// title, respondents' names and logins and stage, each row's text followed by a NUL.
    /// One contiguous buffer, so a filter over 100,000 cases is one SIMD substring pass
    /// instead of 100,000 scattered string searches. A typed filter never contains a NUL
    /// (control characters are dropped), so no match can span two rows.
    search: String,
    /// Where each row's text starts in `search`, plus its end: row i is
    /// `search[search_at[i]..search_at[i + 1] - 1]`.
    search_at: Vec<usize>,
    /// Each row's stage, packed: the queue counts stages over every shown row on each
    /// filter keystroke, and the rows themselves are too big to walk in sort order.
    stages: Vec<Stage>,
}

impl Data {
    #[allow(clippy::too_many_arguments)]
    pub fn build(
        me: Person,
        db_label: String,
        cal: Calendar,
        dir: Directory,
        cases: Vec<CaseRecord>,
        priors: Vec<PriorOutcome>,
        version: i64,
        (obligations, uncovered): (Vec<Obligation>, Uncovered),
    ) -> Data {
        let mut next: HashMap<&str, NaiveDate> = HashMap::new();
        for o in &obligations {
            next.entry(o.case.as_str())
                .and_modify(|d| *d = (*d).min(o.due))
                .or_insert(o.due);
        }
        let mut search = String::new();
        let mut search_at = Vec::with_capacity(cases.len() + 1);
        let rows = cases
            .iter()
            .map(|r| {
                let (row, text) = row_for(&r.case, &dir, next.get(r.case.number.as_str()).copied());
                search_at.push(search.len());
                search.push_str(&text);
                row
            })
            .collect();
        search_at.push(search.len());
        let stages = cases.iter().map(|r| r.case.stage).collect();
        let by_number = cases
            .iter()
            .enumerate()
            .map(|(i, r)| (r.case.number.clone(), i))
            .collect();
        Data {
            me,
            db_label,
            cal,
            dir,
            cases,
            rows,
            obligations,
            uncovered,
            priors,
            version,
            rev: 0,
            by_number,
            search,
            search_at,
            stages,
        }
    }

    /// Everything from the backend, as one snapshot.
    pub fn load(b: &dyn Backend, today: NaiveDate) -> Result<Data, WorkflowError> {
        // Version and revision first: a commit landing while we read is seen again next time.
        let version = b.data_version()?;
        let rev = b.revision()?;
        let mut data = Data::build(
            b.actor().clone(),
            b.db_label(),
            b.calendar().clone(),
            b.directory()?,
            b.cases()?,
            // Art. 8(3): every committee decision on file — also those of cases this user may
            // not open — so a repeat fault shows in any case.
            b.prior_outcomes()?,
            version,
            // Issue 10: the stored projection, not a judgement of every case.
            b.open_obligations(today, false)?,
        );
        data.rev = rev;
        Ok(data)
    }

    /// Whether `ch` can be absorbed in place: not when a case on screen has left the
    /// reader's view (a recusal) — rare enough to reload for.
    pub fn can_absorb(&self, ch: &Changes) -> bool {
        !ch.hidden.iter().any(|n| self.by_number.contains_key(n))
    }

    /// Absorb another user's commit (issue 10): only the changed cases are replaced or
    /// added — their rows, filter text, obligations and Art. 8(3) outcomes — never a reload
    /// of everything. The caller checked [`Data::can_absorb`].
    pub fn absorb(&mut self, ch: Changes, dir: Directory, version: i64, today: NaiveDate) {
        self.dir = dir;
        let changed: HashSet<&str> = ch.numbers.iter().map(String::as_str).collect();
        self.priors.retain(|p| !changed.contains(p.case.as_str()));
        self.priors.extend(ch.priors.iter().cloned());
        self.obligations
            .retain(|o| !changed.contains(o.case.as_str()));
        let mut uncovered = Uncovered::new();
        for r in &ch.cases {
            self.obligations
                .extend(case_obligations(&r.case, &self.cal, today, &mut uncovered));
        }
        sort_most_urgent(&mut self.obligations);
        self.uncovered.extend(uncovered);
        for rec in ch.cases {
            let next = self
                .obligations
                .iter()
                .filter(|o| o.case == rec.case.number)
                .map(|o| o.due)
                .min();
            let (row, text) = row_for(&rec.case, &self.dir, next);
            match self.case_index(&rec.case.number) {
                Some(i) => {
                    // Splice the row's filter text in place and shift the rows after it.
                    let (a, b) = (self.search_at[i], self.search_at[i + 1]);
                    self.search.replace_range(a..b, &text);
                    let grown = text.len() as isize - (b - a) as isize;
                    for at in &mut self.search_at[i + 1..] {
                        *at = at.saturating_add_signed(grown);
                    }
                    self.stages[i] = rec.case.stage;
                    self.rows[i] = row;
                    self.cases[i] = rec;
                }
                None => {
                    self.search.push_str(&text);
                    if let Some(end) = self.search_at.last_mut() {
                        *end = self.search.len() - text.len();
                    }
                    self.search_at.push(self.search.len());
                    self.by_number
                        .insert(rec.case.number.clone(), self.cases.len());
                    self.stages.push(rec.case.stage);
                    self.rows.push(row);
                    self.cases.push(rec);
                }
            }
        }
        self.rev = ch.revision;
        self.version = version;
    }

    pub fn case_index(&self, number: &str) -> Option<usize> {
        match self.by_number.get(number) {
            // `cases` is public: should it ever be edited in place, fall back to a scan
            // rather than answer with a stale index.
            Some(&i) if self.cases.get(i).is_some_and(|r| r.case.number == number) => Some(i),
            _ => self.cases.iter().position(|r| r.case.number == number),
        }
    }

    /// How many of `rows` (indices into `rows`) are at each stage, for the stages present.
    pub fn stage_counts(&self, rows: &[usize]) -> BTreeMap<Stage, usize> {
        let mut n = [0usize; Stage::ALL.len()];
        for &i in rows {
            if let Some(&s) = self.stages.get(i) {
                // A fieldless enum's discriminant is its place in `Stage::ALL`.
                n[s as usize] += 1;
            }
        }
        Stage::ALL
            .into_iter()
            .zip(n)
            .filter(|(_, c)| *c > 0)
            .collect()
    }

    /// The rows among `candidates` whose text contains `needle` (already lowercased), in
    /// the order given. Over most rows: one pass of the substring search over the whole
    /// buffer; over a few: each candidate's own slice.
    pub fn matching(&self, needle: &str, candidates: Vec<usize>) -> Vec<usize> {
        let finder = memchr::memmem::Finder::new(needle.as_bytes());
        let hay = self.search.as_bytes();
        let text = |i: usize| -> &[u8] {
            match (self.search_at.get(i), self.search_at.get(i + 1)) {
                (Some(&a), Some(&b)) => &hay[a..b],
                _ => &[],
            }
        };
        if candidates.len() < self.rows.len() / 8 {
            return candidates
                .into_iter()
                .filter(|&i| finder.find(text(i)).is_some())
                .collect();
        }
        let mut hit = vec![false; self.rows.len()];
        let mut at = 0;
        let mut row = 0;
        while let Some(p) = hay.get(at..).and_then(|h| finder.find(h)) {
            let pos = at + p;
            // Hits come in order, so the row holding `pos` is found by walking forward:
            // O(rows) over the whole pass.
            while self.search_at.get(row + 1).is_some_and(|&end| end <= pos) {
                row += 1;
            }
            if let Some(h) = hit.get_mut(row) {
                *h = true;
            }
            // One hit per row is enough: go on from the next row.
            at = self
                .search_at
                .get(row + 1)
                .copied()
                .unwrap_or(hay.len())
                .max(pos + 1);
        }
        candidates
            .into_iter()
            .filter(|&i| hit.get(i).copied().unwrap_or(false))
            .collect()
    }

    /// Does this obligation's owner mean me (my login, or a role I hold)?
    pub fn is_mine(&self, owner: &str) -> bool {
        owner == self.me.login
            || Role::ALL
                .iter()
                .any(|r| r.as_str() == owner && self.me.has(*r))
    }
}

/// A case's queue row and its filter text (lowercased fields, then a NUL).
fn row_for(c: &Case, dir: &Directory, next_due: Option<NaiveDate>) -> (Row, String) {
    let names: Vec<&str> = c.respondents.iter().map(|l| dir.name(l)).collect();
    let respondents = sanitize(&names.join("、")).into_owned();
    let title = sanitize(&c.title).into_owned();
    let text = format!(
        "{}\u{1}{}\u{1}{}\u{1}{}\u{1}{}",
        c.number,
        title,
        respondents,
        c.respondents.join(" "),
        c.stage.as_str()
    );
    // NUL ends a row; the number is the only field not sanitized.
    let mut search: String = text
        .to_lowercase()
        .chars()
        .filter(|&ch| ch != '\0')
        .collect();
    search.push('\0');
    let row = Row {
        number: c.number.clone(),
        title,
        stage: c.stage,
        respondents,
        next_due,
        received_on: c.received_on,
    };
    (row, search)
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
    pub idx: usize,
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
    pub fn compute(data: &Data, idx: usize, today: NaiveDate, lang: Lang) -> CaseDerived {
        let case = &data.cases[idx].case;
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
        let obligations = data
            .obligations
            .iter()
            .filter(|o| o.case == case.number)
            .cloned()
            .collect();
        let verdict = case
            .findings
            .as_ref()
            .map(|_| liability(case, &data.dir, &data.priors, today));
        let (reasons, measures) = match &verdict {
            Some(Ok(v)) => (
                v.persons.iter().map(|p| person_reasons(p, lang)).collect(),
                v.available_measures(),
            ),
            _ => (Vec::new(), Vec::new()),
        };
        // The check is judged as of submission for a submitted case (bundle-v1.md).
        let as_of = case.submitted_on.unwrap_or(today);
        let mut uncovered = Uncovered::new();
        let check = check(case, &data.dir, &data.cal, as_of, &mut uncovered);
        let blocker_messages = check
            .blockers
            .iter()
            .map(|b| b.message(&data.dir, lang))
            .collect();
        CaseDerived {
            idx,
            obligations,
            team,
            committee,
            verdict,
            reasons,
            measures,
            check,
            blocker_messages,
            uncovered,
        }
    }
}

impl std::fmt::Debug for Data {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Data")
            .field("me", &self.me.login)
            .field("cases", &self.cases.len())
            .field("obligations", &self.obligations.len())
            .field("version", &self.version)
            .finish()
    }
}
