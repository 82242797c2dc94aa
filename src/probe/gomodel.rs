//! The toolchain decision's questions answered from the real filesystem
//! ([`FsWorld`]), and recorded into the facts (`facts::gomodel`).
//!
//! At the hook's depth only project files are read (the go.mod / go.work
//! the project search found, and the go.mod of each module a go.work
//! uses): `go1.X.Y` on PATH and the module cache are "unknown", and
//! `$GOPATH/go.mod` is taken as absent without looking (nothing under
//! GOPATH is read on the prompt path). The full depth answers everything:
//! PATH lookups (`which_in`, one PATH entry at a time, since Go refuses a
//! hit in a relative entry), the module cache's toolchains, `file://`
//! proxies, `$GOPATH/go.mod`.

use crate::facts::gomodel::{self, same_path, Record, Snapshot};
use crate::facts::{Depth, Facts, View};
use crate::go::decide::{CacheState, PathHit, World};
use std::borrow::Cow;
use std::cell::RefCell;
use std::ffi::OsString;
use std::path::{Path, PathBuf};

/// The model's questions answered by the filesystem, each answer recorded.
pub(crate) struct FsWorld<'a> {
    depth: Depth,
    /// What the facts already know (the project search's files).
    known: Snapshot<'a>,
    /// PATH entries (the current PATH; empty on the hook's depth, which
    /// looks nothing up on PATH) and the directory relative entries would
    /// resolve against.
    path: Vec<OsString>,
    cwd: PathBuf,
    /// `GOPATH[0]/go.mod`: not looked at on the hook's depth.
    skip: Option<PathBuf>,
    rec: RefCell<Record>,
}

impl<'a> FsWorld<'a> {
    pub fn new(facts: &'a Facts, depth: Depth) -> FsWorld<'a> {
        let env = &facts.current;
        let gopath = crate::go::settings::gopath_first(env, facts.goenv_file.as_ref(), None);
        FsWorld {
            depth,
            known: gomodel::snapshot(facts),
            // Only `look_path` reads it, never on the hook's depth.
            path: if depth == Depth::Hook {
                Vec::new()
            } else {
                env.path_entries()
            },
            cwd: env.cwd.clone(),
            skip: gopath.map(|g| PathBuf::from(g).join("go.mod")),
            rec: RefCell::new(facts.gomodel.record.clone()),
        }
    }

    pub(crate) fn into_record(self) -> Record {
        self.rec.into_inner()
    }

    /// The answer is already in the facts.
    fn knows(&self, path: &Path) -> bool {
        self.known
            .project
            .looked
            .iter()
            .any(|(p, _)| same_path(p, path))
            || self
                .known
                .project
                .go_file
                .as_ref()
                .is_some_and(|f| same_path(&f.path, path))
            || self.rec.borrow().present.contains_key(path)
            || self.rec.borrow().data.contains_key(path)
    }
}

impl World for FsWorld<'_> {
    fn is_file(&self, path: &Path) -> bool {
        if self.knows(path) {
            return self.known_answer(|w| w.is_file(path));
        }
        if self.depth == Depth::Hook && self.skip.as_deref() == Some(path) {
            return false;
        }
        let there = std::fs::metadata(path).is_ok_and(|m| !m.is_dir());
        self.rec
            .borrow_mut()
            .present
            .insert(path.to_path_buf(), there);
        there
    }

