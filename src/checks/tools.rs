//! Go's installed tools and the trees around them (doctor's depth; the
//! facts are `facts::tools`): `gobin-inside-goroot`, `gobin-is-file`,
//! `goroot-mixed-tree`, `tool-built-with-older-go`, `manager-conflict`.

use super::*;
use crate::facts::tools::{DirRole, PathKind};
use crate::go::settings::clean;

pub(super) fn run(cx: &Ctx, out: &mut Vec<Finding>) {
    gobin_inside_goroot(cx, out);
    gobin_is_file(cx, out);
    goroot_mixed_tree(cx, out);
    tool_built_with_older_go(cx, out);
    manager_conflict(cx, out);
}

/// `path` is `dir` or below it, compared after Go's `filepath.Clean` with
/// the platform's path equality.
fn within(p: crate::sys::platform::Platform, path: &OsStr, dir: &OsStr) -> bool {
    let (path, dir) = (p.path_key(&clean(path, p)), p.path_key(&clean(dir, p)));
    let sep = p.dir_sep();
    path == dir
        || (path.starts_with(&dir)
            && (dir.last() == Some(&sep) || path.get(dir.len()) == Some(&sep)))
}

/// Where `go install` writes, and which setting says so.
fn install_dir(cx: &Ctx) -> Option<(OsString, &'static str, Option<Setting>)> {
    let root = cx.effective_root().map(|t| t.root.as_path());
    let bin = crate::go::settings::gobin(cx.env, cx.file, root)?;
    let p = cx.env.platform;
    if super::env::starts_tilde(&bin) || !p.is_absolute(&bin) {
        return None; // gobin-relative, gopath-relative
    }
    match cx.setting("GOBIN") {
        Some(s) => Some((bin, "GOBIN", Some(s))),
        None => Some((bin, "GOPATH[0]/bin", None)),
    }
}

/// gobin-inside-goroot: `go install` writes into the Go tree that runs:
/// an upgrade or a switch replaces the tree, and the tools are gone.
fn gobin_inside_goroot(cx: &Ctx, out: &mut Vec<Finding>) {
    let Some(root) = cx.effective_root() else {
        return;
    };
    let Some((bin, from, setting)) = install_dir(cx) else {
        return;
    };
    let p = cx.env.platform;
    let resolved_root = cx
        .facts
        .full
        .root_builds
        .iter()
        .find(|b| b.root == root.root)
        .and_then(|b| b.resolved.clone());
    let resolved_bin = cx
        .facts
        .full
        .install_dir
        .as_ref()
        .filter(|d| p.path_eq(d.path.as_os_str(), &bin))
        .map(|d| d.resolved.clone());
    let roots = [Some(root.root.clone()), resolved_root];
    let bins = [Some(std::path::PathBuf::from(&bin)), resolved_bin];
    let inside = roots.iter().flatten().any(|r| {
        bins.iter()
            .flatten()
            .any(|b| within(p, b.as_os_str(), r.as_os_str()))
    });
    if !inside {
        return;
    }
    let b = lossy(&bin);
    let home_bin = cx
        .env
        .home()
        .map(|h| lossy(&p.join(&p.join(h.as_os_str(), "go"), "bin")))
        .unwrap_or_else(|| "$HOME/go/bin".into());
    let (fix, ev) = match &setting {
        Some(s) => (
            format!(
                "{}   (then `go install` writes to GOPATH[0]/bin, {home_bin} by default; reinstall your tools there)",
                cx.unset_fix("GOBIN", s)
            ),
            cx.ev("GOBIN", s),
        ),
        None => (
            format!(
                "{}   (GOPATH must be outside the Go tree; reinstall your tools after)",
                cx.set_fix("GOPATH", &lossy(&p.join(cx.env.home().unwrap_or_default().as_os_str(), "go")), cx.setting("GOPATH").as_ref())
            ),
            cx.setting("GOPATH")
                .map(|s| cx.ev("GOPATH", &s))
                .unwrap_or_default(),
        ),
    };
    let mut ev = ev;
    ev.push(Evidence::note(format!("{from} = {b}")));
    ev.push(Evidence::binary(&root.go_bin, root.version.as_ref()));
    out.push(finding(
        "gobin-inside-goroot",
        format!(
            "{b} ({from}) is inside the Go tree that runs ({}, {}): `go install` puts your tools there, and they vanish when that Go is upgraded, replaced or switched",
            path_lossy(&root.root),
            opt_gov(root.version.as_ref())
        ),
        fix,
        ev,
    ));
}

