//! The conflict view (theirs and yours side by side, differences marked) and the draft list.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{block, clear_popup, popup, window};
use crate::i18n::edits as te;
use crate::ui::app::App;
use crate::ui::edits::ConflictView;
use crate::ui::text::{fit, sanitize, wrap};

pub(super) fn conflict(app: &App, v: &ConflictView, frame: &mut Frame, body: Rect) {
    let lang = app.lang;
    let th = &app.theme;
    let r = popup(body, 96, 96);
    clear_popup(frame, body);
    let b = block(th, te::CONFLICT_TITLE.get(lang), true);
    let inner = b.inner(r);
    frame.render_widget(b, r);
    let w = inner.width as usize;
    // Marker column, question, theirs, yours.
    let label_w = (w / 4).clamp(8, 28);
    let col = w.saturating_sub(label_w + 2 + 3) / 2;
    let mut lines: Vec<Line> = Vec::new();
    let who = match (&v.by, &v.at) {
        (Some(by), Some(at)) => te::changed_by(by, at, lang),
        _ => String::new(),
    };
    lines.push(Line::from(vec![
        Span::styled(sanitize(&v.case).into_owned(), th.accent()),
        Span::raw("  "),
        Span::styled(who, th.warn()),
    ]));
    lines.push(Line::from(Span::styled(
        format!(
            "  {} │ {} │ {}",
            fit(te::QUESTION.get(lang), label_w),
            fit(te::THEIRS.get(lang), col),
            te::MINE.get(lang)
        ),
        th.muted(),
    )));
    if !v.rows.iter().any(|r| r.differs) {
        lines.push(Line::from(te::NO_DIFFERENCE.get(lang)));
    }
    // Differences first, then the rest for context.
    let mut rows: Vec<_> = v.rows.iter().filter(|r| r.differs).collect();
    rows.extend(v.rows.iter().filter(|r| !r.differs));
    for row in rows {
        let label = wrap(&sanitize(&row.label), label_w);
        let theirs = wrap(&sanitize(&row.theirs), col.max(1));
        let mine = wrap(&sanitize(&row.mine), col.max(1));
        let n = label.len().max(theirs.len()).max(mine.len()).max(1);
        for i in 0..n {
            let cell = |v: &Vec<String>, w: usize| fit(v.get(i).map_or("", |s| s.as_str()), w);
            let mark = if row.differs && i == 0 { "≠ " } else { "  " };
            let style = if row.differs {
                th.warn()
            } else {
                ratatui::style::Style::default()
            };
            lines.push(Line::from(vec![
                Span::styled(mark, th.error()),
                Span::styled(cell(&label, label_w), style),
                Span::raw(" │ "),
                Span::styled(cell(&theirs, col), style),
                Span::raw(" │ "),
                Span::styled(cell(&mine, col), style),
            ]));
        }
    }
    let h = inner.height.saturating_sub(1) as usize;
    let max_scroll = lines.len().saturating_sub(h);
    let from = (v.scroll as usize).min(max_scroll);
    let shown: Vec<Line> = lines.into_iter().skip(from).take(h).collect();
    frame.render_widget(Paragraph::new(shown), inner);
    let keys = Rect {
        y: inner.y + inner.height.saturating_sub(1),
        height: 1,
        ..inner
    };
    frame.render_widget(
        Paragraph::new(Span::styled(
            crate::ui::text::truncate(te::CONFLICT_KEYS.get(lang), w),
            th.accent(),
        )),
        keys,
    );
}

pub(super) fn drafts(app: &App, selected: usize, frame: &mut Frame, body: Rect) {
    let lang = app.lang;
    let th = &app.theme;
    let r = popup(body, 80, 70);
    clear_popup(frame, body);
    let b = block(th, te::DRAFTS_TITLE.get(lang), true);
    let inner = b.inner(r);
    frame.render_widget(b, r);
    let w = inner.width as usize;
    let mut lines: Vec<Line> = Vec::new();
    if app.drafts.is_empty() {
        lines.push(Line::from(te::DRAFTS_EMPTY.get(lang)));
    }
    let h = inner.height.saturating_sub(1) as usize;
    for i in window(selected, app.drafts.len(), h) {
        let d = &app.drafts[i];
        let title = crate::ui::forms::title_of(d.kind, lang);
        let case = d
            .case
            .as_deref()
            .map(|c| sanitize(c).into_owned())
            .unwrap_or_else(|| te::NO_CASE_LABEL.get(lang).to_string());
        let at = d
            .saved_at
            .as_deref()
            .map(|a| te::draft_saved_at(a, lang))
            .unwrap_or_default();
        let text = format!("{}  {}  {}", fit(&title, 16), case, at);
        let style = if i == selected {
            th.selected()
        } else {
            ratatui::style::Style::default()
        };
        lines.push(Line::from(Span::styled(
            crate::ui::text::truncate(&text, w),
            style,
        )));
    }
    frame.render_widget(Paragraph::new(lines), inner);
    let keys = Rect {
        y: inner.y + inner.height.saturating_sub(1),
        height: 1,
        ..inner
    };
    let hint = te::DRAFTS_KEYS.get(lang);
    frame.render_widget(
        Paragraph::new(Span::styled(
            crate::ui::text::truncate(hint, w),
            th.accent(),
        )),
        keys,
    );
}

/// The summary of an irreversible step, waiting for `y`.
pub(super) fn confirm(app: &App, cmd: &crate::workflow::Command, frame: &mut Frame, body: Rect) {
    use crate::i18n::cli_search::confirm as tc;
    let lang = app.lang;
    let th = &app.theme;
    let r = popup(body, 80, 60);
    clear_popup(frame, body);
    let b = block(th, tc::title(lang), true);
    let inner = b.inner(r);
    frame.render_widget(b, r);
    let w = inner.width as usize;
    let mut lines: Vec<Line> = Vec::new();
    for s in crate::ui::confirm::summary(app, cmd, lang) {
        for part in wrap(&sanitize(&s), w.max(1)) {
            lines.push(Line::from(part));
        }
    }
    frame.render_widget(Paragraph::new(lines), inner);
    let keys = Rect {
        y: inner.y + inner.height.saturating_sub(1),
        height: 1,
        ..inner
    };
    frame.render_widget(
        Paragraph::new(Span::styled(
            crate::ui::text::truncate(tc::keys(lang), w),
            th.accent(),
        )),
        keys,
    );
}
