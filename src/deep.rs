//! `doctor --deep`: the one place goenv-hook runs `go` (never at the prompt,
//! never from a project directory). It runs the `go` that runs now, asks it
//! `go env -json` (and `go env GOTOOLCHAIN`), compares every setting that
//! goenv-hook predicts or reads with what `go` reports, and builds a
//! hello-world module in a fresh temporary directory with
//! `GOFLAGS=-mod=mod GOPROXY=off GOTOOLCHAIN=local`.
//!
//! The predictions use goenv-hook's own lookup (go-env-facts.md §3): a
//! non-empty process variable, else a non-empty line of the `go env -w`
//! file (`checks::setting`, `plan::go_getenv`), else `$GOROOT/go.env` for
//! Go ≥ 1.21, else Go's built-in default. A setting is compared only when
//! that prediction is well defined (the toolchain's version and GOROOT are
//! known and agree with `go`); a disagreement is a goenv-hook misprediction
//! or something that makes `go` see a different setting in another
//! directory, never a matter of spelling (paths are compared cleaned).

use crate::checks::{lossy, Class, Evidence, Finding, Severity, VarSource};
use crate::env::EnvSnapshot;
use crate::goenvfile::{self, GoEnvFile};
use crate::plan;
use crate::probe::{same_dir, Facts};
use crate::toolchain::{self, GoHit};
use crate::version::GoVersion;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The `go` that runs now (first usable hit on the current PATH).
fn running_go(facts: &Facts) -> Option<GoHit> {
    let cur = &facts.current;
    let hits = toolchain::find_go_on_path(&cur.path_entries(), cur);
    toolchain::active(&hits).cloned()
}

fn go_cmd(go: &Path, dir: &Path) -> Command {
    let mut c = Command::new(go);
    c.current_dir(dir);
    c
}

pub fn run(facts: &Facts) -> Vec<Finding> {
    let mut out = Vec::new();
    let Some(hit) = running_go(facts) else {
        return out; // go-not-found already says so
    };
    let go = hit.path.clone();
    let tmp = match TempDir::new() {
        Some(t) => t,
        None => return out,
    };
    // 1. go env -json, compared with our predictions.
    // GOTOOLCHAIN=local: this describes the go that runs, not a toolchain
    // it would switch to (a pin is reported by the static checks).
    let o = go_cmd(&go, tmp.path())
        .args(["env", "-json"])
        .env("GOTOOLCHAIN", "local")
        .output();
    let mut reported: BTreeMap<String, String> = match o {
        Ok(o) if o.status.success() => parse_env_json(&o.stdout),
        Ok(o) => {
            out.push(build_failed(
                &go,
                "go env -json",
                &String::from_utf8_lossy(&o.stderr),
            ));
            return out;
        }
        Err(e) => {
            out.push(build_failed(&go, "go env -json", &e.to_string()));
            return out;
        }
    };
    // GOTOOLCHAIN as the user has it: `go env GOTOOLCHAIN` (exactly these
    // arguments) is answered by the local go, without switching
    // (toolchain/select.go), so it needs no override. Go < 1.21 has none.
    if reported.contains_key("GOTOOLCHAIN") {
        let o = go_cmd(&go, tmp.path())
            .args(["env", "GOTOOLCHAIN"])
            .output();
        match o {
            Ok(o) if o.status.success() => {
                let s = String::from_utf8_lossy(&o.stdout);
                let v = s.strip_suffix('\n').unwrap_or(&s).to_string();
                reported.insert("GOTOOLCHAIN".into(), v);
            }
            _ => {
                reported.remove("GOTOOLCHAIN");
            }
        }
    }
    for d in compare(&facts.current, &hit, &reported, tmp.path()) {
        out.push(d.finding(&go, reported.get("GOVERSION")));
    }
    // 2. Build a hello-world module.
    let lang = hit
        .toolchain
        .as_ref()
        .and_then(|t| t.version.as_ref())
        .map(|v| format!("{}.{}", v.major, v.minor))
        .unwrap_or_else(|| "1.19".into());
    let m = tmp.path().join("hello");
    let ok = std::fs::create_dir_all(&m).is_ok()
        && std::fs::write(m.join("go.mod"), format!("module hello\n\ngo {lang}\n")).is_ok()
        && std::fs::write(
            m.join("main.go"),
            "package main\n\nfunc main() { println(\"hello\") }\n",
        )
        .is_ok();
    if !ok {
        return out;
    }
    let o = go_cmd(&go, &m)
        .args(["build", "-o"])
        .arg(tmp.path().join("hello.bin"))
        .arg(".")
        .env("GOFLAGS", "-mod=mod")
        .env("GOPROXY", "off")
        .env("GOTOOLCHAIN", "local")
        .env("GOWORK", "off")
        .output();
    match o {
        Ok(o) if o.status.success() => {}
        Ok(o) => out.push(build_failed(
            &go,
            "go build",
            &String::from_utf8_lossy(&o.stderr),
        )),
        Err(e) => out.push(build_failed(&go, "go build", &e.to_string())),
    }
    out
}