/// gobin-is-file: where `go install` writes is a file (`go install` fails
/// with `mkdir …: file exists` / `not a directory`).
fn gobin_is_file(cx: &Ctx, out: &mut Vec<Finding>) {
    let Some((bin, from, setting)) = install_dir(cx) else {
        return;
    };
    let p = cx.env.platform;
    let Some(d) = cx
        .facts
        .full
        .install_dir
        .as_ref()
        .filter(|d| p.path_eq(d.path.as_os_str(), &bin))
    else {
        return;
    };
    if d.kind != PathKind::File {
        return;
    }
    let b = lossy(&bin);
    let mut ev = setting
        .as_ref()
        .map(|s| cx.ev("GOBIN", s))
        .unwrap_or_default();
    ev.push(Evidence::file(&d.path, None));
    let fix = match &setting {
        Some(s) => format!(
            "mv {} {}.old && mkdir -p {}   (or point GOBIN at a directory: {})",
            sh_quote(&b),
            sh_quote(&b),
            sh_quote(&b),
            cx.set_fix("GOBIN", "/absolute/dir", Some(s))
        ),
        None => format!(
            "mv {} {}.old && mkdir -p {}",
            sh_quote(&b),
            sh_quote(&b),
            sh_quote(&b)
        ),
    };
    out.push(finding(
        "gobin-is-file",
        format!(
            "{b} ({from}) is a file, not a directory: `go install` fails with `mkdir {b}/: file exists`"
        ),
        fix,
        ev,
    ));
}

/// goroot-mixed-tree: the Go root that runs holds files of two releases:
/// its `VERSION`, its `go` and its compiler disagree (a tarball unpacked
/// over an old tree, a half-copied upgrade). go build then fails with
/// `compile: version "…" does not match go tool version "…"`.
fn goroot_mixed_tree(cx: &Ctx, out: &mut Vec<Finding>) {
    let Some(root) = cx.effective_root() else {
        return;
    };
    let Some(b) = cx
        .facts
        .full
        .root_builds
        .iter()
        .find(|b| b.root == root.root)
    else {
        return;
    };
    // The versions the tree's files name, by Go's version of each.
    let go_bin = root
        .version
        .as_ref()
        .filter(|_| root.version_from == Some("buildinfo"));
    let file = b
        .version_file
        .as_deref()
        .and_then(GoVersion::from_toolchain);
    let mut names: Vec<(String, GoVersion)> = Vec::new();
    if let Some(v) = &file {
        names.push((format!("{}/VERSION", path_lossy(&root.root)), v.clone()));
    }
    if let Some(v) = go_bin {
        names.push((path_lossy(&root.go_bin), v.clone()));
    }
    for (c, v) in &b.compilers {
        if let Some(v) = v.as_deref().and_then(|s| {
            // `go1.22.3 X:nocoverageredesign`: the first word.
            GoVersion::from_toolchain(s.split_whitespace().next().unwrap_or(""))
        }) {
            names.push((path_lossy(c), v));
        }
    }
    let Some((_, first)) = names.first() else {
        return;
    };
    if names.iter().all(|(_, v)| v.as_str() == first.as_str()) {
        return;
    }
    let listed: Vec<String> = names
        .iter()
        .map(|(f, v)| format!("{f}: {}", gov(v)))
        .collect();
    let compile = b
        .compilers
        .iter()
        .find_map(|(_, v)| v.as_deref().and_then(|s| s.split_whitespace().next()));
    let consequence = match (compile, go_bin) {
        (Some(c), Some(g)) if GoVersion::from_toolchain(c).as_ref() != Some(g) => format!(
            ": go build fails with `compile: version \"{c}\" does not match go tool version \"{}\"`",
            gov(g)
        ),
        _ => ": go reports one version and builds with another".to_string(),
    };
    let newest = names.iter().map(|(_, v)| v).max().unwrap_or(first);
    let mut ev: Vec<Evidence> = b
        .compilers
        .iter()
        .map(|(c, v)| {
            Evidence::binary(c, v.as_deref().and_then(GoVersion::from_toolchain).as_ref())
        })
        .collect();
    ev.push(Evidence::binary(&root.go_bin, go_bin));
    ev.push(Evidence::file(&root.root.join("VERSION"), Some(1)));
    out.push(finding(
        "goroot-mixed-tree",
        format!(
            "the Go tree at {} mixes releases ({}){consequence}",
            path_lossy(&root.root),
            listed.join(", ")
        ),
        format!(
            "reinstall it into an empty directory: remove {} and unpack {} there (a tarball unpacked over an old tree leaves the old files behind)",
            sh_quote(&path_lossy(&root.root)),
            gov(newest)
        ),
        ev,
    ));
}

