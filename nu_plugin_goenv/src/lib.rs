//! Nushell plugin front end of goenv-hook: `goenv env`, `goenv activate`,
//! `goenv deactivate`, `goenv prompt`, `goenv toolchains`, `goenv which`,
//! `goenv doctor`.
//!
//! The plugin process is not the caller: its working directory and its
//! environment are its own. Every command reads the caller's environment
//! (`get_env_vars`) and directory (`get_current_dir`) from the engine, and
//! keeps no state in memory: what goenv-hook changed lives in the caller's
//! `GOENV_HOOK_STATE` variable, which the core library reads and writes.
#![forbid(unsafe_code)]

pub mod commands;
pub mod convert;
pub mod settings;

use nu_plugin::{Plugin, PluginCommand};

/// The plugin (stateless: see the crate docs).
pub struct GoenvPlugin;

impl Plugin for GoenvPlugin {
    fn version(&self) -> String {
        env!("CARGO_PKG_VERSION").into()
    }

    fn commands(&self) -> Vec<Box<dyn PluginCommand<Plugin = Self>>> {
        commands::all()
    }
}
