//! What each shell module knows beyond rendering operations ([`Syntax`]):
//! the init line, the commands doctor's fixes are written as, how
//! `goenv-hook shells` starts the shell and runs a command there; and the
//! pieces of that syntax several shells share.

use super::*;

/// What each shell's module knows beyond rendering operations: the line
/// that sets goenv-hook up, and the commands doctor's fixes are written as
/// (every value through the shell's one escaper). Adding a shell is one
/// module implementing this, one enum arm, and one hook file.
pub(crate) trait Syntax {
    /// The line to paste into the start-up file.
    fn init_line(&self) -> &'static str;
    /// `export NAME=value`.
    fn set_cmd(&self, name: &str, value: &str) -> String;
    /// `unset NAME`.
    fn unset_cmd(&self, name: &str) -> String;
    /// The options of this shell's command line that take the next word as
    /// their value (`bash --init-file FILE`, as VS Code starts bash).
    fn value_options(&self) -> &'static [&'static str] {
        &[]
    }
    /// From a running shell's arguments (`argv[0]` first): whether it is a
    /// login shell and whether it is interactive (one a user types in).
    fn started(&self, args: &[&[u8]]) -> (bool, bool) {
        started_like_sh(args, self.value_options())
    }
    /// Stops passing NAME to the programs this shell starts, keeping it in
    /// this shell where the shell can (bash `export -n`); else `unset`.
    fn unexport_cmd(&self, name: &str) -> String {
        self.unset_cmd(name)
    }
    /// Puts `dir` in front of PATH.
    fn path_prepend_cmd(&self, dir: &str) -> String;
    /// A remark after a command on the same line, which the shell ignores
    /// when the line is pasted (`  # text`; cmd: ` & rem text`).
    fn comment(&self, text: &str) -> String {
        format!("  # {text}")
    }
    /// `go env -w NAME=value`, as one argument the shell passes through.
    fn go_env_w_cmd(&self, name: &str, value: &str) -> String {
        format!("go env -w {name}={}", self.word(value))
    }
    /// `s` as one word (bare when it is a plain word).
    fn word(&self, s: &str) -> String;
    /// A non-printing sequence (colour) as the shell's prompt needs it
    /// wrapped (bash `\001…\002`, zsh `%{…%}`; others as is).
    fn prompt_escape(&self, esc: &str) -> String {
        esc.to_string()
    }
    /// Prompt text as the shell's prompt takes it literally (zsh doubles `%`).
    fn prompt_text(&self, text: &str) -> String {
        text.to_string()
    }
    /// The programs `goenv-hook shells` starts for this shell (looked up
    /// on PATH; each one found is a row), on Windows or elsewhere.
    fn start_programs(&self, windows: bool) -> &'static [&'static str] {
        let _ = windows;
        &[]
    }
    /// The arguments that start this shell in `mode` as a new terminal
    /// would (reading the user's start-up files), run `command` (code of
    /// this shell), and exit; None when the shell has no such start.
    fn start_args(&self, mode: StartMode, command: &str) -> Option<Vec<String>> {
        let _ = (mode, command);
        None
    }
    /// Code of this shell that runs the program `exe` with `args`, every
    /// word through the shell's escaper; an error when a word can't be
    /// carried.
    fn run_cmd(&self, exe: &[u8], args: &[&[u8]]) -> Result<String, String> {
        let _ = (exe, args);
        Err("not supported".into())
    }
}

/// How `goenv-hook shells` starts a shell: as a login shell (macOS
/// terminals, ssh, a console login: login and interactive), or as an
/// interactive shell that is not a login shell (most Linux terminal
/// emulators, tmux).
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum StartMode {
    Login,
    Interactive,
}

impl StartMode {
    pub const ALL: [StartMode; 2] = [StartMode::Login, StartMode::Interactive];

    pub fn name(self) -> &'static str {
        match self {
            StartMode::Login => "login",
            StartMode::Interactive => "interactive",
        }
    }
}

