//! Keys are data: one table of (action, default keys), a user override file
//! (`<config dir>/culpa/keys.toml`), and the same table feeds the footer hints and the `?`
//! help overlay, so what is shown is always what works.
//!
//! Override file:
//! ```toml
//! [keys]
//! quit = ["q", "ctrl-c"]
//! add_evidence = "E"
//! ```

use std::collections::BTreeMap;
use std::fmt;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use serde::Deserialize;

use crate::domain::step::Step;
use crate::i18n::Lang;
use crate::i18n::ui as t;

/// Everything a key can do: move around, or take a workflow [`Step`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Action {
    Quit,
    Help,
    Cancel,
    Up,
    Down,
    PageUp,
    PageDown,
    Top,
    Bottom,
    PrevPane,
    NextPane,
    NextView,
    Open,
    Dashboard,
    Queue,
    CaseView,
    Filter,
    Sort,
    OnlyMine,
    /// The list of drafts kept by Esc or a dropped link.
    Drafts,
    /// Full-text search over every case's text.
    Search,
    Palette,
    Jump,
    /// A workflow step: each opens its form.
    Step(Step),
}

/// The moving keys: action, its name in keys.toml, its default keys. The workflow steps
/// follow, from [`Step::ALL`] and [`step_keys`].
const NAV: &[(Action, &str, &[&str])] = &[
    (Action::Quit, "quit", &["q", "ctrl-c"]),
    (Action::Help, "help", &["?", "f1"]),
    (Action::Cancel, "cancel", &["esc"]),
    (Action::Up, "up", &["up", "k"]),
    (Action::Down, "down", &["down", "j"]),
    (Action::PageUp, "page_up", &["pageup", "ctrl-b"]),
    (Action::PageDown, "page_down", &["pagedown", "ctrl-f"]),
    (Action::Top, "top", &["home", "g"]),
    (Action::Bottom, "bottom", &["end", "G"]),
    (Action::PrevPane, "prev_pane", &["left", "h", "backtab"]),
    (Action::NextPane, "next_pane", &["right", "l"]),
    (Action::NextView, "next_view", &["tab"]),
    (Action::Open, "open", &["enter"]),
    (Action::Dashboard, "dashboard", &["1"]),
    (Action::Queue, "queue", &["2"]),
    (Action::CaseView, "case_view", &["3"]),
    (Action::Filter, "filter", &["/"]),
    (Action::Sort, "sort", &["s"]),
    (Action::OnlyMine, "only_mine", &["m"]),
    (Action::Drafts, "drafts", &["w"]),
    (Action::Search, "search", &["F"]),
    (Action::Palette, "palette", &[":", "ctrl-p"]),
    (Action::Jump, "jump", &["#"]),
];

/// A step's default keys.
pub fn step_keys(s: Step) -> &'static [&'static str] {
    match s {
        Step::Intake => &["n"],
        Step::Accept => &["a"],
        Step::Reject => &["x"],
        Step::Notify => &["o"],
        Step::AppointTeam => &["t"],
        Step::Recuse => &["u"],
        Step::AddRelation => &["R"],
        Step::AddEvidence => &["e"],
        Step::AddRespondent => &["r"],
        Step::RecordInterview => &["i"],
        Step::InterestedPartiesNote => &["p"],
        Step::OverdueReason => &["O"],
        Step::Findings => &["f"],
        Step::Deliberate => &["d"],
        Step::Submit => &["S"],
        Step::Decide => &["D"],
        Step::ApplySanction => &["c"],
        Step::FileAppeal => &["A"],
        Step::AcceptAppeal => &["P"],
        Step::DecideAppeal => &["J"],
        Step::Close => &["C"],
    }
}

