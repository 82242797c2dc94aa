//! `doctor --deep`: what the `go` that runs reported, run by the probe in a
//! fresh temporary directory (never from a project directory).

use crate::go::envfile::GoEnvFile;
use std::collections::BTreeMap;
use std::path::PathBuf;

#[derive(Clone, Debug)]
pub struct DeepFacts {
    /// The `go` that was run (the one a shell runs now).
    pub go: PathBuf,
    /// The directory it ran in (gone by now), for relative locations.
    pub(crate) ran_in: PathBuf,
    /// `go env -json` (every string value; `GOTOOLCHAIN` as `go env
    /// GOTOOLCHAIN` reports it), or what failed and its stderr.
    pub env: Result<BTreeMap<String, String>, (String, String)>,
    /// The reported GOROOT's identity (device, inode) and spelling with
    /// links resolved, to compare with the predicted root.
    pub(crate) goroot_id: Option<(u64, u64)>,
    pub(crate) goroot_canonical: Option<PathBuf>,
    /// The reported GOROOT's go.env (None: no such file).
    pub(crate) goroot_go_env: Option<GoEnvFile>,
    /// `$HOME/go` is a Go root (then the default GOPATH is ambiguous).
    pub(crate) home_go_is_root: bool,
    /// The hello-world build: Ok, or what failed and its stderr. None when
    /// `go env` already failed.
    pub build: Option<Result<(), (String, String)>>,
}
