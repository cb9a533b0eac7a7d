//! Drawing a form: one virtual column of rows (label, value, error, help per field), scrolled
//! so the focused field is in view. Every width is a display width, so Chinese lines up.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};
use unicode_width::UnicodeWidthChar;

use super::fields::date::parse_date;
use super::fields::{Field, FieldKind, LineInput};
use super::{Form, FormContext};
use crate::i18n::forms as t;
use crate::ui::text::{sanitize, truncate, width};
use crate::ui::theme::Theme;

/// A multi-line editor to place over the rows reserved for it.
struct Editor {
    field: usize,
    y: usize,
    x: u16,
    height: u16,
}

struct Layout {
    rows: Vec<Line<'static>>,
    editors: Vec<Editor>,
    /// Virtual (row, column) of the text cursor of the focused field.
    cursor: Option<(usize, u16)>,
    /// Virtual row span of the focused field.
    focus_span: (usize, usize),
    /// Virtual row of the focused checklist's cursor, which must stay in view.
    list_cursor: Option<usize>,
}

/// The part of a line input that fits in `max` columns with the cursor in view, and the
/// cursor's column within it. One pass over the text (issue 10: a keystroke in a field that
/// holds thousands of characters re-measured every prefix before the cursor, quadratically:
/// 14.5 ms a key in the keystroke bench's long title).
fn window(input: &LineInput, max: usize) -> (String, usize) {
    let shown = sanitize(&input.value);
    let chars: Vec<char> = shown.chars().collect();
    let w = |c: char| c.width().unwrap_or(0);
    let cursor = input.cursor.min(chars.len());
    // The first character shown: back from the cursor while what lies between it and the
    // cursor stays narrower than the field.
    let mut start = cursor;
    let mut before = 0;
    while start > 0 && before + w(chars[start - 1]) < max {
        start -= 1;
        before += w(chars[start]);
    }
    // Then forward from there while it fits, one column kept for the cursor at the end.
    let mut end = start;
    let mut used = 0;
    while end < chars.len() && used + w(chars[end]) <= max.saturating_sub(1) {
        used += w(chars[end]);
        end += 1;
    }
    (chars[start..end].iter().collect(), before)
}

fn pad(s: &str, w: usize) -> String {
    format!("{s}{}", " ".repeat(w.saturating_sub(width(s))))
}

