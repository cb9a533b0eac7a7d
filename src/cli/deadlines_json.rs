//! `deadlines --json` written by hand: the same bytes as `serde_json::to_writer_pretty` of
//! the obligations (bundle-v1.md's array), without going through serde's generic
//! serializer. At 100,000 cases the array has 75,000 objects (14 MB) and serde's pretty
//! printer was a third of the command's CPU time (issue 10: ≤ 50 ms). The rendering is
//! `store::obligations_json`'s, which the store also uses to keep each obligation's
//! day-independent lines pre-rendered; the test below holds it to serde byte for byte,
//! escapes included.

use std::io::{self, Write};

use crate::domain::deadlines::Obligation;
use crate::store::obligations_json as oj;

/// A pretty-printed JSON array written one obligation at a time.
#[derive(Default)]
pub struct Array {
    raw: oj::Array,
    buf: Vec<u8>,
}

impl Array {
    pub fn new() -> Array {
        Array::default()
    }

    pub fn item(&mut self, w: &mut impl Write, o: &Obligation) -> io::Result<()> {
        self.buf.clear();
        oj::object(&mut self.buf, o);
        // `object` writes the braces too; the raw array writes them itself.
        let body = &self.buf[4..self.buf.len() - 3];
        self.raw.item(w, &[body])
    }

    /// The end of the array (no final newline, as serde writes it).
    pub fn finish(self, w: &mut impl Write) -> io::Result<()> {
        self.raw.finish(w)
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
    use crate::domain::deadlines::{DeadlineState, ObligationKind};
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
            // The same bytes from the pieces the store keeps: the stored fragment cut in
            // two around the day's lines.
            let mut raw = Vec::new();
            let mut array = oj::Array::new();
            for o in &all[..n] {
                let frag = oj::fragment(
                    &o.case,
                    o.kind,
                    o.due,
                    &o.owner,
                    o.person.as_deref(),
                    o.measure,
                )
                .expect("fits");
                let (head, tail) = oj::split(&frag).expect("split");
                let mut middle = Vec::new();
                oj::middle(&mut middle, o.days_left);
                array.item(&mut raw, &[head, &middle, tail]).expect("item");
            }
            array.finish(&mut raw).expect("finish");
            assert_eq!(
                String::from_utf8_lossy(&raw),
                String::from_utf8_lossy(&serde)
            );
        }
        assert_eq!(oj::split(&[]), None);
        assert_eq!(
            oj::split(&[9, 0, b'x']),
            None,
            "a head longer than the blob"
        );
        let long = "号".repeat(30_000);
        assert!(
            oj::fragment(&long, kinds[0], all[0].due, "o", None, None).is_none(),
            "a head over 64 KiB is refused, not cut"
        );
    }
}
