//! The environment variables goenv-hook itself reads or sets (README:
//! "Environment variables goenv-hook reads or sets").

/// The variable for one-off overrides: a version or a root directory.
pub(crate) const OVERRIDE_VAR: &str = "GOENV_HOOK_GO";

/// How a shell tells `doctor` (a child process, which can't see shell
/// variables) what its prompt hooks are (see `facts::startup::HookHint`).
pub(crate) const HOOK_HINT_VAR: &str = "GOENV_HOOK_SHELL_HOOKS";

/// Set by `deactivate` (the plugin's): the hook does nothing until `use` or
/// `activate`.
pub const DISABLED_VAR: &str = "GOENV_HOOK_DISABLED";

/// Marks that the config error with this fingerprint was already reported,
/// so the hook warns once, not at every prompt.
pub const ERROR_VAR: &str = "GOENV_HOOK_ERROR";
