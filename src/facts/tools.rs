//! What doctor reads about Go's installed tools (the full depth only):
//! where `go install` writes and what is there, the Go binaries in the
//! install directories with their build info, the build info of a Go
//! root's own compiler, and the PATH entries that belong to a version
//! manager. Plain data; `probe::tools` reads it.

use crate::go::buildinfo::BuildInfo;
use std::ffi::OsString;
use std::path::PathBuf;

/// What a path is on disk.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum PathKind {
    Missing,
    Dir,
    File,
    /// Something else (a socket, a dangling link, unreadable).
    Other,
}

/// Where `go install` writes (GOBIN, else GOPATH[0]/bin), as Go computes it
/// for the current environment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct InstallDir {
    pub path: PathBuf,
    pub kind: PathKind,
    /// With symlinks resolved through its longest existing ancestor.
    pub resolved: PathBuf,
}

/// A Go binary in an install directory (GOBIN, each GOPATH entry's `bin`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ToolBinary {
    pub path: PathBuf,
    pub info: BuildInfo,
}

/// A Go root's versions as its files say: `VERSION` line 1 and the Go
/// that built each `pkg/tool/<goos_goarch>/compile`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct RootBuild {
    /// The root as found.
    pub root: PathBuf,
    /// The root with symlinks resolved (None: it could not be resolved).
    pub resolved: Option<PathBuf>,
    /// `VERSION` line 1, trimmed (`go1.22.12`); None when unreadable.
    pub(crate) version_file: Option<String>,
    /// Each `compile` under `pkg/tool`, and the Go version in its build
    /// info (`go1.22.12`; None when it has none).
    pub(crate) compilers: Vec<(PathBuf, Option<String>)>,
}

pub(crate) use crate::go::layouts::DirRole;

/// A PATH entry that belongs to a version manager (the layouts of
/// [`crate::go::layouts`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct ManagerDir {
    pub index: usize,
    pub entry: OsString,
    pub manager: &'static str,
    pub(crate) role: DirRole,
}
