//! Colours and borders, by what the terminal can do: the 16 ANSI colours for `xterm`,
//! `screen`, `vt100`, `linux` and anything unknown; 256 colours where `TERM` says `-256color`;
//! true colour where `COLORTERM` says so; none with `NO_COLOR` (or `TERM=dumb`), where
//! meaning is carried by text and modifiers instead and the focused pane by its border.

use ratatui::style::{Color, Modifier, Style};
use ratatui::symbols::border;

/// Plain ASCII borders for terminals that draw box-drawing characters at double width.
pub const ASCII_BORDER: border::Set<'static> = border::Set {
    top_left: "+",
    top_right: "+",
    bottom_left: "+",
    bottom_right: "+",
    vertical_left: "|",
    vertical_right: "|",
    horizontal_top: "-",
    horizontal_bottom: "-",
};

/// The focused pane without colour: `=` and `#`, visible on any terminal.
pub const ASCII_FOCUSED_BORDER: border::Set<'static> = border::Set {
    top_left: "#",
    top_right: "#",
    bottom_left: "#",
    bottom_right: "#",
    vertical_left: "#",
    vertical_right: "#",
    horizontal_top: "=",
    horizontal_bottom: "=",
};

/// How many colours the terminal shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Colors {
    None,
    /// The 16 ANSI colours (SGR 30–37, 90–97): what xterm, screen, vt100 and linux promise.
    Basic,
    Indexed256,
    TrueColor,
}

impl Colors {
    /// From the environment: `NO_COLOR` (non-empty) wins, then `COLORTERM`, then `TERM`.
    pub fn detect(var: impl Fn(&str) -> Option<String>) -> Colors {
        if var("NO_COLOR").is_some_and(|v| !v.is_empty()) {
            return Colors::None;
        }
        let term = var("TERM").unwrap_or_default().to_ascii_lowercase();
        if term == "dumb" {
            return Colors::None;
        }
        let colorterm = var("COLORTERM").unwrap_or_default().to_ascii_lowercase();
        if colorterm == "truecolor" || colorterm == "24bit" {
            Colors::TrueColor
        } else if term.contains("256color") {
            Colors::Indexed256
        } else {
            Colors::Basic
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub color: bool,
    pub ascii: bool,
    pub colors: Colors,
}

impl Theme {
    /// The 16 ANSI colours (or none), as in the screen tests.
    pub fn new(color: bool, ascii: bool) -> Theme {
        let colors = if color { Colors::Basic } else { Colors::None };
        Theme::with(colors, ascii)
    }

    pub fn with(colors: Colors, ascii: bool) -> Theme {
        Theme {
            color: colors != Colors::None,
            ascii,
            colors,
        }
    }

    pub fn border_set(&self) -> border::Set<'static> {
        if self.ascii {
            ASCII_BORDER
        } else {
            border::PLAIN
        }
    }

    /// The focused pane's border: in colour it is coloured; without, it is drawn double
    /// (or with `=`/`#`), so the focus is still plain to see.
    pub fn focused_border_set(&self) -> border::Set<'static> {
        match (self.color, self.ascii) {
            (true, _) => self.border_set(),
            (false, true) => ASCII_FOCUSED_BORDER,
            (false, false) => border::DOUBLE,
        }
    }

    fn fg(&self, c: Color) -> Style {
        if self.color {
            Style::new().fg(c)
        } else {
            Style::new()
        }
    }

    pub fn accent(&self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }
    pub fn muted(&self) -> Style {
        if self.colors >= Colors::Indexed256 {
            // A mid grey: DarkGray is all but invisible on some dark 256-colour themes.
            Style::new().fg(Color::Indexed(244))
        } else if self.color {
            Style::new().fg(Color::DarkGray)
        } else {
            Style::new().add_modifier(Modifier::DIM)
        }
    }
    pub fn error(&self) -> Style {
        self.fg(Color::Red).add_modifier(Modifier::BOLD)
    }
    pub fn warn(&self) -> Style {
        self.fg(Color::Yellow)
    }
    pub fn ok(&self) -> Style {
        self.fg(Color::Green)
    }
    /// Reverse video works with or without colour.
    pub fn selected(&self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED)
    }
    pub fn focused_border(&self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_color_means_no_colour_anywhere() {
        let t = Theme::new(false, false);
        for s in [
            t.accent(),
            t.muted(),
            t.error(),
            t.warn(),
            t.ok(),
            t.selected(),
            t.focused_border(),
        ] {
            assert_eq!(s.fg, None);
            assert_eq!(s.bg, None);
        }
        let c = Theme::new(true, false);
        assert_eq!(c.error().fg, Some(Color::Red));
    }

    #[test]
    fn colours_follow_the_terminal() {
        let rows: &[(&[(&str, &str)], Colors)] = &[
            (&[("TERM", "xterm")], Colors::Basic),
            (&[("TERM", "screen")], Colors::Basic),
            (&[("TERM", "vt100")], Colors::Basic),
            (&[("TERM", "linux")], Colors::Basic),
            (&[("TERM", "xterm-256color")], Colors::Indexed256),
            (&[("TERM", "screen-256color")], Colors::Indexed256),
            (
                &[("TERM", "xterm"), ("COLORTERM", "truecolor")],
                Colors::TrueColor,
            ),
            (
                &[("TERM", "xterm-256color"), ("NO_COLOR", "1")],
                Colors::None,
            ),
            (&[("TERM", "xterm"), ("NO_COLOR", "")], Colors::Basic),
            (&[("TERM", "dumb")], Colors::None),
            (&[], Colors::Basic),
        ];
        for (env, want) in rows {
            let got = Colors::detect(|k| {
                env.iter()
                    .find(|(n, _)| *n == k)
                    .map(|(_, v)| v.to_string())
            });
            assert_eq!(got, *want, "{env:?}");
        }
    }

    #[test]
    fn the_focused_border_is_visible_without_colour() {
        let plain = Theme::new(false, false);
        assert_ne!(plain.focused_border_set(), plain.border_set());
        let ascii = Theme::new(false, true);
        assert_ne!(ascii.focused_border_set(), ascii.border_set());
        assert!(ascii.focused_border_set().top_left.is_ascii());
    }

    #[test]
    fn ascii_borders_are_ascii() {
        let s = Theme::new(true, true).border_set();
        for part in [s.top_left, s.vertical_left, s.horizontal_top] {
            assert!(part.is_ascii());
        }
        assert!(!Theme::new(true, false).border_set().top_left.is_ascii());
    }
}
