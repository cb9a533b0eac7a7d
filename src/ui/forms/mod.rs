//! Forms: every procedural step of the regulation done from the keyboard. A form is a list of
//! typed fields (fields/), declared and turned into a [`Command`] by its spec (specs/), and
//! drawn by draw.rs. Forms never touch the database: they read a [`FormContext`] the app
//! builds from its snapshot and hand back a command for the workflow to execute.

pub mod answers;
mod draw;
pub mod fields;
mod specs;

use std::cell::Cell;

use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::{Position, Rect};
use serde_json::{Value, json};

use crate::domain::Directory;
use crate::domain::Person;
use crate::domain::calendar::Calendar;
use crate::i18n::Lang;
use crate::i18n::forms as t;
use crate::ui::theme::Theme;
use crate::workflow::{CaseRecord, Command};

use fields::multi::MultiKey;
use fields::multiline::EditKey;
use fields::{Cond, Field, FieldKind};

pub use answers::{Answer, Start};
pub use fields::amount::parse_amount;
pub use fields::date::parse_date;

pub use crate::domain::step::Step;

/// A form's title, as its window shows it.
pub fn title_of(kind: Step, lang: Lang) -> String {
    crate::i18n::labels::step_title(kind, lang).to_string()
}

/// Everything a form may read to prefill and validate itself. Built by the app from its
/// snapshot; forms never touch the database.
pub struct FormContext<'a> {
    pub lang: Lang,
    pub today: chrono::NaiveDate,
    pub me: &'a Person,
    pub dir: &'a Directory,
    /// None for Intake / AddRelation.
    pub case: Option<&'a CaseRecord>,
    pub cal: &'a Calendar,
    /// Art. 8(3) for the form's case (counted by the backend), for the Decide form's
    /// suggestions: the same as the liability panel's.
    pub priors: crate::domain::liability::Priors<'a>,
}

// The shape is fixed by TUI-CONTRACT.md; an outcome is returned once per key, not stored.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq)]
pub enum FormOutcome {
    Continue,
    Cancel,
    Submit(Command),
}

