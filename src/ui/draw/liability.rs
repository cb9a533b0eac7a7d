//! The live liability panel (recomputed from the snapshot on every refresh) and the
//! submission gate listing every blocker of the check.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::block;
use crate::domain::check::{Blocker, BlockerCode};
use crate::domain::liability::{Outcome, Scope};
use crate::i18n::cite;
use crate::i18n::ui::{self as t, Msg};
use crate::ui::app::{App, CaseState};
use crate::ui::text::sanitize;

pub fn lines(app: &App, cs: &CaseState) -> Vec<Line<'static>> {
    let lang = app.lang;
    let th = &app.theme;
    let d = &cs.derived;
    let v = match &d.verdict {
        None => return vec![Line::raw(t::msg(Msg::NoFindings, lang))],
        Some(Err(e)) => {
            return vec![
                Line::styled(t::msg(Msg::RulesError, lang).to_string(), th.error()),
                Line::raw(sanitize(&e.to_string()).into_owned()),
            ];
        }
        Some(Ok(v)) => v,
    };
    let mut out = Vec::new();
    if v.scope == Scope::LegalLiability {
        out.push(Line::styled(
            t::msg(Msg::LegalLiability, lang).to_string(),
            th.warn(),
        ));
    }
    if v.judicial_referral {
        out.push(Line::styled(
            t::msg(Msg::JudicialReferral, lang).to_string(),
            th.error(),
        ));
    }
    if !v.fault_established {
        out.push(Line::styled(
            t::msg(Msg::NoFault, lang).to_string(),
            th.muted(),
        ));
    }
    for (i, p) in v.persons.iter().enumerate() {
        let style = match p.outcome {
            Outcome::PursueHeavier => th.error(),
            Outcome::Pursue => th.warn(),
            Outcome::MayExempt => th.ok(),
            Outcome::None => Style::new(),
        };
        out.push(Line::from(vec![
            Span::styled(
                format!("{} ({}) ", sanitize(&p.name), sanitize(&p.login)),
                th.accent(),
            ),
            Span::raw(format!("{} → ", t::grade(p.grade, lang))),
            Span::styled(t::outcome(p.outcome, lang).to_string(), style),
        ]));
        for r in d.reasons.get(i).into_iter().flatten() {
            out.push(Line::raw(format!(
                "  {}: {}",
                t::msg(Msg::Basis, lang),
                sanitize(r)
            )));
        }
        if !p.aggravating.is_empty() {
            let a: Vec<String> = p
                .aggravating
                .iter()
                .map(|x| cite(t::art8(*x), lang))
                .collect();
            let mut s = format!("  {}: {}", t::msg(Msg::Aggravating, lang), a.join("、"));
            if !p.repeat_cases.is_empty() {
                s.push_str(&format!(" ({})", sanitize(&p.repeat_cases.join("、"))));
            }
            out.push(Line::styled(s, th.error()));
        }
        if !p.exempting.is_empty() {
            let e: Vec<String> = p
                .exempting
                .iter()
                .map(|x| cite(t::exempting(*x), lang))
                .collect();
            out.push(Line::styled(
                format!("  {}: {}", t::msg(Msg::Exempting, lang), e.join("、")),
                th.ok(),
            ));
        }
    }
    if !d.measures.is_empty() {
        out.push(Line::styled(
            t::msg(Msg::Measures, lang).to_string(),
            th.accent(),
        ));
        for m in &d.measures {
            out.push(Line::raw(format!(
                "  {} {}",
                cite(m.as_str(), lang),
                t::measure(*m, lang)
            )));
        }
    }
    out
}

/// Before submitting: each blocker, its message, and what clears it (with the key).
pub fn gate(app: &App, cs: &CaseState, frame: &mut Frame, area: Rect) {
    let lang = app.lang;
    let th = &app.theme;
    let d = &cs.derived;
    let mut out = Vec::new();
    if d.check.ready() {
        out.push(Line::styled(t::msg(Msg::Ready, lang).to_string(), th.ok()));
    } else {
        out.push(Line::styled(
            t::msg(Msg::NotReady, lang).to_string(),
            th.error(),
        ));
    }
    for (i, (b, msg)) in d.check.blockers.iter().zip(&d.blocker_messages).enumerate() {
        out.push(Line::from(vec![
            Span::styled(format!("{}. ", i + 1), th.error()),
            Span::raw(sanitize(msg).into_owned()),
        ]));
        let (how, action) = t::clears_by(code_of(b), lang);
        let key = action
            .map(|a| format!(" [{}]", app.keymap.hint(a)))
            .unwrap_or_default();
        out.push(Line::styled(
            format!("   {}: {how}{key}", t::msg(Msg::ClearsBy, lang)),
            th.muted(),
        ));
    }
    out.push(Line::raw(""));
    out.push(Line::styled(
        t::msg(Msg::GateHint, lang).to_string(),
        th.accent(),
    ));
    let title = format!(" {} ", t::msg(Msg::Gate, lang));
    frame.render_widget(
        Paragraph::new(out)
            .wrap(Wrap { trim: false })
            .block(block(th, &title, true)),
        area,
    );
}

/// The blocker's code, read from its variant (the same mapping as `Blocker::code`).
fn code_of(b: &Blocker) -> BlockerCode {
    match b {
        Blocker::TeamTooSmall { .. } => BlockerCode::TeamTooSmall,
        Blocker::ConflictNotRecused { .. } => BlockerCode::ConflictNotRecused,
        Blocker::DefenceNotHeard { .. } => BlockerCode::DefenceNotHeard,
        Blocker::InterestedPartiesNotHeard => BlockerCode::InterestedPartiesNotHeard,
        Blocker::NoDeliberation => BlockerCode::NoDeliberation,
        Blocker::LiabilityIncomplete { .. } => BlockerCode::LiabilityIncomplete,
        Blocker::OverdueWithoutReason { .. } => BlockerCode::OverdueWithoutReason,
        Blocker::NotAccepted => BlockerCode::NotAccepted,
    }
}
