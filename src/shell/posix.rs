//! bash, zsh and POSIX sh (dash, ash, busybox): one escaper for all three.
//!
//! Quoting rule: the value goes inside single quotes, where every byte is
//! literal in all three shells (no `$`, backtick, `\`, `!` or newline
//! processing). A single quote can't appear inside, so each `'` becomes
//! `'\''` (close, escaped quote, reopen). Bytes pass through unchanged, so
//! invalid UTF-8 round-trips. The empty value is `''`.
//!
//! Output: `export NAME='value'`, `unset NAME`, and `export PATH='a:b'` with
//! the entries joined by the platform's list separator. `export NAME=…` is
//! POSIX (dash accepts it) and a single word, so no field splitting applies.

use super::Op;
use crate::sys::platform::{bytes, Platform};

pub(crate) const BASH_HOOK: &str = include_str!("../../shell/goenv.bash");
pub(crate) const ZSH_HOOK: &str = include_str!("../../shell/goenv.zsh");

/// `value` as one single-quoted word.
pub(crate) fn quote(value: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(value.len() + 2);
    out.push(b'\'');
    quote_inner(&mut out, value);
    out.push(b'\'');
    out
}

/// The inside of [`quote`], appended to `out`: runs without `'` are copied
/// whole (a PATH of thousands of entries is one value).
fn quote_inner(out: &mut Vec<u8>, value: &[u8]) {
    let mut rest = value;
    while let Some(i) = rest.iter().position(|&b| b == b'\'') {
        out.extend_from_slice(&rest[..i]);
        out.extend_from_slice(b"'\\''");
        rest = &rest[i + 1..];
    }
    out.extend_from_slice(rest);
}

pub(crate) fn render(ops: &[Op], platform: Platform, local_arrays: bool) -> Vec<u8> {
    let mut out = Vec::new();
    for op in ops {
        match op {
            Op::Set { name, value } => {
                out.extend_from_slice(b"export ");
                out.extend_from_slice(name.as_bytes());
                out.push(b'=');
                out.extend_from_slice(&quote(&bytes(value)));
            }
            Op::Unset { name } => {
                out.extend_from_slice(b"unset ");
                out.extend_from_slice(name.as_bytes());
            }
            Op::SetPath { entries } => {
                // The entries joined, quoted as one word, written in place.
                out.extend_from_slice(b"export PATH='");
                for (i, e) in entries.iter().enumerate() {
                    if i > 0 {
                        out.push(platform.list_sep());
                    }
                    quote_inner(&mut out, &bytes(e));
                }
                out.push(b'\'');
            }
            Op::Warn { message } => {
                out.extend_from_slice(b"printf '%s\\n' ");
                out.extend_from_slice(&quote(message.as_bytes()));
                out.extend_from_slice(b" >&2");
            }
            // bash and zsh arrays (a global assignment even inside the hook
            // function), written as shfmt formats them (`a=('x' 'y')`,
            // `a=()`); POSIX sh has no arrays and no hook: nothing.
            Op::Local { name, values } => {
                if !local_arrays {
                    continue;
                }
                out.extend_from_slice(name.as_bytes());
                out.extend_from_slice(b"=(");
                for (i, v) in values.iter().enumerate() {
                    if i > 0 {
                        out.push(b' ');
                    }
                    out.extend_from_slice(&quote(&bytes(v)));
                }
                out.push(b')');
            }
        }
        out.push(b'\n');
    }
    out
}

/// POSIX sh (dash, ash): words and commands as bash writes them.
pub(crate) struct Sh;
/// bash.
pub(crate) struct Bash;
/// zsh.
pub(crate) struct Zsh;

/// What tells sh, bash and zsh apart; everything else of their syntax is
/// one, written once in the [`super::Syntax`] impl below.
pub(crate) trait Flavor {
    /// The program `goenv-hook shells` starts.
    const PROGRAM: &'static str;
    /// The line to paste into the start-up file.
    const INIT_LINE: &'static str;
    /// See [`super::Syntax::prompt_escape`].
    fn prompt_escape(esc: &str) -> String {
        esc.to_string()
    }
    /// See [`super::Syntax::prompt_text`].
    fn prompt_text(text: &str) -> String {
        text.to_string()
    }
}

impl Flavor for Sh {
    /// dash (Debian's /bin/sh), whose start-up files are those of POSIX
    /// sh (`/etc/profile`, `~/.profile`, `$ENV`).
    const PROGRAM: &'static str = "dash";
    const INIT_LINE: &'static str = "eval \"$(goenv-hook init posix)\"";
}

