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
//! - **zsh** (`$ZDOTDIR`, default `~`): `/etc/zsh/zshenv`|`/etc/zshenv`,
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
//! - **posix** (sh, dash): login `/etc/profile`, `~/.profile`.
//! - **cmd**: AutoRun lives in the registry: not analysed.
//!
//! Sourced files are followed textually (`. FILE`, `source FILE`, with `~`,
//! `$HOME`, `${HOME}`, `$ZDOTDIR`, `$XDG_CONFIG_HOME` expanded; quotes
//! stripped; `/etc/profile.d/*.sh` when `/etc/profile` mentions it), up to
//! five levels deep, never in a cycle.
//!
//! The init line is a non-comment line containing `goenv-hook` (or a path
//! ending in it, optionally `.exe`/quoted) followed by `init` or `hook`.
//! For nu: a `source`/`use` of a file whose name contains `goenv`, a
//! `plugin use goenv`/`plugin add …nu_plugin_goenv` line, or an autoload file
//! whose name contains `goenv`.

use crate::checks::{finding, Evidence, Finding};
use crate::env::EnvSnapshot;
use crate::shell::Shell;
use serde::Serialize;
use std::path::{Path, PathBuf};

/// The variable a shell can set to tell `doctor` what its prompt hooks are
/// (see [`HookHint`]).
pub const HOOK_HINT_VAR: &str = "GOENV_HOOK_SHELL_HOOKS";

/// The name of the shell function goenv-hook registers in every shell.
pub const HOOK_FUNCTION: &str = "__goenv_hook";

/// What the shell reports about its prompt hooks, so `doctor` (a child
/// process, which can't see shell variables) can tell whether goenv-hook's
/// hook is still registered.
///
/// Format: `<shell>:<text>`, `<shell>` one of bash, zsh, fish, pwsh, nu
/// (optional; without a known prefix the whole value is the text). The text
/// is what the shell has registered, verbatim:
/// - bash: `$PROMPT_COMMAND` (all elements of the array, newline-separated)
///   followed by `${precmd_functions[*]}` (bash-preexec)
///   — e.g. `GOENV_HOOK_SHELL_HOOKS="bash:${PROMPT_COMMAND[*]} ${precmd_functions[*]}" goenv-hook doctor`;
/// - zsh: `${precmd_functions[*]}`;
/// - fish: `functions --handlers-type event | string join ' '`;
/// - pwsh: `(Get-Command prompt).Definition`;
/// - nu: `$env.config.hooks.pre_prompt | to nuon`.
///
/// The hook is registered iff the text mentions `__goenv_hook` (or, for nu,
/// the record key of the same name). main passes the value of
/// [`HOOK_HINT_VAR`] or of a command-line option here.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct HookHint {
    pub shell: Option<Shell>,
    pub text: String,
    pub registered: bool,
}

impl HookHint {
    pub fn parse(s: &str) -> HookHint {
        let (shell, text) = match s.split_once(':') {
            Some((sh, t)) => match sh.parse::<Shell>() {
                Ok(shell) => (Some(shell), t),
                Err(_) => (None, s),
            },
            None => (None, s),
        };
        HookHint {
            shell,
            text: text.to_string(),
            registered: text.contains(HOOK_FUNCTION),
        }
    }
}

/// One start-up file examined.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct StartupFile {
    pub path: PathBuf,
    pub exists: bool,
    /// 1-based lines holding the init line.
    pub init_lines: Vec<usize>,
    /// Files this one sources (resolved), with the line.
    pub sources: Vec<(PathBuf, usize)>,
}

/// One way the shell starts (login, interactive non-login, an edition) and
/// the files it reads, in order, sourced files included (a file may appear
/// twice if it is reached twice).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Trace {
    /// "login shells (macOS terminals, ssh)", "interactive shells", …
    pub label: String,
    /// `login`, `interactive` (not login), or `all` (every interactive or
    /// login start reads the same files: fish, Nushell, PowerShell, whose
    /// Windows editions are two traces told apart by `label`).
    pub mode: &'static str,
    /// The files read, in order (existing files only).
    pub files: Vec<PathBuf>,
    /// Every file this kind of start looks for, in order: the ones read
    /// (as in `files`), missing ones, and alternatives skipped because an
    /// earlier one exists (bash login shells read only the first of
    /// `~/.bash_profile`, `~/.bash_login`, `~/.profile`).
    pub entries: Vec<TraceEntry>,
    /// Where the init line belongs for this kind of start.
    pub recommended: PathBuf,
}

