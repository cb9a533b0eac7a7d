//! Drawing: a pure function of the [`App`]. Nothing here reads the database or the clock.

mod case;
mod dashboard;
mod detail;
mod edits;
mod liability;
mod queue;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};

use crate::domain::check::GateState;
use crate::domain::step::Step;
use crate::i18n::ui::{self as t, Msg};
use crate::ui::app::{App, Level, MIN_HEIGHT, MIN_WIDTH, Screen};
use crate::ui::keymap::Action;
use crate::ui::perms;
use crate::ui::text::{sanitize, truncate, width};
use crate::ui::theme::Theme;

pub fn draw(app: &App, frame: &mut Frame) {
    let area = frame.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        too_small(frame, area);
        return;
    }
    let [body, status, footer] = Layout::vertical([
        Constraint::Min(1),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(area);
    match app.screen {
        Screen::Dashboard => dashboard::draw(app, frame, body),
        Screen::Queue => queue::draw(app, frame, body),
        Screen::Case => case::draw(app, frame, body),
    }
    status_line(app, frame, status);
    hints(app, frame, footer);
    if let Some(form) = &app.form {
        let r = popup(body, 90, 90);
        clear_popup(frame, body);
        let ctx = app.form_context();
        if let Some(pos) = form.draw(frame, r, &ctx, &app.theme) {
            // The real cursor at the text cursor, so input-method windows appear there.
            frame.set_cursor_position(pos);
        }
    }
    if let Some(list) = &app.records {
        detail::records(app, list, frame, body);
    }
    if let Some(v) = &app.detail {
        detail::detail(app, v, frame, body);
    }
    if let Some(v) = &app.conflict {
        edits::conflict(app, v, frame, body);
    }
    if let Some(sel) = app.drafts_list {
        edits::drafts(app, sel, frame, body);
    }
    if app.help {
        help(app, frame, body);
    }
    if app.draft_offer.is_some() {
        let r = popup(body, 60, 30);
        clear_popup(frame, body);
        frame.render_widget(
            Paragraph::new(t::msg(Msg::DraftOffer, app.lang))
                .wrap(Wrap { trim: true })
                .block(block(&app.theme, "", true)),
            r,
        );
    }
}

/// A bordered block in the theme's border set with a title.
pub(crate) fn block<'a>(theme: &Theme, title: &'a str, focused: bool) -> Block<'a> {
    let b = Block::default()
        .borders(Borders::ALL)
        .border_set(theme.border_set())
        .title(title);
    if focused {
        b.border_style(theme.focused_border())
    } else {
        b
    }
}

/// Blank everything a modal popup sits over (the whole body, not only the popup): the
/// panes' text cut off at the popup's edges read as stray characters (a lone ")" beside a
/// form), and a wide (Chinese) character straddling an edge would be drawn over its border.
pub(crate) fn clear_popup(frame: &mut Frame, body: Rect) {
    frame.render_widget(Clear, body);
}

pub(crate) fn popup(area: Rect, pct_w: u16, pct_h: u16) -> Rect {
    let w = (area.width as u32 * pct_w as u32 / 100) as u16;
    let h = (area.height as u32 * pct_h as u32 / 100) as u16;
    Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    }
}

/// The first row to show so that `selected` is visible in `height` rows.
pub(crate) fn window(selected: usize, len: usize, height: usize) -> std::ops::Range<usize> {
    if height == 0 {
        return 0..0;
    }
    let start = selected.saturating_sub(height - 1);
    start..(start + height).min(len)
}

fn too_small(frame: &mut Frame, area: Rect) {
    // Wrapped by hand: at a width of one or two columns Paragraph's wrapping can overflow.
    let lines: Vec<Line> = t::too_small(area.width, area.height, MIN_WIDTH, MIN_HEIGHT)
        .iter()
        .flat_map(|s| crate::ui::text::wrap(s, area.width as usize))
        .map(Line::from)
        .collect();
    frame.render_widget(Paragraph::new(lines), area);
}

