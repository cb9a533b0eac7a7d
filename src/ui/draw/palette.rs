//! The command palette and the jump to a case: a line to type in, then what matches.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{block, clear_popup, popup, window};
use crate::i18n::ui::{self as t, Msg};
use crate::ui::app::App;
use crate::ui::palette::Mode;
use crate::ui::text::{fit, sanitize, width};

pub fn draw(app: &App, frame: &mut Frame, body: Rect) {
    let Some(p) = &app.palette else {
        return;
    };
    let r = popup(body, 80, 70);
    clear_popup(frame, body);
    let title = match p.mode {
        Mode::Commands => t::msg(Msg::Palette, app.lang),
        Mode::Jump => t::msg(Msg::JumpToCase, app.lang),
    };
    let title = format!(" {title} ");
    let b = block(&app.theme, &title, true);
    let inner = b.inner(r);
    frame.render_widget(b, r);
    if inner.height < 2 || inner.width < 8 {
        return;
    }
    let prompt = match p.mode {
        Mode::Commands => ": ",
        Mode::Jump => "# ",
    };
    let typed = sanitize(&p.input).into_owned();
    frame.render_widget(
        Paragraph::new(Line::from(vec![
            Span::styled(prompt, app.theme.accent()),
            Span::raw(typed.clone()),
        ])),
        Rect { height: 1, ..inner },
    );
    let x = (inner.x as usize + width(prompt) + width(&typed)).min(usize::from(inner.right() - 1));
    frame.set_cursor_position(Position::new(x as u16, inner.y));
    let list = Rect {
        y: inner.y + 1,
        height: inner.height - 1,
        ..inner
    };
    let entries = app.palette_entries();
    if entries.is_empty() {
        frame.render_widget(
            Paragraph::new(t::msg(Msg::NothingMatches, app.lang)).style(app.theme.muted()),
            list,
        );
        return;
    }
    let w = list.width as usize;
    let key_w = 8;
    let mut lines = Vec::new();
    for pos in window(p.selected, entries.len(), list.height as usize) {
        let (_, label, key) = &entries[pos];
        let text = format!(
            "{} {}",
            fit(key, key_w),
            fit(&sanitize(label), w.saturating_sub(key_w + 1))
        );
        lines.push(if pos == p.selected {
            Line::styled(text, app.theme.selected())
        } else {
            Line::raw(text)
        });
    }
    frame.render_widget(Paragraph::new(lines), list);
}
