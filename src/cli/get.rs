//! `goenv-hook get <version>`: obtain a toolchain through Go's own
//! mechanism. An installed go ≥ 1.21 runs `go version` with
//! `GOTOOLCHAIN=go1.X.Y` in a fresh, empty temporary directory (never a
//! project's), with the user's environment (GOPROXY, GOSUMDB, GONOSUMDB,
//! GOPRIVATE, proxies: whatever go reads) minus GOROOT: go downloads the
//! `golang.org/toolchain` module, verifies it, and extracts it into the
//! module cache, where goenv-hook discovers toolchains. The plan (which go,
//! what Go's model says the download does) is `app::get_plan`.

use super::{say, write_out, Error, Outcome};
use crate::app::{self, GetError, GetRequest};
use crate::go::gover::ToolchainName;
use crate::sys::env::EnvSnapshot;
use std::path::PathBuf;
use std::process::{Command, Stdio};

pub(super) fn get(env: EnvSnapshot, what: &str, force: bool) -> Outcome {
    // Before anything is made: a bad argument is usage.
    let req = app::get_request(what).map_err(Error::usage)?;
    let dir = neutral_dir(&env)?;
    let out = run(env, &req, force, &dir);
    let _ = std::fs::remove_dir_all(&dir);
    out
}

fn run(env: EnvSnapshot, req: &GetRequest, force: bool, dir: &std::path::Path) -> Outcome {
    let mut at = env.clone();
    at.cwd = dir.to_path_buf();
    at.set("PWD", dir);
    let name = match req {
        GetRequest::Release(n) => n.clone(),
        _ => resolve(&at, req, dir)?,
    };
    let plan = match app::get_plan(at.clone(), name)? {
        Ok(p) => p,
        Err(e @ (GetError::NotARelease(_) | GetError::Language(_))) => return Err(Error::usage(e)),
        Err(e) => return Err(Error::failed(e)),
    };
    let name = plan.name.as_str();
    if let Some(t) = plan.installed.as_ref().filter(|_| !force) {
        write_out(
            format!(
                "{name} is already installed: {} (--force gets it into the module cache anyway)\n",
                t.root.display()
            )
            .as_bytes(),
        );
        return Ok(());
    }
    if let Some((v, from)) = &plan.overridden {
        say!("goenv-hook: note: GOTOOLCHAIN={v} (from {from}) is set aside for this one command");
    }
    say!(
        "goenv-hook: getting {name} through {} (GOTOOLCHAIN={name} go version){}",
        plan.base.go_bin.display(),
        if plan.cached {
            "; the module cache has it: go verifies it"
        } else {
            ""
        }
    );
    // go's own progress ("go: downloading go1.22.3 (linux/amd64)") goes
    // to stderr as it comes.
    let o = Command::new(&plan.base.go_bin)
        .arg("version")
        .env_clear()
        .envs(at.vars().iter().cloned())
        .env_remove("GOROOT")
        .env("GOTOOLCHAIN", name)
        .current_dir(dir)
        .stdin(Stdio::null())
        .stderr(Stdio::inherit())
        .output()
        .map_err(|e| Error::failed(format!("cannot run {}: {e}", plan.base.go_bin.display())))?;
    if !o.status.success() {
        return Err(Error::failed(format!(
            "go could not get {name} ({}); its messages are above",
            o.status
        )));
    }
    let printed = String::from_utf8_lossy(&o.stdout);
    if !printed.starts_with(&format!("go version {name} ")) {
        return Err(Error::failed(format!(
            "GOTOOLCHAIN={name} go version printed {:?}: not that toolchain",
            printed.trim_end()
        )));
    }
    match app::got(env, &plan.name)? {
        Some(t) => {
            write_out(
                format!(
                    "got {name}: {}\n(`goenv-hook pin {}` selects it here; `goenv-hook toolchains` lists it)\n",
                    t.root.display(),
                    plan.name.version()
                )
                .as_bytes(),
            );
            Ok(())
        }
        None => Err(Error::failed(format!(
            "go ran {name}, but goenv-hook does not find it in the module cache (is GOMODCACHE set only for go, in a place goenv-hook does not read?)"
        ))),
    }
}

/// `1.22` or `latest`: the base go lists the proxy's releases of the
/// toolchain module (`go list -m -versions -retracted`, which reads only
/// the list; GOTOOLCHAIN=local: it must not switch), and the newest
/// release for this platform is taken (`app::resolve`).
fn resolve(
    at: &EnvSnapshot,
    req: &GetRequest,
    dir: &std::path::Path,
) -> Result<ToolchainName, Error> {
    let base = app::get_base(at.clone())?.map_err(Error::failed)?;
    let o = Command::new(&base.go_bin)
        .args([
            "list",
            "-m",
            "-versions",
            "-retracted",
            "golang.org/toolchain",
        ])
        .env_clear()
        .envs(at.vars().iter().cloned())
        .env_remove("GOROOT")
        .env_remove("GOFLAGS")
        .env("GOTOOLCHAIN", "local")
        .current_dir(dir)
        .stdin(Stdio::null())
        .output()
        .map_err(|e| Error::failed(format!("cannot run {}: {e}", base.go_bin.display())))?;
    if !o.status.success() {
        return Err(Error::failed(format!(
            "cannot list the proxy's releases (go list -m -versions golang.org/toolchain):\n{}",
            String::from_utf8_lossy(&o.stderr).trim_end()
        )));
    }
    let name = app::resolve(req, &String::from_utf8_lossy(&o.stdout)).map_err(Error::failed)?;
    let what = match req {
        GetRequest::Line(l) => format!("the newest {l} release"),
        _ => "the newest release".to_string(),
    };
    say!("goenv-hook: {name} is {what} the proxy lists");
    Ok(name)
}

/// A fresh empty directory in the temporary directory (`$TMPDIR`, else the
/// system's), where go finds no go.mod of the user's.
fn neutral_dir(env: &EnvSnapshot) -> Result<PathBuf, Error> {
    let base = env
        .get_nonempty("TMPDIR")
        .map(PathBuf::from)
        .filter(|p| p.is_absolute())
        .unwrap_or_else(std::env::temp_dir);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    sweep(&base);
    let dir = base.join(format!("goenv-hook-get-{}-{nanos}", std::process::id()));
    std::fs::create_dir(&dir)
        .map_err(|e| Error::failed(format!("cannot make {}: {e}", dir.display())))?;
    Ok(dir)
}

/// Removes the empty directories of earlier `get`s that were interrupted
/// (Ctrl+C ends goenv-hook before it cleans up), where the system says
/// their process is gone (`/proc/<pid>` absent while `/proc/self` is
/// there). `remove_dir` removes only an empty directory.
fn sweep(base: &std::path::Path) {
    if !std::path::Path::new("/proc/self").exists() {
        return;
    }
    let Ok(entries) = std::fs::read_dir(base) else {
        return;
    };
    for e in entries.flatten() {
        let name = e.file_name();
        let Some(pid) = name
            .to_str()
            .and_then(|n| n.strip_prefix("goenv-hook-get-"))
            .and_then(|r| r.split('-').next())
            .and_then(|p| p.parse::<u32>().ok())
        else {
            continue;
        };
        if !std::path::Path::new(&format!("/proc/{pid}")).exists() {
            let _ = std::fs::remove_dir(e.path());
        }
    }
}
