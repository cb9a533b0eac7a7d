//! The case view: a header, then the evidence log, interviews, team and the live liability
//! panel — side by side in a 2×2 grid when the terminal is wide, one at a time otherwise.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::{block, liability};
use crate::i18n::ui::{self as t, Msg};
use crate::ui::app::{App, CaseState, PANES, Pane};
use crate::ui::text::{sanitize, truncate, width as text_width, wrap_after, wrap_hanging};

/// At this width and above the four panes share the screen.
const GRID_WIDTH: u16 = 100;

pub fn draw(app: &App, frame: &mut Frame, area: Rect) {
    let Some(cs) = &app.case else {
        return;
    };
    let [head, rest] = Layout::vertical([Constraint::Length(5), Constraint::Min(0)]).areas(area);
    header(app, cs, frame, head);
    if cs.gate {
        liability::gate(app, cs, frame, rest);
        return;
    }
    if area.width >= GRID_WIDTH {
        let [top, bottom] =
            Layout::vertical([Constraint::Percentage(50), Constraint::Percentage(50)]).areas(rest);
        let [a, b] =
            Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)]).areas(top);
        let [c, d] = Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)])
            .areas(bottom);
        for (i, r) in [a, b, c, d].into_iter().enumerate() {
            pane(app, cs, i, true, frame, r);
        }
    } else {
        pane(app, cs, cs.pane, false, frame, rest);
    }
}

fn pane_title(app: &App, cs: &CaseState, p: Pane) -> &'static str {
    let lang = app.lang;
    match p {
        Pane::Evidence => t::msg(Msg::Evidence, lang),
        Pane::Interviews => t::msg(Msg::Interviews, lang),
        Pane::Team => t::msg(Msg::Team, lang),
        // Art. 10(3): once the committee has decided, the panel is its record, not live.
        Pane::Liability if cs.derived.record.case.decision.is_some() => {
            t::msg(Msg::LiabilityDecided, lang)
        }
        Pane::Liability => t::msg(Msg::Liability, lang),
    }
}

fn pane(app: &App, cs: &CaseState, i: usize, grid: bool, frame: &mut Frame, area: Rect) {
    let p = PANES[i];
    let focused = i == cs.pane;
    // In single-pane mode the title shows the other panes as tabs.
    let title = if !grid {
        let names: Vec<String> = PANES
            .iter()
            .enumerate()
            .map(|(j, q)| {
                if j == i {
                    format!("[{}]", pane_title(app, cs, *q))
                } else {
                    pane_title(app, cs, *q).to_string()
                }
            })
            .collect();
        format!(" {} ", names.join(" "))
    } else {
        format!(" {} ", pane_title(app, cs, p))
    };
    // Every pane wraps its own lines to the inner width, so continuations hang under their
    // text instead of starting at the border.
    let inner = area.width.saturating_sub(2) as usize;
    let lines = match p {
        Pane::Evidence => evidence(app, cs, inner),
        Pane::Interviews => interviews(app, cs, inner),
        Pane::Team => team(app, cs, inner),
        Pane::Liability => liability::lines(app, cs, inner),
    };
    // Scrolling stops at the last line: remember how far this pane can go.
    let height = area.height.saturating_sub(2) as usize;
    let max = lines
        .len()
        .saturating_sub(height)
        .min(usize::from(u16::MAX)) as u16;
    cs.max_scroll[i].set(max);
    app.hits.borrow_mut().panes.push((area, i));
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .scroll((cs.scroll[i].min(max), 0))
            .block(block(&app.theme, &title, focused)),
        area,
    );
}

