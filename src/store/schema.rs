//! The schema and its migrations.
//!
//! Migrations follow `rusqlite_migration`'s convention (`PRAGMA user_version` = number of
//! migrations applied), but are applied by [`migrate`] itself: `rusqlite_migration` reads
//! `user_version` *before* opening its transaction, so two processes starting at once
//! against an old schema could both decide to migrate and the second would fail on
//! "table already exists". Here the check and the apply happen inside one
//! `BEGIN IMMEDIATE`, so the second process waits for the write lock, then sees the new
//! version and does nothing.

use rusqlite::{Connection, TransactionBehavior};

use std::time::Instant;

use super::StoreError;
use super::error::is_busy;

/// Every migration, oldest first. Never edit a released one; append a new one.
pub(crate) const MIGRATIONS: &[&str] = &[
    V1,
    V2_OBLIGATIONS,
    V3_BUNDLE_2,
    V4_AUDIT_SIG,
    V5_SEARCH,
    V6_OBLIGATIONS_COVERING,
    V7_PRIORS_COVERING,
    V8_QUEUE,
    V9_OBLIGATIONS_JSON,
    V10_OBLIGATION_DAYS,
    V11_REPEATS,
    V12_PRIOR_DAYS,
    V13_SEARCH_CONTENTLESS,
];

/// The newest schema version this build knows.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// Bring the schema to [`SCHEMA_VERSION`], or refuse a newer one.
pub(crate) fn migrate(conn: &mut Connection) -> Result<(), StoreError> {
    // Fast path without the write lock: an up-to-date database (the usual case) opens even
    // while another process is in the middle of a long write.
    let seen: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    check_known(seen)?;
    if seen == SCHEMA_VERSION {
        return Ok(());
    }
    let started = Instant::now();
    for attempt in 1..=super::WRITE_ATTEMPTS {
        match apply(conn) {
            Err(StoreError::Sqlite(e)) if is_busy(&e) => super::backoff(attempt),
            other => return other,
        }
    }
    Err(StoreError::Busy {
        seconds: started.elapsed().as_secs().max(1),
    })
}

fn check_known(found: i64) -> Result<(), StoreError> {
    if found > SCHEMA_VERSION {
        return Err(StoreError::NewerSchema {
            found,
            known: SCHEMA_VERSION,
        });
    }
    if found < 0 {
        return Err(StoreError::Corrupt(format!("schema version {found}")));
    }
    Ok(())
}

/// Check and apply inside one IMMEDIATE transaction: whoever gets the lock second sees the
/// version the first one wrote.
fn apply(conn: &mut Connection) -> Result<(), StoreError> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let found: i64 = tx.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    check_known(found)?;
    for sql in &MIGRATIONS[found as usize..] {
        tx.execute_batch(sql)?;
    }
    if found < SCHEMA_VERSION {
        tx.pragma_update(None, "user_version", SCHEMA_VERSION)?;
    }
    tx.commit()?;
    Ok(())
}

/// The audit log's triggers, by name; `culpa audit verify` checks each is present as written.
pub const TRIGGERS: [&str; 3] = ["audit_no_update", "audit_no_delete", "audit_no_replace"];

/// The `CREATE TRIGGER` statement of one of [`TRIGGERS`], as the schema wrote it.
pub fn trigger_sql(name: &str) -> &'static str {
    let head = format!("CREATE TRIGGER {name} ");
    V1.find(&head)
        .and_then(|start| {
            let rest = &V1[start..];
            rest.find("END;").map(|end| &rest[..end + 3])
        })
        .unwrap_or("")
}

/// Schema 4: the signatures of the audit chain's head (see `sign.rs`), one per commit that
/// moved the head while the writer held the key. Append-only like the log itself.
const V4_AUDIT_SIG: &str = r#"
CREATE TABLE audit_sig (
    seq  INTEGER PRIMARY KEY,
    hash TEXT NOT NULL,
    key  TEXT NOT NULL,
    sig  TEXT NOT NULL
) STRICT;
CREATE TRIGGER audit_sig_no_update BEFORE UPDATE ON audit_sig
BEGIN SELECT RAISE(ABORT, 'signatures are append-only: UPDATE refused'); END;
CREATE TRIGGER audit_sig_no_delete BEFORE DELETE ON audit_sig
BEGIN SELECT RAISE(ABORT, 'signatures are append-only: DELETE refused'); END;
"#;

/// Schema 1. Enumerations are CHECKed against the serde names of `domain::model`, so a
/// hand-edited value is refused at write time rather than failing a later read.
/// Child rows carry `ord` so lists come back in the order they were saved.
const V1: &str = r#"
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

-- The global change counter: every case write takes the next value as the case's `rev`.
CREATE TABLE counter (
    one INTEGER PRIMARY KEY CHECK (one = 1),
    rev INTEGER NOT NULL
) STRICT;
INSERT INTO counter (one, rev) VALUES (1, 0);

CREATE TABLE people (
    login   TEXT PRIMARY KEY,
    name    TEXT NOT NULL,
    unit    TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 1
) STRICT;

CREATE TABLE person_roles (
    login TEXT NOT NULL REFERENCES people(login) ON DELETE CASCADE,
    ord   INTEGER NOT NULL,
    role  TEXT NOT NULL CHECK (role IN ('legal','chief','investigator','committee','officer','admin')),
    PRIMARY KEY (login, ord),
    UNIQUE (login, role)
) STRICT, WITHOUT ROWID;

