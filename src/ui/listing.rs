//! The case queue's filter and sort, and the dashboard's "only mine": kept as index lists over
//! the snapshot so a keystroke touches only what it must (typing more narrows the rows already
//! shown instead of rescanning every case).

use std::cmp::Ordering;
use std::collections::{BTreeMap, HashSet};

use crate::domain::deadlines::ObligationKind;
use crate::domain::model::{Measure, Stage};
use crate::ui::data::Data;

pub const SORT_KEYS: usize = 4;

#[derive(Debug, Clone, Default)]
pub struct QueueState {
    pub filter: String,
    pub editing: bool,
    pub sort: usize,
    /// All rows in sort order.
    pub order: Vec<usize>,
    /// The rows passing the filter, in sort order.
    pub visible: Vec<usize>,
    pub selected: usize,
    pub counts: BTreeMap<Stage, usize>,
    /// Only the cases where the user has something to do or is on the team (`m`).
    pub only_mine: bool,
    /// Those cases' numbers, as of the last rebuild.
    pub mine: HashSet<String>,
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

impl QueueState {
    /// Re-sort all rows (on refresh or when the sort key changes) and re-filter.
    /// `keep`: the case number to stay on (read from the snapshot being replaced).
    pub fn rebuild(&mut self, data: &Data, keep: Option<String>) {
        let rows = &data.rows;
        let mut order: Vec<usize> = (0..rows.len()).collect();
        match self.sort {
            // Most urgent first; cases without an open deadline last.
            0 => order.sort_by(|a, b| {
                let (ra, rb) = (&rows[*a], &rows[*b]);
                (ra.next_due.is_none(), ra.next_due)
                    .cmp(&(rb.next_due.is_none(), rb.next_due))
                    .then_with(|| natural_cmp(&ra.number, &rb.number))
            }),
            1 => order.sort_by(|a, b| natural_cmp(&rows[*a].number, &rows[*b].number)),
            2 => order.sort_by(|a, b| {
                rows[*a]
                    .stage
                    .cmp(&rows[*b].stage)
                    .then_with(|| natural_cmp(&rows[*a].number, &rows[*b].number))
            }),
            _ => order.sort_by(|a, b| {
                rows[*b]
                    .received_on
                    .cmp(&rows[*a].received_on)
                    .then_with(|| natural_cmp(&rows[*a].number, &rows[*b].number))
            }),
        }
        self.mine = data
            .obligations
            .iter()
            .filter(|o| data.is_mine(&o.owner))
            .map(|o| o.case.clone())
            .chain(
                data.cases
                    .iter()
                    .filter(|r| {
                        r.case
                            .active_investigators(None)
                            .contains(&data.me.login.as_str())
                    })
                    .map(|r| r.case.number.clone()),
            )
            .collect();
        self.order = order;
        self.refilter_from(data, None);
        self.select_number(data, keep.as_deref());
    }

    fn refilter_from(&mut self, data: &Data, narrow: Option<Vec<usize>>) {
        let needle = self.filter.to_lowercase();
        let mut source = narrow.unwrap_or_else(|| self.order.clone());
        if self.only_mine {
            source.retain(|i| self.mine.contains(&data.rows[*i].number));
        }
        self.visible = if needle.is_empty() {
            source
        } else {
            data.matching(&needle, source)
        };
        self.counts = data.stage_counts(&self.visible);
        self.selected = self.selected.min(self.visible.len().saturating_sub(1));
    }

    /// Append typed text: the new filter is narrower, so only the shown rows are tested.
    pub fn push(&mut self, data: &Data, s: &str) {
        self.filter.push_str(s);
        let narrow = std::mem::take(&mut self.visible);
        self.refilter_from(data, Some(narrow));
    }

    pub fn pop(&mut self, data: &Data) {
        if self.filter.pop().is_some() {
            self.refilter_from(data, None);
        }
    }

    pub fn clear(&mut self, data: &Data) {
        self.filter.clear();
        self.refilter_from(data, None);
    }

    pub fn selected_number(&self, data: &Data) -> Option<String> {
        self.visible
            .get(self.selected)
            .and_then(|i| data.rows.get(*i))
            .map(|r| r.number.clone())
    }

    pub fn select_number(&mut self, data: &Data, number: Option<&str>) {
        if let Some(n) = number
            && let Some(pos) = self.visible.iter().position(|i| data.rows[*i].number == n)
        {
            self.selected = pos;
        }
    }
}

#[derive(Debug, Clone, Default)]
pub struct DashState {
    pub only_mine: bool,
    /// Indices into `data.obligations` shown.
    pub visible: Vec<usize>,
    pub selected: usize,
}

/// What identifies an obligation across refreshes.
pub type DashKey = (String, ObligationKind, Option<String>, Option<Measure>);

impl DashState {
    pub fn key(&self, data: &Data) -> Option<DashKey> {
        self.visible
            .get(self.selected)
            .and_then(|i| data.obligations.get(*i))
            .map(|o| (o.case.clone(), o.kind, o.person.clone(), o.measure))
    }

    /// Select the first row of case `number`, if it has one.
    pub fn select_case(&mut self, data: &Data, number: &str) {
        if let Some(pos) = self
            .visible
            .iter()
            .position(|i| data.obligations[*i].case == number)
        {
            self.selected = pos;
        }
    }

    pub fn rebuild(&mut self, data: &Data, keep: Option<DashKey>) {
        self.visible = (0..data.obligations.len())
            .filter(|i| !self.only_mine || data.is_mine(&data.obligations[*i].owner))
            .collect();
        self.selected = keep
            .and_then(|k| {
                self.visible.iter().position(|i| {
                    let o = &data.obligations[*i];
                    (o.case.clone(), o.kind, o.person.clone(), o.measure) == k
                })
            })
            .unwrap_or(self.selected)
            .min(self.visible.len().saturating_sub(1));
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
