//! The workbench's two long lists read from indexes (issue 10: load what a screen shows).
//!
//! **The queue projection** (`queue_rows`, schema V8): one row per case with what a queue
//! line shows (number, title, stage, respondents, received date, the earliest open due date)
//! and the lowercased filter text the workbench matches typed text in. It is written by
//! [`Tx::write_queue_row`] from the obligation projection's own hook (`insert_case`,
//! `save_case` and the projection's rebuild after a calendar change), in the same
//! transaction, from the same list of open obligations; a person's new name rewrites the
//! filter text of the cases they are a respondent of ([`Tx::rewrite_queue_names`]).
//!
//! **Reading.** Every order has an index ending in the unique `case_key`, so a page is a
//! keyset walk: the rows after (or before) a row's key, in order, with the access rule,
//! "only mine" and the filter as a predicate, stopped after the page ([`Tx::queue_walk`]).
//! That is quick when the predicate holds for many rows. When it holds for few, some index
//! names a small superset — the trigram index over the filter text (three characters or
//! more), an investigator's teams, the cases of the actor's open obligations — and
//! [`Tx::queue_candidates`] reads those rows (at most a cap) for the caller to sort and page
//! in memory. The dashboard walks the obligation projection's covering index the same way
//! ([`Tx::dash_walk`]), with each case's title from `queue_rows`.

use chrono::{Datelike, NaiveDate};
use rusqlite::params_from_iter;
use rusqlite::types::Value;

use super::cases::{enum_from_sql, enum_to_sql};
use super::cases_load::parse_date;
use super::obligations::case_key;
use super::{Reach, StoreError, Tx};
use crate::domain::deadlines::{DeadlineState, Obligation, ObligationKind};
use crate::domain::model::{Case, Login, Measure, Stage};

/// The stored `next_due` of a case with no open obligation: after every date, as the
/// queue's urgency order puts such cases last.
const NO_DUE: &str = "~";

/// The queue's orders as stored (the workflow's `listing::QueueSort`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QueueOrder {
    Urgency,
    Number,
    Stage,
    Received,
}

impl QueueOrder {
    /// The index of this order and its leading column (None: the case key alone).
    fn index(self) -> (&'static str, Option<&'static str>) {
        match self {
            QueueOrder::Urgency => ("queue_by_due", Some("q.next_due")),
            QueueOrder::Number => ("queue_by_number", None),
            QueueOrder::Stage => ("queue_by_stage", Some("q.stage")),
            QueueOrder::Received => ("queue_by_received", Some("q.recv_desc")),
        }
    }
}

/// Which rows of the queue (or the dashboard) a reader asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListFilter {
    /// Whose cases the reader may open.
    pub reach: Reach,
    /// "Only mine": the reader's login and the owners that mean them (their login and the
    /// names of the roles they hold).
    pub mine: Option<(String, Vec<String>)>,
    /// Lowercased text the row's filter text must contain (empty: any). Queue only.
    pub needle: String,
}

/// One row of `queue_rows`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueueEntry {
    pub number: String,
    pub title: String,
    pub stage: Stage,
    pub respondents: Vec<Login>,
    pub next_due: Option<NaiveDate>,
    pub received_on: NaiveDate,
    case_key: Vec<u8>,
    next_due_raw: String,
    recv_desc: i64,
}

impl QueueEntry {
    /// This row's value of `order`'s leading column.
    fn lead(&self, order: QueueOrder) -> Option<Value> {
        match order {
            QueueOrder::Urgency => Some(Value::Text(self.next_due_raw.clone())),
            QueueOrder::Number => None,
            QueueOrder::Stage => Some(Value::Integer(self.stage as i64)),
            QueueOrder::Received => Some(Value::Integer(self.recv_desc)),
        }
    }
}

/// One row of the dashboard, and its place in the obligation projection's order.
#[derive(Debug, Clone, PartialEq)]
pub struct DashEntry {
    pub obligation: Obligation,
    pub title: String,
    key: DashKey,
}

