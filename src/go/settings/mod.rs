//! Go's lookup of its settings (go-env-facts.md §3), pure: a non-empty
//! process variable, else the `go env -w` file, else `$GOROOT/go.env`, else
//! Go's default; and the paths derived from them (GOPATH, GOBIN,
//! GOMODCACHE, the user cache and config directories). The one place these rules live.

use crate::go::envfile::GoEnvFile;
use crate::sys::env::EnvSnapshot;
use std::ffi::{OsStr, OsString};
use std::path::{Path, PathBuf};

/// Where a setting's value came from, as the JSON evidence names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Source {
    /// The process environment.
    Env,
    /// The `go env -w` file.
    GoenvFile,
    /// `$GOROOT/go.env`, or Go's built-in default.
    Default,
}

/// The layer a value came from, in more detail than [`Source`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Layer {
    Env,
    /// The `go env -w` file, and the line.
    GoenvFile(PathBuf, usize),
    /// `$GOROOT/go.env` (this file).
    GorootGoEnv(PathBuf),
    /// What Go has built in (before 1.21), or ships in go.env when the
    /// file could not be read.
    Builtin,
}

/// A Go setting as Go resolves it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Setting {
    pub value: OsString,
    pub source: Source,
    /// The `go env -w` file's line, when it came from there.
    pub line: Option<usize>,
    pub layer: Layer,
}

/// The bottom layers of Go's lookup for the toolchain `go` runs with.
#[derive(Clone, Copy, Debug)]
pub enum Defaults<'a> {
    /// Not known (no toolchain, or its version unknown): nothing is
    /// predicted below the `go env -w` file.
    Unknown,
    /// Go before 1.21: GOPROXY and GOSUMDB are built in; no go.env.
    Builtin,
    /// Go 1.21 or later: `$GOROOT/go.env` as read (None: the root has
    /// none, so GOPROXY, GOSUMDB and GOTOOLCHAIN are empty).
    GoEnv(Option<&'a GoEnvFile>),
    /// Go 1.21 or later with a go.env that could not be read: what Go
    /// ships there.
    Shipped,
}

/// What Go itself has for a setting when no layer sets it (before 1.21,
/// and what 1.21+ ships in go.env).
pub(crate) fn builtin_default(key: &str) -> Option<&'static str> {
    Some(match key {
        "GOPROXY" => "https://proxy.golang.org,direct",
        "GOSUMDB" => "sum.golang.org",
        "GOTOOLCHAIN" => "auto",
        _ => return None,
    })
}

/// Go's lookup of a setting: the process environment (non-empty), the
/// `go env -w` file (a key there, even empty, hides go.env's value), then
/// [`Defaults`].
#[derive(Clone, Copy, Debug)]
pub(crate) struct Lookup<'a> {
    pub env: &'a EnvSnapshot,
    pub file: Option<&'a GoEnvFile>,
    pub defaults: Defaults<'a>,
}

