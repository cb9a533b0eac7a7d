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
    let cols = headers.len();
    let rows: Vec<Vec<String>> = rows
        .iter()
        .map(|r| r.iter().map(|c| sanitize(c)).collect())
        .collect();
    let mut widths: Vec<usize> = headers.iter().map(|h| h.width()).collect();
    for r in &rows {
        for (i, c) in r.iter().enumerate().take(cols) {
            widths[i] = widths[i].max(c.width());
        }
    }
    let line = |cells: Vec<&str>| -> String {
        let mut s = String::new();
        for (i, c) in cells.iter().enumerate() {
            s.push_str(c);
            if i + 1 < cells.len() {
                s.push_str(&" ".repeat(widths[i] - c.width() + 2));
            }
        }
        s.trim_end().to_string()
    };
    let mut out = line(headers.to_vec());
    out.push('\n');
    let total = widths.iter().sum::<usize>() + 2 * cols.saturating_sub(1);
    out.push_str(&(if ascii { "-" } else { "─" }).repeat(total));
    out.push('\n');
    for r in &rows {
        let cells: Vec<&str> = (0..cols)
            .map(|i| r.get(i).map_or("", String::as_str))
            .collect();
        out.push_str(&line(cells));
        out.push('\n');
    }
    out
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
