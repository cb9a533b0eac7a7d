//! Terminals (issue 8): `--ascii` draws no symbol a CJK terminal may draw at another width,
//! on every screen; `TERM=vt100` gets no 256-colour sequence; without colour the focused
//! pane is still marked; a non-UTF-8 locale is warned.

mod common;

use common::tui::{Tui, World};
use common::ui::{app, press, render};
use culpa::i18n::Lang;
use culpa::ui::app::App;
use culpa::ui::forms::{Form, Step};
use culpa::ui::text::is_ambiguous;
use culpa::ui::theme::Theme;

/// Every screen the workbench shows, as (name, app): the three views, each case pane, the
/// gate, help, the palette, the jump, the draft list, and every form.
fn every_screen(lang: Lang, theme: Theme) -> Vec<(String, App)> {
    let mut out = Vec::new();
    let mut add = |name: &str, who: &str, keys: &str| {
        let mut a = app(who, lang);
        a.theme = theme;
        press(&mut a, keys);
        out.push((name.to_string(), a));
    };
    add("dashboard", "chenj", "");
    add("queue", "liuf", "2");
    add("queue-filter", "liuf", "/号");
    add("queue-mine", "wangl", "2m");
    for (i, pane) in ["evidence", "interviews", "team", "liability"]
        .iter()
        .enumerate()
    {
        add(pane, "wangl", &format!("/7号\n\n{}", "l".repeat(i)));
    }
    add("gate", "wangl", "/7号\n\nS");
    add("committee", "wuy", "/5号\n\n");
    add("help", "wangl", "?");
    add("palette", "wangl", "/7号\n\n:");
    add("jump", "wangl", "#1");
    add("drafts", "wangl", "w");
    add("refusal", "wangl", "/9号\n\na");
    for step in Step::ALL {
        let who = match step {
            Step::Intake | Step::Accept | Step::Reject | Step::Notify | Step::Close => "liuf",
            Step::AppointTeam | Step::ApplySanction => "chenj",
            Step::Decide => "wuy",
            Step::FileAppeal | Step::AcceptAppeal | Step::DecideAppeal => "liuf",
            _ => "wangl",
        };
        let mut a = app(who, lang);
        a.theme = theme;
        let case = a
            .data
            .cases
            .iter()
            .find(|r| r.case.number.contains("7号"))
            .map(|r| r.case.number.clone());
        a.form_case = case.filter(|_| step.needs_case());
        let form = Form::new(step, &a.form_context());
        a.form = Some(form);
        out.push((format!("form-{}", step.name()), a));
    }
    out
}

#[test]
fn ascii_mode_draws_no_ambiguous_width_symbol_on_any_screen() {
    for lang in [Lang::Zh, Lang::En] {
        for (name, a) in every_screen(lang, Theme::new(true, true)) {
            for (w, h) in [(80, 24), (120, 40)] {
                let (rows, _) = render(&a, w, h);
                for (y, row) in rows.iter().enumerate() {
                    let bad: Vec<char> = row
                        .chars()
                        .filter(|c| !c.is_ascii() && (is_ambiguous(*c) || !is_wide(*c)))
                        .collect();
                    assert!(
                        bad.is_empty(),
                        "{name} {lang:?} {w}x{h} row {y}: {bad:?} in {row:?}"
                    );
                }
            }
        }
    }
    // And the same screens without --ascii do use the symbols (the test can fail).
    let (rows, _) = render(&app("chenj", Lang::En), 80, 24);
    assert!(rows.concat().contains('─'));
}

/// Chinese characters and full-width punctuation: two columns in every terminal.
fn is_wide(c: char) -> bool {
    unicode_width::UnicodeWidthChar::width(c) == Some(2)
}

