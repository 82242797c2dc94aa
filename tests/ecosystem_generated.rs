//! The committed completion scripts (completions/) and man pages (man/) are
//! what the current CLI definition generates. When a test here fails, the
//! files are stale: regenerate them with
//!
//!     GOENV_HOOK_BLESS=1 cargo test --test ecosystem_generated
//!
//! and commit the result. The scripts are also loaded by the real shells.

mod common;

use clap::CommandFactory;
use goenv_hook::cli::{Cli, CompletionShell};
use std::path::{Path, PathBuf};
use std::process::Command;

const REGENERATE: &str = "GOENV_HOOK_BLESS=1 cargo test --test ecosystem_generated";

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn bless() -> bool {
    std::env::var_os("GOENV_HOOK_BLESS").is_some_and(|v| !v.is_empty() && v != "0")
}

/// Compares `want` with the committed file, or writes it when blessing.
fn check_file(path: &Path, want: &[u8]) {
    if bless() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, want).unwrap();
        return;
    }
    let have = std::fs::read(path).unwrap_or_default();
    assert!(
        have == want,
        "{} is stale (or missing); regenerate with: {REGENERATE}",
        path.display()
    );
}

fn completion(shell: &str) -> Vec<u8> {
    let out = Command::new(common::exe())
        .args(["completions", shell])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(!out.stdout.is_empty());
    out.stdout
}

fn shell_arg(s: CompletionShell) -> String {
    use clap::ValueEnum;
    s.to_possible_value()
        .map(|v| v.get_name().to_string())
        .unwrap_or_default()
}

#[test]
fn completion_files_are_current() {
    for s in CompletionShell::ALL {
        let want = completion(&shell_arg(s));
        check_file(&root().join("completions").join(s.file_name()), &want);
    }
    // No stray files: every file under completions/ is one we generate.
    for e in std::fs::read_dir(root().join("completions")).unwrap() {
        let name = e.unwrap().file_name().to_string_lossy().into_owned();
        assert!(
            CompletionShell::ALL.iter().any(|s| s.file_name() == name),
            "completions/{name} is not generated; remove it"
        );
    }
}

