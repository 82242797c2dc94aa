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
