//! Every user-facing string, in zh-CN and en. Each area keeps its strings in its own file
//! here; this module holds the language choice and the citation form of the regulation.

use std::fmt;

pub mod calendar;
pub mod check;
pub mod cli;
pub mod cli_db;
pub mod cli_search;
pub mod detail;
pub mod edits;
pub mod forms;
pub mod labels;
pub mod people;
pub mod rules;
pub mod service;
mod store;
pub mod ui;
pub mod workflow;

/// The language of the interface.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    Zh,
    #[default]
    En,
}

impl Lang {
    /// `--lang`, else the locale (`LC_ALL`, `LC_MESSAGES`, `LANG`; `zh*` → Chinese), else English.
    pub fn detect(flag: Option<&str>) -> Lang {
        if let Some(f) = flag {
            return Lang::parse(f).unwrap_or_default();
        }
        for var in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            if let Ok(v) = std::env::var(var)
                && !v.is_empty()
            {
                return if v.to_ascii_lowercase().starts_with("zh") {
                    Lang::Zh
                } else {
                    Lang::En
                };
            }
        }
        Lang::En
    }

    /// `zh`, `zh-CN`, `zh_CN.UTF-8` → Chinese; `en…` → English.
    pub fn parse(s: &str) -> Option<Lang> {
        let s = s.to_ascii_lowercase();
        if s.starts_with("zh") {
            Some(Lang::Zh)
        } else if s.starts_with("en") || s == "c" || s == "posix" {
            Some(Lang::En)
        } else {
            None
        }
    }

    /// Pick the string for this language.
    pub fn pick<'a>(self, zh: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }
}

/// Chinese numerals as the regulation writes article and item numbers (1–99).
pub fn zh_number(n: u32) -> String {
    const D: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        0..=9 => D[n as usize].to_string(),
        10..=19 => format!("十{}", if n == 10 { "" } else { D[(n - 10) as usize] }),
        20..=99 => format!(
            "{}十{}",
            D[(n / 10) as usize],
            if n.is_multiple_of(10) {
                ""
            } else {
                D[(n % 10) as usize]
            }
        ),
        _ => n.to_string(),
    }
}

/// A citation code of RULES.md (`A`, `A.I` or `A.I.S`) in the language's own form:
/// `5.2.4` → 第五条第（二）项第4目 / Art. 5(2)4.
pub struct Cite<'a>(pub &'a str, pub Lang);

impl fmt::Display for Cite<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let parts: Vec<u32> = self.0.split('.').filter_map(|p| p.parse().ok()).collect();
        if parts.is_empty() || parts.len() != self.0.split('.').count() {
            return f.write_str(self.0);
        }
        match self.1 {
            Lang::Zh => {
                write!(f, "第{}条", zh_number(parts[0]))?;
                if let Some(i) = parts.get(1) {
                    write!(f, "第（{}）项", zh_number(*i))?;
                }
                if let Some(s) = parts.get(2) {
                    write!(f, "第{s}目")?;
                }
                Ok(())
            }
            Lang::En => {
                write!(f, "Art. {}", parts[0])?;
                if let Some(i) = parts.get(1) {
                    write!(f, "({i})")?;
                }
                if let Some(s) = parts.get(2) {
                    write!(f, "{s}")?;
                }
                Ok(())
            }
        }
    }
}

/// Shorthand for `Cite(code, lang).to_string()`.
pub fn cite(code: &str, lang: Lang) -> String {
    Cite(code, lang).to_string()
}

/// Who the other end of a relation is, before their name: "被调查人" + 孙强,
/// "the act's reviewer" + 郑亮 (bundle-v2.md, **Involved**: a relation counts with a
/// respondent, an act participant or a person a rule names — each is called what it is).
pub fn party(p: crate::domain::conflict::Party, name: &str, lang: Lang) -> String {
    use crate::domain::conflict::Party as P;
    match (p, lang) {
        (P::Respondent, Lang::Zh) => format!("被调查人{name}"),
        (P::Handler, Lang::Zh) => format!("承办人{name}"),
        (P::Reviewer, Lang::Zh) => format!("审核人{name}"),
        (P::Approver, Lang::Zh) => format!("批准人{name}"),
        (P::NamedByRule { rule }, Lang::Zh) => {
            format!("{}所列人员{name}", cite(rule.as_str(), lang))
        }
        (P::Respondent, Lang::En) => format!("respondent {name}"),
        (P::Handler, Lang::En) => format!("the act's handler {name}"),
        (P::Reviewer, Lang::En) => format!("the act's reviewer {name}"),
        (P::Approver, Lang::En) => format!("the act's approver {name}"),
        (P::NamedByRule { rule }, Lang::En) => {
            format!("{name} (named by {})", cite(rule.as_str(), lang))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn citations_in_both_forms() {
        let rows = [
            ("5.2.4", "第五条第（二）项第4目", "Art. 5(2)4"),
            ("5.2.10", "第五条第（二）项第10目", "Art. 5(2)10"),
            ("5.1", "第五条第（一）项", "Art. 5(1)"),
            ("8.3", "第八条第（三）项", "Art. 8(3)"),
            ("11.7", "第十一条第（七）项", "Art. 11(7)"),
            ("6.22", "第六条第（二十二）项", "Art. 6(22)"),
            ("4", "第四条", "Art. 4"),
        ];
        for (code, zh, en) in rows {
            assert_eq!(cite(code, Lang::Zh), zh, "{code}");
            assert_eq!(cite(code, Lang::En), en, "{code}");
        }
        assert_eq!(cite("x.y", Lang::En), "x.y");
    }

    #[test]
    fn chinese_numerals() {
        assert_eq!(zh_number(1), "一");
        assert_eq!(zh_number(10), "十");
        assert_eq!(zh_number(14), "十四");
        assert_eq!(zh_number(20), "二十");
        assert_eq!(zh_number(22), "二十二");
    }

    #[test]
    fn language_flag_wins() {
        assert_eq!(Lang::detect(Some("zh-CN")), Lang::Zh);
        assert_eq!(Lang::detect(Some("en")), Lang::En);
        assert_eq!(Lang::parse("zh_CN.UTF-8"), Some(Lang::Zh));
        assert_eq!(Lang::parse("fr"), None);
    }
}
