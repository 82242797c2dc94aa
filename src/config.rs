//! The config file: the single source of truth for every shell.
//!
//! Location: `$GOENV_HOOK_CONFIG` if non-empty, else
//! `<config dir>/goenv-hook/config.toml` (`dirs::config_dir()` semantics, but
//! computed from the `EnvSnapshot`: `$XDG_CONFIG_HOME` or `$HOME/.config` on
//! Unix). A missing file is the default config. Schema (all keys optional):
//!
//! ```toml
//! toolchain = "1.22"        # a version (1.22, 1.22.3, go1.22.3) or a root dir (~/sdk/go1.22.3)
//! goroot = "unset"          # unset (default) | export | leave
//! gopath = "~/go"           # exported as GOPATH
//! gobin = "~/go/bin"        # exported as GOBIN
//! gotoolchain_local = false # set GOTOOLCHAIN=local when goenv-hook picks the toolchain
//!
//! [env]                     # extra variables: a string sets, false unsets
//! GOPROXY = "https://proxy.golang.org,direct"
//!
//! [path]
//! extra = ["~/go-tools/bin"]              # extra PATH entries, in this order
//! order = ["toolchain", "gobin", "extra"] # order of the managed block in front of PATH
//!
//! [doctor]
//! ignore = ["path-duplicates"]            # check ids
//!
//! [prompt]
//! format = "go{version}"    # template; see prompt.rs
//! always = false            # also show outside Go projects
//! ```
//! Values expand `~` and `$VAR`/`${VAR}` from the snapshot (shellexpand syntax, expanded on bytes);
//! an undefined variable is an error naming it. Unknown keys and bad values
//! are errors with file, line, column and the expected form.
//!
//! Why not the `dirs` and `shellexpand` crates: both read the process's own
//! environment and strings (`dirs::config_dir()` its own `HOME`,
//! shellexpand `&str` values), while goenv-hook must read the snapshot it
//! was given (the Nushell plugin works for its caller's environment, not its
//! own process's) and carry values byte for byte (a GOPATH that is not
//! UTF-8 survives expansion). The rules are theirs; the code is over the
//! snapshot and bytes.

use crate::env::EnvSnapshot;
use crate::platform::{bytes, from_bytes};
use std::ffi::OsString;
use std::fmt;
use std::path::PathBuf;
use toml::Spanned;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum GorootPolicy {
    /// Unset an inherited GOROOT that disagrees with the chosen toolchain.
    #[default]
    Unset,
    /// Export GOROOT = the chosen toolchain's root.
    Export,
    /// Never touch GOROOT.
    Leave,
}

#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub enum ToolchainPin {
    Version(crate::version::GoVersion),
    Root(#[serde(serialize_with = "crate::ser::os_lossy")] PathBuf),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PathPart {
    Toolchain,
    Gobin,
    Extra,
}

#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub enum EnvValue {
    Set(#[serde(serialize_with = "crate::ser::os_lossy")] OsString),
    Unset,
}

#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Config {
    /// The file this came from (None: no file, defaults).
    pub file: Option<PathBuf>,
    pub toolchain: Option<ToolchainPin>,
    pub goroot: GorootPolicy,
    #[serde(serialize_with = "ser_opt_os")]
    pub gopath: Option<OsString>,
    #[serde(serialize_with = "ser_opt_os")]
    pub gobin: Option<OsString>,
    pub gotoolchain_local: bool,
    /// `[env]` in file order.
    pub env: Vec<(String, EnvValue)>,
    #[serde(skip)]
    pub path_extra: Vec<OsString>,
    /// Always a permutation of all three parts (missing ones appended in
    /// default order).
    pub path_order: Vec<PathPart>,
    pub doctor_ignore: Vec<String>,
    pub prompt_format: Option<String>,
    pub prompt_always: bool,
}

fn ser_opt_os<S: serde::Serializer>(v: &Option<OsString>, s: S) -> Result<S::Ok, S::Error> {
    match v {
        Some(v) => s.serialize_some(&v.to_string_lossy()),
        None => s.serialize_none(),
    }
}

impl Default for Config {
    fn default() -> Config {
        Config {
            file: None,
            toolchain: None,
            goroot: GorootPolicy::Unset,
            gopath: None,
            gobin: None,
            gotoolchain_local: false,
            env: Vec::new(),
            path_extra: Vec::new(),
            path_order: vec![PathPart::Toolchain, PathPart::Gobin, PathPart::Extra],
            doctor_ignore: Vec::new(),
            prompt_format: None,
            prompt_always: false,
        }
    }
}