/// tool-built-with-older-go: Go binaries in GOBIN / GOPATH/bin built with
/// a Go whose language is older than the project's go line (gopls,
/// staticcheck and dlv built with an older Go can't type-check the newer
/// language: they refuse or crash on the module). The fix reinstalls
/// them, from what their build info names.
fn tool_built_with_older_go(cx: &Ctx, out: &mut Vec<Finding>) {
    let Some(pf) = cx.facts.project.go_file.as_ref() else {
        return;
    };
    let Some(go) = pf.go.as_ref().and_then(|l| GoVersion::parse(&l.value)) else {
        return;
    };
    let want = go.lang();
    let mut old: Vec<(&crate::facts::tools::ToolBinary, GoVersion)> = Vec::new();
    for t in &cx.facts.full.tools {
        let word = t.info.go_version.split_whitespace().next().unwrap_or("");
        let Some(v) = GoVersion::from_toolchain(word) else {
            continue; // devel builds
        };
        if v.lang() < want {
            old.push((t, v));
        }
    }
    if old.is_empty() {
        return;
    }
    let file = path_lossy(&pf.path);
    let names: Vec<String> = old
        .iter()
        .map(|(t, v)| {
            let n = t
                .path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            format!("{n} ({})", gov(v))
        })
        .collect();
    let mut fixes: Vec<String> = Vec::new();
    for (t, _) in &old {
        match t.info.install_version() {
            Some(ver) => fixes.push(format!("go install {}@{ver}", t.info.path)),
            None => {
                let what = match &t.info.main {
                    Some(m) => format!("{} {}", m.path, m.version),
                    None => "no module information".into(),
                };
                fixes.push(format!(
                    "# {}: built from a local checkout ({what}): rebuild it there with `go install`",
                    path_lossy(&t.path)
                ));
            }
        }
    }
    let mut ev = vec![Evidence::file(&pf.path, pf.go.as_ref().map(|l| l.line))];
    ev.extend(old.iter().map(|(t, v)| Evidence::binary(&t.path, Some(v))));
    out.push(finding(
        "tool-built-with-older-go",
        format!(
            "{} in GOBIN / GOPATH/bin {} built with a Go older than go {go} in {file}: tools such as gopls, staticcheck and dlv built with an older Go can't type-check go{want} code (errors, refusals or crashes in the editor)",
            names.join(", "),
            if old.len() == 1 { "was" } else { "were" },
        ),
        format!(
            "rebuild with the go that builds the project (go{want} or newer): {}",
            fixes.join("; ")
        ),
        ev,
    ));
}

/// manager-conflict: directories of more than one version manager on
/// PATH; the first one that holds a `go` decides which Go runs.
fn manager_conflict(cx: &Ctx, out: &mut Vec<Finding>) {
    let dirs = &cx.facts.full.manager_dirs;
    let mut managers: Vec<&str> = Vec::new();
    for d in dirs {
        if !managers.contains(&d.manager) {
            managers.push(d.manager);
        }
    }
    if managers.len() < 2 {
        return;
    }
    let role = |r: DirRole| match r {
        DirRole::Shims => "shims",
        DirRole::Bin => "command",
        DirRole::Install => "Go install",
    };
    let listed: Vec<String> = dirs
        .iter()
        .map(|d| {
            format!(
                "{} {} {} (PATH entry {})",
                d.manager,
                role(d.role),
                lossy(&d.entry),
                d.index
            )
        })
        .collect();
    // Which one wins: the manager of the PATH entry the running go is in.
    let running = cx.active.as_ref().map(|a| a.hit);
    let winner = running.and_then(|h| dirs.iter().find(|d| d.index == h.path_index));
    let wins = match (winner, running) {
        (Some(w), _) => format!(
            "{}'s wins: the go that runs is {} (PATH entry {})",
            w.manager,
            path_lossy(&running.map(|h| h.path.clone()).unwrap_or_default()),
            w.index
        ),
        (None, Some(h)) => format!(
            "neither wins: the go that runs is {} (PATH entry {}), before them",
            path_lossy(&h.path),
            h.path_index
        ),
        (None, None) => "none of them provides the go that runs".to_string(),
    };
    let keep = winner.map(|w| w.manager).unwrap_or(managers[0]);
    let others: Vec<&str> = managers.iter().copied().filter(|m| *m != keep).collect();
    let mut ev: Vec<Evidence> = dirs
        .iter()
        .map(|d| Evidence::entry(d.index, &d.entry))
        .collect();
    if let Some(h) = running {
        ev.push(Evidence::binary(&h.path, cx.active_version()));
    }
    out.push(finding(
        "manager-conflict",
        format!(
            "{} version managers put Go on PATH ({}): {wins}; which Go runs depends on start-up order, and each manager's pins (.tool-versions, .go-version, mise.toml) are obeyed only while it is first",
            managers.len(),
            listed.join(", ")
        ),
        format!(
            "keep one: remove the activation of {} from your shell's start-up files (or move {keep}'s after them on purpose)",
            others.join(", ")
        ),
        ev,
    ));
}

#[cfg(test)]
mod tests {
    use super::within;
    use crate::sys::platform::Platform;
    use std::ffi::OsStr;

    #[test]
    fn within_compares_whole_elements_after_clean() {
        let u = Platform::UNIX;
        let w = |a: &str, b: &str| within(u, OsStr::new(a), OsStr::new(b));
        assert!(w("/usr/local/go/bin", "/usr/local/go"));
        assert!(w("/usr/local/go", "/usr/local/go/"));
        assert!(w("/usr/local/go/x/../bin//", "/usr/local/go"));
        assert!(!w("/usr/local/gobin", "/usr/local/go"));
        assert!(!w("/usr/local/go/../gopath/bin", "/usr/local/go"));
        assert!(w("/anything", "/"));
        let win = Platform::WINDOWS;
        assert!(within(win, OsStr::new(r"c:\GO\bin"), OsStr::new(r"C:\Go")));
        assert!(!within(win, OsStr::new(r"C:\Gopath"), OsStr::new(r"C:\Go")));
    }
}
