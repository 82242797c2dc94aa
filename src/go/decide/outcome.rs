//! The model's inputs ([`Input`]) and outcome ([`Decision`], [`Run`],
//! [`Module`], [`Fate`], [`GoError`]).

use super::*;

// Inputs and outcome.

/// The situation: which go runs, where, with what settings.
#[derive(Clone, Debug)]
pub struct Input<'a> {
    /// The invoked go's `runtime.Version()`: `go1.22.12` (a suffix such as
    /// `go1.22.12-custom` stays).
    pub local: &'a str,
    pub env: &'a GoEnv,
    /// The working directory as `os.Getwd` gives it (absolute, clean).
    pub cwd: &'a Path,
    /// `os.TempDir()`: `$TMPDIR`, else `/tmp`.
    pub tmpdir: &'a Path,
    /// The GOROOT the go runs with (a go.work search does not cross it).
    pub goroot: Option<&'a Path>,
    /// `runtime.GOOS`, `runtime.GOARCH` of the go (not `$GOOS`/`$GOARCH`).
    pub host: (&'a str, &'a str),
}

/// A message go prints when it stops, exactly (each line as printed,
/// `go: ` included), and the file and line it is about.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct GoError {
    pub message: String,
    /// A too-new error (go >= X required): go switches toolchains on it
    /// in `go get`, `go mod tidy` and `go work use`.
    #[serde(skip)]
    pub(crate) too_new: bool,
    #[serde(serialize_with = "ser_opt_path")]
    pub file: Option<PathBuf>,
    pub line: Option<usize>,
}

pub(super) fn ser_opt_path<S: serde::Serializer>(
    p: &Option<PathBuf>,
    s: S,
) -> Result<S::Ok, S::Error> {
    match p {
        Some(p) => s.serialize_some(&p.to_string_lossy()),
        None => s.serialize_none(),
    }
}

impl GoError {
    pub(super) fn new(message: impl Into<String>) -> GoError {
        GoError {
            message: message.into(),
            too_new: false,
            file: None,
            line: None,
        }
    }
    pub(super) fn at(mut self, file: &Path, line: Option<usize>) -> GoError {
        self.file = Some(file.to_path_buf());
        self.line = line;
        self
    }
}

/// Whether a toolchain download can succeed.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case", tag = "kind")]
pub enum Fate {
    /// It succeeds without network (a `file://` proxy has it and no
    /// checksum database is needed).
    Succeeds,
    /// It needs the network: `url` is what go fetches first (a proxy's zip,
    /// the checksum database, or `direct`). Offline it fails; online it
    /// succeeds if the release exists for this platform.
    NeedsNetwork { url: String },
    /// It fails, with go's message.
    Fails { error: GoError },
}

/// What go does at start-up.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case", tag = "kind")]
pub enum Run {
    /// The invoked go handles the command itself.
    Local,
    /// go execs `name` found on PATH at `exe`.
    Path {
        name: String,
        #[serde(serialize_with = "ser_path")]
        exe: PathBuf,
    },
    /// go runs a toolchain already in the module cache, once it has
    /// verified it (`fate`: the checksum database may be needed).
    ModCache {
        name: String,
        #[serde(serialize_with = "ser_path")]
        dir: PathBuf,
        fate: Fate,
    },
    /// go downloads `name` into the module cache and runs it.
    Download { name: String, fate: Fate },
    /// go stops before running anything.
    Fail { error: GoError },
    /// The model cannot tell (PATH not searched, cache state unknown).
    Unknown { name: String, why: String },
}

pub(super) fn ser_path<S: serde::Serializer>(p: &Path, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&p.to_string_lossy())
}

/// What a module-aware command (go list -m, go build …) then does.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case", tag = "kind")]
pub enum Module {
    /// The main module (or workspace) loads.
    Ok,
    /// No go.mod or go.work applies (module commands say so; package
    /// builds use GOPATH or fail per command).
    NoModule,
    /// Modules are off (GO111MODULE=off, or auto outside a module).
    ModulesOff,
    /// Every module-aware command fails with this.
    Fail { error: GoError },
    /// The model cannot tell.
    Unknown { why: String },
    /// Nothing is loaded: start-up failed or needs the network.
    NotReached,
}

/// Why the toolchain to run was chosen.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case", tag = "kind")]
pub(crate) enum ChosenBy {
    /// Nothing asked for another: the local go (GOTOOLCHAIN=local, or no
    /// switching).
    Local,
    /// The minimum (default toolchain) named by GOTOOLCHAIN.
    Minimum,
    /// The toolchain line of the file.
    ToolchainLine { line: usize },
    /// The go line of the file.
    GoLine { line: usize },
}

/// The file Select consulted (go.work, else go.mod) and its lines as
/// `gover.GoModLookup` reads them.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Consulted {
    #[serde(serialize_with = "ser_path")]
    pub path: PathBuf,
    pub kind: Kind,
    pub go: Option<(String, usize)>,
    pub toolchain: Option<(String, usize)>,
}

/// The model's answer for one directory.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Decision {
    /// The local go's rules.
    pub rules: Rules,
    pub gotoolchain: Setting,
    /// Switching is possible at all (modules on, a GOTOOLCHAIN with
    /// `auto`/`path`, Go ≥ 1.21).
    pub switching: bool,
    /// The go.work/go.mod Select read (auto/path modes).
    pub file: Option<Consulted>,
    /// The toolchain name go wants (`go1.23.0`, `go1.22.12-custom`); the
    /// local one when it runs itself.
    pub want: String,
    pub(crate) chosen_by: ChosenBy,
    pub run: Run,
    /// The version of the go that then runs (None: not known or nothing
    /// runs).
    pub runs_version: Option<String>,
    pub module: Module,
    /// Lines go prints to stderr at start-up, before running (or before
    /// its failure message): `go: downloading go1.23.0 (linux/amd64)`.
    pub notes: Vec<String>,
    /// Lines a module-aware command prints when it loads the module
    /// (`go: warning: ignoring go.mod in system temp root /tmp`).
    pub module_notes: Vec<String>,
}
