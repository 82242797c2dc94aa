//! Toolchains and `go` binaries as the probe found them: plain data.

use crate::go::gover::GoVersion;
use crate::sys::platform::Platform;
use std::ffi::OsString;
use std::path::PathBuf;

pub use crate::go::layouts::Source;

/// One Go install (a GOROOT).
#[derive(Clone, Debug, serde::Serialize)]
pub struct Toolchain {
    /// The root (contains `pkg/tool` and `bin/go`), as found (not canonicalized).
    #[serde(serialize_with = "crate::sys::ser::os_lossy")]
    pub root: PathBuf,
    /// `root/bin/go` (`go.exe` on Windows).
    #[serde(serialize_with = "crate::sys::ser::os_lossy")]
    pub go_bin: PathBuf,
    /// From the binary's build info, else the VERSION file (line 1), else
    /// `src/internal/buildcfg/zbootstrap.go`. None if unreadable.
    pub version: Option<GoVersion>,
    /// Where `version` came from: "buildinfo" | "VERSION" | "zbootstrap".
    pub version_from: Option<&'static str>,
    pub source: Source,
    /// `$root/go.env` exists (Go ≥ 1.21 ships it).
    pub has_go_env: bool,
    /// The root's identity (device and inode), read when it was inspected,
    /// so the planner can tell two spellings of one root apart without
    /// touching the filesystem. None where the platform has no inodes.
    #[serde(skip)]
    pub id: Option<(u64, u64)>,
}

impl Toolchain {
    /// The same root as `other`, from what was read when both were
    /// inspected (device and inode; else the platform's path equality).
    pub(crate) fn same_root(&self, other: &Toolchain, p: Platform) -> bool {
        match (self.id, other.id) {
            (Some(a), Some(b)) => a == b,
            _ => p.path_key(self.root.as_os_str()) == p.path_key(other.root.as_os_str()),
        }
    }
}

/// A version-manager shim (asdf, mise, goenv, …) and what it resolves to.
#[derive(Clone, Debug, serde::Serialize)]
pub struct Shim {
    pub manager: &'static str,
    /// The toolchain the manager's version files select, if determinable.
    #[serde(serialize_with = "crate::sys::ser::os_lossy_opt")]
    pub(crate) resolves_to: Option<PathBuf>,
}

/// One `go` found on PATH.
#[derive(Clone, Debug, serde::Serialize)]
pub struct GoHit {
    /// Index of the PATH entry it was found in.
    pub path_index: usize,
    /// The PATH entry as written.
    #[serde(serialize_with = "crate::sys::ser::os_lossy")]
    pub dir: OsString,
    /// `dir/go` as found.
    #[serde(serialize_with = "crate::sys::ser::os_lossy")]
    pub path: PathBuf,
    /// Every symlink hop, starting with `path`, ending with the final target.
    #[serde(serialize_with = "crate::sys::ser::os_lossy_vec")]
    pub chain: Vec<PathBuf>,
    /// The fully resolved binary (None: dangling link or loop).
    #[serde(serialize_with = "crate::sys::ser::os_lossy_opt")]
    pub resolved: Option<PathBuf>,
    /// The toolchain two levels above `resolved`, if that is a GOROOT; for a
    /// shim, the install the shim resolves to (what `go` would really run).
    pub toolchain: Option<Toolchain>,
    pub shim: Option<Shim>,
    /// Why it can't be used, if so ("dangling symlink -> /x", "symlink loop",
    /// "not executable"; a shell skips such a hit).
    pub problem: Option<String>,
    /// For a usable `go` outside any toolchain and not a shim (a copied
    /// binary, a wrapper script): what doctor needs to judge it. Read at
    /// the full depth only.
    #[serde(skip)]
    pub(crate) loose: Option<LooseBinary>,
}

/// A `go` that is not inside a toolchain: is it a script, which Go built
/// it, and is there a Go root where Go itself would look (two or three
/// levels above the path as found and as resolved).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct LooseBinary {
    pub(crate) is_script: bool,
    pub version: Option<GoVersion>,
    pub(crate) root_nearby: bool,
}

/// The first usable hit: no problem (a shell would run it), and it has a
/// toolchain (for a shim: the install it resolves to).
pub fn active(hits: &[GoHit]) -> Option<&GoHit> {
    hits.iter()
        .find(|h| h.problem.is_none() && h.toolchain.is_some())
}
