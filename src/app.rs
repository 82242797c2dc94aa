//! Orchestration shared by the CLI and the Nushell plugin: read config and
//! facts, plan, and produce operations. No printing, no exiting.

use crate::config::{Config, ConfigError};
use crate::facts::Depth;
use crate::plan;
use crate::probe;
use crate::shell::targets::Target;
use crate::shell::Op;
use crate::sys::env::EnvSnapshot;
use crate::sys::vars::OVERRIDE_VAR;
use std::ffi::OsString;

pub use crate::sys::vars::{DISABLED_VAR, ERROR_VAR};

mod explain;
mod get;
pub(crate) use get::{
    get_base, get_plan, get_request, got, release_name, resolve, GetError, GetRequest,
};
pub mod shells;
pub use explain::explain;
pub(crate) use explain::ExplainRequest;

/// Exit codes (documented in the README).
pub mod exit {
    pub const OK: i32 = 0;
    pub(crate) const FAILURE: i32 = 1;
    pub(crate) const USAGE: i32 = 64;
    pub(crate) const CONFIG: i32 = 78;
}

pub use crate::plan::Session;

impl Session {
    pub fn new(env: EnvSnapshot, depth: Depth) -> Result<Session, ConfigError> {
        let config = crate::probe::config::load(&env)?;
        Ok(Session::with_config(env, config, depth))
    }

    pub fn with_config(env: EnvSnapshot, config: Config, depth: Depth) -> Session {
        let facts = probe::probe(env, &config, depth, &|f| plan::needs_installs(f, &config));
        let plan = plan::plan(&facts, &config);
        Session {
            config,
            facts,
            plan,
        }
    }

    /// Operations that bring the current environment in line with the plan.
    pub fn apply_ops(&self) -> Vec<Op> {
        let (mut ops, to) = plan::apply(&self.facts, &self.plan);
        // The prompt segment, for prompts that read a variable (no process):
        // the shell as it will be once these operations are applied.
        let applied = plan::applied(&self.facts, &self.plan, to);
        let seg = crate::prompt::segment_of(self, None, applied.view()).text;
        let cur = self.facts.current.get(crate::prompt::VAR);
        if seg.is_empty() {
            if cur.is_some() {
                ops.push(Op::Unset {
                    name: crate::prompt::VAR.into(),
                });
            }
        } else if cur != Some(std::ffi::OsStr::new(&seg)) {
            ops.push(Op::Set {
                name: crate::prompt::VAR.into(),
                value: seg.into(),
            });
        }
        if self.facts.current.get(ERROR_VAR).is_some() {
            ops.push(Op::Unset {
                name: ERROR_VAR.into(),
            });
        }
        ops
    }
}

/// A short, stable fingerprint of a config error (FNV-1a of its text).
pub fn fingerprint(e: &ConfigError) -> String {
    fingerprint_text(&e.to_string())
}

/// [`fingerprint`] of an error's text (the plugin's errors).
pub fn fingerprint_text(text: &str) -> String {
    let mut h: u64 = 0xcbf29ce484222325;
    for b in text.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x100000001b3);
    }
    format!("{h:016x}")
}

