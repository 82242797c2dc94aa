//! Start-up file analysis against a temporary HOME and a fake `/etc`.

use goenv_hook::checks::startup::findings;
use goenv_hook::checks::{self, Finding, Options};
use goenv_hook::config::Config;
use goenv_hook::facts::startup::StartupReport;
use goenv_hook::probe::startup::analyze;
use goenv_hook::probe::system as extra;
use goenv_hook::shell::Shell;
use goenv_hook::sys::env::EnvSnapshot;
use goenv_hook::sys::platform::Platform;
use std::path::{Path, PathBuf};

struct T {
    dir: tempfile::TempDir,
}

impl T {
    fn new() -> T {
        let t = T {
            dir: tempfile::tempdir().unwrap(),
        };
        std::fs::create_dir_all(t.home()).unwrap();
        std::fs::create_dir_all(t.sys().join("etc")).unwrap();
        t
    }
    fn home(&self) -> PathBuf {
        self.dir.path().join("home")
    }
    fn sys(&self) -> PathBuf {
        self.dir.path().join("sys")
    }
    fn write(&self, rel: &str, text: &str) {
        let p = if let Some(r) = rel.strip_prefix("/") {
            self.sys().join(r)
        } else {
            self.home().join(rel)
        };
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }
    fn env(&self, extra: &[(&str, &str)]) -> EnvSnapshot {
        let h = self.home().to_string_lossy().into_owned();
        let mut pairs = vec![("HOME", h.as_str()), ("PATH", "/usr/bin")];
        pairs.extend_from_slice(extra);
        EnvSnapshot::from_pairs(&pairs, "/", Platform::UNIX)
    }
    fn run(&self, shell: Shell, extra: &[(&str, &str)]) -> (StartupReport, Vec<Finding>) {
        let r = analyze(shell, &self.env(extra), &self.sys());
        let f = findings(&r, Some(shell));
        (r, f)
    }
}

fn ids(f: &[Finding]) -> Vec<&'static str> {
    f.iter().map(|f| f.id).collect()
}

const BASH_INIT: &str = "eval \"$(goenv-hook init bash)\"\n";

#[test]
fn bash_nothing_anywhere() {
    let t = T::new();
    t.write(".bashrc", "alias ll='ls -l'\n");
    let (_, f) = t.run(Shell::Bash, &[]);
    assert_eq!(ids(&f), ["init-not-in-startup"]);
    assert!(
        f[0].fix
            .contains("add `eval \"$(goenv-hook init bash)\"` to ~/.bashrc"),
        "{}",
        f[0].fix
    );
    // no login file sources ~/.bashrc: say so too
    assert!(
        f[0].fix.contains("[ -f ~/.bashrc ] && . ~/.bashrc"),
        "{}",
        f[0].fix
    );
    assert!(f[0].message.contains("~/.bashrc"), "{}", f[0].message);
}

#[test]
fn bash_rc_not_sourced_by_bash_profile() {
    let t = T::new();
    t.write(".bashrc", BASH_INIT);
    t.write(".bash_profile", "export EDITOR=vi\n");
    t.write(".profile", ". ~/.bashrc\n"); // shadowed by ~/.bash_profile
    let (r, f) = t.run(Shell::Bash, &[]);
    assert_eq!(r.login_sources_rc, Some(false));
    assert_eq!(ids(&f), ["init-in-wrong-file"]);
    assert!(f[0].message.contains("login"), "{}", f[0].message);
    assert!(
        f[0].fix
            .contains("add `[ -f ~/.bashrc ] && . ~/.bashrc` to ~/.bash_profile"),
        "{}",
        f[0].fix
    );
    assert!(!f[0].evidence.is_empty());
}

#[test]
fn bash_profile_sources_rc_variants() {
    for src in [
        "[ -f ~/.bashrc ] && . ~/.bashrc\n",
        "if [ -f \"$HOME/.bashrc\" ]; then\n  . \"$HOME/.bashrc\"\nfi\n",
        "source ${HOME}/.bashrc\n",
        "test -r ~/.bashrc && source ~/.bashrc # load rc\n",
    ] {
        let t = T::new();
        t.write(".bashrc", BASH_INIT);
        t.write(".bash_profile", src);
        let (r, f) = t.run(Shell::Bash, &[]);
        assert_eq!(r.login_sources_rc, Some(true), "{src}");
        assert!(f.is_empty(), "{src}: {f:#?}");
    }
}

