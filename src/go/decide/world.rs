//! What the model asks of the world ([`World`], answered by the caller), and
//! Go's path helpers (`filepath.Clean`, `base.ShortPath`, the go.mod and
//! go.work searches).

use super::*;

// What the model asks of the world.

/// A `go1.X.Y` looked up on PATH (`exec.LookPath`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PathHit {
    /// Found: the executable and, if the caller knows it (from its build
    /// info), the `runtime.Version()` of that binary (`go1.22.12`).
    Found {
        exe: PathBuf,
        version: Option<String>,
    },
    NotFound,
    /// PATH was not searched (a cheap caller): the model then cannot say.
    Unknown,
}

/// A toolchain in the module cache
/// (`$GOMODCACHE/golang.org/toolchain@v0.0.1-<name>.<goos>-<goarch>`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CacheState {
    /// Not there (or partially extracted: a `.partial` file, or no
    /// `cache/download/golang.org/toolchain/@v/<version>.ziphash`).
    Absent,
    /// Extracted; `sumdb_lookup_cached`: the checksum database's answer for
    /// it is cached (`cache/download/sumdb/<db>/lookup/golang.org/toolchain@<version>`),
    /// so verifying it needs no network.
    Extracted {
        sumdb_lookup_cached: bool,
    },
    Unknown,
}

/// The caller's answers. Implementations do the I/O; the model does none.
pub trait World {
    /// `os.Stat(path)` succeeds and it is not a directory.
    fn is_file(&self, path: &Path) -> bool;
    /// The file's bytes (None: cannot be read).
    fn read(&self, path: &Path) -> Option<Cow<'_, [u8]>>;
    /// `exec.LookPath(name)` with the process PATH: the first directory
    /// holding an executable regular file `name`; a hit in a relative
    /// PATH entry is an error in Go 1.19+ and must be reported as
    /// [`PathHit::NotFound`].
    fn look_path(&self, name: &str) -> PathHit;
    /// The module cache entry of a toolchain module version
    /// (`v0.0.1-go1.22.0.linux-amd64`) under `modcache`.
    fn toolchain_cache(&self, modcache: &Path, version: &str) -> CacheState;
}

/// An in-memory [`World`] for tests.
#[cfg(test)]
#[derive(Clone, Debug, Default)]
pub(crate) struct MemWorld {
    pub files: BTreeMap<PathBuf, Vec<u8>>,
    pub path: BTreeMap<String, PathHit>,
    pub cache: BTreeMap<String, CacheState>,
    /// Answer Unknown for names not in `path` (else NotFound).
    pub(crate) path_unknown: bool,
}

#[cfg(test)]
impl World for MemWorld {
    fn is_file(&self, path: &Path) -> bool {
        self.files.contains_key(path)
    }
    fn read(&self, path: &Path) -> Option<Cow<'_, [u8]>> {
        self.files.get(path).map(|v| Cow::Borrowed(v.as_slice()))
    }
    fn look_path(&self, name: &str) -> PathHit {
        self.path
            .get(name)
            .cloned()
            .unwrap_or(if self.path_unknown {
                PathHit::Unknown
            } else {
                PathHit::NotFound
            })
    }
    fn toolchain_cache(&self, _modcache: &Path, version: &str) -> CacheState {
        self.cache
            .get(version)
            .copied()
            .unwrap_or(CacheState::Absent)
    }
}

// Paths.

/// `filepath.Clean` for absolute Unix paths (the caller's paths are): the
/// one copy, in `go::settings`.
pub(super) fn clean(p: &Path) -> PathBuf {
    PathBuf::from(crate::go::settings::clean(
        p.as_os_str(),
        crate::sys::platform::Platform::UNIX,
    ))
}

/// `filepath.Rel` for absolute paths.
pub(super) fn rel(base: &Path, targ: &Path) -> PathBuf {
    let (cb, ct) = (clean(base), clean(targ));
    let b: Vec<_> = cb.components().skip(1).collect();
    let t: Vec<_> = ct.components().skip(1).collect();
    let n = b.iter().zip(&t).take_while(|(x, y)| x == y).count();
    let mut out = PathBuf::new();
    for _ in n..b.len() {
        out.push("..");
    }
    for c in &t[n..] {
        out.push(c);
    }
    if out.as_os_str().is_empty() {
        out.push(".");
    }
    out
}

/// `base.ShortPath`: `path` relative to `cwd` if that is shorter.
pub(crate) fn short_path(cwd: &Path, path: &Path) -> String {
    let r = rel(cwd, path);
    if r.as_os_str().len() < path.as_os_str().len() {
        r.to_string_lossy().into_owned()
    } else {
        path.to_string_lossy().into_owned()
    }
}

/// `search.InDir(dir, root) == "."`: the same directory.
pub(super) fn same_dir(a: &Path, b: &Path) -> bool {
    clean(a) == clean(b)
}

/// `modload.findModuleRoot`: the nearest directory at or above `dir`
/// holding a go.mod file.
pub(super) fn find_module_root(world: &dyn World, dir: &Path) -> Option<PathBuf> {
    let mut d = clean(dir);
    loop {
        if world.is_file(&d.join("go.mod")) {
            return Some(d);
        }
        if !d.pop() {
            return None;
        }
    }
}

/// `modload.findWorkspaceFile`: the nearest go.work at or above `dir`, not
/// crossing into GOROOT.
pub(super) fn find_workspace_file(
    world: &dyn World,
    dir: &Path,
    goroot: Option<&Path>,
) -> Option<PathBuf> {
    let mut d = clean(dir);
    loop {
        let f = d.join("go.work");
        if world.is_file(&f) {
            return Some(f);
        }
        if !d.pop() {
            return None;
        }
        if goroot.is_some_and(|g| clean(g) == d) {
            return None;
        }
    }
}
