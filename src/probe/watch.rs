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

use crate::sys::env::EnvSnapshot;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

/// Variables whose value changes what goenv-hook decides. The hooks keep
/// their values (with PWD) in a shell-local key and skip when it matches
/// (each hook script spells the list in its shell's syntax; a test checks
/// they hold all of these).
#[cfg(test)]
const KEY_VARS: &[&str] = &[
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
    pub(crate) absent: Vec<PathBuf>,
}

/// At most this many PATH directories (before the one holding `go`) are
/// watched: the shell checks each at every prompt.
pub(crate) const MAX_PATH_DIRS: usize = 64;

impl Watch {
    fn add(&mut self, p: PathBuf, there: bool) {
        // Lists stay short (up to about a hundred paths), so a linear scan
        // is cheapest, over the bytes: `Path`'s `==` compares component by
        // component, which made this half of a hook run at a 200-entry
        // PATH. A path spelled two ways is watched twice, which is harmless.
        let seen = |l: &[PathBuf]| l.iter().any(|q| q.as_os_str() == p.as_os_str());
        if seen(&self.present) || seen(&self.absent) {
            return;
        }
        if there {
            self.present.push(p);
        } else {
            self.absent.push(p);
        }
    }
}

/// The paths the hook must watch for this session, from what the probe
/// read: the config file (`config_present`: whether it was there), the `go
/// env -w` file, and every go.mod / go.work / .go-version the project
/// search looked for (present ones by mtime, absent ones for appearing: the
/// search looks exactly where a new file would change the answer); the
/// directories that hold the project files found (a file moved in with an
/// old mtime — `mv`, `tar x`, `rsync -a` — still changes its directory's
/// mtime); and the PATH directories up to the one where `go` was found (a
/// new or re-pointed `go` link changes them; the first [`MAX_PATH_DIRS`],
/// stat'ed here: the PATH scan looks for `go` in them, not at them).
pub fn watched(facts: &crate::facts::Facts, config_present: bool) -> Watch {
    let env = &facts.env;
    let mut w = Watch::default();
    if let Some(c) = crate::config::location(env) {
        w.add(c, config_present);
    }
    if let Some(g) = crate::go::envfile::location(env) {
        w.add(g, facts.goenv_file_present);
    }
    for (p, there) in &facts.project.looked {
        w.add(p.clone(), *there);
    }
    for p in &facts.project.watched {
        if let Some(dir) = p.parent() {
            w.add(dir.to_path_buf(), true);
        }
    }
    // What else the toolchain decision read (a workspace's modules).
    for (p, there) in &facts.gomodel.record.present {
        w.add(p.clone(), *there);
    }
    let upto = crate::facts::toolchain::active(&facts.hits)
        .map(|h| h.path_index)
        .unwrap_or(facts.path.len());
    for entry in facts
        .path
        .iter()
        .take(upto.saturating_add(1).min(MAX_PATH_DIRS))
    {
        if env.platform.is_absolute(entry) {
            let p = PathBuf::from(entry);
            let there = p.exists();
            w.add(p, there);
        }
    }
    w
}

/// What the hook watches when the config can't be read: the config file
/// (nothing else changes what goenv-hook does then).
pub(crate) fn watched_config(env: &EnvSnapshot) -> Watch {
    let mut w = Watch::default();
    if let Some(c) = crate::config::location(env) {
        let there = c.exists();
        w.add(c, there);
    }
    w
}

/// Where stamp files may live, in order: `$XDG_RUNTIME_DIR/goenv-hook`,
/// `$TMPDIR/goenv-hook-<uid>`, `/tmp/goenv-hook-<uid>` (the first two only
/// when their variable is set).
fn stamp_dirs(env: &EnvSnapshot) -> Vec<PathBuf> {
    let uid = uid().unwrap_or_default();
    let mut out = Vec::new();
    if let Some(r) = env.get_nonempty("XDG_RUNTIME_DIR") {
        out.push(Path::new(r).join("goenv-hook"));
    }
    if let Some(t) = env.get_nonempty("TMPDIR") {
        out.push(Path::new(t).join(format!("goenv-hook-{uid}")));
    }
    let tmp = std::env::temp_dir().join(format!("goenv-hook-{uid}"));
    if !out.contains(&tmp) {
        out.push(tmp);
    }
    out
}

