//! Plain-text tables aligned by display width, so Chinese lines up with Latin text.

use unicode_width::UnicodeWidthStr;

/// Control characters in recorded text could move the cursor or recolour the terminal;
/// show them as `\u{…}` escapes instead.
pub fn sanitize(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_control() {
            out.push_str(&c.escape_unicode().to_string());
        } else {
            out.push(c);
        }
    }
    out
}

/// Columns separated by two spaces, a rule under the headings (`─`, or `-` in ASCII mode).
/// The last column is not padded.
pub fn render(headers: &[&str], rows: &[Vec<String>], ascii: bool) -> String {
    let mut t = Widths::new(headers);
    for r in rows {
        t.measure(r);
    }
    let mut out = t.head(ascii);
    for r in rows {
        out.push_str(&t.line(r));
    }
    out
}

/// The column widths of a table, measured row by row before any is written, so that a table
/// too long to hold (`deadlines` of a whole bureau, issue 10) is written as its rows are
/// read a second time.
pub struct Widths {
    headers: Vec<String>,
    widths: Vec<usize>,
}

impl Widths {
    pub fn new(headers: &[&str]) -> Widths {
        Widths {
            headers: headers.iter().map(|h| sanitize(h)).collect(),
            widths: headers.iter().map(|h| sanitize(h).width()).collect(),
        }
    }

    /// Widen the columns to fit `row`.
    pub fn measure(&mut self, row: &[String]) {
        for (w, c) in self.widths.iter_mut().zip(row) {
            *w = (*w).max(sanitize(c).width());
        }
    }

    /// The headings and the rule under them, each with its newline.
    pub fn head(&self, ascii: bool) -> String {
        let mut out = self.line(&self.headers);
        let cols = self.widths.len();
        let total = self.widths.iter().sum::<usize>() + 2 * cols.saturating_sub(1);
        out.push_str(&(if ascii { "-" } else { "─" }).repeat(total));
        out.push('\n');
        out
    }

    /// One row, with its newline (a cell wider than measured pushes the rest right).
    pub fn line(&self, row: &[String]) -> String {
        let cols = self.widths.len();
        let mut s = String::new();
        for (i, w) in self.widths.iter().enumerate() {
            let c = sanitize(row.get(i).map_or("", String::as_str));
            s.push_str(&c);
            if i + 1 < cols {
                s.push_str(&" ".repeat(w.saturating_sub(c.width()) + 2));
            }
        }
        let mut s = s.trim_end().to_string();
        s.push('\n');
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_columns_line_up() {
        let t = render(
            &["Person", "Grade"],
            &[
                vec!["孙强 (sunq)".into(), "direct".into()],
                vec!["Li".into(), "none".into()],
            ],
            true,
        );
        let lines: Vec<&str> = t.lines().collect();
        // "孙强 (sunq)" is 11 columns wide; the second column starts at 13 in every row.
        assert_eq!(lines[0], "Person       Grade");
        assert_eq!(lines[1], "-".repeat(11 + 2 + 6));
        assert_eq!(lines[2], "孙强 (sunq)  direct");
        assert_eq!(lines[3], "Li           none");
    }

    #[test]
    fn control_characters_are_escaped() {
        assert_eq!(sanitize("a\u{1b}[31mb"), "a\\u{1b}[31mb");
    }
}
