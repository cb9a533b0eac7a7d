//! The case queue and the deadline dashboard a page at a time, from the store's indexes
//! (issue 10: load what a screen shows). Each answer equals the reference answer of
//! [`listing`] over every case the actor may open (`tests/pages.rs` proves it on random
//! databases, queries, anchors and actors); how it is found depends on how many rows match:
//!
//! - **few** (an index names at most [`PAGE_CAP`] candidate cases: a filter of three
//!   characters or more through the trigram index, an investigator's teams, "only mine"
//!   through the owners' index): those rows are read, sorted by [`listing::queue_order`] and
//!   paged by [`listing::page_of`], exactly as the reference does, with exact counts;
//! - **many**: a keyset walk of the order's index from the anchor's key, the access rule,
//!   "only mine" and the filter as its predicate, stopped after the page. The count of
//!   matching rows is then not computed (it would read every row): `shown` is None.
//!
//! With no filter and not "only mine", a reader who sees every case gets exact counts from
//! the per-stage counts the store keeps.

use chrono::NaiveDate;

use crate::domain::model::Person;
use crate::store::{DashEntry, ListFilter, QueueEntry, QueueOrder, StoreError, Tx};
use crate::workflow::listing::{
    self, Anchor, DashRow, ListCounts, ObligationKey, Page, QueueQuery, QueueRow, QueueSort,
};

use super::{Session, WorkflowError, access};

/// The most candidate rows read through an index and paged in memory; beyond it a page
/// walks the order's index instead.
pub const PAGE_CAP: usize = 2_000;

fn order(s: QueueSort) -> QueueOrder {
    match s {
        QueueSort::Urgency => QueueOrder::Urgency,
        QueueSort::Number => QueueOrder::Number,
        QueueSort::Stage => QueueOrder::Stage,
        QueueSort::Received => QueueOrder::Received,
    }
}

fn queue_row(e: QueueEntry) -> QueueRow {
    QueueRow {
        number: e.number,
        title: e.title,
        stage: e.stage,
        respondents: e.respondents,
        next_due: e.next_due,
        received_on: e.received_on,
    }
}

fn dash_row(e: DashEntry) -> DashRow {
    DashRow {
        obligation: e.obligation,
        title: e.title,
    }
}

fn map_page<A, B>(p: Page<A>, f: impl Fn(A) -> B) -> Page<B> {
    Page {
        rows: p.rows.into_iter().map(f).collect(),
        anchor: p.anchor,
        more_before: p.more_before,
        more_after: p.more_after,
    }
}

/// What the store selects for `actor`: their reach, "only mine" as their login and the
/// owners that mean them (`listing::is_mine`), and the lowercased filter.
fn list_filter(actor: &Person, only_mine: bool, filter: &str) -> ListFilter {
    ListFilter {
        reach: access::reach(actor),
        mine: only_mine.then(|| {
            let owners = std::iter::once(actor.login.clone())
                .chain(actor.roles.iter().map(|r| r.as_str().to_string()))
                .collect();
            (actor.login.clone(), owners)
        }),
        needle: filter.to_lowercase(),
    }
}

/// The page `at` asks for of a list read by a keyset walk: `walk(from, back, n)` gives up
/// to `n` rows after (`back`: before) `from` nearest first, `find` the anchor's row if it
/// is in the list. The same page as [`listing::page_of`] over the whole list.
fn keyset<R, K>(
    at: &Anchor<K>,
    limit: usize,
    walk: impl Fn(Option<&R>, bool, usize) -> Result<Vec<R>, StoreError>,
    find: impl Fn(&K) -> Result<Option<R>, StoreError>,
) -> Result<Page<R>, StoreError> {
    let first = || -> Result<Page<R>, StoreError> {
        let mut rows = walk(None, false, limit + 1)?;
        let more_after = rows.len() > limit;
        rows.truncate(limit);
        Ok(Page {
            rows,
            anchor: None,
            more_before: false,
            more_after,
        })
    };
    let found = match at {
        Anchor::First => return first(),
        Anchor::Last => {
            let mut rows = walk(None, true, limit + 1)?;
            let more_before = rows.len() > limit;
            rows.truncate(limit);
            rows.reverse();
            return Ok(Page {
                rows,
                anchor: None,
                more_before,
                more_after: false,
            });
        }
        Anchor::After(k) | Anchor::Before(k) | Anchor::At(k) => match find(k)? {
            Some(row) => row,
            None => return first(),
        },
    };
    match at {
        Anchor::After(_) => {
            let mut rows = walk(Some(&found), false, limit + 1)?;
            let more_after = rows.len() > limit;
            rows.truncate(limit);
            Ok(Page {
                rows,
                anchor: None,
                more_before: true,
                more_after,
            })
        }
        Anchor::Before(_) => {
            let mut rows = walk(Some(&found), true, limit + 1)?;
            let more_before = rows.len() > limit;
            rows.truncate(limit);
            rows.reverse();
            Ok(Page {
                rows,
                anchor: None,
                more_before,
                more_after: true,
            })
        }
        _ => {
            // At: up to limit / 2 rows before it, then the rest of the page after it.
            let half = limit / 2;
            let mut rows = walk(Some(&found), true, half + 1)?;
            let more_before = rows.len() > half;
            rows.truncate(half);
            rows.reverse();
            let before = rows.len();
            let want = limit.max(1) - before - 1;
            let mut after = walk(Some(&found), false, want + 1)?;
            let more_after = after.len() > want;
            after.truncate(want);
            rows.push(found);
            rows.extend(after);
            Ok(Page {
                rows,
                anchor: Some(before),
                more_before,
                more_after,
            })
        }
    }
}