CREATE TABLE relations (
    id      INTEGER PRIMARY KEY,
    a       TEXT NOT NULL REFERENCES people(login),
    b       TEXT NOT NULL REFERENCES people(login),
    kind    TEXT NOT NULL CHECK (kind IN ('relative','spouse','superior','subordinate','interest','other')),
    note    TEXT,
    version INTEGER NOT NULL DEFAULT 1
) STRICT;

CREATE TABLE cases (
    id                      INTEGER PRIMARY KEY,
    number                  TEXT NOT NULL UNIQUE,
    version                 INTEGER NOT NULL,
    rev                     INTEGER NOT NULL,
    title                   TEXT NOT NULL,
    source                  TEXT NOT NULL CHECK (source IN ('complaint','appeal','report','referral')),
    received_on             TEXT NOT NULL,
    complainant_name        TEXT,
    complainant_contact     TEXT,
    summary                 TEXT NOT NULL,
    act_kind                TEXT NOT NULL CHECK (act_kind IN ('license','inspection','penalty','coercion','reconsideration')),
    act_reference           TEXT NOT NULL,
    act_on_the_spot         INTEGER NOT NULL CHECK (act_on_the_spot IN (0, 1)),
    act_handler             TEXT NOT NULL REFERENCES people(login),
    act_reviewer            TEXT REFERENCES people(login),
    act_approver            TEXT REFERENCES people(login),
    acceptance_decision     TEXT CHECK (acceptance_decision IN ('accepted','rejected')),
    acceptance_on           TEXT,
    acceptance_by           TEXT REFERENCES people(login),
    acceptance_reason       TEXT,
    acceptance_notified_on  TEXT,
    team_appointed_on       TEXT,
    team_appointed_by       TEXT REFERENCES people(login),
    interested_parties_note TEXT,
    deliberation_on         TEXT,
    deliberation_minutes    TEXT,
    findings                TEXT CHECK (findings IS NULL OR json_valid(findings)),
    stage                   TEXT NOT NULL CHECK (stage IN ('received','accepted','rejected','investigating','submitted','decided','sanctioned','appealed','closed')),
    submitted_on            TEXT,
    overdue_reason          TEXT,
    decision_on             TEXT,
    decision_text           TEXT,
    CHECK ((complainant_name IS NULL) = (complainant_contact IS NULL)),
    CHECK ((acceptance_decision IS NULL) = (acceptance_on IS NULL)),
    CHECK ((acceptance_on IS NULL) = (acceptance_by IS NULL)),
    CHECK ((team_appointed_on IS NULL) = (team_appointed_by IS NULL)),
    CHECK ((deliberation_on IS NULL) = (deliberation_minutes IS NULL)),
    CHECK ((decision_on IS NULL) = (decision_text IS NULL))
) STRICT;
CREATE INDEX cases_rev ON cases (rev);

CREATE TABLE respondents (
    case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    ord     INTEGER NOT NULL,
    login   TEXT NOT NULL REFERENCES people(login),
    PRIMARY KEY (case_id, ord)
) STRICT, WITHOUT ROWID;

CREATE TABLE team_members (
    case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    ord     INTEGER NOT NULL,
    login   TEXT NOT NULL REFERENCES people(login),
    PRIMARY KEY (case_id, ord)
) STRICT, WITHOUT ROWID;

CREATE TABLE recusals (
    case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    ord     INTEGER NOT NULL,
    person  TEXT NOT NULL REFERENCES people(login),
    on_date TEXT NOT NULL,
    reason  TEXT NOT NULL,
    PRIMARY KEY (case_id, ord)
) STRICT, WITHOUT ROWID;

CREATE TABLE interviews (
    case_id     INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    ord         INTEGER NOT NULL,
    on_date     TEXT NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('statement_defence','officer','counterpart','interested_party','witness')),
    interviewee TEXT NOT NULL,
    transcript  TEXT NOT NULL,
    signed      INTEGER NOT NULL CHECK (signed IN (0, 1)),
    waived      INTEGER NOT NULL CHECK (waived IN (0, 1)),
    PRIMARY KEY (case_id, ord)
) STRICT, WITHOUT ROWID;

CREATE TABLE interviewers (
    case_id       INTEGER NOT NULL,
    interview_ord INTEGER NOT NULL,
    ord           INTEGER NOT NULL,
    login         TEXT NOT NULL REFERENCES people(login),
    PRIMARY KEY (case_id, interview_ord, ord),
    FOREIGN KEY (case_id, interview_ord) REFERENCES interviews(case_id, ord) ON DELETE CASCADE
) STRICT, WITHOUT ROWID;

CREATE TABLE evidence (
    case_id      INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    ord          INTEGER NOT NULL,
    kind         TEXT NOT NULL,
    description  TEXT NOT NULL,
    collected_on TEXT NOT NULL,
    collected_by TEXT NOT NULL REFERENCES people(login),
    sha256       TEXT CHECK (sha256 IS NULL OR (length(sha256) = 64 AND sha256 NOT GLOB '*[^0-9a-f]*')),
    PRIMARY KEY (case_id, ord)
) STRICT, WITHOUT ROWID;

CREATE TABLE deliberation_attendees (
    case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    ord     INTEGER NOT NULL,
    login   TEXT NOT NULL REFERENCES people(login),
    PRIMARY KEY (case_id, ord)
) STRICT, WITHOUT ROWID;

