//! Facts: what the probe read from the environment and the filesystem,
//! as plain data. Everything downstream (planner, checks, prompt, reports)
//! is a function of these.

pub mod deep;
pub mod explain;
pub(crate) mod gomodel;
pub mod project;
pub mod startup;
pub mod state;
pub mod system;
pub mod toolchain;
pub mod tools;
pub mod vscode;
pub mod winenv;

use crate::go::envfile::GoEnvFile;
use crate::sys::env::EnvSnapshot;
use project::Project;
use state::State;
use std::ffi::OsString;
use std::path::PathBuf;
use toolchain::{GoHit, Toolchain};

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
    pub(crate) installs_scanned: bool,
    /// The `go env -w` file.
    pub goenv_file: Option<GoEnvFile>,
    /// Something is at the `go env -w` file's location (read or not).
    pub(crate) goenv_file_present: bool,
    /// Project files for `env.cwd`.
    pub project: Project,
    /// `$GOROOT` of `env`, inspected (None if unset or not a GOROOT).
    pub(crate) goroot_env: Option<Toolchain>,
    /// Roots named elsewhere, inspected here so the planner need not touch
    /// the filesystem: the config pin's, the override variable's, and what
    /// each version-manager shim on PATH resolves to.
    pub(crate) pinned_roots: Vec<(PathBuf, Option<Toolchain>)>,
    /// GOROOT as Go reads it in the current environment (the environment,
    /// else the `go env -w` file), and what is there.
    pub goroot: Option<GorootFacts>,
    /// Some when running under WSL (at the hook's depth from the
    /// environment only; at the full depth from `/proc` too).
    pub wsl: Option<system::Wsl>,
    /// What the shell told us about its prompt hooks
    /// (`GOENV_HOOK_SHELL_HOOKS`, or doctor's `--hooks`).
    pub hook: Option<startup::HookHint>,
    /// What only doctor, `which` and `toolchains` read ([`Depth::Full`]);
    /// empty at the hook's depth.
    pub full: Full,
    /// The toolchain decision: the model's questions answered, and its
    /// answer for the current directory ([`gomodel::decision`] for any
    /// view).
    pub(crate) gomodel: gomodel::GoModel,
}

/// Facts read at [`Depth::Full`] only.
#[derive(Clone, Debug, Default)]
pub struct Full {
    /// goenv-hook's config file as it could not be used (doctor runs on
    /// with the defaults and reports it).
    pub config_error: Option<crate::config::ConfigError>,
    /// Whether these were read (false at the hook's depth).
    pub read: bool,
    /// `go` hits on the current PATH, when it differs from the original one
    /// (goenv-hook active); None: the same as [`Facts::hits`].
    pub(crate) current_hits: Option<Vec<GoHit>>,
    /// `$GOROOT/go.env` of the roots that matter (the running toolchain's,
    /// GOROOT's), parsed; a root whose file could not be read is absent.
    pub(crate) go_env: Vec<(PathBuf, GoEnvFile)>,
    /// The mount table (None: not read, or not Linux).
    pub mounts: Option<Vec<system::Mount>>,
    /// The start-up file analysis for the shell fixes are written for.
    pub startup: Option<startup::StartupReport>,
    /// Indexes of current PATH entries that do not exist (absolute entries
    /// only; entries on network mounts are never stat'ed).
    pub(crate) missing_path_entries: Vec<usize>,
    /// Go directories (GOMODCACHE, GOPATH entries) with symlinks resolved
    /// through their longest existing ancestor, for the mount checks.
    pub(crate) resolved_dirs: Vec<(PathBuf, PathBuf)>,
    /// The nearest VS Code workspace settings, read.
    pub vscode: Option<vscode::VsCode>,
    /// `doctor --deep`: what the running `go` reported.
    pub deep: Option<deep::DeepFacts>,
    /// Where the prompt hook's fast path keeps its stamp files, or why no
    /// directory will do.
    pub(crate) stamp_dir: Option<Result<PathBuf, Vec<String>>>,
    /// Where `go install` writes, and what is there.
    pub(crate) install_dir: Option<tools::InstallDir>,
    /// Go binaries in GOBIN and the GOPATH entries' `bin`, with their build
    /// info (never run).
    pub tools: Vec<tools::ToolBinary>,
    /// The versions the files of the roots that matter (the running
    /// toolchain's, GOROOT's) name.
    pub(crate) root_builds: Vec<tools::RootBuild>,
    /// PATH entries (current PATH) that belong to a version manager.
    pub(crate) manager_dirs: Vec<tools::ManagerDir>,
    /// The persistent Windows environment (the registry's environment
    /// keys) and what a new terminal gets from it: doctor on Windows only.
    pub persistent: Option<winenv::Persistent>,
}

