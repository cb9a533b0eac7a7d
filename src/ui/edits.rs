//! No lost edits: drafts kept on Esc, and the conflict view. Pure, like the rest of the app:
//! these are more of `App`'s update, returning effects.
//!
//! A replacing edit (findings, the interested-parties note) is submitted against the case
//! version its form started from. When someone else saved in between, the workflow refuses
//! it; after the refresh that follows, the form's starting answers are compared with the
//! answers the saved version would give. Equal: the other change touched something else
//! (evidence, an interview), so the user's answers are saved on the new version. Different:
//! both versions are shown side by side and the user chooses.

use chrono::{DateTime, Local};
use ratatui::crossterm::event::{KeyCode, KeyEvent};

use crate::i18n::edits as te;
use crate::store::AuditEntry;
use crate::ui::app::{App, Effect, Level};
use crate::ui::forms::{Form, FormOutcome, Step, answers};
use crate::ui::keymap::Action;

/// One question, both answers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConflictRow {
    pub label: String,
    pub theirs: String,
    pub mine: String,
    pub differs: bool,
}

/// Theirs and yours, side by side.
#[derive(Debug, Clone)]
pub struct ConflictView {
    pub kind: Step,
    pub case: String,
    /// Who saved the version shown as theirs, and when (local time), if the log says.
    pub by: Option<String>,
    pub at: Option<String>,
    pub rows: Vec<ConflictRow>,
    pub scroll: u16,
}

/// Only these forms replace what is recorded; the others append and never conflict.
pub fn replaces(kind: Step) -> bool {
    matches!(kind, Step::Findings | Step::InterestedPartiesNote)
}

/// The audit action that saves a replacing form.
fn action_of(kind: Step) -> &'static str {
    match kind {
        Step::InterestedPartiesNote => "set_interested_parties_note",
        _ => "set_findings",
    }
}

/// An RFC 3339 instant in the local time zone, to the second.
pub fn local_time(rfc3339: &str) -> String {
    DateTime::parse_from_rfc3339(rfc3339)
        .map(|t| {
            t.with_timezone(&Local)
                .format("%Y-%m-%d %H:%M:%S")
                .to_string()
        })
        .unwrap_or_else(|_| rfc3339.to_string())
}

impl App {
    /// After a refused stale save and the refresh: save on the new version when nothing
    /// the form started from changed, else open the conflict view.
    pub(crate) fn resolve_conflict(&mut self, history: Vec<AuditEntry>) -> Vec<Effect> {
        let Some(mut form) = self.form.take() else {
            return Vec::new();
        };
        let kind = form.kind();
        let (theirs, outcome) = {
            let ctx = self.form_context();
            if ctx.case.is_none() {
                self.form = Some(form);
                return Vec::new();
            }
            let theirs = Form::new(kind, &ctx);
            if theirs.start().values == form.start().values {
                form.rebase(theirs.start().clone());
                let outcome = form.try_submit(&ctx);
                (None, Some(outcome))
            } else {
                (Some(theirs), None)
            }
        };
        if let Some(FormOutcome::Submit(cmd)) = outcome {
            self.form = Some(form);
            self.busy = true;
            self.message = Some((Level::Info, te::REBASED_SAVE.get(self.lang).into()));
            return vec![Effect::Execute(cmd)];
        }
        let Some(theirs) = theirs else {
            self.form = Some(form);
            return Vec::new();
        };
        let case = self.form_case.clone().unwrap_or_default();
        let entry = history
            .iter()
            .rev()
            .find(|e| e.action == action_of(kind))
            .or(history.last());
        let lang = self.lang;
        let mine = form.answers(lang);
        let mut rows: Vec<ConflictRow> = theirs
            .answers(lang)
            .into_iter()
            .map(|a| {
                let m = mine.iter().find(|m| m.id == a.id).map(|m| m.value.clone());
                let m = m.unwrap_or_default();
                ConflictRow {
                    differs: a.value != m,
                    label: a.label,
                    theirs: a.value,
                    mine: m,
                }
            })
            .collect();
        for m in &mine {
            if !theirs.answers(lang).iter().any(|a| a.id == m.id) {
                rows.push(ConflictRow {
                    label: m.label.clone(),
                    theirs: String::new(),
                    mine: m.value.clone(),
                    differs: !m.value.is_empty(),
                });
            }
        }
        self.conflict = Some(ConflictView {
            kind,
            case,
            by: entry.map(|e| crate::ui::text::sanitize(self.data.dir.name(&e.actor)).into()),
            at: entry.map(|e| local_time(&e.at)),
            rows,
            scroll: 0,
        });
        self.form = Some(form);
        Vec::new()
    }