/// `go env -json`: every value that is a string.
fn parse_env_json(bytes: &[u8]) -> BTreeMap<String, String> {
    let v: BTreeMap<String, serde_json::Value> = serde_json::from_slice(bytes).unwrap_or_default();
    v.into_iter()
        .filter_map(|(k, v)| match v {
            serde_json::Value::String(s) => Some((k, s)),
            _ => None,
        })
        .collect()
}

/// Where a predicted value comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Origin {
    Env,
    /// The `go env -w` file, and the line.
    GoenvFile(PathBuf, Option<usize>),
    /// `$GOROOT/go.env`.
    GorootEnv(PathBuf),
    /// Go's own default, or a value derived from other settings (described).
    Default(String),
}

impl Origin {
    fn describe(&self) -> String {
        match self {
            Origin::Env => "from the environment".into(),
            Origin::GoenvFile(p, Some(l)) => {
                format!("from the `go env -w` file {}, line {l}", p.display())
            }
            Origin::GoenvFile(p, None) => format!("from the `go env -w` file {}", p.display()),
            Origin::GorootEnv(p) => format!("from {}", p.display()),
            Origin::Default(d) => d.clone(),
        }
    }
    fn var_source(&self) -> VarSource {
        match self {
            Origin::Env => VarSource::Env,
            Origin::GoenvFile(..) => VarSource::GoenvFile,
            _ => VarSource::Default,
        }
    }
}

/// How two values are compared.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Cmp {
    Exact,
    /// One directory: lexically cleaned (Go cleans defaults it joins).
    Path,
    /// A GOPATH-like list: empty entries dropped, each entry cleaned.
    PathList,
}

#[derive(Clone, Debug)]
struct Prediction {
    value: String,
    from: Origin,
    cmp: Cmp,
}

impl Prediction {
    fn new(value: impl Into<String>, from: Origin, cmp: Cmp) -> Prediction {
        Prediction {
            value: value.into(),
            from,
            cmp,
        }
    }
}

/// One setting where goenv-hook and `go` disagree.
#[derive(Clone, Debug)]
struct Disagreement {
    name: &'static str,
    predicted: Prediction,
    reported: String,
    /// Why, when known (a relative go env -w file location).
    note: Option<String>,
    fix: Option<String>,
}

