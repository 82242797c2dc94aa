//! Nushell.
//!
//! Quoting rule: raw strings `r#'…'#`, in which nothing is special. The
//! string ends at the first `'` followed by n `#`, and Nushell's lexer looks
//! for that closer starting at the opening quote (measured with nu 0.115.1:
//! `r#'#'#` fails with "Unclosed delimiter"). So n is the smallest n ≥ 1 such
//! that `'` + n×`#` does not occur in `'` + value. Strings are text: invalid
//! UTF-8 is a RenderError.
//!
//! Output (`render_env`): consecutive sets as one `load-env { NAME: r#'v'#, … }`,
//! `hide-env -i NAME`, and `$env.PATH = [r#'a'#, …]`: PATH stays a list
//! (`$env.Path` on Windows). Nushell joins the list with the platform's
//! separator when it exports PATH and silently drops PATH from child
//! processes if an item contains that separator (nu 0.115.1), so the items
//! are the entries joined and split again (`['/a:/b']` → `['/a', '/b']`):
//! the same PATH every string shell gets. The hook itself uses `render_json`.
//!
//! The init (`shell/goenv.nu`, saved to a file and sourced from config.nu)
//! adds one hook record `{__goenv_hook: true, code: {|| …}}` to
//! `$env.config.hooks.pre_prompt` and `env_change.PWD` in one assignment of
//! `$env.config.hooks` (each assignment of `$env.config` re-reads the whole
//! config), dropping an earlier record of ours (`where` runs only when
//! `describe` shows one: a closure costs a copy of the stack) and keeping
//! other hooks, then runs the hook at once. The hook runs
//! `goenv-hook hook nu --session <pid>`, whose JSON (`{"set":{..},
//! "unset":[..],"path":[..]|null,"warn":[..],"local":{..}}`, empty when
//! nothing changed) `__goenv_hook_load` applies only when it exited 0:
//! `from json -s` (strict: half the cost of the default parser), `hide-env`
//! the unset names, one `load-env` for the set record and `PATH` (Nushell
//! 0.115's `$env` is case-insensitive, so this is `Path` on Windows).
//! `try` around the run (a missing executable is an error) sets
//! `$env.LAST_EXIT_CODE`, which is restored. On failure one line is printed
//! per nu process (`__GOENV_HOOK_WARNED` holds `$nu.pid`, so a child nu that
//! inherits it still warns once). Fast path: `$env.__goenv_hook_fast` (a
//! record, never exported) holds the key (the variables goenv-hook reads)
//! and the JSON's `local` lists; same key, no absent file there, the stamp
//! and the watched files there (`ls -D` lists them in argument order) and
//! none newer than the stamp: no process.
//!
//! Nushell parses the whole file at every start: each call of a builtin
//! (its signature is built anew, 40–130 k instructions: `ls` and `if` are
//! dear), each `def`, and every character once per enclosing block,
//! parenthesis, list or record (the lexer runs again at each level, about
//! 150 instructions a character) cost start-up time. So the file is flat
//! and terse, and its comments (dropped by `init`) stay out of the header.

use super::{path_name, utf8, Op, RenderError, Shell};
use crate::sys::platform::{bytes, Platform};

/// The line that makes the Nushell plugin follow `cd` (README: Nushell
/// plugin), as doctor's fix names it.
pub(crate) const PLUGIN_HOOK_LINE: &str = "$env.config.hooks.env_change.PWD = ($env.config.hooks.env_change.PWD? | default [] | append {|_, _| goenv activate })";

pub(crate) const HOOK: &str = include_str!("../../shell/goenv.nu");

/// The number of `#` the raw string for `value` needs.
pub(crate) fn hashes(value: &str) -> usize {
    let hay = format!("'{value}");
    let mut n = 1;
    loop {
        let closer = format!("'{}", "#".repeat(n));
        if !hay.contains(&closer) {
            return n;
        }
        n += 1;
    }
}

/// `value` as a Nushell raw string.
pub(crate) fn quote(value: &str) -> Vec<u8> {
    let h = "#".repeat(hashes(value));
    format!("r{h}'{value}'{h}").into_bytes()
}

pub(crate) fn render(ops: &[Op], platform: Platform) -> Result<Vec<u8>, RenderError> {
    let mut out = Vec::new();
    let mut in_load_env = false;
    for op in ops {
        if in_load_env && !matches!(op, Op::Set { .. }) {
            out.extend_from_slice(b"}\n");
            in_load_env = false;
        }
        match op {
            Op::Set { name, value } => {
                let v = bytes(value);
                let v = utf8(Shell::Nu, name, &v)?;
                if !in_load_env {
                    out.extend_from_slice(b"load-env {\n");
                    in_load_env = true;
                }
                out.extend_from_slice(format!("    {name}: ").as_bytes());
                out.extend_from_slice(&quote(v));
                out.push(b'\n');
            }
            Op::Unset { name } => out.extend_from_slice(format!("hide-env -i {name}\n").as_bytes()),
            Op::Warn { message } => {
                out.extend_from_slice(b"print -e ");
                out.extend_from_slice(&quote(message));
                out.push(b'\n');
            }
            Op::Local { .. } => {}
            Op::SetPath { entries } => {
                let name = path_name(Shell::Nu, platform);
                out.extend_from_slice(format!("$env.{name} = [").as_bytes());
                let items = platform.split_list(&platform.join_list(entries));
                for (i, e) in items.iter().enumerate() {
                    let e = bytes(e);
                    if i > 0 {
                        out.extend_from_slice(b", ");
                    }
                    out.extend_from_slice(&quote(utf8(Shell::Nu, name, &e)?));
                }
                out.extend_from_slice(b"]\n");
            }
        }
    }
    if in_load_env {
        out.extend_from_slice(b"}\n");
    }
    Ok(out)
}

