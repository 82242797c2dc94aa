//! Go toolchain discovery: is a directory a GOROOT, which version is it, where
//! are toolchains installed, which `go` binaries are on PATH.
//! Never runs `go`.

use crate::facts::toolchain::{active, GoHit, Source, Toolchain};
use crate::go::gover::GoVersion;
use crate::go::layouts::{Layout, Place};
use crate::sys::env::EnvSnapshot;
use crate::sys::platform::Platform;
use std::ffi::OsString;
use std::fs;
use std::path::{Path, PathBuf};

/// Symlink hops followed before giving up (the kernel's limit too).
pub const MAX_HOPS: usize = 40;

/// The name of the `go` binary in a root's `bin`: `go` or `go.exe`.
pub(crate) fn go_exe_name(p: Platform) -> &'static str {
    if p.is_windows() {
        "go.exe"
    } else {
        "go"
    }
}

/// `pkg/tool` is a directory (Go's own test) and `bin/go[.exe]` exists.
pub fn is_goroot(root: &Path, env: &EnvSnapshot) -> bool {
    // One buffer for both paths (a prompt's discovery asks this of every
    // candidate directory).
    let mut p = PathBuf::with_capacity(root.as_os_str().len() + 16);
    p.push(root);
    p.push("pkg");
    p.push("tool");
    if !p.is_dir() {
        return false;
    }
    p.pop();
    p.pop();
    p.push("bin");
    p.push(go_exe_name(env.platform));
    p.is_file()
}

/// Inspects a root; None if it is not a GOROOT.
pub fn inspect_root(root: &Path, env: &EnvSnapshot) -> Option<Toolchain> {
    inspect_root_with(root, env, false)
}

/// [`inspect_root`]; with `version_file_first`, the VERSION file is read
/// before the binary's build info (one small read instead of several: the
/// prompt hook's discovery of many installs).
fn inspect_root_with(
    root: &Path,
    env: &EnvSnapshot,
    version_file_first: bool,
) -> Option<Toolchain> {
    if !is_goroot(root, env) {
        return None;
    }
    Some(inspect_goroot(
        root,
        env,
        &Layout::new(env),
        version_file_first,
        root_id(root),
    ))
}

/// [`inspect_root_with`] for a root already known to pass [`is_goroot`].
fn inspect_goroot(
    root: &Path,
    env: &EnvSnapshot,
    layout: &Layout,
    version_file_first: bool,
    id: RootId,
) -> Toolchain {
    let go_bin = root.join("bin").join(go_exe_name(env.platform));
    let quick = if version_file_first {
        version_file(root)
    } else {
        None
    };
    let (version, version_from) = if let Some(v) = quick {
        (Some(v), Some("VERSION"))
    } else if let Some(v) = binary_version(&go_bin) {
        (Some(v), Some("buildinfo"))
    } else if let Some(v) = version_file(root) {
        (Some(v), Some("VERSION"))
    } else if let Some(v) = zbootstrap_version(root) {
        (Some(v), Some("zbootstrap"))
    } else {
        (None, None)
    };
    Toolchain {
        root: root.to_path_buf(),
        go_bin,
        version,
        version_from,
        source: classify(root, layout),
        has_go_env: root.join("go.env").is_file(),
        id: id.inode(),
    }
}

/// Reads at most `limit` bytes of a small file.
pub(super) fn read_small(path: &Path, limit: u64) -> Option<String> {
    use std::io::Read;
    let mut s = Vec::new();
    fs::File::open(path)
        .ok()?
        .take(limit)
        .read_to_end(&mut s)
        .ok()?;
    String::from_utf8(s).ok()
}

/// `VERSION` line 1 (`go1.19.8` without newline up to 1.20; `go1.21.13\ntime …\n`
/// from 1.21). `devel …` lines give None.
fn version_file(root: &Path) -> Option<GoVersion> {
    let path = root.join("VERSION");
    let line = match first_line(&path) {
        Some(l) => l,
        None => read_small(&path, 4096)?.lines().next()?.to_string(),
    };
    GoVersion::from_toolchain(line.trim())
}

/// The first line of a file when it fits a small buffer, read with as few
/// `read` calls as possible (the hook reads one VERSION file per install);
/// None when the file can't be opened or its first line is longer.
fn first_line(path: &Path) -> Option<String> {
    use std::io::Read;
    let mut f = fs::File::open(path).ok()?;
    let mut buf = [0u8; 128];
    let mut n = 0;
    while n < buf.len() {
        match f.read(&mut buf[n..]) {
            Ok(0) => break,
            Ok(k) => {
                n += k;
                if buf[..n].contains(&b'\n') {
                    break;
                }
            }
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(_) => return None,
        }
    }
    let line = match buf[..n].iter().position(|&b| b == b'\n') {
        Some(i) => &buf[..i],
        None if n < buf.len() => &buf[..n],
        None => return None,
    };
    String::from_utf8(line.to_vec()).ok()
}

