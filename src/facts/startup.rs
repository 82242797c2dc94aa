//! Shell start-up files and prompt hooks as the probe found them: plain data.

use crate::shell::{Shell, HOOK_FUNCTION};
use serde::Serialize;
use std::path::{Path, PathBuf};

/// What the shell reports about its prompt hooks, so `doctor` (a child
/// process, which can't see shell variables) can tell whether goenv-hook's
/// hook is still registered.
///
/// Format: `<shell>:<text>`, `<shell>` one of bash, zsh, fish, pwsh, nu
/// (optional; without a known prefix the whole value is the text). The text
/// is what the shell has registered, verbatim:
/// - bash: `$PROMPT_COMMAND` (all elements of the array, newline-separated)
///   followed by `${precmd_functions[*]}` (bash-preexec)
///   — e.g. `GOENV_HOOK_SHELL_HOOKS="bash:${PROMPT_COMMAND[*]} ${precmd_functions[*]}" goenv-hook doctor`;
/// - zsh: `${precmd_functions[*]}`;
/// - fish: `functions --handlers-type generic | string join ' '` (the
///   event handlers);
/// - pwsh: `(Get-Command prompt).Definition`;
/// - nu: `$env.config.hooks.pre_prompt | to nuon --serialize`.
///
/// The `goenv-hook` function (command, in Nushell) that init defines passes
/// it to `goenv-hook doctor` itself.
///
/// The hook is registered iff the text mentions `__goenv_hook` (or, for nu,
/// the record key of the same name). main passes the value of
/// `GOENV_HOOK_SHELL_HOOKS` or of a command-line option here.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct HookHint {
    pub shell: Option<Shell>,
    pub text: String,
    pub registered: bool,
}

impl HookHint {
    pub fn parse(s: &str) -> HookHint {
        let (shell, text) = match s.split_once(':') {
            Some((sh, t)) => match sh.parse::<Shell>() {
                Ok(shell) => (Some(shell), t),
                Err(_) => (None, s),
            },
            None => (None, s),
        };
        HookHint {
            shell,
            text: text.to_string(),
            registered: applies_goenv(text),
        }
    }
}

/// One start-up file examined.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct StartupFile {
    pub path: PathBuf,
    pub exists: bool,
    /// 1-based lines holding the init line.
    pub init_lines: Vec<usize>,
    /// Files this one sources (resolved), with the line.
    pub sources: Vec<(PathBuf, usize)>,
    /// Lines that assign (or export, or add to) an environment variable.
    pub(crate) assigns: Vec<Assign>,
}

/// A start-up file line that assigns, exports or prepends to a variable
/// (`export GOPATH=…`, `set -gx GOPATH …`, `$env.GOPATH = …`,
/// `$env:GOPATH = …`; `fish_add_path` and Nushell's `path add` for PATH).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub(crate) struct Assign {
    /// The variable as written (zsh's `path` array is reported as PATH).
    pub name: String,
    /// 1-based.
    pub line: usize,
    /// The line, trimmed.
    pub text: String,
    /// It exports the variable (`export`, `declare -x`, `set -x`; Nushell
    /// and PowerShell assign the environment itself).
    pub exported: bool,
}

/// One way the shell starts (login, interactive non-login, an edition) and
/// the files it reads, in order, sourced files included (a file may appear
/// twice if it is reached twice).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Trace {
    /// "login shells (macOS terminals, ssh)", "interactive shells", …
    pub label: String,
    /// `login`, `interactive` (not login), or `all` (every interactive or
    /// login start reads the same files: fish, Nushell, PowerShell, whose
    /// Windows editions are two traces told apart by `label`).
    pub mode: &'static str,
    /// The files read, in order (existing files only).
    pub files: Vec<PathBuf>,
    /// Every file this kind of start looks for, in order: the ones read
    /// (as in `files`), missing ones, and alternatives skipped because an
    /// earlier one exists (bash login shells read only the first of
    /// `~/.bash_profile`, `~/.bash_login`, `~/.profile`).
    pub entries: Vec<TraceEntry>,
    /// Where the init line belongs for this kind of start.
    pub recommended: PathBuf,
}

/// One file in a [`Trace`], read or not.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct TraceEntry {
    pub path: PathBuf,
    pub exists: bool,
    /// The shell reads it (it exists and no earlier alternative does).
    pub read: bool,
    /// 1-based lines holding the init line (empty when not read).
    pub init_lines: Vec<usize>,
    /// The file and line that source this one (None: read by the shell itself).
    pub sourced_from: Option<(PathBuf, usize)>,
    /// Nesting depth (0: read by the shell itself).
    pub depth: usize,
    /// Not read because this earlier alternative exists.
    pub shadowed_by: Option<PathBuf>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct StartupReport {
    pub shell: Shell,
    /// False for shells whose start-up can't be analysed (cmd).
    pub supported: bool,
    /// HOME, under which paths are shown as `~/…`; None on Windows, where
    /// neither cmd nor PowerShell's fixes could use a `~/` (and
    /// `~/Documents\PowerShell` mixes separators): full paths there.
    pub home: Option<PathBuf>,
    /// Every file examined, candidates and sourced files alike.
    pub files: Vec<StartupFile>,
    pub traces: Vec<Trace>,
    /// The one file to add the init line to.
    pub recommended: PathBuf,
    /// bash: `~/.bash_profile` (the login file in use) sources `~/.bashrc`.
    pub login_sources_rc: Option<bool>,
    /// The shell goenv-hook runs in, when it is this shell.
    pub here: Option<Here>,
}

/// The shell goenv-hook runs in (its parent process; see `probe::here`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Here {
    pub shell: Shell,
    /// The process name (`bash`, `dash`, …).
    pub name: String,
    /// A login shell (`-bash`, `bash -l`, `zsh --login`, …).
    pub login: bool,
    /// The process that started it (`tmux: server`, `sshd`, `login`, a
    /// terminal), by name.
    pub(crate) started_by: Option<String>,
}

impl Here {
    /// The kind of start ([`Trace::mode`]) this shell had.
    pub fn mode(&self) -> &'static str {
        if self.login {
            "login"
        } else {
            "interactive"
        }
    }

    /// "dash, a login shell started by tmux".
    pub fn describe(&self) -> String {
        let kind = if self.login {
            "a login shell"
        } else {
            "an interactive shell, not a login shell"
        };
        let by = match self.started_by.as_deref() {
            Some(b) => {
                let b = b.split(':').next().unwrap_or(b).trim();
                if b == "tmux" && self.login {
                    " started by tmux (tmux starts login shells by default)".to_string()
                } else {
                    format!(" started by {b}")
                }
            }
            None => String::new(),
        };
        format!("{}, {kind}{by}", self.name)
    }
}

impl StartupReport {
    pub fn file(&self, p: &Path) -> Option<&StartupFile> {
        self.files.iter().find(|f| f.path == p)
    }
}

/// Whether a shell's hook text applies goenv-hook: goenv-hook's own hook
/// function (`__goenv_hook`, also the `init nu` route's record key), or the
/// Nushell plugin's commands (`goenv activate`, `goenv env`): both routes
/// are valid set-ups.
pub fn applies_goenv(text: &str) -> bool {
    text.contains(HOOK_FUNCTION) || text.contains("goenv activate") || text.contains("goenv env")
}
