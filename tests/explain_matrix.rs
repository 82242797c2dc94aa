//! `goenv-hook explain --json` against real `go env`: for Debian go 1.19,
//! 1.21, 1.22 and 1.23, in hermetic sandboxes (a `go env -w` file, a
//! `$GOROOT/go.env` with GOTOOLCHAIN and GOPROXY, variables set, empty and
//! unclean, defaults, no HOME), every explained variable's value must be
//! what `go env NAME` prints, the go on PATH what `command -v go` finds, and
//! its version `go env GOVERSION`. And explain itself never starts a
//! program (strace).

mod common;

use common::*;
use std::path::{Path, PathBuf};
use std::process::Command;

const VARS: [&str; 11] = [
    "GOROOT",
    "GOPATH",
    "GOBIN",
    "GOTOOLCHAIN",
    "GOPROXY",
    "GOSUMDB",
    "GOFLAGS",
    "GO111MODULE",
    "GOMODCACHE",
    "GOCACHE",
    "GOENV",
];

struct Case<'a> {
    name: &'a str,
    /// The environment (nothing else is inherited), `$S` standing for the
    /// sandbox directory.
    env: Vec<(&'a str, String)>,
    /// Files to write (relative to the sandbox) before the run.
    files: Vec<(&'a str, &'a str)>,
    /// PATH's first entry: the toolchain's bin, or a directory with a `go`
    /// symlink to it.
    symlinked_go: bool,
}