#[test]
fn bash_debian_profile_and_twice() {
    let t = T::new();
    t.write(
        ".profile",
        "if [ -n \"$BASH_VERSION\" ]; then\n    if [ -f \"$HOME/.bashrc\" ]; then\n\t. \"$HOME/.bashrc\"\n    fi\nfi\n",
    );
    t.write(".bashrc", BASH_INIT);
    let (_, f) = t.run(Shell::Bash, &[]);
    assert!(f.is_empty(), "{f:#?}");
    // also in ~/.profile: login shells run it twice
    t.write(
        ".profile",
        "eval \"$(goenv-hook init bash)\"\n[ -f ~/.bashrc ] && . ~/.bashrc\n",
    );
    let (_, f) = t.run(Shell::Bash, &[]);
    assert_eq!(ids(&f), ["init-evaluated-twice"]);
    assert!(
        f[0].message.contains("~/.profile line 1"),
        "{}",
        f[0].message
    );
    assert!(
        f[0].message.contains("~/.bashrc line 1"),
        "{}",
        f[0].message
    );
    assert_eq!(f[0].severity, checks::Severity::Info);
}

#[test]
fn bash_init_only_in_login_file() {
    let t = T::new();
    t.write(".bash_profile", BASH_INIT);
    t.write(".bashrc", "PS1='$ '\n");
    let (_, f) = t.run(Shell::Bash, &[]);
    assert_eq!(ids(&f), ["init-in-wrong-file"]);
    assert!(f[0].message.contains("not login"), "{}", f[0].message);
    assert!(f[0].fix.contains("to ~/.bashrc"), "{}", f[0].fix);
}

#[test]
fn bash_system_files_are_followed() {
    let t = T::new();
    t.write(
        "/etc/profile",
        "if [ -f /etc/bash.bashrc ]; then . /etc/bash.bashrc; fi\n",
    );
    t.write("/etc/bash.bashrc", BASH_INIT);
    t.write(".bashrc", "");
    t.write(".bash_profile", ". ~/.bashrc\n");
    let (r, f) = t.run(Shell::Bash, &[]);
    assert!(f.is_empty(), "{f:#?}");
    assert!(r.traces[0]
        .files
        .iter()
        .any(|p| p.ends_with("etc/bash.bashrc")));
    // profile.d scripts
    let t = T::new();
    t.write(
        "/etc/profile",
        "for i in /etc/profile.d/*.sh; do . $i; done\n",
    );
    t.write("/etc/profile.d/goenv.sh", BASH_INIT);
    t.write(".bashrc", BASH_INIT);
    let (_, f) = t.run(Shell::Bash, &[]);
    assert!(f.is_empty(), "{f:#?}");
}

#[test]
fn bash_source_cycle_terminates() {
    let t = T::new();
    t.write(".bashrc", ". ~/.bash_profile\n");
    t.write(".bash_profile", ". ~/.bashrc\n");
    let (_, f) = t.run(Shell::Bash, &[]);
    assert_eq!(ids(&f), ["init-not-in-startup"]);
}

#[test]
fn zsh_zshenv_is_wrong_and_zdotdir_is_honoured() {
    let t = T::new();
    t.write(".zshenv", "eval \"$(goenv-hook init zsh)\"\n");
    let (_, f) = t.run(Shell::Zsh, &[]);
    assert_eq!(ids(&f), ["init-in-wrong-file"]);
    assert!(f[0].message.contains("scripts"), "{}", f[0].message);
    assert!(f[0].fix.contains("to ~/.zshrc"), "{}", f[0].fix);

    let t = T::new();
    t.write(".config/zsh/.zshrc", "eval \"$(goenv-hook init zsh)\"\n");
    let zd = t.home().join(".config/zsh");
    let (r, f) = t.run(Shell::Zsh, &[("ZDOTDIR", &zd.to_string_lossy())]);
    assert!(f.is_empty(), "{f:#?}");
    assert_eq!(r.recommended, zd.join(".zshrc"));

    let t = T::new();
    t.write(".zprofile", "eval \"$(goenv-hook init zsh)\"\n");
    let (_, f) = t.run(Shell::Zsh, &[]);
    assert_eq!(ids(&f), ["init-in-wrong-file"]);
    assert!(f[0].message.contains("interactive zsh"), "{}", f[0].message);

    let t = T::new();
    let (_, f) = t.run(Shell::Zsh, &[]);
    assert_eq!(ids(&f), ["init-not-in-startup"]);
    assert!(
        f[0].fix
            .contains("add `eval \"$(goenv-hook init zsh)\"` to ~/.zshrc"),
        "{}",
        f[0].fix
    );
}