impl<'a> Lookup<'a> {
    /// A lookup of the user's layers only (no defaults known).
    pub fn user(env: &'a EnvSnapshot, file: Option<&'a GoEnvFile>) -> Lookup<'a> {
        Lookup {
            env,
            file,
            defaults: Defaults::Unknown,
        }
    }

    /// The environment, else a non-empty line of the `go env -w` file.
    pub fn set(&self, key: &str) -> Option<Setting> {
        if let Some(v) = self.env.get_nonempty(key) {
            return Some(Setting {
                value: v.to_os_string(),
                source: Source::Env,
                line: None,
                layer: Layer::Env,
            });
        }
        let f = self.file?;
        let e = f.entries.iter().rev().find(|e| e.key == key)?;
        if e.value.is_empty() {
            return None;
        }
        Some(Setting {
            value: e.value.clone(),
            source: Source::GoenvFile,
            line: Some(e.line),
            layer: Layer::GoenvFile(f.path.clone(), e.line),
        })
    }

    /// Every layer: Some(Some) the value and where it came from (an empty
    /// `go env -w` line that hides go.env is an empty value from the file),
    /// Some(None) set nowhere, None not known (the defaults are unknown).
    pub(crate) fn resolve(&self, key: &str) -> Option<Option<Setting>> {
        if let Some(s) = self.set(key) {
            return Some(Some(s));
        }
        let below = match self.defaults {
            Defaults::Unknown => return None,
            Defaults::Builtin => {
                return Some(
                    builtin_default(key)
                        .filter(|_| key != "GOTOOLCHAIN")
                        .map(|v| Setting {
                            value: v.into(),
                            source: Source::Default,
                            line: None,
                            layer: Layer::Builtin,
                        }),
                )
            }
            d => d,
        };
        // Go >= 1.21: a key in the user's file, even empty, wins over go.env.
        if let Some((f, e)) = self
            .file
            .and_then(|f| Some((f, f.entries.iter().rev().find(|e| e.key == key)?)))
        {
            return Some(Some(Setting {
                value: OsString::new(),
                source: Source::GoenvFile,
                line: Some(e.line),
                layer: Layer::GoenvFile(f.path.clone(), e.line),
            }));
        }
        Some(match below {
            Defaults::GoEnv(Some(g)) => g.get(key).filter(|v| !v.is_empty()).map(|v| Setting {
                value: v.to_os_string(),
                source: Source::Default,
                line: None,
                layer: Layer::GorootGoEnv(g.path.clone()),
            }),
            Defaults::Shipped => builtin_default(key).map(|v| Setting {
                value: v.into(),
                source: Source::Default,
                line: None,
                layer: Layer::Builtin,
            }),
            _ => None,
        })
    }

    /// [`Lookup::resolve`] with "not known" taken as "set nowhere".
    pub fn get(&self, key: &str) -> Option<Setting> {
        self.resolve(key).flatten()
    }
}

/// Go's lookup of a setting (go-env-facts.md §3): non-empty process env, else
/// the `go env -w` file, else `$GOROOT/go.env` (not read here), else None.
pub(crate) fn go_getenv<'a>(
    env: &'a EnvSnapshot,
    file: Option<&'a GoEnvFile>,
    key: &str,
) -> Option<&'a OsStr> {
    env.get_nonempty(key)
        .or_else(|| file.and_then(|f| f.get(key)).filter(|v| !v.is_empty()))
}

/// The effective GOPATH list: as set, else `$HOME/go` (empty if that is the GOROOT).
pub fn gopath(env: &EnvSnapshot, file: Option<&GoEnvFile>, goroot: Option<&Path>) -> Vec<OsString> {
    if let Some(v) = go_getenv(env, file, "GOPATH") {
        return env
            .platform
            .split_list(v)
            .into_iter()
            .filter(|e| !e.is_empty())
            .collect();
    }
    match env.home() {
        Some(h) => {
            let d = env.platform.join(h.as_os_str(), "go");
            if goroot.is_some_and(|r| r.as_os_str() == d) {
                Vec::new()
            } else {
                vec![d]
            }
        }
        None => Vec::new(),
    }
}

/// GOPATH[0] as Go takes it for `go install` and the module cache: the
/// first entry of the list as written, so `:/x` (from
/// `export GOPATH=$GOPATH:/x` with GOPATH unset) gives none, as in Go
/// (`no install location`, `module cache not found`).
pub(crate) fn gopath_first(
    env: &EnvSnapshot,
    file: Option<&GoEnvFile>,
    goroot: Option<&Path>,
) -> Option<OsString> {
    if let Some(v) = go_getenv(env, file, "GOPATH") {
        return env
            .platform
            .split_list(v)
            .into_iter()
            .next()
            .filter(|e| !e.is_empty());
    }
    gopath(env, file, goroot).into_iter().next()
}