impl Disagreement {
    fn finding(self, go: &Path, goversion: Option<&String>) -> Finding {
        let name = self.name;
        let p = &self.predicted;
        let mut message = format!(
            "`go env {name}` reports {}, but goenv-hook predicted {} ({})",
            show(&self.reported),
            show(&p.value),
            p.from.describe()
        );
        if let Some(n) = &self.note {
            message.push_str(": ");
            message.push_str(n);
        }
        let mut evidence = vec![
            Evidence::Binary {
                path: go.display().to_string(),
                // "1.22.12", as the other findings spell it
                version: goversion.map(|v| v.strip_prefix("go").unwrap_or(v).to_string()),
            },
            Evidence::Var {
                name: name.to_string(),
                value: p.value.clone(),
                source: p.from.var_source(),
            },
        ];
        match &p.from {
            Origin::GoenvFile(f, line) => evidence.push(Evidence::file(f, *line)),
            Origin::GorootEnv(f) => evidence.push(Evidence::file(f, None)),
            _ => {}
        }
        evidence.push(Evidence::Note {
            text: format!("go env {name} = {}", show(&self.reported)),
        });
        Finding {
            id: "deep-go-env-disagrees",
            severity: Severity::Warn,
            class: Class::Env,
            message,
            fix: self.fix.unwrap_or_else(|| {
                format!("trust `go env {name}`, and report this to goenv-hook with `goenv-hook doctor --deep --json` attached")
            }),
            evidence,
        }
    }
}

fn show(v: &str) -> String {
    if v.is_empty() {
        "\"\" (empty)".into()
    } else {
        format!("{v:?}")
    }
}

/// What goenv-hook knows for its predictions.
struct Predictor<'a> {
    env: &'a EnvSnapshot,
    file: Option<&'a GoEnvFile>,
    version: Option<&'a GoVersion>,
    /// `$GOROOT/go.env` as the running go reads it. None: not well defined
    /// (version unknown, or GOROOT unknown or not the one `go` uses);
    /// Some(None): Go < 1.21 (no such layer), or no file there.
    goroot_env: Option<Option<GoEnvFile>>,
}

impl Predictor<'_> {
    /// goenv-hook's lookup: environment, `go env -w` file, `$GOROOT/go.env`;
    /// None if not well defined, Some(None) if none of them sets `key`.
    fn lookup(&self, key: &str) -> Option<Option<(String, Origin)>> {
        if let Some(s) = crate::checks::setting(self.env, self.file, key) {
            return Some(Some((lossy(&s.value), origin(&s, self.file))));
        }
        let layer = self.goroot_env.as_ref()?;
        Some(layer.as_ref().and_then(|f| {
            f.get(key)
                .filter(|v| !v.is_empty())
                .map(|v| (lossy(v), Origin::GorootEnv(f.path.clone())))
        }))
    }

    /// `key` through the lookup, else `default` (None: not well defined).
    fn or_default(
        &self,
        key: &str,
        cmp: Cmp,
        default: impl FnOnce() -> Option<Prediction>,
    ) -> Option<Prediction> {
        match self.lookup(key)? {
            Some((v, from)) => Some(Prediction::new(v, from, cmp)),
            None => default(),
        }
    }

    fn go121(&self) -> Option<bool> {
        self.version.map(|v| (v.major, v.minor) >= (1, 21))
    }

    /// Not set anywhere: empty.
    fn plain(&self, key: &str, cmp: Cmp) -> Option<Prediction> {
        self.or_default(key, cmp, || {
            Some(Prediction::new(
                "",
                Origin::Default("set nowhere".into()),
                cmp,
            ))
        })
    }

    /// GOPROXY and GOSUMDB: built into Go < 1.21, from go.env since.
    fn builtin_before_121(&self, key: &str, builtin: &str) -> Option<Prediction> {
        self.or_default(key, Cmp::Exact, || {
            Some(if self.go121()? {
                Prediction::new(
                    "",
                    Origin::Default("set nowhere: not in the environment, the `go env -w` file or $GOROOT/go.env".into()),
                    Cmp::Exact,
                )
            } else {
                Prediction::new(
                    builtin,
                    Origin::Default("Go's built-in default before go1.21".into()),
                    Cmp::Exact,
                )
            })
        })
    }

    /// GONOPROXY and GONOSUMDB default to GOPRIVATE.
    fn private_default(&self, key: &str) -> Option<Prediction> {
        let private = self.plain("GOPRIVATE", Cmp::Exact)?;
        self.or_default(key, Cmp::Exact, || {
            Some(Prediction::new(
                private.value.clone(),
                Origin::Default(format!(
                    "its default, GOPRIVATE ({})",
                    private.from.describe()
                )),
                Cmp::Exact,
            ))
        })
    }

    /// The default GOPATH (`$HOME/go`) is not predictable when it is, or
    /// may be, the GOROOT: Go then drops it if it equals
    /// `runtime.GOROOT()` (`$GOROOT`, else a path built into the binary).
    fn gopath_default_ambiguous(&self, root: Option<&Path>) -> bool {
        let Some(h) = self.env.home() else {
            return false;
        };
        let d = h.join("go");
        let dc = clean(&d.to_string_lossy());
        let same = |p: &Path| clean(&p.to_string_lossy()) == dc;
        self.env
            .get_nonempty("GOROOT")
            .is_some_and(|g| same(Path::new(g)))
            || root.is_some_and(same)
            || d.join("pkg").join("tool").is_dir()
    }
}

