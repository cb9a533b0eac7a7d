//! Guard the irreversible: closing a case and recording the committee's decision show a
//! summary of what will be on record and wait for `y` (Enter) before anything is written;
//! `n` or Esc returns to the form with everything as typed.

use ratatui::crossterm::event::{KeyCode, KeyEvent};

use crate::i18n::Lang;
use crate::i18n::cli_search::confirm as tc;
use crate::ui::app::{App, Effect};
use crate::workflow::Command;

/// Whether `cmd` needs the user's confirmation first.
pub fn needs_confirmation(cmd: &Command) -> bool {
    matches!(cmd, Command::Close { .. } | Command::Decide { .. })
}

/// What the command will put on record, line by line.
pub fn summary(app: &App, cmd: &Command, lang: Lang) -> Vec<String> {
    let data = &app.data;
    let name = |l: &str| format!("{} ({l})", data.dir.name(l));
    let mut out = Vec::new();
    match cmd {
        Command::Close { case, on } => {
            out.push(tc::close_head(case, &on.to_string(), lang));
            if let Some(c) = app.record(case).map(|r| &r.case) {
                out.push(tc::stage(crate::i18n::ui::stage(c.stage, lang), lang));
                out.push(tc::counts(c.sanctions.len(), c.appeals.len(), lang));
            }
            out.push(tc::close_final(lang).to_string());
        }
        Command::Decide { case, decision } => {
            out.push(tc::decide_head(case, &decision.on.to_string(), lang));
            let committee: Vec<String> = decision.committee.iter().map(|l| name(l)).collect();
            out.push(tc::committee(&committee.join(lang.pick("、", ", ")), lang));
            if !decision.recused.is_empty() {
                let recused: Vec<String> = decision.recused.iter().map(|l| name(l)).collect();
                out.push(tc::recused(&recused.join(lang.pick("、", ", ")), lang));
            }
            for (login, o) in &decision.outcomes {
                let measures: Vec<String> = o
                    .sanctions
                    .iter()
                    .map(|m| crate::i18n::cite(m.as_str(), lang))
                    .collect();
                out.push(tc::outcome(
                    &name(login),
                    crate::i18n::ui::grade(o.grade, lang),
                    o.exempted,
                    &measures.join(", "),
                    lang,
                ));
            }
            out.push(tc::decide_final(lang).to_string());
        }
        _ => {}
    }
    out
}

impl App {
    pub(crate) fn confirm_key(&mut self, k: KeyEvent) -> Vec<Effect> {
        match k.code {
            KeyCode::Char('y') | KeyCode::Char('Y') | KeyCode::Enter => {
                if let Some(cmd) = self.confirm.take() {
                    self.busy = true;
                    return vec![Effect::Execute(cmd)];
                }
            }
            KeyCode::Char('n') | KeyCode::Char('N') | KeyCode::Esc => self.confirm = None,
            _ => {}
        }
        Vec::new()
    }
}
