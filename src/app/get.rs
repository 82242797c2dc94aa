//! `goenv-hook get`: what obtaining a toolchain through Go's own mechanism
//! takes (the façade's half: the version, the base go, what Go's model says
//! the download does); the CLI runs `go version` with `GOTOOLCHAIN` set.

use crate::config::ConfigError;
use crate::facts::toolchain::Toolchain;
use crate::facts::Depth;
use crate::go::decide::{Fate, Run, Source};
use crate::go::gover::{GoVersion, ToolchainName};
use crate::plan::Session;
use crate::sys::env::EnvSnapshot;

/// What `get` will do.
#[derive(Debug)]
pub(crate) struct GetPlan {
    /// The toolchain asked for (`go1.22.3`).
    pub name: ToolchainName,
    /// An install that already provides it (nothing to do, unless forced).
    pub installed: Option<Toolchain>,
    /// The go ≥ 1.21 that downloads it.
    pub base: Toolchain,
    /// The user's GOTOOLCHAIN setting (other than `auto`) that this one
    /// command sets aside, and where it is set (`$GOROOT/go.env`).
    pub overridden: Option<(String, &'static str)>,
    /// Go's model: the module cache already holds it (verified or not).
    pub cached: bool,
}

/// Why `get` refuses (nothing is run then).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum GetError {
    /// Not a toolchain name or release.
    NotARelease(String),
    /// A language version (`1.22`): no release is named so.
    Language(String),
    /// No go ≥ 1.21 to download with; the installs found.
    NoBase(Vec<String>),
    /// The proxy's list has no release for the request (for this platform).
    NotListed(String),
    /// Go's model says the download fails: Go's message, and the setting
    /// that forbids it when one does (`GOPROXY=off (from the environment)`).
    Refused {
        message: String,
        why: Option<String>,
    },
}

impl std::fmt::Display for GetError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            GetError::NotARelease(w) => write!(
                f,
                "'{w}' is not a Go release; expected e.g. 1.22.3, go1.22.3, 1.23rc1, 1.22 or latest"
            ),
            GetError::Language(w) => write!(
                f,
                "{w} is a language version, not a release: name one, e.g. {w}.0 (https://go.dev/dl/ lists them)"
            ),
            GetError::NoBase(found) => {
                write!(
                    f,
                    "no Go 1.21 or newer is installed to download with (toolchains are obtained through `go` itself, GOTOOLCHAIN=go1.X.Y, since Go 1.21)"
                )?;
                if found.is_empty() {
                    write!(f, "; no Go toolchain was found at all")
                } else {
                    write!(f, "; installed: {}", found.join(", "))
                }
            }
            GetError::NotListed(what) => write!(
                f,
                "the proxy lists {what} for {}/{}; name a release, e.g. 1.22.3",
                crate::go::validate::host_port().0,
                crate::go::validate::host_port().1
            ),
            GetError::Refused { message, why } => {
                write!(f, "the download would fail; Go says:\n{message}")?;
                if let Some(w) = why {
                    write!(f, "\n{w}")?;
                }
                Ok(())
            }
        }
    }
}

impl std::error::Error for GetError {}

/// What the user asked `get` for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum GetRequest {
    /// A release (`go1.22.3`).
    Release(ToolchainName),
    /// The newest release of a language version (`1.22`), from the
    /// proxy's list.
    Line(GoVersion),
    /// The newest release, from the proxy's list.
    Latest,
}

/// `get`'s argument: a release, a language version ≥ 1.21, or `latest`.
pub(crate) fn get_request(what: &str) -> Result<GetRequest, GetError> {
    let w = what.trim();
    if w == "latest" {
        return Ok(GetRequest::Latest);
    }
    match release_name(w) {
        Err(GetError::Language(_)) => Ok(GetRequest::Line(
            GoVersion::parse(w.trim_start_matches("go"))
                .ok_or_else(|| GetError::NotARelease(w.to_string()))?,
        )),
        r => r.map(GetRequest::Release),
    }
}

/// The release a `Line` or `Latest` request stands for, from
/// `go list -m -versions -retracted golang.org/toolchain`'s output: the
/// newest release (no pre-release) built for this platform.
pub(crate) fn resolve(req: &GetRequest, listed: &str) -> Result<ToolchainName, GetError> {
    if let GetRequest::Release(n) = req {
        return Ok(n.clone());
    }
    let host = crate::go::validate::host_port();
    let best = listed
        .split_whitespace()
        .skip(1)
        .filter_map(|mv| crate::go::decide::toolchain_of_module_version(mv, host))
        .filter_map(ToolchainName::parse)
        .filter(|n| n.suffix().is_empty())
        .filter(|n| {
            let v = n.version();
            !v.is_prerelease()
                && !v.is_lang()
                && match req {
                    GetRequest::Line(l) => v.lang() == *l,
                    _ => true,
                }
        })
        .max();
    best.ok_or_else(|| {
        GetError::NotListed(match req {
            GetRequest::Line(l) => format!("no {l} release"),
            _ => "no release".to_string(),
        })
    })
}

