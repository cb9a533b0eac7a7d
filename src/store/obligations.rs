//! The open obligations, stored (issue 10): one row per open deadline of a case, so that
//! "what is due" is one indexed query instead of loading and re-judging every case.
//!
//! The rules stay in one place: a case's rows are exactly
//! [`crate::domain::deadlines::case_obligations`] of the case as saved, recomputed by
//! [`Tx::insert_case`] and [`Tx::save_case`] themselves — every path that writes a case
//! (workflow commands, import, demo and bulk loads) keeps the projection in the same
//! transaction. Only `days_left` and `state` depend on the day asked; they are computed at
//! read time from the stored `due`.
//!
//! The projection records which calendar and which rules computed it (a *stamp*: a digest of
//! the calendar's days, the projection format and the rules' source). A connection whose
//! calendar or build differs (a year loaded with `--calendar`, a new release's data) finds
//! the stamp stale at its first use and rebuilds the whole projection once, walking the
//! register in slices of [`REBUILD_SLICE`] cases so memory stays bounded.
//!
//! Owners are computed "as of the record": every recorded recusal counts. Records are never
//! dated after the day they are written, so this equals the domain's answer for any `today`
//! on or after the latest record; asking about an earlier day (`--today` in the past) shows
//! today's owner.

use chrono::NaiveDate;
use rusqlite::params_from_iter;
use rusqlite::types::Value;
use sha2::{Digest, Sha256};

use super::cases::enum_to_sql;
use super::cases_load::parse_date;
use super::{Store, StoreError, Tx};
use crate::domain::calendar::{Calendar, Uncovered};
use crate::domain::deadlines::{DeadlineState, Obligation, ObligationKind, case_obligations};
use crate::domain::liability::prior_outcomes;
use crate::domain::model::{Case, Measure};

/// Cases loaded at a time when the projection is rebuilt.
pub const REBUILD_SLICE: i64 = 2_000;

/// Bumped when the table's meaning changes; part of the stamp.
const FORMAT: &str = "culpa.obligations/2";

/// The rules' source: a release that changes them changes the stamp, so a database opened by
/// it rebuilds the projection instead of showing the old release's answers. The rebuild
/// rewrites each case's Art. 8(3) outcomes too, which `domain/liability/repeat.rs` extracts.
const RULES_SOURCE: [&str; 3] = [
    include_str!("../domain/deadlines.rs"),
    include_str!("../domain/model.rs"),
    include_str!("../domain/liability/repeat.rs"),
];

/// Every kind, for reading the stored serde name back (the domain type is write-only).
const KINDS: [ObligationKind; 6] = [
    ObligationKind::Acceptance,
    ObligationKind::Notification,
    ObligationKind::DecisionReport,
    ObligationKind::Sanction,
    ObligationKind::ReviewDecision,
    ObligationKind::AppealDecision,
];

/// The meta key holding the stamp of the projection on file.
const STAMP_KEY: &str = "obligations_stamp";

/// The calendar a connection computes due dates with, and its stamp.
#[derive(Debug, Clone)]
pub(crate) struct Projection {
    pub(crate) cal: Calendar,
    pub(crate) stamp: String,
}

impl Projection {
    pub(crate) fn new(cal: Calendar) -> Projection {
        let mut h = Sha256::new();
        h.update(FORMAT);
        h.update(cal.fingerprint());
        for src in RULES_SOURCE {
            h.update(src);
        }
        Projection {
            cal,
            stamp: hex::encode(h.finalize()),
        }
    }
}

/// Whose cases a reader sees: the access rule of `workflow::access::may_open` as a query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reach {
    /// admin, legal, chief, committee: every case.
    All,
    /// An investigator: the cases whose team they are on and from which they have not
    /// recused.
    Team(String),
    /// An officer (the people under investigation): none.
    Nothing,
}

/// Which open obligations to read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ObligationQuery {
    pub reach: Reach,
    /// Only those whose owner is one of these (a login, or role names): `deadlines --mine`.
    pub owners: Option<Vec<String>>,
    /// Only this case's.
    pub case: Option<String>,
}

impl ObligationQuery {
    pub fn all(reach: Reach) -> ObligationQuery {
        ObligationQuery {
            reach,
            owners: None,
            case: None,
        }
    }
}

