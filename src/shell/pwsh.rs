//! PowerShell (Windows PowerShell 5.1 and pwsh 7, any OS).
//!
//! Quoting rule: a single-quoted (verbatim) string, in which nothing expands;
//! the only special characters are the single quotes, and PowerShell accepts
//! five of them: ASCII `'` and U+2018 ‘, U+2019 ’, U+201A ‚, U+201B ‛. Each
//! is doubled (doubling keeps the same character, so `’` → `’’`). Strings are
//! text: invalid UTF-8 is a RenderError.
//!
//! Output: `Set-Item -LiteralPath 'Env:NAME' -Value 'v'`,
//! `Remove-Item -LiteralPath 'Env:NAME' -ErrorAction SilentlyContinue`, and
//! PATH as a joined string in `Env:Path` (Windows) or `Env:PATH` (Unix).
//! Note: PowerShell (and Windows) treat an empty value as removal.

use super::{path_name, utf8, Op, RenderError, Shell};
use crate::sys::platform::{bytes, Platform};

pub(crate) const HOOK: &str = include_str!("../../shell/goenv.ps1");

/// The characters PowerShell treats as a single quote.
pub(crate) const QUOTES: [char; 5] = ['\'', '\u{2018}', '\u{2019}', '\u{201A}', '\u{201B}'];

/// `value` as one verbatim string.
pub(crate) fn quote(value: &str) -> Vec<u8> {
    let mut out = String::with_capacity(value.len() + 2);
    out.push('\'');
    for c in value.chars() {
        if QUOTES.contains(&c) {
            out.push(c);
        }
        out.push(c);
    }
    out.push('\'');
    out.into_bytes()
}

fn set(out: &mut Vec<u8>, name: &str, value: &str) {
    out.extend_from_slice(b"Set-Item -LiteralPath 'Env:");
    out.extend_from_slice(name.as_bytes());
    out.extend_from_slice(b"' -Value ");
    out.extend_from_slice(&quote(value));
    out.push(b'\n');
}

pub(crate) fn render(ops: &[Op], platform: Platform) -> Result<Vec<u8>, RenderError> {
    let mut out = Vec::new();
    for op in ops {
        match op {
            Op::Set { name, value } => {
                let v = bytes(value);
                set(&mut out, name, utf8(Shell::Pwsh, name, &v)?);
            }
            Op::Unset { name } => {
                out.extend_from_slice(b"Remove-Item -LiteralPath 'Env:");
                out.extend_from_slice(name.as_bytes());
                out.extend_from_slice(b"' -ErrorAction SilentlyContinue\n");
            }
            Op::SetPath { entries } => {
                let name = path_name(Shell::Pwsh, platform);
                let v = bytes(&platform.join_list(entries)).into_owned();
                set(&mut out, name, utf8(Shell::Pwsh, name, &v)?);
            }
            Op::Warn { message } => {
                out.extend_from_slice(b"[Console]::Error.WriteLine(");
                out.extend_from_slice(&quote(message));
                out.extend_from_slice(b")\n");
            }
            Op::Local { .. } => {}
        }
    }
    Ok(out)
}

/// PowerShell.
pub(crate) struct Pwsh;

