//! `deadlines --json` from the stored fragments, on both cores (issue 10: ≤ 200 ms at
//! 1,000,000 cases, 755,000 open obligations, 144 MB of JSON).
//!
//! One walk of the covering index `obligations_due` spends half its time in SQLite and the
//! kernel's page reads, which no rendering trick removes. So the walk is cut into *chunks*:
//! runs of consecutive due dates holding at most a bounded number of rows together, planned
//! from `obligation_days` (the number of rows per due date, kept by triggers, schema V10).
//! The chunks partition the rows in the index's own order, because the query's order starts
//! with `due` and a chunk is a range of `due`. The caller's connection walks the even chunks
//! and writes them as it goes; a helper thread with a second connection to the same file
//! renders the odd chunks into a buffer, one ahead, which the caller copies out in turn. At
//! most two rendered chunks are held at a time: memory stays bounded whatever the size of
//! the bureau (a single due date with more rows than a chunk's bound is walked by the
//! caller itself, never buffered).
//!
//! Both connections must read the same state. The helper opens its read transaction after
//! the caller's and compares the change counter (every case write takes its next value), the
//! projection's stamp and the audit log's head; if any differs, or the helper meets any
//! error, it stops and the caller walks the remaining chunks itself: the answer is the same,
//! only slower. A database without a file (the replay's scratch store) is walked in one go.

use std::path::Path;
use std::sync::mpsc::{Receiver, sync_channel};

use chrono::NaiveDate;
use rusqlite::types::ValueRef;
use rusqlite::{Connection, OpenFlags, params_from_iter};

use super::obligations::{ObligationQuery, select_days, stored_date};
use super::{StoreError, Tx};
use crate::domain::calendar::Uncovered;

/// The most rows a chunk holds (about 3 MB of JSON), unless one due date alone has more.
pub const CHUNK_ROWS: u64 = 16_384;

/// A run of consecutive due dates, `first..=last` as stored.
#[derive(Debug, Clone)]
struct Chunk {
    first: String,
    last: String,
    rows: u64,
}

/// What both connections must agree on to be reading the same state.
type Snapshot = (i64, Option<String>, Option<i64>);

fn snapshot(conn: &Connection) -> Result<Snapshot, StoreError> {
    Ok(conn.query_row(
        "SELECT (SELECT rev FROM counter WHERE one = 1),
                (SELECT value FROM meta WHERE key = 'obligations_stamp'),
                (SELECT max(seq) FROM audit)",
        [],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )?)
}

/// The chunks of the whole projection, at most `cap` rows each where a date allows.
fn plan(conn: &Connection, cap: u64) -> Result<Vec<Chunk>, StoreError> {
    let mut st =
        conn.prepare_cached("SELECT due, n FROM obligation_days WHERE n > 0 ORDER BY due")?;
    let mut rows = st.query([])?;
    let mut out: Vec<Chunk> = Vec::new();
    while let Some(r) = rows.next()? {
        let due: String = r.get(0)?;
        let n = u64::try_from(r.get::<_, i64>(1)?).unwrap_or(0);
        match out.last_mut() {
            Some(c) if c.rows + n <= cap => {
                c.last = due;
                c.rows += n;
            }
            _ => out.push(Chunk {
                first: due.clone(),
                last: due,
                rows: n,
            }),
        }
    }
    Ok(out)
}

/// Walk the rows of `q` (those due in `days` only, if given) in the index's order. `visit`
/// gets each object's body as three pieces to write in order and returns false to stop.
/// Gives the uncovered years met and whether the walk ran to its end.
pub(super) fn walk(
    conn: &Connection,
    q: &ObligationQuery,
    days: Option<(&str, &str)>,
    today: NaiveDate,
    visit: &mut dyn FnMut([&[u8]; 3]) -> bool,
) -> Result<(Uncovered, bool), StoreError> {
    let Some((sql, args)) = select_days(q, "json", days) else {
        return Ok((Uncovered::new(), true));
    };
    // The uncovered years first, from the few rows that have any (a partial index): the walk
    // itself reads one column a row.
    let uncovered = uncovered_years(conn, q, days)?;
    let mut stmt = conn.prepare_cached(&sql)?;
    let mut rows = stmt.query(params_from_iter(args))?;
    let mut due: Vec<u8> = Vec::new();
    let mut middle: Vec<u8> = Vec::new();
    while let Some(r) = rows.next()? {
        let ValueRef::Blob(json) = r.get_ref(0)? else {
            return Err(StoreError::Corrupt(
                "obligations: a row without its JSON".into(),
            ));
        };
        let (head, tail) = super::obligations_json::split(json).ok_or_else(|| {
            StoreError::Corrupt("obligations.json: not an obligation's lines".into())
        })?;
        let d = super::obligations_json::head_due(head).ok_or_else(|| {
            StoreError::Corrupt("obligations.json: no due date in an obligation's lines".into())
        })?;
        if d != due.as_slice() {
            let days_left = (stored_date(d)? - today).num_days();
            middle.clear();
            super::obligations_json::middle(&mut middle, days_left);
            due.clear();
            due.extend_from_slice(d);
        }
        if !visit([head, &middle, tail]) {
            return Ok((uncovered, false));
        }
    }
    Ok((uncovered, true))
}

