//! Drawing: a pure function of the [`App`]. Nothing here reads the database or the clock.

mod case;
mod dashboard;
mod detail;
mod edits;
mod liability;
mod palette;
mod queue;
mod search;

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
    draw_all(app, frame);
    if app.theme.ascii {
        crate::ui::text::asciify(frame.buffer_mut());
    }
}

fn draw_all(app: &App, frame: &mut Frame) {
    // What a click can reach is recorded afresh by the screens drawn below.
    *app.hits.borrow_mut() = Default::default();
    let area = frame.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        too_small(frame, area);
        return;
    }
    let status_text = status_lines(app, area.width as usize);
    let [body, status, footer] = Layout::vertical([
        Constraint::Min(1),
        Constraint::Length(status_text.len() as u16),
        Constraint::Length(1),
    ])
    .areas(area);
    match app.screen {
        Screen::Dashboard => dashboard::draw(app, frame, body),
        Screen::Queue => queue::draw(app, frame, body),
        Screen::Case => case::draw(app, frame, body),
    }
    frame.render_widget(Paragraph::new(status_text), status);
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
    if let Some(s) = &app.search {
        search::search(app, s, frame, body);
    }
    if let Some(cmd) = &app.confirm {
        edits::confirm(app, cmd, frame, body);
    }
    if let Some(v) = &app.conflict {
        edits::conflict(app, v, frame, body);
    }
    if let Some(sel) = app.drafts_list {
        edits::drafts(app, sel, frame, body);
    }
    if app.palette.is_some() {
        palette::draw(app, frame, body);
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
    let b = Block::default().borders(Borders::ALL).title(title);
    if focused {
        b.border_set(theme.focused_border_set())
            .border_style(theme.focused_border())
    } else {
        b.border_set(theme.border_set())
    }
}

/// Blank everything a modal popup sits over (the whole body, not only the popup): the
/// panes' text cut off at the popup's edges read as stray characters (a lone ")" beside a
/// form), and a wide (Chinese) character straddling an edge would be drawn over its border.
pub(crate) fn clear_popup(frame: &mut Frame, body: Rect) {
    frame.render_widget(Clear, body);
}