impl super::Syntax for Pwsh {
    /// pwsh's parameters are case-insensitive, with short forms: `-Login`
    /// (first) a login shell; `-Command`, `-EncodedCommand`, `-File` (or a
    /// bare file name) run something and exit, unless `-NoExit` (as VS Code
    /// starts it: `-noexit -command '. …'`).
    fn started(&self, args: &[&[u8]]) -> (bool, bool) {
        let (mut login, mut noexit, mut run) = (false, false, false);
        let mut words = args.iter().skip(1);
        while let Some(a) = words.next() {
            let a = a.to_ascii_lowercase();
            let Some(name) = a.strip_prefix(b"-") else {
                run = true;
                break;
            };
            match name {
                b"login" | b"l" => login = true,
                b"noexit" | b"noe" => noexit = true,
                b"command" | b"c" | b"commandwithargs" | b"cwa" | b"encodedcommand" | b"ec"
                | b"e" | b"file" | b"f" => {
                    run = true;
                    break;
                }
                b"executionpolicy" | b"ex" | b"ep" | b"workingdirectory" | b"wd"
                | b"settingsfile" | b"configurationname" | b"config" | b"configurationfile"
                | b"custompipename" | b"outputformat" | b"o" | b"of" | b"inputformat" | b"inp"
                | b"if" | b"windowstyle" | b"w" => {
                    words.next();
                }
                _ => {}
            }
        }
        (login, noexit || !run)
    }
    /// PowerShell 7 everywhere; on Windows also Windows PowerShell 5.1
    /// (its own profiles).
    fn start_programs(&self, windows: bool) -> &'static [&'static str] {
        if windows {
            &["pwsh", "powershell"]
        } else {
            &["pwsh"]
        }
    }
    /// Profiles are read with `-Command` too; `-Login` (first, Linux and
    /// macOS pwsh only) makes a login shell, which reads /etc/profile and
    /// ~/.profile through sh first. On Windows there is no login start.
    fn start_args(&self, mode: super::StartMode, command: &str) -> Option<Vec<String>> {
        let mut a: Vec<String> = Vec::new();
        if mode == super::StartMode::Login {
            if cfg!(windows) {
                return None;
            }
            a.push("-Login".into());
        }
        a.extend(["-NoLogo".into(), "-Command".into(), command.into()]);
        Some(a)
    }
    /// `& 'exe' 'arg' …` (the call operator; every word single-quoted).
    fn run_cmd(&self, exe: &[u8], args: &[&[u8]]) -> Result<String, String> {
        super::command_line("& ", exe, args, |w| {
            super::text_word(w, "a PowerShell string", quote)
        })
    }
    fn init_line(&self) -> &'static str {
        "Invoke-Expression (& goenv-hook init pwsh | Out-String)"
    }
    fn set_cmd(&self, name: &str, value: &str) -> String {
        format!("$env:{name} = {}", self.word(value))
    }
    fn unset_cmd(&self, name: &str) -> String {
        format!("Remove-Item Env:{name}")
    }
    fn path_prepend_cmd(&self, dir: &str) -> String {
        format!(
            "$env:PATH = {} + [IO.Path]::PathSeparator + $env:PATH",
            self.word(dir)
        )
    }
    /// The whole `NAME=value` quoted, one argument.
    fn go_env_w_cmd(&self, name: &str, value: &str) -> String {
        format!("go env -w {}", self.word(&format!("{name}={value}")))
    }
    fn word(&self, s: &str) -> String {
        super::text(quote(s))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quote_doubles_every_single_quote_character() {
        assert_eq!(quote(""), b"''");
        assert_eq!(quote("'"), b"''''");
        assert_eq!(quote("\\"), b"'\\'");
        assert_eq!(
            quote("a\u{2018}b\u{2019}c\u{201A}d\u{201B}e\"$x`"),
            "'a\u{2018}\u{2018}b\u{2019}\u{2019}c\u{201A}\u{201A}d\u{201B}\u{201B}e\"$x`'"
                .as_bytes()
        );
    }

    #[test]
    fn path_var_follows_platform_and_invalid_utf8_is_refused() {
        let ops = [Op::SetPath {
            entries: vec![r"C:\Go\bin".into(), r"C:\x".into()],
        }];
        assert_eq!(
            render(&ops, Platform::WINDOWS).unwrap(),
            b"Set-Item -LiteralPath 'Env:Path' -Value 'C:\\Go\\bin;C:\\x'\n"
        );
        assert!(String::from_utf8(render(&ops, Platform::UNIX).unwrap())
            .unwrap()
            .contains("'Env:PATH'"));
        #[cfg(unix)]
        {
            use std::os::unix::ffi::OsStringExt;
            let bad = std::ffi::OsString::from_vec(b"a\xff".to_vec());
            let e = render(
                &[Op::Set {
                    name: "X".into(),
                    value: bad,
                }],
                Platform::UNIX,
            )
            .unwrap_err();
            assert_eq!(e.shell, Shell::Pwsh);
            assert!(e.message.contains("UTF-8"));
        }
    }
}
