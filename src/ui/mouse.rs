//! The mouse (issue 8), offered and never required: a click selects a row of the dashboard or
//! the queue (a click on the row already selected opens it, as Enter does) or focuses a pane
//! of the case view; the wheel scrolls the list, the pane under the pointer, or whatever
//! reader or list is open on top. Forms stay keyboard-only (a click must never move a
//! half-typed answer). `--no-mouse` or `CULPA_NO_MOUSE=1` leaves the mouse to the terminal
//! (its own selection and copy), and the runtime then never asks for mouse reports.
//!
//! A click means what was drawn: drawing records where the list rows and panes were
//! ([`Hits`]), and this reads that record instead of laying the screen out a second time.

use ratatui::crossterm::event::{
    KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};
use ratatui::layout::{Position, Rect};

use crate::ui::app::{App, Effect, Event, Screen};
use crate::ui::keymap::Action;
use crate::ui::nav::Move;

/// Rows one notch of the wheel moves.
pub const WHEEL_ROWS: usize = 3;

/// Where the last frame drew what a click can reach.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Hits {
    /// The dashboard's or the queue's rows: their area and the index (into the rows of the
    /// page on hand) of the first one shown.
    pub list: Option<(Rect, usize)>,
    /// The case view's panes on screen: area and pane index.
    pub panes: Vec<(Rect, usize)>,
}

/// `CULPA_NO_MOUSE` set to anything but empty or `0` turns the mouse off (as `--no-mouse`).
pub fn disabled_by_env(env: impl Fn(&str) -> Option<String>) -> bool {
    env("CULPA_NO_MOUSE").is_some_and(|v| !v.is_empty() && v != "0")
}

/// What the wheel and a left click do; everything else (moves, drags, releases, other
/// buttons) is dropped before it reaches the app, so it costs no redraw.
pub fn wanted(m: &MouseEvent) -> bool {
    matches!(
        m.kind,
        MouseEventKind::Down(MouseButton::Left)
            | MouseEventKind::ScrollDown
            | MouseEventKind::ScrollUp
    )
}

impl App {
    pub(crate) fn mouse(&mut self, m: MouseEvent) -> Vec<Effect> {
        let wheel = match m.kind {
            MouseEventKind::ScrollDown => Some(1isize),
            MouseEventKind::ScrollUp => Some(-1),
            _ => None,
        };
        let at = Position::new(m.column, m.row);
        // A form, a confirmation, the draft offer and the help take no mouse: their keys say
        // what happens, and a stray click must not answer for the user.
        if self.form.is_some() || self.confirm.is_some() || self.draft_offer.is_some() || self.help
        {
            return Vec::new();
        }
        // A reader or list on top: the wheel is its Up/Down (it scrolls or moves the
        // selection there, clamped by the same code as the keys).
        let overlay = self.conflict.is_some()
            || self.drafts_list.is_some()
            || self.detail.is_some()
            || self.search.is_some()
            || self.records.is_some()
            || self.palette.is_some();
        if overlay {
            let Some(dir) = wheel else {
                return Vec::new();
            };
            let code = if dir > 0 { KeyCode::Down } else { KeyCode::Up };
            let mut out = Vec::new();
            for _ in 0..WHEEL_ROWS {
                out.extend(self.update(Event::Key(KeyEvent::new(code, KeyModifiers::NONE))));
            }
            return out;
        }
        let hits = self.hits.borrow().clone();
        match self.screen {
            Screen::Dashboard | Screen::Queue => {
                if let Some(dir) = wheel {
                    self.move_cursor(Move::By(dir * WHEEL_ROWS as isize));
                    return Vec::new();
                }
                let Some((area, first)) = hits.list.filter(|(r, _)| r.contains(at)) else {
                    return Vec::new();
                };
                let pos = first + usize::from(at.y - area.y);
                let (len, selected) = match self.screen {
                    Screen::Dashboard => {
                        (self.dash.list.rows().len(), &mut self.dash.list.selected)
                    }
                    _ => (self.queue.list.rows().len(), &mut self.queue.list.selected),
                };
                if pos >= len {
                    return Vec::new();
                }
                if *selected == pos {
                    return self.run_action(Action::Open);
                }
                *selected = pos;
                Vec::new()
            }
            Screen::Case => {
                let Some(c) = &mut self.case else {
                    return Vec::new();
                };
                if c.gate {
                    return Vec::new();
                }
                let under = hits.panes.iter().find(|(r, _)| r.contains(at)).map(|p| p.1);
                match wheel {
                    Some(dir) => {
                        let i = under.unwrap_or(c.pane);
                        let max = c.max_scroll[i].get();
                        let rows = WHEEL_ROWS as u16;
                        let cur = c.scroll[i].min(max);
                        c.scroll[i] = if dir > 0 {
                            cur.saturating_add(rows).min(max)
                        } else {
                            cur.saturating_sub(rows)
                        };
                    }
                    None => {
                        if let Some(i) = under {
                            c.pane = i;
                        }
                    }
                }
                Vec::new()
            }
        }
    }
}
