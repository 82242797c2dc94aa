//! Shell start-up analysis: which files a shell reads at start-up, in which
//! order, which of them hold goenv-hook's init line, and what is wrong with
//! that (checks `init-not-in-startup`, `init-in-wrong-file`,
//! `init-evaluated-twice`); plus `hook-not-installed` from a hint the shell
//! passes ([`HookHint`]).
//!
//! Files read, per shell (`~` is `$HOME`; every list is in reading order):
//! - **bash** login: `/etc/profile`, then the first existing of
//!   `~/.bash_profile`, `~/.bash_login`, `~/.profile`. Interactive non-login:
//!   `/etc/bash.bashrc` (Debian and derivatives), `~/.bashrc`.
//! - **zsh** (`$ZDOTDIR`, default `~`; in VS Code's terminal `$USER_ZDOTDIR`,
//!   see `zdotdir`): `/etc/zsh/zshenv`|`/etc/zshenv`,
//!   `.zshenv`; login adds `zprofile` (system, then user); interactive adds
//!   `zshrc`; login adds `zlogin` last.
//! - **fish**: `$XDG_CONFIG_HOME/fish` (default `~/.config/fish`):
//!   `conf.d/*.fish` by name, then `config.fish` (after `/etc/fish/config.fish`).
//! - **nu**: `$XDG_CONFIG_HOME/nushell` (default `~/.config/nushell`):
//!   `env.nu`, `config.nu`, then `autoload/*.nu` by name (also the vendor
//!   autoload dirs under `$XDG_DATA_HOME/nushell/vendor/autoload`).
//! - **pwsh** Unix: `~/.config/powershell/profile.ps1`, then
//!   `~/.config/powershell/Microsoft.PowerShell_profile.ps1`. Windows:
//!   `Documents\PowerShell\…` (pwsh 7) and `Documents\WindowsPowerShell\…`
//!   (Windows PowerShell 5.1), each `profile.ps1` then
//!   `Microsoft.PowerShell_profile.ps1`; `Documents` is `%OneDrive%\Documents`
//!   when that exists (Known Folder Move), else `%USERPROFILE%\Documents`.
//! - **posix** (sh, dash): login `/etc/profile`, `~/.profile`; interactive:
//!   the file `$ENV` names, when set.
//! - **cmd**: AutoRun lives in the registry: not analysed.
//!
//! Sourced files are followed textually (`. FILE`, `source FILE`, with `~`,
//! `$HOME`, `${HOME}`, `$ZDOTDIR`, `$XDG_CONFIG_HOME` expanded; quotes
//! stripped; `/etc/profile.d/*.sh` when `/etc/profile` mentions it), up to
//! five levels deep, never in a cycle; sh never follows a source of a
//! `bashrc` (Debian guards those with `$BASH`).
//!
//! The init line is a non-comment line containing `goenv-hook` (or a path
//! ending in it, optionally `.exe`/quoted) followed by `init` or `hook`.
//! For nu: a `source`/`use` of a file whose name contains `goenv`, a
//! `plugin use goenv`/`plugin add …nu_plugin_goenv` line, or an autoload file
//! whose name contains `goenv`.

mod lines;
use lines::{assignments, is_init_line, nu_init_line, source_targets, strip_comment};

use crate::facts::startup::{StartupFile, StartupReport, Trace, TraceEntry};
use crate::shell::Shell;
use crate::sys::env::EnvSnapshot;
use std::ffi::{OsStr, OsString};
use std::path::{Path, PathBuf};

struct Ctx<'a> {
    env: &'a EnvSnapshot,
    sys: &'a Path,
    home: Option<PathBuf>,
    files: Vec<StartupFile>,
    shell: Shell,
}

