//! Everything the command line prints passes through here: control characters (C0 but
//! newline and tab, DEL, C1) and the bidi controls (U+061C, U+200E/F, U+202A–E, U+2066–9)
//! that a case title or a transcript may carry are shown as visible escapes, so that no
//! record can move the cursor, recolour the terminal or make a line read backwards. The
//! workbench does the same for the screen (`ui::text::sanitize`).
//!
//! Text gets `\u{202E}`-style escapes; JSON gets `\u202e` escapes, which keep it valid JSON
//! with the same value (such characters only ever occur inside JSON strings, and serde_json
//! already escapes the C0 ones).

use std::borrow::Cow;

/// Whether `c` must not reach the terminal raw.
pub fn is_unsafe(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
}

/// Text for a terminal: unsafe characters as `\u{XXXX}`.
pub fn for_terminal(s: &str) -> Cow<'_, str> {
    escape(s, |c| format!("\\u{{{:04X}}}", c as u32))
}

/// JSON text for a terminal or a pipe: unsafe characters as `\uXXXX` (same JSON value).
pub fn json(s: &str) -> Cow<'_, str> {
    escape(s, |c| {
        let mut buf = [0u16; 2];
        c.encode_utf16(&mut buf)
            .iter()
            .map(|u| format!("\\u{u:04x}"))
            .collect()
    })
}

/// A writer that passes JSON text on with [`json`] escapes (for streamed output). Each
/// write must be whole UTF-8 (the exporter writes whole lines); anything else passes as is.
pub struct JsonOut<W>(pub W);

impl<W: std::io::Write> std::io::Write for JsonOut<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        match std::str::from_utf8(buf) {
            Ok(s) => self.0.write_all(json(s).as_bytes())?,
            Err(_) => self.0.write_all(buf)?,
        }
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.0.flush()
    }
}

fn escape(s: &str, with: impl Fn(char) -> String) -> Cow<'_, str> {
    if !s.chars().any(is_unsafe) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        if is_unsafe(c) {
            out.push_str(&with(c));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_and_bidi_are_visible_and_json_stays_json() {
        assert_eq!(
            for_terminal("案\u{202E}txt.exe\x1b[2J\n"),
            "案\\u{202E}txt.exe\\u{001B}[2J\n"
        );
        assert_eq!(for_terminal("plain\ttext"), "plain\ttext");
        let v = serde_json::json!({"title": "a\u{202E}b\u{9b}c"});
        let text = json(&v.to_string()).into_owned();
        assert!(!text.chars().any(is_unsafe), "{text}");
        assert_eq!(serde_json::from_str::<serde_json::Value>(&text).unwrap(), v);
    }
}
