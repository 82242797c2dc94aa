//! The VS Code Go extension's workspace settings: `go.goroot` and
//! `go.alternateTools.go` in the nearest `.vscode/settings.json`, resolved
//! to paths and inspected (the check is `checks::vscode`).
//!
//! The settings file is looked for in `.vscode/` of the current directory
//! and each parent, up to and including the project root (the directory of
//! the go.mod/go.work in use, else the first directory with `.git`); the home
//! directory itself is never read (`~/.vscode` holds extensions, not
//! settings). The nearest file wins, as the folder VS Code opens is usually
//! the project. The file is JSON with comments (`//`, `/* */`) and trailing
//! commas, as VS Code writes it.
//!
//! Values may use `~`, `${userHome}`, `${workspaceFolder}` (the directory
//! holding `.vscode`) and `${env:NAME}`; a value with another `${…}`
//! variable, or a relative path, is not judged. `go.alternateTools.go` may
//! be a path to a `go` binary or a command name looked up on PATH.

use crate::facts::project::Project;
use crate::facts::vscode::{EditorGo, EditorWhy, Target, VsCode};
use crate::probe::toolchain::inspect_root;
use crate::sys::env::EnvSnapshot;
use std::ffi::OsString;
use std::path::{Path, PathBuf};

/// A settings file found, with its text.
struct Settings {
    path: PathBuf,
    folder: PathBuf,
    text: String,
}

/// Reads the nearest settings file for `env.cwd` and inspects what its
/// `go` settings name. `path` is the current PATH (for a command name).
/// With `editor`, also the `go` binaries the extension could pick (doctor).
pub fn read(
    env: &EnvSnapshot,
    project: &Project,
    path: &[OsString],
    editor: bool,
) -> Option<VsCode> {
    let s = find(env, project)?;
    let json = serde_json::from_str::<serde_json::Value>(&strip_jsonc(&s.text)).ok();
    let str_at = |k: &[&str]| -> Option<String> {
        let mut v = json.as_ref()?;
        for key in k {
            v = v.get(key)?;
        }
        v.as_str().map(str::to_string)
    };
    let goroot = str_at(&["go.goroot"]).and_then(|raw| {
        let root = resolve(env, &s, &raw)?;
        Some(Target {
            exists: root.exists(),
            toolchain: inspect_root(&root, env),
            path: root,
            raw,
        })
    });
    let alternate_go = str_at(&["go.alternateTools", "go"]).and_then(|raw| {
        let v = raw.as_str();
        let bin = if v.contains(['/', '\\']) || v.starts_with('~') || v.starts_with("${") {
            resolve(env, &s, v)
        } else {
            lookup(env, path, v)
        }?;
        let root = bin.parent().and_then(Path::parent).map(Path::to_path_buf);
        let toolchain = root
            .as_deref()
            .and_then(|r| inspect_root(r, env))
            .filter(|t| same_file(&t.go_bin, &bin));
        Some(Target {
            exists: bin.exists(),
            toolchain,
            path: bin,
            raw,
        })
    });
    let alt_raw = str_at(&["go.alternateTools", "go"]);
    let editor_gos = editor.then(|| editor_gos(env, &s, path, alt_raw.as_deref(), goroot.as_ref()));
    Some(VsCode {
        path: s.path,
        folder: s.folder,
        text: s.text,
        goroot,
        alternate_go,
        editor_gos,
    })
}

