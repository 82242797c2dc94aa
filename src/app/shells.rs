//! `goenv-hook shells`, the parts that read: the environment a new
//! terminal starts with, the neutral directory, and what each shell's
//! printed environment resolves. Starting the shells is the CLI's
//! (`cli/shells.rs`); how each shell is started is its module's
//! (`shell::Syntax::start_args`).

use crate::config::Config;
use crate::probe;
use crate::report::shells::{resolved, Resolved};
use crate::sys::env::EnvSnapshot;
use std::ffi::OsString;
use std::path::{Path, PathBuf};

/// Where and with what the shells start.
#[derive(Clone, Debug)]
pub struct Setup {
    /// The starting environment (see `probe::login`).
    pub vars: Vec<(OsString, OsString)>,
    pub(crate) path_from: String,
    /// The home directory, or `/` when a Go project file (go.mod, go.work,
    /// .go-version) is there or above: never a project directory.
    pub dir: PathBuf,
    pub dir_note: Option<String>,
}

/// The setup for the user whose environment is `env`.
pub fn setup(env: &EnvSnapshot) -> Setup {
    let login = probe::login::login_env(env, Path::new("/"));
    let root = PathBuf::from(if env.platform.is_windows() {
        "C:\\"
    } else {
        "/"
    });
    let (dir, dir_note) = match env.home() {
        Some(h) if h.is_absolute() => {
            let project = probe::project::find(&h, env, None);
            let found = project
                .go_file
                .as_ref()
                .or(project.go_version_file.as_ref())
                .map(|f| f.path.clone());
            match found {
                Some(f) => (
                    root,
                    Some(format!(
                        "not in the home directory: {} makes it a Go project",
                        f.display()
                    )),
                ),
                None => (h, None),
            }
        }
        _ => (root, Some("no home directory".into())),
    };
    Setup {
        vars: login.vars,
        path_from: login.path_from,
        dir,
        dir_note,
    }
}

/// What an environment a shell printed resolves, in `dir` (facts read at
/// the full depth, start-up files not analysed; goenv-hook's config plays
/// no part: these are the shell's own values).
pub(crate) fn resolve(vars: Vec<(OsString, OsString)>, dir: &Path, like: &EnvSnapshot) -> Resolved {
    let env = EnvSnapshot::new(vars, dir.to_path_buf(), like.platform);
    let opts = probe::full::Options {
        startup: false,
        ..Default::default()
    };
    let facts = probe::probe_full(env, &Config::default(), &opts);
    let x = probe::explain::read(&facts);
    resolved(&facts, &x)
}