/// Where a setting found by `checks::setting` comes from.
fn origin(s: &crate::checks::Setting, file: Option<&GoEnvFile>) -> Origin {
    match s.source {
        VarSource::GoenvFile => {
            Origin::GoenvFile(file.map(|f| f.path.clone()).unwrap_or_default(), s.line)
        }
        _ => Origin::Env,
    }
}

/// A disagreement if `go` reports `name` and it differs from a
/// well-defined prediction.
fn disagreement(
    reported: &BTreeMap<String, String>,
    name: &'static str,
    p: Option<Prediction>,
) -> Option<Disagreement> {
    let (p, got) = (p?, reported.get(name)?);
    (!agree(p.cmp, &p.value, got)).then(|| Disagreement {
        name,
        predicted: p,
        reported: got.clone(),
        note: None,
        fix: None,
    })
}

/// Every setting goenv-hook predicts or reads and `go env` reports, where
/// the two disagree.
fn compare(
    env: &EnvSnapshot,
    hit: &GoHit,
    reported: &BTreeMap<String, String>,
    ran_in: &Path,
) -> Vec<Disagreement> {
    let file = goenvfile::load(env);
    let file = file.as_ref();
    let tc = hit.toolchain.as_ref();
    let root = tc.map(|t| t.root.clone());
    let version = tc.and_then(|t| t.version.as_ref());
    let mut diffs: Vec<Disagreement> = Vec::new();
    let differ = |diffs: &mut Vec<Disagreement>, name: &'static str, p: Option<Prediction>| {
        diffs.extend(disagreement(reported, name, p));
    };

    // GOROOT: the setting (environment, else the go env -w file), else the
    // root of the toolchain found on PATH.
    let mut root_agrees = false;
    if let (Some(r), Some(g)) = (&root, reported.get("GOROOT")) {
        let (predicted, from) = match crate::checks::setting(env, file, "GOROOT") {
            Some(s) => {
                let from = origin(&s, file);
                (PathBuf::from(s.value), from)
            }
            None => (
                r.clone(),
                Origin::Default(format!(
                    "the root of the `go` found on PATH, {}",
                    hit.path.display()
                )),
            ),
        };
        root_agrees = same_dir(&predicted, Path::new(g));
        if !root_agrees {
            differ(
                &mut diffs,
                "GOROOT",
                Some(Prediction::new(
                    predicted.display().to_string(),
                    from,
                    Cmp::Exact,
                )),
            );
        }
    }
    if let (Some(v), Some(g)) = (version, reported.get("GOVERSION")) {
        let want = format!("go{v}");
        if !g.starts_with(&want) {
            differ(
                &mut diffs,
                "GOVERSION",
                Some(Prediction::new(
                    want,
                    Origin::Default("the binary's build information".into()),
                    Cmp::Exact,
                )),
            );
        }
    }

    // $GOROOT/go.env, read from the root `go` uses (Go ≥ 1.21). Go reads it
    // from the go env -w file's GOROOT before the environment's, so two
    // different GOROOTs make it ambiguous.
    let conflicting_goroots = match (
        env.get_nonempty("GOROOT"),
        file.and_then(|f| f.get("GOROOT")).filter(|v| !v.is_empty()),
    ) {
        (Some(a), Some(b)) => clean(&lossy(a)) != clean(&lossy(b)),
        _ => false,
    };
    let goroot_env = match version {
        None => None,
        Some(v) if (v.major, v.minor) < (1, 21) => Some(None),
        Some(_) => match reported.get("GOROOT") {
            Some(g) if root_agrees && !conflicting_goroots => {
                let path = Path::new(g).join("go.env");
                Some(
                    std::fs::read(&path)
                        .ok()
                        .map(|b| goenvfile::parse_for(&path, &b, env.platform)),
                )
            }
            _ => None,
        },
    };
    let pr = Predictor {
        env,
        file,
        version,
        goroot_env,
    };

    // GOENV: where the go env -w file is. Go resolves a relative location
    // against the directory it runs in; goenv-hook against the current one.
    if let Some(g) = reported.get("GOENV") {
        let predicted = goenvfile::location(env)
            .map(|p| p.display().to_string())
            .unwrap_or_default();
        let from = if env.get_nonempty("GOENV").is_some() {
            Origin::Env
        } else {
            Origin::Default("the user config directory's go/env".into())
        };
        let relative = !g.is_empty() && !Path::new(g).is_absolute();
        let got = if relative {
            ran_in.join(g).display().to_string()
        } else {
            g.clone()
        };
        if !agree(Cmp::Path, &predicted, &got) {
            let (note, fix) = if relative {
                (
                    Some(format!(
                        "the location is relative, so `go` reads a different file in every directory (this run: {got}; goenv-hook, in {}: {predicted})",
                        env.cwd.display()
                    )),
                    Some("make the location absolute: export GOENV, or XDG_CONFIG_HOME, as an absolute path".to_string()),
                )
            } else {
                (None, None)
            };
            diffs.push(Disagreement {
                name: "GOENV",
                predicted: Prediction::new(predicted, from, Cmp::Path),
                reported: g.clone(),
                note,
                fix,
            });
        }
    }

    // GOPATH, and GOMODCACHE (GOPATH[0]/pkg/mod unless set).
    let gopath_set = crate::checks::setting(env, file, "GOPATH");
    let ambiguous = gopath_set.is_none() && pr.gopath_default_ambiguous(root.as_deref());
    let gopath_from = match &gopath_set {
        Some(_) => pr.lookup("GOPATH").flatten().map(|(_, f)| f),
        None => Some(Origin::Default("Go's default, $HOME/go".into())),
    };
    if !ambiguous {
        let gp = plan::gopath(env, file, root.as_deref());
        let gp = lossy(&env.platform.join_list(&gp));
        if let Some(from) = gopath_from.clone() {
            differ(
                &mut diffs,
                "GOPATH",
                Some(Prediction::new(gp, from, Cmp::PathList)),
            );
        }
    }
    let modcache_set = crate::checks::setting(env, file, "GOMODCACHE").is_some();
    if modcache_set || !ambiguous {
        let mc = plan::gomodcache(env, file)
            .map(|p| p.display().to_string())
            .unwrap_or_default();
        let from = if modcache_set {
            pr.lookup("GOMODCACHE").flatten().map(|(_, f)| f)
        } else {
            gopath_from
                .map(|f| Origin::Default(format!("GOPATH[0]/pkg/mod, GOPATH {}", f.describe())))
        };
        if let Some(from) = from {
            differ(
                &mut diffs,
                "GOMODCACHE",
                Some(Prediction::new(mc, from, Cmp::Path)),
            );
        }
    }

    differ(&mut diffs, "GOBIN", pr.plain("GOBIN", Cmp::Path));
    differ(&mut diffs, "GOCACHE", gocache(&pr));
    differ(&mut diffs, "GOFLAGS", pr.plain("GOFLAGS", Cmp::Exact));
    differ(
        &mut diffs,
        "GO111MODULE",
        pr.plain("GO111MODULE", Cmp::Exact),
    );
    differ(
        &mut diffs,
        "GOPROXY",
        pr.builtin_before_121("GOPROXY", "https://proxy.golang.org,direct"),
    );
    differ(
        &mut diffs,
        "GOSUMDB",
        pr.builtin_before_121("GOSUMDB", "sum.golang.org"),
    );
    differ(&mut diffs, "GOPRIVATE", pr.plain("GOPRIVATE", Cmp::Exact));
    differ(&mut diffs, "GONOPROXY", pr.private_default("GONOPROXY"));
    differ(&mut diffs, "GONOSUMDB", pr.private_default("GONOSUMDB"));
    // Only Go ≥ 1.21 reports it (and has go.env).
    differ(
        &mut diffs,
        "GOTOOLCHAIN",
        pr.plain("GOTOOLCHAIN", Cmp::Exact),
    );
    diffs
}