/// The `go` binaries the Go extension could run, in its order (see
/// [`crate::facts::vscode::VsCode::editor_gos`]); existing executables only.
fn editor_gos(
    env: &EnvSnapshot,
    s: &Settings,
    path: &[OsString],
    alt: Option<&str>,
    goroot_setting: Option<&Target>,
) -> Vec<EditorGo> {
    let p = env.platform;
    let exe = |name: &str| {
        if p.is_windows() {
            format!("{name}.exe")
        } else {
            name.to_string()
        }
    };
    let mut out: Vec<(EditorWhy, PathBuf)> = Vec::new();
    // An absolute alternate tool; a name is looked up in the places below.
    let mut binname = "go".to_string();
    if let Some(a) = alt.filter(|a| !a.trim().is_empty()) {
        match resolve(env, s, a) {
            Some(abs) => out.push((EditorWhy::AlternateTool, abs)),
            None if !a.contains(['/', '\\', '$']) => binname = a.to_string(),
            None => {}
        }
    }
    let alt_name = binname != "go";
    let why = |w: EditorWhy| {
        if alt_name {
            EditorWhy::AlternateTool
        } else {
            w
        }
    };
    let bin = exe(&binname);
    if let Some(gobin) = env.get_nonempty("GOBIN") {
        for d in p.split_list(gobin) {
            out.push((why(EditorWhy::Gobin), Path::new(&d).join(&bin)));
        }
    }
    let (roots, w) = match goroot_setting {
        Some(t) => (
            vec![t.path.clone().into_os_string()],
            EditorWhy::GorootSetting,
        ),
        None => (
            env.get_nonempty("GOROOT")
                .map(|g| p.split_list(g))
                .unwrap_or_default(),
            EditorWhy::GorootEnv,
        ),
    };
    for r in roots {
        out.push((why(w), Path::new(&r).join("bin").join(&bin)));
    }
    for e in path.iter().filter(|e| !e.is_empty()) {
        let mut c = Path::new(e).join(&bin);
        if !p.is_windows() && c == Path::new("/snap/bin/go") {
            // the extension's workaround for snapd (golang/vscode-go#166)
            c = PathBuf::from("/snap/go/current/bin/go");
        }
        out.push((why(EditorWhy::Path), c));
    }
    if !alt_name {
        let defaults: &[&str] = if p.is_windows() {
            &[
                r"C:\Program Files\Go\bin\go.exe",
                r"C:\Program Files (x86)\Go\bin\go.exe",
            ]
        } else {
            &["/usr/local/go/bin/go", "/usr/local/bin/go"]
        };
        for d in defaults {
            out.push((EditorWhy::Default, PathBuf::from(d)));
        }
    }
    let mut gos: Vec<EditorGo> = Vec::new();
    for (why, path) in out {
        if !(path.is_file() && super::toolchain::is_executable(&path)) {
            continue;
        }
        let toolchain = crate::sys::env::canonical(&path)
            .ok()
            .and_then(|c| c.parent()?.parent().map(Path::to_path_buf))
            .and_then(|r| inspect_root(&r, env))
            .filter(|t| same_file(&t.go_bin, &path));
        let version = match &toolchain {
            Some(t) => t.version.clone(),
            None => super::toolchain::binary_version(&path),
        };
        gos.push(EditorGo {
            why,
            path,
            toolchain,
            version,
        });
    }
    gos
}

/// The nearest `.vscode/settings.json` from the cwd up to the project root.
fn find(env: &EnvSnapshot, project: &Project) -> Option<Settings> {
    let home = env.home();
    let project_root = project
        .go_file
        .as_ref()
        .and_then(|f| f.path.parent())
        .map(Path::to_path_buf);
    let mut dir = Some(env.cwd.as_path());
    while let Some(d) = dir {
        if home.as_deref().is_some_and(|h| h == d) {
            return None;
        }
        let p = d.join(".vscode").join("settings.json");
        if let Ok(b) = std::fs::read(&p) {
            return Some(Settings {
                path: p,
                folder: d.to_path_buf(),
                text: String::from_utf8_lossy(&b).into_owned(),
            });
        }
        let at_root = match &project_root {
            Some(r) => r == d,
            None => d.join(".git").exists(),
        };
        if at_root {
            return None;
        }
        dir = d.parent();
    }
    None
}

