//! fish.
//!
//! Quoting rule: inside fish single quotes only `\\` and `\'` are escapes
//! (any other backslash is literal, but a trailing one would escape the
//! closing quote), so every `\` becomes `\\` and every `'` becomes `\'`.
//! fish strings can't hold raw invalid UTF-8 from a script, so each byte of
//! an invalid UTF-8 sequence is written outside the quotes as fish's byte
//! escape `\XHH`, concatenated with the quoted parts (`'a'\XFF'b'`); fish
//! exports those bytes unchanged (tested by tests/roundtrip.rs). An empty
//! value is `''`.
//!
//! Output: `set -gx NAME 'v'`, `set -e NAME`, and PATH as a list:
//! `set -gx PATH 'a' 'b' …` (no arguments = empty PATH). fish exports an
//! empty PATH element as `.` (same meaning: the current directory), so an
//! empty entry can't round-trip byte for byte through fish.

use super::live;
use super::Op;
use crate::sys::platform::bytes;
use std::ffi::OsString;

pub(crate) const HOOK: &str = include_str!("../../shell/goenv.fish");

/// `value` as one fish word.
pub(crate) fn quote(value: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(value.len() + 2);
    let mut open = false;
    let mut rest = value;
    while !rest.is_empty() {
        let (valid, invalid) = match std::str::from_utf8(rest) {
            Ok(s) => (s, &[][..]),
            Err(e) => {
                let (v, after) = rest.split_at(e.valid_up_to());
                let bad = e.error_len().unwrap_or(after.len());
                (std::str::from_utf8(v).expect("valid prefix"), &after[..bad])
            }
        };
        if !valid.is_empty() {
            if !open {
                out.push(b'\'');
                open = true;
            }
            for c in valid.bytes() {
                if c == b'\\' || c == b'\'' {
                    out.push(b'\\');
                }
                out.push(c);
            }
        }
        if !invalid.is_empty() {
            if open {
                out.push(b'\'');
                open = false;
            }
            for b in invalid {
                out.extend_from_slice(format!("\\X{b:02X}").as_bytes());
            }
        }
        rest = &rest[valid.len() + invalid.len()..];
    }
    if open || out.is_empty() {
        if out.is_empty() {
            out.push(b'\'');
        }
        out.push(b'\'');
    }
    out
}

pub(crate) fn render(ops: &[Op], current: Option<&[&[u8]]>) -> Vec<u8> {
    let mut out = Vec::new();
    for op in ops {
        match op {
            Op::SetPath { entries }
                if current.is_some_and(|c| render_edit(&mut out, c, entries)) => {}
            Op::Set { name, value } => {
                out.extend_from_slice(b"set -gx ");
                out.extend_from_slice(name.as_bytes());
                out.push(b' ');
                out.extend_from_slice(&quote(&bytes(value)));
            }
            Op::Unset { name } => {
                out.extend_from_slice(b"set -e ");
                out.extend_from_slice(name.as_bytes());
            }
            Op::SetPath { entries } => {
                out.extend_from_slice(b"set -gx PATH");
                for e in entries {
                    out.push(b' ');
                    out.extend_from_slice(&quote(&bytes(e)));
                }
            }
            Op::Warn { message } => {
                out.extend_from_slice(b"printf '%s\\n' ");
                out.extend_from_slice(&quote(message.as_bytes()));
                out.extend_from_slice(b" >&2");
            }
            Op::Local { name, values } => {
                out.extend_from_slice(b"set -g ");
                out.extend_from_slice(name.as_bytes());
                for v in values {
                    out.push(b' ');
                    out.extend_from_slice(&quote(&bytes(v)));
                }
            }
        }
        out.push(b'\n');
    }
    out
}