fn layout(form: &Form, ctx: &FormContext, theme: &Theme, w: usize) -> Layout {
    let l = ctx.lang;
    let max_inline = (w * 2 / 5).clamp(8, 30);
    let shown: Vec<(usize, &Field)> = form
        .fields
        .iter()
        .enumerate()
        .filter(|(i, _)| form.focusable(*i))
        .collect();
    let label_w = shown
        .iter()
        .map(|(_, f)| width(&f.label))
        .filter(|&lw| lw <= max_inline)
        .max()
        .unwrap_or(4);
    let mut out = Layout {
        rows: Vec::new(),
        editors: Vec::new(),
        cursor: None,
        focus_span: (0, 0),
        list_cursor: None,
    };
    for (i, field) in shown {
        let focused = i == form.focus;
        if let Some(title) = &field.section {
            out.rows.push(Line::styled(
                format!("── {} ", sanitize(title)),
                theme.accent(),
            ));
        }
        let start = out.rows.len();
        let marker = if focused { "> " } else { "  " };
        let label_style = if focused {
            theme.accent()
        } else {
            Style::default()
        };
        let label = sanitize(&field.label).into_owned();
        let inline = width(&label) <= max_inline;
        // Where the value starts, and the spans that come before it on its first row.
        let (value_x, mut head): (usize, Vec<Span<'static>>) = if inline {
            (
                2 + label_w + 1,
                vec![
                    Span::styled(marker, theme.accent()),
                    Span::styled(pad(&label, label_w + 1), label_style),
                ],
            )
        } else {
            for (n, part) in crate::ui::text::wrap(&label, w.saturating_sub(2))
                .into_iter()
                .enumerate()
            {
                let m = if n == 0 { marker } else { "  " };
                out.rows.push(Line::from(vec![
                    Span::styled(m, theme.accent()),
                    Span::styled(part, label_style),
                ]));
            }
            (4, vec![Span::raw("    ")])
        };
        let value_w = w.saturating_sub(value_x).max(1);
        match &field.kind {
            FieldKind::Text(input) | FieldKind::Date(input) => {
                let (text, cx) = window(input, value_w);
                head.push(Span::raw(text));
                if let FieldKind::Date(d) = &field.kind
                    && !d.value.trim().is_empty()
                    && let Ok(date) = parse_date(&d.value, ctx.today, l)
                {
                    let resolved = date.format("%Y-%m-%d").to_string();
                    if resolved != d.value.trim() {
                        head.push(Span::styled(format!("  → {resolved}"), theme.muted()));
                    }
                }
                if focused {
                    out.cursor = Some((out.rows.len(), (value_x + cx) as u16));
                }
                out.rows.push(Line::from(head));
            }
            FieldKind::YesNo(v) => {
                let (y, n) = if *v { ("(x)", "( )") } else { ("( )", "(x)") };
                head.push(Span::raw(format!(
                    "{y} {}  {n} {}",
                    t::YES.get(l),
                    t::NO.get(l)
                )));
                out.rows.push(Line::from(head));
            }
            FieldKind::Pick(p) => {
                let current = p
                    .selected
                    .and_then(|s| p.options.get(s))
                    .map(|o| sanitize(&o.label).into_owned());
                let text = match (&current, p.options.is_empty()) {
                    (_, true) => t::NO_OPTIONS.get(l).to_string(),
                    (Some(c), _) => format!("< {c} >"),
                    (None, _) => format!("< {} >", t::NOT_CHOSEN.get(l)),
                };
                let note = p
                    .selected
                    .and_then(|s| p.options.get(s))
                    .and_then(|o| o.note.clone());
                head.push(Span::styled(
                    text.clone(),
                    if focused {
                        theme.selected()
                    } else {
                        Style::default()
                    },
                ));
                let mut used = width(&text);
                if let Some(n) = note {
                    let n = format!("  {}", sanitize(&n));
                    used += width(&n);
                    head.push(Span::styled(n, theme.warn()));
                }
                if p.filterable && (focused || !p.filter.value.is_empty()) {
                    let (f, cx) = window(&p.filter, value_w.saturating_sub(used + 4).max(4));
                    head.push(Span::styled(format!("  / {f}"), theme.muted()));
                    if focused {
                        out.cursor = Some((out.rows.len(), (value_x + used + 4 + cx) as u16));
                    }
                }
                out.rows.push(Line::from(head));
            }
            FieldKind::Multi(m) => {
                if m.filterable {
                    let (f, cx) = window(&m.filter, value_w.saturating_sub(2));
                    let hint = if f.is_empty() && focused {
                        Span::styled(t::TYPE_TO_FILTER.get(l), theme.muted())
                    } else {
                        Span::raw(f)
                    };
                    head.push(Span::styled("/ ", theme.muted()));
                    head.push(hint);
                    if focused {
                        out.cursor = Some((out.rows.len(), (value_x + 2 + cx) as u16));
                    }
                    out.rows.push(Line::from(head));
                    head = vec![Span::raw(" ".repeat(value_x))];
                }
                let visible = m.visible();
                if visible.is_empty() {
                    head.push(Span::styled(t::NO_OPTIONS.get(l), theme.muted()));
                    out.rows.push(Line::from(head));
                    head = Vec::new();
                }
                for (row, &oi) in visible.iter().enumerate() {
                    let o = &m.options[oi];
                    let mark = if m.checked[oi] { "[x] " } else { "[ ] " };
                    let on_cursor = focused && row == m.cursor;
                    if on_cursor {
                        out.list_cursor = Some(out.rows.len());
                    }
                    let text = truncate(&format!("{mark}{}", sanitize(&o.label)), value_w);
                    let mut spans = std::mem::take(&mut head);
                    if spans.is_empty() {
                        spans.push(Span::raw(" ".repeat(value_x)));
                    }
                    let used = width(&text);
                    spans.push(Span::styled(
                        text,
                        if on_cursor {
                            theme.selected()
                        } else {
                            Style::default()
                        },
                    ));
                    // A note (why a member must recuse) is never cut: beside the option
                    // when it fits, else wrapped on the rows below it.
                    let mut below = Vec::new();
                    if let Some(n) = &o.note {
                        let n = sanitize(n).into_owned();
                        let room = value_w.saturating_sub(used + 2);
                        if width(&n) <= room {
                            spans.push(Span::styled(format!("  {n}"), theme.warn()));
                        } else {
                            below = crate::ui::text::wrap(&n, value_w.saturating_sub(4).max(1));
                        }
                    }
                    out.rows.push(Line::from(spans));
                    for part in below {
                        out.rows.push(Line::from(vec![
                            Span::raw(" ".repeat(value_x + 4)),
                            Span::styled(part, theme.warn()),
                        ]));
                    }
                }
            }
            FieldKind::MultiLine(m) => {
                let first = out.rows.len();
                for n in 0..m.height {
                    let mut spans = if n == 0 {
                        std::mem::take(&mut head)
                    } else {
                        vec![Span::raw(" ".repeat(value_x))]
                    };
                    spans.push(Span::styled("| ", theme.muted()));
                    out.rows.push(Line::from(spans));
                }
                out.editors.push(Editor {
                    field: i,
                    y: first,
                    x: (value_x + 2) as u16,
                    height: m.height,
                });
            }
            FieldKind::Hidden(_) => {}
        }
        if let Some(e) = &field.error {
            for part in crate::ui::text::wrap(&format!("! {}", sanitize(e)), value_w) {
                out.rows.push(Line::from(vec![
                    Span::raw(" ".repeat(value_x)),
                    Span::styled(part, theme.error()),
                ]));
            }
        }
        if focused && let Some(h) = &field.help {
            for part in crate::ui::text::wrap(&sanitize(h), value_w) {
                out.rows.push(Line::from(vec![
                    Span::raw(" ".repeat(value_x)),
                    Span::styled(part, theme.muted()),
                ]));
            }
        }
        if focused {
            out.focus_span = (start, out.rows.len());
        }
    }
    out
}

