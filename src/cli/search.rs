//! `culpa search TEXT [--limit N]`: full-text search over the text of every case the user
//! may open (titles, summaries, transcripts, minutes, reasons, decisions …), best first.
//! Text: one row per match, the match marked in its context. `--json`: an array of
//! `{"case", "record", "index", "snippet", "match"}` where `match` is the `[start, end)`
//! character range of the hit in `snippet`.

use serde_json::json;

use super::open::wf;
use super::{Ctx, Failure, out, out_json, table};
use crate::domain::Directory;
use crate::i18n::cli_search as t;
use crate::store::{HIT_END, HIT_START, SearchHit};
use crate::ui::backend::Backend;

/// The snippet without marks, and the character range the marks enclosed.
pub fn unmark(snippet: &str) -> (String, Option<(usize, usize)>) {
    let mut plain = String::new();
    let (mut start, mut end) = (None, None);
    let mut n = 0;
    for c in snippet.chars() {
        match c {
            HIT_START if start.is_none() => start = Some(n),
            HIT_END if end.is_none() => end = Some(n),
            HIT_START | HIT_END => {}
            c => {
                // One line per match: line breaks in a transcript become spaces.
                plain.push(if c == '\n' || c == '\r' { ' ' } else { c });
                n += 1;
            }
        }
    }
    (plain, start.zip(end))
}

pub fn search(
    ctx: &Ctx,
    session: &dyn Backend,
    dir: &Directory,
    text: &str,
    limit: usize,
) -> Result<(), Failure> {
    if text.trim().is_empty() {
        return Err(Failure(t::empty_query(ctx.lang).into()));
    }
    let hits: Vec<SearchHit> = session.search(text, limit).map_err(|e| wf(e, dir, ctx))?;
    if ctx.json {
        let v: Vec<serde_json::Value> = hits
            .iter()
            .map(|h| {
                let (snippet, range) = unmark(&h.snippet);
                json!({
                    "case": h.case,
                    "record": h.kind,
                    "index": h.ord,
                    "snippet": snippet,
                    "match": range.map(|(a, b)| json!([a, b])),
                })
            })
            .collect();
        out_json(&json!(v));
        return Ok(());
    }
    if hits.is_empty() {
        out(&t::no_hits(text, ctx.lang));
        return Ok(());
    }
    let (open, close) = if ctx.ascii {
        ("[", "]")
    } else {
        ("【", "】")
    };
    let headers = [
        t::header("case", ctx.lang),
        t::header("record", ctx.lang),
        t::header("text", ctx.lang),
    ];
    let rows: Vec<Vec<String>> = hits
        .iter()
        .map(|h| {
            let (plain, range) = unmark(&h.snippet);
            let shown = match range {
                Some((a, b)) => {
                    let chars: Vec<char> = plain.chars().collect();
                    let part = |x: usize, y: usize| chars[x..y].iter().collect::<String>();
                    format!(
                        "{}{open}{}{close}{}",
                        part(0, a),
                        part(a, b),
                        part(b, chars.len())
                    )
                }
                None => plain,
            };
            vec![h.case.clone(), t::record(&h.kind, h.ord, ctx.lang), shown]
        })
        .collect();
    out(&table::render(&headers, &rows, ctx.ascii));
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unmark_gives_the_plain_text_and_the_range_in_characters() {
        let s = format!("…当事人{HIT_START}未收到{HIT_END}告知\n书");
        assert_eq!(
            unmark(&s),
            ("…当事人未收到告知 书".to_string(), Some((4, 7)))
        );
        assert_eq!(unmark("plain"), ("plain".to_string(), None));
    }
}