/// A settings value as a path: `~`, `${userHome}`, `${workspaceFolder}`,
/// `${env:NAME}` expanded; None when it can't be judged.
fn resolve(env: &EnvSnapshot, s: &Settings, v: &str) -> Option<PathBuf> {
    let home = env.home().map(|h| crate::sys::platform::path_lossy(&h));
    let mut out = String::new();
    let mut rest = v;
    if let Some(r) = rest.strip_prefix('~') {
        if r.is_empty() || r.starts_with(['/', '\\']) {
            out.push_str(home.as_deref()?);
            rest = r;
        }
    }
    while let Some(i) = rest.find("${") {
        out.push_str(&rest[..i]);
        let end = rest[i..].find('}')? + i;
        let var = &rest[i + 2..end];
        let val = match var {
            "workspaceFolder" | "workspaceRoot" => crate::sys::platform::path_lossy(&s.folder),
            "userHome" => home.clone()?,
            _ => match var.strip_prefix("env:") {
                Some(n) => crate::sys::platform::lossy(env.get(n)?),
                None => return None,
            },
        };
        out.push_str(&val);
        rest = &rest[end + 1..];
    }
    out.push_str(rest);
    let p = PathBuf::from(out);
    env.platform.is_absolute(p.as_os_str()).then_some(p)
}

/// A command name on PATH (as the extension's lookup would find it).
fn lookup(env: &EnvSnapshot, path: &[OsString], name: &str) -> Option<PathBuf> {
    let exe = if env.platform.is_windows() && !name.ends_with(".exe") {
        format!("{name}.exe")
    } else {
        name.to_string()
    };
    path.iter()
        .filter(|e| !e.is_empty())
        .map(|e| Path::new(e).join(&exe))
        .find(|p| p.is_file())
}

fn same_file(a: &Path, b: &Path) -> bool {
    a == b
        || matches!((crate::sys::env::canonical(a), crate::sys::env::canonical(b)), (Ok(x), Ok(y)) if x == y)
}

/// JSON with comments to JSON: drops `//` and `/* */` comments outside
/// strings and commas before `}` or `]`. Line breaks are kept.
pub(crate) fn strip_jsonc(text: &str) -> String {
    let c: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < c.len() {
        match c[i] {
            '"' => {
                out.push('"');
                i += 1;
                while i < c.len() {
                    out.push(c[i]);
                    if c[i] == '\\' && i + 1 < c.len() {
                        out.push(c[i + 1]);
                        i += 2;
                        continue;
                    }
                    i += 1;
                    if c[i - 1] == '"' {
                        break;
                    }
                }
            }
            '/' if c.get(i + 1) == Some(&'/') => {
                while i < c.len() && c[i] != '\n' {
                    i += 1;
                }
            }
            '/' if c.get(i + 1) == Some(&'*') => {
                i += 2;
                while i < c.len() && !(c[i] == '*' && c.get(i + 1) == Some(&'/')) {
                    if c[i] == '\n' {
                        out.push('\n');
                    }
                    i += 1;
                }
                i += 2;
            }
            ',' => {
                let mut j = i + 1;
                // Skip whitespace and comments to see what follows.
                loop {
                    while j < c.len() && c[j].is_whitespace() {
                        j += 1;
                    }
                    if c.get(j) == Some(&'/') && c.get(j + 1) == Some(&'/') {
                        while j < c.len() && c[j] != '\n' {
                            j += 1;
                        }
                    } else if c.get(j) == Some(&'/') && c.get(j + 1) == Some(&'*') {
                        j += 2;
                        while j < c.len() && !(c[j] == '*' && c.get(j + 1) == Some(&'/')) {
                            j += 1;
                        }
                        j += 2;
                    } else {
                        break;
                    }
                }
                if !matches!(c.get(j), Some('}') | Some(']')) {
                    out.push(',');
                }
                i += 1;
            }
            ch => {
                out.push(ch);
                i += 1;
            }
        }
    }
    out
}