/// `obligations_due`'s order: due, case key, kind rank, person, measure (NULL first).
type DashKey = (String, Vec<u8>, i64, Option<String>, Option<String>);

/// The filter text of a queue row: exactly `workflow::listing::filter_text` (number, title,
/// respondents' names, their logins, stage keyword; lowercased, fields apart by U+0001).
/// The property tests compare the two.
/// A case's queue row without its id: what a queue line shows and is sorted and filtered
/// by, its next due date the earliest of `open` (its open obligations); `names`: the names
/// of its respondents.
pub(super) fn queue_values(
    case: &Case,
    open: &[Obligation],
    names: &[String],
) -> Result<Vec<Value>, StoreError> {
    let next_due = open
        .iter()
        .map(|o| o.due)
        .min()
        .map_or_else(|| NO_DUE.to_string(), |d| d.to_string());
    let respondents = serde_json::to_string(&case.respondents)
        .map_err(|e| StoreError::Corrupt(format!("respondents: {e}")))?;
    Ok(vec![
        Value::Text(case.number.clone()),
        Value::Blob(case_key(&case.number)),
        Value::Integer(case.stage as i64),
        Value::Text(case.received_on.to_string()),
        // Most recent first is ascending in this column.
        Value::Integer(-i64::from(case.received_on.num_days_from_ce())),
        Value::Text(next_due),
        Value::Text(case.title.clone()),
        Value::Text(respondents),
        Value::Text(filter_text(case, names)),
    ])
}

fn filter_text(case: &Case, names: &[String]) -> String {
    format!(
        "{}\u{1}{}\u{1}{}\u{1}{}\u{1}{}",
        case.number,
        case.title,
        names.join("、"),
        case.respondents.join(" "),
        case.stage.as_str()
    )
    .to_lowercase()
}

const QUEUE_COLUMNS: &str =
    "q.number, q.title, q.stage, q.respondents, q.next_due, q.received_on, q.case_key, q.recv_desc";

fn queue_entry(r: &rusqlite::Row<'_>) -> Result<QueueEntry, StoreError> {
    let stage: i64 = r.get(2)?;
    let stage = usize::try_from(stage)
        .ok()
        .and_then(|i| Stage::ALL.get(i).copied())
        .ok_or_else(|| StoreError::Corrupt(format!("queue_rows.stage: {stage}")))?;
    let respondents: String = r.get(3)?;
    let respondents = serde_json::from_str(&respondents)
        .map_err(|e| StoreError::Corrupt(format!("queue_rows.respondents: {e}")))?;
    let next_due_raw: String = r.get(4)?;
    let next_due = if next_due_raw == NO_DUE {
        None
    } else {
        Some(parse_date(&next_due_raw, "queue_rows.next_due")?)
    };
    let received: String = r.get(5)?;
    Ok(QueueEntry {
        number: r.get(0)?,
        title: r.get(1)?,
        stage,
        respondents,
        next_due,
        received_on: parse_date(&received, "queue_rows.received_on")?,
        case_key: r.get(6)?,
        next_due_raw,
        recv_desc: r.get(7)?,
    })
}

/// `?N` for `v`, pushed onto `args`.
fn arg(args: &mut Vec<Value>, v: Value) -> String {
    args.push(v);
    format!("?{}", args.len())
}

/// The access rule (`workflow::access::reach`) on the case `col`; None: no case at all.
fn reach_sql(reach: &Reach, col: &str, args: &mut Vec<Value>) -> Option<String> {
    match reach {
        Reach::All => Some(String::new()),
        Reach::Nothing => None,
        Reach::Team(login) => Some(format!(" AND {}", team_sql(login, col, args))),
    }
}

/// `login` is on the case's team and has not recused (Art. 10(2)).
fn team_sql(login: &str, col: &str, args: &mut Vec<Value>) -> String {
    let l = arg(args, Value::Text(login.to_string()));
    format!(
        "EXISTS (SELECT 1 FROM team_members t WHERE t.case_id = {col} AND t.login = {l})
         AND NOT EXISTS (SELECT 1 FROM recusals r WHERE r.case_id = {col} AND r.person = {l})"
    )
}

