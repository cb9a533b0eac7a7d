//! Dates as a user types them: `YYYY-MM-DD`, `today`, `+N` / `-N` days from today.

use chrono::{Days, NaiveDate};

use crate::i18n::Lang;
use crate::i18n::forms as t;

/// Parse a typed date relative to `today`; the error says what format is expected.
pub fn parse_date(input: &str, today: NaiveDate, lang: Lang) -> Result<NaiveDate, String> {
    let s = input.trim();
    let bad = || t::DATE_FORMAT.get(lang).to_string();
    if s.is_empty() {
        return Err(t::REQUIRED.get(lang).to_string());
    }
    if s.eq_ignore_ascii_case("today") || s == "今天" {
        return Ok(today);
    }
    if let Some(rest) = s.strip_prefix('+').or_else(|| s.strip_prefix('-')) {
        let n: u64 = rest.parse().map_err(|_| bad())?;
        let moved = if s.starts_with('+') {
            today.checked_add_days(Days::new(n))
        } else {
            today.checked_sub_days(Days::new(n))
        };
        return moved.ok_or_else(bad);
    }
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .ok()
        // chrono accepts "2026-1-5"; the format asks for two-digit month and day.
        .filter(|_| s.len() == 10)
        .ok_or_else(bad)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_the_documented_forms_and_names_the_format_otherwise() {
        let today = NaiveDate::from_ymd_opt(2026, 10, 20).unwrap();
        let d = |y, m, dd| Ok(NaiveDate::from_ymd_opt(y, m, dd).unwrap());
        let rows: [(&str, Result<NaiveDate, String>); 12] = [
            ("2026-10-09", d(2026, 10, 9)),
            (" 2026-02-28 ", d(2026, 2, 28)),
            ("today", d(2026, 10, 20)),
            ("TODAY", d(2026, 10, 20)),
            ("+0", d(2026, 10, 20)),
            ("+12", d(2026, 11, 1)),
            ("-20", d(2026, 9, 30)),
            ("2026-02-30", Err(t::DATE_FORMAT.get(Lang::Zh).into())),
            ("2026-1-5", Err(t::DATE_FORMAT.get(Lang::Zh).into())),
            ("+x", Err(t::DATE_FORMAT.get(Lang::Zh).into())),
            ("昨天", Err(t::DATE_FORMAT.get(Lang::Zh).into())),
            ("", Err(t::REQUIRED.get(Lang::Zh).into())),
        ];
        for (input, want) in rows {
            assert_eq!(parse_date(input, today, Lang::Zh), want, "{input:?}");
        }
        assert_eq!(
            parse_date("garbage", today, Lang::Zh).unwrap_err(),
            "日期格式应为 YYYY-MM-DD、today 或 +N"
        );
    }
}