/// GOCACHE: an absolute setting or `off` as is; unset, Go's default
/// `os.UserCacheDir()/go-build` (Linux and other Unix: `$XDG_CACHE_HOME`,
/// else `$HOME/.cache`, with no `HOME` `off`; macOS `~/Library/Caches`).
/// A relative setting, a relative base, or Windows: not predicted.
fn gocache(pr: &Predictor) -> Option<Prediction> {
    let env = pr.env;
    match pr.lookup("GOCACHE")? {
        Some((v, from)) => (v == "off" || env.platform.is_absolute(std::ffi::OsStr::new(&v)))
            .then(|| Prediction::new(v, from, Cmp::Path)),
        None => {
            if env.platform.is_windows() {
                return None;
            }
            let (base, what) = if cfg!(target_os = "macos") {
                match env.get_nonempty("HOME") {
                    Some(h) => (
                        format!("{}/Library/Caches", lossy(h)),
                        "$HOME/Library/Caches",
                    ),
                    None => {
                        return Some(Prediction::new(
                            "off",
                            Origin::Default("Go's default with HOME unset".into()),
                            Cmp::Exact,
                        ))
                    }
                }
            } else if let Some(x) = env.get_nonempty("XDG_CACHE_HOME") {
                (lossy(x), "$XDG_CACHE_HOME")
            } else if let Some(h) = env.get_nonempty("HOME") {
                (format!("{}/.cache", lossy(h)), "$HOME/.cache")
            } else {
                return Some(Prediction::new(
                    "off",
                    Origin::Default("Go's default with neither XDG_CACHE_HOME nor HOME set".into()),
                    Cmp::Exact,
                ));
            };
            if !base.starts_with('/') {
                return None;
            }
            Some(Prediction::new(
                clean(&format!("{base}/go-build")),
                Origin::Default(format!("Go's default, {what}/go-build")),
                Cmp::Path,
            ))
        }
    }
}