/// One file in a [`Trace`], read or not.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct TraceEntry {
    pub path: PathBuf,
    pub exists: bool,
    /// The shell reads it (it exists and no earlier alternative does).
    pub read: bool,
    /// 1-based lines holding the init line (empty when not read).
    pub init_lines: Vec<usize>,
    /// The file and line that source this one (None: read by the shell itself).
    pub sourced_from: Option<(PathBuf, usize)>,
    /// Nesting depth (0: read by the shell itself).
    pub depth: usize,
    /// Not read because this earlier alternative exists.
    pub shadowed_by: Option<PathBuf>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct StartupReport {
    pub shell: Shell,
    /// False for shells whose start-up can't be analysed (cmd).
    pub supported: bool,
    pub home: Option<PathBuf>,
    /// Every file examined, candidates and sourced files alike.
    pub files: Vec<StartupFile>,
    pub traces: Vec<Trace>,
    /// The one file to add the init line to.
    pub recommended: PathBuf,
    /// bash: `~/.bash_profile` (the login file in use) sources `~/.bashrc`.
    pub login_sources_rc: Option<bool>,
}

impl StartupReport {
    pub fn file(&self, p: &Path) -> Option<&StartupFile> {
        self.files.iter().find(|f| f.path == p)
    }
}

/// The user's shell from `$SHELL` (basename; `-bash` login prefix allowed),
/// or PowerShell on Windows when `PSModulePath` is set.
pub fn shell_from_env(env: &EnvSnapshot) -> Option<Shell> {
    if let Some(s) = env.get_nonempty("SHELL") {
        let s = s.to_string_lossy();
        let base = s.rsplit(['/', '\\']).next().unwrap_or("");
        let base = base.trim_start_matches('-').trim_end_matches(".exe");
        if let Ok(sh) = base.parse::<Shell>() {
            return Some(sh);
        }
    }
    if env.platform.is_windows() && env.get_nonempty("PSModulePath").is_some() {
        return Some(Shell::Pwsh);
    }
    None
}

