//! Text as the terminal will show it: user data made inert, measured and cut by display width
//! (so Chinese, two columns a character, lines up).

use std::borrow::Cow;

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Characters that must never reach the terminal from user data: C0 controls (ESC, BEL, …),
/// DEL, C1 controls (U+0080–U+009F, e.g. the 8-bit CSI U+009B) and the bidi overrides and
/// isolates (U+202A–U+202E, U+2066–U+2069) that can make text read differently than it is.
fn is_dangerous(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
}

/// Show control characters inertly: ESC as `^[`, other C0 controls in caret notation (`^G`),
/// DEL as `^?`, C1 and bidi controls as U+FFFD. Tabs and newlines become a space so a title
/// stays on its line.
pub fn sanitize(s: &str) -> Cow<'_, str> {
    if !s.chars().any(is_dangerous) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '\t' | '\n' | '\r' => out.push(' '),
            '\u{7F}' => out.push_str("^?"),
            c if (c as u32) < 0x20 => {
                out.push('^');
                out.push(char::from(b'@' + c as u8));
            }
            c if is_dangerous(c) => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// Display width in terminal columns.
pub fn width(s: &str) -> usize {
    UnicodeWidthStr::width(s)
}

/// Cut `s` to at most `max_width` columns, ending with `…` when something was cut. Never splits
/// a wide character: a Chinese character that would straddle the edge is dropped whole.
pub fn truncate(s: &str, max_width: usize) -> String {
    if width(s) <= max_width {
        return s.to_string();
    }
    if max_width == 0 {
        return String::new();
    }
    let budget = max_width - 1; // room for the ellipsis
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = c.width().unwrap_or(0);
        if used + w > budget {
            break;
        }
        used += w;
        out.push(c);
    }
    out.push('…');
    out
}

/// Pad with spaces (after cutting) to exactly `w` columns, for table cells.
pub fn fit(s: &str, w: usize) -> String {
    let mut t = truncate(s, w);
    let have = width(&t);
    t.extend(std::iter::repeat_n(' ', w.saturating_sub(have)));
    t
}

/// Break `s` into lines of at most `max_width` columns. Chinese breaks between any two
/// characters (it has no spaces); a Latin word is moved whole to the next line when a space
/// before it allows, and cut only when it is longer than a line. A character wider than the
/// whole line is left out rather than overflowing.
pub fn wrap(s: &str, max_width: usize) -> Vec<String> {
    let mut out = Vec::new();
    let mut line = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = c.width().unwrap_or(0);
        if w > max_width {
            continue;
        }
        if used + w > max_width {
            let in_word = w == 1 && !c.is_whitespace();
            let tail_start = line
                .rfind(' ')
                .filter(|&at| at > 0 && in_word && line[at + 1..].chars().all(is_word_char));
            match tail_start {
                Some(at) => {
                    let tail = line[at + 1..].to_string();
                    line.truncate(at);
                    out.push(line.trim_end().to_string());
                    used = width(&tail);
                    line = tail;
                }
                // Chinese typesetting: a line never starts with closing punctuation (。，、…),
                // so the last character goes down with it.
                None if NO_LINE_START.contains(c)
                    && line.chars().count() > 1
                    && line.chars().last().and_then(|l| l.width()).unwrap_or(0) + w
                        <= max_width =>
                {
                    let last = line.pop().unwrap_or_default();
                    out.push(std::mem::take(&mut line));
                    line.push(last);
                    used = width(&line);
                }
                // Nor does a line end with opening punctuation (（《「…): it goes down too.
                None if line.chars().count() > 1
                    && line.chars().last().is_some_and(|l| NO_LINE_END.contains(l))
                    && line.chars().last().and_then(|l| l.width()).unwrap_or(0) + w
                        <= max_width =>
                {
                    let last = line.pop().unwrap_or_default();
                    out.push(line.trim_end().to_string());
                    line = last.to_string();
                    used = width(&line);
                }
                None => {
                    out.push(std::mem::take(&mut line));
                    used = 0;
                }
            }
            // A line never starts with the space it was broken at.
            if c == ' ' && line.is_empty() {
                continue;
            }
        }
        line.push(c);
        used += w;
    }
    if !line.is_empty() {
        out.push(line);
    }
    out
}

/// Punctuation that must not begin a line (避头点).
const NO_LINE_START: &str = "。，、；：！？）」』》〕】…";
/// Punctuation that must not end a line (避尾点).
const NO_LINE_END: &str = "（「『《〔【(";

/// Part of a Latin word: kept together by [`wrap`].
fn is_word_char(c: char) -> bool {
    !c.is_whitespace() && c.width() == Some(1)
}