-- The committee (role 'committee') and its recused members (role 'recused').
CREATE TABLE decision_members (
    case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    role    TEXT NOT NULL CHECK (role IN ('committee','recused')),
    ord     INTEGER NOT NULL,
    login   TEXT NOT NULL REFERENCES people(login),
    PRIMARY KEY (case_id, role, ord)
) STRICT, WITHOUT ROWID;

CREATE TABLE decision_outcomes (
    case_id  INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    login    TEXT NOT NULL REFERENCES people(login),
    grade    TEXT NOT NULL CHECK (grade IN ('direct','corresponding','supervisory','important_leadership','leadership','shared','none')),
    exempted INTEGER NOT NULL CHECK (exempted IN (0, 1)),
    PRIMARY KEY (case_id, login)
) STRICT, WITHOUT ROWID;

CREATE TABLE outcome_measures (
    case_id INTEGER NOT NULL,
    login   TEXT NOT NULL,
    ord     INTEGER NOT NULL,
    measure TEXT NOT NULL CHECK (measure IN ('11.1','11.2','11.3','11.4','11.5','11.6','11.7')),
    PRIMARY KEY (case_id, login, ord),
    FOREIGN KEY (case_id, login) REFERENCES decision_outcomes(case_id, login) ON DELETE CASCADE
) STRICT, WITHOUT ROWID;

CREATE TABLE sanctions (
    case_id    INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    ord        INTEGER NOT NULL,
    person     TEXT NOT NULL REFERENCES people(login),
    measure    TEXT NOT NULL CHECK (measure IN ('11.1','11.2','11.3','11.4','11.5','11.6','11.7')),
    applied_on TEXT NOT NULL,
    note       TEXT NOT NULL,
    amount     REAL,
    PRIMARY KEY (case_id, ord)
) STRICT, WITHOUT ROWID;

CREATE TABLE appeals (
    case_id     INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    ord         INTEGER NOT NULL,
    person      TEXT NOT NULL REFERENCES people(login),
    kind        TEXT NOT NULL CHECK (kind IN ('review','appeal')),
    filed_on    TEXT NOT NULL,
    accepted_on TEXT,
    extended    INTEGER NOT NULL CHECK (extended IN (0, 1)),
    decided_on  TEXT,
    result      TEXT,
    PRIMARY KEY (case_id, ord)
) STRICT, WITHOUT ROWID;

-- Files in the evidence vault, one row per time a file was attached (the same content
-- attached twice is stored once but recorded twice).
CREATE TABLE attachments (
    id          INTEGER PRIMARY KEY,
    case_number TEXT NOT NULL REFERENCES cases(number),
    sha256      TEXT NOT NULL CHECK (length(sha256) = 64 AND sha256 NOT GLOB '*[^0-9a-f]*'),
    size        INTEGER NOT NULL CHECK (size >= 0),
    file_name   TEXT NOT NULL,
    by_login    TEXT NOT NULL,
    at          TEXT NOT NULL
) STRICT;
CREATE INDEX attachments_case ON attachments (case_number, id);
CREATE INDEX attachments_sha ON attachments (sha256);

-- The audit log: append-only, hash-chained (see `audit.rs`).
CREATE TABLE audit (
    seq         INTEGER PRIMARY KEY,
    at          TEXT NOT NULL,
    actor       TEXT NOT NULL,
    case_number TEXT,
    action      TEXT NOT NULL,
    detail      TEXT NOT NULL CHECK (json_valid(detail)),
    prev_hash   TEXT NOT NULL,
    hash        TEXT NOT NULL
) STRICT;
CREATE INDEX audit_case ON audit (case_number, seq);

CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only: UPDATE refused'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only: DELETE refused'); END;
-- INSERT OR REPLACE would delete the old row without firing the DELETE trigger
-- (recursive_triggers is off), so refuse any insert whose seq is already taken.
CREATE TRIGGER audit_no_replace BEFORE INSERT ON audit
WHEN EXISTS (SELECT 1 FROM audit WHERE seq = NEW.seq)
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only: replacing an entry refused'); END;

-- The chain head, updated in the same transaction as every append, so that cutting the
-- tail of `audit` without also rewriting this row is detected.
CREATE TABLE audit_head (
    one  INTEGER PRIMARY KEY CHECK (one = 1),
    seq  INTEGER NOT NULL,
    hash TEXT NOT NULL
) STRICT;
INSERT INTO audit_head (one, seq, hash)
VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
"#;