/// The years the calendar did not cover for the rows of `q` due in `days`, read through the
/// partial index `obligations_uncovered` (schema V10): normally no row at all.
fn uncovered_years(
    conn: &Connection,
    q: &ObligationQuery,
    days: Option<(&str, &str)>,
) -> Result<Uncovered, StoreError> {
    let mut uncovered = Uncovered::new();
    let Some((sql, args)) = select_days(q, "uncovered", days) else {
        return Ok(uncovered);
    };
    // Same filter, only the rows with uncovered years, in any order.
    let sql = sql.replacen(
        "WHERE 1",
        "INDEXED BY obligations_uncovered WHERE uncovered IS NOT NULL",
        1,
    );
    let sql = &sql[..sql.rfind(" ORDER BY").unwrap_or(sql.len())];
    let mut stmt = conn.prepare_cached(sql)?;
    let mut rows = stmt.query(params_from_iter(args))?;
    while let Some(r) = rows.next()? {
        if let ValueRef::Text(years) = r.get_ref(0)? {
            let years = std::str::from_utf8(years)
                .map_err(|e| StoreError::Corrupt(format!("obligations.uncovered: {e}")))?;
            uncovered.extend(years.split(',').filter_map(|y| y.parse::<i32>().ok()));
        }
    }
    Ok(uncovered)
}

/// A chunk rendered by the helper: the objects' bodies end to end, where each ends, and the
/// uncovered years they met.
#[derive(Default)]
struct Rendered {
    bodies: Vec<u8>,
    ends: Vec<usize>,
    uncovered: Uncovered,
}

/// The helper thread: render `chunks` (in order) from its own connection to `path`, each
/// sent as soon as it is done; stops at the first error (sent) or when the caller hangs up.
fn helper(
    path: &Path,
    q: &ObligationQuery,
    today: NaiveDate,
    expect: &Snapshot,
    chunks: &[&Chunk],
    send: &std::sync::mpsc::SyncSender<Result<Rendered, StoreError>>,
    spent: &Receiver<Rendered>,
) {
    let run = || -> Result<(), StoreError> {
        super::alloc::install();
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        conn.busy_timeout(super::BUSY_TIMEOUT)?;
        conn.pragma_update(None, "query_only", true)?;
        conn.execute_batch("BEGIN DEFERRED")?;
        if &snapshot(&conn)? != expect {
            return Err(StoreError::Busy { seconds: 0 });
        }
        for c in chunks {
            // A buffer the caller has finished with, or a new one sized for the chunk (about
            // 200 bytes an object): no growing, and no fresh pages to fault in each time.
            let mut r = spent.try_recv().unwrap_or_else(|_| Rendered {
                bodies: Vec::with_capacity(c.rows as usize * 200),
                ends: Vec::with_capacity(c.rows as usize),
                uncovered: Uncovered::new(),
            });
            r.bodies.clear();
            r.ends.clear();
            walk(&conn, q, Some((&c.first, &c.last)), today, &mut |body| {
                for piece in body {
                    r.bodies.extend_from_slice(piece);
                }
                r.ends.push(r.bodies.len());
                true
            })
            .map(|(u, _)| r.uncovered = u)?;
            if send.send(Ok(r)).is_err() {
                break;
            }
        }
        conn.execute_batch("COMMIT")?;
        Ok(())
    };
    if let Err(e) = run() {
        let _ = send.send(Err(e));
    }
}

/// Hand the helper's next chunk to `visit`; None if the helper has stopped (the caller walks
/// the chunk itself), else whether to go on.
fn replay(
    from: &Receiver<Result<Rendered, StoreError>>,
    back: &std::sync::mpsc::SyncSender<Rendered>,
    uncovered: &mut Uncovered,
    visit: &mut dyn FnMut([&[u8]; 3]) -> bool,
) -> Option<bool> {
    let r = from.recv().ok()?.ok()?;
    uncovered.extend(r.uncovered.iter().copied());
    let mut start = 0;
    for &end in &r.ends {
        if !visit([&r.bodies[start..end], &[], &[]]) {
            return Some(false);
        }
        start = end;
    }
    // The buffer goes back to the helper for a later chunk (dropped if it has enough).
    let _ = back.try_send(r);
    Some(true)
}

/// [`walk`] of every row of `q`, the odd chunks of at most `cap` rows rendered ahead by a
/// helper thread (see the module documentation). `path` is the database's file.
pub(super) fn parallel(
    tx: &Tx<'_>,
    path: &Path,
    q: &ObligationQuery,
    today: NaiveDate,
    cap: u64,
    visit: &mut dyn FnMut([&[u8]; 3]) -> bool,
) -> Result<Uncovered, StoreError> {
    let conn: &Connection = &tx.tx;
    let chunks = if path.as_os_str().is_empty() {
        Vec::new()
    } else {
        plan(conn, cap)?
    };
    if chunks.len() < 2 {
        return Ok(walk(conn, q, None, today, visit)?.0);
    }
    let here = snapshot(conn)?;
    // The helper takes the odd chunks that fit the bound; the caller walks the rest.
    let ahead: Vec<&Chunk> = chunks
        .iter()
        .enumerate()
        .filter(|(i, c)| i % 2 == 1 && c.rows <= cap)
        .map(|(_, c)| c)
        .collect();
    let mut uncovered = Uncovered::new();
    std::thread::scope(|s| {
        let (send, recv) = sync_channel(1);
        let (back, spent) = sync_channel(2);
        let (here, ahead) = (&here, &ahead);
        s.spawn(move || helper(path, q, today, here, ahead, &send, &spent));
        let mut helped = true;
        for (i, c) in chunks.iter().enumerate() {
            if helped && i % 2 == 1 && c.rows <= cap {
                match replay(&recv, &back, &mut uncovered, visit) {
                    Some(true) => continue,
                    Some(false) => return Ok(()),
                    None => helped = false,
                }
            }
            let (u, go) = walk(conn, q, Some((&c.first, &c.last)), today, visit)?;
            uncovered.extend(u.iter().copied());
            if !go {
                return Ok(());
            }
        }
        Ok::<(), StoreError>(())
        // `recv` is dropped here, before the scope joins the helper: a helper still
        // rendering finds the caller gone at its next send and stops.
    })?;
    Ok(uncovered)
}