/// ``const version = `go1.23.5` `` in `src/internal/buildcfg/zbootstrap.go`.
fn zbootstrap_version(root: &Path) -> Option<GoVersion> {
    let s = read_small(&root.join("src/internal/buildcfg/zbootstrap.go"), 16 * 1024)?;
    s.lines().find_map(|l| {
        let rest = l.trim().strip_prefix("const version")?.trim_start();
        let rest = rest.strip_prefix('=')?.trim();
        let inner = rest.strip_prefix('`').or_else(|| rest.strip_prefix('"'))?;
        let end = inner.find(['`', '"'])?;
        GoVersion::from_toolchain(&inner[..end])
    })
}

/// The Go version embedded in a Go binary (`\xff Go buildinf:` header), read
/// with a few small reads (ELF section table when possible), never by running it.
pub fn binary_version(bin: &Path) -> Option<GoVersion> {
    GoVersion::from_toolchain(&crate::probe::buildinfo::version_string(bin)?)
}

/// Classifies a root by its path as found, and if that says little
/// (`/usr/lib/go` is Debian's link to `go-1.23`), by its canonical path.
fn classify(root: &Path, l: &Layout) -> Source {
    let src = l.classify(root);
    if matches!(src, Source::Unknown | Source::Distro) {
        if let Ok(c) = crate::sys::env::canonical(root) {
            let c = l.classify(&c);
            if c != Source::Unknown {
                return c;
            }
        }
    }
    src
}

/// Resolves one `go` found in a PATH directory hop by hop. Returns the chain,
/// the final target (None: dangling or loop) and the problem.
fn follow(path: &Path) -> (Vec<PathBuf>, Option<PathBuf>, Option<String>) {
    let mut chain = vec![path.to_path_buf()];
    let mut cur = path.to_path_buf();
    for _ in 0..=MAX_HOPS {
        match fs::symlink_metadata(&cur) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return (
                    chain,
                    None,
                    Some(format!("dangling symlink -> {}", cur.display())),
                );
            }
            Err(e) => return (chain, None, Some(format!("unreadable: {e}"))),
            Ok(m) if m.file_type().is_symlink() => {
                let target = match fs::read_link(&cur) {
                    Ok(t) => t,
                    Err(e) => return (chain, None, Some(format!("unreadable link: {e}"))),
                };
                let next = if target.is_absolute() {
                    target
                } else {
                    relative_target(&cur, &target)
                };
                if chain.contains(&next) {
                    chain.push(next);
                    return (chain, None, Some("symlink loop".to_string()));
                }
                chain.push(next.clone());
                cur = next;
            }
            Ok(_) => {
                // Directories on the way may be links too (Debian's
                // /usr/lib/go -> go-1.23): that is one more hop.
                return match crate::sys::env::canonical(&cur) {
                    Ok(c) => {
                        if c != cur {
                            chain.push(c.clone());
                        }
                        (chain, Some(c), None)
                    }
                    Err(e) => (chain, None, Some(format!("unresolvable: {e}"))),
                };
            }
        }
    }
    (chain, None, Some("symlink loop".to_string()))
}

/// Where a relative link target points, spelled as a person would: from the
/// link's directory with its own links resolved, then the target's leading
/// `..` taken off that real directory (`/usr/bin/go -> ../lib/go/bin/go` is
/// `/usr/lib/go/bin/go`, not `/usr/bin/../lib/go/bin/go`). `..` after the
/// first named component is kept: it would apply to whatever that
/// component links to.
fn relative_target(link: &Path, target: &Path) -> PathBuf {
    use std::path::Component;
    let parent = link.parent().unwrap_or(Path::new(""));
    let Ok(mut base) = crate::sys::env::canonical(parent) else {
        return parent.join(target);
    };
    let mut rest = target.components().peekable();
    while let Some(c) = rest.peek() {
        match c {
            Component::ParentDir => {
                base.pop();
            }
            Component::CurDir => {}
            _ => break,
        }
        rest.next();
    }
    for c in rest {
        base.push(c.as_os_str());
    }
    base
}

#[cfg(unix)]
pub(super) fn is_executable(p: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    fs::metadata(p).is_ok_and(|m| m.permissions().mode() & 0o111 != 0)
}

#[cfg(not(unix))]
pub(super) fn is_executable(_: &Path) -> bool {
    true
}

/// Every `go` on PATH (`path` = PATH entries), in order. Relative and empty
/// entries are resolved against `env.cwd` as a shell would.
pub fn find_go_on_path(path: &[OsString], env: &EnvSnapshot) -> Vec<GoHit> {
    scan_path(path, env, false)
}

