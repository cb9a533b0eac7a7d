//! The regulation as code. Nothing here touches the terminal, the database or the clock.

pub mod calendar;
pub mod check;
pub mod conflict;
pub mod deadlines;
pub mod directory;
pub mod hearing;
pub mod liability;
pub mod limits;
pub mod model;
pub mod step;
pub mod validate;

pub use directory::Directory;
pub use model::*;
pub use step::Step;