/// A centred rectangle of about `pct_w`×`pct_h` percent of `area`: rounded so the margins
/// left and right (and above and below) are equal — an odd remainder put the extra cell on
/// the right, and the conflict view at 120 columns looked one cell short there.
pub(crate) fn popup(area: Rect, pct_w: u16, pct_h: u16) -> Rect {
    let even = |full: u16, part: u16| {
        if (full - part) % 2 == 1 {
            part + 1
        } else {
            part
        }
    };
    let w = even(area.width, (area.width as u32 * pct_w as u32 / 100) as u16);
    let h = even(
        area.height,
        (area.height as u32 * pct_h as u32 / 100) as u16,
    );
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

/// A message longer than this many rows is cut (the form or screen it concerns says more).
const MAX_STATUS_ROWS: usize = 4;

/// Who is working on which database, then the message: beside it when it fits, else wrapped
/// on rows of its own below — a refusal is never cut off at 80 columns.
fn status_lines(app: &App, cols: usize) -> Vec<Line<'static>> {
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
        } else if !app.data.uncovered.is_empty() && app.screen != Screen::Dashboard {
            // The dashboard says it in its own first row.
            let years: Vec<i32> = app.data.uncovered.iter().copied().collect();
            warn = Some((th.warn(), t::uncovered(&years, app.lang)));
        }
    }
    if app.busy {
        warn = Some((th.muted(), t::msg(Msg::Working, app.lang).to_string()));
    }
    let Some((style, text)) = warn else {
        return vec![Line::from(spans)];
    };
    let text = format!("⚠ {}", sanitize(&text));
    let used: usize = spans.iter().map(|s| width(&s.content)).sum();
    // "Working…" stays on the row. Everything else — a refusal, a standing warning (a
    // calendar gap, a bad keys.toml, a failed refresh) — is said whole: beside the user when
    // it fits, else wrapped on rows of its own.
    if app.busy {
        spans.push(Span::styled(
            truncate(&text, cols.saturating_sub(used)),
            style,
        ));
        return vec![Line::from(spans)];
    }
    if used + width(&text) <= cols {
        spans.push(Span::styled(text, style));
        return vec![Line::from(spans)];
    }
    let mut rows: Vec<Line<'static>> = crate::ui::text::wrap(&text, cols.saturating_sub(1))
        .into_iter()
        .map(|r| Line::styled(format!(" {r}"), style))
        .collect();
    if rows.len() > MAX_STATUS_ROWS {
        rows.truncate(MAX_STATUS_ROWS);
        if let Some(last) = rows.last_mut() {
            let cut = truncate(&format!("{}…", last), cols);
            *last = Line::styled(cut, style);
        }
    }
    let mut out = vec![Line::from(spans)];
    out.extend(rows);
    out
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
        || app.search.is_some()
    {
        return;
    }
    let gate = app.screen == Screen::Case && app.case.as_ref().is_some_and(|c| c.gate);
    let case = app.current_case().map(|r| &r.case);
    // The steps this user's roles allow on this case come first (an investigator keeps f, d
    // and S at 80 columns); on the gate the submit step is Enter (when allowed), so S would
    // only show it again.
    let mut actions: Vec<Action> = perms::offered(&app.data.me, case, &app.data.dir)
        .into_iter()
        .filter(|s| !(gate && *s == Step::Submit))
        .map(Action::Step)
        .collect();
    match app.screen {
        Screen::Dashboard => actions.extend([Action::Open, Action::OnlyMine, Action::NextView]),
        Screen::Queue => {
            actions.extend([Action::Open, Action::Filter, Action::Sort, Action::OnlyMine])
        }
        Screen::Case => {
            if let Some(c) = app.case.as_ref().filter(|c| c.gate) {
                // On the gate its own keys come first: Enter submits only when nothing
                // blocks (otherwise it is not offered), Esc goes back.
                actions.insert(0, Action::Cancel);
                if c.derived.check.gate() != GateState::Blocked {
                    actions.insert(0, Action::Open);
                }
            } else {
                actions.extend([Action::NextPane, Action::Cancel]);
            }
        }
    }
    // Always shown, at the end: the palette lists whatever did not fit.
    let mut tail = vec![Action::Palette, Action::Help, Action::Quit];
    if app.screen == Screen::Case && !gate {
        actions.retain(|a| *a != Action::Cancel);
        tail.insert(0, Action::Cancel);
    }
    let th = &app.theme;
    let label = |a: Action| -> (String, &'static str) {
        let key = app.keymap.hint(a);
        // On the gate Enter submits: say so rather than "open".
        let text = match a {
            Action::Open if gate => Action::Step(Step::Submit).describe(app.lang),
            // On a deadline row Enter takes the row's step, when this user may.
            Action::Open if app.screen == Screen::Dashboard => match row_step(app) {
                Some(s) => Action::Step(s).describe(app.lang),
                None => a.describe(app.lang),
            },
            _ => a.describe(app.lang),
        };
        (key, text)
    };
    let cost = |a: Action| {
        let (k, t) = label(a);
        width(&k) + width(t) + 3
    };
    let reserved: usize = tail.iter().map(|a| cost(*a)).sum();
    let tail = tail.into_iter();
    // Every step this user may take keeps at least its key: steps that do not fit with
    // their words are listed as bare keys (the palette and ? say what they do).
    let bare = |a: Action| width(&app.keymap.hint(a)) + 1;
    let is_step = |a: &Action| matches!(a, Action::Step(_));
    let mut room = (area.width as usize).saturating_sub(reserved);
    let mut bare_left: usize = actions
        .iter()
        .filter(|a| is_step(a))
        .map(|a| bare(*a))
        .sum();
    let mut labelled = Vec::new();
    let mut keys_only = Vec::new();
    for a in actions {
        let step = is_step(&a);
        if step {
            bare_left -= bare(a);
        }
        let w = cost(a);
        if w + bare_left <= room {
            room -= w;
            labelled.push(a);
        } else if step && bare(a) <= room {
            room -= bare(a);
            keys_only.push(a);
        }
    }
    let mut spans = Vec::new();
    for a in labelled {
        let (key, text) = label(a);
        spans.push(Span::styled(format!(" {key}"), th.accent()));
        spans.push(Span::raw(format!(" {text} ")));
    }
    for a in keys_only {
        spans.push(Span::styled(
            format!(" {}", app.keymap.hint(a)),
            th.accent(),
        ));
    }
    for a in tail {
        let (key, text) = label(a);
        spans.push(Span::styled(format!(" {key}"), th.accent()));
        spans.push(Span::raw(format!(" {text} ")));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// The step Enter takes on the selected deadline row, if this user may take it there.
fn row_step(app: &App) -> Option<Step> {
    let o = &app.dash.current()?.obligation;
    let case = &app.record(&o.case)?.case;
    let step = o.step();
    perms::permit(step, &app.data.me, Some(case), &app.data.dir, app.lang)
        .ok()
        .map(|()| step)
}

fn help(app: &App, frame: &mut Frame, body: Rect) {
    let r = popup(body, 80, 96);
    clear_popup(frame, body);
    if app.form.is_some() {
        let lines: Vec<Line> = t::form_keys(app.lang)
            .iter()
            .map(|(k, what)| {
                Line::from(vec![
                    Span::styled(crate::ui::text::fit(k, 16), app.theme.accent()),
                    Span::raw(*what),
                ])
            })
            .collect();
        let title = format!(" {} ", t::msg(Msg::FormKeys, app.lang));
        frame.render_widget(
            Paragraph::new(lines).block(block(&app.theme, &title, true)),
            r,
        );
        return;
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn popups_are_centred_to_the_cell() {
        for width in 2..=300u16 {
            for pct in [30, 60, 80, 90, 96, 100] {
                let area = Rect::new(0, 1, width, width);
                let r = popup(area, pct, pct);
                let (left, right) = (r.x - area.x, area.right() - r.right());
                assert_eq!(left, right, "{width} at {pct}%");
                let (top, bottom) = (r.y - area.y, area.bottom() - r.bottom());
                assert_eq!(top, bottom, "{width} at {pct}%");
                assert!(r.width <= area.width && r.width + 1 >= area.width * pct / 100);
            }
        }
    }
}
