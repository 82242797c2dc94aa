//! cmd.exe.
//!
//! Route: the output is a batch file that is `call`ed (the hook writes
//! `goenv-hook hook cmd` to `%TEMP%\goenv-hook-<random>.cmd`, `call`s it and
//! deletes it; see shell/goenv.cmd). So the rules are those of a batch file
//! line, read once (never re-parsed by `CALL` or `FOR /F … DO`):
//! - `@set "NAME=value"`: inside the quotes `& | < > ( ) ^`, spaces and
//!   `'` `` ` `` `$` are literal; the last `"` ends the assignment. `@`
//!   keeps an echo-on session (AutoRun) quiet.
//! - `%` starts variable expansion even inside quotes; in a batch file `%%`
//!   is a literal `%`, so every `%` is doubled.
//! - `!` is literal because delayed expansion is off in cmd by default. With
//!   delayed expansion enabled (`cmd /V:ON` or the DelayedExpansion registry
//!   value) a `!` would be eaten; that setting is not supported.
//! - `"`, newline and CR can't be written in a `set` line: RenderError with
//!   a clear message. Values are text: invalid UTF-8 is a RenderError.
//! - Non-ASCII is written as UTF-8; the hook switches the console code page
//!   to 65001 while it `call`s the file (cmd reads batch files in the
//!   console code page).
//! - Unset: `@set "NAME="`. cmd has no empty variables: setting the empty
//!   value is the same line, i.e. it removes the variable (Windows semantics).
//! - PATH: `Path` on Windows, joined with `;`.
//! - Line endings are CRLF, as cmd expects (labels and `goto` misbehave
//!   with bare LF in real cmd; wine reads either).

use super::{path_name, utf8, Op, RenderError, Shell};
use crate::sys::platform::{bytes, Platform};

pub(crate) const HOOK: &str = include_str!("../../shell/goenv.cmd");

/// `value` for the inside of `set "NAME=…"` in a batch file, or why it
/// can't be represented.
pub(crate) fn escape(value: &str) -> Result<String, &'static str> {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '"' => return Err("the value contains a double quote (\"), which cmd's set \"NAME=value\" cannot represent"),
            '\n' | '\r' => return Err("the value contains a line break, which a cmd batch line cannot represent"),
            '%' => out.push_str("%%"),
            c => out.push(c),
        }
    }
    Ok(out)
}

/// Text for `echo` in a batch file: `^` before cmd's operators, `%`
/// doubled, `"` made `'` (a quote would turn the escapes off), control
/// characters dropped. Messages only: values never go through echo.
pub(crate) fn echo_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '&' | '|' | '<' | '>' | '^' | '(' | ')' => {
                out.push('^');
                out.push(c);
            }
            '%' => out.push_str("%%"),
            '"' => out.push('\''),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// LF → CRLF (existing CRLF left alone).
pub(crate) fn crlf(text: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(text.len() + text.len() / 16);
    let mut prev = 0u8;
    for &b in text {
        if b == b'\n' && prev != b'\r' {
            out.push(b'\r');
        }
        out.push(b);
        prev = b;
    }
    out
}

fn set(out: &mut Vec<u8>, name: &str, value: &[u8]) -> Result<(), RenderError> {
    let v = utf8(Shell::Cmd, name, value)?;
    let e = escape(v).map_err(|m| RenderError {
        shell: Shell::Cmd,
        name: name.to_string(),
        message: m.to_string(),
    })?;
    out.extend_from_slice(format!("@set \"{name}={e}\"\r\n").as_bytes());
    Ok(())
}

pub(crate) fn render(ops: &[Op], platform: Platform) -> Result<Vec<u8>, RenderError> {
    let mut out = Vec::new();
    for op in ops {
        match op {
            Op::Set { name, value } => set(&mut out, name, &bytes(value))?,
            Op::Unset { name } => out.extend_from_slice(format!("@set \"{name}=\"\r\n").as_bytes()),
            Op::SetPath { entries } => {
                let name = path_name(Shell::Cmd, platform);
                set(&mut out, name, &bytes(&platform.join_list(entries)))?
            }
            // `@>&2 echo text`: the redirection first, so no space trails
            // the text (`echo text 1>&2` prints "text "). A line that is
            // empty or blank after escaping is left out (a bare `echo`
            // prints "ECHO is on."). Limit: a line that is exactly ON or
            // OFF, or starts with /?, is taken by echo as its own argument
            // (`echo(` avoids that in real cmd but not in wine, the test
            // executor); goenv-hook's own warnings start with `goenv-hook:`.
            Op::Warn { message } => {
                for line in message.lines() {
                    let text = echo_escape(line);
                    if text.trim().is_empty() {
                        continue;
                    }
                    out.extend_from_slice(b"@>&2 echo ");
                    out.extend_from_slice(text.as_bytes());
                    out.extend_from_slice(b"\r\n");
                }
            }
            Op::Local { .. } => {}
        }
    }
    Ok(out)
}

