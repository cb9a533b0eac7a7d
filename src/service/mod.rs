//! Served mode (issue 7): `culpa serve` owns the database and the vault, and every user's
//! `culpa` is a client that the kernel identifies.
//!
//! - [`protocol`]: framing, limits, timeouts, the request and response enums (versioned;
//!   `docs/protocol.md` describes it for people);
//! - [`server`]: the listener, `SO_PEERCRED` identity, one thread and one database
//!   connection per client, pushed commit notices;
//! - [`client`]: [`client::Client`], the workbench `Backend` (and so the command line's
//!   seam) over the socket.
//!
//! Layers: this module sits beside the other clients, above the workflow: it calls
//! `workflow::Session` exactly as direct mode does, and nothing below it knows it exists.

pub mod client;
pub mod protocol;
pub mod server;

pub use client::{Client, ClientOptions};
pub use server::{ServeOptions, run, serve};
