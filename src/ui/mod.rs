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
pub mod locale;
pub mod mouse;
pub mod nav;
pub mod palette;
pub mod perms;
pub mod runtime;
pub mod search;
pub mod term_out;
pub mod text;
pub mod theme;

use chrono::NaiveDate;

use crate::i18n::Lang;
use crate::ui::backend::Backend;

/// The CLI's entry: run the workbench on `backend` (a database session in direct mode, the
/// service's client in served mode) until the user quits. Colours by the terminal's
/// capability ([`theme::Colors::detect`]); a locale that is not UTF-8 gets a warning and
/// ASCII chrome. Returns the process exit code.
/// `mouse`: ask the terminal for clicks and the wheel (`--no-mouse` or `CULPA_NO_MOUSE`
/// leave them to the terminal; see [`mouse`]).
pub fn run<B: Backend + 'static>(
    backend: B,
    lang: Lang,
    today: NaiveDate,
    ascii: bool,
    mouse: bool,
) -> i32 {
    let env = |k: &str| std::env::var(k).ok();
    let colors = theme::Colors::detect(env);
    let locale = locale::check(env);
    let ascii = ascii || locale.is_some();
    let mouse = mouse && !mouse::disabled_by_env(env);
    runtime::run_with(
        backend,
        lang,
        today,
        theme::Theme::with(colors, ascii),
        locale,
        mouse,
    )
}