/// Wrap `s` to `max_width` columns with a hanging indent: the first line starts with
/// `first`, the rest with `rest`, so a long Chinese reason stays under its bullet.
pub fn wrap_hanging(s: &str, first: &str, rest: &str, max_width: usize) -> Vec<String> {
    let indent = width(first).max(width(rest));
    // Too narrow for an indent: wrap flush rather than drop every character.
    if max_width <= indent + 1 {
        return wrap(s, max_width);
    }
    wrap(s, max_width - indent)
        .into_iter()
        .enumerate()
        .map(|(i, part)| format!("{}{part}", if i == 0 { first } else { rest }))
        .collect()
}

/// Wrap `s` when its first line shares the row with something `first_room` columns leave
/// room for, and later lines have `rest_room` columns (a label, then a hanging indent).
/// The first element is for the label's row (empty when nothing fits there); it is always a
/// prefix of `s`, so the rest is re-wrapped from where it ends.
pub fn wrap_after(s: &str, first_room: usize, rest_room: usize) -> Vec<String> {
    let first = wrap(s, first_room).into_iter().next().unwrap_or_default();
    // Nothing fits after the label (or a character too wide for it was left out): the first
    // row stays empty and all of it goes below, where nothing is lost.
    if first.is_empty() || !s.starts_with(&first) {
        let mut out = vec![String::new()];
        out.extend(wrap(s, rest_room));
        return out;
    }
    let tail = s[first.len()..].trim_start();
    let mut out = vec![first];
    out.extend(wrap(tail, rest_room));
    out
}

/// `--ascii`: the plain stand-in for a symbol the app draws. Box lines, arrows, the middle
/// dot, the ellipsis and the warning sign are "ambiguous width" in Unicode — one column in
/// Western terminals, two in many CJK ones — and break the alignment there.
pub fn ascii_symbol(c: char) -> Option<char> {
    Some(match c {
        '·' | '•' | '∙' => '-',
        '…' => '~',
        '→' | '▶' | '›' | '»' => '>',
        '←' | '◀' | '‹' | '«' => '<',
        '↑' => '^',
        '↓' => 'v',
        '↔' | '↕' => '=',
        '⚠' => '!',
        '▏' | '│' | '┃' | '║' | '╎' => '|',
        '─' | '━' | '—' | '–' | '‐' => '-',
        '═' => '=',
        '┌' | '┐' | '└' | '┘' | '├' | '┤' | '┬' | '┴' | '┼' => '+',
        '╔' | '╗' | '╚' | '╝' | '╠' | '╣' | '╦' | '╩' | '╬' => '#',
        '×' => 'x',
        '✓' | '✔' => 'v',
        '✗' | '✘' => 'x',
        '≥' => '>',
        '≠' => '*',
        '≤' => '<',
        '°' => 'o',
        '§' => 'S',
        _ => return None,
    })
}

/// Whether a terminal may draw `c` one column wide or two, by its locale (East Asian width
/// "Ambiguous"): such characters must not be drawn by the app in `--ascii` mode.
pub fn is_ambiguous(c: char) -> bool {
    c.width() == Some(1) && c.width_cjk() == Some(2)
}

