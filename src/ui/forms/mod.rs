//! TEMP forms stub — the forms helper (branch `tuiforms`) owns this file; its version replaces
//! this one at merge. Only the contract's names (TUI-CONTRACT.md), with minimal bodies.

use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::{Position, Rect};
use ratatui::widgets::{Block, Borders, Paragraph};

use crate::domain::Directory;
use crate::domain::calendar::Calendar;
use crate::domain::model::Person;
use crate::i18n::Lang;
use crate::ui::theme::Theme;
use crate::workflow::{CaseRecord, Command};

/// Which workflow step a form performs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FormKind {
    Intake,
    Accept,
    Reject,
    Notify,
    AppointTeam,
    Recuse,
    AddRelation,
    AddEvidence,
    RecordInterview,
    InterestedPartiesNote,
    Findings,
    Deliberate,
    Submit,
    Decide,
    ApplySanction,
    FileAppeal,
    AcceptAppeal,
    DecideAppeal,
    Close,
}

/// Everything a form may read to prefill and validate itself.
pub struct FormContext<'a> {
    pub lang: Lang,
    pub today: NaiveDate,
    pub me: &'a Person,
    pub dir: &'a Directory,
    pub case: Option<&'a CaseRecord>,
    pub cal: &'a Calendar,
}

pub enum FormOutcome {
    Continue,
    Cancel,
    Submit(Command),
}

pub struct Form {
    kind: FormKind,
    error: Option<String>,
}

impl Form {
    pub fn new(kind: FormKind, _ctx: &FormContext) -> Form {
        Form { kind, error: None }
    }
    pub fn kind(&self) -> FormKind {
        self.kind
    }
    pub fn title(&self, _lang: Lang) -> String {
        format!("{:?}", self.kind)
    }
    pub fn handle_key(&mut self, key: KeyEvent, _ctx: &FormContext) -> FormOutcome {
        match key.code {
            KeyCode::Esc => FormOutcome::Cancel,
            _ => FormOutcome::Continue,
        }
    }
    pub fn handle_paste(&mut self, _text: &str) {}
    pub fn draw(
        &self,
        frame: &mut Frame,
        area: Rect,
        _ctx: &FormContext,
        theme: &Theme,
    ) -> Option<Position> {
        let block = Block::default()
            .borders(Borders::ALL)
            .border_set(theme.border_set())
            .title(format!("{:?}", self.kind));
        let inner = block.inner(area);
        let text = self.error.clone().unwrap_or_default();
        frame.render_widget(Paragraph::new(text).block(block), area);
        (inner.width > 0 && inner.height > 0).then(|| Position::new(inner.x, inner.y))
    }
    pub fn set_error(&mut self, message: String) {
        self.error = Some(message);
    }
    pub fn draft(&self) -> serde_json::Value {
        serde_json::Value::Null
    }
    pub fn from_draft(
        kind: FormKind,
        _draft: &serde_json::Value,
        ctx: &FormContext,
    ) -> Option<Form> {
        Some(Form::new(kind, ctx))
    }
}