pub(super) fn draw(
    form: &Form,
    frame: &mut Frame,
    area: Rect,
    ctx: &FormContext,
    theme: &Theme,
) -> Option<Position> {
    let l = ctx.lang;
    let title = match ctx.case {
        Some(r) => format!(" {} · {} ", form.title(l), sanitize(&r.case.number)),
        None => format!(" {} ", form.title(l)),
    };
    let block = Block::bordered()
        .border_set(theme.border_set())
        .border_style(theme.focused_border())
        .title(title);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if inner.height < 3 || inner.width < 12 {
        return None;
    }
    let body = Rect {
        height: inner.height - 2,
        ..inner
    };
    let lay = layout(form, ctx, theme, body.width as usize);
    let h = body.height as usize;
    // Keep the focused field in view: its top if it is taller than the window.
    let mut scroll = form.scroll.get() as usize;
    let (fs, fe) = lay.focus_span;
    if fe > scroll + h {
        scroll = fe - h;
    }
    if fs < scroll {
        scroll = fs;
    }
    // A checklist taller than the window follows its cursor: never tick what cannot be seen.
    if let Some(r) = lay.list_cursor {
        if r + 2 > scroll + h {
            scroll = (r + 2).saturating_sub(h);
        }
        if r < scroll {
            scroll = r;
        }
    }
    scroll = scroll.min(lay.rows.len().saturating_sub(h));
    form.scroll.set(scroll as u16);
    let visible: Vec<Line> = lay.rows.iter().skip(scroll).take(h).cloned().collect();
    frame.render_widget(Paragraph::new(visible), body);

    let mut cursor = lay
        .cursor
        .filter(|(y, _)| *y >= scroll && *y < scroll + h)
        .map(|(y, x)| {
            Position::new(
                body.x + x.min(body.width.saturating_sub(1)),
                body.y + (y - scroll) as u16,
            )
        });

    for ed in &lay.editors {
        let top = ed.y.max(scroll);
        let bottom = (ed.y + ed.height as usize).min(scroll + h);
        if top >= bottom || ed.x >= body.width {
            continue;
        }
        let rect = Rect {
            x: body.x + ed.x,
            y: body.y + (top - scroll) as u16,
            width: body.width - ed.x,
            height: (bottom - top) as u16,
        };
        let FieldKind::MultiLine(m) = &form.fields[ed.field].kind else {
            continue;
        };
        let mut area = m.area.clone();
        let focused = ed.field == form.focus;
        if !focused {
            area.set_cursor_style(Style::default());
        }
        frame.render_widget(&area, rect);
        if focused {
            // Screen cursor is in display columns after wrapping; the offset was recorded
            // by the render just above.
            let sc = area.screen_cursor();
            let (top_row, top_col) = area.scroll_offset();
            let row = sc.row.saturating_sub(top_row as usize) as u16;
            let col = sc.col.saturating_sub(top_col as usize) as u16;
            if row < rect.height {
                cursor = Some(Position::new(
                    rect.x + col.min(rect.width.saturating_sub(1)),
                    rect.y + row,
                ));
            }
        }
    }

    // Footer: the form's own message, then the keys.
    let status = Rect {
        y: inner.y + inner.height - 2,
        height: 1,
        ..inner
    };
    let keys = Rect {
        y: inner.y + inner.height - 1,
        height: 1,
        ..inner
    };
    if let Some(e) = &form.error {
        frame.render_widget(
            Paragraph::new(Span::styled(
                truncate(&sanitize(e), inner.width as usize),
                theme.error(),
            )),
            status,
        );
    }
    frame.render_widget(
        Paragraph::new(Span::styled(
            truncate(t::KEYS.get(l), inner.width as usize),
            theme.muted(),
        )),
        keys,
    );
    cursor
}

