//! The toolchain decision ([`crate::go::decide`]) as facts: what the probe
//! answered when the model asked (files, `go1.X.Y` on PATH, the module
//! cache), and the decision for the current directory.
//!
//! The model asks through [`World`]; the probe answers from the real
//! filesystem and records every answer here ([`Record`]). [`Snapshot`]
//! answers the same questions again from the facts alone, so the decision
//! for any environment judged ([`View`]: the current one, or the one the
//! hook is about to make) is a pure function of the facts ([`decision`]).
//! A question nobody asked the filesystem is answered as the hook's depth
//! answers it: PATH and module-cache questions "unknown" (the decision is
//! then [`Run::Unknown`](crate::go::decide::Run::Unknown)), files absent.

use super::{Facts, View};
use crate::facts::project::Project;
use crate::facts::toolchain::Toolchain;
use crate::go::decide::{self, CacheState, Decision, GoEnv, Input, PathHit, World};
use crate::go::envfile::GoEnvFile;
use crate::sys::platform::bytes;
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The probe's answers to the model's questions.
#[derive(Clone, Debug, Default)]
pub struct Record {
    /// `is_file` answers.
    pub present: BTreeMap<PathBuf, bool>,
    /// Files read (present).
    pub data: BTreeMap<PathBuf, Vec<u8>>,
    /// `go1.X.Y` looked up on PATH (the full depth only).
    pub path: BTreeMap<String, PathHit>,
    /// Toolchain module versions looked up in the module cache (the full
    /// depth only).
    pub cache: BTreeMap<String, CacheState>,
}

/// The decision's facts.
#[derive(Clone, Debug, Default)]
pub(crate) struct GoModel {
    pub record: Record,
    /// The decision for the current environment ([`View::now`]); None when
    /// no `go` with a known version runs (or on Windows, where the model's
    /// paths do not apply).
    pub now: Option<Decision>,
}

/// A [`World`] answering from the facts: the project files the probe
/// found, then its record.
pub(crate) struct Snapshot<'a> {
    pub project: &'a Project,
    pub record: &'a Record,
}

/// The same path, written the same way (byte equality: `Path`'s `==`
/// compares component by component, a few hundred instructions a pair, and
/// the go.work/go.mod search asks about the same few paths dozens of times
/// on every prompt that reaches the hook). The paths compared are built
/// by the same joins; one written another way only misses this shortcut:
/// the probe then looks it up itself and records the answer, which the
/// record's maps give back.
pub(crate) fn same_path(a: &Path, b: &Path) -> bool {
    a.as_os_str() == b.as_os_str()
}

impl World for Snapshot<'_> {
    fn is_file(&self, path: &Path) -> bool {
        if self
            .project
            .go_file
            .as_ref()
            .is_some_and(|f| same_path(&f.path, path))
            || self.project.shadowed_go_mod.as_deref() == Some(path)
            || self.record.data.contains_key(path)
        {
            return true;
        }
        if let Some(&b) = self.record.present.get(path) {
            return b;
        }
        self.project
            .looked
            .iter()
            .find(|(p, _)| same_path(p, path))
            .is_some_and(|(_, b)| *b)
    }
    fn read(&self, path: &Path) -> Option<Cow<'_, [u8]>> {
        if let Some(f) = self
            .project
            .go_file
            .as_ref()
            .filter(|f| same_path(&f.path, path))
        {
            return Some(Cow::Borrowed(&f.data));
        }
        self.record
            .data
            .get(path)
            .map(|d| Cow::Borrowed(d.as_slice()))
    }
    fn look_path(&self, name: &str) -> PathHit {
        self.record
            .path
            .get(name)
            .cloned()
            .unwrap_or(PathHit::Unknown)
    }
    fn toolchain_cache(&self, _modcache: &Path, version: &str) -> CacheState {
        self.record
            .cache
            .get(version)
            .copied()
            .unwrap_or(CacheState::Unknown)
    }
}

