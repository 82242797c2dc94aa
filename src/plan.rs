//! The pure planner: facts plus config in, a plan out; then the plan as
//! operations against the current environment. Touches no filesystem.

use crate::config::{Config, EnvValue, GorootPolicy, PathPart, ToolchainPin};
use crate::env::EnvSnapshot;
use crate::goenvfile::GoEnvFile;
use crate::pathlist;
use crate::platform::bytes;
use crate::probe::{looks_like_dir, Facts, OVERRIDE_VAR};
use crate::project::Kind;
use crate::shell::Op;
use crate::state::{State, VarRecord, VAR as STATE_VAR};
use crate::toolchain::Toolchain;
use crate::version::GoVersion;
use std::ffi::{OsStr, OsString};
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
    Root(#[serde(serialize_with = "crate::ser::os_lossy")] PathBuf),
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

/// The requests that apply, in order of precedence (the first wins).
pub fn requests(facts: &Facts, config: &Config) -> Vec<Request> {
    requests_from(&facts.env, &facts.project, config)
}

/// [`requests`] from the parts it needs (the probe asks before it decides
/// whether to discover installs).
pub fn requests_from(
    env: &EnvSnapshot,
    project: &crate::project::Project,
    config: &Config,
) -> Vec<Request> {
    let mut out = Vec::new();
    let pinned = |w: &Want| match w {
        Want::Version(v) => v.patch.is_some(),
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

/// `1.22`, `1.22.3`, `go1.22.3`, `1.21rc1` (a `.go-version` or config value).
pub fn parse_request_version(s: &str) -> Option<GoVersion> {
    let s = s.trim();
    GoVersion::parse_toolchain(s).or_else(|| GoVersion::parse(s))
}

/// What a go.mod/go.work asks for, by Go's rules: the `go` line (with `.0`
/// appended to language versions ≥ 1.21), unless a newer `toolchain` line
/// (not `default`) wins.
pub fn go_file_want(f: &crate::project::ProjectFile) -> Option<(GoVersion, usize)> {
    go_file_request(f).map(|(v, l, _)| (v, l))
}

/// [`go_file_want`], and whether the `toolchain` line decided (an exact
/// release) rather than the `go` line (a minimum).
pub fn go_file_request(f: &crate::project::ProjectFile) -> Option<(GoVersion, usize, bool)> {
    let go = f.go.as_ref().and_then(|l| {
        let mut v = GoVersion::parse(&l.value)?;
        if v.is_lang() {
            v.patch = Some(0);
        }
        Some((v, l.line))
    });
    let tc = f
        .toolchain
        .as_ref()
        .filter(|l| l.value != "default")
        .and_then(|l| Some((GoVersion::parse_toolchain(&l.value)?, l.line)));
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
    v == w || (!req.exact && v.major == w.major && v.minor == w.minor && v >= w)
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
/// dedups its own results).
fn candidates(facts: &Facts) -> Vec<&Toolchain> {
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
    if let Some(t) = newest(&|v| v.major == want.major && v.minor == want.minor && v >= want) {
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

/// The environment after applying `plan` to the original environment, and
/// the state that records it.
pub fn target(facts: &Facts, plan: &Plan) -> (EnvSnapshot, State) {
    let (out, st, _) = target_with_path(facts, plan);
    (out, st)
}

/// [`target`], also giving the new PATH's entries.
fn target_with_path<'a>(
    facts: &'a Facts,
    plan: &'a Plan,
) -> (EnvSnapshot, State, Vec<&'a OsString>) {
    let p = facts.env.platform;
    let composed = pathlist::compose_refs(p, &facts.path, &plan.managed);
    // PATH is written anew (from the entries: splitting and joining give
    // the same bytes back), so the copy of the environment leaves it out.
    let mut out = facts.env.clone_without(&["PATH"]);
    if facts.env.get("PATH").is_some() || !composed.entries.is_empty() {
        out.set("PATH", p.join_list(&composed.entries));
    }
    let mut records: Vec<VarRecord> = Vec::new();
    for (name, v) in &plan.vars {
        let prev = facts.env.get(name).map(OsStr::to_os_string);
        match v {
            Some(v) => out.set(name, v.clone()),
            None => out.unset(name),
        }
        records.retain(|r| r.name != *name);
        if prev.as_ref() != v.as_ref() {
            records.push(VarRecord {
                name: name.clone(),
                prev,
                now: v.clone(),
            });
        }
    }
    let managed: Vec<OsString> = composed.entries[..composed.added.len()]
        .iter()
        .map(|e| (*e).clone())
        .collect();
    let st = State {
        managed,
        added: composed.added,
        removed: composed
            .removed
            .into_iter()
            .map(|(i, e)| (i, e.clone()))
            .collect(),
        vars: records,
    };
    if !st.is_empty() {
        out.set(STATE_VAR, st.encode());
    }
    (out, st, composed.entries)
}

/// Operations turning `from` into `to`, for the names that may differ.
pub fn diff(from: &EnvSnapshot, to: &EnvSnapshot, names: &[String]) -> Vec<Op> {
    diff_with_path(from, to, names, None)
}

/// [`diff`], given `to`'s PATH entries if already split.
fn diff_with_path(
    from: &EnvSnapshot,
    to: &EnvSnapshot,
    names: &[String],
    mut to_path: Option<Vec<&OsString>>,
) -> Vec<Op> {
    let mut ops = Vec::new();
    let mut seen: Vec<&str> = Vec::new();
    for name in names {
        if seen.contains(&name.as_str()) {
            continue;
        }
        seen.push(name);
        let (a, b) = (from.get(name), to.get(name));
        if a == b {
            continue;
        }
        ops.push(match (name.as_str(), b) {
            ("PATH", Some(v)) => Op::SetPath {
                entries: match to_path.take() {
                    Some(e) => e.into_iter().cloned().collect(),
                    None => to.platform.split_list(v),
                },
            },
            (_, Some(v)) => Op::Set {
                name: name.clone(),
                value: v.to_os_string(),
            },
            (_, None) => Op::Unset { name: name.clone() },
        });
    }
    ops
}

fn touched_names(facts: &Facts, plan: &Plan) -> Vec<String> {
    let mut names = vec!["PATH".to_string()];
    names.extend(plan.vars.iter().map(|(n, _)| n.clone()));
    if let Some(s) = &facts.state {
        names.extend(s.vars.iter().map(|v| v.name.clone()));
    }
    names.push(STATE_VAR.to_string());
    names
}

/// The operations that make the current environment match the plan (empty
/// when nothing changed).
pub fn apply_ops(facts: &Facts, plan: &Plan) -> Vec<Op> {
    let (to, _, path) = target_with_path(facts, plan);
    diff_with_path(&facts.current, &to, &touched_names(facts, plan), Some(path))
}

/// The operations that restore the environment as it was before goenv-hook
/// (from the state recorded in `current`; none without state).
pub fn deactivate_ops(current: &EnvSnapshot) -> Vec<Op> {
    let Some(st) = State::from_env(current) else {
        return Vec::new();
    };
    let orig = st.unapply(current);
    let mut names = vec!["PATH".to_string()];
    names.extend(st.vars.iter().map(|v| v.name.clone()));
    names.push(STATE_VAR.to_string());
    diff(current, &orig, &names)
}

/// True if `b` is the bin directory of `t`.
pub fn is_bin_of(p: crate::platform::Platform, b: &OsStr, t: &Toolchain) -> bool {
    p.path_key(b) == p.path_key(&p.join(t.root.as_os_str(), "bin"))
}

#[allow(dead_code)]
fn lossy(v: &OsStr) -> String {
    String::from_utf8_lossy(&bytes(v)).into_owned()
}

/// Applies operations to a snapshot (what a shell does when it evals them).
pub fn apply_to(env: &mut EnvSnapshot, ops: &[Op]) {
    for op in ops {
        match op {
            Op::Set { name, value } => env.set(name, value.clone()),
            Op::Unset { name } => env.unset(name),
            Op::SetPath { entries } => {
                let v = env.platform.join_list(entries);
                env.set("PATH", v)
            }
            Op::Warn { .. } | Op::Local { .. } => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use crate::platform::Platform;
    use crate::project::{Line, Project, ProjectFile};
    use crate::toolchain::{GoHit, Source};

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
            project,
            goroot_env: None,
            pinned_roots: Vec::new(),
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
            go_file: Some(ProjectFile {
                kind: Kind::GoMod,
                path: "/p/go.mod".into(),
                go: Some(Line {
                    value: v.into(),
                    line: 3,
                }),
                toolchain: None,
            }),
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
        let f = |go: Option<&str>, tc: Option<&str>| ProjectFile {
            kind: Kind::GoMod,
            path: "/p/go.mod".into(),
            go: go.map(|v| Line {
                value: v.into(),
                line: 1,
            }),
            toolchain: tc.map(|v| Line {
                value: v.into(),
                line: 2,
            }),
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
