//! The pure planner: facts plus config in, a plan out; then the plan as
//! operations against the current environment. Touches no filesystem.

use crate::config::{Config, EnvValue, GorootPolicy, PathPart, ToolchainPin};
use crate::facts::project::Kind;
use crate::facts::toolchain::Toolchain;
use crate::facts::Facts;
use crate::go::gover::GoVersion;
use crate::go::request::{looks_like_dir, parse_request_version};
use crate::go::settings::gobin;
use crate::sys::env::EnvSnapshot;
use crate::sys::vars::OVERRIDE_VAR;

mod apply;
pub(crate) use apply::apply_to;
pub use apply::{applied, apply, apply_ops, deactivate_ops, diff, target, Applied};
use std::ffi::OsString;
use std::path::{Path, PathBuf};

/// Which selection rule chose the toolchain (issue 4's order).
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Rule {
    /// `GOENV_HOOK_GO` in the environment.
    Override,
    /// A `.go-version` file.
    GoVersionFile,
    /// `go.work` (its `toolchain`/`go` line).
    GoWork,
    /// The nearest `go.mod`.
    GoMod,
    /// The config file's `toolchain` pin.
    Config,
    /// The first `go` on PATH, else the newest install found.
    Default,
}

#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case", tag = "kind", content = "value")]
pub enum Want {
    Version(GoVersion),
    Root(#[serde(serialize_with = "crate::sys::ser::os_lossy")] PathBuf),
}

/// A toolchain request and where it came from.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Request {
    pub rule: Rule,
    pub want: Want,
    /// The file (and line) that asked, if any.
    #[serde(serialize_with = "ser_opt_path")]
    pub file: Option<PathBuf>,
    pub line: Option<usize>,
    /// The request names a release to use exactly (a `toolchain` line, or a
    /// version with a patch from `.go-version`, `GOENV_HOOK_GO` or the
    /// config), rather than a minimum (a `go` line, a language version).
    pub exact: bool,
}

fn ser_opt_path<S: serde::Serializer>(v: &Option<PathBuf>, s: S) -> Result<S::Ok, S::Error> {
    match v {
        Some(p) => s.serialize_some(&p.to_string_lossy()),
        None => s.serialize_none(),
    }
}

#[derive(Clone, Debug)]
pub struct Plan {
    /// The toolchain to make active (None: no Go anywhere).
    pub toolchain: Option<Toolchain>,
    /// The rule that chose it.
    pub rule: Rule,
    /// The winning request, if any rule other than Default applied.
    pub request: Option<Request>,
    /// The request could not be met by any install (the toolchain is then the default).
    pub unsatisfied: bool,
    /// The directory `go install` writes to, if absolute.
    pub gobin: Option<OsString>,
    /// The managed PATH block, in order.
    pub managed: Vec<OsString>,
    /// Variables to set (Some) or unset (None), in order.
    pub vars: Vec<(String, Option<OsString>)>,
}

/// Facts, config and the plan made from them: what the checks, the prompt
/// and the reports read (`app` builds it).
pub struct Session {
    pub config: Config,
    pub facts: Facts,
    pub plan: Plan,
}

/// Whether the facts read at the hook's depth can't answer without the
/// installs in the known locations: no `go` on PATH, or a version request
/// the default toolchain can't meet (discovering costs a few dozen stats).
pub(crate) fn needs_installs(facts: &Facts, config: &Config) -> bool {
    let default = crate::facts::toolchain::active(&facts.hits).and_then(|h| h.toolchain.as_ref());
    default.is_none()
        || requests(facts, config)
            .into_iter()
            .next()
            .is_some_and(|r| matches!(r.want, Want::Version(_)) && !default_suffices(&r, default))
}

/// The requests that apply, in order of precedence (the first wins).
pub(crate) fn requests(facts: &Facts, config: &Config) -> Vec<Request> {
    requests_from(&facts.env, &facts.project, config)
}

/// [`requests`] from the parts it needs (the probe asks before it decides
/// whether to discover installs).
pub(crate) fn requests_from(
    env: &EnvSnapshot,
    project: &crate::facts::project::Project,
    config: &Config,
) -> Vec<Request> {
    let mut out = Vec::new();
    let pinned = |w: &Want| match w {
        Want::Version(v) => v.names_patch(),
        Want::Root(_) => true,
    };
    if let Some(v) = env.get_nonempty(OVERRIDE_VAR) {
        let want = if looks_like_dir(v) {
            Some(Want::Root(PathBuf::from(v)))
        } else {
            v.to_str()
                .and_then(parse_request_version)
                .map(Want::Version)
        };
        if let Some(want) = want {
            out.push(Request {
                rule: Rule::Override,
                exact: pinned(&want),
                want,
                file: None,
                line: None,
            });
        }
    }
    if let Some(f) = &project.go_version_file {
        if let Some(l) = &f.go {
            if let Some(v) = parse_request_version(&l.value) {
                let want = Want::Version(v);
                out.push(Request {
                    rule: Rule::GoVersionFile,
                    exact: pinned(&want),
                    want,
                    file: Some(f.path.clone()),
                    line: Some(l.line),
                });
            }
        }
    }
    if let Some(f) = &project.go_file {
        if let Some((v, line, exact)) = go_file_request(f) {
            out.push(Request {
                rule: if f.kind == Kind::GoWork {
                    Rule::GoWork
                } else {
                    Rule::GoMod
                },
                want: Want::Version(v),
                file: Some(f.path.clone()),
                line: Some(line),
                exact,
            });
        }
    }
    let pin = match &config.toolchain {
        Some(ToolchainPin::Version(v)) => Some(Want::Version(v.clone())),
        Some(ToolchainPin::Root(r)) => Some(Want::Root(r.clone())),
        None => None,
    };
    if let Some(want) = pin {
        out.push(Request {
            rule: Rule::Config,
            exact: pinned(&want),
            want,
            file: config.file.clone(),
            line: None,
        });
    }
    out
}

