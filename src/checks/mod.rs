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

mod env_checks;
pub mod extra;
mod project_checks;
mod toolchain_checks;
pub mod validate;
mod vscode;

pub use extra::Extra;

use crate::config::Config;
use crate::env::EnvSnapshot;
use crate::goenvfile::GoEnvFile;
use crate::platform::bytes;
use crate::probe::Facts;
use crate::shell::Shell;
use crate::toolchain::{GoHit, Toolchain};
use crate::version::GoVersion;
use serde::Serialize;
use std::ffi::{OsStr, OsString};
use std::path::{Path, PathBuf};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warn,
    Info,
}

impl Severity {
    pub fn name(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warn => "warn",
            Severity::Info => "info",
        }
    }
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
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum VarSource {
    Env,
    GoenvFile,
    Default,
}

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
}

/// Static facts about one check.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct CheckInfo {
    pub id: &'static str,
    /// The usual severity (a few checks report some cases at a lower one).
    pub severity: Severity,
    pub class: Class,
    /// Safe for the prompt: reads no start-up file and no mount table, and
    /// stats nothing that may sit on a network mount.
    pub cheap: bool,
}

const fn c(id: &'static str, severity: Severity, class: Class, cheap: bool) -> CheckInfo {
    CheckInfo {
        id,
        severity,
        class,
        cheap,
    }
}

use Class::{Env as E, Project as P, Toolchain as T};
use Severity::{Error as ERR, Info as INF, Warn as WRN};

/// Every check, in catalogue order.
pub const CHECKS: &[CheckInfo] = &[
    c("go-not-found", ERR, T, true),
    c("goroot-invalid", ERR, T, true),
    c("go-binary-orphaned", ERR, T, true),
    c("goroot-goenv-missing", WRN, T, true),
    c("goroot-mismatch", ERR, E, true),
    c("goroot-other-tree", WRN, E, true),
    c("goroot-unneeded", INF, E, true),
    c("goroot-in-goenv-file", WRN, E, true),
    c("multiple-go-on-path", WRN, E, true),
    c("go-is-shim", INF, E, true),
    c("gopath-relative", ERR, E, true),
    c("gopath-equals-goroot", WRN, E, true),
    c("gopath-unresolvable", ERR, E, true),
    c("gobin-not-on-path", WRN, E, true),
    c("gobin-relative", ERR, E, true),
    c("gocache-invalid", ERR, E, true),
    c("path-duplicates", INF, E, true),
    c("path-empty-entry", WRN, E, true),
    c("path-relative-entry", WRN, E, true),
    c("path-nonexistent", INF, E, false),
    c("goenv-file-overridden", WRN, E, true),
    c("goenv-file-malformed", ERR, E, true),
    c("gosumdb-invalid", ERR, E, true),
    c("gosumdb-off-autotoolchain", WRN, E, true),
    c("goproxy-invalid", ERR, E, true),
    c("goprivate-suspicious", WRN, E, true),
    c("goflags-invalid", ERR, E, true),
    c("go111module-invalid", ERR, E, true),
    c("go111module-off-with-gomod", WRN, E, true),
    c("gotoolchain-invalid", ERR, E, true),
    c("goarch-var-invalid", ERR, E, true),
    c("wsl-windows-go-on-path", WRN, E, true),
    c("modcache-on-nonlocking-fs", WRN, E, false),
    c("gopath-nonascii-or-space", INF, E, true),
    c("init-not-in-startup", WRN, E, false),
    c("init-in-wrong-file", WRN, E, false),
    c("init-evaluated-twice", INF, E, false),
    c("hook-not-installed", WRN, E, true),
    c("vscode-settings-mismatch", WRN, E, false),
    c("version-vs-gomod", ERR, P, true),
    c("toolchain-switch-pending", INF, P, true),
    c("gomod-too-new-for-old-go", ERR, P, true),
    c("project-toolchain-not-installed", WRN, P, true),
    c("go-version-file-invalid", WRN, P, true),
    // `doctor --deep` only (they run `go`; never at the prompt).
    c("deep-go-env-disagrees", WRN, E, false),
    c("deep-build-failed", ERR, T, false),
];