fn agree(cmp: Cmp, predicted: &str, got: &str) -> bool {
    match cmp {
        Cmp::Exact => predicted == got,
        Cmp::Path => {
            predicted == got
                || (!predicted.is_empty() && !got.is_empty() && clean(predicted) == clean(got))
        }
        Cmp::PathList => {
            let sep = if cfg!(windows) { ';' } else { ':' };
            let list = |s: &str| -> Vec<String> {
                s.split(sep).filter(|e| !e.is_empty()).map(clean).collect()
            };
            list(predicted) == list(got)
        }
    }
}

/// Go's `filepath.Clean` for slash-separated paths: no repeated or trailing
/// slashes, no `.`, `..` applied lexically. (Backslashes are left alone.)
fn clean(p: &str) -> String {
    if p.is_empty() {
        return ".".into();
    }
    let rooted = p.starts_with('/');
    let mut parts: Vec<&str> = Vec::new();
    for c in p.split('/') {
        match c {
            "" | "." => {}
            ".." => {
                if parts.last().is_some_and(|l| *l != "..") {
                    parts.pop();
                } else if !rooted {
                    parts.push("..");
                }
            }
            c => parts.push(c),
        }
    }
    let body = parts.join("/");
    match (rooted, body.is_empty()) {
        (true, _) => format!("/{body}"),
        (false, true) => ".".into(),
        (false, false) => body,
    }
}

