//! Money in yuan for Art. 11(6) (承担全部或部分赔偿金额): ≥ 0, at most two decimals (fen).

use crate::i18n::Lang;
use crate::i18n::forms as t;

pub fn parse_amount(input: &str, lang: Lang) -> Result<f64, String> {
    let s = input.trim();
    let bad = || t::AMOUNT_FORMAT.get(lang).to_string();
    if s.is_empty() {
        return Err(t::REQUIRED.get(lang).to_string());
    }
    let (int, frac) = s.split_once('.').unwrap_or((s, ""));
    let digits = |p: &str| p.chars().all(|c| c.is_ascii_digit());
    if int.is_empty() || !digits(int) || !digits(frac) || frac.len() > 2 || s.ends_with('.') {
        return Err(bad());
    }
    s.parse::<f64>()
        .ok()
        .filter(|v| v.is_finite())
        .ok_or_else(bad)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yuan_with_at_most_two_decimals() {
        let rows: [(&str, Option<f64>); 11] = [
            ("0", Some(0.0)),
            ("1200", Some(1200.0)),
            ("1200.5", Some(1200.5)),
            (" 99.99 ", Some(99.99)),
            ("1.234", None),
            ("-5", None),
            ("1e3", None),
            ("12.", None),
            (".5", None),
            ("十元", None),
            ("", None),
        ];
        for (input, want) in rows {
            assert_eq!(parse_amount(input, Lang::En).ok(), want, "{input:?}");
        }
        assert_eq!(
            parse_amount("1.234", Lang::En).unwrap_err(),
            t::AMOUNT_FORMAT.get(Lang::En)
        );
    }
}
