//! A start-up file's lines as text: comments, goenv-hook's init line,
//! variable assignments, sourced files. Pure (the files are read by the
//! parent module).

use crate::facts::startup::Assign;
use crate::shell::Shell;

pub(super) fn strip_comment(l: &str) -> &str {
    // ` #` starts a comment in sh-like shells (good enough for detection).
    match l.find(" #") {
        Some(i) if !l[..i].contains(['\'', '"']) => &l[..i],
        _ => l,
    }
}

/// `goenv-hook init …` / `goenv-hook hook …` (any path, `.exe`, quotes).
pub(super) fn is_init_line(l: &str) -> bool {
    let mut rest = l;
    while let Some(i) = rest.find("goenv-hook") {
        let after = &rest[i + "goenv-hook".len()..];
        let a = after.strip_prefix(".exe").unwrap_or(after);
        let a = a.trim_start_matches(['"', '\'']);
        if a.starts_with([' ', '\t']) {
            let w = a.trim_start();
            if w.starts_with("init") || w.starts_with("hook ") || w == "hook" {
                // `goenv-hook init nu | save …` only writes the file.
                if !(w.starts_with("init nu") && w.contains("save")) {
                    return true;
                }
            }
        }
        rest = after;
    }
    false
}

pub(super) fn nu_init_line(l: &str) -> bool {
    let words: Vec<&str> = l.split_whitespace().collect();
    let first = words.first().copied().unwrap_or("");
    if (first == "source" || first == "use" || first == "source-env") && l.contains("goenv") {
        return true;
    }
    (first == "plugin"
        && words.get(1) == Some(&"use")
        && words.get(2).is_some_and(|w| w.contains("goenv")))
        || (first == "plugin" && words.get(1) == Some(&"add") && l.contains("nu_plugin_goenv"))
}

/// The lines of a start-up file of `shell` that assign, export or add to
/// an environment variable (see [`Assign`]); comments skipped. Textual:
/// a line is split into commands at `;`, `&&`, `||` and `|`, and each
/// command read by its first words.
pub(super) fn assignments(shell: Shell, text: &str) -> Vec<Assign> {
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let l = line.trim();
        if l.is_empty() || l.starts_with('#') {
            continue;
        }
        let l = strip_comment(l);
        let mut names: Vec<(String, bool)> = Vec::new();
        for cmd in l.split([';', '|', '&']) {
            let words: Vec<&str> = cmd.split_whitespace().collect();
            let words = match words.first() {
                Some(&("then" | "do" | "else" | "{" | "and" | "or" | "begin")) => &words[1..],
                _ => &words[..],
            };
            names.extend(assigned_names(shell, words));
        }
        // One entry a name (`GOBIN=x; export GOBIN`), exported if any is.
        names.dedup_by(|a, b| {
            a.0 == b.0 && {
                b.1 |= a.1;
                true
            }
        });
        for (name, exported) in names {
            out.push(Assign {
                name,
                line: n + 1,
                text: l.to_string(),
                exported,
            });
        }
    }
    out
}

fn valid_name(s: &str) -> bool {
    s.bytes()
        .next()
        .is_some_and(|b| b.is_ascii_alphabetic() || b == b'_')
        && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
}

/// `NAME=…` or `NAME+=…`: the name.
fn assignment_word(w: &str) -> Option<&str> {
    let (n, _) = w.split_once('=')?;
    let n = n.strip_suffix('+').unwrap_or(n);
    valid_name(n).then_some(n)
}

