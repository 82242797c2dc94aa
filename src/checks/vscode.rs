//! `vscode-settings-mismatch`: the VS Code Go extension's `go.goroot` or
//! `go.alternateTools.go` (in `.vscode/settings.json`) names a toolchain
//! other than the one goenv-hook selects, so the editor's `go`, gopls and
//! tests disagree with the terminal.
//!
//! `vscode-effective-go`: the `go` the extension really runs, in the order
//! vscode-go looks (`go.alternateTools.go`, `$GOBIN/go`, `go.goroot` or
//! `$GOROOT`, PATH, the default install paths), is another Go than the one
//! its integrated terminal gets from goenv-hook; reported when the choice
//! comes from the environment (a setting's choice is
//! `vscode-settings-mismatch`'s).
//!
//! Where the file is looked for and how values resolve: `probe::vscode`.
//! A binary that does not sit in a Go root (a wrapper) is not judged
//! unless missing. Not cheap (the probe reads files up the tree): never
//! at the prompt.

use super::*;
use crate::facts::vscode::{EditorWhy, Target, VsCode};

pub(super) fn run(cx: &Ctx, out: &mut Vec<Finding>) {
    let Some(s) = &cx.facts.full.vscode else {
        return;
    };
    let Some(selected) = cx.plan.toolchain.as_ref() else {
        return;
    };
    effective_go(cx, out, s, selected);
    if let Some(t) = &s.goroot {
        judge(cx, out, s, "go.goroot", t, selected);
    }
    if let Some(t) = &s.alternate_go {
        // A binary that does not sit in a Go root (a wrapper) is not
        // judged unless missing.
        if t.toolchain.is_some() || !t.exists {
            judge(cx, out, s, "go.alternateTools.go", t, selected);
        }
    }
}

fn judge(
    cx: &Ctx,
    out: &mut Vec<Finding>,
    s: &VsCode,
    key: &str,
    t: &Target,
    selected: &Toolchain,
) {
    let (raw, target, tc) = (t.raw.as_str(), &t.path, t.toolchain.as_ref());
    if tc.is_some_and(|t| t.same_root(selected, cx.env.platform)) {
        return;
    }
    let what = match tc {
        Some(t) => format!("{} ({})", path_lossy(&t.root), opt_gov(t.version.as_ref())),
        None if t.exists => format!("{}, which is not a Go root", path_lossy(target)),
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

/// vscode-effective-go.
fn effective_go(cx: &Ctx, out: &mut Vec<Finding>, s: &VsCode, selected: &Toolchain) {
    let p = cx.env.platform;
    let sel = format!(
        "{} ({})",
        path_lossy(&selected.root),
        opt_gov(selected.version.as_ref())
    );
    let file = path_lossy(&s.path);
    let goroot_fix = format!(
        "set \"go.goroot\": \"{}\" in {file}",
        json_escape(&path_lossy(&selected.root))
    );
    let Some(gos) = &s.editor_gos else {
        return; // not read
    };
    let Some(g) = gos.first() else {
        out.push(finding(
            "vscode-effective-go",
            format!(
                "VS Code's Go extension finds no go (it looks in $GOBIN, GOROOT, PATH, then the default install paths), while its integrated terminal runs goenv-hook's selection {sel}"
            ),
            format!("{goroot_fix}, or start VS Code from a terminal in the project (`code .`)"),
            vec![
                Evidence::file(&s.path, None),
                Evidence::binary(&selected.go_bin, selected.version.as_ref()),
            ],
        ));
        return;
    };
    if matches!(g.why, EditorWhy::AlternateTool | EditorWhy::GorootSetting) {
        return; // vscode-settings-mismatch judges the settings
    }
    let same = match (&g.toolchain, &g.version) {
        (Some(t), _) => t.same_root(selected, p),
        (None, Some(v)) => selected.version.as_ref() == Some(v),
        (None, None) => true, // nothing to judge it by
    };
    if same {
        return;
    }
    let editor = match &g.toolchain {
        Some(t) => format!(
            "{} (the tree {}, {})",
            path_lossy(&g.path),
            path_lossy(&t.root),
            opt_gov(t.version.as_ref())
        ),
        None => format!("{} ({})", path_lossy(&g.path), opt_gov(g.version.as_ref())),
    };
    let go_bin = path_lossy(&selected.go_bin);
    let alt_fix = format!(
        "set \"go.alternateTools\": {{\"go\": \"{}\"}} in {file}",
        json_escape(&go_bin)
    );
    let (why, fix) = match g.why {
        EditorWhy::Gobin => (
            "$GOBIN/go, which it tries before GOROOT and PATH",
            format!(
                "remove {} (a go in GOBIN shadows every other go for the editor), or {alt_fix}",
                sh_quote(&path_lossy(&g.path))
            ),
        ),
        EditorWhy::GorootEnv => (
            "$GOROOT/bin/go, which it tries before PATH",
            format!(
                "{}, or {goroot_fix}",
                unset_cmd(cx.opts.shell, "GOROOT")
            ),
        ),
        EditorWhy::Path => (
            "the first go on the PATH VS Code inherits",
            format!(
                "start VS Code from a terminal in the project (`code .`: it inherits goenv-hook's selection), or {goroot_fix}"
            ),
        ),
        _ => (
            "a default install path (no go on PATH)",
            format!("{goroot_fix}, or start VS Code from a terminal in the project (`code .`)"),
        ),
    };
    let ver = g
        .toolchain
        .as_ref()
        .and_then(|t| t.version.as_ref())
        .or(g.version.as_ref());
    out.push(finding(
        "vscode-effective-go",
        format!(
            "VS Code's Go extension runs {editor}: {why}; its integrated terminal runs goenv-hook's selection {sel}, so the editor's builds, tests, debugger and gopls (started with that go first on PATH) use {} while the terminal uses {}",
            opt_gov(ver),
            opt_gov(selected.version.as_ref())
        ),
        fix,
        vec![
            Evidence::file(&s.path, None),
            Evidence::binary(&g.path, ver),
            Evidence::binary(&selected.go_bin, selected.version.as_ref()),
        ],
    ));
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

#[cfg(test)]
mod tests {
    use super::super::testutil::*;
    use super::*;
    use crate::sys::platform::Platform;

    fn json(s: &str) -> serde_json::Value {
        serde_json::from_str(&crate::probe::vscode::strip_jsonc(s))
            .unwrap_or_else(|e| panic!("{e}: {}", crate::probe::vscode::strip_jsonc(s)))
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
    #[cfg_attr(
        windows,
        ignore = "models a Unix machine (Platform::UNIX, /-rooted paths); Windows: tests/win_*.rs"
    )]
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
        f.project = crate::facts::project::Project::default();
        std::fs::create_dir_all(t.p("proj/.git")).unwrap();
        assert!(run_vs(&f, false).is_empty());
    }

    #[test]
    #[cfg_attr(
        windows,
        ignore = "models a Unix machine (Platform::UNIX, /-rooted paths); Windows: tests/win_*.rs"
    )]
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
    #[cfg_attr(
        windows,
        ignore = "models a Unix machine (Platform::UNIX, /-rooted paths); Windows: tests/win_*.rs"
    )]
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
