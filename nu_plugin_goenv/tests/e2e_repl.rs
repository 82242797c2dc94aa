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

#[test]
fn cd_hook_switches_toolchains_in_the_repl() {
    go_root("1.21");
    go_root("1.23");
    let sb = Sandbox::new();
    let proj = sb.project("p21", "1.21");
    let out = sb.path().join("out");
    std::fs::create_dir_all(&out).unwrap();
    let config = sb.path().join("config.nu");
    let env_nu = sb.path().join("env.nu");
    std::fs::write(&env_nu, "").unwrap();
    std::fs::write(
        &config,
        format!(
            "$env.config.show_banner = false\n\
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
