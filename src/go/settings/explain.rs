//! `goenv-hook explain`'s model of Go's lookup: for each variable of
//! [`EXPLAINED`], every layer Go consults, in Go's order, and the value
//! `go env NAME` prints. Pure; built on the lookup in the parent module.

use super::*;

/// The variables `goenv-hook explain` explains, in its order.
pub(crate) const EXPLAINED: [&str; 11] = [
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
            let def = default_layer(
                go.exe_root.map(|r| r.as_os_str().to_os_string()),
                match go.exe_root {
                    Some(_) => "the Go root the go executable is in",
                    None if known => "no Go root around the go executable",
                    None => "no go found",
                },
            );
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
            let def = default_layer(Some(default.0.clone()), default.1);
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
            let def = default_layer(Some(dv.clone()), note);
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
            let def = default_layer(Some(dv.clone()), note);
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
            let def = default_layer(Some(dv.clone()), note);
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
                default_layer(None, "not a setting before go1.21"),
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
            let def = default_layer(dv.clone(), note);
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

/// The default layer (not yet marked used): what Go has built in or
/// derives, and how.
fn default_layer(value: Option<OsString>, note: impl Into<String>) -> Consulted {
    Consulted {
        kind: LayerKind::Default,
        file: None,
        line: None,
        value,
        used: false,
        note: note.into(),
    }
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
    let home_var = p.home_var();
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

fn cache_vars(p: crate::sys::platform::Platform) -> &'static str {
    if p.is_windows() {
        "%LocalAppData% is not set"
    } else if cfg!(target_os = "macos") {
        "$HOME is not set"
    } else {
        "neither $XDG_CACHE_HOME nor $HOME is set"
    }
}
