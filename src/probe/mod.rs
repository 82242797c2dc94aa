//! The probe: reads the environment and the filesystem once into plain facts.
//! Everything after it (the planner, the checks, the renderers) is pure.

pub mod buildinfo;
pub mod config;
pub mod deep;
pub mod explain;
pub mod full;
pub(crate) mod gomodel;
pub mod here;
pub mod login;
pub mod project;
pub mod registry;
mod shims;
pub mod startup;
pub mod system;
pub mod toolchain;
mod tools;
pub mod vscode;
pub mod watch;

use crate::config::{Config, ToolchainPin};
use crate::facts::state::State;
use crate::facts::toolchain as tc;
use crate::facts::toolchain::Toolchain;
use crate::facts::{Depth, Facts, GorootFacts};
use crate::go::envfile;
use crate::go::request::looks_like_dir;
use crate::sys::env::EnvSnapshot;
use crate::sys::platform::bytes;
use crate::sys::vars::OVERRIDE_VAR;
use std::path::{Path, PathBuf};

/// Reads the facts for `current`. At [`Depth::Hook`], installs in the known
/// locations are discovered only when `needs_installs` says the facts read
/// so far can't answer (the planner's rule, `plan::needs_installs`).
pub fn probe(
    current: EnvSnapshot,
    config: &Config,
    depth: Depth,
    needs_installs: &dyn Fn(&Facts) -> bool,
) -> Facts {
    let mut facts = base(current, config, depth, needs_installs);
    if depth == Depth::Full {
        full::read(&mut facts, &full::Options::default());
    }
    facts
}

/// The facts every depth reads.
fn base(
    current: EnvSnapshot,
    config: &Config,
    depth: Depth,
    needs_installs: &dyn Fn(&Facts) -> bool,
) -> Facts {
    let state = State::from_env(&current);
    let (env, path) = match &state {
        Some(s) => s.unapply_with_path(&current),
        None => (current.clone(), current.path_entries()),
    };
    let hits = match depth {
        Depth::Hook => toolchain::find_first_go(&path, &env),
        Depth::Full => toolchain::find_go_on_path(&path, &env),
    };
    let (goenv_file, goenv_file_present) = goenv_file_present(&env);
    let goroot_env = env
        .get_nonempty("GOROOT")
        .and_then(|g| toolchain::inspect_root(Path::new(g), &env));
    let active_root = tc::active(&hits)
        .and_then(|h| h.toolchain.as_ref())
        .map(|t| t.root.clone())
        .or_else(|| goroot_env.as_ref().map(|t| t.root.clone()));
    let project = project::find(&env.cwd, &env, active_root.as_deref());

    let mut pinned = Vec::new();
    if let Some(ToolchainPin::Root(r)) = &config.toolchain {
        pinned.push(r.clone());
    }
    let override_req = env.get_nonempty(OVERRIDE_VAR).map(|v| v.to_os_string());

    if let Some(v) = &override_req {
        if looks_like_dir(v) {
            pinned.push(PathBuf::from(v));
        }
    }
    for r in hits
        .iter()
        .filter_map(|h| h.shim.as_ref()?.resolves_to.as_ref())
    {
        if !pinned.contains(r) {
            pinned.push(r.clone());
        }
    }
    let pinned_roots = pinned
        .into_iter()
        .map(|r| {
            let t = toolchain::inspect_root(&r, &env);
            (r, t)
        })
        .collect();

    let mut facts = Facts {
        current,
        state,
        env,
        path,
        hits,
        installs: Vec::new(),
        installs_scanned: false,
        goenv_file,
        goenv_file_present,
        project,
        goroot_env,
        pinned_roots,
        goroot: None,
        wsl: None,
        hook: None,
        full: Default::default(),
        gomodel: Default::default(),
    };
    settle(&mut facts);
    // Discovering installs costs a few dozen stats and reads: at the hook's
    // depth only when the caller (the planner's rule) says the facts so far
    // can't answer.
    if depth == Depth::Full || needs_installs(&facts) {
        let modcache = crate::go::settings::gomodcache(&facts.env, facts.goenv_file.as_ref());
        facts.installs = match depth {
            Depth::Hook => toolchain::discover_installs_quick(&facts.env, modcache.as_deref()),
            Depth::Full => toolchain::discover_installs(&facts.env, modcache.as_deref()),
        };
        facts.installs_scanned = true;
    }
    if depth == Depth::Hook {
        gomodel::read(&mut facts, Depth::Hook);
    }
    facts
}

