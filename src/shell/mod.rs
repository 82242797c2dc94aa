//! Rendering operations as shell code: one module per shell, each with its
//! one escaper (quoting rules documented there), its renderer and its hook.
//!
//! Shared rules (every shell):
//! - variable names must match `[A-Za-z_][A-Za-z0-9_]*`, otherwise
//!   [`RenderError`] (a name is never quoted, so it can never inject code);
//! - a NUL byte can't live in an environment variable: [`RenderError`];
//! - each shell has exactly one value escaper (`quote` in its module); values
//!   are never formatted with `{:?}` or quoted ad hoc.
//!
//! Hook scripts live in `shell/` at the crate root (real files, linted by the
//! tests). Line 1 of each assigns the placeholder `goenv-hook` to a variable;
//! [`render_init`] replaces that value with the absolute executable path,
//! quoted by the shell's escaper.

mod cmd;
mod fish;
mod live;
pub mod nu;
mod posix;
mod pwsh;
mod syntax;
pub mod targets;

pub use syntax::*;

/// The name of the shell function goenv-hook registers in every shell.
pub(crate) const HOOK_FUNCTION: &str = "__goenv_hook";

use crate::sys::platform::Platform;
use std::ffi::{OsStr, OsString};
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
    /// Print one line to the shell's standard error (how the prompt hook
    /// reports a problem: its own stderr is not shown, so the message
    /// travels as code, quoted by the shell's escaper).
    Warn { message: String },
    /// A shell-local (not exported) list variable, for the hook's own
    /// bookkeeping (the fast path's watched files and key). Rendered by the
    /// shells with a hook that uses it (bash, zsh, fish); ignored elsewhere.
    Local { name: String, values: Vec<OsString> },
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
    render(shell, ops, platform, None)
}

/// [`render_env`] for code the shell applies at once, in the shell whose
/// PATH is `current` (what this process inherited; `init` and the prompt
/// hook): bash, zsh, sh and fish then write a new PATH relative to the one
/// they hold when that is shorter (`PATH='new:'$PATH`; see `live.rs`),
/// which the shell parses in a fraction of the time of the whole PATH.
/// Never for output saved and applied later.
pub fn render_live(
    shell: Shell,
    ops: &[Op],
    platform: Platform,
    current: Option<&OsStr>,
) -> Result<Vec<u8>, RenderError> {
    let held = match shell {
        Shell::Bash | Shell::Zsh | Shell::Posix | Shell::Fish => {
            live::current_bytes(current, platform)
        }
        _ => None,
    };
    let entries = held.as_deref().map(live::split);
    render(shell, ops, platform, entries.as_deref())
}

fn render(
    shell: Shell,
    ops: &[Op],
    platform: Platform,
    current: Option<&[&[u8]]>,
) -> Result<Vec<u8>, RenderError> {
    for op in ops {
        check_op(shell, op)?;
    }
    match shell {
        Shell::Bash => Ok(posix::render(ops, platform, true, false, current)),
        Shell::Zsh => Ok(posix::render(ops, platform, true, true, current)),
        Shell::Posix => Ok(posix::render(ops, platform, false, false, current)),
        Shell::Fish => Ok(fish::render(ops, current)),
        Shell::Pwsh => pwsh::render(ops, platform),
        Shell::Cmd => cmd::render(ops, platform),
        Shell::Nu => nu::render(ops, platform),
    }
}

/// `ops` as JSON: `{"set":{"NAME":"value",…},"unset":["NAME",…],"path":[…]|null}`
/// (`path` null when PATH is unchanged). Refuses invalid UTF-8 with a RenderError
/// for shell `nu` (this is what the Nushell hook and the plugin consume).
pub fn render_json(ops: &[Op]) -> Result<Vec<u8>, RenderError> {
    for op in ops {
        check_op(Shell::Nu, op)?;
    }
    targets::json::render(ops)
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
    let _ = platform;
    let exe_bytes = crate::sys::platform::bytes(exe.as_os_str()).into_owned();
    let err = |message: String| RenderError {
        shell,
        name: "executable path".to_string(),
        message,
    };
    if exe_bytes.contains(&0) {
        return Err(err("the path contains a NUL byte".into()));
    }
    let mut out = env.to_vec();
    let hook: &str = match shell {
        Shell::Posix => return Ok(out),
        Shell::Bash => posix::BASH_HOOK,
        Shell::Zsh => posix::ZSH_HOOK,
        Shell::Fish => fish::HOOK,
        Shell::Pwsh => pwsh::HOOK,
        Shell::Cmd => cmd::HOOK,
        Shell::Nu => nu::HOOK,
    };
    let quoted = match shell {
        Shell::Bash | Shell::Zsh | Shell::Posix => posix::quote(&exe_bytes),
        Shell::Fish => fish::quote(&exe_bytes),
        Shell::Pwsh => pwsh::quote(utf8(shell, "executable path", &exe_bytes)?),
        Shell::Cmd => cmd::escape(utf8(shell, "executable path", &exe_bytes)?)
            .map_err(|m| err(m.to_string()))?
            .into_bytes(),
        Shell::Nu => nu::quote(utf8(shell, "executable path", &exe_bytes)?),
    };
    let script = substitute_exe(&without_comments(shell, hook), &quoted);
    if !out.is_empty() && !out.ends_with(b"\n") {
        out.push(b'\n');
    }
    if shell == Shell::Cmd {
        // Batch files get CRLF line endings throughout (see cmd.rs).
        out.extend_from_slice(&cmd::crlf(&script));
    } else {
        out.extend_from_slice(&script);
    }
    Ok(out)
}