/// cmd: fixes are lines for a batch file (`set "NAME=value"`).
pub(crate) struct Cmd;

impl super::Syntax for Cmd {
    fn start_programs(&self, windows: bool) -> &'static [&'static str] {
        if windows {
            &["cmd"]
        } else {
            &[]
        }
    }
    /// `cmd /s /c "…"` runs AutoRun first (no `/d`); cmd has no login
    /// start. The caller passes these arguments verbatim (raw).
    fn start_args(&self, mode: super::StartMode, command: &str) -> Option<Vec<String>> {
        (mode == super::StartMode::Interactive)
            .then(|| vec!["/s".into(), "/c".into(), format!("\"{command}\"")])
    }
    /// `"exe" "arg" …`: on cmd's command line `%` expands and `"` can't be
    /// quoted, so words holding either (or a line break) are refused.
    fn run_cmd(&self, exe: &[u8], args: &[&[u8]]) -> Result<String, String> {
        let word = |b: &[u8]| -> Result<String, String> {
            let s = std::str::from_utf8(b).map_err(|_| "invalid UTF-8".to_string())?;
            if s.contains(['"', '%', '\n', '\r']) {
                return Err(format!("cmd can't pass {s:?} on its command line"));
            }
            Ok(format!("\"{s}\""))
        };
        super::command_line("", exe, args, word)
    }
    fn init_line(&self) -> &'static str {
        "goenv-hook init cmd"
    }
    fn set_cmd(&self, name: &str, value: &str) -> String {
        format!("set \"{name}={value}\"")
    }
    /// `set "NAME="`: quoted, so nothing after it on the line can become
    /// part of the value (cmd drops what follows the last quote); unquoted,
    /// `set NAME= …` would set NAME to the rest of the line.
    fn unset_cmd(&self, name: &str) -> String {
        format!("set \"{name}=\"")
    }
    fn path_prepend_cmd(&self, dir: &str) -> String {
        format!("set \"PATH={dir};%PATH%\"")
    }
    /// cmd has no end-of-line comment: a second command, `rem`.
    fn comment(&self, text: &str) -> String {
        format!(" & rem {text}")
    }
    /// cmd has no escaper for a command's arguments (its escaper is for the
    /// inside of `set "NAME=…"` in a batch file): words are written as for
    /// POSIX sh, which is right for plain words only.
    fn word(&self, s: &str) -> String {
        if super::is_plain_word(s) {
            s.to_string()
        } else {
            super::text(super::posix::quote(s.as_bytes()))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_rules() {
        assert_eq!(escape("").unwrap(), "");
        assert_eq!(escape("'").unwrap(), "'");
        assert_eq!(escape("\\").unwrap(), "\\");
        assert_eq!(
            escape("100% & %PATH% ^|<>()!").unwrap(),
            "100%% & %%PATH%% ^|<>()!"
        );
        assert!(escape("a\"b").unwrap_err().contains("double quote"));
        assert!(escape("a\nb").unwrap_err().contains("line break"));
        assert!(escape("a\rb").unwrap_err().contains("line break"));
    }

    #[test]
    fn renders_crlf_set_lines() {
        let ops = [
            Op::Set {
                name: "A".into(),
                value: "x%y".into(),
            },
            Op::Unset { name: "B".into() },
            Op::SetPath {
                entries: vec![r"C:\a".into(), r"C:\b b".into()],
            },
        ];
        assert_eq!(
            render(&ops, Platform::WINDOWS).unwrap(),
            b"@set \"A=x%%y\"\r\n@set \"B=\"\r\n@set \"Path=C:\\a;C:\\b b\"\r\n"
        );
        let e = render(
            &[Op::Set {
                name: "Q".into(),
                value: "\"".into(),
            }],
            Platform::WINDOWS,
        )
        .unwrap_err();
        assert_eq!((e.shell, e.name.as_str()), (Shell::Cmd, "Q"));
        assert_eq!(crlf(b"a\nb\r\n"), b"a\r\nb\r\n");
    }

    #[test]
    fn unset_fix_is_quoted_so_a_trailing_comment_is_ignored() {
        use super::super::Syntax;
        assert_eq!(Cmd.unset_cmd("GOROOT"), "set \"GOROOT=\"");
    }

    #[test]
    fn warnings_echo_to_stderr_without_trailing_space() {
        let ops = [Op::Warn {
            message: "goenv-hook: a & b | 100% \"x\"\n\n \t\nsecond (line)".into(),
        }];
        assert_eq!(
            String::from_utf8(render(&ops, Platform::WINDOWS).unwrap()).unwrap(),
            "@>&2 echo goenv-hook: a ^& b ^| 100%% 'x'\r\n@>&2 echo second ^(line^)\r\n"
        );
    }
}
