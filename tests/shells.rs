//! `goenv-hook shells` with real bash, zsh, fish, dash and nu 0.115.1, in a
//! hermetic home whose start-up files give each shell a different Go (a
//! bash login profile with go1.19 and a .bashrc with go1.21, a .zshrc with
//! go1.22 and its own GOPATH, goenv-hook's init in fish's config, a
//! config.nu with go1.23 and GOTOOLCHAIN=local, a .profile with go1.22
//! and GOBIN for dash): every row must be what the same shell, started by
//! hand the same way (`bash -lic`, `zsh -ic`, `fish -lic`, `nu -l -c`, …)
//! in the same environment, resolves, judged by `command -v go` and real
//! `go env` run in that shell. A start-up file that hangs is killed at the
//! timeout, with what it started, and reported.

mod common;

use common::*;
use std::path::Path;
use std::process::{Command, Stdio};

/// The nu binary's directory, put on PATH so `shells` finds nu.
fn nu_dir() -> String {
    nu().parent().unwrap().to_str().unwrap().to_string()
}

fn write(p: &Path, text: &str) {
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, text).unwrap();
}

fn home_with_gos(sb: &Sandbox) {
    let h = sb.home();
    write(
        &h.join(".bash_profile"),
        "export PATH=/usr/lib/go-1.19/bin:$PATH\n",
    );
    write(
        &h.join(".bashrc"),
        "export PATH=/usr/lib/go-1.21/bin:$PATH\n",
    );
    write(
        &h.join(".zshrc"),
        "export PATH=/usr/lib/go-1.22/bin:$PATH\nexport GOPATH=$HOME/zgo\n",
    );
    write(
        &h.join(".config/fish/config.fish"),
        &format!("{} init fish | source\n", q(&exe())),
    );
    write(
        &h.join(".config/nushell/config.nu"),
        "$env.PATH = ($env.PATH | prepend '/usr/lib/go-1.23/bin')\n$env.GOTOOLCHAIN = 'local'\n",
    );
    write(&h.join(".config/nushell/env.nu"), "");
    write(
        &h.join(".profile"),
        "export PATH=/usr/lib/go-1.22/bin:$PATH\nexport GOBIN=$HOME/bin\n",
    );
}

/// `goenv-hook shells --json` with the user's environment of a terminal.
fn shells(sb: &Sandbox, timeout: &str) -> (serde_json::Value, i32) {
    let path = format!("{}:{SYSTEM_PATH}", nu_dir());
    let out = Command::new(exe())
        .env_clear()
        .env("HOME", sb.home())
        .env("USER", "tester")
        .env("LOGNAME", "tester")
        .env("SHELL", "/bin/bash")
        .env("TERM", "dumb")
        .env("LANG", "C.UTF-8")
        .env("PATH", path)
        .current_dir(sb.path())
        .args(["shells", "--json", "--timeout", timeout])
        .output()
        .unwrap();
    let j: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "{e}: {}\n{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    });
    (j, out.status.code().unwrap_or(-1))
}

/// The same shell started by hand: program, arguments before the command,
/// and the command printing, after a marker, `command -v go`, `go env
/// GOVERSION GOROOT GOPATH GOBIN GOTOOLCHAIN` and whether goenv-hook's
/// state is exported.
fn direct(shell: &str, mode: &str, home: &Path) -> (String, Vec<String>) {
    const POSIX: &str = "echo MARKER-GOENV; command -v go || echo; if command -v go >/dev/null; then go env GOVERSION GOROOT GOPATH GOBIN GOTOOLCHAIN; fi; echo \"${GOENV_HOOK_STATE:+yes}\"";
    const FISH: &str = "echo MARKER-GOENV; command -v go; or echo; if command -q go; go env GOVERSION GOROOT GOPATH GOBIN GOTOOLCHAIN; end; set -q GOENV_HOOK_STATE; and echo yes; or echo";
    const NU: &str = "print MARKER-GOENV; let g = (which go); if ($g | is-empty) { print '' } else { print ($g | get 0.path); ^go env GOVERSION GOROOT GOPATH GOBIN GOTOOLCHAIN | print }; print (if 'GOENV_HOOK_STATE' in $env { 'yes' } else { '' })";
    let login = mode == "login";
    let (prog, args): (&str, Vec<String>) = match shell {
        "bash" | "zsh" | "dash" => (
            shell,
            vec![if login { "-lic" } else { "-ic" }.into(), POSIX.into()],
        ),
        "fish" => (
            "fish",
            vec![if login { "-lic" } else { "-ic" }.into(), FISH.into()],
        ),
        "nu" => {
            let cfg = home.join(".config/nushell");
            let mut a: Vec<String> = vec!["--no-history".into()];
            if login {
                a.push("-l".into());
            } else {
                a.extend([
                    "--config".into(),
                    cfg.join("config.nu").to_str().unwrap().into(),
                    "--env-config".into(),
                    cfg.join("env.nu").to_str().unwrap().into(),
                ]);
            }
            a.extend(["-c".into(), NU.into()]);
            (nu().to_str().unwrap().to_string().leak(), a)
        }
        other => panic!("no direct run for {other}"),
    };
    (prog.to_string(), args)
}