impl Flavor for Bash {
    const PROGRAM: &'static str = "bash";
    const INIT_LINE: &'static str = "eval \"$(goenv-hook init bash)\"";
    fn prompt_escape(esc: &str) -> String {
        // What `\[ \]` become: the only form that works in command
        // substitution output and variables.
        format!("\x01{esc}\x02")
    }
}

impl Flavor for Zsh {
    const PROGRAM: &'static str = "zsh";
    const INIT_LINE: &'static str = "eval \"$(goenv-hook init zsh)\"";
    fn prompt_escape(esc: &str) -> String {
        format!("%{{{esc}%}}")
    }
    fn prompt_text(text: &str) -> String {
        text.replace('%', "%%")
    }
}

impl<F: Flavor> super::Syntax for F {
    fn init_line(&self) -> &'static str {
        F::INIT_LINE
    }
    fn start_programs(&self, _windows: bool) -> &'static [&'static str] {
        // A const promoted to 'static: one element, the program.
        std::slice::from_ref(&F::PROGRAM)
    }
    /// bash, zsh and dash take the same flags: `-l` makes a login shell,
    /// `-i` an interactive one (which reads the interactive start-up files
    /// even with `-c` and without a terminal: stdin is not a tty, so job
    /// control is off and the shell says so on stderr). A login start is
    /// `-l -i`, as a terminal's login shell is both.
    fn start_args(&self, mode: super::StartMode, command: &str) -> Option<Vec<String>> {
        super::login_interactive_c(mode, command)
    }
    /// `exe args…` with every word single-quoted.
    fn run_cmd(&self, exe: &[u8], args: &[&[u8]]) -> Result<String, String> {
        super::command_line("", exe, args, |w| Ok(super::text(quote(w))))
    }
    fn set_cmd(&self, name: &str, value: &str) -> String {
        format!("export {name}={}", self.word(value))
    }
    fn unset_cmd(&self, name: &str) -> String {
        format!("unset {name}")
    }
    fn path_prepend_cmd(&self, dir: &str) -> String {
        let q = self.word(dir);
        if q.starts_with('\'') {
            format!("export PATH={q}\":$PATH\"")
        } else {
            format!("export PATH=\"{dir}:$PATH\"")
        }
    }
    fn word(&self, s: &str) -> String {
        if super::is_plain_word(s) {
            s.to_string()
        } else {
            super::text(quote(s.as_bytes()))
        }
    }
    fn prompt_escape(&self, esc: &str) -> String {
        F::prompt_escape(esc)
    }
    fn prompt_text(&self, text: &str) -> String {
        F::prompt_text(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quote_edge_cases() {
        assert_eq!(quote(b""), b"''");
        assert_eq!(quote(b"'"), b"''\\'''");
        assert_eq!(quote(b"\\"), b"'\\'");
        assert_eq!(quote(b"a b$c`d`"), b"'a b$c`d`'");
        assert_eq!(quote(b"\xff\n"), b"'\xff\n'");
    }

    #[test]
    fn renders_exports() {
        let ops = [
            Op::Set {
                name: "GOPATH".into(),
                value: "/h/it's".into(),
            },
            Op::Unset {
                name: "GOROOT".into(),
            },
            Op::SetPath {
                entries: vec!["/a".into(), "".into(), "/b".into()],
            },
        ];
        assert_eq!(
            render(&ops, Platform::UNIX, true),
            b"export GOPATH='/h/it'\\''s'\nunset GOROOT\nexport PATH='/a::/b'\n"
        );
    }

    #[test]
    fn renders_warnings_and_arrays() {
        let ops = [
            Op::Warn {
                message: "it's $x".into(),
            },
            Op::Local {
                name: "__goenv_hook_watch".into(),
                values: vec!["/a b".into(), "it's".into()],
            },
            Op::Local {
                name: "__goenv_hook_absent".into(),
                values: vec![],
            },
        ];
        assert_eq!(
            render(&ops, Platform::UNIX, true),
            b"printf '%s\\n' 'it'\\''s $x' >&2\n__goenv_hook_watch=('/a b' 'it'\\''s')\n__goenv_hook_absent=()\n"
        );
        assert_eq!(
            render(&ops, Platform::UNIX, false),
            b"printf '%s\\n' 'it'\\''s $x' >&2\n"
        );
    }
}
