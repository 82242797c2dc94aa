//! Go toolchain discovery: is a directory a GOROOT, which version is it, where
//! are toolchains installed, which `go` binaries are on PATH.
//! OWNER: helper A. Contract below; bodies are stubs until filled.
//! Never runs `go`.

use crate::env::EnvSnapshot;
use crate::version::GoVersion;
use std::ffi::OsString;
use std::path::{Path, PathBuf};

/// Where an install came from (go-env-facts.md §7).
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Source {
    Debian,
    Tarball,
    GolangDl,
    GoToolchainDownload,
    Homebrew,
    MacPorts,
    Snap,
    Nix,
    Goenv,
    Gvm,
    Asdf,
    Mise,
    G,
    Gobrew,
    Scoop,
    WindowsMsi,
    Distro,
    Unknown,
}

/// One Go install (a GOROOT).
#[derive(Clone, Debug, serde::Serialize)]
pub struct Toolchain {
    /// The root (contains `pkg/tool` and `bin/go`), as found (not canonicalized).
    pub root: PathBuf,
    /// `root/bin/go` (`go.exe` on Windows).
    pub go_bin: PathBuf,
    /// From the binary's build info, else the VERSION file (line 1), else
    /// `src/internal/buildcfg/zbootstrap.go`. None if unreadable.
    pub version: Option<GoVersion>,
    /// Where `version` came from: "buildinfo" | "VERSION" | "zbootstrap".
    pub version_from: Option<&'static str>,
    pub source: Source,
    /// `$root/go.env` exists (Go ≥ 1.21 ships it).
    pub has_go_env: bool,
}

/// A version-manager shim (asdf, mise, goenv, …) and what it resolves to.
#[derive(Clone, Debug, serde::Serialize)]
pub struct Shim {
    pub manager: &'static str,
    /// The toolchain the manager's version files select, if determinable.
    pub resolves_to: Option<PathBuf>,
}

/// One `go` found on PATH.
#[derive(Clone, Debug, serde::Serialize)]
pub struct GoHit {
    /// Index of the PATH entry it was found in.
    pub path_index: usize,
    /// The PATH entry as written.
    pub dir: OsString,
    /// `dir/go` as found.
    pub path: PathBuf,
    /// Every symlink hop, starting with `path`, ending with the final target.
    pub chain: Vec<PathBuf>,
    /// The fully resolved binary (None: dangling link or loop).
    pub resolved: Option<PathBuf>,
    /// The toolchain two levels above `resolved`, if that is a GOROOT.
    pub toolchain: Option<Toolchain>,
    pub shim: Option<Shim>,
    /// Why it can't be used, if so ("dangling symlink -> /x", "symlink loop").
    pub problem: Option<String>,
}

/// `pkg/tool` is a directory (Go's own test) and `bin/go[.exe]` exists.
pub fn is_goroot(root: &Path, env: &EnvSnapshot) -> bool {
    let _ = (root, env);
    todo!("helper A")
}

/// Inspects a root; None if it is not a GOROOT.
pub fn inspect_root(root: &Path, env: &EnvSnapshot) -> Option<Toolchain> {
    let _ = (root, env);
    todo!("helper A")
}

/// The Go version embedded in a Go binary (`\xff Go buildinf:` header), read
/// with a few small reads (ELF section table when possible), never by running it.
pub fn binary_version(bin: &Path) -> Option<GoVersion> {
    let _ = bin;
    todo!("helper A")
}

/// Every `go` on PATH (`path` = PATH entries), in order. Relative and empty
/// entries are resolved against `env.cwd` as a shell would.
pub fn find_go_on_path(path: &[OsString], env: &EnvSnapshot) -> Vec<GoHit> {
    let _ = (path, env);
    todo!("helper A")
}

/// The first usable hit (has a toolchain, or a shim that resolves).
pub fn active(hits: &[GoHit]) -> Option<&GoHit> {
    hits.iter().find(|h| h.toolchain.is_some())
}

/// Every install found in the known locations of go-env-facts.md §7 plus
/// `$GOMODCACHE/golang.org/toolchain@v0.0.1-go*`, deduplicated by resolved
/// root, newest version first. `modcache` = effective GOMODCACHE if known.
pub fn discover_installs(env: &EnvSnapshot, modcache: Option<&Path>) -> Vec<Toolchain> {
    let _ = (env, modcache);
    todo!("helper A")
}
