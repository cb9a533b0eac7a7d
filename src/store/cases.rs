//! Writing cases: insert, save with an optimistic version check, and the bulk path.
//!
//! A case is one row of `cases` plus ordered rows in its child tables. Saving replaces the
//! child rows as a whole: the case's `version` guards them all, and the workflow appends
//! (an interview, a sanction) by loading, pushing and saving inside one write transaction,
//! so two appends at once both land.

use std::sync::LazyLock;

use chrono::NaiveDate;
use rusqlite::types::Value;
use rusqlite::{OptionalExtension, params, params_from_iter};
use serde::Serialize;
use serde::de::DeserializeOwned;

use super::obligations::Projected;
use super::{CaseRecord, StoreError, Tx};
use crate::domain::model::Case;

/// The columns of `cases` that hold the case itself (not id, version, rev), in the order
/// [`case_values`] produces and `cases_load` reads them.
pub(crate) const CASE_COLUMNS: [&str; 29] = [
    "number",
    "title",
    "source",
    "received_on",
    "complainant_name",
    "complainant_contact",
    "summary",
    "act_kind",
    "act_reference",
    "act_on_the_spot",
    "act_handler",
    "act_reviewer",
    "act_approver",
    "acceptance_decision",
    "acceptance_on",
    "acceptance_by",
    "acceptance_reason",
    "acceptance_notified_on",
    "team_appointed_on",
    "team_appointed_by",
    "interested_parties_note",
    "deliberation_on",
    "deliberation_minutes",
    "findings",
    "stage",
    "submitted_on",
    "overdue_reason",
    "decision_on",
    "decision_text",
];

static INSERT_SQL: LazyLock<String> = LazyLock::new(|| {
    let marks: Vec<String> = (3..3 + CASE_COLUMNS.len())
        .map(|i| format!("?{i}"))
        .collect();
    format!(
        "INSERT INTO cases (version, rev, {}) VALUES (?1, ?2, {})",
        CASE_COLUMNS.join(", "),
        marks.join(", ")
    )
});

static UPDATE_SQL: LazyLock<String> = LazyLock::new(|| {
    let sets: Vec<String> = CASE_COLUMNS
        .iter()
        .enumerate()
        .map(|(i, c)| format!("{c} = ?{}", i + 4))
        .collect();
    format!(
        "UPDATE cases SET version = ?2, rev = ?3, {} WHERE id = ?1",
        sets.join(", ")
    )
});

/// Child tables in the order their rows must be deleted (grandchildren first).
const CHILD_TABLES: [&str; 12] = [
    "respondents",
    "team_members",
    "recusals",
    "interviewers",
    "interviews",
    "evidence",
    "deliberation_attendees",
    "decision_members",
    "outcome_measures",
    "decision_outcomes",
    "sanctions",
    "appeals",
];

/// An enum's serde name (`"statement_defence"`, `"11.6"`), as stored in its TEXT column.
pub(crate) fn enum_to_sql<T: Serialize>(v: &T) -> Result<String, StoreError> {
    match serde_json::to_value(v) {
        Ok(serde_json::Value::String(s)) => Ok(s),
        other => Err(StoreError::Corrupt(format!(
            "cannot store enum value {other:?}"
        ))),
    }
}

/// The enum for a stored serde name; `column` names where it came from if it is unknown.
pub(crate) fn enum_from_sql<T: DeserializeOwned>(s: &str, column: &str) -> Result<T, StoreError> {
    serde_json::from_value(serde_json::Value::String(s.to_string()))
        .map_err(|_| StoreError::Corrupt(format!("{column}: unknown value {s:?}")))
}

fn date(d: NaiveDate) -> Value {
    Value::Text(d.to_string())
}

fn opt_date(d: Option<NaiveDate>) -> Value {
    d.map_or(Value::Null, date)
}

fn text(s: &str) -> Value {
    Value::Text(s.to_string())
}

fn opt_text(s: Option<&str>) -> Value {
    s.map_or(Value::Null, text)
}

/// A new case's row in `cases`, worked out without the database (issue 10: an import's
/// reading thread makes it while the writer is busy with earlier cases).
pub struct CaseRow(Vec<Value>);

