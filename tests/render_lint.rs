//! Every renderer's output and every hook, checked by the real parsers and
//! linters: bash -n, zsh -n, dash -n, fish --no-execute, shellcheck, shfmt,
//! fish_indent, nu-check, and a tree-sitter PowerShell parse. Golden files for
//! pwsh and cmd (no real shell here to run pwsh; wine runs cmd in
//! tests/roundtrip.rs): regenerate with `GOENV_HOOK_BLESS=1 cargo test --test render_lint`.

mod common;

use goenv_hook::shell::{render_env, render_init, Op, Shell};
use goenv_hook::sys::platform::Platform;
use std::ffi::OsString;
use std::os::unix::ffi::OsStringExt;
use std::path::{Path, PathBuf};
use std::process::Command;

fn set(name: &str, value: &str) -> Op {
    Op::Set {
        name: name.into(),
        value: value.into(),
    }
}

/// Values hostile to some shell: `"`, CR and newline only when `breaks`,
/// invalid UTF-8 only when `raw`.
fn hostile(breaks: bool, raw: bool) -> Vec<Op> {
    let mut v = vec![
        set("H_EMPTY", ""),
        set("H_SQ", "'"),
        set("H_SQ2", "it's 'quoted' ''"),
        set("H_PSQ", "\u{2018}a\u{2019}b\u{201A}c\u{201B}d’’"),
        set(
            "H_DOLLAR",
            "$HOME ${HOME} $(touch /tmp/goenv-hook-pwned) `touch /tmp/goenv-hook-pwned`",
        ),
        set("H_META", "%PATH% %% ! ^ & | < > ; # ~ ( ) { } [ ] * ? = ,"),
        set("H_BS", "\\"),
        set("H_BS2", "a\\"),
        set("H_BSQ", "\\'"),
        set("H_HASH", "#"),
        set("H_HASHES", "'## '# #'"),
        set("H_TAB", "a\tb  c"),
        set("H_UNI", "Grüße 日本 🎉"),
        Op::Unset {
            name: "H_GONE".into(),
        },
        Op::SetPath {
            entries: vec![
                "/usr/bin".into(),
                "/opt/it's here/bin".into(),
                "".into(),
                "/x$y".into(),
            ],
        },
    ];
    if breaks {
        v.push(set("H_DQ", "\"double\" \\\""));
        v.push(set("H_NL", "a\nb\r\nc\n"));
    }
    if raw {
        v.push(Op::Set {
            name: "H_BYTES".into(),
            value: OsString::from_vec(b"a\xff\xfe'\x80b".to_vec()),
        });
    }
    v
}

/// What the prompt hook prints (`goenv-hook hook <shell> --session N`): the
/// config-error bookkeeping, warnings with hostile text (every quote
/// character, `$(…)`, backticks, `%…%`, cmd's operators, `'#` for Nushell's
/// raw strings, line breaks, a trailing backslash), and the fast path's
/// shell-local lists (`__goenv_hook_watch` with hostile paths, an empty
/// `__goenv_hook_absent`, `__goenv_hook_stamp`); invalid UTF-8 in a watched
/// path only when `raw`.
fn hook_ops(raw: bool) -> Vec<Op> {
    let mut watch: Vec<OsString> = vec![
        "/home/u/.config/goenv-hook/config.toml".into(),
        "/p/it's \"q\" \u{2018}a\u{2019} $(touch /tmp/goenv-hook-pwned)/go.mod".into(),
        "/p/`touch /tmp/goenv-hook-pwned`/%PATH%/!x!/^&|<>;#~/'#/'##/go.work".into(),
        "/p/new\nline/tab\there/trailing\\".into(),
        "".into(),
    ];
    if raw {
        watch.push(OsString::from_vec(b"/p/\xff\xfe'\x80/go.mod".to_vec()));
    }
    vec![
        set("GOENV_HOOK_ERROR", "726e70a236bdd7d0"),
        Op::Warn {
            message: "goenv-hook: config error, environment left as is (run `goenv-hook doctor`): /h/it's \"cfg\".toml:1:13: string values must be quoted".into(),
        },
        Op::Warn {
            message: "'#' \u{2018}\u{2019}\u{201A}\u{201B} $HOME ${X} $(touch /tmp/goenv-hook-pwned) `touch /tmp/goenv-hook-pwned` %PATH% %% ! ^ & | < > ( ) ; # ~ { } [ ] * ? \\".into(),
        },
        Op::Warn {
            message: "first line\n\nthird line\r\n\tfourth \\".into(),
        },
        Op::Warn {
            message: String::new(),
        },
        Op::Local {
            name: "__goenv_hook_watch".into(),
            values: watch,
        },
        Op::Local {
            name: "__goenv_hook_absent".into(),
            values: vec![],
        },
        Op::Local {
            name: "__goenv_hook_stamp".into(),
            values: vec!["/run/user/1000/goenv-hook/4242".into()],
        },
    ]
}

