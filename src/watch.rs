//! What the shell hook watches so that it can skip starting goenv-hook when
//! nothing changed (issue: speed). The shell compares, without forking:
//! its variables that goenv-hook reads ([`KEY_VARS`]), and the mtimes of the
//! watched paths against a stamp file (`[[ f -nt stamp ]]` in bash/zsh,
//! `path mtime` in fish).
//!
//! Watched paths: the config file, the `go env -w` file, every project file
//! found, and every directory from the current one up to `/` (a directory's
//! mtime changes when a go.mod, go.work or .go-version appears or goes away
//! in it). A file that does not exist is watched through the nearest
//! existing parent directory.
//!
//! The stamp's mtime is set 2 seconds before the moment goenv-hook read the
//! filesystem, so a file changed during or just before that read still
//! counts as newer (whatever the timestamp precision of the shell's test);
//! the cost is at most one extra run in the two seconds after a change.

use crate::app::Session;
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

fn existing_or_parent(p: &Path) -> Option<PathBuf> {
    let mut cur = Some(p);
    while let Some(c) = cur {
        if c.exists() {
            return Some(c.to_path_buf());
        }
        cur = c.parent();
    }
    None
}

/// The paths the hook must watch for this session.
pub fn watched(s: &Session) -> Vec<PathBuf> {
    let env = &s.facts.env;
    let mut out: Vec<PathBuf> = Vec::new();
    let mut push = |p: PathBuf| {
        if !out.contains(&p) {
            out.push(p);
        }
    };
    if let Some(c) = crate::config::location(env).and_then(|c| existing_or_parent(&c)) {
        push(c);
    }
    if let Some(g) = crate::goenvfile::location(env).and_then(|g| existing_or_parent(&g)) {
        push(g);
    }
    for f in &s.facts.project.watched {
        push(f.clone());
    }
    let mut d = Some(env.cwd.as_path());
    while let Some(dir) = d {
        push(dir.to_path_buf());
        d = dir.parent();
    }
    out
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
    let p = dir.join(format!("stamp-{id}"));
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