/// Open obligations stored, not recomputed (issue 10): one row per open deadline of a case,
/// written by the store in the same transaction as every case insert or save (see
/// `obligations.rs`). `due` is what `deadlines` orders by; `days_left` and `state` depend on
/// the day asked and are never stored. `case_key` orders case numbers naturally (bytes
/// compared as `case_number_order` compares the numbers), for paging the dashboard.
/// `uncovered`: the years the case's due dates consulted that no calendar covers
/// (comma-separated), so `deadlines` still warns about them.
///
/// Also the indexes that answer "which cases may this investigator open" and "this person's
/// committee outcomes" (Art. 8(3)) without reading every case.
const V2_OBLIGATIONS: &str = r#"
CREATE TABLE obligations (
    case_id     INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    ord         INTEGER NOT NULL,
    case_number TEXT NOT NULL,
    case_key    BLOB NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('acceptance','notification','decision_report','sanction','review_decision','appeal_decision')),
    kind_rank   INTEGER NOT NULL,
    due         TEXT NOT NULL,
    owner       TEXT NOT NULL,
    person      TEXT,
    measure     TEXT,
    uncovered   TEXT,
    PRIMARY KEY (case_id, ord)
) STRICT, WITHOUT ROWID;
CREATE INDEX obligations_due ON obligations (due, case_key, kind_rank, person, measure);
CREATE INDEX obligations_owner ON obligations (owner, due, case_key);
-- Art. 8(3): each case's committee outcomes (the domain's `prior_outcomes` of the case as
-- saved), by person and date, so a verdict reads one person's year instead of every decision.
CREATE TABLE prior_outcomes (
    case_id     INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    ord         INTEGER NOT NULL,
    login       TEXT NOT NULL,
    case_number TEXT NOT NULL,
    grade       TEXT NOT NULL,
    exempted    INTEGER NOT NULL CHECK (exempted IN (0, 1)),
    decided_on  TEXT NOT NULL,
    PRIMARY KEY (case_id, ord)
) STRICT, WITHOUT ROWID;
CREATE INDEX prior_outcomes_login ON prior_outcomes (login, decided_on);
CREATE INDEX team_members_login ON team_members (login, case_id);
CREATE INDEX recusals_person ON recusals (person, case_id);
CREATE INDEX decision_outcomes_login ON decision_outcomes (login, case_id);
"#;

/// `culpa.bundle/2` (bundle-v2.md): each appeal's structured result and new outcome, and the
/// findings' `culpability` (Art. 2 ¶2). Existing rows are mapped as a `/1` file is read:
/// findings get `culpability: {}` (nothing recorded yet, so a graded person blocks submission
/// until it is), and an appeal already decided is `upheld`.
const V3_BUNDLE_2: &str = r#"
ALTER TABLE appeals ADD COLUMN outcome TEXT
    CHECK (outcome IS NULL OR outcome IN ('upheld','changed','revoked'));
ALTER TABLE appeals ADD COLUMN changed_to TEXT
    CHECK (changed_to IS NULL OR json_valid(changed_to));
UPDATE appeals SET outcome = 'upheld' WHERE decided_on IS NOT NULL;
UPDATE cases SET findings = json_set(findings, '$.culpability', json('{}'))
    WHERE findings IS NOT NULL AND json_type(findings, '$.culpability') IS NULL;
"#;

/// Issue 10: `deadlines` reads every open obligation in due order. With the V2 indexes each
/// row found in the index was then looked up in the table by its key, a random read per row
/// (at 100,000 cases most of the command's time went to those reads). The indexes now carry
/// every column the reader selects, so the answer is one sequential walk of one index.
const V6_OBLIGATIONS_COVERING: &str = r#"
DROP INDEX obligations_due;
DROP INDEX obligations_owner;
CREATE INDEX obligations_due ON obligations
    (due, case_key, kind_rank, person, measure, case_number, kind, owner, uncovered, case_id);
CREATE INDEX obligations_owner ON obligations
    (owner, due, case_key, kind_rank, person, measure, case_number, kind, uncovered, case_id);
"#;

/// Issue 10: `liability CASE` reads, for Art. 8(3), each person's committee outcomes of the
/// year before the decision (a few thousand rows at 100,000 cases). The V2 index found them
/// but each row was then read from the table by its key; this one carries every column the
/// query selects, in its order.
const V7_PRIORS_COVERING: &str = r#"
DROP INDEX prior_outcomes_login;
CREATE INDEX prior_outcomes_login ON prior_outcomes
    (login, decided_on, case_id, ord, case_number, grade, exempted);
"#;

/// Issue 10: the workbench's case queue, a page at a time (`store::queue`). One row per case
/// with what a queue line shows and what it is sorted and filtered by; one index per order,
/// each ending in the unique `case_key` so that a page starts right after the last row seen
/// (keyset paging), and carrying the filter text, so that a needle too short for the trigram
/// index is matched in the index's own pages rather than by a lookup of every row passed; a trigram index over the lowercased filter text; the count of rows per
/// stage kept by triggers; and respondents by login, to rewrite a filter text when a
/// person's name changes. The rows are written by the same code as the obligation
/// projection, from which `next_due` comes: forgetting the projection's stamp makes the
/// next use rebuild both, filling the queue of an older database.
const V8_QUEUE: &str = r#"
CREATE TABLE queue_rows (
    case_id     INTEGER PRIMARY KEY REFERENCES cases(id) ON DELETE CASCADE,
    number      TEXT NOT NULL,
    case_key    BLOB NOT NULL,
    stage       INTEGER NOT NULL,
    received_on TEXT NOT NULL,
    recv_desc   INTEGER NOT NULL,
    next_due    TEXT NOT NULL,
    title       TEXT NOT NULL,
    respondents TEXT NOT NULL,
    filter      TEXT NOT NULL
) STRICT;
CREATE INDEX queue_by_number ON queue_rows (case_key, filter);
CREATE INDEX queue_by_due ON queue_rows (next_due, case_key, filter);
CREATE INDEX queue_by_stage ON queue_rows (stage, case_key, filter);
CREATE INDEX queue_by_received ON queue_rows (recv_desc, case_key, filter);
CREATE VIRTUAL TABLE queue_text USING fts5(
    filter, content = '', contentless_delete = 1, tokenize = 'trigram case_sensitive 1'
);
CREATE TABLE queue_stage_counts (
    stage INTEGER PRIMARY KEY,
    n     INTEGER NOT NULL
) STRICT;
CREATE TRIGGER queue_rows_ins AFTER INSERT ON queue_rows BEGIN
    INSERT INTO queue_text (rowid, filter) VALUES (NEW.case_id, NEW.filter);
    INSERT INTO queue_stage_counts (stage, n) VALUES (NEW.stage, 1)
        ON CONFLICT (stage) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER queue_rows_del AFTER DELETE ON queue_rows BEGIN
    DELETE FROM queue_text WHERE rowid = OLD.case_id;
    UPDATE queue_stage_counts SET n = n - 1 WHERE stage = OLD.stage;