/// A config file that can't be used. Display: `FILE:LINE:COL: MESSAGE` and,
/// on a second line, `  expected: …`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConfigError {
    pub file: PathBuf,
    /// 1-based; 0 when not tied to a place (unreadable file).
    pub line: usize,
    pub column: usize,
    pub message: String,
    pub expected: Option<String>,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line > 0 {
            write!(
                f,
                "{}:{}:{}: {}",
                self.file.display(),
                self.line,
                self.column,
                self.message
            )?;
        } else {
            write!(f, "{}: {}", self.file.display(), self.message)?;
        }
        if let Some(e) = &self.expected {
            write!(f, "\n  expected: {e}")?;
        }
        Ok(())
    }
}

impl std::error::Error for ConfigError {}

/// Where the config file is looked for: `$GOENV_HOOK_CONFIG` if non-empty
/// (relative to the current directory if relative); on Windows
/// `%AppData%\goenv-hook\config.toml`; elsewhere
/// `$XDG_CONFIG_HOME/goenv-hook/config.toml` when XDG_CONFIG_HOME is
/// absolute, else `$HOME/.config/goenv-hook/config.toml`. macOS counts as
/// Unix here: like many command-line tools we use `~/.config` there too (not
/// `~/Library/Application Support`) unless XDG_CONFIG_HOME is set.
/// None when the needed variables are unset.
pub fn location(env: &EnvSnapshot) -> Option<PathBuf> {
    let p = env.platform;
    if let Some(c) = env.get_nonempty("GOENV_HOOK_CONFIG") {
        if p.is_absolute(c) {
            return Some(PathBuf::from(c));
        }
        let mut b = bytes(env.cwd.as_os_str()).into_owned();
        if !b.is_empty() && !matches!(b.last(), Some(b'/' | b'\\')) {
            b.push(p.dir_sep());
        }
        b.extend_from_slice(&bytes(c));
        return Some(PathBuf::from(from_bytes(b)));
    }
    let base: OsString = if p.is_windows() {
        env.get_nonempty("AppData")?.to_os_string()
    } else if let Some(x) = env
        .get_nonempty("XDG_CONFIG_HOME")
        .filter(|x| p.is_absolute(x))
    {
        x.to_os_string()
    } else {
        p.join(env.get_nonempty("HOME")?, ".config")
    };
    let dir = p.join(&base, "goenv-hook");
    Some(PathBuf::from(p.join(&dir, "config.toml")))
}

/// Loads the config at `location(env)`; a missing file gives the default.
/// An unreadable file is an error (line 0), and so is a file that is not
/// UTF-8 (at the first bad byte).
pub fn load(env: &EnvSnapshot) -> Result<Config, ConfigError> {
    let Some(path) = location(env) else {
        return Ok(Config::default());
    };
    let bytes = match std::fs::read(&path) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Config::default()),
        Err(e) => {
            return Err(ConfigError {
                file: path,
                line: 0,
                column: 0,
                message: format!("cannot read the config file: {e}"),
                expected: None,
            })
        }
    };
    match String::from_utf8(bytes) {
        Ok(text) => parse(&path, &text, env),
        Err(e) => {
            let good = e.utf8_error().valid_up_to();
            // The valid prefix is text; the bad byte starts the next column.
            let prefix = String::from_utf8_lossy(&e.as_bytes()[..good]).into_owned();
            let (line, column) = line_col(&prefix, good);
            Err(ConfigError {
                file: path,
                line,
                column,
                message: "the config file is not valid UTF-8".to_string(),
                expected: Some("UTF-8 text (TOML files are UTF-8)".to_string()),
            })
        }
    }
}