#[test]
fn completion_aliases() {
    assert_eq!(completion("pwsh"), completion("powershell"));
    assert_eq!(completion("nu"), completion("nushell"));
    let out = Command::new(common::exe())
        .args(["completions", "tcsh"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(64));
}

/// The man pages: man/goenv-hook.1 for the command, and one page per
/// subcommand (man/goenv-hook-<sub>.1), git-style.
fn man_pages() -> Vec<(String, Vec<u8>)> {
    let cmd = Cli::command();
    let mut pages = Vec::new();
    let mut top = Vec::new();
    clap_mangen::Man::new(cmd.clone()).render(&mut top).unwrap();
    pages.push(("goenv-hook.1".to_string(), top));
    let mut subs: Vec<clap::Command> = Vec::new();
    for sub in cmd.get_subcommands() {
        if sub.get_name() == "help" {
            continue;
        }
        let name = format!("goenv-hook-{}", sub.get_name());
        subs.push(sub.clone().name(name.clone().leak() as &str));
        for sub2 in sub.get_subcommands() {
            if sub2.get_name() != "help" {
                subs.push(
                    sub2.clone()
                        .name(format!("{name}-{}", sub2.get_name()).leak() as &str),
                );
            }
        }
    }
    for c in subs {
        let file = format!("{}.1", c.get_name());
        let mut b = Vec::new();
        clap_mangen::Man::new(c).render(&mut b).unwrap();
        pages.push((file, b));
    }
    pages
}

#[test]
fn man_pages_are_current() {
    let pages = man_pages();
    for (file, b) in &pages {
        check_file(&root().join("man").join(file), b);
    }
    for e in std::fs::read_dir(root().join("man")).unwrap() {
        let name = e.unwrap().file_name().to_string_lossy().into_owned();
        assert!(
            pages.iter().any(|(f, _)| *f == name),
            "man/{name} is not generated; remove it (or {REGENERATE})"
        );
    }
}

#[test]
fn man_pages_format_without_warnings() {
    let groff = common::require("groff");
    for (file, _) in man_pages() {
        let out = Command::new(&groff)
            .args(["-t", "-man", "-Tutf8", "-ww", "-P-cbou"])
            .arg(root().join("man").join(&file))
            .output()
            .unwrap();
        assert!(
            out.status.success() && out.stderr.is_empty(),
            "{file}: groff warnings:\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let text = String::from_utf8_lossy(&out.stdout);
        if file == "goenv-hook.1" {
            assert!(text.contains("completions"), "{text}");
            assert!(text.contains("goenv-hook init zsh"), "{text}");
        }
    }
}

#[test]
fn every_command_has_help_examples() {
    let cmd = Cli::command();
    let mut missing = Vec::new();
    for sub in cmd.get_subcommands() {
        if sub.get_name() == "help" {
            continue;
        }
        let mut all = vec![sub.clone()];
        all.extend(
            sub.get_subcommands()
                .filter(|s| s.get_name() != "help")
                .cloned(),
        );
        for c in all {
            let h = c
                .get_after_help()
                .map(|s| s.to_string())
                .unwrap_or_default();
            if !h.contains("goenv-hook ") {
                missing.push(c.get_name().to_string());
            }
        }
    }
    assert!(missing.is_empty(), "no after_help example for: {missing:?}");
}

/// The scripts load in the real shells (syntax and registration).
#[test]
fn completion_scripts_load() {
    let dir = root().join("completions");
    // Hermetic: cleared environment, temporary HOME and XDG dirs.
    let sb = common::Sandbox::new();
    let bash = common::require("bash");
    let out = sb
        .command(bash, common::SYSTEM_PATH)
        .arg("-c")
        .arg(format!(
            "source '{}' && complete -p goenv-hook",
            dir.join("goenv-hook.bash").display()
        ))
        .output()
        .unwrap();
    assert!(
        out.status.success() && String::from_utf8_lossy(&out.stdout).contains("goenv-hook"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let zsh = common::require("zsh");
    let out = sb
        .command(zsh, common::SYSTEM_PATH)
        .arg("-n")
        .arg(dir.join("_goenv-hook"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // fish: load it, then ask for completions of a partial command line.
    let fish = common::require("fish");
    let out = sb
        .command(fish, common::SYSTEM_PATH)
        .arg("--no-config")
        .arg("-c")
        .arg(format!(
            "source '{}'; complete -C 'goenv-hook compl'; complete -C 'goenv-hook doctor --'",
            dir.join("goenv-hook.fish").display()
        ))
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(text.contains("completions"), "{text}");
    assert!(
        text.contains("--strict") && text.contains("--deep"),
        "{text}"
    );
    // Nushell: the module parses and defines the externs.
    let out = sb
        .command(common::nu(), common::SYSTEM_PATH)
        .args(["--no-config-file", "-c"])
        .arg(format!(
            "source '{}'; scope commands | where name =~ '^goenv-hook' | get name | str join ','",
            dir.join("goenv-hook.nu").display()
        ))
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(text.contains("goenv-hook completions"), "{text}");
}

/// The PowerShell script (no pwsh here): the tree-sitter PowerShell parse
/// of tests/common (no ERROR or MISSING node, every single-quote character
/// doubled inside verbatim strings), and it registers the completer.
#[test]
fn powershell_completion_parses() {
    let file = root().join("completions").join("_goenv-hook.ps1");
    let src = std::fs::read_to_string(&file).unwrap();
    // PowerShell (4 and later) lets a method take one script block without
    // parentheses: clap_complete writes `$completions.Where{ … }`, which
    // tree-sitter-powershell 0.26 does not know (it reports an ERROR node
    // there, and accepts `.Where({ … })`, the same call). Only that form is
    // rewritten before parsing; the grammar gap is itself checked below, so
    // the rewrite goes once the grammar learns the form.
    const SHORT: &str = ".Where{";
    assert_eq!(
        src.matches(SHORT).count(),
        1,
        "expected clap_complete's one .Where{{ … }}"
    );
    let i = src.find(SHORT).unwrap();
    let open = i + SHORT.len() - 1;
    let close = open
        + src[open..]
            .find("} |")
            .expect("the Where block ends with `} |`");
    let rewritten = format!(
        "{}.Where({{{}}}){}",
        &src[..i],
        &src[open + 1..close],
        &src[close + 1..]
    );
    common::pwsh_check("completions/_goenv-hook.ps1", rewritten.as_bytes());
    let gap = std::panic::catch_unwind(|| {
        common::pwsh_check("grammar probe", b"$a = 'x'\n$a.Where{ $_ -like 'x*' }\n")
    });
    assert!(
        gap.is_err(),
        "tree-sitter-powershell now parses `.Where{{ … }}`: drop the rewrite above"
    );
    let text = src;
    assert!(
        text.contains("Register-ArgumentCompleter") && text.contains("'goenv-hook'"),
        "completions/_goenv-hook.ps1 does not register a completer for goenv-hook"
    );
}
