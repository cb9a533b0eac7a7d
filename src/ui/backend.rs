//! Where the workbench gets its data and sends its commands. The runtime talks to a
//! [`Backend`]; the database session is one, an in-memory bundle is another (tests,
//! screenshots, benches: no database needed).

use chrono::NaiveDate;

use crate::domain::Directory;
use crate::domain::calendar::{Calendar, Uncovered};
use crate::domain::deadlines::{Obligation, obligations};
use crate::domain::liability::{CaseRepeats, PriorOutcome, prior_outcomes};
use crate::domain::model::{Bundle, Case, Person};
use crate::store::{Attachment, AuditEntry, SearchHit, VaultReport};
use crate::workflow::listing::{
    self, Anchor, DashRow, ListCounts, ObligationKey, Page, QueueQuery, QueueRow,
};
use crate::workflow::verify::Verification;
use crate::workflow::{
    Applied, CaseRecord, Changes, Command, EvidenceFile, ImportSummary, Session, WorkflowError,
};

/// The answer of a backend that cannot do something (the in-memory viewer).
fn unsupported(what: &str) -> WorkflowError {
    WorkflowError::Store(format!(
        "{what} needs a database; the in-memory bundle is only a viewer"
    ))
}

pub trait Backend {
    fn actor(&self) -> &Person;
    /// The day the records are written under when it is not this machine's to say: a
    /// service's (its clock, or a demo service's `demo_today`). None in direct mode.
    fn service_today(&self) -> Option<NaiveDate> {
        None
    }
    fn db_label(&self) -> String;
    fn calendar(&self) -> &Calendar;
    fn directory(&self) -> Result<Directory, WorkflowError>;
    fn cases(&self) -> Result<Vec<CaseRecord>, WorkflowError>;
    /// Every committee outcome on record, for Art. 8(3) (not only the visible cases').
    fn prior_outcomes(&self) -> Result<Vec<PriorOutcome>, WorkflowError>;
    /// Changes whenever anything was committed; the runtime polls it about once a second.
    fn data_version(&self) -> Result<i64, WorkflowError>;
    /// The change counter now (0 when the backend has none: then every refresh reloads).
    fn revision(&self) -> Result<i64, WorkflowError> {
        Ok(0)
    }
    /// What changed since `rev` (issue 10: refresh by revision). `None`: the backend cannot
    /// say, reload everything.
    fn changes_since(&self, rev: i64) -> Result<Option<Changes>, WorkflowError> {
        let _ = rev;
        Ok(None)
    }
    /// The open obligations of the cases the actor may open, most urgent first, and the
    /// uncovered years their due dates consulted. A database answers from its stored
    /// projection (one indexed query, issue 10); the default judges every case.
    /// With `mine`, only those the actor owns (their login, or a role they hold).
    fn open_obligations(
        &self,
        today: NaiveDate,
        mine: bool,
    ) -> Result<(Vec<Obligation>, Uncovered), WorkflowError> {
        let mut uncovered = Uncovered::new();
        let cases = self.cases()?;
        let mut all = obligations(
            cases.iter().map(|r| &r.case),
            self.calendar(),
            today,
            &mut uncovered,
        );
        let me = self.actor();
        all.retain(|o| {
            !mine || o.owner == me.login || me.roles.iter().any(|r| r.as_str() == o.owner)
        });
        Ok((all, uncovered))
    }
    /// [`Backend::open_obligations`] one at a time, in the same order (`visit` returns
    /// false to stop), and the uncovered years. A database streams them from its index
    /// without collecting them (`deadlines --json` at 100,000 cases); the default collects.
    fn each_open_obligation(
        &self,
        today: NaiveDate,
        mine: bool,
        visit: &mut dyn FnMut(&Obligation) -> bool,
    ) -> Result<Uncovered, WorkflowError> {
        let (all, uncovered) = self.open_obligations(today, mine)?;
        for o in &all {
            if !visit(o) {
                break;
            }
        }
        Ok(uncovered)
    }
    /// [`Backend::each_open_obligation`] as `deadlines --json` writes each object: `visit`
    /// gets its body (between `  {` and `  }`) in pieces to write in order (see
    /// `store::obligations_json`). A database copies each obligation's stored, pre-rendered
    /// lines (issue 10); the default renders each obligation.
    fn each_open_obligation_json(
        &self,
        today: NaiveDate,
        mine: bool,
        visit: &mut dyn FnMut([&[u8]; 3]) -> bool,
    ) -> Result<Uncovered, WorkflowError> {
        let mut buf = Vec::new();
        self.each_open_obligation(today, mine, &mut |o| {
            buf.clear();
            crate::store::obligations_json::object(&mut buf, o);
            // `object` writes the braces (`  {\n`, `  }`); the body is between them.
            visit([&buf[4..buf.len() - 3], &[], &[]])
        })
    }
    /// Art. 8(3) for `case` as of `today`: per person the case counts as one accountable
    /// fault of, how many other cases count and the latest few. A database counts them in
    /// an index (issue 10); the default applies the rule to every outcome on record.
    fn repeats_for(&self, case: &Case, today: NaiveDate) -> Result<CaseRepeats, WorkflowError> {
        Ok(CaseRepeats::count(case, today, &self.prior_outcomes()?))
    }
    /// Every case the actor may open, with every person and relation, as the bundle
    /// `export_bundle(&[])` gives, pretty-printed with a final newline. A database streams
    /// it case by case (issue 10); the default builds the whole bundle first.
    fn export_all_to(
        &self,
        out: &mut dyn std::io::Write,
        out_name: &std::path::Path,
    ) -> Result<usize, WorkflowError> {
        let bundle = self.export_bundle(&[])?;
        let mut text = serde_json::to_string_pretty(&bundle)
            .map_err(|e| WorkflowError::Store(format!("export: {e}")))?;
        text.push('\n');
        out.write_all(text.as_bytes())
            .map_err(|e| crate::store::StoreError::Io {
                path: out_name.to_path_buf(),
                source: e,
            })?;
        Ok(bundle.cases.len())
    }
    /// A page of the case queue (issue 10: the queue pages through an index instead of
    /// holding every case). A database answers from its indexes; the default computes the
    /// reference answer ([`listing::queue_rows`]) from every case.
    fn queue_page(
        &self,
        q: &QueueQuery,
        at: &Anchor<String>,
        limit: usize,
        today: NaiveDate,
    ) -> Result<Page<QueueRow>, WorkflowError> {
        let all = self.queue_all(q, today)?;
        Ok(listing::page_of(all, at, limit, |r| r.number.clone()))
    }
    /// How many rows the queue has for `q`, and per stage.
    fn queue_counts(&self, q: &QueueQuery, today: NaiveDate) -> Result<ListCounts, WorkflowError> {
        let every = self.queue_all(&QueueQuery::default(), today)?.len() as u64;
        Ok(listing::queue_counts(every, &self.queue_all(q, today)?))
    }
    /// The reference queue of `q`, whole (the defaults' helper).
    fn queue_all(&self, q: &QueueQuery, today: NaiveDate) -> Result<Vec<QueueRow>, WorkflowError> {
        let cases = self.cases()?;
        let (obligations, _) = self.open_obligations(today, false)?;
        let refs: Vec<&Case> = cases.iter().map(|r| &r.case).collect();
        Ok(listing::queue_rows(
            &refs,
            &obligations,
            &self.directory()?,
            self.actor(),
            q,
        ))
    }
    /// A page of the deadline dashboard: the open obligations most urgent first, only the
    /// actor's with `only_mine`, each with its case's title. A database reads it from the
    /// obligation projection's index.
    fn dash_page(
        &self,
        today: NaiveDate,
        only_mine: bool,
        at: &Anchor<ObligationKey>,
        limit: usize,
    ) -> Result<Page<DashRow>, WorkflowError> {
        let all = self.dash_all(today, only_mine)?;
        Ok(listing::page_of(all, at, limit, |r| {
            ObligationKey::of(&r.obligation)
        }))
    }
    /// How many rows the dashboard has (`all`: everyone's; `shown`: with `only_mine`).
    fn dash_counts(&self, today: NaiveDate, only_mine: bool) -> Result<ListCounts, WorkflowError> {
        Ok(ListCounts {
            all: self.dash_all(today, false)?.len() as u64,
            shown: Some(self.dash_all(today, only_mine)?.len() as u64),
            stages: Vec::new(),
        })
    }
    /// The reference dashboard, whole (the defaults' helper).
    fn dash_all(&self, today: NaiveDate, only_mine: bool) -> Result<Vec<DashRow>, WorkflowError> {
        let cases = self.cases()?;
        let (obligations, _) = self.open_obligations(today, false)?;
        let title = |n: &str| {
            cases
                .iter()
                .find(|r| r.case.number == n)
                .map(|r| r.case.title.clone())
                .unwrap_or_default()
        };
        Ok(listing::dash_rows(
            &obligations,
            title,
            self.actor(),
            only_mine,
        ))
    }
    fn execute(&mut self, cmd: Command, today: NaiveDate) -> Result<Applied, WorkflowError>;
    /// The audit log of one case, oldest first: who did what, when (the case timeline, and
    /// who changed a record under an open form).
    fn history(&self, case: &str) -> Result<Vec<AuditEntry>, WorkflowError>;
    /// Full-text search over the text of every case the actor may open, best first.
    fn search(&self, text: &str, limit: usize) -> Result<Vec<SearchHit>, WorkflowError>;
    /// The files attached to a case's evidence, each checked against the vault.
    fn evidence_files(&self, case: &str) -> Result<Vec<EvidenceFile>, WorkflowError>;

