//! `goenv-hook explain`'s reads: the running go's executable as Go sees
//! it, the GOROOT Go derives from it, and the `$GOROOT/go.env` Go reads
//! (`go::settings` has the rules; this only looks).

use crate::facts::explain::ExplainFacts;
use crate::facts::Facts;
use crate::go::settings;
use std::path::{Path, PathBuf};

/// Reads what explain needs for `facts` (full depth already read).
pub fn read(facts: &Facts) -> ExplainFacts {
    let env = &facts.current;
    let mut x = ExplainFacts::default();
    let hit = facts.running_go();
    // The binary go runs as: a shim's resolved install's go, else the hit.
    let (found, version) = match hit {
        Some(h) => match (&h.shim, &h.toolchain) {
            (Some(_), Some(t)) => (Some(t.go_bin.clone()), t.version.as_ref()),
            _ => (
                h.resolved.clone().or_else(|| Some(h.path.clone())),
                h.toolchain
                    .as_ref()
                    .and_then(|t| t.version.as_ref())
                    .or_else(|| h.loose.as_ref().and_then(|l| l.version.as_ref())),
            ),
        },
        None => (None, None),
    };
    if let Some(found) = found {
        let canonical = crate::sys::env::canonical(&found).ok();
        // os.Executable: /proc/self/exe (resolved) on Linux; the path as
        // started elsewhere, resolved again by findGOROOT.
        let exe = if cfg!(target_os = "linux") {
            canonical.clone().unwrap_or_else(|| found.clone())
        } else {
            hit.map(|h| h.path.clone()).unwrap_or_else(|| found.clone())
        };
        let resolved = (!cfg!(target_os = "linux")).then_some(canonical).flatten();
        x.exe_root = settings::exe_root_candidates(&exe, resolved.as_deref(), version)
            .into_iter()
            .find(|r| r.join("pkg").join("tool").is_dir());
        x.exe = Some(exe);
    }
    let root: Option<PathBuf> =
        settings::go_env_root(env, facts.goenv_file.as_ref(), x.exe_root.as_deref());
    if let Some(r) = root {
        let path = r.join("go.env");
        x.go_env = read_go_env(&path, facts);
        x.go_env_path = Some(path);
    }
    x
}

fn read_go_env(path: &Path, facts: &Facts) -> Option<crate::go::envfile::GoEnvFile> {
    if let Some((_, f)) = facts.full.go_env.iter().find(|(_, f)| f.path == path) {
        return Some(f.clone());
    }
    let b = std::fs::read(path).ok()?;
    Some(crate::go::envfile::parse_for(
        path,
        &b,
        facts.current.platform,
    ))
}