/// `IN (…)` of these owners.
fn owners_sql(owners: &[String], args: &mut Vec<Value>) -> String {
    let marks: Vec<String> = owners
        .iter()
        .map(|o| arg(args, Value::Text(o.clone())))
        .collect();
    format!("({})", marks.join(","))
}

/// The whole predicate of a queue row `q`; None when it holds for no row.
fn queue_pred(f: &ListFilter, args: &mut Vec<Value>) -> Option<String> {
    let mut sql = reach_sql(&f.reach, "q.case_id", args)?;
    if let Some((login, owners)) = &f.mine {
        let owners = owners_sql(owners, args);
        let team = team_sql(login, "q.case_id", args);
        sql.push_str(&format!(
            " AND (EXISTS (SELECT 1 FROM obligations o
                           WHERE o.case_id = q.case_id AND o.owner IN {owners})
                   OR ({team}))"
        ));
    }
    if !f.needle.is_empty() {
        let n = arg(args, Value::Text(f.needle.clone()));
        sql.push_str(&format!(" AND instr(q.filter, {n}) > 0"));
    }
    Some(sql)
}

/// An FTS5 phrase that matches `text` as a substring (trigram tokenizer).
fn phrase(text: &str) -> String {
    format!("\"{}\"", text.replace('"', "\"\""))
}

