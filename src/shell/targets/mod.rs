//! Outputs for places without a shell hook (`goenv-hook env github|dockerfile|
//! systemd|dotenv|gitlab`), and `env json`.
//!
//! # What these outputs contain
//!
//! Unlike `env <shell>` and `env json`, which print the *difference* between
//! this process's environment and the plan (what a running shell must change),
//! these formats print the plan's *whole* Go environment, as it applies to a
//! clean environment: a CI step, a container image or a user session starts
//! from its own environment, not from this process's. That is:
//!
//! - every variable the plan sets (config `gopath`, `gobin`, `[env]`,
//!   `goroot = "export"`, `gotoolchain_local`), in plan order; a variable the
//!   plan unsets (e.g. a stray `GOROOT` under the default `goroot = "unset"`
//!   policy) is written as an empty value, which Go treats as unset (none of
//!   these formats can remove a variable);
//! - the managed PATH block (the toolchain's `bin`, then GOBIN, then config
//!   `path.extra`) put in front of the existing PATH: `$GITHUB_PATH` lines,
//!   `ENV PATH="…:${PATH}"`, `PATH="…${PATH:+:$PATH}"` (environment.d);
//!   dotenv and GitLab's dotenv report have no expansion of the job's own
//!   PATH, so they get the full PATH value computed from this process's PATH.
//!
//! goenv-hook's own bookkeeping variables (`GOENV_HOOK_STATE`,
//! `GOENV_HOOK_PROMPT`) are never written: no hook runs there.
//!
//! Every value must be valid UTF-8 without NUL (they are text formats); a
//! value a format cannot carry is an [`OutputError`] naming the variable and
//! the format (exit 1), never a silently mangled line.

pub mod json;

use crate::sys::platform::{bytes, Platform};
use std::ffi::OsString;
use std::fmt;
use std::str::FromStr;

/// The formats for places without a shell hook.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// GitHub Actions `$GITHUB_ENV` / `$GITHUB_PATH` files.
    Github,
    /// Dockerfile `ENV` instructions.
    Dockerfile,
    /// A systemd `environment.d(5)` file.
    Systemd,
    /// A `.env` file.
    Dotenv,
    /// GitLab CI's dotenv report (`artifacts:reports:dotenv`).
    Gitlab,
}

impl Format {
    pub const ALL: [Format; 5] = [
        Format::Github,
        Format::Dockerfile,
        Format::Systemd,
        Format::Dotenv,
        Format::Gitlab,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Format::Github => "github",
            Format::Dockerfile => "dockerfile",
            Format::Systemd => "systemd",
            Format::Dotenv => "dotenv",
            Format::Gitlab => "gitlab",
        }
    }
}

impl FromStr for Format {
    type Err = ();
    fn from_str(s: &str) -> Result<Format, ()> {
        Ok(match s {
            "github" | "github-actions" => Format::Github,
            "dockerfile" | "docker" => Format::Dockerfile,
            "systemd" | "environment.d" => Format::Systemd,
            "dotenv" | ".env" => Format::Dotenv,
            "gitlab" | "gitlab-ci" => Format::Gitlab,
            _ => return Err(()),
        })
    }
}

/// A value (or name) a format cannot carry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OutputError {
    pub format: Format,
    pub name: String,
    pub message: String,
}

impl fmt::Display for OutputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "cannot write {} in the {} format: {}",
            self.name,
            self.format.name(),
            self.message
        )
    }
}

impl std::error::Error for OutputError {}

/// The whole Go environment of a plan, for a clean environment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Target {
    /// Variables in plan order; None: unset (written as empty).
    pub vars: Vec<(String, Option<OsString>)>,
    /// The managed PATH entries, first first (deduplicated).
    pub path: Vec<OsString>,
    /// PATH with the managed block in front of this process's PATH (for
    /// formats without expansion).
    pub(crate) full_path: Option<OsString>,
    pub platform: Platform,
}

