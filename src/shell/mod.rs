//! Rendering operations as shell code: one module per shell, each with its
//! one escaper (quoting rules documented there), its renderer and its hook.
//! OWNER: helper B. Contract below; bodies are stubs until filled.

use crate::platform::Platform;
use std::ffi::OsString;
use std::fmt;
use std::path::Path;
use std::str::FromStr;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Shell {
    Bash,
    Zsh,
    Fish,
    /// POSIX sh (dash, ash, busybox): no hook.
    Posix,
    /// PowerShell (Windows PowerShell 5.1 and pwsh 7, any OS).
    Pwsh,
    Cmd,
    Nu,
}

impl Shell {
    pub const ALL: [Shell; 7] = [
        Shell::Bash,
        Shell::Zsh,
        Shell::Fish,
        Shell::Posix,
        Shell::Pwsh,
        Shell::Cmd,
        Shell::Nu,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Shell::Bash => "bash",
            Shell::Zsh => "zsh",
            Shell::Fish => "fish",
            Shell::Posix => "posix",
            Shell::Pwsh => "pwsh",
            Shell::Cmd => "cmd",
            Shell::Nu => "nu",
        }
    }
}

impl FromStr for Shell {
    type Err = String;
    /// Accepts: bash, zsh, fish, posix|sh|dash|ash, pwsh|powershell, cmd, nu|nushell.
    fn from_str(s: &str) -> Result<Shell, String> {
        Ok(match s {
            "bash" => Shell::Bash,
            "zsh" => Shell::Zsh,
            "fish" => Shell::Fish,
            "posix" | "sh" | "dash" | "ash" => Shell::Posix,
            "pwsh" | "powershell" => Shell::Pwsh,
            "cmd" => Shell::Cmd,
            "nu" | "nushell" => Shell::Nu,
            other => {
                return Err(format!(
                "unknown shell '{other}'; expected one of: bash, zsh, fish, posix, pwsh, cmd, nu"
            ))
            }
        })
    }
}

impl fmt::Display for Shell {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// One change to the environment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Op {
    /// Export `name=value`.
    Set { name: String, value: OsString },
    /// Remove `name` from the environment.
    Unset { name: String },
    /// Set PATH to these entries. String shells join them with the platform's
    /// separator into the variable `PATH` (on Windows `Path` for pwsh/cmd);
    /// Nushell assigns a list to `$env.PATH` (`$env.Path` on Windows).
    SetPath { entries: Vec<OsString> },
}

/// A value the shell cannot carry (e.g. `"` or a newline in cmd, invalid
/// UTF-8 in Nushell/PowerShell/cmd). The message names shell, variable and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RenderError {
    pub shell: Shell,
    pub name: String,
    pub message: String,
}

impl fmt::Display for RenderError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "cannot set {} for {}: {}",
            self.name, self.shell, self.message
        )
    }
}

impl std::error::Error for RenderError {}

/// Shell code applying `ops` in order, for `eval` (or `| source` in fish,
/// `Invoke-Expression` in PowerShell, a `.cmd` file `call`ed by cmd, a
/// file `source`d by Nushell). Empty ops → empty output.
pub fn render_env(shell: Shell, ops: &[Op], platform: Platform) -> Result<Vec<u8>, RenderError> {
    let _ = (shell, ops, platform);
    todo!("helper B")
}

/// `ops` as JSON: `{"set":{"NAME":"value",…},"unset":["NAME",…],"path":[…]|null}`
/// (`path` null when PATH is unchanged). Refuses invalid UTF-8 with a RenderError
/// for shell `nu` (this is what the Nushell hook and the plugin consume).
pub fn render_json(ops: &[Op]) -> Result<Vec<u8>, RenderError> {
    let _ = ops;
    todo!("helper B")
}

/// What `goenv-hook init <shell>` prints: `env` (the operations to apply now,
/// already rendered for this shell by `render_env`; empty for Nushell, whose
/// init is saved to a file and applies through its hook) followed by the hook
/// script from `shell/`, with the absolute path of the executable `exe`
/// embedded through the shell's escaper.
pub fn render_init(
    shell: Shell,
    exe: &Path,
    env: &[u8],
    platform: Platform,
) -> Result<Vec<u8>, RenderError> {
    let _ = (shell, exe, env, platform);
    todo!("helper B")
}