/// A byte string whose order is [`crate::domain::deadlines::case_number_order`]: runs of
/// digits compare as numbers. A digit run becomes `0x30`, its length without leading zeros
/// (4 bytes, big-endian) and those digits; any other character its UTF-8 bytes. A digit
/// compared with another character orders by whether that character lies below `'0'` or
/// above `'9'`, whatever the digit, so the constant `0x30` keeps that order. Equal keys (as
/// `007` and `7` give) are told apart by the number itself after a `0x00`.
pub fn case_key(number: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(number.len() + 16);
    let mut rest = number;
    while let Some(c) = rest.chars().next() {
        if c.is_ascii_digit() {
            let end = rest
                .find(|c: char| !c.is_ascii_digit())
                .unwrap_or(rest.len());
            let digits = rest[..end].trim_start_matches('0');
            out.push(b'0');
            out.extend((digits.len() as u32).to_be_bytes());
            out.extend(digits.as_bytes());
            rest = &rest[end..];
        } else {
            let mut buf = [0; 4];
            out.extend(c.encode_utf8(&mut buf).as_bytes());
            rest = &rest[c.len_utf8()..];
        }
    }
    out.push(0);
    out.extend(number.as_bytes());
    out
}

/// Column `i` of a row as text, borrowed (no copy per row).
fn text_at<'r>(r: &'r rusqlite::Row<'_>, i: usize, column: &str) -> Result<&'r str, StoreError> {
    r.get_ref(i)?
        .as_str()
        .map_err(|e| StoreError::Corrupt(format!("{column}: {e}")))
}

fn uncovered_text(u: &Uncovered) -> Value {
    if u.is_empty() {
        Value::Null
    } else {
        let years: Vec<String> = u.iter().map(i32::to_string).collect();
        Value::Text(years.join(","))
    }
}

/// The query of the rows `q` selects, in the domain's order (see the end of
/// [`Tx::each_open_obligation`]), and its arguments; `None` when it selects nothing.
fn select(q: &ObligationQuery, columns: &str) -> Option<(String, Vec<Value>)> {
    select_days(q, columns, None)
}

/// [`select`] of the rows due in `days` (`first..=last` as stored) only, if given.
pub(super) fn select_days(
    q: &ObligationQuery,
    columns: &str,
    days: Option<(&str, &str)>,
) -> Option<(String, Vec<Value>)> {
    let mut sql = format!("SELECT {columns} FROM obligations WHERE 1");
    let mut args: Vec<Value> = Vec::new();
    match &q.reach {
        Reach::All => {}
        Reach::Nothing => return None,
        Reach::Team(login) => {
            sql.push_str(
                " AND case_id IN (SELECT case_id FROM team_members WHERE login = ?1)
                  AND case_id NOT IN (SELECT case_id FROM recusals WHERE person = ?1)",
            );
            args.push(Value::Text(login.clone()));
        }
    }
    if let Some(owners) = &q.owners {
        if owners.is_empty() {
            return None;
        }
        let marks: Vec<String> = owners
            .iter()
            .map(|o| {
                args.push(Value::Text(o.clone()));
                format!("?{}", args.len())
            })
            .collect();
        sql.push_str(&format!(" AND owner IN ({})", marks.join(",")));
    }
    if let Some(case) = &q.case {
        args.push(Value::Text(case.clone()));
        sql.push_str(&format!(" AND case_number = ?{}", args.len()));
    }
    if let Some((first, last)) = days {
        args.push(Value::Text(first.to_string()));
        args.push(Value::Text(last.to_string()));
        sql.push_str(&format!(
            " AND due BETWEEN ?{} AND ?{}",
            args.len() - 1,
            args.len()
        ));
    }
    sql.push_str(" ORDER BY due, case_key, kind_rank, person, measure");
    Some((sql, args))
}

/// A stored measure (`11.1` … `11.7`, or NULL); anything else is corrupt.
pub(super) fn measure_from_sql(m: Option<&str>) -> Result<Option<Measure>, StoreError> {
    m.map(|m| {
        Measure::ALL
            .into_iter()
            .find(|x| x.as_str() == m)
            .ok_or_else(|| StoreError::Corrupt(format!("obligations.measure: unknown value {m:?}")))
    })
    .transpose()
}

