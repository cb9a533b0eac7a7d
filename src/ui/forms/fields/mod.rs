//! The kinds of field a form is made of. A field holds typed state only; what it means is
//! decided by the form spec that reads it (src/ui/forms/specs/).

pub mod amount;
pub mod date;
pub mod line;
pub mod multi;
pub mod multiline;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

pub use line::LineInput;
pub use multi::MultiPick;
pub use multiline::MultiLine;

/// One choice in a picker: a stable key (login, enum tag) and what the user reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Opt {
    pub key: String,
    pub label: String,
    /// Shown after the label, e.g. why a candidate is involved in the case.
    pub note: Option<String>,
}

impl Opt {
    pub fn new(key: impl Into<String>, label: impl Into<String>) -> Opt {
        Opt {
            key: key.into(),
            label: label.into(),
            note: None,
        }
    }
    pub fn note(mut self, note: Option<String>) -> Opt {
        self.note = note;
        self
    }
    /// Whether typing `filter` should keep this option (login or name, case-insensitive).
    pub fn matches(&self, filter: &str) -> bool {
        let f = filter.to_lowercase();
        f.is_empty()
            || self.key.to_lowercase().contains(&f)
            || self.label.to_lowercase().contains(&f)
    }
}

/// A single choice: ←/→ (h/l) cycle; when `filterable`, typing narrows to matching options.
#[derive(Debug, Clone)]
pub struct Pick {
    pub options: Vec<Opt>,
    pub selected: Option<usize>,
    pub filterable: bool,
    pub filter: LineInput,
}

impl Pick {
    pub fn new(options: Vec<Opt>, selected: Option<&str>, filterable: bool) -> Pick {
        let selected = selected.and_then(|k| options.iter().position(|o| o.key == k));
        Pick {
            options,
            selected,
            filterable,
            filter: LineInput::default(),
        }
    }
    pub fn key(&self) -> Option<&str> {
        self.selected
            .and_then(|i| self.options.get(i))
            .map(|o| o.key.as_str())
    }
    pub fn select_key(&mut self, key: &str) {
        if let Some(i) = self.options.iter().position(|o| o.key == key) {
            self.selected = Some(i);
        }
    }
    fn candidates(&self) -> Vec<usize> {
        (0..self.options.len())
            .filter(|&i| self.options[i].matches(&self.filter.value))
            .collect()
    }
    fn step(&mut self, forward: bool) {
        let c = self.candidates();
        if c.is_empty() {
            return;
        }
        let pos = self.selected.and_then(|s| c.iter().position(|&i| i == s));
        let next = match (pos, forward) {
            (None, true) => 0,
            (None, false) => c.len() - 1,
            (Some(p), true) => (p + 1) % c.len(),
            (Some(p), false) => (p + c.len() - 1) % c.len(),
        };
        self.selected = Some(c[next]);
    }
    pub fn handle_key(&mut self, key: KeyEvent) -> bool {
        let plain = !key
            .modifiers
            .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
        match key.code {
            KeyCode::Right | KeyCode::Char(' ') => self.step(true),
            KeyCode::Left => self.step(false),
            KeyCode::Char('l') if plain && !self.filterable => self.step(true),
            KeyCode::Char('h') if plain && !self.filterable => self.step(false),
            KeyCode::Char(_) | KeyCode::Backspace | KeyCode::Delete if self.filterable => {
                if !self.filter.handle_key(key) {
                    return false;
                }
                // Typing jumps to the first match, so "zh" + Tab picks 赵敏 straight away.
                if let Some(&first) = self.candidates().first() {
                    self.selected = Some(first);
                }
            }
            _ => return false,
        }
        true
    }
}

/// When a field is shown (and validated): depends on another field's current value.
#[derive(Debug, Clone)]
pub enum Cond {
    Yes(&'static str),
    No(&'static str),
    PickIn(&'static str, Vec<String>),
    PickNotIn(&'static str, Vec<String>),
    /// Every condition holds (a sub-question of a sub-question).
    All(Vec<Cond>),
}

#[derive(Debug, Clone)]
pub enum FieldKind {
    Text(LineInput),
    Date(LineInput),
    YesNo(bool),
    Pick(Pick),
    Multi(MultiPick),
    MultiLine(Box<MultiLine>),
    /// Not drawn; carries state the spec needs back at submit (and in drafts).
    Hidden(serde_json::Value),
}

#[derive(Debug, Clone)]
pub struct Field {
    pub id: &'static str,
    pub label: String,
    /// Shown under a focused field: what the answer means.
    pub help: Option<String>,
    pub kind: FieldKind,
    pub show_if: Option<Cond>,
    pub error: Option<String>,
    /// This field begins a section of the form, titled so (PgDn/PgUp jump between them).
    pub section: Option<String>,
    /// The form opens here (when shown) rather than on its first field: everything before
    /// it is filled from the record, so the first key goes where the person's input is due.
    pub start: bool,
}

impl Field {
    pub fn new(id: &'static str, label: impl Into<String>, kind: FieldKind) -> Field {
        Field {
            id,
            label: label.into(),
            help: None,
            kind,
            show_if: None,
            error: None,
            section: None,
            start: false,
        }
    }
    /// Open the form on this field when it is shown (see [`Field::start`]).
    pub fn start_here(mut self) -> Field {
        self.start = true;
        self
    }
    pub fn section(mut self, title: impl Into<String>) -> Field {
        self.section = Some(title.into());
        self
    }
    pub fn help(mut self, help: impl Into<String>) -> Field {
        self.help = Some(help.into());
        self
    }
    pub fn show_if(mut self, cond: Cond) -> Field {
        self.show_if = Some(cond);
        self
    }
    pub fn is_hidden_kind(&self) -> bool {
        matches!(self.kind, FieldKind::Hidden(_))
    }
}

/// Constructors that keep the specs short.
pub fn text(id: &'static str, label: impl Into<String>, value: &str) -> Field {
    Field::new(id, label, FieldKind::Text(LineInput::new(value)))
}
pub fn date(id: &'static str, label: impl Into<String>, value: &str) -> Field {
    Field::new(id, label, FieldKind::Date(LineInput::new(value)))
}
pub fn yes_no(id: &'static str, label: impl Into<String>, value: bool) -> Field {
    Field::new(id, label, FieldKind::YesNo(value))
}
pub fn pick(
    id: &'static str,
    label: impl Into<String>,
    options: Vec<Opt>,
    selected: Option<&str>,
) -> Field {
    Field::new(
        id,
        label,
        FieldKind::Pick(Pick::new(options, selected, false)),
    )
}
pub fn people_pick(
    id: &'static str,
    label: impl Into<String>,
    options: Vec<Opt>,
    selected: Option<&str>,
) -> Field {
    Field::new(
        id,
        label,
        FieldKind::Pick(Pick::new(options, selected, true)),
    )
}
pub fn multi(
    id: &'static str,
    label: impl Into<String>,
    options: Vec<Opt>,
    checked: &[String],
    filterable: bool,
) -> Field {
    Field::new(
        id,
        label,
        FieldKind::Multi(MultiPick::new(options, checked, filterable)),
    )
}
pub fn multiline(id: &'static str, label: impl Into<String>, value: &str, height: u16) -> Field {
    Field::new(
        id,
        label,
        FieldKind::MultiLine(Box::new(MultiLine::new(value, height))),
    )
}
