//! Colours and borders. Indexed colours only (the 16 ANSI ones every SSH terminal has); with
//! `NO_COLOR` every style is plain and meaning is carried by text and modifiers instead.

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

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub color: bool,
    pub ascii: bool,
}

impl Theme {
    pub fn new(color: bool, ascii: bool) -> Theme {
        Theme { color, ascii }
    }

    pub fn border_set(&self) -> border::Set<'static> {
        if self.ascii {
            ASCII_BORDER
        } else {
            border::PLAIN
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
        if self.color {
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
    fn ascii_borders_are_ascii() {
        let s = Theme::new(true, true).border_set();
        for part in [s.top_left, s.vertical_left, s.horizontal_top] {
            assert!(part.is_ascii());
        }
        assert!(!Theme::new(true, false).border_set().top_left.is_ascii());
    }
}