fn build_failed(go: &Path, what: &str, stderr: &str) -> Finding {
    let first: Vec<&str> = stderr.lines().take(3).collect();
    Finding {
        id: "deep-build-failed",
        severity: Severity::Error,
        class: Class::Toolchain,
        message: format!("`{what}` with {} failed: {}", go.display(), first.join(" / ")),
        fix: "fix the errors above (run `goenv-hook doctor` for their causes), then re-run `goenv-hook doctor --deep`".into(),
        evidence: vec![
            Evidence::Binary { path: go.display().to_string(), version: None },
            Evidence::Note { text: stderr.trim().to_string() },
        ],
    }
}

/// A temporary directory removed on drop (std only; the core has no tempfile dependency).
struct TempDir(PathBuf);

impl TempDir {
    fn new() -> Option<TempDir> {
        let base = std::env::temp_dir();
        for i in 0..100u32 {
            let p = base.join(format!("goenv-hook-deep-{}-{i}", std::process::id()));
            if std::fs::create_dir(&p).is_ok() {
                return Some(TempDir(p));
            }
        }
        None
    }
    fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::platform::Platform;

    fn env(pairs: &[(&str, &str)]) -> EnvSnapshot {
        EnvSnapshot::from_pairs(pairs, "/w", Platform::UNIX)
    }

    fn file(text: &str) -> GoEnvFile {
        goenvfile::parse_for(Path::new("/c/go/env"), text.as_bytes(), Platform::UNIX)
    }

    fn goroot_env() -> GoEnvFile {
        goenvfile::parse_for(
            Path::new("/r/go.env"),
            b"# comment\nGOPROXY=https://proxy.golang.org,direct\nGOSUMDB=sum.golang.org\nGOTOOLCHAIN=auto\n",
            Platform::UNIX,
        )
    }

    fn v(s: &str) -> GoVersion {
        GoVersion::parse(s).unwrap()
    }