#[cfg(test)]
mod window_tests {
    use unicode_width::UnicodeWidthChar;

    use super::window;
    use crate::ui::forms::fields::line::LineInput;

    /// The definition: the first shown character is the earliest from which the text up to
    /// the cursor is narrower than the field; then as much as fits in `max - 1` columns.
    fn by_definition(input: &LineInput, max: usize) -> (String, usize) {
        let chars: Vec<char> = input.value.chars().collect();
        let width = |a: usize, b: usize| -> usize {
            chars[a..b].iter().map(|c| c.width().unwrap_or(0)).sum()
        };
        let cursor = input.cursor.min(chars.len());
        let start = (0..cursor)
            .find(|&s| width(s, cursor) < max)
            .unwrap_or(cursor);
        let mut end = start;
        while end < chars.len() && width(start, end + 1) <= max.saturating_sub(1) {
            end += 1;
        }
        (chars[start..end].iter().collect(), width(start, cursor))
    }

    #[test]
    fn the_window_keeps_the_cursor_in_view_as_the_definition_says() {
        let texts = [
            "",
            "abc",
            "案件编号卧应急责",
            "a案b件c编d号",
            &"案".repeat(300),
        ];
        for text in texts {
            let n = text.chars().count();
            for max in [1, 2, 3, 7, 8, 30] {
                for cursor in [0, 1, n / 2, n.saturating_sub(1), n, n + 3] {
                    let input = LineInput {
                        value: text.to_string(),
                        cursor,
                    };
                    assert_eq!(
                        window(&input, max),
                        by_definition(&input, max),
                        "{text:?} max {max} cursor {cursor}"
                    );
                }
            }
        }
    }
}