fn err(format: Format, name: &str, message: impl Into<String>) -> OutputError {
    OutputError {
        format,
        name: name.to_string(),
        message: message.into(),
    }
}

fn check_name(format: Format, name: &str) -> Result<(), OutputError> {
    let ok = name
        .bytes()
        .next()
        .is_some_and(|b| b.is_ascii_alphabetic() || b == b'_')
        && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_');
    if ok {
        Ok(())
    } else {
        Err(err(
            format,
            name,
            "the name is not a valid variable name ([A-Za-z_][A-Za-z0-9_]*)",
        ))
    }
}

/// The value as UTF-8 text without NUL.
fn text(format: Format, name: &str, v: &OsString) -> Result<String, OutputError> {
    let b = bytes(v);
    let s = std::str::from_utf8(&b)
        .map_err(|_| err(format, name, "the value is not valid UTF-8"))?
        .to_string();
    if s.contains('\0') {
        return Err(err(format, name, "the value contains a NUL byte"));
    }
    Ok(s)
}

/// A variable's name checked and its value as text (unset: empty).
fn var_text(format: Format, name: &str, v: Option<&OsString>) -> Result<String, OutputError> {
    check_name(format, name)?;
    v.map_or(Ok(String::new()), |v| text(format, name, v))
}

fn no_newline(format: Format, name: &str, s: &str) -> Result<(), OutputError> {
    if s.contains(['\n', '\r']) {
        Err(err(
            format,
            name,
            "the value contains a line break, which this format cannot carry",
        ))
    } else {
        Ok(())
    }
}

/// What `env github` writes: the `$GITHUB_ENV` part and the `$GITHUB_PATH` part.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Github {
    pub env: String,
    pub path: String,
}

/// The GitHub Actions environment-file formats:
/// `$GITHUB_ENV` takes `NAME=value` lines, or for a value with line breaks
/// `NAME<<DELIM`, the value's lines, `DELIM` (the delimiter is chosen so it
/// occurs nowhere in the value); `$GITHUB_PATH` takes one directory per line,
/// each *prepended* to PATH for the following steps, so the managed entries
/// are written last first. A carriage return can't be carried (the runner
/// reads lines), nor a line break in a PATH entry.
pub fn github(t: &Target) -> Result<Github, OutputError> {
    const F: Format = Format::Github;
    let mut out = Github::default();
    for (name, v) in &t.vars {
        let value = var_text(F, name, v.as_ref())?;
        if value.contains('\r') {
            return Err(err(F, name, "the value contains a carriage return"));
        }
        if value.contains('\n') {
            let mut delim = String::from("GOENV_HOOK_EOF");
            let mut i = 0;
            while value.contains(&delim) {
                i += 1;
                delim = format!("GOENV_HOOK_EOF_{i}");
            }
            out.env
                .push_str(&format!("{name}<<{delim}\n{value}\n{delim}\n"));
        } else {
            out.env.push_str(&format!("{name}={value}\n"));
        }
    }
    for e in t.path.iter().rev() {
        let s = text(F, "PATH", e)?;
        no_newline(F, "PATH", &s)?;
        out.path.push_str(&s);
        out.path.push('\n');
    }
    Ok(out)
}

/// A Dockerfile double-quoted word: `\`, `"` and `$` escaped with `\`
/// (the default escape character; a `# escape=` directive is not supported).
fn docker_quote(s: &str) -> String {
    let mut o = String::with_capacity(s.len() + 2);
    o.push('"');
    for c in s.chars() {
        if matches!(c, '\\' | '"' | '$') {
            o.push('\\');
        }
        o.push(c);
    }
    o.push('"');
    o
}

