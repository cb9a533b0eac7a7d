//! Reading cases back, exactly as saved: lists in saved order, absent stages as `None`.
//!
//! Loading many cases runs one query per table (not per case) and distributes the child rows
//! by case id, so listing 100 000 cases costs a few table scans.

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::{Row, ToSql};

use super::cases::{CASE_COLUMNS, enum_from_sql};
use super::{CaseRecord, StoreError, Tx};
use crate::domain::liability::PriorOutcome;
use crate::domain::model::{
    Acceptance, Act, Appeal, Case, Complainant, DecidedOutcome, Decision, Deliberation, Evidence,
    Findings, Interview, Recusal, Sanction, Team,
};

/// Which cases to load.
#[derive(Clone, Copy)]
enum Scope {
    All,
    Id(i64),
    SinceRev(i64),
    /// Cases with a committee decision (Art. 8(3)'s priors).
    Decided,
    /// Ids in `(after, upto]`: walking the register in slices of bounded size.
    IdRange(i64, i64),
}

impl Scope {
    /// The WHERE clause for `cases`, and for a child table keyed by `case_id`.
    fn filters(self) -> (&'static str, &'static str) {
        match self {
            Scope::All => ("", ""),
            Scope::Id(_) => ("WHERE id = ?1", "WHERE case_id = ?1"),
            Scope::IdRange(..) => (
                "WHERE id > ?1 AND id <= ?2",
                "WHERE case_id > ?1 AND case_id <= ?2",
            ),
            // By the change counter's index: without statistics SQLite would rather walk
            // every case in id order than sort the few changed ones (a refresh by revision
            // read the whole register: 16 ms at 100,000 cases).
            Scope::SinceRev(_) => (
                "INDEXED BY cases_rev WHERE rev > ?1",
                "WHERE case_id IN (SELECT id FROM cases WHERE rev > ?1)",
            ),
            Scope::Decided => (
                "WHERE decision_on IS NOT NULL",
                "WHERE case_id IN (SELECT id FROM cases WHERE decision_on IS NOT NULL)",
            ),
        }
    }

    fn param(&self) -> Vec<&dyn ToSql> {
        match self {
            Scope::All | Scope::Decided => vec![],
            Scope::Id(v) | Scope::SinceRev(v) => vec![v as &dyn ToSql],
            Scope::IdRange(a, b) => vec![a as &dyn ToSql, b as &dyn ToSql],
        }
    }
}

/// A stored `YYYY-MM-DD` date. The store writes exactly that form, so it is read by hand:
/// chrono's format-string parser was a visible share of reading 75,000 obligations.
/// Anything else is refused as corrupt, as chrono would.
pub(super) fn parse_date(s: &str, column: &str) -> Result<NaiveDate, StoreError> {
    let b = s.as_bytes();
    let digits = |r: std::ops::Range<usize>| -> Option<u32> {
        b.get(r)?.iter().try_fold(0u32, |n, &c| {
            c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0'))
        })
    };
    let date = (b.len() == 10 && b[4] == b'-' && b[7] == b'-')
        .then(|| {
            let y = i32::try_from(digits(0..4)?).ok()?;
            NaiveDate::from_ymd_opt(y, digits(5..7)?, digits(8..10)?)
        })
        .flatten();
    date.ok_or_else(|| StoreError::Corrupt(format!("{column}: not a date: {s:?}")))
}

fn get_date(row: &Row<'_>, i: usize, column: &str) -> Result<NaiveDate, StoreError> {
    parse_date(&row.get::<_, String>(i)?, column)
}

fn get_opt_date(row: &Row<'_>, i: usize, column: &str) -> Result<Option<NaiveDate>, StoreError> {
    row.get::<_, Option<String>>(i)?
        .map(|s| parse_date(&s, column))
        .transpose()
}

