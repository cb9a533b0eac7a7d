//! Several choices: a list with a cursor, Space toggles. People lists can be narrowed by
//! typing (login or name); fixed checklists (Art. 6 items, Art. 11 measures) use j/k too.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::{LineInput, Opt};

#[derive(Debug, Clone)]
pub struct MultiPick {
    pub options: Vec<Opt>,
    pub checked: Vec<bool>,
    /// Index into `visible()`.
    pub cursor: usize,
    pub filterable: bool,
    pub filter: LineInput,
}

/// What a key did to the list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MultiKey {
    Used,
    /// Up on the first row / Down on the last: the form moves focus.
    LeaveUp,
    LeaveDown,
    NotMine,
}

impl MultiPick {
    pub fn new(options: Vec<Opt>, checked: &[String], filterable: bool) -> MultiPick {
        let checked = options.iter().map(|o| checked.contains(&o.key)).collect();
        MultiPick {
            options,
            checked,
            cursor: 0,
            filterable,
            filter: LineInput::default(),
        }
    }

    /// Indices of the options the filter keeps.
    pub fn visible(&self) -> Vec<usize> {
        (0..self.options.len())
            .filter(|&i| self.options[i].matches(&self.filter.value))
            .collect()
    }

    pub fn keys(&self) -> Vec<String> {
        self.options
            .iter()
            .zip(&self.checked)
            .filter(|(_, c)| **c)
            .map(|(o, _)| o.key.clone())
            .collect()
    }

    pub fn set_keys(&mut self, keys: &[String]) {
        for (o, c) in self.options.iter().zip(self.checked.iter_mut()) {
            *c = keys.contains(&o.key);
        }
    }

    pub fn handle_key(&mut self, key: KeyEvent) -> MultiKey {
        let plain = !key
            .modifiers
            .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
        let n = self.visible().len();
        let down = matches!(key.code, KeyCode::Down)
            || (plain && !self.filterable && key.code == KeyCode::Char('j'));
        let up = matches!(key.code, KeyCode::Up)
            || (plain && !self.filterable && key.code == KeyCode::Char('k'));
        if down {
            if self.cursor + 1 >= n {
                return MultiKey::LeaveDown;
            }
            self.cursor += 1;
            return MultiKey::Used;
        }
        if up {
            if self.cursor == 0 {
                return MultiKey::LeaveUp;
            }
            self.cursor -= 1;
            return MultiKey::Used;
        }
        match key.code {
            KeyCode::Char(' ') => {
                if let Some(&i) = self.visible().get(self.cursor) {
                    self.checked[i] = !self.checked[i];
                }
                MultiKey::Used
            }
            KeyCode::Char(_)
            | KeyCode::Backspace
            | KeyCode::Delete
            | KeyCode::Left
            | KeyCode::Right
            | KeyCode::Home
            | KeyCode::End
                if self.filterable =>
            {
                if self.filter.handle_key(key) {
                    self.cursor = 0;
                    MultiKey::Used
                } else {
                    MultiKey::NotMine
                }
            }
            _ => MultiKey::NotMine,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(c: KeyCode) -> KeyEvent {
        KeyEvent::new(c, KeyModifiers::NONE)
    }

    #[test]
    fn typing_filters_by_login_or_name_and_space_toggles_the_row() {
        let mut m = MultiPick::new(
            vec![Opt::new("wangl", "王磊"), Opt::new("zhaom", "赵敏")],
            &[],
            true,
        );
        for c in "赵".chars() {
            m.handle_key(key(KeyCode::Char(c)));
        }
        assert_eq!(m.visible(), vec![1]);
        m.handle_key(key(KeyCode::Char(' ')));
        assert_eq!(m.keys(), vec!["zhaom".to_string()]);
        m.handle_key(key(KeyCode::Backspace));
        for c in "WANG".chars() {
            m.handle_key(key(KeyCode::Char(c)));
        }
        assert_eq!(m.visible(), vec![0]);
        assert_eq!(m.handle_key(key(KeyCode::Down)), MultiKey::LeaveDown);
        assert_eq!(m.handle_key(key(KeyCode::Up)), MultiKey::LeaveUp);
    }
}