fn header(app: &App, cs: &CaseState, frame: &mut Frame, area: Rect) {
    let lang = app.lang;
    let th = &app.theme;
    let case = &cs.derived.record.case;
    let resp: Vec<&str> = case
        .respondents
        .iter()
        .map(|l| app.data.dir.name(l))
        .collect();
    let next = cs
        .derived
        .obligations
        .first()
        .map(|o| {
            format!(
                "{} {} ({})",
                t::obligation_step(o, lang),
                o.due,
                t::days_left(o.days_left, lang)
            )
        })
        .unwrap_or_default();
    let complainant = match &case.complainant {
        Some(c) => sanitize(&c.name).into_owned(),
        None => t::msg(Msg::Anonymous, lang).to_string(),
    };
    let w = area.width.saturating_sub(2) as usize;
    let lines = vec![
        Line::from(vec![
            Span::styled(format!("{} ", sanitize(&case.number)), th.accent()),
            Span::raw(truncate(&sanitize(&case.title), w.saturating_sub(24))),
        ]),
        Line::raw(truncate(
            &format!(
                "{}: {} · {}: {} · {}: {} · {}: {}",
                t::msg(Msg::ColStage, lang),
                t::stage(case.stage, lang),
                t::msg(Msg::Received, lang),
                case.received_on,
                t::msg(Msg::ColRespondents, lang),
                sanitize(&resp.join("、")),
                t::msg(Msg::Complainant, lang),
                complainant
            ),
            w,
        )),
        Line::styled(truncate(&next, w), th.warn()),
    ];
    frame.render_widget(Paragraph::new(lines).block(block(th, "", false)), area);
}

/// `text` after its list number (`1. `), continuation lines indented under the text.
fn numbered(out: &mut Vec<Line<'static>>, n: usize, text: &str, width: usize, style: Style) {
    let number = format!("{n}. ");
    let indent = " ".repeat(text_width(&number));
    for part in wrap_hanging(text, &number, &indent, width) {
        out.push(Line::styled(part, style));
    }
}

fn evidence(app: &App, cs: &CaseState, width: usize) -> Vec<Line<'static>> {
    let case = &cs.derived.record.case;
    if case.evidence.is_empty() {
        return vec![Line::raw(t::msg(Msg::NoEvidence, app.lang))];
    }
    let mut out = Vec::new();
    for (i, e) in case.evidence.iter().enumerate() {
        // By character, not byte: an imported hash is text and need not be ASCII.
        let hash = e
            .sha256
            .as_deref()
            .map(|h| format!(" #{}", h.chars().take(8).collect::<String>()));
        let text = format!(
            "{} [{}] {} · {}{}",
            e.collected_on,
            t::evidence_kind(&e.kind, app.lang)
                .map_or_else(|| sanitize(&e.kind), std::borrow::Cow::Borrowed),
            sanitize(&e.description),
            sanitize(app.data.dir.name(&e.collected_by)),
            sanitize(&hash.unwrap_or_default())
        );
        numbered(&mut out, i + 1, &text, width, Style::new());
    }
    out
}

fn interviews(app: &App, cs: &CaseState, width: usize) -> Vec<Line<'static>> {
    let lang = app.lang;
    let case = &cs.derived.record.case;
    let mut out = Vec::new();
    if case.interviews.is_empty() {
        out.push(Line::raw(t::msg(Msg::NoInterviews, lang)));
    }
    for (i, iv) in case.interviews.iter().enumerate() {
        let who = if iv.kind.interviewee_is_login() {
            app.data.dir.name(&iv.interviewee)
        } else {
            &iv.interviewee
        };
        let by: Vec<&str> = iv
            .interviewers
            .iter()
            .map(|l| app.data.dir.name(l))
            .collect();
        let mark = if iv.waived {
            t::msg(Msg::Waived, lang)
        } else if iv.signed {
            t::msg(Msg::Signed, lang)
        } else {
            t::msg(Msg::Unsigned, lang)
        };
        let text = format!(
            "{} {} · {} · {} ({})",
            iv.on,
            t::interview(iv.kind, lang),
            sanitize(who),
            mark,
            sanitize(&by.join("、"))
        );
        numbered(&mut out, i + 1, &text, width, Style::new());
    }
    if let Some(n) = &case.interested_parties_note {
        let text = format!("{}: {}", t::msg(Msg::Note, lang), sanitize(n));
        for part in wrap_hanging(&text, "", "  ", width) {
            out.push(Line::styled(part, app.theme.muted()));
        }
    }
    out
}