impl CaseRow {
    pub fn of(c: &Case) -> Result<Self, StoreError> {
        Ok(CaseRow(case_values(c)?))
    }
}

/// The values of [`CASE_COLUMNS`] for `c`.
fn case_values(c: &Case) -> Result<Vec<Value>, StoreError> {
    let acc = c.acceptance.as_ref();
    let findings = match &c.findings {
        Some(f) => {
            Value::Text(serde_json::to_string(f).map_err(|e| StoreError::Corrupt(e.to_string()))?)
        }
        None => Value::Null,
    };
    Ok(vec![
        text(&c.number),
        text(&c.title),
        Value::Text(enum_to_sql(&c.source)?),
        date(c.received_on),
        opt_text(c.complainant.as_ref().map(|x| x.name.as_str())),
        opt_text(c.complainant.as_ref().map(|x| x.contact.as_str())),
        text(&c.summary),
        Value::Text(enum_to_sql(&c.act.kind)?),
        text(&c.act.reference),
        Value::Integer(c.act.on_the_spot.into()),
        text(&c.act.handler),
        opt_text(c.act.reviewer.as_deref()),
        opt_text(c.act.approver.as_deref()),
        match acc {
            Some(a) => Value::Text(enum_to_sql(&a.decision)?),
            None => Value::Null,
        },
        opt_date(acc.map(|a| a.on)),
        opt_text(acc.map(|a| a.by.as_str())),
        opt_text(acc.and_then(|a| a.reason.as_deref())),
        opt_date(acc.and_then(|a| a.notified_on)),
        opt_date(c.team.as_ref().map(|t| t.appointed_on)),
        opt_text(c.team.as_ref().map(|t| t.appointed_by.as_str())),
        opt_text(c.interested_parties_note.as_deref()),
        opt_date(c.deliberation.as_ref().map(|d| d.on)),
        opt_text(c.deliberation.as_ref().map(|d| d.minutes.as_str())),
        findings,
        Value::Text(enum_to_sql(&c.stage)?),
        opt_date(c.submitted_on),
        opt_text(c.overdue_reason.as_deref()),
        opt_date(c.decision.as_ref().map(|d| d.on)),
        opt_text(c.decision.as_ref().map(|d| d.text.as_str())),
    ])
}

/// Name the case in an integrity error, whose SQLite text says only which kind of rule broke.
fn in_case(c: &Case) -> impl Fn(rusqlite::Error) -> StoreError + '_ {
    move |e| match StoreError::from(e) {
        StoreError::Constraint(m) => StoreError::Constraint(format!(
            "case {}: {m} (a login not on file, or a field the schema does not allow)",
            c.number
        )),
        other => other,
    }
}