/// `YYYY-MM-DD` as stored, read without building a string (the JSON reader meets one per
/// row); anything else is corrupt.
pub(super) fn stored_date(b: &[u8]) -> Result<NaiveDate, StoreError> {
    let digits = |r: std::ops::Range<usize>| -> Option<u32> {
        b.get(r)?.iter().try_fold(0u32, |n, &c| {
            c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0'))
        })
    };
    let date = (b.len() == 10 && b[4] == b'-' && b[7] == b'-')
        .then(|| NaiveDate::from_ymd_opt(digits(0..4)? as i32, digits(5..7)?, digits(8..10)?))
        .flatten();
    date.ok_or_else(|| {
        StoreError::Corrupt(format!(
            "obligations.due: not a date: {:?}",
            String::from_utf8_lossy(b)
        ))
    })
}

/// A case's rows in the projections, without its id: its committee outcomes for Art. 8(3),
/// its queue row and its open obligations. Worked out without the database, so that an
/// import's reading thread can make them while the writer is busy with earlier cases (issue
/// 10); every save makes them the same way ([`Tx::project_case`]).
pub struct Projected {
    priors: Vec<Vec<Value>>,
    queue: Vec<Value>,
    obligations: Vec<Vec<Value>>,
}

impl Projected {
    /// `cal`: the calendar the store projects with ([`Tx::projection_calendar`]); `names`:
    /// the names of the case's respondents, in order (a login not on file stands for itself).
    pub fn of(case: &Case, cal: &Calendar, names: Vec<String>) -> Result<Self, StoreError> {
        let mut priors = Vec::new();
        for (i, p) in prior_outcomes(std::iter::once(case)).iter().enumerate() {
            priors.push(vec![
                Value::Integer(i as i64),
                Value::Text(p.login.clone()),
                Value::Text(p.case.clone()),
                Value::Text(enum_to_sql(&p.grade)?),
                Value::Integer(i64::from(p.exempted)),
                Value::Text(p.decided_on.to_string()),
            ]);
        }
        let mut uncovered = Uncovered::new();
        // As of the record: every recorded recusal counts (see the module doc).
        let list = case_obligations(case, cal, NaiveDate::MAX, &mut uncovered);
        let queue = super::queue::queue_values(case, &list, &names)?;
        let key = case_key(&case.number);
        let unc = uncovered_text(&uncovered);
        let mut obligations = Vec::with_capacity(list.len());
        for (i, o) in list.iter().enumerate() {
            let json = super::obligations_json::fragment(
                &case.number,
                o.kind,
                o.due,
                &o.owner,
                o.person.as_deref(),
                o.measure,
            )
            .ok_or_else(|| {
                // Unreachable for validated input: a number holds at most 500 characters
                // (`domain::limits`).
                StoreError::Constraint(format!(
                    "case number of {} bytes: too long to store",
                    case.number.len()
                ))
            })?;
            obligations.push(vec![
                Value::Integer(i as i64),
                Value::Text(case.number.clone()),
                Value::Blob(key.clone()),
                Value::Text(enum_to_sql(&o.kind)?),
                Value::Integer(o.kind as i64),
                Value::Text(o.due.to_string()),
                Value::Text(o.owner.clone()),
                o.person.clone().map_or(Value::Null, Value::Text),
                o.measure
                    .map_or(Value::Null, |m| Value::Text(m.as_str().to_string())),
                unc.clone(),
                Value::Blob(json),
            ]);
        }
        Ok(Projected {
            priors,
            queue,
            obligations,
        })
    }
}

