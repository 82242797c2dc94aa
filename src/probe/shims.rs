//! Version-manager shims (asdf, goenv, mise, scoop): a `go` in a
//! manager's `shims` directory is resolved to the install the manager's
//! version files select, as the manager would (never by running it).

use super::toolchain::{is_goroot, read_small};
use crate::facts::toolchain::{Shim, Source};
use crate::go::gover::GoVersion;
use crate::go::layouts::Layout;
use crate::sys::env::EnvSnapshot;
use std::fs;
use std::path::{Path, PathBuf};

/// A shim if `dir` is a manager's shims directory (as written or canonical).
pub(super) fn shim_for(dir: &Path, l: &Layout, env: &EnvSnapshot) -> Option<Shim> {
    let manager = l
        .shim_manager(dir)
        .or_else(|| l.shim_manager(&crate::sys::env::canonical(dir).ok()?))?;
    let resolves_to = match manager {
        "asdf" => asdf_target(l, env),
        "goenv" => goenv_target(l, env),
        "mise" => mise_target(l, env),
        "scoop" => scoop_target(dir, env),
        _ => None,
    };
    Some(Shim {
        manager,
        resolves_to,
    })
}

/// Directories from `cwd` up to the root.
fn ancestors(env: &EnvSnapshot) -> impl Iterator<Item = &Path> {
    env.cwd.ancestors().take(128)
}

/// The first version for `tool` in a `.tool-versions` file.
fn tool_versions(path: &Path, tool: &str) -> Option<String> {
    let s = read_small(path, 64 * 1024)?;
    s.lines().find_map(|l| {
        let l = l.split('#').next().unwrap_or("");
        let mut w = l.split_whitespace();
        (w.next()? == tool)
            .then(|| w.next().map(str::to_string))
            .flatten()
    })
}

/// The first existing GOROOT among candidates.
fn first_root(cands: impl IntoIterator<Item = PathBuf>, env: &EnvSnapshot) -> Option<PathBuf> {
    cands.into_iter().find(|c| is_goroot(c, env))
}

/// asdf: `ASDF_GOLANG_VERSION`, else `.tool-versions` from cwd up, else
/// `~/.tool-versions`; install `installs/golang/<v>/go`.
fn asdf_target(l: &Layout, env: &EnvSnapshot) -> Option<PathBuf> {
    let name = env
        .get_nonempty("ASDF_DEFAULT_TOOL_VERSIONS_FILENAME")
        .and_then(|s| s.to_str())
        .unwrap_or(".tool-versions");
    let v = env
        .get_nonempty("ASDF_GOLANG_VERSION")
        .and_then(|s| s.to_str())
        .map(str::to_string)
        .or_else(|| ancestors(env).find_map(|d| tool_versions(&d.join(name), "golang")))
        .or_else(|| tool_versions(&l.home.as_ref()?.join(name), "golang"))?;
    if v == "system" || v.contains(['/', '\\']) {
        return None;
    }
    let base = l.base(Source::Asdf)?.join("installs/golang").join(&v);
    first_root([base.join("go"), base], env)
}

/// goenv: `GOENV_VERSION`, else `.go-version` from cwd up, else
/// `$GOENV_ROOT/version`; install `versions/<v>`.
fn goenv_target(l: &Layout, env: &EnvSnapshot) -> Option<PathBuf> {
    let first = |s: String| {
        s.split([':', '\n', ' ', '\t', '\r'])
            .find(|w| !w.is_empty())
            .map(str::to_string)
    };
    let root = l.base(Source::Goenv)?;
    let v = env
        .get_nonempty("GOENV_VERSION")
        .and_then(|s| s.to_str())
        .and_then(|s| first(s.to_string()))
        .or_else(|| {
            ancestors(env).find_map(|d| read_small(&d.join(".go-version"), 4096).and_then(first))
        })
        .or_else(|| read_small(&root.join("version"), 4096).and_then(first))?;
    if v == "system" || v.contains(['/', '\\']) {
        return None;
    }
    let v = v.strip_prefix("go").unwrap_or(&v).to_string();
    first_root([root.join("versions").join(&v)], env)
}

/// scoop: `shims/go.exe` runs the `path = "…\\bin\\go.exe"` named in `shims/go.shim`.
fn scoop_target(dir: &Path, env: &EnvSnapshot) -> Option<PathBuf> {
    let s = read_small(&dir.join("go.shim"), 4096)?;
    let line = s.lines().find_map(|l| l.trim().strip_prefix("path"))?;
    let v = line
        .trim_start()
        .strip_prefix('=')?
        .trim()
        .trim_matches('"');
    // Split on either separator: the file is written with Windows paths.
    let v = v.replace('\\', "/");
    let root = Path::new(&v).parent()?.parent()?.to_path_buf();
    is_goroot(&root, env).then_some(root)
}

