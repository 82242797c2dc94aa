//! `goenv-hook explain`: probe at the full depth (doctor's, without
//! `--deep`: `go` is never run), read how the go on PATH finds its GOROOT
//! and `go.env`, and build the report.

use crate::config::Config;
use crate::probe;
use crate::report::explain::{build, Explain};
use crate::shell::Shell;
use crate::sys::env::EnvSnapshot;

/// What `explain` is asked.
#[derive(Clone, Debug, Default)]
pub struct ExplainRequest {
    /// The settings (and `go`) to explain; empty: all.
    pub names: Vec<String>,
    /// The shell whose start-up files are searched for the lines that set
    /// a variable (default: `$SHELL`'s).
    pub shell: Option<Shell>,
}

/// The report for `env` (its directory, its environment).
pub fn explain(env: EnvSnapshot, config: &Config, req: &ExplainRequest) -> Explain {
    let opts = probe::full::Options {
        shell: req.shell,
        ..Default::default()
    };
    let facts = probe::probe_full(env, config, &opts);
    let x = probe::explain::read(&facts);
    build(&facts, &x, &req.names)
}