/// GOROOT as Go reads it, and what the path holds.
#[derive(Clone, Debug)]
pub struct GorootFacts {
    pub setting: crate::go::settings::Setting,
    /// The path is a directory.
    pub is_dir: bool,
    /// It has `pkg/tool` (Go's own test for a GOROOT).
    pub(crate) has_pkg_tool: bool,
    /// The toolchain there (also needs `bin/go`).
    pub toolchain: Option<Toolchain>,
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

/// An environment to judge: the current one ([`View::now`]), or the one
/// goenv-hook is about to make (`plan::Applied`, for the hook's prompt
/// segment). The checks and the prompt read the environment through it.
#[derive(Clone, Copy, Debug)]
pub struct View<'a> {
    pub env: &'a EnvSnapshot,
    /// The `go` binaries on its PATH, in order.
    pub hits: &'a [GoHit],
    /// GOROOT as Go reads it there, and what the path holds.
    pub goroot: Option<&'a GorootFacts>,
}

impl<'a> View<'a> {
    /// The current environment.
    pub fn now(facts: &'a Facts) -> View<'a> {
        View {
            env: &facts.current,
            hits: facts.current_hits(),
            goroot: facts.goroot.as_ref(),
        }
    }

    /// The `go` a shell runs there: the first hit that a shell would
    /// execute (it exists, resolves, and is executable), with or without a
    /// toolchain around it. The one definition: `which` marks it, `doctor
    /// --deep` runs it, the checks and the prompt judge it.
    pub(crate) fn running_go(&self) -> Option<&'a GoHit> {
        self.hits.iter().find(|h| h.problem.is_none())
    }
}

impl Facts {
    /// The `go` hits on the current PATH (goenv-hook's own block included
    /// when it is active). At the hook's depth, with goenv-hook active, the
    /// current PATH was not scanned: the original PATH's hits.
    pub(crate) fn current_hits(&self) -> &[GoHit] {
        self.full.current_hits.as_deref().unwrap_or(&self.hits)
    }

    /// The `go` a shell runs now ([`View::running_go`] of the current
    /// environment).
    pub(crate) fn running_go(&self) -> Option<&GoHit> {
        View::now(self).running_go()
    }

    /// The bottom layers of Go's setting lookup for the toolchain at
    /// `root` (the one `go` uses): built-in before Go 1.21, `$GOROOT/go.env`
    /// since (as read at the full depth; what Go ships there when it was
    /// not read).
    pub(crate) fn go_defaults(
        &self,
        root: Option<&Toolchain>,
    ) -> crate::go::settings::Defaults<'_> {
        use crate::go::settings::Defaults;
        let Some(t) = root else {
            return Defaults::Unknown;
        };
        let go121 = match &t.version {
            Some(v) => v.at_least("1.21"),
            None if t.has_go_env => true,
            None => return Defaults::Unknown,
        };
        if !go121 {
            return Defaults::Builtin;
        }
        if !t.has_go_env {
            return Defaults::GoEnv(None);
        }
        match self.full.go_env.iter().find(|(r, _)| *r == t.root) {
            Some((_, f)) => Defaults::GoEnv(Some(f)),
            None => Defaults::Shipped,
        }
    }
}
