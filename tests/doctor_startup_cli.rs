//! `goenv-hook doctor` shows the shell start-up analysis (the real binary,
//! a temporary HOME): every file a login and an interactive shell read, in
//! order, which exist, where the init line is, and what to change; in text
//! ("Start-up files (<shell>)") and in `--json` (`startup`).

mod common;

use common::{exe, go_root, Sandbox};
use std::process::Output;

const BASH_INIT: &str = "eval \"$(goenv-hook init bash)\"";

fn path(sb: &Sandbox) -> String {
    format!(
        "{}:{}:/usr/bin:/bin",
        go_root("1.22").join("bin").display(),
        sb.home().join("go/bin").display()
    )
}

fn doctor(sb: &Sandbox, shell_var: Option<&str>, args: &[&str]) -> Output {
    let mut c = sb.command(exe(), &path(sb));
    if let Some(s) = shell_var {
        c.env("SHELL", s);
    }
    c.arg("doctor").args(args).output().unwrap()
}

fn text(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn json(o: &Output) -> serde_json::Value {
    serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("{e}: {}", text(o)))
}

/// ~/.bashrc holds the init line (line 2); ~/.bash_profile exists but does
/// not source it; ~/.profile exists too (and is therefore not read).
fn bash_home(sb: &Sandbox) {
    std::fs::create_dir_all(sb.home().join("go/bin")).unwrap();
    std::fs::write(
        sb.home().join(".bashrc"),
        format!("alias ll='ls -l'\n{BASH_INIT}\n"),
    )
    .unwrap();
    std::fs::write(sb.home().join(".bash_profile"), "export EDITOR=vi\n").unwrap();
    std::fs::write(sb.home().join(".profile"), "umask 022\n").unwrap();
}

/// The lines of one mode's block in the text: from its heading to its `→`.
fn block<'a>(t: &'a str, heading_start: &str) -> Vec<&'a str> {
    let lines: Vec<&str> = t.lines().collect();
    let i = lines
        .iter()
        .position(|l| l.trim_start().starts_with(heading_start))
        .unwrap_or_else(|| panic!("no block '{heading_start}' in:\n{t}"));
    let mut out = Vec::new();
    for l in &lines[i..] {
        out.push(*l);
        if l.trim_start().starts_with('→') {
            break;
        }
    }
    out
}

fn row<'a>(b: &[&'a str], name: &str) -> &'a str {
    b.iter()
        .copied()
        .find(|l| l.trim_start().starts_with(&format!("{name} ")))
        .unwrap_or_else(|| panic!("no row {name} in:\n{}", b.join("\n")))
}

#[test]
fn bash_text_lists_files_in_order_with_init_lines_and_advice() {
    let sb = Sandbox::new();
    bash_home(&sb);
    let o = doctor(&sb, Some("/bin/bash"), &[]);
    let t = text(&o);
    assert!(t.contains("\nStart-up files (bash)\n"), "{t}");
    // After the findings, before the summary line.
    let sec = t.find("Start-up files (bash)").unwrap();
    assert!(t.find("init-in-wrong-file").unwrap() < sec, "{t}");
    assert!(
        t.lines().last().unwrap().contains("(exit "),
        "summary last:\n{t}"
    );

    let login = block(&t, "bash login shells");
    let names: Vec<&str> = login
        .iter()
        .skip(1)
        .filter(|l| !l.trim_start().starts_with('→'))
        .map(|l| l.split_whitespace().next().unwrap())
        .filter(|n| n.starts_with('~'))
        .collect();
    assert_eq!(
        names,
        ["~/.bash_profile", "~/.bash_login", "~/.profile"],
        "{t}"
    );
    assert!(row(&login, "~/.bash_profile").ends_with("  exists"), "{t}");
    assert!(row(&login, "~/.bash_login").ends_with("  missing"), "{t}");
    assert!(
        row(&login, "~/.profile").contains("exists, not read (~/.bash_profile exists)"),
        "{t}"
    );
    assert_eq!(
        login.last().unwrap().trim(),
        "→ the init line is never read: add `[ -f ~/.bashrc ] && . ~/.bashrc` to ~/.bash_profile (create it if missing)",
        "{t}"
    );

    let inter = block(&t, "interactive bash shells");
    assert!(
        row(&inter, "~/.bashrc").ends_with("  exists, init line at line 2"),
        "{t}"
    );
    assert_eq!(
        inter.last().unwrap().trim(),
        "→ the init line runs once (~/.bashrc line 2): nothing to change",
        "{t}"
    );
    // Not a terminal: no colour.
    assert!(!t.contains('\x1b'), "{t}");
}