    // The command line's operations: the same seam, so that every subcommand runs the same
    // way in direct mode (a `Session`) and served mode (`service::Client`).

    /// One case the actor may open.
    fn case(&self, number: &str) -> Result<CaseRecord, WorkflowError> {
        self.cases()?
            .into_iter()
            .find(|r| r.case.number == number)
            .ok_or_else(|| WorkflowError::NotFound(number.to_string()))
    }
    /// The whole audit log, for an admin.
    fn audit_log(&self) -> Result<Vec<AuditEntry>, WorkflowError> {
        Err(unsupported("the audit log"))
    }
    /// Import a bundle, all or nothing (admin). `today` is the day of import: no date in the
    /// bundle may be later (bundle-v2.md); a served database uses the server's day.
    fn import_bundle(
        &mut self,
        _bundle: &Bundle,
        _today: NaiveDate,
    ) -> Result<ImportSummary, WorkflowError> {
        Err(unsupported("import"))
    }
    /// Import the bundle in `file` (opened by the caller with its own permissions; named
    /// `name` in messages), all or nothing. A database reads it case by case (issue 10) and
    /// names every error by the bundle's path (`WorkflowError::Invalid`); a service receives
    /// it in chunks. The default reads it whole and imports that.
    fn import_file(
        &mut self,
        file: &std::fs::File,
        name: &std::path::Path,
        today: NaiveDate,
    ) -> Result<ImportSummary, WorkflowError> {
        let mut text = String::new();
        std::io::Read::read_to_string(&mut &*file, &mut text).map_err(|e| {
            crate::store::StoreError::Io {
                path: name.to_path_buf(),
                source: e,
            }
        })?;
        let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
        let bundle = crate::domain::validate::parse_bundle(text)
            .map_err(|e| WorkflowError::Invalid(vec![e]))?;
        self.import_bundle(&bundle, today)
    }
    /// The given cases (none: every case the actor may open) as a bundle.
    fn export_bundle(&self, _cases: &[String]) -> Result<Bundle, WorkflowError> {
        Err(unsupported("export"))
    }
    /// Every check of `culpa audit verify`, with a head kept elsewhere if given.
    fn verify_audit(&self, _expect: Option<&(i64, String)>) -> Result<Verification, WorkflowError> {
        Err(unsupported("audit verify"))
    }
    /// The vault report, with the attachments that name any object found wrong.
    fn verify_vault(&self) -> Result<(VaultReport, Vec<Attachment>), WorkflowError> {
        Err(unsupported("evidence verify"))
    }
    /// Years a check during this session consulted that no calendar covers.
    fn uncovered(&self) -> Uncovered {
        Uncovered::new()
    }
}

