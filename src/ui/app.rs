//! The workbench's state and its pure `update`: an event in, effects out, no IO. The runtime
//! performs the effects against a backend and feeds the results back as events.

use chrono::NaiveDate;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, MouseEvent};
use serde_json::json;

use crate::domain::check::GateState;
use crate::domain::liability::Priors;
use crate::i18n::Lang;
use crate::i18n::edits as te;
use crate::i18n::ui::{self as t, Msg};
use crate::store::AuditEntry;
use crate::ui::data::{CaseDerived, Data};
use crate::ui::detail::{DetailView, Extra, RecordList};
use crate::ui::edits::ConflictView;
use crate::ui::forms::{Form, FormContext, FormOutcome, Step};
use crate::ui::keymap::{Action, Keymap};
use crate::ui::listing::{DashState, Paging, QueueState, SORT_KEYS};
use crate::ui::nav::Move;
use crate::ui::palette::Mode as PaletteMode;
use crate::ui::perms;
use crate::ui::theme::Theme;
use crate::workflow::{Applied, CaseRecord, Command, WorkflowError};

pub const MIN_WIDTH: u16 = 80;
pub const MIN_HEIGHT: u16 = 24;

#[derive(Debug)]
pub enum Event {
    Key(KeyEvent),
    /// A click or the wheel (only when the mouse is on; see [`crate::ui::mouse`]).
    Mouse(MouseEvent),
    Paste(String),
    Resize(u16, u16),
    /// A fresh snapshot after a Refresh (or a change seen by polling).
    Loaded(Box<Data>),
    /// Another user's commit, as the cases it changed (refresh by revision, issue 10).
    Changed(Box<Refresh>),
    LoadFailed(String),
    /// The answer to an Execute, the error already in the user's language.
    Executed(Result<Applied, String>),
    /// SIGHUP (the link dropped), SIGTERM or SIGINT: save an open form, then quit.
    Hangup,
    /// A replacing edit was refused because the case changed since the form opened: the
    /// error in words, and the case's audit history (who changed it, when).
    Conflict {
        message: String,
        history: Vec<AuditEntry>,
    },
    /// The drafts on disk for this database and user, after a save or a discard.
    Drafts(Vec<Draft>),
    /// A case's evidence files and audit history, for the detail views.
    Extra(Box<Extra>),
    /// The backend's matches for a search text.
    Searched(String, Vec<crate::store::SearchHit>),
}

/// What a refresh by revision brings: the changed cases, the directory, the data version.
#[derive(Debug)]
pub struct Refresh {
    pub changes: crate::workflow::Changes,
    pub dir: crate::domain::Directory,
    pub version: i64,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    Execute(Command),
    Refresh,
    SaveDraft(Draft),
    DeleteDraft(DraftKey),
    /// Fetch a case's evidence files and audit history (detail views, timeline).
    LoadExtra(String),
    /// Run a full-text search (the workbench's `F`).
    Search(String),
    Quit,
}

/// A draft is kept per form and case.
pub type DraftKey = (Step, Option<String>);

/// A form's typed text, kept on Esc and across a dropped link.
#[derive(Debug, Clone, PartialEq)]
pub struct Draft {
    pub kind: Step,
    pub case: Option<String>,
    pub fields: serde_json::Value,
    /// Saved because the link dropped (offered back at the next start).
    pub hangup: bool,
    /// When it was saved, local time (filled in by whoever writes it to disk).
    pub saved_at: Option<String>,
}