/// Parses config text (for tests and `load`); `file` is used in errors.
pub fn parse(file: &std::path::Path, text: &str, env: &EnvSnapshot) -> Result<Config, ConfigError> {
    let cx = Cx { file, text, env };
    let raw: RawConfig = toml::from_str(text).map_err(|e| cx.toml_error(&e))?;
    let mut c = Config {
        file: Some(file.to_path_buf()),
        ..Config::default()
    };
    if let Some(t) = &raw.toolchain {
        c.toolchain = Some(cx.toolchain(t)?);
    }
    if let Some(g) = &raw.goroot {
        c.goroot = match g.get_ref().as_str() {
            "unset" => GorootPolicy::Unset,
            "export" => GorootPolicy::Export,
            "leave" => GorootPolicy::Leave,
            other => {
                return Err(cx.err(
                    g.span().start,
                    format!("invalid goroot {other:?}"),
                    Some(r#""unset", "export" or "leave""#),
                ))
            }
        };
    }
    if let Some(g) = &raw.gopath {
        c.gopath = Some(cx.gopath(g)?);
    }
    if let Some(g) = &raw.gobin {
        let v = cx.expand(g)?;
        cx.absolute(g, &v, "gobin", "an absolute directory, like ~/go/bin")?;
        c.gobin = Some(v);
    }
    c.gotoolchain_local = raw.gotoolchain_local.unwrap_or(false);
    if let Some(env_table) = raw.env {
        let mut entries = env_table.0;
        // toml's table is sorted by name; key spans give file order back.
        entries.sort_by_key(|(k, _)| k.span().start);
        for (k, v) in entries {
            cx.env_name(&k)?;
            let value = match v.get_ref() {
                RawEnvValue::Unset => EnvValue::Unset,
                RawEnvValue::Set(s) => EnvValue::Set(cx.expand_str(s, v.span())?),
            };
            c.env.push((k.into_inner(), value));
        }
    }
    if let Some(path) = raw.path {
        for e in path.extra.unwrap_or_default() {
            let v = cx.expand(&e)?;
            cx.absolute(
                &e,
                &v,
                "path.extra entry",
                "absolute directories, like ~/go-tools/bin",
            )?;
            c.path_extra.push(v);
        }
        if let Some(order) = path.order {
            let mut seen: Vec<PathPart> = Vec::new();
            for o in &order {
                let part = match o.get_ref().as_str() {
                    "toolchain" => PathPart::Toolchain,
                    "gobin" => PathPart::Gobin,
                    "extra" => PathPart::Extra,
                    other => {
                        return Err(cx.err(
                            o.span().start,
                            format!("unknown path.order part {other:?}"),
                            Some(ORDER_EXPECTED),
                        ))
                    }
                };
                if seen.contains(&part) {
                    return Err(cx.err(
                        o.span().start,
                        format!("{:?} appears twice in path.order", o.get_ref()),
                        Some(ORDER_EXPECTED),
                    ));
                }
                seen.push(part);
            }
            for part in [PathPart::Toolchain, PathPart::Gobin, PathPart::Extra] {
                if !seen.contains(&part) {
                    seen.push(part);
                }
            }
            c.path_order = seen;
        }
    }
    if let Some(d) = raw.doctor {
        for id in d.ignore.unwrap_or_default() {
            if !is_kebab(id.get_ref()) {
                return Err(cx.err(
                    id.span().start,
                    format!("invalid check id {:?} in doctor.ignore", id.get_ref()),
                    Some("a check id in kebab-case, like \"path-duplicates\""),
                ));
            }
            c.doctor_ignore.push(id.into_inner());
        }
    }
    if let Some(pr) = raw.prompt {
        c.prompt_format = pr.format;
        c.prompt_always = pr.always.unwrap_or(false);
    }
    Ok(c)
}

const ORDER_EXPECTED: &str = r#""toolchain", "gobin" or "extra", each at most once"#;
const TOOLCHAIN_EXPECTED: &str =
    "a Go version (1.22, 1.22.3, go1.22.3) or an absolute toolchain directory (~/sdk/go1.22.3)";

// ---- the file as TOML sees it ----

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields, expecting = "a table")]
struct RawConfig {
    toolchain: Option<Spanned<String>>,
    goroot: Option<Spanned<String>>,
    gopath: Option<Spanned<String>>,
    gobin: Option<Spanned<String>>,
    gotoolchain_local: Option<bool>,
    env: Option<RawEnv>,
    path: Option<RawPath>,
    doctor: Option<RawDoctor>,
    prompt: Option<RawPrompt>,
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields, expecting = "a table")]
struct RawPath {
    extra: Option<Vec<Spanned<String>>>,
    order: Option<Vec<Spanned<String>>>,
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields, expecting = "a table")]
struct RawDoctor {
    ignore: Option<Vec<Spanned<String>>>,
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields, expecting = "a table")]
struct RawPrompt {
    format: Option<String>,
    always: Option<bool>,
}

/// `[env]`: names with their spans, in whatever order toml hands them over.
struct RawEnv(Vec<(Spanned<String>, Spanned<RawEnvValue>)>);

enum RawEnvValue {
    Set(String),
    Unset,
}

impl<'de> serde::Deserialize<'de> for RawEnv {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<RawEnv, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = RawEnv;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a table of variables")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, mut m: A) -> Result<RawEnv, A::Error> {
                let mut out = Vec::new();
                while let Some(k) = m.next_key::<Spanned<String>>()? {
                    let v = m.next_value::<Spanned<RawEnvValue>>()?;
                    out.push((k, v));
                }
                Ok(RawEnv(out))
            }
        }
        d.deserialize_map(V)
    }
}

impl<'de> serde::Deserialize<'de> for RawEnvValue {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<RawEnvValue, D::Error> {
        struct V;
        impl serde::de::Visitor<'_> for V {
            type Value = RawEnvValue;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string, or false to unset the variable")
            }
            fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<RawEnvValue, E> {
                Ok(RawEnvValue::Set(s.to_string()))
            }
            fn visit_bool<E: serde::de::Error>(self, b: bool) -> Result<RawEnvValue, E> {
                if b {
                    Err(E::invalid_value(serde::de::Unexpected::Bool(true), &self))
                } else {
                    Ok(RawEnvValue::Unset)
                }
            }
        }
        d.deserialize_any(V)
    }
}

