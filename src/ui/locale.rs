//! The terminal's character set, as the locale names it. culpa writes UTF-8; a terminal set
//! up for another encoding (`LANG=C`, `zh_CN.GBK`) shows its box lines and Chinese text as
//! garbage. Such a user gets a plain warning — in ASCII, the one thing that terminal will
//! show — and ASCII chrome (borders and symbols) for the session.

/// The locale that decides the character set: `LC_ALL`, else `LC_CTYPE`, else `LANG`
/// (POSIX's order); unset means "C".
pub fn effective(var: impl Fn(&str) -> Option<String>) -> String {
    ["LC_ALL", "LC_CTYPE", "LANG"]
        .iter()
        .find_map(|k| var(k).filter(|v| !v.is_empty()))
        .unwrap_or_else(|| "C".to_string())
}

/// Whether a locale's character set is UTF-8 (`zh_CN.UTF-8`, `en_US.utf8`, `C.UTF-8`).
pub fn is_utf8(locale: &str) -> bool {
    let charset = locale
        .split_once('.')
        .map(|(_, c)| c.split('@').next().unwrap_or(c))
        .unwrap_or("");
    let c = charset.to_ascii_lowercase().replace('-', "");
    c == "utf8"
}

/// The warning to show when the locale is not UTF-8, else None.
pub fn check(var: impl Fn(&str) -> Option<String>) -> Option<String> {
    let locale = effective(var);
    if is_utf8(&locale) {
        return None;
    }
    // ASCII only: this terminal may show nothing else.
    Some(format!(
        "Locale {locale} is not UTF-8: Chinese text may show garbled and borders are ASCII. \
         Use a UTF-8 locale, e.g. LANG=zh_CN.UTF-8."
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env<'a>(pairs: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
        move |k| {
            pairs
                .iter()
                .find(|(n, _)| *n == k)
                .map(|(_, v)| v.to_string())
        }
    }

    #[test]
    fn utf8_locales_pass_and_others_are_warned() {
        let rows: &[(&[(&str, &str)], bool)] = &[
            (&[("LANG", "zh_CN.UTF-8")], true),
            (&[("LANG", "en_US.utf8")], true),
            (&[("LANG", "C.UTF-8")], true),
            (&[("LANG", "zh_CN.GBK")], false),
            (&[("LANG", "C")], false),
            (&[("LANG", "POSIX")], false),
            (&[], false),
            (&[("LANG", "zh_CN.UTF-8"), ("LC_ALL", "C")], false),
            (&[("LANG", "C"), ("LC_CTYPE", "zh_CN.UTF-8")], true),
            (&[("LANG", "de_DE.UTF-8@euro")], true),
        ];
        for (vars, ok) in rows {
            let warning = check(env(vars));
            assert_eq!(warning.is_none(), *ok, "{vars:?}: {warning:?}");
            if let Some(w) = warning {
                assert!(w.is_ascii(), "{w}");
                assert!(w.contains("UTF-8"), "{w}");
            }
        }
    }
}