impl Draft {
    pub fn to_json(&self) -> serde_json::Value {
        json!({"kind": self.kind.name(), "case": self.case, "fields": self.fields,
            "hangup": self.hangup, "saved_at": self.saved_at})
    }
    pub fn key(&self) -> DraftKey {
        (self.kind, self.case.clone())
    }
    pub fn from_json(v: &serde_json::Value) -> Option<Draft> {
        let name = v.get("kind")?.as_str()?;
        let kind = Step::from_name(name)?;
        Some(Draft {
            kind,
            case: v.get("case").and_then(|c| c.as_str()).map(str::to_string),
            fields: v.get("fields").cloned().unwrap_or_default(),
            hangup: v.get("hangup").and_then(|h| h.as_bool()).unwrap_or(false),
            saved_at: v
                .get("saved_at")
                .and_then(|c| c.as_str())
                .map(str::to_string),
        })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    Dashboard,
    Queue,
    Case,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pane {
    Evidence,
    Interviews,
    Team,
    Liability,
}

pub const PANES: [Pane; 4] = [
    Pane::Evidence,
    Pane::Interviews,
    Pane::Team,
    Pane::Liability,
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    Info,
    Warn,
    Error,
}

pub struct CaseState {
    pub number: String,
    pub pane: usize,
    pub scroll: [u16; 4],
    /// How far each pane can scroll, as its last drawing found (scrolling stops there).
    pub max_scroll: [std::cell::Cell<u16>; 4],
    pub gate: bool,
    pub derived: CaseDerived,
}

pub struct App {
    pub lang: Lang,
    pub today: NaiveDate,
    pub theme: Theme,
    pub keymap: Keymap,
    pub data: Data,
    pub screen: Screen,
    pub dash: DashState,
    pub queue: QueueState,
    pub case: Option<CaseState>,
    pub form: Option<Form>,
    pub form_case: Option<String>,
    pub busy: bool,
    pub help: bool,
    pub message: Option<(Level, String)>,
    /// Standing warnings (a bad keys.toml, a failed refresh).
    pub warnings: Vec<String>,
    pub draft_offer: Option<Draft>,
    /// Every draft kept for this database and user (Esc on a form, a dropped link).
    pub drafts: Vec<Draft>,
    /// The draft list is open, with this row selected.
    pub drafts_list: Option<usize>,
    /// A save was refused as stale; the next refresh decides what to show.
    pub pending_conflict: Option<Vec<AuditEntry>>,
    /// Both versions side by side, waiting for the user's choice.
    pub conflict: Option<ConflictView>,
    /// The list of the open case's records, to read one.
    pub records: Option<RecordList>,
    /// One record, read in full.
    pub detail: Option<DetailView>,
    /// The evidence files and history last fetched (for one case).
    pub extra: Option<Extra>,
    /// The full-text search, when open.
    pub search: Option<crate::ui::search::SearchState>,
    /// An irreversible command waiting for the user's confirmation.
    pub confirm: Option<Command>,
    /// The terminal's size (columns, rows), for page turns.
    pub size: (u16, u16),
    /// The screens Esc goes back to, latest last.
    pub history: Vec<Screen>,
    /// The command palette or the jump to a case, when open.
    pub palette: Option<crate::ui::palette::Palette>,
    /// Where the last frame drew its rows and panes, for the mouse.
    pub hits: std::cell::RefCell<crate::ui::mouse::Hits>,
}

impl App {
    pub fn new(data: Data, lang: Lang, today: NaiveDate, theme: Theme, keymap: Keymap) -> App {
        let mut app = App {
            lang,
            today,
            theme,
            keymap,
            data,
            screen: Screen::Dashboard,
            dash: DashState::default(),
            queue: QueueState::default(),
            case: None,
            form: None,
            form_case: None,
            busy: false,
            help: false,
            message: None,
            warnings: Vec::new(),
            draft_offer: None,
            drafts: Vec::new(),
            drafts_list: None,
            pending_conflict: None,
            conflict: None,
            records: None,
            detail: None,
            extra: None,
            search: None,
            confirm: None,
            size: (MIN_WIDTH, MIN_HEIGHT),
            history: Vec::new(),
            palette: None,
            hits: Default::default(),
        };
        // The first screen's page and the queue's: four small reads, whatever the number of
        // cases.
        app.refetch_lists();
        app.sync();
        app
    }

    /// Rows per page and the margin before its edge, for this terminal.
    pub fn paging(&self) -> Paging {
        Paging::for_height(self.page_rows())
    }

    /// The number of the case the workflow keys act on: the open one on the case view,
    /// else the selected row's.
    pub fn current_number(&self) -> Option<String> {
        match (&self.case, self.screen) {
            (Some(c), Screen::Case) => Some(c.number.clone()),
            (_, Screen::Queue) => self.queue.selected_number(),
            (_, Screen::Dashboard) => self.dash.current().map(|r| r.obligation.case.clone()),
            _ => None,
        }
    }

    /// The case the workflow keys act on, whole (the selected row's case is read when the
    /// selection moves onto it).
    pub fn current_case(&self) -> Option<&CaseRecord> {
        match (&self.case, self.screen) {
            (Some(c), Screen::Case) => Some(&c.derived.record),
            _ => self.record(&self.current_number()?),
        }
    }

    /// A case the workbench holds: the open one, else one read for the selection or a form.
    pub fn record(&self, number: &str) -> Option<&CaseRecord> {
        match &self.case {
            Some(c) if c.number == number => Some(&c.derived.record),
            _ => self.data.record(number),
        }
    }

    /// The cases that must stay held: the open one's, the form's and the selection's.
    fn pinned(&self) -> Vec<String> {
        let mut keep: Vec<String> = Vec::new();
        keep.extend(self.case.as_ref().map(|c| c.number.clone()));
        keep.extend(self.form_case.clone());
        keep.extend(self.queue.selected_number());
        keep.extend(self.dash.current().map(|r| r.obligation.case.clone()));
        keep
    }

    /// Keep `rec` among the held cases (the pinned ones stay).
    fn hold(&mut self, rec: CaseRecord) {
        let pinned = self.pinned();
        let keep: Vec<&str> = pinned.iter().map(String::as_str).collect();
        self.data.hold(rec, &keep);
    }

    /// Read `number` whole unless held.
    pub(crate) fn fetch_case(&mut self, number: &str) -> Result<CaseRecord, WorkflowError> {
        if let Some(c) = self.case.as_ref().filter(|c| c.number == number) {
            return Ok(c.derived.record.clone());
        }
        let pinned = self.pinned();
        let keep: Vec<&str> = pinned.iter().map(String::as_str).collect();
        self.data.fetch(number, &keep).cloned()
    }

    /// A read that failed: said on the status line, in the user's language.
    pub(crate) fn read_failed(&mut self, e: WorkflowError) {
        self.message = Some((Level::Error, e.message(&self.data.dir, self.lang)));
    }

    /// Ask both lists again around their selections (after a refresh).
    fn refetch_lists(&mut self) {
        self.queue.list.stale = true;
        self.dash.list.stale = true;
        self.refetch_shown();
        // The other list is asked when it is shown; both at start.
        let (paging, today) = (self.paging(), self.today);
        let src = std::rc::Rc::clone(&self.data.src);
        let b = src.borrow();
        let mut err = None;
        if self.queue.list.stale {
            let keep = self.queue.selected_number();
            err = err.or(self.queue.fetch(&*b, today, paging, keep).err());
        }
        if self.dash.list.stale {
            let keep = self.dash.key();
            err = err.or(self.dash.fetch(&*b, today, paging, keep).err());
        }
        drop(b);
        if let Some(e) = err {
            self.read_failed(e);
        }
    }

    /// Ask the list on screen again if it is stale (one page and its counts).
    fn refetch_shown(&mut self) {
        let (paging, today) = (self.paging(), self.today);
        let src = std::rc::Rc::clone(&self.data.src);
        let b = src.borrow();
        let r = match self.screen {
            Screen::Queue if self.queue.list.stale => {
                let keep = self.queue.selected_number();
                self.queue.fetch(&*b, today, paging, keep)
            }
            Screen::Dashboard if self.dash.list.stale => {
                let keep = self.dash.key();
                self.dash.fetch(&*b, today, paging, keep)
            }
            _ => Ok(()),
        };
        drop(b);
        if let Err(e) = r {
            self.read_failed(e);
        }
    }

    /// After every event: the list on screen is current and the selected row's case is
    /// held (at most one small read each, and none when nothing moved).
    pub(crate) fn sync(&mut self) {
        self.refetch_shown();
        if self.screen != Screen::Case
            && let Some(n) = self.current_number()
            && self.record(&n).is_none()
        {
            // A row whose case has just gone out of reach: the list says so at its next
            // refresh; nothing to act on meanwhile.
            let _ = self.fetch_case(&n);
        }
    }

    /// The filter, sort or "only mine" of the queue changed: ask its first page again
    /// (`keep`: the case to stay on).
    pub(crate) fn requery(&mut self, keep: Option<String>) {
        let (paging, today) = (self.paging(), self.today);
        let src = std::rc::Rc::clone(&self.data.src);
        let r = self.queue.fetch(&*src.borrow(), today, paging, keep);
        if let Err(e) = r {
            self.read_failed(e);
        }
    }

    pub fn form_context(&self) -> FormContext<'_> {
        let case = self.form_case.as_deref().and_then(|n| self.record(n));
        FormContext {
            lang: self.lang,
            today: self.today,
            me: &self.data.me,
            dir: &self.data.dir,
            case,
            cal: &self.data.cal,
            priors: case.map_or(Priors::NONE, |r| self.data.priors(&r.case, self.today)),
        }
    }

    /// What the open form holds, for SIGHUP.
    pub fn draft(&self) -> Option<Draft> {
        self.form.as_ref().map(|f| Draft {
            kind: f.kind(),
            case: self.form_case.clone(),
            fields: f.draft(),
            hangup: false,
            saved_at: None,
        })
    }

    fn say(&mut self, level: Level, text: impl Into<String>) -> Vec<Effect> {
        self.message = Some((level, text.into()));
        Vec::new()
    }

    /// Open the case `number`: read whole (one small read unless held) with its Art. 8(3)
    /// counts (one bounded indexed read per person). False when it cannot be read (said on
    /// the status line).
    pub(crate) fn open_case(&mut self, number: &str) -> bool {
        let rec = match self.fetch_case(number) {
            Ok(r) => r,
            Err(e) => {
                self.read_failed(e);
                return false;
            }
        };
        if let Err(e) = self.data.load_repeats(&rec.case, self.today) {
            self.read_failed(e);
            return false;
        }
        let derived = CaseDerived::compute(&self.data, rec, self.today, self.lang);
        self.case = Some(CaseState {
            number: number.to_string(),
            pane: 0,
            scroll: [0; 4],
            max_scroll: Default::default(),
            gate: false,
            derived,
        });
        self.go(Screen::Case);
        true
    }

    fn apply_data(&mut self, data: Data) {
        self.data = data;
        self.refetch_lists();
        self.recompute_open_case(true);
    }

    /// Another user's commit (refresh by revision, issue 10): only the changed cases are
    /// read again — the held ones among them replaced, the open one recomputed (or closed,
    /// with a message, when it has left the user's view) — and the list on screen asked
    /// again around its selection. Never a reload of everything.
    fn absorb(&mut self, r: Refresh) {
        let ch = r.changes;
        self.data.dir = r.dir;
        self.data.version = r.version;
        self.data.rev = ch.revision;
        let mut uncovered = std::collections::BTreeSet::new();
        for rec in &ch.cases {
            // Their due dates may reach a year no calendar covers.
            let _ = crate::domain::deadlines::case_obligations(
                &rec.case,
                &self.data.cal,
                self.today,
                &mut uncovered,
            );
        }
        self.data.uncovered.extend(uncovered);
        let fresh = |n: &str| ch.cases.iter().find(|r| r.case.number == n);
        let held: Vec<String> = self
            .data
            .cases
            .iter()
            .map(|r| r.case.number.clone())
            .collect();
        for n in held
            .iter()
            .filter(|n| ch.numbers.contains(n) || ch.hidden.contains(n))
        {
            match fresh(n) {
                Some(rec) => {
                    let rec = rec.clone();
                    self.hold(rec);
                }
                None => self.data.cases.retain(|r| r.case.number != *n),
            }
        }
        // Art. 8(3): a decision anywhere may change the open case's verdict, and so may an
        // outcome taken away (an appeal that revokes a case's last outcome leaves nothing in
        // `ch.priors` to tell by). The counts held are asked again, when next needed, after
        // any change: one small indexed read per case (`Backend::repeats_for`).
        let recount = !ch.numbers.is_empty() || !ch.priors.is_empty();
        if recount {
            self.data.repeats.clear();
        }
        if let Some(cs) = &self.case {
            let n = cs.number.clone();
            if ch.hidden.contains(&n) {
                self.close_gone(&n);
            } else if let Some(rec) = fresh(&n) {
                let rec = rec.clone();
                self.recompute_with(rec);
            } else if recount {
                let rec = cs.derived.record.clone();
                self.recompute_with(rec);
            }
        }
        self.queue.list.stale = true;
        self.dash.list.stale = true;
    }

    /// The open case left the user's view (a recusal, a new team): close it and say so.
    fn close_gone(&mut self, number: &str) {
        self.case = None;
        self.records = None;
        self.detail = None;
        if self.screen == Screen::Case {
            self.screen = Screen::Queue;
        }
        self.history.retain(|s| *s != Screen::Case);
        let gone = t::case_gone(number, self.lang);
        // After the user's own step (a recusal), what it did is said first.
        let text = match self.message.take() {
            Some((Level::Info, done)) => format!("{done} {gone}"),
            _ => gone,
        };
        self.message = Some((Level::Warn, text));
    }

    /// Recompute the open case from `rec` (its Art. 8(3) counts asked again if need be).
    fn recompute_with(&mut self, rec: CaseRecord) {
        if let Err(e) = self.data.load_repeats(&rec.case, self.today) {
            self.read_failed(e);
        }
        let derived = CaseDerived::compute(&self.data, rec, self.today, self.lang);
        if let Some(cs) = &mut self.case {
            cs.derived = derived;
        }
    }

    /// What a fresh snapshot settles: a save refused as stale, or someone else's change
    /// under an open form.
    fn after_refresh(&mut self) -> Vec<Effect> {
        // The Art. 8(3) counts of an open form's case (as `form_context` sees it) may have
        // been let go or outdated by the refresh; asked again only if so.
        let form_case = self
            .form_case
            .as_deref()
            .and_then(|n| self.record(n))
            .cloned();
        if let Some(rec) = form_case
            && let Err(e) = self.data.load_repeats(&rec.case, self.today)
        {
            self.read_failed(e);
        }
        match self.pending_conflict.take() {
            Some(history) => self.resolve_conflict(history),
            None => {
                self.warn_if_changed_meanwhile();
                Vec::new()
            }
        }
    }

    /// Read the open case again and recompute it: never show a stale verdict. A case the
    /// user may no longer open is closed with a message.
    fn recompute_open_case(&mut self, priors_too: bool) {
        let Some(n) = self.case.as_ref().map(|c| c.number.clone()) else {
            return;
        };
        if priors_too {
            self.data.repeats.clear();
        }
        let read = self.data.src.borrow().case(&n);
        match read {
            Ok(rec) => {
                self.hold(rec.clone());
                self.recompute_with(rec);
            }
            Err(WorkflowError::NotFound(_) | WorkflowError::NotPermitted { .. }) => {
                self.close_gone(&n)
            }
            Err(e) => self.read_failed(e),
        }
    }

    pub fn update(&mut self, ev: Event) -> Vec<Effect> {
        let out = self.handle(ev);
        self.sync();
        out
    }

    fn handle(&mut self, ev: Event) -> Vec<Effect> {
        match ev {
            Event::Resize(w, h) => {
                self.size = (w, h);
                Vec::new()
            }
            Event::Loaded(d) => {
                self.warnings.retain(|w| !w.starts_with('!'));
                self.apply_data(*d);
                self.after_refresh()
            }
            Event::Conflict { message, history } => {
                self.busy = false;
                if let Some(f) = &mut self.form {
                    f.set_error(message);
                }
                self.pending_conflict = Some(history);
                vec![Effect::Refresh]
            }
            Event::Searched(q, hits) => {
                self.search_results(q, hits);
                Vec::new()
            }
            Event::Extra(x) => {
                self.extra = Some(*x);
                Vec::new()
            }
            Event::Drafts(d) => {
                self.drafts = d;
                if let Some(sel) = &mut self.drafts_list {
                    *sel = (*sel).min(self.drafts.len().saturating_sub(1));
                }
                Vec::new()
            }
            Event::Changed(r) => {
                self.warnings.retain(|w| !w.starts_with('!'));
                self.absorb(*r);
                // As after a full load: a refused save or an edit under an open form.
                self.after_refresh()
            }
            Event::LoadFailed(e) => {
                self.warnings.retain(|w| !w.starts_with('!'));
                self.warnings.push(format!("!{e}"));
                Vec::new()
            }
            Event::Executed(r) => {
                self.busy = false;
                match r {
                    Ok(_) => {
                        let mut out = Vec::new();
                        if let Some(d) = self.draft() {
                            // Saved: the draft of this form and case has served.
                            out.push(Effect::DeleteDraft(d.key()));
                        }
                        // The gate only leads into the submission form: once a step is
                        // done, its "ready" verdict is stale (a submitted case is past it).
                        if self.form.as_ref().is_some_and(|f| f.kind() == Step::Submit)
                            && let Some(c) = &mut self.case
                        {
                            c.gate = false;
                        }
                        self.form = None;
                        self.form_case = None;
                        self.message = Some((Level::Info, t::msg(Msg::Done, self.lang).into()));
                        out.push(Effect::Refresh);
                        out
                    }
                    // Keep the form and its typed text; show why it failed.
                    Err(e) => {
                        match &mut self.form {
                            Some(f) => f.set_error(e),
                            None => self.message = Some((Level::Error, e)),
                        }
                        vec![Effect::Refresh]
                    }
                }
            }
            Event::Hangup => {
                let mut out = Vec::new();
                if let Some(mut d) = self.draft() {
                    d.hangup = true;
                    out.push(Effect::SaveDraft(d));
                }
                out.push(Effect::Quit);
                out
            }
            Event::Paste(text) => {
                if self.palette.is_some() {
                    self.palette_paste(&text);
                } else if let Some(f) = &mut self.form {
                    f.handle_paste(&text);
                } else if self.queue.editing {
                    let clean: String = text.chars().filter(|c| !c.is_control()).collect();
                    self.queue.filter.push_str(&clean);
                    self.requery(None);
                }
                Vec::new()
            }
            Event::Mouse(m) => self.mouse(m),
            Event::Key(k) if k.kind == KeyEventKind::Release => Vec::new(),
            Event::Key(k) => self.key(k),
        }
    }

    fn key(&mut self, k: KeyEvent) -> Vec<Effect> {
        // A modal gets the first chance at a key, then the focused input, then the keymap.
        if let Some(mut d) = self.draft_offer.take() {
            match k.code {
                KeyCode::Enter => self.restore(d.clone()),
                KeyCode::Esc => {}
                _ => {
                    self.draft_offer = Some(d);
                    return Vec::new();
                }
            }
            // Either way the draft stays in the draft list until saved or discarded; it is
            // only no longer offered at start.
            d.hangup = false;
            return vec![Effect::SaveDraft(d)];
        }
        if self.confirm.is_some() {
            return self.confirm_key(k);
        }
        if self.conflict.is_some() {
            return self.conflict_key(k);
        }
        if self.drafts_list.is_some() {
            return self.drafts_key(k);
        }
        if self.detail.is_some() {
            return self.detail_key(k);
        }
        if self.search.is_some() {
            return self.search_key(k);
        }
        if self.records.is_some() {
            return self.records_key(k);
        }
        if let Some(f) = &self.form {
            // ? (where it is not text) or F1 lists the form's keys; any key closes the list.
            if self.help {
                self.help = false;
                return Vec::new();
            }
            let help_key =
                k.code == KeyCode::F(1) || (k.code == KeyCode::Char('?') && !f.takes_text());
            if help_key {
                self.help = true;
                return Vec::new();
            }
            return self.form_key(k);
        }
        if self.palette.is_some() {
            return self.palette_key(k);
        }
        let action = self.keymap.action(&k);
        if self.help {
            if matches!(action, Some(Action::Help | Action::Cancel | Action::Quit)) {
                self.help = false;
            }
            return Vec::new();
        }
        if self.screen == Screen::Queue && self.queue.editing {
            match k.code {
                KeyCode::Char(c)
                    if !k
                        .modifiers
                        .contains(ratatui::crossterm::event::KeyModifiers::CONTROL) =>
                {
                    // Filter as you type: the store answers (one page and its counts).
                    self.queue.filter.push(c);
                    self.requery(None);
                    return Vec::new();
                }
                KeyCode::Backspace => {
                    if self.queue.filter.pop().is_some() {
                        self.requery(None);
                    }
                    return Vec::new();
                }
                KeyCode::Enter => {
                    self.queue.editing = false;
                    return Vec::new();
                }
                KeyCode::Esc => {
                    self.queue.editing = false;
                    self.clear_filter();
                    return Vec::new();
                }
                _ => {}
            }
        }
        let Some(a) = action else {
            return Vec::new();
        };
        self.message = None;
        self.act(a)
    }

    /// Drop the queue's filter, staying on the selected case.
    pub(crate) fn clear_filter(&mut self) {
        if !self.queue.filter.is_empty() {
            self.queue.filter.clear();
            let keep = self.queue.selected_number();
            self.requery(keep);
        }
    }

    /// Hold the form's case and ask its Art. 8(3) counts (the decision form's preview).
    fn prepare_form_case(&mut self, number: Option<&str>) {
        let Some(n) = number else {
            return;
        };
        match self.fetch_case(n) {
            Ok(rec) => {
                if let Err(e) = self.data.load_repeats(&rec.case, self.today) {
                    self.read_failed(e);
                }
            }
            Err(e) => self.read_failed(e),
        }
    }

    pub(crate) fn restore(&mut self, d: Draft) {
        self.prepare_form_case(d.case.as_deref());
        let form = {
            let mut ctx = self.form_context();
            ctx.case = d.case.as_deref().and_then(|n| self.record(n));
            Form::from_draft(d.kind, &d.fields, &ctx)
        };
        if let Some(f) = form {
            self.form = Some(f);
            self.form_case = d.case;
        }
    }

    fn form_key(&mut self, k: KeyEvent) -> Vec<Effect> {
        let Some(mut form) = self.form.take() else {
            return Vec::new();
        };
        let outcome = {
            let ctx = self.form_context();
            form.handle_key(k, &ctx)
        };
        match outcome {
            FormOutcome::Continue => {
                self.form = Some(form);
                Vec::new()
            }
            FormOutcome::Cancel => {
                self.form = Some(form);
                self.keep_draft()
            }
            // Closing and deciding cannot be undone: a summary first, then `y`.
            FormOutcome::Submit(cmd) if crate::ui::confirm::needs_confirmation(&cmd) => {
                self.form = Some(form);
                self.confirm = Some(cmd);
                Vec::new()
            }
            FormOutcome::Submit(cmd) => {
                self.form = Some(form);
                self.busy = true;
                vec![Effect::Execute(cmd)]
            }
        }
    }

    /// Do what `a` names (a key, or a line of the palette).
    pub(crate) fn run_action(&mut self, a: Action) -> Vec<Effect> {
        self.act(a)
    }

    fn act(&mut self, a: Action) -> Vec<Effect> {
        let lang = self.lang;
        match a {
            Action::Quit => return vec![Effect::Quit],
            Action::Help => self.help = true,
            Action::Drafts => self.drafts_list = Some(0),
            Action::Search => self.open_search(),
            Action::Cancel => match self.screen {
                Screen::Case if self.case.as_ref().is_some_and(|c| c.gate) => {
                    if let Some(c) = &mut self.case {
                        c.gate = false;
                    }
                }
                Screen::Queue if !self.queue.filter.is_empty() => self.clear_filter(),
                _ => {
                    if !self.back() && self.screen == Screen::Case {
                        self.screen = Screen::Queue;
                    }
                }
            },
            Action::Up => self.move_cursor(Move::By(-1)),
            Action::Down => self.move_cursor(Move::By(1)),
            Action::PageUp => self.move_cursor(Move::Page(false)),
            Action::PageDown => self.move_cursor(Move::Page(true)),
            Action::Top => self.move_cursor(Move::Top),
            Action::Bottom => self.move_cursor(Move::Bottom),
            Action::PrevPane | Action::NextPane | Action::NextView
                if self.screen == Screen::Case =>
            {
                if let Some(c) = &mut self.case {
                    c.pane = if a == Action::PrevPane {
                        (c.pane + PANES.len() - 1) % PANES.len()
                    } else {
                        (c.pane + 1) % PANES.len()
                    };
                }
            }
            Action::NextView => self.next_view(true),
            Action::PrevPane => self.next_view(false),
            Action::NextPane => self.next_view(true),
            Action::Dashboard => self.go(Screen::Dashboard),
            Action::Queue => self.go(Screen::Queue),
            Action::CaseView => self.go(Screen::Case),
            Action::Palette => self.open_palette(PaletteMode::Commands),
            Action::Jump => self.open_palette(PaletteMode::Jump),
            Action::Filter => {
                self.go(Screen::Queue);
                self.queue.editing = true;
            }
            Action::Sort if self.screen == Screen::Queue => {
                self.queue.sort = (self.queue.sort + 1) % SORT_KEYS;
                let keep = self.queue.selected_number();
                self.requery(keep);
            }
            Action::OnlyMine if self.screen == Screen::Dashboard => {
                self.dash.only_mine = !self.dash.only_mine;
                let keep = self.dash.key();
                let (paging, today) = (self.paging(), self.today);
                let src = std::rc::Rc::clone(&self.data.src);
                let r = self.dash.fetch(&*src.borrow(), today, paging, keep);
                if let Err(e) = r {
                    self.read_failed(e);
                }
            }
            Action::OnlyMine if self.screen == Screen::Queue => {
                self.queue.only_mine = !self.queue.only_mine;
                let keep = self.queue.selected_number();
                self.requery(keep);
            }
            Action::Sort | Action::OnlyMine => {}
            Action::Open => match self.screen {
                // A deadline row's action: its case, at the step that closes it.
                Screen::Dashboard => return self.open_row(),
                Screen::Queue => {
                    if let Some(n) = self.current_number() {
                        self.open_case(&n);
                    }
                }
                Screen::Case => {
                    if self.case.as_ref().is_some_and(|c| c.gate) {
                        return self.submit_from_gate();
                    }
                    // Read the case's records in full.
                    return self.open_records();
                }
            },
            Action::Step(step) => return self.step(step, lang),
        }
        Vec::new()
    }

    pub(crate) fn step(&mut self, step: Step, lang: Lang) -> Vec<Effect> {
        let number = self.current_number();
        if let Some(n) = &number
            && let Err(e) = self.fetch_case(n)
        {
            self.read_failed(e);
            return Vec::new();
        }
        let case = self.current_case().map(|r| &r.case);
        match perms::permit(step, &self.data.me, case, &self.data.dir, lang) {
            Err(why) => self.say(Level::Error, why),
            // Submission first passes through the gate screen listing every blocker.
            Ok(()) if step == Step::Submit => {
                if let Some(n) = number {
                    if self.case.as_ref().is_none_or(|c| c.number != n) && !self.open_case(&n) {
                        return Vec::new();
                    }
                    self.go(Screen::Case);
                    if let Some(c) = &mut self.case {
                        c.gate = true;
                    }
                }
                Vec::new()
            }
            Ok(()) => {
                self.open_form(step, number);
                Vec::new()
            }
        }
    }

    pub(crate) fn open_form(&mut self, kind: Step, number: Option<String>) {
        self.form_case = number.filter(|_| kind.needs_case());
        let case = self.form_case.clone();
        self.prepare_form_case(case.as_deref());
        // Esc kept a draft of this form for this case: reopening brings it back.
        let key = (kind, self.form_case.clone());
        if let Some(d) = self.drafts.iter().find(|d| d.key() == key).cloned() {
            self.restore(d);
            if self.form.is_some() {
                self.message = Some((Level::Info, te::DRAFT_RESTORED.get(self.lang).into()));
                return;
            }
        }
        let form = Form::new(kind, &self.form_context());
        self.form = Some(form);
    }

    fn submit_from_gate(&mut self) -> Vec<Effect> {
        let Some(c) = &self.case else {
            return Vec::new();
        };
        // Art. 10(2)–(3): the opinion goes to the committee only when nothing blocks it
        // but the delay the submit form itself explains.
        if c.derived.check.gate() == GateState::Blocked {
            return self.say(Level::Error, t::msg(Msg::SubmitRefused, self.lang));
        }
        let n = c.number.clone();
        self.open_form(Step::Submit, Some(n));
        Vec::new()
    }
}
