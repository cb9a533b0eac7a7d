//! The live liability panel (recomputed from the snapshot on every refresh; after the
//! committee's decision, that decision beside the rules' suggestion) and the submission gate
//! listing every blocker of the check.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::block;
use crate::domain::check::GateState;
use crate::domain::liability::compare::{Comparison, compare};
use crate::domain::liability::{Outcome, Scope, Verdict};
use crate::domain::model::{Case, Decision, Grade};
use crate::i18n::cite;
use crate::i18n::rules::rule_error;
use crate::i18n::ui::{self as t, Msg};
use crate::ui::app::{App, CaseState};
use crate::ui::keymap::Action;
use crate::ui::text::{sanitize, truncate, width as text_width, wrap_hanging};

/// Bullet and hanging indent of a person's reasons (ASCII: never ambiguous-width).
const REASON_FIRST: &str = "  - ";
const REASON_REST: &str = "    ";

/// Push `text` wrapped by display width to `width` columns, continuation lines indented.
fn push_wrapped(
    out: &mut Vec<Line<'static>>,
    text: &str,
    (first, rest): (&str, &str),
    width: usize,
    style: Style,
) {
    for part in wrap_hanging(text, first, rest, width) {
        out.push(Line::styled(part, style));
    }
}

/// The panel's lines, wrapped by hand to `width` columns (the pane's inner width): the
/// paragraph's own word wrap would push a long Chinese reason, which has no spaces, to a new
/// line under its label and lose the indent.
pub fn lines(app: &App, cs: &CaseState, width: usize) -> Vec<Line<'static>> {
    let lang = app.lang;
    let th = &app.theme;
    let d = &cs.derived;
    let mut out = Vec::new();
    let flush = ("", "");
    let v = match &d.verdict {
        None => {
            push_wrapped(
                &mut out,
                t::msg(Msg::NoFindings, lang),
                flush,
                width,
                Style::new(),
            );
            if let Some(decision) = &cs.derived.record.case.decision {
                out.push(Line::raw(""));
                decided_vs_rules(&mut out, app, None, decision, width);
            }
            return out;
        }
        Some(Err(e)) => {
            push_wrapped(
                &mut out,
                t::msg(Msg::RulesError, lang),
                flush,
                width,
                th.error(),
            );
            // What is wrong and what to do, in the user's language.
            let msg = sanitize(&rule_error(e, lang)).into_owned();
            push_wrapped(&mut out, &msg, flush, width, Style::new());
            if let Some(decision) = &cs.derived.record.case.decision {
                out.push(Line::raw(""));
                decided_vs_rules(&mut out, app, None, decision, width);
            }
            return out;
        }
        Some(Ok(v)) => v,
    };
    // After the decision its comparison with the rules comes first; the rules' reasons
    // follow under their own heading.
    if let Some(decision) = &cs.derived.record.case.decision {
        decided_vs_rules(&mut out, app, Some(v), decision, width);
        out.push(Line::raw(""));
        push_wrapped(
            &mut out,
            t::msg(Msg::RulesBasis, lang),
            flush,
            width,
            th.accent(),
        );
    }
    if v.scope == Scope::LegalLiability {
        push_wrapped(
            &mut out,
            t::msg(Msg::LegalLiability, lang),
            flush,
            width,
            th.warn(),
        );
    }
    if v.judicial_referral {
        let msg = t::msg(Msg::JudicialReferral, lang);
        push_wrapped(&mut out, msg, flush, width, th.error());
    }
    if !v.fault_established {
        push_wrapped(
            &mut out,
            t::msg(Msg::NoFault, lang),
            flush,
            width,
            th.muted(),
        );
    }
    for (i, p) in v.persons.iter().enumerate() {
        let style = match p.outcome {
            Outcome::PursueHeavier => th.error(),
            Outcome::Pursue => th.warn(),
            Outcome::MayExempt => th.ok(),
            Outcome::None => Style::new(),
        };
        let who = truncate(
            &format!("{} ({}) ", sanitize(&p.name), sanitize(&p.login)),
            width,
        );
        let rest = width.saturating_sub(text_width(&who));
        let grade = truncate(&format!("{} → ", t::grade(p.grade, lang)), rest);
        let outcome = truncate(
            t::outcome(p.outcome, lang),
            rest.saturating_sub(text_width(&grade)),
        );
        out.push(Line::from(vec![
            Span::styled(who, th.accent()),
            Span::raw(grade),
            Span::styled(outcome, style),
        ]));
        // `person_reasons` gives one line per naming rule (one line when none names them),
        // then one per Art. 8 circumstance (8.3 with its cases), then one per Art. 9: the
        // circumstances keep their colours.
        // Then the Art. 2 ¶2 line (state of mind) where the person is graded or has one.
        let culpability = usize::from(p.grade != Grade::None || p.culpability.is_some());
        let grounds = p.grounds.len().max(1) + culpability;
        let aggravating = grounds + p.aggravating.len();
        for (k, r) in d.reasons.get(i).into_iter().flatten().enumerate() {
            let style = if k < grounds {
                Style::new()
            } else if k < aggravating {
                th.error()
            } else {
                th.ok()
            };
            let r = sanitize(r).into_owned();
            push_wrapped(&mut out, &r, (REASON_FIRST, REASON_REST), width, style);
        }
    }
    if !d.measures.is_empty() {
        push_wrapped(
            &mut out,
            t::msg(Msg::Measures, lang),
            flush,
            width,
            th.accent(),
        );
        for m in &d.measures {
            let line = format!("{} {}", cite(m.as_str(), lang), t::measure(*m, lang));
            push_wrapped(
                &mut out,
                &line,
                (REASON_FIRST, REASON_REST),
                width,
                Style::new(),
            );
        }
    }
    final_outcomes(&mut out, app, &cs.derived.record.case, width);
    out
}

