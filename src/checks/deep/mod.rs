//! `doctor --deep`, the comparison half: every setting goenv-hook predicts
//! or reads, against what the running `go` reported (`probe::deep` ran it
//! in a fresh temporary directory), and the hello-world build's result.
//!
//! The predictions use goenv-hook's one lookup (`go::settings::Lookup`,
//! go-env-facts.md §3): a non-empty process variable, else the `go env -w`
//! file (where a key, even empty, hides `$GOROOT/go.env`), else
//! `$GOROOT/go.env` for Go ≥ 1.21, else Go's built-in default. A setting
//! is compared only when that prediction is well defined (the toolchain's
//! version and GOROOT are known and agree with `go`); a disagreement is a
//! goenv-hook misprediction or something that makes `go` see a different
//! setting in another directory, never a matter of spelling (paths are
//! compared cleaned).

use crate::checks::{lossy, Class, Evidence, Finding, Severity, VarSource};
use crate::facts::deep::DeepFacts;
use crate::facts::toolchain::GoHit;
use crate::facts::Facts;
use crate::go::envfile;
use crate::go::gover::GoVersion;
use crate::go::settings::{builtin_default, Defaults, Layer, Lookup};
use crate::sys::env::EnvSnapshot;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The findings of `doctor --deep`.
pub fn findings(facts: &Facts, d: &DeepFacts) -> Vec<Finding> {
    let mut out = Vec::new();
    let reported = match &d.env {
        Ok(r) => r,
        Err((what, stderr)) => {
            out.push(build_failed(&d.go, what, stderr));
            return out;
        }
    };
    if let Some(hit) = facts.running_go() {
        for x in compare(facts, hit, reported, d) {
            out.push(x.finding(&d.go, reported.get("GOVERSION")));
        }
    }
    if let Some(Err((what, stderr))) = &d.build {
        out.push(build_failed(&d.go, what, stderr));
    }
    out
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
            short: String::new(),
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
    version: Option<&'a GoVersion>,
    lookup: Lookup<'a>,
    home_go_is_root: bool,
}

/// Where a value from the lookup came from.
fn origin(layer: &Layer) -> Origin {
    match layer {
        Layer::Env => Origin::Env,
        Layer::GoenvFile(p, l) => Origin::GoenvFile(p.clone(), Some(*l)),
        Layer::GorootGoEnv(p) => Origin::GorootEnv(p.clone()),
        Layer::Builtin => Origin::Default("Go's built-in default before go1.21".into()),
    }
}

impl Predictor<'_> {
    /// goenv-hook's lookup: environment, `go env -w` file, `$GOROOT/go.env`;
    /// None if not well defined, Some(None) if none of them sets `key`.
    fn lookup(&self, key: &str) -> Option<Option<(String, Origin)>> {
        if let Some(s) = self.lookup.set(key) {
            return Some(Some((lossy(&s.value), origin(&s.layer))));
        }
        // Built-in defaults (Go < 1.21) are `builtin_before_121`'s.
        if matches!(self.lookup.defaults, Defaults::Builtin) {
            return Some(None);
        }
        Some(
            self.lookup
                .resolve(key)?
                .map(|s| (lossy(&s.value), origin(&s.layer))),
        )
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
        self.version.map(|v| v.at_least("1.21"))
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

    /// GOPROXY and GOSUMDB: built into Go < 1.21 ([`builtin_default`]),
    /// from go.env since.
    fn builtin_before_121(&self, key: &str) -> Option<Prediction> {
        self.or_default(key, Cmp::Exact, || {
            Some(if self.go121()? {
                Prediction::new(
                    "",
                    Origin::Default("set nowhere: not in the environment, the `go env -w` file or $GOROOT/go.env".into()),
                    Cmp::Exact,
                )
            } else {
                Prediction::new(
                    builtin_default(key).unwrap_or_default(),
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
            || self.home_go_is_root
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
    facts: &Facts,
    hit: &GoHit,
    reported: &BTreeMap<String, String>,
    d: &DeepFacts,
) -> Vec<Disagreement> {
    let env = &facts.current;
    let ran_in = d.ran_in.as_path();
    let file = facts.goenv_file.as_ref();
    let user = Lookup::user(env, file);
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
        let setting = user.set("GOROOT");
        let predicted_id = match &setting {
            Some(_) => facts
                .goroot
                .as_ref()
                .and_then(|g| g.toolchain.as_ref())
                .and_then(|t| t.id),
            None => tc.and_then(|t| t.id),
        };
        let (predicted, from) = match setting {
            Some(s) => {
                let from = origin(&s.layer);
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
        root_agrees = match (predicted_id, d.goroot_id) {
            (Some(a), Some(b)) => a == b,
            _ => {
                clean(&predicted.to_string_lossy()) == clean(g)
                    || d.goroot_canonical.as_deref() == Some(predicted.as_path())
            }
        };
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
    let defaults = match version {
        None => Defaults::Unknown,
        Some(v) if !v.at_least("1.21") => Defaults::Builtin,
        Some(_) if root_agrees && !conflicting_goroots && reported.contains_key("GOROOT") => {
            Defaults::GoEnv(d.goroot_go_env.as_ref())
        }
        Some(_) => Defaults::Unknown,
    };
    let pr = Predictor {
        env,
        version,
        lookup: Lookup {
            env,
            file,
            defaults,
        },
        home_go_is_root: d.home_go_is_root,
    };

    // GOENV: where the go env -w file is. Go resolves a relative location
    // against the directory it runs in; goenv-hook against the current one.
    if let Some(g) = reported.get("GOENV") {
        let predicted = envfile::location(env)
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
    let gopath_set = user.set("GOPATH");
    let ambiguous = gopath_set.is_none() && pr.gopath_default_ambiguous(root.as_deref());
    let gopath_from = match &gopath_set {
        Some(_) => pr.lookup("GOPATH").flatten().map(|(_, f)| f),
        None => Some(Origin::Default("Go's default, $HOME/go".into())),
    };
    if !ambiguous {
        let gp = crate::go::settings::gopath(env, file, root.as_deref());
        let gp = lossy(&env.platform.join_list(&gp));
        if let Some(from) = gopath_from.clone() {
            differ(
                &mut diffs,
                "GOPATH",
                Some(Prediction::new(gp, from, Cmp::PathList)),
            );
        }
    }
    let modcache_set = user.set("GOMODCACHE").is_some();
    if modcache_set || !ambiguous {
        let mc = crate::go::settings::gomodcache(env, file)
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
    differ(&mut diffs, "GOPROXY", pr.builtin_before_121("GOPROXY"));
    differ(&mut diffs, "GOSUMDB", pr.builtin_before_121("GOSUMDB"));
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
            let Some((base, what)) = crate::go::settings::user_dir(env, "cache") else {
                let unset = if cfg!(target_os = "macos") {
                    "Go's default with HOME unset"
                } else {
                    "Go's default with neither XDG_CACHE_HOME nor HOME set"
                };
                return Some(Prediction::new(
                    "off",
                    Origin::Default(unset.into()),
                    Cmp::Exact,
                ));
            };
            let base = lossy(&base);
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

/// Go's `filepath.Clean` on this machine's paths (the one copy, in
/// `go::settings`).
fn clean(p: &str) -> String {
    let platform = crate::sys::platform::Platform::current();
    lossy(&crate::go::settings::clean(
        std::ffi::OsStr::new(p),
        platform,
    ))
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
        short: String::new(),
    }
}

#[cfg(test)]
mod tests;