fn case<'a>(name: &'a str, env: &[(&'a str, &str)], files: &[(&'a str, &'a str)]) -> Case<'a> {
    Case {
        name,
        env: env.iter().map(|(k, v)| (*k, v.to_string())).collect(),
        files: files.to_vec(),
        symlinked_go: false,
    }
}

fn cases() -> Vec<Case<'static>> {
    let full_file = "GOPROXY=https://file.example,direct\nGOSUMDB=off\nGOFLAGS=-mod=mod\nGO111MODULE=on\nGOPATH=$S/gp1:$S/gp2\nGOBIN=$S/gobin\nGOCACHE=$S/cache\nGOTOOLCHAIN=local\nGOFLAGS=-mod=readonly\n";
    let go_env_a = "# a go.env\nGOPROXY=https://goenv-a.example\nGOTOOLCHAIN=local\n";
    let go_env_b = "GOPROXY=https://goenv-b.example\nGOSUMDB=sum.b.example\nGOTOOLCHAIN=path\n";
    let mut v = vec![
        case("defaults", &[("HOME", "$S/home")], &[]),
        case(
            "go env -w file",
            &[("HOME", "$S/home")],
            &[("home/.config/go/env", full_file)],
        ),
        case(
            "environment over the file; empty and relative values",
            &[
                ("HOME", "$S/home"),
                ("GOPROXY", "direct"),
                ("GOFLAGS", ""),
                ("GOPATH", "$S//gp3/"),
                ("GOTOOLCHAIN", "path"),
                ("GOCACHE", "relative/cache"),
                ("GO111MODULE", "off"),
            ],
            &[("home/.config/go/env", full_file)],
        ),
        case(
            "empty lines in the go env -w file",
            &[("HOME", "$S/home")],
            &[(
                "home/.config/go/env",
                "GOPROXY=\nGOSUMDB=\nGOTOOLCHAIN=\nGOPATH=\n",
            )],
        ),
        case(
            "GOROOT in the environment with its own go.env",
            &[("HOME", "$S/home"), ("GOROOT", "$S/roota/")],
            &[("roota/go.env", go_env_a)],
        ),
        case(
            "GOROOT in the go env -w file, unclean",
            &[("HOME", "$S/home")],
            &[
                ("home/.config/go/env", "GOROOT=$S//rootb/./\n"),
                ("rootb/go.env", go_env_b),
            ],
        ),
        case(
            "GOROOT in both: go.env comes from the file's",
            &[("HOME", "$S/home"), ("GOROOT", "$S/roota")],
            &[
                ("home/.config/go/env", "GOROOT=$S/rootb\n"),
                ("roota/go.env", go_env_a),
                ("rootb/go.env", go_env_b),
            ],
        ),
        case(
            "GOENV names the file",
            &[
                ("HOME", "$S/home"),
                ("GOENV", "$S/custom-env"),
                ("XDG_CONFIG_HOME", "$S/xdg"),
            ],
            &[
                (
                    "custom-env",
                    "GOPROXY=https://custom.example\nGOTOOLCHAIN=local\n",
                ),
                ("xdg/go/env", "GOPROXY=https://not-read.example\n"),
            ],
        ),
        case(
            "GOENV=off",
            &[("HOME", "$S/home"), ("GOENV", "off")],
            &[(
                "home/.config/go/env",
                "GOPROXY=https://not-read.example\nGOFLAGS=-x\n",
            )],
        ),
        case(
            "XDG directories",
            &[
                ("HOME", "$S/home"),
                ("XDG_CONFIG_HOME", "$S/xdgc"),
                ("XDG_CACHE_HOME", "$S/xdgcache//"),
            ],
            &[("xdgc/go/env", "GOSUMDB=off\nGOMODCACHE=$S/modcache\n")],
        ),
        case(
            "relative XDG_CACHE_HOME",
            &[("HOME", "$S/home"), ("XDG_CACHE_HOME", "rel/cache")],
            &[],
        ),
        case(
            "no HOME",
            &[
                ("XDG_CONFIG_HOME", "$S/xdgc"),
                ("XDG_CACHE_HOME", "$S/xdgcache"),
            ],
            &[("xdgc/go/env", "GOFLAGS=-v\n")],
        ),
        case("no HOME and no XDG", &[], &[]),
        case(
            "GOPATH with an empty first entry",
            &[("HOME", "$S/home"), ("GOPATH", ":$S/gp")],
            &[],
        ),
        case(
            "GOTOOLCHAIN with a suffix and GOFLAGS with spaces",
            &[
                ("HOME", "$S/home"),
                ("GOTOOLCHAIN", "local+auto"),
                ("GOFLAGS", "-mod=mod -v"),
            ],
            &[],
        ),
    ];
    let mut s = case("go on PATH through a symlink", &[("HOME", "$S/home")], &[]);
    s.symlinked_go = true;
    v.push(s);
    v
}

/// A fake Go root whose go.env the case controls (`pkg/tool` links to the
/// real one, so it is a GOROOT by Go's test).
fn fake_root(dir: &Path, real: &Path) {
    std::fs::create_dir_all(dir.join("pkg")).unwrap();
    let tool = dir.join("pkg/tool");
    if !tool.exists() {
        std::os::unix::fs::symlink(real.join("pkg/tool"), tool).unwrap();
    }
}

fn expand(s: &str, sb: &Path) -> String {
    s.replace("$S", sb.to_str().unwrap())
}

fn run_case(minor: &str, c: &Case) -> Vec<String> {
    let root = go_root(minor);
    let sb = tempfile::Builder::new()
        .prefix("goenv-hook-explain")
        .tempdir()
        .unwrap();
    let s = sb.path();
    for d in ["home", "work", "bin"] {
        std::fs::create_dir_all(s.join(d)).unwrap();
    }
    for r in ["roota", "rootb"] {
        fake_root(&s.join(r), &root);
    }
    for (rel, text) in &c.files {
        let p = s.join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(&p, expand(text, s)).unwrap();
    }
    let first = if c.symlinked_go {
        std::os::unix::fs::symlink(root.join("bin/go"), s.join("bin/go")).unwrap();
        s.join("bin")
    } else {
        root.join("bin")
    };
    let path = format!("{}:/usr/bin:/bin", first.display());
    // goenv-hook's own config: an empty file (with no HOME it would be
    // looked up in the real user's home).
    std::fs::write(s.join("goenv-hook.toml"), "").unwrap();
    let mut env: Vec<(String, String)> = c
        .env
        .iter()
        .map(|(k, v)| (k.to_string(), expand(v, s)))
        .collect();
    env.push(("PATH".into(), path));
    env.push(("LANG".into(), "C.UTF-8".into()));
    let cmd = |prog: &Path| {
        let mut x = Command::new(prog);
        x.env_clear()
            .envs(env.iter().map(|(k, v)| (k, v)))
            .env("GOENV_HOOK_CONFIG", s.join("goenv-hook.toml"))
            .current_dir(s.join("work"));
        x
    };
    // What go says.
    let real = cmd(&root.join("bin/go"))
        .arg("env")
        .args(VARS)
        .arg("GOVERSION")
        .output()
        .unwrap();
    assert!(
        real.status.success(),
        "go{minor}, {}: go env failed: {}",
        c.name,
        String::from_utf8_lossy(&real.stderr)
    );
    let real = String::from_utf8(real.stdout).unwrap();
    let real: Vec<&str> = real.lines().collect();
    assert_eq!(real.len(), VARS.len() + 1, "go env output: {real:?}");
    let which = cmd(Path::new("/bin/sh"))
        .args(["-c", "command -v go"])
        .output()
        .unwrap();
    let which = String::from_utf8(which.stdout).unwrap();
    // What explain says.
    let out = cmd(&exe()).args(["explain", "--json"]).output().unwrap();
    assert!(
        out.status.success(),
        "go{minor}, {}: explain failed: {}",
        c.name,
        String::from_utf8_lossy(&out.stderr)
    );
    let j: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let mut bad = Vec::new();
    for (i, name) in VARS.iter().enumerate() {
        let v = j["variables"]
            .as_array()
            .unwrap()
            .iter()
            .find(|v| v["name"] == *name)
            .unwrap_or_else(|| panic!("{name} missing from {j}"));
        let got = v["value"].as_str();
        if got != Some(real[i]) {
            bad.push(format!(
                "go{minor}, {}: {name}: go env says {:?}, explain says {got:?} (layers: {})",
                c.name, real[i], v["layers"]
            ));
        }
        // Exactly one layer decides a known value.
        let used = v["layers"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|l| l["used"] == true)
            .count();
        if got.is_some() && used != 1 && !(*name == "GOTOOLCHAIN" && minor == "1.19") {
            bad.push(format!(
                "go{minor}, {}: {name}: {used} layers used: {v}",
                c.name
            ));
        }
    }
    if j["go"]["path"].as_str() != Some(which.trim_end()) {
        bad.push(format!(
            "go{minor}, {}: go on PATH: command -v says {which:?}, explain {}",
            c.name, j["go"]["path"]
        ));
    }
    let goversion = real[VARS.len()];
    if j["go"]["version"].as_str() != Some(goversion) {
        bad.push(format!(
            "go{minor}, {}: version: go env GOVERSION says {goversion}, explain {}",
            c.name, j["go"]["version"]
        ));
    }
    bad
}

#[test]
fn explain_agrees_with_go_env() {
    let mut bad = Vec::new();
    let mut n = 0;
    for minor in ["1.19", "1.21", "1.22", "1.23"] {
        for c in cases() {
            bad.extend(run_case(minor, &c));
            n += 1;
        }
    }
    assert!(
        bad.is_empty(),
        "{} of {n} runs disagree:\n{}",
        bad.len(),
        bad.join("\n")
    );
}

/// The text names the layers and the start-up line that exported a
/// variable; `explain GOPROXY` shows only that variable.
#[test]
fn text_shows_layers_and_the_exporting_line() {
    let sb = Sandbox::new();
    let home = sb.home();
    std::fs::write(
        home.join(".bashrc"),
        "# rc\nexport GOPATH=\"$HOME/work\"\nexport PATH=/usr/lib/go-1.22/bin:$PATH\n",
    )
    .unwrap();
    std::fs::create_dir_all(home.join(".config/go")).unwrap();
    std::fs::write(home.join(".config/go/env"), "GOPROXY=https://p.example\n").unwrap();
    let gopath = home.join("work");
    let path = format!("{}:{SYSTEM_PATH}", go_root("1.22").join("bin").display());
    let out = sb
        .command(exe(), &path)
        .env("GOPATH", &gopath)
        .env("SHELL", "/bin/bash")
        .arg("explain")
        .output()
        .unwrap();
    assert!(out.status.success());
    let t = String::from_utf8(out.stdout).unwrap();
    let rc = home.join(".bashrc");
    assert!(
        t.contains(&format!(
            "set by {}:2 (interactive): export GOPATH=\"$HOME/work\"",
            rc.display()
        )),
        "{t}"
    );
    assert!(
        t.contains(&format!(
            "set by {}:3 (interactive): export PATH=/usr/lib/go-1.22/bin:$PATH",
            rc.display()
        )),
        "{t}"
    );
    assert!(
        t.contains(&format!(
            "* 2 go env -w file  {}:1: https://p.example",
            home.join(".config/go/env").display()
        )),
        "{t}"
    );
    assert!(t.contains("/usr/lib/go-1.22/go.env:"), "{t}");
    let out = sb
        .command(exe(), &path)
        .args(["explain", "GOPROXY"])
        .output()
        .unwrap();
    let t = String::from_utf8(out.stdout).unwrap();
    assert!(t.starts_with("GOPROXY = https://p.example\n"), "{t}");
    assert!(!t.contains("GOPATH"), "{t}");
    let out = sb
        .command(exe(), &path)
        .args(["explain", "GOPRIVATE"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(64));
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot explain 'GOPRIVATE'"));
}

/// explain reads files only: strace sees one execve (goenv-hook itself).
#[test]
fn explain_starts_no_program() {
    let sb = Sandbox::new();
    let path = format!("{}:{SYSTEM_PATH}", go_root("1.23").join("bin").display());
    let log: PathBuf = sb.path().join("strace.log");
    let st = sb
        .command(require("strace"), &path)
        .args(["-f", "-qq", "-e", "trace=execve", "-o"])
        .arg(&log)
        .arg(exe())
        .args(["explain", "--json"])
        .stdout(std::process::Stdio::null())
        .status()
        .unwrap();
    assert!(st.success());
    let log = std::fs::read_to_string(&log).unwrap();
    let execs: Vec<&str> = log.lines().filter(|l| l.contains("execve(")).collect();
    assert_eq!(execs.len(), 1, "{log}");
}
