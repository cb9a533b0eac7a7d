//! Strings of the submission check (`domain::check`).
