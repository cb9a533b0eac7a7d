//! The case queue and the deadline dashboard, one page each (issue 10: load what a screen
//! shows). Each holds the rows around its selection, asked from the backend
//! (`Backend::queue_page` / `dash_page`), and its counts; moving past the page's edge, a
//! typed filter, a sort or "only mine" asks again. Nothing here grows with the number of
//! cases.

use std::cmp::Ordering;

use chrono::NaiveDate;

use crate::ui::backend::Backend;
use crate::workflow::WorkflowError;
use crate::workflow::listing::{
    Anchor, DashRow, ListCounts, ObligationKey, Page, QueueQuery, QueueRow, QueueSort,
};

pub const SORT_KEYS: usize = QueueSort::ALL.len();

/// Rows a page holds, and how close to its edge the selection may come before the page is
/// asked again around it: a few screens, whatever the number of cases.
#[derive(Debug, Clone, Copy)]
pub struct Paging {
    pub limit: usize,
    pub margin: usize,
}

impl Paging {
    /// For a list `rows` tall on screen.
    pub fn for_height(rows: usize) -> Paging {
        let margin = rows.max(40) + 1;
        Paging {
            limit: margin * 5,
            margin,
        }
    }
}

/// A page of a list and the selection in it.
#[derive(Debug, Clone)]
pub struct Paged<T> {
    pub page: Page<T>,
    /// Index into `page.rows`.
    pub selected: usize,
    pub counts: ListCounts,
    /// Must be asked again before it is shown (a refresh, a changed query).
    pub stale: bool,
}

impl<T> Default for Paged<T> {
    fn default() -> Self {
        Paged {
            page: Page::default(),
            selected: 0,
            counts: ListCounts::default(),
            stale: true,
        }
    }
}

/// Where a move goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    By(isize),
    Top,
    Bottom,
}

impl<T> Paged<T> {
    pub fn rows(&self) -> &[T] {
        &self.page.rows
    }

    pub fn current(&self) -> Option<&T> {
        self.page.rows.get(self.selected)
    }

    /// Take `page`, selecting its anchored row, else the row at `fallback` (clamped).
    fn take(&mut self, page: Page<T>, fallback: usize) {
        self.selected = page
            .anchor
            .unwrap_or(fallback)
            .min(page.rows.len().saturating_sub(1));
        self.page = page;
        self.stale = false;
    }

    /// Move the selection; `ask` reads a page at an anchor (one small read, only when the
    /// selection comes near an edge of the page with more rows beyond it, or goes to an
    /// end of the list).
    pub fn step<K>(
        &mut self,
        step: Step,
        paging: Paging,
        key: impl Fn(&T) -> K,
        ask: impl FnOnce(&Anchor<K>, usize) -> Result<Page<T>, WorkflowError>,
    ) -> Result<(), WorkflowError> {
        let len = self.page.rows.len();
        match step {
            Step::Top => {
                if self.page.more_before {
                    let p = ask(&Anchor::First, paging.limit)?;
                    self.take(p, 0);
                }
                self.selected = 0;
            }
            Step::Bottom => {
                if self.page.more_after {
                    let p = ask(&Anchor::Last, paging.limit)?;
                    let last = p.rows.len().saturating_sub(1);
                    self.take(p, last);
                }
                self.selected = self.page.rows.len().saturating_sub(1);
            }
            Step::By(d) => {
                if len == 0 {
                    return Ok(());
                }
                let target = (self.selected as isize + d).clamp(0, len as isize - 1) as usize;
                self.selected = target;
                let near_top = target < paging.margin && self.page.more_before;
                let near_end = target + paging.margin >= len && self.page.more_after;
                if near_top || near_end {
                    let k = key(&self.page.rows[target]);
                    let p = ask(&Anchor::At(k), paging.limit)?;
                    self.take(p, 0);
                }
            }
        }
        Ok(())
    }
}

/// The queue: its query, the page around the selection, the counts.
#[derive(Debug, Clone, Default)]
pub struct QueueState {
    pub filter: String,
    pub editing: bool,
    /// Index into [`QueueSort::ALL`].
    pub sort: usize,
    /// Only the cases where the user has something to do or is on the team (`m`).
    pub only_mine: bool,
    pub list: Paged<QueueRow>,
}

impl QueueState {
    pub fn query(&self) -> QueueQuery {
        QueueQuery {
            sort: QueueSort::ALL[self.sort % SORT_KEYS],
            filter: self.filter.to_lowercase(),
            only_mine: self.only_mine,
        }
    }

