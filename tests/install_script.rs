//! `scripts/install.sh` as a newcomer runs it: in a fresh clone, with
//! `CARGO_TARGET_DIR` pointing elsewhere (and a stale binary left in the
//! clone's own target/), in a fresh HOME. It installs the binary cargo just
//! built, the completions and man pages where bash-completion, zsh, fish and
//! man find them, and prints the init line for `$SHELL` and what to do next;
//! run again after a change, it installs the new build. One test, because it
//! builds (release, from scratch: minutes). The README's manual completion
//! and man lines are run in a fresh HOME too (no build).

mod common;

use common::{exe, q, require, Sandbox};
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The directory of the cargo (and rustc) running this build: the
/// toolchain itself, so no rustup proxy (and no rustup home) is needed.
fn toolchain_bin() -> PathBuf {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| env!("CARGO").into());
    PathBuf::from(cargo).parent().unwrap().to_path_buf()
}

/// The real cargo home, for the registry cache only (the build is
/// `--locked` and offline-capable; nothing is installed there).
fn cargo_home() -> OsString {
    std::env::var_os("CARGO_HOME").unwrap_or_else(|| {
        Path::new(&std::env::var_os("HOME").expect("HOME"))
            .join(".cargo")
            .into()
    })
}

fn run_install(sb: &Sandbox, clone: &Path, target: &Path, shell: &str) -> String {
    let path = format!("{}:/usr/local/bin:/usr/bin:/bin", toolchain_bin().display());
    let out = sb
        .command(clone.join("scripts/install.sh"), &path)
        .env_remove("XDG_CONFIG_HOME")
        .env_remove("XDG_DATA_HOME")
        .env_remove("XDG_CACHE_HOME")
        .env("CARGO_HOME", cargo_home())
        .env("CARGO_INSTALL_ROOT", sb.home().join(".cargo"))
        .env("CARGO_TARGET_DIR", target)
        .env("SHELL", shell)
        .current_dir(clone)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        out.status.success(),
        "install.sh failed ({}):\n{stdout}\n{}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    stdout
}

#[test]
fn install_sh_in_a_fresh_clone_with_cargo_target_dir_and_a_fresh_home() {
    let sb = Sandbox::new();
    // A fresh HOME: nothing but what the sandbox always has.
    let home = sb.home();
    let clone = sb.path().join("clone");
    let st = Command::new(require("git"))
        .args(["clone", "--quiet"])
        .arg(env!("CARGO_MANIFEST_DIR"))
        .arg(&clone)
        .status()
        .unwrap();
    assert!(st.success(), "git clone of the checkout");
    // An old build where install.sh used to look, whatever CARGO_TARGET_DIR.
    let stale = clone.join("target/release/goenv-hook");
    std::fs::create_dir_all(stale.parent().unwrap()).unwrap();
    std::fs::write(&stale, "#!/bin/sh\necho stale build\n").unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&stale, std::fs::Permissions::from_mode(0o755)).unwrap();
    let target = sb.path().join("target-elsewhere");

    let out = run_install(&sb, &clone, &target, "/usr/bin/zsh");
    let installed = home.join(".cargo/bin/goenv-hook");
    let built = target.join("release/goenv-hook");
    assert!(built.is_file(), "cargo built into CARGO_TARGET_DIR:\n{out}");
    assert_eq!(
        std::fs::read(&installed).unwrap(),
        std::fs::read(&built).unwrap(),
        "the installed binary is the one just built, not {}:\n{out}",
        stale.display()
    );
    let v = Command::new(&installed).arg("--version").output().unwrap();
    assert!(
        v.status.success() && String::from_utf8_lossy(&v.stdout).starts_with("goenv-hook "),
        "{v:?}"
    );
    // The line for $SHELL (zsh), with the full path (not on PATH), the
    // fpath line for the completions, and what to do next.
    let zsh_dir = home.join(".local/share/zsh/site-functions");
    for want in [
        format!("eval \"$({} init zsh)\"", installed.display()),
        format!("fpath+=({})", zsh_dir.display()),
        "~/.zshrc".to_string(),
        "open a new shell".to_string(),
    ] {
        assert!(out.contains(&want), "missing {want:?} in:\n{out}");
    }

    // Completions, each found the way its shell finds them.
    let bash_file = home.join(".local/share/bash-completion/completions/goenv-hook");
    let fish_file = home.join(".config/fish/completions/goenv-hook.fish");
    assert!(bash_file.is_file() && fish_file.is_file() && zsh_dir.join("_goenv-hook").is_file());
    // bash-completion loads `<user dir>/completions/<command>` on first use;
    // the file must define the completion when sourced.
    let o = sb
        .command(require("bash"), "/usr/bin:/bin")
        .args(["--norc", "--noprofile", "-c"])
        .arg(format!(". {}; complete -p goenv-hook", q(&bash_file)))
        .output()
        .unwrap();
    assert!(
        String::from_utf8_lossy(&o.stdout).contains("goenv-hook"),
        "bash: {o:?}"
    );
    // zsh: with the printed fpath line before compinit, `goenv-hook` is
    // completed by _goenv-hook.
    let o = sb
        .command(require("zsh"), "/usr/bin:/bin")
        .args(["-f", "-c"])
        .arg(format!(
            "fpath+=({}); autoload -Uz compinit; compinit -u -d {}; print -r -- $_comps[goenv-hook]",
            q(&zsh_dir),
            q(&sb.path().join("zcompdump"))
        ))
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&o.stdout).trim(),
        "_goenv-hook",
        "zsh: {o:?}"
    );
    // fish loads ~/.config/fish/completions by itself (for a command on
    // PATH).
    let path = format!("{}:/usr/bin:/bin", home.join(".cargo/bin").display());
    let o = sb
        .command(require("fish"), &path)
        .args(["-c", "complete -C'goenv-hook doct'"])
        .output()
        .unwrap();
    assert!(
        String::from_utf8_lossy(&o.stdout).starts_with("doctor"),
        "fish: {o:?}"
    );
    // man finds ROOT/share/man through ROOT/bin on PATH.
    for page in ["goenv-hook", "goenv-hook-doctor"] {
        let o = sb
            .command(require("man"), &path)
            .args(["-w", page])
            .output()
            .unwrap();
        assert_eq!(
            String::from_utf8_lossy(&o.stdout).trim(),
            home.join(format!(".cargo/share/man/man1/{page}.1"))
                .to_str()
                .unwrap(),
            "man -w {page}: {o:?}"
        );
    }

    // A change, and install.sh again (for fish this time): the new build is
    // installed.
    // (A command, not a comment: init drops the hook file's comments.)
    let marker = ": 'install_script test: a newer build'\n";
    let hook = clone.join("shell/goenv.bash");
    let mut text = std::fs::read_to_string(&hook).unwrap();
    text.push_str(marker);
    std::fs::write(&hook, text).unwrap();
    let out = run_install(&sb, &clone, &target, "/usr/bin/fish");
    let init = Command::new(&installed)
        .args(["init", "bash"])
        .env_clear()
        .env("HOME", &home)
        .env("PATH", "/usr/bin:/bin")
        .output()
        .unwrap();
    assert!(
        String::from_utf8_lossy(&init.stdout).contains(marker.trim_end()),
        "the second run installed the new build:\n{out}"
    );
    for want in [
        format!("{} init fish | source", installed.display()),
        "config.fish".to_string(),
    ] {
        assert!(out.contains(&want), "missing {want:?} in:\n{out}");
    }
}

