//! Full-text search over every case's text (the `case_text` FTS5 index, schema V5; since
//! V13 it keeps no copy of the texts).
//!
//! The trigram tokenizer indexes every run of three characters, so a phrase of three or
//! more characters is found through the index wherever it sits in a Chinese sentence.
//! Shorter queries (one or two characters, e.g. "笔录") cannot use a trigram index; they
//! fall back to a scan with `LIKE` over the texts where they are kept, the newest cases
//! first, which is correct and slower.
//!
//! A row's rowid names the text it indexes: `case_id * 1000000 + kind * 10000 + ord`
//! ([`CASE_TEXTS`], [`RECORD_TEXTS`]). The index is contentless (issue 10: an import of
//! 100,000 cases wrote every text twice, 71 MB of copies), so a hit's text, and the
//! snippet around the match, are read from the case or record itself.

use rusqlite::{OptionalExtension, params};
use serde::{Deserialize, Serialize};

use super::{StoreError, Tx};

/// A case's own texts in `case_text`: (kind number, kind, column of `cases`), as the
/// trigger `case_text_case_ins` (schema V5) writes them.
pub(super) const CASE_TEXTS: [(i64, &str, &str); 8] = [
    (1, "title", "title"),
    (2, "summary", "summary"),
    (3, "act", "act_reference"),
    (4, "acceptance", "acceptance_reason"),
    (5, "interested_parties", "interested_parties_note"),
    (6, "deliberation", "deliberation_minutes"),
    (7, "submission", "overdue_reason"),
    (8, "decision", "decision_text"),
];

/// A case's records in `case_text`: (kind number, kind, table, text, which rows), as the
/// triggers `case_text_*_ins` write them.
pub(super) const RECORD_TEXTS: [(i64, &str, &str, &str, &str); 5] = [
    (
        10,
        "interview",
        "interviews",
        "interviewee || char(10) || transcript",
        "1",
    ),
    (11, "evidence", "evidence", "description", "1"),
    (12, "recusal", "recusals", "reason", "1"),
    (13, "sanction", "sanctions", "note", "1"),
    (14, "appeal", "appeals", "result", "result IS NOT NULL"),
];

/// A case's own texts in SQL, over the row `alias` of `cases` crossed with `k`: the CTE
/// `k(n, kind)` of [`CASE_TEXTS`]' numbers and names, and `CASE k.n … END`, the text.
pub(super) fn case_texts_sql(alias: &str) -> (String, String) {
    let kinds = CASE_TEXTS
        .iter()
        .map(|(n, kind, _)| format!("({n}, '{kind}')"))
        .collect::<Vec<_>>()
        .join(", ");
    let bodies = CASE_TEXTS
        .iter()
        .map(|(n, _, column)| format!("WHEN {n} THEN {alias}.{column}"))
        .collect::<Vec<_>>()
        .join(" ");
    (
        format!("k(n, kind) AS (VALUES {kinds})"),
        format!("CASE k.n {bodies} END"),
    )
}

/// (case id, kind number, ord) of a `case_text` rowid.
fn split_rowid(rowid: i64) -> (i64, i64, i64) {
    (
        rowid / 1_000_000,
        rowid % 1_000_000 / 10_000,
        rowid % 10_000,
    )
}

/// The kind named by a kind number ("" for none: no rowid the triggers write has one).
fn kind_name(n: i64) -> &'static str {
    CASE_TEXTS
        .iter()
        .map(|(k, name, _)| (*k, *name))
        .chain(RECORD_TEXTS.iter().map(|(k, name, ..)| (*k, *name)))
        .find(|(k, _)| *k == n)
        .map_or("", |(_, name)| name)
}

