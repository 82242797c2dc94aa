//! `doctor` analyses the shell it runs in (issue 14, item 6): started from
//! real interactive shells (dash, bash as a login shell, zsh, and bash in a
//! tmux pane), its start-up section is that shell's, says how it was
//! started, and marks the kind of start that applies; `$SHELL` (the login
//! shell) is the fallback for shells that run a script or a `-c` command.

mod common;

use common::{exe, go_root, q, require, run_piped, Sandbox};
use serde_json::Value;
use std::path::Path;
use std::process::Command;

fn path(sb: &Sandbox) -> String {
    format!(
        "{}:{}:/usr/bin:/bin",
        go_root("1.22").join("bin").display(),
        sb.home().join("go/bin").display()
    )
}

/// Runs `doctor --json` by typing it into `shell args…` (stdin), with
/// `$SHELL` naming another shell; the JSON report.
fn typed(sb: &Sandbox, shell: &str, args: &[&str], login_shell: &str) -> Value {
    std::fs::create_dir_all(sb.home().join("go/bin")).unwrap();
    let out = sb.path().join("doctor.json");
    let mut c = sb.command(require(shell), &path(sb));
    c.args(args).env("SHELL", login_shell);
    let line = format!("{} doctor --json > {}\nexit\n", q(&exe()), q(&out));
    let (o, e) = run_piped(c, &line);
    let text = std::fs::read_to_string(&out).unwrap_or_else(|_| panic!("{shell}: {o}\n{e}"));
    serde_json::from_str(&text).unwrap()
}

fn files(v: &Value) -> Vec<String> {
    v["startup"]["modes"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|m| m["files"].as_array().unwrap().iter())
        .map(|f| f["path"].as_str().unwrap().to_string())
        .collect()
}

/// The modes marked as this shell's.
fn this(v: &Value) -> Vec<String> {
    v["startup"]["modes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["this_shell"] == true)
        .map(|m| m["mode"].as_str().unwrap().to_string())
        .collect()
}

fn init_fix(v: &Value) -> String {
    common::finding(v, "init-not-in-startup")["fix"].to_string()
}

#[test]
fn dash_typed_in_is_analysed_as_sh_not_as_the_login_shell() {
    let sb = Sandbox::new();
    let v = typed(&sb, "dash", &["-i"], "/bin/bash");
    assert_eq!(v["startup"]["shell"], "posix", "{v:#}");
    let here = v["startup"]["here"].as_str().unwrap();
    assert!(here.starts_with("dash, an interactive shell"), "{here}");
    assert!(
        !files(&v).iter().any(|f| f.contains("bash")),
        "{:?}",
        files(&v)
    );
    assert!(
        init_fix(&v).contains("goenv-hook init posix"),
        "{}",
        init_fix(&v)
    );
}

#[test]
fn dash_reads_the_file_env_names() {
    let sb = Sandbox::new();
    let shrc = sb.home().join(".shrc");
    std::fs::write(&shrc, "eval \"$(goenv-hook init posix)\"\n").unwrap();
    std::fs::create_dir_all(sb.home().join("go/bin")).unwrap();
    let out = sb.path().join("doctor.json");
    let mut c = sb.command(require("dash"), &path(&sb));
    c.arg("-i").env("ENV", &shrc).env("SHELL", "/bin/bash");
    // The init line runs goenv-hook from PATH: put it there.
    let bin = exe().parent().unwrap().to_path_buf();
    c.env("PATH", format!("{}:{}", bin.display(), path(&sb)));
    let line = format!("goenv-hook doctor --json > {}\nexit\n", q(&out));
    run_piped(c, &line);
    let v: Value = serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    assert_eq!(this(&v), ["interactive"], "{v:#}");
    let m = v["startup"]["modes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["mode"] == "interactive")
        .unwrap();
    assert_eq!(m["init_reached"], 1, "{m:#}");
}

#[test]
fn bash_login_shell_is_marked_as_such() {
    let sb = Sandbox::new();
    let v = typed(&sb, "bash", &["-il"], "/usr/bin/zsh");
    assert_eq!(v["startup"]["shell"], "bash", "{v:#}");
    let here = v["startup"]["here"].as_str().unwrap();
    assert!(here.starts_with("bash, a login shell"), "{here}");
    assert_eq!(this(&v), ["login"]);
    assert!(init_fix(&v).contains("goenv-hook init bash"));
}

#[test]
fn zsh_interactive_shell_beats_shell_var() {
    let sb = Sandbox::new();
    let v = typed(&sb, "zsh", &["-i", "-f"], "/bin/bash");
    assert_eq!(v["startup"]["shell"], "zsh", "{v:#}");
    assert_eq!(this(&v), ["interactive"]);
    assert!(init_fix(&v).contains("goenv-hook init zsh"));
}

#[test]
fn a_command_shell_falls_back_to_the_login_shell() {
    let sb = Sandbox::new();
    std::fs::create_dir_all(sb.home().join("go/bin")).unwrap();
    let o = sb
        .command(require("bash"), &path(&sb))
        .env("SHELL", "/usr/bin/zsh")
        .arg("-c")
        .arg(format!("{} doctor --json", q(&exe())))
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["startup"]["shell"], "zsh", "{v:#}");
    assert!(v["startup"]["here"].is_null());
    assert!(this(&v).is_empty());
}

/// tmux starts its shells as login shells (`-bash`): doctor says so and
/// judges the login start.
#[test]
fn tmux_pane_is_a_login_shell() {
    let sb = Sandbox::new();
    std::fs::create_dir_all(sb.home().join("go/bin")).unwrap();
    let tmux = require("tmux");
    let sock = format!("goenv-hook-here-{}", std::process::id());
    let out = sb.path().join("doctor.json");
    let run = |args: &[&str]| {
        let st = Command::new(&tmux)
            .env_clear()
            .envs(sb.env(&path(&sb)))
            .env("SHELL", require("bash"))
            .args(["-L", &sock, "-f", "/dev/null"])
            .args(args)
            .status()
            .unwrap();
        assert!(st.success(), "tmux {args:?}");
    };
    let home = sb.home();
    run(&[
        "new-session",
        "-d",
        "-s",
        "t",
        "-x",
        "200",
        "-y",
        "50",
        "-c",
        home.to_str().unwrap(),
    ]);
    let line = format!(
        "{} doctor --json > {}.tmp; mv {}.tmp {}",
        q(&exe()),
        q(&out),
        q(&out),
        q(&out)
    );
    run(&["send-keys", "-t", "t", "-l", &line]);
    run(&["send-keys", "-t", "t", "Enter"]);
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    while !Path::new(&out).exists() && std::time::Instant::now() < deadline {
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    let _ = Command::new(&tmux)
        .args(["-L", &sock, "kill-server"])
        .status();
    let v: Value = serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    let here = v["startup"]["here"].as_str().unwrap();
    assert_eq!(
        here, "bash, a login shell started by tmux (tmux starts login shells by default)",
        "{v:#}"
    );
    assert_eq!(this(&v), ["login"]);
}