/// The row as the direct run sees it: [go, version, GOROOT, GOPATH, GOBIN,
/// GOTOOLCHAIN, init].
fn direct_values(j: &serde_json::Value, shell: &str, mode: &str, home: &Path) -> Vec<String> {
    let (prog, args) = direct(shell, mode, home);
    let mut c = Command::new(&prog);
    c.env_clear()
        .args(&args)
        .current_dir(j["dir"].as_str().unwrap())
        .stdin(Stdio::null());
    for (k, v) in j["environment"].as_object().unwrap() {
        c.env(k, v.as_str().unwrap());
    }
    let out = c.output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    let after = text.split("MARKER-GOENV\n").nth(1).unwrap_or_else(|| {
        panic!(
            "{shell} {mode}: no marker in {text:?}; stderr {}",
            String::from_utf8_lossy(&out.stderr)
        )
    });
    let lines: Vec<String> = after.lines().map(str::to_string).collect();
    if lines[0].is_empty() {
        // No go: nothing from go env.
        return vec![String::new(), lines.get(1).cloned().unwrap_or_default()];
    }
    assert!(lines.len() >= 7, "{shell} {mode}: {lines:?}");
    lines[..7].to_vec()
}

fn row_values(r: &serde_json::Value) -> Vec<String> {
    let s = |k: &str| r[k].as_str().unwrap_or("").to_string();
    if r["go"].is_null() {
        return vec![
            String::new(),
            if r["init"] == true {
                "yes".into()
            } else {
                String::new()
            },
        ];
    }
    vec![
        s("go"),
        s("go_version"),
        s("goroot"),
        s("gopath"),
        s("gobin"),
        s("gotoolchain"),
        if r["init"] == true {
            "yes".into()
        } else {
            String::new()
        },
    ]
}

#[test]
fn each_row_is_what_the_shell_resolves() {
    let sb = Sandbox::new();
    home_with_gos(&sb);
    let (j, code) = shells(&sb, "30");
    let rows = j["shells"].as_array().unwrap();
    let home = sb.home();
    let mut seen = Vec::new();
    let mut bad = Vec::new();
    for r in rows {
        let shell = r["shell"].as_str().unwrap();
        let mode = r["mode"].as_str().unwrap();
        if shell == "pwsh" {
            continue; // not installed here; no direct run written for it
        }
        assert_eq!(r["status"], "ok", "{shell} {mode}: {r}");
        let want = direct_values(&j, shell, mode, &home);
        let got = row_values(r);
        if want != got {
            bad.push(format!(
                "{shell} {mode}: the shell resolves {want:?}, shells says {got:?}"
            ));
        }
        seen.push(format!("{shell} {mode}"));
    }
    assert!(bad.is_empty(), "{}\n{j:#}", bad.join("\n"));
    for s in ["bash", "zsh", "fish", "dash", "nu"] {
        for m in ["login", "interactive"] {
            assert!(
                seen.contains(&format!("{s} {m}")),
                "{s} {m} missing: {seen:?}"
            );
        }
    }
    // What the start-up files made of them.
    let get = |s: &str, m: &str, k: &str| -> String {
        rows.iter()
            .find(|r| r["shell"] == s && r["mode"] == m)
            .map(|r| r[k].as_str().unwrap_or("").to_string())
            .unwrap()
    };
    assert_eq!(get("bash", "login", "go"), "/usr/lib/go-1.19/bin/go");
    assert_eq!(get("bash", "interactive", "go"), "/usr/lib/go-1.21/bin/go");
    assert_eq!(
        get("zsh", "interactive", "gopath"),
        format!("{}/zgo", home.display())
    );
    assert_eq!(get("nu", "login", "gotoolchain"), "local");
    assert_eq!(
        get("dash", "login", "gobin"),
        format!("{}/bin", home.display())
    );
    assert!(rows
        .iter()
        .any(|r| r["shell"] == "fish" && r["init"] == true));
    let diff: Vec<&str> = j["differences"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d.as_str().unwrap())
        .collect();
    for c in [
        "go",
        "version",
        "GOROOT",
        "GOPATH",
        "GOBIN",
        "GOTOOLCHAIN",
        "init",
    ] {
        assert!(diff.contains(&c), "{c} not among the differences {diff:?}");
    }
    assert_eq!(code, 1, "differences exit 1");
    assert_eq!(j["dir"].as_str().unwrap(), home.to_str().unwrap());
    for k in ["HOME", "USER", "LOGNAME", "SHELL", "TERM", "PATH"] {
        assert!(
            j["environment"].get(k).is_some(),
            "{k} missing: {}",
            j["environment"]
        );
    }
    assert!(j["environment"].get("XDG_CONFIG_HOME").is_none());
}