impl Tx<'_> {
    /// The next value of the global change counter.
    ///
    /// Two plain statements, not `UPDATE … RETURNING`: SQLite runs a RETURNING clause as a
    /// trigger, so the update would open a statement journal and copy every page it touches
    /// into it (issue 10: 1.5 GB of temporary-file writes in an import of 100,000 cases).
    fn next_rev(&self) -> Result<i64, StoreError> {
        self.tx
            .prepare_cached("UPDATE counter SET rev = rev + 1 WHERE one = 1")?
            .execute([])?;
        self.current_rev()
    }

    /// The change counter's current value: every case written so far has `rev` ≤ this.
    pub fn current_rev(&self) -> Result<i64, StoreError> {
        Ok(self
            .tx
            .prepare_cached("SELECT rev FROM counter WHERE one = 1")?
            .query_row([], |r| r.get(0))?)
    }

    pub fn case_id(&self, number: &str) -> Result<Option<i64>, StoreError> {
        Ok(self
            .tx
            .prepare_cached("SELECT id FROM cases WHERE number = ?1")?
            .query_row([number], |r| r.get(0))
            .optional()?)
    }

    /// Record a new case (version 1). `Duplicate` if the number is taken.
    pub fn insert_case(&self, c: &Case) -> Result<CaseRecord, StoreError> {
        if self.case_id(&c.number)?.is_some() {
            return Err(StoreError::Duplicate(format!("case {}", c.number)));
        }
        Ok(CaseRecord {
            id: self.insert_new_case(c)?,
            version: 1,
            case: c.clone(),
        })
    }

    /// [`Tx::insert_case`] for a caller that has looked the number up already (an import
    /// checks every number and names a duplicate by its place in the file): the case's id.
    /// A number on file still fails, on the unique index, as `Constraint`.
    pub fn insert_new_case(&self, c: &Case) -> Result<i64, StoreError> {
        let rev = self.next_rev()?;
        self.insert_new_case_as(c, CaseRow::of(c)?, rev, None)
    }

    /// The next value of the change counter, for a write that gives it to many cases: an
    /// import's cases land in one transaction, so another workbench sees all of them or
    /// none, and `cases_since` hands them over together either way.
    pub fn take_rev(&self) -> Result<i64, StoreError> {
        self.next_rev()
    }

    /// [`Tx::insert_new_case`] with its row worked out already ([`CaseRow::of`], which an
    /// import's reading thread does while this one writes), its revision taken
    /// ([`Tx::take_rev`]) and, if given, its rows in the projections ([`Projected::of`]).
    pub fn insert_new_case_as(
        &self,
        c: &Case,
        row: CaseRow,
        rev: i64,
        projected: Option<Projected>,
    ) -> Result<i64, StoreError> {
        let mut values = vec![Value::Integer(1), Value::Integer(rev)];
        values.extend(row.0);
        self.tx
            .prepare_cached(&INSERT_SQL)?
            .execute(params_from_iter(values))
            .map_err(in_case(c))?;
        let id = self.tx.last_insert_rowid();
        self.write_children(id, c)?;
        // Issue 10: the stored open obligations change with the case, in this transaction.
        match projected {
            Some(rows) => self.project_new_case(id, rows)?,
            None => self.project_case(id, c, true)?,
        }
        Ok(id)
    }

    /// Record many new cases in this transaction (bulk import, demo data).
    pub fn insert_cases(&self, cases: &[Case]) -> Result<Vec<CaseRecord>, StoreError> {
        cases.iter().map(|c| self.insert_case(c)).collect()
    }

    /// Replace case `id` if it is still at `expected_version`; returns the new version.
    /// `Conflict` if someone saved it since (ask [`Tx::last_audit_for_case`] who).
    pub fn save_case(&self, id: i64, expected_version: i64, c: &Case) -> Result<i64, StoreError> {
        let found: Option<(i64, String)> = self
            .tx
            .prepare_cached("SELECT version, number FROM cases WHERE id = ?1")?
            .query_row([id], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?;
        let Some((current, number)) = found else {
            return Err(StoreError::NotFound(format!("case with id {id}")));
        };
        if current != expected_version {
            return Err(StoreError::Conflict {
                what: format!("case {number}"),
                expected: expected_version,
                current,
            });
        }
        if number != c.number && self.case_id(&c.number)?.is_some() {
            return Err(StoreError::Duplicate(format!("case {}", c.number)));
        }
        let version = current + 1;
        let rev = self.next_rev()?;
        let mut values = vec![
            Value::Integer(id),
            Value::Integer(version),
            Value::Integer(rev),
        ];
        values.extend(case_values(c)?);
        self.tx
            .prepare_cached(&UPDATE_SQL)?
            .execute(params_from_iter(values))
            .map_err(in_case(c))?;
        for table in CHILD_TABLES {
            self.tx
                .prepare_cached(&format!("DELETE FROM {table} WHERE case_id = ?1"))?
                .execute([id])?;
        }
        self.write_children(id, c)?;
        self.project_case(id, c, false)?;
        Ok(version)
    }

    fn write_children(&self, id: i64, c: &Case) -> Result<(), StoreError> {
        let err = in_case(c);
        let logins = |table: &str, list: &[String]| -> Result<(), StoreError> {
            let mut st = self.tx.prepare_cached(&format!(
                "INSERT INTO {table} (case_id, ord, login) VALUES (?1, ?2, ?3)"
            ))?;
            for (i, l) in list.iter().enumerate() {
                st.execute(params![id, i as i64, l]).map_err(&err)?;
            }
            Ok(())
        };
        logins("respondents", &c.respondents)?;
        if let Some(t) = &c.team {
            logins("team_members", &t.members)?;
        }
        let mut st = self.tx.prepare_cached(
            "INSERT INTO recusals (case_id, ord, person, on_date, reason) VALUES (?1, ?2, ?3, ?4, ?5)",
        )?;
        for (i, r) in c.recusals.iter().enumerate() {
            st.execute(params![id, i as i64, r.person, r.on.to_string(), r.reason])
                .map_err(&err)?;
        }
        let mut st = self.tx.prepare_cached(
            "INSERT INTO interviews (case_id, ord, on_date, kind, interviewee, transcript, signed, waived)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        )?;
        let mut who = self.tx.prepare_cached(
            "INSERT INTO interviewers (case_id, interview_ord, ord, login) VALUES (?1, ?2, ?3, ?4)",
        )?;
        for (i, iv) in c.interviews.iter().enumerate() {
            st.execute(params![
                id,
                i as i64,
                iv.on.to_string(),
                enum_to_sql(&iv.kind)?,
                iv.interviewee,
                iv.transcript,
                iv.signed,
                iv.waived
            ])
            .map_err(&err)?;
            for (j, l) in iv.interviewers.iter().enumerate() {
                who.execute(params![id, i as i64, j as i64, l])
                    .map_err(&err)?;
            }
        }
        let mut st = self.tx.prepare_cached(
            "INSERT INTO evidence (case_id, ord, kind, description, collected_on, collected_by, sha256)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        )?;
        for (i, e) in c.evidence.iter().enumerate() {
            st.execute(params![
                id,
                i as i64,
                e.kind,
                e.description,
                e.collected_on.to_string(),
                e.collected_by,
                e.sha256
            ])
            .map_err(&err)?;
        }
        if let Some(d) = &c.deliberation {
            logins("deliberation_attendees", &d.attendees)?;
        }
        if let Some(d) = &c.decision {
            let mut st = self.tx.prepare_cached(
                "INSERT INTO decision_members (case_id, role, ord, login) VALUES (?1, ?2, ?3, ?4)",
            )?;
            for (role, list) in [("committee", &d.committee), ("recused", &d.recused)] {
                for (i, l) in list.iter().enumerate() {
                    st.execute(params![id, role, i as i64, l]).map_err(&err)?;
                }
            }
            let mut out = self.tx.prepare_cached(
                "INSERT INTO decision_outcomes (case_id, login, grade, exempted) VALUES (?1, ?2, ?3, ?4)",
            )?;
            let mut ms = self.tx.prepare_cached(
                "INSERT INTO outcome_measures (case_id, login, ord, measure) VALUES (?1, ?2, ?3, ?4)",
            )?;
            for (login, o) in &d.outcomes {
                out.execute(params![id, login, enum_to_sql(&o.grade)?, o.exempted])
                    .map_err(&err)?;
                for (i, m) in o.sanctions.iter().enumerate() {
                    ms.execute(params![id, login, i as i64, m.as_str()])
                        .map_err(&err)?;
                }
            }
        }
        let mut st = self.tx.prepare_cached(
            "INSERT INTO sanctions (case_id, ord, person, measure, applied_on, note, amount)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        )?;
        for (i, s) in c.sanctions.iter().enumerate() {
            st.execute(params![
                id,
                i as i64,
                s.person,
                s.measure.as_str(),
                s.applied_on.to_string(),
                s.note,
                s.amount
            ])
            .map_err(&err)?;
        }
        let mut st = self.tx.prepare_cached(
            "INSERT INTO appeals (case_id, ord, person, kind, filed_on, accepted_on, extended, decided_on, result, outcome, changed_to)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        )?;
        for (i, a) in c.appeals.iter().enumerate() {
            st.execute(params![
                id,
                i as i64,
                a.person,
                enum_to_sql(&a.kind)?,
                a.filed_on.to_string(),
                a.accepted_on.map(|d| d.to_string()),
                a.extended,
                a.decided_on.map(|d| d.to_string()),
                a.result,
                a.outcome.map(|o| o.as_str()),
                a.changed_to
                    .as_ref()
                    .map(serde_json::to_string)
                    .transpose()
                    .map_err(|e| StoreError::Corrupt(format!("appeal outcome: {e}")))?
            ])
            .map_err(&err)?;
        }
        Ok(())
    }
}