impl Tx<'_> {
    /// Write case `id`'s queue row from the case as saved and its open obligations (the
    /// obligation projection's rows, just computed).
    pub(crate) fn write_queue_row(&self, id: i64, values: Vec<Value>) -> Result<(), StoreError> {
        self.tx
            .prepare_cached(
                "INSERT INTO queue_rows (case_id, number, case_key, stage, received_on, recv_desc,
                                         next_due, title, respondents, filter)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
                 ON CONFLICT (case_id) DO UPDATE SET
                    number = excluded.number, case_key = excluded.case_key,
                    stage = excluded.stage, received_on = excluded.received_on,
                    recv_desc = excluded.recv_desc, next_due = excluded.next_due,
                    title = excluded.title, respondents = excluded.respondents,
                    filter = excluded.filter",
            )?
            .execute(params_from_iter(
                std::iter::once(Value::Integer(id)).chain(values),
            ))?;
        Ok(())
    }

    /// The names of these logins, in order (a login not on file stands for itself, as
    /// `Directory::name` says).
    pub(crate) fn names_of(&self, logins: &[Login]) -> Result<Vec<String>, StoreError> {
        use rusqlite::OptionalExtension;
        let mut st = self
            .tx
            .prepare_cached("SELECT name FROM people WHERE login = ?1")?;
        logins
            .iter()
            .map(|l| {
                Ok(st
                    .query_row([l], |r| r.get::<_, String>(0))
                    .optional()?
                    .unwrap_or_else(|| l.clone()))
            })
            .collect()
    }

    /// `login`'s name changed (or may have): rewrite the filter text of every case they
    /// are a respondent of, in this transaction.
    pub(crate) fn rewrite_queue_names(&self, login: &str) -> Result<(), StoreError> {
        let ids: Vec<i64> = self
            .tx
            .prepare_cached("SELECT DISTINCT case_id FROM respondents WHERE login = ?1")?
            .query_map([login], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        let mut read = self.tx.prepare_cached(
            "SELECT number, title, stage, respondents FROM queue_rows WHERE case_id = ?1",
        )?;
        let mut write = self.tx.prepare_cached(
            "UPDATE queue_rows SET filter = ?2 WHERE case_id = ?1 AND filter <> ?2",
        )?;
        for id in ids {
            use rusqlite::OptionalExtension;
            let Some((number, title, stage, respondents)) = read
                .query_row([id], |r| {
                    Ok((
                        r.get::<_, String>(0)?,
                        r.get::<_, String>(1)?,
                        r.get::<_, i64>(2)?,
                        r.get::<_, String>(3)?,
                    ))
                })
                .optional()?
            else {
                continue;
            };
            let logins: Vec<Login> = serde_json::from_str(&respondents)
                .map_err(|e| StoreError::Corrupt(format!("queue_rows.respondents: {e}")))?;
            let names = self.names_of(&logins)?;
            let stage = Stage::ALL
                .get(stage as usize)
                .ok_or_else(|| StoreError::Corrupt(format!("queue_rows.stage: {stage}")))?;
            let text = format!(
                "{number}\u{1}{title}\u{1}{}\u{1}{}\u{1}{}",
                names.join("、"),
                logins.join(" "),
                stage.as_str()
            )
            .to_lowercase();
            write.execute(rusqlite::params![id, text])?;
        }
        Ok(())
    }

    /// Up to `n` queue rows `f` selects in `order`, after (or, `back`, before) the row
    /// `from` (not included; None: from the start or the end), nearest first: one walk of
    /// the order's index that stops after `n` matches.
    pub fn queue_walk(
        &self,
        f: &ListFilter,
        order: QueueOrder,
        from: Option<&QueueEntry>,
        back: bool,
        n: usize,
    ) -> Result<Vec<QueueEntry>, StoreError> {
        let mut args = Vec::new();
        let Some(pred) = queue_pred(f, &mut args) else {
            return Ok(Vec::new());
        };
        let (index, lead) = order.index();
        let (cmp, dir) = if back { ("<", " DESC") } else { (">", "") };
        let mut sql =
            format!("SELECT {QUEUE_COLUMNS} FROM queue_rows q INDEXED BY {index} WHERE 1{pred}");
        if let Some(row) = from {
            let key = arg(&mut args, Value::Blob(row.case_key.clone()));
            match (lead, row.lead(order)) {
                (Some(col), Some(v)) => {
                    let v = arg(&mut args, v);
                    sql.push_str(&format!(" AND ({col}, q.case_key) {cmp} ({v}, {key})"));
                }
                _ => sql.push_str(&format!(" AND q.case_key {cmp} {key}")),
            }
        }
        match lead {
            Some(col) => sql.push_str(&format!(" ORDER BY {col}{dir}, q.case_key{dir}")),
            None => sql.push_str(&format!(" ORDER BY q.case_key{dir}")),
        }
        let limit = arg(&mut args, Value::Integer(n as i64));
        sql.push_str(&format!(" LIMIT {limit}"));
        let mut st = self.tx.prepare_cached(&sql)?;
        let mut rows = st.query(params_from_iter(args))?;
        let mut out = Vec::with_capacity(n.min(1024));
        while let Some(r) = rows.next()? {
            out.push(queue_entry(r)?);
        }
        Ok(out)
    }

    /// The queue row of case `number` if `f` selects it.
    pub fn queue_find(
        &self,
        f: &ListFilter,
        number: &str,
    ) -> Result<Option<QueueEntry>, StoreError> {
        let mut args = Vec::new();
        let Some(pred) = queue_pred(f, &mut args) else {
            return Ok(None);
        };
        let key = arg(&mut args, Value::Blob(case_key(number)));
        let sql =
            format!("SELECT {QUEUE_COLUMNS} FROM queue_rows q WHERE q.case_key = {key}{pred}");
        let mut st = self.tx.prepare_cached(&sql)?;
        let mut rows = st.query(params_from_iter(args))?;
        match rows.next()? {
            Some(r) => Ok(Some(queue_entry(r)?)),
            None => Ok(None),
        }
    }

    /// Every queue row `f` selects, unordered, if an index names at most `cap` cases that
    /// include them all: the trigram index (a needle of three characters or more), the
    /// investigator's teams, or the cases of the actor's open obligations and teams
    /// ("only mine"). None when each of those names more (the caller then walks an order's
    /// index).
    pub fn queue_candidates(
        &self,
        f: &ListFilter,
        cap: usize,
    ) -> Result<Option<Vec<QueueEntry>>, StoreError> {
        if f.reach == Reach::Nothing {
            return Ok(Some(Vec::new()));
        }
        // Each source: SQL naming case ids (maybe repeated), and its arguments.
        let mut sources: Vec<(String, Vec<Value>)> = Vec::new();
        if f.needle.chars().count() >= 3 {
            sources.push((
                "SELECT rowid FROM queue_text WHERE queue_text MATCH ?1".into(),
                vec![Value::Text(phrase(&f.needle))],
            ));
        }
        if let Reach::Team(login) = &f.reach {
            sources.push((
                "SELECT case_id FROM team_members WHERE login = ?1".into(),
                vec![Value::Text(login.clone())],
            ));
        }
        if let Some((login, owners)) = &f.mine {
            let mut args = vec![Value::Text(login.clone())];
            let owners = owners_sql(owners, &mut args);
            sources.push((
                format!(
                    "SELECT case_id FROM team_members WHERE login = ?1
                     UNION ALL SELECT case_id FROM obligations INDEXED BY obligations_owner
                               WHERE owner IN {owners}"
                ),
                args,
            ));
        }
        for (source, source_args) in sources {
            let n = source_args.len();
            let count: i64 = self
                .tx
                .prepare_cached(&format!("SELECT count(*) FROM ({source} LIMIT ?{})", n + 1))?
                .query_row(
                    params_from_iter(
                        source_args
                            .iter()
                            .cloned()
                            .chain([Value::Integer(cap as i64 + 1)]),
                    ),
                    |r| r.get(0),
                )?;
            if count as usize > cap {
                continue;
            }
            let mut args = source_args;
            let Some(pred) = queue_pred(f, &mut args) else {
                return Ok(Some(Vec::new()));
            };
            let sql = format!(
                "SELECT {QUEUE_COLUMNS} FROM queue_rows q WHERE q.case_id IN ({source}){pred}"
            );
            let mut st = self.tx.prepare_cached(&sql)?;
            let mut rows = st.query(params_from_iter(args))?;
            let mut out = Vec::new();
            while let Some(r) = rows.next()? {
                out.push(queue_entry(r)?);
            }
            return Ok(Some(out));
        }
        Ok(None)
    }

    /// How many queue rows the reader may see: with every case, per stage from the counts
    /// the triggers keep; an investigator's, from their teams (less the recused ones).
    pub fn queue_count_all(&self, reach: &Reach) -> Result<u64, StoreError> {
        match reach {
            Reach::All => Ok(self.queue_stage_counts()?.iter().map(|(_, n)| n).sum()),
            Reach::Nothing => Ok(0),
            Reach::Team(login) => {
                let n: i64 = self
                    .tx
                    .prepare_cached(
                        "SELECT (SELECT count(DISTINCT case_id) FROM team_members WHERE login = ?1)
                              - (SELECT count(*) FROM (SELECT DISTINCT r.case_id FROM recusals r
                                  WHERE r.person = ?1 AND EXISTS (SELECT 1 FROM team_members t
                                      WHERE t.case_id = r.case_id AND t.login = ?1)))",
                    )?
                    .query_row([login], |r| r.get(0))?;
                Ok(n.max(0) as u64)
            }
        }
    }

    /// The number of cases per stage, stages in the workflow's order, only those present.
    pub fn queue_stage_counts(&self) -> Result<Vec<(Stage, u64)>, StoreError> {
        let mut st = self
            .tx
            .prepare_cached("SELECT stage, n FROM queue_stage_counts WHERE n > 0 ORDER BY stage")?;
        let rows = st.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?)))?;
        let mut out = Vec::new();
        for row in rows {
            let (stage, n) = row?;
            let stage = Stage::ALL
                .get(stage as usize)
                .ok_or_else(|| StoreError::Corrupt(format!("queue_stage_counts.stage: {stage}")))?;
            out.push((*stage, n as u64));
        }
        Ok(out)
    }
}