/// What the prompt hook prints for `env`: the operations to apply (empty
/// when nothing changed), with at most one warning line (`Op::Warn`), once
/// per distinct config error. With `session` (the shell's pid, passed by the
/// bash, zsh and fish hooks), the operations end with the fast path's
/// bookkeeping: shell-local `__goenv_hook_watch` (paths whose mtime the hook
/// compares, see `probe::watch`) and `__goenv_hook_stamp`.
pub fn hook(env: EnvSnapshot, session: Option<&str>) -> Vec<Op> {
    let read_at = std::time::SystemTime::now();
    if env.get_nonempty(DISABLED_VAR).is_some() {
        return Vec::new();
    }
    // The stamp says "as read at `read_at`" whatever the outcome.
    let stamp = session.and_then(|id| crate::probe::watch::touch_stamp(&env, id, read_at));
    let (mut ops, watched) = match crate::probe::config::load(&env) {
        Ok(config) => {
            let s = Session::with_config(env, config, Depth::Hook);
            let w =
                session.map(|_| crate::probe::watch::watched(&s.facts, s.config.file.is_some()));
            (s.apply_ops(), w)
        }
        Err(e) => {
            let fp = fingerprint(&e);
            let w = session.map(|_| crate::probe::watch::watched_config(&env));
            if env.get(ERROR_VAR).is_some_and(|v| v == fp.as_str()) {
                (Vec::new(), w)
            } else {
                let first = e.to_string().lines().next().unwrap_or_default().to_string();
                (
                    vec![
                        Op::Set { name: ERROR_VAR.into(), value: fp.into() },
                        Op::Warn {
                            message: format!(
                                "goenv-hook: config error, environment left as is (run `goenv-hook doctor`): {first}"
                            ),
                        },
                    ],
                    w,
                )
            }
        }
    };
    if let Some(w) = watched {
        if let Some(stamp) = stamp {
            ops.push(Op::Local {
                name: "__goenv_hook_watch".into(),
                values: w.present.into_iter().map(|p| p.into_os_string()).collect(),
            });
            ops.push(Op::Local {
                name: "__goenv_hook_absent".into(),
                values: w.absent.into_iter().map(|p| p.into_os_string()).collect(),
            });
            ops.push(Op::Local {
                name: "__goenv_hook_stamp".into(),
                values: vec![stamp.into_os_string()],
            });
        }
    }
    ops
}

/// Why `use` refuses a target (nothing changes then).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum UseError {
    /// Neither a version, a directory, nor `default`.
    NotAVersion(String),
    /// A directory that is not a Go toolchain root.
    NotAToolchain(String),
    /// A version no discovered install provides; the installed ones
    /// (`go1.22.12 (/usr/lib/go-1.22)`).
    NotInstalled {
        what: String,
        installed: Vec<String>,
    },
}

impl std::fmt::Display for UseError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            UseError::NotAVersion(w) => write!(
                f,
                "'{w}' is not a Go version; expected e.g. 1.22, 1.22.3, go1.22.3, a toolchain directory (with a /), or `default`"
            ),
            UseError::NotAToolchain(w) => write!(
                f,
                "{w} is not a Go toolchain directory (it needs bin/go and pkg/tool); `goenv-hook toolchains` lists the installed ones"
            ),
            UseError::NotInstalled { what, installed } if installed.is_empty() => write!(
                f,
                "{what} is not installed, and no Go toolchain was found; `goenv-hook toolchains` shows where goenv-hook looks"
            ),
            UseError::NotInstalled { what, installed } => {
                write!(f, "{what} is not installed; installed: {}", installed.join(", "))
            }
        }
    }
}

impl std::error::Error for UseError {}

/// `goenv-hook use`: pin the current shell to a version or root directory
/// (`default` removes the pin) and apply, with the config file's settings.
pub(crate) fn use_ops(
    env: EnvSnapshot,
    what: &str,
) -> Result<Result<Vec<Op>, UseError>, ConfigError> {
    let config = crate::probe::config::load(&env)?;
    Ok(use_ops_with(env, config, what))
}

