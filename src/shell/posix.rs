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

use super::live;
use super::Op;
use crate::sys::platform::{bytes, Platform};
use std::ffi::OsString;

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

pub(crate) fn render(
    ops: &[Op],
    platform: Platform,
    arrays: bool,
    offsets: bool,
    current: Option<&[&[u8]]>,
) -> Vec<u8> {
    let mut out = Vec::new();
    for op in ops {
        match op {
            Op::SetPath { entries }
                if current.is_some_and(|c| render_edit(&mut out, c, entries, offsets)) => {}
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
                if !arrays {
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

/// PATH as an edit of the `current` PATH the shell holds (see [`live`]),
/// appended to `out` when that is shorter than the whole PATH:
/// `PATH='new:'$PATH`, with a run of current entries taken out. With
/// `offsets` (zsh, where patterns over a long value are slow) by offset,
/// `${PATH:0:n}${PATH:m}`, when the current PATH is ASCII (offsets count
/// characters of the locale, which are bytes only for ASCII), behind a
/// check that the text cut is there; otherwise, and in bash and sh (where
/// patterns are the cheaper), by a literal pattern: `${PATH#'a:b:'}` at
/// the start, `${PATH%':y:z'}` at the end, in the middle
/// `${PATH%':x:rest'}:'rest'` or `'head:'${PATH#'head:x:'}`, whichever
/// writes fewer bytes (never a `*`: quadratic in all three shells, and a
/// literal pattern that does not match takes nothing out, so even a stale
/// copy of the output loses no entry). A plain
/// assignment: PATH is exported already (the process inherited it), and
/// the right-hand side of an assignment is neither split nor globbed.
/// Quoted pattern bytes match literally in bash, zsh and dash, invalid
/// UTF-8 included (tests/roundtrip_live.rs). Entries are joined with `:`
/// (never called on Windows).
fn render_edit(out: &mut Vec<u8>, current: &[&[u8]], entries: &[OsString], offsets: bool) -> bool {
    // bash matches patterns by characters: over bytes that are no UTF-8 a
    // literal pattern may not match (found by tests/roundtrip_live.rs).
    if current.iter().any(|x| std::str::from_utf8(x).is_err()) {
        return false;
    }
    let Some(e) = live::edit(current, entries) else {
        return false;
    };
    let join = |l: &[OsString]| bytes(&Platform::UNIX.join_list(l)).into_owned();
    let join_held = |l: &[&[u8]]| l.join(&b':');
    let (c0, c1, n) = (e.cut.0, e.cut.1, e.old.len());
    let mut rhs = Vec::new();
    if !e.front.is_empty() {
        let mut f = join(e.front);
        f.push(b':');
        rhs.extend(quote(&f));
    }
    let cat = |parts: &[&[u8]]| parts.concat();
    let (head, cut, rest) = (
        join_held(&e.old[..c0]),
        join_held(&e.old[c0..c1]),
        join_held(&e.old[c1..]),
    );
    let ascii = offsets && e.old.iter().all(|x| x.is_ascii());
    // zsh's offsets: only where the text to cut is still there (a copy of
    // the output evaluated later, against another PATH, must not cut
    // entries apart; PATH is then left to the first prompt's hook).
    let mut guard = Vec::new();
    if c0 == c1 {
        rhs.extend_from_slice(b"$PATH");
    } else if ascii {
        // old = head ':' cut ':' rest, with head or rest absent at an end.
        let (at, text) = match (c0 > 0, c1 < n) {
            (true, true) => (head.len(), cat(&[b":", &cut, b":"])),
            (true, false) => (head.len(), cat(&[b":", &cut])),
            _ => (0, cat(&[&cut, b":"])),
        };
        let slice = if c1 < n {
            format!("${{PATH:{at}:{}}}", text.len())
        } else {
            format!("${{PATH:{at}}}")
        };
        guard = cat(&[b"[[ ", slice.as_bytes(), b" == ", &quote(&text), b" ]] && "]);
        if c0 > 0 {
            rhs.extend(format!("${{PATH:0:{}}}", head.len()).bytes());
        }
        if c1 < n {
            rhs.extend(format!("${{PATH:{}}}", at + text.len() - usize::from(c0 > 0)).bytes());
        }
    } else if c0 == 0 {
        rhs.extend(cat(&[b"${PATH#", &quote(&cat(&[&cut, b":"])), b"}"]));
    } else if c1 == n {
        rhs.extend(cat(&[b"${PATH%", &quote(&cat(&[b":", &cut])), b"}"]));
    } else if rest.len() <= head.len() {
        // Literal patterns only (no `*`): against another PATH they take
        // nothing out, so no entry is lost.
        rhs.extend(cat(&[
            b"${PATH%",
            &quote(&cat(&[b":", &cut, b":", &rest])),
            b"}:",
            &quote(&rest),
        ]));
    } else {
        let h = cat(&[&head, b":"]);
        rhs.extend(cat(&[
            &quote(&h),
            b"${PATH#",
            &quote(&cat(&[&h, &cut, b":"])),
            b"}",
        ]));
    }
    let whole_len: usize = entries.iter().map(|x| x.len() + 1).sum();
    if guard.len() + rhs.len() >= whole_len {
        return false;
    }
    out.extend(guard);
    out.extend_from_slice(b"PATH=");
    out.extend(rhs);
    true
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
    /// See [`super::Syntax::value_options`].
    const VALUE_OPTIONS: &'static [&'static str] = &["-o", "+o"];
    /// See [`super::Syntax::unexport_cmd`] (dash can't unexport: `unset`).
    fn unexport_cmd(name: &str) -> String {
        format!("unset {name}")
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
    const VALUE_OPTIONS: &'static [&'static str] =
        &["--rcfile", "--init-file", "-o", "+o", "-O", "+O"];
    fn unexport_cmd(name: &str) -> String {
        format!("export -n {name}")
    }
    fn prompt_escape(esc: &str) -> String {
        // What `\[ \]` become: the only form that works in command
        // substitution output and variables.
        format!("\x01{esc}\x02")
    }
}

impl Flavor for Zsh {
    const PROGRAM: &'static str = "zsh";
    const INIT_LINE: &'static str = "eval \"$(goenv-hook init zsh)\"";
    const VALUE_OPTIONS: &'static [&'static str] = &["-o", "+o", "--emulate"];
    fn unexport_cmd(name: &str) -> String {
        format!("typeset +x {name}")
    }
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
    fn unexport_cmd(&self, name: &str) -> String {
        F::unexport_cmd(name)
    }
    fn value_options(&self) -> &'static [&'static str] {
        F::VALUE_OPTIONS
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
            render(&ops, Platform::UNIX, true, false, None),
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
            render(&ops, Platform::UNIX, true, false, None),
            b"printf '%s\\n' 'it'\\''s $x' >&2\n__goenv_hook_watch=('/a b' 'it'\\''s')\n__goenv_hook_absent=()\n"
        );
        assert_eq!(
            render(&ops, Platform::UNIX, false, false, None),
            b"printf '%s\\n' 'it'\\''s $x' >&2\n"
        );
    }
}