fn op_sets(shell: Shell) -> Vec<(&'static str, Vec<Op>)> {
    let raw = matches!(shell, Shell::Bash | Shell::Zsh | Shell::Posix | Shell::Fish);
    vec![
        ("empty", vec![]),
        (
            "basic",
            vec![
                set("GOPATH", "/home/u/go"),
                Op::Unset {
                    name: "GOROOT".into(),
                },
                Op::SetPath {
                    entries: vec!["/usr/local/go/bin".into(), "/usr/bin".into()],
                },
            ],
        ),
        ("hostile", hostile(shell != Shell::Cmd, raw)),
        ("hook", hook_ops(raw)),
        ("hostile and hook", {
            let mut v = hostile(shell != Shell::Cmd, raw);
            v.extend(hook_ops(raw));
            v
        }),
    ]
}

const EXE: &str = "/opt/my tools/it's \"here\"/goenv-hook";

fn exe_for(shell: Shell) -> &'static str {
    match shell {
        Shell::Cmd => r"C:\Program Files\100% it's (x86)\goenv-hook.exe",
        _ => EXE,
    }
}

fn check(what: &str, program: &Path, args: &[&str], file: &Path) {
    let out = Command::new(program)
        .args(args)
        .arg(file)
        .env("HOME", std::env::temp_dir())
        .output()
        .unwrap_or_else(|e| panic!("running {}: {e}", program.display()));
    assert!(
        out.status.success(),
        "{what}: {} {args:?} {} failed ({}):\n{}{}\n--- file ---\n{}",
        program.display(),
        file.display(),
        out.status,
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr),
        String::from_utf8_lossy(&std::fs::read(file).unwrap()),
    );
}

fn nu_check(what: &str, file: &Path) {
    let nu = common::nu();
    let out = Command::new(nu)
        .env_clear()
        .env("HOME", std::env::temp_dir())
        .args(["-n", "--no-std-lib", "-c"])
        .arg(format!("nu-check --debug '{}'", file.display()))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{what}: nu-check failed:\n{}{}\n--- file ---\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr),
        String::from_utf8_lossy(&std::fs::read(file).unwrap()),
    );
}

struct Tools {
    bash: PathBuf,
    zsh: PathBuf,
    dash: PathBuf,
    fish: PathBuf,
    shellcheck: PathBuf,
    shfmt: PathBuf,
}

fn tools() -> Tools {
    Tools {
        bash: common::require("bash"),
        zsh: common::require("zsh"),
        dash: common::require("dash"),
        fish: common::require("fish"),
        shellcheck: common::require("shellcheck"),
        shfmt: common::require("shfmt"),
    }
}

fn lint(t: &Tools, shell: Shell, what: &str, code: &[u8], dir: &Path) {
    let file = dir.join(format!(
        "{}-{}.{}",
        shell,
        what.replace(' ', "_"),
        ext(shell)
    ));
    std::fs::write(&file, code).unwrap();
    let what = format!("{shell} {what}");
    match shell {
        Shell::Bash => {
            check(&what, &t.bash, &["-n"], &file);
            check(
                &what,
                &t.shellcheck,
                &["-s", "bash", "-S", "warning", "-e", SC_UNICODE_QUOTE],
                &file,
            );
            shfmt(t, &what, "bash", code, &file);
        }
        Shell::Zsh => check(&what, &t.zsh, &["-n"], &file),
        Shell::Posix => {
            check(&what, &t.dash, &["-n"], &file);
            check(
                &what,
                &t.shellcheck,
                &["-s", "sh", "-S", "warning", "-e", SC_UNICODE_QUOTE],
                &file,
            );
            shfmt(t, &what, "posix", code, &file);
        }
        Shell::Fish => check(&what, &t.fish, &["--no-config", "--no-execute"], &file),
        Shell::Nu => nu_check(&what, &file),
        Shell::Pwsh => common::pwsh_check(&what, code),
        Shell::Cmd => {} // no parser for cmd; see the golden files and the wine round trip
    }
}

