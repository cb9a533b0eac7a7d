//! An open obligation as `deadlines --json` writes it (bundle-v2.md: the same bytes as
//! `serde_json::to_writer_pretty` of the obligations), rendered in pieces so that most of it
//! is rendered once, when the obligation is stored (issue 10: ≤ 50 ms at 100,000 cases,
//! ≤ 200 ms at 1,000,000).
//!
//! An object is `  {\n` + head + middle + tail + `  }`:
//! - head: the `case`, `kind` and `due` lines — fixed for the stored obligation;
//! - middle: the `days_left` and `state` lines — the only ones that depend on the day asked,
//!   and the same for every obligation due the same day (rows come in due order, so the
//!   reader renders it once per distinct due date);
//! - tail: the `owner`, `person` and `measure` lines — fixed.
//!
//! The store keeps both as one blob per obligation ([`fragment`]): the head's length (two
//! bytes, little-endian), the head, the tail ([`split`] cuts it without scanning).

use std::io::{self, Write};

use chrono::NaiveDate;

use crate::domain::deadlines::{DeadlineState, Obligation, ObligationKind};
use crate::domain::model::Measure;

/// serde's name of a kind (`#[serde(rename_all = "snake_case")]`).
pub fn kind_name(k: ObligationKind) -> &'static str {
    match k {
        ObligationKind::Acceptance => "acceptance",
        ObligationKind::Notification => "notification",
        ObligationKind::DecisionReport => "decision_report",
        ObligationKind::Sanction => "sanction",
        ObligationKind::ReviewDecision => "review_decision",
        ObligationKind::AppealDecision => "appeal_decision",
    }
}

fn state_name(s: DeadlineState) -> &'static str {
    match s {
        DeadlineState::Overdue => "overdue",
        DeadlineState::DueSoon => "due_soon",
        DeadlineState::Open => "open",
    }
}

/// `YYYY-MM-DD` as chrono's `Display` writes it.
fn ymd(out: &mut Vec<u8>, d: NaiveDate) {
    use chrono::Datelike;
    if !(0..=9999).contains(&d.year()) {
        out.extend_from_slice(d.to_string().as_bytes());
        return;
    }
    let (y, m, day) = (d.year() as u32, d.month(), d.day());
    let digit = |n: u32| b'0' + n as u8;
    out.extend_from_slice(&[
        digit(y / 1000),
        digit(y / 100 % 10),
        digit(y / 10 % 10),
        digit(y % 10),
        b'-',
        digit(m / 10),
        digit(m % 10),
        b'-',
        digit(day / 10),
        digit(day % 10),
    ]);
}

/// A JSON string as serde_json writes it: only `"`, `\` and control characters escaped.
fn string(out: &mut Vec<u8>, s: &str) {
    if s.bytes().all(|b| b >= 0x20 && b != b'"' && b != b'\\') {
        out.push(b'"');
        out.extend_from_slice(s.as_bytes());
        out.push(b'"');
    } else {
        // Writing into a Vec cannot fail, nor can serializing a string.
        let _ = serde_json::to_writer(&mut *out, s);
    }
}

fn field(out: &mut Vec<u8>, name: &str, value: &str, last: bool) {
    out.extend_from_slice(b"    \"");
    out.extend_from_slice(name.as_bytes());
    out.extend_from_slice(b"\": ");
    string(out, value);
    out.extend_from_slice(if last { b"\n" } else { b",\n" });
}

fn head(out: &mut Vec<u8>, case: &str, kind: ObligationKind, due: NaiveDate) {
    field(out, "case", case, false);
    field(out, "kind", kind_name(kind), false);
    out.extend_from_slice(b"    \"due\": \"");
    ymd(out, due);
    out.extend_from_slice(b"\",\n");
}

fn tail(out: &mut Vec<u8>, owner: &str, person: Option<&str>, measure: Option<Measure>) {
    let measure = measure.map(|m| m.as_str());
    field(out, "owner", owner, person.is_none() && measure.is_none());
    if let Some(p) = person {
        field(out, "person", p, measure.is_none());
    }
    if let Some(m) = measure {
        field(out, "measure", m, true);
    }
}

/// The day-dependent lines: `days_left` and `state` (from [`DeadlineState::from_days_left`]).
pub fn middle(out: &mut Vec<u8>, days_left: i64) {
    out.extend_from_slice(b"    \"days_left\": ");
    out.extend_from_slice(days_left.to_string().as_bytes());
    out.extend_from_slice(b",\n    \"state\": \"");
    out.extend_from_slice(state_name(DeadlineState::from_days_left(days_left)).as_bytes());
    out.extend_from_slice(b"\",\n");
}

/// The stored, day-independent part of an obligation: the head's length, head, tail.
/// `None` if the head would not fit the length's two bytes (a case number of more than
/// about 64 KB; the store refuses to record it).
pub fn fragment(
    case: &str,
    kind: ObligationKind,
    due: NaiveDate,
    owner: &str,
    person: Option<&str>,
    measure: Option<Measure>,
) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(160);
    out.extend_from_slice(&[0, 0]);
    head(&mut out, case, kind, due);
    let len = u16::try_from(out.len() - 2).ok()?;
    out[..2].copy_from_slice(&len.to_le_bytes());
    tail(&mut out, owner, person, measure);
    Some(out)
}

/// A stored fragment cut into head and tail. `None` if it is not one [`fragment`] wrote.
pub fn split(fragment: &[u8]) -> Option<(&[u8], &[u8])> {
    let (len, rest) = fragment.split_first_chunk::<2>()?;
    let len = usize::from(u16::from_le_bytes(*len));
    (len <= rest.len()).then(|| rest.split_at(len))
}

/// The due date in a stored head, as written (`YYYY-MM-DD`): the text between the last
/// quote before the head's closing `",` and that quote. `None` if `head` is not a head.
pub fn head_due(head: &[u8]) -> Option<&[u8]> {
    let end = head.len().checked_sub(3)?;
    if &head[end..] != b"\",\n" {
        return None;
    }
    let start = head[..end].iter().rposition(|&b| b == b'"')? + 1;
    head[..start]
        .ends_with(b"    \"due\": \"")
        .then(|| &head[start..end])
}

/// One whole object (`  {` … `  }`, no separator) of an obligation.
pub fn object(out: &mut Vec<u8>, o: &Obligation) {
    out.extend_from_slice(b"  {\n");
    head(out, &o.case, o.kind, o.due);
    middle(out, o.days_left);
    tail(out, &o.owner, o.person.as_deref(), o.measure);
    out.extend_from_slice(b"  }");
}

/// A pretty-printed JSON array written one object at a time, each given as the pieces of
/// its body (between `  {\n` and `  }`).
#[derive(Default)]
pub struct Array {
    written: usize,
}

impl Array {
    pub fn new() -> Array {
        Array { written: 0 }
    }

    /// One object whose body is the concatenation of `body`.
    pub fn item(&mut self, w: &mut impl Write, body: &[&[u8]]) -> io::Result<()> {
        w.write_all(if self.written == 0 {
            b"[\n  {\n"
        } else {
            b",\n  {\n"
        })?;
        self.written += 1;
        for piece in body {
            w.write_all(piece)?;
        }
        w.write_all(b"  }")
    }

    /// The end of the array (no final newline, as serde writes it).
    pub fn finish(self, w: &mut impl Write) -> io::Result<()> {
        w.write_all(if self.written == 0 { b"[]" } else { b"\n]" })
    }
}
