//! The layering of `src/` (ARCHITECTURE.md): every top-level module may use
//! only the modules below it in [`LAYERS`], so there are no module cycles
//! and the data flows one way. Read from the sources as text (`crate::x`
//! paths), tests included.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Bottom first. A module may use modules of earlier layers (and its own).
const LAYERS: &[&[&str]] = &[
    &["sys"],
    &["go"],
    &["shell"],
    &["config"],
    &["facts"],
    &["probe", "plan"],
    &["checks"],
    &["prompt"],
    &["report"],
    &["app"],
    &["cli"],
];

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// Every source file under src/: its path relative to src/ (with `/`), and
/// its path.
fn sources() -> Vec<(String, PathBuf)> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut all = Vec::new();
    files(&src, &mut all);
    all.into_iter()
        .map(|f| {
            let rel = f
                .strip_prefix(&src)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            (rel, f)
        })
        .collect()
}

/// Top-level module of a file under src/ (None for lib.rs, main.rs).
fn module_of(src: &Path, f: &Path) -> Option<String> {
    let rel = f.strip_prefix(src).unwrap();
    let first = rel.components().next()?.as_os_str().to_str()?.to_string();
    let m = first.strip_suffix(".rs").unwrap_or(&first).to_string();
    (m != "lib" && m != "main").then_some(m)
}

fn uses(text: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut rest = text;
    while let Some(i) = rest.find("crate::") {
        rest = &rest[i + "crate::".len()..];
        let name: String = rest
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect();
        if !name.is_empty() {
            out.insert(name);
        }
    }
    out
}

#[test]
fn modules_use_only_lower_layers() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut all = Vec::new();
    files(&src, &mut all);
    let layer: BTreeMap<&str, usize> = LAYERS
        .iter()
        .enumerate()
        .flat_map(|(i, l)| l.iter().map(move |m| (*m, i)))
        .collect();
    let mut bad = Vec::new();
    for f in &all {
        let Some(m) = module_of(&src, f) else {
            continue;
        };
        let Some(&lm) = layer.get(m.as_str()) else {
            bad.push(format!("{}: module `{m}` is not in LAYERS", f.display()));
            continue;
        };
        let text = std::fs::read_to_string(f).unwrap();
        for u in uses(&text) {
            if u == m {
                continue;
            }
            match layer.get(u.as_str()) {
                Some(&lu) if lu < lm => {}
                Some(_) => bad.push(format!(
                    "{}: `{m}` uses `{u}` (same or higher layer)",
                    f.display()
                )),
                None => bad.push(format!("{}: uses unknown module `crate::{u}`", f.display())),
            }
        }
    }
    assert!(bad.is_empty(), "layering violations:\n{}", bad.join("\n"));
}

/// Reading the filesystem, running programs: only the probe does it (and
/// the front ends writing their output). Test code (after a file's first
/// `#[cfg(test)]`, and test-only files) is not counted.
const IO: &[&str] = &[
    "std::fs",
    "fs::read",
    "fs::metadata",
    "fs::canonicalize",
    "File::open",
    "OpenOptions",
    ".exists()",
    ".is_dir()",
    ".is_file()",
    "read_dir(",
    "symlink_metadata",
    "Command::new",
];

/// Files outside `probe/` allowed to do I/O, and why.
const IO_ALLOWED: &[(&str, &str)] = &[
    (
        "cli/",
        "the front end writes its output; `shells` starts the user's shells",
    ),
    (
        "sys/env.rs",
        "the snapshot of the process's environment and working directory",
    ),
    (
        "shell/targets/mod.rs",
        "appends to $GITHUB_ENV/$GITHUB_PATH (to move into cli)",
    ),
];

#[test]
fn only_the_probe_reads_the_filesystem() {
    let mut bad = Vec::new();
    for (rel, f) in sources() {
        if rel.starts_with("probe/")
            || rel == "main.rs"
            || rel.ends_with("/tests.rs")
            || rel.ends_with("/testutil.rs")
            || IO_ALLOWED.iter().any(|(p, _)| rel.starts_with(p))
        {
            continue;
        }
        let text = std::fs::read_to_string(f).unwrap();
        for (i, line) in text.lines().enumerate() {
            if line.trim_start().starts_with("#[cfg(test)]") {
                break;
            }
            if line.trim_start().starts_with("//") {
                continue;
            }
            for pat in IO {
                if line.contains(pat) {
                    bad.push(format!("{rel}:{}: {}", i + 1, line.trim()));
                }
            }
        }
    }
    assert!(bad.is_empty(), "I/O outside the probe:\n{}", bad.join("\n"));
}

/// Paths are canonicalised in one place, `sys::env::canonical`: on Windows
/// `fs::canonicalize` gives `\\?\C:\…` paths that match no PATH entry and
/// no `go env GOROOT` (tests/win_bugs.rs showed duplicate PATH entries and
/// "source unknown"). Test code may call it directly.
#[test]
fn paths_are_canonicalised_in_one_place() {
    let mut bad = Vec::new();
    for (rel, f) in sources() {
        if rel == "sys/env.rs" || rel.ends_with("/tests.rs") || rel.ends_with("/testutil.rs") {
            continue;
        }
        let text = std::fs::read_to_string(f).unwrap();
        for (i, line) in text.lines().enumerate() {
            let l = line.trim_start();
            if l.starts_with("#[cfg(test)]") || l.starts_with("#[cfg(all(test") {
                break;
            }
            if !l.starts_with("//") && line.contains("canonicalize(") {
                bad.push(format!("{rel}:{}: {}", i + 1, line.trim()));
            }
        }
    }
    assert!(
        bad.is_empty(),
        "call crate::sys::env::canonical instead:\n{}",
        bad.join("\n")
    );
}

/// No source file over about 600 lines: a longer one is split along its
/// seams into submodules (a module's tests go to its `tests.rs`). The
/// exceptions are cohesive parsers, and test files.
const MAX_LINES: usize = 600;

/// Files allowed to be longer, and why.
const LONG_ALLOWED: &[(&str, &str)] = &[
    (
        "go/gomod.rs",
        "go.mod and go.work as Go parses them: one cohesive parser",
    ),
    (
        "go/gover.rs",
        "Go's version grammar and order: one cohesive parser",
    ),
];

#[test]
fn source_files_stay_short() {
    let mut bad = Vec::new();
    for (rel, f) in sources() {
        let name = rel.rsplit('/').next().unwrap_or(&rel);
        if name == "tests.rs"
            || name.starts_with("tests_")
            || name == "testutil.rs"
            || LONG_ALLOWED.iter().any(|(p, _)| rel == *p)
        {
            continue;
        }
        let n = std::fs::read_to_string(f).unwrap().lines().count();
        if n > MAX_LINES {
            bad.push(format!("{rel}: {n} lines"));
        }
    }
    assert!(
        bad.is_empty(),
        "split these along their seams (at most {MAX_LINES} lines):\n{}",
        bad.join("\n")
    );
}
