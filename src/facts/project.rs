//! Project files as the probe found them: plain data.

use crate::go::modfile::Line;
use std::path::PathBuf;

/// Which file: the names are the files' (and, kebab-cased, the JSON's).
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
#[allow(clippy::enum_variant_names)]
pub(crate) enum Kind {
    GoWork,
    GoMod,
    GoVersionFile,
}

#[derive(Clone, Debug, serde::Serialize)]
pub(crate) struct ProjectFile {
    pub kind: Kind,
    pub path: PathBuf,
    /// The `go` directive (go.mod/go.work), or the version of a .go-version file
    /// (its first non-empty, non-comment line, `go` prefix allowed).
    pub go: Option<Line>,
    /// The `toolchain` directive (go.mod/go.work only).
    pub toolchain: Option<Line>,
    /// The file's bytes (go.mod/go.work: what Go's rules read, through
    /// [`crate::go::decide`]; empty for `.go-version`).
    #[serde(skip)]
    pub data: Vec<u8>,
}

/// go.mod text with a module line, the `go` line (if any) on line 3 and
/// the `toolchain` line (if any) on line 5 (for tests).
#[cfg(test)]
pub(crate) fn go_mod_text(go: Option<&str>, toolchain: Option<&str>) -> String {
    let mut s = String::from("module example.com/m\n\n");
    if let Some(g) = go {
        s.push_str(&format!("go {g}"));
    }
    s.push_str("\n\n");
    if let Some(t) = toolchain {
        s.push_str(&format!("toolchain {t}\n"));
    }
    s
}

impl ProjectFile {
    /// A go.mod or go.work with these bytes, its `go` and `toolchain`
    /// lines read as Go's toolchain selection reads them (the one reading,
    /// [`crate::go::modfile::parse_go_file`]).
    pub(crate) fn go_file(kind: Kind, path: PathBuf, data: Vec<u8>) -> ProjectFile {
        let (go, toolchain) = crate::go::modfile::parse_go_file(&data);
        ProjectFile {
            kind,
            path,
            go,
            toolchain,
            data,
        }
    }
}

#[derive(Clone, Debug, Default, serde::Serialize)]
pub struct Project {
    /// Nearest `.go-version` walking up from the directory.
    pub(crate) go_version_file: Option<ProjectFile>,
    /// The file Go itself would read: `go.work` (GOWORK rules: env `off`
    /// disables, an absolute path is used as is, empty/`auto` walks up), else
    /// the nearest `go.mod` walking up. The walk stops at `goroot` as Go's
    /// does, and a go.mod directly in the temp dir is ignored.
    pub(crate) go_file: Option<ProjectFile>,
    /// Every file whose change can change the answer (for the hook's
    /// change detection): the files found, plus nothing else.
    pub watched: Vec<PathBuf>,
    /// Every path the search looked at, and whether a file was there: what
    /// can change the answer (the hook watches these; nothing else is
    /// walked again).
    pub looked: Vec<(PathBuf, bool)>,
    /// A go.mod found while GOWORK is relative (Go stops before reading
    /// it, but `GO111MODULE=auto` asks whether it is there); not a request.
    #[serde(skip)]
    pub(crate) shadowed_go_mod: Option<PathBuf>,
}