/// `shfmt -d`: rendered bash and POSIX sh output must be exactly as shfmt
/// formats it (one command per line, arrays as `a=('x' 'y')`), not only
/// parse; the renderers write that form, so nothing legitimately differs.
/// The one exception is the empty output (nothing to apply), which shfmt
/// 3.6 would turn into a blank line. shfmt refuses invalid UTF-8, which the
/// escaper passes through inside single quotes (bash and dash take it, and
/// the parsers above read the real bytes): shfmt reads a copy with those
/// bytes replaced by U+FFFD, which changes no token. zsh has no shfmt
/// dialect: `zsh -n` only.
fn shfmt(t: &Tools, what: &str, dialect: &str, code: &[u8], file: &Path) {
    if code.is_empty() {
        return;
    }
    let text = String::from_utf8_lossy(code);
    if std::str::from_utf8(code).is_ok() {
        check(what, &t.shfmt, &["-d", "-ln", dialect], file);
    } else {
        let copy = file.with_extension("utf8");
        std::fs::write(&copy, text.as_bytes()).unwrap();
        check(what, &t.shfmt, &["-d", "-ln", dialect], &copy);
    }
}

/// SC1112 warns about ‘ ’ inside single quotes ("delete and retype it"):
/// the hostile values contain them on purpose, literally. Info-level hints
/// (SC2016 "expressions don't expand in single quotes", SC1003) describe
/// exactly what the escaper intends, so rendered output is checked at
/// severity warning and up; the hook files are checked at every severity.
const SC_UNICODE_QUOTE: &str = "SC1112";

fn ext(shell: Shell) -> &'static str {
    match shell {
        Shell::Bash => "bash",
        Shell::Zsh => "zsh",
        Shell::Fish => "fish",
        Shell::Posix => "sh",
        Shell::Pwsh => "ps1",
        Shell::Cmd => "cmd",
        Shell::Nu => "nu",
    }
}

#[test]
fn rendered_env_and_init_parse_and_lint_in_every_shell() {
    let t = tools();
    let dir = tempfile::tempdir().unwrap();
    let mut checked = 0;
    for shell in Shell::ALL {
        for platform in [Platform::UNIX, Platform::WINDOWS] {
            for (name, ops) in op_sets(shell) {
                let env = render_env(shell, &ops, platform)
                    .unwrap_or_else(|e| panic!("{shell} {name}: {e}"));
                let p = if platform.is_windows() { "win" } else { "unix" };
                lint(&t, shell, &format!("env {name} {p}"), &env, dir.path());
                // `init` prints the environment in front of the hook file,
                // never the fast path's lists: those come only from
                // `hook <shell> --session`, which the hook function evals
                // (bash treats the one-element __goenv_hook_stamp list as
                // the scalar the hook file reads; shellcheck, seeing both in
                // one file, would flag that pairing with SC2128).
                let init_ops: Vec<Op> = ops
                    .iter()
                    .filter(|op| !matches!(op, Op::Local { .. }))
                    .cloned()
                    .collect();
                let init_env = match shell {
                    Shell::Nu => Vec::new(),
                    _ => render_env(shell, &init_ops, platform).unwrap(),
                };
                let init = render_init(shell, Path::new(exe_for(shell)), &init_env, platform)
                    .unwrap_or_else(|e| panic!("{shell} init {name}: {e}"));
                lint(&t, shell, &format!("init {name} {p}"), &init, dir.path());
                checked += 2;
            }
        }
    }
    assert_eq!(checked, 7 * 2 * 5 * 2);
}

#[test]
fn hook_files_pass_linters_and_formatters() {
    let t = tools();
    let shfmt = common::require("shfmt");
    let fish_indent = common::require("fish_indent");
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("shell");
    let bash = root.join("goenv.bash");
    check("shell/goenv.bash", &t.bash, &["-n"], &bash);
    check("shell/goenv.bash", &t.shellcheck, &["-s", "bash"], &bash);
    check("shell/goenv.bash", &shfmt, &["-d", "-ln", "bash"], &bash);
    check("shell/goenv.zsh", &t.zsh, &["-n"], &root.join("goenv.zsh"));
    check(
        "shell/goenv.fish",
        &t.fish,
        &["--no-config", "--no-execute"],
        &root.join("goenv.fish"),
    );
    nu_check("shell/goenv.nu", &root.join("goenv.nu"));
    common::pwsh_check(
        "shell/goenv.ps1",
        &std::fs::read(root.join("goenv.ps1")).unwrap(),
    );
    // fish_indent would unquote the placeholder on line 1 (which render_init
    // needs quoted); every other line must already be formatted.
    let src = std::fs::read_to_string(root.join("goenv.fish")).unwrap();
    let formatted = Command::new(fish_indent)
        .stdin(std::fs::File::open(root.join("goenv.fish")).unwrap())
        .output()
        .unwrap();
    assert!(formatted.status.success());
    let formatted = String::from_utf8(formatted.stdout).unwrap();
    assert_eq!(
        src.lines().skip(1).collect::<Vec<_>>(),
        formatted.lines().skip(1).collect::<Vec<_>>(),
        "shell/goenv.fish is not fish_indent-formatted"
    );
    // No posix hook file: `init posix` is the environment only.
    assert!(!root.join("goenv.sh").exists());

    // The unhook scripts `deactivate` prints after restoring the environment.
    let unhook = root.join("unhook.bash");
    check("shell/unhook.bash", &t.bash, &["-n"], &unhook);
    check("shell/unhook.bash", &t.shellcheck, &["-s", "bash"], &unhook);
    check("shell/unhook.bash", &shfmt, &["-d", "-ln", "bash"], &unhook);
    check(
        "shell/unhook.zsh",
        &t.zsh,
        &["-n"],
        &root.join("unhook.zsh"),
    );
    check(
        "shell/unhook.fish",
        &t.fish,
        &["--no-config", "--no-execute"],
        &root.join("unhook.fish"),
    );
    common::pwsh_check(
        "shell/unhook.ps1",
        &std::fs::read(root.join("unhook.ps1")).unwrap(),
    );
}