    /// A refresh brought a version that changes what the open form started from: say so
    /// now, not only at Ctrl-S. The form keeps its own starting version.
    pub(crate) fn warn_if_changed_meanwhile(&mut self) {
        let Some(form) = &self.form else { return };
        if !replaces(form.kind()) {
            return;
        }
        let ctx = self.form_context();
        let Some(rec) = ctx.case else { return };
        if form.start().version == Some(rec.version) {
            return;
        }
        let changed = Form::new(form.kind(), &ctx).start().values != form.start().values;
        let lang = self.lang;
        if changed && let Some(f) = &mut self.form {
            f.set_error(te::changed_meanwhile(lang).to_string());
        }
    }

    pub(crate) fn conflict_key(&mut self, k: KeyEvent) -> Vec<Effect> {
        let Some(view) = &mut self.conflict else {
            return Vec::new();
        };
        match k.code {
            KeyCode::Esc => self.conflict = None,
            KeyCode::Down | KeyCode::Char('j') => view.scroll = view.scroll.saturating_add(1),
            KeyCode::Up | KeyCode::Char('k') => view.scroll = view.scroll.saturating_sub(1),
            KeyCode::PageDown => view.scroll = view.scroll.saturating_add(10),
            KeyCode::PageUp => view.scroll = view.scroll.saturating_sub(10),
            KeyCode::Home | KeyCode::Char('g') => view.scroll = 0,
            // Take theirs: the form is dropped, and with it the draft.
            KeyCode::Char('t') => {
                self.conflict = None;
                let key = self.draft().map(|d| d.key());
                self.form = None;
                self.form_case = None;
                self.message = Some((Level::Info, te::TOOK_THEIRS.get(self.lang).into()));
                return key.map(Effect::DeleteDraft).into_iter().collect();
            }
            // Keep theirs and re-apply mine: a fresh form on their version, with every
            // answer the user changed put back over it.
            KeyCode::Char('r') => {
                self.conflict = None;
                let Some(old) = self.form.take() else {
                    return Vec::new();
                };
                let mut fresh = Form::new(old.kind(), &self.form_context());
                let merged =
                    answers::merge(&old.start().values, &old.values(), &fresh.start().values);
                fresh.set_values(&merged);
                self.form = Some(fresh);
                self.message = Some((Level::Info, te::REAPPLIED.get(self.lang).into()));
            }
            // Overwrite, explicitly: mine, on their version.
            KeyCode::Char('o') => {
                self.conflict = None;
                let Some(mut form) = self.form.take() else {
                    return Vec::new();
                };
                let outcome = {
                    let ctx = self.form_context();
                    form.rebase(Form::new(form.kind(), &ctx).start().clone());
                    form.try_submit(&ctx)
                };
                self.form = Some(form);
                if let FormOutcome::Submit(cmd) = outcome {
                    self.busy = true;
                    return vec![Effect::Execute(cmd)];
                }
            }
            _ => {}
        }
        Vec::new()
    }

    /// Esc on a form: keep what was typed as this form's draft for this case (unless
    /// nothing was), then close the form.
    pub(crate) fn keep_draft(&mut self) -> Vec<Effect> {
        let Some(form) = self.form.take() else {
            return Vec::new();
        };
        let d = crate::ui::app::Draft {
            kind: form.kind(),
            case: self.form_case.take(),
            fields: form.draft(),
            hangup: false,
            saved_at: None,
        };
        if form.values() == form.start().values {
            // Back to what it opened with: nothing to keep (and an older draft of it is
            // no longer what the user wants back).
            let key = d.key();
            return if self.drafts.iter().any(|x| x.key() == key) {
                vec![Effect::DeleteDraft(key)]
            } else {
                Vec::new()
            };
        }
        let key = self.keymap.hint(Action::Drafts);
        self.message = Some((Level::Info, te::draft_kept(&key, self.lang)));
        vec![Effect::SaveDraft(d)]
    }

    pub(crate) fn drafts_key(&mut self, k: KeyEvent) -> Vec<Effect> {
        let Some(sel) = self.drafts_list else {
            return Vec::new();
        };
        let n = self.drafts.len();
        match k.code {
            KeyCode::Esc | KeyCode::Char('q') => self.drafts_list = None,
            KeyCode::Down | KeyCode::Char('j') => {
                self.drafts_list = Some((sel + 1).min(n.saturating_sub(1)))
            }
            KeyCode::Up | KeyCode::Char('k') => self.drafts_list = Some(sel.saturating_sub(1)),
            KeyCode::Enter => {
                if let Some(d) = self.drafts.get(sel).cloned() {
                    self.drafts_list = None;
                    self.restore(d);
                }
            }
            KeyCode::Delete => {
                if let Some(d) = self.drafts.get(sel) {
                    return vec![Effect::DeleteDraft(d.key())];
                }
            }
            _ => {}
        }
        Vec::new()
    }
}