/// The README's manual lines for bash, zsh and fish completions and the man
/// pages work in a fresh HOME (they create the directories they write to),
/// and each tool then finds what they installed.
#[test]
fn readme_completion_and_man_lines_work_in_a_fresh_home() {
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let section = readme
        .split("## Completions and man page")
        .nth(1)
        .expect("README section")
        .split("```")
        .nth(1)
        .expect("code block");
    let lines: Vec<&str> = section
        .lines()
        .filter(|l| {
            l.contains("completions bash")
                || l.contains("completions zsh")
                || l.contains("completions fish")
                || l.contains("man/*.1")
        })
        .collect();
    assert_eq!(lines.len(), 4, "README lines: {section}");
    let sb = Sandbox::new();
    // goenv-hook on PATH as ~/.cargo/bin/goenv-hook, as install.sh puts it.
    let bin = sb.home().join(".cargo/bin");
    std::fs::create_dir_all(&bin).unwrap();
    std::fs::copy(exe(), bin.join("goenv-hook")).unwrap();
    let path = format!("{}:/usr/bin:/bin", bin.display());
    let script = format!("set -e\n{}\n", lines.join("\n"));
    let o = sb
        .command(require("bash"), &path)
        .env_remove("XDG_CONFIG_HOME")
        .env_remove("XDG_DATA_HOME")
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["--norc", "--noprofile", "-c", &script])
        .output()
        .unwrap();
    assert!(o.status.success(), "README lines failed: {o:?}\n{script}");
    let o = sb
        .command(require("fish"), &path)
        .args(["-c", "complete -C'goenv-hook doct'"])
        .output()
        .unwrap();
    assert!(
        String::from_utf8_lossy(&o.stdout).starts_with("doctor"),
        "fish: {o:?}"
    );
    let o = sb
        .command(require("man"), &path)
        .args(["-w", "goenv-hook"])
        .output()
        .unwrap();
    assert!(o.status.success(), "man -w goenv-hook: {o:?}");
    let bash_file = sb
        .home()
        .join(".local/share/bash-completion/completions/goenv-hook");
    assert!(bash_file.is_file(), "{script}");
}