/// Mark of a row that differs from the rules (ASCII `*` under `--ascii`).
const DIFFERS: &str = "≠ ";
const SAME: &str = "  ";

/// Art. 10(3): the committee's decision beside the rules' suggestion, one person at a time,
/// each differing line marked and coloured.
fn decided_vs_rules(
    out: &mut Vec<Line<'static>>,
    app: &App,
    verdict: Option<&Verdict>,
    decision: &Decision,
    width: usize,
) {
    let lang = app.lang;
    let th = &app.theme;
    let head = format!("{} ({})", t::msg(Msg::DecidedVsRules, lang), decision.on);
    push_wrapped(out, &head, ("", ""), width, th.accent());
    let rows = compare(verdict, decision);
    if rows.iter().any(Comparison::differs) {
        let legend = format!("{DIFFERS}{}", t::msg(Msg::Differs, lang));
        push_wrapped(out, &legend, ("", "  "), width, th.error());
    }
    for c in rows {
        let who = format!(
            "{} ({})",
            sanitize(app.data.dir.name(&c.login)),
            sanitize(&c.login)
        );
        push_wrapped(out, &who, ("", "  "), width, th.accent());
        let rules = match c.suggested {
            Some((g, o)) => format!("{} → {}", t::grade(g, lang), t::outcome(o, lang)),
            None => t::grade(Grade::None, lang).to_string(),
        };
        let rules = format!("{}: {rules}", t::msg(Msg::RulesSide, lang));
        push_wrapped(out, &rules, (REASON_REST, REASON_REST), width, Style::new());
        let decided = match &c.decided {
            Some(d) => {
                let mut s = t::grade(d.grade, lang).to_string();
                if d.exempted {
                    s.push_str(lang.pick("，免予追究", ", exempted"));
                }
                let measures: Vec<String> = d
                    .sanctions
                    .iter()
                    .map(|m| format!("{} {}", cite(m.as_str(), lang), t::measure(*m, lang)))
                    .collect();
                if !measures.is_empty() {
                    s.push_str(lang.pick("；", "; "));
                    s.push_str(&measures.join(lang.pick("、", ", ")));
                }
                s
            }
            None => lang
                .pick("未列入决定（不追究）", "not named (no liability)")
                .to_string(),
        };
        let text = format!("{}: {decided}", t::msg(Msg::DecisionSide, lang));
        let (mark, style) = if c.differs() {
            (DIFFERS, th.error())
        } else {
            (SAME, Style::new())
        };
        let first = format!("{mark}{SAME}");
        push_wrapped(out, &text, (&first, REASON_REST), width, style);
    }
}

