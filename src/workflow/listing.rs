//! The two long lists of the workbench, the case queue and the deadline dashboard, asked for
//! a page at a time (issue 10: load what a screen shows). A database answers from its
//! indexes (`store::queue`, the obligation projection); this module holds the shared shapes
//! and the reference answer, computed from whole cases in memory, that every backend must
//! give (the in-memory bundle viewer uses it, and the property tests compare the store's
//! answer with it).

use std::cmp::Ordering;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::domain::Directory;
use crate::domain::deadlines::{Obligation, ObligationKind, case_number_order};
use crate::domain::model::{Case, Login, Measure, Person, Role, Stage};

/// The queue's orders, cycled by `s`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum QueueSort {
    /// Most urgent first (the earliest open due date); cases with none last.
    #[default]
    Urgency,
    /// By case number, digits as numbers.
    Number,
    /// By stage, in the workflow's order, then by number.
    Stage,
    /// Most recently received first, then by number.
    Received,
}

impl QueueSort {
    pub const ALL: [QueueSort; 4] = [
        QueueSort::Urgency,
        QueueSort::Number,
        QueueSort::Stage,
        QueueSort::Received,
    ];
}

/// What the queue shows: its order, the typed filter and "only mine".
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct QueueQuery {
    pub sort: QueueSort,
    /// Matched, lowercased, as a substring of the case's number, title, respondents' names
    /// and logins, and stage keyword. Empty: every case.
    pub filter: String,
    /// Only the cases where the actor owns an open obligation (by login or by a role they
    /// hold) or is an un-recused investigator.
    pub only_mine: bool,
}

/// One line of the queue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueueRow {
    pub number: String,
    pub title: String,
    pub stage: Stage,
    /// Logins, in the case's order (the screen shows their names).
    pub respondents: Vec<Login>,
    /// The earliest due date among the case's open obligations.
    pub next_due: Option<NaiveDate>,
    pub received_on: NaiveDate,
}

/// What identifies an obligation across refreshes (the dashboard's anchor).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ObligationKey {
    pub case: String,
    pub kind: ObligationKind,
    pub person: Option<Login>,
    pub measure: Option<Measure>,
}

impl ObligationKey {
    pub fn of(o: &Obligation) -> ObligationKey {
        ObligationKey {
            case: o.case.clone(),
            kind: o.kind,
            person: o.person.clone(),
            measure: o.measure,
        }
    }
}

/// One line of the dashboard: an open obligation and its case's title.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DashRow {
    pub obligation: Obligation,
    pub title: String,
}

/// Where a page is taken, by the key of a row (a case number in the queue, an
/// [`ObligationKey`] on the dashboard).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Anchor<K> {
    /// The first `limit` rows.
    First,
    /// The last `limit` rows.
    Last,
    /// Up to `limit` rows after this one (not including it).
    After(K),
    /// Up to `limit` rows before this one (not including it), in list order.
    Before(K),
    /// A page holding this row, with up to `limit / 2` rows before it; if the row is not in
    /// the list (any more), the first page.
    At(K),
}

/// A slice of a list, in list order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Page<T> {
    pub rows: Vec<T>,
    /// Where the anchored row is in `rows` (for [`Anchor::At`], if it was found).
    pub anchor: Option<usize>,
    /// Rows exist before the first / after the last of `rows`.
    pub more_before: bool,
    pub more_after: bool,
}

impl<T> Default for Page<T> {
    fn default() -> Self {
        Page {
            rows: Vec::new(),
            anchor: None,
            more_before: false,
            more_after: false,
        }
    }
}

/// How many rows a list has.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ListCounts {
    /// Every row the actor may see, with no filter and not only theirs.
    pub all: u64,
    /// The rows of this query. None: too many to count at keystroke speed (the list is
    /// still paged whole); the screen says "many".
    pub shown: Option<u64>,
    /// The queue's rows of this query per stage, stages in the workflow's order and only
    /// those present (empty when `shown` is None, and on the dashboard).
    pub stages: Vec<(Stage, u64)>,
}

/// Does this owner (a login or a role's name) mean `me`?
pub fn is_mine(me: &Person, owner: &str) -> bool {
    owner == me.login || Role::ALL.iter().any(|r| r.as_str() == owner && me.has(*r))
}

/// The queue's row of a case, with its next due date among `obligations`.
pub fn queue_row(c: &Case, obligations: &[Obligation]) -> QueueRow {
    QueueRow {
        number: c.number.clone(),
        title: c.title.clone(),
        stage: c.stage,
        respondents: c.respondents.clone(),
        next_due: obligations
            .iter()
            .filter(|o| o.case == c.number)
            .map(|o| o.due)
            .min(),
        received_on: c.received_on,
    }
}

