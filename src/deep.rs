//! `doctor --deep`: the one place goenv-hook runs `go` (never at the prompt,
//! never from a project directory). It runs the `go` that runs now, asks it
//! `go env -json`, compares with what goenv-hook predicted from files, and
//! builds a hello-world module in a fresh temporary directory with
//! `GOFLAGS=-mod=mod GOPROXY=off GOTOOLCHAIN=local`.

use crate::checks::{Class, Evidence, Finding, Severity};
use crate::plan;
use crate::probe::{same_dir, Facts};
use crate::toolchain::{self, GoHit};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The `go` that runs now (first usable hit on the current PATH).
fn running_go(facts: &Facts) -> Option<GoHit> {
    let cur = &facts.current;
    let hits = toolchain::find_go_on_path(&cur.path_entries(), cur);
    toolchain::active(&hits).cloned()
}

fn go_cmd(go: &Path, dir: &Path) -> Command {
    let mut c = Command::new(go);
    c.current_dir(dir);
    c
}

pub fn run(facts: &Facts) -> Vec<Finding> {
    let mut out = Vec::new();
    let Some(hit) = running_go(facts) else {
        return out; // go-not-found already says so
    };
    let go = hit.path.clone();
    let tmp = match TempDir::new() {
        Some(t) => t,
        None => return out,
    };
    // 1. go env -json, compared with our predictions.
    // GOTOOLCHAIN=local: this describes the go that runs, not a toolchain
    // it would switch to (a pin is reported by the static checks).
    let o = go_cmd(&go, tmp.path())
        .args(["env", "-json"])
        .env("GOTOOLCHAIN", "local")
        .output();
    let reported: BTreeMap<String, String> = match o {
        Ok(o) if o.status.success() => serde_json::from_slice(&o.stdout).unwrap_or_default(),
        Ok(o) => {
            out.push(build_failed(
                &go,
                "go env -json",
                &String::from_utf8_lossy(&o.stderr),
            ));
            return out;
        }
        Err(e) => {
            out.push(build_failed(&go, "go env -json", &e.to_string()));
            return out;
        }
    };
    let env = &facts.current;
    let root = hit.toolchain.as_ref().map(|t| t.root.clone());
    let mut diffs: Vec<(String, String, String)> = Vec::new();
    let file = crate::goenvfile::load(env);
    if let (Some(r), Some(g)) = (&root, reported.get("GOROOT")) {
        let predicted = plan::go_getenv(env, file.as_ref(), "GOROOT")
            .map(PathBuf::from)
            .unwrap_or_else(|| r.clone());
        if !same_dir(&predicted, Path::new(g)) {
            diffs.push(("GOROOT".into(), predicted.display().to_string(), g.clone()));
        }
    }
    if let (Some(t), Some(g)) = (
        hit.toolchain.as_ref().and_then(|t| t.version.as_ref()),
        reported.get("GOVERSION"),
    ) {
        let want = format!("go{t}");
        if !g.starts_with(&want) {
            diffs.push(("GOVERSION".into(), want, g.clone()));
        }
    }
    let gp = plan::gopath(env, file.as_ref(), root.as_deref());
    let gp = env.platform.join_list(&gp).to_string_lossy().into_owned();
    if let Some(g) = reported.get("GOPATH") {
        if *g != gp {
            diffs.push(("GOPATH".into(), gp, g.clone()));
        }
    }
    if let Some(g) = reported.get("GOENV") {
        // GOENV=off (no file) prints as an empty string.
        let predicted = crate::goenvfile::location(env)
            .map(|p| p.display().to_string())
            .unwrap_or_default();
        if *g != predicted {
            diffs.push(("GOENV".into(), predicted, g.clone()));
        }
    }
    for (name, predicted, got) in diffs {
        out.push(Finding {
            id: "deep-go-env-disagrees",
            severity: Severity::Warn,
            class: Class::Env,
            message: format!(
                "`go env {name}` is {got}, but goenv-hook predicted {predicted} from the files"
            ),
            fix: "report this to goenv-hook with `goenv-hook doctor --deep --json` attached".into(),
            evidence: vec![
                Evidence::Binary {
                    path: go.display().to_string(),
                    version: reported.get("GOVERSION").cloned(),
                },
                Evidence::Var {
                    name,
                    value: got,
                    source: crate::checks::VarSource::Env,
                },
            ],
        });
    }
    // 2. Build a hello-world module.
    let lang = hit
        .toolchain
        .as_ref()
        .and_then(|t| t.version.as_ref())
        .map(|v| format!("{}.{}", v.major, v.minor))
        .unwrap_or_else(|| "1.19".into());
    let m = tmp.path().join("hello");
    let ok = std::fs::create_dir_all(&m).is_ok()
        && std::fs::write(m.join("go.mod"), format!("module hello\n\ngo {lang}\n")).is_ok()
        && std::fs::write(
            m.join("main.go"),
            "package main\n\nfunc main() { println(\"hello\") }\n",
        )
        .is_ok();
    if !ok {
        return out;
    }
    let o = go_cmd(&go, &m)
        .args(["build", "-o"])
        .arg(tmp.path().join("hello.bin"))
        .arg(".")
        .env("GOFLAGS", "-mod=mod")
        .env("GOPROXY", "off")
        .env("GOTOOLCHAIN", "local")
        .env("GOWORK", "off")
        .output();
    match o {
        Ok(o) if o.status.success() => {}
        Ok(o) => out.push(build_failed(
            &go,
            "go build",
            &String::from_utf8_lossy(&o.stderr),
        )),
        Err(e) => out.push(build_failed(&go, "go build", &e.to_string())),
    }
    out
}

fn build_failed(go: &Path, what: &str, stderr: &str) -> Finding {
    let first: Vec<&str> = stderr.lines().take(3).collect();
    Finding {
        id: "deep-build-failed",
        severity: Severity::Error,
        class: Class::Toolchain,
        message: format!("`{what}` with {} failed: {}", go.display(), first.join(" / ")),
        fix: "fix the errors above (run `goenv-hook doctor` for their causes), then re-run `goenv-hook doctor --deep`".into(),
        evidence: vec![
            Evidence::Binary { path: go.display().to_string(), version: None },
            Evidence::Note { text: stderr.trim().to_string() },
        ],
    }
}

/// A temporary directory removed on drop (std only; the core has no tempfile dependency).
struct TempDir(PathBuf);

impl TempDir {
    fn new() -> Option<TempDir> {
        let base = std::env::temp_dir();
        for i in 0..100u32 {
            let p = base.join(format!("goenv-hook-deep-{}-{i}", std::process::id()));
            if std::fs::create_dir(&p).is_ok() {
                return Some(TempDir(p));
            }
        }
        None
    }
    fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}