/// Every check id (the public contract; valid values for `--ignore` and
/// the config's `[doctor] ignore`).
pub const IDS: &[&str] = &[
    "go-not-found",
    "goroot-invalid",
    "go-binary-orphaned",
    "goroot-goenv-missing",
    "goroot-mismatch",
    "goroot-other-tree",
    "goroot-unneeded",
    "goroot-in-goenv-file",
    "multiple-go-on-path",
    "go-is-shim",
    "gopath-relative",
    "gopath-equals-goroot",
    "gopath-unresolvable",
    "gobin-not-on-path",
    "gobin-relative",
    "gocache-invalid",
    "path-duplicates",
    "path-empty-entry",
    "path-relative-entry",
    "path-nonexistent",
    "goenv-file-overridden",
    "goenv-file-malformed",
    "gosumdb-invalid",
    "gosumdb-off-autotoolchain",
    "goproxy-invalid",
    "goprivate-suspicious",
    "goflags-invalid",
    "go111module-invalid",
    "go111module-off-with-gomod",
    "gotoolchain-invalid",
    "goarch-var-invalid",
    "wsl-windows-go-on-path",
    "modcache-on-nonlocking-fs",
    "gopath-nonascii-or-space",
    "init-not-in-startup",
    "init-in-wrong-file",
    "init-evaluated-twice",
    "hook-not-installed",
    "vscode-settings-mismatch",
    "version-vs-gomod",
    "toolchain-switch-pending",
    "gomod-too-new-for-old-go",
    "project-toolchain-not-installed",
    "go-version-file-invalid",
    "deep-go-env-disagrees",
    "deep-build-failed",
];

/// The static description of a check id.
pub fn info(id: &str) -> Option<&'static CheckInfo> {
    CHECKS.iter().find(|c| c.id == id)
}

/// Options for one run of the checks.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// Only the checks marked `cheap` (the prompt).
    pub cheap_only: bool,
    /// The shell fixes are written for; None: the shell named by `$SHELL`
    /// (PowerShell on Windows when `PSModulePath` is set), else POSIX sh.
    pub shell: Option<Shell>,
}

/// Runs every check (or only the cheap ones) and returns the findings,
/// errors first, then warnings, then infos, each in catalogue order.
/// Ignoring ids is done by [`filter_ignored`]. Never panics.
///
/// `--deep` hook point: findings from `go env -json` (run by main) can be
/// appended to the result before filtering and rendering.
pub fn run(facts: &Facts, extra: &Extra, config: &Config, opts: &Options) -> Vec<Finding> {
    let opts = &Options {
        cheap_only: opts.cheap_only,
        shell: opts
            .shell
            .or_else(|| crate::startup::shell_from_env(&facts.current)),
    };
    let ctx = Ctx::new(facts, extra, config, opts);
    let mut out = Vec::new();
    toolchain_checks::run(&ctx, &mut out);
    env_checks::run(&ctx, &mut out);
    if let Some(st) = &extra.startup {
        if !opts.cheap_only {
            out.extend(crate::startup::findings(st, opts.shell));
        }
    }
    if let Some(h) = &extra.hook {
        out.extend(crate::startup::hook_findings(h, &facts.current));
    }
    vscode::run(&ctx, &mut out);
    project_checks::run(&ctx, &mut out);
    if opts.cheap_only {
        out.retain(|f| info(f.id).is_some_and(|c| c.cheap));
    }
    sort(&mut out);
    out
}

/// The prompt's checks: only the cheap ones, with extra facts gathered
/// cheaply (WSL from variables only; no mount table, no start-up files).
/// `shell` is the shell fixes are written for.
pub fn run_cheap(facts: &Facts, config: &Config, shell: Option<Shell>) -> Vec<Finding> {
    let extra = extra::probe(
        facts,
        &extra::Roots::default(),
        &extra::ProbeOptions {
            cheap: true,
            shell,
            hook_hint: None,
        },
    );
    run(
        facts,
        &extra,
        config,
        &Options {
            cheap_only: true,
            shell,
        },
    )
}