/// After the decision: each person's final outcome (bundle-v2.md: the committee's outcome
/// after every decided review and appeal), and the applied sanctions that the final outcome
/// no longer lists, "to be reversed" (they stay on record).
fn final_outcomes(out: &mut Vec<Line<'static>>, app: &App, case: &Case, width: usize) {
    let Some(decision) = &case.decision else {
        return;
    };
    let lang = app.lang;
    let th = &app.theme;
    let finals = case.final_outcomes();
    out.push(Line::raw(""));
    push_wrapped(
        out,
        lang.pick(
            "最终处理（复核、申诉后）",
            "Final outcome (after reviews and appeals)",
        ),
        ("", ""),
        width,
        th.accent(),
    );
    let mut people: Vec<&String> = decision.outcomes.keys().collect();
    for a in &case.appeals {
        if !people.contains(&&a.person) {
            people.push(&a.person);
        }
    }
    for login in people {
        let name = sanitize(app.data.dir.name(login)).into_owned();
        let text = match finals.iter().find(|f| &f.login == login) {
            None => format!(
                "{name}: {}",
                lang.pick("已撤销，不再追究", "revoked: nothing stands")
            ),
            Some(f) => {
                let measures: Vec<String> = f
                    .measures
                    .iter()
                    .map(|(m, _)| format!("{} {}", cite(m.as_str(), lang), t::measure(*m, lang)))
                    .collect();
                let mut s = format!("{name}: {}", t::grade(f.grade, lang));
                if f.exempted {
                    s.push_str(lang.pick("，免予追究", ", exempted"));
                }
                if !measures.is_empty() {
                    s.push_str(lang.pick("；", "; "));
                    s.push_str(&measures.join(lang.pick("、", ", ")));
                }
                s
            }
        };
        push_wrapped(out, &text, (REASON_FIRST, REASON_REST), width, Style::new());
    }
    for k in case.sanctions_to_reverse() {
        let s = &case.sanctions[k];
        let text = format!(
            "{}: {} {} ({}) {}",
            sanitize(app.data.dir.name(&s.person)),
            cite(s.measure.as_str(), lang),
            t::measure(s.measure, lang),
            s.applied_on,
            lang.pick("— 已执行，待纠正", "— applied, to be reversed"),
        );
        push_wrapped(out, &text, (REASON_FIRST, REASON_REST), width, th.warn());
    }
}

/// Before submitting: each blocker, its message, and what clears it (with the key). Wrapped
/// by hand to the display width so a long Chinese message keeps its number's indent and
/// never runs over the border.
pub fn gate(app: &App, cs: &CaseState, frame: &mut Frame, area: Rect) {
    let lang = app.lang;
    let th = &app.theme;
    let d = &cs.derived;
    let width = area.width.saturating_sub(2) as usize;
    let flush = ("", "");
    let mut out = Vec::new();
    let state = d.check.gate();
    let (head, style) = match state {
        GateState::Ready => (Msg::Ready, th.ok()),
        GateState::NeedsReason => (Msg::ReadyIfExplained, th.warn()),
        GateState::Blocked => (Msg::NotReady, th.error()),
    };
    push_wrapped(&mut out, t::msg(head, lang), flush, width, style);
    for (i, (b, msg)) in d.check.blockers.iter().zip(&d.blocker_messages).enumerate() {
        let number = format!("{}. ", i + 1);
        let indent = " ".repeat(number.len());
        let msg = sanitize(msg).into_owned();
        for (k, part) in wrap_hanging(&msg, &number, &indent, width)
            .into_iter()
            .enumerate()
        {
            // The number in the error colour, the message plain.
            match part.strip_prefix(number.as_str()).filter(|_| k == 0) {
                Some(text) => out.push(Line::from(vec![
                    Span::styled(number.clone(), th.error()),
                    Span::raw(text.to_string()),
                ])),
                None => out.push(Line::raw(part)),
            }
        }
        let (how, action) = t::clears_by(b.code(), lang);
        let key = action
            .map(|a| format!(" [{}]", app.keymap.hint(Action::Step(a))))
            .unwrap_or_default();
        let clears = format!("{}: {how}{key}", t::msg(Msg::ClearsBy, lang));
        push_wrapped(&mut out, &clears, (&indent, &indent), width, th.muted());
    }
    // Art. 10(2)–(3): while anything blocks, the submit key does nothing: do not offer it.
    let ready = state != GateState::Blocked;
    let hint = t::gate_hint(
        state,
        &app.keymap.hint(Action::Open),
        &app.keymap.hint(Action::Cancel),
        lang,
    );
    let style = if ready { th.accent() } else { th.muted() };
    let mut foot = Vec::new();
    push_wrapped(&mut foot, &hint, flush, width, style);
    let title = format!(" {} ", t::msg(Msg::Gate, lang));
    let b = block(th, &title, true);
    let inner = b.inner(area);
    frame.render_widget(b, area);
    // The hint follows the list after a blank row; when the list is too long for that, the
    // hint keeps the last rows, so what Enter does (or that it does nothing) is always seen.
    if out.len() + 1 + foot.len() <= inner.height as usize {
        out.push(Line::raw(""));
        out.extend(foot);
        frame.render_widget(Paragraph::new(out), inner);
        return;
    }
    let foot_h = (foot.len() as u16).min(inner.height);
    let [list, hint_area] =
        Layout::vertical([Constraint::Min(0), Constraint::Length(foot_h)]).areas(inner);
    let list_h = list.height as usize;
    if out.len() > list_h && list_h > 0 {
        // Cut: say so on the last row rather than stop mid-list silently.
        out.truncate(list_h - 1);
        out.push(Line::styled("…", th.muted()));
    }
    frame.render_widget(Paragraph::new(out), list);
    frame.render_widget(Paragraph::new(foot), hint_area);
}