impl Shell {
    pub(crate) fn syntax(self) -> &'static dyn Syntax {
        match self {
            Shell::Bash => &posix::Bash,
            Shell::Zsh => &posix::Zsh,
            Shell::Posix => &posix::Sh,
            Shell::Fish => &fish::Fish,
            Shell::Pwsh => &pwsh::Pwsh,
            Shell::Cmd => &cmd::Cmd,
            Shell::Nu => &nu::Nu,
        }
    }

    /// The line to paste into this shell's start-up file.
    pub fn init_line(self) -> &'static str {
        self.syntax().init_line()
    }

    /// `export NAME=value` in this shell.
    pub fn set_cmd(self, name: &str, value: &str) -> String {
        self.syntax().set_cmd(name, value)
    }

    /// From a running shell's arguments: (login, interactive).
    pub fn started(self, args: &[&[u8]]) -> (bool, bool) {
        self.syntax().started(args)
    }

    /// `unset NAME` in this shell.
    pub fn unset_cmd(self, name: &str) -> String {
        self.syntax().unset_cmd(name)
    }

    /// NAME no longer exported, kept where the shell can (bash `export -n`).
    pub fn unexport_cmd(self, name: &str) -> String {
        self.syntax().unexport_cmd(name)
    }

    /// A remark after a command on the same line, ignored when pasted.
    pub fn comment(self, text: &str) -> String {
        self.syntax().comment(text)
    }

    /// Puts `dir` in front of PATH in this shell.
    pub fn path_prepend_cmd(self, dir: &str) -> String {
        self.syntax().path_prepend_cmd(dir)
    }

    /// `go env -w NAME=value` in this shell.
    pub fn go_env_w_cmd(self, name: &str, value: &str) -> String {
        self.syntax().go_env_w_cmd(name, value)
    }

    /// `s` as one word in this shell.
    pub fn word(self, s: &str) -> String {
        self.syntax().word(s)
    }

    /// A colour sequence wrapped for this shell's prompt.
    pub(crate) fn prompt_escape(self, esc: &str) -> String {
        self.syntax().prompt_escape(esc)
    }

    /// Prompt text as this shell's prompt takes it literally.
    pub(crate) fn prompt_text(self, text: &str) -> String {
        self.syntax().prompt_text(text)
    }

    /// The programs `goenv-hook shells` starts for this shell.
    pub(crate) fn start_programs(self, windows: bool) -> &'static [&'static str] {
        self.syntax().start_programs(windows)
    }

    /// The arguments that start this shell in `mode` (with the user's
    /// start-up files), run `command` and exit (see each shell's module).
    pub(crate) fn start_args(self, mode: StartMode, command: &str) -> Option<Vec<String>> {
        self.syntax().start_args(mode, command)
    }

    /// Code of this shell that runs `exe` with `args`.
    pub(crate) fn run_cmd(self, exe: &[u8], args: &[&[u8]]) -> Result<String, String> {
        self.syntax().run_cmd(exe, args)
    }
}

/// The line to paste, per shell.
pub fn init_line(shell: Shell) -> &'static str {
    shell.init_line()
}

/// A command line for [`Syntax::run_cmd`]: `prefix` (the shell's call
/// operator, or nothing), then `exe` and each of `args` through `word`,
/// separated by spaces; the first word `word` refuses is the error.
pub(crate) fn command_line(
    prefix: &str,
    exe: &[u8],
    args: &[&[u8]],
    word: impl Fn(&[u8]) -> Result<String, String>,
) -> Result<String, String> {
    let mut out = format!("{prefix}{}", word(exe)?);
    for a in args {
        out.push(' ');
        out.push_str(&word(a)?);
    }
    Ok(out)
}

/// A word for [`command_line`] in a shell whose strings hold text only:
/// `w` as UTF-8 through the shell's `quote`; `strings` names the shell's
/// strings in the error.
pub(crate) fn text_word(
    w: &[u8],
    strings: &str,
    quote: fn(&str) -> Vec<u8>,
) -> Result<String, String> {
    let s = std::str::from_utf8(w).map_err(|_| format!("{strings} can't hold invalid UTF-8"))?;
    Ok(text(quote(s)))
}

/// The flags bash, zsh, dash and fish share: `-l -i` starts a login shell
/// (a terminal's login shell is both), `-i` an interactive one; `-c` runs
/// `command`.
pub(crate) fn login_interactive_c(mode: StartMode, command: &str) -> Option<Vec<String>> {
    let mut a: Vec<String> = match mode {
        StartMode::Login => vec!["-l".into(), "-i".into()],
        StartMode::Interactive => vec!["-i".into()],
    };
    a.push("-c".into());
    a.push(command.into());
    Some(a)
}

/// [`Syntax::started`] for the shells whose command lines read like sh's: a
/// login shell (`argv[0]` starting with `-`, `-l`, `--login`, or `l` in a
/// cluster of short options), an interactive one (`-i`, or neither `-c` nor
/// a script operand). Options end at the first word that is not one, or
/// the value of one of `value_options`.
pub(crate) fn started_like_sh(args: &[&[u8]], value_options: &[&str]) -> (bool, bool) {
    let mut login = args.first().is_some_and(|a| a.first() == Some(&b'-'));
    let (mut i, mut command, mut script) = (false, false, false);
    let mut words = args.iter().skip(1);
    while let Some(a) = words.next() {
        match *a {
            b"--login" | b"-l" => login = true,
            b"--interactive" | b"-i" => i = true,
            b"--command" | b"-c" => command = true,
            b"--" => break,
            a if value_options.iter().any(|o| o.as_bytes() == a) => {
                words.next();
            }
            a if a.starts_with(b"--") => {}
            a if matches!(a.first(), Some(b'-' | b'+')) && a.len() > 1 => {
                if a[0] == b'-' {
                    login |= a[1..].contains(&b'l');
                    i |= a[1..].contains(&b'i');
                    command |= a[1..].contains(&b'c');
                }
            }
            _ => {
                script = true;
                break;
            }
        }
    }
    (login, i || !(command || script))
}
