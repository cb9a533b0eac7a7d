//! `deadlines --json` written by hand: the same bytes as `serde_json::to_writer_pretty` of
//! the obligations (bundle-v1.md's array), without going through serde's generic
//! serializer. At 100,000 cases the array has 75,000 objects (14 MB) and serde's pretty
//! printer was a third of the command's CPU time (issue 10: ≤ 50 ms). The test below holds
//! the two byte for byte, escapes included.

use std::io::{self, Write};

use crate::domain::deadlines::{DeadlineState, Obligation, ObligationKind};

/// serde's name of a kind (`#[serde(rename_all = "snake_case")]`).
fn kind_name(k: ObligationKind) -> &'static str {
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

/// `YYYY-MM-DD` as chrono's `Display` writes it for years 0–9999 (the store's range).
fn ymd(d: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    if !(0..=9999).contains(&d.year()) {
        return d.to_string();
    }
    let (y, m, day) = (d.year() as u32, d.month(), d.day());
    let digit = |n: u32| char::from(b'0' + n as u8);
    [
        digit(y / 1000),
        digit(y / 100 % 10),
        digit(y / 10 % 10),
        digit(y % 10),
        '-',
        digit(m / 10),
        digit(m % 10),
        '-',
        digit(day / 10),
        digit(day % 10),
    ]
    .into_iter()
    .collect()
}

/// A JSON string as serde_json writes it: only `"`, `\` and control characters escaped.
fn string(w: &mut impl Write, s: &str) -> io::Result<()> {
    if s.bytes().all(|b| b >= 0x20 && b != b'"' && b != b'\\') {
        w.write_all(b"\"")?;
        w.write_all(s.as_bytes())?;
        w.write_all(b"\"")
    } else {
        serde_json::to_writer(w, s).map_err(io::Error::from)
    }
}

fn field(w: &mut impl Write, name: &str, value: &str, last: bool) -> io::Result<()> {
    // Pieces, not `write!`: the formatting machinery per field was a fifth of the command.
    w.write_all(b"    \"")?;
    w.write_all(name.as_bytes())?;
    w.write_all(b"\": ")?;
    string(w, value)?;
    w.write_all(if last { b"\n" } else { b",\n" })
}

/// A pretty-printed JSON array written one obligation at a time.
#[derive(Default)]
pub struct Array {
    written: usize,
}

impl Array {
    pub fn new() -> Array {
        Array { written: 0 }
    }

    pub fn item(&mut self, w: &mut impl Write, o: &Obligation) -> io::Result<()> {
        w.write_all(if self.written == 0 {
            b"[\n  {\n"
        } else {
            b",\n  {\n"
        })?;
        self.written += 1;
        field(w, "case", &o.case, false)?;
        field(w, "kind", kind_name(o.kind), false)?;
        field(w, "due", &ymd(o.due), false)?;
        writeln!(w, "    \"days_left\": {},", o.days_left)?;
        field(w, "state", state_name(o.state), false)?;
        let (person, measure) = (o.person.as_deref(), o.measure.map(|m| m.as_str()));
        field(w, "owner", &o.owner, person.is_none() && measure.is_none())?;
        if let Some(p) = person {
            field(w, "person", p, measure.is_none())?;
        }
        if let Some(m) = measure {
            field(w, "measure", m, true)?;
        }
        w.write_all(b"  }")
    }

    /// The end of the array (no final newline, as serde writes it).
    pub fn finish(self, w: &mut impl Write) -> io::Result<()> {
        w.write_all(if self.written == 0 { b"[]" } else { b"\n]" })
    }
}

/// The obligations as a pretty-printed JSON array (no final newline, as serde writes it).
pub fn write(w: &mut impl Write, obs: &[Obligation]) -> io::Result<()> {
    let mut a = Array::new();
    for o in obs {
        a.item(w, o)?;
    }
    a.finish(w)
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;
    use crate::domain::model::Measure;

    fn ob(case: &str, kind: ObligationKind, days: i64, owner: &str) -> Obligation {
        Obligation {
            case: case.into(),
            kind,
            due: NaiveDate::from_ymd_opt(2026, 3, 16).expect("date"),
            days_left: days,
            state: DeadlineState::from_days_left(days),
            owner: owner.into(),
            person: None,
            measure: None,
        }
    }

    #[test]
    fn writes_what_serde_writes() {
        let kinds = [
            ObligationKind::Acceptance,
            ObligationKind::Notification,
            ObligationKind::DecisionReport,
            ObligationKind::Sanction,
            ObligationKind::ReviewDecision,
            ObligationKind::AppealDecision,
        ];
        let mut all = Vec::new();
        for (i, k) in kinds.into_iter().enumerate() {
            let mut o = ob("卧应急责〔2026〕7号", k, i as i64 * 3 - 5, "legal");
            if i % 2 == 0 {
                o.person = Some("sunq".into());
            }
            if i % 3 == 0 {
                o.measure = Some(Measure::ALL[i % Measure::ALL.len()]);
            }
            all.push(o);
        }
        all.push(ob("quote \" back\\slash \u{1}\n\ttab", kinds[0], 0, "a\"b"));
        for (y, m, d) in [
            (1, 1, 1),
            (999, 12, 31),
            (2026, 10, 9),
            (9999, 12, 31),
            (-5, 3, 4),
        ] {
            let mut o = ob("d", kinds[2], 1, "chief");
            o.due = NaiveDate::from_ymd_opt(y, m, d).expect("date");
            all.push(o);
        }
        let mut o = ob("x", kinds[1], -400, "\u{7f}é");
        o.person = Some("\"".into());
        all.push(o);
        for n in [0, 1, all.len()] {
            let mut mine = Vec::new();
            write(&mut mine, &all[..n]).expect("write");
            let serde = serde_json::to_vec_pretty(&all[..n]).expect("serde");
            assert_eq!(
                String::from_utf8_lossy(&mine),
                String::from_utf8_lossy(&serde)
            );
        }
    }
}