// The dashboard.

const DASH_COLUMNS: &str =
    "o.case_number, o.kind, o.due, o.owner, o.person, o.measure, o.case_key, o.kind_rank,
     (SELECT q.title FROM queue_rows q WHERE q.case_id = o.case_id)";

/// The predicate of an obligation row `o`; None when it holds for none.
fn dash_pred(f: &ListFilter, args: &mut Vec<Value>) -> Option<String> {
    let mut sql = reach_sql(&f.reach, "o.case_id", args)?;
    if let Some((_, owners)) = &f.mine {
        if owners.is_empty() {
            return None;
        }
        sql.push_str(&format!(" AND o.owner IN {}", owners_sql(owners, args)));
    }
    Some(sql)
}

fn dash_entry(r: &rusqlite::Row<'_>, today: NaiveDate) -> Result<DashEntry, StoreError> {
    let kind: ObligationKind = enum_from_sql(&r.get::<_, String>(1)?, "obligations.kind")?;
    let due_raw: String = r.get(2)?;
    let due = parse_date(&due_raw, "obligations.due")?;
    let person: Option<String> = r.get(4)?;
    let measure_raw: Option<String> = r.get(5)?;
    let measure = super::obligations::measure_from_sql(measure_raw.as_deref())?;
    let days_left = (due - today).num_days();
    let case_key: Vec<u8> = r.get(6)?;
    let kind_rank: i64 = r.get(7)?;
    Ok(DashEntry {
        obligation: Obligation {
            case: r.get(0)?,
            kind,
            due,
            days_left,
            state: DeadlineState::from_days_left(days_left),
            owner: r.get(3)?,
            person: person.clone(),
            measure,
        },
        title: r.get::<_, Option<String>>(8)?.unwrap_or_default(),
        key: (due_raw, case_key, kind_rank, person, measure_raw),
    })
}