/// The toolchain name a user's `1.22.3` / `go1.22.3` stands for.
pub(crate) fn release_name(what: &str) -> Result<ToolchainName, GetError> {
    let w = what.trim();
    let name = ToolchainName::parse(w)
        .or_else(|| GoVersion::parse(w).map(|v| v.toolchain_name()))
        .ok_or_else(|| GetError::NotARelease(w.to_string()))?;
    let v = name.version();
    if v.is_lang() && v.at_least("1.21") {
        return Err(GetError::Language(w.trim_start_matches("go").to_string()));
    }
    Ok(name)
}

/// `get`'s plan for the release `name`, run from `env.cwd` (a neutral directory the CLI
/// made): the installs (full depth), the base go, and Go's model of
/// `GOTOOLCHAIN=<name> go version` there.
pub(crate) fn get_plan(
    env: EnvSnapshot,
    name: ToolchainName,
) -> Result<Result<GetPlan, GetError>, ConfigError> {
    let s = Session::new(env, Depth::Full)?;
    let base = match base_go(&s) {
        Ok(b) => b,
        Err(e) => return Ok(Err(e)),
    };
    let cands = crate::plan::candidates(&s.facts);
    let want = name.version();
    let installed = (name.suffix().is_empty())
        .then(|| {
            cands
                .iter()
                .find(|t| t.version.as_ref() == Some(&want))
                .map(|t| (*t).clone())
        })
        .flatten();
    let Some(bv) = base.version.clone() else {
        unreachable!("ok() checked the version")
    };
    let mut overridden = None;
    let mut cached = false;
    let mut env = s.facts.current.clone();
    env.unset("GOROOT");
    if let Some(mut i) =
        crate::facts::gomodel::inputs_for(&s.facts, &env, format!("go{bv}"), Some(&base))
    {
        let set = i.env.get("GOTOOLCHAIN");
        // `auto` (Go's shipped default) lets GOTOOLCHAIN=<name> do what it
        // would do anyway: only another setting is worth a word.
        if !set.is_empty() && set.value != b"auto" && set.value != name.as_str().as_bytes() {
            overridden = Some((set.as_str().into_owned(), source_text(set.source)));
        }
        i.env
            .process
            .insert("GOTOOLCHAIN".into(), name.as_str().as_bytes().to_vec());
        let world = crate::probe::gomodel::FsWorld::new(&s.facts, Depth::Full);
        let d = crate::go::decide::decide(&i.input(), &world);
        match d.run {
            Run::Fail { error }
            | Run::Download {
                fate: Fate::Fails { error },
                ..
            } => {
                let proxy = i.env.get("GOPROXY");
                let first = proxy
                    .as_str()
                    .split([',', '|'])
                    .next()
                    .unwrap_or("")
                    .trim()
                    .to_string();
                let why = (first == "off").then(|| {
                    format!(
                        "GOPROXY={} (from {}) disables downloads; for this one command: GOPROXY=https://proxy.golang.org,direct goenv-hook get {}",
                        proxy.as_str(),
                        source_text(proxy.source),
                        name.as_str()
                    )
                });
                return Ok(Err(GetError::Refused {
                    message: error.message,
                    why,
                }));
            }
            Run::ModCache { .. } => cached = true,
            _ => {}
        }
    }
    Ok(Ok(GetPlan {
        name,
        installed,
        base,
        overridden,
        cached,
    }))
}

/// After the download: the install that now provides `name` (discovered
/// where goenv-hook looks, the module cache among them).
pub fn got(env: EnvSnapshot, name: &ToolchainName) -> Result<Option<Toolchain>, ConfigError> {
    let s = Session::new(env, Depth::Full)?;
    let want = name.version();
    Ok(crate::plan::candidates(&s.facts)
        .into_iter()
        .filter(|t| t.version.as_ref() == Some(&want))
        .find(|t| t.source == crate::go::layouts::Source::GoToolchainDownload)
        .cloned())
}

/// Where a Go setting was set, in words.
fn source_text(s: Source) -> &'static str {
    match s {
        Source::Environment => "the environment",
        Source::EnvFile => "the go env -w file",
        Source::GorootEnv => "$GOROOT/go.env",
        Source::Unset => "nowhere",
    }
}

/// The go ≥ 1.21 that downloads: the first on PATH when it is one, else
/// the newest found.
fn base_go(s: &Session) -> Result<Toolchain, GetError> {
    let cands = crate::plan::candidates(&s.facts);
    let ok = |t: &Toolchain| t.version.as_ref().is_some_and(|v| v.at_least("1.21"));
    let default = crate::plan::default_toolchain(&s.facts);
    default
        .filter(|t| ok(t))
        .or_else(|| {
            cands
                .iter()
                .filter(|t| ok(t))
                .max_by(|a, b| a.version.cmp(&b.version))
                .map(|t| (*t).clone())
        })
        .ok_or_else(|| {
            GetError::NoBase(
                cands
                    .iter()
                    .map(|t| match &t.version {
                        Some(v) => format!("go{v} ({})", t.root.display()),
                        None => t.root.display().to_string(),
                    })
                    .collect(),
            )
        })
}

/// [`base_go`] for `env` (`get 1.22` and `get latest` list the proxy's
/// releases with it first).
pub(crate) fn get_base(env: EnvSnapshot) -> Result<Result<Toolchain, GetError>, ConfigError> {
    let s = Session::new(env, Depth::Full)?;
    Ok(base_go(&s))
}