/// Like [`find_go_on_path`], but stops after the first usable hit (what
/// the prompt hook needs: nothing after it is stat'ed).
pub(crate) fn find_first_go(path: &[OsString], env: &EnvSnapshot) -> Vec<GoHit> {
    scan_path(path, env, true)
}

fn scan_path(path: &[OsString], env: &EnvSnapshot, first_only: bool) -> Vec<GoHit> {
    let plat = env.platform;
    let names = plat.exe_names("go", env.get("PATHEXT"));
    let layout = Layout::new(env);
    let mut hits = Vec::new();
    let mut miss = MissCache::default();
    for (i, entry) in path.iter().enumerate() {
        if miss.none_there(entry, &names, plat, first_only) {
            continue;
        }
        let dir = dir_of_entry(entry, env);
        for name in &names {
            let p = dir.join(name);
            if fs::symlink_metadata(&p).is_err() {
                continue;
            }
            let (chain, resolved, mut problem) = follow(&p);
            if let Some(r) = &resolved {
                if r.is_dir() {
                    continue; // a directory named `go` is not a command
                }
                if !plat.is_windows() && !is_executable(r) {
                    problem = Some("not executable".to_string());
                }
            }
            // A `go` that resolves into a Go root is that toolchain's (no
            // manager's shim lives in a GOROOT's bin), so the shim test (a
            // canonicalization of `dir`) runs only for the others.
            let own = resolved
                .as_deref()
                .and_then(|r| r.parent()?.parent())
                .and_then(|root| inspect_root(root, env));
            let shim = match own {
                Some(_) => None,
                None => super::shims::shim_for(&dir, &layout, env),
            };
            let toolchain = match &shim {
                Some(s) => s.resolves_to.as_deref().and_then(|r| inspect_root(r, env)),
                None => own,
            };
            hits.push(GoHit {
                path_index: i,
                dir: entry.clone(),
                path: p,
                chain,
                resolved,
                toolchain,
                shim,
                problem,
                loose: None,
            });
            if first_only && active(&hits).is_some() {
                return hits;
            }
        }
    }
    hits
}

/// Cheap misses for the PATH scan (Unix, absolute entries): a reused path
/// buffer (no allocation per entry), the parent directories known to exist
/// or not (one `lstat` per distinct parent: every entry under a missing
/// parent is skipped), and, when only the first hit matters, the entries
/// already looked at (a long PATH is mostly a profile sourced many times).
#[derive(Default)]
#[cfg_attr(not(unix), allow(dead_code))]
struct MissCache<'a> {
    buf: Vec<u8>,
    parents: crate::sys::pathlist::FastMap<&'a [u8], bool>,
    seen: crate::sys::pathlist::FastSet<&'a [u8]>,
}

impl<'a> MissCache<'a> {
    /// True when none of `names` can exist in `entry`; false when unsure
    /// (then the full lookup runs).
    fn none_there(
        &mut self,
        entry: &'a OsString,
        names: &[String],
        plat: Platform,
        first_only: bool,
    ) -> bool {
        #[cfg(unix)]
        {
            use std::os::unix::ffi::OsStrExt;
            let b = entry.as_bytes();
            if plat.is_windows() || b.first() != Some(&b'/') {
                return false;
            }
            let trimmed = b.strip_suffix(b"/").unwrap_or(b);
            let parent = &trimmed[..trimmed.iter().rposition(|&c| c == b'/').unwrap_or(0)];
            if !parent.is_empty() && self.parents.get(parent) == Some(&false) {
                return true;
            }
            if first_only && !self.seen.insert(b) {
                return true;
            }
            for name in names {
                self.buf.clear();
                self.buf.extend_from_slice(trimmed);
                self.buf.push(b'/');
                self.buf.extend_from_slice(name.as_bytes());
                if fs::symlink_metadata(Path::new(std::ffi::OsStr::from_bytes(&self.buf))).is_ok() {
                    return false;
                }
            }
            if !parent.is_empty() && !self.parents.contains_key(parent) {
                let exists =
                    fs::symlink_metadata(Path::new(std::ffi::OsStr::from_bytes(parent))).is_ok();
                self.parents.insert(parent, exists);
            }
            true
        }
        #[cfg(not(unix))]
        {
            let _ = (entry, names, plat, first_only);
            false
        }
    }
}