/// A case row with its child lists still empty. Column `i + 2` is `CASE_COLUMNS[i]`.
fn case_from_row(row: &Row<'_>) -> Result<Case, StoreError> {
    let col = |i: usize| i + 2;
    let s = |i: usize| row.get::<_, String>(col(i));
    let o = |i: usize| row.get::<_, Option<String>>(col(i));
    let number = s(0)?;
    let complainant = match (o(4)?, o(5)?) {
        (Some(name), Some(contact)) => Some(Complainant { name, contact }),
        _ => None,
    };
    let acceptance = match (o(13)?, o(15)?) {
        (Some(d), Some(by)) => Some(Acceptance {
            decision: enum_from_sql(&d, "cases.acceptance_decision")?,
            on: get_date(row, col(14), "cases.acceptance_on")?,
            by,
            reason: o(16)?,
            notified_on: get_opt_date(row, col(17), "cases.acceptance_notified_on")?,
        }),
        _ => None,
    };
    let team = match o(19)? {
        Some(by) => Some(Team {
            appointed_on: get_date(row, col(18), "cases.team_appointed_on")?,
            appointed_by: by,
            members: Vec::new(),
        }),
        None => None,
    };
    let deliberation = match o(22)? {
        Some(minutes) => Some(Deliberation {
            on: get_date(row, col(21), "cases.deliberation_on")?,
            attendees: Vec::new(),
            minutes,
        }),
        None => None,
    };
    // Findings are stored as one JSON document; read it as strictly as an import would.
    let findings = match o(23)? {
        Some(json) => Some(
            serde_json::from_str::<Findings>(&json)
                .map_err(|e| StoreError::Corrupt(format!("case {number}: findings: {e}")))?,
        ),
        None => None,
    };
    let decision = match o(28)? {
        Some(text) => Some(Decision {
            on: get_date(row, col(27), "cases.decision_on")?,
            committee: Vec::new(),
            recused: Vec::new(),
            text,
            outcomes: Default::default(),
        }),
        None => None,
    };
    Ok(Case {
        title: s(1)?,
        source: enum_from_sql(&s(2)?, "cases.source")?,
        received_on: get_date(row, col(3), "cases.received_on")?,
        complainant,
        summary: s(6)?,
        act: Act {
            kind: enum_from_sql(&s(7)?, "cases.act_kind")?,
            reference: s(8)?,
            on_the_spot: row.get(col(9))?,
            handler: s(10)?,
            reviewer: o(11)?,
            approver: o(12)?,
        },
        respondents: Vec::new(),
        acceptance,
        team,
        recusals: Vec::new(),
        interested_parties_note: o(20)?,
        interviews: Vec::new(),
        evidence: Vec::new(),
        deliberation,
        findings,
        stage: enum_from_sql(&s(24)?, "cases.stage")?,
        submitted_on: get_opt_date(row, col(25), "cases.submitted_on")?,
        overdue_reason: o(26)?,
        decision,
        sanctions: Vec::new(),
        appeals: Vec::new(),
        number,
    })
}

/// A child row whose parent part of the case is missing (hand-edited database).
fn orphan(table: &str, number: &str) -> StoreError {
    StoreError::Corrupt(format!(
        "case {number}: {table} rows exist but the case has no such section"
    ))
}