/// `--ascii` for a whole frame: every symbol replaced by its ASCII stand-in, and any other
/// ambiguous-width character (from recorded text) by `?`, so nothing on screen can be drawn
/// at a width the layout did not expect.
pub fn asciify(buf: &mut ratatui::buffer::Buffer) {
    for cell in buf.content.iter_mut() {
        let sym = cell.symbol();
        if sym.is_ascii() {
            continue;
        }
        let mut chars = sym.chars();
        let (Some(c), None) = (chars.next(), chars.next()) else {
            continue;
        };
        if let Some(a) = ascii_symbol(c) {
            cell.set_char(a);
        } else if is_ambiguous(c) {
            cell.set_char('?');
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sanitize_makes_controls_inert() {
        let rows: &[(&str, &str)] = &[
            ("plain 标题", "plain 标题"),
            ("a\x1b[31mred", "a^[[31mred"),
            ("bell\x07", "bell^G"),
            ("osc\x1b]0;pwned\x07", "osc^[]0;pwned^G"),
            ("c1\u{9b}31m", "c1\u{FFFD}31m"),
            ("\u{85}x", "\u{FFFD}x"),
            ("rlo\u{202E}cba", "rlo\u{FFFD}cba"),
            ("iso\u{2066}x\u{2069}", "iso\u{FFFD}x\u{FFFD}"),
            ("two\nlines\ttab", "two lines tab"),
            ("del\u{7f}", "del^?"),
        ];
        for (input, want) in rows {
            assert_eq!(sanitize(input), *want, "{input:?}");
        }
        assert!(matches!(sanitize("干净"), Cow::Borrowed(_)));
    }

    #[test]
    fn width_counts_columns_not_bytes() {
        assert_eq!(width("abc"), 3);
        assert_eq!(width("刘芳"), 4);
        assert_eq!(width("卧应急责〔2026〕7号"), 19);
    }

    #[test]
    fn truncate_by_display_width() {
        let rows: &[(&str, usize, &str)] = &[
            ("hello", 10, "hello"),
            ("hello", 5, "hello"),
            ("hello", 4, "hel…"),
            ("刘芳王磊", 8, "刘芳王磊"),
            ("刘芳王磊", 7, "刘芳王…"),
            // 刘芳 is 4 columns; the third char would straddle 5 columns of budget - 1 = 4.
            ("刘芳王磊", 6, "刘芳…"),
            ("刘芳王磊", 5, "刘芳…"),
            ("刘芳", 1, "…"),
            ("刘芳", 0, ""),
        ];
        for (s, w, want) in rows {
            let got = truncate(s, *w);
            assert_eq!(got, *want, "{s} @ {w}");
            assert!(width(&got) <= *w);
        }
    }

    #[test]
    fn wrap_by_display_width() {
        assert_eq!(wrap("终端太小ab", 4), vec!["终端", "太小", "ab"]);
        assert_eq!(wrap("终端a", 3), vec!["终", "端a"]);
        // Width 1: a wide character cannot fit at all and is dropped, never overflowing.
        assert_eq!(wrap("终a", 1), vec!["a"]);
        assert!(wrap("abc", 0).is_empty());
        // English moves whole words; a word longer than the line is cut.
        assert_eq!(
            wrap("the handler was wrong", 10),
            vec!["the", "handler", "was wrong"]
        );
        assert_eq!(wrap("abcdefgh ij", 4), vec!["abcd", "efgh", "ij"]);
        // Mixed: Chinese after a space still breaks between characters.
        assert_eq!(wrap("also 卧应急", 8), vec!["also 卧", "应急"]);
        // Closing punctuation never starts a line: the character before it comes along.
        assert_eq!(wrap("纪要要。", 6), vec!["纪要", "要。"]);
        assert_eq!(wrap("要。", 2), vec!["要", "。"]);
        assert_eq!(wrap("纪要。", 3), vec!["纪", "要", "。"]);
        // Opening punctuation never ends a line: it goes down with what it opens.
        assert_eq!(wrap("已签名 (王磊)", 9), vec!["已签名", "(王磊)"]);
        assert_eq!(wrap("经营者（零售）", 8), vec!["经营者", "（零售）"]);
    }

    #[test]
    fn wrap_hanging_keeps_continuations_under_the_bullet() {
        let rows: &[(&str, usize, &[&str])] = &[
            ("第八条第三项", 8, &["· 第八条", "  第三项"]),
            ("第八条", 20, &["· 第八条"]),
            ("abcde", 5, &["· abc", "  de"]),
            // Narrower than the indent allows: flush, nothing lost.
            ("第八", 3, &["第", "八"]),
        ];
        for (s, w, want) in rows {
            let got = wrap_hanging(s, "· ", "  ", *w);
            assert_eq!(got, *want, "{s} @ {w}");
            assert!(got.iter().all(|l| width(l) <= *w), "{got:?}");
        }
    }

    #[test]
    fn wrap_after_fills_the_first_row_then_the_indented_ones() {
        let rows: &[(&str, usize, usize, &[&str])] = &[
            ("回避亲属关系", 6, 10, &["回避亲", "属关系"]),
            ("回避亲属关系", 6, 4, &["回避亲", "属关", "系"]),
            ("short", 10, 4, &["short"]),
            ("must recuse now", 11, 6, &["must recuse", "now"]),
            // No room at all after the label: all of it below.
            ("回避", 1, 4, &["", "回避"]),
            ("回a", 1, 4, &["", "回a"]),
        ];
        for (s, first, rest, want) in rows {
            let got = wrap_after(s, *first, *rest);
            assert_eq!(got, *want, "{s} @ {first}/{rest}");
            assert_eq!(got.concat().replace(' ', ""), s.replace(' ', ""));
        }
    }

    #[test]
    fn fit_pads_to_exact_width() {
        assert_eq!(fit("刘芳", 6), "刘芳  ");
        assert_eq!(width(&fit("刘芳王磊", 5)), 5);
    }
}