/// Where `go install` writes: GOBIN, else GOPATH[0]/bin.
pub fn gobin(
    env: &EnvSnapshot,
    file: Option<&GoEnvFile>,
    goroot: Option<&Path>,
) -> Option<OsString> {
    if let Some(b) = go_getenv(env, file, "GOBIN") {
        return Some(b.to_os_string());
    }
    gopath_first(env, file, goroot).map(|p| env.platform.join(&p, "bin"))
}

/// GOMODCACHE, else GOPATH[0]/pkg/mod.
pub(crate) fn gomodcache(env: &EnvSnapshot, file: Option<&GoEnvFile>) -> Option<PathBuf> {
    if let Some(m) = go_getenv(env, file, "GOMODCACHE") {
        return Some(PathBuf::from(m));
    }
    gopath_first(env, file, None).map(|p| {
        let pkg = env.platform.join(&p, "pkg");
        PathBuf::from(env.platform.join(&pkg, "mod"))
    })
}

/// Go's `filepath.Clean`, on bytes, for `platform`: repeated separators
/// and `.` elements dropped, `..` applied lexically (never above the root),
/// an empty result `.`. On Windows `/` becomes `\` and the volume name
/// (`C:`, `\\host\share`) is kept as written.
pub(crate) fn clean(p: &OsStr, platform: crate::sys::platform::Platform) -> OsString {
    use crate::sys::platform::{bytes, from_bytes};
    let win = platform.is_windows();
    let sep = if win { b'\\' } else { b'/' };
    let mut b = bytes(p).into_owned();
    if win {
        for c in b.iter_mut() {
            if *c == b'/' {
                *c = b'\\';
            }
        }
    }
    let vol = if win { volume_len(&b) } else { 0 };
    let (volume, rest) = b.split_at(vol);
    if rest.is_empty() {
        let mut out = volume.to_vec();
        if vol == 0 || (vol == 2 && volume[1] == b':') {
            out.push(b'.');
        }
        return from_bytes(out);
    }
    let rooted = rest[0] == sep;
    let mut parts: Vec<&[u8]> = Vec::new();
    for c in rest.split(|&x| x == sep) {
        match c {
            b"" | b"." => {}
            b".." => {
                if parts.last().is_some_and(|l| *l != b"..") {
                    parts.pop();
                } else if !rooted {
                    parts.push(b"..");
                }
            }
            c => parts.push(c),
        }
    }
    let mut out = volume.to_vec();
    if rooted {
        out.push(sep);
    }
    out.extend_from_slice(&parts.join(&sep));
    if out.len() == vol {
        out.push(b'.');
    }
    from_bytes(out)
}

/// The length of a Windows volume name: `C:`, or `\\host\share`.
fn volume_len(b: &[u8]) -> usize {
    if b.len() >= 2 && b[1] == b':' && b[0].is_ascii_alphabetic() {
        return 2;
    }
    if b.len() >= 3 && b[0] == b'\\' && b[1] == b'\\' && b[2] != b'\\' && b[2] != b'.' {
        // \\host\share
        let mut n = 2;
        let mut seps = 0;
        while n < b.len() {
            if b[n] == b'\\' {
                seps += 1;
                if seps == 2 {
                    break;
                }
            }
            n += 1;
        }
        return n;
    }
    0
}

/// Go's `filepath.Join(dir, rel)`: the two joined, then [`clean`]ed; an
/// empty `dir` gives `rel` cleaned.
pub(crate) fn join_clean(
    dir: &OsStr,
    rel: &str,
    platform: crate::sys::platform::Platform,
) -> OsString {
    if dir.is_empty() {
        return clean(OsStr::new(rel), platform);
    }
    clean(&platform.join(dir, rel), platform)
}