/// The text the filter is matched in: number, title, respondents' names, their logins and
/// the stage keyword, lowercased, fields apart by U+0001 (which no typed filter holds).
pub fn filter_text(row: &QueueRow, dir: &Directory) -> String {
    let names: Vec<&str> = row.respondents.iter().map(|l| dir.name(l)).collect();
    format!(
        "{}\u{1}{}\u{1}{}\u{1}{}\u{1}{}",
        row.number,
        row.title,
        names.join("、"),
        row.respondents.join(" "),
        row.stage.as_str()
    )
    .to_lowercase()
}

/// The queue's order.
pub fn queue_order(sort: QueueSort, a: &QueueRow, b: &QueueRow) -> Ordering {
    let by_number = || case_number_order(&a.number, &b.number);
    match sort {
        QueueSort::Urgency => (a.next_due.is_none(), a.next_due)
            .cmp(&(b.next_due.is_none(), b.next_due))
            .then_with(by_number),
        QueueSort::Number => by_number(),
        QueueSort::Stage => a.stage.cmp(&b.stage).then_with(by_number),
        QueueSort::Received => b.received_on.cmp(&a.received_on).then_with(by_number),
    }
}

/// The reference answer: every row of `q` over these cases (those the actor may open) and
/// their open obligations (most urgent first), in order.
pub fn queue_rows(
    cases: &[&Case],
    obligations: &[Obligation],
    dir: &Directory,
    me: &Person,
    q: &QueueQuery,
) -> Vec<QueueRow> {
    let needle = q.filter.to_lowercase();
    let mut rows: Vec<QueueRow> = cases
        .iter()
        .filter(|c| {
            !q.only_mine
                || c.active_investigators(None).contains(&me.login.as_str())
                || obligations
                    .iter()
                    .any(|o| o.case == c.number && is_mine(me, &o.owner))
        })
        .map(|c| queue_row(c, obligations))
        .filter(|r| needle.is_empty() || filter_text(r, dir).contains(&needle))
        .collect();
    rows.sort_by(|a, b| queue_order(q.sort, a, b));
    rows
}

/// The reference dashboard: the open obligations (already most urgent first), only the
/// actor's with `only_mine`, each with its case's title.
pub fn dash_rows(
    obligations: &[Obligation],
    title: impl Fn(&str) -> String,
    me: &Person,
    only_mine: bool,
) -> Vec<DashRow> {
    obligations
        .iter()
        .filter(|o| !only_mine || is_mine(me, &o.owner))
        .map(|o| DashRow {
            obligation: o.clone(),
            title: title(&o.case),
        })
        .collect()
}

/// The page of `all` (a whole list, in order) that `at` asks for.
pub fn page_of<T, K: PartialEq>(
    mut all: Vec<T>,
    at: &Anchor<K>,
    limit: usize,
    key: impl Fn(&T) -> K,
) -> Page<T> {
    let n = all.len();
    let find = |k: &K| all.iter().position(|r| key(r) == *k);
    let (start, end, anchor) = match at {
        Anchor::First => (0, limit.min(n), None),
        Anchor::Last => (n.saturating_sub(limit), n, None),
        Anchor::After(k) => match find(k) {
            Some(i) => (i + 1, (i + 1 + limit).min(n), None),
            None => (0, limit.min(n), None),
        },
        Anchor::Before(k) => match find(k) {
            Some(i) => (i.saturating_sub(limit), i, None),
            None => (0, limit.min(n), None),
        },
        Anchor::At(k) => match find(k) {
            Some(i) => {
                let start = i.saturating_sub(limit / 2);
                (start, (start + limit.max(1)).min(n), Some(i - start))
            }
            None => (0, limit.min(n), None),
        },
    };
    let rows: Vec<T> = all.drain(start..end).collect();
    Page {
        anchor,
        more_before: start > 0,
        more_after: end < n,
        rows,
    }
}

/// The counts of a whole list of queue rows.
pub fn queue_counts(all: u64, rows: &[QueueRow]) -> ListCounts {
    let mut n = [0u64; Stage::ALL.len()];
    for r in rows {
        n[r.stage as usize] += 1;
    }
    ListCounts {
        all,
        shown: Some(rows.len() as u64),
        stages: Stage::ALL
            .into_iter()
            .zip(n)
            .filter(|(_, c)| *c > 0)
            .collect(),
    }
}