impl Tx<'_> {
    /// Load the cases of `scope`, ordered by id.
    fn load(&self, scope: Scope) -> Result<Vec<CaseRecord>, StoreError> {
        let (case_filter, child_filter) = scope.filters();
        let p = scope.param();
        let mut out: Vec<CaseRecord> = Vec::new();
        let mut stmt = self.tx.prepare_cached(&format!(
            "SELECT id, version, {} FROM cases {case_filter} ORDER BY id",
            CASE_COLUMNS.join(", ")
        ))?;
        let mut rows = stmt.query(&p[..])?;
        while let Some(row) = rows.next()? {
            out.push(CaseRecord {
                id: row.get(0)?,
                version: row.get(1)?,
                case: case_from_row(row)?,
            });
        }
        drop(rows);
        if out.is_empty() {
            return Ok(out);
        }
        let index: HashMap<i64, usize> = out.iter().enumerate().map(|(i, r)| (r.id, i)).collect();
        // Visit every row of a child table (ordered by case, then `ord`) with its case.
        let mut visit = |sql: &str,
                         f: &mut dyn FnMut(&mut Case, &Row<'_>) -> Result<(), StoreError>|
         -> Result<(), StoreError> {
            let mut stmt = self.tx.prepare_cached(&sql.replace("{F}", child_filter))?;
            let mut rows = stmt.query(&p[..])?;
            while let Some(row) = rows.next()? {
                let id: i64 = row.get(0)?;
                if let Some(&i) = index.get(&id) {
                    f(&mut out[i].case, row)?;
                }
            }
            Ok(())
        };
        visit(
            "SELECT case_id, login FROM respondents {F} ORDER BY case_id, ord",
            &mut |c, r| {
                c.respondents.push(r.get(1)?);
                Ok(())
            },
        )?;
        visit(
            "SELECT case_id, login FROM team_members {F} ORDER BY case_id, ord",
            &mut |c, r| {
                let number = c.number.clone();
                let team = c
                    .team
                    .as_mut()
                    .ok_or_else(|| orphan("team_members", &number))?;
                team.members.push(r.get(1)?);
                Ok(())
            },
        )?;
        visit(
            "SELECT case_id, person, on_date, reason FROM recusals {F} ORDER BY case_id, ord",
            &mut |c, r| {
                c.recusals.push(Recusal {
                    person: r.get(1)?,
                    on: get_date(r, 2, "recusals.on_date")?,
                    reason: r.get(3)?,
                });
                Ok(())
            },
        )?;
        visit(
            "SELECT case_id, on_date, kind, interviewee, transcript, signed, waived
               FROM interviews {F} ORDER BY case_id, ord",
            &mut |c, r| {
                c.interviews.push(Interview {
                    on: get_date(r, 1, "interviews.on_date")?,
                    kind: enum_from_sql(&r.get::<_, String>(2)?, "interviews.kind")?,
                    interviewee: r.get(3)?,
                    interviewers: Vec::new(),
                    transcript: r.get(4)?,
                    signed: r.get(5)?,
                    waived: r.get(6)?,
                });
                Ok(())
            },
        )?;
        visit(
            "SELECT case_id, interview_ord, login FROM interviewers {F}
              ORDER BY case_id, interview_ord, ord",
            &mut |c, r| {
                let n: i64 = r.get(1)?;
                let number = c.number.clone();
                let iv = usize::try_from(n)
                    .ok()
                    .and_then(|n| c.interviews.get_mut(n))
                    .ok_or_else(|| orphan("interviewers", &number))?;
                iv.interviewers.push(r.get(2)?);
                Ok(())
            },
        )?;
        visit(
            "SELECT case_id, kind, description, collected_on, collected_by, sha256
               FROM evidence {F} ORDER BY case_id, ord",
            &mut |c, r| {
                c.evidence.push(Evidence {
                    kind: r.get(1)?,
                    description: r.get(2)?,
                    collected_on: get_date(r, 3, "evidence.collected_on")?,
                    collected_by: r.get(4)?,
                    sha256: r.get(5)?,
                });
                Ok(())
            },
        )?;
        visit(
            "SELECT case_id, login FROM deliberation_attendees {F} ORDER BY case_id, ord",
            &mut |c, r| {
                let number = c.number.clone();
                let d = c
                    .deliberation
                    .as_mut()
                    .ok_or_else(|| orphan("deliberation_attendees", &number))?;
                d.attendees.push(r.get(1)?);
                Ok(())
            },
        )?;
        visit(
            "SELECT case_id, role, login FROM decision_members {F} ORDER BY case_id, role, ord",
            &mut |c, r| {
                let number = c.number.clone();
                let d = c
                    .decision
                    .as_mut()
                    .ok_or_else(|| orphan("decision_members", &number))?;
                let role: String = r.get(1)?;
                match role.as_str() {
                    "committee" => d.committee.push(r.get(2)?),
                    _ => d.recused.push(r.get(2)?),
                }
                Ok(())
            },
        )?;
        visit(
            "SELECT case_id, login, grade, exempted FROM decision_outcomes {F}
              ORDER BY case_id, login",
            &mut |c, r| {
                let number = c.number.clone();
                let d = c
                    .decision
                    .as_mut()
                    .ok_or_else(|| orphan("decision_outcomes", &number))?;
                d.outcomes.insert(
                    r.get(1)?,
                    DecidedOutcome {
                        grade: enum_from_sql(&r.get::<_, String>(2)?, "decision_outcomes.grade")?,
                        exempted: r.get(3)?,
                        sanctions: Vec::new(),
                    },
                );
                Ok(())
            },
        )?;
        visit(
            "SELECT case_id, login, measure FROM outcome_measures {F}
              ORDER BY case_id, login, ord",
            &mut |c, r| {
                let number = c.number.clone();
                let login: String = r.get(1)?;
                let o = c
                    .decision
                    .as_mut()
                    .and_then(|d| d.outcomes.get_mut(&login))
                    .ok_or_else(|| orphan("outcome_measures", &number))?;
                o.sanctions.push(enum_from_sql(
                    &r.get::<_, String>(2)?,
                    "outcome_measures.measure",
                )?);
                Ok(())
            },
        )?;
        visit(
            "SELECT case_id, person, measure, applied_on, note, amount
               FROM sanctions {F} ORDER BY case_id, ord",
            &mut |c, r| {
                c.sanctions.push(Sanction {
                    person: r.get(1)?,
                    measure: enum_from_sql(&r.get::<_, String>(2)?, "sanctions.measure")?,
                    applied_on: get_date(r, 3, "sanctions.applied_on")?,
                    note: r.get(4)?,
                    amount: r.get(5)?,
                });
                Ok(())
            },
        )?;
        visit(
            "SELECT case_id, person, kind, filed_on, accepted_on, extended, decided_on, result,
                    outcome, changed_to
               FROM appeals {F} ORDER BY case_id, ord",
            &mut |c, r| {
                c.appeals.push(Appeal {
                    person: r.get(1)?,
                    kind: enum_from_sql(&r.get::<_, String>(2)?, "appeals.kind")?,
                    filed_on: get_date(r, 3, "appeals.filed_on")?,
                    accepted_on: get_opt_date(r, 4, "appeals.accepted_on")?,
                    extended: r.get(5)?,
                    decided_on: get_opt_date(r, 6, "appeals.decided_on")?,
                    result: r.get(7)?,
                    outcome: match r.get::<_, Option<String>>(8)? {
                        Some(o) => Some(enum_from_sql(&o, "appeals.outcome")?),
                        None => None,
                    },
                    changed_to: match r.get::<_, Option<String>>(9)? {
                        Some(j) => Some(serde_json::from_str(&j).map_err(|e| {
                            StoreError::Corrupt(format!("appeals.changed_to: {e}"))
                        })?),
                        None => None,
                    },
                });
                Ok(())
            },
        )?;
        Ok(out)
    }

    pub fn case(&self, number: &str) -> Result<Option<CaseRecord>, StoreError> {
        match self.case_id(number)? {
            Some(id) => Ok(self.load(Scope::Id(id))?.pop()),
            None => Ok(None),
        }
    }

    /// All cases, ordered by id (= order of recording).
    pub fn cases(&self) -> Result<Vec<CaseRecord>, StoreError> {
        self.load(Scope::All)
    }

    /// The cases whose id lies in `(after, upto]`, ordered by id: a slice of the register,
    /// so that a walk over every case (projection rebuild, export) holds a bounded number.
    pub fn cases_in_id_range(&self, after: i64, upto: i64) -> Result<Vec<CaseRecord>, StoreError> {
        self.load(Scope::IdRange(after, upto))
    }

    /// The highest case id on record (0 with no cases).
    pub fn max_case_id(&self) -> Result<i64, StoreError> {
        Ok(self
            .tx
            .prepare_cached("SELECT coalesce(max(id), 0) FROM cases")?
            .query_row([], |r| r.get(0))?)
    }

    /// Cases written after change counter `rev`, and the counter's current value (pass it
    /// next time). Start with 0 to get everything.
    pub fn cases_since(&self, rev: i64) -> Result<(Vec<CaseRecord>, i64), StoreError> {
        let now = self.current_rev()?;
        Ok((self.load(Scope::SinceRev(rev))?, now))
    }

    /// The numbers that are `prefix` followed by a digit or a sign (the bureau's own numbers
    /// of a year, `卧应急责〔YEAR〕` then `N号`), for assigning the next one: a range of the
    /// unique index on `number` (issue 10: intake at 1,000,000 cases scanned every number),
    /// which leaves out the other forms (`…〔YEAR〕S17号`, other bureaus') that take no part in
    /// numbering anyway.
    pub fn case_numbers_with_prefix(&self, prefix: &str) -> Result<Vec<String>, StoreError> {
        let mut stmt = self.tx.prepare_cached(
            "SELECT number FROM cases WHERE number >= ?1 AND number < ?2 ORDER BY id",
        )?;
        // '+' … '9' in ASCII: the signs and digits `u32::from_str` takes; ':' follows '9'.
        let rows = stmt.query_map([format!("{prefix}+"), format!("{prefix}:")], |r| r.get(0))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Every final outcome on record (after reviews and appeals, bundle-v2.md), for
    /// Art. 8(3): [`crate::domain::liability::prior_outcomes`] over every decided case (a
    /// verdict needs the person's record across the whole bureau, not only the cases its
    /// reader may open).
    pub fn prior_outcomes(&self) -> Result<Vec<PriorOutcome>, StoreError> {
        let decided = self.load(Scope::Decided)?;
        Ok(crate::domain::liability::prior_outcomes(
            decided.iter().map(|r| &r.case),
        ))
    }
}
