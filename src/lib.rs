//! goenv-hook: makes a Go developer's environment right in every shell.
//!
//! Data flows one way (see ARCHITECTURE.md): [`probe`] reads the
//! environment and the filesystem once into [`facts::Facts`]; the pure
//! [`plan`] turns facts plus [`config::Config`] into operations; one
//! renderer per shell in [`shell`] writes them; [`checks`] turn the same
//! facts into findings for `doctor` and the [`prompt`]; [`app`] is the one
//! façade the CLI ([`cli`]) and the Nushell plugin call.

#![forbid(unsafe_code)]

pub mod app;
pub mod checks;
pub mod cli;
pub mod config;
pub mod facts;
pub mod go;
pub mod plan;
pub mod probe;
pub mod prompt;
pub mod report;
pub mod shell;
pub mod sys;