#[test]
fn text_marks_the_differences() {
    let sb = Sandbox::new();
    home_with_gos(&sb);
    let out = Command::new(exe())
        .env_clear()
        .env("HOME", sb.home())
        .env("USER", "tester")
        .env("SHELL", "/bin/bash")
        .env("TERM", "dumb")
        .env("PATH", format!("{}:{SYSTEM_PATH}", nu_dir()))
        .args(["shells", "--timeout", "30"])
        .output()
        .unwrap();
    let t = String::from_utf8(out.stdout).unwrap();
    assert!(t.contains("shell  start"), "{t}");
    assert!(t.contains("!/usr/lib/go-1.19/bin/go"), "{t}");
    assert!(
        t.contains("Differ: go, version, GOROOT, GOPATH, GOBIN, GOTOOLCHAIN, init."),
        "{t}"
    );
}

#[test]
fn a_start_up_file_that_hangs_is_killed_and_reported() {
    let sb = Sandbox::new();
    let h = sb.home();
    // A unique duration, to find the process afterwards.
    write(
        &h.join(".zshrc"),
        "sleep 87.25\nexport PATH=/usr/lib/go-1.22/bin:$PATH\n",
    );
    write(
        &h.join(".bashrc"),
        "export PATH=/usr/lib/go-1.21/bin:$PATH\n",
    );
    let (j, code) = shells(&sb, "2");
    let rows = j["shells"].as_array().unwrap();
    for r in rows {
        let (shell, mode) = (r["shell"].as_str().unwrap(), r["mode"].as_str().unwrap());
        if shell == "zsh" {
            assert_eq!(r["status"], "timeout", "{r}");
            let e = r["error"].as_str().unwrap();
            assert!(
                e.contains(&format!(
                    "zsh {mode}: did not finish starting within 2 s; killed"
                )),
                "{e}"
            );
            assert!(r["go"].is_null());
        } else {
            assert_eq!(r["status"], "ok", "{r}");
        }
    }
    assert_eq!(
        rows.iter()
            .find(|r| r["shell"] == "bash" && r["mode"] == "interactive")
            .unwrap()["go"],
        "/usr/lib/go-1.21/bin/go"
    );
    assert_eq!(code, 1);
    // No process left running `sleep 87.25` (zombies aside).
    let mut left = Vec::new();
    for e in std::fs::read_dir("/proc").unwrap().flatten() {
        let cmdline = std::fs::read(e.path().join("cmdline")).unwrap_or_default();
        let stat = std::fs::read_to_string(e.path().join("stat")).unwrap_or_default();
        let zombie = stat
            .rsplit(')')
            .next()
            .is_some_and(|r| r.trim_start().starts_with('Z'));
        if cmdline == b"sleep\x0087.25\x00" && !zombie {
            left.push(e.path());
        }
    }
    assert!(
        left.is_empty(),
        "the hung start-up was not killed: {left:?}"
    );
}

/// A home that is a Go project (a go.mod there) is not where the shells
/// start: they start in `/`, and the report says why.
#[test]
fn a_project_home_is_not_the_start_directory() {
    let sb = Sandbox::new();
    write(
        &sb.home().join("go.mod"),
        "module example.com/home\n\ngo 1.21\n",
    );
    let (j, _) = shells(&sb, "20");
    assert_eq!(j["dir"], "/", "{j}");
    let note = j["dir_note"].as_str().unwrap();
    assert!(
        note.contains(&format!("{}/go.mod", sb.home().display())),
        "{note}"
    );
    assert!(
        j["shells"]
            .as_array()
            .unwrap()
            .iter()
            .all(|r| r["status"] == "ok"),
        "{j}"
    );
}
