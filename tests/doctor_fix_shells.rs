//! doctor's fix commands (`checks::set_cmd`, `path_prepend_cmd`,
//! `go_env_w_cmd`, `unset_everywhere_cmd`) parse and do what they say in the real
//! shells: each is checked with the shell's own parser (`bash -n`, `zsh -n`,
//! `dash -n`, `fish --no-execute`, `nu-check`) and then run, and the value
//! that reaches a child process (`printf '%s\0'`, and a stub `go` printing
//! its arguments) is compared byte for byte. Values: plain, with `'`, with a
//! trailing backslash, with U+2019, with `'#` (Nushell's raw-string closer)
//! and with `$`/backticks (which must not expand).

mod common;

use goenv_hook::checks::{go_env_w_cmd, path_prepend_cmd, set_cmd, unset_everywhere_cmd};
use goenv_hook::shell::Shell;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Directory names (they become real directories: fish_add_path only adds
/// existing ones).
const NAMES: [&str; 6] = [
    "plain",
    "it's",
    "trail\\",
    "a\u{2019}b",
    "x'#y'##",
    "$HOME `touch pwned` $(touch pwned)",
];

struct Case {
    dirs: Vec<PathBuf>,
}

fn case(sb: &common::Sandbox) -> Case {
    let dirs: Vec<PathBuf> = NAMES.iter().map(|n| sb.path().join("d").join(n)).collect();
    for d in &dirs {
        std::fs::create_dir_all(d).unwrap();
    }
    // A `go` that prints its arguments, NUL-terminated.
    let go = sb.path().join("bin/go");
    std::fs::write(&go, "#!/bin/sh\nprintf '%s\\0' \"$@\"\n").unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&go, std::fs::Permissions::from_mode(0o755)).unwrap();
    Case { dirs }
}

/// The script for one shell: for every value, set X, print it, run the
/// `go env -w` fix, put the directory in front of PATH and print PATH's first
/// entry, then unset X and print whether it is gone.
fn script(shell: Shell, c: &Case) -> String {
    let mut s = String::new();
    for d in &c.dirs {
        let v = d.to_str().unwrap();
        s.push_str(&set_cmd(Some(shell), "X", v));
        s.push('\n');
        s.push_str(match shell {
            Shell::Fish => "printf '%s\\0' $X\n",
            Shell::Nu => "^printf '%s\\0' $env.X\n",
            _ => "printf '%s\\0' \"$X\"\n",
        });
        s.push_str(&go_env_w_cmd(Some(shell), "GOPATH", v));
        s.push('\n');
        s.push_str(&path_prepend_cmd(Some(shell), v));
        s.push('\n');
        s.push_str(match shell {
            Shell::Fish => "printf '%s\\0' $PATH[1]\n",
            Shell::Nu => "^printf '%s\\0' ($env.PATH | first)\n",
            _ => "printf '%s\\0' \"${PATH%%:*}\"\n",
        });
        // The unset fix as doctor prints it, its reminder comment included.
        s.push_str(&unset_everywhere_cmd(Some(shell), "X"));
        s.push('\n');
        s.push_str(match shell {
            Shell::Fish => "set -q X; or printf 'gone\\0'\n",
            Shell::Nu => "if ('X' not-in $env) { ^printf 'gone\\0' }\n",
            _ => "[ -z \"${X+set}\" ] && printf 'gone\\0'\n",
        });
    }
    s
}

fn expected(c: &Case) -> Vec<u8> {
    let mut out = Vec::new();
    for d in &c.dirs {
        let v = d.to_str().unwrap();
        for item in [
            v.to_string(),
            "env".into(),
            "-w".into(),
            format!("GOPATH={v}"),
            v.into(),
            "gone".into(),
        ] {
            out.extend_from_slice(item.as_bytes());
            out.push(0);
        }
    }
    out
}

fn run(shell: Shell, program: &Path, parse_args: &[&str], run_args: &[&str]) {
    let sb = common::Sandbox::new();
    let c = case(&sb);
    let file = sb.path().join("fix.txt");
    std::fs::write(&file, script(shell, &c)).unwrap();
    let path = format!(
        "{}:{}",
        sb.path().join("bin").display(),
        common::SYSTEM_PATH
    );

    let parse = |args: &[&str]| {
        let mut cmd = sb.command(program, &path);
        cmd.args(args);
        cmd
    };
    let out = if shell == Shell::Nu {
        parse(&["-n", "--no-std-lib", "-c"])
            .arg(format!("nu-check --debug {}", common::q(&file)))
            .output()
            .unwrap()
    } else {
        parse(parse_args).arg(&file).output().unwrap()
    };
    assert!(
        out.status.success(),
        "{shell}: the fix commands don't parse:\n{}{}\n--- script ---\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr),
        std::fs::read_to_string(&file).unwrap()
    );

    let out: std::process::Output = {
        let mut cmd: Command = sb.command(program, &path);
        cmd.args(run_args).arg(&file);
        cmd.output().unwrap()
    };
    assert!(
        out.status.success() && out.stderr.is_empty(),
        "{shell}: running the fix commands failed ({}):\n{}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&expected(&c)),
        "{shell}: values differ\n--- script ---\n{}",
        std::fs::read_to_string(&file).unwrap()
    );
    assert!(
        !sb.home().join("pwned").exists(),
        "{shell}: an injected command ran"
    );
}

#[test]
fn fix_commands_run_in_bash() {
    run(
        Shell::Bash,
        &common::require("bash"),
        &["-n"],
        &["--norc", "--noprofile"],
    );
}

#[test]
fn fix_commands_run_in_zsh() {
    run(Shell::Zsh, &common::require("zsh"), &["-n"], &["-f"]);
}

#[test]
fn fix_commands_run_in_dash() {
    run(Shell::Posix, &common::require("dash"), &["-n"], &[]);
}

#[test]
fn fix_commands_run_in_fish() {
    // Not --no-config for the run: fish_add_path goes through
    // fish_user_paths, which fish's own share/config.fish wires to PATH (the
    // sandbox's HOME and XDG dirs keep it hermetic).
    run(
        Shell::Fish,
        &common::require("fish"),
        &["--no-config", "--no-execute"],
        &[],
    );
}

#[test]
fn fix_commands_run_in_nu() {
    run(
        Shell::Nu,
        &common::nu(),
        &[],
        &["-n", "--no-std-lib", "--no-history"],
    );
}
