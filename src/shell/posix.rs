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
use crate::platform::{bytes, Platform};

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
