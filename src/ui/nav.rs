//! Moving around like lazygit and k9s: a page or to either end of any list or pane, the
//! views in turn (Tab), back to where you came from (Esc), only my cases in the queue.
//! All of it is pure state change on the [`App`]; drawing reads the result.

use crate::ui::app::{App, Screen};

/// How many screens back Esc remembers.
const HISTORY: usize = 32;

/// Rows of chrome around a list (borders, header, status, hints): a page is the rest.
const CHROME_ROWS: u16 = 8;

/// Where a move goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Move {
    By(isize),
    Page(bool),
    Top,
    Bottom,
}

impl App {
    /// Rows a page turn moves, from the terminal's last known height.
    pub fn page_rows(&self) -> usize {
        usize::from(self.size.1.saturating_sub(CHROME_ROWS)).max(1)
    }

    /// Move the selection of the list on screen, or scroll the focused case pane, clamped to
    /// what there is (the pane's end is known from its last drawing).
    pub fn move_cursor(&mut self, m: Move) {
        let page = self.page_rows() as isize;
        let target = |cur: usize, last: usize| -> usize {
            let t = match m {
                Move::By(d) => cur as isize + d,
                Move::Page(down) => cur as isize + if down { page } else { -page },
                Move::Top => 0,
                Move::Bottom => last as isize,
            };
            t.clamp(0, last as isize) as usize
        };
        match self.screen {
            Screen::Dashboard => {
                let last = self.dash.visible.len().saturating_sub(1);
                self.dash.selected = target(self.dash.selected, last);
            }
            Screen::Queue => {
                let last = self.queue.visible.len().saturating_sub(1);
                self.queue.selected = target(self.queue.selected, last);
            }
            Screen::Case => {
                if let Some(c) = &mut self.case {
                    let last = usize::from(c.max_scroll[c.pane].get());
                    let cur = usize::from(c.scroll[c.pane]).min(last);
                    c.scroll[c.pane] = target(cur, last) as u16;
                }
            }
        }
    }

    /// Show `screen`, remembering where we were for Esc.
    pub fn go(&mut self, screen: Screen) {
        if screen == self.screen {
            return;
        }
        if screen == Screen::Case && self.case.is_none() {
            return;
        }
        self.history.push(self.screen);
        if self.history.len() > HISTORY {
            self.history.remove(0);
        }
        self.screen = screen;
    }

    /// Esc on a screen: back where the user came from. Returning to the queue from a case it
    /// no longer lists drops the filter (it is stale for what the user is looking at) and
    /// selects the case; the dashboard selects the case's first row. False: nowhere to go.
    pub fn back(&mut self) -> bool {
        let from_case = self.case.as_ref().map(|c| c.number.clone());
        let Some(prev) = self.history.pop() else {
            return false;
        };
        let prev = if prev == Screen::Case && self.case.is_none() {
            Screen::Queue
        } else {
            prev
        };
        if self.screen == Screen::Case
            && let Some(n) = &from_case
        {
            match prev {
                Screen::Queue => {
                    let listed = self
                        .queue
                        .visible
                        .iter()
                        .any(|i| self.data.rows[*i].number == *n);
                    if !listed {
                        self.queue.clear(&self.data);
                    }
                    self.queue.select_number(&self.data, Some(n));
                }
                Screen::Dashboard => self.dash.select_case(&self.data, n),
                Screen::Case => {}
            }
        }
        self.screen = prev;
        true
    }

    /// Tab: the dashboard, the queue and the open case in turn (Shift-Tab backwards). In the
    /// case view Tab moves between its panes, which are the views there.
    pub fn next_view(&mut self, forward: bool) {
        let mut views = vec![Screen::Dashboard, Screen::Queue];
        if self.case.is_some() {
            views.push(Screen::Case);
        }
        let at = views.iter().position(|s| *s == self.screen).unwrap_or(0);
        let n = views.len();
        let next = if forward {
            (at + 1) % n
        } else {
            (at + n - 1) % n
        };
        self.go(views[next]);
    }
}