impl Tx<'_> {
    /// Replace case `id`'s rows with the obligations of `case` as now saved. Checks the
    /// projection's stamp first (once per transaction) and rebuilds it if stale.
    /// `new`: the case was only now inserted, so it has no rows to replace.
    pub(crate) fn project_case(&self, id: i64, case: &Case, new: bool) -> Result<(), StoreError> {
        // A rebuild projects every case on file, this one included, as now saved.
        if !self.fresh.get() && self.ensure_obligations()? {
            return Ok(());
        }
        self.write_case_obligations(id, case, new)
    }

    /// [`Tx::project_case`] for a new case whose rows were worked out already
    /// ([`Projected::of`], which an import's reading thread does while this one writes).
    pub fn project_new_case(&self, id: i64, rows: Projected) -> Result<(), StoreError> {
        if !self.fresh.get() && self.ensure_obligations()? {
            return Ok(());
        }
        self.write_projected(id, rows)
    }

    /// The calendar this store projects deadlines with (for [`Projected::of`]).
    pub fn projection_calendar(&self) -> &Calendar {
        &self.proj.cal
    }

    /// `new`: skip deleting the case's old rows (a new case has none; each delete is a
    /// statement per case, and an import writes 100,000 of them).
    fn write_case_obligations(&self, id: i64, case: &Case, new: bool) -> Result<(), StoreError> {
        if !new {
            for table in ["prior_outcomes", "obligations"] {
                self.tx
                    .prepare_cached(&format!("DELETE FROM {table} WHERE case_id = ?1"))?
                    .execute([id])?;
            }
        }
        let names = self.names_of(&case.respondents)?;
        self.write_projected(id, Projected::of(case, &self.proj.cal, names)?)
    }

    /// Write a case's rows in the projections (its old ones are gone).
    fn write_projected(&self, id: i64, rows: Projected) -> Result<(), StoreError> {
        let with_id = |row: Vec<Value>| std::iter::once(Value::Integer(id)).chain(row);
        let mut st = self.tx.prepare_cached(
            "INSERT INTO prior_outcomes (case_id, ord, login, case_number, grade, exempted, decided_on)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        )?;
        for row in rows.priors {
            st.execute(params_from_iter(with_id(row)))?;
        }
        // The queue's row (its next due date comes from the obligations): `store::queue`.
        self.write_queue_row(id, rows.queue)?;
        let mut st = self.tx.prepare_cached(
            "INSERT INTO obligations
               (case_id, ord, case_number, case_key, kind, kind_rank, due, owner, person, measure, uncovered, json)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
        )?;
        for row in rows.obligations {
            st.execute(params_from_iter(with_id(row)))?;
        }
        Ok(())
    }

    /// Whether the projection on file was computed with this connection's calendar and rules.
    pub fn obligations_fresh(&self) -> Result<bool, StoreError> {
        Ok(self.meta(STAMP_KEY)?.as_deref() == Some(self.proj.stamp.as_str()))
    }

    /// Rebuild the projection if its stamp is not this connection's; true if it did.
    pub fn ensure_obligations(&self) -> Result<bool, StoreError> {
        let stale = !self.obligations_fresh()?;
        if stale {
            self.rebuild_obligations()?;
        }
        self.fresh.set(true);
        Ok(stale)
    }

    /// Recompute every case's obligations, a slice of cases at a time, and record the stamp.
    pub fn rebuild_obligations(&self) -> Result<(), StoreError> {
        self.tx.execute("DELETE FROM obligations", [])?;
        let last = self.max_case_id()?;
        let mut after = 0;
        while after < last {
            let upto = after.saturating_add(REBUILD_SLICE);
            for rec in self.cases_in_id_range(after, upto)? {
                self.write_case_obligations(rec.id, &rec.case, false)?;
            }
            after = upto;
        }
        self.set_meta(STAMP_KEY, &self.proj.stamp)?;
        Ok(())
    }

    /// The open obligations `q` selects, with `days_left` and `state` as of `today`, most
    /// urgent first (the domain's order), and the uncovered years their due dates consulted.
    /// Reads the projection as it is: callers make sure it is fresh
    /// ([`Store::open_obligations`] does).
    pub fn open_obligations(
        &self,
        q: &ObligationQuery,
        today: NaiveDate,
    ) -> Result<(Vec<Obligation>, Uncovered), StoreError> {
        let mut out = Vec::new();
        let uncovered = self.each_open_obligation(q, today, &mut |o| {
            out.push(o.clone());
            true
        })?;
        Ok((out, uncovered))
    }

    /// [`Tx::open_obligations`] one at a time, in the same order, without collecting them:
    /// `visit` sees each (one value reused, so nothing is allocated per row) and returns
    /// false to stop. `deadlines --json` writes them out as they come (issue 10).
    pub fn each_open_obligation(
        &self,
        q: &ObligationQuery,
        today: NaiveDate,
        visit: &mut dyn FnMut(&Obligation) -> bool,
    ) -> Result<Uncovered, StoreError> {
        let Some((sql, args)) = select(
            q,
            "case_number, kind, due, owner, person, measure, uncovered",
        ) else {
            return Ok(Uncovered::new());
        };
        let mut stmt = self.tx.prepare_cached(&sql)?;
        let mut rows = stmt.query(params_from_iter(args))?;
        let mut uncovered = Uncovered::new();
        let mut o = Obligation {
            case: String::new(),
            kind: ObligationKind::Acceptance,
            due: today,
            days_left: 0,
            state: DeadlineState::Open,
            owner: String::new(),
            person: None,
            measure: None,
        };
        // The stored names of the kinds, worked out once rather than per row.
        let names = KINDS
            .into_iter()
            .map(|k| Ok((enum_to_sql(&k)?, k)))
            .collect::<Result<Vec<_>, StoreError>>()?;
        while let Some(r) = rows.next()? {
            let kind_name = text_at(r, 1, "obligations.kind")?;
            let kind = names
                .iter()
                .find(|(n, _)| n == kind_name)
                .map(|(_, k)| *k)
                .ok_or_else(|| {
                    StoreError::Corrupt(format!("obligations.kind: unknown value {kind_name:?}"))
                })?;
            let due = parse_date(text_at(r, 2, "obligations.due")?, "obligations.due")?;
            let measure = measure_from_sql(r.get_ref(5)?.as_str_or_null().ok().flatten())?;
            if let Some(years) = r.get_ref(6)?.as_str_or_null().ok().flatten() {
                uncovered.extend(years.split(',').filter_map(|y| y.parse::<i32>().ok()));
            }
            let days_left = (due - today).num_days();
            o.case.clear();
            o.case.push_str(text_at(r, 0, "obligations.case_number")?);
            o.kind = kind;
            o.due = due;
            o.days_left = days_left;
            o.state = DeadlineState::from_days_left(days_left);
            o.owner.clear();
            o.owner.push_str(text_at(r, 3, "obligations.owner")?);
            match r.get_ref(4)?.as_str_or_null().ok().flatten() {
                Some(p) => {
                    let person = o.person.get_or_insert_with(String::new);
                    person.clear();
                    person.push_str(p);
                }
                None => o.person = None,
            }
            o.measure = measure;
            if !visit(&o) {
                break;
            }
        }
        // No sort: the ORDER BY is the domain's `most_urgent_first` key for key — the state
        // follows the due date, `case_key` orders as `case_number_order` (tested below),
        // `kind_rank` is the kind's rank, and person and measure (`11.1` … `11.7`) sort as
        // text as their Rust values do, NULL first as `None`. `check_obligations` compares
        // this order with the domain's sort in every projection test.
        Ok(uncovered)
    }

    /// [`Tx::each_open_obligation`] as `deadlines --json` writes it: `visit` gets each
    /// object's body (between `  {` and `  }`, bundle-v2.md) as three pieces to write in
    /// order, and returns false to stop. A row is its stored fragment cut in two around the
    /// `days_left`/`state` lines, which are rendered once per due date (the rows come in due
    /// order); no text is decoded or re-validated per row.
    pub fn each_open_obligation_json(
        &self,
        q: &ObligationQuery,
        today: NaiveDate,
        visit: &mut dyn FnMut([&[u8]; 3]) -> bool,
    ) -> Result<Uncovered, StoreError> {
        Ok(super::obligations_walk::walk(&self.tx, q, None, today, visit)?.0)
    }
}