    pub fn selected_number(&self) -> Option<String> {
        self.list.current().map(|r| r.number.clone())
    }

    /// Ask the page holding `keep` (else the first page) and the counts: two small reads.
    pub fn fetch(
        &mut self,
        b: &dyn Backend,
        today: NaiveDate,
        paging: Paging,
        keep: Option<String>,
    ) -> Result<(), WorkflowError> {
        let q = self.query();
        let at = keep.map_or(Anchor::First, Anchor::At);
        let page = b.queue_page(&q, &at, paging.limit, today)?;
        self.list.counts = b.queue_counts(&q, today)?;
        self.list.take(page, 0);
        Ok(())
    }

    /// The typed filter changed: the first page of the new query (the selection goes to
    /// the top, as a search does).
    pub fn refilter(
        &mut self,
        b: &dyn Backend,
        today: NaiveDate,
        paging: Paging,
    ) -> Result<(), WorkflowError> {
        self.fetch(b, today, paging, None)
    }

    /// Whether the page on hand lists `number`.
    pub fn lists(&self, number: &str) -> bool {
        self.list.rows().iter().any(|r| r.number == number)
    }

    pub fn select_number(&mut self, number: &str) -> bool {
        match self.list.rows().iter().position(|r| r.number == number) {
            Some(i) => {
                self.list.selected = i;
                true
            }
            None => false,
        }
    }
}

/// The dashboard: "only mine", the page around the selection, the counts.
#[derive(Debug, Clone, Default)]
pub struct DashState {
    pub only_mine: bool,
    pub list: Paged<DashRow>,
}

impl DashState {
    pub fn key(&self) -> Option<ObligationKey> {
        self.list
            .current()
            .map(|r| ObligationKey::of(&r.obligation))
    }

    pub fn current(&self) -> Option<&DashRow> {
        self.list.current()
    }

    /// Ask the page holding `keep` (else the first page) and the counts.
    pub fn fetch(
        &mut self,
        b: &dyn Backend,
        today: NaiveDate,
        paging: Paging,
        keep: Option<ObligationKey>,
    ) -> Result<(), WorkflowError> {
        let at = keep.map_or(Anchor::First, Anchor::At);
        let page = b.dash_page(today, self.only_mine, &at, paging.limit)?;
        self.list.counts = b.dash_counts(today, self.only_mine)?;
        self.list.take(page, 0);
        Ok(())
    }

    /// Select the first row of case `number` on the page, if it has one.
    pub fn select_case(&mut self, number: &str) {
        if let Some(i) = self
            .list
            .rows()
            .iter()
            .position(|r| r.obligation.case == number)
        {
            self.list.selected = i;
        }
    }
}

/// Case numbers in natural order: the digits as numbers, so 〔2026〕2号 comes before
/// 〔2026〕10号 (a plain string comparison puts "10" first).
pub fn natural_cmp(a: &str, b: &str) -> Ordering {
    let mut x = a.chars().peekable();
    let mut y = b.chars().peekable();
    loop {
        match (x.peek().copied(), y.peek().copied()) {
            (None, None) => return Ordering::Equal,
            (None, Some(_)) => return Ordering::Less,
            (Some(_), None) => return Ordering::Greater,
            (Some(c), Some(d)) if c.is_ascii_digit() && d.is_ascii_digit() => {
                let mut n = String::new();
                while let Some(c) = x.next_if(char::is_ascii_digit) {
                    n.push(c);
                }
                let mut m = String::new();
                while let Some(d) = y.next_if(char::is_ascii_digit) {
                    m.push(d);
                }
                let (n, m) = (n.trim_start_matches('0'), m.trim_start_matches('0'));
                let ord = n.len().cmp(&m.len()).then_with(|| n.cmp(m));
                if ord != Ordering::Equal {
                    return ord;
                }
            }
            (Some(c), Some(d)) => {
                if c != d {
                    return c.cmp(&d);
                }
                x.next();
                y.next();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_numbers_sort_by_their_numbers() {
        let mut v = vec![
            "卧应急责〔2026〕10号",
            "卧应急责〔2026〕1号",
            "卧应急责〔2025〕12号",
            "卧应急责〔2026〕2号",
            "卧应急责〔2026〕02号",
        ];
        v.sort_by(|a, b| natural_cmp(a, b));
        assert_eq!(
            v,
            [
                "卧应急责〔2025〕12号",
                "卧应急责〔2026〕1号",
                "卧应急责〔2026〕2号",
                "卧应急责〔2026〕02号",
                "卧应急责〔2026〕10号",
            ]
        );
    }
}
