//! The subcommands. (to be implemented)

/// Parse arguments, run, and return the process exit code.
pub fn main() -> i32 {
    0
}