/// Orders findings by severity, then catalogue order (stable otherwise).
pub fn sort(findings: &mut [Finding]) {
    let pos = |id: &str| IDS.iter().position(|i| *i == id).unwrap_or(IDS.len());
    findings.sort_by_key(|f| (f.severity, pos(f.id)));
}

/// The ids in `ignore` that are not check ids (a usage error for `--ignore`,
/// a config error for `[doctor] ignore`).
pub fn unknown_ids(ignore: &[String]) -> Vec<&str> {
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

// ---------------------------------------------------------------------------
// Shared context and helpers for the check modules.

/// The active `go`: the first hit on PATH a shell would run.
pub(crate) struct Active<'a> {
    pub hit: &'a GoHit,
    /// Its toolchain, or the toolchain its shim resolves to.
    pub toolchain: Option<Toolchain>,
}

/// A Go setting as Go resolves it (env, then the `go env -w` file).
#[derive(Clone, Debug)]
pub(crate) struct Setting {
    pub value: OsString,
    pub source: VarSource,
    pub line: Option<usize>,
}

pub(crate) struct Ctx<'a> {
    pub facts: &'a Facts,
    pub extra: &'a Extra,
    pub config: &'a Config,
    pub opts: &'a Options,
    /// The environment being diagnosed (the current one).
    pub env: &'a EnvSnapshot,
    pub file: Option<&'a GoEnvFile>,
    /// PATH entries of `env`.
    pub path: Vec<OsString>,
    /// `go` hits on `path`.
    pub hits: &'a [GoHit],
    pub active: Option<Active<'a>>,
    /// GOROOT as Go reads it (env, else file), and the toolchain there.
    pub goroot: Option<Setting>,
    pub goroot_tc: Option<Toolchain>,
}