#[test]
fn pwsh_and_cmd_match_golden_files() {
    let w = Platform::WINDOWS;
    let ops = |shell| {
        op_sets(shell)
            .into_iter()
            .find(|(n, _)| *n == "hostile")
            .unwrap()
            .1
    };
    let mut basic = op_sets(Shell::Pwsh)[1].1.clone();
    basic.push(Op::SetPath {
        entries: vec![
            r"C:\Program Files\Go\bin".into(),
            r"C:\Users\José\go\bin".into(),
        ],
    });

    let pwsh_env = render_env(Shell::Pwsh, &ops(Shell::Pwsh), w).unwrap();
    common::golden("pwsh_env.ps1", &pwsh_env);
    let exe = Path::new(r"C:\Program Files\it's ‘goenv’\goenv-hook.exe");
    let pwsh_init = render_init(
        Shell::Pwsh,
        exe,
        &render_env(Shell::Pwsh, &basic, w).unwrap(),
        w,
    )
    .unwrap();
    common::pwsh_check("golden pwsh init", &pwsh_init);
    common::golden("pwsh_init.ps1", &pwsh_init);

    let cmd_env = render_env(Shell::Cmd, &ops(Shell::Cmd), w).unwrap();
    common::golden("cmd_env.cmd", &cmd_env);
    let exe = Path::new(exe_for(Shell::Cmd));
    let cmd_init = render_init(
        Shell::Cmd,
        exe,
        &render_env(Shell::Cmd, &basic, w).unwrap(),
        w,
    )
    .unwrap();
    common::golden("cmd_init.cmd", &cmd_init);

    // What the prompt hook prints: warnings (cmd: `@>&2 echo` with its
    // operators escaped), no shell-local lists (only bash, zsh and fish use
    // them).
    let pwsh_hook = render_env(Shell::Pwsh, &hook_ops(false), w).unwrap();
    common::golden("pwsh_hook.ps1", &pwsh_hook);
    let cmd_hook = render_env(Shell::Cmd, &hook_ops(false), w).unwrap();
    common::golden("cmd_hook.cmd", &cmd_hook);
}

#[test]
fn refused_values_name_the_shell_and_variable() {
    let dq = [set("Q", "say \"hi\"")];
    let e = render_env(Shell::Cmd, &dq, Platform::WINDOWS).unwrap_err();
    assert!(e.to_string().contains("cannot set Q for cmd"), "{e}");
    let nl = [set("N", "a\nb")];
    assert!(render_env(Shell::Cmd, &nl, Platform::WINDOWS)
        .unwrap_err()
        .message
        .contains("line break"));
    let bytes = [Op::Set {
        name: "B".into(),
        value: OsString::from_vec(b"\xff".to_vec()),
    }];
    for shell in [Shell::Pwsh, Shell::Cmd, Shell::Nu] {
        let e = render_env(shell, &bytes, Platform::UNIX).unwrap_err();
        assert!(e.message.contains("UTF-8"), "{shell}: {e}");
    }
    assert!(goenv_hook::shell::render_json(&bytes).is_err());
    for shell in [Shell::Bash, Shell::Zsh, Shell::Posix, Shell::Fish] {
        assert!(render_env(shell, &bytes, Platform::UNIX).is_ok());
    }
}

#[test]
#[should_panic(expected = "PowerShell parse error")]
fn pwsh_check_rejects_broken_code() {
    common::pwsh_check(
        "self-test",
        b"Set-Item -LiteralPath 'Env:A' -Value 'unterminated\n",
    );
}

#[test]
#[should_panic(expected = "undoubled quote character")]
fn pwsh_check_rejects_undoubled_typographic_quotes() {
    // tree-sitter accepts this; real PowerShell ends the string at ’.
    common::pwsh_check(
        "self-test",
        "Set-Item -LiteralPath 'Env:A' -Value 'a\u{2019}b'\n".as_bytes(),
    );
}