/// The default table, in help order: action, its name in keys.toml, its default keys.
pub fn defaults() -> impl Iterator<Item = (Action, &'static str, &'static [&'static str])> {
    NAV.iter().copied().chain(
        Step::ALL
            .into_iter()
            .map(|s| (Action::Step(s), s.name(), step_keys(s))),
    )
}

impl Action {
    pub fn name(self) -> &'static str {
        match self {
            Action::Step(s) => s.name(),
            a => NAV
                .iter()
                .find(|(n, _, _)| *n == a)
                .map_or("?", |(_, name, _)| name),
        }
    }
    pub fn from_name(name: &str) -> Option<Action> {
        defaults().find(|(_, n, _)| *n == name).map(|(a, _, _)| a)
    }
    pub fn describe(self, lang: Lang) -> &'static str {
        match self {
            Action::Step(s) => t::step(s, lang),
            a => t::nav(a.name(), lang),
        }
    }
}

/// One key chord. Letters keep their case (`S` ≠ `s`); Shift is implied by the character.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Key {
    code: KeyCodeOrd,
    ctrl: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
enum KeyCodeOrd {
    Char(char),
    Named(Named),
    F(u8),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
enum Named {
    Esc,
    Enter,
    Tab,
    BackTab,
    Up,
    Down,
    Left,
    Right,
    Home,
    End,
    PageUp,
    PageDown,
    Backspace,
    Delete,
}

const NAMED: &[(&str, Named)] = &[
    ("esc", Named::Esc),
    ("enter", Named::Enter),
    ("tab", Named::Tab),
    ("backtab", Named::BackTab),
    ("up", Named::Up),
    ("down", Named::Down),
    ("left", Named::Left),
    ("right", Named::Right),
    ("home", Named::Home),
    ("end", Named::End),
    ("pageup", Named::PageUp),
    ("pagedown", Named::PageDown),
    ("backspace", Named::Backspace),
    ("delete", Named::Delete),
];

impl Key {
    /// `q`, `S`, `?`, `ctrl-c`, `esc`, `enter`, `tab`, `up`, `f1`, `space`. Alt chords are
    /// refused: nothing essential may depend on Alt (it is eaten by many SSH clients).
    pub fn parse(s: &str) -> Result<Key, String> {
        let (ctrl, rest) = match s.strip_prefix("ctrl-") {
            Some(r) => (true, r),
            None => (false, s),
        };
        if rest.starts_with("alt-") || rest.starts_with("meta-") {
            return Err(format!("{s}: Alt/Meta chords are not supported"));
        }
        let mut chars = rest.chars();
        let code = match (chars.next(), chars.next()) {
            (Some(c), None) if !c.is_control() => {
                KeyCodeOrd::Char(if ctrl { c.to_ascii_lowercase() } else { c })
            }
            _ if rest == "space" => KeyCodeOrd::Char(' '),
            _ => {
                let lower = rest.to_ascii_lowercase();
                if let Some((_, n)) = NAMED.iter().find(|(name, _)| *name == lower) {
                    KeyCodeOrd::Named(*n)
                } else if let Some(n) = lower
                    .strip_prefix('f')
                    .and_then(|d| d.parse::<u8>().ok())
                    .filter(|n| (1..=12).contains(n))
                {
                    KeyCodeOrd::F(n)
                } else {
                    return Err(format!("{s}: not a key name"));
                }
            }
        };
        Ok(Key { code, ctrl })
    }

