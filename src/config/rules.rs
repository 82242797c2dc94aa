//! The settings' rules, written once for every front end: a [`Node`] tree
//! (the config file's, or the plugin's `$env.config.plugins.goenv`) in,
//! [`Settings`] (what it sets) or the first [`Invalid`] setting out.
//! Values are expanded here (`~`, `$VAR`: [`crate::sys::expand`]) from the
//! caller's snapshot.

use super::tree::{Entry, Expected, Found, Invalid, Node, Problem, Shape, Value};
use super::{Config, EnvValue, GorootPolicy, PathPart, ToolchainPin};
use crate::sys::env::EnvSnapshot;
use crate::sys::expand::{expand, ExpandError};
use crate::sys::platform::bytes;
use std::ffi::OsString;
use std::path::{Path, PathBuf};

/// The top-level keys, in the order the README lists them.
pub(crate) const KEYS: &[&str] = &[
    "toolchain",
    "goroot",
    "gopath",
    "gobin",
    "gotoolchain_local",
    "env",
    "path",
    "doctor",
    "prompt",
];
const PATH_KEYS: &[&str] = &["extra", "order"];
const DOCTOR_KEYS: &[&str] = &["ignore"];
const PROMPT_KEYS: &[&str] = &["format", "always"];
const GOROOT_VALUES: &[&str] = &["unset", "export", "leave"];
const ORDER_VALUES: &[&str] = &["toolchain", "gobin", "extra"];
const TOOLCHAIN_EXPECTED: &str =
    "a Go version (1.22, 1.22.3, go1.22.3) or an absolute toolchain directory (~/sdk/go1.22.3)";

/// What a stricter caller knows that this layer doesn't (it sits below the
/// checks and the probe): `config check` and `doctor` pass what they can.
#[derive(Clone, Copy, Default)]
pub struct Known<'a> {
    /// The valid check ids: `[doctor] ignore` must use them.
    pub check_ids: Option<&'a [&'a str]>,
    /// Whether a directory is a Go toolchain root: `[env] GOROOT` must be
    /// one (else every `go` command fails once init exports it).
    pub is_toolchain_root: Option<&'a dyn Fn(&Path) -> bool>,
}

/// What one settings tree sets. `None`: not given (the value underneath
/// stays); `Some(None)`: given as null (the value underneath is dropped).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Settings {
    pub toolchain: Option<Option<ToolchainPin>>,
    pub goroot: Option<GorootPolicy>,
    pub gopath: Option<Option<OsString>>,
    pub gobin: Option<Option<OsString>>,
    pub gotoolchain_local: Option<bool>,
    /// Merged per variable, in the order written.
    pub env: Vec<(String, EnvValue)>,
    pub path_extra: Option<Vec<OsString>>,
    /// Always a permutation of all three parts when given.
    pub path_order: Option<Vec<PathPart>>,
    pub doctor_ignore: Option<Vec<String>>,
    pub prompt_format: Option<Option<String>>,
    pub prompt_always: Option<bool>,
}

impl Settings {
    /// These settings over `c`: a key given replaces `c`'s value, `env`
    /// merges per variable (a variable given again moves to the end).
    pub fn apply(self, c: &mut Config) {
        fn set<T>(to: &mut T, v: Option<T>) {
            if let Some(v) = v {
                *to = v;
            }
        }
        set(&mut c.toolchain, self.toolchain);
        set(&mut c.goroot, self.goroot);
        set(&mut c.gopath, self.gopath);
        set(&mut c.gobin, self.gobin);
        set(&mut c.gotoolchain_local, self.gotoolchain_local);
        for (name, v) in self.env {
            c.env.retain(|(n, _)| *n != name);
            c.env.push((name, v));
        }
        set(&mut c.path_extra, self.path_extra);
        set(&mut c.path_order, self.path_order);
        set(&mut c.doctor_ignore, self.doctor_ignore);
        set(&mut c.prompt_format, self.prompt_format);
        set(&mut c.prompt_always, self.prompt_always);
    }
}