// ---- checking and expanding, with positions ----

struct Cx<'a> {
    file: &'a std::path::Path,
    text: &'a str,
    env: &'a EnvSnapshot,
}

impl Cx<'_> {
    fn err(&self, offset: usize, message: String, expected: Option<&str>) -> ConfigError {
        let (line, column) = line_col(self.text, offset);
        ConfigError {
            file: self.file.to_path_buf(),
            line,
            column,
            message,
            expected: expected.map(str::to_string),
        }
    }

    /// A toml/serde error: its message split at the last ", expected ".
    fn toml_error(&self, e: &toml::de::Error) -> ConfigError {
        let msg = e.message();
        let (mut message, expected) = match msg.rfind(", expected ") {
            Some(i) => (msg[..i].to_string(), Some(&msg[i + ", expected ".len()..])),
            None => (msg.to_string(), None),
        };
        let span = e.span().unwrap_or(0..0);
        if let Some(rest) = message.strip_prefix("unknown field ") {
            message = format!("unknown key {rest}");
        } else if message == "duplicate key" {
            if let Some(k) = self.text.get(span.clone()).filter(|k| !k.is_empty()) {
                message = format!("duplicate key `{}`", k.trim());
            }
        }
        self.err(span.start, message, expected)
    }

    fn toolchain(&self, t: &Spanned<String>) -> Result<ToolchainPin, ConfigError> {
        let s = t.get_ref();
        let looks_like_dir = s.contains(['/', '\\']) || s.starts_with(['~', '.', '$']);
        if looks_like_dir {
            let v = self.expand(t)?;
            self.absolute(t, &v, "toolchain directory", TOOLCHAIN_EXPECTED)?;
            return Ok(ToolchainPin::Root(PathBuf::from(v)));
        }
        match parse_version_pin(s) {
            Some(v) => Ok(ToolchainPin::Version(v)),
            None => Err(self.err(
                t.span().start,
                format!("invalid toolchain {s:?}"),
                Some(TOOLCHAIN_EXPECTED),
            )),
        }
    }

    fn gopath(&self, g: &Spanned<String>) -> Result<OsString, ConfigError> {
        let p = self.env.platform;
        let sep = p.list_sep() as char;
        let mut out: Vec<OsString> = Vec::new();
        for part in split_outside_braces(g.get_ref(), sep) {
            // `~` is expanded at the start of every entry, `$VAR` anywhere.
            let v = self.expand_str(part, g.span())?;
            for entry in p.split_list(&v) {
                if !entry.is_empty() && !p.is_absolute(&entry) {
                    let raw = self.text.get(g.span()).unwrap_or("");
                    let at = raw.find(part).unwrap_or(0);
                    return Err(self.err(
                        g.span().start + at,
                        format!(
                            "gopath entry {:?} is not absolute (Go refuses relative GOPATH entries)",
                            entry.to_string_lossy()
                        ),
                        Some("absolute directories, like ~/go"),
                    ));
                }
            }
            out.push(v);
        }
        if out.iter().all(|e| e.is_empty()) {
            return Err(self.err(
                g.span().start,
                "gopath is empty".to_string(),
                Some("absolute directories, like ~/go"),
            ));
        }
        Ok(p.join_list(&out))
    }

    fn absolute(
        &self,
        at: &Spanned<String>,
        v: &OsString,
        what: &str,
        expected: &str,
    ) -> Result<(), ConfigError> {
        if self.env.platform.is_absolute(v) {
            return Ok(());
        }
        Err(self.err(
            at.span().start,
            format!("{what} {:?} is not an absolute path", v.to_string_lossy()),
            Some(expected),
        ))
    }

    fn env_name(&self, k: &Spanned<String>) -> Result<(), ConfigError> {
        let name = k.get_ref();
        let at = k.span().start;
        let valid = name.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
            && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
        if !valid {
            return Err(self.err(
                at,
                format!("invalid variable name {name:?} in [env]"),
                Some("a variable name like GOPROXY (letters, digits and _)"),
            ));
        }
        if name.eq_ignore_ascii_case("PATH") {
            return Err(self.err(
                at,
                format!("{name} can't be set in [env]: goenv-hook manages it"),
                Some("PATH entries in [path] extra, and another variable name here"),
            ));
        }
        if name.len() >= 11 && name[..11].eq_ignore_ascii_case("GOENV_HOOK_") {
            return Err(self.err(
                at,
                format!("{name} can't be set in [env]: GOENV_HOOK_ variables are goenv-hook's own"),
                Some("a variable name like GOPROXY"),
            ));
        }
        Ok(())
    }

    fn expand(&self, s: &Spanned<String>) -> Result<OsString, ConfigError> {
        self.expand_str(s.get_ref(), s.span())
    }

    /// Expands `s` (the value of the TOML string at `span`) and turns a failure
    /// into an error pointing at the offending text when it can be found.
    fn expand_str(&self, s: &str, span: std::ops::Range<usize>) -> Result<OsString, ConfigError> {
        expand(s, self.env).map_err(|e| {
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
            let raw = self.text.get(span.clone()).unwrap_or("");
            let at = raw.find(&token).map_or(span.start, |i| span.start + i);
            self.err(at, message, Some(&expected))
        })
    }
}

