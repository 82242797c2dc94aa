//! Project files: `.go-version`, `go.work`, `go.mod`, found walking up from a
//! directory. Pure data: nothing is ever run from a project directory.
//! OWNER: helper C. Contract below; bodies are stubs until filled.

use crate::env::EnvSnapshot;
use std::path::{Path, PathBuf};

#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    GoWork,
    GoMod,
    GoVersionFile,
}

/// A version line read from a file, with where it was.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Line {
    /// The raw text after the keyword, trimmed (`1.22`, `go1.23.4`, `default`).
    pub value: String,
    /// 1-based line number.
    pub line: usize,
}

#[derive(Clone, Debug, serde::Serialize)]
pub struct ProjectFile {
    pub kind: Kind,
    pub path: PathBuf,
    /// The `go` directive (go.mod/go.work), or the version of a .go-version file
    /// (its first non-empty, non-comment line, `go` prefix allowed).
    pub go: Option<Line>,
    /// The `toolchain` directive (go.mod/go.work only).
    pub toolchain: Option<Line>,
}

#[derive(Clone, Debug, Default, serde::Serialize)]
pub struct Project {
    /// Nearest `.go-version` walking up from the directory.
    pub go_version_file: Option<ProjectFile>,
    /// The file Go itself would read: `go.work` (GOWORK rules: env `off`
    /// disables, an absolute path is used as is, empty/`auto` walks up), else
    /// the nearest `go.mod` walking up. The walk stops at `goroot` as Go's
    /// does, and a go.mod directly in the temp dir is ignored.
    pub go_file: Option<ProjectFile>,
    /// Every file whose change can change the answer (for the hook's
    /// change detection): the files found, plus nothing else.
    pub watched: Vec<PathBuf>,
}

/// Parses go.mod/go.work text like `gover.GoModLookup`: the first trimmed
/// line starting with `go ` or `toolchain ` for each, `//` comments stripped.
pub fn parse_go_file(text: &str) -> (Option<Line>, Option<Line>) {
    let _ = text;
    todo!("helper C")
}

/// Finds the project files for `dir`. Unreadable directories and files are
/// treated as absent, never as errors.
pub fn find(dir: &Path, env: &EnvSnapshot, goroot: Option<&Path>) -> Project {
    let _ = (dir, env, goroot);
    todo!("helper C")
}