#[test]
fn bash_json_startup_key() {
    let sb = Sandbox::new();
    bash_home(&sb);
    let o = doctor(&sb, Some("/bin/bash"), &["--json"]);
    let j = json(&o);
    assert_eq!(j["version"], 1);
    let h = |rel: &str| sb.home().join(rel).to_string_lossy().into_owned();
    let st = &j["startup"];
    assert_eq!(st["shell"], "bash");
    assert_eq!(st["supported"], true);
    assert_eq!(st["recommended"], h(".bashrc"));
    let modes = st["modes"].as_array().unwrap();
    assert_eq!(modes.len(), 2);
    assert_eq!(modes[0]["mode"], "login");
    assert_eq!(modes[1]["mode"], "interactive");

    let file = |m: &serde_json::Value, rel: &str| -> serde_json::Value {
        m["files"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["path"] == h(rel))
            .cloned()
            .unwrap_or_else(|| panic!("{rel} not in {m:#}"))
    };
    let bp = file(&modes[0], ".bash_profile");
    assert_eq!(bp["exists"], true);
    assert_eq!(bp["read"], true);
    assert_eq!(bp["init_lines"], serde_json::json!([]));
    let bl = file(&modes[0], ".bash_login");
    assert_eq!(bl["exists"], false);
    assert_eq!(bl["read"], false);
    let pr = file(&modes[0], ".profile");
    assert_eq!(pr["exists"], true);
    assert_eq!(pr["read"], false);
    assert_eq!(pr["shadowed_by"], h(".bash_profile"));
    assert_eq!(modes[0]["init_reached"], 0);
    assert_eq!(modes[0]["recommended"], h(".bash_profile"));
    assert!(modes[0]["advice"]
        .as_str()
        .unwrap()
        .contains("add `[ -f ~/.bashrc ] && . ~/.bashrc` to ~/.bash_profile"));
    // The login files come in reading order: ~/.bash_profile, ~/.bash_login, ~/.profile.
    let order: Vec<String> = modes[0]["files"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|f| f["path"].as_str())
        .filter(|p| p.starts_with(&*h("")))
        .map(str::to_string)
        .collect();
    assert_eq!(order, [h(".bash_profile"), h(".bash_login"), h(".profile")]);

    let rc = file(&modes[1], ".bashrc");
    assert_eq!(rc["exists"], true);
    assert_eq!(rc["init_lines"], serde_json::json!([2]));
    assert_eq!(rc["sourced_from"], serde_json::Value::Null);
    assert_eq!(modes[1]["init_reached"], 1);
    // The findings are unchanged alongside.
    assert!(j["findings"]
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f["id"] == "init-in-wrong-file"));
}