/// [`use_ops`] with a given config (the Nushell plugin merges its own
/// settings over the file). A directory is pinned as an absolute path (`~`
/// expanded, relative to the current directory), so the pin does not move
/// with `cd`; a version must be installed.
pub fn use_ops_with(mut env: EnvSnapshot, config: Config, what: &str) -> Result<Vec<Op>, UseError> {
    let what = what.trim();
    let pin: Option<OsString> = if what == "default" {
        None
    } else if crate::go::request::looks_like_dir(std::ffi::OsStr::new(what)) {
        let os = std::ffi::OsStr::new(what);
        let p = std::path::PathBuf::from(
            crate::sys::expand::tilde(os, &env)
                .unwrap_or(std::borrow::Cow::Borrowed(os))
                .into_owned(),
        );
        let abs = if p.is_absolute() { p } else { env.cwd.join(p) };
        let abs: std::path::PathBuf = abs
            .components()
            .filter(|c| !matches!(c, std::path::Component::CurDir))
            .collect();
        Some(abs.into_os_string())
    } else if crate::go::request::parse_request_version(what).is_some() {
        Some(OsString::from(what))
    } else {
        return Err(UseError::NotAVersion(what.to_string()));
    };
    let mut pre = Vec::new();
    match &pin {
        None => {
            if env.get(OVERRIDE_VAR).is_some() {
                pre.push(Op::Unset {
                    name: OVERRIDE_VAR.into(),
                });
            }
            env.unset(OVERRIDE_VAR);
        }
        Some(p) => {
            pre.push(Op::Set {
                name: OVERRIDE_VAR.into(),
                value: p.clone(),
            });
            env.set(OVERRIDE_VAR, p.clone());
        }
    }
    if env.get(DISABLED_VAR).is_some() {
        pre.push(Op::Unset {
            name: DISABLED_VAR.into(),
        });
        env.unset(DISABLED_VAR);
    }
    let s = Session::with_config(env, config, Depth::Hook);
    // A directory is inspected by the probe (as every pinned root is).
    if let Some(p) = &pin {
        let dir = std::path::Path::new(p);
        let inspected = s.facts.pinned_roots.iter().find(|(r, _)| r == dir);
        if inspected.is_some_and(|(_, t)| t.is_none()) {
            return Err(UseError::NotAToolchain(what.to_string()));
        }
    }
    if pin.is_some() && (s.plan.rule != plan::Rule::Override || s.plan.unsatisfied) {
        return Err(UseError::NotInstalled {
            what: what.to_string(),
            installed: s
                .facts
                .installs
                .iter()
                .map(|i| match &i.version {
                    Some(v) => format!("go{v} ({})", i.root.display()),
                    None => i.root.display().to_string(),
                })
                .collect(),
        });
    }
    pre.extend(s.apply_ops());
    Ok(pre)
}

/// `goenv-hook exec`: the environment a command runs with in `env.cwd`,
/// the session's operations (what `env` prints and the hook applies)
/// applied to `env`, and the session (for what it selected).
pub(crate) fn exec_env(env: EnvSnapshot) -> Result<(EnvSnapshot, Session), ConfigError> {
    let s = Session::new(env.clone(), Depth::Hook)?;
    let mut out = env;
    plan::apply_to(&mut out, &s.apply_ops());
    Ok((out, s))
}

/// Why `pin` refuses (nothing is written then).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum PinError {
    /// Not a Go version (`pin`) or toolchain name (`pin --toolchain`).
    NotAVersion { what: String, toolchain: bool },
    /// `--toolchain` with no go.mod here or above.
    NoGoMod,
    /// `--toolchain` where a go.work is in use (Go reads its toolchain
    /// line, not go.mod's).
    GoWork(std::path::PathBuf),
    /// A go.mod Go refuses (before the edit, or after it for the Go that
    /// runs here), with Go's errors.
    GoMod {
        path: std::path::PathBuf,
        go: Option<crate::go::gover::GoVersion>,
        errors: String,
    },
}

impl std::fmt::Display for PinError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PinError::NotAVersion { what, toolchain: false } => write!(
                f,
                "'{what}' is not a Go version; expected e.g. 1.22, 1.22.3, go1.22.3, 1.23rc1"
            ),
            PinError::NotAVersion { what, toolchain: true } => write!(
                f,
                "'{what}' is not a Go toolchain name; expected e.g. go1.22.3 or 1.22.3"
            ),
            PinError::NoGoMod => write!(
                f,
                "no go.mod here or in a parent directory: nothing to set a toolchain line in (`go mod init` makes one; `goenv-hook pin VERSION` writes .go-version instead)"
            ),
            PinError::GoWork(p) => write!(
                f,
                "{} is in use: Go reads its toolchain line, not go.mod's; set it with `go work edit -toolchain=NAME`, or run with GOWORK=off to edit go.mod",
                p.display()
            ),
            PinError::GoMod { path, go, errors } => {
                let by = match go {
                    Some(v) => format!("go{v}, selected here,"),
                    None => "Go".to_string(),
                };
                write!(f, "{} left as is: {by} would refuse it:\n{errors}", path.display())
            }
        }
    }
}