/// Field errors from a spec: which field, what is wrong.
pub(crate) type FieldErrors = Vec<(&'static str, String)>;

pub struct Form {
    kind: Step,
    fields: Vec<Field>,
    focus: usize,
    /// First virtual row drawn; draw() moves it to keep the focused field in view.
    scroll: Cell<u16>,
    error: Option<String>,
    /// What the form started from: the case's version and the answers it showed. A
    /// replacing edit is submitted against this version, never a newer one the live
    /// refresh brought in, so someone else's change in between is a conflict to resolve.
    start: Start,
}

impl Form {
    pub fn new(kind: Step, ctx: &FormContext) -> Form {
        let mut form = Form {
            kind,
            fields: specs::fields(kind, ctx),
            focus: 0,
            scroll: Cell::new(0),
            error: None,
            start: Start::default(),
        };
        form.focus = form.start_field().unwrap_or(0);
        form.start = Start {
            version: ctx.case.map(|r| r.version),
            values: form.values(),
        };
        form
    }

    pub fn kind(&self) -> Step {
        self.kind
    }

    pub fn title(&self, lang: Lang) -> String {
        crate::i18n::labels::step_title(self.kind, lang).to_string()
    }

    /// The error shown at a field, if any (for tests and the app's status line).
    pub fn field_error(&self, id: &str) -> Option<&str> {
        self.field(id).and_then(|f| f.error.as_deref())
    }

    /// Whether the focused field takes typed text (then `?` is text, and only F1 is help).
    pub fn takes_text(&self) -> bool {
        match self.fields.get(self.focus).map(|f| &f.kind) {
            Some(FieldKind::Text(_) | FieldKind::Date(_) | FieldKind::MultiLine(_)) => true,
            Some(FieldKind::Pick(p)) => p.filterable,
            Some(FieldKind::Multi(m)) => m.filterable,
            _ => false,
        }
    }

    /// The id of the focused field.
    pub fn focused(&self) -> &'static str {
        self.fields.get(self.focus).map_or("", |f| f.id)
    }

    pub fn handle_key(&mut self, key: KeyEvent, ctx: &FormContext) -> FormOutcome {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        match key.code {
            // Esc never asks and never loses anything: the app keeps the draft.
            KeyCode::Esc => return FormOutcome::Cancel,
            KeyCode::Char('s') if ctrl => return self.submit(ctx),
            KeyCode::Tab => {
                self.move_focus(true, ctx);
                return FormOutcome::Continue;
            }
            KeyCode::BackTab => {
                self.move_focus(false, ctx);
                return FormOutcome::Continue;
            }
            KeyCode::PageDown | KeyCode::PageUp => {
                self.jump_section(key.code == KeyCode::PageDown, ctx);
                return FormOutcome::Continue;
            }
            _ => {}
        }
        let is_multiline = matches!(
            self.fields.get(self.focus).map(|f| &f.kind),
            Some(FieldKind::MultiLine(_))
        );
        if key.code == KeyCode::Enter && !is_multiline {
            if self.is_last_focusable() {
                return self.submit(ctx);
            }
            self.move_focus(true, ctx);
            return FormOutcome::Continue;
        }
        let Some(field) = self.fields.get_mut(self.focus) else {
            return FormOutcome::Continue;
        };
        let plain = !key
            .modifiers
            .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
        let nav_down = |k: &KeyEvent| k.code == KeyCode::Down;
        let nav_up = |k: &KeyEvent| k.code == KeyCode::Up;
        // vi keys move between fields only where they cannot be text.
        let vi_down = |k: &KeyEvent| plain && k.code == KeyCode::Char('j');
        let vi_up = |k: &KeyEvent| plain && k.code == KeyCode::Char('k');
        let mut movement: Option<bool> = None;
        let used = match &mut field.kind {
            FieldKind::Text(l) | FieldKind::Date(l) => {
                let used = l.handle_key(key);
                if !used && nav_down(&key) {
                    movement = Some(true);
                } else if !used && nav_up(&key) {
                    movement = Some(false);
                }
                used
            }
            FieldKind::YesNo(v) => match key.code {
                KeyCode::Char('y') | KeyCode::Char('Y') | KeyCode::Char('是') => {
                    *v = true;
                    true
                }
                KeyCode::Char('n') | KeyCode::Char('N') | KeyCode::Char('否') => {
                    *v = false;
                    true
                }
                KeyCode::Char(' ') | KeyCode::Left | KeyCode::Right => {
                    *v = !*v;
                    true
                }
                KeyCode::Char('h') | KeyCode::Char('l') if plain => {
                    *v = !*v;
                    true
                }
                _ => {
                    if nav_down(&key) || vi_down(&key) {
                        movement = Some(true);
                    } else if nav_up(&key) || vi_up(&key) {
                        movement = Some(false);
                    }
                    false
                }
            },
            FieldKind::Pick(p) => {
                let filterable = p.filterable;
                let used = p.handle_key(key);
                if !used {
                    if nav_down(&key) || (!filterable && vi_down(&key)) {
                        movement = Some(true);
                    } else if nav_up(&key) || (!filterable && vi_up(&key)) {
                        movement = Some(false);
                    }
                }
                used
            }
            FieldKind::Multi(m) => match m.handle_key(key) {
                MultiKey::Used => true,
                MultiKey::LeaveDown => {
                    movement = Some(true);
                    false
                }
                MultiKey::LeaveUp => {
                    movement = Some(false);
                    false
                }
                MultiKey::NotMine => false,
            },
            FieldKind::MultiLine(m) => match m.handle_key(key) {
                EditKey::Used => true,
                EditKey::LeaveDown => {
                    movement = Some(true);
                    false
                }
                EditKey::LeaveUp => {
                    movement = Some(false);
                    false
                }
                EditKey::NotMine => false,
            },
            FieldKind::Hidden(_) => false,
        };
        if used {
            field.error = None;
        }
        if let Some(forward) = movement {
            self.move_focus(forward, ctx);
        }
        FormOutcome::Continue
    }

    /// Bracketed paste goes into the focused field; newlines survive only in multi-line text.
    pub fn handle_paste(&mut self, text: &str) {
        let Some(field) = self.fields.get_mut(self.focus) else {
            return;
        };
        let normalized = text.replace("\r\n", "\n").replace('\r', "\n");
        let clean = |keep_newlines: bool| -> String {
            let mut out = String::new();
            for c in normalized.chars() {
                match c {
                    '\n' if keep_newlines => out.push('\n'),
                    '\n' | '\t' => out.push(' '),
                    c if c.is_control() => {}
                    c => out.push(c),
                }
            }
            out
        };
        match &mut field.kind {
            FieldKind::Text(l) | FieldKind::Date(l) => l.insert_str(&clean(false)),
            FieldKind::MultiLine(m) => m.insert_str(&clean(true)),
            FieldKind::Pick(p) if p.filterable => p.filter.insert_str(clean(false).trim()),
            FieldKind::Multi(m) if m.filterable => m.filter.insert_str(clean(false).trim()),
            _ => return,
        }
        field.error = None;
    }

    /// Draw inside `area`; returns the terminal cursor position to place (for input methods).
    pub fn draw(
        &self,
        frame: &mut Frame,
        area: Rect,
        ctx: &FormContext,
        theme: &Theme,
    ) -> Option<Position> {
        draw::draw(self, frame, area, ctx, theme)
    }

    /// Show an error from the workflow (e.g. a version conflict) without losing typed text.
    pub fn set_error(&mut self, message: String) {
        self.error = Some(message);
    }

    /// What was typed, as JSON: `{"form": KIND, "focus": ID, "fields": {ID: VALUE},
    /// "start": {"version": N, "values": {ID: VALUE}}}`.
    pub fn draft(&self) -> Value {
        json!({
            "form": format!("{:?}", self.kind),
            "focus": self.focused(),
            "fields": self.values(),
            "start": self.start.to_json(),
        })
    }

    /// Every field's current value by id (what a draft keeps).
    pub fn values(&self) -> Value {
        let mut values = serde_json::Map::new();
        for f in &self.fields {
            let v = match &f.kind {
                FieldKind::Text(l) | FieldKind::Date(l) => json!(l.value),
                FieldKind::YesNo(b) => json!(b),
                FieldKind::Pick(p) => json!(p.key()),
                FieldKind::Multi(m) => json!(m.keys()),
                FieldKind::MultiLine(m) => json!(m.value()),
                FieldKind::Hidden(v) => v.clone(),
            };
            values.insert(f.id.to_string(), v);
        }
        Value::Object(values)
    }

    /// Restore a draft over a fresh form; None if the draft is for another form or malformed.
    /// Values that no longer fit (a login no longer offered) are dropped, not guessed.
    pub fn from_draft(kind: Step, draft: &Value, ctx: &FormContext) -> Option<Form> {
        if draft.get("form")?.as_str()? != format!("{kind:?}") {
            return None;
        }
        let values = draft.get("fields")?.as_object()?;
        let mut form = Form::new(kind, ctx);
        // A draft keeps the version it started from: reopened after someone else's save,
        // it still conflicts instead of silently replacing their answers.
        if let Some(start) = draft.get("start").and_then(Start::from_json) {
            form.start = start;
        }
        form.set_values(values);
        if let Some(focus) = draft.get("focus").and_then(Value::as_str)
            && let Some(i) = form.fields.iter().position(|f| f.id == focus)
            && form.focusable(i)
        {
            form.focus = i;
        }
        Some(form)
    }

    /// Put `values` (by field id) into the fields; values that no longer fit are dropped.
    pub fn set_values(&mut self, values: &serde_json::Map<String, Value>) {
        for f in &mut self.fields {
            let Some(v) = values.get(f.id) else { continue };
            match &mut f.kind {
                FieldKind::Text(l) | FieldKind::Date(l) => {
                    if let Some(s) = v.as_str() {
                        *l = fields::LineInput::new(s);
                    }
                }
                FieldKind::YesNo(b) => {
                    if let Some(x) = v.as_bool() {
                        *b = x;
                    }
                }
                FieldKind::Pick(p) => match v.as_str() {
                    Some(k) => p.select_key(k),
                    None => p.selected = None,
                },
                FieldKind::Multi(m) => {
                    if let Some(a) = v.as_array() {
                        let keys: Vec<String> = a
                            .iter()
                            .filter_map(|x| x.as_str().map(String::from))
                            .collect();
                        m.set_keys(&keys);
                    }
                }
                FieldKind::MultiLine(m) => {
                    if let Some(s) = v.as_str() {
                        **m = fields::MultiLine::new(s, m.height);
                    }
                }
                FieldKind::Hidden(h) => *h = v.clone(),
            }
        }
    }

    /// What the form started from.
    pub fn start(&self) -> &Start {
        &self.start
    }

    /// Base the form on a newer version (after the user chose how to resolve a conflict).
    pub fn rebase(&mut self, start: Start) {
        self.start = start;
    }

    /// Submit as Ctrl-S does: the command, or the form stays open with its errors.
    pub fn try_submit(&mut self, ctx: &FormContext) -> FormOutcome {
        self.submit(ctx)
    }

    // ---- internals shared with specs and draw ----

    fn submit(&mut self, ctx: &FormContext) -> FormOutcome {
        for f in &mut self.fields {
            f.error = None;
        }
        match specs::build(self.kind, self, ctx) {
            Ok(cmd) => {
                self.error = None;
                FormOutcome::Submit(cmd)
            }
            Err(errors) => {
                let mut first = None;
                for (id, msg) in &errors {
                    if let Some(i) = self.fields.iter().position(|f| f.id == *id) {
                        self.fields[i].error = Some(msg.clone());
                        if first.is_none() && self.focusable(i) {
                            first = Some(i);
                        }
                    } else {
                        // An error about the form as a whole (no field of that id).
                        self.error = Some(msg.clone());
                    }
                }
                if let Some(i) = first {
                    self.focus = i;
                    self.error = Some(t::FIX_FIELDS.get(ctx.lang).to_string());
                }
                FormOutcome::Continue
            }
        }
    }

    /// Leaving a field checks it at once (dates, amounts, file paths), so a mistake is named
    /// where it was made; an empty required field is only reported at submit.
    fn check_left_field(&mut self, index: usize, ctx: &FormContext) {
        let Some(id) = self.fields.get(index).map(|f| f.id) else {
            return;
        };
        let errors = specs::build(self.kind, self, ctx).err().unwrap_or_default();
        let required = t::REQUIRED.get(ctx.lang);
        let msg = errors
            .into_iter()
            .find(|(i, m)| *i == id && m != required)
            .map(|(_, m)| m);
        if let Some(f) = self.fields.get_mut(index) {
            f.error = msg;
        }
    }

    fn move_focus(&mut self, forward: bool, ctx: &FormContext) {
        let n = self.fields.len();
        let mut i = self.focus;
        for _ in 0..n {
            i = if forward {
                (i + 1) % n
            } else {
                (i + n - 1) % n
            };
            if self.focusable(i) {
                let left = self.focus;
                self.focus = i;
                self.check_left_field(left, ctx);
                return;
            }
        }
    }

    /// PgDn / PgUp: to the first field of the next section, or of this one (or the previous
    /// one when already at its start); a form without sections goes to its last or first field.
    fn jump_section(&mut self, forward: bool, ctx: &FormContext) {
        let starts: Vec<usize> = (0..self.fields.len())
            .filter(|&i| self.focusable(i) && self.fields[i].section.is_some())
            .collect();
        let target = if forward {
            starts
                .iter()
                .copied()
                .find(|&i| i > self.focus)
                .or_else(|| (0..self.fields.len()).rev().find(|&i| self.focusable(i)))
        } else {
            starts
                .iter()
                .copied()
                .rev()
                .find(|&i| i < self.focus)
                .or_else(|| self.first_focusable())
        };
        if let Some(i) = target
            && i != self.focus
        {
            let left = self.focus;
            self.focus = i;
            self.check_left_field(left, ctx);
        }
    }

    /// Where a new form opens: the first shown field its spec marked as the place input is
    /// due (the fields before it are filled from the record), else the first field.
    fn start_field(&self) -> Option<usize> {
        (0..self.fields.len())
            .find(|&i| self.fields[i].start && self.focusable(i))
            .or_else(|| self.first_focusable())
    }

    fn first_focusable(&self) -> Option<usize> {
        (0..self.fields.len()).find(|&i| self.focusable(i))
    }

    fn is_last_focusable(&self) -> bool {
        !(self.focus + 1..self.fields.len()).any(|i| self.focusable(i))
    }

    fn focusable(&self, i: usize) -> bool {
        self.fields
            .get(i)
            .is_some_and(|f| !f.is_hidden_kind() && self.shown(f))
    }

    fn shown(&self, f: &Field) -> bool {
        f.show_if.as_ref().is_none_or(|c| self.holds(c))
    }

    fn holds(&self, cond: &Cond) -> bool {
        match cond {
            Cond::Yes(id) => self.yes(id),
            Cond::No(id) => !self.yes(id),
            Cond::PickIn(id, keys) => self.pick(id).is_some_and(|k| keys.contains(&k)),
            Cond::PickNotIn(id, keys) => !self.pick(id).is_some_and(|k| keys.contains(&k)),
            Cond::All(all) => all.iter().all(|c| self.holds(c)),
        }
    }

    fn field(&self, id: &str) -> Option<&Field> {
        self.fields.iter().find(|f| f.id == id)
    }

    /// Whether the field exists and is currently shown (hidden fields are not validated).
    pub(crate) fn is_shown(&self, id: &str) -> bool {
        self.field(id).is_some_and(|f| self.shown(f))
    }

    pub(crate) fn text(&self, id: &str) -> String {
        match self.field(id).map(|f| &f.kind) {
            Some(FieldKind::Text(l) | FieldKind::Date(l)) => l.value.trim().to_string(),
            Some(FieldKind::MultiLine(m)) => m.value().trim_end().to_string(),
            _ => String::new(),
        }
    }

    pub(crate) fn yes(&self, id: &str) -> bool {
        matches!(
            self.field(id).map(|f| &f.kind),
            Some(FieldKind::YesNo(true))
        )
    }

    pub(crate) fn pick(&self, id: &str) -> Option<String> {
        match self.field(id).map(|f| &f.kind) {
            Some(FieldKind::Pick(p)) => p.key().map(String::from),
            _ => None,
        }
    }

    pub(crate) fn multi(&self, id: &str) -> Vec<String> {
        match self.field(id).map(|f| &f.kind) {
            Some(FieldKind::Multi(m)) => m.keys(),
            _ => Vec::new(),
        }
    }

    pub(crate) fn hidden(&self, id: &str) -> Value {
        match self.field(id).map(|f| &f.kind) {
            Some(FieldKind::Hidden(v)) => v.clone(),
            _ => Value::Null,
        }
    }
}
