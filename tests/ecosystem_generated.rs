//! The committed completion scripts (completions/) and man pages (man/) are
//! what the current CLI definition generates. When a test here fails, the
//! files are stale: regenerate them with
//!
//!     GOENV_HOOK_BLESS=1 cargo test --test ecosystem_generated
//!
//! and commit the result. The scripts are also loaded by the real shells.

mod common;

use clap::CommandFactory;
use goenv_hook::cli::args::{Cli, CompletionShell};
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
    // No `help` subcommand in the pages: there is no goenv-hook-help(1).
    let cmd = Cli::command().disable_help_subcommand(true);
    let mut pages = Vec::new();
    let mut top = Vec::new();
    clap_mangen::Man::new(cmd.clone()).render(&mut top).unwrap();
    pages.push(("goenv-hook.1".to_string(), top));
    let mut subs: Vec<clap::Command> = Vec::new();
    for sub in cmd.get_subcommands() {
        if sub.get_name() == "help" {
            continue;
        }
        // The page is goenv-hook-doctor(1); its synopsis says what to type.
        let name = format!("goenv-hook-{}", sub.get_name());
        let typed = format!("goenv-hook {}", sub.get_name());
        subs.push(
            sub.clone()
                .disable_help_subcommand(true)
                .name(name.clone().leak() as &str)
                .bin_name(typed.clone()),
        );
        for sub2 in sub.get_subcommands() {
            if sub2.get_name() != "help" {
                subs.push(
                    sub2.clone()
                        .name(format!("{name}-{}", sub2.get_name()).leak() as &str)
                        .bin_name(format!("{typed} {}", sub2.get_name())),
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
    // The config file, the environment variables, the check catalogue:
    // from the tables the README shows (`readme_tables_are_the_man_pages_source`).
    pages.extend(goenv_hook::cli::docs::man_pages());
    pages
}

/// The README's config, environment and check tables are the ones the man
/// pages are made from (`cli::docs`), byte for byte.
#[test]
fn readme_tables_are_the_man_pages_source() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    for (what, table) in goenv_hook::cli::docs::markdown() {
        assert!(
            readme.contains(&table),
            "README.md's {what} table differs from src/cli/docs.rs (the man pages' source); it should read:\n{table}"
        );
    }
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

/// Every argument and option of every command says what it is.
#[test]
fn every_argument_has_help() {
    fn walk(c: &clap::Command, path: &str, missing: &mut Vec<String>) {
        for a in c.get_arguments() {
            let id = a.get_id().as_str();
            if id == "help" || id == "version" {
                continue;
            }
            if a.get_help().is_none_or(|h| h.to_string().trim().is_empty()) {
                missing.push(format!("{path} {id}"));
            }
        }
        for s in c.get_subcommands() {
            walk(s, &format!("{path} {}", s.get_name()), missing);
        }
    }
    let mut missing = Vec::new();
    walk(&Cli::command(), "goenv-hook", &mut missing);
    assert!(missing.is_empty(), "arguments without help: {missing:?}");
}

/// The man pages name the command as it is typed, and reference only
/// pages that are shipped.
#[test]
fn man_pages_synopsis_and_references() {
    let pages = man_pages();
    let doctor = &pages
        .iter()
        .find(|(f, _)| f == "goenv-hook-doctor.1")
        .unwrap()
        .1;
    let text = String::from_utf8_lossy(doctor);
    let syn = text.split(".SH SYNOPSIS").nth(1).unwrap();
    assert!(
        syn.contains("goenv\\-hook doctor") || syn.contains("goenv-hook doctor"),
        "{syn}"
    );
    for (file, b) in &pages {
        let t = String::from_utf8_lossy(b)
            .replace("\\-", "-")
            .replace("\\fB", "")
            .replace("\\fR", "");
        for word in t.split(|c: char| c.is_whitespace() || c == ',') {
            if let Some(i) = word.find('(') {
                let (name, sec) = (&word[..i], &word[i + 1..]);
                if name.starts_with("goenv-hook") && sec.len() >= 2 && sec.as_bytes()[1] == b')' {
                    let page = format!("{name}.{}", &sec[..1]);
                    assert!(
                        pages.iter().any(|(f, _)| *f == page),
                        "{file} references {word}, which is not shipped"
                    );
                }
            }
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

/// A sandbox whose PATH runs this build as `goenv-hook` (the scripts call
/// it for `use`'s versions), with Debian's go1.22 first.
fn completion_sandbox() -> (common::Sandbox, String) {
    let sb = common::Sandbox::new();
    let bin = sb.path().join("bin");
    std::os::unix::fs::symlink(common::exe(), bin.join("goenv-hook")).unwrap();
    let path = format!("{}:/usr/lib/go-1.22/bin:/usr/bin:/bin", bin.display());
    (sb, path)
}

/// The committed scripts complete values in the real shells: a shell name
/// (`init f`), a check id (`doctor --ignore path-n`), an output format
/// (`env git`), an installed version (`use 1.22.`). fish: `complete -C`.
#[test]
fn fish_completes_values() {
    let (sb, path) = completion_sandbox();
    let file = root().join("completions/goenv-hook.fish");
    let ask = |line: &str| -> Vec<String> {
        let out = sb
            .command(common::require("fish"), &path)
            .arg("--no-config")
            .arg("-c")
            .arg(format!("source '{}'; complete -C '{line}'", file.display()))
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .map(|l| l.split('\t').next().unwrap_or("").to_string())
            .collect()
    };
    assert_eq!(ask("goenv-hook init f"), ["fish"]);
    assert_eq!(
        ask("goenv-hook doctor --ignore path-n"),
        ["path-nonexistent"]
    );
    assert_eq!(ask("goenv-hook env git"), ["github", "gitlab"]);
    assert_eq!(ask("goenv-hook use 1.22."), ["1.22.12"]);
    assert_eq!(ask("goenv-hook use 1.22 z"), ["zsh"]);
    assert_eq!(ask("goenv-hook prompt --shell pl"), ["plain"]);
}

/// bash: the script loaded, its function called as bash calls it (COMP_WORDS,
/// COMP_CWORD, and the command, word and previous word as arguments).
#[test]
fn bash_completes_values() {
    let (sb, path) = completion_sandbox();
    let file = root().join("completions/goenv-hook.bash");
    let ask = |words: &[&str]| -> Vec<String> {
        let cword = words.len() - 1;
        let quoted: Vec<String> = words.iter().map(|w| format!("'{w}'")).collect();
        let script = format!(
            "source '{}'\nCOMP_WORDS=({})\nCOMP_CWORD={cword}\nCOMP_LINE=\"${{COMP_WORDS[*]}}\"\nCOMP_POINT=${{#COMP_LINE}}\n\
             f=$(complete -p goenv-hook | sed -E 's/.* -F ([^ ]+) .*/\\1/')\n\"$f\" goenv-hook '{}' '{}'\nprintf '%s\\n' \"${{COMPREPLY[@]}}\"\n",
            file.display(),
            quoted.join(" "),
            words[cword],
            words[cword - 1],
        );
        let out = sb
            .command(common::require("bash"), &path)
            .args(["--norc", "--noprofile", "-c", &script])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .filter(|l| !l.is_empty())
            .map(String::from)
            .collect()
    };
    assert_eq!(ask(&["goenv-hook", "init", "f"]), ["fish"]);
    assert_eq!(
        ask(&["goenv-hook", "doctor", "--ignore", "path-n"]),
        ["path-nonexistent"]
    );
    assert_eq!(ask(&["goenv-hook", "env", "git"]), ["github", "gitlab"]);
    assert_eq!(ask(&["goenv-hook", "use", "1.22."]), ["1.22.12"]);
}

/// zsh: an interactive zsh under tmux with compinit and the committed
/// `_goenv-hook` on fpath; Tab typed after a partial word, the completed
/// line read from the screen.
#[test]
fn zsh_completes_values() {
    let (sb, path) = completion_sandbox();
    let zdot = sb.path().join("zdot");
    std::fs::create_dir_all(&zdot).unwrap();
    std::fs::write(
        zdot.join(".zshrc"),
        format!(
            "fpath=('{}' $fpath)\nautoload -Uz compinit\ncompinit -u -d '{}/zcompdump'\nPS1='zsh> '\n",
            root().join("completions").display(),
            zdot.display()
        ),
    )
    .unwrap();
    let t = common::Tmux::new("zsh-completion");
    let mut cmd: Vec<String> = vec!["env".into(), "-i".into()];
    for (k, v) in sb.env(&path) {
        cmd.push(format!("{}={}", k.to_str().unwrap(), v.to_str().unwrap()));
    }
    cmd.push(format!("ZDOTDIR={}", zdot.display()));
    cmd.push("TERM=xterm".into());
    cmd.push(common::require("zsh").to_str().unwrap().into());
    cmd.push("-i".into());
    let mut args: Vec<&str> = vec!["new-session", "-d", "-s", "t", "-x", "200", "-y", "50"];
    args.extend(cmd.iter().map(String::as_str));
    t.run(&args);
    let wait_for = |want: &str| {
        let t0 = std::time::Instant::now();
        loop {
            let s = t.screen();
            if s.contains(want) {
                return;
            }
            assert!(
                t0.elapsed() < std::time::Duration::from_secs(20),
                "zsh: no {want:?} on the screen:\n{s}"
            );
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
    };
    wait_for("zsh>");
    for (typed, want) in [
        ("goenv-hook init f", "goenv-hook init fish"),
        (
            "goenv-hook doctor --ignore path-n",
            "goenv-hook doctor --ignore path-nonexistent",
        ),
        ("goenv-hook env gith", "goenv-hook env github"),
        ("goenv-hook use 1.22.", "goenv-hook use 1.22.12"),
    ] {
        t.run(&["send-keys", "-t", "t", "-l", typed]);
        t.run(&["send-keys", "-t", "t", "Tab"]);
        wait_for(want);
        t.run(&["send-keys", "-t", "t", "C-u"]);
    }
}

/// elvish: an interactive elvish under tmux that evaluated the committed
/// script; Tab after a partial word, the completed line read from the
/// screen (one fresh session per case: elvish has no line-kill binding by
/// default).
#[test]
fn elvish_completes_values() {
    let (sb, path) = completion_sandbox();
    let elvish = common::require("elvish");
    let script = root().join("completions/goenv-hook.elv");
    for (i, (typed, want)) in [
        ("goenv-hook init f", "goenv-hook init fish"),
        (
            "goenv-hook doctor --ignore path-n",
            "goenv-hook doctor --ignore path-nonexistent",
        ),
        ("goenv-hook use 1.22.", "goenv-hook use 1.22.12"),
        ("goenv-hook use 1.22 zs", "goenv-hook use 1.22 zsh"),
    ]
    .into_iter()
    .enumerate()
    {
        let t = common::Tmux::new(&format!("elvish-completion-{i}"));
        let mut cmd: Vec<String> = vec!["env".into(), "-i".into()];
        for (k, v) in sb.env(&path) {
            cmd.push(format!("{}={}", k.to_str().unwrap(), v.to_str().unwrap()));
        }
        cmd.push("TERM=xterm".into());
        cmd.push(elvish.to_str().unwrap().into());
        cmd.push("-norc".into());
        let mut args: Vec<&str> = vec!["new-session", "-d", "-s", "t", "-x", "200", "-y", "50"];
        args.extend(cmd.iter().map(String::as_str));
        t.run(&args);
        let wait_for = |want: &str| {
            let t0 = std::time::Instant::now();
            loop {
                let s = t.screen();
                if s.contains(want) {
                    return;
                }
                assert!(
                    t0.elapsed() < std::time::Duration::from_secs(20),
                    "elvish: no {want:?} on the screen:\n{s}"
                );
                std::thread::sleep(std::time::Duration::from_millis(50));
            }
        };
        t.send(&format!(
            "eval (slurp < '{}'); echo loaded",
            script.display()
        ));
        wait_for("\nloaded");
        t.run(&["send-keys", "-t", "t", "-l", typed]);
        t.run(&["send-keys", "-t", "t", "Tab"]);
        wait_for(want);
    }
}
