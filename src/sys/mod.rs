//! The process's surroundings as data: the environment snapshot, the
//! platform's path and list rules, PATH lists, `~`/`$VAR` expansion, serde
//! helpers.

pub mod env;
pub mod expand;
pub(crate) mod pathlist;
pub mod platform;
pub mod ser;
pub mod vars;
