//! A snapshot of the process environment, read once, as `OsString`s.

use crate::sys::platform::Platform;
use std::ffi::{OsStr, OsString};
use std::path::PathBuf;

#[derive(Clone, Debug)]
pub struct EnvSnapshot {
    vars: Vec<(OsString, OsString)>,
    pub cwd: PathBuf,
    pub platform: Platform,
}

impl EnvSnapshot {
    /// The real environment of this process.
    pub(crate) fn from_process() -> EnvSnapshot {
        let real = std::env::current_dir().ok();
        // Like Go's os.Getwd: $PWD when it is absolute and names the same
        // directory (so a symlinked path is walked as the user sees it).
        let logical = std::env::var_os("PWD")
            .map(PathBuf::from)
            .filter(|p| p.is_absolute() && real.as_ref().is_some_and(|r| same_file(p, r)));
        let cwd = logical
            .or(real)
            .or_else(|| std::env::var_os("PWD").map(PathBuf::from))
            .unwrap_or_else(|| PathBuf::from("/"));
        EnvSnapshot::new(std::env::vars_os().collect(), cwd, Platform::current())
    }

    pub fn new(vars: Vec<(OsString, OsString)>, cwd: PathBuf, platform: Platform) -> EnvSnapshot {
        EnvSnapshot {
            vars,
            cwd,
            platform,
        }
    }

    /// Convenience for tests: `&[("HOME", "/h")]`.
    pub fn from_pairs(pairs: &[(&str, &str)], cwd: &str, platform: Platform) -> EnvSnapshot {
        EnvSnapshot::new(
            pairs
                .iter()
                .map(|(k, v)| (OsString::from(k), OsString::from(v)))
                .collect(),
            PathBuf::from(cwd),
            platform,
        )
    }

    /// The value of `name` (case-insensitive on Windows); the last one wins.
    pub fn get(&self, name: &str) -> Option<&OsStr> {
        let n = OsStr::new(name);
        self.vars
            .iter()
            .rev()
            .find(|(k, _)| self.platform.var_eq(k, n))
            .map(|(_, v)| v.as_os_str())
    }

    /// The value if set and non-empty (Go treats empty as unset).
    pub fn get_nonempty(&self, name: &str) -> Option<&OsStr> {
        self.get(name).filter(|v| !v.is_empty())
    }

    pub fn set(&mut self, name: &str, value: impl Into<OsString>) {
        self.unset(name);
        self.vars.push((OsString::from(name), value.into()));
    }

    pub fn unset(&mut self, name: &str) {
        let n = OsString::from(name);
        let p = self.platform;
        self.vars.retain(|(k, _)| !p.var_eq(k, &n));
    }

    /// A copy without the variables named in `skip`, for a caller that sets
    /// them anew (no copy of a long PATH only to replace it).
    pub(crate) fn clone_without(&self, skip: &[&str]) -> EnvSnapshot {
        let p = self.platform;
        EnvSnapshot {
            vars: self
                .vars
                .iter()
                .filter(|(k, _)| !skip.iter().any(|s| p.var_eq(k, OsStr::new(s))))
                .cloned()
                .collect(),
            cwd: self.cwd.clone(),
            platform: p,
        }
    }

    pub fn vars(&self) -> &[(OsString, OsString)] {
        &self.vars
    }

    /// PATH as a list of entries.
    pub fn path_entries(&self) -> Vec<OsString> {
        self.get("PATH")
            .map(|p| self.platform.split_list(p))
            .unwrap_or_default()
    }

    /// The home directory: `HOME` (Unix), `USERPROFILE` (Windows).
    pub fn home(&self) -> Option<PathBuf> {
        self.get_nonempty(self.platform.home_var())
            .map(PathBuf::from)
    }
}

#[cfg(unix)]
fn same_file(a: &std::path::Path, b: &std::path::Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (std::fs::metadata(a), std::fs::metadata(b)) {
        (Ok(x), Ok(y)) => x.dev() == y.dev() && x.ino() == y.ino(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn same_file(a: &std::path::Path, b: &std::path::Path) -> bool {
    match (canonical(a), canonical(b)) {
        (Ok(x), Ok(y)) => x == y,
        _ => false,
    }
}

/// The one way a path is canonicalised (links resolved, absolute): `fs::
/// canonicalize`, except that on Windows the result is spelled as users
/// and Go spell paths (`C:\Program Files\Go`), not in the `\\?\C:\…`
/// verbatim form `fs::canonicalize` returns there (which compares unequal
/// to every PATH entry and `go env GOROOT`); a path the short form can't
/// express (longer than MAX_PATH, a reserved name) stays verbatim
/// (`dunce`). `tests/architecture.rs` keeps every other caller out.
pub fn canonical(p: &std::path::Path) -> std::io::Result<PathBuf> {
    dunce::canonicalize(p)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_names_are_case_insensitive() {
        let e = EnvSnapshot::from_pairs(&[("Path", r"C:\a;C:\b")], "C:\\", Platform::WINDOWS);
        assert_eq!(e.get("PATH").unwrap(), r"C:\a;C:\b");
        assert_eq!(e.path_entries().len(), 2);
        let u = EnvSnapshot::from_pairs(&[("Path", "/a")], "/", Platform::UNIX);
        assert!(u.get("PATH").is_none());
    }

    #[test]
    fn empty_counts_as_unset_for_get_nonempty() {
        let e = EnvSnapshot::from_pairs(&[("GOPATH", "")], "/", Platform::UNIX);
        assert!(e.get("GOPATH").is_some());
        assert!(e.get_nonempty("GOPATH").is_none());
    }
}