    pub fn from_event(ev: &KeyEvent) -> Option<Key> {
        let ctrl = ev.modifiers.contains(KeyModifiers::CONTROL);
        if ev.modifiers.contains(KeyModifiers::ALT) {
            return None;
        }
        let code = match ev.code {
            KeyCode::Char(c) => KeyCodeOrd::Char(if ctrl { c.to_ascii_lowercase() } else { c }),
            KeyCode::Esc => KeyCodeOrd::Named(Named::Esc),
            KeyCode::Enter => KeyCodeOrd::Named(Named::Enter),
            KeyCode::Tab => KeyCodeOrd::Named(Named::Tab),
            KeyCode::BackTab => KeyCodeOrd::Named(Named::BackTab),
            KeyCode::Up => KeyCodeOrd::Named(Named::Up),
            KeyCode::Down => KeyCodeOrd::Named(Named::Down),
            KeyCode::Left => KeyCodeOrd::Named(Named::Left),
            KeyCode::Right => KeyCodeOrd::Named(Named::Right),
            KeyCode::Home => KeyCodeOrd::Named(Named::Home),
            KeyCode::End => KeyCodeOrd::Named(Named::End),
            KeyCode::PageUp => KeyCodeOrd::Named(Named::PageUp),
            KeyCode::PageDown => KeyCodeOrd::Named(Named::PageDown),
            KeyCode::Backspace => KeyCodeOrd::Named(Named::Backspace),
            KeyCode::Delete => KeyCodeOrd::Named(Named::Delete),
            KeyCode::F(n) => KeyCodeOrd::F(n),
            _ => return None,
        };
        Some(Key { code, ctrl })
    }
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.ctrl {
            f.write_str("Ctrl-")?;
        }
        match self.code {
            KeyCodeOrd::Char(' ') => f.write_str("Space"),
            KeyCodeOrd::Char(c) => write!(f, "{c}"),
            KeyCodeOrd::F(n) => write!(f, "F{n}"),
            KeyCodeOrd::Named(n) => f.write_str(match n {
                Named::Esc => "Esc",
                Named::Enter => "Enter",
                Named::Tab => "Tab",
                Named::BackTab => "S-Tab",
                Named::Up => "↑",
                Named::Down => "↓",
                Named::Left => "←",
                Named::Right => "→",
                Named::Home => "Home",
                Named::End => "End",
                Named::PageUp => "PgUp",
                Named::PageDown => "PgDn",
                Named::Backspace => "Bksp",
                Named::Delete => "Del",
            }),
        }
    }
}

/// Why a keys.toml was not used; the defaults apply instead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeymapError {
    /// 1-based line in the file, when known.
    pub line: Option<usize>,
    pub detail: String,
}

