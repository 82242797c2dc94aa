//! The doctor's checks (docs/checks.md): pure functions from [`Facts`] plus
//! [`Extra`] to [`Finding`]s. Nothing here runs `go`.
//!
//! # Stable JSON schema of a finding
//!
//! ```json
//! {
//!   "id": "goroot-mismatch",            // one of IDS; never renamed
//!   "severity": "error",                // "error" | "warn" | "info"
//!   "class": "env",                     // "toolchain" | "env" | "project"
//!   "message": "GOROOT=/usr/lib/go-1.21 is go1.21.13 but the active go is go1.22.12",
//!   "fix": "unset GOROOT",              // paste-able or followable; may be ""
//!   "evidence": [                       // zero or more, each tagged by "kind":
//!     {"kind": "var", "name": "GOROOT", "value": "/usr/lib/go-1.21", "source": "env"},
//!     {"kind": "file", "path": "/home/u/.config/go/env", "line": 3},
//!     {"kind": "path-entry", "index": 2, "entry": "/usr/local/go/bin"},
//!     {"kind": "binary", "path": "/usr/bin/go", "version": "1.22.12"},
//!     {"kind": "mount", "path": "/mnt/c/go", "mount_point": "/mnt/c", "fstype": "9p"},
//!     {"kind": "note", "text": "WSL detected by WSL_DISTRO_NAME"}
//!   ]
//! }
//! ```
//! `source` of a variable is `"env"` (process environment) or `"goenv-file"`
//! (the `go env -w` file) or `"default"` (Go's default). `line` and
//! `version` may be `null`. New evidence kinds and new fields may be added;
//! existing ones keep their meaning.

mod ctx;
pub mod deep;
mod env;
mod pin;
mod project_checks;
pub mod startup;
mod toolchain_checks;
mod tools;
mod vscode;

use crate::config::Config;
use crate::facts::toolchain::{GoHit, Toolchain};
use crate::facts::Facts;
use crate::go::envfile::GoEnvFile;
use crate::go::gover::GoVersion;
use crate::plan::Session;
use crate::shell::Shell;
use crate::sys::env::EnvSnapshot;
use crate::sys::platform::bytes;
use serde::Serialize;
use std::ffi::{OsStr, OsString};
use std::path::{Path, PathBuf};

pub use ctx::*;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warn,
    Info,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Class {
    Toolchain,
    Env,
    Project,
}

impl Class {
    /// The exit code an error of this class raises.
    pub fn exit_code(self) -> i32 {
        match self {
            Class::Toolchain => 2,
            Class::Env => 1,
            Class::Project => 3,
        }
    }
}

/// Where a variable's value came from.
pub use crate::go::settings::Source as VarSource;

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Evidence {
    Var {
        name: String,
        value: String,
        source: VarSource,
    },
    File {
        path: String,
        line: Option<usize>,
    },
    PathEntry {
        index: usize,
        entry: String,
    },
    Binary {
        path: String,
        version: Option<String>,
    },
    Mount {
        path: String,
        mount_point: String,
        fstype: String,
    },
    Note {
        text: String,
    },
}