/// VS Code's integrated terminal (`TERM_PROGRAM=vscode`) leaves `ZDOTDIR`
/// on its own copies of the zsh files, which read the user's from
/// `$USER_ZDOTDIR`: the analysis reads the user's, and its fix names them,
/// not VS Code's temporary directory. Elsewhere `USER_ZDOTDIR` means nothing.
#[test]
fn zsh_in_vs_code_reads_the_users_files() {
    let t = T::new();
    t.write(".zshrc", "eval \"$(goenv-hook init zsh)\"\n");
    t.write(
        "../vscode/.zshrc",
        "ZDOTDIR=$USER_ZDOTDIR\n. $USER_ZDOTDIR/.zshrc\n",
    );
    let vsc = t.dir.path().join("vscode");
    let home = t.home().to_string_lossy().into_owned();
    let vs = |term: &str| {
        t.run(
            Shell::Zsh,
            &[
                ("ZDOTDIR", &vsc.to_string_lossy()),
                ("USER_ZDOTDIR", &home),
                ("TERM_PROGRAM", term),
            ],
        )
    };
    let (r, f) = vs("vscode");
    assert!(f.is_empty(), "{f:#?}");
    assert_eq!(r.recommended, t.home().join(".zshrc"));
    let (r, f) = vs("xterm");
    assert_eq!(ids(&f), ["init-not-in-startup"]);
    assert_eq!(r.recommended, vsc.join(".zshrc"));

    std::fs::remove_file(t.home().join(".zshrc")).unwrap();
    let (_, f) = vs("vscode");
    assert_eq!(ids(&f), ["init-not-in-startup"]);
    assert!(f[0].fix.contains("to ~/.zshrc"), "{}", f[0].fix);
}

#[test]
fn fish_conf_d_and_xdg() {
    let t = T::new();
    let xdg = t.dir.path().join("xdg");
    t.write(
        "../xdg/fish/conf.d/goenv.fish",
        "goenv-hook init fish | source\n",
    );
    let env = [("XDG_CONFIG_HOME", xdg.to_str().unwrap())];
    let (r, f) = t.run(Shell::Fish, &env);
    assert!(f.is_empty(), "{f:#?}");
    assert_eq!(r.recommended, xdg.join("fish/config.fish"));
    t.write(
        "../xdg/fish/config.fish",
        "if status is-interactive\n    goenv-hook init fish | source\nend\n",
    );
    let (_, f) = t.run(Shell::Fish, &env);
    assert_eq!(ids(&f), ["init-evaluated-twice"]);
    let (_, f) = t.run(Shell::Fish, &[]);
    assert_eq!(ids(&f), ["init-not-in-startup"]);
    assert!(f[0].fix.contains("goenv-hook init fish | source"));
}

#[test]
fn nu_source_line_and_autoload() {
    let t = T::new();
    t.write(
        ".config/nushell/config.nu",
        "$env.config.show_banner = false\nsource ($nu.default-config-dir | path join goenv.nu)\n",
    );
    let (_, f) = t.run(Shell::Nu, &[]);
    assert!(f.is_empty(), "{f:#?}");
    let t = T::new();
    t.write(
        ".config/nushell/autoload/goenv.nu",
        "const __goenv_hook_exe = r#'goenv-hook'#\n",
    );
    let (_, f) = t.run(Shell::Nu, &[]);
    assert!(f.is_empty(), "{f:#?}");
    let t = T::new();
    t.write(
        ".config/nushell/config.nu",
        "goenv-hook init nu | save -f ($nu.default-config-dir | path join goenv.nu)\n",
    );
    let (_, f) = t.run(Shell::Nu, &[]);
    assert_eq!(ids(&f), ["init-not-in-startup"]);
    assert!(f[0].fix.contains("save -f"), "{}", f[0].fix);
}

#[test]
fn pwsh_profiles_unix() {
    let t = T::new();
    t.write(
        ".config/powershell/Microsoft.PowerShell_profile.ps1",
        "Invoke-Expression (& goenv-hook init pwsh | Out-String)\n",
    );
    let (_, f) = t.run(Shell::Pwsh, &[]);
    assert!(f.is_empty(), "{f:#?}");
    let t = T::new();
    let (r, f) = t.run(Shell::Pwsh, &[]);
    assert_eq!(ids(&f), ["init-not-in-startup"]);
    assert!(r
        .recommended
        .ends_with(".config/powershell/Microsoft.PowerShell_profile.ps1"));
}

#[test]
fn posix_profile() {
    let t = T::new();
    t.write(".profile", "eval \"$(goenv-hook init posix)\"\n");
    let (_, f) = t.run(Shell::Posix, &[]);
    assert!(f.is_empty(), "{f:#?}");
    let (r, f) = T::new().run(Shell::Cmd, &[]);
    assert!(!r.supported && f.is_empty());
}

#[test]
fn shell_from_env_var() {
    let e = |s: &str| EnvSnapshot::from_pairs(&[("SHELL", s)], "/", Platform::UNIX);
    assert_eq!(
        goenv_hook::shell::shell_from_env(&e("/usr/bin/zsh")),
        Some(Shell::Zsh)
    );
    assert_eq!(
        goenv_hook::shell::shell_from_env(&e("/bin/bash")),
        Some(Shell::Bash)
    );
    assert_eq!(
        goenv_hook::shell::shell_from_env(&e("/opt/homebrew/bin/fish")),
        Some(Shell::Fish)
    );
    assert_eq!(
        goenv_hook::shell::shell_from_env(&e("/usr/bin/nu")),
        Some(Shell::Nu)
    );
    assert_eq!(goenv_hook::shell::shell_from_env(&e("/usr/bin/tcsh")), None);
}