impl Session {
    /// Use at most `cap` candidate rows in memory per page (tests set 0 to make every page
    /// a keyset walk); [`PAGE_CAP`] by default.
    pub fn set_page_cap(&mut self, cap: usize) {
        self.page_cap = cap;
    }

    /// `f` on the actor as now on file (their roles decide reach and "mine"), in one read
    /// of a fresh projection.
    fn with_actor<T>(
        &self,
        f: impl Fn(&Tx<'_>, &Person) -> Result<T, StoreError>,
    ) -> Result<T, WorkflowError> {
        let login = &self.actor.login;
        self.store
            .read_projection(|tx| match tx.person(login)? {
                Some(actor) => f(tx, &actor).map(Some),
                None => Ok(None),
            })?
            .ok_or_else(|| self.gone())
    }

    /// A page of the case queue: [`listing::page_of`] of [`listing::queue_rows`], from the
    /// store's indexes (see the module doc).
    pub fn queue_page(
        &self,
        q: &QueueQuery,
        at: &Anchor<String>,
        limit: usize,
        _today: NaiveDate,
    ) -> Result<Page<QueueRow>, WorkflowError> {
        let cap = self.page_cap;
        self.with_actor(|tx, actor| {
            let f = list_filter(actor, q.only_mine, &q.filter);
            if let Some(rows) = tx.queue_candidates(&f, cap)? {
                let mut rows: Vec<QueueRow> = rows.into_iter().map(queue_row).collect();
                rows.sort_by(|a, b| listing::queue_order(q.sort, a, b));
                return Ok(listing::page_of(rows, at, limit, |r| r.number.clone()));
            }
            let ord = order(q.sort);
            let page = keyset(
                at,
                limit,
                |from, back, n| tx.queue_walk(&f, ord, from, back, n),
                |k| tx.queue_find(&f, k),
            )?;
            Ok(map_page(page, queue_row))
        })
    }

    /// The queue's counts for `q`. `all` is always exact; `shown` and the per-stage counts
    /// are exact when the rows are few (at most the page cap through an index) or when the
    /// query has no filter and not "only mine" and the actor sees every case; otherwise
    /// `shown` is None ("many": counting would read every matching row).
    pub fn queue_counts(
        &self,
        q: &QueueQuery,
        _today: NaiveDate,
    ) -> Result<ListCounts, WorkflowError> {
        let cap = self.page_cap;
        self.with_actor(|tx, actor| {
            let f = list_filter(actor, q.only_mine, &q.filter);
            let all = tx.queue_count_all(&f.reach)?;
            if f.needle.is_empty() && f.mine.is_none() && f.reach == crate::store::Reach::All {
                return Ok(ListCounts {
                    all,
                    shown: Some(all),
                    stages: tx.queue_stage_counts()?,
                });
            }
            Ok(match tx.queue_candidates(&f, cap)? {
                Some(rows) => {
                    let rows: Vec<QueueRow> = rows.into_iter().map(queue_row).collect();
                    listing::queue_counts(all, &rows)
                }
                None => ListCounts {
                    all,
                    shown: None,
                    stages: Vec::new(),
                },
            })
        })
    }

    /// A page of the deadline dashboard: [`listing::page_of`] of [`listing::dash_rows`],
    /// from the obligation projection's indexes.
    pub fn dash_page(
        &self,
        today: NaiveDate,
        only_mine: bool,
        at: &Anchor<ObligationKey>,
        limit: usize,
    ) -> Result<Page<DashRow>, WorkflowError> {
        let cap = self.page_cap;
        self.with_actor(|tx, actor| {
            let f = list_filter(actor, only_mine, "");
            if let Some(rows) = tx.dash_candidates(&f, cap, today)? {
                let rows: Vec<DashRow> = rows.into_iter().map(dash_row).collect();
                return Ok(listing::page_of(rows, at, limit, |r| {
                    ObligationKey::of(&r.obligation)
                }));
            }
            let page = keyset(
                at,
                limit,
                |from, back, n| tx.dash_walk(&f, from, back, n, today),
                |k| tx.dash_find(&f, &k.case, k.kind, k.person.as_deref(), k.measure, today),
            )?;
            Ok(map_page(page, dash_row))
        })
    }

    /// The dashboard's counts: `all`, every open obligation the actor may see; `shown`,
    /// those of `only_mine` (both exact).
    pub fn dash_counts(
        &self,
        _today: NaiveDate,
        only_mine: bool,
    ) -> Result<ListCounts, WorkflowError> {
        self.with_actor(|tx, actor| {
            let f = list_filter(actor, only_mine, "");
            let all = tx.dash_count(&list_filter(actor, false, ""))?;
            let shown = if only_mine { tx.dash_count(&f)? } else { all };
            Ok(ListCounts {
                all,
                shown: Some(shown),
                stages: Vec::new(),
            })
        })
    }
}
