//! Every screen renders at every size from 1×1 to 300×100 without a panic: every width at a
//! few heights, every height at a few widths, and the whole grid at a coarser step.

mod common;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use culpa::i18n::Lang;
use culpa::ui::app::{App, Event};
use culpa::ui::draw::draw;

fn press(app: &mut App, keys: &str) {
    for c in keys.chars() {
        let code = match c {
            '\n' => KeyCode::Enter,
            c => KeyCode::Char(c),
        };
        app.update(Event::Key(KeyEvent::new(code, KeyModifiers::NONE)));
    }
}

fn screens() -> Vec<App> {
    let setups: &[(&str, &str)] = &[
        ("wangl", ""),
        ("wangl", "2"),
        ("wangl", "/7号\n\n"),
        ("wangl", "/7号\n\nl"),
        ("wangl", "/7号\n\nll"),
        ("wangl", "/7号\n\nlll"),
        ("wangl", "/7号\n\nS"),
        ("wangl", "?"),
        ("wangl", "/7号\n\ne"), // a form open
    ];
    let mut out = Vec::new();
    for lang in [Lang::Zh, Lang::En] {
        for (actor, keys) in setups {
            let mut app = common::ui::app(actor, lang);
            press(&mut app, keys);
            out.push(app);
        }
    }
    out
}

#[test]
fn no_size_panics() {
    let apps = screens();
    let mut sizes = Vec::new();
    for w in 1..=300 {
        for h in [1, 2, 23, 24, 40, 100] {
            sizes.push((w, h));
        }
    }
    for h in 1..=100 {
        for w in [1, 2, 79, 80, 81, 99, 100, 120, 300] {
            sizes.push((w, h));
        }
    }
    for w in (1..=300).step_by(23) {
        for h in (1..=100).step_by(7) {
            sizes.push((w, h));
        }
    }
    let mut term = Terminal::new(TestBackend::new(1, 1)).expect("terminal");
    for (w, h) in sizes {
        term.backend_mut().resize(w, h);
        for app in &apps {
            term.draw(|f| draw(app, f))
                .unwrap_or_else(|e| panic!("{w}x{h}: {e}"));
        }
    }
}
