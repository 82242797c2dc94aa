//! The config file: the single source of truth for every shell.
//!
//! Location ([`location`]): `$GOENV_HOOK_CONFIG` if non-empty, else
//! `$XDG_CONFIG_HOME/goenv-hook/config.toml`, else
//! `~/.config/goenv-hook/config.toml` (macOS too), on Windows
//! `%AppData%\goenv-hook\config.toml`, read from the `EnvSnapshot`; the
//! `dirs` crate only fills in what the snapshot lacks (no `HOME`, no
//! `AppData`). A missing file at the default location is the default config;
//! a `GOENV_HOOK_CONFIG` naming a missing file is an error. Schema (all
//! keys optional):
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
//!
//! The rules are written once ([`rules`]) over an abstract tree of settings
//! ([`tree`]) whose values carry their location; the file's front end
//! ([`file`]) builds the tree from TOML and words errors with file, line and
//! column; the Nushell plugin builds it from `$env.config.plugins.goenv`
//! and labels the offending value. Values expand `~` and `$VAR` with
//! [`crate::sys::expand`] (an undefined variable is an error naming it).

use crate::sys::env::EnvSnapshot;
use crate::sys::platform::{bytes, from_bytes};
use std::ffi::OsString;
use std::fmt;
use std::path::PathBuf;

pub mod file;
pub mod rules;
pub mod tree;

pub use rules::{Known, Settings};

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
    Version(crate::go::gover::GoVersion),
    Root(#[serde(serialize_with = "crate::sys::ser::os_lossy")] PathBuf),
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
    Set(#[serde(serialize_with = "crate::sys::ser::os_lossy")] OsString),
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

/// The variable that names the config file.
pub(crate) const CONFIG_VAR: &str = "GOENV_HOOK_CONFIG";

/// Where the config file is looked for: `$GOENV_HOOK_CONFIG` if non-empty
/// (relative to the current directory if relative); on Windows
/// `%AppData%\goenv-hook\config.toml`; elsewhere
/// `$XDG_CONFIG_HOME/goenv-hook/config.toml` when XDG_CONFIG_HOME is
/// absolute, else `$HOME/.config/goenv-hook/config.toml`. macOS counts as
/// Unix here: like many command-line tools we use `~/.config` there too (not
/// `~/Library/Application Support`) unless XDG_CONFIG_HOME is set. When the
/// snapshot lacks `HOME` (`AppData` on Windows) and describes this machine,
/// the `dirs` crate fills it in (the password database's home directory;
/// the RoamingAppData known folder). None when nothing gives a place.
pub fn location(env: &EnvSnapshot) -> Option<PathBuf> {
    location_with(env, &|| {
        if env.platform != crate::sys::platform::Platform::current() {
            None
        } else if env.platform.is_windows() {
            dirs::config_dir().map(PathBuf::into_os_string)
        } else {
            dirs::home_dir().map(|h| env.platform.join(h.as_os_str(), ".config"))
        }
    })
}

/// [`location`] with `fallback` for the base directory (the one that holds
/// `goenv-hook/`) when the snapshot has none.
pub(crate) fn location_with(
    env: &EnvSnapshot,
    fallback: &dyn Fn() -> Option<OsString>,
) -> Option<PathBuf> {
    let p = env.platform;
    if let Some(c) = env.get_nonempty(CONFIG_VAR) {
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
        match env.get_nonempty("AppData") {
            Some(a) => a.to_os_string(),
            None => fallback()?,
        }
    } else if let Some(x) = env
        .get_nonempty("XDG_CONFIG_HOME")
        .filter(|x| p.is_absolute(x))
    {
        x.to_os_string()
    } else {
        match env.get_nonempty("HOME") {
            Some(h) => p.join(h, ".config"),
            None => fallback()?,
        }
    };
    let dir = p.join(&base, "goenv-hook");
    Some(PathBuf::from(p.join(&dir, "config.toml")))
}

/// What reading the config file gave (`probe::config` reads it): the
/// config, or the error naming the file. A missing file at the default
/// location gives the default; a missing file named by
/// `$GOENV_HOOK_CONFIG` is an error, and so are an unreadable file (line 0)
/// and a file that is not UTF-8 (at the first bad byte).
pub(crate) fn from_read(
    path: PathBuf,
    read: std::io::Result<Vec<u8>>,
    env: &EnvSnapshot,
    known: Known<'_>,
) -> Result<Config, ConfigError> {
    let bytes = match read {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            if env.get_nonempty(CONFIG_VAR).is_none() {
                return Ok(Config::default());
            }
            return Err(ConfigError {
                file: path,
                line: 0,
                column: 0,
                message: format!("no such file (named by {CONFIG_VAR})"),
                expected: Some(format!(
                    "{CONFIG_VAR} naming an existing file, or unset for the default location"
                )),
            });
        }
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
        Ok(text) => parse_with(&path, &text, env, known),
        Err(e) => {
            let good = e.utf8_error().valid_up_to();
            // The valid prefix is text; the bad byte starts the next column.
            let prefix = String::from_utf8_lossy(&e.as_bytes()[..good]).into_owned();
            let (line, column) = file::line_col(&prefix, good);
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

/// Parses config text (for tests and [`from_read`]); `file` is used in errors.
pub fn parse(file: &std::path::Path, text: &str, env: &EnvSnapshot) -> Result<Config, ConfigError> {
    parse_with(file, text, env, Known::default())
}

/// [`parse`] with what a stricter caller knows.
pub fn parse_with(
    path: &std::path::Path,
    text: &str,
    env: &EnvSnapshot,
    known: Known<'_>,
) -> Result<Config, ConfigError> {
    let mut c = Config {
        file: Some(path.to_path_buf()),
        ..Config::default()
    };
    file::settings(path, text, env, known)?.apply(&mut c);
    Ok(c)
}

#[cfg(test)]
mod tests;