/// The escaper's output as text: the escapers only add ASCII to valid
/// UTF-8, so the result is UTF-8.
pub(crate) fn text(quoted: Vec<u8>) -> String {
    String::from_utf8_lossy(&quoted).into_owned()
}

/// A word that means itself, unquoted, in bash, zsh, POSIX sh and fish.
pub(crate) fn is_plain_word(value: &str) -> bool {
    !value.is_empty()
        && !value.starts_with('=')
        && value
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"/._+,:@%=-".contains(&b))
}

/// The placeholder every hook file assigns on its first line.
pub(crate) const EXE_PLACEHOLDER: &str = "goenv-hook";

/// Line 1 of `hook` is `<prefix><quoted placeholder><suffix>`; returns the
/// hook with that quoted placeholder replaced by `quoted_exe`. The quoted
/// placeholder is the one occurrence of `goenv-hook` in quotes on line 1
/// (`'goenv-hook'`, `r#'goenv-hook'#`, or `=goenv-hook"` for cmd).
fn substitute_exe(hook: &str, quoted_exe: &[u8]) -> Vec<u8> {
    let (first, rest) = hook.split_once('\n').expect("hook has more than one line");
    let (prefix, suffix) = split_first_line(first);
    let mut out = Vec::with_capacity(hook.len() + quoted_exe.len());
    out.extend_from_slice(prefix.as_bytes());
    out.extend_from_slice(quoted_exe);
    out.extend_from_slice(suffix.as_bytes());
    out.push(b'\n');
    out.extend_from_slice(rest.as_bytes());
    out
}

/// The hook as the shell gets it: the header (the comment block after the
/// first line) kept, the other whole-line `#` comments dropped, for the
/// shells whose hooks have no multi-line strings (the shell parses every line
/// it is given at each start; the comments stay in the hook files and
/// shell/README.md). `# shellcheck` directives stay: the rendered init is
/// linted too.
fn without_comments(shell: Shell, hook: &str) -> std::borrow::Cow<'_, str> {
    if !matches!(shell, Shell::Bash | Shell::Zsh | Shell::Fish | Shell::Nu) {
        return hook.into();
    }
    let mut out = String::with_capacity(hook.len());
    let mut header = true;
    for (i, line) in hook.split_inclusive('\n').enumerate() {
        let t = line.trim_start();
        let comment = t.starts_with('#');
        header &= i == 0 || comment;
        if header || !comment || t.starts_with("# shellcheck") {
            out.push_str(line);
        }
    }
    out.into()
}

/// Splits line 1 of a hook around its quoted placeholder.
fn split_first_line(first: &str) -> (&str, &str) {
    for quoted in ["r#'goenv-hook'#", "'goenv-hook'", "=goenv-hook\""] {
        if let Some(i) = first.find(quoted) {
            // cmd: the placeholder sits between `=` and `"`; keep both.
            if quoted.starts_with('=') {
                return (&first[..i + 1], &first[i + 1 + EXE_PLACEHOLDER.len()..]);
            }
            return (&first[..i], &first[i + quoted.len()..]);
        }
    }
    panic!("hook line 1 does not assign the placeholder {EXE_PLACEHOLDER}: {first}");
}

fn is_valid_name(name: &str) -> bool {
    let mut chars = name.chars();
    matches!(chars.next(), Some(c) if c == '_' || c.is_ascii_alphabetic())
        && chars.all(|c| c == '_' || c.is_ascii_alphanumeric())
}

fn check_name(shell: Shell, name: &str) -> Result<(), RenderError> {
    if is_valid_name(name) {
        Ok(())
    } else {
        Err(RenderError {
            shell,
            name: name.to_string(),
            message: "not a valid variable name (expected [A-Za-z_][A-Za-z0-9_]*)".into(),
        })
    }
}

fn check_value(shell: Shell, name: &str, value: &[u8]) -> Result<(), RenderError> {
    if value.contains(&0) {
        return Err(RenderError {
            shell,
            name: name.to_string(),
            message: "the value contains a NUL byte, which no environment variable can hold".into(),
        });
    }
    Ok(())
}

fn check_op(shell: Shell, op: &Op) -> Result<(), RenderError> {
    match op {
        Op::Set { name, value } => {
            check_name(shell, name)?;
            check_value(shell, name, &crate::sys::platform::bytes(value))
        }
        Op::Unset { name } => check_name(shell, name),
        Op::SetPath { entries } => {
            for e in entries {
                check_value(shell, "PATH", &crate::sys::platform::bytes(e))?;
            }
            Ok(())
        }
        Op::Warn { .. } => Ok(()),
        Op::Local { name, values } => {
            check_name(shell, name)?;
            for v in values {
                check_value(shell, name, &crate::sys::platform::bytes(v))?;
            }
            Ok(())
        }
    }
}

