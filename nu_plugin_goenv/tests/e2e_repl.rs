//! The `cd` hook in a real interactive Nushell (a REPL under tmux): the
//! config.nu line switches toolchains when entering and leaving a project.

mod common;

use common::{go_root, nu, nu_quote, plugins_arg, require, Sandbox, BASE_PATH};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

/// A private tmux server (own socket), killed on drop.
struct Tmux {
    sock: PathBuf,
    env: Vec<(std::ffi::OsString, std::ffi::OsString)>,
}

impl Tmux {
    fn cmd(&self) -> Command {
        let mut c = Command::new(require("tmux"));
        c.env_clear()
            .envs(self.env.clone())
            .arg("-S")
            .arg(&self.sock);
        c
    }

    fn run(&self, args: &[&str]) {
        let o = self.cmd().args(args).output().unwrap();
        assert!(
            o.status.success(),
            "tmux {args:?}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
    }

    fn type_line(&self, line: &str) {
        self.run(&["send-keys", "-t", "t", "-l", line]);
        self.run(&["send-keys", "-t", "t", "Enter"]);
    }

    fn screen(&self) -> String {
        let o = self
            .cmd()
            .args(["capture-pane", "-p", "-t", "t"])
            .output()
            .unwrap();
        String::from_utf8_lossy(&o.stdout).into_owned()
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.cmd().arg("kill-server").output();
    }
}

fn wait_for(file: &Path, tmux: &Tmux) -> String {
    let start = Instant::now();
    loop {
        if let Ok(s) = std::fs::read_to_string(file) {
            if !s.is_empty() {
                return s;
            }
        }
        assert!(
            start.elapsed() < Duration::from_secs(30),
            "timed out waiting for {}; screen:\n{}",
            file.display(),
            tmux.screen()
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// The README's config.nu lines (after `extra`), in a REPL under tmux in
/// `sb`'s HOME; returns once config.nu has run. `out` holds `before` (PATH
/// before `goenv activate`).
fn start_repl(sb: &Sandbox, out: &Path, extra: &str) -> Tmux {
    std::fs::create_dir_all(out).unwrap();
    let config = sb.path().join("config.nu");
    let env_nu = sb.path().join("env.nu");
    std::fs::write(&env_nu, "").unwrap();
    std::fs::write(
        &config,
        format!(
            "$env.config.show_banner = false\n\
             {extra}\
             $env.PATH | to json -r | save -f {before}\n\
             goenv activate\n\
             $env.config.hooks.env_change.PWD = ($env.config.hooks.env_change.PWD? | default [] | append {{|_, _| goenv activate }})\n\
             $env.PROMPT_COMMAND_RIGHT = {{|| goenv prompt --color }}\n\
             'ready' | save -f {ready}\n",
            before = nu_quote(&out.join("before")),
            ready = nu_quote(&out.join("ready")),
        ),
    )
    .unwrap();
    let mut env = sb.env(BASE_PATH);
    env.retain(|(k, _)| k != "TERM");
    env.push(("TERM".into(), "xterm-256color".into()));
    let tmux = Tmux {
        sock: sb.path().join("tmux.sock"),
        env,
    };
    let nu_cmd = format!(
        "cd {home} && exec {nu} --no-std-lib --no-history --config {config} --env-config {env_nu} --plugins '{plugins}'",
        home = nu_quote(&sb.home()),
        nu = nu_quote(&nu()),
        config = nu_quote(&config),
        env_nu = nu_quote(&env_nu),
        plugins = plugins_arg(),
    );
    tmux.run(&[
        "-f",
        "/dev/null",
        "new-session",
        "-d",
        "-s",
        "t",
        "-x",
        "200",
        "-y",
        "50",
        &nu_cmd,
    ]);
    wait_for(&out.join("ready"), &tmux);
    std::thread::sleep(Duration::from_millis(500));
    tmux
}

#[test]
fn cd_hook_switches_toolchains_in_the_repl() {
    go_root("1.21");
    go_root("1.23");
    let sb = Sandbox::new();
    let proj = sb.project("p21", "1.21");
    let out = sb.path().join("out");
    let tmux = start_repl(&sb, &out, "");

    let path_before = wait_for(&out.join("before"), &tmux);
    // `goenv activate` in config.nu ran: the default toolchain's PATH block.
    let started = out.join("started");
    tmux.type_line(&format!(
        "[(^go version) ('GOENV_HOOK_STATE' in $env)] | str join ';' | save -f {}",
        nu_quote(&started)
    ));
    let got = wait_for(&started, &tmux);
    assert!(got.starts_with("go version go1.23."), "{got}");
    assert!(got.ends_with(";true"), "{got}");

    tmux.type_line(&format!("cd {}", nu_quote(&proj)));
    let o1 = out.join("o1");
    tmux.type_line(&format!(
        "[(^go version) ($env.PATH | describe)] | str join ';' | save -f {}",
        nu_quote(&o1)
    ));
    let got = wait_for(&o1, &tmux);
    assert!(got.starts_with("go version go1.21.13 "), "{got}");
    assert!(got.ends_with(";list<string>"), "{got}");
    // The right prompt shows the project's toolchain.
    let start = Instant::now();
    while !tmux.screen().contains("go1.21.13") {
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "no go1.21.13 in the prompt:\n{}",
            tmux.screen()
        );
        std::thread::sleep(Duration::from_millis(100));
    }

    tmux.type_line("cd ..");
    let o2 = out.join("o2");
    tmux.type_line(&format!("^go version | save -f {}", nu_quote(&o2)));
    let got = wait_for(&o2, &tmux);
    assert!(got.starts_with("go version go1.23."), "{got}");

    // doctor sees the hook config.nu registered (a closure from a file).
    let o3 = out.join("o3");
    tmux.type_line(&format!(
        "goenv doctor | where id == hook-not-installed | length | save -f {}",
        nu_quote(&o3)
    ));
    assert_eq!(wait_for(&o3, &tmux), "0");

    // Back outside the project, deactivate gives PATH back exactly.
    let after = out.join("after");
    tmux.type_line(&format!(
        "goenv deactivate; $env.PATH | to json -r | save -f {}",
        nu_quote(&after)
    ));
    let path_after = wait_for(&after, &tmux);
    assert_eq!(path_after, path_before);
    tmux.type_line("exit");
}

/// A config file that can't be used: the `cd` hook reports it once, not at
/// every `cd`; again when the error changes; and once it is fixed the hook
/// applies and the mark is gone.
#[test]
fn a_config_error_is_reported_once_per_change_in_the_cd_hook() {
    go_root("1.21");
    let sb = Sandbox::new();
    let proj = sb.project("p21", "1.21");
    let cfg = sb.home().join(".config/goenv-hook/config.toml");
    std::fs::create_dir_all(cfg.parent().unwrap()).unwrap();
    std::fs::write(&cfg, "goroot = \"sometimes\"\n").unwrap();
    let out = sb.path().join("out");
    let tmux = start_repl(&sb, &out, "");
    let count = |what: &str| {
        let o = tmux
            .cmd()
            .args(["capture-pane", "-p", "-t", "t", "-S", "-2000"])
            .output()
            .unwrap();
        String::from_utf8_lossy(&o.stdout).matches(what).count()
    };
    // Each `cd` at its own prompt (the hook runs before the next one).
    let n = std::cell::Cell::new(0);
    let cd = |d: &Path| {
        n.set(n.get() + 1);
        let f = out.join(format!("cd{}", n.get()));
        tmux.type_line(&format!(
            "cd {}; 'x' | save -f {}",
            nu_quote(d),
            nu_quote(&f)
        ));
        wait_for(&f, &tmux);
    };
    let mark = |name: &str| {
        let f = out.join(name);
        tmux.type_line(&format!(
            "$env.GOENV_HOOK_ERROR? | default 'none' | save -f {}",
            nu_quote(&f)
        ));
        wait_for(&f, &tmux)
    };
    // config.nu's `goenv activate` and three `cd`s: config.nu ran to its
    // end (start_repl waited for it), the prompt shows the marker.
    assert!(
        tmux.screen().contains("go: config error"),
        "{}",
        tmux.screen()
    );
    for d in [&proj, &sb.home(), &proj] {
        cd(d);
    }
    let m1 = mark("m1");
    assert_ne!(m1, "none");
    assert_eq!(count(":1:10"), 1, "{}", tmux.screen());
    // Another error: reported once more.
    std::fs::write(&cfg, "\ngoroot = \"sometimes\"\n").unwrap();
    for d in [&sb.home(), &proj] {
        cd(d);
    }
    let m2 = mark("m2");
    assert_ne!(m2, m1);
    assert_eq!(count(":2:10"), 1, "{}", tmux.screen());
    // Fixed: the hook applies, and the mark goes.
    std::fs::remove_file(&cfg).unwrap();
    cd(&sb.home());
    cd(&proj);
    let f = out.join("fixed");
    tmux.type_line(&format!(
        "[(^go version) ($env.GOENV_HOOK_ERROR? | default 'none')] | str join ';' | save -f {}",
        nu_quote(&f)
    ));
    let got = wait_for(&f, &tmux);
    assert!(got.starts_with("go version go1.21."), "{got}");
    assert!(got.ends_with(";none"), "{got}");
    tmux.type_line("exit");
}

/// `goenv doctor` as a table in a 200-column terminal shows each finding's
/// fix (Nushell drops the columns that don't fit, from the right).
#[test]
fn doctor_table_shows_the_fix_in_a_terminal() {
    go_root("1.21");
    go_root("1.23");
    let sb = Sandbox::new();
    let out = sb.path().join("out");
    let tmux = start_repl(&sb, &out, "");
    let f = out.join("done");
    tmux.type_line(&format!(
        "$env.GOROOT = '/usr/lib/go-1.21'; goenv doctor | print; 'x' | save -f {}",
        nu_quote(&f)
    ));
    wait_for(&f, &tmux);
    std::thread::sleep(Duration::from_millis(300));
    let screen = tmux.screen();
    let header = screen
        .lines()
        .find(|l| l.contains(" id ") && l.contains("severity"))
        .unwrap_or_else(|| panic!("no table header:\n{screen}"));
    assert!(header.contains(" fix "), "{screen}");
    assert!(
        screen.contains("hide-env GOROOT  # and remove it from your shell's start-up files"),
        "{screen}"
    );
    tmux.type_line("exit");
}
