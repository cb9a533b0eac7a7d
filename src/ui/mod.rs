//! The ratatui workbench. Data flows one way: key → [`app::App::update`] (pure) → effects →
//! backend (workflow → store) → fresh snapshot → [`draw::draw`] (pure).
//!
//! - [`app`]: state, events, effects; [`listing`]: queue filter/sort and dashboard filter;
//! - [`data`]: the owned snapshot and what the regulation (`crate::domain`) computes for it;
//! - [`draw`]: one module per screen; [`keymap`]: keys as data; [`perms`]: who may do what;
//! - [`backend`]: where data comes from;
//! - [`runtime`]: the terminal, signals, polling; [`text`], [`theme`]: how text looks.

pub mod app;
pub mod backend;
pub mod confirm;
pub mod data;
pub mod detail;
pub mod draft_store;
pub mod draw;
pub mod edits;
pub mod forms;
pub mod keymap;
pub mod listing;
pub mod nav;
pub mod palette;
pub mod perms;
pub mod runtime;
pub mod search;
pub mod text;
pub mod theme;

use chrono::NaiveDate;

use crate::i18n::Lang;
use crate::ui::backend::Backend;

/// The CLI's entry: run the workbench on `backend` (a database session in direct mode, the
/// service's client in served mode) until the user quits. Colour unless `NO_COLOR` is set
/// (to anything non-empty). Returns the process exit code.
pub fn run<B: Backend>(backend: B, lang: Lang, today: NaiveDate, ascii: bool) -> i32 {
    let color = std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    runtime::run_with(backend, lang, today, theme::Theme::new(color, ascii))
}