impl std::error::Error for PinError {}

/// `pin`'s argument as a version (the one request grammar,
/// [`crate::go::request::parse_request_version`]), `go` prefix dropped:
/// what `.go-version` gets.
pub(crate) fn pin_version(what: &str) -> Result<crate::go::gover::GoVersion, PinError> {
    crate::go::request::parse_request_version(what).ok_or_else(|| PinError::NotAVersion {
        what: what.trim().to_string(),
        toolchain: false,
    })
}

/// `pin --toolchain`'s edit: the file and its new bytes.
#[derive(Clone, Debug)]
pub(crate) struct PinEdit {
    pub path: std::path::PathBuf,
    pub data: Vec<u8>,
    pub toolchain: crate::go::gover::ToolchainName,
}

/// `pin --toolchain`: the go.mod Go reads in `env.cwd` (as the probe read
/// it) and its bytes with the `toolchain` line set
/// ([`crate::go::gomod::set_toolchain`]), checked with the rules of the Go
/// goenv-hook selects here.
pub(crate) fn pin_toolchain(
    env: EnvSnapshot,
    what: &str,
) -> Result<Result<PinEdit, PinError>, ConfigError> {
    use crate::go::gover::{GoVersion, ToolchainName};
    let w = what.trim();
    let Some(name) = ToolchainName::parse(w)
        .or_else(|| GoVersion::parse(w).map(|v| v.toolchain_name()))
        .filter(|n| crate::go::gomod::toolchain_ok(n.as_str().as_bytes()))
    else {
        return Ok(Err(PinError::NotAVersion {
            what: w.to_string(),
            toolchain: true,
        }));
    };
    let s = Session::new(env, Depth::Hook)?;
    let Some(file) = &s.facts.project.go_file else {
        return Ok(Err(PinError::NoGoMod));
    };
    if file.kind == crate::facts::project::Kind::GoWork {
        return Ok(Err(PinError::GoWork(file.path.clone())));
    }
    let go = s.plan.toolchain.as_ref().and_then(|t| t.version.clone());
    let rules = go.as_ref().map_or(crate::go::Rules::Go123, |v| {
        crate::go::Rules::for_version(v.as_str())
    });
    let short = crate::go::decide::short_path(&s.facts.env.cwd, &file.path);
    Ok(
        match crate::go::gomod::set_toolchain(
            crate::go::gomod::Kind::GoMod,
            rules,
            &short,
            &file.data,
            &name,
        ) {
            Ok(data) => Ok(PinEdit {
                path: file.path.clone(),
                data,
                toolchain: name,
            }),
            Err(e) => Err(PinError::GoMod {
                path: file.path.clone(),
                go,
                errors: e.to_string(),
            }),
        },
    )
}

/// `goenv-hook deactivate`: the operations that restore what goenv-hook
/// changed, byte for byte when PATH still holds its block (see
/// `sys::pathlist::decompose`), and remove its own variables. The shell
/// side also removes the hook ([`crate::shell::render_deactivate`]).
pub fn deactivate_ops(env: EnvSnapshot) -> Vec<Op> {
    let mut ops = plan::deactivate_ops(&env);
    for v in [OVERRIDE_VAR, crate::prompt::VAR, ERROR_VAR, DISABLED_VAR] {
        if env.get(v).is_some() {
            ops.push(Op::Unset { name: v.into() });
        }
    }
    ops
}

/// The whole Go environment of a session's plan, for `env github|dockerfile|systemd|dotenv|gitlab`.
pub(crate) fn env_target(s: &Session) -> Target {
    let p = s.facts.env.platform;
    let mut vars: Vec<(String, Option<OsString>)> = Vec::new();
    for (name, v) in &s.plan.vars {
        // A later entry for the same name wins (as in plan::target).
        vars.retain(|(n, _)| n != name);
        vars.push((name.clone(), v.clone()));
    }
    let composed = crate::sys::pathlist::compose(p, &s.facts.path, &s.plan.managed);
    let n = composed.added.len();
    let path: Vec<OsString> = composed.entries[..n].to_vec();
    let full_path = (!path.is_empty()).then(|| p.join_list(&composed.entries));
    Target {
        vars,
        path,
        full_path,
        platform: p,
    }
}

