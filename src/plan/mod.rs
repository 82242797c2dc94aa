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
pub use apply::{applied, apply, apply_ops, apply_to, deactivate_ops, diff, target, Applied};
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
pub fn needs_installs(facts: &Facts, config: &Config) -> bool {
    let default = crate::facts::toolchain::active(&facts.hits).and_then(|h| h.toolchain.as_ref());
    default.is_none()
        || requests(facts, config)
            .into_iter()
            .next()
            .is_some_and(|r| matches!(r.want, Want::Version(_)) && !default_suffices(&r, default))
}

/// The requests that apply, in order of precedence (the first wins).
pub fn requests(facts: &Facts, config: &Config) -> Vec<Request> {
    requests_from(&facts.env, &facts.project, config)
}

/// [`requests`] from the parts it needs (the probe asks before it decides
/// whether to discover installs).
pub fn requests_from(
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
pub fn go_file_want(f: &crate::facts::project::ProjectFile) -> Option<(GoVersion, usize)> {
    go_file_request(f).map(|(v, l, _)| (v, l))
}

/// [`go_file_want`], and whether the `toolchain` line decided (an exact
/// release) rather than the `go` line (a minimum).
pub fn go_file_request(f: &crate::facts::project::ProjectFile) -> Option<(GoVersion, usize, bool)> {
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
pub fn default_suffices(req: &Request, default: Option<&Toolchain>) -> bool {
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
pub fn default_toolchain(facts: &Facts) -> Option<Toolchain> {
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
pub fn candidates(facts: &Facts) -> Vec<&Toolchain> {
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
pub fn pin_match(pin: &GoVersion, cands: &[&Toolchain]) -> Option<Toolchain> {
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
pub fn best_match(
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
mod tests {
    use super::*;
    use crate::config::Config;
    use crate::facts::project::{Project, ProjectFile};
    use crate::facts::state::{State, VAR as STATE_VAR};
    use crate::facts::toolchain::{GoHit, Source};
    use crate::go::settings::{gomodcache, gopath};
    use crate::sys::platform::Platform;

    fn tc(root: &str, v: &str) -> Toolchain {
        Toolchain {
            root: PathBuf::from(root),
            go_bin: PathBuf::from(format!("{root}/bin/go")),
            version: GoVersion::parse(v),
            version_from: Some("VERSION"),
            source: Source::Unknown,
            has_go_env: true,
            id: None,
        }
    }

    fn hit(t: &Toolchain, idx: usize) -> GoHit {
        GoHit {
            path_index: idx,
            dir: t.root.join("bin").into_os_string(),
            path: t.go_bin.clone(),
            chain: vec![t.go_bin.clone()],
            resolved: Some(t.go_bin.clone()),
            toolchain: Some(t.clone()),
            shim: None,
            problem: None,
            loose: None,
        }
    }

    /// Facts as the probe would produce them, with the given go hits on
    /// the ORIGINAL PATH and installs.
    fn facts(
        current: EnvSnapshot,
        hits: Vec<GoHit>,
        installs: Vec<Toolchain>,
        project: Project,
    ) -> Facts {
        let state = State::from_env(&current);
        let env = state
            .as_ref()
            .map(|s| s.unapply(&current))
            .unwrap_or_else(|| current.clone());
        Facts {
            path: env.path_entries(),
            current,
            state,
            env,
            hits,
            installs,
            installs_scanned: true,
            goenv_file: None,
            goenv_file_present: false,
            project,
            goroot_env: None,
            pinned_roots: Vec::new(),
            goroot: None,
            wsl: None,
            hook: None,
            full: Default::default(),
            gomodel: Default::default(),
        }
    }

    #[test]
    fn a_gopath_with_a_leading_empty_entry_has_no_install_dir() {
        let env = EnvSnapshot::from_pairs(
            &[("HOME", "/h"), ("GOPATH", ":/w"), ("PATH", "/usr/bin")],
            "/h",
            Platform::UNIX,
        );
        assert_eq!(gobin(&env, None, None), None);
        assert_eq!(gomodcache(&env, None), None);
        assert_eq!(gopath(&env, None, None), vec![OsString::from("/w")]);
        let env = EnvSnapshot::from_pairs(
            &[("HOME", "/h"), ("GOPATH", "/a::/w"), ("PATH", "/usr/bin")],
            "/h",
            Platform::UNIX,
        );
        assert_eq!(gobin(&env, None, None), Some(OsString::from("/a/bin")));
    }

    /// The planner reads nothing from disk: its plan for facts naming real
    /// directories (two spellings of one root, a GOROOT through a symlink)
    /// is the same after those directories are gone.
    #[cfg(unix)]
    #[test]
    fn the_planner_touches_no_filesystem() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("go");
        std::fs::create_dir_all(root.join("bin")).unwrap();
        std::os::unix::fs::symlink(&root, dir.path().join("link")).unwrap();
        let r = root.to_str().unwrap().to_string();
        let link = dir.path().join("link").to_str().unwrap().to_string();
        let mut t = tc(&r, "1.23.5");
        t.id = Some((1, 2));
        let mut via_link = tc(&link, "1.23.5");
        via_link.id = Some((1, 2));
        let env = EnvSnapshot::from_pairs(
            &[
                ("HOME", "/h"),
                ("PATH", &format!("/usr/bin:{r}/bin")),
                ("GOROOT", &link),
            ],
            "/h",
            Platform::UNIX,
        );
        let run = || {
            let mut f = facts(
                env.clone(),
                vec![hit(&t, 1)],
                vec![via_link.clone()],
                Project::default(),
            );
            f.goroot_env = Some(via_link.clone());
            let p = plan(&f, &Config::default());
            (
                p.managed.clone(),
                p.vars.clone(),
                candidates(&f).len(),
                apply_ops(&f, &p),
            )
        };
        let before = run();
        assert_eq!(before.2, 1, "one root under two spellings is one candidate");
        assert!(
            !before.1.iter().any(|(n, _)| n == "GOROOT"),
            "GOROOT naming the chosen root is left alone"
        );
        drop(dir);
        assert_eq!(run(), before);
    }

    fn path_of(e: &EnvSnapshot) -> String {
        e.get("PATH").unwrap().to_str().unwrap().to_string()
    }

    #[test]
    fn default_toolchain_bin_and_gobin_go_in_front_once() {
        let t = tc("/opt/go23", "1.23.5");
        let env = EnvSnapshot::from_pairs(
            &[
                ("HOME", "/h"),
                ("PATH", "/usr/bin:/opt/go23/bin:/h/go/bin:/usr/bin"),
                ("GOROOT", "/stale"),
            ],
            "/h",
            Platform::UNIX,
        );
        let f = facts(env.clone(), vec![hit(&t, 1)], vec![], Project::default());
        let p = plan(&f, &Config::default());
        assert_eq!(
            p.managed,
            vec![OsString::from("/opt/go23/bin"), OsString::from("/h/go/bin")]
        );
        let ops = apply_ops(&f, &p);
        let mut e2 = env.clone();
        apply_to(&mut e2, &ops);
        assert_eq!(path_of(&e2), "/opt/go23/bin:/h/go/bin:/usr/bin");
        assert!(e2.get("GOROOT").is_none(), "stale GOROOT is unset");

        // Evaluating again (or in a nested shell) changes nothing.
        for _ in 0..3 {
            let f2 = facts(e2.clone(), vec![hit(&t, 1)], vec![], Project::default());
            let p2 = plan(&f2, &Config::default());
            assert_eq!(apply_ops(&f2, &p2), vec![]);
        }
        // Deactivate restores byte for byte.
        let mut e3 = e2.clone();
        apply_to(&mut e3, &deactivate_ops(&e2));
        assert_eq!(path_of(&e3), "/usr/bin:/opt/go23/bin:/h/go/bin:/usr/bin");
        assert_eq!(e3.get("GOROOT").unwrap(), "/stale");
        assert!(e3.get(STATE_VAR).is_none());
    }

    #[test]
    fn user_changes_after_activation_survive_reapply() {
        let t = tc("/opt/go23", "1.23.5");
        let env = EnvSnapshot::from_pairs(
            &[("HOME", "/h"), ("PATH", "/usr/bin:/opt/go23/bin")],
            "/h",
            Platform::UNIX,
        );
        let f = facts(env.clone(), vec![hit(&t, 1)], vec![], Project::default());
        let mut e2 = env.clone();
        apply_to(&mut e2, &apply_ops(&f, &plan(&f, &Config::default())));
        // the user prepends and appends entries
        let p = format!("/first:{}:/last", path_of(&e2));
        e2.set("PATH", p);
        let f2 = facts(e2.clone(), vec![hit(&t, 2)], vec![], Project::default());
        let mut e3 = e2.clone();
        apply_to(&mut e3, &apply_ops(&f2, &plan(&f2, &Config::default())));
        assert_eq!(
            path_of(&e3),
            "/opt/go23/bin:/h/go/bin:/first:/usr/bin:/last"
        );
    }

    #[test]
    fn project_request_switches_and_leaving_returns() {
        let t23 = tc("/opt/go23", "1.23.5");
        let t21 = tc("/opt/go21", "1.21.13");
        let t22 = tc("/opt/go22", "1.22.12");
        let installs = vec![t23.clone(), t22.clone(), t21.clone()];
        let base = EnvSnapshot::from_pairs(
            &[("HOME", "/h"), ("PATH", "/a:/opt/go23/bin:/b")],
            "/h",
            Platform::UNIX,
        );
        let gomod = |v: &str| Project {
            go_file: Some(ProjectFile::go_file(
                Kind::GoMod,
                "/p/go.mod".into(),
                crate::facts::project::go_mod_text(Some(v), None).into_bytes(),
            )),
            ..Project::default()
        };
        let mut e = base.clone();
        let step = |e: &mut EnvSnapshot, proj: Project| -> Plan {
            let f = facts(e.clone(), vec![hit(&t23, 1)], installs.clone(), proj);
            let p = plan(&f, &Config::default());
            apply_to(e, &apply_ops(&f, &p));
            p
        };
        let p = step(&mut e, gomod("1.21"));
        assert_eq!(p.rule, Rule::GoMod);
        assert_eq!(path_of(&e), "/opt/go21/bin:/h/go/bin:/a:/opt/go23/bin:/b");
        let p = step(&mut e, gomod("1.22"));
        assert_eq!(p.toolchain.unwrap().root, PathBuf::from("/opt/go22"));
        assert_eq!(path_of(&e), "/opt/go22/bin:/h/go/bin:/a:/opt/go23/bin:/b");
        let p = step(&mut e, gomod("1.99"));
        assert!(p.unsatisfied);
        assert_eq!(p.toolchain.unwrap().root, PathBuf::from("/opt/go23"));
        step(&mut e, Project::default());
        assert_eq!(path_of(&e), "/opt/go23/bin:/h/go/bin:/a:/b");
        let mut d = e.clone();
        apply_to(&mut d, &deactivate_ops(&e));
        assert_eq!(path_of(&d), "/a:/opt/go23/bin:/b");
    }

    #[test]
    fn a_pin_is_met_only_by_a_release_that_provides_it() {
        let v = |s: &str| GoVersion::parse(s).unwrap();
        for (release, pin, yes) in [
            ("1.22.12", "1.22", true),
            ("1.22.12", "1.22.12", true),
            ("1.22.12", "1.22.99", false),
            ("1.22.12", "1.22.0", false),
            ("1.22.12", "1.22rc1", false),
            ("1.22rc1", "1.22rc1", true),
            ("1.22.12", "1", false),
            ("1.0.3", "1", true),
            ("1.22.12", "1.2", false),
            ("1.2.2", "1.2", true),
            ("1.19.8", "1.19", true),
            ("1.23.5", "1.22", false),
        ] {
            assert_eq!(
                provides(&v(release), &v(pin)),
                yes,
                "{release} for pin {pin}"
            );
        }
        let ts = [tc("/a", "1.22.5"), tc("/b", "1.22.12"), tc("/c", "1.23.5")];
        let c: Vec<&Toolchain> = ts.iter().collect();
        assert_eq!(pin_match(&v("1.22"), &c).unwrap().root, PathBuf::from("/b"));
        assert_eq!(
            pin_match(&v("1.22.5"), &c).unwrap().root,
            PathBuf::from("/a")
        );
        assert!(pin_match(&v("1.22.99"), &c).is_none());
        assert!(pin_match(&v("1"), &c).is_none());
    }

    #[test]
    fn best_match_prefers_exact_then_same_minor_then_default() {
        let ts = [
            tc("/a", "1.21.13"),
            tc("/b", "1.22.12"),
            tc("/c", "1.23.5"),
            tc("/d", "1.21.3"),
        ];
        let c: Vec<&Toolchain> = ts.iter().collect();
        let v = |s: &str| GoVersion::parse(s).unwrap();
        assert_eq!(
            best_match(&v("1.21.3"), &c, None).unwrap().root,
            PathBuf::from("/d")
        );
        assert_eq!(
            best_match(&v("1.21.0"), &c, None).unwrap().root,
            PathBuf::from("/a")
        );
        assert_eq!(
            best_match(&v("1.22"), &c, None).unwrap().root,
            PathBuf::from("/b")
        );
        assert_eq!(
            best_match(&v("1.20"), &c, Some(&ts[2])).unwrap().root,
            PathBuf::from("/c")
        );
        assert_eq!(
            best_match(&v("1.20"), &c, None).unwrap().root,
            PathBuf::from("/c")
        );
        assert!(best_match(&v("1.24.0"), &c, Some(&ts[2])).is_none());
    }

    #[test]
    fn windows_path_semantics_in_the_planner() {
        let t = Toolchain {
            root: PathBuf::from(r"C:\Program Files\Go"),
            go_bin: PathBuf::from(r"C:\Program Files\Go\bin\go.exe"),
            version: GoVersion::parse("1.23.5"),
            version_from: Some("VERSION"),
            source: Source::WindowsMsi,
            has_go_env: true,
            id: None,
        };
        let env = EnvSnapshot::from_pairs(
            &[
                ("USERPROFILE", r"C:\Users\me"),
                ("Path", r"C:\Windows;c:\program files\go\BIN\;C:\Windows\"),
            ],
            r"C:\Users\me",
            Platform::WINDOWS,
        );
        let f = facts(env.clone(), vec![hit(&t, 1)], vec![], Project::default());
        let p = plan(&f, &Config::default());
        let mut e2 = env.clone();
        apply_to(&mut e2, &apply_ops(&f, &p));
        assert_eq!(
            e2.get("PATH").unwrap(),
            r"C:\Program Files\Go\bin;C:\Users\me\go\bin;C:\Windows"
        );
    }

    #[test]
    fn go_file_want_follows_gos_rules() {
        let f = |go: Option<&str>, tc: Option<&str>| {
            ProjectFile::go_file(
                Kind::GoMod,
                "/p/go.mod".into(),
                crate::facts::project::go_mod_text(go, tc).into_bytes(),
            )
        };
        let w = |p: ProjectFile| go_file_want(&p).map(|(v, _)| v.to_string());
        assert_eq!(w(f(Some("1.21"), None)).as_deref(), Some("1.21.0"));
        assert_eq!(w(f(Some("1.19"), None)).as_deref(), Some("1.19"));
        assert_eq!(
            w(f(Some("1.21"), Some("go1.23.4"))).as_deref(),
            Some("1.23.4")
        );
        assert_eq!(
            w(f(Some("1.23.4"), Some("go1.22.0"))).as_deref(),
            Some("1.23.4")
        );
        assert_eq!(
            w(f(Some("1.22"), Some("default"))).as_deref(),
            Some("1.22.0")
        );
    }
}
