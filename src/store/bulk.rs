//! Bulk writing (issue 10: an import of 100,000 cases no slower than before the projections
//! and the full-text index existed).
//!
//! Every case written normally fires triggers that keep the derived tables: the full-text
//! indexes (`case_text`, `queue_text`), the queue's per-stage counts, the per-day counts of
//! open obligations and of the outcomes Art. 8(3) may count. A trigger's statement opens a savepoint, and FTS5 writes its pending
//! terms to disk at every savepoint: an import made each case its own FTS segment, then
//! merged them, and two thirds of its time went there and into the statement journals.
//!
//! [`Tx::defer_derived`] takes those triggers out for the rest of a transaction that only
//! ADDS cases (an import: existing cases are never touched), and [`Tx::fill_derived`] fills
//! the derived tables for the new cases in one set-based statement each, then puts back the
//! triggers exactly as the schema wrote them (their SQL is read from `sqlite_master` before
//! they are dropped). Both run inside the caller's transaction: a rollback restores the
//! triggers with everything else, so no reader ever sees a schema without them.
//!
//! The statements below are the triggers' bodies with `NEW` replaced by the rows of the
//! new cases; `tests/store_bulk.rs` checks that a deferred write leaves every derived table
//! exactly as the triggers would.

use rusqlite::params;

use super::search::{RECORD_TEXTS, case_texts_sql};
use super::{StoreError, Tx};

/// The triggers a deferred write takes out: every one that keeps a derived table.
const DERIVED_TRIGGERS: &str = "SELECT name, sql FROM sqlite_master
    WHERE type = 'trigger'
      AND (name LIKE 'case\\_text\\_%' ESCAPE '\\'
        OR name LIKE 'queue\\_rows\\_%' ESCAPE '\\'
        OR name LIKE 'obligation\\_days\\_%' ESCAPE '\\'
        OR name LIKE 'prior\\_days\\_%' ESCAPE '\\'
        OR name = 'audit_no_replace')
    ORDER BY name";

/// The FTS5 table's in-memory term buffer while the new cases are indexed: one flush per
/// 32 MiB of terms instead of one per MiB (the default) means fewer segments to merge.
const FILL_HASH_BYTES: i64 = 32 << 20;

/// FTS5's default `hashsize`, put back after the fill.
const DEFAULT_HASH_BYTES: i64 = 1 << 20;

/// The indexes a long deferred write takes out (see [`Tx::defer_indexes`]): every one the
/// schema created by name, none that enforces uniqueness (the import's duplicate checks and
/// every lookup it makes go through primary keys and unique indexes).
const SECONDARY_INDEXES: &str = "SELECT name, sql FROM sqlite_master
    WHERE type = 'index' AND sql IS NOT NULL AND sql NOT LIKE 'CREATE UNIQUE%'
    ORDER BY name";

/// Below this many new cases, indexes are kept up row by row: building one again from the
/// whole table would cost more than it saves.
const MIN_CASES_WITHOUT_INDEXES: i64 = 5_000;

/// What [`Tx::defer_derived`] took out, and from which case on the tables must be filled.
#[must_use = "the derived tables stay unfilled and the triggers dropped until fill_derived"]
pub struct Deferred {
    triggers: Vec<(String, String)>,
    /// The secondary indexes dropped by [`Tx::defer_indexes`], if it did.
    indexes: Vec<(String, String)>,
    /// The highest case id before the deferred writes: the new cases come after it.
    after: i64,
}

impl Deferred {
    /// Whether, with `written` new cases so far, the secondary indexes should go until the
    /// end: once the new cases outnumber those that were there (and are many), building each
    /// index once from the whole table costs less than keeping it up with every row (issue
    /// 10: at 100,000 cases into a fresh database, 3 s against 8 s). The rule bounds the
    /// cost of the rebuild by twice the rows imported, whatever the database holds.
    pub fn indexes_should_go(&self, written: i64) -> bool {
        self.indexes.is_empty() && outnumber(written, self.after)
    }
}

/// `written` new cases are many and more than the `before` there were.
fn outnumber(written: i64, before: i64) -> bool {
    written >= before.max(MIN_CASES_WITHOUT_INDEXES)
}

/// The counts the triggers keep per key: (table, key columns, the table counted, which of
/// its rows count), as in `obligation_days_*` (schema V10), `prior_days_*` (V12) and
/// `queue_rows_*` (V8).
const COUNTS: [(&str, &str, &str, &str); 3] = [
    ("obligation_days", "due", "obligations", "1"),
    (
        "prior_days",
        "login, decided_on",
        "prior_outcomes",
        "grade <> 'none' AND exempted = 0",
    ),
    ("queue_stage_counts", "stage", "queue_rows", "1"),
];

