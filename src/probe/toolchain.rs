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
pub fn go_exe_name(p: Platform) -> &'static str {
    if p.is_windows() {
        "go.exe"
    } else {
        "go"
    }
}

/// `pkg/tool` is a directory (Go's own test) and `bin/go[.exe]` exists.
pub fn is_goroot(root: &Path, env: &EnvSnapshot) -> bool {
    root.join("pkg").join("tool").is_dir()
        && root.join("bin").join(go_exe_name(env.platform)).is_file()
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
    Some(inspect_goroot(root, env, version_file_first, root_id(root)))
}

/// [`inspect_root_with`] for a root already known to pass [`is_goroot`].
fn inspect_goroot(
    root: &Path,
    env: &EnvSnapshot,
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
        source: classify(root, env),
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
fn classify(root: &Path, env: &EnvSnapshot) -> Source {
    let l = Layout::new(env);
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
pub fn find_first_go(path: &[OsString], env: &EnvSnapshot) -> Vec<GoHit> {
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
pub fn discover_installs_quick(env: &EnvSnapshot, modcache: Option<&Path>) -> Vec<Toolchain> {
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
        names.sort();
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
        out.push(inspect_goroot(&c, env, quick, RootId::from_inode(id, &c)));
    }
    // Newest first; unknown versions last (None sorts below any Some).
    out.sort_by(|a, b| b.version.cmp(&a.version));
    out
}

// Unix layouts: symlinks, modes, inodes (the Windows layouts run for real
// in tests/win_e2e.rs).
#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::{symlink, PermissionsExt};

    fn env_at(home: &Path, cwd: &Path, plat: Platform, extra: &[(&str, &str)]) -> EnvSnapshot {
        let hv = if plat.is_windows() {
            "USERPROFILE"
        } else {
            "HOME"
        };
        let mut vars = vec![(OsString::from(hv), home.as_os_str().to_os_string())];
        vars.extend(
            extra
                .iter()
                .map(|(k, v)| (OsString::from(k), OsString::from(v))),
        );
        EnvSnapshot::new(vars, cwd.to_path_buf(), plat)
    }

    /// A fake GOROOT: `pkg/tool/linux_amd64/`, `bin/go[.exe]`, `VERSION`.
    fn fake_root(root: &Path, version: Option<&str>, exe: &str) {
        fs::create_dir_all(root.join("pkg/tool/linux_amd64")).unwrap();
        fs::create_dir_all(root.join("bin")).unwrap();
        let bin = root.join("bin").join(exe);
        fs::write(&bin, "#!/bin/sh\n").unwrap();
        fs::set_permissions(&bin, fs::Permissions::from_mode(0o755)).unwrap();
        if let Some(v) = version {
            fs::write(
                root.join("VERSION"),
                format!("go{v}\ntime 2024-07-31T19:43:06Z\n"),
            )
            .unwrap();
        }
    }

    /// A file that carries a Go build-info header (found by the bounded scan).
    fn fake_go_binary(path: &Path, version: &str) {
        let mut b = b"\x7fELF\x02\x01\x01".to_vec();
        b.resize(4096, 0);
        b.extend_from_slice(crate::probe::buildinfo::MAGIC);
        b.extend_from_slice(&[8, 2]);
        b.resize(4096 + 32, 0);
        b.push(version.len() as u8);
        b.extend_from_slice(version.as_bytes());
        fs::write(path, b).unwrap();
        fs::set_permissions(path, fs::Permissions::from_mode(0o755)).unwrap();
    }

    fn tmp() -> tempfile::TempDir {
        tempfile::tempdir().unwrap()
    }

    fn v(s: &str) -> Option<GoVersion> {
        GoVersion::parse(s)
    }

    #[test]
    fn goroot_needs_pkg_tool_dir_and_bin_go() {
        let t = tmp();
        let e = env_at(t.path(), t.path(), Platform::UNIX, &[]);
        let r = t.path().join("go");
        assert!(!is_goroot(&r, &e));
        fake_root(&r, Some("1.22.3"), "go");
        assert!(is_goroot(&r, &e));
        // Windows wants go.exe.
        assert!(!is_goroot(
            &r,
            &env_at(t.path(), t.path(), Platform::WINDOWS, &[])
        ));
        fs::remove_file(r.join("bin/go")).unwrap();
        assert!(!is_goroot(&r, &e));
        assert!(inspect_root(&r, &e).is_none());
        // pkg/tool as a file is not enough.
        let r2 = t.path().join("go2");
        fake_root(&r2, None, "go");
        fs::remove_dir_all(r2.join("pkg/tool")).unwrap();
        fs::write(r2.join("pkg/tool"), "").unwrap();
        assert!(!is_goroot(&r2, &e));
    }

    #[test]
    fn version_sources_in_order() {
        let t = tmp();
        let e = env_at(t.path(), t.path(), Platform::UNIX, &[]);
        let r = t.path().join("r");
        fake_root(&r, Some("1.21.13"), "go");
        let tc = inspect_root(&r, &e).unwrap();
        assert_eq!(
            (tc.version, tc.version_from),
            (v("1.21.13"), Some("VERSION"))
        );
        assert!(!tc.has_go_env);
        assert_eq!(tc.go_bin, r.join("bin/go"));
        // ≤ 1.20: one line, no newline.
        fs::write(r.join("VERSION"), "go1.19.8").unwrap();
        assert_eq!(inspect_root(&r, &e).unwrap().version, v("1.19.8"));
        // The binary's build info wins over the file.
        fake_go_binary(&r.join("bin/go"), "go1.22.12");
        fs::write(r.join("go.env"), "GOTOOLCHAIN=auto\n").unwrap();
        let tc = inspect_root(&r, &e).unwrap();
        assert_eq!(
            (tc.version, tc.version_from),
            (v("1.22.12"), Some("buildinfo"))
        );
        assert!(tc.has_go_env);
        // No build info, a devel VERSION: zbootstrap.go.
        fs::write(r.join("bin/go"), "#!/bin/sh\n").unwrap();
        fs::write(r.join("VERSION"), "devel go1.24-abcdef Tue Jan 1\n").unwrap();
        fs::create_dir_all(r.join("src/internal/buildcfg")).unwrap();
        fs::write(
            r.join("src/internal/buildcfg/zbootstrap.go"),
            "// Code generated by go tool dist; DO NOT EDIT.\n\npackage buildcfg\n\nimport \"runtime\"\n\nconst defaultGO386 = `sse2`\nconst version = `go1.23.5`\nconst defaultGOOS = runtime.GOOS\n",
        )
        .unwrap();
        let tc = inspect_root(&r, &e).unwrap();
        assert_eq!(
            (tc.version, tc.version_from),
            (v("1.23.5"), Some("zbootstrap"))
        );
        fs::remove_file(r.join("src/internal/buildcfg/zbootstrap.go")).unwrap();
        let tc = inspect_root(&r, &e).unwrap();
        assert_eq!((tc.version, tc.version_from), (None, None));
    }

    #[test]
    fn sources_from_paths() {
        let l = Layout::new(&EnvSnapshot::from_pairs(
            &[("HOME", "/home/u")],
            "/",
            Platform::UNIX,
        ));
        let table = [
            ("/usr/lib/go-1.23", Source::Debian),
            ("/usr/local/go", Source::Tarball),
            ("/home/u/sdk/go1.22.3", Source::GolangDl),
            ("/home/u/sdk/gotip", Source::GolangDl),
            (
                "/home/u/go/pkg/mod/golang.org/toolchain@v0.0.1-go1.23.5.linux-amd64",
                Source::GoToolchainDownload,
            ),
            ("/opt/homebrew/Cellar/go/1.23.5/libexec", Source::Homebrew),
            (
                "/usr/local/Cellar/go@1.22/1.22.12/libexec",
                Source::Homebrew,
            ),
            ("/opt/homebrew/opt/go/libexec", Source::Homebrew),
            (
                "/home/linuxbrew/.linuxbrew/opt/go@1.21/libexec",
                Source::Homebrew,
            ),
            ("/home/u/.asdf/installs/golang/1.22.3/go", Source::Asdf),
            ("/home/u/.local/share/mise/installs/go/1.22.3", Source::Mise),
            ("/home/u/.goenv/versions/1.22.3", Source::Goenv),
            ("/home/u/.gvm/gos/go1.22.3", Source::Gvm),
            ("/home/u/.g/versions/1.22.3", Source::G),
            ("/home/u/.g/go", Source::G),
            ("/home/u/.gobrew/versions/1.22.3/go", Source::Gobrew),
            ("/home/u/scoop/apps/go/current", Source::Scoop),
            ("/nix/store/abc-go-1.22.3/share/go", Source::Nix),
            ("/snap/go/current", Source::Snap),
            ("/opt/local/lib/go", Source::MacPorts),
            ("/usr/lib/golang", Source::Distro),
            ("/usr/lib/go", Source::Distro),
            ("/other/.asdf/installs/golang/1.21.0/go", Source::Asdf),
            ("/opt/go", Source::Unknown),
            ("/usr/lib/go-x", Source::Unknown),
            ("/home/u/sdk", Source::Unknown),
            ("/home/u/go", Source::Unknown),
        ];
        for (p, want) in table {
            assert_eq!(l.classify(Path::new(p)), want, "{p}");
        }
        let w = Platform::WINDOWS;
        let lw = Layout::new(&EnvSnapshot::from_pairs(
            &[("USERPROFILE", r"C:\Users\u")],
            r"C:\",
            w,
        ));
        for (p, want) in [
            (r"C:\Program Files\Go", Source::WindowsMsi),
            (r"c:\program files (x86)\go\", Source::WindowsMsi),
            (r"D:\Go", Source::WindowsMsi),
            (r"C:\Users\u\scoop\apps\go\1.22.3", Source::Scoop),
            (r"C:\Users\u\sdk\go1.22.3", Source::GolangDl),
            (
                r"C:\Users\u\go\pkg\mod\golang.org\toolchain@v0.0.1-go1.23.5.windows-amd64",
                Source::GoToolchainDownload,
            ),
            (r"C:\tools\go", Source::Unknown),
        ] {
            assert_eq!(lw.classify(Path::new(p)), want, "{p}");
        }
    }

    #[test]
    fn debian_link_is_classified_by_its_target() {
        let t = tmp();
        let e = env_at(t.path(), t.path(), Platform::UNIX, &[]);
        if Path::new("/usr/lib/go").exists() {
            assert_eq!(classify(Path::new("/usr/lib/go"), &e), Source::Debian);
        }
        assert_eq!(classify(Path::new("/usr/lib/go-1.22"), &e), Source::Debian);
    }

    #[test]
    fn path_hits_follow_relative_symlink_chains() {
        let t = tmp();
        let root = t.path().join("lib/go-1.99");
        fake_root(&root, Some("1.99.1"), "go");
        fs::create_dir_all(t.path().join("bin")).unwrap();
        fs::create_dir_all(t.path().join("alt")).unwrap();
        // bin/go -> ../alt/go -> ../lib/go-1.99/bin/go (Debian's shape, twice)
        symlink("../alt/go", t.path().join("bin/go")).unwrap();
        symlink("../lib/go-1.99/bin/go", t.path().join("alt/go")).unwrap();
        let e = env_at(t.path(), t.path(), Platform::UNIX, &[]);
        let hits = find_go_on_path(&[t.path().join("bin").into_os_string()], &e);
        assert_eq!(hits.len(), 1);
        let h = &hits[0];
        assert_eq!(h.chain.len(), 3, "{:?}", h.chain);
        assert_eq!(h.chain[0], t.path().join("bin/go"));
        assert_eq!(
            h.resolved.as_deref(),
            Some(fs::canonicalize(root.join("bin/go")).unwrap().as_path())
        );
        let tc = h.toolchain.as_ref().unwrap();
        assert_eq!(tc.version, v("1.99.1"));
        assert_eq!(h.problem, None);
        assert!(h.shim.is_none());
        assert_eq!(active(&hits).map(|h| h.path_index), Some(0));
    }

    #[test]
    fn dangling_and_looping_links_are_problems() {
        let t = tmp();
        let d = t.path();
        for x in ["a", "b", "c", "real"] {
            fs::create_dir_all(d.join(x)).unwrap();
        }
        symlink("/nonexistent/go", d.join("a/go")).unwrap();
        symlink("../b/go", d.join("b/go")).unwrap(); // self loop
        symlink("../c/go2", d.join("c/go")).unwrap();
        symlink("go", d.join("c/go2")).unwrap(); // two-link loop
        fake_root(&d.join("real/root"), Some("1.22.1"), "go");
        let e = env_at(d, d, Platform::UNIX, &[]);
        let path: Vec<OsString> = ["a", "b", "c", "real/root/bin"]
            .iter()
            .map(|x| d.join(x).into_os_string())
            .collect();
        let hits = find_go_on_path(&path, &e);
        assert_eq!(hits.len(), 4);
        assert_eq!(
            hits[0].problem.as_deref(),
            Some("dangling symlink -> /nonexistent/go")
        );
        assert_eq!(hits[0].resolved, None);
        assert_eq!(hits[1].problem.as_deref(), Some("symlink loop"));
        assert_eq!(hits[2].problem.as_deref(), Some("symlink loop"));
        assert!(hits[2].chain.len() <= MAX_HOPS + 2);
        assert_eq!(active(&hits).map(|h| h.path_index), Some(3));
    }

    #[test]
    fn long_loop_spelled_differently_stops_at_the_hop_cap() {
        let t = tmp();
        let d = t.path();
        fs::create_dir_all(d.join("x")).unwrap();
        // go -> ./go-> ././go ... never the same spelling twice
        symlink("./go", d.join("x/go")).unwrap();
        let e = env_at(d, d, Platform::UNIX, &[]);
        let hits = find_go_on_path(&[d.join("x").into_os_string()], &e);
        assert_eq!(hits[0].problem.as_deref(), Some("symlink loop"));
    }

    #[test]
    fn empty_and_relative_entries_use_cwd() {
        let t = tmp();
        let root = t.path().join("proj/tools/go");
        fake_root(&root, Some("1.22.3"), "go");
        let e = env_at(
            t.path(),
            &t.path().join("proj/tools/go/bin"),
            Platform::UNIX,
            &[],
        );
        let hits = find_go_on_path(&[OsString::from("/nonexistent"), OsString::new()], &e);
        assert_eq!(hits.len(), 1);
        assert_eq!(hits[0].path_index, 1);
        assert_eq!(hits[0].dir, OsString::new());
        let e = env_at(t.path(), &t.path().join("proj"), Platform::UNIX, &[]);
        let hits = find_go_on_path(&[OsString::from("tools/go/bin")], &e);
        assert_eq!(hits.len(), 1);
        assert_eq!(hits[0].toolchain.as_ref().unwrap().version, v("1.22.3"));
    }

    #[test]
    fn directories_are_skipped_and_non_executables_flagged() {
        let t = tmp();
        let d = t.path();
        fs::create_dir_all(d.join("home/go")).unwrap(); // a GOPATH dir named go
        fake_root(&d.join("r"), Some("1.22.3"), "go");
        fs::set_permissions(d.join("r/bin/go"), fs::Permissions::from_mode(0o644)).unwrap();
        let e = env_at(d, d, Platform::UNIX, &[]);
        let path = [
            d.join("home").into_os_string(),
            d.join("r/bin").into_os_string(),
        ];
        let hits = find_go_on_path(&path, &e);
        assert_eq!(hits.len(), 1);
        assert_eq!(hits[0].problem.as_deref(), Some("not executable"));
        assert!(active(&hits).is_none());
    }

    #[test]
    fn windows_pathext_and_quotes() {
        let t = tmp();
        let d = t.path();
        fake_root(&d.join("Go"), Some("1.22.3"), "go.exe");
        fs::write(d.join("Go/bin/go"), "not a windows command").unwrap();
        fs::create_dir_all(d.join("scripts")).unwrap();
        fs::write(d.join("scripts/go.bat"), "@echo off").unwrap();
        let e = env_at(d, d, Platform::WINDOWS, &[("PATHEXT", ".COM;.EXE;.BAT")]);
        let quoted = format!("\"{}\"", d.join("Go/bin").display());
        let path = [d.join("scripts").into_os_string(), OsString::from(quoted)];
        let hits = find_go_on_path(&path, &e);
        let names: Vec<_> = hits
            .iter()
            .map(|h| h.path.file_name().unwrap().to_owned())
            .collect();
        assert_eq!(names, ["go.bat", "go.exe"]);
        assert!(hits[0].toolchain.is_none());
        let tc = hits[1].toolchain.as_ref().unwrap();
        assert_eq!(tc.go_bin, d.join("Go/bin/go.exe"));
        assert_eq!(active(&hits).unwrap().path_index, 1);
        // Without .EXE in PATHEXT go.exe is not a command.
        let e = env_at(d, d, Platform::WINDOWS, &[("PATHEXT", ".BAT")]);
        assert_eq!(find_go_on_path(&path, &e).len(), 1);
    }

    #[test]
    fn asdf_shim_resolves_through_tool_versions() {
        let t = tmp();
        let h = t.path().join("home");
        let asdf = h.join(".asdf");
        fs::create_dir_all(asdf.join("shims")).unwrap();
        fs::write(
            asdf.join("shims/go"),
            "#!/usr/bin/env bash\nexec asdf exec go \"$@\"\n",
        )
        .unwrap();
        fs::set_permissions(asdf.join("shims/go"), fs::Permissions::from_mode(0o755)).unwrap();
        fake_root(
            &asdf.join("installs/golang/1.22.3/go"),
            Some("1.22.3"),
            "go",
        );
        fake_root(
            &asdf.join("installs/golang/1.21.0/go"),
            Some("1.21.0"),
            "go",
        );
        fs::write(h.join(".tool-versions"), "nodejs 20.0.0\ngolang 1.21.0\n").unwrap();
        let proj = t.path().join("proj/sub");
        fs::create_dir_all(&proj).unwrap();
        let path = [asdf.join("shims").into_os_string()];
        // Global file only.
        let e = env_at(&h, &proj, Platform::UNIX, &[]);
        let hit = &find_go_on_path(&path, &e)[0];
        let s = hit.shim.as_ref().unwrap();
        assert_eq!(s.manager, "asdf");
        assert_eq!(
            s.resolves_to.as_deref(),
            Some(asdf.join("installs/golang/1.21.0/go").as_path())
        );
        assert_eq!(hit.toolchain.as_ref().unwrap().version, v("1.21.0"));
        assert_eq!(hit.toolchain.as_ref().unwrap().source, Source::Asdf);
        // A project file above cwd wins.
        fs::write(
            t.path().join("proj/.tool-versions"),
            "golang 1.22.3 # pinned\n",
        )
        .unwrap();
        let hit = &find_go_on_path(&path, &e)[0];
        assert_eq!(
            hit.shim.as_ref().unwrap().resolves_to.as_deref(),
            Some(asdf.join("installs/golang/1.22.3/go").as_path())
        );
        // A version not installed: a shim that resolves to nothing.
        fs::write(t.path().join("proj/.tool-versions"), "golang 1.30.0\n").unwrap();
        let hits = find_go_on_path(&path, &e);
        assert!(hits[0].shim.as_ref().unwrap().resolves_to.is_none());
        assert!(active(&hits).is_none());
    }

    #[test]
    fn goenv_shim_resolves_through_its_version_files() {
        let t = tmp();
        let h = t.path().join("home");
        let root = h.join(".goenv");
        fs::create_dir_all(root.join("shims")).unwrap();
        fs::write(root.join("shims/go"), "#!/bin/sh\n").unwrap();
        fs::set_permissions(root.join("shims/go"), fs::Permissions::from_mode(0o755)).unwrap();
        fake_root(&root.join("versions/1.20.5"), Some("1.20.5"), "go");
        fake_root(&root.join("versions/1.22.0"), Some("1.22.0"), "go");
        fs::write(root.join("version"), "1.20.5\n").unwrap();
        let proj = t.path().join("p");
        fs::create_dir_all(&proj).unwrap();
        let path = [root.join("shims").into_os_string()];
        let res = |e: &EnvSnapshot| {
            find_go_on_path(&path, e)[0]
                .shim
                .clone()
                .unwrap()
                .resolves_to
        };
        let e = env_at(&h, &proj, Platform::UNIX, &[]);
        assert_eq!(res(&e), Some(root.join("versions/1.20.5")));
        fs::write(proj.join(".go-version"), "1.22.0\n").unwrap();
        assert_eq!(res(&e), Some(root.join("versions/1.22.0")));
        let e = env_at(&h, &proj, Platform::UNIX, &[("GOENV_VERSION", "1.20.5")]);
        assert_eq!(res(&e), Some(root.join("versions/1.20.5")));
        let e = env_at(&h, &proj, Platform::UNIX, &[("GOENV_VERSION", "system")]);
        assert_eq!(res(&e), None);
    }

    #[test]
    fn mise_shim_resolves_prefixes_to_newest_install() {
        let t = tmp();
        let h = t.path().join("home");
        let mise = h.join(".local/share/mise");
        fs::create_dir_all(mise.join("shims")).unwrap();
        symlink("/nonexistent/bin/mise", mise.join("shims/go")).unwrap();
        for ver in ["1.22.3", "1.22.10", "1.23.0"] {
            fake_root(&mise.join("installs/go").join(ver), Some(ver), "go");
        }
        let proj = t.path().join("p");
        fs::create_dir_all(&proj).unwrap();
        fs::write(
            proj.join(".mise.toml"),
            "[tools]\ngo = \"1.22\"\nnode = \"20\"\n",
        )
        .unwrap();
        let path = [mise.join("shims").into_os_string()];
        let e = env_at(&h, &proj, Platform::UNIX, &[]);
        let hit = &find_go_on_path(&path, &e)[0];
        // The shim links to a missing mise binary: a shim with a problem.
        assert_eq!(hit.shim.as_ref().unwrap().manager, "mise");
        assert_eq!(
            hit.shim.as_ref().unwrap().resolves_to,
            Some(mise.join("installs/go/1.22.10"))
        );
        assert!(hit.problem.is_some());
        fs::write(proj.join(".mise.toml"), "[tools]\ngo = [\"1.23.0\"]\n").unwrap();
        let hit = &find_go_on_path(&path, &e)[0];
        assert_eq!(
            hit.shim.as_ref().unwrap().resolves_to,
            Some(mise.join("installs/go/1.23.0"))
        );
        fs::remove_file(proj.join(".mise.toml")).unwrap();
        fs::write(proj.join(".tool-versions"), "go latest\n").unwrap();
        let hit = &find_go_on_path(&path, &e)[0];
        assert_eq!(
            hit.shim.as_ref().unwrap().resolves_to,
            Some(mise.join("installs/go/1.23.0"))
        );
    }

    #[test]
    fn scoop_shim_reads_go_shim_file() {
        let t = tmp();
        let h = t.path().join("home");
        let app = h.join("scoop/apps/go/1.22.3");
        fake_root(&app, Some("1.22.3"), "go.exe");
        fs::create_dir_all(h.join("scoop/shims")).unwrap();
        fs::write(h.join("scoop/shims/go.exe"), "MZ").unwrap();
        fs::write(
            h.join("scoop/shims/go.shim"),
            format!("path = \"{}\"\n", app.join("bin/go.exe").display()),
        )
        .unwrap();
        let e = env_at(&h, &h, Platform::WINDOWS, &[("PATHEXT", ".EXE")]);
        let hits = find_go_on_path(&[h.join("scoop/shims").into_os_string()], &e);
        let s = hits[0].shim.as_ref().unwrap();
        assert_eq!(s.manager, "scoop");
        assert_eq!(s.resolves_to.as_deref(), Some(app.as_path()));
        assert_eq!(hits[0].toolchain.as_ref().unwrap().source, Source::Scoop);
    }

    /// When the tests run as root (CI does), which reads every directory
    /// whatever its mode, runs the test `name` (in this module) again in a
    /// child process as the unprivileged user nobody (65534, through
    /// util-linux `setpriv`), asserts that it passed, and returns true: the
    /// caller then returns. False when not root, or in that child.
    fn rerun_unprivileged(name: &str) -> bool {
        use std::os::unix::fs::{chown, MetadataExt};
        const CHILD: &str = "GOENV_HOOK_TEST_UNPRIVILEGED";
        const NOBODY: u32 = 65534;
        if std::env::var_os(CHILD).is_some() {
            return false;
        }
        // The owner of a new file is this process's effective user.
        let dir = tmp();
        fs::write(dir.path().join("probe"), "").unwrap();
        if fs::metadata(dir.path().join("probe")).unwrap().uid() != 0 {
            return false;
        }
        // nobody gets its own temporary directory and a copy of this test
        // binary (the original may sit under a directory only root can enter).
        fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o755)).unwrap();
        let work = dir.path().join("tmp");
        fs::create_dir(&work).unwrap();
        chown(&work, Some(NOBODY), Some(NOBODY)).unwrap();
        let exe = dir.path().join("test-binary");
        fs::copy(std::env::current_exe().unwrap(), &exe).unwrap();
        fs::set_permissions(&exe, fs::Permissions::from_mode(0o755)).unwrap();
        let module = module_path!().split_once("::").unwrap().1;
        let out = std::process::Command::new("setpriv")
            .args([
                format!("--reuid={NOBODY}"),
                format!("--regid={NOBODY}"),
                "--clear-groups".to_string(),
                "--".to_string(),
            ])
            .arg(&exe)
            .args(["--exact", &format!("{module}::{name}"), "--test-threads=1"])
            .env_clear()
            .env(CHILD, "1")
            .env("PATH", "/usr/bin:/bin")
            .env("TMPDIR", &work)
            .current_dir(&work)
            .output()
            .expect("util-linux setpriv runs the test as nobody when the tests run as root");
        let text = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(
            out.status.success() && text.contains("test result: ok. 1 passed"),
            "{name} as nobody: {}\n{text}",
            out.status
        );
        true
    }

    #[test]
    fn discovery_finds_dedups_and_sorts() {
        // The unreadable directory below is unreadable only without root.
        if rerun_unprivileged("discovery_finds_dedups_and_sorts") {
            return;
        }
        let t = tmp();
        let h = t.path().join("home");
        fake_root(&h.join("sdk/go1.22.3"), Some("1.22.3"), "go");
        fs::write(h.join("sdk/go1.22.3/.unpacked-success"), "").unwrap();
        fake_root(
            &h.join(".asdf/installs/golang/1.21.0/go"),
            Some("1.21.0"),
            "go",
        );
        fake_root(&h.join(".goenv/versions/1.21rc2"), Some("1.21rc2"), "go");
        fake_root(&h.join(".gvm/gos/go1.20"), Some("1.20"), "go");
        fake_root(
            &h.join(".local/share/mise/installs/go/1.23.1"),
            Some("1.23.1"),
            "go",
        );
        fake_root(&h.join("go"), None, "go"); // ~/go as a GOROOT of unknown version
        let mc = t.path().join("modcache");
        fake_root(
            &mc.join("golang.org/toolchain@v0.0.1-go1.23.5.linux-amd64"),
            Some("1.23.5"),
            "go",
        );
        fs::create_dir_all(mc.join("golang.org/x")).unwrap();
        // A link to an install (deduplicated), a loop and a dangling link (skipped).
        fs::create_dir_all(h.join(".g/versions")).unwrap();
        symlink(h.join("sdk/go1.22.3"), h.join(".g/versions/1.22.3")).unwrap();
        symlink("loop", h.join(".g/versions/loop")).unwrap();
        symlink("/nonexistent", h.join(".g/versions/dangling")).unwrap();
        // An unreadable versions directory, holding an install that would be
        // found (and break the list below) if it could be read.
        fake_root(&h.join(".gobrew/versions/1.22.0/go"), Some("1.22.0"), "go");
        fs::set_permissions(
            h.join(".gobrew/versions"),
            fs::Permissions::from_mode(0o000),
        )
        .unwrap();
        assert_eq!(
            fs::read_dir(h.join(".gobrew/versions")).unwrap_err().kind(),
            std::io::ErrorKind::PermissionDenied,
            "the test needs a directory this user can't read"
        );
        let e = env_at(&h, t.path(), Platform::UNIX, &[]);
        let all = discover_installs(&e, Some(&mc));
        fs::set_permissions(
            h.join(".gobrew/versions"),
            fs::Permissions::from_mode(0o755),
        )
        .unwrap();
        let mine: Vec<(String, Option<String>, Source)> = all
            .iter()
            .filter(|t| t.root.starts_with(&h))
            .map(|t| {
                (
                    t.root.strip_prefix(&h).unwrap().display().to_string(),
                    t.version.as_ref().map(|v| v.to_string()),
                    t.source,
                )
            })
            .collect();
        let want = [
            (
                ".local/share/mise/installs/go/1.23.1",
                Some("1.23.1"),
                Source::Mise,
            ),
            ("sdk/go1.22.3", Some("1.22.3"), Source::GolangDl),
            (
                ".asdf/installs/golang/1.21.0/go",
                Some("1.21.0"),
                Source::Asdf,
            ),
            (".goenv/versions/1.21rc2", Some("1.21rc2"), Source::Goenv),
            (".gvm/gos/go1.20", Some("1.20"), Source::Gvm),
            ("go", None, Source::Unknown),
        ];
        let want: Vec<(String, Option<String>, Source)> = want
            .iter()
            .map(|(p, v, s)| (p.to_string(), v.map(str::to_string), *s))
            .collect();
        assert_eq!(mine, want);
        let tc = all.iter().find(|t| t.root.starts_with(&mc)).unwrap();
        assert_eq!(tc.source, Source::GoToolchainDownload);
        // Global order: versions descending, unknown last.
        let vs: Vec<_> = all.iter().map(|t| t.version.clone()).collect();
        let mut sorted = vs.clone();
        sorted.sort_by(|a, b| b.cmp(a));
        assert_eq!(vs, sorted);
        assert!(all.last().unwrap().version.is_none());
    }

    #[test]
    fn windows_discovery_uses_program_files() {
        let t = tmp();
        let d = t.path();
        fake_root(&d.join("PF/Go"), Some("1.22.3"), "go.exe");
        fake_root(&d.join("PF86/Go"), Some("1.21.0"), "go"); // no go.exe: not a Windows GOROOT
        fake_root(&d.join("user/sdk/go1.23.0"), Some("1.23.0"), "go.exe");
        let e = env_at(
            &d.join("user"),
            d,
            Platform::WINDOWS,
            &[
                ("ProgramFiles", d.join("PF").to_str().unwrap()),
                ("ProgramFiles(x86)", d.join("PF86").to_str().unwrap()),
            ],
        );
        let all = discover_installs(&e, None);
        let roots: Vec<_> = all.iter().map(|t| t.root.clone()).collect();
        assert_eq!(roots, [d.join("user/sdk/go1.23.0"), d.join("PF/Go")]);
        assert_eq!(all[1].go_bin, d.join("PF/Go/bin/go.exe"));
    }
}