/// Dockerfile `ENV NAME="value"` lines (one per variable; `ENV` persists
/// into later steps and the image, where `RUN export` would not), PATH as
/// `ENV PATH="<managed>:${PATH}"`. Line breaks are refused (an `ENV` value
/// can't hold one).
pub fn dockerfile(t: &Target) -> Result<String, OutputError> {
    const F: Format = Format::Dockerfile;
    let mut out = String::new();
    for (name, v) in &t.vars {
        let value = var_text(F, name, v.as_ref())?;
        no_newline(F, name, &value)?;
        out.push_str(&format!("ENV {name}={}\n", docker_quote(&value)));
    }
    if !t.path.is_empty() {
        let sep = t.platform.list_sep() as char;
        let mut q = String::from("\"");
        for e in &t.path {
            let s = text(F, "PATH", e)?;
            no_newline(F, "PATH", &s)?;
            let quoted = docker_quote(&s);
            q.push_str(&quoted[1..quoted.len() - 1]);
            q.push(sep);
        }
        q.push_str("${PATH}\"");
        out.push_str(&format!("ENV PATH={q}\n"));
    }
    Ok(out)
}

/// Inside environment.d double quotes: `\`, `"` and `` ` `` escaped with `\`;
/// `$` doubled (`$$`), since `$` starts an expansion after unquoting.
fn systemd_escape(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' | '"' | '`' => {
                o.push('\\');
                o.push(c);
            }
            '$' => o.push_str("$$"),
            _ => o.push(c),
        }
    }
    o
}

/// An `environment.d(5)` file: `NAME="value"` lines (double quotes with `\`
/// escapes, `$$` for a literal `$`; line breaks are kept inside the quotes),
/// PATH as `PATH="<managed>${PATH:+:$PATH}"`.
pub fn systemd(t: &Target) -> Result<String, OutputError> {
    const F: Format = Format::Systemd;
    let mut out = String::from("# Written by `goenv-hook env systemd` (environment.d(5)).\n");
    for (name, v) in &t.vars {
        let value = var_text(F, name, v.as_ref())?;
        out.push_str(&format!("{name}=\"{}\"\n", systemd_escape(&value)));
    }
    if !t.path.is_empty() {
        let sep = t.platform.list_sep() as char;
        let mut parts = Vec::new();
        for e in &t.path {
            let s = text(F, "PATH", e)?;
            no_newline(F, "PATH", &s)?;
            parts.push(systemd_escape(&s));
        }
        let joined = parts.join(&sep.to_string());
        out.push_str(&format!("PATH=\"{joined}${{PATH:+{sep}$PATH}}\"\n"));
    }
    Ok(out)
}

/// A `.env` file: `NAME='value'`. Single quotes are the one quoting every
/// dotenv reader (docker compose, python-dotenv, godotenv, `set -a; . ./.env`)
/// takes literally. A value containing `'` is written `NAME="value"` with
/// `\` and `"` escaped, which those readers agree on as long as the value
/// has no `$` or `` ` `` (they disagree on expansion there): such a value,
/// and a line break, are refused. PATH is the full value (no expansion is
/// portable across readers).
pub fn dotenv(t: &Target) -> Result<String, OutputError> {
    const F: Format = Format::Dotenv;
    let mut out = String::new();
    let mut line = |name: &str, v: Option<&OsString>| -> Result<(), OutputError> {
        let value = var_text(F, name, v)?;
        no_newline(F, name, &value)?;
        if !value.contains('\'') {
            out.push_str(&format!("{name}='{value}'\n"));
        } else if value.contains(['$', '`']) {
            return Err(err(
                F,
                name,
                "the value contains a single quote and a `$` or backquote, which dotenv readers expand differently",
            ));
        } else {
            let q = value.replace('\\', "\\\\").replace('"', "\\\"");
            out.push_str(&format!("{name}=\"{q}\"\n"));
        }
        Ok(())
    };
    for (name, v) in &t.vars {
        line(name, v.as_ref())?;
    }
    if let Some(p) = &t.full_path {
        line("PATH", Some(p))?;
    }
    Ok(out)
}

/// The most variables GitLab takes from one dotenv report: the smallest
/// documented limit (GitLab Self-Managed's default; GitLab.com allows 50
/// and more).
pub(crate) const GITLAB_MAX_VARIABLES: usize = 20;

