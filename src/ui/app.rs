//! The workbench's state and its pure `update`: an event in, effects out, no IO. The runtime
//! performs the effects against a backend and feeds the results back as events.

use chrono::NaiveDate;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, MouseEvent};
use serde_json::json;

use crate::domain::check::GateState;
use crate::i18n::Lang;
use crate::i18n::edits as te;
use crate::i18n::ui::{self as t, Msg};
use crate::store::AuditEntry;
use crate::ui::data::{CaseDerived, Data};
use crate::ui::detail::{DetailView, Extra, RecordList};
use crate::ui::edits::ConflictView;
use crate::ui::forms::{Form, FormContext, FormOutcome, Step};
use crate::ui::keymap::{Action, Keymap};
use crate::ui::listing::{DashState, QueueState, SORT_KEYS};
use crate::ui::nav::Move;
use crate::ui::palette::Mode as PaletteMode;
use crate::ui::perms;
use crate::ui::theme::Theme;
use crate::workflow::{Applied, Command};

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
        app.dash.rebuild(&app.data, None);
        app.queue.rebuild(&app.data, None);
        app
    }

    /// The case the workflow keys act on: the open one, else the queue's selection.
    pub fn current_case(&self) -> Option<usize> {
        match (&self.case, self.screen) {
            (Some(c), Screen::Case) => Some(c.derived.idx),
            (_, Screen::Queue) => self
                .queue
                .selected_number(&self.data)
                .and_then(|n| self.data.case_index(&n)),
            (_, Screen::Dashboard) => self
                .dash
                .key(&self.data)
                .and_then(|k| self.data.case_index(&k.0)),
            _ => None,
        }
    }

    pub fn form_context(&self) -> FormContext<'_> {
        let case = self
            .form_case
            .as_deref()
            .and_then(|n| self.data.case_index(n))
            .map(|i| &self.data.cases[i]);
        FormContext {
            lang: self.lang,
            today: self.today,
            me: &self.data.me,
            dir: &self.data.dir,
            case,
            cal: &self.data.cal,
            priors: &self.data.priors,
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

    pub(crate) fn open_case(&mut self, number: &str) {
        if let Some(idx) = self.data.case_index(number) {
            let derived = CaseDerived::compute(&self.data, idx, self.today, self.lang);
            self.case = Some(CaseState {
                number: number.to_string(),
                pane: 0,
                scroll: [0; 4],
                max_scroll: Default::default(),
                gate: false,
                derived,
            });
            self.go(Screen::Case);
        }
    }

    fn apply_data(&mut self, data: Data) {
        let dkeep = self.dash.key(&self.data);
        let qkeep = self.queue.selected_number(&self.data);
        self.data = data;
        self.dash.rebuild(&self.data, dkeep);
        self.queue.rebuild(&self.data, qkeep);
        self.recompute_open_case();
    }

    /// What a fresh snapshot settles: a save refused as stale, or someone else's change
    /// under an open form.
    fn after_refresh(&mut self) -> Vec<Effect> {
        match self.pending_conflict.take() {
            Some(history) => self.resolve_conflict(history),
            None => {
                self.warn_if_changed_meanwhile();
                Vec::new()
            }
        }
    }

    /// Recompute the open case from the snapshot: never show a stale verdict.
    fn recompute_open_case(&mut self) {
        if let Some(cs) = &mut self.case {
            match self.data.case_index(&cs.number) {
                Some(idx) => {
                    cs.derived = CaseDerived::compute(&self.data, idx, self.today, self.lang)
                }
                None => {
                    self.case = None;
                    if self.screen == Screen::Case {
                        self.screen = Screen::Queue;
                    }
                }
            }
        }
    }

    pub fn update(&mut self, ev: Event) -> Vec<Effect> {
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
                let dkeep = self.dash.key(&self.data);
                let qkeep = self.queue.selected_number(&self.data);
                let r = *r;
                self.data.absorb(r.changes, r.dir, r.version, self.today);
                self.dash.rebuild(&self.data, dkeep);
                self.queue.rebuild(&self.data, qkeep);
                self.recompute_open_case();
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
                    self.queue.push(&self.data, &clean);
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
                    self.queue.push(&self.data, c.encode_utf8(&mut [0; 4]));
                    return Vec::new();
                }
                KeyCode::Backspace => {
                    self.queue.pop(&self.data);
                    return Vec::new();
                }
                KeyCode::Enter => {
                    self.queue.editing = false;
                    return Vec::new();
                }
                KeyCode::Esc => {
                    self.queue.editing = false;
                    self.queue.clear(&self.data);
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

    pub(crate) fn restore(&mut self, d: Draft) {
        let form = {
            let mut ctx = self.form_context();
            ctx.case = d
                .case
                .as_deref()
                .and_then(|n| self.data.case_index(n))
                .map(|i| &self.data.cases[i]);
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
                Screen::Queue if !self.queue.filter.is_empty() => self.queue.clear(&self.data),
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
                let keep = self.queue.selected_number(&self.data);
                self.queue.rebuild(&self.data, keep);
            }
            Action::OnlyMine if self.screen == Screen::Dashboard => {
                self.dash.only_mine = !self.dash.only_mine;
                self.dash.rebuild(&self.data, None);
            }
            Action::OnlyMine if self.screen == Screen::Queue => {
                self.queue.only_mine = !self.queue.only_mine;
                let keep = self.queue.selected_number(&self.data);
                self.queue.rebuild(&self.data, keep);
            }
            Action::Sort | Action::OnlyMine => {}
            Action::Open => match self.screen {
                // A deadline row's action: its case, at the step that closes it.
                Screen::Dashboard => return self.open_row(),
                Screen::Queue => {
                    if let Some(i) = self.current_case() {
                        let n = self.data.cases[i].case.number.clone();
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
        let idx = self.current_case();
        let case = idx.map(|i| &self.data.cases[i].case);
        match perms::permit(step, &self.data.me, case, &self.data.dir, lang) {
            Err(why) => self.say(Level::Error, why),
            // Submission first passes through the gate screen listing every blocker.
            Ok(()) if step == Step::Submit => {
                if let Some(i) = idx {
                    let n = self.data.cases[i].case.number.clone();
                    if self.case.as_ref().is_none_or(|c| c.number != n) {
                        self.open_case(&n);
                    }
                    self.go(Screen::Case);
                    if let Some(c) = &mut self.case {
                        c.gate = true;
                    }
                }
                Vec::new()
            }
            Ok(()) => {
                self.open_form(step, idx);
                Vec::new()
            }
        }
    }

    pub(crate) fn open_form(&mut self, kind: Step, idx: Option<usize>) {
        self.form_case = idx
            .filter(|_| kind.needs_case())
            .map(|i| self.data.cases[i].case.number.clone());
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
        let idx = c.derived.idx;
        self.open_form(Step::Submit, Some(idx));
        Vec::new()
    }
}