#[test]
fn unreadable_and_odd_files_do_not_panic() {
    let t = T::new();
    std::fs::write(
        t.home().join(".bashrc"),
        [0xff, 0xfe, b'\n', b'.', b' ', b'$', b'{'],
    )
    .unwrap();
    std::fs::create_dir_all(t.home().join(".bash_profile")).unwrap(); // a directory
    let (_, f) = t.run(Shell::Bash, &[]);
    assert!(f.iter().all(|f| f.id.starts_with("init-")));
    // the real system, read-only: must not panic
    let env = EnvSnapshot::from_pairs(&[("HOME", "/nonexistent-home")], "/", Platform::UNIX);
    for sh in [
        Shell::Bash,
        Shell::Zsh,
        Shell::Fish,
        Shell::Nu,
        Shell::Pwsh,
        Shell::Posix,
    ] {
        let r = analyze(sh, &env, Path::new("/"));
        let _ = findings(&r, None);
    }
}

fn session(facts: goenv_hook::facts::Facts) -> goenv_hook::plan::Session {
    let config = Config::default();
    let plan = goenv_hook::plan::plan(&facts, &config);
    goenv_hook::plan::Session {
        config,
        facts,
        plan,
    }
}

#[test]
fn startup_findings_flow_through_checks_run() {
    let t = T::new();
    t.write(".bashrc", BASH_INIT);
    t.write(".bash_profile", "true\n");
    let env = t.env(&[("SHELL", "/bin/bash")]);
    let roots = extra::Roots {
        proc: t.dir.path().join("proc"),
        sys: t.sys(),
    };
    let opts = goenv_hook::probe::full::Options {
        roots,
        ..Default::default()
    };
    let facts = goenv_hook::probe::probe_full(env.clone(), &Config::default(), &opts);
    assert!(facts.full.startup.is_some());
    let fs = checks::run(&session(facts), &Options::default());
    assert!(
        fs.iter().any(|f| f.id == "init-in-wrong-file"),
        "{:?}",
        ids(&fs)
    );
    // the prompt never reads start-up files
    let facts = goenv_hook::probe::probe(
        env,
        &Config::default(),
        goenv_hook::facts::Depth::Hook,
        &|_| false,
    );
    assert!(facts.full.startup.is_none() && facts.full.mounts.is_none());
    let fs = checks::run(
        &session(facts),
        &Options {
            prompt: true,
            ..Default::default()
        },
    );
    assert!(fs.iter().all(|f| checks::info(f.id).unwrap().prompt));
}

#[test]
fn hook_hint_from_environment_variable() {
    let t = T::new();
    let env = t.env(&[
        ("GOENV_HOOK_SHELL_HOOKS", "zsh:_starship_precmd"),
        ("GOENV_HOOK_PROMPT", "go1.22.1"),
    ]);
    let facts = goenv_hook::probe::probe(
        env,
        &Config::default(),
        goenv_hook::facts::Depth::Hook,
        &|_| false,
    );
    let fs = checks::run(
        &session(facts),
        &Options {
            shell: Some(Shell::Zsh),
            ..Default::default()
        },
    );
    let h = fs.iter().find(|f| f.id == "hook-not-installed").unwrap();
    assert!(h.message.contains("precmd_functions"), "{}", h.message);
    assert!(h.fix.contains("~/.zshrc"), "{}", h.fix);
    assert!(fs.iter().any(|f| f.id == "go-not-found"));
}

#[test]
fn pwsh_profiles_windows_editions() {
    let t = T::new();
    let home = t.home().to_string_lossy().into_owned();
    t.write(
        "Documents/WindowsPowerShell/Microsoft.PowerShell_profile.ps1",
        "Invoke-Expression (& 'C:\\Tools\\goenv-hook.exe' init pwsh | Out-String)\n",
    );
    let env = EnvSnapshot::from_pairs(&[("USERPROFILE", &home)], "C:\\", Platform::WINDOWS);
    let r = analyze(Shell::Pwsh, &env, &t.sys());
    assert_eq!(r.traces.len(), 2);
    let f = findings(&r, Some(Shell::Pwsh));
    assert_eq!(ids(&f), ["init-in-wrong-file"]);
    assert!(f[0].message.contains("PowerShell 7"), "{}", f[0].message);
    assert!(
        f[0].fix
            .contains("Documents/PowerShell/Microsoft.PowerShell_profile.ps1"),
        "{}",
        f[0].fix
    );
}
