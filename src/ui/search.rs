//! The workbench's full-text search (`F`): type, see matching records across every case
//! you may open with the match highlighted, Enter reads the record. The search itself runs
//! in the backend (`Backend::search`, FTS5); this is its state and keys.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::store::SearchHit;
use crate::ui::app::{App, Effect};
use crate::ui::detail::Record;

/// How many matches one search lists.
pub const LIMIT: usize = 100;

#[derive(Debug, Clone, Default)]
pub struct SearchState {
    pub query: String,
    /// The matches for `answered` (which may lag `query` by a keystroke).
    pub hits: Vec<SearchHit>,
    pub answered: String,
    pub selected: usize,
}

/// The record a hit is in; the case's own texts open the record list.
pub fn record_of(hit: &SearchHit) -> Option<Record> {
    let i = usize::try_from(hit.ord).ok()?;
    Some(match hit.kind.as_str() {
        "interview" => Record::Interview(i),
        "evidence" => Record::Evidence(i),
        "sanction" => Record::Sanction(i),
        "appeal" => Record::Appeal(i),
        "deliberation" => Record::Deliberation,
        "decision" => Record::Decision,
        _ => return None,
    })
}

impl App {
    pub(crate) fn open_search(&mut self) {
        self.search = Some(SearchState::default());
    }

    pub(crate) fn search_key(&mut self, k: KeyEvent) -> Vec<Effect> {
        let Some(s) = &mut self.search else {
            return Vec::new();
        };
        let n = s.hits.len();
        match k.code {
            KeyCode::Esc => self.search = None,
            KeyCode::Down => s.selected = (s.selected + 1).min(n.saturating_sub(1)),
            KeyCode::Up => s.selected = s.selected.saturating_sub(1),
            KeyCode::PageDown => s.selected = (s.selected + 10).min(n.saturating_sub(1)),
            KeyCode::PageUp => s.selected = s.selected.saturating_sub(10),
            KeyCode::Backspace => {
                s.query.pop();
                return vec![Effect::Search(s.query.clone())];
            }
            KeyCode::Char(c) if !k.modifiers.contains(KeyModifiers::CONTROL) => {
                s.query.push(c);
                return vec![Effect::Search(s.query.clone())];
            }
            KeyCode::Enter => {
                let Some(hit) = s.hits.get(s.selected).cloned() else {
                    return Vec::new();
                };
                self.search = None;
                return self.go_to_hit(&hit);
            }
            _ => {}
        }
        Vec::new()
    }

    /// Open the hit's case, and its record when the hit is in one.
    fn go_to_hit(&mut self, hit: &SearchHit) -> Vec<Effect> {
        if !self.open_case(&hit.case) {
            return Vec::new();
        }
        match record_of(hit) {
            Some(r) => {
                let mut fx = self.open_records();
                if let Some(list) = &mut self.records
                    && let Some(at) = list.items.iter().position(|x| *x == r)
                {
                    list.selected = at;
                }
                fx.extend(self.open_detail(&hit.case, r));
                fx
            }
            None => Vec::new(),
        }
    }

    /// The backend's answer for `query`; a stale answer (the user typed on) is dropped.
    pub(crate) fn search_results(&mut self, query: String, hits: Vec<SearchHit>) {
        if let Some(s) = &mut self.search
            && s.query == query
        {
            s.hits = hits;
            s.answered = query;
            s.selected = 0;
        }
    }
}