/// The line to paste, per shell.
pub fn init_line(shell: Shell) -> &'static str {
    match shell {
        Shell::Bash => "eval \"$(goenv-hook init bash)\"",
        Shell::Zsh => "eval \"$(goenv-hook init zsh)\"",
        Shell::Fish => "goenv-hook init fish | source",
        Shell::Pwsh => "Invoke-Expression (& goenv-hook init pwsh | Out-String)",
        Shell::Nu => "source ($nu.default-config-dir | path join goenv.nu)",
        Shell::Posix => "eval \"$(goenv-hook init posix)\"",
        Shell::Cmd => "goenv-hook init cmd",
    }
}

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
        let (exists, init_lines, sources) = match std::fs::read(p) {
            Ok(b) => {
                let text = String::from_utf8_lossy(&b);
                let (i, s) = self.scan(p, &text);
                (true, i, s)
            }
            Err(_) => (p.is_file(), Vec::new(), Vec::new()),
        };
        self.files.push(StartupFile {
            path: p.to_path_buf(),
            exists,
            init_lines,
            sources,
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

    /// Expands `~`, `$HOME`, `${HOME}`, `$ZDOTDIR`, `$XDG_CONFIG_HOME`
    /// (and `${VAR:-default}` of those) in a sourced path; None if the
    /// result is not absolute.
    fn expand(&self, s: &str) -> Option<PathBuf> {
        let mut out = String::new();
        let mut rest = s;
        if let Some(r) = rest.strip_prefix('~') {
            if r.is_empty() || r.starts_with('/') {
                out.push_str(&self.home.as_ref()?.to_string_lossy());
                rest = r;
            } else {
                return None;
            }
        }
        while let Some(i) = rest.find('$') {
            out.push_str(&rest[..i]);
            let after = &rest[i + 1..];
            let (name, default, len) = if let Some(b) = after.strip_prefix('{') {
                let end = b.find('}')?;
                let inner = &b[..end];
                let (n, d) = match inner.split_once(":-") {
                    Some((n, d)) => (n, Some(d)),
                    None => (inner, None),
                };
                (n.to_string(), d.map(str::to_string), end + 2)
            } else {
                let n: String = after
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                    .collect();
                let l = n.len();
                (n, None, l)
            };
            let val = match name.as_str() {
                "HOME" => self.home.as_ref().map(|h| h.to_string_lossy().into_owned()),
                "ZDOTDIR" | "XDG_CONFIG_HOME" | "XDG_DATA_HOME" => self
                    .env
                    .get_nonempty(&name)
                    .map(|v| v.to_string_lossy().into_owned()),
                "nu.default-config-dir" => None,
                _ => return None,
            };
            let val = match (val, default) {
                (Some(v), _) => v,
                (None, Some(d)) => self.expand(&d)?.to_string_lossy().into_owned(),
                (None, None) if name == "XDG_CONFIG_HOME" => {
                    self.home_join(".config")?.to_string_lossy().into_owned()
                }
                (None, None) if name == "ZDOTDIR" => {
                    self.home.as_ref()?.to_string_lossy().into_owned()
                }
                _ => return None,
            };
            out.push_str(&val);
            rest = &after[len.min(after.len())..];
        }
        out.push_str(rest);
        let p = PathBuf::from(out);
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

fn strip_comment(l: &str) -> &str {
    // ` #` starts a comment in sh-like shells (good enough for detection).
    match l.find(" #") {
        Some(i) if !l[..i].contains(['\'', '"']) => &l[..i],
        _ => l,
    }
}

/// `goenv-hook init …` / `goenv-hook hook …` (any path, `.exe`, quotes).
pub fn is_init_line(l: &str) -> bool {
    let mut rest = l;
    while let Some(i) = rest.find("goenv-hook") {
        let after = &rest[i + "goenv-hook".len()..];
        let a = after.strip_prefix(".exe").unwrap_or(after);
        let a = a.trim_start_matches(['"', '\'']);
        if a.starts_with([' ', '\t']) {
            let w = a.trim_start();
            if w.starts_with("init") || w.starts_with("hook ") || w == "hook" {
                // `goenv-hook init nu | save …` only writes the file.
                if !(w.starts_with("init nu") && w.contains("save")) {
                    return true;
                }
            }
        }
        rest = after;
    }
    false
}

fn nu_init_line(l: &str) -> bool {
    let words: Vec<&str> = l.split_whitespace().collect();
    let first = words.first().copied().unwrap_or("");
    if (first == "source" || first == "use" || first == "source-env") && l.contains("goenv") {
        return true;
    }
    (first == "plugin"
        && words.get(1) == Some(&"use")
        && words.get(2).is_some_and(|w| w.contains("goenv")))
        || (first == "plugin" && words.get(1) == Some(&"add") && l.contains("nu_plugin_goenv"))
}

/// Paths after `.` / `source` command words in a line.
pub fn source_targets(l: &str) -> Vec<String> {
    let cleaned: String = l
        .chars()
        .map(|c| if ";&|()".contains(c) { ' ' } else { c })
        .collect();
    let toks: Vec<&str> = cleaned.split_whitespace().collect();
    let mut out = Vec::new();
    for (i, t) in toks.iter().enumerate() {
        if (*t == "." || *t == "source" || *t == "source-env") && i + 1 < toks.len() {
            let arg = toks[i + 1].trim_matches(['"', '\'']);
            if arg.contains('/') || arg.starts_with('~') || arg.starts_with('$') {
                out.push(arg.to_string());
            }
        }
    }
    out
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
                "bash login shells (macOS terminals, ssh, `bash -l`)",
                "login",
                &[&etc_profile, &login_cands],
                login_file.clone().unwrap_or_else(|| login_cands[0].clone()),
            );
            login_sources_rc = Some(login.files.contains(&rc));
            let inter = cx.run(
                "interactive bash shells that are not login shells (most Linux terminals, tmux)",
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
            let zd = env
                .get_nonempty("ZDOTDIR")
                .map(PathBuf::from)
                .filter(|p| p.is_absolute())
                .or_else(|| home.clone())
                .unwrap_or_default();
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
                "zsh login shells (macOS terminals, ssh)",
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
                "interactive zsh shells that are not login shells",
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
            cx.load(&p);
            recommended = p;
        }
        Shell::Cmd => {
            return StartupReport {
                shell,
                supported: false,
                home,
                files: Vec::new(),
                traces: Vec::new(),
                recommended: PathBuf::new(),
                login_sources_rc: None,
            };
        }
    }
    StartupReport {
        shell,
        supported: true,
        home,
        files: cx.files,
        traces,
        recommended,
        login_sources_rc,
    }
}

/// `~/x` for a path under HOME.
pub fn display(r: &StartupReport, p: &Path) -> String {
    if let Some(h) = &r.home {
        if let Ok(rest) = p.strip_prefix(h) {
            if !h.as_os_str().is_empty() {
                return format!("~/{}", rest.to_string_lossy());
            }
        }
    }
    p.to_string_lossy().into_owned()
}

/// Where this kind of start reaches the init line: (file, line) for every
/// init line in a file it reads, in reading order.
pub fn reached(t: &Trace) -> Vec<(PathBuf, usize)> {
    t.entries
        .iter()
        .filter(|e| e.read)
        .flat_map(|e| e.init_lines.iter().map(|l| (e.path.clone(), *l)))
        .collect()
}

/// One sentence for one kind of start: whether it runs the init line, and
/// if not (or more than once) precisely what to change.
pub fn trace_advice(r: &StartupReport, t: &Trace) -> String {
    let d = |p: &Path| display(r, p);
    let line = init_line(r.shell);
    let rec = d(&r.recommended);
    let at = |v: &[(PathBuf, usize)]| {
        v.iter()
            .map(|(p, l)| format!("{} line {l}", d(p)))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let reached = reached(t);
    let in_zshenv = |v: &[(PathBuf, usize)]| {
        r.shell == Shell::Zsh
            && v.iter()
                .any(|(p, _)| p.file_name().is_some_and(|n| n == ".zshenv"))
    };
    match reached.len() {
        1 if in_zshenv(&reached) => {
            return format!(
                "the init line runs once ({}), but every zsh reads {}, scripts included: move `{line}` to {rec}",
                at(&reached),
                d(&reached[0].0)
            )
        }
        1 => return format!("the init line runs once ({}): nothing to change", at(&reached)),
        n if n >= 2 => {
            return format!(
                "the init line runs {n} times ({}): harmless (goenv-hook is idempotent), but keep only the one in {rec}",
                at(&reached)
            )
        }
        _ => {}
    }
    let holders: Vec<&StartupFile> = r
        .files
        .iter()
        .filter(|f| f.exists && !f.init_lines.is_empty())
        .collect();
    let bash_source = "[ -f ~/.bashrc ] && . ~/.bashrc";
    let recp = r.recommended.as_path();
    let fix = if r.shell == Shell::Bash
        && !t.files.iter().any(|p| p == recp)
        && t.recommended != recp
    {
        // A login shell that does not read ~/.bashrc.
        let login = d(&t.recommended);
        if holders.iter().any(|f| f.path == recp) {
            format!("add `{bash_source}` to {login} (create it if missing)")
        } else {
            format!("add `{line}` to {rec}, and `{bash_source}` to {login} (create it if missing)")
        }
    } else if r.shell == Shell::Bash && !holders.is_empty() && r.login_sources_rc == Some(false) {
        let from: Vec<String> = holders.iter().map(|f| d(&f.path)).collect();
        let login = r
            .traces
            .first()
            .map(|t| d(&t.recommended))
            .unwrap_or_default();
        format!(
            "move `{line}` from {} to {rec}, and add `{bash_source}` to {login}",
            from.join(", ")
        )
    } else {
        let to = d(&t.recommended);
        // A holder another kind of start needs (and that start would not
        // read `to`) stays where it is.
        let needed_elsewhere = r.traces.iter().any(|o| {
            o != t
                && !o.files.contains(&t.recommended)
                && holders.iter().any(|h| o.files.contains(&h.path))
        });
        let add = if holders.is_empty() {
            format!("add `{line}` to {to}")
        } else if needed_elsewhere {
            format!("add `{line}` to {to} as well")
        } else {
            let from: Vec<String> = holders.iter().map(|f| d(&f.path)).collect();
            format!("move `{line}` from {} to {to}", from.join(", "))
        };
        if r.shell == Shell::Nu {
            format!("run `goenv-hook init nu | save -f ($nu.default-config-dir | path join goenv.nu)`, then {add}")
        } else {
            add
        }
    };
    format!("the init line is never read: {fix}")
}

/// The findings for a report.
pub fn findings(r: &StartupReport, _fix_shell: Option<Shell>) -> Vec<Finding> {
    let mut out = Vec::new();
    if !r.supported {
        return out;
    }
    let line = init_line(r.shell);
    let d = |p: &Path| display(r, p);
    let holders: Vec<&StartupFile> = r
        .files
        .iter()
        .filter(|f| !f.init_lines.is_empty())
        .collect();
    let bash_source = "[ -f ~/.bashrc ] && . ~/.bashrc";
    let rec = d(&r.recommended);
    if holders.is_empty() {
        let checked: Vec<String> = r
            .files
            .iter()
            .filter(|f| f.exists)
            .map(|f| d(&f.path))
            .collect();
        let mut fix = if r.shell == Shell::Nu {
            format!(
                "run `goenv-hook init nu | save -f ($nu.default-config-dir | path join goenv.nu)`, then add `{line}` to {rec}"
            )
        } else {
            format!("add `{line}` to {rec}")
        };
        if r.shell == Shell::Bash && r.login_sources_rc == Some(false) {
            let login = r
                .traces
                .first()
                .map(|t| d(&t.recommended))
                .unwrap_or_default();
            fix.push_str(&format!(
                ", and `{bash_source}` to {login} (login shells read only that)"
            ));
        }
        out.push(finding(
            "init-not-in-startup",
            format!(
                "no goenv-hook init line in any {} start-up file{}",
                r.shell,
                if checked.is_empty() {
                    " (none exists)".to_string()
                } else {
                    format!(" (checked {})", checked.join(", "))
                }
            ),
            fix,
            r.traces.iter().flat_map(|t| t.files.iter()).fold(
                Vec::new(),
                |mut v: Vec<Evidence>, p| {
                    let e = Evidence::file(p, None);
                    if !v.contains(&e) {
                        v.push(e);
                    }
                    v
                },
            ),
        ));
        return out;
    }
    let holder_ev = |f: &StartupFile| -> Vec<Evidence> {
        f.init_lines
            .iter()
            .map(|l| Evidence::file(&f.path, Some(*l)))
            .collect()
    };
    let holder_names: Vec<String> = holders.iter().map(|f| d(&f.path)).collect();
    // zsh: ~/.zshenv runs for every zsh, scripts included.
    if r.shell == Shell::Zsh {
        for f in &holders {
            if f.path.file_name().is_some_and(|n| n == ".zshenv") {
                out.push(finding(
                    "init-in-wrong-file",
                    format!(
                        "the init line is in {} (line {}), which every zsh reads, scripts included: it runs the prompt hook set-up where there is no prompt",
                        d(&f.path),
                        f.init_lines[0]
                    ),
                    format!("move `{line}` from {} to {rec}", d(&f.path)),
                    holder_ev(f),
                ));
            }
        }
    }
    for t in &r.traces {
        let reached: Vec<(PathBuf, usize)> = t
            .files
            .iter()
            .flat_map(|p| {
                r.file(p)
                    .map(|f| {
                        f.init_lines
                            .iter()
                            .map(|l| (p.clone(), *l))
                            .collect::<Vec<_>>()
                    })
                    .unwrap_or_default()
            })
            .collect();
        if reached.is_empty() {
            let read: Vec<String> = t.files.iter().map(|p| d(p)).collect();
            let reads = if read.is_empty() {
                "none of the files it reads exists".to_string()
            } else {
                format!("they read {}", read.join(", "))
            };
            let fix = if r.shell == Shell::Bash
                && t.files.iter().all(|p| !p.ends_with(".bashrc"))
                && holders.iter().any(|f| f.path.ends_with(".bashrc"))
            {
                let login = d(&t.recommended);
                format!("add `{bash_source}` to {login} (create it if missing), so login shells read ~/.bashrc too")
            } else if r.shell == Shell::Bash && t.recommended.ends_with(".bashrc") {
                format!(
                    "move `{line}` to {rec}, and make {} source it with `{bash_source}`",
                    r.traces
                        .first()
                        .map(|t| d(&t.recommended))
                        .unwrap_or_default()
                )
            } else {
                format!("add `{line}` to {}", d(&t.recommended))
            };
            out.push(finding(
                "init-in-wrong-file",
                format!(
                    "the init line is in {}, which {} never read ({reads})",
                    holder_names.join(", "),
                    t.label
                ),
                fix,
                holders.iter().flat_map(|f| holder_ev(f)).collect(),
            ));
        } else if reached.len() >= 2 {
            let places: Vec<String> = reached
                .iter()
                .map(|(p, l)| format!("{} line {l}", d(p)))
                .collect();
            let f = finding(
                "init-evaluated-twice",
                format!(
                    "{} reach the init line {} times: {}",
                    t.label,
                    reached.len(),
                    places.join(", ")
                ),
                format!("harmless (goenv-hook is idempotent), but keep only the one in {rec}"),
                reached
                    .iter()
                    .map(|(p, l)| Evidence::file(p, Some(*l)))
                    .collect(),
            );
            if !out
                .iter()
                .any(|o: &Finding| o.id == f.id && o.evidence == f.evidence)
            {
                out.push(f);
            }
        }
    }
    out
}

/// `hook-not-installed` from a hint; `env` tells whether init ran in this
/// shell (goenv-hook's variables are present).
pub fn hook_findings(h: &HookHint, env: &EnvSnapshot) -> Vec<Finding> {
    if h.registered {
        return Vec::new();
    }
    let ran = env.get(crate::state::VAR).is_some() || env.get("GOENV_HOOK_PROMPT").is_some();
    let shell = h.shell.unwrap_or(Shell::Bash);
    let what = match shell {
        Shell::Bash => "PROMPT_COMMAND (or bash-preexec's precmd_functions)",
        Shell::Zsh => "precmd_functions",
        Shell::Fish => "the fish_prompt event handlers",
        Shell::Pwsh => "the prompt function",
        Shell::Nu => "$env.config.hooks.pre_prompt",
        _ => "the prompt hooks",
    };
    let rc = match shell {
        Shell::Bash => "~/.bashrc",
        Shell::Zsh => "~/.zshrc",
        Shell::Fish => "~/.config/fish/config.fish",
        Shell::Pwsh => "$PROFILE",
        Shell::Nu => "config.nu",
        _ => "your start-up file",
    };
    let msg = if ran {
        format!(
            "goenv-hook's prompt hook ({HOOK_FUNCTION}) is no longer in {what}: something after the init line replaced it, so the environment no longer follows directory changes"
        )
    } else {
        format!("goenv-hook's prompt hook ({HOOK_FUNCTION}) is not in {what}: init has not run in this shell")
    };
    vec![finding(
        "hook-not-installed",
        msg,
        format!(
            "make `{}` the last line of {rc}, then open a new shell",
            init_line(shell)
        ),
        vec![Evidence::note(format!(
            "{what}: {}",
            if h.text.trim().is_empty() {
                "(empty)"
            } else {
                h.text.trim()
            }
        ))],
    )]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn init_line_detection() {
        assert!(is_init_line("eval \"$(goenv-hook init bash)\""));
        assert!(is_init_line(
            "eval \"$(/usr/local/bin/goenv-hook init zsh)\""
        ));
        assert!(is_init_line("goenv-hook init fish | source"));
        assert!(is_init_line(
            "Invoke-Expression (& 'C:\\x\\goenv-hook.exe' init pwsh | Out-String)"
        ));
        assert!(is_init_line("eval \"$(goenv-hook hook bash)\""));
        assert!(!is_init_line("echo goenv-hook-init"));
        assert!(!is_init_line("goenv-hook init nu | save -f goenv.nu"));
        assert!(!is_init_line("alias g=goenv-hook"));
        assert!(nu_init_line(
            "source ($nu.default-config-dir | path join goenv.nu)"
        ));
        assert!(nu_init_line("plugin use goenv"));
        assert!(!nu_init_line("source ~/other.nu"));
    }

    #[test]
    fn source_detection() {
        assert_eq!(
            source_targets("[ -f ~/.bashrc ] && . ~/.bashrc"),
            ["~/.bashrc"]
        );
        assert_eq!(
            source_targets("if [ -f \"$HOME/.bashrc\" ]; then . \"$HOME/.bashrc\"; fi"),
            ["$HOME/.bashrc"]
        );
        assert_eq!(
            source_targets("source ${HOME}/.bashrc"),
            ["${HOME}/.bashrc"]
        );
        assert!(source_targets("cd . && ls").is_empty());
    }

    #[test]
    fn hook_hint_parse() {
        let h = HookHint::parse("bash:__goenv_hook;__vte_prompt_command");
        assert_eq!(h.shell, Some(Shell::Bash));
        assert!(h.registered);
        let h = HookHint::parse("zsh:_starship_precmd");
        assert!(!h.registered);
        let h = HookHint::parse("nonsense:x:y");
        assert_eq!(h.shell, None);
        assert_eq!(h.text, "nonsense:x:y");
    }
}