/// Whether `dir` is a directory of ours alone (in a shared /tmp another
/// user could otherwise plant the directory, or a stamp symlink in it).
fn private_dir(dir: &Path) -> Result<(), String> {
    let m = std::fs::symlink_metadata(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    if !m.is_dir() {
        return Err(format!("{} is not a directory", dir.display()));
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let me = std::fs::metadata("/proc/self")
            .map(|s| s.uid())
            .map_err(|e| format!("/proc/self: {e}"))?;
        if m.uid() != me {
            return Err(format!("{} belongs to another user", dir.display()));
        }
        if m.mode() & 0o022 != 0 {
            return Err(format!(
                "{} is writable by others (mode {:o})",
                dir.display(),
                m.mode() & 0o777
            ));
        }
    }
    Ok(())
}

/// Mode 0700 (Unix; Windows directories under the profile are the user's).
fn owner_only(dir: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700))?;
    }
    #[cfg(not(unix))]
    let _ = dir;
    Ok(())
}

/// The directory for stamp files: the first of [`stamp_dirs`] that is
/// ours alone, created 0700 when `create` and missing; else why none is.
pub(crate) fn stamp_dir(env: &EnvSnapshot, create: bool) -> Result<PathBuf, Vec<String>> {
    let mut why = Vec::new();
    for dir in stamp_dirs(env) {
        if create && std::fs::symlink_metadata(&dir).is_err() {
            let made = std::fs::create_dir_all(&dir).and_then(|()| owner_only(&dir));
            if let Err(e) = made {
                why.push(format!("{}: {e}", dir.display()));
                continue;
            }
        } else if !create && std::fs::symlink_metadata(&dir).is_err() {
            // Made when the hook first needs it, if its parent lets us.
            match dir.parent().map(std::fs::metadata) {
                Some(Ok(p)) if p.is_dir() && !p.permissions().readonly() => return Ok(dir),
                _ => {
                    why.push(format!("{} can't be made", dir.display()));
                    continue;
                }
            }
        }
        match private_dir(&dir) {
            Ok(()) => return Ok(dir),
            Err(e) => why.push(e),
        }
    }
    Err(why)
}

/// Removes the stamps of shells that are gone: on Linux those whose pid has
/// no `/proc` entry, everywhere those untouched for a week (an idle shell
/// whose stamp goes just runs goenv-hook once more). Run when a session's
/// stamp is first made.
fn sweep(dir: &Path) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    let proc = Path::new("/proc/self").exists();
    let week = Duration::from_secs(7 * 24 * 3600);
    for e in rd.flatten().take(10_000) {
        let name = e.file_name();
        let Some(pid) = name.to_str().and_then(|n| n.strip_prefix("stamp-")) else {
            continue;
        };
        let dead = proc
            && pid.bytes().all(|b| b.is_ascii_digit())
            && !Path::new("/proc").join(pid).exists();
        let stale = e
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age > week);
        if dead || stale {
            let _ = std::fs::remove_file(e.path());
        }
    }
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
/// goenv-hook at every prompt: correct, only slower; doctor says so).
pub(crate) fn touch_stamp(env: &EnvSnapshot, id: &str, read_at: SystemTime) -> Option<PathBuf> {
    if id.is_empty() || !id.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return None;
    }
    let dir = stamp_dir(env, true).ok()?;
    let p = dir.join(format!("stamp-{id}"));
    let existed = match std::fs::symlink_metadata(&p) {
        Ok(m) if !m.is_file() => return None,
        Ok(_) => true,
        Err(_) => false,
    };
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
    if !existed {
        sweep(&dir);
    }
    Some(p)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The hooks' fast-path keys (written in each shell's own syntax) hold
    /// every variable goenv-hook reads: one list, checked here.
    #[test]
    fn every_fast_path_key_holds_the_variables_goenv_hook_reads() {
        for (shell, text) in crate::shell::fast_path_hooks() {
            for v in KEY_VARS {
                assert!(text.contains(v), "{shell}'s hook key lacks {v}");
            }
        }
    }
}