impl Backend for Session {
    fn actor(&self) -> &Person {
        Session::actor(self)
    }
    fn db_label(&self) -> String {
        self.db_path().display().to_string()
    }
    fn calendar(&self) -> &Calendar {
        Session::calendar(self)
    }
    fn directory(&self) -> Result<Directory, WorkflowError> {
        Session::directory(self)
    }
    fn cases(&self) -> Result<Vec<CaseRecord>, WorkflowError> {
        Session::cases(self)
    }
    fn prior_outcomes(&self) -> Result<Vec<PriorOutcome>, WorkflowError> {
        Session::prior_outcomes(self)
    }
    fn data_version(&self) -> Result<i64, WorkflowError> {
        Session::data_version(self)
    }
    fn open_obligations(
        &self,
        today: NaiveDate,
        mine: bool,
    ) -> Result<(Vec<Obligation>, Uncovered), WorkflowError> {
        Session::open_obligations(self, today, mine)
    }
    fn repeats_for(&self, case: &Case, today: NaiveDate) -> Result<CaseRepeats, WorkflowError> {
        Session::repeats_for(self, case, today)
    }
    fn each_open_obligation(
        &self,
        today: NaiveDate,
        mine: bool,
        visit: &mut dyn FnMut(&Obligation) -> bool,
    ) -> Result<Uncovered, WorkflowError> {
        Session::each_open_obligation(self, today, mine, visit)
    }
    fn each_open_obligation_json(
        &self,
        today: NaiveDate,
        mine: bool,
        visit: &mut dyn FnMut([&[u8]; 3]) -> bool,
    ) -> Result<Uncovered, WorkflowError> {
        Session::each_open_obligation_json(self, today, mine, visit)
    }
    fn export_all_to(
        &self,
        out: &mut dyn std::io::Write,
        out_name: &std::path::Path,
    ) -> Result<usize, WorkflowError> {
        Session::export_all_to(self, out, out_name)
    }
    fn revision(&self) -> Result<i64, WorkflowError> {
        Session::revision(self)
    }
    fn changes_since(&self, rev: i64) -> Result<Option<Changes>, WorkflowError> {
        Session::changes_since(self, rev).map(Some)
    }
    fn queue_page(
        &self,
        q: &QueueQuery,
        at: &Anchor<String>,
        limit: usize,
        today: NaiveDate,
    ) -> Result<Page<QueueRow>, WorkflowError> {
        Session::queue_page(self, q, at, limit, today)
    }
    fn queue_counts(&self, q: &QueueQuery, today: NaiveDate) -> Result<ListCounts, WorkflowError> {
        Session::queue_counts(self, q, today)
    }
    fn dash_page(
        &self,
        today: NaiveDate,
        only_mine: bool,
        at: &Anchor<ObligationKey>,
        limit: usize,
    ) -> Result<Page<DashRow>, WorkflowError> {
        Session::dash_page(self, today, only_mine, at, limit)
    }
    fn dash_counts(&self, today: NaiveDate, only_mine: bool) -> Result<ListCounts, WorkflowError> {
        Session::dash_counts(self, today, only_mine)
    }
    fn execute(&mut self, cmd: Command, today: NaiveDate) -> Result<Applied, WorkflowError> {
        Session::execute(self, cmd, today)
    }
    fn history(&self, case: &str) -> Result<Vec<AuditEntry>, WorkflowError> {
        Session::history(self, case)
    }
    fn search(&self, text: &str, limit: usize) -> Result<Vec<SearchHit>, WorkflowError> {
        Session::search(self, text, limit)
    }
    fn evidence_files(&self, case: &str) -> Result<Vec<EvidenceFile>, WorkflowError> {
        Session::evidence_files(self, case)
    }
    fn case(&self, number: &str) -> Result<CaseRecord, WorkflowError> {
        Session::case(self, number)
    }
    fn audit_log(&self) -> Result<Vec<AuditEntry>, WorkflowError> {
        Session::audit_log(self)
    }
    fn import_bundle(
        &mut self,
        bundle: &Bundle,
        today: NaiveDate,
    ) -> Result<ImportSummary, WorkflowError> {
        Session::import_bundle(self, bundle, today)
    }
    fn import_file(
        &mut self,
        file: &std::fs::File,
        name: &std::path::Path,
        today: NaiveDate,
    ) -> Result<ImportSummary, WorkflowError> {
        Session::import_file(self, file, name, today)
    }
    fn export_bundle(&self, cases: &[String]) -> Result<Bundle, WorkflowError> {
        Session::export_bundle(self, cases)
    }
    fn verify_audit(&self, expect: Option<&(i64, String)>) -> Result<Verification, WorkflowError> {
        Session::verify_audit(self, expect)
    }
    fn verify_vault(&self) -> Result<(VaultReport, Vec<Attachment>), WorkflowError> {
        Session::verify_vault(self)
    }
    fn uncovered(&self) -> Uncovered {
        Session::uncovered(self).clone()
    }
}