END;
CREATE TRIGGER queue_rows_upd AFTER UPDATE ON queue_rows BEGIN
    DELETE FROM queue_text WHERE rowid = OLD.case_id;
    INSERT INTO queue_text (rowid, filter) VALUES (NEW.case_id, NEW.filter);
    UPDATE queue_stage_counts SET n = n - 1 WHERE stage = OLD.stage;
    INSERT INTO queue_stage_counts (stage, n) VALUES (NEW.stage, 1)
        ON CONFLICT (stage) DO UPDATE SET n = n + 1;
END;
CREATE INDEX respondents_login ON respondents (login, case_id);
DELETE FROM meta WHERE key = 'obligations_stamp';
"#;

/// Issue 10 (1,000,000 cases: `deadlines --json` ≤ 200 ms): each obligation's
/// day-independent JSON lines, rendered when it is stored (`obligations_json::fragment`),
/// so the reader copies one blob per row plus the `days_left`/`state` lines it renders once
/// per due date. The projection's format is bumped with it (`obligations.rs`), so a database
/// migrated here rebuilds its rows, fragments included, at its first use. The indexes carry
/// what the walk reads (the order, the case for an investigator's reach, the fragment) and
/// no more: every byte of them is read at every `deadlines --json` (the case number, kind
/// and owner are in the fragment; the dashboard's page of rows reads them from the table).
const V9_OBLIGATIONS_JSON: &str = r#"
ALTER TABLE obligations ADD COLUMN json BLOB;
DROP INDEX obligations_due;
DROP INDEX obligations_owner;
CREATE INDEX obligations_due ON obligations
    (due, case_key, kind_rank, person, measure, case_id, json);
CREATE INDEX obligations_owner ON obligations
    (owner, due, case_key, kind_rank, person, measure, case_id, json);
"#;

/// Issue 10 (`deadlines --json` on both cores, `store::obligations_walk`): how many open
/// obligations fall due on each day, kept by triggers in the transaction that writes them, so
/// that the walk can be cut into chunks of a bounded number of rows without counting them.
/// A row whose count drops to nought is removed. And the few rows whose due date a calendar
/// did not cover, so that the walk reads them apart instead of a column of every row.
const V10_OBLIGATION_DAYS: &str = r#"
CREATE TABLE obligation_days (
    due TEXT PRIMARY KEY,
    n   INTEGER NOT NULL
) STRICT, WITHOUT ROWID;
INSERT INTO obligation_days (due, n) SELECT due, count(*) FROM obligations GROUP BY due;
CREATE TRIGGER obligation_days_ins AFTER INSERT ON obligations BEGIN
    INSERT INTO obligation_days (due, n) VALUES (NEW.due, 1)
        ON CONFLICT (due) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER obligation_days_del AFTER DELETE ON obligations BEGIN
    UPDATE obligation_days SET n = n - 1 WHERE due = OLD.due;
    DELETE FROM obligation_days WHERE due = OLD.due AND n <= 0;
END;
CREATE INDEX obligations_uncovered ON obligations (uncovered) WHERE uncovered IS NOT NULL;
CREATE TRIGGER obligation_days_upd AFTER UPDATE OF due ON obligations BEGIN
    UPDATE obligation_days SET n = n - 1 WHERE due = OLD.due;
    DELETE FROM obligation_days WHERE due = OLD.due AND n <= 0;
    INSERT INTO obligation_days (due, n) VALUES (NEW.due, 1)
        ON CONFLICT (due) DO UPDATE SET n = n + 1;
END;
"#;

/// Issue 10: Art. 8(3) counts a person's other cases of the year (`store::repeats`) instead
/// of reading them — a busy officer has tens of thousands. This index holds only the
/// outcomes that can count (RULES.md 8.3: a grade other than none, not exempted), in the
/// rule's order (decision date, then case number), so the count walks nothing else and the
/// latest few are the last entries of the range. It carries the columns its condition names:
/// SQLite does not infer them from the condition, and would read the table for each entry.
/// The V7 index served a read of every row, which is gone.
const V11_REPEATS: &str = r#"
DROP INDEX prior_outcomes_login;
CREATE INDEX prior_outcomes_repeat ON prior_outcomes
    (login, decided_on, case_number, grade, exempted)
    WHERE grade <> 'none' AND exempted = 0;
"#;

