//! The ratatui workbench. (to be implemented)