/// The `go` entry of a mise config's `[tools]`: `"1.22"`, `["1.22"]`,
/// `{ version = "1.22" }`.
fn mise_toml(path: &Path) -> Option<String> {
    let s = read_small(path, 256 * 1024)?;
    let t: toml::Table = s.parse().ok()?;
    let go = t.get("tools")?.as_table()?.get("go")?;
    let pick = |v: &toml::Value| -> Option<String> {
        match v {
            toml::Value::String(s) => Some(s.clone()),
            toml::Value::Table(t) => t.get("version")?.as_str().map(str::to_string),
            _ => None,
        }
    };
    match go {
        toml::Value::Array(a) => a.first().and_then(pick),
        v => pick(v),
    }
}

/// mise (best effort): `MISE_GO_VERSION`, else the nearest config from cwd
/// up (`mise.toml`, `.mise.toml`, `.config/mise.toml`, `.mise/config.toml`,
/// `.tool-versions`), else `~/.config/mise/config.toml`. A prefix (`1.22`)
/// or `latest` picks the newest matching install in `installs/go`.
fn mise_target(l: &Layout, env: &EnvSnapshot) -> Option<PathBuf> {
    let from_dir = |d: &Path| -> Option<String> {
        for f in [
            "mise.local.toml",
            "mise.toml",
            ".mise.local.toml",
            ".mise.toml",
            ".config/mise.toml",
            ".mise/config.toml",
            ".config/mise/config.toml",
        ] {
            if let Some(v) = mise_toml(&d.join(f)) {
                return Some(v);
            }
        }
        tool_versions(&d.join(".tool-versions"), "go")
            .or_else(|| tool_versions(&d.join(".tool-versions"), "golang"))
    };
    let global = || -> Option<String> {
        let cfg = env
            .get_nonempty("MISE_CONFIG_DIR")
            .map(PathBuf::from)
            .or_else(|| {
                env.get_nonempty("XDG_CONFIG_HOME")
                    .map(|x| PathBuf::from(x).join("mise"))
            })
            .or_else(|| l.home.as_ref().map(|h| h.join(".config/mise")))?;
        mise_toml(&cfg.join("config.toml"))
    };
    let v = env
        .get_nonempty("MISE_GO_VERSION")
        .and_then(|s| s.to_str())
        .map(str::to_string)
        .or_else(|| ancestors(env).find_map(from_dir))
        .or_else(global)?;
    let v = v.strip_prefix("go").unwrap_or(&v).to_string();
    if v == "system" || v.contains(['/', '\\']) {
        return None;
    }
    let installs = l.base(Source::Mise)?.join("installs/go");
    let exact = installs.join(&v);
    if let Some(r) = first_root([exact.clone(), exact.join("go")], env) {
        return Some(r);
    }
    // Fuzzy: the newest installed version with this prefix.
    let mut best: Option<(GoVersion, PathBuf)> = None;
    for e in fs::read_dir(&installs).ok()?.flatten().take(1000) {
        let name = e.file_name().to_string_lossy().into_owned();
        let Some(gv) = GoVersion::parse(&name) else {
            continue;
        };
        if v != "latest"
            && !(name.starts_with(&v) && name[v.len()..].starts_with(['.', 'r', 'b', 'a']))
        {
            continue;
        }
        if let Some(r) = first_root([e.path(), e.path().join("go")], env) {
            if best.as_ref().is_none_or(|(b, _)| gv > *b) {
                best = Some((gv, r));
            }
        }
    }
    best.map(|(_, r)| r)
}

/// The PATH entries that belong to a version manager ([`Layout::manager_dir`],
/// as written or canonical), confirmed by what is inside: a `go` in its
/// shims directory or in a Go it installed, its own command in its command
/// directory. Doctor's depth (one or two stats per entry).
pub(super) fn manager_dirs(
    path: &[std::ffi::OsString],
    env: &EnvSnapshot,
    skip: &dyn Fn(&Path) -> bool,
) -> Vec<crate::facts::tools::ManagerDir> {
    use crate::facts::tools::{DirRole, ManagerDir};
    let l = Layout::new(env);
    let p = env.platform;
    let mut out = Vec::new();
    for (index, e) in path.iter().enumerate() {
        let dir = Path::new(e);
        if !p.is_absolute(e) || skip(dir) {
            continue;
        }
        let Some((m, role)) = l
            .manager_dir(dir)
            .or_else(|| l.manager_dir(&crate::sys::env::canonical(dir).ok()?))
        else {
            continue;
        };
        let cmd = match role {
            DirRole::Shims | DirRole::Install => "go",
            DirRole::Bin => m.name,
        };
        if p.exe_names(cmd, env.get("PATHEXT"))
            .iter()
            .any(|n| dir.join(n).is_file())
        {
            out.push(ManagerDir {
                index,
                entry: e.clone(),
                manager: m.name,
                role,
            });
        }
    }
    out
}