impl Evidence {
    pub fn var(name: &str, value: &OsStr, source: VarSource) -> Evidence {
        Evidence::Var {
            name: name.to_string(),
            value: lossy(value),
            source,
        }
    }
    pub fn file(path: &Path, line: Option<usize>) -> Evidence {
        Evidence::File {
            path: path.to_string_lossy().into_owned(),
            line,
        }
    }
    pub fn entry(index: usize, entry: &OsStr) -> Evidence {
        Evidence::PathEntry {
            index,
            entry: lossy(entry),
        }
    }
    pub fn binary(path: &Path, version: Option<&GoVersion>) -> Evidence {
        Evidence::Binary {
            path: path.to_string_lossy().into_owned(),
            version: version.map(|v| v.to_string()),
        }
    }
    pub fn note(text: impl Into<String>) -> Evidence {
        Evidence::Note { text: text.into() }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Finding {
    pub id: &'static str,
    pub severity: Severity,
    pub class: Class,
    pub message: String,
    pub fix: String,
    pub evidence: Vec<Evidence>,
    /// What the prompt shows for it (`go.mod wants 1.23.0`); empty for
    /// checks the prompt doesn't show.
    #[serde(skip)]
    pub short: String,
}

impl Finding {
    /// The finding with the prompt's short text.
    pub(crate) fn with_short(mut self, short: impl Into<String>) -> Finding {
        self.short = short.into();
        self
    }
}

/// Static facts about one check.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct CheckInfo {
    pub id: &'static str,
    /// The usual severity (a few checks report some cases at a lower one).
    pub severity: Severity,
    pub class: Class,
    /// The prompt shows it (from the facts the hook reads: the same
    /// condition as doctor's, judged on fewer facts).
    pub prompt: bool,
}

const fn c(id: &'static str, severity: Severity, class: Class, prompt: bool) -> CheckInfo {
    CheckInfo {
        id,
        severity,
        class,
        prompt,
    }
}

use Class::{Env as E, Project as P, Toolchain as T};
use Severity::{Error as ERR, Info as INF, Warn as WRN};

/// Every check, in catalogue order.
pub(crate) const CHECKS: &[CheckInfo] = &[
    c("go-not-found", ERR, T, true),
    c("goroot-invalid", ERR, T, true),
    c("go-binary-orphaned", ERR, T, false),
    c("goroot-goenv-missing", WRN, T, false),
    c("goroot-mixed-tree", ERR, T, false),
    c("goroot-mismatch", ERR, E, true),
    c("goroot-other-tree", WRN, E, true),
    c("goroot-unneeded", INF, E, false),
    c("goroot-in-goenv-file", WRN, E, false),
    c("multiple-go-on-path", WRN, E, false),
    c("go-is-shim", INF, E, false),
    c("manager-conflict", WRN, E, false),
    c("gopath-relative", ERR, E, false),
    c("gopath-equals-goroot", WRN, E, false),
    c("gopath-unresolvable", ERR, E, false),
    c("gobin-not-on-path", WRN, E, false),
    c("gobin-relative", ERR, E, false),
    c("gobin-is-file", ERR, E, false),
    c("gobin-inside-goroot", WRN, E, false),
    c("gocache-invalid", ERR, E, false),
    c("path-duplicates", INF, E, false),
    c("path-empty-entry", WRN, E, false),
    c("path-relative-entry", WRN, E, false),
    c("path-nonexistent", INF, E, false),
    c("goenv-file-overridden", WRN, E, false),
    c("goenv-file-malformed", ERR, E, false),
    c("gosumdb-invalid", ERR, E, false),
    c("gosumdb-off-autotoolchain", WRN, E, false),
    c("goproxy-invalid", ERR, E, false),
    c("goprivate-suspicious", WRN, E, false),
    c("goflags-invalid", ERR, E, false),
    c("go111module-invalid", ERR, E, false),
    c("go111module-off-with-gomod", WRN, E, false),
    c("gotoolchain-invalid", ERR, E, false),
    c("gotoolchain-pin-stale", WRN, E, false),
    c("goarch-var-invalid", ERR, E, false),
    c("wsl-windows-go-on-path", WRN, E, false),
    c("modcache-on-nonlocking-fs", WRN, E, false),
    c("gopath-nonascii-or-space", INF, E, false),
    // Windows: the persistent environment (the registry), doctor only.
    c("win-machine-go-shadows-user-go", WRN, E, false),
    c("win-persistent-go-var-disagrees", WRN, E, false),
    c("win-persistent-var-unexpanded", WRN, E, false),
    c("win-persistent-path-too-long", WRN, E, false),
    c("win-terminal-path-stale", WRN, E, false),
    c("init-not-in-startup", WRN, E, false),
    c("init-in-wrong-file", WRN, E, false),
    c("init-evaluated-twice", INF, E, false),
    c("hook-not-installed", WRN, E, false),
    c("prompt-command-exported", WRN, E, false),
    c("hook-fast-path-unavailable", INF, E, false),
    c("config-invalid", ERR, E, false),
    c("vscode-settings-mismatch", WRN, E, false),
    c("vscode-effective-go", WRN, E, false),
    c("version-vs-gomod", ERR, P, true),
    c("toolchain-switch-pending", INF, P, true),
    c("gomod-too-new-for-old-go", ERR, P, true),
    c("project-toolchain-not-installed", WRN, P, true),
    c("go-version-file-invalid", WRN, P, true),
    c("gomod-invalid", ERR, P, true),
    c("tool-built-with-older-go", WRN, P, false),
    // `doctor --deep` only (they run `go`; never at the prompt).
    c("deep-go-env-disagrees", WRN, E, false),
    c("deep-build-failed", ERR, T, false),
];

/// Every check id (the public contract; valid values for `--ignore` and
/// the config's `[doctor] ignore`), in catalogue order: the ids of [`CHECKS`].
pub const IDS: &[&str] = &{
    let mut ids = [""; CHECKS.len()];
    let mut i = 0;
    while i < ids.len() {
        ids[i] = CHECKS[i].id;
        i += 1;
    }
    ids
};

/// The static description of a check id.
pub fn info(id: &str) -> Option<&'static CheckInfo> {
    CHECKS.iter().find(|c| c.id == id)
}

/// The front end the findings are written for.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum FrontEnd {
    /// The `goenv-hook` command (set up by `goenv-hook init` in a start-up
    /// file).
    #[default]
    Cli,
    /// The Nushell plugin (set up by `plugin add` and a hook in config.nu
    /// running `goenv activate`).
    NuPlugin,
}