/// One match: the case, the record it is in, and the text around it with the match
/// between the two markers [`HIT_START`] and [`HIT_END`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SearchHit {
    pub case: String,
    /// `title`, `summary`, `act`, `acceptance`, `interested_parties`, `deliberation`,
    /// `submission`, `decision` (the case's own texts), or `interview`, `evidence`,
    /// `recusal`, `sanction`, `appeal` (one record of the case, at `ord`).
    pub kind: String,
    pub ord: i64,
    pub snippet: String,
}

/// Marks the start and end of the match in a snippet (control characters no user text
/// contains once sanitized: the screens and the CLI replace them with their own marks).
pub const HIT_START: char = '\u{2}';
pub const HIT_END: char = '\u{3}';

/// Characters of context on either side of a match.
const AROUND: usize = 16;

/// How many case ids a short query's scan reads in its first step, newest first; each
/// further step reads twice as many, up to [`SCAN_STEP_MAX`]. It stops at the step that
/// fills the limit: a common pair of characters is answered from the newest few hundred
/// cases, a rare one from every case in a few dozen statements.
const SCAN_STEP: i64 = 256;
const SCAN_STEP_MAX: i64 = 16_384;

/// The search's access rule in SQL (`?3`: the login, NULL for every case): the cases the
/// login is on the team of and has not recused from, as `workflow::access::reach` says.
macro_rules! reach_of_team {
    () => {
        " AND (?3 IS NULL OR (
              EXISTS (SELECT 1 FROM team_members t
                      WHERE t.case_id = c.id AND t.login = ?3)
          AND NOT EXISTS (SELECT 1 FROM recusals r
                      WHERE r.case_id = c.id AND r.person = ?3)))"
    };
}

impl Tx<'_> {
    /// [`Tx::search`] within the cases `login` is on the team of and has not recused from
    /// (an investigator's cases, `workflow::access::may_open`, which the caller still
    /// applies to each hit: this only keeps other cases from crowding the limit).
    pub fn search_team(
        &self,
        text: &str,
        limit: usize,
        login: &str,
    ) -> Result<Vec<SearchHit>, StoreError> {
        self.search_where(text, limit, Some(login))
    }

    /// Up to `limit` matches for `text` (case-insensitive for Latin letters), the newest
    /// case first (then its records in order). Not by relevance: ranking would have to
    /// score every match of a common phrase before returning the first, while the rowid
    /// order lets the index stop after `limit` (see benches/search.rs).
    pub fn search(&self, text: &str, limit: usize) -> Result<Vec<SearchHit>, StoreError> {
        self.search_where(text, limit, None)
    }

    /// `team`: keep only the cases this login is on the team of and has not recused from;
    /// None for every case.
    fn search_where(
        &self,
        text: &str,
        limit: usize,
        team: Option<&str>,
    ) -> Result<Vec<SearchHit>, StoreError> {
        let text = text.trim();
        if text.is_empty() {
            return Ok(Vec::new());
        }
        let limit = limit.min(10_000);
        if text.chars().count() < 3 {
            return self.scan_texts(text, limit, team, SCAN_STEP);
        }
        // One phrase: quotes inside are doubled, so any text is taken literally.
        let phrase = format!("\"{}\"", text.replace('"', "\"\""));
        let found = self
            .tx
            .prepare_cached(concat!(
                "SELECT f.rowid, c.number
                 FROM case_text f JOIN cases c ON c.id = f.rowid / 1000000
                 WHERE case_text MATCH ?1",
                reach_of_team!(),
                " ORDER BY f.rowid DESC LIMIT ?2"
            ))?
            .query_map(params![phrase, limit as i64, team], |r| {
                Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?))
            })?
            .collect::<Result<Vec<_>, _>>()?;
        found
            .into_iter()
            .map(|(rowid, case)| {
                let body = self.indexed_text(rowid)?.unwrap_or_default();
                Ok(hit(rowid, case, &body, text))
            })
            .collect()
    }

    /// The text `case_text` indexes under `rowid`, read where it is kept.
    fn indexed_text(&self, rowid: i64) -> Result<Option<String>, StoreError> {
        let (id, n, ord) = split_rowid(rowid);
        let sql = if let Some((.., column)) = CASE_TEXTS.iter().find(|(k, ..)| *k == n) {
            format!("SELECT {column} FROM cases WHERE id = ?1 AND ?2 = 0")
        } else if let Some((.., table, body, _)) = RECORD_TEXTS.iter().find(|(k, ..)| *k == n) {
            format!("SELECT {body} FROM {table} WHERE case_id = ?1 AND ord = ?2")
        } else {
            return Ok(None);
        };
        Ok(self
            .tx
            .prepare_cached(&sql)?
            .query_row(params![id, ord], |r| r.get::<_, Option<String>>(0))
            .optional()?
            .flatten())
    }

    /// A short query's matches: `LIKE` over the texts the index holds, from the newest
    /// case, `step` case ids at first and twice as many each step after, in the index's
    /// order, until `limit` are found.
    fn scan_texts(
        &self,
        text: &str,
        limit: usize,
        team: Option<&str>,
        step: i64,
    ) -> Result<Vec<SearchHit>, StoreError> {
        let like = format!(
            "%{}%",
            text.replace('\\', "\\\\")
                .replace('%', "\\%")
                .replace('_', "\\_")
        );
        let sql = scan_sql();
        let mut st = self.tx.prepare_cached(&sql)?;
        let mut hits = Vec::new();
        let mut hi: i64 = self
            .tx
            .query_row("SELECT ifnull(max(id), 0) FROM cases", [], |r| r.get(0))?;
        let mut step = step;
        while hi >= 1 && hits.len() < limit {
            let lo = (hi - step + 1).max(1);
            step = (step * 2).min(SCAN_STEP_MAX);
            let mut rows = st.query(params![like, (limit - hits.len()) as i64, team, lo, hi])?;
            while let Some(r) = rows.next()? {
                let body: String = r.get(2)?;
                hits.push(hit(r.get(0)?, r.get(1)?, &body, text));
            }
            hi = lo - 1;
        }
        Ok(hits)
    }
}