/// The rules over one tree (its root must be a table of settings).
pub fn validate<L: Clone>(
    root: &Node<L>,
    env: &EnvSnapshot,
    known: Known<'_>,
) -> Result<Settings, Invalid<L>> {
    let r = Rules { env, known };
    let mut s = Settings::default();
    for e in r.table(root, "", Shape::Table)? {
        let v = &e.value;
        match e.key.as_str() {
            "toolchain" => s.toolchain = Some(r.or_null(v, "toolchain", |t| r.toolchain(v, t))?),
            "goroot" => {
                let g = r.string(v, "goroot")?;
                let policy = match g {
                    "unset" => GorootPolicy::Unset,
                    "export" => GorootPolicy::Export,
                    "leave" => GorootPolicy::Leave,
                    other => {
                        return Err(r.bad(
                            v,
                            "goroot",
                            None,
                            format!("invalid goroot {other:?}"),
                            Expected::OneOf {
                                items: GOROOT_VALUES,
                                note: "",
                            },
                        ))
                    }
                };
                s.goroot = Some(policy);
            }
            "gopath" => s.gopath = Some(r.or_null(v, "gopath", |g| r.gopath(v, g))?),
            "gobin" => {
                s.gobin = Some(r.or_null(v, "gobin", |g| {
                    r.absolute(
                        v,
                        "gobin",
                        g,
                        "gobin",
                        "an absolute directory, like ~/go/bin",
                    )
                })?)
            }
            "gotoolchain_local" => s.gotoolchain_local = Some(r.boolean(v, "gotoolchain_local")?),
            "env" => {
                for var in r.table(v, "env", Shape::Vars)? {
                    s.env.push(r.env_var(var)?);
                }
            }
            "path" => {
                for p in r.table(v, "path", Shape::Table)? {
                    match p.key.as_str() {
                        "extra" => {
                            let mut out = Vec::new();
                            for x in r.list(&p.value, "path.extra")? {
                                out.push(r.absolute(
                                    x,
                                    "path.extra",
                                    r.string(x, "path.extra")?,
                                    "path.extra entry",
                                    "absolute directories, like ~/go-tools/bin",
                                )?);
                            }
                            s.path_extra = Some(out);
                        }
                        "order" => s.path_order = Some(r.path_order(&p.value)?),
                        _ => return Err(r.unknown(p, "path.", PATH_KEYS)),
                    }
                }
            }
            "doctor" => {
                for d in r.table(v, "doctor", Shape::Table)? {
                    match d.key.as_str() {
                        "ignore" => {
                            let mut out = Vec::new();
                            for id in r.list(&d.value, "doctor.ignore")? {
                                out.push(r.check_id(id)?);
                            }
                            s.doctor_ignore = Some(out);
                        }
                        _ => return Err(r.unknown(d, "doctor.", DOCTOR_KEYS)),
                    }
                }
            }
            "prompt" => {
                for p in r.table(v, "prompt", Shape::Table)? {
                    match p.key.as_str() {
                        "format" => {
                            s.prompt_format =
                                Some(r.or_null(&p.value, "prompt.format", |f| Ok(f.to_string()))?)
                        }
                        "always" => s.prompt_always = Some(r.boolean(&p.value, "prompt.always")?),
                        _ => return Err(r.unknown(p, "prompt.", PROMPT_KEYS)),
                    }
                }
            }
            _ => return Err(r.unknown(e, "", KEYS)),
        }
    }
    Ok(s)
}

struct Rules<'a> {
    env: &'a EnvSnapshot,
    known: Known<'a>,
}

type R<T, L> = Result<T, Invalid<L>>;