impl Tx<'_> {
    /// Up to `n` open obligations `f` selects, in the domain's order (`obligations_due`),
    /// after (or, `back`, before) `from` (not included), nearest first. The index is entered
    /// at `from`'s due date and case; the few rows of that case at or before it are
    /// skipped here (its person and measure may be NULL, which a row-value comparison
    /// cannot order).
    pub fn dash_walk(
        &self,
        f: &ListFilter,
        from: Option<&DashEntry>,
        back: bool,
        n: usize,
        today: NaiveDate,
    ) -> Result<Vec<DashEntry>, StoreError> {
        let mut out: Vec<DashEntry> = Vec::new();
        let mut from = from.cloned();
        loop {
            let mut args = Vec::new();
            let Some(pred) = dash_pred(f, &mut args) else {
                return Ok(out);
            };
            let (cmp, dir) = if back { ("<=", " DESC") } else { (">=", "") };
            let mut sql = format!(
                "SELECT {DASH_COLUMNS} FROM obligations o INDEXED BY obligations_due WHERE 1{pred}"
            );
            if let Some(e) = &from {
                let d = arg(&mut args, Value::Text(e.key.0.clone()));
                let k = arg(&mut args, Value::Blob(e.key.1.clone()));
                sql.push_str(&format!(" AND (o.due, o.case_key) {cmp} ({d}, {k})"));
            }
            let batch = n.saturating_sub(out.len()) + 16;
            let limit = arg(&mut args, Value::Integer(batch as i64));
            sql.push_str(&format!(
                " ORDER BY o.due{dir}, o.case_key{dir}, o.kind_rank{dir}, o.person{dir}, o.measure{dir} LIMIT {limit}"
            ));
            let mut st = self.tx.prepare_cached(&sql)?;
            let mut rows = st.query(params_from_iter(args))?;
            let mut seen = 0;
            let mut last = None;
            while let Some(r) = rows.next()? {
                seen += 1;
                let e = dash_entry(r, today)?;
                let past = from
                    .as_ref()
                    .is_none_or(|a| if back { e.key < a.key } else { e.key > a.key });
                if past && out.len() < n {
                    out.push(e.clone());
                }
                last = Some(e);
            }
            if out.len() >= n || seen < batch {
                return Ok(out);
            }
            // A whole batch of one case's rows at or before `from`: go on after them.
            from = last;
        }
    }

    /// The open obligation of `case` with this kind, person and measure, if `f` selects it.
    pub fn dash_find(
        &self,
        f: &ListFilter,
        case: &str,
        kind: ObligationKind,
        person: Option<&str>,
        measure: Option<Measure>,
        today: NaiveDate,
    ) -> Result<Option<DashEntry>, StoreError> {
        let mut args = Vec::new();
        let Some(pred) = dash_pred(f, &mut args) else {
            return Ok(None);
        };
        let c = arg(&mut args, Value::Text(case.to_string()));
        let k = arg(&mut args, Value::Text(enum_to_sql(&kind)?));
        let p = arg(
            &mut args,
            person.map_or(Value::Null, |p| Value::Text(p.into())),
        );
        let m = arg(
            &mut args,
            measure.map_or(Value::Null, |m| Value::Text(m.as_str().into())),
        );
        let sql = format!(
            "SELECT {DASH_COLUMNS} FROM obligations o
              WHERE o.case_id = (SELECT id FROM cases WHERE number = {c})
                AND o.kind = {k} AND o.person IS {p} AND o.measure IS {m}{pred}
              ORDER BY o.ord LIMIT 1"
        );
        let mut st = self.tx.prepare_cached(&sql)?;
        let mut rows = st.query(params_from_iter(args))?;
        match rows.next()? {
            Some(r) => Ok(Some(dash_entry(r, today)?)),
            None => Ok(None),
        }
    }

    /// Every open obligation `f` selects, in order, if "only mine" names at most `cap` of
    /// them (read through `obligations_owner`); None otherwise.
    pub fn dash_candidates(
        &self,
        f: &ListFilter,
        cap: usize,
        today: NaiveDate,
    ) -> Result<Option<Vec<DashEntry>>, StoreError> {
        let Some((_, owners)) = &f.mine else {
            return Ok(None);
        };
        let mut args = Vec::new();
        let owner_list = owners_sql(owners, &mut args);
        if owners.is_empty() {
            return Ok(Some(Vec::new()));
        }
        let lim = arg(&mut args, Value::Integer(cap as i64 + 1));
        let count: i64 = self
            .tx
            .prepare_cached(&format!(
                "SELECT count(*) FROM (SELECT 1 FROM obligations INDEXED BY obligations_owner
                                       WHERE owner IN {owner_list} LIMIT {lim})"
            ))?
            .query_row(params_from_iter(args), |r| r.get(0))?;
        if count as usize > cap {
            return Ok(None);
        }
        let mut args = Vec::new();
        let Some(pred) = dash_pred(f, &mut args) else {
            return Ok(Some(Vec::new()));
        };
        let sql = format!(
            "SELECT {DASH_COLUMNS} FROM obligations o INDEXED BY obligations_owner WHERE 1{pred}"
        );
        let mut st = self.tx.prepare_cached(&sql)?;
        let mut rows = st.query(params_from_iter(args))?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            out.push(dash_entry(r, today)?);
        }
        out.sort_by(|a, b| a.key.cmp(&b.key));
        Ok(Some(out))
    }

    /// How many open obligations `f` selects (its needle is not used).
    pub fn dash_count(&self, f: &ListFilter) -> Result<u64, StoreError> {
        if f.reach == Reach::All && f.mine.is_none() {
            // Every open obligation: the per-day counts the triggers keep (schema V10), a
            // few hundred rows, instead of counting the index entry by entry.
            let n: i64 = self
                .tx
                .prepare_cached("SELECT coalesce(sum(n), 0) FROM obligation_days")?
                .query_row([], |r| r.get(0))?;
            return Ok(n as u64);
        }
        let mut args = Vec::new();
        let Some(pred) = dash_pred(f, &mut args) else {
            return Ok(0);
        };
        let sql = if f.mine.is_some() {
            format!("SELECT count(*) FROM obligations o INDEXED BY obligations_owner WHERE 1{pred}")
        } else {
            format!("SELECT count(*) FROM obligations o WHERE 1{pred}")
        };
        let n: i64 = self
            .tx
            .prepare_cached(&sql)?
            .query_row(params_from_iter(args), |r| r.get(0))?;
        Ok(n as u64)
    }
}