/// What Go's lookup depends on beyond the environment and the `go env -w`
/// file: the `go` that runs (read from its files, never run).
#[derive(Clone, Copy, Debug, Default)]
pub struct GoSide<'a> {
    /// The running go's version (its build information); None: no go, or unknown.
    pub version: Option<&'a crate::go::gover::GoVersion>,
    /// The GOROOT Go derives from its executable's location (`exe/../..`,
    /// or since go1.21.13 `exe/../../..`, of the executable as the OS names
    /// it); None if neither is a Go root.
    pub(crate) exe_root: Option<&'a Path>,
    /// The `go.env` Go ≥ 1.21 reads ([`go_env_root`]), parsed; None when
    /// it is missing or unreadable (Go then reads nothing).
    pub(crate) go_env: Option<&'a GoEnvFile>,
    /// Where that `go.env` is (None: no root, so none is read).
    pub(crate) go_env_path: Option<&'a Path>,
}

/// The root whose `go.env` Go ≥ 1.21 reads (`cfg.initEnvCache`): the `go
/// env -w` file's GOROOT (cleaned), else the environment's, else the root
/// of the executable. Note the order: the file first, unlike GOROOT itself.
pub(crate) fn go_env_root(
    env: &EnvSnapshot,
    file: Option<&GoEnvFile>,
    exe_root: Option<&Path>,
) -> Option<PathBuf> {
    let p = env.platform;
    if let Some(v) = file.and_then(|f| f.get("GOROOT")).filter(|v| !v.is_empty()) {
        return Some(PathBuf::from(clean(v, p)));
    }
    if let Some(v) = env.get_nonempty("GOROOT") {
        return Some(PathBuf::from(clean(v, p)));
    }
    exe_root.map(Path::to_path_buf)
}

/// `os.UserCacheDir()` (`what` = "cache") or `os.UserConfigDir()`
/// ("config"), as Go computes it, and how it was found; None when Go
/// reports an error.
pub(crate) fn user_dir(env: &EnvSnapshot, what: &str) -> Option<(OsString, String)> {
    let p = env.platform;
    if p.is_windows() {
        let var = if what == "cache" {
            "LocalAppData"
        } else {
            "AppData"
        };
        return env
            .get_nonempty(var)
            .map(|v| (v.to_os_string(), format!("%{var}%")));
    }
    if cfg!(target_os = "macos") {
        let sub = if what == "cache" {
            "Library/Caches"
        } else {
            "Library/Application Support"
        };
        return env
            .get_nonempty("HOME")
            .map(|h| (p.join(h, sub), format!("$HOME/{sub}")));
    }
    let (xdg, sub) = if what == "cache" {
        ("XDG_CACHE_HOME", ".cache")
    } else {
        ("XDG_CONFIG_HOME", ".config")
    };
    if let Some(x) = env.get_nonempty(xdg) {
        return Some((x.to_os_string(), format!("${xdg}")));
    }
    env.get_nonempty("HOME").map(|h| {
        let mut b = crate::sys::platform::bytes(h).into_owned();
        b.extend_from_slice(b"/");
        b.extend_from_slice(sub.as_bytes());
        (crate::sys::platform::from_bytes(b), format!("$HOME/{sub}"))
    })
}

/// Where Go looks for its GOROOT around its own executable
/// (`cfg.findGOROOT`), in order: `exe/../..`, since go1.21.13 also
/// `exe/../../..` (go.dev/issue/62119), then the same for the executable
/// with symlinks resolved. `exe` is the executable as the OS names it (on
/// Linux already resolved); the first candidate with a `pkg/tool`
/// directory is the root (the caller tests them).
pub(crate) fn exe_root_candidates(
    exe: &Path,
    resolved: Option<&Path>,
    version: Option<&crate::go::gover::GoVersion>,
) -> Vec<PathBuf> {
    let three = version.is_some_and(|v| v.at_least("1.21.13"));
    let mut out = Vec::new();
    for e in std::iter::once(exe).chain(resolved) {
        let up2 = e.parent().and_then(Path::parent);
        if let Some(r) = up2 {
            out.push(r.to_path_buf());
            if three {
                if let Some(r3) = r.parent() {
                    out.push(r3.to_path_buf());
                }
            }
        }
    }
    out
}

mod explain;
pub use explain::explain;
pub(crate) use explain::{Consulted, LayerKind, EXPLAINED};

#[cfg(test)]
mod tests;