/// The statement of one step of [`Tx::scan_texts`]: the texts of the cases with ids
/// `?4..=?5` that are `LIKE ?1`, at most `?2`, by rowid from the highest, as
/// `case_text` would index them.
fn scan_sql() -> String {
    let (kinds, body) = case_texts_sql("o");
    let mut texts = format!(
        "SELECT o.id * 1000000 + k.n * 10000 AS r, {body} AS body
         FROM cases o CROSS JOIN k WHERE o.id BETWEEN ?4 AND ?5"
    );
    for (n, _, table, body, when) in RECORD_TEXTS {
        texts.push_str(&format!(
            " UNION ALL SELECT case_id * 1000000 + {n} * 10000 + ord, {body} FROM {table}
              WHERE case_id BETWEEN ?4 AND ?5 AND {when}"
        ));
    }
    format!(
        concat!(
            "WITH {kinds}
             SELECT t.r, c.number, t.body FROM ({texts}) t JOIN cases c ON c.id = t.r / 1000000
             WHERE t.body LIKE ?1 ESCAPE '\\'",
            reach_of_team!(),
            " ORDER BY t.r DESC LIMIT ?2"
        ),
        kinds = kinds,
        texts = texts
    )
}

/// The hit of `case_text` row `rowid` in case `case`, with `body` around the match.
fn hit(rowid: i64, case: String, body: &str, text: &str) -> SearchHit {
    let (_, n, ord) = split_rowid(rowid);
    SearchHit {
        case,
        kind: kind_name(n).to_string(),
        ord,
        snippet: around(body, text),
    }
}

