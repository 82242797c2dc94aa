//! What the shell hook watches so that it can skip starting goenv-hook when
//! nothing changed (issue: speed). The shell compares, without forking:
//! its variables that goenv-hook reads ([`KEY_VARS`]), and the mtimes of the
//! watched paths against a stamp file (`[[ f -nt stamp ]]` in bash/zsh,
//! `path mtime` in fish).
//!
//! Watched paths: the config file, the `go env -w` file, and go.mod, go.work
//! and .go-version in every directory from the current one up to `/`. Those
//! that exist are compared by mtime (and must still exist); those that did
//! not exist are checked for appearing (`[[ -e f ]]`, fish `path filter`).
//! Directory mtimes are not used: `$HOME` and `/tmp` change all the time.
//!
//! The stamp's mtime is set 2 seconds before the moment goenv-hook read the
//! filesystem, so a file changed during or just before that read still
//! counts as newer (whatever the timestamp precision of the shell's test);
//! the cost is at most one extra run in the two seconds after a change.

use crate::env::EnvSnapshot;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

/// Variables whose value changes what goenv-hook decides. The hook keeps
/// their values (with PWD) in a shell-local key and skips when it matches.
pub const KEY_VARS: &[&str] = &[
    "PWD",
    "PATH",
    "HOME",
    "GOROOT",
    "GOPATH",
    "GOBIN",
    "GOMODCACHE",
    "GOENV",
    "GOWORK",
    "XDG_CONFIG_HOME",
    "GOENV_HOOK_CONFIG",
    "GOENV_HOOK_GO",
    "GOENV_HOOK_DISABLED",
];

/// What the hook checks without forking: files whose mtime it compares
/// with the stamp (and that must still exist), and files that did not exist
/// (if one appears, something changed).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Watch {
    pub present: Vec<PathBuf>,
    pub absent: Vec<PathBuf>,
}

/// Project file names that can appear in any directory from the current
/// one up and change the answer.
const PROJECT_FILES: &[&str] = &["go.mod", "go.work", ".go-version"];

/// At most this many PATH directories (before the one holding `go`) are
/// watched: the shell checks each at every prompt.
pub const MAX_PATH_DIRS: usize = 64;

impl Watch {
    fn add(&mut self, p: PathBuf) {
        // Lists stay short (tens of paths), so a linear scan is cheapest.
        if self.present.contains(&p) || self.absent.contains(&p) {
            return;
        }
        if p.exists() {
            self.present.push(p);
        } else {
            self.absent.push(p);
        }
    }
}

/// The paths the hook must watch for this session: the config file, the
/// `go env -w` file, and go.mod / go.work / .go-version in every directory
/// from the current one up to `/` (present ones by mtime, absent ones for
/// appearing); with `facts`, also the directories that hold the project
/// files found (a file moved in with an old mtime — `mv`, `tar x`,
/// `rsync -a` — still changes its directory's mtime), and the PATH
/// directories up to the one where `go` was found (a new or re-pointed
/// `go` link changes them; at most [`MAX_PATH_DIRS`]).
pub fn watched(env: &EnvSnapshot, facts: Option<&crate::probe::Facts>) -> Watch {
    let mut w = Watch::default();
    for f in [
        crate::config::location(env),
        crate::goenvfile::location(env),
    ]
    .into_iter()
    .flatten()
    {
        w.add(f);
    }
    let mut d = Some(env.cwd.as_path());
    while let Some(dir) = d {
        for name in PROJECT_FILES {
            w.add(dir.join(name));
        }
        d = dir.parent();
    }
    if let Some(f) = facts {
        for p in &f.project.watched {
            if let Some(dir) = p.parent() {
                w.add(dir.to_path_buf());
            }
        }
        let upto = crate::toolchain::active(&f.hits)
            .map(|h| h.path_index)
            .unwrap_or(f.path.len());
        for entry in f.path.iter().take(upto.saturating_add(1)) {
            if env.platform.is_absolute(entry) {
                w.add(PathBuf::from(entry));
            }
        }
    }
    w
}

/// The directory for stamp files: `$XDG_RUNTIME_DIR/goenv-hook`, else
/// `$TMPDIR/goenv-hook-<uid>` (created 0700).
fn stamp_dir(env: &EnvSnapshot) -> Option<PathBuf> {
    if let Some(r) = env.get_nonempty("XDG_RUNTIME_DIR") {
        return Some(Path::new(r).join("goenv-hook"));
    }
    let tmp = env
        .get_nonempty("TMPDIR")
        .map(PathBuf::from)
        .unwrap_or_else(std::env::temp_dir);
    let uid = uid().unwrap_or_default();
    Some(tmp.join(format!("goenv-hook-{uid}")))
}

#[cfg(unix)]
fn uid() -> Option<String> {
    use std::os::unix::fs::MetadataExt;
    // The owner of our own /proc entry is our uid; no libc call needed.
    std::fs::metadata("/proc/self")
        .ok()
        .map(|m| m.uid().to_string())
}

#[cfg(not(unix))]
fn uid() -> Option<String> {
    None
}

/// Creates or refreshes the stamp file of shell session `id` (the shell's
/// pid) and returns its path; None if it can't (then the hook just runs
/// goenv-hook at every prompt: correct, only slower).
pub fn touch_stamp(env: &EnvSnapshot, id: &str, read_at: SystemTime) -> Option<PathBuf> {
    if id.is_empty() || !id.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return None;
    }
    let dir = stamp_dir(env)?;
    if !dir.is_dir() {
        std::fs::create_dir_all(&dir).ok()?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o700)).ok()?;
        }
    }
    // Only a directory that is ours alone: in a shared /tmp another user
    // could otherwise plant the directory or a stamp symlink in it.
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let m = std::fs::symlink_metadata(&dir).ok()?;
        let me = std::fs::metadata("/proc/self").ok()?.uid();
        if !m.is_dir() || m.uid() != me || m.mode() & 0o022 != 0 {
            return None;
        }
    }
    let p = dir.join(format!("stamp-{id}"));
    if std::fs::symlink_metadata(&p).is_ok_and(|m| !m.is_file()) {
        return None;
    }
    let f = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&p)
        .ok()?;
    let t = read_at
        .checked_sub(Duration::from_secs(2))
        .unwrap_or(read_at);
    f.set_modified(t).ok()?;
    Some(p)
}
