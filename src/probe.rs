//! The probe: reads the environment and the filesystem once into plain facts.
//! Everything after it (the planner, the checks, the renderers) is pure.

use crate::config::{Config, ToolchainPin};
use crate::env::EnvSnapshot;
use crate::goenvfile::{self, GoEnvFile};
use crate::project::{self, Project};
use crate::state::State;
use crate::toolchain::{self, GoHit, Toolchain};
use std::ffi::OsString;
use std::path::{Path, PathBuf};

/// The variable for one-off overrides: a version or a root directory.
pub const OVERRIDE_VAR: &str = "GOENV_HOOK_GO";

#[derive(Clone, Debug)]
pub struct Facts {
    /// The environment as it is now.
    pub current: EnvSnapshot,
    /// goenv-hook's record of what it did, if any.
    pub state: Option<State>,
    /// The environment before goenv-hook touched it (= `current` without state).
    pub env: EnvSnapshot,
    /// PATH entries of `env`.
    pub path: Vec<OsString>,
    /// Every `go` on `path`, in order.
    pub hits: Vec<GoHit>,
    /// Installs found in the known locations; only scanned when needed
    /// (`installs_scanned`), since it costs a few dozen stats.
    pub installs: Vec<Toolchain>,
    pub installs_scanned: bool,
    /// The `go env -w` file.
    pub goenv_file: Option<GoEnvFile>,
    /// Project files for `env.cwd`.
    pub project: Project,
    /// `$GOROOT` of `env`, inspected (None if unset or not a GOROOT).
    pub goroot_env: Option<Toolchain>,
    /// Roots named elsewhere, inspected here so the planner need not touch
    /// the filesystem: the config pin's, the override variable's, and what
    /// each version-manager shim on PATH resolves to.
    pub pinned_roots: Vec<(PathBuf, Option<Toolchain>)>,
}

/// How much of the filesystem to read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Depth {
    /// What the hook and `env` need: installs only when a request or a
    /// missing `go` makes them necessary.
    Hook,
    /// Everything (doctor, toolchains).
    Full,
}

pub fn probe(current: EnvSnapshot, config: &Config, depth: Depth) -> Facts {
    let state = State::from_env(&current);
    let (env, path) = match &state {
        Some(s) => s.unapply_with_path(&current),
        None => (current.clone(), current.path_entries()),
    };
    let hits = match depth {
        Depth::Hook => toolchain::find_first_go(&path, &env),
        Depth::Full => toolchain::find_go_on_path(&path, &env),
    };
    let goenv_file = goenvfile::load(&env);
    let goroot_env = env
        .get_nonempty("GOROOT")
        .and_then(|g| toolchain::inspect_root(Path::new(g), &env));
    let active_root = toolchain::active(&hits)
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

    // Discovering installs costs a few dozen stats and reads: only when no
    // `go` is on PATH, or the first request is one the default can't meet.
    let default = toolchain::active(&hits).and_then(|h| h.toolchain.as_ref());
    let first = crate::plan::requests_from(&env, &project, config)
        .into_iter()
        .next();
    let needs_installs = depth == Depth::Full
        || default.is_none()
        || first.as_ref().is_some_and(|r| {
            matches!(r.want, crate::plan::Want::Version(_))
                && !crate::plan::default_suffices(r, default)
        });
    let installs = if needs_installs {
        let modcache = crate::plan::gomodcache(&env, goenv_file.as_ref());
        match depth {
            Depth::Hook => toolchain::discover_installs_quick(&env, modcache.as_deref()),
            Depth::Full => toolchain::discover_installs(&env, modcache.as_deref()),
        }
    } else {
        Vec::new()
    };

    Facts {
        current,
        state,
        env,
        path,
        hits,
        installs,
        installs_scanned: needs_installs,
        goenv_file,
        project,
        goroot_env,
        pinned_roots,
    }
}

/// A request value names a directory rather than a version.
pub fn looks_like_dir(v: &std::ffi::OsStr) -> bool {
    let b = crate::platform::bytes(v);
    b.contains(&b'/') || b.contains(&b'\\') || b.starts_with(b"~") || b.starts_with(b".")
}

/// Two paths name the same directory (following symlinks when they exist).
pub fn same_dir(a: &Path, b: &Path) -> bool {
    if a == b {
        return true;
    }
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(x), Ok(y)) => x == y,
        _ => false,
    }
}