fn status_line(app: &App, frame: &mut Frame, area: Rect) {
    let th = &app.theme;
    let me = &app.data.me;
    let roles: Vec<&str> = me.roles.iter().map(|r| t::role(*r, app.lang)).collect();
    let mut spans = vec![
        Span::styled(
            format!(" {} ({}) ", sanitize(&me.name), sanitize(&me.login)),
            th.accent(),
        ),
        Span::raw(format!("· {} · ", roles.join(app.lang.pick("、", ", ")))),
        Span::styled(
            format!(
                "{} {} ",
                t::msg(Msg::Db, app.lang),
                sanitize(&app.data.db_label)
            ),
            th.muted(),
        ),
    ];
    let mut warn: Option<(Style, String)> = match &app.message {
        Some((Level::Error, m)) => Some((th.error(), m.clone())),
        Some((Level::Warn, m)) => Some((th.warn(), m.clone())),
        Some((Level::Info, m)) => Some((th.ok(), m.clone())),
        None => None,
    };
    if warn.is_none() {
        if let Some(w) = app.warnings.first() {
            warn = Some((th.warn(), w.trim_start_matches('!').to_string()));
        } else if !app.data.uncovered.is_empty() {
            let years: Vec<i32> = app.data.uncovered.iter().copied().collect();
            warn = Some((th.warn(), t::uncovered(&years, app.lang)));
        }
    }
    if app.busy {
        warn = Some((th.muted(), t::msg(Msg::Working, app.lang).to_string()));
    }
    if let Some((style, text)) = warn {
        let used: usize = spans.iter().map(|s| width(&s.content)).sum();
        let room = (area.width as usize).saturating_sub(used + 3);
        spans.push(Span::styled(
            format!("⚠ {}", truncate(&sanitize(&text), room)),
            style,
        ));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// Footer hints, generated from the keymap: navigation for the screen, then the workflow
/// steps this user may take now (refused steps are not offered).
fn hints(app: &App, frame: &mut Frame, area: Rect) {
    // A form takes every key (q and digits are text there) and shows its own keys: offering
    // the screen's keys beneath it would promise what does not happen.
    if app.form.is_some()
        || app.draft_offer.is_some()
        || app.conflict.is_some()
        || app.drafts_list.is_some()
        || app.records.is_some()
        || app.detail.is_some()
    {
        return;
    }
    let mut actions = vec![Action::Help, Action::Quit];
    match app.screen {
        Screen::Dashboard => actions.extend([Action::Open, Action::OnlyMine, Action::Queue]),
        Screen::Queue => actions.extend([
            Action::Open,
            Action::Filter,
            Action::Sort,
            Action::Dashboard,
        ]),
        Screen::Case => {
            if let Some(c) = app.case.as_ref().filter(|c| c.gate) {
                // Enter submits only when nothing blocks; otherwise it is not offered.
                if c.derived.check.gate() != GateState::Blocked {
                    actions.push(Action::Open);
                }
                actions.push(Action::Cancel);
            } else {
                actions.extend([Action::NextPane, Action::Cancel]);
            }
        }
    }
    let gate = app.screen == Screen::Case && app.case.as_ref().is_some_and(|c| c.gate);
    let case = app.current_case().map(|i| &app.data.cases[i].case);
    // On the gate the submit step is Enter (when allowed); S would only show it again.
    actions.extend(
        perms::offered(&app.data.me, case, &app.data.dir)
            .into_iter()
            .filter(|s| !(gate && *s == Step::Submit))
            .map(Action::Step),
    );
    let th = &app.theme;
    let mut spans = Vec::new();
    let mut used = 0;
    for a in actions {
        let key = app.keymap.hint(a);
        // On the gate Enter submits: say so rather than "open".
        let text = match a {
            Action::Open if gate => Action::Step(Step::Submit).describe(app.lang),
            _ => a.describe(app.lang),
        };
        let w = width(&key) + width(text) + 3;
        if used + w > area.width as usize {
            break;
        }
        used += w;
        spans.push(Span::styled(format!(" {key}"), th.accent()));
        spans.push(Span::raw(format!(" {text} ")));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

fn help(app: &App, frame: &mut Frame, body: Rect) {
    let r = popup(body, 80, 96);
    clear_popup(frame, body);
    let lines: Vec<Line> = app
        .keymap
        .rows()
        .map(|(a, keys)| {
            Line::from(vec![
                Span::styled(crate::ui::text::fit(&keys, 12), app.theme.accent()),
                Span::raw(a.describe(app.lang)),
            ])
        })
        .collect();
    let title = format!(" {} ", t::msg(Msg::Help, app.lang));
    let inner_h = r.height.saturating_sub(2) as usize;
    // Two columns when the table does not fit in one.
    let b = block(&app.theme, &title, true);
    let inner = b.inner(r);
    frame.render_widget(b, r);
    if lines.len() > inner_h && inner_h > 0 {
        let [left, right] =
            Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)])
                .areas(inner);
        let split = lines.len().div_ceil(2);
        let mut lines = lines;
        let second = lines.split_off(split);
        frame.render_widget(Paragraph::new(lines), left);
        frame.render_widget(Paragraph::new(second), right);
    } else {
        frame.render_widget(Paragraph::new(lines), inner);
    }
}
