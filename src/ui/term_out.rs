//! What goes to the terminal. crossterm writes even the 16 ANSI colours as 256-colour
//! sequences (`ESC[38;5;14m`), which an `xterm`, `screen`, `vt100` or `linux` terminal need
//! not understand. For those the frame is rewritten, on its way out, into the 16-colour
//! sequences (`ESC[96m`) they do; anything finer falls back to the default colour.

use std::io::{self, Write};

/// A writer that buffers a frame and, in 16-colour mode, rewrites its colour sequences on
/// flush (ratatui flushes once per frame, so a sequence is never split).
pub struct TermOut<W: Write> {
    inner: W,
    basic: bool,
    buf: Vec<u8>,
}

impl<W: Write> TermOut<W> {
    pub fn new(inner: W, basic: bool) -> TermOut<W> {
        TermOut {
            inner,
            basic,
            buf: Vec::new(),
        }
    }
}

impl<W: Write> Write for TermOut<W> {
    fn write(&mut self, data: &[u8]) -> io::Result<usize> {
        if self.basic {
            self.buf.extend_from_slice(data);
            Ok(data.len())
        } else {
            self.inner.write(data)
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        if !self.buf.is_empty() {
            let out = to_16_colours(&self.buf);
            self.buf.clear();
            self.inner.write_all(&out)?;
        }
        self.inner.flush()
    }
}

/// Rewrite every SGR sequence (`ESC [ params m`) so it uses only 16-colour parameters.
pub fn to_16_colours(data: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(data.len());
    let mut i = 0;
    while i < data.len() {
        if data[i] == 0x1b && data.get(i + 1) == Some(&b'[') {
            let start = i + 2;
            let mut j = start;
            while j < data.len() && (data[j].is_ascii_digit() || data[j] == b';') {
                j += 1;
            }
            if j < data.len() && data[j] == b'm' {
                let params = std::str::from_utf8(&data[start..j]).unwrap_or("");
                out.extend_from_slice(b"\x1b[");
                out.extend_from_slice(rewrite(params).as_bytes());
                out.push(b'm');
                i = j + 1;
                continue;
            }
        }
        out.push(data[i]);
        i += 1;
    }
    out
}

fn rewrite(params: &str) -> String {
    let p: Vec<&str> = params.split(';').collect();
    let mut out: Vec<String> = Vec::new();
    let mut k = 0;
    while k < p.len() {
        match (p[k], p.get(k + 1).copied()) {
            (which @ ("38" | "48" | "58"), Some("5")) => {
                let n: u16 = p.get(k + 2).and_then(|v| v.parse().ok()).unwrap_or(256);
                // Underline colour (58) has no 16-colour form: left out.
                if which != "58" {
                    let fg = which == "38";
                    out.push(match n {
                        0..=7 => (if fg { 30 } else { 40 } + n).to_string(),
                        8..=15 => (if fg { 90 } else { 100 } + n - 8).to_string(),
                        _ => (if fg { "39" } else { "49" }).to_string(),
                    });
                }
                k += 3;
            }
            (which @ ("38" | "48" | "58"), Some("2")) => {
                match which {
                    "38" => out.push("39".into()),
                    "48" => out.push("49".into()),
                    _ => {}
                }
                k += 5;
            }
            ("59", _) => k += 1,
            (x, _) => {
                out.push(x.to_string());
                k += 1;
            }
        }
    }
    if out.is_empty() {
        "0".to_string()
    } else {
        out.join(";")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colour_sequences_become_16_colour_ones() {
        let rows: &[(&str, &str)] = &[
            ("\x1b[38;5;14m", "\x1b[96m"),
            ("\x1b[38;5;1;48;5;0m", "\x1b[31;40m"),
            ("\x1b[48;5;8m", "\x1b[100m"),
            ("\x1b[38;5;244m", "\x1b[39m"),
            ("\x1b[38;2;1;2;3mX", "\x1b[39mX"),
            ("\x1b[1m\x1b[39m", "\x1b[1m\x1b[39m"),
            ("\x1b[58;5;9m", "\x1b[0m"),
            ("a\x1b[2Jb\x1b[10;20H", "a\x1b[2Jb\x1b[10;20H"),
            ("中文\x1b[38;5;11m中", "中文\x1b[93m中"),
        ];
        for (input, want) in rows {
            let got = String::from_utf8(to_16_colours(input.as_bytes())).expect("utf-8");
            assert_eq!(got, *want, "{input:?}");
            assert!(!got.contains("38;5") && !got.contains("48;5"), "{got:?}");
        }
    }

    #[test]
    fn passes_through_when_the_terminal_has_more_colours() {
        let mut out = TermOut::new(Vec::new(), false);
        out.write_all(b"\x1b[38;5;14m").expect("write");
        out.flush().expect("flush");
        assert_eq!(out.inner, b"\x1b[38;5;14m");
        let mut out = TermOut::new(Vec::new(), true);
        out.write_all(b"\x1b[38;5;").expect("write");
        out.write_all(b"14mx").expect("write");
        assert!(out.inner.is_empty(), "held until the frame is complete");
        out.flush().expect("flush");
        assert_eq!(out.inner, b"\x1b[96mx");
    }
}