/// Nushell.
pub(crate) struct Nu;

impl super::Syntax for Nu {
    fn start_programs(&self, _windows: bool) -> &'static [&'static str] {
        &["nu"]
    }
    /// `-e` runs its command and stays interactive; `-c`/`--commands` don't.
    fn value_options(&self) -> &'static [&'static str] {
        &[
            "--config",
            "--env-config",
            "--plugin-config",
            "--plugins",
            "--log-level",
            "--log-target",
            "--log-include",
            "--log-exclude",
            "-e",
            "--execute",
            "-I",
            "--include-path",
            "-m",
            "--table-mode",
            "--error-style",
            "--experimental-options",
        ]
    }
    /// `nu -c` reads no start-up files, even with `-i`; `-e` runs the
    /// command after env.nu, config.nu and the autoload files (and with
    /// `-l` login.nu) and would then start the REPL: the command ends with
    /// `exit`. `--no-history`: nothing is written to the user's history.
    fn start_args(&self, mode: super::StartMode, command: &str) -> Option<Vec<String>> {
        let mut a: Vec<String> = vec!["--no-history".into()];
        if mode == super::StartMode::Login {
            a.push("-l".into());
        }
        a.push("-e".into());
        a.push(format!("{command}; exit"));
        Some(a)
    }
    /// `run-external` with every word a Nushell string (text only).
    fn run_cmd(&self, exe: &[u8], args: &[&[u8]]) -> Result<String, String> {
        super::command_line("run-external ", exe, args, |w| {
            super::text_word(w, "a Nushell string", quote)
        })
    }
    fn init_line(&self) -> &'static str {
        "source ($nu.default-config-dir | path join goenv.nu)"
    }
    fn set_cmd(&self, name: &str, value: &str) -> String {
        format!("$env.{name} = {}", self.word(value))
    }
    fn unset_cmd(&self, name: &str) -> String {
        format!("hide-env {name}")
    }
    fn path_prepend_cmd(&self, dir: &str) -> String {
        format!("$env.PATH = ($env.PATH | prepend {})", self.word(dir))
    }
    /// The whole `NAME=value` quoted: a quote inside a bare word is literal
    /// in Nushell.
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
    fn hash_count_rule() {
        assert_eq!(quote(""), b"r#''#");
        assert_eq!(quote("'"), b"r#'''#");
        assert_eq!(quote("\\"), b"r#'\\'#");
        assert_eq!(quote("#"), b"r##'#'##");
        assert_eq!(quote("#a"), b"r##'#a'##");
        assert_eq!(quote("a#"), b"r#'a#'#");
        assert_eq!(quote("'#"), b"r##''#'##");
        assert_eq!(quote("##"), b"r###'##'###");
        assert_eq!(quote("x'##y"), b"r###'x'##y'###");
        assert_eq!(quote("a'"), b"r#'a''#");
    }

    #[test]
    fn renders_load_env_and_list_path() {
        let ops = [
            Op::Set {
                name: "A".into(),
                value: "1".into(),
            },
            Op::Set {
                name: "B".into(),
                value: "#".into(),
            },
            Op::Unset { name: "C".into() },
            Op::SetPath {
                entries: vec!["/a".into(), "/b".into()],
            },
        ];
        assert_eq!(
            String::from_utf8(render(&ops, Platform::UNIX).unwrap()).unwrap(),
            "load-env {\n    A: r#'1'#\n    B: r##'#'##\n}\nhide-env -i C\n$env.PATH = [r#'/a'#, r#'/b'#]\n"
        );
        assert!(String::from_utf8(render(&ops, Platform::WINDOWS).unwrap())
            .unwrap()
            .contains("$env.Path = ["));
    }

    #[test]
    fn path_items_never_contain_the_separator() {
        let ops = [Op::SetPath {
            entries: vec!["/a:/b".into(), "".into()],
        }];
        assert_eq!(
            render(&ops, Platform::UNIX).unwrap(),
            b"$env.PATH = [r#'/a'#, r#'/b'#, r#''#]\n"
        );
    }

    #[cfg(unix)]
    #[test]
    fn invalid_utf8_is_refused() {
        use std::os::unix::ffi::OsStringExt;
        let bad = std::ffi::OsString::from_vec(b"a\xff".to_vec());
        let e = render(
            &[Op::Set {
                name: "X".into(),
                value: bad.clone(),
            }],
            Platform::UNIX,
        )
        .unwrap_err();
        assert_eq!((e.shell, e.name.as_str()), (Shell::Nu, "X"));
        let e = render(&[Op::SetPath { entries: vec![bad] }], Platform::UNIX).unwrap_err();
        assert_eq!(e.name, "PATH");
    }
}