impl Ctx<'_> {
    fn home_join(&self, rel: &str) -> Option<PathBuf> {
        self.home.as_ref().map(|h| h.join(rel))
    }
    fn sys_join(&self, abs: &str) -> PathBuf {
        self.sys.join(abs.trim_start_matches('/'))
    }
    fn xdg_config(&self) -> Option<PathBuf> {
        self.env
            .get_nonempty("XDG_CONFIG_HOME")
            .map(PathBuf::from)
            .filter(|p| p.is_absolute())
            .or_else(|| self.home_join(".config"))
    }
    fn xdg_data(&self) -> Option<PathBuf> {
        self.env
            .get_nonempty("XDG_DATA_HOME")
            .map(PathBuf::from)
            .filter(|p| p.is_absolute())
            .or_else(|| self.home_join(".local/share"))
    }

    /// Reads (once) and returns the index of a file's record.
    fn load(&mut self, p: &Path) -> usize {
        if let Some(i) = self.files.iter().position(|f| f.path == p) {
            return i;
        }
        let (exists, init_lines, sources, assigns) = match std::fs::read(p) {
            Ok(b) => {
                let text = String::from_utf8_lossy(&b);
                let (i, s) = self.scan(p, &text);
                (true, i, s, assignments(self.shell, &text))
            }
            Err(_) => (p.is_file(), Vec::new(), Vec::new(), Vec::new()),
        };
        self.files.push(StartupFile {
            path: p.to_path_buf(),
            exists,
            init_lines,
            sources,
            assigns,
        });
        self.files.len() - 1
    }

    fn scan(&self, p: &Path, text: &str) -> (Vec<usize>, Vec<(PathBuf, usize)>) {
        let mut init = Vec::new();
        let mut sources = Vec::new();
        let nu_autoload_goenv = self.shell == Shell::Nu
            && p.parent().is_some_and(|d| d.ends_with("autoload"))
            && p.file_name()
                .is_some_and(|n| n.to_string_lossy().contains("goenv"));
        if nu_autoload_goenv {
            init.push(1);
        }
        for (n, line) in text.lines().enumerate() {
            let l = line.trim();
            if l.starts_with('#') || l.is_empty() {
                continue;
            }
            let l = strip_comment(l);
            if self.shell == Shell::Nu {
                if nu_init_line(l) {
                    init.push(n + 1);
                }
            } else if is_init_line(l) {
                init.push(n + 1);
            }
            for target in source_targets(l) {
                if let Some(t) = self.expand(&target) {
                    // Debian's /etc/profile and ~/.profile source the bashrc
                    // files only under bash (`$BASH`, `$BASH_VERSION`): sh
                    // (dash) never reads them.
                    let bash_only = t
                        .file_name()
                        .is_some_and(|n| n.to_string_lossy().ends_with("bashrc"));
                    if self.shell == Shell::Posix && bash_only {
                        continue;
                    }
                    if self.shell == Shell::Nu || !is_init_line(l) {
                        sources.push((t, n + 1));
                    }
                }
            }
            if l.contains("/etc/profile.d") && p.ends_with("etc/profile") {
                let d = self.sys_join("/etc/profile.d");
                for f in sorted_dir(&d, ".sh") {
                    sources.push((f, n + 1));
                }
            }
        }
        (init, sources)
    }

    /// Expands `~`, `$HOME`, `${HOME}`, `$ZDOTDIR`, `$XDG_CONFIG_HOME`,
    /// `$XDG_DATA_HOME` (and `${VAR:-default}` of those) in a sourced path,
    /// with the one expander (`sys::expand`) over just those variables (an
    /// unset ZDOTDIR or XDG_CONFIG_HOME as the shell and the tools mean
    /// it: the home directory, `~/.config`); None if another variable is
    /// used or the result is not absolute.
    fn expand(&self, s: &str) -> Option<PathBuf> {
        let home = self.home.as_ref()?;
        let mut vars = vec![(OsString::from("HOME"), home.clone().into_os_string())];
        vars.push((
            OsString::from("ZDOTDIR"),
            zdotdir(self.env, home).into_os_string(),
        ));
        for (name, default) in [
            ("XDG_CONFIG_HOME", Some(home.join(".config"))),
            ("XDG_DATA_HOME", None),
        ] {
            let v = self
                .env
                .get_nonempty(name)
                .map(OsStr::to_os_string)
                .or_else(|| default.map(PathBuf::into_os_string));
            if let Some(v) = v {
                vars.push((OsString::from(name), v));
            }
        }
        let env = EnvSnapshot::new(vars, self.env.cwd.clone(), self.env.platform);
        let p = PathBuf::from(crate::sys::expand::expand(s, &env).ok()?);
        if !p.is_absolute() {
            return None;
        }
        // System files live under `sys` (a fake tree in tests).
        if p.starts_with("/etc") && self.sys != Path::new("/") {
            return Some(self.sys_join(&p.to_string_lossy()));
        }
        Some(p)
    }

    /// Appends `p` and (recursively) what it sources to `seq` (files read)
    /// and `entries` (every file looked at, missing sourced files too).
    fn trace(
        &mut self,
        p: &Path,
        from: Option<(PathBuf, usize)>,
        out: &mut (Vec<PathBuf>, Vec<TraceEntry>),
        stack: &mut Vec<PathBuf>,
    ) {
        if stack.len() >= 5 || stack.iter().any(|s| s == p) {
            return;
        }
        let i = self.load(p);
        let exists = self.files[i].exists;
        out.1.push(TraceEntry {
            path: p.to_path_buf(),
            exists,
            read: exists,
            init_lines: self.files[i].init_lines.clone(),
            sourced_from: from,
            depth: stack.len(),
            shadowed_by: None,
        });
        if !exists {
            return;
        }
        out.0.push(p.to_path_buf());
        stack.push(p.to_path_buf());
        let sources = self.files[i].sources.clone();
        for (s, line) in sources {
            self.trace(&s, Some((p.to_path_buf(), line)), out, stack);
        }
        stack.pop();
    }

    fn run(
        &mut self,
        label: &str,
        mode: &'static str,
        roots: &[PathBuf],
        recommended: PathBuf,
    ) -> Trace {
        let groups: Vec<&[PathBuf]> = roots.iter().map(std::slice::from_ref).collect();
        self.run_groups(label, mode, &groups, recommended)
    }

    /// Like `run`, each root a group of alternatives of which the shell
    /// reads only the first that exists.
    fn run_groups(
        &mut self,
        label: &str,
        mode: &'static str,
        groups: &[&[PathBuf]],
        recommended: PathBuf,
    ) -> Trace {
        let mut out = (Vec::new(), Vec::new());
        for g in groups {
            let mut chosen: Option<PathBuf> = None;
            for r in g.iter() {
                match &chosen {
                    None => {
                        self.trace(r, None, &mut out, &mut Vec::new());
                        let i = self.load(r);
                        if self.files[i].exists {
                            chosen = Some(r.clone());
                        }
                    }
                    Some(c) => {
                        let i = self.load(r);
                        out.1.push(TraceEntry {
                            path: r.clone(),
                            exists: self.files[i].exists,
                            read: false,
                            init_lines: Vec::new(),
                            sourced_from: None,
                            depth: 0,
                            shadowed_by: Some(c.clone()),
                        });
                    }
                }
            }
        }
        Trace {
            label: label.to_string(),
            mode,
            files: out.0,
            entries: out.1,
            recommended,
        }
    }

    fn first_existing(&mut self, cands: &[PathBuf]) -> Option<PathBuf> {
        for c in cands {
            let i = self.load(c);
            if self.files[i].exists {
                return Some(c.clone());
            }
        }
        None
    }
}

