//! The persistent Windows environment: what a *new* terminal starts with.
//!
//! Windows builds a new process's environment (Explorer, and so every
//! terminal started from the Start menu or a shortcut) from two registry
//! keys: the Machine variables (`HKLM\SYSTEM\CurrentControlSet\Control\
//! Session Manager\Environment`, System Properties' "System variables")
//! and then the User variables (`HKCU\Environment`, "User variables").
//! For `Path` the two are joined, Machine first; for any other name the
//! User value wins. A `REG_EXPAND_SZ` value's `%NAME%` references are
//! expanded when the environment is built; a `REG_SZ` value is taken as
//! is, so a `%GOROOT%\bin` stored as `REG_SZ` stays literally
//! `%GOROOT%\bin` and names no directory. (wine builds it the same way,
//! which the tests under wine show: `tests/win_registry.rs`.)
//!
//! [`RegEnv`] is what `probe::registry` read, as plain data (constructible
//! on any platform, so the checks are tested on Linux too);
//! [`Persistent`] adds what the probe found on the new terminal's PATH and
//! at the persistent GOROOT. The rules of how Windows composes a new
//! terminal's environment live here, in one place.

use super::toolchain::{GoHit, Toolchain};
use crate::sys::env::EnvSnapshot;
use std::ffi::OsString;

/// The machine's persistent environment key (under `HKEY_LOCAL_MACHINE`).
pub(crate) const MACHINE_KEY: &str =
    r"SYSTEM\CurrentControlSet\Control\Session Manager\Environment";
/// The user's persistent environment key (under `HKEY_CURRENT_USER`).
pub(crate) const USER_KEY: &str = "Environment";

/// The length limits a persistent PATH runs into (characters, UTF-16 code
/// units as Windows counts them), smallest first:
/// - 1024: `setx` truncates the value it writes to this many characters
///   (and writes the *expanded* process PATH, Machine part included, into
///   the User PATH): never `setx` a PATH;
/// - 2047: the longest line older tools and the pre-Windows-10 System
///   Properties editor handle; cmd's `set "PATH=%PATH%;…"` lines in
///   installers have failed past it;
/// - 8191: the longest command line cmd.exe takes, so the longest PATH a
///   `set PATH=…` line (goenv-hook's cmd hook writes one) can set;
/// - 32767: the longest value of any environment variable (the
///   environment block's limit): past it Windows drops the variable.
///
/// (wine 8.0 keeps only about the first 1,023 characters of the Machine
/// PATH when it builds a new process's environment, whatever the value's
/// type: `tests/win_registry.rs` shows Go at its end lost there.)
pub(crate) const LIMITS: [usize; 4] = [1024, 2047, 8191, 32767];

/// Which key a value was read from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Scope {
    Machine,
    User,
}

impl Scope {
    /// The name `[Environment]::SetEnvironmentVariable` takes.
    pub fn target(self) -> &'static str {
        match self {
            Scope::Machine => "Machine",
            Scope::User => "User",
        }
    }

    /// The registry key as `reg query` spells it.
    pub fn key(self) -> String {
        match self {
            Scope::Machine => format!(r"HKLM\{MACHINE_KEY}"),
            Scope::User => format!(r"HKCU\{USER_KEY}"),
        }
    }

    /// What System Properties calls these variables.
    pub(crate) fn dialog(self) -> &'static str {
        match self {
            Scope::Machine => "System variables",
            Scope::User => "User variables",
        }
    }
}

/// A registry value's type, as far as the environment cares.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
pub enum RegType {
    /// `REG_SZ`: taken literally.
    #[serde(rename = "REG_SZ")]
    Sz,
    /// `REG_EXPAND_SZ`: `%NAME%` expanded when the environment is built.
    #[serde(rename = "REG_EXPAND_SZ")]
    ExpandSz,
    /// Anything else (Windows skips it when building the environment).
    #[serde(rename = "other")]
    Other,
}

/// One value of an environment key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RegVar {
    pub name: String,
    /// The data as stored (UTF-16 decoded; `%NAME%` not expanded).
    pub value: String,
    pub ty: RegType,
}

/// The two environment keys, as read (a key that could not be read is
/// empty, and its error is kept).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RegEnv {
    pub machine: Vec<RegVar>,
    pub user: Vec<RegVar>,
    /// Keys that could not be read: (key, error).
    pub errors: Vec<(String, String)>,
}