/// The names a command assigns, each with whether it exports it (puts it
/// in the environment of the programs the shell starts).
fn assigned_names(shell: Shell, words: &[&str]) -> Vec<(String, bool)> {
    let Some(&first) = words.first() else {
        return Vec::new();
    };
    match shell {
        Shell::Bash | Shell::Zsh | Shell::Posix => {
            let rest = match first {
                "export" | "declare" | "typeset" | "local" | "readonly" => &words[1..],
                // An array: `path=(/g/bin $path)` (zsh).
                w if assignment_word(w).is_some()
                    && w.split_once('=').is_some_and(|(_, v)| v.starts_with('(')) =>
                {
                    &words[..1]
                }
                _ => {
                    // Only assignments (`A=1 B=2`), not `A=1 cmd`.
                    if !words.iter().all(|w| assignment_word(w).is_some()) {
                        return Vec::new();
                    }
                    words
                }
            };
            let flag_x = rest.iter().any(|w| w.starts_with('-') && w.contains('x'));
            let exported = first == "export" || flag_x;
            if matches!(first, "declare" | "typeset" | "local")
                && !flag_x
                && !rest
                    .iter()
                    .any(|w| assignment_word(w).is_some_and(is_path_like))
            {
                return Vec::new();
            }
            rest.iter()
                .filter(|w| !w.starts_with('-'))
                .filter_map(|w| {
                    assignment_word(w).or_else(|| (first == "export" && valid_name(w)).then_some(w))
                })
                .map(|n| {
                    if shell == Shell::Zsh && n == "path" {
                        "PATH"
                    } else {
                        n
                    }
                })
                .map(|n| (n.to_string(), exported))
                .collect()
        }
        Shell::Fish => match first {
            "fish_add_path" => vec![("PATH".to_string(), true)],
            "set" => {
                let flags: Vec<&&str> = words[1..]
                    .iter()
                    .take_while(|w| w.starts_with('-'))
                    .collect();
                let Some(name) = words.get(1 + flags.len()) else {
                    return Vec::new();
                };
                let export = flags
                    .iter()
                    .any(|f| **f == "--export" || (!f.starts_with("--") && f.contains('x')));
                let query = flags
                    .iter()
                    .any(|f| matches!(**f, "-q" | "--query" | "-e" | "--erase" | "-n" | "--names"));
                (valid_name(name) && !query && (export || is_path_like(name)))
                    .then(|| (name.to_string(), export))
                    .into_iter()
                    .collect()
            }
            _ => Vec::new(),
        },
        Shell::Nu => {
            if first == "path" && words.get(1) == Some(&"add") {
                return vec![("PATH".to_string(), true)];
            }
            let Some(rest) = first.strip_prefix("$env.") else {
                return Vec::new();
            };
            let (name, after) = match rest.split_once('=') {
                Some((n, a)) => (n, Some(a)),
                None => (rest, None),
            };
            let name = name
                .trim_end_matches(['+', '-'])
                .trim_matches(['"', '\'', '`']);
            let assigns = after.is_some()
                || words
                    .get(1)
                    .is_some_and(|w| matches!(*w, "=" | "++=" | "+=" | "-="));
            (assigns && valid_name(name))
                .then(|| (name.to_string(), true))
                .into_iter()
                .collect()
        }
        Shell::Pwsh => {
            let lower = first.to_ascii_lowercase();
            if let Some(rest) = lower.strip_prefix("$env:") {
                let name = &first[5..5 + rest.split(['=', '+']).next().unwrap_or("").len()];
                let assigns = first.contains('=')
                    || words
                        .get(1)
                        .is_some_and(|w| w.starts_with('=') || w.starts_with("+="));
                return (assigns && valid_name(name))
                    .then(|| (name.to_string(), true))
                    .into_iter()
                    .collect();
            }
            if lower.starts_with("[environment]::setenvironmentvariable(") {
                let arg = first.split_once('(').map(|x| x.1).unwrap_or("");
                let name = arg.trim_matches(['"', '\'', ',']);
                return valid_name(name)
                    .then(|| (name.to_string(), true))
                    .into_iter()
                    .collect();
            }
            Vec::new()
        }
        Shell::Cmd => Vec::new(),
    }
}

fn is_path_like(n: &str) -> bool {
    n.eq_ignore_ascii_case("PATH") || n == "fish_user_paths"
}

/// Paths after `.` / `source` command words in a line.
pub(super) fn source_targets(l: &str) -> Vec<String> {
    let cleaned: String = l
        .chars()
        .map(|c| if ";&|()".contains(c) { ' ' } else { c })
        .collect();
    let toks: Vec<&str> = cleaned.split_whitespace().collect();
    let mut out = Vec::new();
    for (i, t) in toks.iter().enumerate() {
        if (*t == "." || *t == "source" || *t == "source-env") && i + 1 < toks.len() {
            let arg = toks[i + 1].trim_matches(['"', '\'']);
            if arg.contains('/') || arg.starts_with('~') || arg.starts_with('$') {
                out.push(arg.to_string());
            }
        }
    }
    out
}
