//! What every check module shares: the context a check reads ([`Ctx`]:
//! the session, the environment judged, the running `go`, the lookup and
//! the decision) and the helpers that word findings and their fixes.

use super::*;

/// The active `go`: the first hit on PATH a shell would run.
pub(crate) struct Active<'a> {
    pub hit: &'a GoHit,
    /// Its toolchain (for a shim: the one it resolves to).
    pub toolchain: Option<&'a Toolchain>,
}

pub(crate) use crate::go::settings::Setting;

pub(crate) struct Ctx<'a> {
    pub facts: &'a Facts,
    pub plan: &'a crate::plan::Plan,
    pub config: &'a Config,
    pub opts: &'a Options,
    /// The environment being diagnosed (the current one).
    pub env: &'a EnvSnapshot,
    pub file: Option<&'a GoEnvFile>,
    /// PATH entries of `env`, split when a check first asks (the prompt's
    /// checks don't).
    path: std::cell::OnceCell<Vec<OsString>>,
    /// `go` hits on `path`.
    pub hits: &'a [GoHit],
    pub active: Option<Active<'a>>,
    /// GOROOT as Go reads it (env, else file), and the toolchain there.
    pub goroot: Option<Setting>,
    pub(crate) goroot_tc: Option<&'a Toolchain>,
    /// Go's lookup of settings for the root `go` uses.
    pub lookup: crate::go::settings::Lookup<'a>,
    /// What go does in this directory ([`crate::go::decide`]), for the
    /// environment judged.
    pub(crate) decision: Option<crate::go::decide::Decision>,
}

impl<'a> Ctx<'a> {
    pub(super) fn new(s: &'a Session, opts: &'a Options, view: View<'a>) -> Ctx<'a> {
        let facts = &s.facts;
        let env = view.env;
        let file = facts.goenv_file.as_ref();
        let hits = view.hits;
        let active = view.running_go().map(|hit| Active {
            hit,
            toolchain: hit.toolchain.as_ref(),
        });
        let goroot = view.goroot.map(|g| g.setting.clone());
        let goroot_tc = view.goroot.and_then(|g| g.toolchain.as_ref());
        let effective = goroot_tc.or_else(|| active.as_ref().and_then(|a| a.toolchain));
        let defaults = facts.go_defaults(effective);
        Ctx {
            facts,
            plan: &s.plan,
            config: &s.config,
            opts,
            env,
            file,
            path: std::cell::OnceCell::new(),
            hits,
            active,
            goroot,
            goroot_tc,
            lookup: crate::go::settings::Lookup {
                env,
                file,
                defaults,
            },
            decision: crate::facts::gomodel::decision(facts, view),
        }
    }

    pub fn setting(&self, key: &str) -> Option<Setting> {
        self.lookup.set(key)
    }

    /// `entry` is one goenv-hook put on PATH (its managed block, as its
    /// state records it), not the user's.
    pub(crate) fn is_managed(&self, entry: &OsStr) -> bool {
        let p = self.env.platform;
        self.facts.state.as_ref().is_some_and(|s| {
            s.managed
                .iter()
                .zip(s.added.iter())
                .any(|(m, added)| *added && p.path_eq(m, entry))
        })
    }

    /// PATH entries of the environment judged.
    pub fn path(&self) -> &[OsString] {
        self.path.get_or_init(|| self.env.path_entries())
    }

    /// The active toolchain (the binary `go` runs).
    pub(crate) fn active_tc(&self) -> Option<&Toolchain> {
        self.active.as_ref().and_then(|a| a.toolchain)
    }

    pub(crate) fn active_version(&self) -> Option<&GoVersion> {
        self.active_tc().and_then(|t| t.version.as_ref())
    }

    /// The GOROOT `go` uses: the setting if it names a toolchain, else the
    /// active toolchain's root.
    pub(crate) fn effective_root(&self) -> Option<&Toolchain> {
        self.goroot_tc.or_else(|| self.active_tc())
    }

    /// A setting's value with `$GOROOT/go.env` defaults applied.
    pub(crate) fn with_default(&self, key: &str) -> Option<Setting> {
        self.lookup.get(key)
    }

    /// Evidence for a setting.
    pub(crate) fn ev(&self, key: &str, s: &Setting) -> Vec<Evidence> {
        let mut v = vec![Evidence::var(key, &s.value, s.source)];
        if s.source == VarSource::GoenvFile {
            if let Some(f) = self.file {
                v.push(Evidence::file(&f.path, s.line));
            }
        }
        v
    }

    /// How to unset a setting, in the user's shell or with `go env -u`.
    pub(crate) fn unset_fix(&self, key: &str, s: &Setting) -> String {
        match s.source {
            VarSource::GoenvFile => format!("go env -u {key}"),
            _ => unset_everywhere_cmd(self.opts.shell, key),
        }
    }

    pub(crate) fn set_fix(&self, key: &str, value: &str, s: Option<&Setting>) -> String {
        match s.map(|s| s.source) {
            Some(VarSource::GoenvFile) => go_env_w_cmd(self.opts.shell, key, value),
            _ => set_cmd(self.opts.shell, key, value),
        }
    }

    pub fn lossy(&self, v: &OsStr) -> String {
        lossy(v)
    }
}

pub(crate) use crate::sys::platform::{lossy, path_lossy};

/// `s` as one word for POSIX sh (for commands that exist only there, such as
/// `ln` and `sed`).
pub(crate) fn sh_quote(s: &str) -> String {
    Shell::Posix.word(s)
}

/// The shell fixes are written for (POSIX sh when unknown).
pub(crate) fn fix_shell(shell: Option<Shell>) -> Shell {
    shell.unwrap_or(Shell::Posix)
}

/// `unset NAME` in the given shell (the shell's module writes it).
pub fn unset_cmd(shell: Option<Shell>, name: &str) -> String {
    fix_shell(shell).unset_cmd(name)
}

/// `unset NAME`, with the reminder to remove it from the start-up files as
/// a comment the shell ignores (the line works when pasted whole).
pub fn unset_everywhere_cmd(shell: Option<Shell>, name: &str) -> String {
    let shell = fix_shell(shell);
    shell.unset_cmd(name) + &shell.comment("and remove it from your shell's start-up files")
}

/// `export NAME=value` in the given shell.
pub fn set_cmd(shell: Option<Shell>, name: &str, value: &str) -> String {
    fix_shell(shell).set_cmd(name, value)
}

/// `go env -w NAME=value` in the given shell.
pub fn go_env_w_cmd(shell: Option<Shell>, name: &str, value: &str) -> String {
    fix_shell(shell).go_env_w_cmd(name, value)
}

/// Puts `dir` in front of PATH, in the given shell.
pub fn path_prepend_cmd(shell: Option<Shell>, dir: &str) -> String {
    fix_shell(shell).path_prepend_cmd(dir)
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
        short: String::new(),
    }
}

pub(crate) fn with_severity(mut f: Finding, s: Severity) -> Finding {
    f.severity = s;
    f
}