impl FrontEnd {
    /// What sets the environment up, as a fix names it.
    pub fn activation(self) -> &'static str {
        match self {
            FrontEnd::Cli => "goenv-hook init",
            FrontEnd::NuPlugin => "goenv activate",
        }
    }
}

/// Options for one run of the checks.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// Only the checks the prompt shows (marked `prompt`).
    pub prompt: bool,
    /// Who asks: the fixes name what that front end's users run.
    pub front: FrontEnd,
    /// The shell fixes are written for; None: the shell named by `$SHELL`
    /// (on Windows: cmd, or PowerShell when `PSModulePath` shows one), else
    /// POSIX sh.
    pub shell: Option<Shell>,
}

pub(crate) use crate::facts::View;

/// Runs every check (or only the prompt's) over a session's facts and
/// plan, judging the current environment, and returns the findings,
/// errors first, then warnings, then infos, each in catalogue order. Pure:
/// reads nothing but `s`. Ignoring ids is done by [`filter_ignored`].
/// Never panics.
pub fn run(s: &Session, opts: &Options) -> Vec<Finding> {
    run_view(s, opts, View::now(&s.facts))
}

/// [`run`] judging `view`.
pub(crate) fn run_view(s: &Session, opts: &Options, view: View<'_>) -> Vec<Finding> {
    let facts = &s.facts;
    let opts = &Options {
        prompt: opts.prompt,
        front: opts.front,
        shell: opts
            .shell
            .or(facts.full.startup.as_ref().map(|r| r.shell))
            .or_else(|| crate::shell::shell_from_env(&facts.current)),
    };
    let ctx = Ctx::new(s, opts, view);
    let mut out = Vec::new();
    if opts.prompt {
        // The prompt's checks only (it runs at every prompt).
        toolchain_checks::go_not_found(&ctx, &mut out);
        toolchain_checks::goroot_invalid(&ctx, &mut out);
        env::goroot_vs_active(&ctx, &mut out);
        project_checks::run(&ctx, &mut out);
        out.retain(|f| info(f.id).is_some_and(|c| c.prompt));
    } else {
        toolchain_checks::run(&ctx, &mut out);
        env::run(&ctx, &mut out);
        pin::gotoolchain_pin_stale(&ctx, &mut out);
        tools::run(&ctx, &mut out);
        if let Some(st) = &facts.full.startup {
            out.extend(startup::findings(st, opts.shell));
        }
        if let Some(h) = &facts.hook {
            out.extend(startup::hook_findings(h, &facts.current, opts.front));
        } else {
            out.extend(startup::hook_stopped(s, opts));
        }
        out.extend(startup::prompt_command_exported(s, opts.shell));
        out.extend(startup::fast_path(s));
        out.extend(startup::config_invalid(s));
        vscode::run(&ctx, &mut out);
        project_checks::run(&ctx, &mut out);
        if let Some(d) = &facts.full.deep {
            out.extend(deep::findings(facts, d));
        }
    }
    sort(&mut out);
    out
}

/// Orders findings by severity, then catalogue order (stable otherwise).
pub fn sort(findings: &mut [Finding]) {
    let pos = |id: &str| IDS.iter().position(|i| *i == id).unwrap_or(IDS.len());
    findings.sort_by_key(|f| (f.severity, pos(f.id)));
}

/// The ids in `ignore` that are not check ids (a usage error for `--ignore`,
/// a config error for `[doctor] ignore`).
pub(crate) fn unknown_ids(ignore: &[String]) -> Vec<&str> {
    ignore
        .iter()
        .map(String::as_str)
        .filter(|i| !IDS.contains(i))
        .collect()
}

/// Drops findings whose id is in `ignore` (command line) or in the config's
/// `doctor_ignore`.
pub fn filter_ignored(findings: Vec<Finding>, ignore: &[String], config: &Config) -> Vec<Finding> {
    findings
        .into_iter()
        .filter(|f| {
            !ignore.iter().any(|i| i == f.id) && !config.doctor_ignore.iter().any(|i| i == f.id)
        })
        .collect()
}

/// The exit code of `goenv-hook doctor` for these (already filtered)
/// findings: 0 when no error; else by the classes with errors, the first of
/// 2 (toolchain), 1 (env), 3 (project). With `strict`, warnings count as
/// errors of their class. (64 usage and 78 invalid config are main's.)
pub fn exit_code(findings: &[Finding], strict: bool) -> i32 {
    let failing = |class: Class| {
        findings.iter().any(|f| {
            f.class == class
                && (f.severity == Severity::Error || (strict && f.severity == Severity::Warn))
        })
    };
    for class in [Class::Toolchain, Class::Env, Class::Project] {
        if failing(class) {
            return class.exit_code();
        }
    }
    0
}

#[cfg(test)]
pub(crate) mod testutil;

#[cfg(test)]
pub(crate) mod tests;