impl<'a> Ctx<'a> {
    fn new(facts: &'a Facts, extra: &'a Extra, config: &'a Config, opts: &'a Options) -> Ctx<'a> {
        let env = &facts.current;
        let file = facts.goenv_file.as_ref();
        let hits: &[GoHit] = extra.current_hits.as_deref().unwrap_or(&facts.hits);
        let active = hits.iter().find(|h| h.problem.is_none()).map(|hit| {
            let toolchain = hit.toolchain.clone().or_else(|| {
                hit.shim
                    .as_ref()
                    .and_then(|s| s.resolves_to.as_ref())
                    .and_then(|r| crate::toolchain::inspect_root(r, env))
            });
            Active { hit, toolchain }
        });
        let goroot = setting(env, file, "GOROOT");
        let goroot_tc = goroot.as_ref().and_then(|g| {
            let same_as_probe = facts.env.get_nonempty("GOROOT") == Some(g.value.as_os_str());
            if same_as_probe && facts.goroot_env.is_some() {
                facts.goroot_env.clone()
            } else if env.platform.is_absolute(&g.value) {
                crate::toolchain::inspect_root(Path::new(&g.value), env)
            } else {
                None
            }
        });
        Ctx {
            facts,
            extra,
            config,
            opts,
            env,
            file,
            path: env.path_entries(),
            hits,
            active,
            goroot,
            goroot_tc,
        }
    }

    pub fn setting(&self, key: &str) -> Option<Setting> {
        setting(self.env, self.file, key)
    }

    /// The active toolchain (the binary `go` runs).
    pub fn active_tc(&self) -> Option<&Toolchain> {
        self.active.as_ref().and_then(|a| a.toolchain.as_ref())
    }

    pub fn active_version(&self) -> Option<&GoVersion> {
        self.active_tc().and_then(|t| t.version.as_ref())
    }

    /// The GOROOT `go` uses: the setting if it names a toolchain, else the
    /// active toolchain's root.
    pub fn effective_root(&self) -> Option<&Toolchain> {
        self.goroot_tc.as_ref().or_else(|| self.active_tc())
    }

    /// A setting's value with `$GOROOT/go.env` defaults applied.
    pub fn with_default(&self, key: &str) -> Option<Setting> {
        self.setting(key).or_else(|| {
            let root = self.effective_root()?;
            if !root.has_go_env {
                return None;
            }
            // A key in the `go env -w` file hides go.env's value even when
            // empty (`go env -w GOTOOLCHAIN=`): Go then sees it empty.
            if let Some(e) = self
                .file
                .and_then(|f| f.entries.iter().rev().find(|e| e.key == key))
            {
                return Some(Setting {
                    value: OsString::new(),
                    source: VarSource::GoenvFile,
                    line: Some(e.line),
                });
            }
            // What the toolchain's own go.env says (a distribution may edit
            // it); what Go ships there if it can't be read.
            let path = root.root.join("go.env");
            if let Ok(bytes) = std::fs::read(&path) {
                let f = crate::goenvfile::parse_for(&path, &bytes, self.env.platform);
                return f.get(key).map(|v| Setting {
                    value: v.to_os_string(),
                    source: VarSource::Default,
                    line: None,
                });
            }
            let v = match key {
                "GOPROXY" => "https://proxy.golang.org,direct",
                "GOSUMDB" => "sum.golang.org",
                "GOTOOLCHAIN" => "auto",
                _ => return None,
            };
            Some(Setting {
                value: v.into(),
                source: VarSource::Default,
                line: None,
            })
        })
    }

    /// Evidence for a setting.
    pub fn ev(&self, key: &str, s: &Setting) -> Vec<Evidence> {
        let mut v = vec![Evidence::var(key, &s.value, s.source)];
        if s.source == VarSource::GoenvFile {
            if let Some(f) = self.file {
                v.push(Evidence::file(&f.path, s.line));
            }
        }
        v
    }

    /// How to unset a setting, in the user's shell or with `go env -u`.
    pub fn unset_fix(&self, key: &str, s: &Setting) -> String {
        match s.source {
            VarSource::GoenvFile => format!("go env -u {key}"),
            _ => format!(
                "{} (and remove it from your shell's start-up files)",
                unset_cmd(self.opts.shell, key)
            ),
        }
    }

    pub fn set_fix(&self, key: &str, value: &str, s: Option<&Setting>) -> String {
        match s.map(|s| s.source) {
            Some(VarSource::GoenvFile) => go_env_w_cmd(self.opts.shell, key, value),
            _ => set_cmd(self.opts.shell, key, value),
        }
    }

    pub fn lossy(&self, v: &OsStr) -> String {
        lossy(v)
    }
}

pub(crate) fn setting(env: &EnvSnapshot, file: Option<&GoEnvFile>, key: &str) -> Option<Setting> {
    if let Some(v) = env.get_nonempty(key) {
        return Some(Setting {
            value: v.to_os_string(),
            source: VarSource::Env,
            line: None,
        });
    }
    let f = file?;
    let e = f.entries.iter().rev().find(|e| e.key == key)?;
    if e.value.is_empty() {
        return None;
    }
    Some(Setting {
        value: e.value.clone(),
        source: VarSource::GoenvFile,
        line: Some(e.line),
    })
}

pub(crate) fn lossy(v: &OsStr) -> String {
    String::from_utf8_lossy(&bytes(v)).into_owned()
}

pub(crate) fn path_lossy(p: &Path) -> String {
    p.to_string_lossy().into_owned()
}

/// `s` as one word for POSIX sh (for commands that exist only there, such as
/// `ln` and `sed`): [`crate::shell::quote_word`], bare when it is a plain word.
pub(crate) fn sh_quote(s: &str) -> String {
    crate::shell::quote_word(Shell::Posix, s)
}