impl Store {
    /// Compute due dates with `cal` from now on. The projection is rebuilt at its next use
    /// if it was computed with another calendar.
    pub fn set_calendar(&mut self, cal: Calendar) {
        self.proj = Projection::new(cal);
    }

    /// The calendar due dates are computed with (the built-in one unless set).
    pub fn calendar(&self) -> &Calendar {
        &self.proj.cal
    }

    /// [`Tx::open_obligations`] on a fresh projection.
    pub fn open_obligations(
        &self,
        q: &ObligationQuery,
        today: NaiveDate,
    ) -> Result<(Vec<Obligation>, Uncovered), StoreError> {
        self.read_projection(|tx| tx.open_obligations(q, today))
    }

    /// [`Tx::each_open_obligation`] on a fresh projection.
    pub fn each_open_obligation(
        &self,
        q: &ObligationQuery,
        today: NaiveDate,
        visit: &mut dyn FnMut(&Obligation) -> bool,
    ) -> Result<Uncovered, StoreError> {
        let visit = std::cell::RefCell::new(visit);
        self.read_projection(|tx| tx.each_open_obligation(q, today, *visit.borrow_mut()))
    }

    /// [`Tx::each_open_obligation_json`] on a fresh projection, on both cores: chunks of at
    /// most [`CHUNK_ROWS`](super::obligations_walk::CHUNK_ROWS) rows, every other one
    /// rendered ahead by a helper thread (`store::obligations_walk`).
    pub fn each_open_obligation_json(
        &self,
        q: &ObligationQuery,
        today: NaiveDate,
        visit: &mut dyn FnMut([&[u8]; 3]) -> bool,
    ) -> Result<Uncovered, StoreError> {
        self.each_open_obligation_json_in(q, today, super::obligations_walk::CHUNK_ROWS, visit)
    }

