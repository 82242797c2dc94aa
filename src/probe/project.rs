//! Project files: `.go-version`, `go.work`, `go.mod`, found walking up from a
//! directory. Pure data: nothing is ever run from a project directory.

use crate::facts::project::{Kind, Project, ProjectFile};
use crate::go::modfile::parse_go_version_file;
use crate::sys::env::EnvSnapshot;
use std::path::{Path, PathBuf};

/// A regular file (following symlinks) at `p`; errors count as absent.
fn is_file(p: &Path) -> bool {
    std::fs::metadata(p).is_ok_and(|m| m.is_file())
}

fn read_text(p: &Path) -> Option<String> {
    std::fs::read(p)
        .ok()
        .map(|b| String::from_utf8_lossy(&b).into_owned())
}

fn read_go_file(kind: Kind, path: PathBuf) -> Option<ProjectFile> {
    let data = std::fs::read(&path).ok()?;
    Some(ProjectFile::go_file(kind, path, data))
}

/// `filepath.Clean` (the one copy, in `go::settings`).
fn clean(p: &Path, env: &EnvSnapshot) -> PathBuf {
    PathBuf::from(crate::go::settings::clean(p.as_os_str(), env.platform))
}

/// Go's `os.TempDir()` computed from the snapshot.
fn temp_dir(env: &EnvSnapshot) -> PathBuf {
    if env.platform.is_windows() {
        ["TMP", "TEMP", "USERPROFILE"]
            .iter()
            .find_map(|v| env.get_nonempty(v))
            .map(PathBuf::from)
            .unwrap_or_else(std::env::temp_dir)
    } else {
        env.get_nonempty("TMPDIR")
            .map(PathBuf::from)
            .unwrap_or_else(|| PathBuf::from("/tmp"))
    }
}