/// A bundle held in memory. It applies the append-only steps and findings (enough to watch
/// the liability panel follow a change) without the workflow's checks, and refuses the rest:
/// it is a viewer, not a second implementation of the procedure.
#[derive(Clone)]
pub struct MemoryBackend {
    actor: Person,
    label: String,
    cal: Calendar,
    dir: Directory,
    cases: Vec<CaseRecord>,
    version: i64,
}

impl MemoryBackend {
    /// `actor` must be one of the bundle's people; otherwise the first person is used (and
    /// with no people at all, an unnamed person with no roles).
    pub fn new(bundle: Bundle, actor: &str, cal: Calendar) -> MemoryBackend {
        let me = bundle
            .people
            .iter()
            .find(|p| p.login == actor)
            .or(bundle.people.first())
            .cloned()
            .unwrap_or_else(|| Person {
                login: actor.to_string(),
                name: actor.to_string(),
                unit: String::new(),
                roles: Vec::new(),
            });
        let dir = Directory::new(bundle.people, bundle.relations);
        let cases = bundle
            .cases
            .into_iter()
            .enumerate()
            .map(|(i, case)| CaseRecord {
                id: i as i64 + 1,
                version: 1,
                case,
            })
            .collect();
        MemoryBackend {
            actor: me,
            label: "(bundle in memory)".to_string(),
            cal,
            dir,
            cases,
            version: 1,
        }
    }

