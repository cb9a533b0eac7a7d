//! Every screen and pane as text, at 80×24 and 120×40, in both languages, with Chinese data
//! and a fixed today, in both modes: the bundle in a database opened directly, and through the
//! service (`common::modes`). Review changes with `cargo insta review`, or without cargo-insta:
//! `INSTA_UPDATE=always cargo test --test ui_snapshots`, then read `git diff tests/snapshots`.

mod common;

use common::modes::{InMode, MODES, Modes};

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use culpa::i18n::Lang;
use culpa::ui::app::{App, Event};
use culpa::ui::draw::draw;
use culpa::ui::keymap::KeymapError;

pub fn press(app: &mut App, keys: &str) {
    for c in keys.chars() {
        let code = match c {
            '\n' => KeyCode::Enter,
            '\u{1b}' => KeyCode::Esc,
            c => KeyCode::Char(c),
        };
        app.update(Event::Key(KeyEvent::new(code, KeyModifiers::NONE)));
    }
}

pub fn render(app: &App, w: u16, h: u16) -> Terminal<TestBackend> {
    let mut t = Terminal::new(TestBackend::new(w, h)).expect("terminal");
    t.draw(|f| draw(app, f)).expect("draw");
    t
}

type Setup = fn(&mut App);

/// (name, actor, setup).
pub const SCREENS: &[(&str, &str, Setup)] = &[
    ("dashboard", "wangl", |_| {}),
    ("dashboard_only_mine", "liuf", |a| press(a, "m")),
    ("queue", "wangl", |a| press(a, "2")),
    ("queue_filter", "wangl", |a| press(a, "/申诉")),
    ("case_evidence", "wangl", |a| press(a, "/7号\n\n")),
    ("case_interviews", "wangl", |a| press(a, "/7号\n\nl")),
    ("case_team", "wangl", |a| press(a, "/7号\n\nll")),
    ("case_liability", "wangl", |a| press(a, "/7号\n\nlll")),
    ("case_committee_recusal", "wuy", |a| press(a, "/5号\n\nll")),
    ("submit_refused", "wangl", |a| press(a, "/7号\n\nS\n")),
    ("help", "wangl", |a| press(a, "?")),
    ("status_warning", "chenj", |a| {
        a.warnings.push(
            KeymapError {
                line: Some(3),
                detail: "unknown action \"frobnicate\"".into(),
            }
            .message(a.lang),
        )
    }),
];

/// Every screen in both modes (the bundle in a database opened directly, and that database
/// through the service): each mode against the same snapshot.
#[test]
fn every_screen_at_both_sizes_in_both_languages() {
    let modes = Modes::new(&common::ui::bundle());
    for mode in MODES {
        let _in = InMode(mode);
        for (name, actor, setup) in SCREENS {
            for lang in [Lang::Zh, Lang::En] {
                let mut app = modes.app(mode, actor, lang);
                setup(&mut app);
                for (w, h) in [(80, 24), (120, 40)] {
                    let t = render(&app, w, h);
                    let l = if lang == Lang::Zh { "zh" } else { "en" };
                    insta::assert_snapshot!(format!("{name}_{l}_{w}x{h}"), t.backend());
                }
            }
        }
    }
}

#[test]
fn too_small_names_current_and_needed_size_in_both_languages() {
    let app = common::ui::app("wangl", Lang::En);
    let t = render(&app, 79, 23);
    insta::assert_snapshot!("too_small_79x23", t.backend());
    let text = t.backend().to_string();
    assert!(text.contains("79×23") && text.contains("80×24"), "{text}");
    assert!(text.contains("终端太小"));
}

#[test]
fn colour_carries_the_deadline_state() {
    // Styles in the buffer's debug form: the overdue acceptance row is red, in both modes.
    let modes = Modes::new(&common::ui::bundle());
    for mode in MODES {
        let _in = InMode(mode);
        let app = modes.app(mode, "liuf", Lang::Zh);
        let t = render(&app, 120, 40);
        insta::assert_debug_snapshot!("dashboard_styles_zh_120x40", t.backend().buffer());
    }
}