/// Issue 10 (`liability CASE` ≤ 2× a one-row query at 1,000,000 cases): the outcomes that
/// can count for Art. 8(3) (RULES.md 8.3: a grade other than none, not exempted), counted per
/// person and decision day, kept by triggers in the transaction that writes them. A year's
/// count is then the sum of at most 366 rows, however many cases the person had: a busy
/// officer of the synthetic bureau has 24,000 in a year. A row whose count drops to nought is
/// removed.
const V12_PRIOR_DAYS: &str = r#"
CREATE TABLE prior_days (
    login      TEXT NOT NULL,
    decided_on TEXT NOT NULL,
    n          INTEGER NOT NULL,
    PRIMARY KEY (login, decided_on)
) STRICT, WITHOUT ROWID;
INSERT INTO prior_days (login, decided_on, n)
    SELECT login, decided_on, count(*) FROM prior_outcomes
    WHERE grade <> 'none' AND exempted = 0 GROUP BY login, decided_on;
CREATE TRIGGER prior_days_ins AFTER INSERT ON prior_outcomes
    WHEN NEW.grade <> 'none' AND NEW.exempted = 0 BEGIN
    INSERT INTO prior_days (login, decided_on, n) VALUES (NEW.login, NEW.decided_on, 1)
        ON CONFLICT (login, decided_on) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER prior_days_del AFTER DELETE ON prior_outcomes
    WHEN OLD.grade <> 'none' AND OLD.exempted = 0 BEGIN
    UPDATE prior_days SET n = n - 1 WHERE login = OLD.login AND decided_on = OLD.decided_on;
    DELETE FROM prior_days WHERE login = OLD.login AND decided_on = OLD.decided_on AND n <= 0;
END;
CREATE TRIGGER prior_days_upd_old AFTER UPDATE ON prior_outcomes
    WHEN OLD.grade <> 'none' AND OLD.exempted = 0 BEGIN
    UPDATE prior_days SET n = n - 1 WHERE login = OLD.login AND decided_on = OLD.decided_on;
    DELETE FROM prior_days WHERE login = OLD.login AND decided_on = OLD.decided_on AND n <= 0;
END;
CREATE TRIGGER prior_days_upd_new AFTER UPDATE ON prior_outcomes
    WHEN NEW.grade <> 'none' AND NEW.exempted = 0 BEGIN
    INSERT INTO prior_days (login, decided_on, n) VALUES (NEW.login, NEW.decided_on, 1)
        ON CONFLICT (login, decided_on) DO UPDATE SET n = n + 1;
END;
"#;

/// The statements that index what a database already holds in `case_text` (the end of
/// schema V5, and again in V13 after the index is made anew).
macro_rules! case_text_refill {
    () => {
        r#"
-- What an older database already holds.
INSERT INTO case_text (rowid, case_id, kind, ord, body)
SELECT id * 1000000 + 1 * 10000, id, 'title', 0, title FROM cases WHERE title IS NOT NULL AND title <> '';
INSERT INTO case_text (rowid, case_id, kind, ord, body)
SELECT id * 1000000 + 2 * 10000, id, 'summary', 0, summary FROM cases WHERE summary IS NOT NULL AND summary <> '';
INSERT INTO case_text (rowid, case_id, kind, ord, body)
SELECT id * 1000000 + 3 * 10000, id, 'act', 0, act_reference FROM cases WHERE act_reference IS NOT NULL AND act_reference <> '';
INSERT INTO case_text (rowid, case_id, kind, ord, body)
SELECT id * 1000000 + 4 * 10000, id, 'acceptance', 0, acceptance_reason FROM cases WHERE acceptance_reason IS NOT NULL AND acceptance_reason <> '';
INSERT INTO case_text (rowid, case_id, kind, ord, body)
SELECT id * 1000000 + 5 * 10000, id, 'interested_parties', 0, interested_parties_note FROM cases WHERE interested_parties_note IS NOT NULL AND interested_parties_note <> '';
INSERT INTO case_text (rowid, case_id, kind, ord, body)
SELECT id * 1000000 + 6 * 10000, id, 'deliberation', 0, deliberation_minutes FROM cases WHERE deliberation_minutes IS NOT NULL AND deliberation_minutes <> '';
INSERT INTO case_text (rowid, case_id, kind, ord, body)
SELECT id * 1000000 + 7 * 10000, id, 'submission', 0, overdue_reason FROM cases WHERE overdue_reason IS NOT NULL AND overdue_reason <> '';
INSERT INTO case_text (rowid, case_id, kind, ord, body)
SELECT id * 1000000 + 8 * 10000, id, 'decision', 0, decision_text FROM cases WHERE decision_text IS NOT NULL AND decision_text <> '';
INSERT INTO case_text (rowid, case_id, kind, ord, body)
SELECT case_id * 1000000 + 10 * 10000 + ord, case_id, 'interview', ord, interviewee || char(10) || transcript FROM interviews;
INSERT INTO case_text (rowid, case_id, kind, ord, body)
SELECT case_id * 1000000 + 11 * 10000 + ord, case_id, 'evidence', ord, description FROM evidence;
INSERT INTO case_text (rowid, case_id, kind, ord, body)
SELECT case_id * 1000000 + 12 * 10000 + ord, case_id, 'recusal', ord, reason FROM recusals;
INSERT INTO case_text (rowid, case_id, kind, ord, body)
SELECT case_id * 1000000 + 13 * 10000 + ord, case_id, 'sanction', ord, note FROM sanctions;
INSERT INTO case_text (rowid, case_id, kind, ord, body)
SELECT case_id * 1000000 + 14 * 10000 + ord, case_id, 'appeal', ord, result FROM appeals WHERE result IS NOT NULL;
"#
    };
}