/// The facts that follow from the ones read above (and, for GOROOT, one
/// inspection): GOROOT as Go reads it in the current environment, WSL from
/// the environment's markers, the shell's hook hint. Tests that build facts
/// by hand call it after setting the fields it reads.
pub(crate) fn settle(facts: &mut Facts) {
    facts.goroot = crate::go::settings::Lookup::user(&facts.current, facts.goenv_file.as_ref())
        .set("GOROOT")
        .map(|s| {
            goroot(
                s,
                &facts.current,
                facts.goroot_env.as_ref(),
                facts.env.get_nonempty("GOROOT"),
            )
        });
    facts.wsl = system::detect_wsl(&facts.current, &system::Roots::default(), true);
    facts.hook = facts
        .current
        .get_nonempty(crate::sys::vars::HOOK_HINT_VAR)
        .map(|v| crate::facts::startup::HookHint::parse(&v.to_string_lossy()));
}

/// Scans the current PATH for `go` when it differs from the original one
/// (goenv-hook active), as the full depth does; for `goenv-hook prompt`
/// when the hook has not made the current environment.
pub(crate) fn current_hits(facts: &mut Facts) {
    if facts.full.current_hits.is_none() {
        facts.full.current_hits = system::current_hits(facts);
        gomodel::settle(facts);
    }
}

/// [`probe`] at the full depth, with options for what only doctor reads
/// (the start-up shell, the hook hint, `--deep`).
pub fn probe_full(current: EnvSnapshot, config: &Config, opts: &full::Options) -> Facts {
    let mut facts = base(current, config, Depth::Full, &|_| true);
    full::read(&mut facts, opts);
    facts
}

/// Reads and parses the `go env -w` file at `envfile::location(env)`; None
/// if absent or unreadable.
pub fn goenv_file(env: &EnvSnapshot) -> Option<crate::go::envfile::GoEnvFile> {
    let path = envfile::location(env)?;
    let bytes = std::fs::read(&path).ok()?;
    Some(envfile::parse_for(&path, &bytes, env.platform))
}

/// [`goenv_file`], and whether something is at its location (a file that
/// can't be read still counts: its change matters).
fn goenv_file_present(env: &EnvSnapshot) -> (Option<crate::go::envfile::GoEnvFile>, bool) {
    let Some(path) = envfile::location(env) else {
        return (None, false);
    };
    match std::fs::read(&path) {
        Ok(bytes) => (Some(envfile::parse_for(&path, &bytes, env.platform)), true),
        Err(e) => (None, e.kind() != std::io::ErrorKind::NotFound),
    }
}

/// Two paths name the same directory (following symlinks when they exist).
pub fn same_dir(a: &Path, b: &Path) -> bool {
    if a == b {
        return true;
    }
    match (crate::sys::env::canonical(a), crate::sys::env::canonical(b)) {
        (Ok(x), Ok(y)) => x == y,
        _ => false,
    }
}

/// GOROOT's value, and what is at that path.
fn goroot(
    setting: crate::go::settings::Setting,
    env: &EnvSnapshot,
    original: Option<&Toolchain>,
    original_value: Option<&std::ffi::OsStr>,
) -> GorootFacts {
    let p = env.platform;
    let v = &setting.value;
    let judged = p.is_absolute(v) && bytes(v).first() != Some(&b'~') && !bytes(v).contains(&b'\r');
    let path = Path::new(v);
    let toolchain = if !judged {
        None
    } else if original.is_some() && original_value == Some(v.as_os_str()) {
        original.cloned()
    } else {
        toolchain::inspect_root(path, env)
    };
    // A toolchain there answers both; else stat (rare: a broken GOROOT).
    let (is_dir, has_pkg_tool) = match (&toolchain, judged) {
        (Some(_), _) => (true, true),
        (None, true) => (path.is_dir(), path.join("pkg").join("tool").is_dir()),
        (None, false) => (false, false),
    };
    GorootFacts {
        setting,
        is_dir,
        has_pkg_tool,
        toolchain,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sys::platform::Platform;

    fn snap(pairs: &[(&str, &str)]) -> EnvSnapshot {
        EnvSnapshot::from_pairs(pairs, "/w", Platform::UNIX)
    }

    fn kinds(f: &crate::go::envfile::GoEnvFile) -> Vec<(usize, &'static str)> {
        f.issues.iter().map(|i| (i.line, i.kind)).collect()
    }

    #[test]
    #[cfg_attr(
        windows,
        ignore = "models a Unix machine (Platform::UNIX, /-rooted paths); Windows: tests/win_*.rs"
    )]
    fn load_reads_the_file_and_treats_absent_as_none() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("env");
        let e = snap(&[("GOENV", file.to_str().unwrap())]);
        assert!(goenv_file(&e).is_none());
        std::fs::write(&file, b"GOPROXY=direct\nGOPATH=/a:rel\n").unwrap();
        let f = goenv_file(&e).unwrap();
        assert_eq!(f.path, file);
        assert_eq!(f.get("GOPROXY").unwrap(), "direct");
        assert_eq!(kinds(&f), [(2, "gopath-relative-entry")]);
        // A directory where the file should be is unreadable: absent.
        let e = snap(&[("GOENV", dir.path().to_str().unwrap())]);
        assert!(goenv_file(&e).is_none());
    }
}
