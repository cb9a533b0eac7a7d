//! The full-text search (src/ui/search.rs): the query with the real cursor, then one row per
//! match — the case, the record, and the text around the match with the match highlighted.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{block, clear_popup, popup, window};
use crate::i18n::cli_search as ts;
use crate::store::{HIT_END, HIT_START};
use crate::ui::app::App;
use crate::ui::search::SearchState;
use crate::ui::text::{sanitize, truncate, width};

pub(super) fn search(app: &App, s: &SearchState, frame: &mut Frame, body: Rect) {
    let lang = app.lang;
    let th = &app.theme;
    let r = popup(body, 96, 96);
    clear_popup(frame, body);
    let b = block(th, ts::title(lang), true);
    let inner = b.inner(r);
    frame.render_widget(b, r);
    let w = inner.width as usize;
    let prompt = format!("{}{}", ts::prompt(lang), sanitize(&s.query));
    frame.render_widget(
        Paragraph::new(truncate(&prompt, w)),
        Rect { height: 1, ..inner },
    );
    let x = inner.x + (width(&prompt) as u16).min(inner.width.saturating_sub(1));
    frame.set_cursor_position(Position::new(x, inner.y));
    let list = Rect {
        y: inner.y + 2,
        height: inner.height.saturating_sub(3),
        ..inner
    };
    let mut lines: Vec<Line> = Vec::new();
    if s.hits.is_empty() && !s.answered.is_empty() {
        lines.push(Line::from(ts::no_hits(&s.answered, lang)));
    }
    for i in window(s.selected, s.hits.len(), list.height as usize / 2) {
        let h = &s.hits[i];
        let head = format!(
            "{}  {}",
            sanitize(&h.case),
            ts::record(&h.kind, h.ord, lang)
        );
        let style = if i == s.selected {
            th.selected()
        } else {
            th.accent()
        };
        lines.push(Line::from(Span::styled(truncate(&head, w), style)));
        lines.push(Line::from(snippet(&h.snippet, w.saturating_sub(2), th)));
    }
    frame.render_widget(Paragraph::new(lines), list);
    let keys = Rect {
        y: inner.y + inner.height.saturating_sub(1),
        height: 1,
        ..inner
    };
    frame.render_widget(
        Paragraph::new(Span::styled(truncate(ts::keys(lang), w), th.muted())),
        keys,
    );
}

/// The snippet on one line, cut to `room` columns, the match highlighted.
fn snippet(text: &str, room: usize, th: &crate::ui::theme::Theme) -> Vec<Span<'static>> {
    let mut spans = vec![Span::raw("  ")];
    let mut used = 0;
    let mut inside = false;
    let mut cur = String::new();
    let flush = |cur: &mut String, inside: bool, spans: &mut Vec<Span<'static>>| {
        if !cur.is_empty() {
            let t = std::mem::take(cur);
            spans.push(if inside {
                Span::styled(t, th.selected().add_modifier(Modifier::BOLD))
            } else {
                Span::raw(t)
            });
        }
    };
    for c in text.chars() {
        match c {
            HIT_START => {
                flush(&mut cur, inside, &mut spans);
                inside = true;
            }
            HIT_END => {
                flush(&mut cur, inside, &mut spans);
                inside = false;
            }
            c => {
                let c = if c.is_control() { ' ' } else { c };
                let cw = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
                if used + cw > room {
                    break;
                }
                used += cw;
                cur.push(c);
            }
        }
    }
    flush(&mut cur, inside, &mut spans);
    spans
}
