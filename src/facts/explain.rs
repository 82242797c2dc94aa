//! What `goenv-hook explain` reads beyond the full facts: how the `go` that
//! runs finds its GOROOT and its `$GOROOT/go.env` (plain data; read by
//! `probe::explain`, never by running `go`).

use crate::go::envfile::GoEnvFile;
use std::path::PathBuf;

#[derive(Clone, Debug, Default)]
pub struct ExplainFacts {
    /// The running go's executable as the OS names it to Go
    /// (`os.Executable`: on Linux with symlinks resolved).
    pub exe: Option<PathBuf>,
    /// The GOROOT Go derives from that location (the first of
    /// `go::settings::exe_root_candidates` with a `pkg/tool` directory).
    pub(crate) exe_root: Option<PathBuf>,
    /// The `go.env` Go ≥ 1.21 reads (`go::settings::go_env_root`), and
    /// its contents (None: missing or unreadable).
    pub(crate) go_env_path: Option<PathBuf>,
    pub(crate) go_env: Option<GoEnvFile>,
}