    /// [`Store::each_open_obligation_json`] in chunks of at most `chunk_rows` rows (the tests
    /// use small chunks to cross many chunk edges).
    pub fn each_open_obligation_json_in(
        &self,
        q: &ObligationQuery,
        today: NaiveDate,
        chunk_rows: u64,
        visit: &mut dyn FnMut([&[u8]; 3]) -> bool,
    ) -> Result<Uncovered, StoreError> {
        let visit = std::cell::RefCell::new(visit);
        self.read_projection(|tx| {
            super::obligations_walk::parallel(
                tx,
                &self.path,
                q,
                today,
                chunk_rows,
                *visit.borrow_mut(),
            )
        })
    }

    /// Run `f` on a fresh projection: in a short read transaction when the projection on
    /// file is this connection's; otherwise rebuilt first, in a write transaction (once,
    /// after a calendar or release change).
    pub fn read_projection<T>(
        &self,
        f: impl Fn(&Tx<'_>) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        let fresh = self.read(|tx| {
            if tx.obligations_fresh()? {
                Ok(Some(f(tx)?))
            } else {
                Ok(None)
            }
        })?;
        match fresh {
            Some(out) => Ok(out),
            None => self.write_once(|tx| {
                tx.ensure_obligations()?;
                f(tx)
            }),
        }
    }
}

/// What [`Store::check_obligations`] found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProjectionCheck {
    /// The stored rows equal a full recomputation from every case.
    Equal,
    /// The projection was computed with another calendar or release (it would be rebuilt
    /// at its next use).
    Stale,
    /// The stored rows differ from a full recomputation: the first difference.
    Differs(String),
}

