//! The command palette (`:` or Ctrl-P) and the jump to a case (`#`): a line to type in, and
//! the actions allowed right now — or the cases — that match it, as in k9s and lazygit.
//! Pure state; `draw/palette.rs` shows it.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::ui::app::{App, Effect, Screen};
use crate::ui::keymap::Action;
use crate::ui::perms;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Actions, and cases whose number matches what is typed.
    Commands,
    /// Cases only.
    Jump,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Palette {
    pub mode: Mode,
    pub input: String,
    pub selected: usize,
    /// The cases listed for `input` (number, title), asked when it changes.
    pub cases: Vec<(String, String)>,
}

/// One line of the palette.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Entry {
    Do(Action),
    Open(String),
}

/// The moving actions the palette offers (the steps come from the permissions).
const OFFERED: [Action; 10] = [
    Action::Dashboard,
    Action::Queue,
    Action::CaseView,
    Action::Filter,
    Action::Sort,
    Action::OnlyMine,
    Action::Drafts,
    Action::Search,
    Action::Help,
    Action::Quit,
];

/// At most this many cases are listed for what is typed.
const MAX_CASES: usize = 50;

/// The serial of a case number: `卧应急责〔2026〕7号` → 7.
fn serial(number: &str) -> Option<u64> {
    // The last run of digits (the year in 〔2026〕 comes before it).
    let end = number.rfind(|c: char| c.is_ascii_digit())? + 1;
    let start = number[..end]
        .rfind(|c: char| !c.is_ascii_digit())
        .map_or(0, |i| {
            i + number[i..].chars().next().map_or(1, char::len_utf8)
        });
    number[start..end].parse().ok()
}

impl App {
    pub fn open_palette(&mut self, mode: Mode) {
        self.palette = Some(Palette {
            mode,
            input: String::new(),
            selected: 0,
            cases: Vec::new(),
        });
        self.palette_cases();
    }

    /// Ask the cases for what is typed (issue 10: the store's filter, never a walk of
    /// every case): those whose serial is the number typed first, then those whose number,
    /// title or respondents hold the text, by number; at most [`MAX_CASES`].
    fn palette_cases(&mut self) {
        let Some(p) = &self.palette else {
            return;
        };
        let needle = p.input.trim().to_lowercase();
        let wants = p.mode == Mode::Jump || needle.chars().any(|c| c.is_ascii_digit());
        if !wants {
            if let Some(p) = &mut self.palette {
                p.cases.clear();
            }
            return;
        }
        let number: Option<u64> = needle.trim_start_matches('#').parse().ok();
        let q = |filter: String| crate::workflow::listing::QueueQuery {
            sort: crate::workflow::listing::QueueSort::Number,
            filter,
            only_mine: false,
        };
        let first = crate::workflow::listing::Anchor::First;
        let today = self.today;
        let src = std::rc::Rc::clone(&self.data.src);
        let b = src.borrow();
        let read = || -> Result<Vec<(String, String)>, crate::workflow::WorkflowError> {
            let mut exact = Vec::new();
            let mut partial = Vec::new();
            if let Some(n) = number {
                // A serial typed: the bureau's numbers end in 〔year〕serial号, so the cases
                // of that serial in every year come first (a second small read).
                let page = b.queue_page(&q(format!("〕{n}号")), &first, MAX_CASES, today)?;
                exact.extend(
                    (page.rows.into_iter())
                        .filter(|r| serial(&r.number) == Some(n))
                        .map(|r| (r.number, r.title)),
                );
            }
            let text = needle.trim_start_matches('#').to_string();
            let page = b.queue_page(&q(text), &first, MAX_CASES, today)?;
            for r in page.rows {
                if !exact.iter().any(|(n, _)| *n == r.number) {
                    partial.push((r.number, r.title));
                }
            }
            exact.extend(partial);
            exact.truncate(MAX_CASES);
            Ok(exact)
        };
        let r = read();
        drop(b);
        match r {
            Ok(cases) => {
                if let Some(p) = &mut self.palette {
                    p.cases = cases;
                }
            }
            Err(e) => self.read_failed(e),
        }
    }

    /// What the palette lists for what has been typed: (entry, label, key).
    pub fn palette_entries(&self) -> Vec<(Entry, String, String)> {
        let Some(p) = &self.palette else {
            return Vec::new();
        };
        let needle = p.input.trim().to_lowercase();
        let mut out = Vec::new();
        if p.mode == Mode::Commands {
            let case = self.current_case().map(|r| &r.case);
            let steps = perms::offered(&self.data.me, case, &self.data.dir)
                .into_iter()
                .map(Action::Step);
            for a in steps.chain(OFFERED) {
                if a == Action::CaseView && self.case.is_none() {
                    continue;
                }
                let label = a.describe(self.lang).to_string();
                let key = self.keymap.hint(a);
                let hit = needle.is_empty()
                    || label.to_lowercase().contains(&needle)
                    || a.name().contains(&needle)
                    || key == needle;
                if hit {
                    out.push((Entry::Do(a), label, key));
                }
            }
        }
        for (number, title) in &p.cases {
            out.push((
                Entry::Open(number.clone()),
                format!("{number} {title}"),
                String::new(),
            ));
        }
        out
    }

    /// A key while the palette is open.
    pub(crate) fn palette_key(&mut self, k: KeyEvent) -> Vec<Effect> {
        let Some(p) = &mut self.palette else {
            return Vec::new();
        };
        let ctrl = k.modifiers.contains(KeyModifiers::CONTROL);
        match k.code {
            KeyCode::Esc => self.palette = None,
            KeyCode::Enter => {
                let selected = p.selected;
                let chosen = self.palette_entries().into_iter().nth(selected);
                self.palette = None;
                match chosen {
                    Some((Entry::Do(a), _, _)) => return self.run_action(a),
                    Some((Entry::Open(n), _, _)) => self.jump_to(&n),
                    None => {}
                }
            }
            KeyCode::Up => p.selected = p.selected.saturating_sub(1),
            KeyCode::Char('p') if ctrl => p.selected = p.selected.saturating_sub(1),
            KeyCode::Down | KeyCode::Tab => p.selected += 1,
            KeyCode::Char('n') if ctrl => p.selected += 1,
            KeyCode::Backspace => {
                p.input.pop();
                p.selected = 0;
                self.palette_cases();
            }
            KeyCode::Char(c) if !ctrl => {
                p.input.push(c);
                p.selected = 0;
                self.palette_cases();
            }
            _ => {}
        }
        let n = self.palette_entries().len();
        if let Some(p) = &mut self.palette {
            p.selected = p.selected.min(n.saturating_sub(1));
        }
        Vec::new()
    }

    /// Pasted text goes into the palette's line.
    pub(crate) fn palette_paste(&mut self, text: &str) {
        if let Some(p) = &mut self.palette {
            p.input.extend(text.chars().filter(|c| !c.is_control()));
            p.selected = 0;
            self.palette_cases();
        }
    }

    /// Open the case `number`, from wherever the user is (Esc comes back here).
    pub fn jump_to(&mut self, number: &str) {
        let from = self.screen;
        if self.open_case(number) {
            self.screen = from;
            self.go(Screen::Case);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serials_are_read_from_case_numbers() {
        assert_eq!(serial("卧应急责〔2026〕7号"), Some(7));
        assert_eq!(serial("卧应急责〔2026〕12号"), Some(12));
        assert_eq!(serial("E-2026-3"), Some(3));
        assert_eq!(serial("无号"), None);
    }
}
