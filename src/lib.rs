//! goenv-hook: makes a Go developer's environment right in every shell.
//!
//! Data flows one way: [`probe`] reads the environment and the filesystem
//! once into [`probe::Facts`]; the pure [`plan`] turns facts plus
//! [`config::Config`] into [`shell::Op`]s; one renderer per shell in
//! [`shell`] turns operations into code.

#![forbid(unsafe_code)]

pub mod app;
pub mod buildinfo;
pub mod checks;
pub mod cli;
pub mod config;
pub mod deep;
pub mod doctor;
pub mod env;
pub mod goenvfile;
pub mod pathlist;
pub mod plan;
pub mod platform;
pub mod probe;
pub mod project;
pub mod prompt;
pub mod report;
pub mod ser;
pub mod shell;
pub mod startup;
pub mod state;
pub mod toolchain;
pub mod version;
pub mod watch;