/// Full-text search over every case's text (issue 8): titles, summaries, act references,
/// reasons, notes, minutes, decisions, interview transcripts, evidence descriptions,
/// recusal reasons, sanction notes and appeal results. FTS5 with the `trigram` tokenizer,
/// which needs no word segmentation and so finds any phrase of three or more characters in
/// Chinese. Kept by triggers, so every write updates it in the same transaction; the last
/// statements index what an older database already holds. Findings hold no free text
/// (only structured answers), so there is nothing of theirs to index.
///
/// Each row's rowid is `case_id * 1000000 + kind * 10000 + ord` (kind 1–8: the case's own
/// texts, 10–14: its records), so a trigger removes a record's row by rowid instead of
/// scanning the index (FTS5 cannot index `case_id`). `kind` and `ord` are stored too, so a
/// hit leads to the record itself.
const V5_SEARCH: &str = concat!(
    r#"
CREATE VIRTUAL TABLE case_text USING fts5(
    case_id UNINDEXED, kind UNINDEXED, ord UNINDEXED, body, tokenize = 'trigram'
);
CREATE TRIGGER case_text_case_ins AFTER INSERT ON cases BEGIN
    INSERT INTO case_text (rowid, case_id, kind, ord, body)
    SELECT NEW.id * 1000000 + n * 10000, NEW.id, k, 0, b FROM (
        SELECT 1 AS n, 'title' AS k, NEW.title AS b
        UNION ALL SELECT 2, 'summary', NEW.summary
        UNION ALL SELECT 3, 'act', NEW.act_reference
        UNION ALL SELECT 4, 'acceptance', NEW.acceptance_reason
        UNION ALL SELECT 5, 'interested_parties', NEW.interested_parties_note
        UNION ALL SELECT 6, 'deliberation', NEW.deliberation_minutes
        UNION ALL SELECT 7, 'submission', NEW.overdue_reason
        UNION ALL SELECT 8, 'decision', NEW.decision_text
    ) WHERE b IS NOT NULL AND b <> '';
END;
CREATE TRIGGER case_text_case_upd AFTER UPDATE ON cases BEGIN
    DELETE FROM case_text
    WHERE rowid BETWEEN OLD.id * 1000000 + 10000 AND OLD.id * 1000000 + 99999;
    INSERT INTO case_text (rowid, case_id, kind, ord, body)
    SELECT NEW.id * 1000000 + n * 10000, NEW.id, k, 0, b FROM (
        SELECT 1 AS n, 'title' AS k, NEW.title AS b
        UNION ALL SELECT 2, 'summary', NEW.summary
        UNION ALL SELECT 3, 'act', NEW.act_reference
        UNION ALL SELECT 4, 'acceptance', NEW.acceptance_reason
        UNION ALL SELECT 5, 'interested_parties', NEW.interested_parties_note
        UNION ALL SELECT 6, 'deliberation', NEW.deliberation_minutes
        UNION ALL SELECT 7, 'submission', NEW.overdue_reason
        UNION ALL SELECT 8, 'decision', NEW.decision_text
    ) WHERE b IS NOT NULL AND b <> '';
END;
CREATE TRIGGER case_text_case_del AFTER DELETE ON cases BEGIN
    DELETE FROM case_text
    WHERE rowid BETWEEN OLD.id * 1000000 AND OLD.id * 1000000 + 999999;
END;
CREATE TRIGGER case_text_interview_ins AFTER INSERT ON interviews BEGIN
    INSERT INTO case_text (rowid, case_id, kind, ord, body)
    VALUES (NEW.case_id * 1000000 + 10 * 10000 + NEW.ord, NEW.case_id, 'interview', NEW.ord, NEW.interviewee || char(10) || NEW.transcript);
END;
CREATE TRIGGER case_text_interview_del AFTER DELETE ON interviews BEGIN
    DELETE FROM case_text WHERE rowid = OLD.case_id * 1000000 + 10 * 10000 + OLD.ord;
END;
CREATE TRIGGER case_text_evidence_ins AFTER INSERT ON evidence BEGIN
    INSERT INTO case_text (rowid, case_id, kind, ord, body)
    VALUES (NEW.case_id * 1000000 + 11 * 10000 + NEW.ord, NEW.case_id, 'evidence', NEW.ord, NEW.description);
END;
CREATE TRIGGER case_text_evidence_del AFTER DELETE ON evidence BEGIN
    DELETE FROM case_text WHERE rowid = OLD.case_id * 1000000 + 11 * 10000 + OLD.ord;
END;
CREATE TRIGGER case_text_recusal_ins AFTER INSERT ON recusals BEGIN
    INSERT INTO case_text (rowid, case_id, kind, ord, body)
    VALUES (NEW.case_id * 1000000 + 12 * 10000 + NEW.ord, NEW.case_id, 'recusal', NEW.ord, NEW.reason);
END;
CREATE TRIGGER case_text_recusal_del AFTER DELETE ON recusals BEGIN
    DELETE FROM case_text WHERE rowid = OLD.case_id * 1000000 + 12 * 10000 + OLD.ord;
END;
CREATE TRIGGER case_text_sanction_ins AFTER INSERT ON sanctions BEGIN
    INSERT INTO case_text (rowid, case_id, kind, ord, body)
    VALUES (NEW.case_id * 1000000 + 13 * 10000 + NEW.ord, NEW.case_id, 'sanction', NEW.ord, NEW.note);
END;
CREATE TRIGGER case_text_sanction_del AFTER DELETE ON sanctions BEGIN
    DELETE FROM case_text WHERE rowid = OLD.case_id * 1000000 + 13 * 10000 + OLD.ord;
END;
CREATE TRIGGER case_text_appeal_ins AFTER INSERT ON appeals WHEN NEW.result IS NOT NULL BEGIN
    INSERT INTO case_text (rowid, case_id, kind, ord, body)
    VALUES (NEW.case_id * 1000000 + 14 * 10000 + NEW.ord, NEW.case_id, 'appeal', NEW.ord, NEW.result);
END;
CREATE TRIGGER case_text_appeal_del AFTER DELETE ON appeals BEGIN
    DELETE FROM case_text WHERE rowid = OLD.case_id * 1000000 + 14 * 10000 + OLD.ord;
END;
"#,
    case_text_refill!()
);