#[test]
fn sourced_files_are_shown_with_the_line_that_sources_them() {
    let sb = Sandbox::new();
    bash_home(&sb);
    std::fs::write(
        sb.home().join(".bash_profile"),
        "export EDITOR=vi\n[ -f ~/.bashrc ] && . ~/.bashrc\n",
    )
    .unwrap();
    let o = doctor(&sb, None, &["--shell", "bash"]);
    let t = text(&o);
    let login = block(&t, "bash login shells");
    let r = row(&login, "~/.bashrc");
    assert!(
        r.contains("exists, init line at line 2 (sourced by ~/.bash_profile line 2)"),
        "{t}"
    );
    // Indented under the file that sources it.
    let indent = |l: &str| l.len() - l.trim_start().len();
    assert!(indent(r) > indent(row(&login, "~/.bash_profile")), "{t}");
    assert!(login.last().unwrap().contains("runs once"), "{t}");
    assert!(!t.contains("init-in-wrong-file"), "{t}");
    let j = json(&doctor(&sb, None, &["--shell", "bash", "--json"]));
    let m = &j["startup"]["modes"][0];
    let rc = m["files"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["path"] == sb.home().join(".bashrc").to_string_lossy().as_ref())
        .unwrap()
        .clone();
    assert_eq!(
        rc["sourced_from"]["path"],
        sb.home().join(".bash_profile").to_string_lossy().as_ref()
    );
    assert_eq!(rc["sourced_from"]["line"], 2);
}

#[test]
fn zsh_via_shell_option_with_zdotdir() {
    let sb = Sandbox::new();
    std::fs::create_dir_all(sb.home().join("go/bin")).unwrap();
    let zd = sb.home().join("zdot");
    std::fs::create_dir_all(&zd).unwrap();
    std::fs::write(zd.join(".zshenv"), "eval \"$(goenv-hook init zsh)\"\n").unwrap();
    let mut c = sb.command(exe(), &path(&sb));
    c.env("SHELL", "/bin/bash")
        .env("ZDOTDIR", &zd)
        .args(["doctor", "--shell", "zsh"]);
    let t = String::from_utf8(c.output().unwrap().stdout).unwrap();
    assert!(t.contains("Start-up files (zsh)"), "{t}");
    assert!(!t.contains("Start-up files (bash)"), "{t}");
    let inter = block(&t, "interactive zsh shells");
    assert!(
        row(&inter, "~/zdot/.zshenv").ends_with("exists, init line at line 1"),
        "{t}"
    );
    assert!(row(&inter, "~/zdot/.zshrc").ends_with("missing"), "{t}");
    assert_eq!(
        inter.last().unwrap().trim(),
        "→ the init line runs once (~/zdot/.zshenv line 1), but every zsh reads ~/zdot/.zshenv, scripts included: move `eval \"$(goenv-hook init zsh)\"` to ~/zdot/.zshrc",
        "{t}"
    );
    let login = block(&t, "zsh login shells");
    for f in ["~/zdot/.zprofile", "~/zdot/.zlogin"] {
        assert!(row(&login, f).ends_with("missing"), "{t}");
    }
}

#[test]
fn fish_and_cmd_and_unknown_shell() {
    let sb = Sandbox::new();
    std::fs::create_dir_all(sb.home().join("go/bin")).unwrap();
    let t = text(&doctor(&sb, Some("/usr/bin/fish"), &[]));
    let b = block(&t, "fish (login and interactive shells alike)");
    assert!(
        row(&b, "~/.config/fish/config.fish").ends_with("missing"),
        "{t}"
    );
    assert_eq!(
        b.last().unwrap().trim(),
        "→ the init line is never read: add `goenv-hook init fish | source` to ~/.config/fish/config.fish",
        "{t}"
    );

    let t = text(&doctor(&sb, None, &["--shell", "cmd"]));
    assert!(
        t.contains(
            "Start-up files (cmd): not analysed (cmd's start-up is AutoRun, in the registry)"
        ),
        "{t}"
    );
    let j = json(&doctor(&sb, None, &["--shell", "cmd", "--json"]));
    assert_eq!(j["startup"]["supported"], false);
    assert_eq!(j["startup"]["modes"], serde_json::json!([]));

    // No $SHELL and no --shell: no section, and `startup` is null.
    let t = text(&doctor(&sb, None, &[]));
    assert!(!t.contains("Start-up files"), "{t}");
    let j = json(&doctor(&sb, None, &["--json"]));
    assert!(j.as_object().unwrap().contains_key("startup"), "{j:#}");
    assert_eq!(j["startup"], serde_json::Value::Null);
}