/// The directory a PATH entry names: empty means the current directory,
/// relative entries are relative to it. On Windows surrounding quotes are
/// dropped, as cmd.exe does.
fn dir_of_entry(entry: &OsString, env: &EnvSnapshot) -> PathBuf {
    let mut e = entry.clone();
    if env.platform.is_windows() {
        if let Some(s) = entry.to_str() {
            if s.len() >= 2 && s.starts_with('"') && s.ends_with('"') {
                e = OsString::from(&s[1..s.len() - 1]);
            }
        }
    }
    if e.is_empty() {
        env.cwd.clone()
    } else {
        env.cwd.join(e)
    }
}

/// Every install found in the known locations of go-env-facts.md §7 plus
/// `$GOMODCACHE/golang.org/toolchain@v0.0.1-go*`, deduplicated by resolved
/// root, newest version first. `modcache` = effective GOMODCACHE if known.
///
/// Cost: a `read_dir` of each manager's versions directory and a few stats
/// per candidate; no recursive walks (the Nix store is not listed; profile
/// links to it are followed).
pub fn discover_installs(env: &EnvSnapshot, modcache: Option<&Path>) -> Vec<Toolchain> {
    discover(env, modcache, false)
}

/// Identity of a directory for de-duplication: device and inode where the
/// platform has them (one stat), else the canonical path.
#[derive(PartialEq, Eq)]
pub(crate) enum RootId {
    #[cfg(unix)]
    Inode(u64, u64),
    #[allow(dead_code)]
    Path(PathBuf),
}

impl RootId {
    fn from_inode(id: Option<(u64, u64)>, p: &Path) -> RootId {
        match id {
            #[cfg(unix)]
            Some((d, i)) => RootId::Inode(d, i),
            _ => RootId::Path(p.to_path_buf()),
        }
    }

    pub(crate) fn inode(&self) -> Option<(u64, u64)> {
        match self {
            #[cfg(unix)]
            RootId::Inode(d, i) => Some((*d, *i)),
            RootId::Path(_) => None,
        }
    }
}

pub(crate) fn root_id(p: &Path) -> RootId {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if let Ok(m) = fs::metadata(p) {
            return RootId::Inode(m.dev(), m.ino());
        }
    }
    RootId::Path(crate::sys::env::canonical(p).unwrap_or_else(|_| p.to_path_buf()))
}

/// [`discover_installs`] for the prompt hook: versions from the VERSION
/// files (build info only where there is none).
pub(crate) fn discover_installs_quick(
    env: &EnvSnapshot,
    modcache: Option<&Path>,
) -> Vec<Toolchain> {
    discover(env, modcache, true)
}

fn discover(env: &EnvSnapshot, modcache: Option<&Path>, quick: bool) -> Vec<Toolchain> {
    let l = Layout::new(env);
    // The entries of `dir` whose name starts with `prefix`, sorted.
    let entries = |dir: &Path, prefix: &str| -> Vec<PathBuf> {
        let Ok(rd) = fs::read_dir(dir) else {
            return Vec::new();
        };
        let mut names: Vec<PathBuf> = rd
            .flatten()
            .take(4096)
            .filter(|e| e.file_name().to_string_lossy().starts_with(prefix))
            .map(|e| e.path())
            .collect();
        // One directory's entries: their bytes order them as their paths'
        // components would, without splitting each path into components.
        names.sort_by(|a, b| a.as_os_str().cmp(b.as_os_str()));
        names
    };
    let joined = |cands: &mut Vec<PathBuf>, n: PathBuf, tails: &[&str]| {
        for t in tails {
            cands.push(if t.is_empty() { n.clone() } else { n.join(t) });
        }
    };
    let mut cands: Vec<PathBuf> = Vec::new();
    for place in l.places(env, modcache) {
        match place {
            Place::Root(p) => cands.push(p),
            Place::Children { dir, prefix, tails } => {
                for n in entries(&dir, prefix) {
                    joined(&mut cands, n, tails);
                }
            }
            Place::Grandchildren { dir, prefix, tails } => {
                for d in entries(&dir, prefix) {
                    for n in entries(&d, "") {
                        joined(&mut cands, n, tails);
                    }
                }
            }
        }
    }

    let mut seen: Vec<RootId> = Vec::new();
    let mut out: Vec<Toolchain> = Vec::new();
    for c in cands {
        if !is_goroot(&c, env) {
            continue;
        }
        let key = root_id(&c);
        if seen.contains(&key) {
            continue;
        }
        let id = key.inode();
        seen.push(key);
        out.push(inspect_goroot(
            &c,
            env,
            &l,
            quick,
            RootId::from_inode(id, &c),
        ));
    }
    // Newest first; unknown versions last (None sorts below any Some).
    out.sort_by(|a, b| b.version.cmp(&a.version));
    out
}

// Unix layouts: symlinks, modes, inodes (the Windows layouts run for real
// in tests/win_e2e.rs).
#[cfg(all(test, unix))]
mod tests;
