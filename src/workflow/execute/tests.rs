//! Unit tests of the pure command execution.