/// GitLab refuses a dotenv report of this size or more (5 KB; GitLab's
/// parser requires the file to be smaller).
pub(crate) const GITLAB_MAX_BYTES: usize = 5 * 1024;

/// GitLab CI's dotenv report (`artifacts:reports:dotenv`), as GitLab reads
/// it (`Ci::ParseDotenvArtifactService`, documented under
/// `artifacts:reports:dotenv`): one `KEY=value` line per variable and
/// nothing else (no blank lines, no comments); the key is what precedes the
/// first `=`, letters, digits and `_` only; the value is the rest of the
/// line with surrounding whitespace stripped and quotes kept as written (no
/// quoting, no escapes, no line breaks); UTF-8; the file under 5 KB, and at
/// most [`GITLAB_MAX_VARIABLES`] variables. GitLab stores the variables as
/// expandable (not raw): the runner expands `$NAME` in them for the later
/// job and reads `$$` as a literal `$`, so every `$` is written `$$`.
/// PATH is the full value (the runner would expand `$PATH` from the CI
/// variables, not from the job's environment). Refused, naming the
/// variable: a line break, leading or trailing whitespace (the parser strips
/// it), a value that is not UTF-8, too many variables, too big a file.
pub fn gitlab(t: &Target) -> Result<String, OutputError> {
    const F: Format = Format::Gitlab;
    let mut out = String::new();
    let mut longest: (usize, String) = (0, String::new());
    let mut count = 0;
    let mut line = |name: &str, v: Option<&OsString>| -> Result<(), OutputError> {
        let value = var_text(F, name, v)?;
        no_newline(F, name, &value)?;
        // Ruby's String#strip: NUL, \t, \n, \v, \f, \r and space.
        let ws = |c: char| matches!(c, '\0' | '\t' | '\n' | '\x0b' | '\x0c' | '\r' | ' ');
        if value.starts_with(ws) || value.ends_with(ws) {
            return Err(err(
                F,
                name,
                "the value starts or ends with whitespace, which GitLab strips from dotenv values",
            ));
        }
        if value.len() > longest.0 {
            longest = (value.len(), name.to_string());
        }
        count += 1;
        out.push_str(&format!("{name}={}\n", value.replace('$', "$$")));
        Ok(())
    };
    for (name, v) in &t.vars {
        line(name, v.as_ref())?;
    }
    if let Some(p) = &t.full_path {
        line("PATH", Some(p))?;
    }
    if count > GITLAB_MAX_VARIABLES {
        return Err(err(
            F,
            &longest.1,
            format!(
                "{count} variables; GitLab takes at most {GITLAB_MAX_VARIABLES} from a dotenv report (the default limit of GitLab Self-Managed)"
            ),
        ));
    }
    if out.len() >= GITLAB_MAX_BYTES {
        return Err(err(
            F,
            &longest.1,
            format!(
                "the report would be {} bytes (the longest value is {}'s), and GitLab takes dotenv reports under {GITLAB_MAX_BYTES} bytes",
                out.len(),
                longest.1
            ),
        ));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(vars: &[(&str, Option<&str>)], path: &[&str]) -> Target {
        Target {
            vars: vars
                .iter()
                .map(|(n, v)| (n.to_string(), v.map(OsString::from)))
                .collect(),
            path: path.iter().map(OsString::from).collect(),
            full_path: (!path.is_empty())
                .then(|| OsString::from(format!("{}:/usr/bin", path.join(":")))),
            platform: Platform::UNIX,
        }
    }

    #[test]
    fn github_heredoc_for_multiline_and_reversed_path() {
        let g = github(&t(
            &[
                ("A", Some("x")),
                ("B", Some("l1\nGOENV_HOOK_EOF\nl3")),
                ("C", None),
            ],
            &["/a/bin", "/b/bin"],
        ))
        .unwrap();
        assert_eq!(
            g.env,
            "A=x\nB<<GOENV_HOOK_EOF_1\nl1\nGOENV_HOOK_EOF\nl3\nGOENV_HOOK_EOF_1\nC=\n"
        );
        assert_eq!(g.path, "/b/bin\n/a/bin\n");
    }

    #[test]
    fn dockerfile_escapes() {
        let d = dockerfile(&t(&[("A", Some(r#"a"b\c$d"#))], &["/go $x/bin"])).unwrap();
        assert_eq!(
            d,
            "ENV A=\"a\\\"b\\\\c\\$d\"\nENV PATH=\"/go \\$x/bin:${PATH}\"\n"
        );
        let e = dockerfile(&t(&[("A", Some("a\nb"))], &[])).unwrap_err();
        assert_eq!(e.name, "A");
        assert!(e.to_string().contains("dockerfile"), "{e}");
    }

    #[test]
    fn systemd_escapes() {
        let s = systemd(&t(&[("A", Some("a$b\"`\\"))], &["/g/bin"])).unwrap();
        assert!(s.contains("A=\"a$$b\\\"\\`\\\\\"\n"), "{s}");
        assert!(s.ends_with("PATH=\"/g/bin${PATH:+:$PATH}\"\n"), "{s}");
    }

    #[test]
    fn dotenv_refuses_single_quote() {
        assert_eq!(
            dotenv(&t(&[("A", Some("x y"))], &["/g/bin"])).unwrap(),
            "A='x y'\nPATH='/g/bin:/usr/bin'\n"
        );
        assert_eq!(
            dotenv(&t(&[("A", Some(r#"it's "q" \"#))], &[])).unwrap(),
            "A=\"it's \\\"q\\\" \\\\\"\n"
        );
        let e = dotenv(&t(&[("A", Some("it's $HOME"))], &[])).unwrap_err();
        assert!(e.to_string().contains("A") && e.to_string().contains("dotenv"));
    }

    #[cfg(unix)]
    #[test]
    fn invalid_utf8_is_an_error_naming_variable_and_format() {
        use std::os::unix::ffi::OsStringExt;
        let mut tt = t(&[], &[]);
        tt.vars
            .push(("GOPATH".into(), Some(OsString::from_vec(vec![b'/', 0xff]))));
        for f in [
            github(&tt).map(|_| ()),
            dockerfile(&tt).map(|_| ()),
            systemd(&tt).map(|_| ()),
            dotenv(&tt).map(|_| ()),
            gitlab(&tt).map(|_| ()),
        ] {
            let e = f.unwrap_err();
            assert_eq!(e.name, "GOPATH");
            assert!(e.message.contains("UTF-8"));
        }
    }

    #[test]
    fn gitlab_lines() {
        assert_eq!(
            gitlab(&t(
                &[("A", Some("a b 'q' \"d\" $HOME")), ("C", None)],
                &["/g/bin"]
            ))
            .unwrap(),
            "A=a b 'q' \"d\" $$HOME\nC=\nPATH=/g/bin:/usr/bin\n"
        );
        for bad in ["a\nb", " a", "a\t", "a\r"] {
            let e = gitlab(&t(&[("A", Some(bad))], &[])).unwrap_err();
            assert_eq!(e.name, "A", "{bad:?}");
            assert!(e.to_string().contains("gitlab"), "{e}");
        }
        let many: Vec<(String, Option<&str>)> =
            (0..21).map(|i| (format!("V{i}"), Some("x"))).collect();
        let many: Vec<(&str, Option<&str>)> = many.iter().map(|(n, v)| (n.as_str(), *v)).collect();
        assert!(gitlab(&t(&many, &[]))
            .unwrap_err()
            .message
            .contains("at most 20"));
        let big = "x".repeat(6000);
        let e = gitlab(&t(&[("BIG", Some(&big))], &[])).unwrap_err();
        assert_eq!(e.name, "BIG");
        assert!(e.message.contains("under 5120 bytes"), "{e}");
    }

    #[test]
    fn bad_names_are_refused() {
        assert!(dockerfile(&t(&[("A B", Some("x"))], &[])).is_err());
        assert!(github(&t(&[("A=B", Some("x"))], &[])).is_err());
    }
}