/// What go.env holds for the shipped releases (and what Go before 1.21
/// has built in).
const SHIPPED_GO_ENV: &[u8] =
    b"GOPROXY=https://proxy.golang.org,direct\nGOSUMDB=sum.golang.org\nGOTOOLCHAIN=auto\n";

/// A parsed env file back as the bytes Go reads (its counted lines).
fn env_file_bytes(f: &GoEnvFile) -> Vec<u8> {
    let mut out = Vec::new();
    for e in &f.entries {
        out.extend_from_slice(e.key.as_bytes());
        out.push(b'=');
        out.extend_from_slice(&bytes(&e.value));
        out.push(b'\n');
    }
    out
}

/// The inputs of the model for `view`, owned.
pub(crate) struct Inputs {
    pub local: String,
    pub env: GoEnv,
    pub cwd: PathBuf,
    pub tmpdir: PathBuf,
    pub goroot: Option<PathBuf>,
}

impl Inputs {
    pub fn input(&self) -> Input<'_> {
        Input {
            local: &self.local,
            env: &self.env,
            cwd: &self.cwd,
            tmpdir: &self.tmpdir,
            goroot: self.goroot.as_deref(),
            host: crate::go::validate::host_port(),
        }
    }
}

/// The `go` that runs in `view`, as the model's local go: its
/// `runtime.Version()` and the Go root whose go.env it reads (GOROOT when
/// it names a toolchain, else its own).
pub fn local(view: View<'_>) -> Option<(String, Option<&Toolchain>)> {
    let hit = view.running_go()?;
    let own = hit.toolchain.as_ref();
    let version = own
        .and_then(|t| t.version.as_ref())
        .or_else(|| hit.loose.as_ref().and_then(|l| l.version.as_ref()))?;
    let root = view.goroot.and_then(|g| g.toolchain.as_ref()).or(own);
    Some((format!("go{version}"), root))
}

/// The model's inputs for `view` (None: no `go` of known version runs, or
/// a platform whose paths the model does not know).
pub(crate) fn inputs(facts: &Facts, view: View<'_>) -> Option<Inputs> {
    let (local, root) = local(view)?;
    inputs_for(facts, view.env, local, root)
}

/// The model's inputs for the go `local` (`go1.22.12`) of the root `root`
/// run in `env` (None on a platform whose paths the model does not know).
pub(crate) fn inputs_for(
    facts: &Facts,
    venv: &crate::sys::env::EnvSnapshot,
    local: String,
    root: Option<&Toolchain>,
) -> Option<Inputs> {
    if venv.platform.is_windows() {
        return None;
    }
    let mut env = GoEnv::default();
    for (k, v) in venv.vars() {
        env.process
            .insert(k.to_string_lossy().into_owned(), bytes(v).into_owned());
    }
    env.user_file = facts.goenv_file.as_ref().map(env_file_bytes);
    env.goroot_file = match facts.go_defaults(root) {
        crate::go::settings::Defaults::GoEnv(Some(f)) => Some(env_file_bytes(f)),
        crate::go::settings::Defaults::GoEnv(None) => None,
        _ => Some(SHIPPED_GO_ENV.to_vec()),
    };
    let tmpdir = venv
        .get_nonempty("TMPDIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/tmp"));
    Some(Inputs {
        local,
        env,
        cwd: facts.env.cwd.clone(),
        tmpdir,
        goroot: root.map(|t| t.root.clone()),
    })
}

/// The decision for `view`, from the facts alone.
pub(crate) fn decision(facts: &Facts, view: View<'_>) -> Option<Decision> {
    decide_in(facts, view, &snapshot(facts))
}

/// The facts as a [`World`].
pub fn snapshot(facts: &Facts) -> Snapshot<'_> {
    Snapshot {
        project: &facts.project,
        record: &facts.gomodel.record,
    }
}

/// The decision for `view` with `world` answering.
pub(crate) fn decide_in(facts: &Facts, view: View<'_>, world: &dyn World) -> Option<Decision> {
    let i = inputs(facts, view)?;
    Some(decide::decide(&i.input(), world))
}
