//! Go's lookup of its settings (go-env-facts.md §3), pure: a non-empty
//! process variable, else the `go env -w` file, else `$GOROOT/go.env`, else
//! Go's default; and the paths derived from them (GOPATH, GOBIN,
//! GOMODCACHE). The one place these rules live.

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
pub fn builtin_default(key: &str) -> Option<&'static str> {
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
pub struct Lookup<'a> {
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
    pub fn resolve(&self, key: &str) -> Option<Option<Setting>> {
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
pub fn go_getenv<'a>(
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
pub fn gopath_first(
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
pub fn gomodcache(env: &EnvSnapshot, file: Option<&GoEnvFile>) -> Option<PathBuf> {
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
pub fn clean(p: &OsStr, platform: crate::sys::platform::Platform) -> OsString {
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
pub fn join_clean(dir: &OsStr, rel: &str, platform: crate::sys::platform::Platform) -> OsString {
    if dir.is_empty() {
        return clean(OsStr::new(rel), platform);
    }
    clean(&platform.join(dir, rel), platform)
}

/// The variables `goenv-hook explain` explains, in its order.
pub const EXPLAINED: [&str; 11] = [
    "GOROOT",
    "GOPATH",
    "GOBIN",
    "GOTOOLCHAIN",
    "GOPROXY",
    "GOSUMDB",
    "GOFLAGS",
    "GO111MODULE",
    "GOMODCACHE",
    "GOCACHE",
    "GOENV",
];

/// One layer of Go's lookup, as `explain` lists it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum LayerKind {
    /// The process environment.
    Env,
    /// The `go env -w` file.
    GoenvFile,
    /// `$GOROOT/go.env` (Go 1.21 and later).
    GorootGoEnv,
    /// What Go has built in or derives from other settings.
    Default,
}

/// What one layer holds for a variable, and whether it decided the value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Consulted {
    pub kind: LayerKind,
    /// The file of the layer (the `go env -w` file, `$GOROOT/go.env`).
    pub file: Option<PathBuf>,
    /// The line in `file` (1-based).
    pub line: Option<usize>,
    /// What the layer holds (None: nothing, or not consulted).
    pub value: Option<OsString>,
    /// This layer decided the value.
    pub used: bool,
    /// In words: why it was used or passed over.
    pub note: String,
}

/// A variable as `go env NAME` prints it, and every layer consulted, in
/// Go's order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Explained {
    pub name: &'static str,
    /// The value `go env NAME` prints; None when it can't be told (no `go`
    /// found, or a layout whose answer depends on what the binary embeds).
    pub value: Option<OsString>,
    pub layers: Vec<Consulted>,
    /// What else matters (a switch GOTOOLCHAIN asks for, a value Go
    /// rejects, …).
    pub notes: Vec<String>,
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
    pub exe_root: Option<&'a Path>,
    /// The `go.env` Go ≥ 1.21 reads ([`go_env_root`]), parsed; None when
    /// it is missing or unreadable (Go then reads nothing).
    pub go_env: Option<&'a GoEnvFile>,
    /// Where that `go.env` is (None: no root, so none is read).
    pub go_env_path: Option<&'a Path>,
}

/// The root whose `go.env` Go ≥ 1.21 reads (`cfg.initEnvCache`): the `go
/// env -w` file's GOROOT (cleaned), else the environment's, else the root
/// of the executable. Note the order: the file first, unlike GOROOT itself.
pub fn go_env_root(
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

/// The value of `key` Go's `cfg.Getenv` gives and where it came from: a
/// non-empty process variable, else the `go env -w` file's line (Go ≥ 1.21:
/// even empty, hiding go.env), else `$GOROOT/go.env` (Go ≥ 1.21). None:
/// set nowhere (or only empty).
fn getenv(lk: &Lookup<'_>, go: &GoSide<'_>, key: &str) -> Option<(OsString, LayerKind)> {
    if let Some(s) = lk.set(key) {
        let k = match s.layer {
            Layer::Env => LayerKind::Env,
            _ => LayerKind::GoenvFile,
        };
        return Some((s.value, k));
    }
    if !go121(go) {
        return None;
    }
    match lk.resolve(key).flatten() {
        Some(s) if !s.value.is_empty() => Some((
            s.value,
            match s.layer {
                Layer::GorootGoEnv(_) => LayerKind::GorootGoEnv,
                _ => LayerKind::GoenvFile,
            },
        )),
        _ => None,
    }
}

fn go121(go: &GoSide<'_>) -> bool {
    go.version.is_some_and(|v| v.at_least("1.21"))
}

fn lossy_path(p: &Path) -> String {
    p.display().to_string()
}

/// How Go resolves `key` (one of [`EXPLAINED`]) in `env` with `file`, for
/// the go described by `go`: the value `go env KEY` prints and each layer,
/// in Go's order. Pure (everything is read beforehand). None for a name
/// not in [`EXPLAINED`].
pub fn explain(
    key: &str,
    env: &EnvSnapshot,
    file: Option<&GoEnvFile>,
    file_path: Option<&Path>,
    go: &GoSide<'_>,
) -> Option<Explained> {
    let name = *EXPLAINED.iter().find(|k| **k == key)?;
    let p = env.platform;
    let known = go.version.is_some();
    let is121 = go121(go);
    let lk = Lookup {
        env,
        file,
        defaults: match go.version {
            None => Defaults::Unknown,
            Some(_) if !is121 => Defaults::Builtin,
            Some(_) => Defaults::GoEnv(go.go_env),
        },
    };
    let mut layers = Vec::new();
    let mut notes = Vec::new();

    // 1. The environment.
    let env_v = env.get(key).map(OsStr::to_os_string);
    layers.push(Consulted {
        kind: LayerKind::Env,
        file: None,
        line: None,
        note: match &env_v {
            None => "not set".into(),
            Some(v) if v.is_empty() => "set but empty: Go ignores an empty variable".into(),
            Some(_) => String::new(),
        },
        value: env_v,
        used: false,
    });
    // 2. The go env -w file (GOENV itself is read from the environment only).
    if name != "GOENV" {
        let entry = file.and_then(|f| f.entries.iter().rev().find(|e| e.key == key));
        let earlier: Vec<usize> = file
            .map(|f| {
                f.entries
                    .iter()
                    .filter(|e| e.key == key && Some(e.line) != entry.map(|x| x.line))
                    .map(|e| e.line)
                    .collect()
            })
            .unwrap_or_default();
        let note = match (file, entry) {
            (None, _) => match file_path {
                Some(fp) => format!("no file at {}", lossy_path(fp)),
                None => "no `go env -w` file (GOENV=off, or no config directory)".into(),
            },
            (Some(_), None) => "not in the file".into(),
            (Some(_), Some(e)) if e.value.is_empty() => {
                if is121 && name != "GOROOT" {
                    "empty: hides $GOROOT/go.env's value".into()
                } else {
                    "empty: ignored".into()
                }
            }
            (Some(_), Some(_)) if !earlier.is_empty() => format!(
                "the last of {} lines for {key} (line {} ignored)",
                earlier.len() + 1,
                earlier
                    .iter()
                    .map(|l| l.to_string())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            _ => String::new(),
        };
        layers.push(Consulted {
            kind: LayerKind::GoenvFile,
            file: file
                .map(|f| f.path.clone())
                .or_else(|| file_path.map(Path::to_path_buf)),
            line: entry.map(|e| e.line),
            value: entry.map(|e| e.value.clone()),
            used: false,
            note,
        });
    }
    // 3. $GOROOT/go.env (Go ≥ 1.21; it can't set GOROOT or GOENV).
    if name != "GOENV" && name != "GOROOT" {
        let (value, line, note) = if !known {
            (None, None, "not known: no go found".to_string())
        } else if !is121 {
            (None, None, "none before go1.21".to_string())
        } else {
            match (go.go_env, go.go_env_path) {
                (_, None) => (None, None, "no GOROOT, so no go.env".to_string()),
                (None, Some(_)) => (None, None, "missing or unreadable".to_string()),
                (Some(g), Some(_)) => match g.entries.iter().rev().find(|e| e.key == key) {
                    Some(e) => (Some(e.value.clone()), Some(e.line), String::new()),
                    None => (None, None, "not in the file".to_string()),
                },
            }
        };
        layers.push(Consulted {
            kind: LayerKind::GorootGoEnv,
            file: go.go_env_path.map(Path::to_path_buf),
            line,
            value,
            used: false,
            note,
        });
    }

    // What Go's Getenv gives, and the value.
    let got = getenv(&lk, go, key);
    let mark = |kind: LayerKind, layers: &mut Vec<Consulted>| {
        if let Some(l) = layers.iter_mut().find(|l| l.kind == kind) {
            l.used = true;
        }
    };
    let (value, default): (Option<OsString>, Consulted) = match name {
        "GOROOT" => {
            let found = env
                .get_nonempty("GOROOT")
                .map(|v| (v.to_os_string(), LayerKind::Env))
                .or_else(|| {
                    file.and_then(|f| f.get("GOROOT"))
                        .filter(|v| !v.is_empty())
                        .map(|v| (v.to_os_string(), LayerKind::GoenvFile))
                });
            let def = Consulted {
                kind: LayerKind::Default,
                file: None,
                line: None,
                value: go.exe_root.map(|r| r.as_os_str().to_os_string()),
                used: false,
                note: match go.exe_root {
                    Some(_) => "the Go root the go executable is in".into(),
                    None if known => "no Go root around the go executable".into(),
                    None => "no go found".into(),
                },
            };
            if is121 {
                let file_root = file.and_then(|f| f.get("GOROOT")).filter(|v| !v.is_empty());
                if let (Some(e), Some(f)) = (env.get_nonempty("GOROOT"), file_root) {
                    if clean(e, p) != clean(f, p) {
                        notes.push(format!(
                            "go uses the environment's GOROOT but reads $GOROOT/go.env from the `go env -w` file's, {} (cmd/go's order for go.env)",
                            clean(f, p).to_string_lossy()
                        ));
                    }
                }
            }
            match found {
                // Go ≥ 1.21 prints the environment's value as written; the
                // file's, and before 1.21 both, cleaned.
                Some((v, LayerKind::Env)) if is121 || !known => {
                    mark(LayerKind::Env, &mut layers);
                    (Some(v), def)
                }
                Some((v, k)) => {
                    mark(k, &mut layers);
                    (Some(clean(&v, p)), def)
                }
                None => {
                    let mut def = def;
                    def.used = go.exe_root.is_some();
                    if known && go.exe_root.is_none() {
                        notes.push(if is121 {
                            "go finds no GOROOT: a release go binary (trimmed) then fails with `cannot find GOROOT directory`".to_string()
                        } else {
                            "go falls back to the GOROOT it was built with, which is not read here".to_string()
                        });
                    }
                    (go.exe_root.map(|r| r.as_os_str().to_os_string()), def)
                }
            }
        }
        "GOPATH" => {
            let default = gopath_default(env, go);
            let def = Consulted {
                kind: LayerKind::Default,
                file: None,
                line: None,
                value: Some(default.0.clone()),
                used: false,
                note: default.1,
            };
            value_or_default(got, default.0, def, &mut layers)
        }
        "GOMODCACHE" => {
            let gp = explain("GOPATH", env, file, file_path, go)?;
            let first = gp
                .value
                .as_ref()
                .and_then(|v| p.split_list(v).into_iter().next())
                .filter(|f| !f.is_empty());
            let (dv, note) = match first {
                Some(f) => (
                    join_clean(&f, "pkg/mod", p),
                    "GOPATH[0]/pkg/mod".to_string(),
                ),
                None => (
                    OsString::new(),
                    "empty: GOPATH has no first entry".to_string(),
                ),
            };
            let def = Consulted {
                kind: LayerKind::Default,
                file: None,
                line: None,
                value: Some(dv.clone()),
                used: false,
                note,
            };
            value_or_default(got, dv, def, &mut layers)
        }
        "GOCACHE" => {
            let (dv, note) = user_dir(env, "cache")
                .map(|d| (join_clean(&d.0, "go-build", p), format!("{}/go-build", d.1)))
                .unwrap_or_else(|| {
                    (
                        OsString::from("off"),
                        format!("off: no user cache directory ({})", cache_vars(p)),
                    )
                });
            let def = Consulted {
                kind: LayerKind::Default,
                file: None,
                line: None,
                value: Some(dv.clone()),
                used: false,
                note,
            };
            match got {
                Some((v, k)) if v == "off" || p.is_absolute(&v) => {
                    mark(k, &mut layers);
                    (Some(v), def)
                }
                Some((v, k)) => {
                    mark(k, &mut layers);
                    notes.push(format!(
                        "GOCACHE={} is not an absolute path: go turns the build cache off, and builds fail (`GOCACHE is not an absolute path`)",
                        v.to_string_lossy()
                    ));
                    (Some(OsString::from("off")), def)
                }
                None => {
                    let mut def = def;
                    def.used = true;
                    (Some(dv), def)
                }
            }
        }
        "GOENV" => {
            let (dv, note) = user_dir(env, "config")
                .map(|d| (join_clean(&d.0, "go/env", p), format!("{}/go/env", d.1)))
                .unwrap_or_else(|| {
                    (
                        OsString::new(),
                        "empty: no user config directory".to_string(),
                    )
                });
            let def = Consulted {
                kind: LayerKind::Default,
                file: None,
                line: None,
                value: Some(dv.clone()),
                used: false,
                note,
            };
            match env.get_nonempty("GOENV") {
                Some(v) if v == "off" => {
                    mark(LayerKind::Env, &mut layers);
                    notes.push(
                        "GOENV=off: go reads no `go env -w` file and prints GOENV as empty".into(),
                    );
                    (Some(OsString::new()), def)
                }
                Some(v) => {
                    mark(LayerKind::Env, &mut layers);
                    (Some(v.to_os_string()), def)
                }
                None => {
                    let mut def = def;
                    def.used = true;
                    (Some(dv), def)
                }
            }
        }
        "GOTOOLCHAIN" if known && !is121 => {
            notes.push(format!(
                "go{} predates GOTOOLCHAIN (go1.21): it ignores the variable and `go env GOTOOLCHAIN` prints nothing",
                go.version.map(|v| v.to_string()).unwrap_or_default()
            ));
            (
                Some(OsString::new()),
                Consulted {
                    kind: LayerKind::Default,
                    file: None,
                    line: None,
                    value: None,
                    used: false,
                    note: "not a setting before go1.21".into(),
                },
            )
        }
        _ => {
            // GOBIN, GOFLAGS, GO111MODULE; GOPROXY, GOSUMDB (built in
            // before 1.21, from go.env since); GOTOOLCHAIN (go.env).
            let builtin = (!is121)
                .then(|| builtin_default(name).filter(|_| name != "GOTOOLCHAIN"))
                .flatten();
            let (dv, note) = match (builtin, known) {
                (Some(b), _) => (
                    Some(OsString::from(b)),
                    "Go's built-in default before go1.21".to_string(),
                ),
                (None, true) | (None, false)
                    if !matches!(name, "GOPROXY" | "GOSUMDB" | "GOTOOLCHAIN") =>
                {
                    (Some(OsString::new()), "Go's default".to_string())
                }
                (None, true) => (
                    Some(OsString::new()),
                    "Go's default since go1.21, which ships its defaults in $GOROOT/go.env"
                        .to_string(),
                ),
                (None, false) => (None, "not known: no go found".to_string()),
            };
            let def = Consulted {
                kind: LayerKind::Default,
                file: None,
                line: None,
                value: dv.clone(),
                used: false,
                note,
            };
            match got {
                Some((v, k)) => {
                    mark(k, &mut layers);
                    (Some(v), def)
                }
                None => {
                    let mut def = def;
                    def.used = dv.is_some();
                    (dv, def)
                }
            }
        }
    };
    layers.push(default);
    if name == "GOTOOLCHAIN" && is121 {
        if let Some(v) = value.as_ref().and_then(|v| v.to_str()) {
            let base = v.split('+').next().unwrap_or(v);
            if !matches!(base, "" | "auto" | "local" | "path") {
                notes.push(format!(
                    "GOTOOLCHAIN={v} names a toolchain: go commands (but `go env GOTOOLCHAIN`) may first switch to another toolchain (`goenv-hook doctor` says which), whose GOROOT and go.env differ from these"
                ));
            }
        }
    }
    Some(Explained {
        name,
        value,
        layers,
        notes,
    })
}

/// The value Go's `Getenv` gave (its layer marked used), else the default.
fn value_or_default(
    got: Option<(OsString, LayerKind)>,
    dv: OsString,
    mut def: Consulted,
    layers: &mut [Consulted],
) -> (Option<OsString>, Consulted) {
    match got {
        Some((v, k)) => {
            if let Some(l) = layers.iter_mut().find(|l| l.kind == k) {
                l.used = true;
            }
            (Some(v), def)
        }
        None => {
            def.used = true;
            (Some(dv), def)
        }
    }
}

/// Go's default GOPATH (`go/build.defaultGOPATH`): `$HOME/go`
/// (`%USERPROFILE%\go`), or empty with no home, or when it is the GOROOT
/// `runtime.GOROOT()` names (`$GOROOT`, else the root a go before 1.21
/// was built with: taken as the root it is installed in; release builds
/// since 1.21 embed none).
fn gopath_default(env: &EnvSnapshot, go: &GoSide<'_>) -> (OsString, String) {
    let p = env.platform;
    let home_var = if p.is_windows() {
        "USERPROFILE"
    } else {
        "HOME"
    };
    let Some(home) = env.get_nonempty(home_var) else {
        return (OsString::new(), format!("empty: ${home_var} is not set"));
    };
    let d = join_clean(home, "go", p);
    let runtime_root = env
        .get_nonempty("GOROOT")
        .map(OsStr::to_os_string)
        .or_else(|| {
            (!go121(go))
                .then(|| go.exe_root.map(|r| r.as_os_str().to_os_string()))
                .flatten()
        });
    if runtime_root.is_some_and(|r| clean(&r, p) == d) {
        return (
            OsString::new(),
            format!("empty: Go's default, ${home_var}/go, is the GOROOT, so Go drops it"),
        );
    }
    (d, format!("${home_var}/go"))
}

/// `os.UserCacheDir()` (`what` = "cache") or `os.UserConfigDir()`
/// ("config"), as Go computes it, and how it was found; None when Go
/// reports an error.
fn user_dir(env: &EnvSnapshot, what: &str) -> Option<(OsString, String)> {
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

fn cache_vars(p: crate::sys::platform::Platform) -> &'static str {
    if p.is_windows() {
        "%LocalAppData% is not set"
    } else if cfg!(target_os = "macos") {
        "$HOME is not set"
    } else {
        "neither $XDG_CACHE_HOME nor $HOME is set"
    }
}

/// Where Go looks for its GOROOT around its own executable
/// (`cfg.findGOROOT`), in order: `exe/../..`, since go1.21.13 also
/// `exe/../../..` (go.dev/issue/62119), then the same for the executable
/// with symlinks resolved. `exe` is the executable as the OS names it (on
/// Linux already resolved); the first candidate with a `pkg/tool`
/// directory is the root (the caller tests them).
pub fn exe_root_candidates(
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

#[cfg(test)]
mod tests;
