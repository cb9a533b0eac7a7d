//! Art. 8(3) asked of the store (issue 10): per person, how many other cases make 8.3 apply
//! and the latest few, counted in the index `prior_outcomes_repeat` (schema V11) — a
//! bounded read whatever the person's record; the outcomes themselves are never loaded.
//!
//! The rows are each case's final outcomes as the domain extracts them
//! ([`crate::domain::liability::prior_outcomes`], written by `Tx::project_case`); the window
//! comes from the domain ([`crate::domain::liability::earliest_counted`]); the conditions
//! are RULES.md 8.3's, as [`crate::domain::liability::repeats`] applies them to a full list
//! (tests/projection.rs holds the two equal).

use chrono::NaiveDate;

use super::{StoreError, Tx};
use crate::domain::liability::{REPEAT_SHOWN, Repeats};

/// RULES.md 8.3: the outcomes for `?1` with a grade other than none and not exempted,
/// decided in `[?2, ?3]` — summed from their per-day counts (`prior_days`, schema V12: at
/// most a year of rows, whatever the person's record) — less those of this case `?4`, found
/// by its key (the `+` keeps SQLite from walking the person's range for them). A case's final
/// outcomes name each person once and case numbers are unique, so counting rows counts cases.
const COUNT: &str = "
SELECT (SELECT coalesce(sum(n), 0) FROM prior_days
         WHERE login = ?1 AND decided_on BETWEEN ?2 AND ?3)
     - (SELECT count(*) FROM prior_outcomes
         WHERE case_id = (SELECT id FROM cases WHERE number = ?4)
           AND +login = ?1 AND +decided_on BETWEEN ?2 AND ?3
           AND grade <> 'none' AND exempted = 0)";

/// The same outcomes, the latest `?5` by decision date then case number (the index's
/// order, walked backwards from `?3`: no sort).
const LATEST: &str = "
SELECT case_number FROM prior_outcomes
 WHERE login = ?1 AND decided_on BETWEEN ?2 AND ?3 AND case_number <> ?4
   AND grade <> 'none' AND exempted = 0
 ORDER BY decided_on DESC, case_number DESC
 LIMIT ?5";

impl Tx<'_> {
    /// Art. 8(3) for `login` in case `this_case`: the other cases with a final outcome for
    /// them of a grade other than none, not exempted, decided in `earliest..=reference`
    /// — how many, and the latest [`REPEAT_SHOWN`].
    pub fn repeats(
        &self,
        this_case: &str,
        login: &str,
        earliest: NaiveDate,
        reference: NaiveDate,
    ) -> Result<Repeats, StoreError> {
        let (from, to) = (earliest.to_string(), reference.to_string());
        let count: i64 = self
            .tx
            .prepare_cached(COUNT)?
            .query_row(rusqlite::params![login, from, to, this_case], |r| r.get(0))?;
        let count = usize::try_from(count).unwrap_or(0);
        if count == 0 {
            return Ok(Repeats::default());
        }
        let mut st = self.tx.prepare_cached(LATEST)?;
        let rows = st.query_map(
            rusqlite::params![login, from, to, this_case, REPEAT_SHOWN as i64],
            |r| r.get::<_, String>(0),
        )?;
        let mut latest = rows.collect::<Result<Vec<_>, _>>()?;
        latest.reverse();
        Ok(Repeats { count, latest })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Store;

    /// The plan SQLite chose for `sql`, one line per step.
    fn plan(store: &Store, sql: &str, args: usize) -> String {
        store
            .read(|tx| {
                let mut st = tx.tx.prepare(&format!("EXPLAIN QUERY PLAN {sql}"))?;
                let params: Vec<String> = (0..args).map(|_| "x".to_string()).collect();
                let rows = st.query_map(rusqlite::params_from_iter(params), |r| {
                    r.get::<_, String>(3)
                })?;
                Ok(rows.collect::<Result<Vec<_>, _>>()?.join("\n"))
            })
            .expect("plan")
    }

    /// Issue 10: the count walks only the person's qualifying index entries, and the
    /// latest few come from the index's end with no sort; this case is found by its key.
    #[test]
    fn the_reads_walk_the_partial_index_and_never_sort() {
        let store = Store::scratch().expect("store");
        let count = plan(&store, COUNT, 4);
        assert!(
            count.contains(
                "SEARCH prior_days USING PRIMARY KEY (login=? AND decided_on>? AND decided_on<?)"
            ),
            "{count}"
        );
        assert!(count.contains("USING PRIMARY KEY (case_id=?)"), "{count}");
        let latest = plan(&store, LATEST, 5);
        assert!(
            latest.starts_with("SEARCH prior_outcomes USING COVERING INDEX prior_outcomes_repeat"),
            "{latest}"
        );
        assert!(!latest.contains("TEMP B-TREE"), "{latest}");
    }
}