/// One entry of a new terminal's PATH: where it came from and what it
/// becomes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PathEntry {
    pub scope: Scope,
    /// As stored.
    pub raw: String,
    /// As the new environment holds it (`%NAME%` expanded for a
    /// `REG_EXPAND_SZ` value; the same as `raw` for `REG_SZ`).
    pub expanded: String,
}

impl RegEnv {
    /// The variables of one key.
    pub fn vars(&self, scope: Scope) -> &[RegVar] {
        match scope {
            Scope::Machine => &self.machine,
            Scope::User => &self.user,
        }
    }

    /// The value `name` of one key (names are case-insensitive).
    pub fn get(&self, scope: Scope, name: &str) -> Option<&RegVar> {
        self.vars(scope)
            .iter()
            .find(|v| v.name.eq_ignore_ascii_case(name) && v.ty != RegType::Other)
    }

    /// What a new terminal's `name` (not PATH) comes from: the User value,
    /// else the Machine value.
    pub fn effective(&self, name: &str) -> Option<(Scope, &RegVar)> {
        [Scope::User, Scope::Machine]
            .into_iter()
            .find_map(|s| self.get(s, name).map(|v| (s, v)))
    }

    /// `v`'s value as a new environment holds it: `REG_EXPAND_SZ` expanded
    /// ([`expand`]) with the persistent variables, then `env`'s (the
    /// variables Windows sets itself: `USERPROFILE`, `SystemRoot`, …).
    pub(crate) fn value_in_new_env(&self, v: &RegVar, env: &EnvSnapshot) -> String {
        match v.ty {
            RegType::ExpandSz => expand(&v.value, &|n| self.lookup(n, env)),
            _ => v.value.clone(),
        }
    }

    /// A variable's value for expansion: persistent (User, then Machine;
    /// never PATH, which is composed), else the process environment.
    fn lookup(&self, name: &str, env: &EnvSnapshot) -> Option<String> {
        if !name.eq_ignore_ascii_case("path") {
            if let Some((_, v)) = self.effective(name) {
                // One level: what Windows does for a reference to a
                // variable set in the same pass.
                return Some(v.value.clone());
            }
        }
        env.get(name).map(|v| v.to_string_lossy().into_owned())
    }

    /// The PATH a new terminal starts with: the Machine PATH's entries,
    /// then the User PATH's (empty entries dropped).
    pub(crate) fn new_terminal_path(&self, env: &EnvSnapshot) -> Vec<PathEntry> {
        let mut out = Vec::new();
        for scope in [Scope::Machine, Scope::User] {
            let Some(v) = self.get(scope, "Path") else {
                continue;
            };
            for raw in v.value.split(';').filter(|e| !e.is_empty()) {
                let expanded = match v.ty {
                    RegType::ExpandSz => expand(raw, &|n| self.lookup(n, env)),
                    _ => raw.to_string(),
                };
                out.push(PathEntry {
                    scope,
                    raw: raw.to_string(),
                    expanded,
                });
            }
        }
        out
    }
}

