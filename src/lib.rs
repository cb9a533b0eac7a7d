//! culpa — a terminal workbench for investigating administrative-enforcement faults under the
//! Wolong District Emergency Management Bureau's 行政执法过错或错案责任追究制度.
//!
//! Layout (see `../shared/STYLE.md`):
//! - [`domain`]: the regulation — pure, no I/O, no clock (`today` is an argument);
//! - [`store`]: SQLite schema, migrations, queries, audit chain, evidence vault;
//! - [`workflow`]: the only door through which a case changes;
//! - [`service`]: `culpa serve` and the client that talks to it (served mode);
//! - [`config`]: the configuration file and how a client finds the service;
//! - [`ui`]: the ratatui workbench;
//! - [`cli`]: the subcommands;
//! - [`config`]: the server configuration file (service, clients, `culpa admin`);
//! - [`i18n`]: every user-facing string, zh-CN and en.

pub mod cli;
pub mod config;
pub mod demo;
pub mod domain;
pub mod i18n;
pub mod service;
pub mod store;
pub mod ui;
pub mod workflow;
