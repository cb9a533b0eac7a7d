//! The ratatui workbench. (TEMP stub on the `tuiforms` branch; the `tui` helper owns this file.)

pub mod forms;
pub mod text;
pub mod theme;