impl Store {
    /// Compare the stored obligations with a full recomputation of every case by the
    /// domain's rules, with this connection's calendar, as of `today` (a day on or after
    /// every record). A diagnostic and the tests' proof; it loads every case, so it is not
    /// for the interactive paths.
    pub fn check_obligations(&self, today: NaiveDate) -> Result<ProjectionCheck, StoreError> {
        let (mut want, mut want_unc) = (Vec::new(), Uncovered::new());
        let check = self.read(|tx| {
            if !tx.obligations_fresh()? {
                return Ok(ProjectionCheck::Stale);
            }
            let (stored, stored_unc) =
                tx.open_obligations(&ObligationQuery::all(Reach::All), today)?;
            let cases = tx.cases()?;
            let mut unc = Uncovered::new();
            let full = crate::domain::deadlines::obligations(
                cases.iter().map(|r| &r.case),
                &self.proj.cal,
                today,
                &mut unc,
            );
            if stored.len() != full.len() {
                return Ok(ProjectionCheck::Differs(format!(
                    "{} stored, {} recomputed",
                    stored.len(),
                    full.len()
                )));
            }
            if let Some((a, b)) = stored.iter().zip(&full).find(|(a, b)| a != b) {
                return Ok(ProjectionCheck::Differs(format!(
                    "stored {a:?}, recomputed {b:?}"
                )));
            }
            // `deadlines --json` from the stored fragments is serde's rendering of the
            // recomputed obligations, byte for byte.
            let mut json = Vec::new();
            let mut array = super::obligations_json::Array::new();
            let mut written = Ok(());
            tx.each_open_obligation_json(&ObligationQuery::all(Reach::All), today, &mut |b| {
                written = array.item(&mut json, &b);
                written.is_ok()
            })?;
            want = serde_json::to_vec_pretty(&full)
                .map_err(|e| StoreError::Corrupt(format!("obligations as JSON: {e}")))?;
            want_unc = unc.clone();
            written
                .and_then(|()| array.finish(&mut json))
                .map_err(|e| StoreError::Corrupt(format!("obligations as JSON: {e}")))?;
            if json != want {
                let at = json.iter().zip(&want).take_while(|(a, b)| a == b).count();
                let around = |v: &[u8]| {
                    String::from_utf8_lossy(&v[at.saturating_sub(80)..(at + 80).min(v.len())])
                        .into_owned()
                };
                return Ok(ProjectionCheck::Differs(format!(
                    "deadlines --json differs from serde at byte {at}: stored {:?}, serde {:?}",
                    around(&json),
                    around(&want)
                )));
            }
            if stored_unc != unc {
                return Ok(ProjectionCheck::Differs(format!(
                    "uncovered years: stored {stored_unc:?}, recomputed {unc:?}"
                )));
            }
            // The count of rows per due date that plans the chunked walk.
            let days = |sql: &str| -> Result<Vec<(String, i64)>, StoreError> {
                let mut st = tx.tx.prepare(sql)?;
                let rows = st.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
                Ok(rows.collect::<Result<_, _>>()?)
            };
            let kept = days("SELECT due, n FROM obligation_days ORDER BY due")?;
            let counted = days("SELECT due, count(*) FROM obligations GROUP BY due ORDER BY due")?;
            if kept != counted {
                return Ok(ProjectionCheck::Differs(format!(
                    "rows per due date: kept {kept:?}, counted {counted:?}"
                )));
            }
            // Art. 8(3)'s outcomes per person and day (`store::repeats`).
            let kept = days(
                "SELECT login || ' ' || decided_on, n FROM prior_days ORDER BY login, decided_on",
            )?;
            let counted = days(
                "SELECT login || ' ' || decided_on, count(*) FROM prior_outcomes
                  WHERE grade <> 'none' AND exempted = 0
                  GROUP BY login, decided_on ORDER BY login, decided_on",
            )?;
            if kept != counted {
                return Ok(ProjectionCheck::Differs(format!(
                    "Art. 8(3) outcomes per person and day: kept {kept:?}, counted {counted:?}"
                )));
            }
            Ok(ProjectionCheck::Equal)
        })?;
        if check != ProjectionCheck::Equal {
            return Ok(check);
        }
        // The same bytes walked in chunks of two rows, every other one by the helper thread.
        for chunk_rows in [1, 2] {
            let mut json = Vec::new();
            let mut array = super::obligations_json::Array::new();
            let mut written = Ok(());
            let unc = self.each_open_obligation_json_in(
                &ObligationQuery::all(Reach::All),
                today,
                chunk_rows,
                &mut |b| {
                    written = array.item(&mut json, &b);
                    written.is_ok()
                },
            )?;
            written
                .and_then(|()| array.finish(&mut json))
                .map_err(|e| StoreError::Corrupt(format!("obligations as JSON: {e}")))?;
            if json != want || unc != want_unc {
                let at = json.iter().zip(&want).take_while(|(a, b)| a == b).count();
                return Ok(ProjectionCheck::Differs(format!(
                    "deadlines --json in chunks of {chunk_rows} differs at byte {at} \
                     (uncovered {unc:?} against {want_unc:?})"
                )));
            }
        }
        Ok(ProjectionCheck::Equal)
    }
}

#[cfg(test)]
mod tests {
    use std::cmp::Ordering;

    use super::case_key;
    use crate::domain::deadlines::case_number_order;

    #[test]
    fn case_key_orders_as_case_number_order() {
        let numbers = [
            "卧应急责〔2026〕7号",
            "卧应急责〔2026〕10号",
            "卧应急责〔2026〕2号",
            "卧应急责〔2025〕100号",
            "卧应急责〔2026〕007号",
            "卧应急责〔2026〕",
            "A1",
            "A01",
            "A1b",
            "A1-",
            "A",
            "1",
            "9x",
            "10",
            "",
            "x9",
            "x 9",
            "卧应急责〔2026〕0号",
            "卧应急责〔2026〕00号",
        ];
        for a in numbers {
            for b in numbers {
                let by_key = case_key(a).cmp(&case_key(b));
                assert_eq!(by_key, case_number_order(a, b), "{a:?} vs {b:?}");
                if a != b {
                    assert_ne!(by_key, Ordering::Equal, "{a:?} vs {b:?}");
                }
            }
        }
    }
}