#[test]
fn without_colour_the_focused_pane_is_still_marked() {
    for ascii in [false, true] {
        let mut a = app("wangl", Lang::En);
        a.theme = Theme::new(false, ascii);
        press(&mut a, "/7号\n\n");
        let (rows, _) = render(&a, 120, 40);
        let text = rows.join("\n");
        // The grid's four panes: exactly one drawn with the focused border.
        if ascii {
            assert!(
                text.matches('#').count() >= 4,
                "the focused pane in #\n{text}"
            );
        } else {
            assert_eq!(text.matches('╔').count(), 1, "one focused pane\n{text}");
            assert_eq!(text.matches('╝').count(), 1, "one focused pane\n{text}");
        }
        press(&mut a, "l");
        let (after, _) = render(&a, 120, 40);
        assert_ne!(rows, after, "{ascii}: moving the focus moves the mark");
    }
}

/// SGR 38;5 / 48;5 (256 colours) and 38;2 / 48;2 (true colour).
fn has_extended_colour(raw: &[u8]) -> bool {
    let s = String::from_utf8_lossy(raw);
    ["38;5;", "48;5;", "38;2;", "48;2;"]
        .iter()
        .any(|p| s.contains(p))
}

/// The colour parameters (30–38, 40–48, 90–107) of every SGR sequence in `raw`.
fn sgr_colours(raw: &[u8]) -> Vec<u32> {
    let s = String::from_utf8_lossy(raw);
    let mut out = Vec::new();
    for part in s.split("\x1b[").skip(1) {
        let params: String = part
            .chars()
            .take_while(|c| c.is_ascii_digit() || *c == ';')
            .collect();
        if part[params.len()..].starts_with('m') {
            out.extend(
                params
                    .split(';')
                    .filter_map(|p| p.parse::<u32>().ok())
                    .filter(|n| matches!(n, 30..=38 | 40..=48 | 90..=107)),
            );
        }
    }
    out
}

#[test]
fn colours_follow_term_in_the_real_binary() {
    let w = World::demo();
    for term in ["vt100", "xterm", "screen", "linux"] {
        let mut t = Tui::start_env(&w, "wangl", true, &[], &[("TERM", term)]);
        t.send("2");
        t.wait_for("Filter:");
        let raw = t.raw_output();
        assert!(
            !has_extended_colour(&raw),
            "TERM={term} got 256-colour codes"
        );
        assert!(
            sgr_colours(&raw).iter().any(|n| (90..=97).contains(n)),
            "TERM={term}: the 16 ANSI colours are used"
        );
        t.quit();
    }
    let t = Tui::start_env(&w, "wangl", true, &[], &[("TERM", "xterm-256color")]);
    assert!(
        has_extended_colour(&t.raw_output()),
        "256 colours where advertised"
    );
    t.quit();
    let t = Tui::start_env(&w, "wangl", true, &[], &[("NO_COLOR", "1")]);
    let raw = String::from_utf8_lossy(&t.raw_output()).into_owned();
    assert!(!has_extended_colour(raw.as_bytes()));
    assert!(sgr_colours(raw.as_bytes()).is_empty(), "no colour at all");
    t.quit();
}

#[test]
fn a_non_utf8_locale_is_warned_and_gets_ascii_chrome() {
    let w = World::demo();
    for locale in ["C", "zh_CN.GBK"] {
        let t = Tui::start_env(&w, "wangl", true, &[], &[("LANG", locale)]);
        let screen = t.wait_for("is not UTF-8");
        assert!(!screen.contains('┌') && !screen.contains('─'), "{screen}");
        assert!(screen.contains('+'), "{screen}");
        t.quit();
    }
}

#[test]
fn ascii_flag_in_the_real_binary() {
    let w = World::demo();
    let mut t = Tui::start_env(&w, "wangl", true, &["--ascii"], &[]);
    t.send("2");
    let screen = t.wait_for("Filter:");
    let bad: Vec<char> = screen
        .chars()
        .filter(|c| !c.is_ascii() && (is_ambiguous(*c) || !is_wide(*c)))
        .collect();
    assert!(bad.is_empty(), "{bad:?}\n{screen}");
    t.quit();
}