/// `%NAME%` references in `s`, expanded the way Windows'
/// `ExpandEnvironmentStrings` does: a defined name is replaced by its
/// value; an undefined `%NAME%`, and a lone `%`, stay as written.
pub fn expand(s: &str, lookup: &dyn Fn(&str) -> Option<String>) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('%') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        match after.find('%') {
            Some(j) if j > 0 => match lookup(&after[..j]) {
                Some(v) => {
                    out.push_str(&v);
                    rest = &after[j + 1..];
                }
                None => {
                    out.push('%');
                    out.push_str(&after[..=j]);
                    rest = &after[j + 1..];
                }
            },
            _ => {
                out.push('%');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The `%NAME%` references in `s` (names, in order).
pub fn references(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = s;
    while let Some(i) = rest.find('%') {
        let after = &rest[i + 1..];
        match after.find('%') {
            Some(j) if j > 0 && !after[..j].contains([';', '\\']) => {
                out.push(&after[..j]);
                rest = &after[j + 1..];
            }
            Some(j) => rest = &after[j..],
            None => break,
        }
    }
    out
}

/// What the probe read of the persistent environment, and what it found
/// there (doctor only, on Windows).
#[derive(Clone, Debug, Default)]
pub struct Persistent {
    pub reg: RegEnv,
    /// [`RegEnv::new_terminal_path`] as it was when read.
    pub path: Vec<PathEntry>,
    /// The `go` binaries on [`Persistent::path`] (each hit's `path_index`
    /// indexes it), in order: the first usable one is what a new terminal
    /// runs.
    pub hits: Vec<GoHit>,
    /// The persistent GOROOT as a new environment holds it, and the
    /// toolchain there (None: not a Go root).
    pub goroot: Option<(Scope, String, Option<Toolchain>)>,
    /// Indexes of [`Persistent::path`] entries that name no directory
    /// (absolute ones only).
    pub missing: Vec<usize>,
}

impl Persistent {
    /// The `go` a new terminal runs.
    pub(crate) fn running_go(&self) -> Option<&GoHit> {
        self.hits.iter().find(|h| h.problem.is_none())
    }

    /// The PATH entry `hit` was found in.
    pub(crate) fn entry_of(&self, hit: &GoHit) -> Option<&PathEntry> {
        self.path.get(hit.path_index)
    }

    /// The expanded entries as the new environment's PATH value (`;`
    /// joined), for its length.
    pub fn path_value(&self) -> String {
        let v: Vec<&str> = self.path.iter().map(|e| e.expanded.as_str()).collect();
        v.join(";")
    }

    /// The entries of [`Persistent::path`] as `OsString`s (for PATH lookup).
    pub(crate) fn path_os(&self) -> Vec<OsString> {
        self.path
            .iter()
            .map(|e| OsString::from(&e.expanded))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sys::platform::Platform;

    fn var(name: &str, value: &str, ty: RegType) -> RegVar {
        RegVar {
            name: name.into(),
            value: value.into(),
            ty,
        }
    }

    #[test]
    fn expand_is_expand_environment_strings() {
        let look = |n: &str| match n.to_ascii_uppercase().as_str() {
            "A" => Some("x".to_string()),
            "GOROOT" => Some(r"C:\Go".to_string()),
            _ => None,
        };
        assert_eq!(expand(r"%GOROOT%\bin", &look), r"C:\Go\bin");
        assert_eq!(expand("%a%%A%", &look), "xx");
        assert_eq!(expand("%nope%", &look), "%nope%");
        assert_eq!(expand("%nope%A%", &look), "%nope%A%");
        assert_eq!(expand("100%", &look), "100%");
        assert_eq!(expand("%%", &look), "%%");
        assert_eq!(
            references(r"%GOROOT%\bin;%USERPROFILE%\go"),
            ["GOROOT", "USERPROFILE"]
        );
        assert_eq!(references(r"%GOROOT%\bin"), ["GOROOT"]);
        assert_eq!(references(r"C:\100% sure"), Vec::<&str>::new());
    }

    #[test]
    fn new_terminal_path_is_machine_then_user_and_reg_sz_stays_literal() {
        let reg = RegEnv {
            machine: vec![
                var(
                    "Path",
                    r"%SystemRoot%\system32;C:\Program Files\Go\bin;",
                    RegType::ExpandSz,
                ),
                var("GOROOT", r"C:\Go", RegType::Sz),
            ],
            user: vec![
                var("PATH", r"%GOROOT%\bin;%USERPROFILE%\go\bin", RegType::Sz),
                var("goroot", r"%USERPROFILE%\sdk\go1.23.5", RegType::ExpandSz),
            ],
            errors: vec![],
        };
        let env = EnvSnapshot::from_pairs(
            &[
                ("SystemRoot", r"C:\windows"),
                ("USERPROFILE", r"C:\users\u"),
            ],
            r"C:\",
            Platform::WINDOWS,
        );
        let p = reg.new_terminal_path(&env);
        let got: Vec<(Scope, &str)> = p.iter().map(|e| (e.scope, e.expanded.as_str())).collect();
        assert_eq!(
            got,
            [
                (Scope::Machine, r"C:\windows\system32"),
                (Scope::Machine, r"C:\Program Files\Go\bin"),
                (Scope::User, r"%GOROOT%\bin"),
                (Scope::User, r"%USERPROFILE%\go\bin"),
            ]
        );
        let (s, g) = reg.effective("GOROOT").unwrap();
        assert_eq!(s, Scope::User);
        assert_eq!(reg.value_in_new_env(g, &env), r"C:\users\u\sdk\go1.23.5");
    }
}
