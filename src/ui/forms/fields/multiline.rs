//! Multi-line text on ratatui-textarea. Keys are mapped to TextArea methods here (as gitui
//! does) instead of `TextArea::input`, so Esc, Tab and Ctrl-S keep their form meaning.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui_textarea::{CursorMove, TextArea, WrapMode};

#[derive(Debug, Clone)]
pub struct MultiLine {
    pub area: TextArea<'static>,
    /// Rows the editor takes in the form.
    pub height: u16,
}

/// What a key did to the editor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EditKey {
    Used,
    LeaveUp,
    LeaveDown,
    NotMine,
}

impl MultiLine {
    pub fn new(value: &str, height: u16) -> MultiLine {
        let lines: Vec<String> = value.split('\n').map(str::to_string).collect();
        let mut area = TextArea::new(lines);
        // Long Chinese transcripts wrap instead of scrolling sideways.
        area.set_wrap_mode(WrapMode::WordOrGlyph);
        area.set_cursor_line_style(ratatui::style::Style::default());
        area.move_cursor(CursorMove::Bottom);
        area.move_cursor(CursorMove::End);
        MultiLine { area, height }
    }

    pub fn value(&self) -> String {
        self.area.lines().join("\n")
    }

    pub fn insert_str(&mut self, s: &str) {
        self.area.insert_str(s);
    }

    pub fn handle_key(&mut self, key: KeyEvent) -> EditKey {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        let alt = key.modifiers.contains(KeyModifiers::ALT);
        let (row, _) = (self.area.cursor().0, self.area.cursor().1);
        let last = self.area.lines().len().saturating_sub(1);
        match key.code {
            KeyCode::Char('z') if ctrl => {
                self.area.undo();
            }
            KeyCode::Char('y') if ctrl => {
                self.area.redo();
            }
            KeyCode::Char('a') if ctrl => self.area.move_cursor(CursorMove::Head),
            KeyCode::Char('e') if ctrl => self.area.move_cursor(CursorMove::End),
            KeyCode::Char('k') if ctrl => {
                self.area.delete_line_by_end();
            }
            KeyCode::Char('u') if ctrl => {
                self.area.delete_line_by_head();
            }
            KeyCode::Char(c) if !ctrl && !alt => self.area.insert_char(c),
            KeyCode::Enter => self.area.insert_newline(),
            KeyCode::Backspace => {
                self.area.delete_char();
            }
            KeyCode::Delete => {
                self.area.delete_next_char();
            }
            KeyCode::Left => self.area.move_cursor(CursorMove::Back),
            KeyCode::Right => self.area.move_cursor(CursorMove::Forward),
            KeyCode::Home => self.area.move_cursor(CursorMove::Head),
            KeyCode::End => self.area.move_cursor(CursorMove::End),
            KeyCode::Up if row == 0 => return EditKey::LeaveUp,
            KeyCode::Down if row >= last => return EditKey::LeaveDown,
            KeyCode::Up => self.area.move_cursor(CursorMove::Up),
            KeyCode::Down => self.area.move_cursor(CursorMove::Down),
            _ => return EditKey::NotMine,
        }
        EditKey::Used
    }
}