/// The match in `body` with a little context, marked as FTS5's snippet() marks it.
fn around(body: &str, needle: &str) -> String {
    let lower = body.to_lowercase();
    let Some(at) = lower.find(&needle.to_lowercase()) else {
        return body.chars().take(AROUND * 2).collect();
    };
    // Lowercasing can change byte lengths; map back through char counts.
    let start_chars = lower[..at].chars().count();
    let len_chars = needle.chars().count();
    let chars: Vec<char> = body.chars().collect();
    let from = start_chars.saturating_sub(AROUND);
    let to = (start_chars + len_chars + AROUND).min(chars.len());
    let mut out = String::new();
    if from > 0 {
        out.push('…');
    }
    for (i, c) in chars.iter().enumerate().take(to).skip(from) {
        if i == start_chars {
            out.push(HIT_START);
        }
        out.push(*c);
        if i + 1 == start_chars + len_chars {
            out.push(HIT_END);
        }
    }
    if to < chars.len() {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;
    use crate::store::Store;

    /// The scan a short query takes reads the texts the index holds, in the index's order:
    /// for phrases of three characters both ways answer alike, snippets included, at every
    /// limit and whatever the scan's step, for everyone and for one investigator's cases.
    #[test]
    fn the_scan_finds_what_the_index_finds_in_its_order() {
        let today = NaiveDate::from_ymd_opt(2026, 3, 16).expect("date");
        let demo = crate::demo::demo(today);
        let mut cases = demo.bundle.cases.clone();
        cases.extend(crate::demo::synthetic(40, 11, today, &demo.bundle.people));
        let mut store = Store::scratch().expect("store");
        store
            .write(|tx| {
                tx.add_directory(&demo.bundle.people, &demo.bundle.relations)?;
                tx.insert_cases(&cases)
            })
            .expect("cases");
        store
            .read(|tx| {
                // A phrase from a text of every kind, and some common ones.
                let mut queries = ["调查组", "当事人", "整改指", "nomatch"]
                    .into_iter()
                    .map(String::from)
                    .collect::<Vec<_>>();
                let sources = CASE_TEXTS
                    .iter()
                    .map(|(_, _, column)| format!("SELECT {column} FROM cases"))
                    .chain(RECORD_TEXTS.iter().map(|(_, _, table, body, when)| {
                        format!("SELECT {body} FROM {table} WHERE {when}")
                    }));
                for sql in sources {
                    let texts = tx
                        .tx
                        .prepare(&sql)?
                        .query_map([], |r| r.get::<_, Option<String>>(0))?
                        .collect::<Result<Vec<_>, _>>()?;
                    let text = texts
                        .into_iter()
                        .flatten()
                        .find(|t| t.chars().count() >= 8)
                        .unwrap_or_else(|| panic!("no text of {sql}"));
                    let chars: Vec<char> = text.chars().collect();
                    let phrase = chars
                        .windows(3)
                        .skip(4)
                        .find(|w| !w.iter().any(|c| c.is_whitespace()))
                        .unwrap_or_else(|| panic!("no phrase in {text:?}"));
                    queries.push(phrase.iter().collect());
                }
                let mut seen = 0;
                for q in &queries {
                    for limit in [1, 7, 50, 10_000] {
                        for team in [None, Some("wangl")] {
                            let indexed = tx.search_where(q, limit, team)?;
                            for step in [1, 3, SCAN_STEP] {
                                let scanned = tx.scan_texts(q, limit, team, step)?;
                                assert_eq!(indexed, scanned, "{q} {limit} {team:?} {step}");
                            }
                            seen += indexed.len();
                        }
                    }
                }
                assert!(seen > 100, "the phrases are found: {seen}");
                Ok(())
            })
            .expect("search");
    }

    #[test]
    fn a_rowid_names_its_case_kind_and_record() {
        assert_eq!(split_rowid(42 * 1_000_000 + 10 * 10_000 + 3), (42, 10, 3));
        assert_eq!(kind_name(10), "interview");
        assert_eq!(kind_name(1), "title");
        assert_eq!(kind_name(14), "appeal");
        assert_eq!(kind_name(9), "");
    }
}