    fn find(&mut self, number: &str) -> Result<&mut CaseRecord, WorkflowError> {
        self.cases
            .iter_mut()
            .find(|r| r.case.number == number)
            .ok_or_else(|| WorkflowError::NotFound(number.to_string()))
    }
}

impl Backend for MemoryBackend {
    fn actor(&self) -> &Person {
        &self.actor
    }
    fn db_label(&self) -> String {
        self.label.clone()
    }
    fn calendar(&self) -> &Calendar {
        &self.cal
    }
    fn directory(&self) -> Result<Directory, WorkflowError> {
        Ok(self.dir.clone())
    }
    fn cases(&self) -> Result<Vec<CaseRecord>, WorkflowError> {
        Ok(self.cases.clone())
    }
    fn prior_outcomes(&self) -> Result<Vec<PriorOutcome>, WorkflowError> {
        Ok(prior_outcomes(self.cases.iter().map(|r| &r.case)))
    }
    fn data_version(&self) -> Result<i64, WorkflowError> {
        Ok(self.version)
    }
    /// A bundle carries no audit log.
    fn history(&self, _case: &str) -> Result<Vec<AuditEntry>, WorkflowError> {
        Ok(Vec::new())
    }
    /// A bundle carries no vault.
    fn evidence_files(&self, _case: &str) -> Result<Vec<EvidenceFile>, WorkflowError> {
        Ok(Vec::new())
    }
    /// A plain scan of titles, summaries and transcripts (no index in memory).
    fn search(&self, text: &str, limit: usize) -> Result<Vec<SearchHit>, WorkflowError> {
        let needle = text.trim().to_lowercase();
        if needle.is_empty() {
            return Ok(Vec::new());
        }
        let mut out = Vec::new();
        for r in &self.cases {
            let c = &r.case;
            let mut texts = vec![
                ("title", 0, c.title.as_str()),
                ("summary", 0, c.summary.as_str()),
            ];
            for (i, iv) in c.interviews.iter().enumerate() {
                texts.push(("interview", i as i64, iv.transcript.as_str()));
            }
            for (kind, ord, body) in texts {
                if let Some(at) = body.to_lowercase().find(&needle)
                    && body.is_char_boundary(at)
                    && body.is_char_boundary(at + needle.len())
                {
                    let snippet = format!(
                        "{}{}{}{}{}",
                        &body[..at],
                        crate::store::HIT_START,
                        &body[at..at + needle.len()],
                        crate::store::HIT_END,
                        &body[at + needle.len()..]
                    );
                    out.push(SearchHit {
                        case: c.number.clone(),
                        kind: kind.into(),
                        ord,
                        snippet,
                    });
                    if out.len() >= limit {
                        return Ok(out);
                    }
                }
            }
        }
        Ok(out)
    }
    fn execute(&mut self, cmd: Command, _today: NaiveDate) -> Result<Applied, WorkflowError> {
        let me = self.actor.login.clone();
        let number = cmd.case().unwrap_or_default().to_string();
        let rec = match &cmd {
            Command::AddEvidence { case, .. }
            | Command::RecordInterview { case, .. }
            | Command::SetFindings { case, .. }
            | Command::Deliberate { case, .. } => self.find(case)?,
            _ => {
                return Err(WorkflowError::Store(
                    "the in-memory bundle is read-only for this step; open a database".into(),
                ));
            }
        };
        match cmd {
            Command::AddEvidence {
                kind,
                description,
                collected_on,
                ..
            } => rec.case.evidence.push(crate::domain::model::Evidence {
                kind,
                description,
                collected_on,
                collected_by: me,
                sha256: None,
            }),
            Command::RecordInterview { interview, .. } => rec.case.interviews.push(interview),
            Command::SetFindings {
                findings,
                expected_version,
                ..
            } => {
                if expected_version != rec.version {
                    return Err(WorkflowError::Conflict {
                        case: number,
                        by: "?".into(),
                        at: "?".into(),
                        what: "findings".into(),
                        current_version: rec.version,
                    });
                }
                rec.case.findings = Some(findings);
            }
            Command::Deliberate { deliberation, .. } => rec.case.deliberation = Some(deliberation),
            _ => {}
        }
        rec.version += 1;
        let version = rec.version;
        self.version += 1;
        Ok(Applied {
            case: Some(number),
            version,
        })
    }
}
