//! Doctor's depth only (never on the prompt path): where `go install`
//! writes and what is there, the Go binaries in the install directories
//! (their build info, read from the file, never by running them), and the
//! versions a Go root's files name (`VERSION`, the build info of each
//! `pkg/tool/*/compile`).

use super::buildinfo;
use super::toolchain::read_small;
use crate::facts::tools::{InstallDir, PathKind, RootBuild, ToolBinary};
use crate::facts::Facts;
use std::fs;
use std::path::{Path, PathBuf};

/// Entries read per install directory.
const MAX_ENTRIES: usize = 2000;

/// Reads the tool facts into `facts.full` (the base and full facts are read).
pub(super) fn read(facts: &mut Facts, on_network: &dyn Fn(&Path) -> bool) {
    let env = facts.current.clone();
    let p = env.platform;
    let file = facts.goenv_file.clone();
    let running = facts.running_go().and_then(|h| h.toolchain.clone());
    let gt = facts.goroot.as_ref().and_then(|g| g.toolchain.clone());
    let effective = gt.as_ref().or(running.as_ref()).map(|t| t.root.clone());
    let plain = |d: &Path| p.is_absolute(d.as_os_str()) && !on_network(d);

    // Where `go install` writes.
    if let Some(bin) = crate::go::settings::gobin(&env, file.as_ref(), effective.as_deref()) {
        let path = PathBuf::from(bin);
        if plain(&path) {
            let kind = match fs::metadata(&path) {
                Ok(m) if m.is_dir() => PathKind::Dir,
                Ok(m) if m.is_file() => PathKind::File,
                Ok(_) => PathKind::Other,
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                    match fs::symlink_metadata(&path) {
                        Ok(_) => PathKind::Other, // a dangling link
                        Err(_) => PathKind::Missing,
                    }
                }
                Err(_) => PathKind::Other,
            };
            let resolved = super::full::resolve_existing(&path);
            facts.full.install_dir = Some(InstallDir {
                path,
                kind,
                resolved,
            });
        }
    }

    // The binaries in GOBIN and each GOPATH entry's bin.
    let mut dirs: Vec<PathBuf> = Vec::new();
    if let Some(b) = crate::go::settings::go_getenv(&env, file.as_ref(), "GOBIN") {
        dirs.push(PathBuf::from(b));
    }
    for g in crate::go::settings::gopath(&env, file.as_ref(), effective.as_deref()) {
        dirs.push(PathBuf::from(p.join(&g, "bin")));
    }
    let mut seen: Vec<PathBuf> = Vec::new();
    for d in dirs {
        if !plain(&d) || seen.iter().any(|s| p.path_eq(s.as_os_str(), d.as_os_str())) {
            continue;
        }
        seen.push(d.clone());
        let Ok(rd) = fs::read_dir(&d) else { continue };
        let mut files: Vec<PathBuf> = rd
            .flatten()
            .take(MAX_ENTRIES)
            .map(|e| e.path())
            .filter(|f| fs::metadata(f).is_ok_and(|m| m.is_file() && m.len() > 0))
            .collect();
        files.sort();
        for f in files {
            if let Some(info) = buildinfo::read(&f) {
                facts.full.tools.push(ToolBinary { path: f, info });
            }
        }
    }

    // The roots that matter: their VERSION file and compilers.
    let mut roots: Vec<PathBuf> = Vec::new();
    for t in [&running, &gt].into_iter().flatten() {
        if !roots.contains(&t.root) {
            roots.push(t.root.clone());
        }
    }
    for root in roots {
        facts.full.root_builds.push(root_build(&root, p));
    }
}

/// What a root's files say about its version.
pub(crate) fn root_build(root: &Path, p: crate::sys::platform::Platform) -> RootBuild {
    let version_file = read_small(&root.join("VERSION"), 4096)
        .and_then(|s| s.lines().next().map(|l| l.trim().to_string()))
        .filter(|l| !l.is_empty());
    let compile = if p.is_windows() {
        "compile.exe"
    } else {
        "compile"
    };
    let mut compilers = Vec::new();
    if let Ok(rd) = fs::read_dir(root.join("pkg").join("tool")) {
        let mut dirs: Vec<PathBuf> = rd
            .flatten()
            .take(64)
            .map(|e| e.path())
            .filter(|d| d.is_dir())
            .collect();
        dirs.sort();
        for d in dirs {
            let c = d.join(compile);
            if c.is_file() {
                let v = buildinfo::version_string(&c);
                compilers.push((c, v));
            }
        }
    }
    RootBuild {
        root: root.to_path_buf(),
        resolved: crate::sys::env::canonical(root).ok(),
        version_file,
        compilers,
    }
}