/// Mouse reports asked for (press and wheel, SGR form) and given back.
const MOUSE_ON: &[u8] = b"\x1b[?1000h";
const MOUSE_SGR: &[u8] = b"\x1b[?1006h";
const MOUSE_OFF: &[u8] = b"\x1b[?1000l";
/// Motion tracking: a report for every move of the pointer, never asked for.
const MOUSE_MOTION: &[u8] = b"\x1b[?1003h";

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

#[test]
fn the_mouse_in_the_real_binary_clicks_and_is_given_back_and_can_be_turned_off() {
    let w = World::demo();
    let mut t = Tui::start_env(&w, "liuf", true, &[], &[]);
    t.send("2");
    t.wait_for("Filter:");
    let raw = t.raw_output();
    assert!(contains(&raw, MOUSE_ON) && contains(&raw, MOUSE_SGR));
    assert!(!contains(&raw, MOUSE_MOTION), "no motion tracking");
    // Click the row two below the selected one: it becomes the selection.
    let sel = t.selected_line().expect("a selected row");
    let target = t
        .screen()
        .lines()
        .nth(usize::from(sel + 2))
        .expect("row")
        .to_string();
    t.mouse(0, 10, sel + 2);
    t.wait_until("the clicked row to be selected", |_| {
        t.selected_line() == Some(sel + 2)
    });
    assert_eq!(t.selected_row().as_deref(), Some(target.as_str()));
    // The wheel moves the selection three rows.
    t.mouse(65, 10, sel + 2);
    t.wait_until("the wheel to move the selection", |_| {
        t.selected_line() == Some(sel + 5)
    });
    let raw = t.quit_with_output();
    assert!(contains(&raw, MOUSE_OFF), "mouse reports stopped on exit");

    for (args, env) in [
        (&["--no-mouse"][..], &[][..]),
        (&[][..], &[("CULPA_NO_MOUSE", "1")][..]),
    ] {
        let mut t = Tui::start_env(&w, "liuf", true, args, env);
        t.send("2");
        t.wait_for("Filter:");
        assert!(!contains(&t.raw_output(), MOUSE_ON), "{args:?} {env:?}");
        t.quit();
    }
}

fn count(hay: &[u8], needle: &[u8]) -> usize {
    hay.windows(needle.len()).filter(|w| *w == needle).count()
}

#[test]
fn ctrl_z_gives_the_terminal_back_and_fg_takes_it_again() {
    use nix::sys::signal::{Signal, kill};
    use nix::unistd::Pid;
    let w = World::demo();
    let mut t = Tui::start_env(&w, "liuf", true, &[], &[]);
    assert_eq!(count(&t.raw_output(), MOUSE_OFF), 0);
    // Ctrl-Z outside a form: the job stops with the terminal restored.
    t.send("\x1a");
    t.wait_until("the terminal to be given back", |_| {
        let raw = t.raw_output();
        count(&raw, MOUSE_OFF) == 1 && count(&raw, b"\x1b[?1049l") == 1
    });
    // `fg`: continued, it takes the terminal again, mouse reports included, and works.
    kill(Pid::from_raw(t.pid()), Signal::SIGCONT).expect("SIGCONT");
    t.wait_until("the terminal to be taken again", |_| {
        count(&t.raw_output(), MOUSE_ON) == 2
    });
    t.send("2");
    t.wait_for("Filter:");
    // Job control from outside (kill -TSTP) does the same.
    kill(Pid::from_raw(t.pid()), Signal::SIGTSTP).expect("SIGTSTP");
    t.wait_until("the terminal to be given back again", |_| {
        count(&t.raw_output(), MOUSE_OFF) == 2
    });
    kill(Pid::from_raw(t.pid()), Signal::SIGCONT).expect("SIGCONT");
    t.wait_until("the terminal to be taken again", |_| {
        count(&t.raw_output(), MOUSE_ON) == 3
    });
    t.quit();
}
