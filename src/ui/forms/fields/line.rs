//! A single-line text editor: a String and a cursor counted in chars, so that Chinese text is
//! edited one character at a time and the cursor is placed by display width.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use unicode_width::UnicodeWidthStr;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LineInput {
    pub value: String,
    /// Cursor position in chars (0..=value.chars().count()).
    pub cursor: usize,
}

impl LineInput {
    pub fn new(value: impl Into<String>) -> LineInput {
        let value = value.into();
        let cursor = value.chars().count();
        LineInput { value, cursor }
    }

    fn byte_at(&self, char_idx: usize) -> usize {
        self.value
            .char_indices()
            .nth(char_idx)
            .map_or(self.value.len(), |(b, _)| b)
    }

    pub fn insert_str(&mut self, s: &str) {
        let at = self.byte_at(self.cursor);
        self.value.insert_str(at, s);
        self.cursor += s.chars().count();
    }

    /// Display width of the text before the cursor: where the terminal cursor goes.
    pub fn cursor_width(&self) -> usize {
        UnicodeWidthStr::width(&self.value[..self.byte_at(self.cursor)])
    }

    /// Apply an editing key; false when the key is not an editing key (the form handles it).
    pub fn handle_key(&mut self, key: KeyEvent) -> bool {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        match key.code {
            KeyCode::Char('a') if ctrl => self.cursor = 0,
            KeyCode::Char('e') if ctrl => self.cursor = self.value.chars().count(),
            KeyCode::Char('u') if ctrl => {
                let at = self.byte_at(self.cursor);
                self.value.replace_range(..at, "");
                self.cursor = 0;
            }
            KeyCode::Char('k') if ctrl => {
                let at = self.byte_at(self.cursor);
                self.value.truncate(at);
            }
            KeyCode::Char(c)
                if !ctrl && !key.modifiers.contains(KeyModifiers::ALT) && !c.is_control() =>
            {
                let mut b = [0u8; 4];
                self.insert_str(c.encode_utf8(&mut b));
            }
            KeyCode::Backspace if self.cursor > 0 => {
                self.cursor -= 1;
                let at = self.byte_at(self.cursor);
                self.value.remove(at);
            }
            KeyCode::Delete if self.cursor < self.value.chars().count() => {
                let at = self.byte_at(self.cursor);
                self.value.remove(at);
            }
            KeyCode::Backspace | KeyCode::Delete => {}
            KeyCode::Left => self.cursor = self.cursor.saturating_sub(1),
            KeyCode::Right => self.cursor = (self.cursor + 1).min(self.value.chars().count()),
            KeyCode::Home => self.cursor = 0,
            KeyCode::End => self.cursor = self.value.chars().count(),
            _ => return false,
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    #[test]
    fn edits_chinese_by_character_and_measures_by_width() {
        let mut l = LineInput::new("孙强");
        assert_eq!(l.cursor_width(), 4);
        l.handle_key(key(KeyCode::Left));
        assert_eq!(l.cursor_width(), 2);
        l.handle_key(key(KeyCode::Char('a')));
        assert_eq!(l.value, "孙a强");
        assert_eq!(l.cursor_width(), 3);
        l.handle_key(key(KeyCode::Backspace));
        l.handle_key(key(KeyCode::Backspace));
        assert_eq!(l.value, "强");
        assert_eq!(l.cursor, 0);
        l.handle_key(key(KeyCode::Delete));
        assert_eq!(l.value, "");
        assert!(!l.handle_key(key(KeyCode::Tab)));
    }
}
