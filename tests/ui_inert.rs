//! A title full of terminal controls goes through a real crossterm backend into bytes, and
//! none of its own control sequences come out: only the ones the backend itself writes.

mod common;

use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;

use culpa::i18n::Lang;
use culpa::ui::app::Event;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

const HOSTILE: &str = "恶意\x1b[31m红\x1b]0;pwned\x07标题\u{9b}2J\u{85}\u{202E}txt.exe\u{2066}x\u{2069}\u{202A}\u{202B}\u{202C}\u{202D}\u{2067}\u{2068}";

fn render(lang: Lang, keys: &str) -> Vec<u8> {
    let mut b = common::ui::bundle();
    b.cases[0].title = HOSTILE.into();
    b.people[0].name = "刘\x1b[2J芳".into();
    let mut app = common::ui::app_from(&common::ui::backend(b, "wangl"), lang);
    for c in keys.chars() {
        let code = if c == '\n' {
            KeyCode::Enter
        } else {
            KeyCode::Char(c)
        };
        app.update(Event::Key(KeyEvent::new(code, KeyModifiers::NONE)));
    }
    let mut bytes = Vec::<u8>::new();
    let mut term = Terminal::with_options(
        CrosstermBackend::new(&mut bytes),
        ratatui::TerminalOptions {
            viewport: ratatui::Viewport::Fixed(ratatui::layout::Rect::new(0, 0, 120, 40)),
        },
    )
    .expect("terminal");
    term.draw(|f| culpa::ui::draw::draw(&app, f)).expect("draw");
    drop(term);
    bytes
}

#[test]
fn hostile_title_is_inert_on_every_screen_it_appears() {
    for lang in [Lang::Zh, Lang::En] {
        // Dashboard and queue (title columns) and the case header (title in full).
        for keys in ["", "2", "/7号\n\n"] {
            let bytes = render(lang, keys);
            let out = String::from_utf8_lossy(&bytes);
            // Wide characters are written one by one with cursor moves between them.
            assert!(out.contains('恶'), "the title is shown: {keys}");
            for bad in ["\x1b[31m", "\x1b]0;", "\x07", "\x1b[2J"] {
                assert!(!out.contains(bad), "{bad:?} leaked ({keys})");
            }
            for c in out.chars() {
                let cp = c as u32;
                assert!(
                    !(0x80..=0x9f).contains(&cp)
                        && !(0x202a..=0x202e).contains(&cp)
                        && !(0x2066..=0x2069).contains(&cp),
                    "U+{cp:04X} leaked ({keys})"
                );
                // The backend's own escapes are ESC-led CSI sequences; BEL never.
                assert_ne!(c, '\x07');
            }
            // The title's ESC shows in caret form instead.
            assert!(out.contains("^[[31m"), "{keys}");
        }
    }
}