fn sorted_dir(d: &Path, ext: &str) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(d)
        .map(|rd| {
            rd.filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.to_string_lossy().ends_with(ext))
                .collect()
        })
        .unwrap_or_default();
    v.sort();
    v
}

/// Analyses the start-up files of `shell` for the user in `env`. `sys` is
/// the root for system files (`/` normally; a temporary tree in tests).
/// Never fails: unreadable files count as absent.
pub fn analyze(shell: Shell, env: &EnvSnapshot, sys: &Path) -> StartupReport {
    let home = env.home();
    let shown_home = home.clone().filter(|_| !env.platform.is_windows());
    let mut cx = Ctx {
        env,
        sys,
        home: home.clone(),
        files: Vec::new(),
        shell,
    };
    let h = |cx: &Ctx, rel: &str| cx.home_join(rel).unwrap_or_else(|| PathBuf::from(rel));
    let mut traces = Vec::new();
    let mut login_sources_rc = None;
    let recommended;
    match shell {
        Shell::Bash => {
            let rc = h(&cx, ".bashrc");
            let login_cands = [
                h(&cx, ".bash_profile"),
                h(&cx, ".bash_login"),
                h(&cx, ".profile"),
            ];
            let login_file = cx.first_existing(&login_cands);
            let etc_profile = [cx.sys_join("/etc/profile")];
            let login = cx.run_groups(
                "bash login shells (ssh, tmux, the console, macOS terminals, `bash -l`)",
                "login",
                &[&etc_profile, &login_cands],
                login_file.clone().unwrap_or_else(|| login_cands[0].clone()),
            );
            login_sources_rc = Some(login.files.contains(&rc));
            let inter = cx.run(
                "interactive bash shells that are not login shells (most Linux terminal windows, `bash` typed at a prompt)",
                "interactive",
                &[cx.sys_join("/etc/bash.bashrc"), rc.clone()],
                rc.clone(),
            );
            // Look at every candidate, read or not.
            for c in &login_cands {
                cx.load(c);
            }
            cx.load(&rc);
            traces.push(login);
            traces.push(inter);
            recommended = rc;
        }
        Shell::Zsh => {
            let zd = home.as_deref().map(|h| zdotdir(env, h)).unwrap_or_default();
            let sysf = |cx: &mut Ctx, name: &str| {
                let deb = cx.sys_join(&format!("/etc/zsh/{name}"));
                let i = cx.load(&deb);
                if cx.files[i].exists {
                    deb
                } else {
                    cx.sys_join(&format!("/etc/{name}"))
                }
            };
            let (senv, sprof, src, slog) = (
                sysf(&mut cx, "zshenv"),
                sysf(&mut cx, "zprofile"),
                sysf(&mut cx, "zshrc"),
                sysf(&mut cx, "zlogin"),
            );
            let (uenv, uprof, urc, ulog) = (
                zd.join(".zshenv"),
                zd.join(".zprofile"),
                zd.join(".zshrc"),
                zd.join(".zlogin"),
            );
            let login = cx.run(
                "zsh login shells (ssh, tmux, the console, macOS terminals, `zsh -l`)",
                "login",
                &[
                    senv.clone(),
                    uenv.clone(),
                    sprof,
                    uprof.clone(),
                    src.clone(),
                    urc.clone(),
                    slog,
                    ulog.clone(),
                ],
                urc.clone(),
            );
            let inter = cx.run(
                "interactive zsh shells that are not login shells (most Linux terminal windows, `zsh` typed at a prompt)",
                "interactive",
                &[senv, uenv.clone(), src, urc.clone()],
                urc.clone(),
            );
            for c in [&uenv, &uprof, &ulog] {
                cx.load(c);
            }
            traces.push(login);
            traces.push(inter);
            recommended = urc;
        }
        Shell::Fish => {
            let dir = cx.xdg_config().map(|c| c.join("fish")).unwrap_or_default();
            let mut roots = sorted_dir(&dir.join("conf.d"), ".fish");
            roots.push(cx.sys_join("/etc/fish/config.fish"));
            let cfg = dir.join("config.fish");
            roots.push(cfg.clone());
            traces.push(cx.run("fish", "all", &roots, cfg.clone()));
            cx.load(&cfg);
            recommended = cfg;
        }
        Shell::Nu => {
            let dir = if env.platform.is_windows() {
                env.get_nonempty("APPDATA")
                    .map(|a| PathBuf::from(a).join("nushell"))
                    .unwrap_or_default()
            } else {
                cx.xdg_config()
                    .map(|c| c.join("nushell"))
                    .unwrap_or_default()
            };
            let cfg = dir.join("config.nu");
            let mut roots = vec![dir.join("env.nu"), cfg.clone()];
            if let Some(d) = cx.xdg_data() {
                roots.extend(sorted_dir(&d.join("nushell/vendor/autoload"), ".nu"));
            }
            roots.extend(sorted_dir(&dir.join("autoload"), ".nu"));
            traces.push(cx.run("nu", "all", &roots, cfg.clone()));
            cx.load(&cfg);
            recommended = cfg;
        }
        Shell::Pwsh => {
            if env.platform.is_windows() {
                // Known Folder Move puts Documents under OneDrive.
                let docs = env
                    .get_nonempty("OneDrive")
                    .map(|o| PathBuf::from(o).join("Documents"))
                    .filter(|d| d.is_dir())
                    .unwrap_or_else(|| home.clone().unwrap_or_default().join("Documents"));
                let mut recs = Vec::new();
                for (label, sub) in [
                    ("PowerShell 7 (pwsh)", "PowerShell"),
                    ("Windows PowerShell 5.1", "WindowsPowerShell"),
                ] {
                    let d = docs.join(sub);
                    let cur = d.join("Microsoft.PowerShell_profile.ps1");
                    let roots = [d.join("profile.ps1"), cur.clone()];
                    traces.push(cx.run(label, "all", &roots, cur.clone()));
                    cx.load(&cur);
                    recs.push(cur);
                }
                recommended = recs.remove(0);
            } else {
                let d = cx
                    .xdg_config()
                    .map(|c| c.join("powershell"))
                    .unwrap_or_default();
                let cur = d.join("Microsoft.PowerShell_profile.ps1");
                traces.push(cx.run(
                    "pwsh",
                    "all",
                    &[d.join("profile.ps1"), cur.clone()],
                    cur.clone(),
                ));
                cx.load(&cur);
                recommended = cur;
            }
        }
        Shell::Posix => {
            let p = h(&cx, ".profile");
            traces.push(cx.run(
                "sh login shells",
                "login",
                &[cx.sys_join("/etc/profile"), p.clone()],
                p.clone(),
            ));
            // An interactive sh reads the file $ENV names (after the login
            // files, for an interactive login shell); none without ENV.
            let named = env
                .get_nonempty("ENV")
                .and_then(|v| cx.expand(&v.to_string_lossy()));
            if let Some(e) = named {
                traces.push(cx.run(
                    "interactive sh shells that are not login shells (they read the file $ENV names)",
                    "interactive",
                    std::slice::from_ref(&e),
                    e.clone(),
                ));
            }
            cx.load(&p);
            recommended = p;
        }
        Shell::Cmd => {
            return StartupReport {
                shell,
                supported: false,
                home: shown_home,
                files: Vec::new(),
                traces: Vec::new(),
                recommended: PathBuf::new(),
                login_sources_rc: None,
                here: None,
            };
        }
    }
    StartupReport {
        shell,
        supported: true,
        home: shown_home,
        files: cx.files,
        traces,
        recommended,
        login_sources_rc,
        here: None,
    }
}

/// The directory of the user's zsh start-up files: `$ZDOTDIR` (absolute),
/// else the home directory. In VS Code's integrated terminal (and its
/// forks: `TERM_PROGRAM=vscode`) `ZDOTDIR` stays on VS Code's own copies
/// of the files, which read the user's from `$USER_ZDOTDIR`: that one.
fn zdotdir(env: &EnvSnapshot, home: &Path) -> PathBuf {
    let abs = |name: &str| {
        env.get_nonempty(name)
            .map(PathBuf::from)
            .filter(|p| p.is_absolute())
    };
    let vscode = env.get("TERM_PROGRAM").is_some_and(|v| v == "vscode");
    vscode
        .then(|| abs("USER_ZDOTDIR"))
        .flatten()
        .or_else(|| abs("ZDOTDIR"))
        .unwrap_or_else(|| home.to_path_buf())
}

#[cfg(test)]
mod tests;