/// What a go.mod/go.work asks for, by Go's rules: the `go` line (with `.0`
/// appended to language versions ≥ 1.21), unless a newer `toolchain` line
/// (not `default`) wins.
#[cfg(test)]
pub(crate) fn go_file_want(f: &crate::facts::project::ProjectFile) -> Option<(GoVersion, usize)> {
    go_file_request(f).map(|(v, l, _)| (v, l))
}

/// [`go_file_want`], and whether the `toolchain` line decided (an exact
/// release) rather than the `go` line (a minimum).
pub(crate) fn go_file_request(
    f: &crate::facts::project::ProjectFile,
) -> Option<(GoVersion, usize, bool)> {
    let go = f.go.as_ref().and_then(|l| {
        let v = GoVersion::parse(&l.value)?;
        Some((v.first_release(), l.line))
    });
    let tc = f
        .toolchain
        .as_ref()
        .filter(|l| l.value != "default")
        .and_then(|l| Some((GoVersion::from_toolchain(&l.value)?, l.line)));
    match (go, tc) {
        (Some(g), Some(t)) => Some(if t.0 > g.0 {
            (t.0, t.1, true)
        } else {
            (g.0, g.1, false)
        }),
        (Some(g), None) => Some((g.0, g.1, false)),
        (None, Some(t)) => Some((t.0, t.1, true)),
        (None, None) => None,
    }
}

/// Whether the default toolchain meets a request without looking further:
/// the same release for an exact request; for a minimum, the same minor
/// release line and at least the wanted version (a project's `go 1.21`
/// keeps your go1.21.13; it does not move you to another minor).
pub(crate) fn default_suffices(req: &Request, default: Option<&Toolchain>) -> bool {
    let (Want::Version(w), Some(v)) = (&req.want, default.and_then(|d| d.version.as_ref())) else {
        return false;
    };
    if req.rule == Rule::Override {
        return provides(v, w);
    }
    v == w || (!req.exact && v.lang() == w.lang() && v >= w)
}

/// The default toolchain: the first usable `go` on the original PATH (a
/// shim is followed to what it resolves to), else the newest install found.
pub(crate) fn default_toolchain(facts: &Facts) -> Option<Toolchain> {
    for h in &facts.hits {
        if let Some(t) = &h.toolchain {
            return Some(t.clone());
        }
        if let Some(r) = h.shim.as_ref().and_then(|s| s.resolves_to.as_ref()) {
            if let Some(t) = pinned_root(facts, r) {
                return Some(t.clone());
            }
        }
    }
    facts.installs.first().cloned()
}

/// A root the probe inspected for the config pin, the override variable or
/// a shim (None if it is not a toolchain, or was not named).
fn pinned_root<'a>(facts: &'a Facts, r: &Path) -> Option<&'a Toolchain> {
    facts
        .pinned_roots
        .iter()
        .find(|(pr, _)| pr == r)
        .and_then(|(_, t)| t.as_ref())
}

/// Every install we know of: PATH hits' toolchains first, then discovered
/// ones, each root once (by the identity the probe read; discovery already
/// dedups its own results). The one candidate list: the planner chooses
/// from it, the checks judge requests against it.
pub(crate) fn candidates(facts: &Facts) -> Vec<&Toolchain> {
    let p = facts.env.platform;
    let mut out: Vec<&Toolchain> = Vec::new();
    for t in facts
        .hits
        .iter()
        .filter_map(|h| h.toolchain.as_ref())
        .chain(facts.installs.iter())
    {
        if !out.iter().any(|o| o.same_root(t, p)) {
            out.push(t);
        }
    }
    out
}

/// Whether a release provides a pinned version (`goenv-hook use`,
/// `GOENV_HOOK_GO`), whatever the pin's precision: a pin naming a release
/// (`1.22.3`, `1.23rc1`) is that release; a language version is any
/// release of it (`1.22` → go1.22.x, `1` → go1 only, `1.2` → go1.2.x, not
/// go1.22). A pin is never met by a newer release, as a project's minimum is.
pub fn provides(release: &GoVersion, pin: &GoVersion) -> bool {
    if pin.names_patch() || pin.is_prerelease() {
        release == pin
    } else {
        release.lang() == pin.lang()
    }
}