impl KeymapError {
    pub fn message(&self, lang: Lang) -> String {
        t::keymap_error(self.line, &self.detail, lang)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keymap {
    by_action: BTreeMap<Action, Vec<Key>>,
    by_key: BTreeMap<Key, Action>,
}

impl Default for Keymap {
    fn default() -> Self {
        let mut by_action = BTreeMap::new();
        for (a, _, keys) in defaults() {
            let parsed: Vec<Key> = keys.iter().filter_map(|k| Key::parse(k).ok()).collect();
            by_action.insert(a, parsed);
        }
        Keymap::from_table(by_action).unwrap_or_else(|_| Keymap {
            by_action: BTreeMap::new(),
            by_key: BTreeMap::new(),
        })
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    keys: BTreeMap<toml::Spanned<String>, toml::Spanned<OneOrMany>>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

fn line_of(text: &str, offset: usize) -> usize {
    text[..offset.min(text.len())].matches('\n').count() + 1
}

impl Keymap {
    fn from_table(by_action: BTreeMap<Action, Vec<Key>>) -> Result<Keymap, (Key, Action, Action)> {
        let mut by_key = BTreeMap::new();
        for (a, keys) in &by_action {
            for k in keys {
                if let Some(prev) = by_key.insert(*k, *a)
                    && prev != *a
                {
                    return Err((*k, prev, *a));
                }
            }
        }
        Ok(Keymap { by_action, by_key })
    }

    /// The defaults with `text` (keys.toml) applied. Any error rejects the whole file, so a
    /// half-applied keymap never surprises the user.
    pub fn parse_overrides(text: &str) -> Result<Keymap, KeymapError> {
        let file: File = toml::from_str(text).map_err(|e| KeymapError {
            line: e.span().map(|s| line_of(text, s.start)),
            detail: e.message().to_string(),
        })?;
        let mut table = Keymap::default().by_action;
        let mut lines: BTreeMap<Action, usize> = BTreeMap::new();
        for (name, keys) in &file.keys {
            let line = line_of(text, name.span().start);
            let action = Action::from_name(name.get_ref()).ok_or_else(|| KeymapError {
                line: Some(line),
                detail: format!("unknown action \"{}\"", name.get_ref()),
            })?;
            let list = match keys.get_ref() {
                OneOrMany::One(s) => vec![s.clone()],
                OneOrMany::Many(v) => v.clone(),
            };
            if list.is_empty() {
                return Err(KeymapError {
                    line: Some(line),
                    detail: format!("\"{}\" needs at least one key", name.get_ref()),
                });
            }
            let mut parsed = Vec::new();
            for k in &list {
                parsed.push(Key::parse(k).map_err(|d| KeymapError {
                    line: Some(line),
                    detail: d,
                })?);
            }
            // Esc always cancels harmlessly: it may be rebound elsewhere only by keeping it.
            if action == Action::Cancel && !parsed.contains(&Key::parse("esc").expect("esc")) {
                return Err(KeymapError {
                    line: Some(line),
                    detail: "cancel must keep esc".into(),
                });
            }
            table.insert(action, parsed);
            lines.insert(action, line);
        }
        Keymap::from_table(table).map_err(|(key, a, b)| KeymapError {
            line: lines.get(&b).or_else(|| lines.get(&a)).copied(),
            detail: format!("key {key} is bound to both {} and {}", a.name(), b.name()),
        })
    }

    /// Read the user's file if there is one; on any problem, the defaults and the reason.
    pub fn load(path: &std::path::Path) -> (Keymap, Option<KeymapError>) {
        match std::fs::read_to_string(path) {
            Ok(text) => match Keymap::parse_overrides(&text) {
                Ok(k) => (k, None),
                Err(mut e) => {
                    e.detail = format!("{}: {}", path.display(), e.detail);
                    (Keymap::default(), Some(e))
                }
            },
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => (Keymap::default(), None),
            Err(e) => (
                Keymap::default(),
                Some(KeymapError {
                    line: None,
                    detail: format!("{}: {e}", path.display()),
                }),
            ),
        }
    }

    pub fn action(&self, ev: &KeyEvent) -> Option<Action> {
        Key::from_event(ev).and_then(|k| self.by_key.get(&k).copied())
    }

    pub fn keys(&self, action: Action) -> &[Key] {
        self.by_action.get(&action).map_or(&[], Vec::as_slice)
    }

    /// The first key, as shown in hints (`e`), or "—" when unbound.
    pub fn hint(&self, action: Action) -> String {
        self.keys(action)
            .first()
            .map_or_else(|| "—".to_string(), Key::to_string)
    }

    /// Every binding in table order, for the help overlay.
    pub fn rows(&self) -> impl Iterator<Item = (Action, String)> + '_ {
        defaults().map(|(a, _, _)| {
            let keys: Vec<String> = self.keys(a).iter().map(Key::to_string).collect();
            (a, keys.join(" "))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ev(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, mods)
    }

    #[test]
    fn defaults_have_no_clashes_and_both_arrow_and_vi_keys() {
        let k = Keymap::default();
        assert_eq!(k.by_action.len(), defaults().count());
        let rows = [
            (KeyCode::Down, Action::Down),
            (KeyCode::Char('j'), Action::Down),
            (KeyCode::Up, Action::Up),
            (KeyCode::Char('k'), Action::Up),
            (KeyCode::Left, Action::PrevPane),
            (KeyCode::Char('h'), Action::PrevPane),
            (KeyCode::Right, Action::NextPane),
            (KeyCode::Tab, Action::NextView),
            (KeyCode::PageDown, Action::PageDown),
            (KeyCode::Char('G'), Action::Bottom),
            (KeyCode::Char(':'), Action::Palette),
            (KeyCode::Char('l'), Action::NextPane),
            (KeyCode::Esc, Action::Cancel),
            (KeyCode::Char('?'), Action::Help),
        ];
        for (code, a) in rows {
            assert_eq!(k.action(&ev(code, KeyModifiers::NONE)), Some(a), "{code:?}");
        }
        // Shift is implied by the character: terminals differ in reporting it.
        assert_eq!(
            k.action(&ev(KeyCode::Char('S'), KeyModifiers::SHIFT)),
            Some(Action::Step(Step::Submit))
        );
        assert_eq!(
            k.action(&ev(KeyCode::Char('c'), KeyModifiers::CONTROL)),
            Some(Action::Quit)
        );
        // Nothing on Alt.
        assert_eq!(k.action(&ev(KeyCode::Char('q'), KeyModifiers::ALT)), None);
    }

    #[test]
    fn override_replaces_one_action() {
        let k = Keymap::parse_overrides("[keys]\nadd_evidence = \"E\"\nquit = [\"Q\"]\n")
            .expect("valid");
        assert_eq!(
            k.action(&ev(KeyCode::Char('E'), KeyModifiers::NONE)),
            Some(Action::Step(Step::AddEvidence))
        );
        assert_eq!(k.action(&ev(KeyCode::Char('e'), KeyModifiers::NONE)), None);
        assert_eq!(k.hint(Action::Quit), "Q");
        // Untouched actions keep their defaults.
        assert_eq!(k.hint(Action::Step(Step::Findings)), "f");
    }

    #[test]
    fn bad_files_name_the_line() {
        let rows: &[(&str, Option<usize>, &str)] = &[
            ("[keys]\n\nfrobnicate = \"z\"\n", Some(3), "unknown action"),
            ("[keys]\nquit = \"alt-q\"\n", Some(2), "Alt"),
            ("[keys]\nquit = \"hyper\"\n", Some(2), "not a key"),
            ("[keys]\nquit = []\n", Some(2), "at least one"),
            (
                "[keys]\nquit = \"q\"\nsort = \"q\"\n",
                Some(3),
                "bound to both",
            ),
            ("[keys]\ncancel = \"x\"\nreject = \"X\"\n", Some(2), "esc"),
            ("[keys]\nquit = = \n", Some(2), ""),
            ("[colors]\n", Some(1), "unknown field"),
        ];
        for (text, line, needle) in rows {
            let e = Keymap::parse_overrides(text).expect_err(text);
            assert_eq!(e.line, *line, "{text:?}: {e:?}");
            assert!(e.detail.contains(needle), "{text:?}: {}", e.detail);
            assert!(
                e.message(Lang::Zh).contains("默认"),
                "{}",
                e.message(Lang::Zh)
            );
        }
    }

    #[test]
    fn load_falls_back_to_defaults() {
        let dir = tempfile::tempdir().expect("tempdir");
        let p = dir.path().join("keys.toml");
        let (k, e) = Keymap::load(&p);
        assert!(e.is_none());
        assert_eq!(k, Keymap::default());
        std::fs::write(&p, "[keys]\nquit = \"alt-x\"\n").expect("write");
        let (k, e) = Keymap::load(&p);
        assert_eq!(k, Keymap::default());
        let e = e.expect("error reported");
        assert!(
            e.message(Lang::En).contains("line 2"),
            "{}",
            e.message(Lang::En)
        );
        assert!(e.detail.contains("keys.toml"));
    }

    #[test]
    fn key_names_round_trip_for_display() {
        assert_eq!(
            Key::parse("ctrl-c").map(|k| k.to_string()),
            Ok("Ctrl-c".into())
        );
        assert_eq!(Key::parse("f1").map(|k| k.to_string()), Ok("F1".into()));
        assert!(Key::parse("f13").is_err());
        assert!(Key::parse("").is_err());
    }
}