    fn read(&self, path: &Path) -> Option<Cow<'_, [u8]>> {
        if let Some(d) = self.known_answer(|w| w.read(path).map(Cow::into_owned)) {
            return Some(Cow::Owned(d));
        }
        if self.depth == Depth::Hook && self.skip.as_deref() == Some(path) {
            return None;
        }
        let data = std::fs::read(path).ok();
        let mut rec = self.rec.borrow_mut();
        rec.present.insert(path.to_path_buf(), data.is_some());
        if let Some(d) = &data {
            rec.data.insert(path.to_path_buf(), d.clone());
        }
        data.map(Cow::Owned)
    }

    fn look_path(&self, name: &str) -> PathHit {
        if self.depth == Depth::Hook {
            return PathHit::Unknown;
        }
        if let Some(h) = self.rec.borrow().path.get(name) {
            return h.clone();
        }
        let hit = look_path(name, &self.path, &self.cwd);
        self.rec
            .borrow_mut()
            .path
            .insert(name.to_string(), hit.clone());
        hit
    }

    fn toolchain_cache(&self, modcache: &Path, version: &str) -> CacheState {
        if self.depth == Depth::Hook {
            return CacheState::Unknown;
        }
        if let Some(c) = self.rec.borrow().cache.get(version) {
            return *c;
        }
        let c = toolchain_cache(modcache, version);
        self.rec.borrow_mut().cache.insert(version.to_string(), c);
        c
    }
}

impl FsWorld<'_> {
    /// Asks the facts (with the record as it is now).
    fn known_answer<T>(&self, f: impl FnOnce(&Snapshot<'_>) -> T) -> T {
        let rec = self.rec.borrow();
        let w = Snapshot {
            project: self.known.project,
            record: &rec,
        };
        f(&w)
    }
}

/// `exec.LookPath(name)`: the first PATH entry holding an executable
/// `name`; a hit in a relative entry (or an empty one, the current
/// directory) is an error to Go (`ErrDot`): not found.
fn look_path(name: &str, path: &[OsString], cwd: &Path) -> PathHit {
    for e in path {
        let dir = if e.is_empty() { ".".into() } else { e.clone() };
        if which::which_in(name, Some(dir), cwd).is_err() {
            continue;
        }
        if e.is_empty() || !Path::new(e).is_absolute() {
            return PathHit::NotFound;
        }
        let exe = Path::new(e).join(name);
        let version = super::toolchain::binary_version(&exe).map(|v| format!("go{v}"));
        return PathHit::Found { exe, version };
    }
    PathHit::NotFound
}

/// A toolchain module version in the module cache: extracted (and whether
/// the checksum database's answer for it is cached), or absent (not there,
/// partially extracted, or without its ziphash).
fn toolchain_cache(modcache: &Path, version: &str) -> CacheState {
    let dir = modcache.join(format!("golang.org/toolchain@{version}"));
    let dl = modcache.join("cache/download/golang.org/toolchain/@v");
    if !dir.is_dir()
        || dl.join(format!("{version}.partial")).exists()
        || !dl.join(format!("{version}.ziphash")).is_file()
    {
        return CacheState::Absent;
    }
    let lookup = modcache.join(format!(
        "cache/download/sumdb/sum.golang.org/lookup/golang.org/toolchain@{version}"
    ));
    CacheState::Extracted {
        sumdb_lookup_cached: lookup.is_file(),
    }
}

/// Asks the model for the current environment with the filesystem
/// answering (what `depth` allows), records the answers, and stores the
/// decision in the facts. A second question with the module forced on
/// (`GOTOOLCHAIN=local`, `GO111MODULE=on`, the newest rules) records the
/// module files of a workspace, so that the decision for another
/// environment (the one the hook makes) is answered from the facts too.
pub fn read(facts: &mut Facts, depth: Depth) {
    let record = {
        let view = View::now(facts);
        let world = FsWorld::new(facts, depth);
        if let Some(mut i) = gomodel::inputs(facts, view) {
            crate::go::decide::decide(&i.input(), &world);
            i.local = "go1.23.0".into();
            i.goroot = None;
            for k in ["GOTOOLCHAIN", "GO111MODULE", "GOFLAGS"] {
                i.env.process.remove(k);
            }
            i.env
                .process
                .insert("GOTOOLCHAIN".into(), b"local".to_vec());
            i.env.process.insert("GO111MODULE".into(), b"on".to_vec());
            crate::go::decide::decide(&i.input(), &world);
        }
        world.into_record()
    };
    facts.gomodel.record = record;
    settle(facts);
}

/// The decision for the current environment, from the facts (again after
/// a change of the current PATH's hits).
pub(crate) fn settle(facts: &mut Facts) {
    facts.gomodel.now = gomodel::decision(facts, View::now(facts));
}
