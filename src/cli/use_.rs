//! `goenv-hook use <version|dir|default> <shell>`: pin this shell.

use super::{print_ops, Error, Outcome};
use crate::app::{self, UseError};
use crate::shell::Shell;
use crate::sys::env::EnvSnapshot;

/// A version no install provides is a failure (exit 1, listing the
/// installed ones); a target that is neither a version nor a toolchain
/// directory is wrong usage (64).
pub(super) fn use_(env: EnvSnapshot, what: &str, shell: Shell) -> Outcome {
    let platform = env.platform;
    match app::use_ops(env, what)? {
        Ok(ops) => print_ops(shell, &ops, platform),
        Err(e @ UseError::NotInstalled { .. }) => Err(Error::failed(e)),
        Err(e) => Err(Error::usage(e)),
    }
}
