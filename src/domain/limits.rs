//! What a text field may hold, wherever it comes from (a bundle, a command, a form): never a
//! NUL character (SQLite, C tools and terminals all stop at it, so the record would read
//! differently in different places), and never more than a field of its kind can sensibly
//! hold. Checked on the JSON form, so bundles and workflow commands share one rule and the
//! error names the field's path.

use serde_json::Value;

use super::validate::error::BundleError;

/// Names, logins, numbers, titles, references: one line of text.
pub const SHORT_FIELD_CHARS: usize = 500;
/// Anything else (summaries, transcripts, minutes, reasons): long, but not unbounded.
pub const LONG_FIELD_CHARS: usize = 100_000;

/// Keys whose values are one line of text.
const SHORT_KEYS: [&str; 11] = [
    "login",
    "name",
    "unit",
    "number",
    "title",
    "reference",
    "contact",
    "interviewee",
    "kind",
    "file_name",
    "format",
];

/// Every string in `v` (found under `path`) that holds a NUL or is too long, first first.
pub fn text_errors(v: &Value, path: &str) -> Vec<BundleError> {
    let mut out = Vec::new();
    walk(v, &mut vec![Seg::Root(path)], None, &mut out);
    out
}

/// One step of the path to a value: kept as a stack and written out only for an error, so
/// that checking a case (hundreds of strings, at every import) allocates nothing.
enum Seg<'a> {
    Root(&'a str),
    Key(&'a str),
    Index(usize),
}

fn render(path: &[Seg<'_>]) -> String {
    let mut out = String::new();
    for seg in path {
        match seg {
            Seg::Root(p) => out.push_str(p),
            Seg::Key(k) if out.is_empty() => out.push_str(k),
            Seg::Key(k) => {
                out.push('.');
                out.push_str(k);
            }
            Seg::Index(i) => out.push_str(&format!("[{i}]")),
        }
    }
    if out.is_empty() {
        out.push_str("(text)");
    }
    out
}

fn walk<'a>(v: &'a Value, path: &mut Vec<Seg<'a>>, key: Option<&str>, out: &mut Vec<BundleError>) {
    match v {
        Value::Object(m) => {
            for (k, x) in m {
                path.push(Seg::Key(k));
                walk(x, path, Some(k), out);
                path.pop();
            }
        }
        Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                path.push(Seg::Index(i));
                walk(x, path, key, out);
                path.pop();
            }
        }
        Value::String(s) => {
            if let Some(reason) = fault(s, max_chars(key)) {
                out.push(BundleError::new(render(path), None, reason));
            }
        }
        _ => {}
    }
}

/// The most characters a string under `key` may hold (the key of the nearest enclosing
/// object's entry; `None` for a string that is the whole value).
pub(crate) fn max_chars(key: Option<&str>) -> usize {
    if key.is_some_and(|k| SHORT_KEYS.contains(&k)) {
        SHORT_FIELD_CHARS
    } else {
        LONG_FIELD_CHARS
    }
}

/// What is wrong with `s`, a string that may hold `max` characters, if anything.
pub(crate) fn fault(s: &str, max: usize) -> Option<String> {
    if s.contains('\0') {
        return Some("contains a NUL character (\\u0000); remove it".to_string());
    }
    // Bytes bound characters from above: count only when it could matter.
    if s.len() > max {
        let n = s.chars().count();
        if n > max {
            return Some(format!(
                "is {n} characters long; this field holds at most {max}"
            ));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn nul_and_overlong_fields_are_named_by_path() {
        let v = json!({"cases": [{"title": "a\u{0}b", "summary": "x".repeat(LONG_FIELD_CHARS)},
                                 {"title": "标".repeat(SHORT_FIELD_CHARS + 1)}]});
        let e = text_errors(&v, "");
        assert_eq!(e.len(), 2, "{e:?}");
        assert_eq!(e[0].path, "cases[0].title");
        assert!(e[0].reason.contains("NUL"));
        assert_eq!(e[1].path, "cases[1].title");
        assert!(e[1].reason.contains("at most 500"), "{}", e[1].reason);
        // Exactly at the limit is fine; Chinese counts by character, not byte.
        let ok = json!({"title": "标".repeat(SHORT_FIELD_CHARS)});
        assert!(text_errors(&ok, "").is_empty());
        // Under a prefix, nested keys and indexes; a bare string is "(text)".
        let v = json!({"a": [{"b": "x\u{0}"}]});
        assert_eq!(text_errors(&v, "cases[3]")[0].path, "cases[3].a[0].b");
        assert_eq!(text_errors(&json!("\u{0}"), "")[0].path, "(text)");
    }
}