/// PATH as an edit of the `current` PATH the shell holds (see [`live`]):
/// `test "$PATH[i]" = 'x'; and … set -e PATH[i..j]` for the run taken out
/// (each entry checked, so a copy evaluated later against another PATH
/// takes out no entry of the user's), then `set -gxp PATH 'new' …`
/// (prepend: a third of the cost of `set -gx PATH 'new' $PATH`, which
/// expands the list into arguments). fish holds PATH as the list the process got split at `:`
/// (it splits any value with `:` it is given, and exports an empty element
/// as `.`, which [`live::edit`] never takes), so the indexes are the same.
fn render_edit(out: &mut Vec<u8>, current: &[&[u8]], entries: &[OsString]) -> bool {
    let Some(e) = live::edit(current, entries) else {
        return false;
    };
    if e.cut.0 < e.cut.1 {
        // Only where those entries are still there (a copy of the output
        // evaluated later, against another PATH, must not take out a user's
        // entry; PATH is then left to the first prompt's hook).
        let (i, j) = (e.cut.0 + 1, e.cut.1);
        for (k, x) in e.old[e.cut.0..e.cut.1].iter().enumerate() {
            if k > 0 {
                out.extend_from_slice(b"; and ");
            }
            out.extend_from_slice(format!("test \"$PATH[{}]\" = ", i + k).as_bytes());
            out.extend_from_slice(&quote(x));
        }
        out.extend_from_slice(format!("; and set -e PATH[{i}..{j}]").as_bytes());
        if !e.front.is_empty() {
            out.push(b'\n');
        }
    }
    if !e.front.is_empty() {
        out.extend_from_slice(b"set -gxp PATH");
        for f in e.front {
            out.push(b' ');
            out.extend_from_slice(&quote(&bytes(f)));
        }
    }
    true
}

/// fish.
pub(crate) struct Fish;

impl super::Syntax for Fish {
    fn start_programs(&self, _windows: bool) -> &'static [&'static str] {
        &["fish"]
    }
    /// VS Code starts fish with `--init-command 'source …'`.
    fn value_options(&self) -> &'static [&'static str] {
        &[
            "-C",
            "--init-command",
            "-d",
            "--debug",
            "-o",
            "--debug-output",
            "-f",
            "--features",
            "--debug-stack-frames",
        ]
    }
    /// `-l` a login shell, `-i` an interactive one (config.fish's
    /// `status is-interactive` and `status is-login` then hold, also with
    /// `-c` and no terminal).
    fn start_args(&self, mode: super::StartMode, command: &str) -> Option<Vec<String>> {
        super::login_interactive_c(mode, command)
    }
    fn run_cmd(&self, exe: &[u8], args: &[&[u8]]) -> Result<String, String> {
        super::command_line("", exe, args, |w| Ok(super::text(quote(w))))
    }
    fn init_line(&self) -> &'static str {
        "goenv-hook init fish | source"
    }
    fn set_cmd(&self, name: &str, value: &str) -> String {
        format!("set -gx {name} {}", self.word(value))
    }
    fn unset_cmd(&self, name: &str) -> String {
        format!("set -e {name}")
    }
    fn path_prepend_cmd(&self, dir: &str) -> String {
        format!("fish_add_path {}", self.word(dir))
    }
    fn word(&self, s: &str) -> String {
        if super::is_plain_word(s) {
            s.to_string()
        } else {
            super::text(quote(s.as_bytes()))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quote_edge_cases() {
        assert_eq!(quote(b""), b"''");
        assert_eq!(quote(b"'"), b"'\\''");
        assert_eq!(quote(b"\\"), b"'\\\\'");
        assert_eq!(quote(b"a\\"), b"'a\\\\'");
        assert_eq!(quote(b"$x (y)"), b"'$x (y)'");
        assert_eq!(quote(b"a\xffb"), b"'a'\\XFF'b'");
        assert_eq!(quote(b"\xff\xfe"), b"\\XFF\\XFE");
        assert_eq!(quote(b"\xe2\x82"), b"\\XE2\\X82");
    }

    #[test]
    fn path_is_a_list() {
        let ops = [Op::SetPath {
            entries: vec!["/a b".into(), "".into()],
        }];
        assert_eq!(render(&ops, None), b"set -gx PATH '/a b' ''\n");
        assert_eq!(
            render(&[Op::SetPath { entries: vec![] }], None),
            b"set -gx PATH\n"
        );
    }
}