/// Continuation lines of a member's status hang this far in, under the name.
const MEMBER_INDENT: &str = "  ";

/// A team or committee member: name, then the conflict status, wrapped after the name and
/// continued under it (a long Chinese reason must not run back to the border).
fn member_lines(
    out: &mut Vec<Line<'static>>,
    app: &App,
    m: &crate::ui::data::Member,
    width: usize,
) {
    let lang = app.lang;
    let th = &app.theme;
    let reasons: Vec<String> = m
        .involvement
        .iter()
        .map(|i| {
            let resp = match i {
                crate::domain::conflict::Involvement::Related { respondent, .. } => {
                    app.data.dir.name(respondent).to_string()
                }
                _ => String::new(),
            };
            t::involvement(i, &resp, lang)
        })
        .collect();
    let (status, style) = match (&m.recusal, reasons.is_empty()) {
        (Some(r), _) => (
            format!(
                "{} {} ({})",
                t::msg(Msg::Recused, lang),
                r.on,
                sanitize(&r.reason)
            ),
            th.muted(),
        ),
        (None, false) => (
            format!(
                "{}: {}",
                t::msg(Msg::MustRecuse, lang),
                reasons.join(lang.pick("；", "; "))
            ),
            th.error(),
        ),
        (None, true) => (t::msg(Msg::NoConflict, lang).to_string(), th.ok()),
    };
    let who = truncate(
        &format!("{} ({}) ", sanitize(&m.name), sanitize(&m.login)),
        width,
    );
    let first_room = width.saturating_sub(text_width(&who));
    let rest_room = width.saturating_sub(text_width(MEMBER_INDENT)).max(1);
    let mut parts = wrap_after(&status, first_room, rest_room).into_iter();
    // The first part is beside the name (empty when nothing fits there).
    let beside = parts.next().unwrap_or_default();
    out.push(Line::from(vec![
        Span::raw(who),
        Span::styled(beside, style),
    ]));
    for p in parts {
        out.push(Line::from(vec![
            Span::raw(MEMBER_INDENT),
            Span::styled(p, style),
        ]));
    }
}

fn team(app: &App, cs: &CaseState, width: usize) -> Vec<Line<'static>> {
    let lang = app.lang;
    let case = &cs.derived.record.case;
    let mut out = Vec::new();
    match &case.team {
        None => out.push(Line::raw(t::msg(Msg::NoTeam, lang))),
        Some(team) => {
            out.push(Line::styled(
                format!(
                    "{} · {}",
                    team.appointed_on,
                    sanitize(app.data.dir.name(&team.appointed_by))
                ),
                app.theme.muted(),
            ));
            for m in &cs.derived.team {
                member_lines(&mut out, app, m, width);
            }
        }
    }
    // Art. 10(3): why the handling opinion is later than 30 days after acceptance, once the
    // team records it (bundle-v2.md: from `investigating` on) — shown where the team is, in
    // full, not only inside the forms.
    if let Some(reason) = &case.overdue_reason {
        out.push(Line::styled(
            t::overdue_reason_label(lang),
            app.theme.warn(),
        ));
        for part in wrap_hanging(&sanitize(reason), "  ", "  ", width) {
            out.push(Line::raw(part));
        }
    }
    // Art. 10(3): involved committee members must recuse from the decision.
    out.push(Line::styled(
        t::msg(Msg::Committee, lang).to_string(),
        app.theme.accent(),
    ));
    for m in &cs.derived.committee {
        member_lines(&mut out, app, m, width);
    }
    out
}