impl Tx<'_> {
    /// Take out the triggers that keep the derived tables, for a transaction that from now
    /// on only adds cases. [`Tx::fill_derived`] must follow before the commit.
    pub fn defer_derived(&self) -> Result<Deferred, StoreError> {
        // A stale projection is rebuilt by the first case written (`project_case`), and
        // its rebuild rewrites every case's rows: that must happen with the triggers in.
        if !self.fresh.get() {
            self.ensure_obligations()?;
        }
        let triggers = self
            .tx
            .prepare(DERIVED_TRIGGERS)?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<Result<Vec<(String, String)>, _>>()?;
        for (name, _) in &triggers {
            self.tx.execute_batch(&format!("DROP TRIGGER \"{name}\""))?;
        }
        Ok(Deferred {
            triggers,
            indexes: Vec::new(),
            after: self.max_case_id()?,
        })
    }

    /// Drop the secondary indexes until [`Tx::fill_derived`] builds them again (see
    /// [`Deferred::indexes_should_go`]).
    pub fn defer_indexes(&self, d: &mut Deferred) -> Result<(), StoreError> {
        if !d.indexes.is_empty() {
            return Ok(());
        }
        d.indexes = self
            .tx
            .prepare(SECONDARY_INDEXES)?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<Result<Vec<(String, String)>, _>>()?;
        for (name, _) in &d.indexes {
            self.tx.execute_batch(&format!("DROP INDEX \"{name}\""))?;
        }
        Ok(())
    }

    /// Fill the derived tables for every case added since [`Tx::defer_derived`], and put its
    /// triggers (and indexes) back as they were.
    pub fn fill_derived(&self, d: Deferred) -> Result<(), StoreError> {
        let after = d.after;
        for (table, key, source, counts) in COUNTS {
            self.tx.execute(
                &format!(
                    "INSERT INTO {table} ({key}, n)
                     SELECT {key}, count(*) FROM {source} WHERE case_id > ?1 AND {counts}
                     GROUP BY {key}
                     ON CONFLICT ({key}) DO UPDATE SET n = n + excluded.n"
                ),
                [after],
            )?;
        }
        let hash = |bytes: i64| -> Result<(), StoreError> {
            for table in ["queue_text", "case_text"] {
                self.tx.execute(
                    &format!("INSERT INTO {table} ({table}, rank) VALUES ('hashsize', ?1)"),
                    [bytes],
                )?;
            }
            Ok(())
        };
        hash(FILL_HASH_BYTES)?;
        self.tx.execute(
            "INSERT INTO queue_text (rowid, filter)
             SELECT case_id, filter FROM queue_rows WHERE case_id > ?1 ORDER BY case_id",
            [after],
        )?;
        // One pass over the new cases for all their own texts (eight passes read the
        // whole table back eight times once it no longer fits the page cache).
        let (kinds, body) = case_texts_sql("c");
        self.tx.execute(
            &format!(
                "WITH {kinds}
                 INSERT INTO case_text (rowid, case_id, kind, ord, body)
                 SELECT id * 1000000 + n * 10000, id, kind, 0, body FROM (
                     SELECT c.id AS id, k.n AS n, k.kind AS kind, {body} AS body
                     FROM cases c CROSS JOIN k WHERE c.id > ?1)
                 WHERE body IS NOT NULL AND body <> '' ORDER BY id, n"
            ),
            [after],
        )?;
        for (n, kind, table, body, when) in RECORD_TEXTS {
            self.tx.execute(
                &format!(
                    "INSERT INTO case_text (rowid, case_id, kind, ord, body)
                     SELECT case_id * 1000000 + ?2 * 10000 + ord, case_id, ?3, ord, {body}
                     FROM {table} WHERE case_id > ?1 AND {when} ORDER BY case_id, ord"
                ),
                params![after, n, kind],
            )?;
        }
        hash(DEFAULT_HASH_BYTES)?;
        for (_, sql) in &d.indexes {
            self.tx.execute_batch(sql)?;
        }
        for (_, sql) in &d.triggers {
            self.tx.execute_batch(sql)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indexes_go_once_the_new_cases_are_many_and_outnumber_the_old() {
        assert!(!outnumber(4_999, 0));
        assert!(outnumber(5_000, 0));
        assert!(outnumber(5_000, 4_000));
        assert!(!outnumber(5_000, 5_001));
        assert!(!outnumber(99_999, 100_000));
        assert!(outnumber(100_000, 100_000));
    }
}
