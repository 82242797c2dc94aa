//! `doctor --deep`: the one place goenv-hook runs `go` (never at the
//! prompt, never from a project directory). It runs the `go` a shell runs
//! now in a fresh temporary directory: `go env -json` (and `go env
//! GOTOOLCHAIN`), then a hello-world module build with
//! `GOFLAGS=-mod=mod GOPROXY=off GOTOOLCHAIN=local`. The comparison with
//! goenv-hook's predictions is `checks::deep`.

use crate::facts::deep::DeepFacts;
use crate::facts::toolchain::GoHit;
use crate::go::envfile;
use crate::sys::env::EnvSnapshot;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

fn go_cmd(go: &Path, dir: &Path) -> Command {
    let mut c = Command::new(go);
    c.current_dir(dir);
    c
}

/// Runs `hit` (the `go` that runs now). None when no temporary directory
/// can be made. `progress` is told each command before it runs.
pub fn run(
    hit: &GoHit,
    env: &EnvSnapshot,
    progress: Option<fn(Option<&str>)>,
) -> Option<DeepFacts> {
    let step = |what: &str| {
        if let Some(p) = progress {
            p(Some(what));
        }
    };
    let go = hit.path.clone();
    let tmp = TempDir::new()?;
    let mut facts = DeepFacts {
        go: go.clone(),
        ran_in: tmp.path().to_path_buf(),
        env: Ok(BTreeMap::new()),
        goroot_id: None,
        goroot_canonical: None,
        goroot_go_env: None,
        home_go_is_root: env
            .home()
            .is_some_and(|h| h.join("go").join("pkg").join("tool").is_dir()),
        build: None,
    };
    // 1. go env -json. GOTOOLCHAIN=local: this describes the go that runs,
    // not a toolchain it would switch to (a pin is the static checks').
    step("go env -json");
    let o = go_cmd(&go, tmp.path())
        .args(["env", "-json"])
        .env("GOTOOLCHAIN", "local")
        .output();
    let mut reported = match o {
        Ok(o) if o.status.success() => parse_env_json(&o.stdout),
        Ok(o) => {
            facts.env = Err((
                "go env -json".into(),
                String::from_utf8_lossy(&o.stderr).into_owned(),
            ));
            return Some(facts);
        }
        Err(e) => {
            facts.env = Err(("go env -json".into(), e.to_string()));
            return Some(facts);
        }
    };
    // GOTOOLCHAIN as the user has it: `go env GOTOOLCHAIN` (exactly these
    // arguments) is answered by the local go, without switching
    // (toolchain/select.go), so it needs no override. Go < 1.21 has none.
    if reported.contains_key("GOTOOLCHAIN") {
        let o = go_cmd(&go, tmp.path())
            .args(["env", "GOTOOLCHAIN"])
            .output();
        match o {
            Ok(o) if o.status.success() => {
                let s = String::from_utf8_lossy(&o.stdout);
                let v = s.strip_suffix('\n').unwrap_or(&s).to_string();
                reported.insert("GOTOOLCHAIN".into(), v);
            }
            _ => {
                reported.remove("GOTOOLCHAIN");
            }
        }
    }
    if let Some(g) = reported.get("GOROOT").filter(|g| !g.is_empty()) {
        let g = Path::new(g);
        facts.goroot_id = crate::probe::toolchain::root_id(g).inode();
        facts.goroot_canonical = crate::sys::env::canonical(g).ok();
        let path = g.join("go.env");
        facts.goroot_go_env = std::fs::read(&path)
            .ok()
            .map(|b| envfile::parse_for(&path, &b, env.platform));
    }
    facts.env = Ok(reported);
    // 2. Build a hello-world module.
    let lang = hit
        .toolchain
        .as_ref()
        .and_then(|t| t.version.as_ref())
        .map(|v| v.lang().to_string())
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
        return Some(facts);
    }
    step("go build (a hello-world module)");
    let o = go_cmd(&go, &m)
        .args(["build", "-o"])
        .arg(tmp.path().join("hello.bin"))
        .arg(".")
        .env("GOFLAGS", "-mod=mod")
        .env("GOPROXY", "off")
        .env("GOTOOLCHAIN", "local")
        .env("GOWORK", "off")
        .output();
    facts.build = Some(match o {
        Ok(o) if o.status.success() => Ok(()),
        Ok(o) => Err((
            "go build".into(),
            String::from_utf8_lossy(&o.stderr).into_owned(),
        )),
        Err(e) => Err(("go build".into(), e.to_string())),
    });
    Some(facts)
}

/// `go env -json`: every value that is a string.
fn parse_env_json(bytes: &[u8]) -> BTreeMap<String, String> {
    let v: BTreeMap<String, serde_json::Value> = serde_json::from_slice(bytes).unwrap_or_default();
    v.into_iter()
        .filter_map(|(k, v)| match v {
            serde_json::Value::String(s) => Some((k, s)),
            _ => None,
        })
        .collect()
}

/// A temporary directory removed on drop (std only; the core has no
/// tempfile dependency).
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
