//! The VS Code Go extension's workspace settings, as the probe found them.

use super::toolchain::Toolchain;
use std::path::PathBuf;

/// The nearest `.vscode/settings.json` (see `probe::vscode` for where it
/// is looked for), with the settings that choose the editor's `go`.
#[derive(Clone, Debug)]
pub struct VsCode {
    pub path: PathBuf,
    /// The folder holding `.vscode` (`${workspaceFolder}`).
    pub folder: PathBuf,
    /// The file's text (JSON with comments).
    pub text: String,
    /// `go.goroot`, when set to a value that can be judged.
    pub goroot: Option<Target>,
    /// `go.alternateTools.go`, when set to a value that can be judged.
    pub(crate) alternate_go: Option<Target>,
    /// The `go` binaries the Go extension could pick, in the order it
    /// looks (vscode-go's `getBinPathWithPreferredGopathGorootWithExplanation`):
    /// `go.alternateTools.go` as an absolute path, then `$GOBIN/go`, then
    /// `bin/go` of `go.goroot` or `$GOROOT`, then PATH, then the default
    /// install paths. Only executables that exist are listed: the first is
    /// the one the extension, gopls and the debugger run. None: not read
    /// (doctor reads them).
    pub(crate) editor_gos: Option<Vec<EditorGo>>,
}

/// Why the Go extension would pick a `go` (its own words, as in its
/// "Go: Locate Configured Go Tools" output).
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum EditorWhy {
    /// `go.alternateTools.go` (an absolute path, or a name found in one of
    /// the places below).
    AlternateTool,
    /// `$GOBIN/go`.
    Gobin,
    /// `go.goroot`'s `bin/go`.
    GorootSetting,
    /// `$GOROOT/bin/go`.
    GorootEnv,
    /// The first `go` on PATH.
    Path,
    /// `/usr/local/go/bin/go`, `/usr/local/bin/go` (Windows: `Program
    /// Files\Go`, `Program Files (x86)\Go`).
    Default,
}

/// A `go` the extension could pick.
#[derive(Clone, Debug)]
pub(crate) struct EditorGo {
    pub why: EditorWhy,
    pub path: PathBuf,
    /// The root it sits in (symlinks resolved), when its `bin/go` is it.
    pub toolchain: Option<Toolchain>,
    /// The Go version in its build info (for a binary outside a root).
    pub version: Option<crate::go::gover::GoVersion>,
}

/// One setting's value, resolved to a path, and what is there.
#[derive(Clone, Debug)]
pub struct Target {
    /// The value as written.
    pub raw: String,
    /// `~`, `${userHome}`, `${workspaceFolder}`, `${env:NAME}` expanded; a
    /// command name looked up on PATH.
    pub path: PathBuf,
    pub exists: bool,
    /// The toolchain it names: for `go.goroot` the root itself; for
    /// `go.alternateTools.go` the root two levels above the binary, if that
    /// root's `bin/go` is this very file.
    pub toolchain: Option<Toolchain>,
}
