//! The record list and the detail view of one record (src/ui/detail.rs).

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{block, clear_popup, popup, window};
use crate::i18n::detail as td;
use crate::ui::app::App;
use crate::ui::detail::{DetailView, RecordList, title};
use crate::ui::text::{sanitize, truncate, width};

pub(super) fn records(app: &App, list: &RecordList, frame: &mut Frame, body: Rect) {
    let lang = app.lang;
    let th = &app.theme;
    let r = popup(body, 80, 80);
    clear_popup(frame, body);
    let head = format!("{}· {} ", td::RECORDS_TITLE.get(lang), sanitize(&list.case));
    let b = block(th, &head, true);
    let inner = b.inner(r);
    frame.render_widget(b, r);
    let Some(c) = app.record(&list.case).map(|r| &r.case) else {
        return;
    };
    let w = inner.width as usize;
    let h = inner.height.saturating_sub(1) as usize;
    let lines: Vec<Line> = window(list.selected, list.items.len(), h)
        .map(|i| {
            let text = truncate(&title(c, list.items[i], lang), w);
            if i == list.selected {
                Line::from(Span::styled(text, th.selected()))
            } else {
                Line::from(text)
            }
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
    keys(app, td::RECORDS_KEYS.get(lang), frame, inner);
}

fn keys(app: &App, text: &str, frame: &mut Frame, inner: Rect) {
    let row = Rect {
        y: inner.y + inner.height.saturating_sub(1),
        height: 1,
        ..inner
    };
    frame.render_widget(
        Paragraph::new(Span::styled(
            truncate(text, inner.width as usize),
            app.theme.accent(),
        )),
        row,
    );
}

pub(super) fn detail(app: &App, v: &DetailView, frame: &mut Frame, body: Rect) {
    let lang = app.lang;
    let th = &app.theme;
    clear_popup(frame, body);
    let Some(c) = app.record(&v.case).map(|r| &r.case) else {
        return;
    };
    let head = format!(" {} · {} ", sanitize(&v.case), title(c, v.record, lang));
    let b = block(th, &head, true);
    let inner = b.inner(body);
    frame.render_widget(b, body);
    // The last row holds the keys or the find prompt.
    let text_h = inner.height.saturating_sub(1);
    v.width.set(inner.width);
    v.height.set(text_h);
    let lines = app.detail_lines();
    let max = lines.len().saturating_sub(text_h as usize);
    let from = v.scroll.min(max);
    let needle = v.find.to_lowercase();
    let shown: Vec<Line> = lines
        .iter()
        .skip(from)
        .take(text_h as usize)
        .map(|l| {
            let mut spans = Vec::new();
            if !l.label.is_empty() {
                spans.push(Span::styled(format!("{}  ", l.label), th.muted()));
            }
            if l.heading {
                spans.push(Span::styled(l.text.clone(), th.accent()));
            } else {
                spans.extend(marked(&l.text, &needle, th.selected()));
            }
            Line::from(spans)
        })
        .collect();
    frame.render_widget(Paragraph::new(shown), inner);
    let row = Rect {
        y: inner.y + text_h,
        height: 1,
        ..inner
    };
    if v.finding {
        let prompt = format!("{}{}", td::FIND.get(lang), sanitize(&v.find));
        frame.render_widget(Paragraph::new(truncate(&prompt, row.width as usize)), row);
        // The real cursor after the typed text, for input methods.
        let x = row.x + (width(&prompt) as u16).min(row.width.saturating_sub(1));
        frame.set_cursor_position(Position::new(x, row.y));
    } else {
        let pos = if lines.is_empty() {
            String::new()
        } else {
            format!(
                " {}/{}",
                (from + text_h as usize).min(lines.len()),
                lines.len()
            )
        };
        keys(
            app,
            &format!("{}{pos}", td::DETAIL_KEYS.get(lang)),
            frame,
            inner,
        );
    }
}

/// `text` with every match of `needle` (already lowercased) styled.
fn marked(text: &str, needle: &str, style: Style) -> Vec<Span<'static>> {
    if needle.is_empty() {
        return vec![Span::raw(text.to_string())];
    }
    let lower = text.to_lowercase();
    // Only when lowercasing kept every byte offset (always for CJK and ASCII).
    if lower.len() != text.len() {
        return vec![Span::raw(text.to_string())];
    }
    let mut out = Vec::new();
    let mut at = 0;
    while let Some(p) = lower[at..].find(needle) {
        let start = at + p;
        let end = start + needle.len();
        if !text.is_char_boundary(start) || !text.is_char_boundary(end) {
            break;
        }
        out.push(Span::raw(text[at..start].to_string()));
        out.push(Span::styled(
            text[start..end].to_string(),
            style.add_modifier(Modifier::BOLD),
        ));
        at = end;
    }
    out.push(Span::raw(text[at..].to_string()));
    out
}