impl Rules<'_> {
    fn wrong<L: Clone>(&self, v: &Node<L>, key: &str, expected: Shape) -> Invalid<L> {
        Invalid {
            at: v.at.clone(),
            focus: None,
            key: key.to_string(),
            problem: Problem::WrongType {
                found: Found::from(&v.value),
                expected,
            },
        }
    }

    fn bad<L: Clone>(
        &self,
        v: &Node<L>,
        key: &str,
        focus: Option<String>,
        message: String,
        expected: Expected,
    ) -> Invalid<L> {
        self.bad_at(v.at.clone(), key, focus, message, expected)
    }

    fn bad_at<L>(
        &self,
        at: L,
        key: &str,
        focus: Option<String>,
        message: String,
        expected: Expected,
    ) -> Invalid<L> {
        Invalid {
            at,
            focus,
            key: key.to_string(),
            problem: Problem::Bad { message, expected },
        }
    }

    fn unknown<L: Clone>(
        &self,
        e: &Entry<L>,
        prefix: &str,
        known: &'static [&'static str],
    ) -> Invalid<L> {
        Invalid {
            at: e.key_at.clone(),
            focus: None,
            key: format!("{prefix}{}", e.key),
            problem: Problem::UnknownKey { known },
        }
    }

    fn table<'n, L: Clone>(&self, v: &'n Node<L>, key: &str, shape: Shape) -> R<&'n [Entry<L>], L> {
        match &v.value {
            Value::Table(t) => Ok(t),
            _ => Err(self.wrong(v, key, shape)),
        }
    }

    fn list<'n, L: Clone>(&self, v: &'n Node<L>, key: &str) -> R<&'n [Node<L>], L> {
        match &v.value {
            Value::List(l) => Ok(l),
            _ => Err(self.wrong(v, key, Shape::List)),
        }
    }

    fn boolean<L: Clone>(&self, v: &Node<L>, key: &str) -> R<bool, L> {
        match &v.value {
            Value::Bool(b) => Ok(*b),
            _ => Err(self.wrong(v, key, Shape::Bool)),
        }
    }

    /// A string setting: no NUL (no environment variable can hold one).
    fn string<'n, L: Clone>(&self, v: &'n Node<L>, key: &str) -> R<&'n str, L> {
        match &v.value {
            Value::Str(s) => {
                if s.contains('\0') {
                    return Err(self.nul(v, key));
                }
                Ok(s)
            }
            _ => Err(self.wrong(v, key, Shape::Str)),
        }
    }

    fn nul<L: Clone>(&self, v: &Node<L>, key: &str) -> Invalid<L> {
        self.bad(
            v,
            key,
            None,
            format!("{key} contains a NUL character"),
            Expected::text("text without NUL (\\u0000): no environment variable can hold one"),
        )
    }

    /// A string, or null (Some(None)): the keys that may drop the value
    /// underneath.
    fn or_null<T, L: Clone>(
        &self,
        v: &Node<L>,
        key: &str,
        f: impl FnOnce(&str) -> R<T, L>,
    ) -> R<Option<T>, L> {
        match &v.value {
            Value::Null => Ok(None),
            _ => f(self.string(v, key)?).map(Some),
        }
    }

    /// `s` (the string at `v`) expanded; a failure points at the reference.
    fn expand<L: Clone>(&self, v: &Node<L>, key: &str, s: &str) -> R<OsString, L> {
        let out = expand(s, self.env).map_err(|e| {
            let (token, message, expected) = match &e {
                ExpandError::Undefined { name, token } => (
                    token.clone(),
                    format!("undefined variable {name} in {s:?}"),
                    format!("a variable set in the environment, or a default: ${{{name}:-value}}"),
                ),
                ExpandError::NoHome { var } => (
                    "~".to_string(),
                    format!("cannot expand ~ in {s:?}: {var} is not set"),
                    "an absolute path, or ~ with the home directory set".to_string(),
                ),
            };
            self.bad(v, key, Some(token), message, Expected::Text(expected))
        })?;
        if bytes(&out).contains(&0) {
            return Err(self.nul(v, key));
        }
        Ok(out)
    }

    fn absolute<L: Clone>(
        &self,
        v: &Node<L>,
        key: &str,
        s: &str,
        what: &str,
        expected: &str,
    ) -> R<OsString, L> {
        let out = self.expand(v, key, s)?;
        if self.env.platform.is_absolute(&out) {
            return Ok(out);
        }
        Err(self.bad(
            v,
            key,
            None,
            format!("{what} {:?} is not an absolute path", out.to_string_lossy()),
            Expected::text(expected),
        ))
    }

    fn toolchain<L: Clone>(&self, v: &Node<L>, s: &str) -> R<ToolchainPin, L> {
        // A `$VAR` can only name a directory.
        let looks_like_dir =
            crate::go::request::looks_like_dir(std::ffi::OsStr::new(s)) || s.starts_with('$');
        if looks_like_dir {
            let p = self.absolute(v, "toolchain", s, "toolchain directory", TOOLCHAIN_EXPECTED)?;
            return Ok(ToolchainPin::Root(PathBuf::from(p)));
        }
        match crate::go::request::parse_request_version(s) {
            Some(g) => Ok(ToolchainPin::Version(g)),
            None => Err(self.bad(
                v,
                "toolchain",
                None,
                format!("invalid toolchain {s:?}"),
                Expected::text(TOOLCHAIN_EXPECTED),
            )),
        }
    }

    fn gopath<L: Clone>(&self, v: &Node<L>, g: &str) -> R<OsString, L> {
        let p = self.env.platform;
        let expected = || Expected::text("absolute directories, like ~/go");
        let mut out: Vec<OsString> = Vec::new();
        for part in split_outside_braces(g, p.list_sep() as char) {
            // `~` is expanded at the start of every entry, `$VAR` anywhere.
            let x = self.expand(v, "gopath", part)?;
            for entry in p.split_list(&x) {
                if !entry.is_empty() && !p.is_absolute(&entry) {
                    return Err(self.bad(
                        v,
                        "gopath",
                        Some(part.to_string()),
                        format!(
                            "gopath entry {:?} is not absolute (Go refuses relative GOPATH entries)",
                            entry.to_string_lossy()
                        ),
                        expected(),
                    ));
                }
            }
            out.push(x);
        }
        if out.iter().all(|e| e.is_empty()) {
            return Err(self.bad(v, "gopath", None, "gopath is empty".to_string(), expected()));
        }
        Ok(p.join_list(&out))
    }

    fn env_var<L: Clone>(&self, e: &Entry<L>) -> R<(String, EnvValue), L> {
        let name = e.key.as_str();
        let key = format!("env.{name}");
        let at = || e.key_at.clone();
        let valid = name.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
            && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
        if !valid {
            return Err(self.bad_at(
                at(),
                &key,
                None,
                format!("invalid variable name {name:?} in [env]"),
                Expected::text("a variable name like GOPROXY (letters, digits and _)"),
            ));
        }
        if name.eq_ignore_ascii_case("PATH") {
            return Err(self.bad_at(
                at(),
                &key,
                None,
                format!("{name} can't be set in [env]: goenv-hook manages it"),
                Expected::text("PATH entries in [path] extra, and another variable name here"),
            ));
        }
        if name.len() >= 11 && name[..11].eq_ignore_ascii_case("GOENV_HOOK_") {
            return Err(self.bad_at(
                at(),
                &key,
                None,
                format!("{name} can't be set in [env]: GOENV_HOOK_ variables are goenv-hook's own"),
                Expected::text("a variable name like GOPROXY"),
            ));
        }
        let v = &e.value;
        let value = match &v.value {
            Value::Str(_) => {
                let s = self.string(v, &key)?;
                EnvValue::Set(self.expand(v, &key, s)?)
            }
            Value::Bool(false) => EnvValue::Unset,
            _ => return Err(self.wrong(v, &key, Shape::EnvValue)),
        };
        if let (EnvValue::Set(x), Some(is_root)) = (&value, self.known.is_toolchain_root) {
            let goroot = if self.env.platform.is_windows() {
                name.eq_ignore_ascii_case("GOROOT")
            } else {
                name == "GOROOT"
            };
            if goroot && !x.is_empty() && !is_root(Path::new(x)) {
                return Err(self.bad(
                    v,
                    &key,
                    None,
                    format!(
                        "{name} {:?} is not a Go toolchain directory (no bin/go and pkg/tool): every go command would fail",
                        x.to_string_lossy()
                    ),
                    Expected::text(
                        "a toolchain root, or no GOROOT here: goenv-hook finds the toolchain (toolchain = \"…\" pins one; goroot = \"export\" exports its root)",
                    ),
                ));
            }
        }
        Ok((name.to_string(), value))
    }

    fn path_order<L: Clone>(&self, v: &Node<L>) -> R<Vec<PathPart>, L> {
        let expected = || Expected::OneOf {
            items: ORDER_VALUES,
            note: ", each at most once",
        };
        let mut seen: Vec<PathPart> = Vec::new();
        for o in self.list(v, "path.order")? {
            let s = self.string(o, "path.order")?;
            let part = match s {
                "toolchain" => PathPart::Toolchain,
                "gobin" => PathPart::Gobin,
                "extra" => PathPart::Extra,
                other => {
                    return Err(self.bad(
                        o,
                        "path.order",
                        None,
                        format!("unknown path.order part {other:?}"),
                        expected(),
                    ))
                }
            };
            if seen.contains(&part) {
                return Err(self.bad(
                    o,
                    "path.order",
                    None,
                    format!("{s:?} appears twice in path.order"),
                    expected(),
                ));
            }
            seen.push(part);
        }
        for part in [PathPart::Toolchain, PathPart::Gobin, PathPart::Extra] {
            if !seen.contains(&part) {
                seen.push(part);
            }
        }
        Ok(seen)
    }

    fn check_id<L: Clone>(&self, v: &Node<L>) -> R<String, L> {
        let id = self.string(v, "doctor.ignore")?;
        if !is_kebab(id) {
            return Err(self.bad(
                v,
                "doctor.ignore",
                None,
                format!("invalid check id {id:?} in doctor.ignore"),
                Expected::text("a check id in kebab-case, like \"path-duplicates\""),
            ));
        }
        if let Some(ids) = self.known.check_ids {
            if !ids.contains(&id) {
                return Err(self.bad(
                    v,
                    "doctor.ignore",
                    None,
                    format!("unknown check id {id:?} in doctor.ignore"),
                    Expected::Listed {
                        intro: "one of the check ids:".to_string(),
                        items: ids.iter().map(|s| s.to_string()).collect(),
                    },
                ));
            }
        }
        Ok(id.to_string())
    }
}

/// `s` split at `sep`, except inside `${…}`.
fn split_outside_braces(s: &str, sep: char) -> Vec<&str> {
    let mut out = Vec::new();
    let (mut depth, mut start, mut prev) = (0usize, 0usize, '\0');
    for (i, c) in s.char_indices() {
        match c {
            '{' if prev == '$' => depth += 1,
            '}' if depth > 0 => depth -= 1,
            c if c == sep && depth == 0 => {
                out.push(&s[start..i]);
                start = i + c.len_utf8();
            }
            _ => {}
        }
        prev = c;
    }
    out.push(&s[start..]);
    out
}

fn is_kebab(s: &str) -> bool {
    !s.is_empty()
        && s.split('-').all(|w| {
            !w.is_empty()
                && w.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}