/// The value as UTF-8, or a RenderError for shells whose strings are text.
fn utf8<'a>(shell: Shell, name: &str, value: &'a [u8]) -> Result<&'a str, RenderError> {
    std::str::from_utf8(value).map_err(|e| RenderError {
        shell,
        name: name.to_string(),
        message: format!(
            "the value is not valid UTF-8 (invalid byte at offset {}); {shell} strings can only hold text",
            e.valid_up_to()
        ),
    })
}

/// What `goenv-hook deactivate <shell>` prints: `ops` (restoring the
/// environment) followed by the shell's unhook script from `shell/`
/// (removing the prompt hook, its functions and variables). Nushell gets
/// JSON (applied by the `goenv-hook-deactivate` command of its init script,
/// which also removes the hook records).
pub(crate) fn render_deactivate(
    shell: Shell,
    ops: &[Op],
    platform: Platform,
) -> Result<Vec<u8>, RenderError> {
    if shell == Shell::Nu {
        return render_json(ops);
    }
    let mut out = render_env(shell, ops, platform)?;
    let unhook: &[u8] = match shell {
        Shell::Bash => include_bytes!("../../shell/unhook.bash"),
        Shell::Zsh => include_bytes!("../../shell/unhook.zsh"),
        Shell::Fish => include_bytes!("../../shell/unhook.fish"),
        Shell::Pwsh => include_bytes!("../../shell/unhook.ps1"),
        Shell::Cmd => include_bytes!("../../shell/unhook.cmd"),
        Shell::Posix | Shell::Nu => b"",
    };
    out.extend_from_slice(unhook);
    Ok(out)
}

/// The variable a SetPath assigns for string shells: `PATH`, or `Path` on
/// Windows for the Windows-native shells (pwsh, cmd, nu).
fn path_name(shell: Shell, platform: Platform) -> &'static str {
    match shell {
        Shell::Pwsh | Shell::Cmd | Shell::Nu => platform.path_var(),
        _ => "PATH",
    }
}

/// The user's shell from `$SHELL` (basename; `-bash` login prefix allowed).
/// On Windows without a `$SHELL` naming a known shell: PowerShell when
/// `PSModulePath` holds a per-user module directory, else cmd (never POSIX
/// sh, which no Windows console runs). PowerShell (5.1 and 7) puts the
/// user's `Documents\WindowsPowerShell\Modules` or `Documents\PowerShell\Modules`
/// in front at start-up; the system-wide value every cmd inherits names
/// only directories under Program Files and the Windows directory. A cmd
/// started from PowerShell inherits PowerShell's value (`--shell cmd`).
pub fn shell_from_env(env: &crate::sys::env::EnvSnapshot) -> Option<Shell> {
    if let Some(s) = env.get_nonempty("SHELL") {
        let s = s.to_string_lossy();
        let base = s.rsplit(['/', '\\']).next().unwrap_or("");
        let base = base.trim_start_matches('-').trim_end_matches(".exe");
        if let Ok(sh) = base.parse::<Shell>() {
            return Some(sh);
        }
    }
    if env.platform.is_windows() {
        return Some(if powershell_modules(env) {
            Shell::Pwsh
        } else {
            Shell::Cmd
        });
    }
    None
}

/// `PSModulePath` names a user's PowerShell module directory (one ending in
/// `PowerShell\Modules` outside Program Files and the Windows directory).
fn powershell_modules(env: &crate::sys::env::EnvSnapshot) -> bool {
    let Some(v) = env.get_nonempty("PSModulePath") else {
        return false;
    };
    let p = env.platform;
    let mut system: Vec<Vec<u8>> = [
        r"C:\Program Files",
        r"C:\Program Files (x86)",
        r"C:\Windows",
    ]
    .iter()
    .map(|d| p.path_key(std::ffi::OsStr::new(d)))
    .collect();
    for var in [
        "ProgramFiles",
        "ProgramFiles(x86)",
        "ProgramW6432",
        "SystemRoot",
        "windir",
    ] {
        if let Some(d) = env.get_nonempty(var) {
            system.push(p.path_key(d));
        }
    }
    p.split_list(v).iter().any(|e| {
        let k = p.path_key(e);
        let under = |s: &Vec<u8>| k.starts_with(s) && k.get(s.len()) == Some(&b'\\');
        (k.ends_with(b"\\powershell\\modules") || k.ends_with(b"\\windowspowershell\\modules"))
            && !system.iter().any(under)
    })
}

/// The hook scripts with a fast path (a key of variables compared inside
/// the shell), for the test that their keys hold `probe::watch::KEY_VARS`.
#[cfg(test)]
pub(crate) fn fast_path_hooks() -> [(Shell, &'static str); 3] {
    [
        (Shell::Bash, posix::BASH_HOOK),
        (Shell::Zsh, posix::ZSH_HOOK),
        (Shell::Fish, fish::HOOK),
    ]
}

#[cfg(test)]
mod tests;
