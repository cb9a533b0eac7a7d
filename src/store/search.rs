//! Full-text search over every case's text (the `case_text` FTS5 index, schema V4).
//!
//! The trigram tokenizer indexes every run of three characters, so a phrase of three or
//! more characters is found through the index wherever it sits in a Chinese sentence.
//! Shorter queries (one or two characters, e.g. "笔录") cannot use a trigram index; they
//! fall back to a scan with `LIKE`, which is correct and slower.

use rusqlite::params;
use serde::{Deserialize, Serialize};

use super::{StoreError, Tx};

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

/// Characters of context on either side of a fallback (short query) match.
const AROUND: usize = 16;

/// The search's access rule in SQL (`?3`: the login, NULL for every case): the cases the
/// login is on the team of and has not recused from, as `workflow::access::reach` says.
macro_rules! reach_of_team {
    () => {
        " AND (?3 IS NULL OR (
              EXISTS (SELECT 1 FROM team_members t
                      WHERE t.case_id = f.case_id AND t.login = ?3)
          AND NOT EXISTS (SELECT 1 FROM recusals r
                      WHERE r.case_id = f.case_id AND r.person = ?3)))"
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
        let limit = limit.min(10_000) as i64;
        if text.chars().count() >= 3 {
            // One phrase: quotes inside are doubled, so any text is taken literally.
            let phrase = format!("\"{}\"", text.replace('"', "\"\""));
            let mut st = self.tx.prepare_cached(concat!(
                "SELECT c.number, f.kind, f.ord,
                            snippet(case_text, 3, char(2), char(3), '…', 24)
                     FROM case_text f JOIN cases c ON c.id = f.case_id
                     WHERE case_text MATCH ?1",
                reach_of_team!(),
                " ORDER BY f.rowid DESC LIMIT ?2"
            ))?;
            let rows = st.query_map(params![phrase, limit, team], |r| {
                Ok(SearchHit {
                    case: r.get(0)?,
                    kind: r.get(1)?,
                    ord: r.get(2)?,
                    snippet: r.get(3)?,
                })
            })?;
            return Ok(rows.collect::<Result<_, _>>()?);
        }
        let like = format!(
            "%{}%",
            text.replace('\\', "\\\\")
                .replace('%', "\\%")
                .replace('_', "\\_")
        );
        let mut st = self.tx.prepare_cached(concat!(
            "SELECT c.number, f.kind, f.ord, f.body
                 FROM case_text f JOIN cases c ON c.id = f.case_id
                 WHERE f.body LIKE ?1 ESCAPE '\\'",
            reach_of_team!(),
            " ORDER BY f.rowid DESC LIMIT ?2"
        ))?;
        let rows = st.query_map(params![like, limit, team], |r| {
            let body: String = r.get(3)?;
            Ok(SearchHit {
                case: r.get(0)?,
                kind: r.get(1)?,
                ord: r.get(2)?,
                snippet: around(&body, text),
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
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
