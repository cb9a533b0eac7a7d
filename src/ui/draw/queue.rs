//! The case queue: filter as you type, cycle the sort, counts by stage.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{block, window};
use crate::i18n::ui::{self as t, Msg};
use crate::ui::app::App;
use crate::ui::text::{fit, sanitize, truncate, width};

pub fn draw(app: &App, frame: &mut Frame, area: Rect) {
    let lang = app.lang;
    let th = &app.theme;
    let q = &app.queue;
    let mine = if q.only_mine {
        format!(" · {}", t::msg(Msg::OnlyMine, lang))
    } else {
        String::new()
    };
    let title = format!(
        " {} · {} {}{mine} · {} ",
        t::msg(Msg::Queue, lang),
        t::msg(Msg::Sort, lang),
        t::sort_key(q.sort, lang),
        t::counts_line(q.list.counts.all, q.list.counts.shown, lang)
    );
    let b = block(th, &title, true);
    let inner = b.inner(area);
    frame.render_widget(b, area);
    let [filter, counts, head, list] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(0),
    ])
    .areas(inner);
    let label = format!("{}: ", t::msg(Msg::Filter, lang));
    let typed = sanitize(&q.filter).into_owned();
    frame.render_widget(
        Paragraph::new(Line::from(vec![
            Span::styled(label.clone(), th.muted()),
            Span::styled(typed.clone(), th.accent()),
        ])),
        filter,
    );
    if q.editing {
        // The real cursor after the typed text, so an input method's window opens there.
        let x = filter.x as usize + width(&label) + width(&typed);
        let x = x.min(usize::from(filter.right().saturating_sub(1))) as u16;
        frame.set_cursor_position(Position::new(x, filter.y));
    }
    let counts_text: Vec<String> = q
        .list
        .counts
        .stages
        .iter()
        .map(|(s, n)| format!("{} {n}", t::stage(*s, lang)))
        .collect();
    frame.render_widget(
        Paragraph::new(truncate(&counts_text.join(" · "), counts.width as usize)).style(th.muted()),
        counts,
    );
    let w = inner.width as usize;
    let (wn, ws, wr, wd) = (22, 12, 14, 10);
    let wt = w.saturating_sub(wn + ws + wr + wd + 4).max(1);
    let cols = |a: &str, b: &str, c: &str, d: &str, e: &str| {
        format!(
            "{} {} {} {} {}",
            fit(a, wn),
            fit(b, wt),
            fit(c, ws),
            fit(d, wr),
            fit(e, wd)
        )
    };
    frame.render_widget(
        Paragraph::new(cols(
            t::msg(Msg::ColCase, lang),
            t::msg(Msg::ColTitle, lang),
            t::msg(Msg::ColStage, lang),
            t::msg(Msg::ColRespondents, lang),
            t::msg(Msg::ColNextDue, lang),
        ))
        .style(th.muted()),
        head,
    );
    if q.list.rows().is_empty() {
        frame.render_widget(Paragraph::new(t::msg(Msg::NoCases, lang)), list);
        return;
    }
    // Only the rows on screen are formatted: O(visible rows) per keystroke.
    let mut lines = Vec::new();
    let rows = q.list.rows();
    let shown = window(q.list.selected, rows.len(), list.height as usize);
    app.hits.borrow_mut().list = Some((list, shown.start));
    for pos in shown {
        let r = &rows[pos];
        let due = r.next_due.map(|d| d.to_string()).unwrap_or_default();
        let names: Vec<&str> = r.respondents.iter().map(|l| app.data.dir.name(l)).collect();
        let line = cols(
            &sanitize(&r.number),
            &sanitize(&r.title),
            t::stage(r.stage, lang),
            &sanitize(&names.join("、")),
            &due,
        );
        lines.push(if pos == q.list.selected {
            Line::styled(line, th.selected())
        } else {
            Line::raw(line)
        });
    }
    frame.render_widget(Paragraph::new(lines), list);
}