    fn pr<'a>(
        env: &'a EnvSnapshot,
        file: Option<&'a GoEnvFile>,
        version: Option<&'a GoVersion>,
        goroot_env: Option<Option<GoEnvFile>>,
    ) -> Predictor<'a> {
        Predictor {
            env,
            file,
            version,
            goroot_env,
        }
    }

    #[test]
    fn clean_is_go_filepath_clean() {
        for (a, b) in [
            ("/a//b/", "/a/b"),
            ("/a/./b/../c", "/a/c"),
            ("/..", "/"),
            ("a/../..", ".."),
            ("", "."),
            ("/h/x//.cache/go-build", "/h/x/.cache/go-build"),
        ] {
            assert_eq!(clean(a), b, "{a}");
        }
    }

    #[test]
    fn agree_compares_paths_cleaned_and_lists_without_empty_entries() {
        assert!(agree(Cmp::Path, "/h//x/go", "/h/x/go"));
        assert!(!agree(Cmp::Path, "/h/x/go", ""));
        assert!(agree(Cmp::Path, "", ""));
        assert!(agree(Cmp::PathList, "/a:/b/", ":/a::/b"));
        assert!(!agree(Cmp::PathList, "/a:/b", "/b:/a"));
        assert!(!agree(Cmp::Exact, "off", "off "));
    }

    #[test]
    fn goproxy_is_built_in_before_121_and_from_go_env_since() {
        let e = env(&[("HOME", "/h")]);
        let (v19, v23) = (v("1.19.8"), v("1.23.5"));
        let p = pr(&e, None, Some(&v19), Some(None)).builtin_before_121("GOPROXY", "B");
        assert_eq!(p.unwrap().value, "B");
        let p = pr(&e, None, Some(&v23), Some(Some(goroot_env())))
            .builtin_before_121("GOPROXY", "B")
            .unwrap();
        assert_eq!(p.value, "https://proxy.golang.org,direct");
        assert_eq!(p.from, Origin::GorootEnv(PathBuf::from("/r/go.env")));
        // no go.env: empty
        let p = pr(&e, None, Some(&v23), Some(None)).builtin_before_121("GOPROXY", "B");
        assert_eq!(p.unwrap().value, "");
        // GOROOT unknown or disputed: not predicted
        assert!(pr(&e, None, Some(&v23), None)
            .builtin_before_121("GOPROXY", "B")
            .is_none());
        assert!(pr(&e, None, None, None)
            .builtin_before_121("GOPROXY", "B")
            .is_none());
        // the environment and the go env -w file come first, whatever the version
        let f = file("GOPROXY=off\n");
        let p = pr(&e, Some(&f), None, None)
            .builtin_before_121("GOPROXY", "B")
            .unwrap();
        assert_eq!(p.value, "off");
        assert_eq!(
            p.from,
            Origin::GoenvFile(PathBuf::from("/c/go/env"), Some(1))
        );
        let e2 = env(&[("GOPROXY", "direct")]);
        let p = pr(&e2, Some(&f), None, None)
            .builtin_before_121("GOPROXY", "B")
            .unwrap();
        assert_eq!((p.value.as_str(), p.from), ("direct", Origin::Env));
        // goenv-hook's lookup skips an empty line of the go env -w file
        // (Go >= 1.21 does not: see the ground-truth test)
        let f = file("GOPROXY=\n");
        let p = pr(&e, Some(&f), Some(&v23), Some(Some(goroot_env())))
            .builtin_before_121("GOPROXY", "B")
            .unwrap();
        assert_eq!(p.value, "https://proxy.golang.org,direct");
    }

    #[test]
    fn gonoproxy_defaults_to_goprivate() {
        let e = env(&[("GOPRIVATE", "example.com")]);
        let v23 = v("1.23.5");
        let p = pr(&e, None, Some(&v23), Some(None))
            .private_default("GONOPROXY")
            .unwrap();
        assert_eq!(p.value, "example.com");
        assert!(p
            .from
            .describe()
            .contains("GOPRIVATE (from the environment)"));
        let f = file("GONOPROXY=other\n");
        let p = pr(&e, Some(&f), Some(&v23), Some(None))
            .private_default("GONOPROXY")
            .unwrap();
        assert_eq!(p.value, "other");
    }

    #[test]
    fn gocache_default_and_settings() {
        let v23 = v("1.23.5");
        let at = |pairs: &[(&str, &str)], f: Option<&GoEnvFile>| {
            let e = env(pairs);
            gocache(&pr(&e, f, Some(&v23), Some(None))).map(|p| p.value)
        };
        if !cfg!(target_os = "macos") {
            assert_eq!(
                at(&[("HOME", "/h"), ("XDG_CACHE_HOME", "/x//c/")], None).as_deref(),
                Some("/x/c/go-build")
            );
            assert_eq!(
                at(&[("HOME", "/h/")], None).as_deref(),
                Some("/h/.cache/go-build")
            );
            assert_eq!(at(&[], None).as_deref(), Some("off"));
            // a relative base is not predicted
            assert_eq!(at(&[("HOME", "/h"), ("XDG_CACHE_HOME", "rel")], None), None);
        }
        assert_eq!(at(&[("GOCACHE", "off")], None).as_deref(), Some("off"));
        assert_eq!(at(&[("GOCACHE", "/c")], None).as_deref(), Some("/c"));
        assert_eq!(at(&[("GOCACHE", "rel")], None), None);
        let f = file("GOCACHE=/f\n");
        assert_eq!(at(&[("HOME", "/h")], Some(&f)).as_deref(), Some("/f"));
    }
}
