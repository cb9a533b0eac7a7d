//! The deadline dashboard: every open obligation, most urgent first (the domain's order),
//! coloured by state. The first screen.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{block, window};
use crate::domain::deadlines::DeadlineState;
use crate::i18n::ui::{self as t, Msg};
use crate::ui::app::App;
use crate::ui::text::{fit, sanitize};

pub fn draw(app: &App, frame: &mut Frame, area: Rect) {
    let lang = app.lang;
    let th = &app.theme;
    let filter = if app.dash.only_mine {
        t::msg(Msg::OnlyMine, lang)
    } else {
        t::msg(Msg::Everyone, lang)
    };
    let title = format!(
        " {} · {} · {} ",
        t::msg(Msg::Dashboard, lang),
        filter,
        t::counts_line(app.data.obligations.len(), app.dash.visible.len(), lang)
    );
    let b = block(th, &title, true);
    let inner = b.inner(area);
    frame.render_widget(b, area);
    let warn_h = u16::from(!app.data.uncovered.is_empty());
    let [warn, head, list] = Layout::vertical([
        Constraint::Length(warn_h),
        Constraint::Length(1),
        Constraint::Min(0),
    ])
    .areas(inner);
    if warn_h > 0 {
        let years: Vec<i32> = app.data.uncovered.iter().copied().collect();
        frame.render_widget(
            Paragraph::new(format!("⚠ {}", t::uncovered(&years, lang))).style(th.warn()),
            warn,
        );
    }
    // Column widths: the case number and owner fixed, kind flexible.
    let w = inner.width as usize;
    let (wc, wd, wl, ws, wo) = (22, 11, 10, 9, 10);
    let wk = w.saturating_sub(wc + wd + wl + ws + wo + 5).max(1);
    let cols = |a: &str, b: &str, c: &str, d: &str, e: &str, f: &str| {
        format!(
            "{} {} {} {} {} {}",
            fit(a, wc),
            fit(b, wk),
            fit(c, wd),
            fit(d, wl),
            fit(e, ws),
            fit(f, wo)
        )
    };
    frame.render_widget(
        Paragraph::new(cols(
            t::msg(Msg::ColCase, lang),
            t::msg(Msg::ColKind, lang),
            t::msg(Msg::ColDue, lang),
            t::msg(Msg::ColDays, lang),
            t::msg(Msg::ColState, lang),
            t::msg(Msg::ColOwner, lang),
        ))
        .style(th.muted()),
        head,
    );
    if app.dash.visible.is_empty() {
        frame.render_widget(Paragraph::new(t::msg(Msg::NoObligations, lang)), list);
        return;
    }
    let range = window(
        app.dash.selected,
        app.dash.visible.len(),
        list.height as usize,
    );
    let mut lines = Vec::new();
    for pos in range {
        let o = &app.data.obligations[app.dash.visible[pos]];
        let mut kind = t::obligation(o.kind, lang).to_string();
        if let Some(p) = &o.person {
            kind = format!("{kind} · {}", app.data.dir.name(p));
        }
        if let Some(m) = o.measure {
            kind = format!("{kind} · {}", crate::i18n::cite(m.as_str(), lang));
        }
        let owner = match crate::domain::model::Role::ALL
            .iter()
            .find(|r| r.as_str() == o.owner)
        {
            Some(r) => t::role(*r, lang).to_string(),
            None => app.data.dir.name(&o.owner).to_string(),
        };
        let style = match o.state {
            DeadlineState::Overdue => th.error(),
            DeadlineState::DueSoon => th.warn(),
            DeadlineState::Open => Style::new(),
        };
        let mut style = style;
        if pos == app.dash.selected {
            style = style.patch(th.selected());
        }
        lines.push(Line::from(Span::styled(
            cols(
                &sanitize(&o.case),
                &sanitize(&kind),
                &o.due.to_string(),
                &t::days_left(o.days_left, lang),
                t::state(o.state, lang),
                &sanitize(&owner),
            ),
            style,
        )));
    }
    frame.render_widget(Paragraph::new(lines), list);
}