/// `s` as one word in the user's shell (POSIX sh when unknown): the shell's
/// one escaper, through [`crate::shell::quote_word`].
pub(crate) fn shell_word(shell: Option<Shell>, s: &str) -> String {
    crate::shell::quote_word(shell.unwrap_or(Shell::Posix), s)
}

/// `unset NAME` in the given shell.
pub fn unset_cmd(shell: Option<Shell>, name: &str) -> String {
    match shell {
        Some(Shell::Fish) => format!("set -e {name}"),
        Some(Shell::Nu) => format!("hide-env {name}"),
        Some(Shell::Pwsh) => format!("Remove-Item Env:{name}"),
        Some(Shell::Cmd) => format!("set {name}="),
        _ => format!("unset {name}"),
    }
}

/// `export NAME=value` in the given shell.
pub fn set_cmd(shell: Option<Shell>, name: &str, value: &str) -> String {
    match shell {
        Some(Shell::Fish) => format!("set -gx {name} {}", shell_word(shell, value)),
        Some(Shell::Nu) => format!("$env.{name} = {}", shell_word(shell, value)),
        Some(Shell::Pwsh) => format!("$env:{name} = {}", shell_word(shell, value)),
        Some(Shell::Cmd) => format!("set \"{name}={value}\""),
        _ => format!("export {name}={}", shell_word(shell, value)),
    }
}

/// `go env -w NAME=value` in the given shell. POSIX shells and fish join
/// `NAME=` and the quoted value into one word; PowerShell and Nushell
/// quote the whole `NAME=value` argument (a quote inside a bare word is
/// literal in Nushell).
pub fn go_env_w_cmd(shell: Option<Shell>, name: &str, value: &str) -> String {
    match shell {
        Some(Shell::Nu) | Some(Shell::Pwsh) => {
            format!(
                "go env -w {}",
                shell_word(shell, &format!("{name}={value}"))
            )
        }
        _ => format!("go env -w {name}={}", shell_word(shell, value)),
    }
}

/// Puts `dir` in front of PATH, in the given shell.
pub fn path_prepend_cmd(shell: Option<Shell>, dir: &str) -> String {
    match shell {
        Some(Shell::Fish) => format!("fish_add_path {}", shell_word(shell, dir)),
        Some(Shell::Nu) => format!(
            "$env.PATH = ($env.PATH | prepend {})",
            shell_word(shell, dir)
        ),
        Some(Shell::Pwsh) => format!(
            "$env:PATH = {} + [IO.Path]::PathSeparator + $env:PATH",
            shell_word(shell, dir)
        ),
        Some(Shell::Cmd) => format!("set \"PATH={dir};%PATH%\""),
        _ => {
            let q = shell_word(shell, dir);
            if q.starts_with('\'') {
                format!("export PATH={q}\":$PATH\"")
            } else {
                format!("export PATH=\"{dir}:$PATH\"")
            }
        }
    }
}

/// `go1.22.3` for a version.
pub(crate) fn gov(v: &GoVersion) -> String {
    format!("go{v}")
}

pub(crate) fn opt_gov(v: Option<&GoVersion>) -> String {
    v.map(gov).unwrap_or_else(|| "an unknown version".into())
}

/// `root/bin` with the platform separator.
pub(crate) fn bin_of(env: &EnvSnapshot, root: &Path) -> String {
    lossy(&env.platform.join(root.as_os_str(), "bin"))
}

pub(crate) fn finding(
    id: &'static str,
    message: String,
    fix: String,
    evidence: Vec<Evidence>,
) -> Finding {
    let i = info(id);
    Finding {
        id,
        severity: i.map(|c| c.severity).unwrap_or(Severity::Warn),
        class: i.map(|c| c.class).unwrap_or(Class::Env),
        message,
        fix,
        evidence,
    }
}

pub(crate) fn with_severity(mut f: Finding, s: Severity) -> Finding {
    f.severity = s;
    f
}

pub(crate) fn pathbuf(v: &OsStr) -> PathBuf {
    PathBuf::from(v)
}

#[cfg(test)]
pub(crate) mod testutil;

#[cfg(test)]
mod tests;