/// `search.InDir(dir, tmp) == "."`: the same directory, lexically or after
/// resolving symlinks.
fn is_temp_root(dir: &Path, env: &EnvSnapshot) -> bool {
    let tmp = temp_dir(env);
    if env.platform.path_eq(dir.as_os_str(), tmp.as_os_str()) {
        return true;
    }
    // Resolving symlinks costs a syscall per component: only when the last
    // components agree (/tmp vs /private/tmp), which is all but always the
    // case when they are the same directory.
    let last = |p: &Path| p.file_name().map(|n| n.to_ascii_lowercase());
    if last(dir) != last(&tmp) {
        return false;
    }
    match (
        crate::sys::env::canonical(dir),
        crate::sys::env::canonical(&tmp),
    ) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

/// Finds the project files for `dir`. Unreadable directories and files are
/// treated as absent, never as errors.
///
/// Go's rules (`toolchain.modGoToolchain`, `modload.FindGoWork`,
/// `findWorkspaceFile`, `findModuleRoot`):
/// - `GOWORK=off`: no go.work; an absolute GOWORK is used if it exists (else
///   the go.mod search runs, as Go does for `go work init`); a relative GOWORK
///   is fatal to Go, so nothing is read at all; empty/`auto` walks up, but
///   never into or above `goroot` (`findWorkspaceFile` stops when the parent
///   is GOROOT).
/// - Otherwise the nearest go.mod walking up to the filesystem root
///   (`findModuleRoot` has no GOROOT stop of its own; from inside a GOROOT it
///   finds `$GOROOT/src/go.mod` first anyway). A go.mod directly in the temp
///   dir (`os.TempDir()`) is ignored, and the search does not go on above it.
/// - `.go-version`: the nearest one walking up to the filesystem root.
///
/// Cost: at most three `stat`s per directory level, and one read per file found.
pub fn find(dir: &Path, env: &EnvSnapshot, goroot: Option<&Path>) -> Project {
    let start = clean(
        &if dir.is_absolute() {
            dir.to_path_buf()
        } else {
            env.cwd.join(dir)
        },
        env,
    );
    let goroot = goroot.map(|g| clean(g, env));

    enum Work {
        Off,
        Walk,
        Fixed(PathBuf),
        Invalid,
    }
    let work = match env.get("GOWORK") {
        None => Work::Walk,
        Some(v) if v.is_empty() || v == "auto" => Work::Walk,
        Some(v) if v == "off" => Work::Off,
        Some(v) if env.platform.is_absolute(v) => Work::Fixed(PathBuf::from(v)),
        Some(_) => Work::Invalid,
    };

    let mut go_version: Option<PathBuf> = None;
    let mut go_work: Option<PathBuf> = None;
    let mut go_mod: Option<PathBuf> = None;
    let mut want_work = matches!(work, Work::Walk);
    // A relative GOWORK stops Go before it reads go.mod; the walk still
    // looks (GO111MODULE=auto asks whether there is one).
    let mut want_mod = true;
    if let Work::Fixed(p) = &work {
        if is_file(p) {
            go_work = Some(p.clone());
            want_mod = false;
        }
    }
    let mut want_version = true;
    let mut looked: Vec<(PathBuf, bool)> = Vec::new();
    let mut look = |f: PathBuf| -> Option<PathBuf> {
        let there = is_file(&f);
        looked.push((f.clone(), there));
        there.then_some(f)
    };

    let mut cur: Option<&Path> = Some(&start);
    while let Some(d) = cur {
        if !(want_version || want_work || want_mod) {
            break;
        }
        if want_version {
            if let Some(f) = look(d.join(".go-version")) {
                go_version = Some(f);
                want_version = false;
            }
        }
        if want_work {
            if let Some(f) = look(d.join("go.work")) {
                go_work = Some(f);
                want_work = false;
                want_mod = false;
            }
        }
        if want_mod {
            if let Some(f) = look(d.join("go.mod")) {
                want_mod = false;
                if !is_temp_root(d, env) {
                    go_mod = Some(f);
                }
            }
        }
        let parent = d.parent();
        if want_work && parent.is_some() && parent == goroot.as_deref() {
            // As a special case, don't cross GOROOT to find a go.work file.
            want_work = false;
        }
        cur = parent;
    }

    let go_version_file = go_version.and_then(|path| {
        let text = read_text(&path)?;
        Some(ProjectFile {
            kind: Kind::GoVersionFile,
            go: parse_go_version_file(&text),
            toolchain: None,
            data: Vec::new(),
            path,
        })
    });
    let shadowed_go_mod = if matches!(work, Work::Invalid) {
        go_mod.take()
    } else {
        None
    };
    let go_file = match go_work {
        Some(p) => read_go_file(Kind::GoWork, p),
        None => None,
    }
    .or_else(|| go_mod.and_then(|p| read_go_file(Kind::GoMod, p)));
    let watched = go_version_file
        .iter()
        .chain(go_file.iter())
        .map(|f| f.path.clone())
        .collect();
    Project {
        go_version_file,
        go_file,
        watched,
        looked,
        shadowed_go_mod,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::go::modfile::Line;
    use crate::sys::platform::Platform;
    use std::fs;

    fn parse_go_file(text: &str) -> (Option<Line>, Option<Line>) {
        crate::go::modfile::parse_go_file(text.as_bytes())
    }

    fn line(value: &str, line: usize) -> Option<Line> {
        Some(Line {
            value: value.to_string(),
            line,
        })
    }

    #[test]
    fn go_and_toolchain_lines_like_gomodlookup() {
        let text = "module example.com/m\n\ngo 1.21\n\ntoolchain go1.23.4\n";
        assert_eq!(parse_go_file(text), (line("1.21", 3), line("go1.23.4", 5)));
        let text = "module m\r\ngo 1.22 // the language\r\ntoolchain default\r\n";
        assert_eq!(parse_go_file(text), (line("1.22", 2), line("default", 3)));
        assert_eq!(
            parse_go_file("\t go\t1.22.3  \n"),
            (line("1.22.3", 1), None)
        );
        assert_eq!(parse_go_file(""), (None, None));
    }

    #[test]
    fn only_lines_starting_with_the_keyword_match() {
        let text = "module go.example/go\n\
                    // go 1.19 in a comment\n\
                    require (\n\
                    \tgo.uber.org/zap v1.27.0\n\
                    \tgolang.org/x/mod v0.20.0 // go 1.18\n\
                    )\n\
                    gopher 1\n\
                    toolchains go1.30.0\n\
                    go 1.21.5\n";
        assert_eq!(parse_go_file(text), (line("1.21.5", 9), None));
        // The first matching line decides, even with an empty value (Go
        // returns "" and stops looking).
        assert_eq!(parse_go_file("go // none\ngo 1.22\n"), (None, None));
        assert_eq!(parse_go_file("go\ngo 1.22\n"), (line("1.22", 2), None));
    }

    #[test]
    fn go_version_file_takes_the_first_real_line() {
        assert_eq!(
            parse_go_version_file("# pin\n\n  go1.22.3 \r\n1.21\n"),
            line("go1.22.3", 3)
        );
        assert_eq!(parse_go_version_file("1.22\n"), line("1.22", 1));
        assert_eq!(parse_go_version_file("\n# only comments\n"), None);
    }

    struct Tree {
        dir: tempfile::TempDir,
    }

    impl Tree {
        fn new() -> Tree {
            Tree {
                dir: tempfile::tempdir().unwrap(),
            }
        }
        fn path(&self, rel: &str) -> PathBuf {
            self.dir.path().join(rel)
        }
        fn file(&self, rel: &str, text: &str) -> PathBuf {
            let p = self.path(rel);
            fs::create_dir_all(p.parent().unwrap()).unwrap();
            fs::write(&p, text).unwrap();
            p
        }
        fn mkdir(&self, rel: &str) -> PathBuf {
            let p = self.path(rel);
            fs::create_dir_all(&p).unwrap();
            p
        }
        fn env(&self, pairs: &[(&str, &str)]) -> EnvSnapshot {
            // The tree itself is not the temp root unless a test says so.
            let mut v = vec![("TMPDIR", "/nonexistent-tmp")];
            v.extend_from_slice(pairs);
            EnvSnapshot::from_pairs(&v, "/", Platform::UNIX)
        }
    }

    #[test]
    fn go_work_wins_over_a_nearer_go_mod() {
        let t = Tree::new();
        let work = t.file("ws/go.work", "go 1.23\n\nuse ./a\n");
        let m = t.file("ws/a/go.mod", "module a\ngo 1.21\n");
        let cwd = t.mkdir("ws/a/pkg");
        let p = find(&cwd, &t.env(&[]), None);
        let f = p.go_file.unwrap();
        assert_eq!((f.kind, &f.path), (Kind::GoWork, &work));
        assert_eq!(f.go, line("1.23", 1));
        assert_eq!(p.watched, std::slice::from_ref(&work));

        let p = find(&cwd, &t.env(&[("GOWORK", "off")]), None);
        let f = p.go_file.unwrap();
        assert_eq!((f.kind, &f.path), (Kind::GoMod, &m));
        assert_eq!(f.go, line("1.21", 2));
        assert_eq!(p.watched, std::slice::from_ref(&m));

        for auto in ["", "auto"] {
            let p = find(&cwd, &t.env(&[("GOWORK", auto)]), None);
            assert_eq!(p.go_file.unwrap().path, work);
        }
    }

    #[test]
    #[cfg_attr(
        windows,
        ignore = "models a Unix machine (Platform::UNIX, /-rooted paths); Windows: tests/win_*.rs"
    )]
    fn gowork_absolute_path_is_used_if_it_exists() {
        let t = Tree::new();
        let other = t.file("elsewhere/my.work", "go 1.24.1\ntoolchain go1.24.2\n");
        t.file("ws/go.work", "go 1.23\n");
        let m = t.file("ws/a/go.mod", "module a\ngo 1.21\n");
        let cwd = t.mkdir("ws/a");
        let p = find(&cwd, &t.env(&[("GOWORK", other.to_str().unwrap())]), None);
        let f = p.go_file.unwrap();
        assert_eq!((f.kind, &f.path), (Kind::GoWork, &other));
        assert_eq!(f.toolchain, line("go1.24.2", 2));
        // A GOWORK that does not exist yet (go work init): the go.mod.
        let missing = t.path("nope/go.work");
        let p = find(&cwd, &t.env(&[("GOWORK", missing.to_str().unwrap())]), None);
        assert_eq!(p.go_file.unwrap().path, m);
        // A relative GOWORK makes Go fail: it reads nothing.
        let p = find(&cwd, &t.env(&[("GOWORK", "rel/go.work")]), None);
        assert!(p.go_file.is_none());
    }

    #[test]
    fn go_version_two_levels_up_and_a_relative_dir() {
        let t = Tree::new();
        let gv = t.file("p/.go-version", "go1.22.3\n");
        let m = t.file("p/q/go.mod", "module q\ngo 1.21\n");
        t.mkdir("p/q/r/.go-version"); // a directory is not a version file
        let cwd = t.mkdir("p/q/r");
        let p = find(&cwd, &t.env(&[]), None);
        let v = p.go_version_file.unwrap();
        assert_eq!((v.kind, &v.path), (Kind::GoVersionFile, &gv));
        assert_eq!(v.go, line("go1.22.3", 1));
        assert_eq!(v.toolchain, None);
        assert_eq!(p.go_file.unwrap().path, m);
        assert_eq!(p.watched, [gv.clone(), m.clone()]);

        let env = EnvSnapshot::from_pairs(
            &[("TMPDIR", "/nonexistent-tmp")],
            t.path("p/q").to_str().unwrap(),
            Platform::UNIX,
        );
        let p = find(Path::new("r/../r/."), &env, None);
        assert_eq!(p.go_version_file.unwrap().path, gv);
    }

    #[test]
    fn go_work_search_does_not_cross_goroot() {
        let t = Tree::new();
        t.file("go.work", "go 1.23\n");
        let goroot = t.mkdir("sdk/go");
        let src_mod = t.file("sdk/go/src/go.mod", "module std\n\ngo 1.22\n");
        let cwd = t.mkdir("sdk/go/src/fmt");
        let p = find(&cwd, &t.env(&[]), Some(&goroot));
        let f = p.go_file.unwrap();
        assert_eq!((f.kind, &f.path), (Kind::GoMod, &src_mod));
        // Without the GOROOT stop the go.work above would win.
        let p = find(&cwd, &t.env(&[]), None);
        assert_eq!(p.go_file.unwrap().kind, Kind::GoWork);
        // Outside the GOROOT the stop does not apply.
        let cwd = t.mkdir("proj");
        let p = find(&cwd, &t.env(&[]), Some(&goroot));
        assert_eq!(p.go_file.unwrap().kind, Kind::GoWork);
    }

    #[test]
    fn go_mod_in_the_temp_root_is_ignored() {
        let t = Tree::new();
        t.file("go.mod", "module scratch\ngo 1.22\n");
        let cwd = t.mkdir("experiment");
        let tmp = t.dir.path().to_str().unwrap().to_string();
        let p = find(&cwd, &t.env(&[("TMPDIR", &tmp)]), None);
        assert!(p.go_file.is_none());
        assert!(p.watched.is_empty());
        let p = find(&cwd, &t.env(&[]), None);
        assert_eq!(p.go_file.unwrap().kind, Kind::GoMod);
        // A go.mod below the temp root is an ordinary module.
        let m = t.file("experiment/go.mod", "module e\n");
        let p = find(&cwd, &t.env(&[("TMPDIR", &tmp)]), None);
        let f = p.go_file.unwrap();
        assert_eq!((f.path, f.go), (m, None));
    }

    #[test]
    fn unreadable_or_missing_dirs_are_absent() {
        let t = Tree::new();
        let m = t.file("m/go.mod", "module m\ngo 1.22\n");
        // A cwd that does not exist (deleted under the shell) still walks up.
        let p = find(&t.path("m/gone/deeper"), &t.env(&[("GOWORK", "off")]), None);
        assert_eq!(p.go_file.unwrap().path, m);
        // Invalid UTF-8 is read lossily.
        let w = t.file("w/go.work", "");
        fs::write(&w, b"\xff\xfe\ngo 1.23\n").unwrap();
        let p = find(&t.path("w"), &t.env(&[]), None);
        assert_eq!(p.go_file.unwrap().go, line("1.23", 2));
    }
}
