//! Orchestration shared by the CLI and the Nushell plugin: read config and
//! facts, plan, and produce operations. No printing, no exiting.

use crate::config::{self, Config, ConfigError};
use crate::env::EnvSnapshot;
use crate::plan::{self, Plan};
use crate::probe::{self, Depth, Facts, OVERRIDE_VAR};
use crate::shell::Op;
use std::ffi::OsString;

/// Marks that the config error with this fingerprint was already reported,
/// so the hook warns once, not at every prompt.
pub const ERROR_VAR: &str = "GOENV_HOOK_ERROR";
/// Set by `deactivate`: the hook then does nothing until `use`/`activate`.
pub const DISABLED_VAR: &str = "GOENV_HOOK_DISABLED";

/// Exit codes (documented in the README).
pub mod exit {
    pub const OK: i32 = 0;
    pub const FAILURE: i32 = 1;
    pub const USAGE: i32 = 64;
    pub const CONFIG: i32 = 78;
}

/// Everything computed for one environment.
pub struct Session {
    pub config: Config,
    pub facts: Facts,
    pub plan: Plan,
}

impl Session {
    pub fn new(env: EnvSnapshot, depth: Depth) -> Result<Session, ConfigError> {
        let config = config::load(&env)?;
        Ok(Session::with_config(env, config, depth))
    }

    pub fn with_config(env: EnvSnapshot, config: Config, depth: Depth) -> Session {
        let facts = probe::probe(env, &config, depth);
        let plan = plan::plan(&facts, &config);
        Session {
            config,
            facts,
            plan,
        }
    }

    /// Operations that bring the current environment in line with the plan.
    pub fn apply_ops(&self) -> Vec<Op> {
        let mut ops = plan::apply_ops(&self.facts, &self.plan);
        // The prompt segment, for prompts that read a variable (no process).
        let seg = crate::prompt::segment(self, None, true).text;
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
    let mut h: u64 = 0xcbf29ce484222325;
    for b in e.to_string().bytes() {
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
/// compares, see [`crate::watch`]) and `__goenv_hook_stamp`.
pub fn hook(env: EnvSnapshot, session: Option<&str>) -> Vec<Op> {
    let read_at = std::time::SystemTime::now();
    if env.get_nonempty(DISABLED_VAR).is_some() {
        return Vec::new();
    }
    // The stamp says "as read at `read_at`" whatever the outcome.
    let stamp = session.and_then(|id| crate::watch::touch_stamp(&env, id, read_at));
    let (mut ops, watched) = match config::load(&env) {
        Ok(config) => {
            let s = Session::with_config(env, config, Depth::Hook);
            let w = session.map(|_| crate::watch::watched(&s.facts.env, Some(&s.facts)));
            (s.apply_ops(), w)
        }
        Err(e) => {
            let fp = fingerprint(&e);
            let w = session.map(|_| crate::watch::watched(&env, None));
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
pub fn use_ops(env: EnvSnapshot, what: &str) -> Result<Result<Vec<Op>, UseError>, ConfigError> {
    let config = config::load(&env)?;
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
    } else if crate::probe::looks_like_dir(std::ffi::OsStr::new(what)) {
        let p = match (what.strip_prefix('~'), env.home()) {
            (Some(rest), Some(h)) => h.join(rest.trim_start_matches('/')),
            _ => std::path::PathBuf::from(what),
        };
        let abs = if p.is_absolute() { p } else { env.cwd.join(p) };
        let abs: std::path::PathBuf = abs
            .components()
            .filter(|c| !matches!(c, std::path::Component::CurDir))
            .collect();
        if crate::toolchain::inspect_root(&abs, &env).is_none() {
            return Err(UseError::NotAToolchain(what.to_string()));
        }
        Some(abs.into_os_string())
    } else if plan::parse_request_version(what).is_some() {
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

/// `goenv-hook deactivate`: the operations that restore what goenv-hook
/// changed, byte for byte when PATH still holds its block (see
/// [`crate::pathlist::decompose`]), and remove its own variables. The shell
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