/// `goenv-hook prompt`'s segment: the `go` that runs now. In a shell where
/// goenv-hook is active and its hook has made the environment, judged as
/// the hook made it (no PATH scan); where the environment has moved on
/// since (the hook has not run), the current PATH is scanned so the
/// segment never names another Go than the one that runs.
pub fn prompt_segment(s: Session, format: Option<&str>) -> crate::prompt::Segment {
    if s.facts.state.is_some() {
        let (ops, to) = plan::apply(&s.facts, &s.plan);
        if ops.is_empty() {
            // The hook has made this environment: judge it as it made it.
            let applied = plan::applied(&s.facts, &s.plan, to);
            return crate::prompt::segment_of(&s, format, applied.view());
        }
        // The hook has not (yet) made it: name the go that runs now.
        let mut s = s;
        probe::current_hits(&mut s.facts);
        return crate::prompt::segment(&s, format);
    }
    crate::prompt::segment(&s, format)
}

/// What `doctor` is asked (the CLI's flags; the plugin's defaults).
#[derive(Clone, Debug, Default)]
pub struct DoctorRequest {
    /// Check ids to leave out (`--ignore`).
    pub ignore: Vec<String>,
    /// Warnings fail too (`--strict`).
    pub strict: bool,
    /// The shell whose start-up files are analysed and whose syntax the
    /// fixes use (default: the one in `$SHELL`).
    pub shell: Option<crate::shell::Shell>,
    /// Run the `go` that runs (`--deep`).
    pub deep: bool,
    /// The shell's prompt hooks (`--hooks`; default `GOENV_HOOK_SHELL_HOOKS`).
    pub hooks: Option<String>,
    /// Shows `--deep`'s progress (see `probe::full::Options::progress`).
    pub progress: Option<fn(Option<&str>)>,
    /// Asked by the Nushell plugin: whether a hook in `$env.config.hooks`
    /// applies goenv-hook (the plugin reads it from the engine). The plugin
    /// is set up with `plugin add` and that hook, not with a start-up file
    /// line: start-up files are not analysed.
    pub plugin_hook: Option<crate::facts::startup::HookHint>,
    /// The config file could not be used: doctor runs with the defaults
    /// and reports it (`config-invalid`).
    pub config_error: Option<crate::config::ConfigError>,
}

/// `doctor`: probe everything, plan, run every check, filter, and give the
/// report with its exit code. The one orchestration of the CLI and the
/// Nushell plugin.
pub fn doctor(
    env: EnvSnapshot,
    config: Config,
    req: &DoctorRequest,
) -> Result<crate::report::doctor::Outcome, crate::report::doctor::IgnoreError> {
    let plugin = req.plugin_hook.is_some();
    let opts = crate::probe::full::Options {
        shell: req.shell,
        hook_hint: req.hooks.clone(),
        deep: req.deep,
        progress: req.progress,
        startup: !plugin,
        tools: true,
        mounts: None,
        roots: Default::default(),
    };
    let mut facts = probe::probe_full(env, &config, &opts);
    if let Some(h) = &req.plugin_hook {
        facts.hook = Some(h.clone());
    }
    facts.full.config_error = req.config_error.clone();
    let plan = plan::plan(&facts, &config);
    let s = Session {
        config,
        facts,
        plan,
    };
    crate::report::doctor::run(
        &s,
        &crate::report::doctor::DoctorOptions {
            ignore: req.ignore.clone(),
            strict: req.strict,
            checks: crate::checks::Options {
                prompt: false,
                shell: req.shell,
                front: if plugin {
                    crate::checks::FrontEnd::NuPlugin
                } else {
                    crate::checks::FrontEnd::Cli
                },
            },
        },
    )
}