/// The one place a config version pin is parsed.
fn parse_version_pin(s: &str) -> Option<crate::version::GoVersion> {
    use crate::version::GoVersion;
    let s = s.trim();
    GoVersion::parse_toolchain(s).or_else(|| GoVersion::parse(s))
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

/// 1-based line and column (in characters) of byte `offset` in `text`.
fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let mut off = offset.min(text.len());
    while !text.is_char_boundary(off) {
        off -= 1;
    }
    let before = &text[..off];
    let line = before.matches('\n').count() + 1;
    let start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[start..].chars().count() + 1)
}

#[derive(Debug, PartialEq, Eq)]
enum ExpandError {
    /// `name` is not set; `token` is the text as written (`$X`, `${X}`).
    Undefined { name: String, token: String },
    /// A leading `~` with no home directory; `var` is HOME or USERPROFILE.
    NoHome { var: &'static str },
}

/// shellexpand's syntax, on bytes so values from the environment stay intact:
/// a leading `~` (alone or before `/`, or `\` on Windows) is the home
/// directory; `$NAME` and `${NAME}` are variables (NAME: letters, digits,
/// `_`); `${NAME:-default}` uses `default` when NAME is unset or empty; `$$`
/// is a literal `$`; any other `$` is kept. An unset variable is an error.
fn expand(s: &str, env: &EnvSnapshot) -> Result<OsString, ExpandError> {
    let p = env.platform;
    let mut out: Vec<u8> = Vec::with_capacity(s.len());
    let mut rest = s;
    if let Some(after) = s.strip_prefix('~') {
        if after.is_empty() || after.starts_with('/') || (p.is_windows() && after.starts_with('\\'))
        {
            let var = if p.is_windows() {
                "USERPROFILE"
            } else {
                "HOME"
            };
            let home = env.home().ok_or(ExpandError::NoHome { var })?;
            out.extend_from_slice(&bytes(home.as_os_str()));
            rest = after;
        }
    }
    let is_name = |c: char| c.is_alphanumeric() || c == '_';
    while let Some(i) = rest.find('$') {
        out.extend_from_slice(&rest.as_bytes()[..i]);
        let after = &rest[i + 1..];
        if let Some(inner) = after.strip_prefix('{') {
            let Some(close) = inner.find('}') else {
                out.extend_from_slice(b"${");
                rest = inner;
                continue;
            };
            let body = &inner[..close];
            let (name, default) = match body.find(":-") {
                Some(j) if j > 0 => (&body[..j], Some(&body[j + 2..])),
                _ => (body, None),
            };
            match (env.get(name), default) {
                (Some(v), None) => out.extend_from_slice(&bytes(v)),
                (Some(v), Some(_)) if !v.is_empty() => out.extend_from_slice(&bytes(v)),
                (_, Some(d)) => out.extend_from_slice(d.as_bytes()),
                (None, None) => {
                    return Err(ExpandError::Undefined {
                        name: name.to_string(),
                        token: format!("${{{body}}}"),
                    })
                }
            }
            rest = &inner[close + 1..];
        } else if after.starts_with(is_name) {
            let end = after.find(|c: char| !is_name(c)).unwrap_or(after.len());
            let name = &after[..end];
            match env.get(name) {
                Some(v) => out.extend_from_slice(&bytes(v)),
                None => {
                    return Err(ExpandError::Undefined {
                        name: name.to_string(),
                        token: format!("${name}"),
                    })
                }
            }
            rest = &after[end..];
        } else {
            out.push(b'$');
            rest = after.strip_prefix('$').unwrap_or(after);
        }
    }
    out.extend_from_slice(rest.as_bytes());
    Ok(from_bytes(out))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::platform::Platform;
    use std::path::Path;

    fn env() -> EnvSnapshot {
        EnvSnapshot::from_pairs(
            &[("HOME", "/home/u"), ("TOOLS", "/opt/tools"), ("EMPTY", "")],
            "/work",
            Platform::UNIX,
        )
    }

    fn ok(text: &str) -> Config {
        parse(Path::new("/c/config.toml"), text, &env()).unwrap_or_else(|e| panic!("{e}"))
    }

    fn err(text: &str) -> String {
        match parse(Path::new("/c/config.toml"), text, &env()) {
            Ok(c) => panic!("accepted: {c:?}"),
            Err(e) => e.to_string(),
        }
    }

    fn os(s: &str) -> OsString {
        OsString::from(s)
    }

    #[test]
    fn empty_file_is_the_default_with_its_name() {
        let c = ok("");
        assert_eq!(c.file.as_deref(), Some(Path::new("/c/config.toml")));
        assert_eq!(Config { file: None, ..c }, Config::default());
    }

    #[test]
    fn the_documented_schema_parses() {
        let c = ok(r#"
toolchain = "~/sdk/go1.22.3"
goroot = "export"
gopath = "~/go"
gobin = "~/go/bin"
gotoolchain_local = true

[env]
GOPROXY = "https://proxy.golang.org,direct"
GOFLAGS = false
CGO_ENABLED = "0"

[path]
extra = ["~/go-tools/bin", "$TOOLS/bin"]
order = ["gobin", "toolchain"]

[doctor]
ignore = ["path-duplicates", "gopath-in-goroot2"]

[prompt]
format = "go{version}"
always = true
"#);
        assert_eq!(
            c.toolchain,
            Some(ToolchainPin::Root(PathBuf::from("/home/u/sdk/go1.22.3")))
        );
        assert_eq!(c.goroot, GorootPolicy::Export);
        assert_eq!(c.gopath, Some(os("/home/u/go")));
        assert_eq!(c.gobin, Some(os("/home/u/go/bin")));
        assert!(c.gotoolchain_local);
        assert_eq!(
            c.env,
            [
                (
                    "GOPROXY".to_string(),
                    EnvValue::Set(os("https://proxy.golang.org,direct"))
                ),
                ("GOFLAGS".to_string(), EnvValue::Unset),
                ("CGO_ENABLED".to_string(), EnvValue::Set(os("0"))),
            ]
        );
        assert_eq!(
            c.path_extra,
            [os("/home/u/go-tools/bin"), os("/opt/tools/bin")]
        );
        assert_eq!(
            c.path_order,
            [PathPart::Gobin, PathPart::Toolchain, PathPart::Extra]
        );
        assert_eq!(c.doctor_ignore, ["path-duplicates", "gopath-in-goroot2"]);
        assert_eq!(c.prompt_format.as_deref(), Some("go{version}"));
        assert!(c.prompt_always);
    }

    #[test]
    fn expansion_forms() {
        let c = ok(r#"gopath = "~/go:${TOOLS}/gp:~:${NOPE:-/d}:${EMPTY:-/e}"
[env]
A = "$$HOME is $HOME, $ alone, ${ unclosed"
B = "x${EMPTY}y"
C = "~user/x"
"#);
        assert_eq!(c.gopath, Some(os("/home/u/go:/opt/tools/gp:/home/u:/d:/e")));
        let v: Vec<_> = c.env.iter().map(|(_, v)| v.clone()).collect();
        assert_eq!(
            v,
            [
                EnvValue::Set(os("$HOME is /home/u, $ alone, ${ unclosed")),
                EnvValue::Set(os("xy")),
                EnvValue::Set(os("~user/x")),
            ]
        );
    }

    #[cfg(unix)]
    #[test]
    fn expansion_keeps_non_utf8_bytes() {
        use std::os::unix::ffi::{OsStrExt, OsStringExt};
        let e = EnvSnapshot::new(
            vec![(os("HOME"), OsString::from_vec(b"/home/\xffu".to_vec()))],
            PathBuf::from("/"),
            Platform::UNIX,
        );
        let c = parse(Path::new("c"), "gobin = \"~/bin\"", &e).unwrap();
        assert_eq!(c.gobin.unwrap().as_bytes(), b"/home/\xffu/bin");
    }

    #[test]
    fn windows_expansion_and_absolute_paths() {
        let e = EnvSnapshot::from_pairs(
            &[("USERPROFILE", r"C:\Users\u"), ("LocalAppData", r"C:\L")],
            r"C:\w",
            Platform::WINDOWS,
        );
        let c = parse(
            Path::new("c"),
            r#"gopath = '~\go;$LOCALAPPDATA\gp'
gobin = '~\go\bin'
toolchain = 'C:\Program Files\Go'"#,
            &e,
        )
        .unwrap();
        assert_eq!(c.gopath, Some(os(r"C:\Users\u\go;C:\L\gp")));
        assert_eq!(c.gobin, Some(os(r"C:\Users\u\go\bin")));
        assert_eq!(
            c.toolchain,
            Some(ToolchainPin::Root(PathBuf::from(r"C:\Program Files\Go")))
        );
    }

    #[test]
    fn errors_say_where_and_what_was_expected() {
        assert_eq!(
            err("goroot = \"maybe\""),
            "/c/config.toml:1:10: invalid goroot \"maybe\"\n  expected: \"unset\", \"export\" or \"leave\""
        );
        assert_eq!(
            err("goroot = \"leave\"\n\nfoo = 1\n"),
            "/c/config.toml:3:1: unknown key `foo`\n  expected: one of `toolchain`, `goroot`, `gopath`, `gobin`, `gotoolchain_local`, `env`, `path`, `doctor`, `prompt`"
        );
        assert_eq!(
            err("[path]\n  extras = []\n"),
            "/c/config.toml:2:3: unknown key `extras`\n  expected: `extra` or `order`"
        );
        assert_eq!(
            err("[env]\nGOPROXY = \"direct\"\n\"GO PROXY\" = \"x\"\n"),
            "/c/config.toml:3:1: invalid variable name \"GO PROXY\" in [env]\n  expected: a variable name like GOPROXY (letters, digits and _)"
        );
        assert_eq!(
            err("[env]\nPath = \"/x\"\n"),
            "/c/config.toml:2:1: Path can't be set in [env]: goenv-hook manages it\n  expected: PATH entries in [path] extra, and another variable name here"
        );
        assert_eq!(
            err("[env]\nGOENV_HOOK_STATE = \"x\"\n"),
            "/c/config.toml:2:1: GOENV_HOOK_STATE can't be set in [env]: GOENV_HOOK_ variables are goenv-hook's own\n  expected: a variable name like GOPROXY"
        );
        assert_eq!(
            err("[env]\nGOFLAGS = true\n"),
            "/c/config.toml:2:11: invalid value: boolean `true`\n  expected: a string, or false to unset the variable"
        );
        assert_eq!(
            err("gobin = \"$GOBIN_BASE/bin\"\n"),
            "/c/config.toml:1:10: undefined variable GOBIN_BASE in \"$GOBIN_BASE/bin\"\n  expected: a variable set in the environment, or a default: ${GOBIN_BASE:-value}"
        );
        assert_eq!(
            err("[path]\nextra = [\"/a\", \"/b/${NOPE}/c\"]\n"),
            "/c/config.toml:2:20: undefined variable NOPE in \"/b/${NOPE}/c\"\n  expected: a variable set in the environment, or a default: ${NOPE:-value}"
        );
        assert_eq!(
            err("[path]\norder = [\"gobin\", \"extra\", \"gobin\"]\n"),
            "/c/config.toml:2:28: \"gobin\" appears twice in path.order\n  expected: \"toolchain\", \"gobin\" or \"extra\", each at most once"
        );
        assert_eq!(
            err("[path]\norder = [\"go\"]\n"),
            "/c/config.toml:2:10: unknown path.order part \"go\"\n  expected: \"toolchain\", \"gobin\" or \"extra\", each at most once"
        );
        assert_eq!(
            err("[doctor]\nignore = [\"Path_Duplicates\"]\n"),
            "/c/config.toml:2:11: invalid check id \"Path_Duplicates\" in doctor.ignore\n  expected: a check id in kebab-case, like \"path-duplicates\""
        );
        assert_eq!(
            err("toolchain = \"./go\"\n"),
            "/c/config.toml:1:13: toolchain directory \"./go\" is not an absolute path\n  expected: a Go version (1.22, 1.22.3, go1.22.3) or an absolute toolchain directory (~/sdk/go1.22.3)"
        );
        assert_eq!(
            err("gopath = \"/a:rel\"\n"),
            "/c/config.toml:1:14: gopath entry \"rel\" is not absolute (Go refuses relative GOPATH entries)\n  expected: absolute directories, like ~/go"
        );
        assert_eq!(
            err("gobin = \"bin\"\n"),
            "/c/config.toml:1:9: gobin \"bin\" is not an absolute path\n  expected: an absolute directory, like ~/go/bin"
        );
        assert_eq!(
            err("gotoolchain_local = \"yes\"\n"),
            "/c/config.toml:1:21: invalid type: string \"yes\"\n  expected: a boolean"
        );
        assert_eq!(
            err("path = \"x\"\n"),
            "/c/config.toml:1:8: invalid type: string \"x\"\n  expected: a table"
        );
        assert_eq!(
            err("gobin = \"/a\"\ngobin = \"/b\"\n"),
            "/c/config.toml:2:1: duplicate key `gobin`"
        );
        // Columns count characters, not bytes.
        assert_eq!(
            err("[prompt]\nformat = \"é\" ; x\n"),
            "/c/config.toml:2:14: unexpected key or value\n  expected: newline, `#`"
        );
    }

    #[test]
    fn tilde_without_home_is_an_error() {
        let e = EnvSnapshot::from_pairs(&[], "/", Platform::UNIX);
        let msg = parse(Path::new("c"), "\n gobin = \"~/bin\"", &e)
            .unwrap_err()
            .to_string();
        assert_eq!(
            msg,
            "c:2:11: cannot expand ~ in \"~/bin\": HOME is not set\n  expected: an absolute path, or ~ with the home directory set"
        );
    }

    #[test]
    fn location_rules() {
        let u = |pairs: &[(&str, &str)]| {
            location(&EnvSnapshot::from_pairs(pairs, "/w", Platform::UNIX))
        };
        assert_eq!(
            u(&[("GOENV_HOOK_CONFIG", "/x.toml"), ("HOME", "/h")]),
            Some(PathBuf::from("/x.toml"))
        );
        assert_eq!(
            u(&[("GOENV_HOOK_CONFIG", "x.toml")]),
            Some(PathBuf::from("/w/x.toml"))
        );
        assert_eq!(
            u(&[
                ("GOENV_HOOK_CONFIG", ""),
                ("XDG_CONFIG_HOME", "/xdg"),
                ("HOME", "/h")
            ]),
            Some(PathBuf::from("/xdg/goenv-hook/config.toml"))
        );
        assert_eq!(
            u(&[("XDG_CONFIG_HOME", "rel"), ("HOME", "/h")]),
            Some(PathBuf::from("/h/.config/goenv-hook/config.toml"))
        );
        assert_eq!(u(&[("XDG_CONFIG_HOME", "rel")]), None);
        let w = EnvSnapshot::from_pairs(
            &[
                ("APPDATA", r"C:\Users\u\AppData\Roaming"),
                ("XDG_CONFIG_HOME", "/xdg"),
            ],
            r"C:\w",
            Platform::WINDOWS,
        );
        assert_eq!(
            location(&w),
            Some(PathBuf::from(
                r"C:\Users\u\AppData\Roaming\goenv-hook\config.toml"
            ))
        );
    }

    #[test]
    fn load_missing_unreadable_and_not_utf8() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("config.toml");
        let e = EnvSnapshot::from_pairs(
            &[
                ("GOENV_HOOK_CONFIG", file.to_str().unwrap()),
                ("HOME", "/h"),
            ],
            "/",
            Platform::UNIX,
        );
        assert_eq!(load(&e).unwrap(), Config::default());
        std::fs::write(&file, "gobin = \"~/b\"\n").unwrap();
        let c = load(&e).unwrap();
        assert_eq!(
            (c.file.as_deref(), c.gobin),
            (Some(file.as_path()), Some(os("/h/b")))
        );
        std::fs::write(&file, b"# caf\xc3\xa9\ngobin = \"/x\xff\"\n").unwrap();
        let err = load(&e).unwrap_err();
        assert_eq!((err.line, err.column), (2, 12));
        assert!(
            err.to_string()
                .contains(":2:12: the config file is not valid UTF-8"),
            "{err}"
        );
        let e = EnvSnapshot::from_pairs(
            &[("GOENV_HOOK_CONFIG", dir.path().to_str().unwrap())],
            "/",
            Platform::UNIX,
        );
        let err = load(&e).unwrap_err();
        assert_eq!(err.line, 0);
        let shown = err.to_string();
        assert!(
            shown.starts_with(&format!(
                "{}: cannot read the config file: ",
                dir.path().display()
            )),
            "{shown}"
        );
    }

    #[test]
    fn version_pins() {
        for v in ["1.22", "1.22.3", "go1.22.3", "1.21rc1"] {
            let c = ok(&format!("toolchain = \"{v}\""));
            match c.toolchain {
                Some(ToolchainPin::Version(g)) => {
                    assert_eq!(g.to_string(), v.trim_start_matches("go"))
                }
                other => panic!("{v}: {other:?}"),
            }
        }
        assert_eq!(
            err("toolchain = \"latest\""),
            "/c/config.toml:1:13: invalid toolchain \"latest\"\n  expected: a Go version (1.22, 1.22.3, go1.22.3) or an absolute toolchain directory (~/sdk/go1.22.3)"
        );
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_stack_overflow() {
        for text in [
            format!("gopath = {}", "[".repeat(100_000)),
            format!("gopath = {}", "{a=".repeat(100_000)),
            "[a.".repeat(50_000),
        ] {
            assert!(parse(Path::new("c"), &text, &env()).is_err());
        }
    }

    proptest::proptest! {
        #[test]
        fn parse_never_panics(text in "(?s).{0,300}") {
            let _ = parse(Path::new("c"), &text, &env());
        }

        #[test]
        fn parse_never_panics_on_toml_like_text(
            lines in proptest::collection::vec(
                "(\\[(env|path|doctor|prompt)\\]|(toolchain|gopath|gobin|goroot|A|PATH|extra|order|ignore|format)[ ]?=[ ]?(\"[~$a-z{}:/\\\\é-]{0,12}\"|\\[\"[a-z$~{}/-]{0,8}\"\\]|true|false|1))",
                0..8,
            )
        ) {
            let text = lines.join("\n");
            let _ = parse(Path::new("c"), &text, &env());
        }

        #[test]
        fn expand_never_panics(s in "[~${}:a-zA-Z_/é-]{0,16}") {
            let _ = expand(&s, &env());
        }
    }
}
