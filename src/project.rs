//! Project files: `.go-version`, `go.work`, `go.mod`, found walking up from a
//! directory. Pure data: nothing is ever run from a project directory.
//! OWNER: helper C. Contract below; bodies are stubs until filled.

use crate::env::EnvSnapshot;
use std::path::{Path, PathBuf};

#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    GoWork,
    GoMod,
    GoVersionFile,
}

/// A version line read from a file, with where it was.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Line {
    /// The raw text after the keyword, trimmed (`1.22`, `go1.23.4`, `default`).
    pub value: String,
    /// 1-based line number.
    pub line: usize,
}

#[derive(Clone, Debug, serde::Serialize)]
pub struct ProjectFile {
    pub kind: Kind,
    pub path: PathBuf,
    /// The `go` directive (go.mod/go.work), or the version of a .go-version file
    /// (its first non-empty, non-comment line, `go` prefix allowed).
    pub go: Option<Line>,
    /// The `toolchain` directive (go.mod/go.work only).
    pub toolchain: Option<Line>,
}

#[derive(Clone, Debug, Default, serde::Serialize)]
pub struct Project {
    /// Nearest `.go-version` walking up from the directory.
    pub go_version_file: Option<ProjectFile>,
    /// The file Go itself would read: `go.work` (GOWORK rules: env `off`
    /// disables, an absolute path is used as is, empty/`auto` walks up), else
    /// the nearest `go.mod` walking up. The walk stops at `goroot` as Go's
    /// does, and a go.mod directly in the temp dir is ignored.
    pub go_file: Option<ProjectFile>,
    /// Every file whose change can change the answer (for the hook's
    /// change detection): the files found, plus nothing else.
    pub watched: Vec<PathBuf>,
}

/// Parses go.mod/go.work text like `gover.GoModLookup`: the first trimmed
/// line starting with `go ` or `toolchain ` for each, `//` comments stripped.
pub fn parse_go_file(text: &str) -> (Option<Line>, Option<Line>) {
    (lookup(text, "go"), lookup(text, "toolchain"))
}

/// `gover.GoModLookup(data, key)`: lines are split on `\n`, trimmed
/// (`bytes.TrimSpace`: Unicode white space, like `str::trim`); the first line
/// that is `key` followed by a space or tab is the answer, its value cut at
/// `//` and trimmed. An empty value there means "no value" to Go, and later
/// lines are not consulted, so it is None here too.
fn lookup(text: &str, key: &str) -> Option<Line> {
    for (i, line) in text.split('\n').enumerate() {
        let line = line.trim();
        let Some(rest) = line.strip_prefix(key) else {
            continue;
        };
        if !rest.starts_with([' ', '\t']) {
            continue;
        }
        let value = rest.split_once("//").map_or(rest, |(v, _)| v).trim();
        if value.is_empty() {
            return None;
        }
        return Some(Line {
            value: value.to_string(),
            line: i + 1,
        });
    }
    None
}

/// The value of a `.go-version` file: its first line that is not empty and
/// not a `#` comment, trimmed (CRLF included).
fn parse_go_version_file(text: &str) -> Option<Line> {
    text.split('\n')
        .enumerate()
        .map(|(i, l)| (i, l.trim()))
        .find(|(_, l)| !l.is_empty() && !l.starts_with('#'))
        .map(|(i, l)| Line {
            value: l.to_string(),
            line: i + 1,
        })
}

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
    let text = read_text(&path)?;
    let (go, toolchain) = parse_go_file(&text);
    Some(ProjectFile {
        kind,
        path,
        go,
        toolchain,
    })
}

/// `filepath.Clean` for an absolute path: `.` dropped, `..` applied lexically.
fn clean(p: &Path) -> PathBuf {
    use std::path::Component;
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    out.push(c);
                }
            }
            c => out.push(c),
        }
    }
    out
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
    match (std::fs::canonicalize(dir), std::fs::canonicalize(&tmp)) {
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
    let start = clean(&if dir.is_absolute() {
        dir.to_path_buf()
    } else {
        env.cwd.join(dir)
    });
    let goroot = goroot.map(clean);

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
    let mut want_mod = !matches!(work, Work::Invalid);
    if let Work::Fixed(p) = &work {
        if is_file(p) {
            go_work = Some(p.clone());
            want_mod = false;
        }
    }
    let mut want_version = true;

    let mut cur: Option<&Path> = Some(&start);
    while let Some(d) = cur {
        if !(want_version || want_work || want_mod) {
            break;
        }
        if want_version {
            let f = d.join(".go-version");
            if is_file(&f) {
                go_version = Some(f);
                want_version = false;
            }
        }
        if want_work {
            let f = d.join("go.work");
            if is_file(&f) {
                go_work = Some(f);
                want_work = false;
                want_mod = false;
            }
        }
        if want_mod {
            let f = d.join("go.mod");
            if is_file(&f) {
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
            path,
        })
    });
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
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::platform::Platform;
    use std::fs;

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
