//! Moving around like lazygit and k9s: a page or to either end of any list or pane, the
//! views in turn (Tab), back to where you came from (Esc), only my cases in the queue.
//! All of it is pure state change on the [`App`]; drawing reads the result.

use serde_json::{Map, Value, json};

use crate::domain::deadlines::Obligation;
use crate::domain::step::Step;
use crate::i18n::ui as t;
use crate::ui::app::{App, Effect, Level, Screen};
use crate::ui::listing::Step as ListStep;
use crate::ui::perms;

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
        // A list moves within its page; near the page's edge, or to either end, the backend
        // is asked for the page around the selection (one small read).
        let step = match m {
            Move::By(d) => ListStep::By(d),
            Move::Page(down) => ListStep::By(if down { page } else { -page }),
            Move::Top => ListStep::Top,
            Move::Bottom => ListStep::Bottom,
        };
        let (paging, today) = (self.paging(), self.today);
        let src = std::rc::Rc::clone(&self.data.src);
        let r = match self.screen {
            Screen::Dashboard => {
                let mine = self.dash.only_mine;
                self.dash.list.step(
                    step,
                    paging,
                    |r| crate::workflow::listing::ObligationKey::of(&r.obligation),
                    |at, limit| src.borrow().dash_page(today, mine, at, limit),
                )
            }
            Screen::Queue => {
                let q = self.queue.query();
                self.queue.list.step(
                    step,
                    paging,
                    |r| r.number.clone(),
                    |at, limit| src.borrow().queue_page(&q, at, limit, today),
                )
            }
            Screen::Case => {
                if let Some(c) = &mut self.case {
                    let last = usize::from(c.max_scroll[c.pane].get());
                    let cur = usize::from(c.scroll[c.pane]).min(last);
                    c.scroll[c.pane] = target(cur, last) as u16;
                }
                Ok(())
            }
        };
        if let Err(e) = r {
            self.read_failed(e);
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
                    if !self.queue.select_number(n) {
                        // Not on the page: the filter hid it, or it lies beyond the page.
                        // Ask the page around it (without the filter if that hid it).
                        let keep = Some(n.clone());
                        self.requery(keep.clone());
                        if !self.queue.select_number(n) && !self.queue.filter.is_empty() {
                            self.queue.filter.clear();
                            self.requery(keep);
                            self.queue.select_number(n);
                        }
                    }
                }
                // The row the user left from stays selected (a case has several rows).
                Screen::Dashboard => {
                    if self.dash.key().is_none_or(|k| k.case != *n) {
                        self.dash.select_case(n)
                    }
                }
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

    /// Enter on a deadline row: open its case (Esc comes back here), and when this user may
    /// take the step that closes the obligation, that step's form on top, aimed at the row's
    /// person, measure or appeal. Otherwise the case stays open with the step and its owner
    /// named, so nobody is sent to a form they cannot submit.
    pub(crate) fn open_row(&mut self) -> Vec<Effect> {
        let Some(o) = self.dash.current().map(|r| r.obligation.clone()) else {
            return Vec::new();
        };
        if !self.open_case(&o.case) {
            return Vec::new();
        }
        let step = o.step();
        let Some(case) = self.case.as_ref().map(|c| &c.derived.record.case) else {
            return Vec::new();
        };
        let allowed = perms::permit(step, &self.data.me, Some(case), &self.data.dir, self.lang);
        if allowed.is_err() {
            let owner = self.owner_name(&o.owner);
            self.message = Some((Level::Info, t::row_step(step, &owner, self.lang)));
            return Vec::new();
        }
        let values = row_values(&o, case);
        let had_draft = self
            .drafts
            .iter()
            .any(|d| d.key() == (step, Some(o.case.clone())));
        let fx = self.step(step, self.lang);
        if !had_draft
            && let Some(values) = values
            && let Some(f) = self.form.as_mut().filter(|f| f.kind() == step)
        {
            f.set_values(&values);
        }
        fx
    }

    /// A row's owner in words: a role's name, else the person's.
    pub(crate) fn owner_name(&self, owner: &str) -> String {
        match crate::domain::model::Role::ALL
            .iter()
            .find(|r| r.as_str() == owner)
        {
            Some(r) => t::role(*r, self.lang).to_string(),
            None => self.data.dir.name(owner).to_string(),
        }
    }
}

/// The form values that aim a step at one row: the sanction's person and measure, the
/// review or appeal of the row's person.
fn row_values(o: &Obligation, case: &crate::domain::model::Case) -> Option<Map<String, Value>> {
    let mut m = Map::new();
    match o.step() {
        Step::ApplySanction => {
            let key = format!("{}|{}", o.person.as_deref()?, o.measure?.as_str());
            m.insert("item".into(), json!(key));
        }
        Step::DecideAppeal => {
            let kind = match o.kind {
                crate::domain::deadlines::ObligationKind::ReviewDecision => {
                    crate::domain::model::AppealKind::Review
                }
                _ => crate::domain::model::AppealKind::Appeal,
            };
            let i = case.appeals.iter().position(|a| {
                a.decided_on.is_none() && a.kind == kind && Some(&a.person) == o.person.as_ref()
            })?;
            m.insert("appeal".into(), json!(i.to_string()));
        }
        _ => return None,
    }
    Some(m)
}