/// Schema 13 (issue 10: an import of 100,000 cases no slower than before): the search index
/// keeps no copy of the texts. It held every text a second time (71 MB at 100,000 cases),
/// written again by every import and save; the texts are where the cases and records keep
/// them, and a hit's snippet is cut from there (`store::search`). `contentless_delete`
/// lets the triggers of V5 remove a row by its rowid as before; `case_id`, `kind` and `ord`
/// are named by the rowid and no longer stored. The index is made anew from the texts.
const V13_SEARCH_CONTENTLESS: &str = concat!(
    r#"
DROP TABLE case_text;
CREATE VIRTUAL TABLE case_text USING fts5(
    case_id UNINDEXED, kind UNINDEXED, ord UNINDEXED, body,
    content = '', contentless_delete = 1, tokenize = 'trigram'
);
"#,
    case_text_refill!()
);

#[cfg(test)]
mod tests {
    use rusqlite_migration::{M, Migrations};

    use super::*;

    /// The migrations are valid for `rusqlite_migration` too (same `user_version`
    /// convention), so a future switch back to its runner would find the same versions.
    #[test]
    fn migrations_validate_with_rusqlite_migration() {
        let ms = Migrations::new(MIGRATIONS.iter().map(|sql| M::up(sql)).collect());
        assert!(ms.validate().is_ok());
    }

    #[test]
    fn every_trigger_statement_is_found() {
        for name in TRIGGERS {
            let sql = trigger_sql(name);
            assert!(
                sql.starts_with("CREATE TRIGGER") && sql.ends_with("END"),
                "{name}: {sql}"
            );
        }
    }

    #[test]
    fn migrating_twice_changes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let mut conn = Connection::open(dir.path().join("t.db")).unwrap();
        migrate(&mut conn).unwrap();
        migrate(&mut conn).unwrap();
        let v: i64 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        assert_eq!(v, SCHEMA_VERSION);
    }

    /// A database made before the search index (schema 1 here) gets every text it already holds
    /// indexed when it is opened by this build: by V5, and again by V13, which makes the
    /// index anew without copies of the texts.
    #[test]
    fn the_search_migration_indexes_what_an_older_database_holds() {
        let dir = tempfile::tempdir().unwrap();
        let mut conn = Connection::open(dir.path().join("old.db")).unwrap();
        conn.execute_batch(V1).unwrap();
        conn.pragma_update(None, "user_version", 1).unwrap();
        conn.execute_batch(
            "INSERT INTO people (login, name, unit) VALUES ('sunq', '孙强', '执法大队');
             INSERT INTO cases (id, number, version, rev, title, source, received_on, summary,
                                act_kind, act_reference, act_on_the_spot, act_handler, stage)
             VALUES (1, '卧应急责〔2025〕1号', 1, 1, '旧案件', 'complaint', '2025-01-02',
                     '投诉人称罚款决定书未送达', 'penalty', '卧应急罚〔2025〕1号', 0, 'sunq',
                     'received');
             INSERT INTO interviews (case_id, ord, on_date, kind, interviewee, transcript,
                                     signed, waived)
             VALUES (1, 0, '2025-01-03', 'witness', '李某', '答：我当时在现场看见了检查人员', 1, 0);",
        )
        .unwrap();
        migrate(&mut conn).unwrap();
        // The rowid names the text: case 1's summary (kind 2), its interview 0 (kind 10).
        let found = |q: &str| -> Vec<i64> {
            let mut st = conn
                .prepare("SELECT rowid FROM case_text WHERE case_text MATCH ?1")
                .unwrap();
            st.query_map([q], |r| r.get(0))
                .unwrap()
                .map(Result::unwrap)
                .collect()
        };
        assert_eq!(found("\"决定书未送达\""), vec![1_020_000]);
        assert_eq!(found("\"看见了检查\""), vec![1_100_000]);
        // V13: the index keeps no copy of the texts.
        let copies: i64 = conn
            .query_row(
                "SELECT count(*) FROM case_text WHERE body IS NOT NULL",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(copies, 0);
        // From now on the triggers keep it: a deleted record leaves the index with it.
        conn.execute("DELETE FROM interviews WHERE case_id = 1", [])
            .unwrap();
        assert!(found("\"看见了检查\"").is_empty());
    }
}
