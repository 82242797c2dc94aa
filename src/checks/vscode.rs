//! `vscode-settings-mismatch`: the VS Code Go extension's `go.goroot` or
//! `go.alternateTools.go` (in `.vscode/settings.json`) names a toolchain
//! other than the one goenv-hook selects, so the editor's `go`, gopls and
//! tests disagree with the terminal.
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
//! be a path to a `go` binary or a command name looked up on PATH; a binary
//! that does not sit in a Go root (a wrapper) is not judged unless missing.
//!
//! Not cheap (reads files up the tree): never at the prompt.

use super::*;

/// A settings file found, with its text.
struct Settings {
    path: PathBuf,
    folder: PathBuf,
    text: String,
}

pub(super) fn run(cx: &Ctx, out: &mut Vec<Finding>) {
    if cx.opts.cheap_only {
        return;
    }
    let Some(s) = find(cx) else {
        return;
    };
    let Ok(json) = serde_json::from_str::<serde_json::Value>(&strip_jsonc(&s.text)) else {
        return;
    };
    let plan = crate::plan::plan(cx.facts, cx.config);
    let Some(selected) = plan.toolchain.as_ref() else {
        return;
    };
    if let Some(v) = json.get("go.goroot").and_then(|v| v.as_str()) {
        if let Some(root) = resolve(cx, &s, v) {
            let tc = crate::toolchain::inspect_root(&root, cx.env);
            judge(cx, out, &s, "go.goroot", v, &root, tc.as_ref(), selected);
        }
    }
    let alt = json
        .get("go.alternateTools")
        .and_then(|a| a.get("go"))
        .and_then(|v| v.as_str());
    if let Some(v) = alt {
        let bin = if v.contains(['/', '\\']) || v.starts_with('~') || v.starts_with("${") {
            resolve(cx, &s, v)
        } else {
            lookup(cx, v)
        };
        if let Some(bin) = bin {
            let root = bin.parent().and_then(Path::parent).map(Path::to_path_buf);
            let tc = root
                .as_deref()
                .and_then(|r| crate::toolchain::inspect_root(r, cx.env))
                .filter(|t| same_file(&t.go_bin, &bin));
            if tc.is_some() || !bin.exists() {
                judge(
                    cx,
                    out,
                    &s,
                    "go.alternateTools.go",
                    v,
                    &bin,
                    tc.as_ref(),
                    selected,
                );
            }
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn judge(
    cx: &Ctx,
    out: &mut Vec<Finding>,
    s: &Settings,
    key: &str,
    raw: &str,
    target: &Path,
    tc: Option<&Toolchain>,
    selected: &Toolchain,
) {
    if tc.is_some_and(|t| crate::probe::same_dir(&t.root, &selected.root)) {
        return;
    }
    let what = match tc {
        Some(t) => format!("{} ({})", path_lossy(&t.root), opt_gov(t.version.as_ref())),
        None if target.exists() => format!("{}, which is not a Go root", path_lossy(target)),
        None => format!("{}, which does not exist", path_lossy(target)),
    };
    let want = if key == "go.goroot" {
        path_lossy(&selected.root)
    } else {
        path_lossy(&selected.go_bin)
    };
    let leaf = key.rsplit('.').next().unwrap_or(key);
    let setting = if key == "go.goroot" {
        format!("\"go.goroot\": \"{}\"", json_escape(&want))
    } else {
        format!(
            "\"go.alternateTools\": {{\"go\": \"{}\"}}",
            json_escape(&want)
        )
    };
    let mut evidence = vec![
        Evidence::file(&s.path, line_of(&s.text, key, leaf)),
        Evidence::note(format!("{key} = {raw}")),
        Evidence::binary(&selected.go_bin, selected.version.as_ref()),
    ];
    if let Some(t) = tc {
        evidence.push(Evidence::binary(&t.go_bin, t.version.as_ref()));
    }
    let _ = cx;
    out.push(finding(
        "vscode-settings-mismatch",
        format!(
            "VS Code's {key} is {what} but goenv-hook selects {} ({}) here: the editor's go and gopls disagree with the terminal",
            path_lossy(&selected.root),
            opt_gov(selected.version.as_ref())
        ),
        format!(
            "in {} remove {key} (the extension then uses the go on PATH), or set {setting}",
            path_lossy(&s.path)
        ),
        evidence,
    ));
}

/// The nearest `.vscode/settings.json` from the cwd up to the project root.
fn find(cx: &Ctx) -> Option<Settings> {
    let env = cx.env;
    let home = env.home();
    let project_root = cx
        .facts
        .project
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
fn resolve(cx: &Ctx, s: &Settings, v: &str) -> Option<PathBuf> {
    let home = cx.env.home().map(|h| path_lossy(&h));
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
            "workspaceFolder" | "workspaceRoot" => path_lossy(&s.folder),
            "userHome" => home.clone()?,
            _ => match var.strip_prefix("env:") {
                Some(n) => lossy(cx.env.get(n)?),
                None => return None,
            },
        };
        out.push_str(&val);
        rest = &rest[end + 1..];
    }
    out.push_str(rest);
    let p = PathBuf::from(out);
    cx.env.platform.is_absolute(p.as_os_str()).then_some(p)
}

/// A command name on PATH (as the extension's lookup would find it).
fn lookup(cx: &Ctx, name: &str) -> Option<PathBuf> {
    let exe = if cx.env.platform.is_windows() && !name.ends_with(".exe") {
        format!("{name}.exe")
    } else {
        name.to_string()
    };
    cx.path
        .iter()
        .filter(|e| !e.is_empty())
        .map(|e| Path::new(e).join(&exe))
        .find(|p| p.is_file())
}

fn same_file(a: &Path, b: &Path) -> bool {
    a == b
        || matches!((std::fs::canonicalize(a), std::fs::canonicalize(b)), (Ok(x), Ok(y)) if x == y)
}

fn json_escape(s: &str) -> String {
    let q = serde_json::to_string(s).unwrap_or_default();
    q[1..q.len().saturating_sub(1)].to_string()
}

/// The 1-based line of `"key"` (or, for a nested key, of its last part).
fn line_of(text: &str, key: &str, leaf: &str) -> Option<usize> {
    let find = |k: &str| {
        let pat = format!("\"{k}\"");
        text.lines().position(|l| l.contains(&pat)).map(|i| i + 1)
    };
    find(key).or_else(|| {
        let parent = key.rsplit_once('.').map(|(p, _)| p)?;
        let start = find(parent)?;
        let pat = format!("\"{leaf}\"");
        text.lines()
            .enumerate()
            .skip(start - 1)
            .find(|(_, l)| l.contains(&pat))
            .map(|(i, _)| i + 1)
    })
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

#[cfg(test)]
mod tests {
    use super::super::testutil::*;
    use super::*;
    use crate::platform::Platform;

    fn json(s: &str) -> serde_json::Value {
        serde_json::from_str(&strip_jsonc(s)).unwrap_or_else(|e| panic!("{e}: {}", strip_jsonc(s)))
    }

    #[test]
    fn jsonc_comments_and_trailing_commas() {
        let v = json(
            r#"{
  // line comment with "quotes" and a ,
  "go.goroot": "/a//b", /* block
  comment */ "x": "not // a comment, /* nor this */",
  "go.alternateTools": { "go": "/c/bin/go", /* c */ },
  "list": [1, 2, ],
  "esc": "a\"b//c",
}"#,
        );
        assert_eq!(v["go.goroot"], "/a//b");
        assert_eq!(v["x"], "not // a comment, /* nor this */");
        assert_eq!(v["go.alternateTools"]["go"], "/c/bin/go");
        assert_eq!(v["list"], serde_json::json!([1, 2]));
        assert_eq!(v["esc"], "a\"b//c");
    }

    /// A project with go1.22 on PATH and a settings file.
    fn setup(t: &Tree, settings: &str) -> Facts {
        t.toolchain("go122", "1.22.5", true);
        t.toolchain("go121", "1.21.13", true);
        t.file("proj/go.mod", "module m\n\ngo 1.22\n");
        t.file("proj/.vscode/settings.json", settings);
        std::fs::create_dir_all(t.p("proj/sub")).unwrap();
        let path = format!("{}:/usr/bin", t.s("go122/bin"));
        let env = EnvSnapshot::from_pairs(
            &[("PATH", &path), ("HOME", &t.s("home")), ("ROOTS", &t.s(""))],
            &t.s("proj/sub"),
            Platform::UNIX,
        );
        let mut f = facts(env);
        f.project = go_mod(t.p("proj/go.mod"), Some("1.22"), None);
        f
    }

    fn run_vs(f: &Facts, cheap: bool) -> Vec<Finding> {
        run_with(f, &Extra::default(), cheap)
            .into_iter()
            .filter(|f| f.id == "vscode-settings-mismatch")
            .collect()
    }

    #[test]
    fn goroot_other_toolchain_is_reported() {
        let t = Tree::new();
        let f = setup(
            &t,
            &format!(
                "{{\n  // pinned long ago\n  \"go.goroot\": \"{}\",\n}}\n",
                t.s("go121")
            ),
        );
        let fs = run_vs(&f, false);
        assert_eq!(fs.len(), 1, "{fs:#?}");
        let x = &fs[0];
        assert_eq!(x.severity, Severity::Warn);
        assert_eq!(x.class, Class::Env);
        assert!(
            x.message.contains("go1.21.13") && x.message.contains("go1.22.5"),
            "{}",
            x.message
        );
        assert!(
            x.fix.contains("go.goroot") && x.fix.contains(&t.s("go122")),
            "{}",
            x.fix
        );
        assert!(x
            .evidence
            .contains(&Evidence::file(&t.p("proj/.vscode/settings.json"), Some(3))));
        // Never at the prompt.
        assert!(run_vs(&f, true).is_empty());
    }

    #[test]
    fn matching_settings_are_quiet() {
        let t = Tree::new();
        let f = setup(
            &t,
            r#"{"go.goroot": "${env:ROOTS}/go122", "go.alternateTools": {"go": "${workspaceFolder}/../go122/bin/go"}}"#,
        );
        assert!(run_vs(&f, false).is_empty());
        // No settings at all: quiet.
        let t = Tree::new();
        let mut f = setup(&t, "{}");
        std::fs::remove_file(t.p("proj/.vscode/settings.json")).unwrap();
        assert!(run_vs(&f, false).is_empty());
        // A settings file above the project root is not read.
        t.file(
            ".vscode/settings.json",
            &format!("{{\"go.goroot\": \"{}\"}}", t.s("go121")),
        );
        assert!(run_vs(&f, false).is_empty());
        f.project = crate::project::Project::default();
        std::fs::create_dir_all(t.p("proj/.git")).unwrap();
        assert!(run_vs(&f, false).is_empty());
    }

    #[test]
    fn alternate_tools_by_path_name_and_missing() {
        let t = Tree::new();
        let f = setup(
            &t,
            &format!(
                r#"{{"go.alternateTools": {{"go": "{}"}}}}"#,
                t.s("go121/bin/go")
            ),
        );
        let fs = run_vs(&f, false);
        assert_eq!(fs.len(), 1, "{fs:#?}");
        assert!(fs[0].message.contains("go.alternateTools.go"));
        assert!(fs[0]
            .evidence
            .contains(&Evidence::file(&t.p("proj/.vscode/settings.json"), Some(1))));

        let f = setup(&t, r#"{"go.alternateTools": {"go": "~/nowhere/go"}}"#);
        let fs = run_vs(&f, false);
        assert_eq!(fs.len(), 1, "{fs:#?}");
        assert!(
            fs[0].message.contains("does not exist"),
            "{}",
            fs[0].message
        );

        // A command name found on PATH: the selected go itself.
        let f = setup(&t, r#"{"go.alternateTools": {"go": "go"}}"#);
        assert!(run_vs(&f, false).is_empty());
        // A wrapper that is not in a Go root is not judged.
        t.exe("wrap/go1.21");
        let f = setup(
            &t,
            &format!(
                r#"{{"go.alternateTools": {{"go": "{}"}}}}"#,
                t.s("wrap/go1.21")
            ),
        );
        assert!(run_vs(&f, false).is_empty());
    }

    #[test]
    fn goroot_not_a_go_root_and_unjudgeable_values() {
        let t = Tree::new();
        let f = setup(&t, r#"{"go.goroot": "${userHome}/not-go"}"#);
        let fs = run_vs(&f, false);
        assert_eq!(fs.len(), 1, "{fs:#?}");
        assert!(
            fs[0].message.contains("does not exist"),
            "{}",
            fs[0].message
        );
        for v in [r#""${config:x}/go""#, r#""relative/go""#, "null", "42"] {
            let f = setup(&t, &format!(r#"{{"go.goroot": {v}}}"#));
            assert!(run_vs(&f, false).is_empty(), "{v}");
        }
        // Unparseable JSON: quiet (not this check's business).
        let f = setup(&t, "{ nope");
        assert!(run_vs(&f, false).is_empty());
    }
}