/// The install a pin selects: the release it names, else the newest
/// release it [`provides`] for. None: no install provides it.
pub(crate) fn pin_match(pin: &GoVersion, cands: &[&Toolchain]) -> Option<Toolchain> {
    let ver = |t: &&&Toolchain| t.version.clone();
    if let Some(t) = cands.iter().find(|t| ver(t).as_ref() == Some(pin)) {
        return Some((*t).clone());
    }
    cands
        .iter()
        .filter(|t| ver(t).as_ref().is_some_and(|v| provides(v, pin)))
        .max_by(|a, b| ver(a).cmp(&ver(b)))
        .map(|t| (*t).clone())
}

/// The best install for a wanted version: exact, else the newest of the same
/// minor at or above it, else the default if it is at or above it, else the
/// newest at or above it. None: nothing satisfies it.
pub(crate) fn best_match(
    want: &GoVersion,
    cands: &[&Toolchain],
    default: Option<&Toolchain>,
) -> Option<Toolchain> {
    let ver = |t: &&Toolchain| t.version.clone();
    if let Some(t) = cands.iter().find(|t| ver(t).as_ref() == Some(want)) {
        return Some((*t).clone());
    }
    let newest = |f: &dyn Fn(&GoVersion) -> bool| {
        cands
            .iter()
            .filter(|t| ver(t).as_ref().is_some_and(f))
            .max_by(|a, b| ver(a).cmp(&ver(b)))
            .map(|t| (*t).clone())
    };
    if let Some(t) = newest(&|v| v.lang() == want.lang() && v >= want) {
        return Some(t);
    }
    if let Some(d) = default.filter(|d| d.version.as_ref().is_some_and(|v| v >= want)) {
        return Some(d.clone());
    }
    newest(&|v| v >= want)
}

pub fn plan(facts: &Facts, config: &Config) -> Plan {
    let env = &facts.env;
    let p = env.platform;
    let default = default_toolchain(facts);
    let cands = candidates(facts);

    let mut chosen = default.clone();
    let mut rule = Rule::Default;
    let mut request = None;
    let mut unsatisfied = false;
    if let Some(req) = requests(facts, config).into_iter().next() {
        let found = match &req.want {
            Want::Version(_) if default_suffices(&req, default.as_ref()) => default.clone(),
            Want::Version(v) if req.rule == Rule::Override => pin_match(v, &cands),
            Want::Version(v) => best_match(v, &cands, default.as_ref()),
            Want::Root(r) => pinned_root(facts, r).cloned(),
        };
        match found {
            Some(t) => {
                chosen = Some(t);
                rule = req.rule;
            }
            None => unsatisfied = true,
        }
        request = Some(req);
    }

    let root = chosen.as_ref().map(|t| t.root.as_path());
    let mut vars: Vec<(String, Option<OsString>)> = Vec::new();

    // GOPATH / GOBIN: the config pins them (exported); else Go's own lookup.
    // (A copy of the environment only when the config pins one of them.)
    let mut genv = std::borrow::Cow::Borrowed(env);
    if let Some(gp) = &config.gopath {
        vars.push(("GOPATH".into(), Some(gp.clone())));
        genv.to_mut().set("GOPATH", gp.clone());
    }
    if let Some(gb) = &config.gobin {
        vars.push(("GOBIN".into(), Some(gb.clone())));
        genv.to_mut().set("GOBIN", gb.clone());
    }
    let gobin = gobin(&genv, facts.goenv_file.as_ref(), root).filter(|b| p.is_absolute(b));

    // GOROOT policy.
    if let Some(t) = &chosen {
        match config.goroot {
            GorootPolicy::Export => {
                vars.push(("GOROOT".into(), Some(t.root.clone().into_os_string())))
            }
            GorootPolicy::Unset => {
                // GOROOT names the chosen root only if the probe found a
                // toolchain there, and it is the same one.
                if env.get_nonempty("GOROOT").is_some()
                    && !facts.goroot_env.as_ref().is_some_and(|g| g.same_root(t, p))
                {
                    vars.push(("GOROOT".into(), None));
                }
            }
            GorootPolicy::Leave => {}
        }
        if config.gotoolchain_local {
            vars.push(("GOTOOLCHAIN".into(), Some("local".into())));
        }
    }
    for (name, v) in &config.env {
        vars.push((
            name.clone(),
            match v {
                EnvValue::Set(s) => Some(s.clone()),
                EnvValue::Unset => None,
            },
        ));
    }

    let mut managed = Vec::new();
    for part in &config.path_order {
        match part {
            PathPart::Toolchain => {
                if let Some(t) = &chosen {
                    managed.push(p.join(t.root.as_os_str(), "bin"));
                }
            }
            PathPart::Gobin => managed.extend(gobin.clone()),
            PathPart::Extra => managed.extend(config.path_extra.iter().cloned()),
        }
    }

    Plan {
        toolchain: chosen,
        rule,
        request,
        unsatisfied,
        gobin,
        managed,
        vars,
    }
}

#[cfg(test)]
mod tests;
